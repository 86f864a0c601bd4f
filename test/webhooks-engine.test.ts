import { fixedClock } from '../lambdas/core/clock';
import { transcriptStream, type PendingEvent, type StoredEvent } from '../lambdas/core/events';
import { toEnvelopes } from '../lambdas/core/transcript-events';
import { createDeliveryEngine } from '../lambdas/core/webhooks/delivery';
import { ConflictError, NotFoundError, ValidationError } from '../lambdas/core/webhooks/errors';
import { messageKeyFor, messagesFromEvents } from '../lambdas/core/webhooks/messages';
import { createNotifier, MessageBusyError, newDelivery } from '../lambdas/core/webhooks/notifier';
import type { SendRequest, SendResult } from '../lambdas/core/webhooks/ports';
import { createWebhookService } from '../lambdas/core/webhooks/service';
import { createWebhookRuntime, webhookConfigFromEnv } from '../lambdas/adapters/webhook-runtime';
import { memoryWebhookStore } from './support/memory-webhook-store';

const T0 = Date.UTC(2026, 10, 27, 12);
const DAY = 24 * 3600_000;

/** A sender answering from a script (status codes, or an error text), recording what it was asked. */
const scriptedSender = () => {
  const script: (number | string)[] = [];
  const sent: SendRequest[] = [];
  return {
    script,
    sent,
    send: async (request: SendRequest): Promise<SendResult> => {
      sent.push(request);
      const next = script.shift() ?? 200;
      return typeof next === 'number' ? { statusCode: next, latencyMs: 3 } : { latencyMs: 3, error: next };
    },
  };
};

const revision = (id: string, rev: number, topics: string[], startVersion: number, atMs = T0): StoredEvent[] => {
  const pending: PendingEvent[] = [
    { type: 'TranscriptParsed', data: { transcriptId: id, revision: rev, title: `T ${id}`, speakers: [], statementCount: 1, wordCount: 3, language: 'en' } },
    ...topics.map(
      (topic): PendingEvent => ({
        type: 'TopicDetected',
        data: { transcriptId: id, revision: rev, topic, score: 1, statementSeqs: [1], evidence: [{ seq: 1, text: `about ${topic}` }] },
      }),
    ),
  ];
  return toEnvelopes(transcriptStream(id), startVersion, pending, atMs);
};

const setup = (schedule: number[] = [0, 1000, 2000]) => {
  const clock = fixedClock(T0);
  const store = memoryWebhookStore();
  const sender = scriptedSender();
  const streams = new Map<string, StoredEvent[]>();
  const dead: string[] = [];
  const engine = createDeliveryEngine({ store, sender, clock, random: () => 0.5, schedule, leaseMs: 15_000, onDead: (d) => dead.push(d.id) });
  const notifier = createNotifier({ store, engine, reader: { readTranscript: async (id) => streams.get(id) ?? [] }, clock });
  let n = 0;
  const service = createWebhookService({
    store,
    engine,
    clock,
    randomBytes: (k) => new Uint8Array(k).fill(++n),
    newSubscriptionId: () => `sub_${++n}`,
    requireHttps: true,
    allowPrivate: false,
  });
  /** Appends events to the fake log and notifies, as the stream would. */
  const publish = async (events: StoredEvent[]) => {
    for (const e of events) {
      const id = (e.data as { transcriptId: string }).transcriptId;
      streams.set(id, [...(streams.get(id) ?? []), e]);
    }
    return notifier.notify(events);
  };
  return { clock, store, sender, engine, notifier, service, publish, dead };
};

describe('delivery engine', () => {
  it('retries a failing delivery on the schedule (jitter included) and marks it dead after the last attempt', async () => {
    const { clock, store, sender, engine, service, publish, dead } = setup();
    const { subscription } = await service.createSubscription({ url: 'https://hooks.example.com/a', topics: ['sanctions'] });
    sender.script.push(500, 'socket hang up', 503);
    await publish(revision('t1', 1, ['sanctions'], 1));
    let [d] = [...store.deliveries.values()];
    expect(d).toMatchObject({ status: 'pending', attemptCount: 1, nextAttemptAt: new Date(T0 + 1000).toISOString() });

    expect(await engine.runDue()).toEqual({ due: 0, attempted: 0 }); // not yet due
    clock.advance(1000);
    expect(await engine.runDue()).toEqual({ due: 1, attempted: 1 });
    clock.advance(2000);
    expect(await engine.runDue()).toEqual({ due: 1, attempted: 1 });
    clock.advance(60_000);
    expect(await engine.runDue()).toEqual({ due: 0, attempted: 0 });

    d = store.deliveries.get(d!.id);
    expect(d!.status).toBe('dead');
    expect(d!.dueAt).toBeUndefined();
    expect(d!.attempts.map((a) => [a.statusCode, a.error, a.outcome])).toEqual([
      [500, undefined, 'failed'],
      [undefined, 'socket hang up', 'failed'],
      [503, undefined, 'failed'],
    ]);
    expect(new Set(sender.sent.map((r) => r.headers['webhook-id']))).toEqual(new Set([d!.id]));
    expect(dead).toEqual([d!.id]); // reported once, when the schedule was spent
    expect((await service.getSubscription(subscription.id)).failingSince).toBe(new Date(T0).toISOString());
  });

  it('disables a subscription failing every attempt for 5 days, and a success clears the record', async () => {
    const { clock, sender, service, publish } = setup([0]);
    const { subscription } = await service.createSubscription({ url: 'https://hooks.example.com/a', topics: ['energy'] });
    sender.script.push(500);
    await publish(revision('t1', 1, ['energy'], 1));
    expect((await service.getSubscription(subscription.id)).failingSince).toBeDefined();
    clock.advance(DAY);
    await publish(revision('t2', 1, ['energy'], 1, clock.now())); // a success
    expect((await service.getSubscription(subscription.id)).failingSince).toBeUndefined();

    sender.script.push(500, 500, 500);
    await publish(revision('t3', 1, ['energy'], 1, clock.now()));
    clock.advance(5 * DAY - 1);
    await publish(revision('t4', 1, ['energy'], 1, clock.now()));
    expect((await service.getSubscription(subscription.id)).status).toBe('enabled');
    clock.advance(1);
    await publish(revision('t5', 1, ['energy'], 1, clock.now()));
    expect(await service.getSubscription(subscription.id)).toMatchObject({ status: 'disabled', disabledReason: 'failing' });
  });

  it('disables at once on 410 and holds later deliveries unsent', async () => {
    const { store, sender, service, publish, dead } = setup();
    const { subscription } = await service.createSubscription({ url: 'https://hooks.example.com/a', topics: ['energy'] });
    sender.script.push(410);
    await publish(revision('t1', 1, ['energy'], 1));
    expect(await service.getSubscription(subscription.id)).toMatchObject({ status: 'disabled', disabledReason: 'gone' });
    await publish(revision('t2', 1, ['energy'], 1));
    expect(sender.sent).toHaveLength(1);
    expect([...store.deliveries.values()].map((d) => d.status).sort()).toEqual(['dead', 'held']);
    expect(dead).toHaveLength(1);
    await expect(service.ping(subscription.id)).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('notifier', () => {
  it('creates one delivery per (message, subscription) and nothing on a repeat of the same events', async () => {
    const { sender, store, publish, notifier, service } = setup();
    await service.createSubscription({ url: 'https://hooks.example.com/a', topics: ['sanctions'] });
    await service.createSubscription({ url: 'https://hooks.example.com/b', topics: ['*'] });
    await service.createSubscription({ url: 'https://hooks.example.com/c', topics: ['energy'] });
    const events = revision('t1', 1, ['sanctions', 'human-rights'], 1);
    expect(await publish(events)).toEqual({ messages: 2, created: 3, existing: 0, attempted: 3 });
    expect(await notifier.notify(events)).toEqual({ messages: 2, created: 0, existing: 3, attempted: 0 });
    expect(sender.sent.map((r) => r.url).sort()).toEqual(['https://hooks.example.com/a', 'https://hooks.example.com/b', 'https://hooks.example.com/b']);
    expect(store.deliveries.size).toBe(3);
  });

  it('resumes, once its lease has ended, a message a notifier that died left half done, and refuses it while the lease lasts', async () => {
    const { clock, sender, store, publish, service, engine } = setup();
    const subs = [];
    for (const name of ['a', 'b', 'c']) subs.push((await service.createSubscription({ url: `https://hooks.example.com/${name}`, topics: ['sanctions'] })).subscription);
    const events = revision('t1', 1, ['sanctions'], 1);
    const [message] = await messagesFromEvents(events, { readTranscript: async () => [] });
    // The first notifier claimed the message, stored a's delivery with its attempt, and died.
    expect(await store.claimMessages([messageKeyFor(message!)], 'dead-notifier', new Date(T0 + 40_000).toISOString(), new Date(T0).toISOString())).toEqual(['fresh']);
    const a = newDelivery(message!, store.subscriptions.get(subs[0]!.id)!, T0);
    await store.putDeliveries([{ ...a, status: 'succeeded', attemptCount: 1, version: 2 }]);
    // (b: stored before its attempt, as notifiers used to do; c: never stored.)
    await store.putDeliveries([newDelivery(message!, store.subscriptions.get(subs[1]!.id)!, T0)]);

    await expect(publish(events)).rejects.toThrow(MessageBusyError);
    expect(sender.sent).toHaveLength(0);
    expect(await engine.runDue()).toEqual({ due: 0, attempted: 0 }); // invisible to sweepers

    clock.advance(40_000);
    expect(await publish(events)).toEqual({ messages: 1, created: 1, existing: 1, attempted: 2 });
    expect(sender.sent.map((r) => r.url).sort()).toEqual(['https://hooks.example.com/b', 'https://hooks.example.com/c']);
    expect([...store.deliveries.values()].map((d) => [d.status, d.attemptCount])).toEqual([
      ['succeeded', 1],
      ['succeeded', 1],
      ['succeeded', 1],
    ]);
    expect(await publish(events)).toEqual({ messages: 1, created: 0, existing: 3, attempted: 0 });
    expect(sender.sent).toHaveLength(2);
  });

  it('releases its claim when it fails, so the record handed over again is resumed at once', async () => {
    const { sender, store, publish, service } = setup();
    await service.createSubscription({ url: 'https://hooks.example.com/a', topics: ['sanctions'] });
    const events = revision('t1', 1, ['sanctions'], 1);
    const put = store.putDeliveries;
    store.putDeliveries = async () => {
      throw new Error('database down');
    };
    await expect(publish(events)).rejects.toThrow('database down');
    expect(store.deliveries.size).toBe(0);
    store.putDeliveries = put;
    // Sent once already, not recorded: sent again under the same webhook-id (at least once), then recorded.
    expect(await publish(events)).toEqual({ messages: 1, created: 1, existing: 0, attempted: 1 });
    expect(sender.sent.map((r) => r.headers['webhook-id'])).toEqual([[...store.deliveries.keys()][0], [...store.deliveries.keys()][0]]);
  });

  it('claims what the last subscriptions wanted while reading the current ones, and settles every claim it took', async () => {
    const { sender, store, publish, service } = setup();
    const a = await service.createSubscription({ url: 'https://hooks.example.com/a', topics: ['sanctions'] });
    await publish(revision('t1', 1, ['sanctions'], 1));
    // Now sanctions is wanted by nobody, energy by b: sanctions is claimed on the guess, energy after the read.
    await service.deleteSubscription(a.subscription.id);
    await service.createSubscription({ url: 'https://hooks.example.com/b', topics: ['energy'] });
    const claims = store.claimMessages.bind(store);
    const claimed: string[][] = [];
    store.claimMessages = async (keys, ...rest) => (claimed.push([...keys]), claims(keys, ...rest));
    expect(await publish(revision('t2', 1, ['sanctions', 'energy'], 1))).toEqual({ messages: 2, created: 1, existing: 0, attempted: 1 });
    const [sanctions, energy] = (await messagesFromEvents(revision('t2', 1, ['sanctions', 'energy'], 1), { readTranscript: async () => [] })).map(messageKeyFor);
    expect(claimed).toEqual([[sanctions], [energy]]);
    expect(store.claims.get(sanctions!)).toMatchObject({ done: true });
    expect(store.claims.get(energy!)).toMatchObject({ done: true });
    expect(sender.sent.map((r) => r.url)).toEqual(['https://hooks.example.com/a', 'https://hooks.example.com/b']);
  });

  it('announces in a later revision only the topics no earlier revision mentioned', async () => {
    const { sender, publish, service } = setup();
    await service.createSubscription({ url: 'https://hooks.example.com/all', topics: ['*'] });
    const first = revision('t1', 1, ['sanctions'], 1);
    await publish(first);
    await publish(revision('t1', 2, ['sanctions', 'energy'], first.length + 1));
    expect(sender.sent.map((r) => JSON.parse(r.body).data).map((d: any) => [d.topic, d.transcript.revision])).toEqual([
      ['sanctions', 1],
      ['energy', 2],
    ]);
  });
});

describe('webhook service', () => {
  it('validates input and names missing things', async () => {
    const { service } = setup();
    await expect(service.createSubscription({ url: 'http://hooks.example.com/', topics: ['energy'] })).rejects.toThrow(/https/);
    await expect(service.createSubscription({ url: 'https://hooks.example.com/', topics: ['weather'] })).rejects.toBeInstanceOf(ValidationError);
    await expect(service.createSubscription({ url: 'https://10.0.0.1/', topics: ['energy'] })).rejects.toBeInstanceOf(ValidationError);
    await expect(service.getSubscription('sub_none')).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.deleteSubscription('sub_none')).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.listSubscriptions({ limit: 0 })).rejects.toBeInstanceOf(ValidationError);
    const { subscription } = await service.createSubscription({ url: 'https://hooks.example.com/', topics: ['energy'] });
    await expect(service.retryDelivery(subscription.id, 'msg_none')).rejects.toBeInstanceOf(NotFoundError);
    await service.deleteSubscription(subscription.id);
    await expect(service.getSubscription(subscription.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('never shows secrets in views, and rotation keeps the old secret signing until the overlap ends', async () => {
    const { service, store, clock, sender } = setup();
    const { subscription, secret } = await service.createSubscription({ url: 'https://hooks.example.com/', topics: ['energy'] });
    expect(JSON.stringify(await service.listSubscriptions())).not.toContain('whsec_');
    const { secret: fresh } = await service.rotateSecret(subscription.id);
    expect(store.subscriptions.get(subscription.id)!.secrets.map((s) => s.secret)).toEqual([fresh, secret]);
    await service.ping(subscription.id);
    expect(sender.sent[0]!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    clock.advance(DAY + 1);
    await service.ping(subscription.id);
    expect(sender.sent[1]!.headers['webhook-signature']!.split(' ')).toHaveLength(1);
  });

  it('retries one delivery by hand and replays deliveries since a time with their ids', async () => {
    const { service, sender, publish, engine, clock } = setup([0]);
    const { subscription } = await service.createSubscription({ url: 'https://hooks.example.com/', topics: ['energy'] });
    sender.script.push(500);
    await publish(revision('t1', 1, ['energy'], 1));
    const [dead] = (await service.listDeliveries(subscription.id)).items;
    expect(dead!.status).toBe('dead');
    const retried = await service.retryDelivery(subscription.id, dead!.id);
    expect(retried).toMatchObject({ status: 'succeeded' });
    expect(retried.attempts.at(-1)).toMatchObject({ manual: true, statusCode: 200 });

    clock.advance(1000);
    expect(await service.replay(subscription.id, new Date(T0).toISOString())).toEqual({ replayed: 1 });
    await engine.runDue();
    expect(sender.sent.map((r) => r.headers['webhook-id'])).toEqual([dead!.id, dead!.id, dead!.id]);
    expect(sender.sent[2]!.body).toBe(sender.sent[0]!.body);
  });
});

describe('webhook runtime configuration', () => {
  it('reads the schedule, timeout and private-target switch, and requires https only in Lambda on AWS', () => {
    const local = webhookConfigFromEnv({ DEMARCHE_RETRY_SCHEDULE: '100ms,1s', DEMARCHE_WEBHOOK_TIMEOUT_MS: '700', DEMARCHE_ALLOW_PRIVATE_WEBHOOKS: '1' });
    expect(local).toMatchObject({ schedule: [0, 100, 1000], timeoutMs: 700, leaseMs: 5700, allowPrivate: true, requireHttps: false, sweepBudgetMs: 0 });
    const aws = webhookConfigFromEnv({ AWS_LAMBDA_FUNCTION_NAME: 'deliverer', WEBHOOK_KMS_KEY_ID: 'k' });
    expect(aws).toMatchObject({ timeoutMs: 10_000, allowPrivate: false, requireHttps: true, kmsKeyId: 'k', sweepBudgetMs: 50_000 });
    expect(() => webhookConfigFromEnv({ DEMARCHE_WEBHOOK_TIMEOUT_MS: 'soon' })).toThrow(/DEMARCHE_WEBHOOK_TIMEOUT_MS/);
  });

  it('builds for a function that has only the webhooks table (the deliverer)', () => {
    const runtime = createWebhookRuntime({ env: { WEBHOOKS_TABLE: 'webhooks', AWS_REGION: 'us-east-1' } });
    expect(typeof runtime.engine.runDue).toBe('function');
    runtime.close();
    expect(() => createWebhookRuntime({ env: { AWS_REGION: 'us-east-1' } })).toThrow(/WEBHOOKS_TABLE/);
  });
});
