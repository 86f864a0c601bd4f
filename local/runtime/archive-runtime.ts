/**
 * The local archive's event plumbing, driven by wiring.ts: for every function it feeds the handler
 * the events AWS would, from the same kind of source.
 *   sqs-from-s3      s3rver notifications → durable simulated SQS queue (retries, dead letters) → handler
 *   dynamodb-stream  DynamoDB Local's stream → Lambda-shaped batches (filtered by event type) → handler
 *   schedule         a short local timer → EventBridge-shaped scheduled event → handler
 *   http             HTTP on 127.0.0.1:PORT → API Gateway REST proxy event → handler (local/http-front.ts)
 * Services (DynamoDB Local, s3rver) are started by the caller (local/main.ts, or tests).
 */
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent, ScheduledEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { TableId } from '../../lambdas/adapters/table-definitions';
import type { FunctionDefinition, FunctionName, FunctionSource } from '../../lambdas/adapters/wiring';
import { fileCheckpointStore, startStreamPoller, type StreamPoller } from '../stream-poller';
import { dataDirLayout } from './data-dir';
import { loadFunctions, type LoadedFunction } from './functions';
import { startApiFront, type ApiFront } from './http';
import { archivedReporter, formatArchived, formatDelivery, watchDeliveries } from './reporter';
import { createdObjectsOf, notifyCreated, reconcileBucket, type S3rverNotification } from './s3-notifications';
import { openSqsSimulator, type SqsSimulator } from './sqs-simulator';

/** What the runtime needs from its caller. */
export interface ArchiveRuntimeOptions {
  /** Where the queue journal, dead letters and stream checkpoints live. */
  readonly dataDir: string;
  readonly dynamo: DynamoDBClient;
  readonly s3: S3Client;
  readonly region: string;
  readonly tables: Record<TableId, string>;
  readonly bucket: string;
  /** s3rver (its 'event' notifications); without it the bucket is polled. */
  readonly s3Events?: EventEmitter;
  /** How often to list the bucket for objects never notified (default: only at start when s3Events is given, else 500 ms). */
  readonly bucketPollMs?: number;
  readonly port: number;
  readonly host?: string;
  readonly apiKey: string;
  /** Where progress lines go (archived transcripts, deliveries, warnings). */
  readonly print: (line: string) => void;
  /** Local period of scheduled functions (AWS: wiring's everySeconds). */
  readonly scheduleIntervalMs?: number;
  /** Local visibility timeout of the simulated queue (AWS: wiring's visibilityTimeoutSeconds). */
  readonly visibilityTimeoutMs?: number;
  /** Stream polling period. */
  readonly streamIntervalMs?: number;
  /** Functions already being loaded (main.ts loads them while DynamoDB Local boots). */
  readonly functions?: Promise<Map<FunctionName, LoadedFunction>>;
}

/** A running local archive. */
export interface ArchiveRuntime {
  readonly apiUrl: string;
  readonly functions: ReadonlyMap<FunctionName, LoadedFunction>;
  readonly queue?: SqsSimulator;
  /** Resolves once every upload notified so far is ingested and every stream record handled. */
  drain(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Whether a stream record passes a function's filter: Lambda's filter criteria on the commit
 * item's `types` attribute (a string set of the event types inside).
 */
export const recordMatchesTypes = (record: DynamoDBStreamEvent['Records'][number], eventTypes: readonly string[] | undefined): boolean => {
  if (!eventTypes) return true;
  const types = record.dynamodb?.NewImage?.types;
  const values = types?.SS ?? (types?.L ? types.L.map((v) => v.S ?? '') : types?.S ? [types.S] : []);
  return values.some((t) => eventTypes.includes(t));
};

/** The scheduled event EventBridge sends a rule's target. */
export const scheduledEvent = (name: string, region: string, now: Date = new Date()): ScheduledEvent => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  region,
  resources: [`arn:aws:events:${region}:000000000000:rule/demarche-${name}`],
  detail: {},
});

/** Reports a function whose handler module does not exist (yet). */
export const missingFunctionReporter =
  (print: (line: string) => void) =>
  (name: FunctionName, entry: string): void =>
    print(`warning   ${entry} is missing: function ${name} is not running`);

/** How often the runtime looks for a redrive request. */
export const REDRIVE_CHECK_MS = 500;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Starts feeding every function of wiring.ts from its local source. */
export const startArchiveRuntime = async (options: ArchiveRuntimeOptions): Promise<ArchiveRuntime> => {
  const layout = dataDirLayout(options.dataDir);
  const { print } = options;
  process.env.DEMARCHE_API_KEY = options.apiKey;

  const functions = await (options.functions ?? loadFunctions(missingFunctionReporter(print)));
  const stops: Array<() => Promise<void> | void> = [];
  const drains: Array<(timeoutMs: number) => Promise<void>> = [];
  let queue: SqsSimulator | undefined;
  let api: ApiFront | undefined;

  const byKind = <K extends FunctionSource['kind']>(kind: K) =>
    [...functions.values()].filter((f): f is LoadedFunction & { definition: FunctionDefinition & { source: Extract<FunctionSource, { kind: K }> } } => f.definition.source.kind === kind);

  // HTTP first: a healthy API is what `npm start` waits for.
  for (const fn of byKind('http')) {
    api = await startApiFront({ port: options.port, host: options.host ?? '127.0.0.1', invoke: (event) => fn.invoke(event) });
    stops.push(() => api?.close());
  }

  // S3 → SQS → function.
  for (const fn of byKind('sqs-from-s3')) {
    const source = fn.definition.source;
    const q = openSqsSimulator({
      journalFile: layout.queueJournal,
      deadLetterFile: layout.deadLetters,
      redrivenFile: layout.redriven,
      queueName: `demarche-${fn.name}`,
      region: options.region,
      batchSize: source.batchSize,
      maxReceiveCount: source.maxReceiveCount,
      visibilityTimeoutMs: options.visibilityTimeoutMs ?? source.visibilityTimeoutSeconds * 1000,
      concurrency: 2,
      onDeadLetter: (letter) => print(`dead      ingest message ${letter.messageId} after ${letter.receiveCount} receives: ${letter.lastError ?? 'failed'}`),
      onError: (error) => print(`warning   ${fn.name} failed a batch (retried after the visibility timeout): ${messageOf(error)}`),
    });
    queue = q;
    const onEvent = (event: S3rverNotification) => {
      for (const object of createdObjectsOf(event)) if (object.bucket === options.bucket) notifyCreated(q, object, options.region);
    };
    options.s3Events?.on('event', onEvent);
    const missed = await reconcileBucket(options.s3, options.bucket, q, options.region);
    if (missed > 0) print(`resuming  ${missed} upload(s) found in the bucket but never ingested`);
    q.start(async (event: SQSEvent) => (await fn.invoke(event)) as SQSBatchResponse | void);
    // `demarche redrive` leaves a request file (the queue belongs to this process); checked at
    // start and every REDRIVE_CHECK_MS.
    const redrive = () => {
      if (!existsSync(layout.redriveRequest)) return;
      rmSync(layout.redriveRequest, { force: true });
      const count = q.redriveDeadLetters();
      print(`redriven  ${count} dead-lettered ingest message(s) sent back to the queue`);
    };
    redrive();
    const redriveTimer = setInterval(redrive, REDRIVE_CHECK_MS);
    redriveTimer.unref();
    const pollMs = options.bucketPollMs ?? (options.s3Events ? 0 : 500);
    let poller: NodeJS.Timeout | undefined;
    let polling = pollMs > 0;
    let pass: Promise<void> = Promise.resolve();
    if (polling) {
      const tick = () => {
        pass = reconcileBucket(options.s3, options.bucket, q, options.region)
          .then(() => undefined)
          .catch((error) => print(`warning   listing the bucket failed: ${messageOf(error)}`))
          .finally(() => {
            if (polling) poller = setTimeout(tick, pollMs);
          });
      };
      poller = setTimeout(tick, pollMs);
    }
    stops.push(async () => {
      clearInterval(redriveTimer);
      polling = false;
      clearTimeout(poller);
      await pass;
      options.s3Events?.off('event', onEvent);
      await q.stop();
    });
    drains.push(async (timeoutMs) => {
      if (!options.s3Events) await reconcileBucket(options.s3, options.bucket, q, options.region);
      await q.drain(timeoutMs);
    });
  }

  // DynamoDB stream → functions (one poller and checkpoint per function, like event source mappings).
  const pollers: StreamPoller[] = [];
  const startPoller = async (
    name: string,
    table: TableId,
    batchSize: number,
    onBatch: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>,
    intervalMs: number = options.streamIntervalMs ?? 50,
    parallelization = 1,
  ) => {
    const poller = await startStreamPoller({
      dynamo: options.dynamo,
      tableName: options.tables[table],
      batchSize,
      intervalMs,
      parallelization,
      checkpoints: fileCheckpointStore(path.join(layout.checkpoints, `${name}.json`)),
      onBatch,
      onError: (error) => print(`warning   ${name} failed a stream batch (retried): ${messageOf(error)}`),
    });
    pollers.push(poller);
    stops.push(() => poller.stop());
    drains.push((timeoutMs) => poller.drain(timeoutMs));
  };
  for (const fn of byKind('dynamodb-stream')) {
    const { table, batchSize, eventTypes, parallelization } = fn.definition.source;
    await startPoller(
      fn.name,
      table,
      batchSize,
      async (event) => {
        const records = event.Records.filter((r) => recordMatchesTypes(r, eventTypes));
        if (records.length === 0) return;
        return (await fn.invoke({ Records: records })) as DynamoDBBatchResponse | void;
      },
      undefined,
      parallelization,
    );
  }
  // The console's own consumer: one line per archived transcript.
  // Its latency matters to nobody: it polls less often than the functions' readers.
  await startPoller('console', 'events', 100, archivedReporter((line) => print(formatArchived(line))), Math.max(250, options.streamIntervalMs ?? 0));
  const unwatch = watchDeliveries((line) => print(formatDelivery(line)));
  stops.push(unwatch);

  // Schedules, on a short local period so retries come on time even with a scaled schedule.
  for (const fn of byKind('schedule')) {
    const every = options.scheduleIntervalMs ?? 500;
    let timer: NodeJS.Timeout | undefined;
    let running = true;
    let current: Promise<void> = Promise.resolve();
    const tick = () => {
      current = fn
        .invoke(scheduledEvent(fn.name, options.region))
        .then(() => undefined)
        .catch((error) => print(`warning   ${fn.name} failed: ${messageOf(error)}`))
        .finally(() => {
          if (running) timer = setTimeout(tick, every);
        });
    };
    timer = setTimeout(tick, every);
    stops.push(async () => {
      running = false;
      clearTimeout(timer);
      await current;
    });
  }

  const apiUrl = api?.url ?? `http://${options.host ?? '127.0.0.1'}:${options.port}`;
  return {
    apiUrl,
    functions,
    queue,
    drain: async (timeoutMs = 60_000) => {
      // Twice: ingesting appends events, whose stream batches may create deliveries, and so on.
      for (let round = 0; round < 2; round++) for (const d of drains) await d(timeoutMs);
    },
    stop: async () => {
      for (const stop of stops.reverse()) {
        try {
          await stop();
        } catch (error) {
          print(`warning   stopping: ${messageOf(error)}`);
        }
      }
    },
  };
};
