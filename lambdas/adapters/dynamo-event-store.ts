/**
 * The EventStore on DynamoDB (EVENTS_TABLE): one item per commit, a gzip-compressed run of
 * consecutive events (event-commits.ts). Optimistic concurrency rests on the key: a commit's sort
 * key is the stream's last version + 1, written with `attribute_not_exists(pk)`, and commits tile
 * the versions without gaps, so two writers of the same version always collide on one key.
 *
 * An append that needs several items goes in one TransactWriteItems when it fits (atomic);
 * otherwise item by item, and a retry of the same events (deterministic ids) finds the written
 * prefix and completes the rest. See docs/event-store.md for the measurements behind the layout.
 */
import {
  type AttributeValue,
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  type ConsumedCapacity,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { decodeTime, encodeTime, monotonicFactory } from 'ulid';
import { type Clock, systemClock } from '../core/clock';
import type { StoredEvent } from '../core/events';
import {
  type AppendResult,
  ConcurrencyError,
  type EventStore,
  type ReadAllOptions,
  type StreamHead,
  alreadyStored,
  assertAppendable,
} from '../core/event-store';
import { COMMIT_ATTRIBUTES as A, DEFAULT_MAX_COMMIT_BYTES, type EncodedCommit, decodeCommitItem, encodeCommits, logPartition } from './event-commits';

/** The name of the time-ordered index (EVENTS_TABLE). */
export const BY_TIME_INDEX = 'byTime';

/**
 * Commits are never older than this (demarche's first deployment): `readAllSince` starts its
 * month-by-month walk here at the earliest. Each month is one query (≈ 15-40 ms on DynamoDB Local).
 * A store whose clock is set earlier (tests) passes its own `logStart`.
 */
export const DEFAULT_LOG_START = '2026-01-01T00:00:00.000Z';

/** TransactWriteItems limits: 100 actions, 4 MB in all (kept with headroom for keys and attributes). */
const MAX_TRANSACT_ITEMS = 100;
const MAX_TRANSACT_BYTES = 3_500_000;
const DAY_MS = 86_400_000;

/** Whether an error is DynamoDB refusing a conditional write (alone or inside a transaction). */
export const isConditionalCheckFailed = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { name, CancellationReasons } = error as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
  if (name === 'ConditionalCheckFailedException') return true;
  // A transaction is cancelled as a whole; a conflicting concurrent transaction counts as a conflict too.
  return (
    name === 'TransactionCanceledException' &&
    (CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')
  );
};

/** Write and read capacity this store consumed (ReturnConsumedCapacity TOTAL, indexes included). */
export interface CapacityStats {
  writeUnits: number;
  readUnits: number;
  commitsWritten: number;
  transactions: number;
}

/** How the DynamoDB event store is set up. */
export interface DynamoEventStoreOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Commit times come from this clock. */
  readonly clock?: Clock;
  /** Compressed body budget per item (default 350 KB). */
  readonly maxBodyBytes?: number;
  /** Write a multi-item append in one transaction when it fits (default true); false writes item by item. */
  readonly transactions?: boolean;
  /** How many times an append re-reads the stream after a collision before giving up. */
  readonly maxAttempts?: number;
  /** The earliest commit time `readAllSince` looks for (default DEFAULT_LOG_START). */
  readonly logStart?: string;
  /** Log partitions (months) `readAllSince` queries ahead. */
  readonly readAhead?: number;
}

/** A collision while writing commits, after `written` events of this attempt were stored. */
class CommitCollision extends Error {
  override readonly name = 'CommitCollision';
  constructor(
    readonly written: number,
    options?: ErrorOptions,
  ) {
    super(`commit collided after ${written} events`, options);
  }
}

type Item = Record<string, AttributeValue>;

interface HeadItem {
  readonly version: number;
  readonly end: number;
  readonly committedAtMs: number;
}

/** The DynamoDB adapter of the EventStore port. */
export class DynamoEventStore implements EventStore {
  /** Capacity consumed so far by this instance. */
  readonly stats: CapacityStats = { writeUnits: 0, readUnits: 0, commitsWritten: 0, transactions: 0 };
  private readonly client: DynamoDBClient;
  private readonly table: string;
  private readonly clock: Clock;
  private readonly maxBodyBytes: number;
  private readonly transactions: boolean;
  private readonly maxAttempts: number;
  private readonly logStartMs: number;
  private readonly readAhead: number;
  private readonly newCommitId = monotonicFactory();

  constructor(options: DynamoEventStoreOptions) {
    this.client = options.client;
    this.table = options.tableName;
    this.clock = options.clock ?? systemClock;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_COMMIT_BYTES;
    this.transactions = options.transactions ?? true;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.logStartMs = Date.parse(options.logStart ?? DEFAULT_LOG_START);
    this.readAhead = options.readAhead ?? 6;
  }

  async append(stream: string, expectedVersion: number, events: readonly StoredEvent[]): Promise<AppendResult> {
    assertAppendable(stream, expectedVersion, events);
    const end = expectedVersion + events.length;
    if (events.length === 0) return { version: end, written: 0 };
    let written = 0;
    let lastCollision: unknown;
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      // A new stream needs no read: if it exists after all, its item at version 1 collides.
      const head = attempt === 0 && expectedVersion === 0 ? undefined : await this.headItem(stream);
      const version = head?.version ?? 0;
      if (version < expectedVersion) throw new ConcurrencyError(stream, expectedVersion, version);
      let skip = 0;
      if (version > expectedVersion) {
        skip = alreadyStored(stream, expectedVersion, events, await this.read(stream, expectedVersion + 1));
        if (skip === events.length) return { version: end, written };
      }
      try {
        written += await this.writeCommits(this.encode(events.slice(skip), end, head));
        return { version: end, written };
      } catch (error) {
        if (!(error instanceof CommitCollision)) throw error;
        written += error.written;
        lastCollision = error.cause;
      }
    }
    throw new ConcurrencyError(stream, expectedVersion, undefined, { cause: lastCollision });
  }

  async read(stream: string, fromVersion = 1): Promise<StoredEvent[]> {
    const items: Item[] = [];
    if (fromVersion > 1) {
      // The commit holding `fromVersion` may start before it.
      const containing = await this.query({
        KeyConditionExpression: '#pk = :pk AND #sk <= :from',
        ExpressionAttributeNames: { '#pk': A.pk, '#sk': A.sk },
        ExpressionAttributeValues: { ':pk': { S: stream }, ':from': { N: String(fromVersion) } },
        ScanIndexForward: false,
        Limit: 1,
      }, { maxItems: 1 });
      items.push(...containing);
      items.push(
        ...(await this.query({
          KeyConditionExpression: '#pk = :pk AND #sk > :from',
          ExpressionAttributeNames: { '#pk': A.pk, '#sk': A.sk },
          ExpressionAttributeValues: { ':pk': { S: stream }, ':from': { N: String(fromVersion) } },
        })),
      );
    } else {
      items.push(
        ...(await this.query({
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': A.pk },
          ExpressionAttributeValues: { ':pk': { S: stream } },
        })),
      );
    }
    return items.flatMap((item) => decodeCommitItem(item)).filter((e) => e.version >= fromVersion);
  }

  async head(stream: string): Promise<StreamHead> {
    const head = await this.headItem(stream);
    return { stream, version: head?.version ?? 0, complete: head ? head.end <= head.version : true };
  }

  async *readAllSince(sinceIso: string, opts: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    const sinceMs = Math.max(Date.parse(sinceIso), this.logStartMs);
    const untilMs = opts.until === undefined ? Infinity : Date.parse(opts.until);
    // Commit times may run a little ahead of the clock (kept after the stream's previous commit).
    const lastMs = Math.min(untilMs, this.clock.now() + DAY_MS);
    if (!(sinceMs < lastMs)) return;
    const lo = encodeTime(sinceMs, 10) + '0'.repeat(16);
    const hi = Number.isFinite(untilMs) ? encodeTime(untilMs - 1, 10) + 'Z'.repeat(16) : 'Z'.repeat(26);
    const partitions: string[] = [];
    const start = new Date(sinceMs);
    for (let m = 0; ; m++) {
      const t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1);
      if (t > lastMs) break;
      partitions.push(logPartition(t));
    }

    type Page = { items: Item[]; next?: Item };
    const page = (partition: string, startKey?: Item): Promise<Page> =>
      this.client
        .send(
          new QueryCommand({
            TableName: this.table,
            IndexName: BY_TIME_INDEX,
            KeyConditionExpression: '#tpk = :tpk AND #tsk BETWEEN :lo AND :hi',
            ExpressionAttributeNames: { '#tpk': A.tpk, '#tsk': A.tsk },
            ExpressionAttributeValues: { ':tpk': { S: partition }, ':lo': { S: lo }, ':hi': { S: hi } },
            ExclusiveStartKey: startKey,
            ReturnConsumedCapacity: 'TOTAL',
          }),
        )
        .then((out) => {
          this.countRead(out.ConsumedCapacity);
          return { items: out.Items ?? [], next: out.LastEvaluatedKey };
        });
    // Empty months cost one small query each: fetch the first pages of the next ones ahead.
    const settled = (p: Promise<Page>) => p.then((value) => ({ value }), (error: unknown) => ({ error }));
    const ahead: Array<Promise<{ value: Page } | { error: unknown }>> = [];
    let next = 0;
    const fill = () => {
      while (ahead.length < this.readAhead && next < partitions.length) ahead.push(settled(page(partitions[next++]!)));
    };
    fill();
    for (const partition of partitions) {
      const first = await ahead.shift()!;
      fill();
      if ('error' in first) throw first.error;
      let current: Page = first.value;
      for (;;) {
        for (const item of await this.withBodies(current.items)) yield* decodeCommitItem(item);
        if (!current.next) break;
        current = await page(partition, current.next);
      }
    }
  }

  // --- internals ------------------------------------------------------------------------------

  /**
   * The full commit items of a page of the byTime index, in the same order. With the index
   * projecting ALL attributes they are the page itself; with KEYS_ONLY (a GSI copy of every body
   * doubles the write cost) the bodies are fetched from the table by key.
   */
  private async withBodies(items: readonly Item[]): Promise<Item[]> {
    const missing = items.filter((item) => !item[A.body]);
    if (missing.length === 0) return [...items];
    const keyOf = (item: Item) => `${item[A.pk]?.S}#${item[A.sk]?.N}`;
    const found = new Map<string, Item>();
    for (let i = 0; i < missing.length; i += 100) {
      let keys: Item[] | undefined = missing.slice(i, i + 100).map((item) => ({ [A.pk]: item[A.pk]!, [A.sk]: item[A.sk]! }));
      for (let round = 0; keys && keys.length > 0; round++) {
        if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** round)));
        const out: BatchGetItemCommandOutput = await this.client.send(
          new BatchGetItemCommand({ RequestItems: { [this.table]: { Keys: keys } }, ReturnConsumedCapacity: 'TOTAL' }),
        );
        out.ConsumedCapacity?.forEach((cc) => this.countRead(cc));
        for (const item of out.Responses?.[this.table] ?? []) found.set(keyOf(item), item);
        keys = out.UnprocessedKeys?.[this.table]?.Keys as Item[] | undefined;
      }
    }
    return items.map((item) => {
      if (item[A.body]) return item;
      const full = found.get(keyOf(item));
      if (!full) throw new Error(`commit ${keyOf(item)} is in the log index but not in the table`);
      return full;
    });
  }

  private encode(events: readonly StoredEvent[], end: number, head: HeadItem | undefined): EncodedCommit[] {
    // Keep a stream's commits in log order even if this host's clock lags the previous writer's.
    const first = this.newCommitId(Math.max(this.clock.now(), (head?.committedAtMs ?? 0) + 1));
    const committedAtMs = decodeTime(first);
    let pending: string | undefined = first;
    const newCommitId = () => {
      const id = pending ?? this.newCommitId(committedAtMs);
      pending = undefined;
      return id;
    };
    return encodeCommits(events, { newCommitId, committedAtMs, end, maxBodyBytes: this.maxBodyBytes });
  }

  /** Writes the commits; returns the events written, or throws CommitCollision. */
  private async writeCommits(commits: readonly EncodedCommit[]): Promise<number> {
    const put = (c: EncodedCommit) => ({
      TableName: this.table,
      Item: c.item,
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': A.pk },
    });
    const count = (c: EncodedCommit) => c.lastVersion - c.firstVersion + 1;
    const fitsTransaction =
      commits.length <= MAX_TRANSACT_ITEMS && commits.reduce((n, c) => n + c.bodyBytes + 1024, 0) <= MAX_TRANSACT_BYTES;
    if (commits.length > 1 && this.transactions && fitsTransaction) {
      try {
        const out = await this.client.send(
          new TransactWriteItemsCommand({ TransactItems: commits.map((c) => ({ Put: put(c) })), ReturnConsumedCapacity: 'TOTAL' }),
        );
        out.ConsumedCapacity?.forEach((cc) => this.countWrite(cc));
        this.stats.transactions += 1;
        this.stats.commitsWritten += commits.length;
        return commits.reduce((n, c) => n + count(c), 0);
      } catch (error) {
        if (isConditionalCheckFailed(error)) throw new CommitCollision(0, { cause: error });
        throw error;
      }
    }
    let written = 0;
    for (const commit of commits) {
      try {
        const out = await this.client.send(new PutItemCommand({ ...put(commit), ReturnConsumedCapacity: 'TOTAL' }));
        this.countWrite(out.ConsumedCapacity);
      } catch (error) {
        if (isConditionalCheckFailed(error)) throw new CommitCollision(written, { cause: error });
        throw error;
      }
      this.stats.commitsWritten += 1;
      written += count(commit);
    }
    return written;
  }

  private async headItem(stream: string): Promise<HeadItem | undefined> {
    const [item] = await this.query(
      {
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': A.pk, '#last': A.last, '#end': A.end, '#cid': A.commitId, '#at': A.committedAt },
        ExpressionAttributeValues: { ':pk': { S: stream } },
        ProjectionExpression: '#last, #end, #cid, #at',
        ScanIndexForward: false,
        Limit: 1,
      },
      { maxItems: 1 },
    );
    if (!item) return undefined;
    const version = Number(item[A.last]?.N);
    const at = item[A.committedAt]?.S;
    const commitId = item[A.commitId]?.S;
    if (!Number.isInteger(version)) throw new Error(`commit item of ${stream} has no valid '${A.last}'`);
    return {
      version,
      end: Number(item[A.end]?.N ?? version),
      committedAtMs: at ? Date.parse(at) : commitId ? decodeTime(commitId) : 0,
    };
  }

  /** A strongly consistent query on the table, following pages (up to `maxItems`). */
  private async query(input: Omit<QueryCommandInput, 'TableName'>, { maxItems = Infinity } = {}): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const out = await this.client.send(
        new QueryCommand({ ...input, TableName: this.table, ConsistentRead: true, ExclusiveStartKey: start, ReturnConsumedCapacity: 'TOTAL' }),
      );
      this.countRead(out.ConsumedCapacity);
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start && items.length < maxItems);
    return items.slice(0, maxItems);
  }

  private countWrite(cc: ConsumedCapacity | undefined): void {
    this.stats.writeUnits += cc?.CapacityUnits ?? 0;
  }

  private countRead(cc: ConsumedCapacity | undefined): void {
    this.stats.readUnits += cc?.CapacityUnits ?? 0;
  }
}
