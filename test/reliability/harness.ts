/**
 * The local archive in the test process: L's runtime (local/runtime) feeding the real handlers
 * from the test file's tables and bucket (useLocalArchive), plus helpers to upload corpus texts,
 * subscribe loopback receivers through the API and wait until everything settled.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { QueryCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TableId } from '../../lambdas/adapters/table-definitions';
import { uploadOf, type ExpectedUpload, type ReceivedRequest } from '../../local/invariants';
import { startArchiveRuntime, type ArchiveRuntime } from '../../local/runtime/archive-runtime';
import { dataDirLayout, prepareDataDir } from '../../local/runtime/data-dir';
import { LOCAL_REGION } from '../../local/services';
import type { WebhookReceiver } from '../support/faults';

/** The shared corpus's texts, sorted by path. */
export const corpusFiles = (): string[] => {
  const root = path.resolve(__dirname, '../../../shared/corpus');
  return readdirSync(root)
    .flatMap((dir) => {
      const texts = path.join(root, dir, 'texts');
      try {
        return readdirSync(texts).filter((f) => f.endsWith('.txt')).map((f) => path.join(texts, f));
      } catch {
        return [];
      }
    })
    .sort();
};

/** Reads `n` corpus texts spread over the corpus (deterministic), by default only the smaller ones (tests stay quick). */
export const corpusSample = (n: number, offset = 0, maxBytes = 12_000): Array<{ name: string; bytes: Buffer }> => {
  const files = corpusFiles().filter((f) => statSync(f).size <= maxBytes);
  const step = Math.max(1, Math.floor(files.length / n));
  return Array.from({ length: n }, (_, i) => files[(offset + i * step) % files.length]!).map((f) => ({ name: path.basename(f), bytes: readFileSync(f) }));
};

/** An in-process archive over a test file's tables and bucket. */
export interface InProcessArchive {
  readonly runtime: ArchiveRuntime;
  readonly apiUrl: string;
  readonly apiKey: string;
  readonly dataDir: string;
  /** Lines the runtime printed (warnings, dead letters, archived…). */
  readonly lines: string[];
  stop(): Promise<void>;
}

/** Starts L's runtime in this process; the bucket is polled (s3rver's events live in jest's global setup). */
export const startInProcessArchive = async (options: {
  dynamo: DynamoDBClient;
  s3: S3Client;
  tables: Record<TableId, string>;
  bucket: string;
  apiKey?: string;
  visibilityTimeoutMs?: number;
}): Promise<InProcessArchive> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'demarche-rel-'));
  prepareDataDir(dataDirLayout(dataDir));
  const lines: string[] = [];
  const apiKey = options.apiKey ?? 'dmk_reliability_test_key';
  const runtime = await startArchiveRuntime({
    dataDir,
    dynamo: options.dynamo,
    s3: options.s3,
    region: LOCAL_REGION,
    tables: options.tables,
    bucket: options.bucket,
    bucketPollMs: 150,
    port: 0,
    apiKey,
    print: (line) => void lines.push(line),
    scheduleIntervalMs: 100,
    visibilityTimeoutMs: options.visibilityTimeoutMs ?? 1_000,
    streamIntervalMs: 50,
  });
  return {
    runtime,
    apiUrl: runtime.apiUrl,
    apiKey,
    dataDir,
    lines,
    stop: async () => {
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** Uploads bytes under a key (as a client would: straight into the bucket). */
export const putObject = async (s3: S3Client, bucket: string, key: string, bytes: Uint8Array): Promise<ExpectedUpload> => {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: 'text/plain; charset=utf-8' }));
  return uploadOf(bucket, key, bytes);
};

/** Calls the API with the key. */
export const api = async (archive: Pick<InProcessArchive, 'apiUrl' | 'apiKey'>, method: string, route: string, body?: unknown): Promise<{ status: number; json: any }> => {
  const res = await fetch(`${archive.apiUrl}${route}`, {
    method,
    headers: { 'x-api-key': archive.apiKey, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, json };
};

/** Creates a subscription through the API; returns its id. */
export const subscribe = async (
  archive: Pick<InProcessArchive, 'apiUrl' | 'apiKey'>,
  url: string,
  topics: readonly string[],
  events?: readonly string[],
): Promise<string> => {
  const res = await api(archive, 'POST', '/subscriptions', { url, topics, ...(events ? { events } : {}) });
  if (res.status !== 201) throw new Error(`subscribe failed: ${res.status} ${JSON.stringify(res.json)}`);
  return String(res.json.id);
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pending deliveries left in the webhooks table (their `due` index entries). */
export const pendingDeliveries = async (dynamo: DynamoDBClient, webhooksTable: string): Promise<number> => {
  const db = DynamoDBDocumentClient.from(dynamo);
  let n = 0;
  for (let shard = 0; shard < 4; shard++) {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await db.send(
        new QueryCommand({
          TableName: webhooksTable,
          IndexName: 'due',
          KeyConditionExpression: 'duePk = :p',
          ExpressionAttributeValues: { ':p': `due#${shard}` },
          Select: 'COUNT',
          ExclusiveStartKey: start,
        }),
      );
      n += out.Count ?? 0;
      start = out.LastEvaluatedKey;
    } while (start);
  }
  return n;
};

/** Drains the runtime, then waits until no delivery is due any more (the retry schedule ran out or succeeded). */
export const settle = async (archive: InProcessArchive, dynamo: DynamoDBClient, webhooksTable: string, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  await archive.runtime.drain(timeoutMs);
  while ((await pendingDeliveries(dynamo, webhooksTable)) > 0) {
    if (Date.now() > deadline) throw new Error('deliveries still pending');
    await sleep(100);
  }
  await archive.runtime.drain(Math.max(1_000, deadline - Date.now()));
};

/** What receivers got, as the invariant checker reads it (path name → subscription id). */
export const receivedBy = (receiver: WebhookReceiver, subscriptionByName: ReadonlyMap<string, string>): ReceivedRequest[] =>
  receiver.received.flatMap((r) => {
    const sub = subscriptionByName.get(r.path.split('/')[2] ?? '');
    return sub ? [{ subscriptionId: sub, webhookId: r.webhookId, body: r.body, ...(r.status !== undefined ? { status: r.status } : {}) }] : [];
  });
