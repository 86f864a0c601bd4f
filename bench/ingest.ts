/**
 * npm run bench:ingest — the 450 corpus texts uploaded to s3rver and ingested through the real
 * ingest handler (SQS-shaped batches of 10, a few in flight) against DynamoDB Local. Prints
 * transcripts/s, events/s, DynamoDB write capacity units per transcript (ReturnConsumedCapacity
 * TOTAL on every write, summed) and the share of wall time spent in the parser. Last line: JSON.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogItemExtraInput, LogItemMessage } from '@aws-lambda-powertools/logger/types';
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { ArchiveResult } from '../lambdas/core/archive-transcript';
import type { Clock } from '../lambdas/core/clock';
import { dynamoClient } from '../lambdas/adapters/aws-clients';
import { s3ObjectReader } from '../lambdas/adapters/s3-object-reader';
import { tableName } from '../lambdas/adapters/config';
import { DynamoEventStore } from '../lambdas/adapters/dynamo-event-store';
import { createIngestHandler } from '../lambdas/ingest/handler';
import { s3CreatedEvent } from '../local/runtime/s3-notifications';
import { LOCAL_REGION, createBucket, createTables, localAwsEnv, localDynamoClient, localS3Client, startDynamoLocal, startS3, tableNamesFor } from '../local/services';

const S3_CHILD_FLAG = '--s3-child';
const CORPUS = path.resolve(__dirname, '../../shared/corpus');
const WARMUP = path.resolve(__dirname, '../fixtures/transcripts');
const WARMUP_ROUNDS = 30;
const BATCH_SIZE = 10;
const IN_FLIGHT = 4;
const UPLOAD_CONCURRENCY = 16;

interface Text {
  readonly key: string;
  readonly file: string;
  readonly metadata: Record<string, string>;
}

/** S3 metadata travels in HTTP headers: non-ASCII values go as RFC 2047 words (the handler decodes them). */
const headerSafe = (value: string): string =>
  /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;

const corpusTexts = (): Text[] =>
  readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((dir) => {
      const index = new Map<string, Record<string, string>>();
      const [header, ...rows] = readFileSync(path.join(CORPUS, dir.name, 'index.tsv'), 'utf8').trim().split('\n');
      const columns = header!.split('\t');
      for (const row of rows) {
        const cells = Object.fromEntries(row.split('\t').map((cell, i) => [columns[i], cell]));
        const metadata: Record<string, string> = {};
        if (cells.title) metadata.title = headerSafe(cells.title);
        if (cells.link) metadata.url = cells.link;
        if (cells.published_utc) metadata.date = cells.published_utc.slice(0, 10);
        index.set(cells.file!, metadata);
      }
      return readdirSync(path.join(CORPUS, dir.name, 'texts'))
        .filter((f) => f.endsWith('.txt'))
        .map((f) => ({ key: `${dir.name}/${f}`, file: path.join(CORPUS, dir.name, 'texts', f), metadata: index.get(f) ?? {} }));
    });

/** CPU seconds used so far by a process and its descendants (Linux /proc; 0 elsewhere). */
const treeCpuSeconds = (pid: number): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ (100)
    const children = readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
    );
    return own + children.reduce((n, child) => n + treeCpuSeconds(child), 0);
  } catch {
    return 0;
  }
};

const pool = async <T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
};

/** Collects what the handler logs per archived object. */
class ResultTap extends Logger {
  results: ArchiveResult[] = [];
  override info(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    const attributes = extra[0] as Partial<ArchiveResult> | undefined;
    if (input === 'ingested' && attributes?.transcriptId) this.results.push(attributes as ArchiveResult);
  }
}

/**
 * s3rver runs in a child process: in-process it would share the handler's thread, charging S3's
 * own work (HTTP, XML, files) to ingest, which on AWS runs elsewhere.
 */
const startS3Child = async (): Promise<{ endpoint: string; pid: number; stop(): Promise<void> }> => {
  const child = spawn(process.execPath, [...process.execArgv, __filename, S3_CHILD_FLAG], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /S3_ENDPOINT=(\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`s3rver child exited with ${code}`)));
  });
  return {
    endpoint,
    pid: child.pid ?? -1,
    stop: async () => {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
};

const runS3Child = async (): Promise<void> => {
  const s3 = await startS3();
  process.stdout.write(`S3_ENDPOINT=${s3.endpoint}\n`);
  // Stops when the parent closes our stdin (also when the parent dies).
  process.stdin.resume();
  process.stdin.once('end', () => void s3.stop().finally(() => process.exit(0)));
};

const main = async (): Promise<void> => {
  const [dynamo, s3] = await Promise.all([startDynamoLocal(), startS3Child()]);
  try {
    const tables = tableNamesFor(`bench${Date.now().toString(36)}`);
    const bucket = 'bench-transcripts';
    const setupDynamo = localDynamoClient(dynamo.endpoint);
    const setupS3 = localS3Client(s3.endpoint);
    await Promise.all([createTables(setupDynamo, tables), createBucket(setupS3, bucket)]);
    Object.assign(process.env, localAwsEnv({ dynamoEndpoint: dynamo.endpoint, s3Endpoint: s3.endpoint, tables, bucket }), {
      POWERTOOLS_LOG_LEVEL: 'INFO',
    });

    // Sum the capacity every DynamoDB call of the handler reports.
    const capacity = { write: 0, read: 0, writeCalls: 0 };
    const WRITES = new Set(['PutItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand', 'UpdateItemCommand', 'DeleteItemCommand']);
    dynamoClient().middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        const consumed = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity;
        const units = [consumed ?? []].flat().reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
        if (WRITES.has(context.commandName ?? '')) {
          capacity.write += units;
          capacity.writeCalls += 1;
        } else capacity.read += units;
        return result;
      },
      { step: 'initialize', name: 'benchCapacity' },
    );

    const tap = new ResultTap({ serviceName: 'bench-ingest' });
    // Sub-millisecond clock: archiveTranscript times the parser with it.
    const clock: Clock = { now: () => performance.timeOrigin + performance.now() };
    const handler = createIngestHandler(() => ({
      s3: s3ObjectReader(),
      store: new DynamoEventStore({ client: dynamoClient(), tableName: tableName('events') }),
      clock,
      logger: tap,
    }));

    const upload = async (text: Text): Promise<SQSRecord> => {
      const body = readFileSync(text.file);
      const out = await setupS3.send(new PutObjectCommand({ Bucket: bucket, Key: text.key, Body: body, Metadata: text.metadata }));
      const event = s3CreatedEvent(
        { bucket, key: text.key, size: body.length, etag: out.ETag ?? '', eventTime: new Date().toISOString() },
        LOCAL_REGION,
      );
      return {
        messageId: randomUUID(),
        receiptHandle: randomUUID(),
        body: JSON.stringify(event),
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(Date.now()),
          SenderId: 'AIDAS3',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:${LOCAL_REGION}:000000000000:demarche-ingest`,
        awsRegion: LOCAL_REGION,
      };
    };
    const uploadAll = async (texts: readonly Text[]): Promise<SQSRecord[]> => {
      const records: SQSRecord[] = new Array(texts.length);
      await pool(
        texts.map((t, i) => [t, i] as const),
        UPLOAD_CONCURRENCY,
        async ([t, i]) => void (records[i] = await upload(t)),
      );
      return records;
    };
    let failed = 0;
    const ingest = async (records: readonly SQSRecord[]): Promise<void> => {
      const batches: SQSEvent[] = [];
      for (let i = 0; i < records.length; i += BATCH_SIZE) batches.push({ Records: records.slice(i, i + BATCH_SIZE) });
      await pool(batches, IN_FLIGHT, async (batch) => {
        try {
          failed += (await handler(batch)).batchItemFailures.length;
        } catch {
          failed += batch.Records.length;
        }
      });
    };

        // DynamoDB Local's JIT needs a few hundred requests before it runs at speed (measured: the first
    // 450 puts cost 2.5× the CPU of the next 450), so the warm-up archives the samples under many keys.
    const warmup = Array.from({ length: WARMUP_ROUNDS }, (_, round) =>
      readdirSync(WARMUP).map((f) => ({ key: `warmup/${round}/${f}`, file: path.join(WARMUP, f), metadata: {} })),
    ).flat();
    await ingest(await uploadAll(warmup));
    Object.assign(capacity, { write: 0, read: 0, writeCalls: 0 });
    tap.results = [];
    failed = 0;

    const texts = corpusTexts();
    const uploadStart = performance.now();
    const records = await uploadAll(texts);
    console.log(`uploaded ${texts.length} texts to s3rver in ${((performance.now() - uploadStart) / 1000).toFixed(1)} s`);

    const loadBefore = loadavg()[0]!;
    const dynamoBefore = treeCpuSeconds(dynamo.pid);
    const s3Before = treeCpuSeconds(s3.pid);
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    await ingest(records);
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const dynamoCpuSeconds = treeCpuSeconds(dynamo.pid) - dynamoBefore;
    const s3CpuSeconds = treeCpuSeconds(s3.pid) - s3Before;
    const servicesCpuSeconds = dynamoCpuSeconds + s3CpuSeconds;

    const results = tap.results;
    const events = results.reduce((n, r) => n + r.written, 0);
    const parseMs = results.reduce((n, r) => n + r.parseMs, 0);
    const outcomes = results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.outcome]: (acc[r.outcome] ?? 0) + 1 }), {});
    const figures = {
      transcriptsPerSec: +(results.length / seconds).toFixed(1),
      eventsPerSec: +(events / seconds).toFixed(0),
      wcuPerTranscript: +(capacity.write / Math.max(1, results.length)).toFixed(2),
      parseShare: +(parseMs / 1000 / seconds).toFixed(3),
    };
    console.log(`ingested ${results.length}/${texts.length} transcripts in ${seconds.toFixed(2)} s (batches of ${BATCH_SIZE}, ${IN_FLIGHT} in flight); failed records: ${failed}`);
    console.log(`outcomes: ${JSON.stringify(outcomes)}; events written: ${events} (${(events / Math.max(1, results.length)).toFixed(1)} per transcript)`);
    console.log(`DynamoDB: ${capacity.write.toFixed(1)} WCU in ${capacity.writeCalls} writes, ${capacity.read.toFixed(1)} RCU; parser: ${(parseMs / 1000).toFixed(2)} s`);
    console.log(
      `handler process CPU: ${cpuSeconds.toFixed(1)} s (${((cpuSeconds * 1000) / Math.max(1, results.length)).toFixed(1)} ms per transcript, parser included); ` +
        `machine load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores (DynamoDB Local and s3rver share them)`,
    );
    if (servicesCpuSeconds > 0) {
      const total = cpuSeconds + servicesCpuSeconds;
      console.log(
        `CPU of DynamoDB Local ${dynamoCpuSeconds.toFixed(1)} s, s3rver ${s3CpuSeconds.toFixed(1)} s; all three together ${total.toFixed(1)} s = ` +
          `${((total * 1000) / Math.max(1, results.length)).toFixed(1)} ms per transcript → ` +
          `~${((results.length / total) * cpus().length).toFixed(0)} transcripts/s if they had the ${cpus().length} cores to themselves`,
      );
    }
    const rejected = results.find((r) => r.outcome === 'rejected');
    if (rejected) {
      const s = new DynamoEventStore({ client: setupDynamo, tableName: tables.events });
      const reason = (await s.read(`transcript/${rejected.transcriptId}`)).find((e) => e.type === 'TranscriptRejected')?.data;
      console.log(`corpus texts rejected, e.g. ${JSON.stringify(reason)}`);
    }
    if (results.length !== texts.length || failed > 0) process.exitCode = 1;
    setupDynamo.destroy();
    setupS3.destroy();
    console.log(JSON.stringify(figures));
  } finally {
    await Promise.allSettled([dynamo.stop(), s3.stop()]);
  }
};

(process.argv.includes(S3_CHILD_FLAG) ? runS3Child() : main()).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
