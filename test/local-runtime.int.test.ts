/**
 * The local runtime's plumbing on real local services: the durable SQS stand-in (batches, partial
 * failures, visibility timeout, dead letters, surviving a restart), the S3 → SQS bridge and bucket
 * reconcile on s3rver, and the whole wiring-driven runtime in-process (upload → ingest → stream →
 * projector → API) on DynamoDB Local.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { SQSEvent } from 'aws-lambda';
import { transcriptIdFor } from '../lambdas/core/ids';
import { decodeNotificationKey, encodeNotificationKey, objectsCreatedIn } from '../lambdas/adapters/s3-notification';
import { LOCAL_REGION } from '../local/services';
import { recordMatchesTypes, startArchiveRuntime, type ArchiveRuntime } from '../local/runtime/archive-runtime';
import { objectDedupeKey, reconcileBucket, s3CreatedEvent } from '../local/runtime/s3-notifications';
import { openSqsSimulator, pendingDeadLetters, readDeadLetters, type SqsSimulatorOptions } from '../local/runtime/sqs-simulator';
import { useLocalArchive } from './support/local-archive';

const tempDirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'demarche-runtime-'));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const queueOptions = (dir: string, overrides: Partial<SqsSimulatorOptions> = {}): SqsSimulatorOptions => ({
  journalFile: path.join(dir, 'queue.jsonl'),
  deadLetterFile: path.join(dir, 'dead.jsonl'),
  queueName: 'test-queue',
  region: LOCAL_REGION,
  batchSize: 10,
  maxReceiveCount: 3,
  visibilityTimeoutMs: 50,
  batchWindowMs: 1,
  ...overrides,
});

describe('openSqsSimulator', () => {
  it('delivers sent messages as an SQS event in batches and deletes them on success', async () => {
    const queue = openSqsSimulator(queueOptions(tempDir(), { batchSize: 2, concurrency: 1 }));
    const batches: SQSEvent[] = [];
    for (const body of ['a', 'b', 'c']) queue.send(body);
    queue.start(async (event) => void batches.push(event));
    await queue.drain(5_000);
    await queue.stop();

    expect(batches.map((b) => b.Records.map((r) => r.body))).toEqual([['a', 'b'], ['c']]);
    const record = batches[0]!.Records[0]!;
    expect(record).toMatchObject({ eventSource: 'aws:sqs', awsRegion: LOCAL_REGION, attributes: { ApproximateReceiveCount: '1' } });
    expect(record.eventSourceARN).toBe(`arn:aws:sqs:${LOCAL_REGION}:000000000000:test-queue`);
    expect(queue.pendingCount()).toBe(0);
  });

  it('redelivers only the reported batch item failures, after the visibility timeout, with a higher receive count', async () => {
    const queue = openSqsSimulator(queueOptions(tempDir()));
    const seen: Array<[string, string]> = [];
    queue.send('ok');
    queue.send('flaky');
    let failedOnce = false;
    queue.start(async (event) => {
      for (const r of event.Records) seen.push([r.body, r.attributes.ApproximateReceiveCount]);
      const flaky = event.Records.find((r) => r.body === 'flaky');
      if (flaky && !failedOnce) {
        failedOnce = true;
        return { batchItemFailures: [{ itemIdentifier: flaky.messageId }] };
      }
    });
    await queue.drain(5_000);
    await queue.stop();

    expect(seen).toEqual([
      ['ok', '1'],
      ['flaky', '1'],
      ['flaky', '2'],
    ]);
  });

  it('moves a message that keeps failing to the dead-letter store after maxReceiveCount receives', async () => {
    const dir = tempDir();
    const dead: string[] = [];
    const queue = openSqsSimulator(queueOptions(dir, { onDeadLetter: (l) => dead.push(l.body) }));
    let calls = 0;
    queue.send('poison');
    queue.start(async () => {
      calls++;
      throw new Error('always fails');
    });
    await queue.drain(5_000);
    await queue.stop();

    expect(calls).toBe(3);
    expect(dead).toEqual(['poison']);
    expect(readDeadLetters(path.join(dir, 'dead.jsonl'))).toEqual([
      expect.objectContaining({ body: 'poison', receiveCount: 3, lastError: 'always fails' }),
    ]);
  });

  it('redrives dead letters back into the queue once, and keeps them queued across a restart', async () => {
    const dir = tempDir();
    const queue = openSqsSimulator(queueOptions(dir));
    queue.send('poison');
    queue.start(async () => {
      throw new Error('down');
    });
    await queue.drain(5_000);
    await queue.stop();
    expect(pendingDeadLetters(path.join(dir, 'dead.jsonl'))).toHaveLength(1);

    // Redriven while nothing consumes the queue: the message must survive a restart.
    const idle = openSqsSimulator(queueOptions(dir));
    expect(idle.redriveDeadLetters()).toBe(1);
    expect(idle.redriveDeadLetters()).toBe(0);
    expect(idle.pendingCount()).toBe(1);
    await idle.stop();
    expect(pendingDeadLetters(path.join(dir, 'dead.jsonl'))).toEqual([]);

    const seen: string[] = [];
    const restarted = openSqsSimulator(queueOptions(dir));
    restarted.start(async (event) => void seen.push(...event.Records.map((r) => `${r.body}@${r.attributes.ApproximateReceiveCount}`)));
    await restarted.drain(5_000);
    await restarted.stop();
    expect(seen).toEqual(['poison@1']);
    expect(readDeadLetters(path.join(dir, 'dead.jsonl'))).toHaveLength(1);
  });

  it('fails the whole batch when the handler names an unknown item, as Lambda does', async () => {
    const queue = openSqsSimulator(queueOptions(tempDir()));
    const counts: string[] = [];
    queue.send('x');
    let first = true;
    queue.start(async (event) => {
      counts.push(event.Records[0]!.attributes.ApproximateReceiveCount);
      if (first) {
        first = false;
        return { batchItemFailures: [{ itemIdentifier: 'no-such-message' }] };
      }
    });
    await queue.drain(5_000);
    await queue.stop();

    expect(counts).toEqual(['1', '2']);
  });

  it('keeps unfinished messages and their receive counts across a restart, and remembers dedupe keys', async () => {
    const dir = tempDir();
    const first = openSqsSimulator(queueOptions(dir));
    first.send('done', 'k1');
    first.send('pending', 'k2');
    // Handle one message, then "crash" (stop without handling the other).
    first.start(async (event) => {
      if (event.Records.some((r) => r.body === 'pending')) return { batchItemFailures: event.Records.filter((r) => r.body === 'pending').map((r) => ({ itemIdentifier: r.messageId })) };
    });
    await new Promise((r) => setTimeout(r, 20));
    await first.stop();

    const second = openSqsSimulator(queueOptions(dir));
    expect(second.pendingCount()).toBe(1);
    expect(second.isKnown('k1')).toBe(true);
    expect(second.isKnown('k2')).toBe(true);
    expect(second.isKnown('k3')).toBe(false);
    const bodies: Array<[string, string]> = [];
    second.start(async (event) => void bodies.push(...event.Records.map((r): [string, string] => [r.body, r.attributes.ApproximateReceiveCount])));
    await second.drain(5_000);
    await second.stop();

    expect(bodies).toEqual([['pending', '2']]);
    // Compacted: what is left in the journal is only what a third start needs.
    const third = openSqsSimulator(queueOptions(dir));
    expect(third.pendingCount()).toBe(0);
    expect(third.isKnown('k2')).toBe(true);
    await third.stop();
  });

  it('ignores a torn last journal line left by a killed process', async () => {
    const dir = tempDir();
    const q = openSqsSimulator(queueOptions(dir));
    q.send('kept');
    await q.stop();
    const { appendFileSync } = await import('node:fs');
    appendFileSync(path.join(dir, 'queue.jsonl'), '{"op":"send","id":"torn","bo');

    const reopened = openSqsSimulator(queueOptions(dir));
    expect(reopened.pendingCount()).toBe(1);
    await reopened.stop();
  });
});

describe('s3 notifications', () => {
  it('encodes keys like S3 notifications do, and ingest decodes them back', () => {
    const key = 'uploads/2026 03/Déclaration (final)+v2.txt';
    const event = s3CreatedEvent({ bucket: 'b', key, size: 3, etag: '"abc"', eventTime: '2026-03-04T00:00:00.000Z' }, LOCAL_REGION);
    const encoded = event.Records[0]!.s3.object.key;

    expect(encoded).toBe(encodeNotificationKey(key));
    expect(encoded).toContain('uploads/2026+03/');
    expect(decodeNotificationKey(encoded)).toBe(key);
    expect(objectsCreatedIn(JSON.stringify(event))).toEqual([expect.objectContaining({ bucket: 'b', key, etag: 'abc' })]);
  });

  it('matches stream records to a function by the event types in the commit item', () => {
    const record = { dynamodb: { NewImage: { types: { SS: ['TranscriptReceived', 'TopicDetected'] } } } };
    expect(recordMatchesTypes(record, ['TopicDetected', 'TranscriptRejected'])).toBe(true);
    expect(recordMatchesTypes(record, ['TranscriptRejected'])).toBe(false);
    expect(recordMatchesTypes(record, undefined)).toBe(true);
  });
});

describe('reconcileBucket', () => {
  const archive = useLocalArchive();

  it('enqueues every object revision the queue has never seen, once', async () => {
    const queue = openSqsSimulator(queueOptions(tempDir()));
    const put = (Key: string, Body: string) => archive.s3.send(new PutObjectCommand({ Bucket: archive.bucket, Key, Body }));
    await put('a.txt', 'first');
    await put('dir/b c.txt', 'second');

    expect(await reconcileBucket(archive.s3, archive.bucket, queue, LOCAL_REGION)).toBe(2);
    expect(await reconcileBucket(archive.s3, archive.bucket, queue, LOCAL_REGION)).toBe(0);
    await put('a.txt', 'first, corrected');
    expect(await reconcileBucket(archive.s3, archive.bucket, queue, LOCAL_REGION)).toBe(1);
    expect(queue.pendingCount()).toBe(3);

    const bodies: string[] = [];
    queue.start(async (event) => void bodies.push(...event.Records.map((r) => r.body)));
    await queue.drain(5_000);
    await queue.stop();
    const keys = bodies.flatMap((b) => objectsCreatedIn(b).map((o) => o.key)).sort();
    expect(keys).toEqual(['a.txt', 'a.txt', 'dir/b c.txt']);
    expect(queue.isKnown(objectDedupeKey(archive.bucket, 'dir/b c.txt', 'not-its-etag'))).toBe(false);
  });
});

describe('startArchiveRuntime', () => {
  const archive = useLocalArchive();
  let runtime: ArchiveRuntime;
  const lines: string[] = [];
  const apiKey = 'test-key-local-runtime';

  beforeAll(async () => {
    runtime = await startArchiveRuntime({
      dataDir: tempDir(),
      dynamo: archive.dynamo,
      s3: archive.s3,
      region: LOCAL_REGION,
      tables: archive.tables,
      bucket: archive.bucket,
      // The run's s3rver lives in jest's global setup: no notifications here, so the bucket is polled.
      bucketPollMs: 100,
      port: 0,
      apiKey,
      print: (line) => lines.push(line),
      visibilityTimeoutMs: 200,
      scheduleIntervalMs: 200,
      streamIntervalMs: 20,
    });
  });
  afterAll(async () => runtime?.stop());

  it('runs every function of wiring.ts', () => {
    expect([...runtime.functions.keys()].sort()).toEqual(['api', 'deliverer', 'ingest', 'notifier', 'projector']);
    expect(lines.filter((l) => l.startsWith('warning'))).toEqual([]);
  });

  it('archives an uploaded object through ingest and the projector, and serves it from the API', async () => {
    const text = readFileSync(path.resolve(__dirname, '../fixtures/transcripts/sanctions-designation-statement.txt'));
    await archive.s3.send(new PutObjectCommand({ Bucket: archive.bucket, Key: 'runtime/sanctions.txt', Body: text, Metadata: { date: '2026-05-02' } }));
    await runtime.drain(30_000);

    const response = await fetch(`${runtime.apiUrl}/transcripts?topic=sanctions`, { headers: { 'x-api-key': apiKey } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: Array<{ id: string; title: string }> };
    expect(body.items).toEqual([expect.objectContaining({ id: transcriptIdFor(archive.bucket, 'runtime/sanctions.txt'), title: expect.stringMatching(/Marenth/) })]);
    expect(lines).toContainEqual(expect.stringMatching(/^archived {2}runtime\/sanctions\.txt {2}".*Marenth".*topics: .*sanctions/));
  });

  it('answers the API with the key it was started with and refuses others', async () => {
    const health = await fetch(`${runtime.apiUrl}/health`);
    const wrong = await fetch(`${runtime.apiUrl}/topics`, { headers: { 'x-api-key': 'nope' } });
    expect(health.status).toBe(200);
    expect([401, 403]).toContain(wrong.status);
  });
});
