/**
 * The codec of the events table: one item is one *commit*, a run of consecutive events of one
 * stream, gzip-compressed (see EVENTS_TABLE in table-definitions.ts and docs/event-store.md).
 * The event store writes items with `encodeCommits`; the projector and the notifier decode
 * DynamoDB stream records (NewImage) with `decodeCommitItem`, so both sides share one layout.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { eventSchemas, type StoredEvent } from '../core/events';

/** Attribute names of a commit item, in one place. */
export const COMMIT_ATTRIBUTES = {
  /** Partition key: the stream name (`transcript/<id>`). */
  pk: 'pk',
  /** Sort key: the version of the first event in the commit (N). */
  sk: 'sk',
  /** Version of the last event in the commit (N). */
  last: 'last',
  /** Version the whole append ends at (N); greater than `last` for all but an append's final commit. */
  end: 'end',
  /** gzip of the JSON array of the events (B). */
  body: 'body',
  /** Distinct event types inside (SS), for stream filter criteria. */
  types: 'types',
  /** byTime index partition: `log#<UTC month of commit>` (YYYY-MM). */
  tpk: 'tpk',
  /** byTime index sort key: the commit id. */
  tsk: 'tsk',
  /** The commit's id: a ULID whose time is the commit time. */
  commitId: 'commitId',
  /** Number of events inside (N). */
  count: 'count',
  /** Commit time, ISO 8601. */
  committedAt: 'committedAt',
  /** Body format version (N). */
  format: 'fmt',
} as const;

/** The body format this module writes. */
export const COMMIT_FORMAT = 1;

/** Compressed body budget per item: well under DynamoDB's 400 KB item limit (keys and GSI copy included). */
export const DEFAULT_MAX_COMMIT_BYTES = 350 * 1024;

/**
 * The byTime index partition of a commit made at `timeMs`: `log#YYYY-MM` (UTC). Months, not days:
 * all current writes land on one partition value either way, and rebuilding from an early date
 * walks 12 partitions a year instead of 365 (measured: 2 × ~2,500 empty day queries took 15 s
 * on DynamoDB Local).
 */
export const logPartition = (timeMs: number): string => `log#${new Date(timeMs).toISOString().slice(0, 7)}`;

/** A commit item could not be built or read. */
export class CommitCodecError extends Error {
  override readonly name = 'CommitCodecError';
}

/** What one commit item needs besides its events. */
export interface CommitOptions {
  /** The commit id (a ULID; its time part should be `committedAtMs`). */
  readonly commitId: string;
  readonly committedAtMs: number;
  /** Version the whole append ends at; defaults to the commit's last version. */
  readonly end?: number;
}

/** A commit item ready to write, with its compressed body size. */
export interface EncodedCommit {
  readonly item: Record<string, AttributeValue>;
  readonly firstVersion: number;
  readonly lastVersion: number;
  readonly bodyBytes: number;
}

type Compact = Omit<StoredEvent, 'stream'>;

const compact = (event: StoredEvent): Compact => {
  const { stream: _stream, meta, ...rest } = event;
  const { commitId: _commitId, ...keptMeta } = meta;
  return { ...rest, meta: keptMeta } as Compact;
};

const compress = (events: readonly StoredEvent[]): Uint8Array => gzipSync(JSON.stringify(events.map(compact)));

const assertRun = (events: readonly StoredEvent[]): void => {
  const first = events[0];
  if (!first) throw new CommitCodecError('a commit holds at least one event');
  events.forEach((event, i) => {
    if (event.stream !== first.stream) throw new CommitCodecError(`commit mixes streams ${first.stream} and ${event.stream}`);
    if (event.version !== first.version + i) {
      throw new CommitCodecError(`commit versions are not consecutive at ${event.version} (expected ${first.version + i})`);
    }
  });
};

const itemFor = (events: readonly StoredEvent[], body: Uint8Array, opts: CommitOptions): EncodedCommit => {
  const first = events[0]!;
  const last = events[events.length - 1]!;
  const A = COMMIT_ATTRIBUTES;
  const item: Record<string, AttributeValue> = {
    [A.pk]: { S: first.stream },
    [A.sk]: { N: String(first.version) },
    [A.last]: { N: String(last.version) },
    [A.end]: { N: String(opts.end ?? last.version) },
    [A.body]: { B: body },
    [A.types]: { SS: [...new Set(events.map((e) => e.type))] },
    [A.tpk]: { S: logPartition(opts.committedAtMs) },
    [A.tsk]: { S: opts.commitId },
    [A.commitId]: { S: opts.commitId },
    [A.count]: { N: String(events.length) },
    [A.committedAt]: { S: new Date(opts.committedAtMs).toISOString() },
    [A.format]: { N: String(COMMIT_FORMAT) },
  };
  return { item, firstVersion: first.version, lastVersion: last.version, bodyBytes: body.length };
};

/** Encodes one run of consecutive events of one stream as a single commit item (no size check). */
export const encodeCommit = (events: readonly StoredEvent[], opts: CommitOptions): EncodedCommit => {
  assertRun(events);
  return itemFor(events, compress(events), opts);
};

/** How `encodeCommits` names and sizes the items of one append. */
export interface EncodeCommitsOptions {
  /** A fresh commit id per item. */
  readonly newCommitId: () => string;
  readonly committedAtMs: number;
  /** Version the whole append ends at; defaults to the last event's version. */
  readonly end?: number;
  readonly maxBodyBytes?: number;
}

/**
 * Encodes one append as as few commit items as fit: one item when the compressed events fit
 * `maxBodyBytes`, otherwise runs cut by their estimated compressed size (and halved again if an
 * estimate was too hopeful). Throws CommitCodecError when a single event does not fit.
 */
export const encodeCommits = (events: readonly StoredEvent[], opts: EncodeCommitsOptions): EncodedCommit[] => {
  assertRun(events);
  const max = opts.maxBodyBytes ?? DEFAULT_MAX_COMMIT_BYTES;
  const end = opts.end ?? events[events.length - 1]!.version;
  const encodeRun = (run: readonly StoredEvent[], body: Uint8Array): EncodedCommit =>
    itemFor(run, body, { commitId: opts.newCommitId(), committedAtMs: opts.committedAtMs, end });

  const whole = compress(events);
  if (whole.length <= max) return [encodeRun(events, whole)];

  // Cut by uncompressed JSON size scaled by the observed compression ratio, with 10 % headroom.
  const sizes = events.map((e) => JSON.stringify(compact(e)).length + 1);
  const ratio = whole.length / sizes.reduce((a, b) => a + b, 0);
  const budget = Math.max(1, Math.floor((max / ratio) * 0.9));
  const runs: StoredEvent[][] = [];
  let current: StoredEvent[] = [];
  let acc = 0;
  events.forEach((event, i) => {
    if (current.length > 0 && acc + sizes[i]! > budget) {
      runs.push(current);
      current = [];
      acc = 0;
    }
    current.push(event);
    acc += sizes[i]!;
  });
  if (current.length > 0) runs.push(current);

  const fit = (run: readonly StoredEvent[]): EncodedCommit[] => {
    const body = compress(run);
    if (body.length <= max) return [encodeRun(run, body)];
    if (run.length === 1) {
      throw new CommitCodecError(`event ${run[0]!.stream}#${run[0]!.version} is ${body.length} bytes compressed, over ${max}`);
    }
    const half = Math.ceil(run.length / 2);
    return [...fit(run.slice(0, half)), ...fit(run.slice(half))];
  };
  return runs.flatMap(fit);
};

// --- decoding -------------------------------------------------------------------------------

/** Binary as the SDK gives it (Uint8Array) or as Lambda's JSON stream records give it (base64). */
// (ArrayBuffer.isView rather than instanceof: Buffers may come from another realm, e.g. under jest.)
const binarySchema = z.union([z.custom<Uint8Array>((v) => ArrayBuffer.isView(v)), z.string()]);

/** A commit in DynamoDB's AttributeValue form: a GetItem/Query item or a stream record's NewImage. */
const attributeItemSchema = z.object({
  pk: z.object({ S: z.string() }),
  sk: z.object({ N: z.string() }),
  last: z.object({ N: z.string() }),
  end: z.object({ N: z.string() }).optional(),
  body: z.object({ B: binarySchema }),
  commitId: z.object({ S: z.string() }),
  committedAt: z.object({ S: z.string() }).optional(),
  fmt: z.object({ N: z.string() }).optional(),
});

/** A commit as the document client unmarshals it. */
const plainItemSchema = z.object({
  pk: z.string(),
  sk: z.number(),
  last: z.number(),
  end: z.number().optional(),
  body: binarySchema,
  commitId: z.string(),
  committedAt: z.string().optional(),
  fmt: z.number().optional(),
});

/** The header of a commit item: everything but its events. */
export interface CommitHeader {
  readonly stream: string;
  readonly firstVersion: number;
  readonly lastVersion: number;
  /** Version the append this commit belongs to ends at. */
  readonly end: number;
  readonly commitId: string;
  readonly committedAt?: string;
}

interface RawCommit extends CommitHeader {
  readonly body: Uint8Array;
  readonly format: number;
}

const toBytes = (b: Uint8Array | string): Uint8Array =>
  typeof b === 'string' ? Buffer.from(b, 'base64') : Buffer.from(b.buffer, b.byteOffset, b.byteLength);

const readRaw = (item: unknown): RawCommit => {
  const isAttributeMap =
    typeof item === 'object' && item !== null && typeof (item as { pk?: unknown }).pk === 'object' && (item as { pk?: unknown }).pk !== null;
  if (isAttributeMap) {
    const parsed = attributeItemSchema.safeParse(item);
    if (!parsed.success) throw new CommitCodecError('not a commit item', { cause: parsed.error });
    const p = parsed.data;
    const last = Number(p.last.N);
    return {
      stream: p.pk.S,
      firstVersion: Number(p.sk.N),
      lastVersion: last,
      end: p.end ? Number(p.end.N) : last,
      commitId: p.commitId.S,
      committedAt: p.committedAt?.S,
      body: toBytes(p.body.B),
      format: p.fmt ? Number(p.fmt.N) : COMMIT_FORMAT,
    };
  }
  const parsed = plainItemSchema.safeParse(item);
  if (!parsed.success) throw new CommitCodecError('not a commit item', { cause: parsed.error });
  const p = parsed.data;
  return {
    stream: p.pk,
    firstVersion: p.sk,
    lastVersion: p.last,
    end: p.end ?? p.last,
    commitId: p.commitId,
    committedAt: p.committedAt,
    body: toBytes(p.body),
    format: p.fmt ?? COMMIT_FORMAT,
  };
};

/** Reads a commit item's header without decompressing its body. */
export const decodeCommitHeader = (item: unknown): CommitHeader => {
  const { body: _body, format: _format, ...header } = readRaw(item);
  return header;
};

/**
 * Decodes a commit item into its events, in version order, each validated against the catalogue
 * and carrying `meta.commitId`. Accepts an AttributeValue map (Query/GetItem item, or a DynamoDB
 * stream record's `NewImage`, binary as bytes or base64) or a document-client item.
 */
export const decodeCommitItem = (item: unknown): StoredEvent[] => {
  const raw = readRaw(item);
  if (raw.format !== COMMIT_FORMAT) throw new CommitCodecError(`unknown commit format ${raw.format}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(gunzipSync(raw.body).toString('utf8'));
  } catch (cause) {
    throw new CommitCodecError(`commit ${raw.commitId} of ${raw.stream} has an unreadable body`, { cause });
  }
  if (!Array.isArray(parsed) || parsed.length !== raw.lastVersion - raw.firstVersion + 1) {
    throw new CommitCodecError(`commit ${raw.commitId} of ${raw.stream} does not hold versions ${raw.firstVersion}..${raw.lastVersion}`);
  }
  return parsed.map((entry: unknown, i) => {
    const candidate = { ...(entry as Record<string, unknown>), stream: raw.stream };
    const result = eventSchemas().storedEvent.safeParse(candidate);
    if (!result.success) {
      throw new CommitCodecError(`commit ${raw.commitId} of ${raw.stream}: event ${i + 1} is malformed`, { cause: result.error });
    }
    const event = result.data;
    if (event.version !== raw.firstVersion + i) {
      throw new CommitCodecError(`commit ${raw.commitId} of ${raw.stream}: version ${event.version} out of place`);
    }
    return { ...event, meta: { ...event.meta, commitId: raw.commitId } } as StoredEvent;
  });
};
