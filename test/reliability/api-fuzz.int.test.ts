/**
 * Hostile requests against every route of the API, through the local HTTP front and the real API
 * handler over DynamoDB Local: random methods, paths, query strings, headers and bodies (fast-check)
 * never get a 500, always get JSON, errors always in the one error shape, and no answer ever shows a
 * stack trace or an AWS error. Plus the named cases: deeply nested and huge JSON bodies, path
 * traversal in ids, and unicode tricks (RTL marks, zero-width joiners, homoglyph topic names) in
 * queries and subscriptions.
 */
process.env.DEMARCHE_ALLOW_PRIVATE_WEBHOOKS = '1';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

import http from 'node:http';
import fc from 'fast-check';
import { ROUTES } from '../../lambdas/api/routes';
import { TOPIC_IDS } from '../../lambdas/core/topic-ids';
import { useLocalArchive } from '../support/local-archive';
import { corpusSample, putObject, settle, startInProcessArchive, subscribe, type InProcessArchive } from './harness';

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** One raw HTTP request (node:http: no client-side normalisation of the path). */
const request = (base: string, method: string, rawPath: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = http.request({ host: url.hostname, port: url.port, method, path: rawPath, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });

/** Text that must never reach a client: stack frames, source paths, AWS SDK or DynamoDB errors. */
const LEAKS = /\n\s+at |\.ts:\d|node_modules|Exception|DynamoDB|dynamodb|amazonaws|ConditionalCheck|ValidationException|Item size|AttributeValue|s3rver|SyntaxError|TypeError|RangeError|undefined is not|Cannot read prop/;

/** The API's promises for any answer. */
const expectWellFormed = (a: Answer, what: string) => {
  const label = `${what} → ${a.status} ${a.body.slice(0, 300)}`;
  expect([label, a.status >= 500]).toEqual([label, false]);
  expect([label, a.status >= 200 && a.status < 500]).toEqual([label, true]);
  expect([label, LEAKS.test(a.body)]).toEqual([label, false]);
  if (a.status === 204) return;
  expect([label, /application\/json/.test(a.contentType)]).toEqual([label, true]);
  const json = JSON.parse(a.body) as Record<string, unknown>;
  if (a.status >= 400) {
    // Exactly the error shape: {"error": {"code", "message"}}.
    expect([label, Object.keys(json)]).toEqual([label, ['error']]);
    const error = json.error as Record<string, unknown>;
    expect([label, Object.keys(error).sort()]).toEqual([label, ['code', 'message']]);
    expect(typeof error.code).toBe('string');
    expect(typeof error.message).toBe('string');
  }
};

const HOSTILE_SEGMENTS = [
  '..',
  '%2e%2e',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%2Fetc%2Fpasswd',
  '%00',
  '%ZZ',
  '%E0%A4%A',
  encodeURIComponent('s\u0430nctions'), // Cyrillic а
  encodeURIComponent('sanc\u200dtions'), // zero-width joiner
  encodeURIComponent('\u202esnoitcnas'), // right-to-left override
  encodeURIComponent('\u200fhuman-rights'), // right-to-left mark
  'x'.repeat(5000),
  '%F0%9F%92%A9',
  'sub_01ARZ3NDEKTSV4RRFFQ69G5FAV',
  'msg_0123456789abcdef0123456789abcdef',
  '0123456789abcdef01234567',
  '*',
  '%2A',
  "'%20OR%201=1--",
  '$%7Bjndi:ldap://x%7D',
];

const segmentArb = fc.oneof(
  fc.constantFrom(...HOSTILE_SEGMENTS),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map(encodeURIComponent),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\uFFFD'))),
);

/** A path: a route template with hostile parameters, or random segments, sometimes with a trailing slash. */
const pathArb = fc.oneof(
  fc.tuple(fc.constantFrom(...ROUTES.map((r) => r.path)), fc.array(segmentArb, { minLength: 3, maxLength: 3 }), fc.boolean()).map(([template, segs, slash]) => {
    let i = 0;
    return template.replace(/\{\w+\}/g, () => segs[i++]!) + (slash ? '/' : '');
  }),
  fc.array(segmentArb, { minLength: 0, maxLength: 5 }).map((segs) => `/${segs.join('/')}`),
);

const QUERY_NAMES = ['topic', 'entity', 'from', 'to', 'limit', 'cursor', 'q', 'since', 'events', 'topics', '__proto__', 'constructor'];
const queryValueArb = fc.oneof(
  fc.constantFrom('', '-1', '0', '1', '100', '101', '1e309', 'NaN', '2026-02-30', '9999-99-99', '2026-11-27T00:00:00Z', 's\u0430nctions', 'sanc\u200dtions', '\u202e', '"', '"unclosed phrase', '*', '%', 'a'.repeat(3000)),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ maxLength: 12 }),
);
const queryArb = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_NAMES), fc.string({ maxLength: 8 })), queryValueArb), { maxLength: 5 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : ''));

const headerValueArb = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
const headersArb = fc.record({
  key: fc.constantFrom('valid', 'valid', 'valid', 'missing', 'wrong', 'empty'),
  contentType: fc.constantFrom(undefined, 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', 'application/json; charset=latin1', 'multipart/form-data; boundary=x'),
  extra: fc.dictionary(fc.stringMatching(/^x-[a-z]{1,10}$/), headerValueArb, { maxKeys: 3 }),
});

const subscriptionUrlArb = fc.constantFrom(
  'http://127.0.0.1:9/hook',
  'http://localhost:9/hook',
  'http://169.254.169.254/latest/meta-data/',
  'http://[::ffff:169.254.169.254]/',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'http://127.0.0.1:9/../../etc/passwd',
  'ftp://127.0.0.1/x',
  '',
  `http://127.0.0.1:9/${'a'.repeat(3000)}`,
);
const topicLikeArb = fc.oneof(fc.constantFrom(...TOPIC_IDS, '*', 's\u0430nctions', 'sanc\u200dtions', '\u200fhuman-rights', 'SANCTIONS', ' sanctions'), fc.string({ maxLength: 20 }));
const bodyArb = fc.oneof(
  fc.constant(undefined),
  fc.json({ maxDepth: 4 }).map((s) => Buffer.from(s)),
  fc.record({ url: subscriptionUrlArb, topics: fc.array(topicLikeArb, { maxLength: 4 }), events: fc.option(fc.array(fc.constantFrom('topic.detected', 'topic.first_seen', 'transcript.rejected', 'x', ''), { maxLength: 3 }), { nil: undefined }) }).map((o) => Buffer.from(JSON.stringify(o))),
  fc.record({ filename: fc.string({ unit: 'grapheme', maxLength: 80 }), contentType: fc.constantFrom('text/plain', 'image/png', ''), title: fc.string({ unit: 'grapheme', maxLength: 200 }) }, { requiredKeys: [] }).map((o) => Buffer.from(JSON.stringify(o))),
  fc.record({ since: fc.constantFrom('2026-01-01T00:00:00Z', 'yesterday', '', '1970-01-01T00:00:00Z') }).map((o) => Buffer.from(JSON.stringify(o))),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  fc.constantFrom('{', '[', '{"url":', 'null', '"string"', '1e309', '{"__proto__":{"admin":true}}').map((s) => Buffer.from(s)),
);

describe('the API under hostile input', () => {
  const local = useLocalArchive();
  let archive: InProcessArchive;

  beforeAll(async () => {
    archive = await startInProcessArchive({ dynamo: local.dynamo, s3: local.s3, tables: local.tables, bucket: local.bucket });
    // Something to find: two transcripts and a subscription.
    for (const t of corpusSample(2, 5)) await putObject(local.s3, local.bucket, `fuzz/${t.name}`, t.bytes);
    await subscribe(archive, 'http://127.0.0.1:9/hook', ['sanctions']);
    await settle(archive, local.dynamo, local.tables.webhooks);
  });

  afterAll(async () => {
    await archive?.stop();
  });

  const headersFor = (h: { key: string; contentType?: string; extra: Record<string, string> }): Record<string, string> => ({
    ...h.extra,
    ...(h.key === 'valid' ? { 'x-api-key': archive.apiKey } : h.key === 'wrong' ? { 'x-api-key': 'dmk_wrong' } : h.key === 'empty' ? { 'x-api-key': '' } : {}),
    ...(h.contentType ? { 'content-type': h.contentType } : {}),
  });

  it('treats query and header names such as constructor and __proto__ as plain names', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const viaQuery = await request(archive.apiUrl, 'GET', `/transcripts?${name}=1&${name}=2`, { 'x-api-key': archive.apiKey });
      expectWellFormed(viaQuery, `query ${name}`);
      expect([name, [200, 400].includes(viaQuery.status)]).toEqual([name, true]);
      const viaHeader = await request(archive.apiUrl, 'GET', '/health', { [name]: 'x' });
      expect([name, viaHeader.status]).toEqual([name, 200]);
    }
  });

  it('answers random requests to every route without a 500, a stack trace or an AWS error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS'),
        pathArb,
        queryArb,
        headersArb,
        bodyArb,
        async (method, rawPath, query, headers, body) => {
          const answer = await request(archive.apiUrl, method, rawPath + query, headersFor(headers), body);
          expectWellFormed(answer, `${method} ${rawPath}${query}`);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answers random query strings on every GET route with data or a 400, never a 500', async () => {
    const gets = ROUTES.filter((r) => r.method === 'GET');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...gets.map((r) => r.path)), queryArb, fc.constantFrom(...TOPIC_IDS), async (template, query, topic) => {
        const rawPath = template.replace('{topic}', topic).replace(/\{\w+\}/g, 'sub_01ARZ3NDEKTSV4RRFFQ69G5FAV');
        const answer = await request(archive.apiUrl, 'GET', rawPath + query, { 'x-api-key': archive.apiKey });
        expectWellFormed(answer, `GET ${rawPath}${query}`);
        expect(answer.status === 200 || answer.status === 400 || answer.status === 404).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('refuses deeply nested and huge JSON bodies with 400 or 413, and keeps serving', async () => {
    const key = { 'x-api-key': archive.apiKey, 'content-type': 'application/json' };
    const cases: Array<[string, Buffer]> = [
      ['nested arrays within the size limit', Buffer.from(`{"url":"http://127.0.0.1:9/x","topics":${'['.repeat(30_000)}${']'.repeat(30_000)}}`)],
      ['nested objects within the size limit', Buffer.from(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`)],
      ['a 1 MB string', Buffer.from(JSON.stringify({ url: 'http://127.0.0.1:9/x', topics: ['sanctions'], pad: 'x'.repeat(1024 * 1024) }))],
      ['nesting past any stack', Buffer.from('['.repeat(2_000_000))],
      ['11 MB of JSON', Buffer.from(`[${'1,'.repeat(5.5 * 1024 * 1024)}1]`)],
    ];
    for (const [what, body] of cases) {
      for (const route of ['/subscriptions', '/uploads', '/subscriptions/sub_x/replay']) {
        const answer = await request(archive.apiUrl, 'POST', route, key, body);
        expectWellFormed(answer, `${what} to ${route}`);
        expect([what, route, [400, 404, 413].includes(answer.status)]).toEqual([what, route, true]);
      }
    }
    const health = await request(archive.apiUrl, 'GET', '/health', {});
    expect(health.status).toBe(200);
  });

  it('treats path traversal in ids as a plain, unknown id', async () => {
    for (const seg of ['..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '%2Fetc%2Fpasswd', '..', '%2e%2e']) {
      for (const template of ['/transcripts/{}', '/transcripts/{}/events', '/subscriptions/{}', '/subscriptions/{}/deliveries', '/topics/{}/mentions']) {
        const answer = await request(archive.apiUrl, 'GET', template.replace('{}', seg), { 'x-api-key': archive.apiKey });
        expectWellFormed(answer, `GET ${template} with ${seg}`);
        expect([seg, template, answer.status === 404 || answer.status === 400]).toEqual([seg, template, true]);
        expect(answer.body).not.toMatch(/root:|\/bin\/(ba)?sh/);
      }
    }
  });

  it('answers unicode tricks in queries and subscriptions with validation errors or plain data', async () => {
    const key = { 'x-api-key': archive.apiKey };
    const json = { ...key, 'content-type': 'application/json' };
    // Homoglyph and invisible-character topic names are not topics.
    for (const topic of ['s\u0430nctions', 'sanc\u200dtions', '\u200fsanctions', 'sanctions\u200b', '\u202esnoitcnas', 'ｓａｎｃｔｉｏｎｓ']) {
      const sub = await request(archive.apiUrl, 'POST', '/subscriptions', json, Buffer.from(JSON.stringify({ url: 'http://127.0.0.1:9/x', topics: [topic] })));
      expectWellFormed(sub, `subscribe to ${JSON.stringify(topic)}`);
      expect([topic, sub.status]).toEqual([topic, 400]);
      expect(JSON.parse(sub.body).error.code).toBe('validation_error');
      const mentions = await request(archive.apiUrl, 'GET', `/topics/${encodeURIComponent(topic)}/mentions`, key);
      expectWellFormed(mentions, `mentions of ${JSON.stringify(topic)}`);
      expect([topic, [400, 404].includes(mentions.status)]).toEqual([topic, true]);
      const filtered = await request(archive.apiUrl, 'GET', `/transcripts?topic=${encodeURIComponent(topic)}`, key);
      expectWellFormed(filtered, `transcripts of ${JSON.stringify(topic)}`);
      if (filtered.status === 200) expect(JSON.parse(filtered.body).items).toEqual([]);
      else expect(filtered.status).toBe(400);
    }
    // Invisible characters in a search are data: an answer, never an error of ours.
    for (const q of ['sanc\u200dtions', '\u200fsanctions\u200f', '\u202e"snoitcnas"', 'human\u00a0rights', '\u0000', 'ﬁnance', '\ud83d\udca9', '"\u200b"']) {
      const answer = await request(archive.apiUrl, 'GET', `/search?q=${encodeURIComponent(q)}`, key);
      expectWellFormed(answer, `search ${JSON.stringify(q)}`);
      expect([q, [200, 400].includes(answer.status)]).toEqual([q, true]);
      if (answer.status === 200) expect(Array.isArray(JSON.parse(answer.body).items)).toBe(true);
    }
    // The real topic still works and still answers data.
    const real = await request(archive.apiUrl, 'GET', '/topics/sanctions/mentions', key);
    expect(real.status).toBe(200);
  });
});
