/**
 * Every route of the HTTP API (interfaces.md), as data: method, path template, the zod schemas of
 * its parameters, body and responses (from which openapi.ts writes the OpenAPI document), and the
 * function that answers it. Route functions call the read side (core/projections/queries.ts), the
 * event store and the webhook service through the ports in ApiDeps.
 */
import * as z from 'zod';
import type { Clock } from '../core/clock';
import type { EventStore } from '../core/event-store';
import { transcriptStream } from '../core/events';
import { listTranscripts, searchStatements, topicMentionsPage, topicsOverview, type Position } from '../core/projections/queries';
import type { ViewStore } from '../core/projections/view-store';
import { isTopicId } from '../core/topic-ids';
import type { WebhookService } from '../core/webhooks/service';
import { decodeCursor, encodeCursor } from './cursor';
import { ApiError, errorBodySchema } from './errors';
import {
  createSubscriptionBody,
  deliveryParams,
  deliverySchema,
  eventSchema,
  isAsciiHeaderValue,
  listTranscriptsQuery,
  mentionsQuery,
  pageOf,
  pageQuery,
  replayBody,
  searchQuery,
  statementHitSchema,
  subscriptionParams,
  subscriptionSchema,
  topicOverviewSchema,
  topicParams,
  transcriptDetailSchema,
  transcriptParams,
  transcriptSummarySchema,
  uploadBody,
  uploadResponseSchema,
} from './schemas';

/** Signs pre-signed PUT URLs into the transcripts bucket. */
export interface UploadSigner {
  readonly bucket: string;
  /** A URL that accepts one PUT of `key` with exactly these headers, until it expires. */
  presignPut(input: { key: string; contentType: string; metadata: Record<string, string>; expiresInSeconds: number }): Promise<string>;
}

/** What the routes need. */
export interface ApiDeps {
  readonly views: ViewStore;
  readonly events: Pick<EventStore, 'read'>;
  /** The webhook service, built on first use. */
  readonly webhooks: () => WebhookService;
  readonly uploads: UploadSigner;
  /** Key of the cursor HMAC. */
  readonly cursorSecret: string;
  /** When set, the handler itself checks `x-api-key` (locally); in AWS API Gateway does. */
  readonly apiKey?: string;
  readonly clock: Clock;
  /** A unique id (upload keys). */
  readonly newId: () => string;
}

/** What a route answers. */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** A documented response. */
export interface ResponseDoc {
  readonly description: string;
  readonly schema?: z.ZodType;
}

/** Input handed to a route function. */
export interface RouteInput<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly deps: ApiDeps;
}

/** One route. */
export interface Route<P = unknown, Q = unknown, B = unknown> {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  /** False only for /health. */
  readonly auth: boolean;
  readonly params?: z.ZodType<P>;
  readonly query?: z.ZodType<Q>;
  readonly body?: z.ZodType<B>;
  readonly responses: Readonly<Record<number, ResponseDoc>>;
  handle(input: RouteInput<P, Q, B>): Promise<Reply>;
}

const route = <P, Q, B>(r: Route<P, Q, B>): Route => r as unknown as Route;

const ok = (body: unknown, status = 200): Reply => ({ status, body });
const errors = (...statuses: number[]): Record<number, ResponseDoc> =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description:
          ({ 400: 'invalid request', 401: 'missing API key', 403: 'wrong API key', 404: 'not found', 409: 'conflict', 413: 'body too large', 429: 'throttled', 500: 'internal error' } as Record<number, string>)[s] ??
          'error',
        schema: errorBodySchema,
      },
    ]),
  );
const COMMON = [401, 403, 429, 500];

/** Opens a cursor of a scope into a page position. */
const positionFrom = (deps: ApiDeps, scope: string, cursor: string | undefined): Position | undefined => {
  if (cursor === undefined) return undefined;
  const raw = decodeCursor(deps.cursorSecret, scope, cursor);
  const parsed = z.object({ k: z.string().max(300), s: z.number().int().optional() }).safeParse(raw);
  if (!parsed.success) throw new ApiError(400, 'bad_cursor', 'cursor is invalid, tampered with, or from another listing');
  return parsed.data;
};

const nextCursor = (deps: ApiDeps, scope: string, next: unknown): { nextCursor?: string } =>
  next === undefined ? {} : { nextCursor: encodeCursor(deps.cursorSecret, scope, next) };

const scopeOf = (operationId: string, filters: Record<string, unknown>): string => `${operationId}|${JSON.stringify(filters)}`;

/** Wraps the webhook store's own cursor in ours, so tampering is caught here. */
const foreignCursor = (deps: ApiDeps, scope: string, cursor: string | undefined): string | undefined => {
  if (cursor === undefined) return undefined;
  const parsed = z.object({ w: z.string() }).safeParse(decodeCursor(deps.cursorSecret, scope, cursor));
  if (!parsed.success) throw new ApiError(400, 'bad_cursor', 'cursor is invalid, tampered with, or from another listing');
  return parsed.data.w;
};

/** RFC 2047 encoding for metadata S3 cannot carry as plain ASCII. */
const headerSafe = (value: string): string =>
  isAsciiHeaderValue(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;

const safeFileName = (name: string | undefined): string =>
  (name ?? 'transcript.txt').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').slice(-100) || 'transcript.txt';

/** Every route the API serves. */
export const ROUTES: readonly Route[] = [
  route({
    method: 'GET',
    path: '/health',
    operationId: 'health',
    summary: 'liveness (no API key needed)',
    auth: false,
    responses: { 200: { description: 'alive', schema: z.object({ ok: z.literal(true) }) } },
    handle: async () => ok({ ok: true }),
  }),
  route({
    method: 'GET',
    path: '/openapi.json',
    operationId: 'openapi',
    summary: 'this document (OpenAPI 3.1)',
    auth: true,
    responses: { 200: { description: 'the OpenAPI document', schema: z.record(z.string(), z.unknown()) }, ...errors(...COMMON) },
    handle: async () => {
      const { openApiDocument } = await import('./openapi');
      return ok(openApiDocument());
    },
  }),
  route({
    method: 'GET',
    path: '/transcripts',
    operationId: 'listTranscripts',
    summary: 'transcript summaries, newest first, filtered by topic, entity and days',
    auth: true,
    query: listTranscriptsQuery,
    responses: { 200: { description: 'a page of transcripts', schema: pageOf(transcriptSummarySchema) }, ...errors(400, ...COMMON) },
    handle: async ({ query, deps }) => {
      const { limit, cursor, ...filters } = query;
      const scope = scopeOf('listTranscripts', filters);
      const page = await listTranscripts(deps.views, filters, { ...filters, limit, after: positionFrom(deps, scope, cursor) });
      return ok({ items: page.items, ...nextCursor(deps, scope, page.next) });
    },
  }),
  route({
    method: 'GET',
    path: '/transcripts/{id}',
    operationId: 'getTranscript',
    summary: 'one transcript: title, date, speakers, topics, entities, meetings, awards, statements',
    auth: true,
    params: transcriptParams,
    responses: { 200: { description: 'the transcript', schema: transcriptDetailSchema }, ...errors(404, ...COMMON) },
    handle: async ({ params, deps }) => {
      const detail = await deps.views.getDetail(params.id);
      if (!detail) throw new ApiError(404, 'not_found', 'no such transcript');
      return ok(detail);
    },
  }),
  route({
    method: 'GET',
    path: '/transcripts/{id}/events',
    operationId: 'getTranscriptEvents',
    summary: "the transcript stream's events in version order",
    auth: true,
    params: transcriptParams,
    query: pageQuery,
    responses: { 200: { description: 'a page of events', schema: pageOf(eventSchema) }, ...errors(400, 404, ...COMMON) },
    handle: async ({ params, query, deps }) => {
      const scope = scopeOf('getTranscriptEvents', { id: params.id });
      const after = positionFrom(deps, scope, query.cursor);
      const fromVersion = after?.s === undefined ? 1 : after.s + 1;
      const events = await deps.events.read(transcriptStream(params.id), fromVersion);
      if (events.length === 0 && fromVersion === 1) throw new ApiError(404, 'not_found', 'no such transcript');
      const items = events.slice(0, query.limit);
      const last = items[items.length - 1];
      return ok({ items, ...nextCursor(deps, scope, events.length > query.limit && last ? { k: params.id, s: last.version } : undefined) });
    },
  }),
  route({
    method: 'GET',
    path: '/topics',
    operationId: 'listTopics',
    summary: 'every topic with mention count, first and last seen',
    auth: true,
    responses: { 200: { description: 'the topics', schema: z.object({ items: z.array(topicOverviewSchema) }) }, ...errors(...COMMON) },
    handle: async ({ deps }) => ok({ items: await topicsOverview(deps.views) }),
  }),
  route({
    method: 'GET',
    path: '/topics/{topic}/mentions',
    operationId: 'listTopicMentions',
    summary: 'statements that mention a topic, newest transcript first, with transcript id and title',
    auth: true,
    params: topicParams,
    query: mentionsQuery,
    responses: { 200: { description: 'a page of statements', schema: pageOf(statementHitSchema) }, ...errors(400, 404, ...COMMON) },
    handle: async ({ params, query, deps }) => {
      const { limit, cursor, ...filters } = query;
      const scope = scopeOf('listTopicMentions', { topic: params.topic, ...filters });
      const after = positionFrom(deps, scope, cursor);
      // The topic's statements per transcript (archive-wide, read at most a minute ago) size the reads.
      const counter = (await deps.views.topicCounters({ maxAgeMs: 60_000 })).find((c) => c.topic === params.topic);
      const statementsPerEntry = counter && counter.transcripts > 0 ? counter.mentions / counter.transcripts : 1;
      const page = await topicMentionsPage(deps.views, params.topic, { ...filters, limit, after, statementsPerEntry });
      if (page.items.length === 0 && !after && !isTopicId(params.topic)) {
        const known = (await deps.views.topicCounters()).some((c) => c.topic === params.topic);
        if (!known) throw new ApiError(404, 'not_found', 'no such topic');
      }
      return ok({ items: page.items, ...nextCursor(deps, scope, page.next) });
    },
  }),
  route({
    method: 'GET',
    path: '/search',
    operationId: 'search',
    summary: 'statements containing every word and "quoted phrase" of q, newest first',
    auth: true,
    query: searchQuery,
    responses: { 200: { description: 'a page of statements', schema: pageOf(statementHitSchema) }, ...errors(400, ...COMMON) },
    handle: async ({ query, deps }) => {
      const scope = scopeOf('search', { q: query.q });
      const page = await searchStatements(deps.views, query.q, { limit: query.limit, after: positionFrom(deps, scope, query.cursor) });
      return ok({ items: page.items, ...nextCursor(deps, scope, page.next) });
    },
  }),
  route({
    method: 'POST',
    path: '/uploads',
    operationId: 'createUpload',
    summary: 'a pre-signed URL to PUT a transcript into the bucket (with title/date/url/speaker metadata)',
    auth: true,
    body: uploadBody,
    responses: { 201: { description: 'the upload URL', schema: uploadResponseSchema }, ...errors(400, 413, ...COMMON) },
    handle: async ({ body, deps }) => {
      const now = deps.clock.now();
      const key = body.key
        ? `transcripts/${body.key}`
        : `uploads/${new Date(now).toISOString().slice(0, 10)}/${deps.newId()}-${safeFileName(body.filename)}`;
      const metadata: Record<string, string> = {};
      for (const field of ['title', 'date', 'url', 'speaker'] as const) {
        const value = body[field];
        if (value !== undefined) metadata[field] = headerSafe(value);
      }
      const expiresInSeconds = 900;
      const uploadUrl = await deps.uploads.presignPut({ key, contentType: body.contentType, metadata, expiresInSeconds });
      const headers: Record<string, string> = { 'content-type': body.contentType };
      for (const [k, v] of Object.entries(metadata)) headers[`x-amz-meta-${k}`] = v;
      return ok(
        { uploadUrl, method: 'PUT', bucket: deps.uploads.bucket, key, headers, expiresAt: new Date(now + expiresInSeconds * 1000).toISOString() },
        201,
      );
    },
  }),
  route({
    method: 'POST',
    path: '/subscriptions',
    operationId: 'createSubscription',
    summary: 'creates a webhook subscription; the secret is shown only here and on rotation',
    auth: true,
    body: createSubscriptionBody,
    responses: {
      201: { description: 'the subscription and its secret', schema: subscriptionSchema.extend({ secret: z.string() }) },
      ...errors(400, 409, 413, ...COMMON),
    },
    handle: async ({ body, deps }) => {
      const { subscription, secret } = await deps.webhooks().createSubscription(body);
      return ok({ ...subscription, secret }, 201);
    },
  }),
  route({
    method: 'GET',
    path: '/subscriptions',
    operationId: 'listSubscriptions',
    summary: 'every subscription',
    auth: true,
    query: pageQuery,
    responses: { 200: { description: 'a page of subscriptions', schema: pageOf(subscriptionSchema) }, ...errors(400, ...COMMON) },
    handle: async ({ query, deps }) => {
      const scope = scopeOf('listSubscriptions', {});
      const theirs = foreignCursor(deps, scope, query.cursor);
      const page = await deps.webhooks().listSubscriptions({ limit: query.limit, ...(theirs ? { cursor: theirs } : {}) });
      return ok({ items: page.items, ...nextCursor(deps, scope, page.nextCursor === undefined ? undefined : { w: page.nextCursor }) });
    },
  }),
  route({
    method: 'GET',
    path: '/subscriptions/{id}',
    operationId: 'getSubscription',
    summary: 'one subscription',
    auth: true,
    params: subscriptionParams,
    responses: { 200: { description: 'the subscription', schema: subscriptionSchema }, ...errors(404, ...COMMON) },
    handle: async ({ params, deps }) => ok(await deps.webhooks().getSubscription(params.id)),
  }),
  route({
    method: 'DELETE',
    path: '/subscriptions/{id}',
    operationId: 'deleteSubscription',
    summary: 'deletes a subscription',
    auth: true,
    params: subscriptionParams,
    responses: { 204: { description: 'deleted' }, ...errors(404, ...COMMON) },
    handle: async ({ params, deps }) => {
      await deps.webhooks().deleteSubscription(params.id);
      return { status: 204 };
    },
  }),
  route({
    method: 'POST',
    path: '/subscriptions/{id}/rotate-secret',
    operationId: 'rotateSecret',
    summary: 'a new signing secret; the old one keeps signing alongside it for 24 h',
    auth: true,
    params: subscriptionParams,
    responses: {
      200: { description: 'the new secret', schema: z.object({ secret: z.string(), previousExpiresAt: z.string() }) },
      ...errors(404, ...COMMON),
    },
    handle: async ({ params, deps }) => ok(await deps.webhooks().rotateSecret(params.id)),
  }),
  route({
    method: 'GET',
    path: '/subscriptions/{id}/deliveries',
    operationId: 'listDeliveries',
    summary: 'every delivery with its attempts: event id, type, status code, latency, error, next attempt',
    auth: true,
    params: subscriptionParams,
    query: pageQuery,
    responses: { 200: { description: 'a page of deliveries', schema: pageOf(deliverySchema) }, ...errors(400, 404, ...COMMON) },
    handle: async ({ params, query, deps }) => {
      const scope = scopeOf('listDeliveries', { id: params.id });
      const theirs = foreignCursor(deps, scope, query.cursor);
      const page = await deps.webhooks().listDeliveries(params.id, { limit: query.limit, ...(theirs ? { cursor: theirs } : {}) });
      return ok({ items: page.items, ...nextCursor(deps, scope, page.nextCursor === undefined ? undefined : { w: page.nextCursor }) });
    },
  }),
  route({
    method: 'POST',
    path: '/subscriptions/{id}/deliveries/{deliveryId}/retry',
    operationId: 'retryDelivery',
    summary: 'one immediate attempt of a delivery, outside the schedule',
    auth: true,
    params: deliveryParams,
    responses: { 200: { description: 'the delivery after the attempt', schema: deliverySchema }, ...errors(404, ...COMMON) },
    handle: async ({ params, deps }) => ok(await deps.webhooks().retryDelivery(params.id, params.deliveryId)),
  }),
  route({
    method: 'POST',
    path: '/subscriptions/{id}/replay',
    operationId: 'replaySubscription',
    summary: 're-sends every matching delivery since a time',
    auth: true,
    params: subscriptionParams,
    body: replayBody,
    responses: { 202: { description: 'how many deliveries were queued again', schema: z.object({ replayed: z.number().int() }) }, ...errors(400, 404, 413, ...COMMON) },
    handle: async ({ params, body, deps }) => ok(await deps.webhooks().replay(params.id, body.since), 202),
  }),
  route({
    method: 'POST',
    path: '/subscriptions/{id}/ping',
    operationId: 'pingSubscription',
    summary: 'sends a test message now',
    auth: true,
    params: subscriptionParams,
    responses: { 200: { description: 'the ping delivery', schema: deliverySchema }, ...errors(404, ...COMMON) },
    handle: async ({ params, deps }) => ok(await deps.webhooks().ping(params.id)),
  }),
];
