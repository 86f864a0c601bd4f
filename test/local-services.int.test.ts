import { spawn } from 'node:child_process';
import path from 'node:path';
import { DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { EVENTS_TABLE } from '../lambdas/adapters/table-definitions';
import { createBucket, localS3Client, startDynamoLocal, startS3 } from '../local/services';
import { startStreamPoller } from '../local/stream-poller';
import { useLocalArchive } from './support/local-archive';
import { isAlive as alive } from '../local/runtime/data-dir';

const waitFor = async (check: () => boolean, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
};

describe('local services', () => {
  const archive = useLocalArchive();

  it('creates tables with the keys, indexes and stream of the shared definitions', async () => {
    const { Table } = await archive.dynamo.send(new DescribeTableCommand({ TableName: archive.tables.events }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(EVENTS_TABLE.globalSecondaryIndexes.map((i) => i.indexName));
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
  });

  it('round-trips an object with metadata through s3rver and emits ObjectCreated', async () => {
    const s3 = await startS3();
    try {
      const client = localS3Client(s3.endpoint);
      await createBucket(client, 'roundtrip');
      const events: string[] = [];
      s3.server.on('event', (e) => events.push(`${e.Records[0]?.eventName} ${e.Records[0]?.s3.object.key}`));
      await client.send(new PutObjectCommand({ Bucket: 'roundtrip', Key: 'a b/ü.txt', Body: 'héllo', Metadata: { title: 'T' } }));
      const got = await client.send(new GetObjectCommand({ Bucket: 'roundtrip', Key: 'a b/ü.txt' }));
      expect(await got.Body?.transformToString()).toBe('héllo');
      expect(got.Metadata).toEqual({ title: 'T' });
      expect(await waitFor(() => events.length > 0, 2_000)).toBe(true);
      expect(events[0]).toMatch(/^ObjectCreated:Put /);
      client.destroy();
    } finally {
      await s3.stop();
    }
  });

  it('delivers stream records in the shape Lambda does, binary as base64', async () => {
    const batches: DynamoDBStreamEvent[] = [];
    const poller = await startStreamPoller({
      dynamo: archive.dynamo,
      tableName: archive.tables.events,
      intervalMs: 50,
      onBatch: async (event) => void batches.push(event),
    });
    try {
      await archive.dynamo.send(
        new PutItemCommand({
          TableName: archive.tables.events,
          Item: { pk: { S: 'transcript/x' }, sk: { N: '1' }, body: { B: Buffer.from('hi') }, types: { SS: ['A'] } },
        }),
      );
      expect(await waitFor(() => batches.length > 0, 10_000)).toBe(true);
      const record = batches[0]?.Records[0];
      expect(record?.eventName).toBe('INSERT');
      expect(record?.eventSource).toBe('aws:dynamodb');
      expect(record?.dynamodb?.NewImage?.body).toEqual({ B: Buffer.from('hi').toString('base64') });
      expect(typeof record?.dynamodb?.ApproximateCreationDateTime).toBe('number');
    } finally {
      await poller.stop();
    }
  });

  it('retries from the first failed record and does not redeliver handled ones', async () => {
    const seen: number[] = [];
    let failOnce = true;
    const poller = await startStreamPoller({
      dynamo: archive.dynamo,
      tableName: archive.tables.events,
      intervalMs: 50,
      onBatch: async (event) => {
        for (const r of event.Records) {
          const sk = Number(r.dynamodb?.Keys?.sk?.N);
          if (sk === 11 && failOnce) {
            failOnce = false;
            return { batchItemFailures: [{ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' }] };
          }
          seen.push(sk);
        }
        return { batchItemFailures: [] };
      },
    });
    try {
      for (const sk of [10, 11, 12]) {
        await archive.dynamo.send(
          new PutItemCommand({ TableName: archive.tables.events, Item: { pk: { S: 'transcript/retry' }, sk: { N: String(sk) } } }),
        );
      }
      expect(await waitFor(() => seen.includes(12), 10_000)).toBe(true);
      await poller.drain();
      expect(seen.filter((sk) => sk >= 10)).toEqual([10, 11, 12]);
      expect(failOnce).toBe(false);
    } finally {
      await poller.stop();
    }
  });

  it('refuses a table without a stream', async () => {
    await expect(
      startStreamPoller({ dynamo: archive.dynamo, tableName: archive.tables.views, onBatch: async () => undefined }),
    ).rejects.toThrow(/has no stream/);
  });

  it('stops DynamoDB Local with its owner, even when the owner is SIGKILLed', async () => {
    const script = `
      const { startDynamoLocal } = require(${JSON.stringify(path.resolve(__dirname, '../local/services'))});
      startDynamoLocal().then((s) => { process.stdout.write(String(s.pid) + '\\n'); setInterval(() => {}, 1000); });
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve, reject) => {
      child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
      child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    expect(alive(pid)).toBe(true);
    child.kill('SIGKILL');
    expect(await waitFor(() => !alive(pid), 10_000)).toBe(true);
  });

  it('stops cleanly on stop()', async () => {
    const dynamo = await startDynamoLocal();
    expect(alive(dynamo.pid)).toBe(true);
    await dynamo.stop();
    expect(await waitFor(() => !alive(dynamo.pid), 5_000)).toBe(true);
  });
});
