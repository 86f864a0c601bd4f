import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { archiveTranscript } from '../lambdas/core/archive-transcript';
import { systemClock } from '../lambdas/core/clock';
import { type StoredEvent, transcriptStream } from '../lambdas/core/events';
import { InMemoryEventStore } from '../lambdas/core/event-store';
import { sha256Hex, transcriptIdFor } from '../lambdas/core/ids';
import { DynamoEventStore } from '../lambdas/adapters/dynamo-event-store';
import { s3ObjectReader } from '../lambdas/adapters/s3-object-reader';
import { createIngestHandler, handler } from '../lambdas/ingest/handler';
import { localDynamoClient } from '../local/services';
import { loadFixture } from './support/fixtures';
import { useLocalArchive } from './support/local-archive';

// The handler logs each failed record at error level; these tests fail records on purpose.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const archive = useLocalArchive();
const SEED = readFileSync(path.resolve(__dirname, '../../shared/fixtures/seed/kazakhstan-visit-remarks.txt'));
const logger = new Logger({ serviceName: 'ingest-test', logLevel: 'SILENT' });
let store: DynamoEventStore;
beforeAll(() => {
  store = new DynamoEventStore({ client: archive.dynamo, tableName: archive.tables.events });
});

const TEMPLATE = loadFixture<SQSEvent>('aws/sqs-s3-object-created.json').Records[0]!;
const encodeKey = (key: string) => encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');

interface Uploaded {
  readonly key: string;
  readonly etag: string;
  readonly bucket: string;
  readonly eventTime: string;
}

const put = async (key: string, body: Uint8Array | string, metadata: Record<string, string> = {}): Promise<Uploaded> => {
  const out = await archive.s3.send(new PutObjectCommand({ Bucket: archive.bucket, Key: key, Body: body, Metadata: metadata }));
  return { key, etag: (out.ETag ?? '').replace(/"/g, ''), bucket: archive.bucket, eventTime: new Date().toISOString() };
};

/** The SQS record AWS delivers for an upload (the fixture, pointed at this object). */
const notification = (o: Uploaded): SQSRecord => {
  const body = JSON.parse(TEMPLATE.body) as { Records: Array<{ eventTime: string; s3: { bucket: { name: string }; object: { key: string; eTag: string } } }> };
  const record = body.Records[0]!;
  record.eventTime = o.eventTime;
  record.s3.bucket.name = o.bucket;
  record.s3.object.key = encodeKey(o.key);
  record.s3.object.eTag = o.etag;
  return { ...TEMPLATE, messageId: randomUUID(), body: JSON.stringify(body) };
};
const batch = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
const streamOf = (key: string, bucket = archive.bucket) => transcriptStream(transcriptIdFor(bucket, key));
const typesOf = (events: readonly StoredEvent[]) => events.map((e) => e.type);
const expectGapless = (events: readonly StoredEvent[]) => {
  expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
  expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
};

describe('ingest handler on DynamoDB Local and s3rver', () => {
  it('archives an upload with its metadata, reading the form-encoded key of the notification', async () => {
    const o = await put('uploads/remarks in Astana: day 1.txt', SEED, { title: 'Remarks in Astana', date: '2026-11-20', url: 'https://example.org/astana', speaker: 'Secretary' });
    await expect(handler(batch(notification(o)))).resolves.toEqual({ batchItemFailures: [] });
    const events = await store.read(streamOf(o.key));
    expectGapless(events);
    expect(events[0]).toMatchObject({
      type: 'TranscriptReceived',
      occurredAt: o.eventTime,
      data: {
        revision: 1,
        source: { bucket: archive.bucket, key: o.key, etag: o.etag },
        sha256: sha256Hex(SEED),
        bytes: SEED.length,
        metadata: { title: 'Remarks in Astana', date: '2026-11-20', url: 'https://example.org/astana', speaker: 'Secretary' },
      },
    });
    expect(typesOf(events)).toContain('TranscriptParsed');
    expect(typesOf(events).filter((t) => t === 'StatementRecorded').length).toBeGreaterThan(3);
  });

  it('stores one set of events when the same notification arrives three times, in one batch and concurrently', async () => {
    const o = await put('uploads/dup.txt', SEED);
    const message = notification(o);
    const twice = { ...message, messageId: randomUUID() };
    const results = await Promise.all([
      handler(batch(message, twice, { ...message, messageId: randomUUID() })),
      handler(batch({ ...message, messageId: randomUUID() })),
      handler(batch({ ...message, messageId: randomUUID() })),
    ]);
    expect(results.every((r) => r.batchItemFailures.length === 0)).toBe(true);
    const events = await store.read(streamOf(o.key));
    expectGapless(events);
    expect(typesOf(events).filter((t) => t === 'TranscriptReceived')).toHaveLength(1);
    const reference = new InMemoryEventStore();
    await archiveTranscript(
      { bucket: o.bucket, key: o.key, etag: o.etag, bytes: SEED, metadata: {}, receivedAtMs: Date.parse(o.eventTime) },
      { store: reference, clock: systemClock },
    );
    expect(events.map((e) => e.eventId)).toEqual((await reference.read(streamOf(o.key))).map((e) => e.eventId));
  });

  it('completes the stream with versions 1..n when a retry follows a crash after k of n events', async () => {
    const o = await put('uploads/crash.txt', SEED);
    const message = notification(o);
    const crashingClient: DynamoDBClient = localDynamoClient(archive.dynamoEndpoint);
    let puts = 0;
    crashingClient.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PutItemCommand' && ++puts > 3) throw new Error('Lambda timed out');
        return next(args);
      },
      { step: 'initialize', name: 'crashAfterThreeCommits' },
    );
    // Small commit items written one by one, so the append spans several items and can stop half-way.
    const crashing = createIngestHandler(() => ({
      s3: s3ObjectReader(),
      store: new DynamoEventStore({ client: crashingClient, tableName: archive.tables.events, maxBodyBytes: 1500, transactions: false }),
      clock: systemClock,
      logger,
    }));
    // Every record of the batch failed: Powertools fails the invocation, so SQS redelivers the batch.
    await expect(crashing(batch(message))).rejects.toThrow(FullBatchFailureError);
    const partial = await store.read(streamOf(o.key));
    expect(partial.length).toBeGreaterThan(0);
    expect((await store.head(streamOf(o.key))).complete).toBe(false);

    await expect(handler(batch({ ...message, messageId: randomUUID() }))).resolves.toEqual({ batchItemFailures: [] });
    const events = await store.read(streamOf(o.key));
    expectGapless(events);
    expect(events.length).toBeGreaterThan(partial.length);
    expect(events.slice(0, partial.length)).toEqual(partial);
    const reference = new InMemoryEventStore();
    await archiveTranscript(
      { bucket: o.bucket, key: o.key, etag: o.etag, bytes: SEED, metadata: {}, receivedAtMs: Date.parse(o.eventTime) },
      { store: reference, clock: systemClock },
    );
    expect(events.map((e) => e.eventId)).toEqual((await reference.read(streamOf(o.key))).map((e) => e.eventId));
    expect(await store.head(streamOf(o.key))).toMatchObject({ version: events.length, complete: true });
    crashingClient.destroy();
  });

  it('appends revision 2 when different bytes are uploaded under the same key, leaving revision 1 untouched', async () => {
    const first = await put('uploads/revised.txt', SEED);
    await handler(batch(notification(first)));
    const before = await store.read(streamOf(first.key));
    const changed = Buffer.concat([SEED, Buffer.from('\n\nSECRETARY: One more thing: we will meet again next spring.\n')]);
    const second = await put('uploads/revised.txt', changed);
    await expect(handler(batch(notification(second)))).resolves.toEqual({ batchItemFailures: [] });
    // The late redelivery of the first notification reads the key's current bytes: nothing new.
    await expect(handler(batch(notification(first)))).resolves.toEqual({ batchItemFailures: [] });
    const events = await store.read(streamOf(first.key));
    expectGapless(events);
    expect(events.slice(0, before.length)).toEqual(before);
    expect(events[before.length]).toMatchObject({ type: 'TranscriptReceived', data: { revision: 2, sha256: sha256Hex(changed), source: { etag: second.etag } } });
    expect(typesOf(events).filter((t) => t === 'TranscriptReceived')).toHaveLength(2);
  });

  it('records each bad input as TranscriptRejected with its reason, consuming the message, and archives the next good upload', async () => {
    const good = await put('uploads/good-before.txt', SEED);
    await handler(batch(notification(good)));
    const goodBefore = await store.read(streamOf(good.key));

    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n' + 'x'.repeat(300));
    const nulHeavy = Buffer.alloc(4096, 0);
    nulHeavy.write('Remarks', 100);
    const invalidUtf8 = Buffer.from(Array.from({ length: 600 }, (_, i) => [0xc3, 0x28, 0xa0, 0xa1][i % 4]!));
    const sixMb = Buffer.alloc(6 * 1024 * 1024, 'The Secretary spoke. ');
    const cases: Array<[string, Uint8Array, string]> = [
      ['bad/empty.txt', new Uint8Array(), 'empty'],
      ['bad/nul-heavy.txt', nulHeavy, 'binary'],
      ['bad/image.png', png, 'unsupported-type'],
      ['bad/document.pdf', pdf, 'unsupported-type'],
      ['bad/huge.txt', sixMb, 'too-large'],
      ['bad/invalid-utf8.txt', invalidUtf8, 'undecodable'],
    ];
    const uploads = await Promise.all(cases.map(([key, body]) => put(key, body)));
    const result = await handler(batch(...uploads.map(notification)));
    expect(result).toEqual({ batchItemFailures: [] });
    for (const [i, [key, body, reason]] of cases.entries()) {
      const events = await store.read(streamOf(key));
      expect(typesOf(events)).toEqual(['TranscriptReceived', 'TranscriptRejected']);
      expect(events[0]!.data).toMatchObject({ bytes: body.length, source: { key, etag: uploads[i]!.etag } });
      expect(events[1]!.data).toMatchObject({ reason, source: { key } });
    }

    const next = await put('uploads/good-after.txt', SEED);
    await expect(handler(batch(notification(next)))).resolves.toEqual({ batchItemFailures: [] });
    const nextEvents = await store.read(streamOf(next.key));
    expect(typesOf(nextEvents)).toContain('TranscriptParsed');
    expect(typesOf(nextEvents)).not.toContain('TranscriptRejected');
    expect(await store.read(streamOf(good.key))).toEqual(goodBefore);
  });

  it('ignores the s3:TestEvent message', async () => {
    await expect(handler(loadFixture<SQSEvent>('aws/sqs-s3-test-event.json'))).resolves.toEqual({ batchItemFailures: [] });
  });

  it('reports DynamoDB and S3 failures and malformed messages as failed batch items, archiving the rest', async () => {
    const ok = await put('uploads/ok-in-mixed-batch.txt', SEED);
    const missingBucket = notification({ ...ok, bucket: 'no-such-bucket-demarche' });
    const malformed: SQSRecord = { ...TEMPLATE, messageId: randomUUID(), body: '{"not":"an S3 event"}' };
    const okMessage = notification(ok);
    const result = await handler(batch(okMessage, missingBucket, malformed));
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual([missingBucket.messageId, malformed.messageId].sort());
    expect(typesOf(await store.read(streamOf(ok.key)))[0]).toBe('TranscriptReceived');

    const noTable = createIngestHandler(() => ({
      s3: s3ObjectReader(),
      store: new DynamoEventStore({ client: archive.dynamo, tableName: 'no-such-table' }),
      clock: systemClock,
      logger,
    }));
    const dynamoDown = notification(await put('uploads/dynamo-down.txt', SEED));
    const testEvent = loadFixture<SQSEvent>('aws/sqs-s3-test-event.json').Records[0]!;
    expect(await noTable(batch(dynamoDown, testEvent))).toEqual({ batchItemFailures: [{ itemIdentifier: dynamoDown.messageId }] });
    await expect(noTable(batch(dynamoDown))).rejects.toThrow(FullBatchFailureError);

    const unreachable = s3ObjectReader({ endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
    const s3Down = createIngestHandler(() => ({ s3: unreachable, store, clock: systemClock, logger }));
    const s3DownMessage = notification(await put('uploads/s3-down.txt', SEED));
    expect(await s3Down(batch(s3DownMessage, testEvent))).toEqual({ batchItemFailures: [{ itemIdentifier: s3DownMessage.messageId }] });
    expect(await store.read(streamOf('uploads/s3-down.txt'))).toEqual([]);
  });

  it('gives the log of everything ingested in commit order, each stream in version order', async () => {
    const log: StoredEvent[] = [];
    for await (const event of store.readAllSince(new Date(Date.now() - 3_600_000).toISOString())) log.push(event);
    const streams = [...new Set(log.map((e) => e.stream))];
    expect(streams.length).toBeGreaterThan(8);
    for (const stream of streams) {
      expect(log.filter((e) => e.stream === stream)).toEqual(await store.read(stream));
    }
  });
});
