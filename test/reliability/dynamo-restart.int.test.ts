/**
 * DynamoDB Local killed (SIGKILL, Java and its watchdog) in the middle of ingest and started
 * again on the same port and database directory, while the local archive keeps running: the
 * handlers' calls fail, the queue redelivers, the stream consumers resume, and afterwards every
 * upload is archived exactly once with its view and its deliveries.
 */
process.env.DEMARCHE_ALLOW_PRIVATE_WEBHOOKS = '1';
process.env.DEMARCHE_RETRY_SCHEDULE = '250ms,500ms,1s,2s';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { TableId } from '../../lambdas/adapters/table-definitions';
import { checkInvariants, formatInvariantReport, type ExpectedUpload } from '../../local/invariants';
import {
  createBucket,
  createTables,
  freePort,
  localAwsEnv,
  localDynamoClient,
  localS3Client,
  startDynamoLocal,
  tableNamesFor,
  type RunningService,
} from '../../local/services';
import { startWebhookReceiver, type WebhookReceiver } from '../support/faults';
import { corpusSample, putObject, receivedBy, settle, startInProcessArchive, subscribe, type InProcessArchive } from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('DynamoDB Local killed and restarted mid-ingest', () => {
  let dbPath: string;
  let port: number;
  let dynamoService: RunningService & { pid: number };
  let dynamo: DynamoDBClient;
  let s3: S3Client;
  let tables: Record<TableId, string>;
  let archive: InProcessArchive;
  let receiver: WebhookReceiver;
  const bucket = `restart-${process.pid}`;

  beforeAll(async () => {
    dbPath = mkdtempSync(path.join(tmpdir(), 'demarche-dynamo-restart-'));
    port = await freePort();
    dynamoService = await startDynamoLocal({ port, dbPath });
    dynamo = localDynamoClient(dynamoService.endpoint);
    const s3Endpoint = process.env.DEMARCHE_TEST_S3_ENDPOINT;
    if (!s3Endpoint) throw new Error('run through jest: global setup starts s3rver');
    s3 = localS3Client(s3Endpoint);
    tables = tableNamesFor('restart');
    await Promise.all([createTables(dynamo, tables), createBucket(s3, bucket)]);
    Object.assign(process.env, localAwsEnv({ dynamoEndpoint: dynamoService.endpoint, s3Endpoint, tables, bucket }));
    receiver = await startWebhookReceiver();
    // The visibility timeout npm start uses: five receives span the outage.
    archive = await startInProcessArchive({ dynamo, s3, tables, bucket, visibilityTimeoutMs: 5_000 });
  }, 120_000);

  afterAll(async () => {
    await archive?.stop();
    await receiver?.close();
    dynamo?.destroy();
    s3?.destroy();
    await dynamoService?.stop();
    if (dbPath) rmSync(dbPath, { recursive: true, force: true });
  });

  it('archives every upload exactly once after the database comes back', async () => {
    const subscriptionId = await subscribe(archive, receiver.url('all'), ['*'], ['topic.detected', 'topic.first_seen']);
    const uploads: ExpectedUpload[] = [];
    const texts = corpusSample(9, 41);
    for (const [i, t] of texts.slice(0, 6).entries()) uploads.push({ ...(await putObject(s3, bucket, `restart/${i}-${t.name}`, t.bytes)), expect: 'archived' });

    // Kill it once the first transcript is through; more uploads arrive while it is down, so
    // ingest is certainly interrupted, whatever the machine's speed.
    const deadline = Date.now() + 60_000;
    while (!archive.lines.some((l) => l.startsWith('archived')) && Date.now() < deadline) await sleep(20);
    process.kill(-dynamoService.pid, 'SIGKILL');
    for (const [i, t] of texts.slice(6).entries()) uploads.push({ ...(await putObject(s3, bucket, `restart/late-${i}-${t.name}`, t.bytes)), expect: 'archived' });
    await sleep(1_500);
    dynamoService = await startDynamoLocal({ port, dbPath });

    await settle(archive, dynamo, tables.webhooks, 120_000);
    const received = receivedBy(receiver, new Map([['all', subscriptionId]]));
    const report = await checkInvariants({ dynamo, tables, uploads, received });
    expect(formatInvariantReport(report)).toMatch(/^invariants hold/);
    expect(report.uploads).toMatchObject({ total: 9, archived: 9, lost: 0 });
    expect(report.deliveries.succeeded).toBe(report.deliveries.expected);
    // The outage was felt: handlers or stream consumers failed while it lasted.
    expect(archive.lines.some((l) => l.startsWith('warning'))).toBe(true);
    expect(archive.lines.filter((l) => l.startsWith('dead'))).toEqual([]);
  }, 240_000);
});
