import { CreateTableCommand, DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EVENTS_TABLE } from '../lambdas/adapters/table-definitions';
import { createTableInput } from '../local/services';
import { randomBytes } from 'node:crypto';
import { fixedClock } from '../lambdas/core/clock';
import type { StoredEvent } from '../lambdas/core/events';
import { ConcurrencyError } from '../lambdas/core/event-store';
import { DynamoEventStore, isConditionalCheckFailed } from '../lambdas/adapters/dynamo-event-store';
import { describeEventStoreContract, freshStream, statementEvents } from './support/event-store-contract';
import { useLocalArchive } from './support/local-archive';

const archive = useLocalArchive();
const clock = fixedClock(Date.UTC(2026, 10, 1, 12));
let store: DynamoEventStore;
beforeAll(() => {
  store = new DynamoEventStore({ client: archive.dynamo, tableName: archive.tables.events, clock });
});

describeEventStoreContract('DynamoEventStore', () => ({ store, clock }));

/** Makes the client fail every call of `commandName` after the first `okCalls`, as a crash would. */
const crashAfter = (client: DynamoDBClient, commandName: string, okCalls: number): void => {
  let calls = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === commandName && ++calls > okCalls) throw new Error(`injected crash at ${commandName} #${calls}`);
      return next(args);
    },
    { step: 'initialize', name: 'injectedCrash' },
  );
};

const versionsOf = async (s: DynamoEventStore, stream: string): Promise<number[]> => (await s.read(stream)).map((e) => e.version);

describe('DynamoEventStore', () => {
  const small = { maxBodyBytes: 400 };
  /**
   * Events whose texts do not compress (random hex), so that the small body limit takes several
   * commit items whatever the ids look like (a batch's ids count up and compress well).
   */
  const bulkyEvents = (stream: string, n: number): StoredEvent[] =>
    statementEvents(stream, 1, n).map((e) => ({ ...e, data: { ...e.data, text: randomBytes(48).toString('hex') } }) as StoredEvent);

  it('splits a large append into several commit items and reads them back as one run', async () => {
    const s = new DynamoEventStore({ client: archive.dynamo, tableName: archive.tables.events, clock, ...small });
    const stream = freshStream('big');
    const events = bulkyEvents(stream, 30);
    await s.append(stream, 0, events);
    expect(s.stats.commitsWritten).toBeGreaterThan(3);
    expect(s.stats.transactions).toBe(1);
    expect(await versionsOf(s, stream)).toEqual(events.map((e) => e.version));
    expect((await s.read(stream, 17)).map((e) => e.version)).toEqual(events.slice(16).map((e) => e.version));
    expect(await s.head(stream)).toEqual({ stream, version: 30, complete: true });
  });

  it('completes an append interrupted after k of n commit items when the same events are appended again', async () => {
    const crashing = new DynamoEventStore({ client: archive.dynamo, tableName: archive.tables.events, clock, ...small, transactions: false });
    const flaky = new DynamoEventStore({
      client: (await import('../local/services')).localDynamoClient(archive.dynamoEndpoint),
      tableName: archive.tables.events,
      clock,
      ...small,
      transactions: false,
    });
    crashAfter((flaky as unknown as { client: DynamoDBClient }).client, 'PutItemCommand', 2);
    const stream = freshStream('crash');
    const events = bulkyEvents(stream, 24);

    await expect(flaky.append(stream, 0, events)).rejects.toThrow(/injected crash/);
    const partial = await versionsOf(crashing, stream);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(events.length);
    expect(partial).toEqual(events.slice(0, partial.length).map((e) => e.version));
    expect(await crashing.head(stream)).toEqual({ stream, version: partial.length, complete: false });

    const retry = await crashing.append(stream, 0, events);
    expect(retry).toEqual({ version: 24, written: 24 - partial.length });
    const stored = await crashing.read(stream);
    expect(stored.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    expect(await crashing.head(stream)).toEqual({ stream, version: 24, complete: true });
  });

  it('writes nothing when a transactional multi-item append crashes, and the retry writes it all', async () => {
    const flakyClient = (await import('../local/services')).localDynamoClient(archive.dynamoEndpoint);
    crashAfter(flakyClient, 'TransactWriteItemsCommand', 0);
    const flaky = new DynamoEventStore({ client: flakyClient, tableName: archive.tables.events, clock, ...small });
    const stream = freshStream('tx');
    const events = bulkyEvents(stream, 12);
    await expect(flaky.append(stream, 0, events)).rejects.toThrow(/injected crash/);
    expect(await store.read(stream)).toEqual([]);
    const s = new DynamoEventStore({ client: archive.dynamo, tableName: archive.tables.events, clock, ...small });
    await expect(s.append(stream, 0, events)).resolves.toEqual({ version: 12, written: 12 });
    flakyClient.destroy();
  });

  it('never overwrites: a writer with other events at a taken version gets a ConcurrencyError caused by the failed condition', async () => {
    const stream = freshStream('race');
    const ours = statementEvents(stream, 1, 2, Date.UTC(2026, 10, 1), 'ours');
    const theirs = statementEvents(stream, 1, 2, Date.UTC(2026, 10, 2), 'theirs');
    await store.append(stream, 0, ours);
    const error = (await store.append(stream, 0, theirs).catch((e: unknown) => e)) as ConcurrencyError;
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect((await store.read(stream)).map((e) => e.eventId)).toEqual(ours.map((e) => e.eventId));
  });

  it('reports the write capacity its commits consumed', async () => {
    const s = new DynamoEventStore({ client: archive.dynamo, tableName: archive.tables.events, clock });
    const stream = freshStream('wcu');
    await s.append(stream, 0, statementEvents(stream, 1, 50));
    expect(s.stats.commitsWritten).toBe(1);
    expect(s.stats.writeUnits).toBeGreaterThanOrEqual(1);
  });
});

describe('DynamoEventStore on a byTime index projecting keys only', () => {
  it('reads the log as an index projecting everything would, for about half the write capacity', async () => {
    expect(EVENTS_TABLE.globalSecondaryIndexes.find((i) => i.indexName === 'byTime')?.projection).toBe('KEYS_ONLY');
    const allAttributes = `${archive.tables.events}-all`;
    const input = createTableInput(EVENTS_TABLE, allAttributes);
    input.GlobalSecondaryIndexes = input.GlobalSecondaryIndexes?.map((gsi) => ({ ...gsi, Projection: { ProjectionType: 'ALL' } }));
    await archive.dynamo.send(new CreateTableCommand(input));
    const t = fixedClock(Date.UTC(2026, 10, 3));
    const lean = new DynamoEventStore({ client: archive.dynamo, tableName: archive.tables.events, clock: t });
    const full = new DynamoEventStore({ client: archive.dynamo, tableName: allAttributes, clock: t });
    const streams = Array.from({ length: 5 }, () => freshStream('lean'));
    for (const [i, stream] of streams.entries()) {
      // Text that does not compress away, so the items weigh several KB like real transcripts.
      const events = statementEvents(stream, 1, 40 + i, Date.UTC(2026, 10, 3)).map((e) => ({
        ...e,
        data: { ...e.data, text: randomBytes(150).toString('base64') },
      })) as StoredEvent[];
      await lean.append(stream, 0, events);
      await full.append(stream, 0, events);
      t.advance(10);
    }
    const read = async (s: DynamoEventStore) => {
      const out: string[] = [];
      for await (const e of s.readAllSince('2026-11-03T00:00:00.000Z')) if (streams.includes(e.stream)) out.push(e.eventId);
      return out;
    };
    expect(await read(lean)).toEqual(await read(full));
    expect((await read(lean)).length).toBe(5 * 40 + 10);
    expect(full.stats.writeUnits).toBeGreaterThanOrEqual(5 * 2 * 4);
    expect(lean.stats.writeUnits).toBeLessThan(full.stats.writeUnits * 0.7);
    await archive.dynamo.send(new DeleteTableCommand({ TableName: allAttributes }));
  });
});

describe('isConditionalCheckFailed', () => {
  it('recognises a failed condition alone or inside a cancelled transaction, and nothing else', () => {
    expect(isConditionalCheckFailed({ name: 'ConditionalCheckFailedException' })).toBe(true);
    expect(
      isConditionalCheckFailed({ name: 'TransactionCanceledException', CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }] }),
    ).toBe(true);
    expect(isConditionalCheckFailed({ name: 'TransactionCanceledException', CancellationReasons: [{ Code: 'ThrottlingError' }] })).toBe(false);
    expect(isConditionalCheckFailed({ name: 'ProvisionedThroughputExceededException' })).toBe(false);
    expect(isConditionalCheckFailed(undefined)).toBe(false);
  });
});
