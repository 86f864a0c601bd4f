/**
 * Reads a table's DynamoDB stream (DynamoDB Local or AWS) through the DynamoDB Streams API and hands
 * the records to a handler in exactly the shape Lambda's event source mapping delivers them
 * (`DynamoDBStreamEvent`, binary attributes as base64 strings, epoch-second timestamps). Like the
 * mapping it keeps per-shard order, retries a failed batch from the first failed record (partial
 * batch responses), follows shard splits parent-first, and can persist checkpoints so a restart
 * resumes where it stopped (at-least-once: handlers are idempotent). It reads on while a batch is
 * being handled, and like a mapping's ParallelizationFactor can hand several batches of one shard
 * to the handler at once (order kept per partition key).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record as StreamRecord,
  type AttributeValue as StreamAttributeValue,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/** Where the poller keeps how far each shard has been handled. */
export interface CheckpointStore {
  load(): Promise<Record<string, string>>;
  save(checkpoints: Record<string, string>): Promise<void>;
}

/** Options of a stream poller. */
export interface StreamPollerOptions {
  readonly dynamo: DynamoDBClient;
  readonly tableName: string;
  /** Receives each batch; may report partial failures like a Lambda handler. */
  readonly onBatch: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;
  readonly intervalMs?: number;
  readonly batchSize?: number;
  /**
   * Batches of one shard handled at once (Lambda's ParallelizationFactor, default 1). Records with
   * the same partition key are never in two batches at once, so their order holds; the checkpoint
   * only moves past records whose batches are all done.
   */
  readonly parallelization?: number;
  readonly checkpoints?: CheckpointStore;
  /** Called with errors the poller recovers from (failed batches, transient API errors). */
  readonly onError?: (error: unknown) => void;
}

/** A running poller. */
export interface StreamPoller {
  /** Resolves once every record written so far has been handled (for tests and benchmarks). */
  drain(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A fetched record, in stream order, until it has been handled. */
interface Entry {
  readonly record: StreamRecord;
  handled: boolean;
}

interface ShardState {
  readonly shardId: string;
  iterator?: string;
  /** The last record read: a fresh iterator starts after it (records read are in the window). */
  lastFetched?: string;
  /** Every fetched record not yet checkpointed, in stream order. */
  window: Entry[];
  /** Records waiting to be handed to the handler, in stream order. */
  queue: Entry[];
  /** Batches being handled, and the partition keys they hold. */
  inFlight: number;
  busyKeys: Map<string, number>;
  closed: boolean;
  failures: number;
  notBefore: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Converts an SDK attribute value to the JSON form Lambda delivers (binary as base64). */
const toLambdaValue = (value: StreamAttributeValue): AttributeValue => {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaValue) };
  return value as AttributeValue;
};

const toLambdaImage = (image: Record<string, StreamAttributeValue>): Record<string, AttributeValue> =>
  Object.fromEntries(Object.entries(image).map(([k, v]) => [k, toLambdaValue(v)]));

/** Converts one Streams API record into a Lambda `DynamoDBRecord`. */
export const toLambdaRecord = (record: StreamRecord, streamArn: string, region: string): DynamoDBRecord => {
  const d = record.dynamodb ?? {};
  const created = d.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? region,
    eventSourceARN: streamArn,
    dynamodb: {
      ApproximateCreationDateTime: created ? Math.floor(new Date(created).getTime() / 1000) : undefined,
      Keys: d.Keys ? toLambdaImage(d.Keys) : undefined,
      NewImage: d.NewImage ? toLambdaImage(d.NewImage) : undefined,
      OldImage: d.OldImage ? toLambdaImage(d.OldImage) : undefined,
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType,
    },
  } as DynamoDBRecord;
};

/** Starts polling a table's stream; the table must have a stream enabled. */
export const startStreamPoller = async (options: StreamPollerOptions): Promise<StreamPoller> => {
  const intervalMs = options.intervalMs ?? 100;
  const batchSize = options.batchSize ?? 100;
  const region = await options.dynamo.config.region();
  const streams = new DynamoDBStreamsClient({
    region,
    endpoint: await resolveEndpoint(options.dynamo),
    credentials: options.dynamo.config.credentials,
  });
  const { Table } = await options.dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream`);

  const checkpoints: Record<string, string> = options.checkpoints ? await options.checkpoints.load() : {};
  const shards = new Map<string, ShardState>();
  const finished = new Set<string>();
  let running = true;
  let idleRounds = 0;

  const discover = async () => {
    const all: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
      all.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    const known = new Set(all.map((s) => s.ShardId));
    for (const shard of all) {
      const id = shard.ShardId;
      if (!id || shards.has(id) || finished.has(id)) continue;
      // Parent first: a child waits until its parent (if still in the stream) is drained.
      const parent = shard.ParentShardId;
      if (parent && known.has(parent) && !finished.has(parent)) continue;
      shards.set(id, { shardId: id, window: [], queue: [], inFlight: 0, busyKeys: new Map(), closed: false, failures: 0, notBefore: 0 });
    }
  };

  const iteratorFor = async (state: ShardState): Promise<string | undefined> => {
    const after = state.lastFetched ?? checkpoints[state.shardId];
    try {
      const out = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: state.shardId,
          ShardIteratorType: after ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
          SequenceNumber: after,
        }),
      );
      return out.ShardIterator;
    } catch (error) {
      if (error instanceof TrimmedDataAccessException && after) {
        // Trimmed away: read from the oldest record still there (at least once).
        state.lastFetched = undefined;
        delete checkpoints[state.shardId];
        return iteratorFor(state);
      }
      throw error;
    }
  };

  const parallelization = Math.max(1, options.parallelization ?? 1);
  const batchesInFlight = new Set<Promise<void>>();
  let wake: (() => void) | undefined;
  // Order is kept per partition key (the table's HASH attribute), as Lambda does.
  const hashKey = Table?.KeySchema?.find((k) => k.KeyType === 'HASH')?.AttributeName ?? '';
  const keyOf = (record: StreamRecord): string => JSON.stringify(record.dynamodb?.Keys?.[hashKey] ?? record.dynamodb?.Keys ?? {});

  /** Hands one batch to the handler; on a failure its records from the first failed one wait in front of the queue. */
  const handle = async (state: ShardState, batch: Entry[]): Promise<void> => {
    const event: DynamoDBStreamEvent = { Records: batch.map((e) => toLambdaRecord(e.record, streamArn, region)) };
    let failedFrom = -1;
    try {
      const response = await options.onBatch(event);
      const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      if (failed.size) failedFrom = batch.findIndex((e) => failed.has(e.record.dynamodb?.SequenceNumber ?? ''));
    } catch (error) {
      options.onError?.(error);
      failedFrom = 0;
    }
    const handled = failedFrom === -1 ? batch.length : failedFrom;
    for (const e of batch.slice(0, handled)) e.handled = true;
    for (const e of batch) {
      const key = keyOf(e.record);
      const n = (state.busyKeys.get(key) ?? 1) - 1;
      if (n > 0) state.busyKeys.set(key, n);
      else state.busyKeys.delete(key);
    }
    state.inFlight -= 1;
    if (failedFrom !== -1) {
      state.queue.unshift(...batch.slice(failedFrom));
      state.failures += 1;
      state.notBefore = Date.now() + Math.min(5_000, 100 * 2 ** Math.min(state.failures, 6));
    } else {
      state.failures = 0;
    }
    // The checkpoint moves past the longest handled run at the start of the window.
    let last: Entry | undefined;
    while (state.window[0]?.handled) last = state.window.shift();
    const lastHandled = last?.record.dynamodb?.SequenceNumber;
    if (lastHandled) {
      checkpoints[state.shardId] = lastHandled;
      await options.checkpoints?.save({ ...checkpoints });
    }
  };

  /** Starts batches while there is room; records whose key is held by a batch in flight wait (and all behind them). */
  const dispatch = (state: ShardState): boolean => {
    let started = false;
    while (state.inFlight < parallelization && state.queue.length > 0 && Date.now() >= state.notBefore) {
      const batch: Entry[] = [];
      while (batch.length < batchSize && state.queue.length > 0 && !state.busyKeys.has(keyOf(state.queue[0]!.record))) {
        batch.push(state.queue.shift()!);
      }
      if (batch.length === 0) break;
      for (const e of batch) {
        const key = keyOf(e.record);
        state.busyKeys.set(key, (state.busyKeys.get(key) ?? 0) + 1);
      }
      state.inFlight += 1;
      const p: Promise<void> = handle(state, batch)
        .catch((error: unknown) => options.onError?.(error))
        .finally(() => {
          batchesInFlight.delete(p);
          wake?.();
        });
      batchesInFlight.add(p);
      started = true;
    }
    return started;
  };

  /** Reads more of a shard (also while batches are in flight) and starts batches; true when it did something. */
  const pollShard = async (state: ShardState): Promise<boolean> => {
    if (state.closed && state.window.length === 0 && state.inFlight === 0) {
      shards.delete(state.shardId);
      finished.add(state.shardId);
      return false;
    }
    let fetched = false;
    if (!state.closed && state.queue.length < batchSize) {
      state.iterator ??= await iteratorFor(state);
      if (!state.iterator) {
        state.closed = true;
      } else {
        try {
          const out = await streams.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 1000 }));
          const entries = (out.Records ?? []).map((record): Entry => ({ record, handled: false }));
          state.window.push(...entries);
          if (entries.length) state.lastFetched = entries[entries.length - 1]!.record.dynamodb?.SequenceNumber;
          state.queue.push(...entries);
          fetched = entries.length > 0;
          state.iterator = out.NextShardIterator;
          if (!out.NextShardIterator) state.closed = true;
        } catch (error) {
          // DynamoDB Local also answers TrimmedDataAccess for a live iterator once another table is
          // written to; a fresh iterator (after the checkpoint, or from the horizon) reads on.
          if (error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException) {
            state.iterator = undefined;
            return true;
          }
          throw error;
        }
      }
    }
    return dispatch(state) || fetched;
  };

  let lastDiscovery = 0;
  const loop = (async () => {
    while (running) {
      let busy = false;
      try {
        if (Date.now() - lastDiscovery > 1_000 || shards.size === 0) {
          await discover();
          lastDiscovery = Date.now();
        }
        for (const state of [...shards.values()]) {
          if (!running) break;
          if (await pollShard(state)) busy = true;
        }
      } catch (error) {
        options.onError?.(error);
      }
      const working = [...shards.values()].some((s) => s.inFlight > 0 || s.queue.length > 0);
      idleRounds = busy || working ? 0 : idleRounds + 1;
      if (!busy && running) {
        // Sleep until the interval passes or a batch finishes (its shard may have more to start).
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, intervalMs);
          function done(): void {
            clearTimeout(timer);
            wake = undefined;
            resolve();
          }
          wake = done;
        });
      }
    }
    await Promise.all([...batchesInFlight]);
  })();

  return {
    drain: async (timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      // Two idle rounds after now: every shard was read to its end and nothing was pending.
      idleRounds = 0;
      while (idleRounds < 2 || [...shards.values()].some((s) => s.queue.length > 0 || s.inFlight > 0)) {
        if (Date.now() > deadline) throw new Error(`Stream of ${options.tableName} not drained within ${timeoutMs} ms`);
        await sleep(intervalMs / 2);
      }
    },
    stop: async () => {
      running = false;
      await loop;
      streams.destroy();
    },
  };
};

const resolveEndpoint = async (client: DynamoDBClient): Promise<string | undefined> => {
  const endpoint = client.config.endpoint ? await client.config.endpoint() : undefined;
  if (!endpoint) return process.env.AWS_ENDPOINT_URL_DYNAMODB_STREAMS;
  return `${endpoint.protocol}//${endpoint.hostname}${endpoint.port ? `:${endpoint.port}` : ''}${endpoint.path}`;
};

/** A checkpoint store in a JSON file (written atomically). */
export const fileCheckpointStore = (file: string): CheckpointStore => {
  return {
    load: async () => {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      } catch {
        return {};
      }
    },
    save: async (checkpoints) => {
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify(checkpoints));
      renameSync(tmp, file);
    },
  };
};
