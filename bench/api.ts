/**
 * bench:api: an archive of BENCH_TRANSCRIPTS (default 10,000) transcripts, the corpus texts under
 * distinct keys (each text parsed once, its events and views reused under new ids), written in
 * bulk to DynamoDB Local; then autocannon with 10 and 50 connections on loopback against the API
 * for GET /topics/{topic}/mentions, GET /transcripts/{id} and GET /search (ten queries in turn, and
 * as "searchCold" a word never asked before on each request), and, at the same
 * concurrency, a raw DynamoDB Query of 25 items as the floor. Also reports the write units the
 * search index adds per transcript next to what the rest of the archive costs.
 *
 * Processes, as in the deployment: DynamoDB Local (Java) is one; the API is another (this file run
 * as `serve-api`: the local HTTP front + the API Lambda handler, configured from the environment);
 * the floor is a third (`serve-raw`: the same HTTP front, a route doing nothing but the raw Query
 * with the same SDK client, answering its item count); autocannon, the load generator, runs in
 * this (the parent) process and does nothing else while measuring. Both servers therefore pay the
 * same HTTP hop and the same process boundary, and the floor is "HTTP + one Query of 25 items".
 *
 * Knobs: BENCH_TRANSCRIPTS, BENCH_DURATION (s per measurement), BENCH_ROUTES (comma list, e.g.
 * "search"), BENCH_CONNECTIONS ("10,50"), BENCH_CPU_PROF=<dir> (V8 CPU profile of the API process).
 * Last line: {"routes": {...}, "rawQuery": {...}, "searchWcuPerTranscript", ...}.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BatchWriteItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { monotonicFactory } from 'ulid';
import type { EventData, StoredEvent } from '../lambdas/core/events';
import { sha256Hex, transcriptIdFor } from '../lambdas/core/ids';
import { segmentIdOf } from '../lambdas/core/projections/projector';
import { DEFAULT_COMPACTION, buildSegment, compactedIdOf, isIndexedTerm, mergeSegments, planCompaction, tokenize, type SearchSegment, type SegmentMeta } from '../lambdas/core/projections/search';
import { decideTopicFirstSeen } from '../lambdas/core/projections/topic-stats';
import { foldTranscript, type TranscriptView } from '../lambdas/core/projections/transcript-view';
import { transcriptEvents } from '../lambdas/core/transcript-events';
import { encodeCommits } from '../lambdas/adapters/event-commits';
import { BULK_SEGMENT_SIZE, DynamoViewStore, searchItems, transcriptItems } from '../lambdas/adapters/dynamo-views';
import { GSI1 } from '../lambdas/adapters/view-keys';
import { startHttpFront } from '../local/http-front';
import { createTables, localAwsEnv, localDynamoClient, startDynamoLocal, tableNamesFor } from '../local/services';

const N = Number(process.env.BENCH_TRANSCRIPTS ?? 10_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const KEY = 'bench-key';
const PLACEHOLDER = 'p'.repeat(24);
const CORPUS = path.resolve(__dirname, '../../shared/corpus');

const log = (...args: unknown[]) => console.error(...args);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** Approximate DynamoDB item size (attribute names + values), as billing counts it. */
const valueSize = (v: AttributeValue): number => {
  if (v.S !== undefined) return Buffer.byteLength(v.S);
  if (v.N !== undefined) return Math.ceil(v.N.replace(/^-/, '').length / 2) + 1;
  if (v.B !== undefined) return v.B.length;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS) return v.SS.reduce((n, s) => n + Buffer.byteLength(s), 0);
  if (v.L) return 3 + v.L.reduce((n, x) => n + 1 + valueSize(x), 0);
  if (v.M) return 3 + Object.entries(v.M).reduce((n, [k, x]) => n + 1 + Buffer.byteLength(k) + valueSize(x), 0);
  return 0;
};
const itemSize = (item: Record<string, AttributeValue>): number =>
  Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k) + valueSize(v), 0);
/** Write units of a put: 1 per KB, once for the table and once per index the item appears in. */
const putUnits = (item: Record<string, AttributeValue>, indexKeys: string[][]): number => {
  const units = Math.ceil(itemSize(item) / 1024);
  return units * (1 + indexKeys.filter((keys) => keys.every((k) => item[k] !== undefined)).length);
};

const corpusFiles = (): string[] =>
  readdirSync(CORPUS).flatMap((dir) => {
    const texts = path.join(CORPUS, dir, 'texts');
    try {
      return readdirSync(texts).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(texts, f));
    } catch {
      return [];
    }
  });

interface Base {
  readonly file: string;
  readonly eventsJson: string;
  readonly view: TranscriptView;
  readonly events: number;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Transcripts run through the simulated live path (one per projector batch, compaction on). */
const LIVE_SAMPLE = Number(process.env.BENCH_LIVE_SAMPLE ?? 1_000);

/**
 * The write units of indexing `views` as the live projector does: one segment per batch of
 * `batch`, its manifest entry, then compaction (DEFAULT_COMPACTION, at most two merges per batch):
 * merged segments written, manifest swaps, and every key of each retired input deleted.
 */
const simulateLiveIndexing = (views: readonly TranscriptView[], batch: number, segmentUnits: (s: SearchSegment) => number) => {
  const stored = new Map<string, SearchSegment>();
  let live: SegmentMeta[] = [];
  let units = 0;
  let merges = 0;
  const manifestUnits = () => Math.max(1, Math.ceil((live.length * 48) / 1024));
  const add = (seg: SearchSegment) => {
    stored.set(seg.id, seg);
    live.push({ id: seg.id, level: seg.level, docs: seg.docs, postings: seg.postings });
    units += segmentUnits(seg) + manifestUnits();
  };
  for (let i = 0; i < views.length; i += batch) {
    const chunk = views.slice(i, i + batch);
    add(buildSegment(segmentIdOf(chunk), chunk));
    for (let round = 0; round < 2; round++) {
      const inputs = planCompaction(live, DEFAULT_COMPACTION);
      if (inputs.length === 0) break;
      const merged = mergeSegments(compactedIdOf(inputs), inputs.map((s) => [...stored.get(s.id)!.buckets.values()]));
      const gone = new Set(inputs.map((s) => s.id));
      live = live.filter((s) => !gone.has(s.id));
      for (const id of gone) stored.delete(id);
      add(merged);
      // Deleting the inputs later: one unit per key of each, and one manifest update each.
      units += inputs.reduce((n, s) => n + s.level + manifestUnits(), 0);
      merges++;
    }
  }
  return { units, merges, segments: live.length };
};

interface Server {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** CPU time (ms, user + system) a process (or, with `mainThread`, its main thread) has used so far, from /proc (0 where there is none). */
const cpuMsOf = (pid: number | undefined, mainThread = false): number => {
  if (!pid) return 0;
  try {
    const fields = readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the command), in clock ticks (100/s).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
};

/** Resident memory of a process (MiB), or undefined when it is gone. */
const rssMiBOf = (pid: number | undefined): number | undefined => {
  if (!pid) return undefined;
  try {
    const kb = /VmRSS:\s+(\d+)/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? round(Number(kb) / 1024) : undefined;
  } catch {
    return undefined;
  }
};

/** Garbage collections of a JVM so far (jstat, when the JDK has it): young and full counts and their total pause ms. */
const jvmGcOf = (pid: number | undefined): { young: number; full: number; ms: number } | undefined => {
  if (!pid) return undefined;
  try {
    const [head, row] = execFileSync('jstat', ['-gc', String(pid)], { encoding: 'utf8', timeout: 5_000 }).trim().split('\n');
    const cols = head!.trim().split(/\s+/);
    const vals = row!.trim().split(/\s+/);
    const at = (name: string) => Number(vals[cols.indexOf(name)]);
    return { young: at('YGC'), full: at('FGC'), ms: at('GCT') * 1000 };
  } catch {
    return undefined;
  }
};

/** The Java process of DynamoDB Local (a child of the watchdog shell `startDynamoLocal` spawns). */
const javaPidOf = (watchdogPid: number): number | undefined => {
  try {
    const children = readFileSync(`/proc/${watchdogPid}/task/${watchdogPid}/children`, 'utf8').trim().split(/\s+/).map(Number);
    return children.find((c) => readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('DynamoDBLocal.jar'));
  } catch {
    return undefined;
  }
};

/** Runs this file as a server role in a child process; resolves with the URL it prints once listening. */
const spawnServer = (role: 'serve-api' | 'serve-raw', env: Record<string, string>, cpuProfDir?: string): Promise<Server> =>
  new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', '--expose-gc', ...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []), __filename, role];
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.once('exit', (code) => reject(new Error(`${role} exited (${code}) before listening`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith('listening '));
      if (!line) return;
      child.removeAllListeners('exit');
      resolve({
        url: line.slice('listening '.length).trim(),
        pid: child.pid!,
        // Closing stdin asks the child to exit cleanly (so --cpu-prof writes its profile).
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => (clearTimeout(timer), done()));
            child.stdin!.end();
          }),
      });
    });
  });

/** A server role: the API (HTTP front + the Lambda handler) or the floor (HTTP front + the raw Query). */
const serve = async (role: string) => {
  const [{ startHttpFront }, { documentClient }] = await Promise.all([import('../local/http-front'), import('../lambdas/adapters/aws-clients')]);
  let handler: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
  if (role === 'serve-api') {
    handler = (await import('../lambdas/api/handler')).handler;
  } else {
    const doc = documentClient();
    const table = process.env.VIEWS_TABLE!;
    const topic = process.env.BENCH_TOPIC!;
    handler = async () => {
      const out = await doc.send(
        new QueryCommand({
          TableName: table,
          IndexName: GSI1,
          KeyConditionExpression: 'gsi1pk = :p',
          ExpressionAttributeValues: { ':p': `TOPIC#${topic}` },
          ScanIndexForward: false,
          Limit: 25,
        }),
      );
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: out.Items?.length ?? 0 }) };
    };
  }
  const front = await startHttpFront({ port: 0, handler });
  process.stdin.resume();
  process.stdin.on('end', () =>
    void front.close().then(() => {
      // What the process still holds once garbage is gone (its caches), next to its resident size.
      (globalThis as { gc?: () => void }).gc?.();
      const m = process.memoryUsage();
      console.error(`${role} at exit: heap ${round(m.heapUsed / 2 ** 20)} MiB in use after a full GC, resident ${round(m.rss / 2 ** 20)} MiB`);
      process.exit(0);
    }),
  );
  console.log(`listening ${front.url}`);
};

/** Processes whose CPU time per request the bench reports next to each measurement. */
let cpuWatch: Record<string, () => number | undefined> = {};

/**
 * Waits until DynamoDB Local and the servers are idle (under 5% of a core over 300 ms, at most 10 s):
 * when a measurement ends, autocannon drops its requests in flight, but the API still finishes
 * them (a slow route's leftovers would otherwise land in the next route's measurement).
 */
const settle = async (): Promise<void> => {
  const deadline = performance.now() + 10_000;
  while (performance.now() < deadline) {
    const pids = Object.values(cpuWatch).map((pid) => pid());
    const busy = () => pids.reduce<number>((n, pid) => n + cpuMsOf(pid), 0);
    const before = busy();
    await new Promise((r) => setTimeout(r, 300));
    if (busy() - before < 15) return;
  }
};

const cannon = async (url: string, paths: () => string, connections: number, seconds: number) => {
  const { default: autocannon } = await import('autocannon');
  const before = Object.fromEntries(Object.entries(cpuWatch).map(([k, pid]) => [k, [cpuMsOf(pid()), cpuMsOf(pid(), true)] as const]));
  const selfBefore = process.cpuUsage();
  const gcBefore = jvmGcOf(cpuWatch.dynamo?.());
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: { 'x-api-key': KEY },
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths() }) }],
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) log(`  ! ${bad} failed requests (non2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`);
  // CPU per request of each process (where the time goes): DynamoDB Local, the server, the load generator.
  const self = process.cpuUsage(selfBefore);
  const n = Math.max(1, result.requests.total);
  // A Node server's main thread bounds its throughput (its GC and other threads may run alongside).
  const cpu = Object.entries(cpuWatch).map(([k, pid]) => {
    const total = round((cpuMsOf(pid()) - before[k]![0]) / n, 2);
    return k === 'dynamo' ? `${k} ${total}` : `${k} ${total} (main thread ${round((cpuMsOf(pid(), true) - before[k]![1]) / n, 2)})`;
  });
  log(`  CPU ms per request: ${[...cpu, `loadgen ${round((self.user + self.system) / 1000 / n, 2)}`].join(', ')} (${result.requests.total} requests)`);
  const rss = Object.entries(cpuWatch).flatMap(([k, pid]) => (k === 'dynamo' ? [] : [`${k} ${rssMiBOf(pid()) ?? '?'} MiB`]));
  log(`  resident memory after: ${rss.join(', ')}`);
  const gcAfter = jvmGcOf(cpuWatch.dynamo?.());
  if (gcBefore && gcAfter) {
    log(`  DynamoDB Local GC: ${gcAfter.young - gcBefore.young} young, ${gcAfter.full - gcBefore.full} full, ${round(gcAfter.ms - gcBefore.ms)} ms paused`);
  }
  return { p50Ms: result.latency.p50, p99Ms: result.latency.p99, rps: round(result.requests.average), failed: bad };
};

const main = async () => {
  const started = performance.now();
  // BENCH_DB_DIR keeps the loaded archive on disk and reuses it (for iterating on the read side;
  // the reported figures come from the default, in-memory database).
  const dbDir = process.env.BENCH_DB_DIR;
  const marker = dbDir ? path.join(dbDir, `loaded-${N}`) : undefined;
  const reuse = marker !== undefined && existsSync(marker);
  if (dbDir) mkdirSync(dbDir, { recursive: true });
  const dynamo = await startDynamoLocal(dbDir ? { dbPath: dbDir } : {});
  const client: DynamoDBClient = localDynamoClient(dynamo.endpoint);
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } });
  const tables = tableNamesFor('bench');
  await createTables(client, tables);
  try {
    // 1. Parse every corpus text once.
    const files = corpusFiles();
    const t0 = performance.now();
    const bases: Base[] = files.map((file) => {
      const bytes = readFileSync(file);
      const events = transcriptEvents({
        transcriptId: PLACEHOLDER,
        revision: 1,
        source: { bucket: 'bench', key: path.basename(file), etag: 'e1' },
        sha256: sha256Hex(bytes),
        bytes,
        metadata: {},
        receivedAtMs: Date.UTC(2026, 10, 1),
        startVersion: 1,
      });
      return { file, eventsJson: JSON.stringify(events), view: foldTranscript(PLACEHOLDER, events), events: events.length };
    });
    log(`parsed ${bases.length} texts in ${round((performance.now() - t0) / 1000)} s`);

    const copies = Array.from({ length: N }, (_, i) => {
      const base = bases[i % bases.length]!;
      return { base, id: transcriptIdFor('bench', `copy-${i}/${path.basename(base.file)}`) };
    });

    // 2. Events: commit items written in bulk, chunk by chunk (BatchWriteItem, 8 in flight).
    const t1 = performance.now();
    const newCommitId = monotonicFactory();
    let eventUnits = 0;
    let eventCount = 0;
    for (let c = 0; c < copies.length; c += 400) {
      const items = copies.slice(c, c + 400).flatMap(({ base, id }) => {
        const events = JSON.parse(base.eventsJson.replaceAll(PLACEHOLDER, id)) as StoredEvent[];
        eventCount += events.length;
        return encodeCommits(events, { newCommitId: () => newCommitId(), committedAtMs: Date.now() }).map((e) => e.item);
      });
      eventUnits += items.reduce((n, item) => n + putUnits(item, [['tpk', 'tsk']]), 0);
      if (reuse) continue;
      const batches: Record<string, AttributeValue>[][] = [];
      for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < batches.length) {
            let pending: unknown[] | undefined = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
            while (pending && pending.length) {
              const res: { UnprocessedItems?: Record<string, unknown[]> } = await client.send(
                new BatchWriteItemCommand({ RequestItems: { [tables.events]: pending as never } }),
              );
              pending = res.UnprocessedItems?.[tables.events];
            }
          }
        }),
      );
    }
    log(`wrote ${eventCount} events of ${N} transcripts in ${round((performance.now() - t1) / 1000)} s`);

    // 3. Views, bulk-loaded (summaries, details, mentions, counters, search segments).
    const t2 = performance.now();
    const views = copies.map(({ base, id }) => ({ ...base.view, id }));
    const known = new Set<string>();
    const firstSeen: { data: EventData<'TopicFirstSeen'>; at: string }[] = [];
    for (const v of views) for (const data of decideTopicFirstSeen(v, known)) (known.add(data.topic), firstSeen.push({ data, at: new Date().toISOString() }));
    const store = new DynamoViewStore(doc, tables.views, { writeConcurrency: 8 });
    const loaded = reuse ? { writeUnits: 0 } : await store.bulkLoad(views, firstSeen);
    if (marker && !reuse) writeFileSync(marker, new Date().toISOString());
    log(`bulk-loaded views in ${round((performance.now() - t2) / 1000)} s (consumed WCU reported by DynamoDB Local: ${loaded.writeUnits})`);

    // 4. Write units per transcript, from the items themselves (DynamoDB's billing rule): views
    // of one copy of every corpus text, search as bulk segments of BULK_SEGMENT_SIZE transcripts.
    const marshalled = (item: Record<string, unknown>) => marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: true });
    let viewUnits = 0;
    for (const base of bases) {
      const { summary, others } = transcriptItems({ ...base.view, id: transcriptIdFor('bench', base.file) });
      for (const item of [summary, ...others]) viewUnits += putUnits(marshalled(item), [['gsi1pk', 'gsi1sk']]);
    }
    const listed = views.filter((v) => v.revision > 0);
    const sampleChunk = listed.slice(0, Math.min(BULK_SEGMENT_SIZE, listed.length));
    const sampleItems = searchItems(buildSegment(segmentIdOf(sampleChunk), sampleChunk));
    const searchUnits = sampleItems.reduce((n, item) => n + putUnits(marshalled(item), []), 0);
    // A single transcript indexed alone (a projector batch of one): the worst case.
    const lone = searchItems(buildSegment('lone', [listed[0]!])).reduce((n, item) => n + putUnits(marshalled(item), []), 0);
    // The live path: the projector indexes each batch as its own segment and compacts.
    const t3 = performance.now();
    const liveSample = listed.slice(0, Math.min(LIVE_SAMPLE, listed.length));
    const live = liveSample.length === 0 ? { units: 0, merges: 0, segments: 0 } : simulateLiveIndexing(liveSample, 1, (seg) => searchItems(seg).reduce((n, item) => n + putUnits(marshalled(item), []), 0));
    const wcu = {
      events: round(eventUnits / N),
      views: round(viewUnits / bases.length),
      search: round(searchUnits / sampleChunk.length, 2),
      searchSingleTranscript: lone,
      searchLive: liveSample.length ? round(live.units / liveSample.length, 2) : 0,
    };
    log(`write units per transcript: events ${wcu.events}, views without search ${wcu.views}, search ${wcu.search} (${sampleItems.length} bucket items per segment of ${sampleChunk.length}; one transcript alone: ${lone})`);
    log(`live indexing of ${liveSample.length} transcripts one per batch, with compaction: ${wcu.searchLive} WCU per transcript (${live.merges} merges, ${live.segments} live segments left; simulated in ${round((performance.now() - t3) / 1000)} s)`);

    const routes: Record<string, { p50Ms: number; p99Ms: number; rps: number; p99Ms50: number; rps50: number }> = {};
    const rawQuery = { p99Ms: 0, p99Ms50: 0, p50Ms: 0, p50Ms50: 0 };
    // 5. The API and the floor, each in its own process (see the header comment).
    const counters = await store.topicCounters();
    const topic = [...counters].sort((x, y) => y.transcripts - x.transcripts)[0]!.topic;
    const env = {
      ...localAwsEnv({ dynamoEndpoint: dynamo.endpoint, s3Endpoint: 'http://127.0.0.1:9', tables, bucket: 'bench' }),
      DEMARCHE_API_KEY: KEY,
      DEMARCHE_CURSOR_SECRET: 'bench',
      BENCH_TOPIC: topic,
    };
    const apiServer = await spawnServer('serve-api', env, process.env.BENCH_CPU_PROF);
    const rawServer = await spawnServer('serve-raw', env);
    const javaPid = javaPidOf(dynamo.pid);
    cpuWatch = { dynamo: () => javaPid, api: () => apiServer.pid, raw: () => rawServer.pid };
    try {
      const ids = copies.filter((c) => c.base.view.revision > 0).map((c) => c.id);
      const queries = ['sanctions', 'human rights', '"rule of law"', 'climate crisis', 'election', 'vaccines', '"civil society"', 'trade investment', 'ukraine', 'refugees'];
      // searchCold: each request a word not asked before (spread over the corpus vocabulary), so
      // the API's caches (postings, candidates, statements) do not help: what a new search costs.
      const vocabulary = coldQueries(bases.map((b) => b.view));
      log(`searchCold vocabulary: ${vocabulary.length} words (each asked once until all have been)`);
      let qi = 0;
      let ci = 0;
      let ti = 0;
      const allPaths: Record<string, () => string> = {
        mentions: () => `/topics/${topic}/mentions`,
        transcript: () => `/transcripts/${ids[(ti = (ti * 7919 + 13) % ids.length)]}`,
        search: () => `/search?q=${encodeURIComponent(queries[qi++ % queries.length]!)}`,
        searchCold: () => `/search?q=${encodeURIComponent(vocabulary[ci++ % vocabulary.length]!)}`,
      };
      const only = process.env.BENCH_ROUTES?.split(',');
      const paths = Object.fromEntries(Object.entries(allPaths).filter(([k]) => !only || only.includes(k)));
      for (const p of Object.values(allPaths)) for (let i = 0; i < 20; i++) await fetch(`${apiServer.url}${p()}`, { headers: { 'x-api-key': KEY } });
      for (let i = 0; i < 20; i++) await fetch(`${rawServer.url}/raw`);
      const sample = (await (await fetch(`${apiServer.url}/search?q=${encodeURIComponent('"rule of law"')}`, { headers: { 'x-api-key': KEY } })).json()) as { items: unknown[] };
      log(`mentions of ${topic}; search sample hits for "rule of law": ${sample.items.length}`);
      // One client, one request at a time: each route's own latency, without queueing.
      const sequential = async (url: string, p: () => string, headers: Record<string, string>) => {
        const times: number[] = [];
        for (let i = 0; i < 60; i++) {
          const t = performance.now();
          await (await fetch(`${url}${p()}`, { headers })).arrayBuffer();
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        return `p50 ${round(times[30]!)} ms, p90 ${round(times[54]!)} ms`;
      };
      for (const [name, p] of Object.entries(paths)) log(`${name} @1: ${await sequential(apiServer.url, p, { 'x-api-key': KEY })}`);
      log(`raw Query @1: ${await sequential(rawServer.url, () => '/raw', {})}`);

      for (const connections of (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number)) {
        for (const [name, p] of Object.entries(paths)) {
          await settle();
          const r = await cannon(apiServer.url, p, connections, DURATION);
          log(`${name} @${connections}: p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ${r.rps} req/s`);
          const entry = (routes[name] ??= { p50Ms: 0, p99Ms: 0, rps: 0, p99Ms50: 0, rps50: 0 });
          if (connections === 10) Object.assign(entry, { p50Ms: r.p50Ms, p99Ms: r.p99Ms, rps: r.rps });
          else Object.assign(entry, { p99Ms50: r.p99Ms, rps50: r.rps });
        }
        await settle();
        const raw = await cannon(rawServer.url, () => '/raw', connections, DURATION);
        log(`raw Query @${connections}: p50 ${raw.p50Ms} ms, p99 ${raw.p99Ms} ms, ${raw.rps} req/s`);
        if (connections === 10) Object.assign(rawQuery, { p99Ms: raw.p99Ms, p50Ms: raw.p50Ms });
        else Object.assign(rawQuery, { p99Ms50: raw.p99Ms, p50Ms50: raw.p50Ms });
      }
    } finally {
      await apiServer.stop();
      await rawServer.stop();
    }
    const summary = {
      routes: Object.fromEntries(Object.entries(routes).map(([k, v]) => [k, { p50Ms: v.p50Ms, p99Ms: v.p99Ms, rps: v.rps, p99Ms50: v.p99Ms50 }])),
      rawQuery: { p99Ms: rawQuery.p99Ms, p99Ms50: rawQuery.p99Ms50 },
      searchWcuPerTranscript: wcu.search,
      searchWcuPerTranscriptLive: wcu.searchLive,
      restWcuPerTranscript: round(wcu.events + wcu.views),
      transcripts: N,
      runSeconds: round((performance.now() - started) / 1000),
      loadAvg1m: round(loadavg()[0]!, 2),
    };
    console.log(JSON.stringify(summary));
  } finally {
    client.destroy();
    await dynamo.stop();
  }
};

/**
 * Words for searchCold, in a shuffled but fixed order: indexed words of six letters or more that
 * are no number, every one in a handful of the corpus texts at least (so a page has hits).
 */
const coldQueries = (views: readonly TranscriptView[]): string[] => {
  const texts = new Map<string, number>();
  for (const view of views) {
    const words = new Set<string>();
    for (const s of view.statements) for (const t of tokenize(s.text)) if (t.length >= 6 && isIndexedTerm(t) && !/\d/u.test(t)) words.add(t);
    for (const w of words) texts.set(w, (texts.get(w) ?? 0) + 1);
  }
  const words = [...texts].filter(([, n]) => n >= 3).map(([w]) => w).sort();
  // A fixed permutation (multiplicative stride coprime with the length).
  let stride = 7919;
  while (words.length > 0 && gcd(stride, words.length) !== 1) stride++;
  return words.map((_, i) => words[(i * stride) % words.length]!);
};
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

const role = process.argv[2];
(role?.startsWith('serve-') ? serve(role) : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
