/**
 * The EventStore contract, run against every adapter (in-memory in event-store.test.ts, DynamoDB
 * Local in event-store.int.test.ts): versions, idempotent appends by event id, conflicts, the log.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../lambdas/core/clock';
import type { PendingEvent, StoredEvent } from '../../lambdas/core/events';
import { ConcurrencyError, type EventStore, InvalidAppendError } from '../../lambdas/core/event-store';
import { toEnvelopes } from '../../lambdas/core/transcript-events';

/** What the contract needs from an adapter under test. */
export interface ContractSubject {
  readonly store: EventStore;
  /** The clock the store stamps commits with. */
  readonly clock: Clock & { advance(ms: number): void };
}

/** A fresh stream name, unique per call. */
export const freshStream = (label = 'c'): string => `transcript/${label}-${randomBytes(6).toString('hex')}`;

/** `n` StatementRecorded events of `stream` from `startVersion`, with deterministic ids per (stream, version, time). */
export const statementEvents = (stream: string, startVersion: number, n: number, occurredAtMs = Date.UTC(2026, 10, 1), text = 'We discussed'): StoredEvent[] => {
  const pending: PendingEvent[] = Array.from({ length: n }, (_, i) => ({
    type: 'StatementRecorded',
    data: { transcriptId: stream.slice('transcript/'.length), revision: 1, seq: startVersion + i, text: `${text} ${startVersion + i}.`, span: [0, 10] },
  }));
  return toEnvelopes(stream, startVersion, pending, occurredAtMs);
};

const ids = (events: readonly StoredEvent[]): string[] => events.map((e) => e.eventId);

const collect = async (iterable: AsyncIterable<StoredEvent>, streams: readonly string[]): Promise<StoredEvent[]> => {
  const out: StoredEvent[] = [];
  for await (const event of iterable) if (streams.includes(event.stream)) out.push(event);
  return out;
};

/** Registers the contract's tests for one adapter; `subject()` is called inside each test. */
export const describeEventStoreContract = (name: string, subject: () => ContractSubject): void => {
  describe(`EventStore contract: ${name}`, () => {
    it('appends to a new stream and reads the events back in version order', async () => {
      const { store } = subject();
      const stream = freshStream();
      const events = statementEvents(stream, 1, 3);
      await expect(store.append(stream, 0, events)).resolves.toEqual({ version: 3, written: 3 });
      const read = await store.read(stream);
      expect(read.map((e) => e.version)).toEqual([1, 2, 3]);
      expect(ids(read)).toEqual(ids(events));
      expect(read[0]).toMatchObject({ stream, type: 'StatementRecorded', data: events[0]!.data, occurredAt: events[0]!.occurredAt });
      expect(await store.head(stream)).toEqual({ stream, version: 3, complete: true });
    });

    it('reads from a given version and reports an unknown stream at version 0', async () => {
      const { store } = subject();
      const stream = freshStream();
      await store.append(stream, 0, statementEvents(stream, 1, 2));
      await store.append(stream, 2, statementEvents(stream, 3, 3));
      expect((await store.read(stream, 3)).map((e) => e.version)).toEqual([3, 4, 5]);
      expect((await store.read(stream, 2)).map((e) => e.version)).toEqual([2, 3, 4, 5]);
      expect(await store.read(stream, 6)).toEqual([]);
      const unknown = freshStream('none');
      expect(await store.read(unknown)).toEqual([]);
      expect(await store.head(unknown)).toEqual({ stream: unknown, version: 0, complete: true });
    });

    it('treats appending already stored events as a no-op and writes only the missing rest', async () => {
      const { store } = subject();
      const stream = freshStream();
      const events = statementEvents(stream, 1, 5);
      await store.append(stream, 0, events.slice(0, 2));
      await expect(store.append(stream, 0, events.slice(0, 2))).resolves.toEqual({ version: 2, written: 0 });
      await expect(store.append(stream, 0, events)).resolves.toEqual({ version: 5, written: 3 });
      expect(ids(await store.read(stream))).toEqual(ids(events));
    });

    it('refuses other events at a taken version with a ConcurrencyError and keeps what was stored', async () => {
      const { store } = subject();
      const stream = freshStream();
      const first = statementEvents(stream, 1, 2, Date.UTC(2026, 10, 1), 'first');
      const other = statementEvents(stream, 1, 3, Date.UTC(2026, 10, 2), 'other');
      await store.append(stream, 0, first);
      const error = await store.append(stream, 0, other).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ name: 'ConcurrencyError', stream, expectedVersion: 0 });
      expect(ids(await store.read(stream))).toEqual(ids(first));
    });

    it('refuses an expected version beyond the stream head', async () => {
      const { store } = subject();
      const stream = freshStream();
      await store.append(stream, 0, statementEvents(stream, 1, 1));
      await expect(store.append(stream, 3, statementEvents(stream, 4, 1))).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await store.head(stream)).version).toBe(1);
    });

    it('lets exactly one of two concurrent conflicting writers win', async () => {
      const { store } = subject();
      const stream = freshStream();
      const a = statementEvents(stream, 1, 3, Date.UTC(2026, 10, 1), 'a');
      const b = statementEvents(stream, 1, 2, Date.UTC(2026, 10, 2), 'b');
      const results = await Promise.allSettled([store.append(stream, 0, a), store.append(stream, 0, b)]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(ConcurrencyError);
      const stored = ids(await store.read(stream));
      expect([ids(a), ids(b)]).toContainEqual(stored);
    });

    it('stores one set of events when identical appends race', async () => {
      const { store } = subject();
      const stream = freshStream();
      const events = statementEvents(stream, 1, 4);
      const results = await Promise.all([1, 2, 3].map(() => store.append(stream, 0, events)));
      expect(results.map((r) => r.written).reduce((a, b) => a + b, 0)).toBe(4);
      expect(ids(await store.read(stream))).toEqual(ids(events));
    });

    it('rejects a malformed run and ignores an empty append', async () => {
      const { store } = subject();
      const stream = freshStream();
      const events = statementEvents(stream, 1, 3);
      await expect(store.append(stream, 0, [events[0]!, events[2]!])).rejects.toBeInstanceOf(InvalidAppendError);
      await expect(store.append(stream, 1, events)).rejects.toBeInstanceOf(InvalidAppendError);
      await expect(store.append(freshStream(), 0, events)).rejects.toBeInstanceOf(InvalidAppendError);
      await expect(store.append(stream, 0, [])).resolves.toEqual({ version: 0, written: 0 });
      expect(await store.read(stream)).toEqual([]);
    });

    it('reads the log across streams in commit order, from a time on', async () => {
      const { store, clock } = subject();
      clock.advance(3 * 86_400_000);
      const [s1, s2] = [freshStream('log'), freshStream('log')];
      await store.append(s1, 0, statementEvents(s1, 1, 2));
      clock.advance(1000);
      const since = new Date(clock.now()).toISOString();
      await store.append(s2, 0, statementEvents(s2, 1, 1));
      clock.advance(1000);
      await store.append(s1, 2, statementEvents(s1, 3, 2));
      clock.advance(86_400_000); // the log spans a day boundary
      await store.append(s2, 1, statementEvents(s2, 2, 1));
      clock.advance(1000);
      const until = new Date(clock.now()).toISOString();
      await store.append(s2, 2, statementEvents(s2, 3, 1));

      const all = await collect(store.readAllSince(new Date(0).toISOString()), [s1, s2]);
      expect(all.map((e) => `${e.stream === s1 ? 's1' : 's2'}#${e.version}`)).toEqual(['s1#1', 's1#2', 's2#1', 's1#3', 's1#4', 's2#2', 's2#3']);
      const window = await collect(store.readAllSince(since, { until }), [s1, s2]);
      expect(window.map((e) => `${e.stream === s1 ? 's1' : 's2'}#${e.version}`)).toEqual(['s2#1', 's1#3', 's1#4', 's2#2']);
    });
  });
};
