/**
 * `npm start`: the whole archive on this machine. Starts DynamoDB Local and s3rver with their data
 * in DEMARCHE_DATA_DIR, creates the tables and bucket if missing, feeds the handlers of wiring.ts
 * the events AWS would (local/runtime), serves the API on 127.0.0.1:PORT, archives the demo
 * transcripts on first start, and shuts everything down on Ctrl-C (SIGINT) or SIGTERM.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  createBucket,
  createTables,
  freePort,
  LOCAL_REGION,
  localAwsEnv,
  localDynamoClient,
  localS3Client,
  startDynamoLocal,
  startS3,
  tableNamesFor,
} from './services';
import { missingFunctionReporter, startArchiveRuntime } from './runtime/archive-runtime';
import {
  clearDynamoPid,
  clearRuntimeInfo,
  dataDirFromEnv,
  dataDirLayout,
  LOCAL_BUCKET,
  LOCAL_TABLE_PREFIX,
  prepareDataDir,
  recordDynamoPid,
  resolveApiKey,
  stopStaleDynamo,
  writeRuntimeInfo,
} from './runtime/data-dir';
import { loadFunctions, REPO_ROOT } from './runtime/functions';

/** Where the demo transcripts are. */
export const DEMO_DIR = path.join(REPO_ROOT, 'fixtures', 'transcripts');

const print = (line: string) => process.stdout.write(`${line}\n`);
const traceStart = Date.now();
/** Start-up phases on stderr with DEMARCHE_TRACE_STARTUP=1 (for finding where start-up time goes). */
const trace = (phase: string) => {
  if (process.env.DEMARCHE_TRACE_STARTUP === '1') process.stderr.write(`[startup +${Date.now() - traceStart} ms] ${phase}\n`);
};

/** Uploads the demo transcripts (first start only); their notifications flow like any upload. */
const archiveDemo = async (s3: S3Client, bucket: string, marker: string): Promise<void> => {
  if (existsSync(marker) || process.env.DEMARCHE_DEMO === '0' || !existsSync(DEMO_DIR)) return;
  const files = readdirSync(DEMO_DIR).filter((f) => f.endsWith('.txt')).sort();
  for (const file of files) {
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: `demo/${file}`, Body: readFileSync(path.join(DEMO_DIR, file)), ContentType: 'text/plain; charset=utf-8' }),
    );
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`);
};

/** Runs the local archive until a signal stops it. */
export const main = async (): Promise<void> => {
  const t0 = Date.now();
  trace('main() entered');
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const port = Number(process.env.PORT || 3000);
  const layout = dataDirLayout(dataDirFromEnv());
  prepareDataDir(layout);
  if (await stopStaleDynamo(layout)) print('stopped a DynamoDB Local left over from a killed run');
  const apiKey = resolveApiKey(layout);

  // Ports first, so the handlers' environment is known before anything starts; then DynamoDB Local
  // (the slow part: a JVM) boots while s3rver starts and the handler modules load.
  const [dynamoPort, s3Port] = await Promise.all([freePort(), freePort()]);
  const tables = tableNamesFor(LOCAL_TABLE_PREFIX);
  const dynamoEndpoint = `http://127.0.0.1:${dynamoPort}`;
  const s3Endpoint = `http://127.0.0.1:${s3Port}`;
  Object.assign(process.env, localAwsEnv({ dynamoEndpoint, s3Endpoint, tables, bucket: LOCAL_BUCKET }));
  // startDynamoLocal runs a client-compiler JVM (about half the start-up time; plenty locally).
  const dynamoStarting = startDynamoLocal({ port: dynamoPort, dbPath: layout.dynamodb });
  trace('DynamoDB Local spawned; loading handlers');
  const functions = loadFunctions(missingFunctionReporter(print));
  void functions.then(() => trace('handlers loaded'));
  const [dynamo, s3] = await Promise.all([dynamoStarting, startS3({ port: s3Port, directory: layout.s3 })]);
  trace('DynamoDB Local and s3rver answer');
  recordDynamoPid(layout, dynamo.pid);

  let stopping: Promise<void> | undefined;
  let runtime: Awaited<ReturnType<typeof startArchiveRuntime>> | undefined;
  const shutdown = (code: number) => {
    stopping ??= (async () => {
      await runtime?.stop();
      await s3.stop().catch(() => undefined);
      await dynamo.stop();
      clearDynamoPid(layout);
      clearRuntimeInfo(layout);
      process.exit(code);
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) {
        print('forced exit');
        process.exit(130);
      }
      print(`\n${signal}: stopping…`);
      void shutdown(0);
    });
  }

  try {
    const dynamoClient = localDynamoClient(dynamo.endpoint);
    const s3Client = localS3Client(s3.endpoint);
    await Promise.all([createTables(dynamoClient, tables), createBucket(s3Client, LOCAL_BUCKET)]);
    trace('tables and bucket ready');

    runtime = await startArchiveRuntime({
      dataDir: layout.root,
      dynamo: dynamoClient,
      s3: s3Client,
      region: LOCAL_REGION,
      tables,
      bucket: LOCAL_BUCKET,
      s3Events: s3.server,
      port,
      apiKey,
      print,
      functions,
      visibilityTimeoutMs: Number(process.env.DEMARCHE_VISIBILITY_TIMEOUT_MS || 5_000),
      scheduleIntervalMs: Number(process.env.DEMARCHE_SCHEDULE_INTERVAL_MS || 500),
    });
    trace('runtime started (API listening)');
    writeRuntimeInfo(layout, {
      pid: process.pid,
      apiUrl: runtime.apiUrl,
      dynamoEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      region: LOCAL_REGION,
      bucket: LOCAL_BUCKET,
      tables,
      startedAt: new Date().toISOString(),
    });

    print('');
    print(`demarche is running (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    print(`  API      ${runtime.apiUrl}`);
    print(`  API key  ${apiKey}`);
    print(`  data     ${layout.root}`);
    print('');
    print('Try, in another terminal:');
    print('  npx demarche upload path/to/transcripts/          # files or folders; --title/--date/--url/--speaker');
    print('  npx demarche subscribe --topic sanctions --url https://example.org/hooks');
    print('  npx demarche query mentions sanctions             # also: transcripts, topics, search, transcript ID');
    print('');
    print('Ctrl-C stops it. One line follows per archived transcript and per webhook delivery:');
    await archiveDemo(s3Client, LOCAL_BUCKET, layout.demoMarker);
  } catch (error) {
    process.stderr.write(`demarche: ${error instanceof Error ? error.message : String(error)}\n`);
    await shutdown(1);
  }
};

if (require.main === module) {
  void main().catch((error: unknown) => {
    process.stderr.write(`demarche: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
