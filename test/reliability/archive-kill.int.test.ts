/**
 * The real `npm start` archive (a child process: DynamoDB Local with its data directory, s3rver,
 * every handler) killed with SIGKILL while transcripts are being ingested and webhooks are in
 * flight to a slow receiver, then started again on the same data directory. Afterwards every
 * upload is archived once, every (subscription, message) has one delivery, delivered under its one
 * webhook id, and nothing is duplicated. (L's e2e test covers a kill in the middle of ingest alone.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { transcriptIdFor } from '../../lambdas/core/ids';
import { formatInvariantReport, uploadOf, waitForInvariants, type ExpectedUpload } from '../../local/invariants';
import { localDynamoClient, localS3Client } from '../../local/services';
import { startArchiveChild, startWebhookReceiver, type ArchiveChild, type WebhookReceiver } from '../support/faults';
import { corpusSample, pendingDeliveries } from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const API_KEY = 'dmk_kill_test';
const ENV = {
  DEMARCHE_ALLOW_PRIVATE_WEBHOOKS: '1',
  DEMARCHE_RETRY_SCHEDULE: '500ms,1s,2s,4s',
  DEMARCHE_WEBHOOK_TIMEOUT_MS: '3000',
  DEMARCHE_VISIBILITY_TIMEOUT_MS: '2000',
  DEMARCHE_SCHEDULE_INTERVAL_MS: '200',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
};

const until = async (what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
};

describe('the archive process killed with SIGKILL', () => {
  let dataDir: string;
  let receiver: WebhookReceiver;
  let child: ArchiveChild | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'demarche-kill-'));
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await child?.stop();
    await receiver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses and duplicates nothing when killed mid-delivery and started again', async () => {
    child = await startArchiveChild({ dataDir, apiKey: API_KEY, env: ENV });
    const res = await fetch(`${child.info.apiUrl}/subscriptions`, {
      method: 'POST',
      headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url('hook'), topics: ['*'], events: ['topic.detected', 'topic.first_seen', 'transcript.rejected'] }),
    });
    expect(res.status).toBe(201);
    const subscriptionId = String(((await res.json()) as { id: string }).id);
    // Slow but within the timeout: requests are in flight when the process dies.
    receiver.mode('hook', { kind: 'slow', delayMs: 700 });

    const s3 = localS3Client(child.info.s3Endpoint);
    const uploads: ExpectedUpload[] = [];
    for (const [i, t] of corpusSample(6, 29).entries()) {
      const key = `kill/${i}-${t.name}`;
      await s3.send(new PutObjectCommand({ Bucket: child.info.bucket, Key: key, Body: t.bytes, ContentType: 'text/plain' }));
      uploads.push({ ...uploadOf(child.info.bucket, key, t.bytes), expect: 'archived' });
    }
    s3.destroy();
    await until('webhooks in flight', () => receiver.requests('hook').length >= 3, 90_000);
    const archivedBeforeKill = (child.output().match(/^archived /gm) ?? []).length;
    await child.kill();
    child = undefined;
    const receivedBeforeKill = receiver.requests('hook').length;

    // Started again on the same data directory; the receiver is healthy now.
    receiver.mode('hook', { kind: 'ok' });
    child = await startArchiveChild({ dataDir, apiKey: API_KEY, env: ENV });
    const info = child.info;
    const dynamo = localDynamoClient(info.dynamoEndpoint);
    try {
      await until(
        'every upload archived',
        async () => {
          for (const u of uploads) {
            const r = await fetch(`${info.apiUrl}/transcripts/${transcriptIdFor(u.bucket, u.key)}`, { headers: { 'x-api-key': API_KEY } });
            if (r.status !== 200) return false;
          }
          return true;
        },
        120_000,
      );
      await until('no delivery due', async () => (await pendingDeliveries(dynamo, info.tables.webhooks)) === 0, 60_000);
      // The notifier may still be creating or recording deliveries: wait until the invariants hold (or give up after 60 s).
      const received = () => receiver.requests('hook').map((r) => ({ subscriptionId, webhookId: r.webhookId, body: r.body, ...(r.status !== undefined ? { status: r.status } : {}) }));
      const report = await waitForInvariants(() => ({ dynamo, tables: info.tables, uploads, received: received() }), 60_000);
      expect(formatInvariantReport(report)).toMatch(/^invariants hold/);
      expect(report.uploads).toMatchObject({ total: uploads.length, archived: uploads.length, lost: 0 });
      expect(report.deliveries.succeeded).toBe(report.deliveries.expected);
      expect(report.duplicates).toBe(0);
      // The kill really came in the middle of the deliveries (and of ingest, when the archived lines say so).
      process.stderr.write(`killed after ${archivedBeforeKill}/${uploads.length} archived and ${receivedBeforeKill} webhook requests\n`);
      expect(receivedBeforeKill).toBeGreaterThanOrEqual(3);
      expect(report.deliveries.expected).toBeGreaterThan(receivedBeforeKill);
    } finally {
      dynamo.destroy();
    }
  }, 300_000);
});
