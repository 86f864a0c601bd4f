/**
 * `demarche replay [--reparse]` (interfaces.md): rebuilds every view from the event log
 * (`rebuildViews`: the log folded per stream, the views table emptied and bulk-loaded). With
 * `--reparse` it first re-parses each transcript's raw object with the current parser and, where
 * the parser now says something different, appends the result as a new revision (so webhooks and
 * views see it like any new revision; an unchanged parse appends nothing).
 *
 * It runs in this process, straight against the tables (there is no API route for it: it is an
 * operator's tool). Local archive: the endpoints in the data dir's runtime.json, or, when the
 * archive is not running, DynamoDB Local and s3rver started on the data dir for the duration.
 * AWS: your credentials, and the table names from --events-table/--views-table or EVENTS_TABLE,
 * VIEWS_TABLE (and TRANSCRIPTS_BUCKET for --reparse).
 */
import type { Command } from 'commander';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { EventStore } from '../../lambdas/core/event-store';
import type { StoredEvent, StoredEventOf } from '../../lambdas/core/events';
import { type Output, processOutput } from '../cli-support';
import { dataDirFromEnv, dataDirLayout, LOCAL_BUCKET, LOCAL_TABLE_PREFIX, readRuntimeInfo } from '../runtime/data-dir';

// The parser, the adapters and the SDK load only when replay runs: other commands start faster.
const load = async () => {
  const [{ GetObjectCommand }, { DynamoDBDocumentClient }, { DynamoEventStore }, { DynamoViewStore }, { sha256Hex }, { rebuildViews }, { transcriptEvents }] =
    await Promise.all([
      import('@aws-sdk/client-s3'),
      import('@aws-sdk/lib-dynamodb'),
      import('../../lambdas/adapters/dynamo-event-store'),
      import('../../lambdas/adapters/dynamo-views'),
      import('../../lambdas/core/ids'),
      import('../../lambdas/core/projections/projector'),
      import('../../lambdas/core/transcript-events'),
    ]);
  return { GetObjectCommand, DynamoDBDocumentClient, DynamoEventStore, DynamoViewStore, sha256Hex, rebuildViews, transcriptEvents };
};

interface ReplayOptions {
  reparse?: boolean;
  aws?: boolean;
  eventsTable?: string;
  viewsTable?: string;
  bucket?: string;
  json?: boolean;
}

/** Where replay reads and writes. */
export interface ReplayTarget {
  readonly dynamo: DynamoDBClient;
  readonly s3: S3Client;
  readonly eventsTable: string;
  readonly viewsTable: string;
  readonly bucket?: string;
  readonly description: string;
  close(): Promise<void>;
}

/** What a replay did. */
export interface ReplayReport {
  readonly reparsed: { readonly checked: number; readonly changed: number; readonly missing: number };
  readonly transcripts: number;
  readonly events: number;
  readonly writeUnits: number;
  readonly ms: number;
}

/** A replay cannot find its tables. */
export class ReplayTargetError extends Error {
  override readonly name = 'ReplayTargetError';
}

const parserPart = (events: readonly StoredEvent[]) =>
  JSON.stringify(events.filter((e) => e.type !== 'TranscriptReceived').map((e) => [e.type, e.data, e.meta.parser ?? null]));

/**
 * Re-parses the latest revision of one transcript stream from its raw object; appends a new
 * revision when the current parser's events differ from the stored ones. Returns what happened.
 */
export const reparseStream = async (
  store: EventStore,
  s3: S3Client,
  stream: string,
  nowMs: number,
): Promise<'changed' | 'unchanged' | 'missing'> => {
  const { GetObjectCommand, sha256Hex, transcriptEvents } = await load();
  const events = await store.read(stream);
  const received = [...events].reverse().find((e): e is StoredEventOf<'TranscriptReceived'> => e.type === 'TranscriptReceived');
  if (!received) return 'unchanged';
  const { transcriptId, revision, source, sha256, metadata } = received.data;
  let bytes: Uint8Array;
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: source.bucket, Key: source.key, ...(source.versionId ? { VersionId: source.versionId } : {}) }));
    bytes = await object.Body!.transformToByteArray();
  } catch {
    return 'missing';
  }
  // The object was overwritten since: its new bytes are (or will be) their own revision.
  if (sha256Hex(bytes) !== sha256) return 'missing';
  const stored = events.filter((e) => 'revision' in e.data && e.data.revision === revision);
  const head = events[events.length - 1]!.version;
  const fresh = transcriptEvents({
    transcriptId,
    revision: revision + 1,
    source,
    sha256,
    bytes,
    metadata,
    receivedAtMs: nowMs,
    startVersion: head + 1,
  });
  const comparable = (list: readonly StoredEvent[]) =>
    parserPart(list.map((e) => ('revision' in e.data ? ({ ...e, data: { ...e.data, revision: 0 } } as StoredEvent) : e)));
  if (comparable(fresh) === comparable(stored)) return 'unchanged';
  await store.append(stream, head, fresh);
  return 'changed';
};

/** Rebuilds every view (after re-parsing, when asked). */
export const replay = async (target: ReplayTarget, options: { reparse?: boolean; onProgress?: (line: string) => void } = {}): Promise<ReplayReport> => {
  const started = Date.now();
  const { DynamoDBDocumentClient, DynamoEventStore, DynamoViewStore, rebuildViews } = await load();
  const store = new DynamoEventStore({ client: target.dynamo, tableName: target.eventsTable });
  const views = new DynamoViewStore(
    DynamoDBDocumentClient.from(target.dynamo, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } }),
    target.viewsTable,
  );
  const reparsed = { checked: 0, changed: 0, missing: 0 };
  if (options.reparse) {
    const streams = new Set<string>();
    for await (const event of store.readAllSince('1970-01-01T00:00:00.000Z')) if (event.stream.startsWith('transcript/')) streams.add(event.stream);
    for (const stream of streams) {
      const outcome = await reparseStream(store, target.s3, stream, Date.now());
      reparsed.checked++;
      if (outcome === 'changed') reparsed.changed++;
      if (outcome === 'missing') reparsed.missing++;
    }
    options.onProgress?.(`re-parsed ${reparsed.checked} transcript(s): ${reparsed.changed} changed (new revision), ${reparsed.missing} without their raw object`);
  }
  const rebuilt = await rebuildViews(store, views);
  return { reparsed, ...rebuilt, ms: Date.now() - started };
};

/** The local archive's tables: the running one's endpoints, or its services started on the data dir. */
export const localReplayTarget = async (env: NodeJS.ProcessEnv = process.env): Promise<ReplayTarget> => {
  const layout = dataDirLayout(dataDirFromEnv(env));
  const services = await import('../services');
  const tables = services.tableNamesFor(LOCAL_TABLE_PREFIX);
  const running = readRuntimeInfo(layout);
  if (running) {
    return {
      dynamo: services.localDynamoClient(running.dynamoEndpoint),
      s3: services.localS3Client(running.s3Endpoint),
      eventsTable: running.tables.events ?? tables.events,
      viewsTable: running.tables.views ?? tables.views,
      bucket: running.bucket,
      description: `the running local archive (${running.apiUrl})`,
      close: async () => undefined,
    };
  }
  const { existsSync } = await import('node:fs');
  if (!existsSync(layout.dynamodb)) throw new ReplayTargetError(`no local archive in ${layout.root}: run \`npm start\` first`);
  const [dynamo, s3] = await Promise.all([
    services.startDynamoLocal({ dbPath: layout.dynamodb }),
    services.startS3({ directory: layout.s3 }),
  ]);
  return {
    dynamo: services.localDynamoClient(dynamo.endpoint),
    s3: services.localS3Client(s3.endpoint),
    eventsTable: tables.events,
    viewsTable: tables.views,
    bucket: LOCAL_BUCKET,
    description: `the local archive in ${layout.root} (not running; its data files were opened directly)`,
    close: async () => {
      await s3.stop();
      await dynamo.stop();
    },
  };
};

/**
 * The tables a command such as replay or compact works on: AWS (`--aws`, table names from the flags
 * or the environment) or the local archive.
 */
export const resolveReplayTarget = async (
  o: { aws?: boolean; eventsTable?: string; viewsTable?: string },
  needs: { events: boolean } = { events: true },
): Promise<ReplayTarget> => {
  // The SDK's notice about Node 20 is noise for a local tool.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (!o.aws) return localReplayTarget();
  const eventsTable = o.eventsTable ?? process.env.EVENTS_TABLE;
  const viewsTable = o.viewsTable ?? process.env.VIEWS_TABLE;
  if (!viewsTable) throw new ReplayTargetError('--aws needs --views-table (or VIEWS_TABLE)');
  if (!eventsTable && needs.events) throw new ReplayTargetError('--aws needs --events-table and --views-table (or EVENTS_TABLE and VIEWS_TABLE)');
  const [{ DynamoDBClient }, { S3Client }] = await Promise.all([import('@aws-sdk/client-dynamodb'), import('@aws-sdk/client-s3')]);
  const description = eventsTable ? `AWS tables ${eventsTable}, ${viewsTable}` : `AWS table ${viewsTable}`;
  return { dynamo: new DynamoDBClient({}), s3: new S3Client({}), eventsTable: eventsTable ?? '', viewsTable, description, close: async () => undefined };
};

/** Registers the `replay` command. */
export const registerReplayCommand = (program: Command, output: Output = processOutput): void => {
  program
    .command('replay')
    .description('rebuild every view from the event log; --reparse re-parses raw transcripts with the current parser first')
    .option('--reparse', 're-parse each transcript’s raw object; a changed parse becomes a new revision')
    .option('--aws', 'run against AWS with your credentials instead of the local archive')
    .option('--events-table <name>', 'events table in AWS (default EVENTS_TABLE)')
    .option('--views-table <name>', 'views table in AWS (default VIEWS_TABLE)')
    .option('--json', 'print the report as JSON')
    .action(async (o: ReplayOptions) => {
      const target = await resolveReplayTarget(o);
      try {
        if (!o.json) output.out(`replaying ${target.description}`);
        const report = await replay(target, { reparse: o.reparse, onProgress: (line) => !o.json && output.out(line) });
        if (o.json) output.out(JSON.stringify(report));
        else output.out(`rebuilt the views of ${report.transcripts} transcript(s) from ${report.events} event(s) in ${(report.ms / 1000).toFixed(1)} s`);
      } finally {
        await target.close();
      }
    });
};
