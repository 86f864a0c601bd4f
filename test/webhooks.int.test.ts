/**
 * Webhooks end to end on DynamoDB Local: commit items written to the events table, read back from
 * its stream by the local stream poller and fed to the real notifier handler; a sweeper runs the
 * deliverer's `runDueDeliveries`; a real HTTP receiver on 127.0.0.1 answers as each test scripts.
 */
const TEST_ENV = { DEMARCHE_ALLOW_PRIVATE_WEBHOOKS: '1', DEMARCHE_RETRY_SCHEDULE: '200ms,200ms,200ms', DEMARCHE_WEBHOOK_TIMEOUT_MS: '500' };
const savedEnv = Object.fromEntries(Object.keys(TEST_ENV).map((k) => [k, process.env[k]]));
Object.assign(process.env, TEST_ENV);

import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { Webhook } from 'standardwebhooks';
import { transcriptStream, topicStream, type PendingEvent, type StoredEvent } from '../lambdas/core/events';
import { randomUlid } from '../lambdas/core/ids';
import { toEnvelopes } from '../lambdas/core/transcript-events';
import { ConflictError, ValidationError } from '../lambdas/core/webhooks/errors';
import { deliveryIdFor } from '../lambdas/core/webhooks/messages';
import { encodeCommits } from '../lambdas/adapters/event-commits';
import { WEBHOOKS_TABLE } from '../lambdas/adapters/table-definitions';
import { CLAIM_RETENTION_SECONDS } from '../lambdas/adapters/webhooks-store';
import { createWebhookRuntime, resetWebhookRuntime, webhookRuntime } from '../lambdas/adapters/webhook-runtime';
import { createHttpWebhookSender } from '../lambdas/adapters/webhook-sender';
import { runDueDeliveries } from '../lambdas/deliverer/handler';
import { handler as notifierHandler } from '../lambdas/notifier/handler';
import { startStreamPoller, type StreamPoller } from '../local/stream-poller';
import { useLocalArchive } from './support/local-archive';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// --- a scripted receiver ---------------------------------------------------------------------

type Reply = number | 'hang' | { status: number; location: string };
interface Received {
  readonly headers: Record<string, string>;
  readonly body: string;
}

const startReceiver = async () => {
  const scripts = new Map<string, Reply[]>();
  const received = new Map<string, Received[]>();
  const server = http.createServer((req, res) => {
    const name = (req.url ?? '/').split('/')[2] ?? '';
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      received.set(name, [...(received.get(name) ?? []), { headers, body: Buffer.concat(chunks).toString('utf8') }]);
      const reply = scripts.get(name)?.shift() ?? 200;
      if (reply === 'hang') {
        const t = setTimeout(() => res.writeHead(200).end(), 3_000);
        res.on('close', () => clearTimeout(t));
      } else if (typeof reply === 'number') {
        res.writeHead(reply).end();
      } else {
        res.writeHead(reply.status, { location: reply.location }).end();
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (name: string) => `http://127.0.0.1:${port}/hook/${name}`,
    script: (name: string, replies: Reply[]) => scripts.set(name, [...replies]),
    requests: (name: string): Received[] => received.get(name) ?? [],
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
};

// --- events written as commit items ------------------------------------------------------------

const T0 = Date.UTC(2026, 10, 27, 9);
const source = (id: string) => ({ bucket: 'b', key: `${id}.txt`, etag: 'e' });

/** The events of one revision: received, parsed, one statement per topic, one TopicDetected per topic. */
const revisionEvents = (id: string, revision: number, topics: readonly string[], startVersion: number, rejected = false): StoredEvent[] => {
  const pending: PendingEvent[] = [
    { type: 'TranscriptReceived', data: { transcriptId: id, revision, source: source(id), sha256: `s${revision}`, bytes: 10, metadata: {} } },
  ];
  if (rejected) {
    pending.push({ type: 'TranscriptRejected', data: { transcriptId: id, revision, source: source(id), reason: 'binary', detail: 'not text' } });
  } else {
    pending.push({
      type: 'TranscriptParsed',
      data: { transcriptId: id, revision, title: `Briefing ${id}`, date: '2026-11-20', speakers: [], statementCount: topics.length, wordCount: 9, language: 'en' },
    });
    topics.forEach((topic, i) => {
      const text = `Statement ${i + 1} about ${topic}.`;
      pending.push({ type: 'StatementRecorded', data: { transcriptId: id, revision, seq: i + 1, text, span: [0, text.length] } });
      pending.push({
        type: 'TopicDetected',
        data: { transcriptId: id, revision, topic, score: 1, statementSeqs: [i + 1], evidence: [{ seq: i + 1, text }] },
      });
    });
  }
  return toEnvelopes(transcriptStream(id), startVersion, pending, T0 + revision * 60_000);
};

describe('webhooks (DynamoDB Local, real receiver)', () => {
  const archive = useLocalArchive();
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let poller: StreamPoller;
  let sweeping = true;
  let sweeper: Promise<void>;
  const service = () => webhookRuntime().service;

  const append = async (events: readonly StoredEvent[]) => {
    const items = encodeCommits(events, { newCommitId: () => randomUlid(), committedAtMs: Date.now() });
    for (const { item } of items) {
      await archive.dynamo.send(new PutItemCommand({ TableName: archive.tables.events, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    }
    return items;
  };
  const waitFor = async (condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(25);
    }
  };
  /** Lets the stream and the sweeper settle, so "nothing more arrived" means something. */
  const settle = async () => {
    await poller.drain();
    await sleep(700);
  };
  const bodyOf = (r: Received) => JSON.parse(r.body) as { type: string; data: Record<string, any> };

  beforeAll(async () => {
    resetWebhookRuntime();
    receiver = await startReceiver();
    poller = await startStreamPoller({ dynamo: archive.dynamo, tableName: archive.tables.events, onBatch: notifierHandler, intervalMs: 50 });
    sweeper = (async () => {
      while (sweeping) {
        await runDueDeliveries().catch(() => undefined);
        await sleep(50);
      }
    })();
  });

  afterAll(async () => {
    sweeping = false;
    await sweeper;
    await poller?.stop();
    receiver?.close();
    resetWebhookRuntime();
    // Jest reuses this worker for other files: leave the environment as it was.
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('delivers a subscribed topic once, signed so that standardwebhooks verifies it, and nothing for other topics', async () => {
    const a = await service().createSubscription({ url: receiver.url('a'), topics: ['sanctions'] });
    const b = await service().createSubscription({ url: receiver.url('b'), topics: ['energy'] });
    expect(a.secret).toMatch(/^whsec_/);
    expect(a.subscription).toMatchObject({ topics: ['sanctions'], events: ['topic.detected'], status: 'enabled' });

    await append(revisionEvents('t-one', 1, ['sanctions', 'human-rights'], 1));
    await waitFor(() => receiver.requests('a').length >= 1, 'delivery to a');
    await settle();

    expect(receiver.requests('a')).toHaveLength(1);
    expect(receiver.requests('b')).toHaveLength(0);
    const [request] = receiver.requests('a');
    const payload = new Webhook(a.secret).verify(request!.body, request!.headers);
    expect(payload).toEqual({
      type: 'topic.detected',
      timestamp: new Date(T0 + 60_000).toISOString(),
      data: {
        topic: 'sanctions',
        transcript: { id: 't-one', title: 'Briefing t-one', date: '2026-11-20', revision: 1 },
        evidence: [{ seq: 1, text: 'Statement 1 about sanctions.' }],
        links: { transcript: '/transcripts/t-one', events: '/transcripts/t-one/events' },
      },
    });
    expect(request!.headers['webhook-id']).toBe(
      deliveryIdFor(a.subscription.id, { type: 'topic.detected', transcriptId: 't-one', revision: 1, topic: 'sanctions' }),
    );
    await waitFor(async () => (await service().listDeliveries(a.subscription.id)).items[0]?.status === 'succeeded', 'the attempt recorded');
    const deliveries = await service().listDeliveries(a.subscription.id);
    expect(deliveries.items).toHaveLength(1);
    expect(deliveries.items[0]).toMatchObject({ status: 'succeeded', type: 'topic.detected', attempts: [{ statusCode: 200, outcome: 'succeeded' }] });
    expect((await service().listDeliveries(b.subscription.id)).items).toHaveLength(0);
  });

  it('creates nothing new when the same stream record comes twice or the same commit is written again', async () => {
    const c = await service().createSubscription({ url: receiver.url('dup'), topics: ['rule-of-law'] });
    const [commit] = await append(revisionEvents('t-dup', 1, ['rule-of-law'], 1));
    await waitFor(() => receiver.requests('dup').length >= 1, 'first delivery');
    await poller.drain(); // the first record handled: its fan-out is done

    const { Item } = await archive.dynamo.send(new GetItemCommand({ TableName: archive.tables.events, Key: { pk: commit!.item.pk!, sk: commit!.item.sk! } }));
    const image = Object.fromEntries(Object.entries(Item!).map(([k, v]) => [k, v.B ? { B: Buffer.from(v.B).toString('base64') } : v]));
    const redelivered = { Records: [{ eventID: '1', eventName: 'INSERT', eventSource: 'aws:dynamodb', dynamodb: { NewImage: image, SequenceNumber: '42' } }] } as DynamoDBStreamEvent;
    await expect(notifierHandler(redelivered)).resolves.toEqual({ batchItemFailures: [] });
    await expect(notifierHandler(redelivered)).resolves.toEqual({ batchItemFailures: [] });
    await archive.dynamo.send(new PutItemCommand({ TableName: archive.tables.events, Item: Item! })); // the same upload stored again
    await settle();

    expect(receiver.requests('dup')).toHaveLength(1);
    expect((await service().listDeliveries(c.subscription.id)).items).toHaveLength(1);
  });

  it('retries 500, 500, 200 as three attempts with the same webhook-id', async () => {
    receiver.script('flaky', [500, 500, 200]);
    const s = await service().createSubscription({ url: receiver.url('flaky'), topics: ['elections'] });
    await append(revisionEvents('t-flaky', 1, ['elections'], 1));
    await waitFor(() => receiver.requests('flaky').length >= 3, 'three attempts');
    await settle();

    const requests = receiver.requests('flaky');
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
    for (const r of requests) expect(() => new Webhook(s.secret).verify(r.body, r.headers)).not.toThrow();
    await waitFor(async () => (await service().listDeliveries(s.subscription.id)).items[0]?.status === 'succeeded', 'the last attempt recorded');
    const [delivery] = (await service().listDeliveries(s.subscription.id)).items;
    expect(delivery!.status).toBe('succeeded');
    expect(delivery!.attempts.map((a) => a.statusCode)).toEqual([500, 500, 200]);
    expect(delivery!.attempts[0]!.nextAttemptAt).toBeDefined();
    expect(delivery!.attempts[2]!.nextAttemptAt).toBeUndefined();
  });

  it('disables a subscription at once on 410, holds later events, and replays them after re-enabling', async () => {
    receiver.script('gone', [410]);
    const s = await service().createSubscription({ url: receiver.url('gone'), topics: ['climate-change'] });
    const since = new Date(Date.now() - 1_000).toISOString();
    await append(revisionEvents('t-gone', 1, ['climate-change'], 1));
    await waitFor(async () => (await service().getSubscription(s.subscription.id)).status === 'disabled', 'disabled');
    expect(await service().getSubscription(s.subscription.id)).toMatchObject({ status: 'disabled', disabledReason: 'gone' });

    await append(revisionEvents('t-gone-2', 1, ['climate-change'], 1));
    await settle();
    expect(receiver.requests('gone')).toHaveLength(1);
    const statuses = (await service().listDeliveries(s.subscription.id)).items.map((d) => d.status).sort();
    expect(statuses).toEqual(['dead', 'held']);

    await service().enableSubscription(s.subscription.id);
    await expect(service().replay(s.subscription.id, since)).resolves.toEqual({ replayed: 2 });
    await waitFor(() => receiver.requests('gone').length >= 3, 'replayed deliveries');
    const ids = receiver.requests('gone').map((r) => r.headers['webhook-id']);
    expect(ids[1] === ids[0] || ids[2] === ids[0]).toBe(true); // the 410'd message again, same id
  });

  it('retries a delivery whose receiver timed out', async () => {
    receiver.script('slow', ['hang', 200]);
    const s = await service().createSubscription({ url: receiver.url('slow'), topics: ['public-health'] });
    await append(revisionEvents('t-slow', 1, ['public-health'], 1));
    await waitFor(async () => (await service().listDeliveries(s.subscription.id)).items[0]?.status === 'succeeded', 'success after timeout');

    const [delivery] = (await service().listDeliveries(s.subscription.id)).items;
    expect(delivery!.attempts).toHaveLength(2);
    expect(delivery!.attempts[0]).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/timeout/) });
    expect(delivery!.attempts[0]!.statusCode).toBeUndefined();
    expect(delivery!.attempts[1]).toMatchObject({ outcome: 'succeeded', statusCode: 200 });
    const ids = receiver.requests('slow').map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it('does not follow redirects: a 3xx is a failed attempt, and the delivery dies after the last', async () => {
    const redirect = { status: 302, location: receiver.url('elsewhere') };
    receiver.script('moved', [redirect, redirect, redirect, redirect]);
    const s = await service().createSubscription({ url: receiver.url('moved'), topics: ['press-freedom'] });
    await append(revisionEvents('t-moved', 1, ['press-freedom'], 1));
    await waitFor(async () => (await service().listDeliveries(s.subscription.id)).items[0]?.status === 'dead', 'dead delivery');
    await settle();

    expect(receiver.requests('moved')).toHaveLength(4); // 0 s + the three retries of the schedule
    expect(receiver.requests('elsewhere')).toHaveLength(0);
    const [delivery] = (await service().listDeliveries(s.subscription.id)).items;
    expect(delivery!.attempts.map((a) => a.statusCode)).toEqual([302, 302, 302, 302]);
    expect(delivery!.attempts[0]!.error).toMatch(/redirect .* not followed/);
    expect(delivery!.nextAttemptAt).toBeUndefined();
  });

  it('signs with the old and the new secret during the overlap after a rotation', async () => {
    const s = await service().createSubscription({ url: receiver.url('rotated'), topics: ['sovereignty'] });
    const { secret: fresh, previousExpiresAt } = await service().rotateSecret(s.subscription.id);
    expect(fresh).not.toBe(s.secret);
    expect(Date.parse(previousExpiresAt) - Date.now()).toBeGreaterThan(23.9 * 3600_000);

    const ping = await service().ping(s.subscription.id);
    expect(ping).toMatchObject({ type: 'ping', status: 'succeeded' });
    const [request] = receiver.requests('rotated');
    expect(request!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(s.secret).verify(request!.body, request!.headers)).toMatchObject({ type: 'ping' });
    expect(new Webhook(fresh).verify(request!.body, request!.headers)).toMatchObject({ type: 'ping' });
  });

  it('replays delivered messages with their webhook ids', async () => {
    const s = await service().createSubscription({ url: receiver.url('replay'), topics: ['anti-corruption'] });
    const since = new Date(Date.now() - 1_000).toISOString();
    await append(revisionEvents('t-replay', 1, ['anti-corruption'], 1));
    await waitFor(async () => (await service().listDeliveries(s.subscription.id)).items[0]?.status === 'succeeded', 'first delivery recorded');
    expect(receiver.requests('replay')).toHaveLength(1);

    await expect(service().replay(s.subscription.id, since)).resolves.toEqual({ replayed: 1 });
    await waitFor(() => receiver.requests('replay').length >= 2, 'replayed delivery');
    const [first, again] = receiver.requests('replay');
    expect(again!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(again!.body).toBe(first!.body);
    expect(() => new Webhook(s.secret).verify(again!.body, again!.headers)).not.toThrow();
    await expect(service().replay(s.subscription.id, new Date(Date.now() + 60_000).toISOString())).resolves.toEqual({ replayed: 0 });
    await expect(service().replay(s.subscription.id, 'yesterday')).rejects.toBeInstanceOf(ValidationError);
  });

  it('announces a topic again only when a new revision mentions it for the first time', async () => {
    const s = await service().createSubscription({ url: receiver.url('revisions'), topics: ['*'] });
    const rev1 = revisionEvents('t-rev', 1, ['security-cooperation'], 1);
    await append(rev1);
    await append(revisionEvents('t-rev', 2, ['security-cooperation', 'environment'], rev1.length + 1));
    await waitFor(() => receiver.requests('revisions').length >= 2, 'two deliveries');
    await settle();

    const seen = receiver.requests('revisions').map((r) => bodyOf(r).data);
    expect(seen.map((d) => [d.topic, d.transcript.revision])).toEqual([
      ['security-cooperation', 1],
      ['environment', 2],
    ]);
    expect((await service().listDeliveries(s.subscription.id)).items).toHaveLength(2);
  });

  it('sends topic.first_seen and transcript.rejected to subscriptions that ask for them', async () => {
    const s = await service().createSubscription({
      url: receiver.url('asked'),
      topics: ['armed-conflict'],
      events: ['topic.first_seen', 'transcript.rejected'],
    });
    await append(revisionEvents('t-first', 1, ['armed-conflict'], 1));
    await append(
      toEnvelopes(topicStream('armed-conflict'), 1, [{ type: 'TopicFirstSeen', data: { topic: 'armed-conflict', transcriptId: 't-first', statementSeqs: [1] } }], T0 + 90_000),
    );
    await append(revisionEvents('t-bad', 1, [], 1, true));
    await waitFor(() => receiver.requests('asked').length >= 2, 'two deliveries');
    await settle();

    const bodies = receiver.requests('asked').map((r) => new Webhook(s.secret).verify(r.body, r.headers) as { type: string; data: any });
    expect(bodies.map((b) => b.type).sort()).toEqual(['topic.first_seen', 'transcript.rejected']);
    expect(bodies.find((b) => b.type === 'topic.first_seen')!.data).toMatchObject({
      topic: 'armed-conflict',
      transcript: { id: 't-first', title: 'Briefing t-first', revision: 1 },
    });
    expect(bodies.find((b) => b.type === 'transcript.rejected')!.data).toMatchObject({ transcriptId: 't-bad', reason: 'binary' });
  });

  it('claims a message for one notifier at a time, and reads and saves deliveries in batches', async () => {
    const { store } = webhookRuntime();
    const at = (s: number) => new Date(Date.UTC(2026, 10, 27, 12, 0, s)).toISOString();
    expect(await store.claimMessages(['msk_a', 'msk_b'], 'one', at(40), at(0))).toEqual(['fresh', 'fresh']);
    expect(await store.claimMessages(['msk_a', 'msk_c'], 'two', at(45), at(5))).toEqual(['busy', 'fresh']); // a: one's lease lasts
    await store.settleMessages(['msk_a'], 'one', 'released', at(6));
    expect(await store.claimMessages(['msk_a'], 'two', at(47), at(7))).toEqual(['resumed']);
    await expect(store.settleMessages(['msk_a'], 'one', 'done', at(8))).rejects.toThrow(ConflictError); // no longer one's
    await store.settleMessages(['msk_a'], 'two', 'done', at(8));
    expect(await store.claimMessages(['msk_a', 'msk_b'], 'three', at(200), at(100))).toEqual(['done', 'resumed']); // b: one's lease ended
    // Claims expire through the table's TTL a week after they were taken.
    const claim = await archive.dynamo.send(
      new GetItemCommand({ TableName: archive.tables.webhooks, Key: { pk: { S: 'msg#msk_c' }, sk: { S: 'claim' } } }),
    );
    expect(WEBHOOKS_TABLE.timeToLiveAttribute).toBe('ttl');
    expect(Number(claim.Item?.ttl?.N)).toBe(Date.parse(at(5)) / 1000 + CLAIM_RETENTION_SECONDS);

    const delivery = (i: number) => ({
      id: `msg_batch${i}`,
      subscriptionId: 'sub_batch',
      type: 'topic.detected' as const,
      eventId: `e${i}`,
      body: '{}',
      createdAt: new Date().toISOString(),
      status: 'pending' as const,
      attemptCount: 1,
      attempts: [],
      version: 1,
    });
    await store.putDeliveries(Array.from({ length: 105 }, (_, i) => delivery(i)));
    const read = await store.getDeliveries(['msg_batch104', 'msg_none', ...Array.from({ length: 104 }, (_, i) => `msg_batch${i}`)]);
    expect(read.map((d) => d?.id)).toEqual(['msg_batch104', undefined, ...Array.from({ length: 104 }, (_, i) => `msg_batch${i}`)]);

    const saved = await store.saveDeliveries([
      { delivery: { ...delivery(3), status: 'succeeded', version: 2 }, expectedVersion: 1 },
      { delivery: { ...delivery(4), status: 'succeeded', version: 3 }, expectedVersion: 2 },
      { delivery: { ...delivery(5), status: 'dead', version: 2 }, expectedVersion: 1 },
    ]);
    expect(saved).toEqual([true, false, true]);
    expect(await store.getDelivery('msg_batch3')).toMatchObject({ status: 'succeeded', version: 2 });
    expect(await store.getDelivery('msg_batch4')).toMatchObject({ status: 'pending', version: 1 });
  });

  it('refuses loopback, private, metadata and loopback-resolving targets when private targets are off', async () => {
    const strict = createWebhookRuntime({ env: { ...process.env, DEMARCHE_ALLOW_PRIVATE_WEBHOOKS: '0' } });
    try {
      for (const url of ['http://127.0.0.1:9/x', 'http://10.0.0.1/x', 'http://[::1]:9/x', 'http://169.254.169.254/latest/meta-data', `http://localhost:${receiver.port}/hook/never`]) {
        await expect(strict.service.createSubscription({ url, topics: ['energy'] })).rejects.toBeInstanceOf(ValidationError);
      }
    } finally {
      strict.close();
    }
    // At connect time too: a name resolving to loopback (also after "rebinding") is refused, the metadata address always.
    const guarded = createHttpWebhookSender({ allowPrivate: false, timeoutMs: 500 });
    const rebinding = createHttpWebhookSender({ allowPrivate: false, timeoutMs: 500, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    const lenient = createHttpWebhookSender({ allowPrivate: true, timeoutMs: 500, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    try {
      const request = { headers: { 'content-type': 'application/json' }, body: '{}' };
      expect((await guarded.send({ ...request, url: `http://localhost:${receiver.port}/hook/never` })).error).toMatch(/refused/);
      expect((await guarded.send({ ...request, url: `http://[::1]:${receiver.port}/hook/never` })).error).toMatch(/refused/);
      expect((await rebinding.send({ ...request, url: `http://hooks.example.com:${receiver.port}/hook/never` })).error).toMatch(/refused.*127\.0\.0\.1/);
      expect((await lenient.send({ ...request, url: 'http://169.254.169.254/latest/meta-data' })).error).toMatch(/refused.*metadata/);
      expect(receiver.requests('never')).toHaveLength(0);
      // The same lookup, with private targets allowed, does connect: the guard is what refused above.
      expect((await lenient.send({ ...request, url: `http://hooks.example.com:${receiver.port}/hook/allowed` })).statusCode).toBe(200);
      expect(receiver.requests('allowed')).toHaveLength(1);
    } finally {
      guarded.close();
      rebinding.close();
      lenient.close();
    }
  });
});
