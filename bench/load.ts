/**
 * `npm run bench:load`: the whole local archive under load. Starts the real `npm start` (node
 * scripts/start.mjs: DynamoDB Local, s3rver and every handler of wiring.ts) as a child process on a
 * fresh data directory, subscribes 20 loopback webhook receivers through the API, and pushes 2,000
 * uploads as fast as s3rver takes them: the 450 corpus texts under 4 distinct keys each (1,800
 * transcripts) plus 200 byte-identical repeats under an already used key. It measures throughput,
 * upload→archived latency (the archive's own "archived"/"rejected" line for the key),
 * upload→delivered latency (first arrival of each webhook at its receiver), the resident memory of
 * every process (the archive's Node, DynamoDB Local's Java, this bench), then checks the
 * invariants (local/invariants.ts) and stops everything. Bounded: gives up after 14 minutes.
 * Only loopback traffic. Options (env): LOAD_UPLOADS (2000), LOAD_SUBSCRIBERS (20), LOAD_CONCURRENCY (16).
 * Last line: {"uploads","archived","rejected","deliveries","duplicates","lost","p95ArchivedMs","p95DeliveredMs","invariantsOk"}.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { BatchGetCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { SUMMARY_SK, transcriptPk } from '../lambdas/adapters/view-keys';
import { TOPIC_IDS } from '../lambdas/core/topic-ids';
import { transcriptIdFor } from '../lambdas/core/ids';
import { checkInvariants, formatInvariantReport, uploadOf, type ExpectedUpload, type ReceivedRequest } from '../local/invariants';
import { localDynamoClient, localS3Client } from '../local/services';
import { javaPidFor, rssOf, startArchiveChild, startWebhookReceiver, type WebhookReceiver } from '../test/support/faults';
import { corpusFiles, pendingDeliveries } from '../test/reliability/harness';

const UPLOADS = Number(process.env.LOAD_UPLOADS || 2000);
const SUBSCRIBERS = Number(process.env.LOAD_SUBSCRIBERS || 20);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY || 16);
const DEADLINE_MS = 14 * 60_000;
const API_KEY = 'dmk_load_bench';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => process.stderr.write(`${line}\n`);

const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
};
const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Samples the resident memory of named processes once a second. */
const memorySampler = (pids: () => Record<string, number | undefined>) => {
  const peak: Record<string, number> = {};
  const last: Record<string, number> = {};
  const sample = () => {
    for (const [name, pid] of Object.entries(pids())) {
      if (!pid) continue;
      const rss = rssOf(pid);
      if (rss === 0) continue;
      last[name] = rss;
      peak[name] = Math.max(peak[name] ?? 0, rss);
    }
  };
  const timer = setInterval(sample, 1_000);
  sample();
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { peak, last };
    },
  };
};

/** The 2,000 uploads: every corpus text under 4 keys, then byte-identical repeats of used keys. */
const planUploads = (): Array<{ key: string; file: string }> => {
  const files = corpusFiles();
  const distinct = Math.min(UPLOADS, Math.round(UPLOADS * 0.9));
  const plan: Array<{ key: string; file: string }> = [];
  for (let i = 0; i < distinct; i++) {
    const file = files[i % files.length]!;
    plan.push({ key: `load/${Math.floor(i / files.length)}/${path.basename(file)}`, file });
  }
  // Repeats spread over the run: every 9th upload re-sends an earlier key with the same bytes.
  const withRepeats: Array<{ key: string; file: string }> = [];
  let repeat = 0;
  for (const [i, p] of plan.entries()) {
    withRepeats.push(p);
    if (withRepeats.length < UPLOADS && i % 9 === 8 && repeat < UPLOADS - distinct) {
      withRepeats.push(plan[(i * 7) % (i + 1)]!);
      repeat++;
    }
  }
  while (withRepeats.length < UPLOADS) withRepeats.push(plan[withRepeats.length % plan.length]!);
  return withRepeats;
};

/** How many of these transcripts have no summary view yet. */
const missingViews = async (dynamo: DynamoDBClient, table: string, ids: readonly string[]): Promise<number> => {
  const db = DynamoDBDocumentClient.from(dynamo);
  let found = 0;
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Record<string, unknown>[] = ids.slice(i, i + 100).map((id) => ({ pk: transcriptPk(id), sk: SUMMARY_SK }));
    while (keys.length) {
      const out = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ProjectionExpression: 'pk' } } }));
      found += out.Responses?.[table]?.length ?? 0;
      keys = (out.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
  }
  return ids.length - found;
};

/** Delivery items in the webhooks table, and how many are still pending. */
const deliveryCounts = async (dynamo: DynamoDBClient, table: string): Promise<{ total: number; pending: number }> => {
  const db = DynamoDBDocumentClient.from(dynamo);
  let total = 0;
  let pending = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(
      new ScanCommand({ TableName: table, ProjectionExpression: 'pk, #s', ExpressionAttributeNames: { '#s': 'status' }, ExclusiveStartKey: start }),
    );
    for (const item of out.Items ?? []) {
      if (!String(item.pk).startsWith('dlv#')) continue;
      total++;
      if (item.status === 'pending') pending++;
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return { total, pending };
};

const main = async (): Promise<void> => {
  const t0 = Date.now();
  const deadline = t0 + DEADLINE_MS;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'demarche-load-'));
  const uploadedAt = new Map<string, number>(); // key → first upload completed
  const archivedAt = new Map<string, number>(); // key → archived/rejected line
  const rejectedKeys = new Set<string>();
  const warnings: string[] = [];
  let crashed = false;

  log(`bench:load  ${UPLOADS} uploads, ${SUBSCRIBERS} subscribers, data in ${dataDir}`);
  const child = await startArchiveChild({
    dataDir,
    apiKey: API_KEY,
    timeoutMs: 120_000,
    env: {
      DEMARCHE_ALLOW_PRIVATE_WEBHOOKS: '1',
      DEMARCHE_RETRY_SCHEDULE: '1s,2s,5s,10s',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    },
    onLine: (line, at) => {
      const m = /^(archived|rejected)\s{2}(\S+)/.exec(line);
      if (m) {
        if (!archivedAt.has(m[2]!)) archivedAt.set(m[2]!, at);
        if (m[1] === 'rejected') rejectedKeys.add(m[2]!);
      } else if (/^(warning|dead)\s/.test(line) && warnings.length < 200) {
        warnings.push(line);
      }
    },
  });
  // If the bench dies, the archive goes with it (its Java follows it through the watchdog).
  process.on('exit', () => child.child.kill('SIGKILL'));
  child.child.on('exit', (code, signal) => {
    if (signal === 'SIGKILL' || (code !== 0 && code !== null)) crashed = true;
  });
  log(`archive up in ${((Date.now() - t0) / 1000).toFixed(1)} s at ${child.info.apiUrl}`);
  const javaPid = javaPidFor(child.info.dynamoEndpoint);
  const memory = memorySampler(() => ({ archive: child.child.pid, dynamodbLocal: javaPid, bench: process.pid }));

  // --- receivers and subscriptions -----------------------------------------------------------------
  const firstDelivery = new Map<string, number>(); // subscription|webhook id → first arrival
  const receivers: WebhookReceiver[] = [];
  const subscriptionOf = new Map<WebhookReceiver, string>();
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const receiver = await startWebhookReceiver({
      onRequest: (r) => {
        const sub = subscriptionOf.get(receiver);
        const k = `${sub}|${r.webhookId}`;
        if (!firstDelivery.has(k)) firstDelivery.set(k, r.at);
      },
    });
    receivers.push(receiver);
    const topics = [TOPIC_IDS[i % TOPIC_IDS.length]!];
    const events = i === 0 ? ['topic.detected', 'topic.first_seen', 'transcript.rejected'] : ['topic.detected', 'topic.first_seen'];
    const res = await fetch(`${child.info.apiUrl}/subscriptions`, {
      method: 'POST',
      headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url(`s${i}`), topics, events }),
    });
    if (res.status !== 201) throw new Error(`subscribe: ${res.status} ${await res.text()}`);
    subscriptionOf.set(receiver, String(((await res.json()) as { id: string }).id));
  }

  // --- uploads -----------------------------------------------------------------------------------------
  const s3 = localS3Client(child.info.s3Endpoint);
  const plan = planUploads();
  const bytesOf = new Map<string, Buffer>();
  const uploads: ExpectedUpload[] = [];
  const uploadStart = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < plan.length && Date.now() < deadline) {
        const { key, file } = plan[next++]!;
        let bytes = bytesOf.get(file);
        if (!bytes) bytesOf.set(file, (bytes = readFileSync(file)));
        await s3.send(new PutObjectCommand({ Bucket: child.info.bucket, Key: key, Body: bytes, ContentType: 'text/plain; charset=utf-8' }));
        if (!uploadedAt.has(key)) uploadedAt.set(key, Date.now());
        uploads.push(uploadOf(child.info.bucket, key, bytes));
      }
    }),
  );
  const uploadMs = Date.now() - uploadStart;
  log(`uploaded ${uploads.length} objects in ${(uploadMs / 1000).toFixed(1)} s (${(uploads.length / (uploadMs / 1000)).toFixed(0)}/s)`);

  // --- wait for the archive to catch up ---------------------------------------------------------------
  const distinctKeys = new Set(uploads.map((u) => u.key)).size;
  let lastProgress = Date.now();
  let lastCount = -1;
  while (archivedAt.size < distinctKeys && Date.now() < deadline && !crashed) {
    if (archivedAt.size !== lastCount) {
      lastCount = archivedAt.size;
      lastProgress = Date.now();
      log(`  ${archivedAt.size}/${distinctKeys} archived after ${((Date.now() - uploadStart) / 1000).toFixed(0)} s; ${firstDelivery.size} webhooks received`);
    }
    // Stuck for two minutes: report what we have.
    if (Date.now() - lastProgress > 120_000) break;
    await sleep(2_000);
  }
  const archivedDone = Date.now();
  const dynamo = localDynamoClient(child.info.dynamoEndpoint);
  // The projector is its own stream consumer and may trail the archived lines: wait for every view.
  const ids = [...uploadedAt.keys()].map((k) => transcriptIdFor(child.info.bucket, k));
  for (;;) {
    const missing = await missingViews(dynamo, child.info.tables.views, ids);
    if (missing === 0 || Date.now() > deadline || crashed) break;
    log(`  waiting for ${missing} views`);
    await sleep(3_000);
  }
  const viewsDone = Date.now();
  // Deliveries: as many as the log calls for (the notifier may still be creating them), none pending.
  let deliveriesSettled = false;
  if (Date.now() < deadline && !crashed) {
    const probe = await checkInvariants({ dynamo, tables: child.info.tables, uploads, requireSettled: false });
    const expected = probe.deliveries.expected;
    for (;;) {
      const counts = await deliveryCounts(dynamo, child.info.tables.webhooks);
      if (counts.total >= expected && counts.pending === 0 && (await pendingDeliveries(dynamo, child.info.tables.webhooks)) === 0) {
        deliveriesSettled = true;
        break;
      }
      if (Date.now() > deadline || crashed) break;
      log(`  deliveries: ${counts.total}/${expected} created, ${counts.pending} pending`);
      await sleep(3_000);
    }
  }
  const deliveredDone = Date.now();
  log(
    `archived in ${((archivedDone - uploadStart) / 1000).toFixed(1)} s, every view ${((viewsDone - archivedDone) / 1000).toFixed(1)} s later, deliveries settled ${((deliveredDone - viewsDone) / 1000).toFixed(1)} s after that`,
  );

  // --- invariants ----------------------------------------------------------------------------------------
  const received: ReceivedRequest[] = receivers.flatMap((r) =>
    r.received.map((x) => ({ subscriptionId: subscriptionOf.get(r)!, webhookId: x.webhookId, body: x.body, ...(x.status !== undefined ? { status: x.status } : {}) })),
  );
  // Settled: everything ingested, every view written, no delivery due. A run cut short by the
  // deadline is checked for what can never be right (gaps, duplicates, unexplained deliveries).
  const settled = deliveriesSettled && archivedAt.size === distinctKeys && (await missingViews(dynamo, child.info.tables.views, ids)) === 0;
  const report = await checkInvariants({ dynamo, tables: child.info.tables, uploads, received, requireSettled: settled });
  const mem = memory.stop();
  const stillRunning = child.child.exitCode === null && child.child.signalCode === null;
  if (!stillRunning) crashed = true;

  // --- latencies -----------------------------------------------------------------------------------------
  const keyOfTranscript = new Map([...uploadedAt.keys()].map((k) => [transcriptIdFor(child.info.bucket, k), k]));
  const archivedMs = [...archivedAt].flatMap(([key, at]) => (uploadedAt.has(key) ? [at - uploadedAt.get(key)!] : []));
  const deliveredMs: number[] = [];
  for (const r of receivers) {
    const seen = new Set<string>();
    for (const x of r.received) {
      if (seen.has(x.webhookId)) continue;
      seen.add(x.webhookId);
      try {
        const data = (JSON.parse(x.body) as { data: { transcript?: { id: string }; transcriptId?: string } }).data;
        const key = keyOfTranscript.get(data.transcript?.id ?? data.transcriptId ?? '');
        if (key) deliveredMs.push(x.at - uploadedAt.get(key)!);
      } catch {
        // Not ours.
      }
    }
  }
  const elapsedS = (archivedDone - uploadStart) / 1000;

  await child.stop();
  for (const r of receivers) await r.close();
  s3.destroy();
  dynamo.destroy();
  rmSync(dataDir, { recursive: true, force: true });

  const invariantsOk = report.ok && !crashed && settled;
  const summary = {
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version, memGiB: Math.round((await import('node:os')).totalmem() / 2 ** 30) },
    uploads: uploads.length,
    distinctKeys,
    uploadPerSecond: Math.round(uploads.length / (uploadMs / 1000)),
    archivedPerSecond: Number((archivedAt.size / elapsedS).toFixed(1)),
    viewsLagSeconds: Math.round((viewsDone - archivedDone) / 1000),
    deliveriesPerSecond: Number((firstDelivery.size / ((deliveredDone - uploadStart) / 1000)).toFixed(1)),
    archivedMs: { p50: percentile(archivedMs, 50), p95: percentile(archivedMs, 95), p99: percentile(archivedMs, 99), max: percentile(archivedMs, 100) },
    deliveredMs: { p50: percentile(deliveredMs, 50), p95: percentile(deliveredMs, 95), p99: percentile(deliveredMs, 99), max: percentile(deliveredMs, 100) },
    memoryMiB: Object.fromEntries(Object.keys(mem.peak).map((k) => [k, { peak: mib(mem.peak[k]!), end: mib(mem.last[k] ?? 0) }])),
    crashed,
    settled,
    unprocessedUploads: report.uploads.unprocessed,
    warnings: warnings.length,
    wallSeconds: Math.round((Date.now() - t0) / 1000),
  };
  log(formatInvariantReport(report));
  for (const w of warnings.slice(0, 10)) log(`  ${w}`);
  log(JSON.stringify(summary, null, 2));
  process.stdout.write(
    `${JSON.stringify({
      uploads: uploads.length,
      archived: report.uploads.archived,
      rejected: report.uploads.rejected,
      deliveries: report.deliveries.total,
      duplicates: report.duplicates,
      lost: report.lost,
      p95ArchivedMs: summary.archivedMs.p95,
      p95DeliveredMs: summary.deliveredMs.p95,
      invariantsOk,
    })}\n`,
  );
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`bench:load failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
