import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { createApi } from '../lambdas/api/app';
import { openApiDocument } from '../lambdas/api/openapi';
import { ROUTES, type ApiDeps } from '../lambdas/api/routes';
import { archiveTranscript } from '../lambdas/core/archive-transcript';
import { fixedClock, systemClock } from '../lambdas/core/clock';
import { transcriptStream } from '../lambdas/core/events';
import { randomUlid } from '../lambdas/core/ids';
import { rebuildViews, EPOCH } from '../lambdas/core/projections/projector';
import { foldTranscript } from '../lambdas/core/projections/transcript-view';
import { topicStatsOf } from '../lambdas/core/projections/topic-stats';
import { TOPIC_IDS } from '../lambdas/core/topic-ids';
import { DynamoEventStore } from '../lambdas/adapters/dynamo-event-store';
import { DynamoViewStore } from '../lambdas/adapters/dynamo-views';
import { s3UploadSigner } from '../lambdas/adapters/s3-upload-signer';
import { createWebhookRuntime, type WebhookRuntime } from '../lambdas/adapters/webhook-runtime';
import { projectStreamEvent } from '../lambdas/projector/handler';
import { startHttpFront, type HttpFront } from '../local/http-front';
import { createTables, tableNamesFor } from '../local/services';
import { startStreamPoller } from '../local/stream-poller';
import { useLocalArchive } from './support/local-archive';

const KEY = 'test-api-key';
const REPO = path.resolve(__dirname, '..');
const CORPUS = path.resolve(__dirname, '../../shared/corpus/state-dept-press-releases-2021-2022/texts');

const fixtureFiles = (): { key: string; bytes: Buffer; title?: string }[] => {
  const own = readdirSync(path.join(REPO, 'fixtures/transcripts')).filter((f) => f.endsWith('.txt')).sort();
  const corpus = readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort().slice(0, 14);
  return [
    ...own.map((f) => ({ key: `fixtures/${f}`, bytes: readFileSync(path.join(REPO, 'fixtures/transcripts', f)) })),
    ...corpus.map((f) => ({ key: `corpus/${f}`, bytes: readFileSync(path.join(CORPUS, f)), title: f.replace(/\.txt$/, '') })),
  ];
};

describe('query API over HTTP (local front, DynamoDB Local, s3rver)', () => {
  const archive = useLocalArchive();
  let store: DynamoEventStore;
  let views: DynamoViewStore;
  let doc: DynamoDBDocumentClient;
  let front: HttpFront;
  let webhooks: WebhookRuntime;
  let receiver: Server;
  let receiverUrl: string;
  const batches: DynamoDBStreamEvent[] = [];
  let ids: string[] = [];
  let revisedId = '';

  const call = async (method: string, p: string, init: { key?: string | null; body?: string; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.key !== null) headers['x-api-key'] = init.key ?? KEY;
    if (init.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await fetch(`${front.url}${p}`, { method, headers, ...(init.body !== undefined ? { body: init.body } : {}) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as any) : undefined };
  };
  const get = (p: string) => call('GET', p);
  const pageAll = async (p: string, limit: number) => {
    const all: any[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const sep = p.includes('?') ? '&' : '?';
      const res = await get(`${p}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      all.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 200);
    return { all, pages };
  };

  beforeAll(async () => {
    doc = DynamoDBDocumentClient.from(archive.dynamo, { marshallOptions: { removeUndefinedValues: true } });
    store = new DynamoEventStore({ client: archive.dynamo, tableName: archive.tables.events });
    views = new DynamoViewStore(doc, archive.tables.views);
    const projector = { store, views, clock: systemClock };
    const poller = await startStreamPoller({
      dynamo: archive.dynamo,
      tableName: archive.tables.events,
      intervalMs: 50,
      onBatch: async (event) => {
        batches.push(event);
        await projectStreamEvent(projector, event);
      },
    });
    const files = fixtureFiles();
    const at = Date.UTC(2026, 10, 1);
    for (const f of files) {
      const r = await archiveTranscript(
        { bucket: archive.bucket, key: f.key, etag: 'e1', bytes: f.bytes, metadata: f.title ? { title: f.title } : {}, receivedAtMs: at },
        { store, clock: systemClock },
      );
      ids.push(r.transcriptId);
    }
    await poller.drain(30_000);
    // A corrected upload under the same key: revision 2 replaces revision 1 in every view.
    const first = files[0]!;
    const revised = Buffer.from(`${first.bytes.toString('utf8')}\n\nThe delegation also raised press freedom and the jailing of journalists.\n`);
    const r2 = await archiveTranscript(
      { bucket: archive.bucket, key: first.key, etag: 'e2', bytes: revised, metadata: {}, receivedAtMs: at + 60_000 },
      { store, clock: systemClock },
    );
    expect(r2.revision).toBe(2);
    revisedId = r2.transcriptId;
    await poller.drain(30_000);
    await poller.stop();
    ids = [...new Set(ids)];

    process.env.DEMARCHE_ALLOW_PRIVATE_WEBHOOKS = '1';
    webhooks = createWebhookRuntime({ client: doc, env: { ...process.env, DEMARCHE_ALLOW_PRIVATE_WEBHOOKS: '1' } });
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    const deps: ApiDeps = {
      views,
      events: store,
      webhooks: () => webhooks.service,
      uploads: s3UploadSigner(archive.s3, archive.bucket),
      cursorSecret: 'test-cursor-secret',
      apiKey: KEY,
      clock: fixedClock(Date.UTC(2026, 10, 27)),
      newId: () => randomUlid(),
    };
    front = await startHttpFront({ port: 0, handler: createApi(deps, { onError: (e) => console.error(e) }) });
  }, 120_000);

  afterAll(async () => {
    await front?.close();
    webhooks?.close();
    await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
  });

  describe('auth and health', () => {
    it('answers /health without a key', async () => {
      expect(await call('GET', '/health', { key: null })).toMatchObject({ status: 200, body: { ok: true } });
    });
    it('answers 401 without a key and 403 with a wrong one', async () => {
      const missing = await call('GET', '/transcripts', { key: null });
      expect(missing.status).toBe(401);
      expect(missing.body.error.code).toBe('unauthorized');
      const wrong = await call('GET', '/transcripts', { key: 'nope' });
      expect(wrong.status).toBe(403);
      expect(wrong.body.error).toEqual({ code: 'forbidden', message: expect.any(String) });
    });
  });

  describe('GET /transcripts', () => {
    it('lists every archived transcript newest first, across pages with none lost or repeated', async () => {
      const { all, pages } = await pageAll('/transcripts', 3);
      expect(pages).toBeGreaterThan(2);
      const got = all.map((t) => t.id);
      expect(new Set(got).size).toBe(got.length);
      const listed = (await Promise.all(ids.map((id) => store.read(transcriptStream(id))))).map((evs, i) => foldTranscript(ids[i]!, evs)).filter((v) => v.revision > 0);
      expect(new Set(got)).toEqual(new Set(listed.map((v) => v.id)));
      const keys = all.map((t) => `${t.day}#${t.id}`);
      expect(all.every((t) => /^\d{4}-\d{2}-\d{2}$/.test(t.day))).toBe(true);
      expect([...keys].sort().reverse()).toEqual(keys);
    });

    it('filters by topic, entity and days', async () => {
      const { body: page } = await get('/transcripts?limit=100');
      const withTopic = page.items.find((t: any) => t.topics.length > 0);
      const topic = withTopic.topics[0].topic;
      const byTopic = await pageAll(`/transcripts?topic=${topic}`, 2);
      expect(byTopic.all.length).toBeGreaterThan(0);
      expect(byTopic.all.every((t: any) => t.topics.some((x: any) => x.topic === topic))).toBe(true);
      expect(byTopic.all.length).toBe(page.items.filter((t: any) => t.topics.some((x: any) => x.topic === topic)).length);

      const withEntity = page.items.find((t: any) => t.entities.length > 0);
      const entity = withEntity.entities[0];
      const byEntity = await pageAll(`/transcripts?entity=${encodeURIComponent(entity.toUpperCase())}`, 2);
      expect(byEntity.all.map((t: any) => t.id)).toContain(withEntity.id);
      expect(byEntity.all.every((t: any) => t.entities.some((e: string) => e.toLowerCase() === entity.toLowerCase()))).toBe(true);

      const day = page.items[Math.floor(page.items.length / 2)].day;
      const range = await pageAll(`/transcripts?from=${day}&to=${day}`, 5);
      expect(range.all.length).toBe(page.items.filter((t: any) => t.day === day).length);
      expect(range.all.every((t: any) => t.day === day)).toBe(true);
      const before = await pageAll(`/transcripts?to=${day}`, 50);
      expect(before.all.every((t: any) => t.day <= day)).toBe(true);
      expect(before.all.length).toBe(page.items.filter((t: any) => t.day <= day).length);
    });

    it('reflects the latest revision only', async () => {
      const detail = await get(`/transcripts/${revisedId}`);
      expect(detail.body.revision).toBe(2);
      expect(detail.body.statements.some((s: any) => /jailing of journalists/.test(s.text))).toBe(true);
      const found = await get('/search?q=jailing%20journalists');
      expect(found.body.items.map((h: any) => [h.transcriptId, h.revision])).toContainEqual([revisedId, 2]);
      for (const { topic } of detail.body.topics) {
        const mentions = await pageAll(`/topics/${topic}/mentions`, 100);
        const ofRevised = mentions.all.filter((m: any) => m.transcriptId === revisedId);
        expect(ofRevised.length).toBeGreaterThan(0);
        expect(ofRevised.every((m: any) => m.revision === 2)).toBe(true);
      }
    });
  });

  describe('GET /transcripts/{id} and /events', () => {
    it('serves a transcript with statements, topics and entities', async () => {
      const res = await get(`/transcripts/${ids[1]}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: ids[1], revision: 1 });
      expect(res.body.statements.length).toBeGreaterThan(0);
      expect(Array.isArray(res.body.topicDetails)).toBe(true);
      expect(Array.isArray(res.body.entityDetails)).toBe(true);
    });
    it('serves the raw stream in version order, paged', async () => {
      const { all } = await pageAll(`/transcripts/${revisedId}/events`, 7);
      expect(all.map((e: any) => e.version)).toEqual(all.map((_: any, i: number) => i + 1));
      expect(all.filter((e: any) => e.type === 'TranscriptReceived')).toHaveLength(2);
    });
    it('answers 404 for unknown transcripts', async () => {
      expect((await get('/transcripts/does-not-exist')).status).toBe(404);
      expect((await get('/transcripts/does-not-exist/events')).status).toBe(404);
      expect((await get('/nowhere')).body.error.code).toBe('not_found');
    });
  });

  describe('topics and mentions', () => {
    it('lists every taxonomy topic with counts matching the views', async () => {
      const res = await get('/topics');
      expect(res.status).toBe(200);
      const byTopic = new Map(res.body.items.map((t: any) => [t.topic, t]));
      for (const id of TOPIC_IDS) expect(byTopic.has(id)).toBe(true);
      const folded = await Promise.all(ids.map(async (id) => foldTranscript(id, await store.read(transcriptStream(id)))));
      for (const s of topicStatsOf(folded)) {
        expect(byTopic.get(s.topic)).toMatchObject({ topic: s.topic, mentions: s.mentions, transcripts: s.transcripts, firstSeen: s.firstSeen, lastSeen: s.lastSeen });
        expect((byTopic.get(s.topic) as any).firstArchived).not.toBeNull();
      }
    });
    it('pages through a topic’s mentions with no statement lost or repeated', async () => {
      const topics = (await get('/topics')).body.items.filter((t: any) => t.mentions > 3);
      const topic = topics[0];
      const { all } = await pageAll(`/topics/${topic.topic}/mentions`, 2);
      expect(all).toHaveLength(topic.mentions);
      const keys = all.map((m: any) => `${m.transcriptId}#${m.seq}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(all.every((m: any) => typeof m.title === 'string' && m.text.length > 0)).toBe(true);
    });
    it('answers 404 for an unknown topic', async () => {
      expect((await get('/topics/no-such-topic/mentions')).status).toBe(404);
    });
  });

  describe('GET /search', () => {
    it('finds statements containing every word', async () => {
      const res = await get('/search?q=human%20rights');
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      for (const hit of res.body.items) expect(hit.text.toLowerCase()).toMatch(/human/);
    });
    it('checks a quoted phrase against the statement text', async () => {
      const detail = (await get(`/transcripts/${ids[2]}`)).body;
      let phrase = '';
      for (const st of detail.statements) {
        const words: string[] = st.text.split(/\s+/);
        const i = words.findIndex((_w, j) => words.slice(j, j + 3).length === 3 && words.slice(j, j + 3).every((w) => /^[A-Za-z]{3,}$/.test(w)));
        if (i >= 0) {
          phrase = words.slice(i, i + 3).join(' ');
          break;
        }
      }
      expect(phrase).not.toBe('');
      const res = await get(`/search?q=${encodeURIComponent(`"${phrase}"`)}&limit=100`);
      expect(res.body.items.length).toBeGreaterThan(0);
      for (const hit of res.body.items) expect(hit.text.toLowerCase().replace(/[^a-z]+/g, ' ')).toContain(phrase.toLowerCase());
      const reversed = phrase.split(' ').reverse().join(' ');
      const none = await get(`/search?q=${encodeURIComponent(`"${reversed} zzqxv"`)}`);
      expect(none.body.items).toEqual([]);
    });
    it('pages search results without losing or repeating statements', async () => {
      const one = await get('/search?q=state&limit=100');
      const paged = await pageAll('/search?q=state', 4);
      expect(paged.all.map((h: any) => `${h.transcriptId}#${h.seq}`)).toEqual(one.body.items.map((h: any) => `${h.transcriptId}#${h.seq}`));
    });
  });

  describe('request validation', () => {
    it('rejects oversize and malformed limits', async () => {
      for (const limit of ['101', '0', '-1', 'abc', '1.5']) {
        const res = await get(`/transcripts?limit=${limit}`);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('validation_error');
      }
      expect((await get('/transcripts?limit=100')).status).toBe(200);
    });
    it('rejects tampered and foreign cursors with 400', async () => {
      const first = await get('/transcripts?limit=2');
      const cursor: string = first.body.nextCursor;
      const [payload, sig] = cursor.split('.');
      const forged = Buffer.from(JSON.stringify({ k: '9999' })).toString('base64url');
      for (const bad of [`${forged}.${sig}`, `${payload}.${sig}x`, 'garbage', `${payload}`, '..']) {
        const res = await get(`/transcripts?limit=2&cursor=${encodeURIComponent(bad)}`);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('bad_cursor');
      }
      const foreign = await get(`/search?q=state&cursor=${encodeURIComponent(cursor)}`);
      expect(foreign.status).toBe(400);
      const otherFilter = await get(`/transcripts?topic=sanctions&cursor=${encodeURIComponent(cursor)}`);
      expect(otherFilter.status).toBe(400);
    });
    it('answers malformed JSON, oversize bodies and wrong methods', async () => {
      const malformed = await call('POST', '/subscriptions', { body: '{"url": ' });
      expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'malformed_json' } } });
      const big = await call('POST', '/subscriptions', { body: JSON.stringify({ url: 'x'.repeat(100_000), topics: ['sanctions'] }) });
      expect(big.status).toBe(413);
      const wrong = await call('PUT', '/transcripts');
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toBe('GET');
    });
    it('answers injection-looking input in every parameter as plain data', async () => {
      const nasty = [`' OR '1'='1`, '"; DROP TABLE views; --', '<script>alert(1)</script>', '${jndi:ldap://x}', '../../etc/passwd', '{"$ne": null}', 'pk = :p'];
      for (const s of nasty) {
        const e = encodeURIComponent(s);
        const responses = await Promise.all([
          get(`/transcripts?topic=${e}`),
          get(`/transcripts?entity=${e}`),
          get(`/transcripts?from=${e}`),
          get(`/transcripts?cursor=${e}`),
          get(`/transcripts/${e}`),
          get(`/transcripts/${e}/events`),
          get(`/topics/${e}/mentions`),
          get(`/search?q=${e}`),
          get(`/subscriptions/${e}`),
          call('POST', '/uploads', { body: JSON.stringify({ title: s, filename: s }) }),
        ]);
        for (const r of responses) {
          expect(r.status).toBeLessThan(500);
          if (r.status >= 400) expect(Object.keys(r.body.error).sort()).toEqual(['code', 'message']);
          expect(JSON.stringify(r.body)).not.toMatch(/Exception|at .*\.ts|ValidationException|dynamodb/i);
        }
      }
    });
  });

  describe('POST /uploads', () => {
    it('signs a PUT that lands in the bucket with its metadata', async () => {
      const res = await call('POST', '/uploads', { body: JSON.stringify({ filename: 'remarks.txt', title: 'Remarks – Almaty', date: '2022-04-20', speaker: 'Spokesperson' }) });
      expect(res.status).toBe(201);
      const put = await fetch(res.body.uploadUrl, { method: 'PUT', headers: res.body.headers, body: 'Remarks.\n\nWe discussed trade.' });
      expect(put.status).toBe(200);
      const head = await archive.s3.send(new HeadObjectCommand({ Bucket: archive.bucket, Key: res.body.key }));
      expect(head.Metadata).toMatchObject({ date: '2022-04-20', speaker: 'Spokesperson' });
      expect(Buffer.from(String(head.Metadata?.title).replace(/^=\?UTF-8\?B\?|\?=$/g, ''), 'base64').toString('utf8')).toBe('Remarks – Almaty');
    });

    it('stores under a chosen key, the same one each time, so a re-upload is a revision of one transcript', async () => {
      const first = await call('POST', '/uploads', { body: JSON.stringify({ key: 'briefings/2022/remarks.txt' }) });
      const second = await call('POST', '/uploads', { body: JSON.stringify({ key: 'briefings/2022/remarks.txt' }) });
      expect(first.status).toBe(201);
      expect(first.body.key).toBe('transcripts/briefings/2022/remarks.txt');
      expect(second.body.key).toBe(first.body.key);
      const generated = await call('POST', '/uploads', { body: JSON.stringify({ filename: 'remarks.txt' }) });
      expect(generated.body.key).not.toBe(first.body.key);
    });

    it.each(['../etc/passwd', 'a/../../b', '/abs/path.txt', 'a//b', './x', 'sp ace.txt', 'a/..', '%2e%2e/x'])(
      'refuses the key %j with a 400',
      async (key) => {
        const res = await call('POST', '/uploads', { body: JSON.stringify({ key }) });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBeDefined();
      },
    );
  });

  describe('subscriptions', () => {
    it('creates, lists, reads, rotates, pings, lists deliveries, retries, replays and deletes', async () => {
      const created = await call('POST', '/subscriptions', { body: JSON.stringify({ url: receiverUrl, topics: ['sanctions'] }) });
      expect(created.status).toBe(201);
      expect(created.body.secret).toMatch(/^whsec_/);
      const id = created.body.id;
      expect((await get('/subscriptions')).body.items.map((s: any) => s.id)).toContain(id);
      expect((await get(`/subscriptions/${id}`)).body).toMatchObject({ id, url: receiverUrl, topics: ['sanctions'] });
      const rotated = await call('POST', `/subscriptions/${id}/rotate-secret`);
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).not.toBe(created.body.secret);
      const ping = await call('POST', `/subscriptions/${id}/ping`);
      expect(ping.status).toBe(200);
      const deliveries = await get(`/subscriptions/${id}/deliveries`);
      expect(deliveries.body.items.length).toBeGreaterThan(0);
      const retried = await call('POST', `/subscriptions/${id}/deliveries/${deliveries.body.items[0].id}/retry`);
      expect(retried.status).toBe(200);
      const replay = await call('POST', `/subscriptions/${id}/replay`, { body: JSON.stringify({ since: '2020-01-01T00:00:00Z' }) });
      expect(replay.status).toBe(202);
      expect(replay.body.replayed).toBeGreaterThanOrEqual(0);
      expect((await call('POST', `/subscriptions/${id}/replay`, { body: JSON.stringify({ since: 'yesterday' }) })).status).toBe(400);
      expect((await call('POST', '/subscriptions', { body: JSON.stringify({ url: receiverUrl, topics: ['not-a-topic'] }) })).status).toBe(400);
      expect((await call('DELETE', `/subscriptions/${id}`)).status).toBe(204);
      expect((await get(`/subscriptions/${id}`)).status).toBe(404);
    });
  });

  describe('OpenAPI', () => {
    it('documents every route served, and serves every route documented', async () => {
      const res = await get('/openapi.json');
      expect(res.status).toBe(200);
      expect(res.body.openapi).toBe('3.1.0');
      const documented = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
      const contract = [
        'GET /health', 'GET /transcripts', 'GET /transcripts/{id}', 'GET /transcripts/{id}/events', 'GET /topics',
        'GET /topics/{topic}/mentions', 'GET /search', 'POST /uploads', 'POST /subscriptions', 'GET /subscriptions',
        'GET /subscriptions/{id}', 'DELETE /subscriptions/{id}', 'POST /subscriptions/{id}/rotate-secret',
        'GET /subscriptions/{id}/deliveries', 'POST /subscriptions/{id}/replay', 'GET /openapi.json',
      ];
      for (const c of contract) expect(documented).toContain(c);
      expect(documented.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
      // Every documented operation is routed: none answers "no such route" or 405.
      for (const op of documented) {
        const [method, p] = op.split(' ') as [string, string];
        const r = await call(method, p.replace(/\{[^}]+\}/g, 'x'), method === 'POST' ? { body: '{}' } : {});
        expect([404, 405].includes(r.status) && /route|use /.test(r.body?.error?.message ?? '')).toBe(false);
      }
      expect(openApiDocument()).toEqual(res.body);
    });
  });

  describe('projections', () => {
    it('changes nothing when stream records are delivered again', async () => {
      const scanAll = async () =>
        ((await doc.send(new ScanCommand({ TableName: archive.tables.views }))).Items ?? [])
          .map((i) => JSON.stringify(i, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v)))
          .sort();
      const before = await scanAll();
      for (const batch of batches) {
        const report = await projectStreamEvent({ store, views, clock: systemClock }, batch);
        expect(report.written).toBe(0);
        expect(report.firstSeenClaimed).toEqual([]);
      }
      expect(await scanAll()).toEqual(before);
    });

    it('rebuilds views from the log equal to the live views', async () => {
      const names = tableNamesFor(`${archive.tables.views}-rebuild`);
      await createTables(archive.dynamo, names);
      const rebuilt = new DynamoViewStore(doc, names.views);
      const result = await rebuildViews(store, rebuilt);
      expect(result.transcripts).toBe(ids.length);
      expect(result.events).toBeGreaterThan(0);
      for (const id of ids) {
        expect(await rebuilt.getDetail(id)).toEqual(await views.getDetail(id));
        expect(await rebuilt.getSummary(id)).toEqual(await views.getSummary(id));
        expect(await rebuilt.projectionState(id)).toEqual(await views.projectionState(id));
      }
      expect(await rebuilt.topicCounters()).toEqual(await views.topicCounters());
      const range = { lo: '0', hi: '9999' };
      expect(await rebuilt.listing({ kind: 'transcripts' }, range, 100)).toEqual(await views.listing({ kind: 'transcripts' }, range, 100));
      expect(await rebuilt.listing({ kind: 'topic', topic: 'human-rights' }, range, 100)).toEqual(await views.listing({ kind: 'topic', topic: 'human-rights' }, range, 100));
      const { searchStatements } = await import('../lambdas/core/projections/queries');
      for (const q of ['human rights', 'state', '"press freedom"', 'sanctions']) {
        expect(await searchStatements(rebuilt, q, { limit: 100 })).toEqual(await searchStatements(views, q, { limit: 100 }));
      }
      expect(EPOCH).toBe('1970-01-01T00:00:00.000Z');
    });
  });
});
