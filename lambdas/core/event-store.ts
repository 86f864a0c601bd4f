/**
 * The event store port: append-only streams of events with optimistic concurrency, plus a
 * global, commit-ordered read for rebuilding views. Adapters: `InMemoryEventStore` (here, for unit
 * tests and the CLI) and the DynamoDB adapter (lambdas/adapters/dynamo-event-store.ts); both pass
 * the same contract tests (test/support/event-store-contract.ts).
 *
 * Appends are idempotent by event id: events carry deterministic ids (transcript-events.ts), so
 * appending events that are already stored at those versions is a no-op, and appending a run whose
 * first part is already stored (an interrupted multi-commit append) writes only the rest.
 */
import type { StoredEvent } from './events';
import { type Clock, systemClock } from './clock';
import { randomUlid } from './ids';

/** Another writer got there first: the stream is not at the expected version (or holds other events there). */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
  constructor(
    readonly stream: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | undefined,
    options?: ErrorOptions,
  ) {
    super(
      `stream ${stream}: expected version ${expectedVersion}` + (actualVersion === undefined ? ' conflicted' : `, found ${actualVersion}`),
      options,
    );
  }
}

/** The events passed to `append` do not form a run that continues the expected version (a caller bug). */
export class InvalidAppendError extends Error {
  override readonly name = 'InvalidAppendError';
}

/** Where a stream stands. */
export interface StreamHead {
  readonly stream: string;
  /** Version of the last stored event; 0 when the stream has no events. */
  readonly version: number;
  /**
   * False while an append that spans several commits was interrupted part-way: its retry (the same
   * events) completes it. Always true for adapters that append atomically.
   */
  readonly complete: boolean;
}

/** What an append did. */
export interface AppendResult {
  /** The stream's version after the append's events. */
  readonly version: number;
  /** Events this call wrote; 0 when every event was already stored (a retry or a concurrent twin). */
  readonly written: number;
}

/** Options of `readAllSince`. */
export interface ReadAllOptions {
  /** Only commits made before this time (ISO 8601, exclusive). */
  readonly until?: string;
}

/** The event store port. */
export interface EventStore {
  /**
   * Appends `events` (versions expectedVersion+1 … consecutively, all of `stream`). Events already
   * stored with the same ids at those versions are skipped. Throws ConcurrencyError when the stream
   * moved past `expectedVersion` with other events (never overwrites), InvalidAppendError on a
   * malformed run.
   */
  append(stream: string, expectedVersion: number, events: readonly StoredEvent[]): Promise<AppendResult>;
  /** The stream's events with version ≥ fromVersion (default 1), in version order. */
  read(stream: string, fromVersion?: number): Promise<StoredEvent[]>;
  /** The stream's current version. */
  head(stream: string): Promise<StreamHead>;
  /**
   * Every event committed at or after `sinceIso`, across streams, in commit order (within a commit,
   * version order): the log views are rebuilt from.
   */
  readAllSince(sinceIso: string, opts?: ReadAllOptions): AsyncIterable<StoredEvent>;
}

/** Checks that `events` is a run of `stream` starting right after `expectedVersion`. */
export const assertAppendable = (stream: string, expectedVersion: number, events: readonly StoredEvent[]): void => {
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
    throw new InvalidAppendError(`expected version must be a non-negative integer, got ${expectedVersion}`);
  }
  events.forEach((event, i) => {
    if (event.stream !== stream) throw new InvalidAppendError(`event ${event.eventId} belongs to ${event.stream}, not ${stream}`);
    if (event.version !== expectedVersion + 1 + i) {
      throw new InvalidAppendError(`event ${event.eventId} has version ${event.version}, expected ${expectedVersion + 1 + i}`);
    }
  });
};

/**
 * How many of `events` are already stored, given the stored events that follow `expectedVersion`;
 * throws ConcurrencyError when a stored event differs from the one at its version.
 */
export const alreadyStored = (
  stream: string,
  expectedVersion: number,
  events: readonly StoredEvent[],
  storedAfter: readonly StoredEvent[],
): number => {
  const overlap = Math.min(events.length, storedAfter.length);
  for (let i = 0; i < overlap; i++) {
    if (storedAfter[i]!.eventId !== events[i]!.eventId) {
      throw new ConcurrencyError(stream, expectedVersion, expectedVersion + storedAfter.length);
    }
  }
  return overlap;
};

interface MemoryCommit {
  readonly commitId: string;
  readonly committedAtMs: number;
  readonly events: readonly StoredEvent[];
}

/** Options of the in-memory store. */
export interface InMemoryEventStoreOptions {
  /** Commit times (and commit ids) come from this clock. */
  readonly clock?: Clock;
}

/** An event store in process memory: atomic appends, one commit per append. For tests and the CLI. */
export class InMemoryEventStore implements EventStore {
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly commits: MemoryCommit[] = [];
  private readonly clock: Clock;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
  }

  async append(stream: string, expectedVersion: number, events: readonly StoredEvent[]): Promise<AppendResult> {
    assertAppendable(stream, expectedVersion, events);
    const stored = this.streams.get(stream) ?? [];
    if (stored.length < expectedVersion) throw new ConcurrencyError(stream, expectedVersion, stored.length);
    const skip = alreadyStored(stream, expectedVersion, events, stored.slice(expectedVersion));
    const fresh = events.slice(skip);
    if (fresh.length > 0) {
      const committedAtMs = this.clock.now();
      const commitId = randomUlid(committedAtMs);
      const copies = fresh.map((e) => structuredClone({ ...e, meta: { ...e.meta, commitId } }) as StoredEvent);
      this.streams.set(stream, [...stored, ...copies]);
      this.commits.push({ commitId, committedAtMs, events: copies });
    }
    return { version: expectedVersion + events.length, written: fresh.length };
  }

  async read(stream: string, fromVersion = 1): Promise<StoredEvent[]> {
    return (this.streams.get(stream) ?? []).filter((e) => e.version >= fromVersion).map((e) => structuredClone(e));
  }

  async head(stream: string): Promise<StreamHead> {
    return { stream, version: this.streams.get(stream)?.length ?? 0, complete: true };
  }

  async *readAllSince(sinceIso: string, opts: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    const since = Date.parse(sinceIso);
    const until = opts.until === undefined ? Infinity : Date.parse(opts.until);
    // A stable sort: commits made in the same millisecond keep their append order.
    const ordered = [...this.commits].sort((a, b) => a.committedAtMs - b.committedAtMs);
    for (const commit of ordered) {
      if (commit.committedAtMs < since || commit.committedAtMs >= until) continue;
      for (const event of commit.events) yield structuredClone(event);
    }
  }
}
