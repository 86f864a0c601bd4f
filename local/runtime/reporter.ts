/**
 * The lines `npm start` prints while it runs: one per archived (or rejected) transcript, read from
 * the event table's stream like any other consumer, and one per webhook delivery attempt, observed
 * through Node's HTTP diagnostics channels (requests carrying a `webhook-id` header), so neither the
 * handlers nor the delivery code need a hook for it.
 */
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { decodeCommitHeader, decodeCommitItem } from '../../lambdas/adapters/event-commits';
import type { StoredEvent } from '../../lambdas/core/events';

/** One archived or rejected transcript revision, as printed. */
export interface ArchivedLine {
  readonly transcriptId: string;
  readonly revision: number;
  readonly key?: string;
  readonly title?: string;
  readonly statements?: number;
  readonly topics: string[];
  readonly rejected?: string;
}

interface Pending {
  key?: string;
  title?: string;
  statements?: number;
  topics: Set<string>;
  rejected?: string;
  done: boolean;
}

/** Formats an archived line. */
export const formatArchived = (line: ArchivedLine): string => {
  const name = line.key ?? line.transcriptId;
  if (line.rejected) return `rejected  ${name}  (${line.rejected})`;
  const topics = line.topics.length ? line.topics.join(', ') : 'none';
  const rev = line.revision > 1 ? ` rev ${line.revision}` : '';
  return `archived  ${name}${rev}  "${line.title ?? ''}"  ${line.statements ?? 0} statements  topics: ${topics}`;
};

/**
 * A stream batch handler that reports each transcript revision once its append is complete
 * (the commit whose last version is the append's end).
 */
export const archivedReporter = (print: (line: ArchivedLine) => void) => {
  const pending = new Map<string, Pending>();
  const take = (e: StoredEvent): Pending | undefined => {
    if (!('revision' in e.data) || !('transcriptId' in e.data)) return undefined;
    const id = `${e.data.transcriptId}#${e.data.revision}`;
    let p = pending.get(id);
    if (!p) pending.set(id, (p = { topics: new Set(), done: false }));
    return p;
  };
  return async (event: DynamoDBStreamEvent): Promise<void> => {
    for (const record of event.Records) {
      const image = record.dynamodb?.NewImage;
      if (record.eventName !== 'INSERT' || !image) continue;
      let events: StoredEvent[];
      let complete: boolean;
      try {
        const header = decodeCommitHeader(image);
        complete = header.lastVersion >= header.end;
        events = decodeCommitItem(image);
      } catch {
        continue;
      }
      const touched = new Map<string, { transcriptId: string; revision: number; p: Pending }>();
      for (const e of events) {
        const p = take(e);
        if (!p) continue;
        if (e.type === 'TranscriptReceived') p.key = e.data.source.key;
        if (e.type === 'TranscriptParsed') {
          p.title = e.data.title;
          p.statements = e.data.statementCount;
        }
        if (e.type === 'TopicDetected') p.topics.add(e.data.topic);
        if (e.type === 'TranscriptRejected') {
          p.rejected = e.data.reason;
          p.key ??= e.data.source.key;
        }
        if ('revision' in e.data && 'transcriptId' in e.data) {
          touched.set(`${e.data.transcriptId}#${e.data.revision}`, { transcriptId: e.data.transcriptId, revision: e.data.revision, p });
        }
      }
      if (!complete) continue;
      for (const [id, { transcriptId, revision, p }] of touched) {
        pending.delete(id);
        if (p.done || (p.title === undefined && p.rejected === undefined)) continue;
        p.done = true;
        print({ transcriptId, revision, key: p.key, title: p.title, statements: p.statements, topics: [...p.topics], rejected: p.rejected });
      }
    }
  };
};

/** One webhook delivery attempt, as observed on the wire. */
export interface DeliveryLine {
  readonly webhookId: string;
  readonly url: string;
  readonly status?: number;
  readonly error?: string;
  readonly ms: number;
}

/** Formats a delivery line. */
export const formatDelivery = (line: DeliveryLine): string =>
  line.status !== undefined && line.status >= 200 && line.status < 300
    ? `delivered webhook ${line.webhookId} → ${line.url}  ${line.status} in ${line.ms} ms`
    : `webhook   ${line.webhookId} → ${line.url}  failed (${line.error ?? line.status}) in ${line.ms} ms; retried on the schedule`;

type UndiciRequest = { origin?: string | URL; path?: string; headers?: unknown };

const headerFromUndici = (headers: unknown, name: string): string | undefined => {
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) {
      if (String(headers[i]).toLowerCase() === name) return String(headers[i + 1]);
    }
    return undefined;
  }
  if (typeof headers === 'string') {
    const match = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers);
    return match?.[1]?.trim();
  }
  return undefined;
};

/** Watches outgoing HTTP for webhook deliveries; returns a function that stops watching. */
export const watchDeliveries = (print: (line: DeliveryLine) => void): (() => void) => {
  const started = new WeakMap<object, { id: string; url: string; at: number }>();

  const onHttpStart = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    const id = request.getHeader('webhook-id');
    if (typeof id !== 'string') return;
    const url = `${request.protocol}//${String(request.getHeader('host') ?? request.host)}${request.path}`;
    const at = Date.now();
    started.set(request, { id, url, at });
    request.once('error', (error) => print({ webhookId: id, url, error: error.message, ms: Date.now() - at }));
  };
  const onHttpFinish = (message: unknown) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    const s = started.get(request);
    if (s) print({ webhookId: s.id, url: s.url, status: response.statusCode, ms: Date.now() - s.at });
  };
  const onUndiciCreate = (message: unknown) => {
    const request = (message as { request: UndiciRequest }).request;
    const id = headerFromUndici(request.headers, 'webhook-id');
    if (!id) return;
    started.set(request, { id, url: `${String(request.origin ?? '')}${request.path ?? ''}`, at: Date.now() });
  };
  const onUndiciHeaders = (message: unknown) => {
    const { request, response } = message as { request: UndiciRequest; response: { statusCode: number } };
    const s = started.get(request);
    if (s) print({ webhookId: s.id, url: s.url, status: response.statusCode, ms: Date.now() - s.at });
  };
  const onUndiciError = (message: unknown) => {
    const { request, error } = message as { request: UndiciRequest; error: Error };
    const s = started.get(request);
    if (s) print({ webhookId: s.id, url: s.url, error: error.message, ms: Date.now() - s.at });
  };
  const subscriptions: Array<[string, (message: unknown) => void]> = [
    ['http.client.request.start', onHttpStart],
    ['http.client.response.finish', onHttpFinish],
    ['undici:request:create', onUndiciCreate],
    ['undici:request:headers', onUndiciHeaders],
    ['undici:request:error', onUndiciError],
  ];
  for (const [name, fn] of subscriptions) diagnostics.subscribe(name, fn);
  return () => {
    for (const [name, fn] of subscriptions) diagnostics.unsubscribe(name, fn);
  };
};
