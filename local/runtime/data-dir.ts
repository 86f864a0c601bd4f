/**
 * The local archive's data directory (`DEMARCHE_DATA_DIR`, default `.demarche/`): where DynamoDB
 * Local and s3rver keep their data, plus the runtime's own small files: the API key, the queue
 * journal, stream checkpoints, the dead-letter store, and `runtime.json`, which tells the CLI how
 * to reach a running archive.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Local table names' prefix: no other archive shares the data directory's DynamoDB Local. */
export const LOCAL_TABLE_PREFIX = 'demarche';
/** The local bucket. */
export const LOCAL_BUCKET = 'demarche-transcripts';

/** Every path under a data directory. */
export interface DataDirLayout {
  readonly root: string;
  readonly dynamodb: string;
  readonly s3: string;
  readonly apiKey: string;
  readonly runtime: string;
  readonly queueJournal: string;
  readonly deadLetters: string;
  /** Ids of dead letters sent back to the queue. */
  readonly redriven: string;
  /** Present when `demarche redrive` asked the archive to send its dead letters back to the queue. */
  readonly redriveRequest: string;
  readonly checkpoints: string;
  readonly dynamoPid: string;
  readonly demoMarker: string;
}

/** The data directory named by the environment (or `.demarche/` under `cwd`). */
export const dataDirFromEnv = (env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string =>
  path.resolve(cwd, env.DEMARCHE_DATA_DIR || '.demarche');

/** The layout of a data directory. */
export const dataDirLayout = (root: string): DataDirLayout => ({
  root,
  dynamodb: path.join(root, 'dynamodb'),
  s3: path.join(root, 's3'),
  apiKey: path.join(root, 'api-key'),
  runtime: path.join(root, 'runtime.json'),
  queueJournal: path.join(root, 'queue', 'ingest.jsonl'),
  deadLetters: path.join(root, 'queue', 'ingest-dead-letters.jsonl'),
  redriven: path.join(root, 'queue', 'ingest-redriven.jsonl'),
  redriveRequest: path.join(root, 'queue', 'redrive-requested'),
  checkpoints: path.join(root, 'checkpoints'),
  dynamoPid: path.join(root, 'dynamodb.pid'),
  demoMarker: path.join(root, 'demo-archived'),
});

const writeAtomically = (file: string, text: string, mode?: number): void => {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, mode === undefined ? undefined : { mode });
  renameSync(tmp, file);
};

/** The API key: from the environment, else the one persisted on first start, else a new one. */
export const resolveApiKey = (layout: DataDirLayout, env: NodeJS.ProcessEnv = process.env): string => {
  const fromEnv = env.DEMARCHE_API_KEY?.trim();
  if (fromEnv) {
    writeAtomically(layout.apiKey, `${fromEnv}\n`, 0o600);
    return fromEnv;
  }
  if (existsSync(layout.apiKey)) {
    const saved = readFileSync(layout.apiKey, 'utf8').trim();
    if (saved) return saved;
  }
  const key = `dmk_${randomBytes(24).toString('base64url')}`;
  writeAtomically(layout.apiKey, `${key}\n`, 0o600);
  return key;
};

/** What a running archive publishes about itself. */
export const runtimeInfoSchema = z.object({
  pid: z.number().int(),
  apiUrl: z.string(),
  dynamoEndpoint: z.string(),
  s3Endpoint: z.string(),
  region: z.string(),
  bucket: z.string(),
  tables: z.record(z.string(), z.string()),
  startedAt: z.string(),
});
/** What a running archive publishes about itself. */
export type RuntimeInfo = z.infer<typeof runtimeInfoSchema>;

/** Writes runtime.json. */
export const writeRuntimeInfo = (layout: DataDirLayout, info: RuntimeInfo): void =>
  writeAtomically(layout.runtime, `${JSON.stringify(info, null, 2)}\n`);

/** Removes runtime.json (on clean shutdown). */
export const clearRuntimeInfo = (layout: DataDirLayout): void => rmSync(layout.runtime, { force: true });

/** Whether a process is alive. */
export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** runtime.json of a live archive, or undefined when none runs on this data directory. */
export const readRuntimeInfo = (layout: DataDirLayout): RuntimeInfo | undefined => {
  try {
    const info = runtimeInfoSchema.parse(JSON.parse(readFileSync(layout.runtime, 'utf8')));
    return isAlive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
};

/** Thrown when another archive already runs on the data directory. */
export class DataDirBusyError extends Error {
  override readonly name = 'DataDirBusyError';
}

/** Creates the directory tree and refuses to share it with a live archive. */
export const prepareDataDir = (layout: DataDirLayout): void => {
  for (const dir of [layout.root, layout.dynamodb, layout.s3, layout.checkpoints, path.dirname(layout.queueJournal)]) {
    mkdirSync(dir, { recursive: true });
  }
  const running = readRuntimeInfo(layout);
  if (running && running.pid !== process.pid) {
    throw new DataDirBusyError(`another demarche archive (pid ${running.pid}) is running on ${layout.root} at ${running.apiUrl}`);
  }
};

const cmdline = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
};

/**
 * Stops a DynamoDB Local left behind by a killed runtime on this data directory (its watchdog
 * notices within a second, but a restart may be faster), so two never share the database files.
 */
export const stopStaleDynamo = async (layout: DataDirLayout): Promise<boolean> => {
  if (!existsSync(layout.dynamoPid)) return false;
  const pid = Number(readFileSync(layout.dynamoPid, 'utf8').trim());
  rmSync(layout.dynamoPid, { force: true });
  if (!Number.isInteger(pid) || pid <= 1 || !isAlive(pid)) return false;
  // Only a process that is ours: the watchdog or Java for this very database directory.
  if (!cmdline(pid).includes(layout.dynamodb) && !cmdline(pid).includes('dynamodb-local')) return false;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return false;
  }
  const deadline = Date.now() + 10_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  return true;
};

/** Records the pid of the DynamoDB Local watchdog. */
export const recordDynamoPid = (layout: DataDirLayout, pid: number): void => writeAtomically(layout.dynamoPid, `${pid}\n`);

/** Forgets the recorded pid (after a clean stop). */
export const clearDynamoPid = (layout: DataDirLayout): void => rmSync(layout.dynamoPid, { force: true });
