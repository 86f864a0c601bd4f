/**
 * bench:webhooks — webhook fan-out on the local stack, end to end: DynamoDB Local, BENCH_SUBSCRIPTIONS
 * (default 100) subscriptions on one topic, BENCH_TRANSCRIPTS (default 50) transcripts mentioning it
 * appended through the DynamoDB event store one every BENCH_APPEND_INTERVAL_MS (default 400 ms: 250 deliveries/s offered), the
 * events table's stream read by the local stream poller and fed to the real notifier handler (which
 * makes each first attempt), the deliverer's sweep running for retries, and a keep-alive HTTP
 * receiver on 127.0.0.1 that checks every signature.
 *
 * Measures deliveries/s (unique deliveries over the time from the first append to the last receipt)
 * and the latency from each transcript's append (its commit acknowledged) to each receipt; counts
 * duplicates (same webhook-id received twice) and lost deliveries (expected, never received).
 * The last line printed is one JSON object.
 */
import http from 'node:http';
import { loadavg } from 'node:os';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { transcriptStream, type PendingEvent } from '../lambdas/core/events';
import { toEnvelopes } from '../lambdas/core/transcript-events';
import { DynamoEventStore } from '../lambdas/adapters/dynamo-event-store';
import { createTables, localAwsEnv, localDynamoClient, startDynamoLocal, tableNamesFor } from '../local/services';
import { FUNCTIONS } from '../lambdas/adapters/wiring';
import { startStreamPoller } from '../local/stream-poller';

const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 100);
const TRANSCRIPTS = Number(process.env.BENCH_TRANSCRIPTS ?? 50);
const APPEND_INTERVAL_MS = Number(process.env.BENCH_APPEND_INTERVAL_MS ?? 400);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
/**
 * The local runtime's cadence (local/runtime/archive-runtime.ts): the stream read every 50 ms when
 * idle, the deliverer every 500 ms. Each empty GetRecords or due-index sweep costs DynamoDB Local
 * CPU (measured ≈ 3 ms per GetRecords, ≈ 4 × 3.6 ms per sweep), which the deliveries then lack.
 */
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 50);
const SWEEP_MS = Number(process.env.BENCH_SWEEP_MS ?? 500);
/** Batches of the stream handled at once, as the notifier's mapping is configured (lambdas/adapters/wiring.ts). */
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? FUNCTIONS.notifier.source.parallelization ?? 1);
const TOPIC = 'sanctions';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** The events of one parsed transcript: 30 statements, the bench topic and two others. */
const transcriptEvents = (id: string, atMs: number) => {
  const source = { bucket: 'bench', key: `${id}.txt`, etag: id };
  const statements = Array.from({ length: 30 }, (_, i) => `Statement ${i + 1} of ${id}: the delegation discussed the matter at length.`);
  const pending: PendingEvent[] = [
    { type: 'TranscriptReceived', data: { transcriptId: id, revision: 1, source, sha256: id, bytes: 4000, metadata: {} } },
    {
      type: 'TranscriptParsed',
      data: { transcriptId: id, revision: 1, title: `Briefing ${id}`, date: '2026-11-20', speakers: [], statementCount: 30, wordCount: 300, language: 'en' },
    },
    ...statements.map(
      (text, i): PendingEvent => ({ type: 'StatementRecorded', data: { transcriptId: id, revision: 1, seq: i + 1, text, span: [0, text.length] } }),
    ),
    ...[TOPIC, 'human-rights', 'energy'].map(
      (topic, i): PendingEvent => ({
        type: 'TopicDetected',
        data: { transcriptId: id, revision: 1, topic, score: 2, statementSeqs: [i + 1], evidence: [{ seq: i + 1, text: statements[i]! }] },
      }),
    ),
  ];
  return toEnvelopes(transcriptStream(id), 1, pending, atMs);
};

const main = async (): Promise<void> => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dynamo = await startDynamoLocal();
  const stops: (() => Promise<void> | void)[] = [() => dynamo.stop()];
  try {
    const client = localDynamoClient(dynamo.endpoint);
    const tables = tableNamesFor(`bw${Date.now().toString(36)}`);
    await createTables(client, tables);
    Object.assign(process.env, localAwsEnv({ dynamoEndpoint: dynamo.endpoint, s3Endpoint: 'http://127.0.0.1:9', tables, bucket: 'unused' }), {
      DEMARCHE_ALLOW_PRIVATE_WEBHOOKS: '1',
      DEMARCHE_RETRY_SCHEDULE: '1s,2s,5s',
    });
    // Imported after the environment is set: the handlers read it on first use.
    const { webhookRuntime, resetWebhookRuntime } = await import('../lambdas/adapters/webhook-runtime');
    const { handler: notifier } = await import('../lambdas/notifier/handler');
    const { runDueDeliveries } = await import('../lambdas/deliverer/handler');
    stops.push(() => resetWebhookRuntime());
    const phases = process.env.BENCH_PHASES === '1' ? await import('./webhooks-phases') : undefined;
    phases?.instrumentDynamo((await import('../lambdas/adapters/aws-clients')).dynamoClient());
    phases?.watchJava(dynamo.pid);

    // The receiver: verifies every signature, notes when each webhook-id arrived.
    const secrets = new Map<string, Webhook>();
    const received = new Map<string, number>();
    const transcriptOf = new Map<string, string>();
    const warmedUp = new Set<string>();
    let duplicates = 0;
    let badSignatures = 0;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const at = Date.now();
        const body = Buffer.concat(chunks).toString('utf8');
        const id = String(req.headers['webhook-id']);
        const sub = (req.url ?? '').split('/')[2] ?? '';
        try {
          secrets.get(sub)!.verify(body, req.headers as Record<string, string>);
        } catch {
          badSignatures++;
        }
        if (received.has(id) || warmedUp.has(id)) duplicates++;
        else {
          received.set(id, at);
          transcriptOf.set(id, (JSON.parse(body) as { data: { transcript: { id: string } } }).data.transcript.id);
        }
        res.writeHead(200).end();
      });
    });
    server.keepAliveTimeout = 30_000;
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    stops.push(() => {
      server.closeAllConnections();
      server.close();
    });
    const port = (server.address() as AddressInfo).port;

    const { service } = webhookRuntime();
    phases?.instrumentRuntime(webhookRuntime());
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const key = `s${i}`;
      const { subscription, secret } = await service.createSubscription({ url: `http://127.0.0.1:${port}/s/${key}`, topics: [TOPIC] });
      secrets.set(key, new Webhook(secret));
      void subscription;
    }

    const poller = await startStreamPoller({ dynamo: client, tableName: tables.events, onBatch: phases ? phases.timedBatch(notifier) : notifier, intervalMs: POLL_MS, parallelization: PARALLEL });
    stops.push(() => poller.stop());
    let sweeping = true;
    const sweeper = (async () => {
      while (sweeping) {
        await runDueDeliveries().catch(() => undefined);
        await sleep(SWEEP_MS);
      }
    })();
    stops.push(async () => {
      sweeping = false;
      await sweeper;
    });

    const store = new DynamoEventStore({ client, tableName: tables.events });
    const appendedAt = new Map<string, number>();
    /** Appends `count` transcripts at the bench's pace and waits until every delivery arrived (or none came for 30 s). */
    const run = async (prefix: string, count: number): Promise<number> => {
      const start = Date.now();
      const before = received.size;
      for (let i = 0; i < count; i++) {
        const id = `${prefix}-${i.toString().padStart(3, '0')}`;
        const due = start + i * APPEND_INTERVAL_MS;
        if (Date.now() < due) await sleep(due - Date.now());
        await store.append(transcriptStream(id), 0, transcriptEvents(id, Date.now()));
        appendedAt.set(id, Date.now());
      }
      // Wait while deliveries keep arriving: what has not come after 30 s without progress is lost.
      let seen = received.size;
      let lastProgress = Date.now();
      while (received.size - before < SUBSCRIPTIONS * count && Date.now() - lastProgress < 30_000) {
        await sleep(50);
        if (received.size !== seen) [seen, lastProgress] = [received.size, Date.now()];
      }
      return start;
    };
    // Warm-up (not measured): a freshly started DynamoDB Local (a JVM) and Node run their first
    // seconds interpreted, several times slower than afterwards; production has no such phase.
    if (WARMUP > 0) {
      await run('warmup', WARMUP);
      for (const id of [...received.keys()]) {
        warmedUp.add(id);
        received.delete(id);
      }
      phases?.reset();
    }
    const expected = SUBSCRIPTIONS * TRANSCRIPTS;
    const start = await run('bench', TRANSCRIPTS);
    await sleep(1_000); // late duplicates, if any, would arrive now

    const latencies = [...received.entries()].map(([id, at]) => at - appendedAt.get(transcriptOf.get(id)!)!).sort((a, b) => a - b);
    const last = Math.max(...received.values());
    const result = {
      deliveriesPerSec: Math.round((received.size / ((last - start) / 1000)) * 10) / 10,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      p99Ms: percentile(latencies, 99),
      deliveries: received.size,
      duplicates,
      lost: expected - received.size,
    };
    console.log(
      `${SUBSCRIPTIONS} subscriptions × ${TRANSCRIPTS} transcripts (one appended every ${APPEND_INTERVAL_MS} ms, after ${WARMUP} not measured) = ${expected} deliveries expected; ` +
        `${received.size} received in ${((last - start) / 1000).toFixed(1)} s, ${badSignatures} bad signatures; ` +
        `machine load average ${loadavg()[0]!.toFixed(1)} (DynamoDB Local's write speed follows it)`,
    );
    phases?.report(appendedAt, received, transcriptOf);
    console.log(JSON.stringify(result));
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
