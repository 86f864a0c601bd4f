import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIGatewayProxyEvent, DynamoDBStreamEvent } from 'aws-lambda';
import { createApi } from '../lambdas/api/app';
import { decodeCursor, encodeCursor } from '../lambdas/api/cursor';
import { openApiDocument } from '../lambdas/api/openapi';
import { ROUTES, type ApiDeps } from '../lambdas/api/routes';
import { fixedClock } from '../lambdas/core/clock';
import type { ListingIndex, ViewStore } from '../lambdas/core/projections/view-store';
import type { WebhookService } from '../lambdas/core/webhooks/service';
import { eventsOfStreamEvent } from '../lambdas/projector/handler';

const fixture = <T>(name: string): T => JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures/aws', name), 'utf8')) as T;

const setup = () => {
  const listings: ListingIndex[] = [];
  const created: unknown[] = [];
  // A stand-in for the view store port: only what these routes touch; anything else fails loudly.
  const views = new Proxy({} as ViewStore, {
    get: (_t, prop) => {
      if (prop === 'listing') return async (index: ListingIndex) => (listings.push(index), []);
      if (prop === 'getSummaries') return async () => new Map();
      if (prop === 'then') return undefined;
      return () => {
        throw new Error(`unexpected call ${String(prop)}`);
      };
    },
  });
  const webhooks = {
    createSubscription: async (input: unknown) => {
      created.push(input);
      return { subscription: { id: 'sub_1', url: 'https://hooks.example.com/demarche', topics: ['sanctions'], events: ['topic.detected'], status: 'enabled', createdAt: '2026-11-01T00:00:00.000Z' }, secret: 'whsec_abc' };
    },
  } as unknown as WebhookService;
  const deps: ApiDeps = {
    views,
    events: { read: async () => [] },
    webhooks: () => webhooks,
    uploads: { bucket: 'b', presignPut: async () => 'https://signed' },
    cursorSecret: 'secret',
    apiKey: 'example-key',
    clock: fixedClock(0),
    newId: () => 'id',
  };
  return { api: createApi(deps), listings, created };
};

describe('cursor', () => {
  it('round-trips a position within its scope', () => {
    const c = encodeCursor('s', 'listTranscripts|{}', { k: '2022-01-01#a', s: 3 });
    expect(decodeCursor('s', 'listTranscripts|{}', c)).toEqual({ k: '2022-01-01#a', s: 3 });
  });
  it('refuses a tampered, foreign or garbled cursor with a 400', () => {
    const c = encodeCursor('s', 'a', { k: 'x' });
    const [, sig] = c.split('.');
    const forged = `${Buffer.from('{"k":"y"}').toString('base64url')}.${sig}`;
    for (const [scope, cursor] of [['a', forged], ['b', c], ['a', 'nonsense'], ['a', `${c}.x`]] as const) {
      expect(() => decodeCursor('s', scope, cursor)).toThrow(expect.objectContaining({ status: 400, code: 'bad_cursor' }));
    }
  });
});

describe('createApi', () => {
  it('answers the health fixture without a key', async () => {
    const { api } = setup();
    const event = fixture<APIGatewayProxyEvent>('apigw-get-health.json');
    delete event.headers['x-api-key'];
    const res = await api(event);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true });
  });

  it('routes the API Gateway transcripts fixture to the topic index', async () => {
    const { api, listings } = setup();
    const res = await api(fixture<APIGatewayProxyEvent>('apigw-get-transcripts.json'));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ items: [] });
    expect(listings[0]).toEqual({ kind: 'topic', topic: 'sanctions' });
  });

  it('checks the key it holds: 401 without, 403 when wrong', async () => {
    const { api } = setup();
    const event = fixture<APIGatewayProxyEvent>('apigw-get-transcripts.json');
    const wrong = await api({ ...event, headers: { ...event.headers, 'x-api-key': 'other' }, multiValueHeaders: {} });
    expect(wrong.statusCode).toBe(403);
    const { 'x-api-key': _k, ...headers } = event.headers;
    const missing = await api({ ...event, headers, multiValueHeaders: {} });
    expect(missing.statusCode).toBe(401);
    expect(JSON.parse(missing.body)).toEqual({ error: { code: 'unauthorized', message: 'missing x-api-key header' } });
  });

  it('passes a subscription body to the webhook service and answers 201 with the secret', async () => {
    const { api, created } = setup();
    const res = await api(fixture<APIGatewayProxyEvent>('apigw-post-subscriptions.json'));
    expect(res.statusCode).toBe(201);
    expect(JSON.parse(res.body)).toMatchObject({ id: 'sub_1', secret: 'whsec_abc' });
    expect(created).toEqual([{ url: 'https://hooks.example.com/demarche', topics: ['sanctions', 'human-rights'] }]);
  });

  it('answers unknown routes 404, wrong methods 405 and bad limits 400 in one error shape', async () => {
    const { api } = setup();
    const event = fixture<APIGatewayProxyEvent>('apigw-get-transcripts.json');
    expect((await api({ ...event, path: '/nope' })).statusCode).toBe(404);
    const wrong = await api({ ...event, httpMethod: 'DELETE' });
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers?.allow).toBe('GET');
    const bad = await api({ ...event, queryStringParameters: { limit: '500' } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(JSON.parse(bad.body).error)).toEqual(['code', 'message']);
  });
});

describe('openApiDocument', () => {
  it('documents every route once, with unique operation ids and the page-size bound', () => {
    const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, any>> };
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
    expect(ops).toHaveLength(ROUTES.length);
    expect(new Set(ops.map((o) => o.operationId)).size).toBe(ROUTES.length);
    const limit = doc.paths['/transcripts']!.get.parameters.find((p: any) => p.name === 'limit');
    expect(limit.schema).toMatchObject({ maximum: 100, minimum: 1, default: 25 });
    expect(doc.paths['/health']!.get.security).toEqual([]);
  });
});

describe('eventsOfStreamEvent', () => {
  it('decodes the commit item of a DynamoDB stream record', () => {
    const events = eventsOfStreamEvent(fixture<DynamoDBStreamEvent>('dynamodb-stream-commit.json'));
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]).toMatchObject({ type: 'TranscriptReceived', stream: 'transcript/0f1e2d3c4b5a69788796a5b4' });
    expect(events.filter((e) => e.type === 'TopicDetected')).toHaveLength(4);
  });
});
