/**
 * The archive's invariants, checked against the tables themselves (DynamoDB Local or AWS) after a
 * load run or a fault: nothing accepted is lost, nothing is duplicated.
 *   - every transcript stream has versions 1..n without gaps, each revision complete: received,
 *     then parsed or rejected exactly once; no upload of identical bytes made a second revision;
 *   - every accepted upload's stream has a view whose summary matches the fold of the stream;
 *   - every rejected upload has exactly one TranscriptRejected;
 *   - every (subscription, webhook message) has exactly one delivery, delivered or dead with a
 *     reason; no receiver got the same message under two webhook ids, and every delivery marked
 *     delivered was received.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { TableId } from '../lambdas/adapters/table-definitions';
import { decodeCommitHeader, decodeCommitItem } from '../lambdas/adapters/event-commits';
import { SUMMARY_SK, transcriptPk, VIEW_ATTRIBUTES } from '../lambdas/adapters/view-keys';
import type { StoredEvent } from '../lambdas/core/events';
import { sha256Hex, transcriptIdFor } from '../lambdas/core/ids';
import { foldTranscript } from '../lambdas/core/projections/transcript-view';
import { toSummary } from '../lambdas/core/projections/read-models';
import { deliveryIdFor, messagesFromEvents, type WebhookMessage } from '../lambdas/core/webhooks/messages';
import type { Delivery } from '../lambdas/core/webhooks/ports';
import { subscriptionWants, type Subscription } from '../lambdas/core/webhooks/subscription';

/** One upload the caller made (in upload order per key). */
export interface ExpectedUpload {
  readonly bucket: string;
  readonly key: string;
  /** sha256 of the uploaded bytes (see `uploadOf`). */
  readonly sha256: string;
  /** What must have come of it, when the caller knows. */
  readonly expect?: 'archived' | 'rejected';
  /** The rejection reason expected. */
  readonly reason?: string;
}

/** An upload record from bytes. */
export const uploadOf = (bucket: string, key: string, bytes: Uint8Array, expect?: ExpectedUpload['expect'], reason?: string): ExpectedUpload => ({
  bucket,
  key,
  sha256: sha256Hex(bytes),
  ...(expect ? { expect } : {}),
  ...(reason ? { reason } : {}),
});

/** One webhook request a receiver answered. */
export interface ReceivedRequest {
  /** The subscription whose URL it came to. */
  readonly subscriptionId: string;
  readonly webhookId: string;
  readonly body: string;
  /** What the receiver answered (2xx counts as received). */
  readonly status?: number;
}

/** What to check. */
export interface InvariantInput {
  readonly dynamo: DynamoDBClient;
  readonly tables: Record<TableId, string>;
  readonly uploads?: readonly ExpectedUpload[];
  /** Requests the receivers got; when given for a subscription, its succeeded deliveries must be among them. */
  readonly received?: readonly ReceivedRequest[];
  /** Subscriptions whose receivers recorded everything (default: every subscription in `received`). */
  readonly observedSubscriptions?: readonly string[];
  /**
   * The archive has settled (default true): work still in flight (pending deliveries, uploads not
   * ingested yet, views or deliveries not yet written, a revision being appended) is a violation.
   * With false (a run cut short) only what can never be right is: gaps, duplicates, deliveries no
   * event explains, views that disagree with the same version of their stream.
   */
  readonly requireSettled?: boolean;
}

/** Counts of deliveries by status. */
export interface DeliveryCounts {
  total: number;
  expected: number;
  succeeded: number;
  dead: number;
  pending: number;
  held: number;
  /** Expected deliveries with no delivery item. */
  missing: number;
  /** Delivery items no message explains (a duplicate under another id, or a stray). */
  unexpected: number;
  /** Succeeded deliveries no receiver recorded. */
  unreceived: number;
  /** Expected deliveries not created yet when the check ran (only counted when not settled). */
  notYetCreated: number;
}

/** The outcome of a check. */
export interface InvariantReport {
  readonly ok: boolean;
  /** The first violations (at most 100), each one line. */
  readonly violations: string[];
  readonly violationCount: number;
  readonly streams: number;
  readonly events: number;
  readonly transcripts: number;
  readonly revisions: number;
  /** Transcripts whose latest revision was parsed. */
  readonly archived: number;
  /** Revisions rejected. */
  readonly rejectedRevisions: number;
  /** `unprocessed`: not ingested yet when the check ran (only counted when not settled). */
  readonly uploads: { total: number; archived: number; rejected: number; unchanged: number; lost: number; unprocessed: number };
  readonly deliveries: DeliveryCounts;
  /** Messages a receiver got under more than one webhook id, plus revisions repeated for identical bytes. */
  readonly duplicates: number;
  /** Same webhook id answered 2xx more than once (at-least-once delivery; receivers dedupe by id). */
  readonly redelivered: number;
  /** Everything lost: uploads without their revision, expected deliveries missing or never received. */
  readonly lost: number;
}

const MAX_LISTED = 100;

type Item = Record<string, unknown>;

const scanAll = async (db: DynamoDBDocumentClient, table: string): Promise<Item[]> => {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const out = await db.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
};

const batchGetSummaries = async (db: DynamoDBDocumentClient, table: string, ids: readonly string[]): Promise<Map<string, Item>> => {
  const out = new Map<string, Item>();
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Item[] = ids.slice(i, i + 100).map((id) => ({ pk: transcriptPk(id), sk: SUMMARY_SK }));
    for (let round = 0; keys.length > 0 && round < 20; round++) {
      const res = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }));
      for (const item of res.Responses?.[table] ?? []) out.set(String(item.pk).slice(2), item);
      keys = (res.UnprocessedKeys?.[table]?.Keys as Item[] | undefined) ?? [];
    }
  }
  return out;
};

/** A canonical JSON form (sorted keys) for comparing read models. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

const differingFields = (a: Record<string, unknown>, b: Record<string, unknown>): string[] =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => canonical(a[k]) !== canonical(b[k]));

const messageKey = (subscriptionId: string, m: { type: string; transcriptId?: string; revision?: number; topic?: string }): string =>
  [subscriptionId, m.type, m.transcriptId ?? '', m.revision ?? '', m.topic ?? ''].join('|');

/** The (type, transcript, revision, topic) a webhook body is about. */
const subjectOfBody = (body: string): { type: string; transcriptId?: string; revision?: number; topic?: string } | undefined => {
  try {
    const parsed = JSON.parse(body) as { type?: string; data?: Record<string, unknown> };
    const data = parsed.data ?? {};
    const transcript = data.transcript as { id?: string; revision?: number } | undefined;
    return {
      type: String(parsed.type),
      transcriptId: (transcript?.id ?? data.transcriptId) as string | undefined,
      revision: (transcript?.revision ?? data.revision) as number | undefined,
      topic: data.topic as string | undefined,
    };
  } catch {
    return undefined;
  }
};

/** Time (ms) encoded in a ULID. */
const ulidTime = (ulid: string | undefined): number => {
  if (!ulid) return 0;
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let t = 0;
  for (const c of ulid.slice(0, 10)) t = t * 32 + alphabet.indexOf(c);
  return t;
};

/** Checks every invariant; never throws on a violation (it is reported). */
export const checkInvariants = async (input: InvariantInput): Promise<InvariantReport> => {
  const violations: string[] = [];
  let violationCount = 0;
  const violate = (line: string) => {
    violationCount++;
    if (violations.length < MAX_LISTED) violations.push(line);
  };
  const requireSettled = input.requireSettled ?? true;
  const db = DynamoDBDocumentClient.from(input.dynamo);

  // Whatever derives from the log is read before the log, so on a running archive every delivery
  // read is explained by an event read afterwards.
  const webhookItems = await scanAll(db, input.tables.webhooks);

  // --- the log ---------------------------------------------------------------------------------
  const commitItems = await scanAll(db, input.tables.events);
  const byStream = new Map<string, StoredEvent[]>();
  const lastCommit = new Map<string, { last: number; end: number }>();
  const commitTime = new Map<string, number>();
  const eventIds = new Set<string>();
  let eventCount = 0;
  for (const item of commitItems) {
    let events: StoredEvent[];
    try {
      const header = decodeCommitHeader(item);
      const seen = lastCommit.get(header.stream);
      if (!seen || header.lastVersion > seen.last) lastCommit.set(header.stream, { last: header.lastVersion, end: header.end });
      events = decodeCommitItem(item);
      commitTime.set(header.commitId, ulidTime(header.commitId));
    } catch (error) {
      violate(`events: an unreadable commit item (${(error as Error).message})`);
      continue;
    }
    for (const e of events) {
      eventCount++;
      if (eventIds.has(e.eventId)) violate(`${e.stream}: event id ${e.eventId} stored twice`);
      eventIds.add(e.eventId);
      const list = byStream.get(e.stream) ?? [];
      list.push(e);
      byStream.set(e.stream, list);
    }
  }
  for (const list of byStream.values()) list.sort((a, b) => a.version - b.version);

  let transcripts = 0;
  let revisions = 0;
  let archived = 0;
  let rejectedRevisions = 0;
  let duplicates = 0;
  /** transcriptId → sha256 → outcome of the revision holding those bytes. */
  const outcomes = new Map<string, Map<string, { revision: number; outcome: 'archived' | 'rejected' | 'incomplete'; reason?: string }>>();
  const transcriptIds: string[] = [];

  for (const [stream, events] of byStream) {
    events.forEach((e, i) => {
      if (e.version !== i + 1) violate(`${stream}: version ${e.version} at position ${i + 1} (a gap or a duplicate)`);
    });
    const head = lastCommit.get(stream);
    if (requireSettled && head && head.last < head.end) violate(`${stream}: the last append stopped at version ${head.last} of ${head.end} (incomplete)`);
    if (stream.startsWith('topic/')) {
      if (events.length !== 1 || events[0]?.type !== 'TopicFirstSeen') violate(`${stream}: ${events.length} events, expected exactly one TopicFirstSeen`);
      continue;
    }
    if (!stream.startsWith('transcript/')) {
      violate(`${stream}: a stream of unknown kind`);
      continue;
    }
    transcripts++;
    const transcriptId = stream.slice('transcript/'.length);
    transcriptIds.push(transcriptId);
    const perSha = new Map<string, { revision: number; outcome: 'archived' | 'rejected' | 'incomplete'; reason?: string }>();
    outcomes.set(transcriptId, perSha);
    let current: { revision: number; sha: string; parsed: number; rejected: number; reason?: string } | undefined;
    let previousSha: string | undefined;
    const close = (last: boolean) => {
      if (!current) return;
      revisions++;
      const outcome = current.parsed === 1 && current.rejected === 0 ? 'archived' : current.rejected === 1 && current.parsed === 0 ? 'rejected' : 'incomplete';
      const inFlight = last && !requireSettled && current.parsed === 0 && current.rejected === 0;
      if (outcome === 'incomplete' && !inFlight) {
        violate(`${stream}: revision ${current.revision} has ${current.parsed} TranscriptParsed and ${current.rejected} TranscriptRejected (exactly one of them expected)`);
      }
      if (outcome === 'rejected') rejectedRevisions++;
      perSha.set(current.sha, { revision: current.revision, outcome, ...(current.reason ? { reason: current.reason } : {}) });
      previousSha = current.sha;
    };
    for (const e of events) {
      if (e.type === 'TranscriptReceived') {
        close(false);
        const expected = (current?.revision ?? 0) + 1;
        if (e.data.revision !== expected) violate(`${stream}: revision ${e.data.revision} received where ${expected} was due`);
        if (e.data.transcriptId !== transcriptId) violate(`${stream}: TranscriptReceived names transcript ${e.data.transcriptId}`);
        if (previousSha === e.data.sha256) {
          duplicates++;
          violate(`${stream}: revision ${e.data.revision} repeats the bytes of revision ${e.data.revision - 1} (an identical upload made a new revision)`);
        }
        current = { revision: e.data.revision, sha: e.data.sha256, parsed: 0, rejected: 0 };
        continue;
      }
      if (!current) {
        violate(`${stream}: ${e.type} at version ${e.version} before any TranscriptReceived`);
        continue;
      }
      if ('revision' in e.data && e.data.revision !== current.revision) {
        violate(`${stream}: ${e.type} at version ${e.version} is of revision ${e.data.revision} inside revision ${current.revision}`);
      }
      if (e.type === 'TranscriptParsed') current.parsed++;
      if (e.type === 'TranscriptRejected') {
        current.rejected++;
        current.reason = e.data.reason;
      }
    }
    close(true);
    const latest = [...perSha.values()].sort((a, b) => b.revision - a.revision)[0];
    if (latest?.outcome === 'archived') archived++;
  }

  // --- uploads ---------------------------------------------------------------------------------
  const uploads = { total: 0, archived: 0, rejected: 0, unchanged: 0, lost: 0, unprocessed: 0 };
  const seenUpload = new Set<string>();
  for (const u of input.uploads ?? []) {
    uploads.total++;
    const id = transcriptIdFor(u.bucket, u.key);
    const result = outcomes.get(id)?.get(u.sha256);
    const uploadKey = `${id}|${u.sha256}`;
    if (seenUpload.has(uploadKey)) uploads.unchanged++;
    seenUpload.add(uploadKey);
    if (!result || (!requireSettled && result.outcome === 'incomplete')) {
      if (!requireSettled) {
        uploads.unprocessed++;
        continue;
      }
      uploads.lost++;
      violate(`upload ${JSON.stringify(u.key)}: no revision holds its bytes (lost)`);
      continue;
    }
    if (result.outcome === 'archived') uploads.archived++;
    if (result.outcome === 'rejected') uploads.rejected++;
    if (u.expect && result.outcome !== u.expect) violate(`upload ${JSON.stringify(u.key)}: ${result.outcome}, expected ${u.expect}`);
    if (u.reason && result.reason !== u.reason) violate(`upload ${JSON.stringify(u.key)}: rejected as ${result.reason ?? '-'}, expected ${u.reason}`);
  }

  // --- views -----------------------------------------------------------------------------------
  const summaries = await batchGetSummaries(db, input.tables.views, transcriptIds);
  for (const id of transcriptIds) {
    const events = byStream.get(`transcript/${id}`) ?? [];
    const item = summaries.get(id);
    if (!item) {
      if (requireSettled) violate(`transcript ${id}: no view`);
      continue;
    }
    const view = foldTranscript(id, events);
    if (Number(item[VIEW_ATTRIBUTES.version]) !== view.version) {
      if (requireSettled) violate(`transcript ${id}: view at version ${String(item[VIEW_ATTRIBUTES.version])}, stream at ${view.version}`);
      continue;
    }
    const stored = item[VIEW_ATTRIBUTES.summary] as Record<string, unknown> | undefined;
    const expected = JSON.parse(JSON.stringify(toSummary(view))) as Record<string, unknown>;
    const differs = stored ? differingFields(stored, expected) : ['summary'];
    if (differs.length) violate(`transcript ${id}: view differs from the fold of its stream in ${differs.join(', ')}`);
  }

  // --- webhooks --------------------------------------------------------------------------------
  const subscriptions = new Map<string, Subscription>();
  const deliveries = new Map<string, Delivery>();
  for (const item of webhookItems) {
    const pk = String(item.pk);
    if (pk.startsWith('sub#')) subscriptions.set(String(item.id), item as unknown as Subscription);
    else if (pk.startsWith('dlv#')) deliveries.set(String(item.id), item as unknown as Delivery);
  }
  const counts: DeliveryCounts = { total: deliveries.size, expected: 0, succeeded: 0, dead: 0, pending: 0, held: 0, missing: 0, unexpected: 0, unreceived: 0, notYetCreated: 0 };

  const reader = { readTranscript: async (id: string) => byStream.get(`transcript/${id}`) ?? [] };
  const explained = new Set<string>();
  if (subscriptions.size > 0 || deliveries.size > 0) {
    // Messages per commit, like the notifier sees them.
    const byCommit = new Map<string, StoredEvent[]>();
    for (const events of byStream.values()) {
      for (const e of events) {
        if (e.type !== 'TopicDetected' && e.type !== 'TopicFirstSeen' && e.type !== 'TranscriptRejected') continue;
        const c = e.meta.commitId ?? e.eventId;
        const list = byCommit.get(c) ?? [];
        list.push(e);
        byCommit.set(c, list);
      }
    }
    for (const [commitId, events] of byCommit) {
      let messages: WebhookMessage[];
      try {
        messages = await messagesFromEvents(events, reader);
      } catch (error) {
        violate(`commit ${commitId}: its webhook messages cannot be built (${(error as Error).message})`);
        continue;
      }
      const at = commitTime.get(commitId) ?? 0;
      for (const m of messages) {
        for (const sub of subscriptions.values()) {
          if (!subscriptionWants(sub, m)) continue;
          const id = deliveryIdFor(sub.id, m);
          explained.add(id);
          // A subscription made after the commit may or may not have caught it.
          const optional = at > 0 && at < Date.parse(sub.createdAt);
          if (optional) continue;
          counts.expected++;
          if (!deliveries.has(id)) {
            if (!requireSettled) {
              counts.notYetCreated++;
              continue;
            }
            counts.missing++;
            violate(`subscription ${sub.id}: no delivery of ${m.type} ${m.transcriptId} rev ${m.revision}${m.topic ? ` ${m.topic}` : ''} (lost)`);
          }
        }
      }
    }
  }

  const receivedBy = new Map<string, Map<string, number>>();
  const messageIds = new Map<string, Set<string>>();
  let redelivered = 0;
  for (const r of input.received ?? []) {
    const ok = r.status !== undefined && r.status >= 200 && r.status < 300;
    const subject = subjectOfBody(r.body);
    if (subject) {
      const key = messageKey(r.subscriptionId, subject);
      const ids = messageIds.get(key) ?? new Set<string>();
      ids.add(r.webhookId);
      messageIds.set(key, ids);
    }
    if (!ok) continue;
    const bySub = receivedBy.get(r.subscriptionId) ?? new Map<string, number>();
    const n = (bySub.get(r.webhookId) ?? 0) + 1;
    if (n === 2) redelivered++;
    bySub.set(r.webhookId, n);
    receivedBy.set(r.subscriptionId, bySub);
  }
  for (const [key, ids] of messageIds) {
    if (ids.size > 1) {
      duplicates += ids.size - 1;
      violate(`receiver: message ${key} arrived under ${ids.size} webhook ids (${[...ids].join(', ')})`);
    }
  }
  const observed = new Set(input.observedSubscriptions ?? (input.received ?? []).map((r) => r.subscriptionId));

  for (const d of deliveries.values()) {
    if (d.type !== 'ping' && !explained.has(d.id)) {
      counts.unexpected++;
      violate(`delivery ${d.id} (${d.type} ${d.transcriptId ?? ''} rev ${d.revision ?? ''} ${d.topic ?? ''}) matches no message of the log`);
    }
    const sub = subscriptions.get(d.subscriptionId);
    switch (d.status) {
      case 'succeeded':
        counts.succeeded++;
        if (observed.has(d.subscriptionId) && !receivedBy.get(d.subscriptionId)?.has(d.id)) {
          counts.unreceived++;
          violate(`delivery ${d.id}: marked delivered but its receiver never answered 2xx to it`);
        }
        break;
      case 'dead': {
        counts.dead++;
        const last = d.attempts.at(-1);
        const hasReason = !sub || (last !== undefined && (last.error !== undefined || last.statusCode !== undefined));
        if (!hasReason) violate(`delivery ${d.id}: dead without a reason`);
        break;
      }
      case 'held':
        counts.held++;
        if (sub && sub.status === 'enabled') violate(`delivery ${d.id}: held although its subscription is enabled`);
        break;
      case 'pending':
        counts.pending++;
        if (requireSettled) violate(`delivery ${d.id}: still pending (${d.attemptCount} attempts, next ${d.nextAttemptAt ?? d.dueAt ?? '-'})`);
        break;
    }
  }

  const lost = uploads.lost + counts.missing + counts.unreceived;
  return {
    ok: violationCount === 0,
    violations,
    violationCount,
    streams: byStream.size,
    events: eventCount,
    transcripts,
    revisions,
    archived,
    rejectedRevisions,
    uploads,
    deliveries: counts,
    duplicates,
    redelivered,
    lost,
  };
};

/**
 * Checks until the invariants hold or `timeoutMs` passes (an archive still finishing its work
 * settles meanwhile); returns the last report. Pass a function to re-read receivers each time.
 */
export const waitForInvariants = async (
  input: InvariantInput | (() => InvariantInput),
  timeoutMs: number,
  intervalMs = 500,
): Promise<InvariantReport> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const report = await checkInvariants(typeof input === 'function' ? input() : input);
    if (report.ok || Date.now() > deadline) return report;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
};

/** A short, printable summary of a report. */
export const formatInvariantReport = (r: InvariantReport): string =>
  [
    `invariants ${r.ok ? 'hold' : `VIOLATED (${r.violationCount})`}: ${r.transcripts} transcripts, ${r.revisions} revisions (${r.rejectedRevisions} rejected), ${r.events} events`,
    `  uploads ${r.uploads.total}: ${r.uploads.archived} archived, ${r.uploads.rejected} rejected, ${r.uploads.unchanged} repeats, ${r.uploads.lost} lost${r.uploads.unprocessed ? `, ${r.uploads.unprocessed} not processed yet` : ''}`,
    `  deliveries ${r.deliveries.total} (expected ${r.deliveries.expected}): ${r.deliveries.succeeded} delivered, ${r.deliveries.dead} dead, ${r.deliveries.held} held, ${r.deliveries.pending} pending, ${r.deliveries.missing} missing, ${r.deliveries.unexpected} unexpected${r.deliveries.notYetCreated ? `, ${r.deliveries.notYetCreated} not created yet` : ''}; ${r.redelivered} redelivered under the same id`,
    ...r.violations.map((v) => `  ✗ ${v}`),
  ].join('\n');
