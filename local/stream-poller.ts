/**
 * Reads a table's DynamoDB stream (DynamoDB Local or AWS) through the DynamoDB Streams API and hands
 * the records to a handler in exactly the shape Lambda's event source mapping delivers them
 * (`DynamoDBStreamEvent`, binary attributes as base64 strings, epoch-second timestamps). Like the
 * mapping it keeps per-shard order, retries a failed batch from the first failed record (partial
 * batch responses), follows shard splits parent-first, and can persist checkpoints so a restart
 * resumes where it stopped (at-least-once: handlers are idempotent).
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

interface ShardState {
  readonly shardId: string;
  iterator?: string;
  pending: StreamRecord[];
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
      shards.set(id, { shardId: id, pending: [], closed: false, failures: 0, notBefore: 0 });
    }
  };

  const iteratorFor = async (state: ShardState): Promise<string | undefined> => {
    const after = checkpoints[state.shardId];
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
        delete checkpoints[state.shardId];
        return iteratorFor(state);
      }
      throw error;
    }
  };

  const pollShard = async (state: ShardState): Promise<boolean> => {
    if (Date.now() < state.notBefore) return true;
    if (state.pending.length === 0) {
      if (state.closed) {
        shards.delete(state.shardId);
        finished.add(state.shardId);
        return false;
      }
      state.iterator ??= await iteratorFor(state);
      if (!state.iterator) {
        state.closed = true;
        return false;
      }
      try {
        const out = await streams.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 1000 }));
        state.pending = out.Records ?? [];
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
      if (state.pending.length === 0) return false;
    }
    const batch = state.pending.slice(0, batchSize);
    const event: DynamoDBStreamEvent = { Records: batch.map((r) => toLambdaRecord(r, streamArn, region)) };
    let failedFrom = -1;
    try {
      const response = await options.onBatch(event);
      const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      if (failed.size) failedFrom = batch.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
    } catch (error) {
      options.onError?.(error);
      failedFrom = 0;
    }
    const handled = failedFrom === -1 ? batch.length : failedFrom;
    const lastHandled = handled > 0 ? batch[handled - 1]?.dynamodb?.SequenceNumber : undefined;
    state.pending = state.pending.slice(handled);
    if (lastHandled) {
      checkpoints[state.shardId] = lastHandled;
      await options.checkpoints?.save({ ...checkpoints });
    }
    if (failedFrom !== -1) {
      state.failures += 1;
      state.notBefore = Date.now() + Math.min(5_000, 100 * 2 ** Math.min(state.failures, 6));
    } else {
      state.failures = 0;
    }
    return true;
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
      idleRounds = busy ? 0 : idleRounds + 1;
      if (!busy && running) await sleep(intervalMs);
    }
  })();

  return {
    drain: async (timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      // Two idle rounds after now: every shard was read to its end and nothing was pending.
      idleRounds = 0;
      while (idleRounds < 2 || [...shards.values()].some((s) => s.pending.length > 0)) {
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
