/**
 * The demarche CLI, run as a child process against a local archive on real local services: the
 * wiring-driven runtime in-process (DynamoDB Local, s3rver, the real handlers, the HTTP front), the
 * CLI finding it through the data directory, the environment or flags.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveTarget, TargetNotFoundError } from '../local/api-client';
import { startArchiveRuntime, type ArchiveRuntime } from '../local/runtime/archive-runtime';
import { dataDirLayout, writeRuntimeInfo } from '../local/runtime/data-dir';
import { LOCAL_REGION } from '../local/services';
import { bundleCli, runCli, runCliJson } from './support/cli-bundle';
import { useLocalArchive } from './support/local-archive';

const FIXTURES = path.resolve(__dirname, '../fixtures/transcripts');

interface Uploaded {
  file: string;
  key: string;
  transcriptId: string;
}
interface Listing<T> {
  items: T[];
  nextCursor?: string;
}

describe('demarche CLI', () => {
  const archive = useLocalArchive();
  const apiKey = 'cli-test-key';
  const work = mkdtempSync(path.join(tmpdir(), 'demarche-cli-'));
  const dataDir = path.join(work, 'data');
  let runtime: ArchiveRuntime;
  let cli: string;
  /** The CLI's environment: nothing but the data directory points it at the archive. */
  let env: NodeJS.ProcessEnv;
  const uploaded: Uploaded[] = [];

  beforeAll(async () => {
    process.env.DEMARCHE_ALLOW_PRIVATE_WEBHOOKS = '1';
    const layout = dataDirLayout(dataDir);
    mkdirSync(dataDir, { recursive: true });
    [cli, runtime] = await Promise.all([
      bundleCli(),
      startArchiveRuntime({
        dataDir,
        dynamo: archive.dynamo,
        s3: archive.s3,
        region: LOCAL_REGION,
        tables: archive.tables,
        bucket: archive.bucket,
        bucketPollMs: 100,
        port: 0,
        apiKey,
        print: () => undefined,
        visibilityTimeoutMs: 200,
        streamIntervalMs: 20,
      }),
    ]);
    writeFileSync(layout.apiKey, `${apiKey}\n`);
    writeRuntimeInfo(layout, {
      pid: process.pid,
      apiUrl: runtime.apiUrl,
      dynamoEndpoint: archive.dynamoEndpoint,
      s3Endpoint: archive.s3Endpoint,
      region: LOCAL_REGION,
      bucket: archive.bucket,
      tables: archive.tables,
      startedAt: new Date().toISOString(),
    });
    const { DEMARCHE_API_URL: _u, DEMARCHE_API_KEY: _k, ...rest } = process.env;
    env = { ...rest, DEMARCHE_DATA_DIR: dataDir };
  });
  afterAll(async () => {
    await runtime?.stop();
    rmSync(work, { recursive: true, force: true });
    if (cli) rmSync(cli, { force: true });
  });

  it('uploads a folder and a file with metadata, printing one JSON line per file', async () => {
    const folder = path.join(work, 'briefings');
    mkdirSync(folder);
    for (const f of ['press-briefing-march-4.txt', 'sanctions-designation-statement.txt', 'call-readout-ostravan-foreign-minister.txt']) {
      writeFileSync(path.join(folder, f), readFileSync(path.join(FIXTURES, f)));
    }
    const untitled = path.join(work, 'untitled-remarks.txt');
    writeFileSync(
      untitled,
      'Thank you all for coming.\n\nToday we announce new sanctions on the officials who ordered the arrests of peaceful protesters.\n\nWe will keep working with our partners on human rights.\n',
    );

    const many = await runCli(cli, ['upload', folder, '--json'], env);
    const one = await runCli(cli, ['upload', untitled, '--title', 'Remarks on New Designations', '--date', '2026-06-01', '--json'], env);
    expect(many.code).toBe(0);
    expect(one.code).toBe(0);
    const lines = [...many.stdout.trim().split('\n'), ...one.stdout.trim().split('\n')].map((l) => JSON.parse(l) as Uploaded);
    uploaded.push(...lines);

    expect(lines.map((l) => path.basename(l.file)).sort()).toEqual([
      'call-readout-ostravan-foreign-minister.txt',
      'press-briefing-march-4.txt',
      'sanctions-designation-statement.txt',
      'untitled-remarks.txt',
    ]);
    await runtime.drain(60_000);
    const listing = await runCliJson<Listing<{ id: string; title: string; date?: string }>>(cli, ['query', 'transcripts', '--all', '--json'], env);
    expect(listing.items.map((t) => t.id).sort()).toEqual(lines.map((l) => l.transcriptId).sort());
    const untitledId = lines.find((l) => l.file === untitled)!.transcriptId;
    expect(listing.items.find((t) => t.id === untitledId)).toMatchObject({ title: 'Remarks on New Designations', date: '2026-06-01' });

    // The same file again goes to the same key: the same transcript, and no new revision.
    const again = await runCli(cli, ['upload', untitled, '--title', 'Remarks on New Designations', '--date', '2026-06-01', '--json'], env);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout.trim()) as Uploaded).transcriptId).toBe(untitledId);
    await runtime.drain(60_000);
    const events = await runCliJson<Listing<{ type: string }>>(cli, ['query', 'events', untitledId, '--all', '--json'], env);
    expect(events.items.filter((e) => e.type === 'TranscriptReceived')).toHaveLength(1);
  });

  it('shows a readable table by default and pages with --limit/--all to the same items as one big page', async () => {
    const table = await runCli(cli, ['query', 'mentions', 'sanctions'], env);
    const paged = await runCliJson<Listing<{ transcriptId: string; seq: number }>>(cli, ['query', 'mentions', 'sanctions', '--limit', '1', '--all', '--json'], env);
    const whole = await runCliJson<Listing<{ transcriptId: string; seq: number }>>(cli, ['query', 'mentions', 'sanctions', '--limit', '100', '--json'], env);
    const first = await runCliJson<Listing<unknown>>(cli, ['query', 'mentions', 'sanctions', '--limit', '1', '--json'], env);

    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^DATE\s+TRANSCRIPT\s+SEQ\s+TITLE\s+TEXT$/);
    expect(whole.items.length).toBeGreaterThanOrEqual(3);
    expect(paged.items).toEqual(whole.items);
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
  });

  it('lists topics, finds statements by phrase and prints one transcript with its statements', async () => {
    const topics = await runCli(cli, ['query', 'topics', '--seen'], env);
    const search = await runCliJson<Listing<{ text: string }>>(cli, ['query', 'search', '"peaceful protesters"', '--json'], env);
    const id = uploaded.find((u) => u.file.endsWith('press-briefing-march-4.txt'))!.transcriptId;
    const one = await runCli(cli, ['query', 'transcript', id], env);

    expect(topics.stdout).toMatch(/^TOPIC\s+MENTIONS\s+TRANSCRIPTS\s+FIRST SEEN\s+LAST SEEN/);
    expect(topics.stdout).toMatch(/\nsanctions\s+\d+\s+[1-9]/);
    expect(search.items.length).toBeGreaterThanOrEqual(2);
    for (const hit of search.items) expect(hit.text.toLowerCase()).toContain('peaceful protesters');
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^Department Press Briefing/);
    expect(one.stdout).toMatch(/\n\[1\] /);
  });

  it('creates a subscription and prints its id and signing secret', async () => {
    const text = await runCli(cli, ['subscribe', '--topic', 'sanctions', '--topic', 'human-rights', '--url', 'http://127.0.0.1:9/hook'], env);
    const json = await runCliJson<{ id: string; secret: string; topics: string[] }>(
      cli,
      ['subscribe', '--topic', 'refugees-and-migration,climate-change', '--url', 'http://127.0.0.1:9/other', '--json'],
      env,
    );

    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^subscription \S+\n/);
    expect(text.stdout).toMatch(/secret {2}whsec_[A-Za-z0-9+/=]+/);
    expect(json.secret).toMatch(/^whsec_/);
    expect(json.topics.sort()).toEqual(['climate-change', 'refugees-and-migration']);
  });

  it('reaches the archive through DEMARCHE_API_URL/DEMARCHE_API_KEY and through flags, and reports a wrong key', async () => {
    const elsewhere = { ...env, DEMARCHE_DATA_DIR: path.join(work, 'no-archive-here') };
    const viaEnv = await runCli(cli, ['query', 'topics', '--json'], { ...elsewhere, DEMARCHE_API_URL: runtime.apiUrl, DEMARCHE_API_KEY: apiKey });
    const viaFlags = await runCli(cli, ['query', 'topics', '--json', '--api-url', runtime.apiUrl, '--api-key', apiKey], elsewhere);
    const wrongKey = await runCli(cli, ['query', 'topics', '--api-key', 'not-the-key'], env);
    const nothing = await runCli(cli, ['query', 'topics'], elsewhere);

    expect(viaEnv.code).toBe(0);
    expect(viaFlags.code).toBe(0);
    expect(JSON.parse(viaFlags.stdout)).toEqual(JSON.parse(viaEnv.stdout));
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toMatch(/HTTP 40[13]/);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(/npm start/);
  });

  it('compacts the search index offline: fewer live segments, the same answers, a clear error for a bad fan-in', async () => {
    const [{ DynamoDBDocumentClient }, { DynamoViewStore }, { buildSegment }, { foldTranscript }, { streamOf }] = await Promise.all([
      import('@aws-sdk/lib-dynamodb'),
      import('../lambdas/adapters/dynamo-views'),
      import('../lambdas/core/projections/search'),
      import('../lambdas/core/projections/transcript-view'),
      import('./support/transcript-fixtures'),
    ]);
    const views = new DynamoViewStore(DynamoDBDocumentClient.from(archive.dynamo), archive.tables.views, { manifestTtlMs: 0 });
    // Four more one-transcript segments, as four projector batches of one transcript each write.
    for (let i = 0; i < 4; i++) {
      const stream = streamOf(`compact${i}`, [{ title: `Briefing ${i}`, date: '2024-02-01', statements: [{ text: `Sanctions and human rights, part ${i}.`, topics: ['sanctions'] }] }]);
      await views.writeSearchSegment(buildSegment(`compact-seg${i}`, [foldTranscript(`compact${i}`, stream)]));
    }
    const postings = async () => Object.fromEntries(await Promise.all(['sanctions', 'rights', 'protesters'].map(async (t) => [t, (await views.postings(t)).length])));
    const queries = ['sanctions', '"peaceful protesters"', 'human rights'];
    const search = () => Promise.all(queries.map((q) => runCliJson<Listing<unknown>>(cli, ['query', 'search', q, '--all', '--json'], env)));
    const [indexBefore, before] = [await postings(), await search()];

    const report = await runCliJson<{ segmentsBefore: number; segmentsAfter: number; merged: number; writeUnits: number }>(cli, ['compact', '--fan-in', '2', '--json'], env);
    const bad = await runCli(cli, ['compact', '--fan-in', 'many'], env);

    expect(report.segmentsBefore).toBeGreaterThanOrEqual(4);
    expect(report.merged).toBeGreaterThanOrEqual(4);
    expect(report.segmentsAfter).toBeLessThan(report.segmentsBefore);
    expect(report.writeUnits).toBeGreaterThan(0);
    expect(indexBefore.sanctions).toBeGreaterThanOrEqual(4);
    expect(await postings()).toEqual(indexBefore);
    expect(before[2]!.items.length).toBeGreaterThan(0);
    expect(await search()).toEqual(before);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--fan-in must be a whole number/);
  });

  it('replays: rebuilds every view from the event log to the same answers', async () => {
    const before = await runCliJson<Listing<unknown>>(cli, ['query', 'transcripts', '--all', '--json'], env);
    const mentionsBefore = await runCliJson<Listing<unknown>>(cli, ['query', 'mentions', 'sanctions', '--all', '--json'], env);
    const report = await runCliJson<{ transcripts: number; events: number; reparsed: { checked: number; changed: number } }>(
      cli,
      ['replay', '--reparse', '--json'],
      env,
    );
    const after = await runCliJson<Listing<unknown>>(cli, ['query', 'transcripts', '--all', '--json'], env);
    const mentionsAfter = await runCliJson<Listing<unknown>>(cli, ['query', 'mentions', 'sanctions', '--all', '--json'], env);

    expect(report.transcripts).toBe(uploaded.length);
    expect(report.reparsed).toEqual(expect.objectContaining({ checked: uploaded.length, changed: 0 }));
    expect(report.events).toBeGreaterThan(uploaded.length * 3);
    expect(after).toEqual(before);
    expect(mentionsAfter).toEqual(mentionsBefore);
  });
});

describe('resolveTarget', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'demarche-target-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const outputs = (value: unknown) => writeFileSync(path.join(dir, 'cdk-outputs.json'), JSON.stringify(value));

  it('prefers flags, then the environment, then cdk-outputs.json, then the local archive', () => {
    outputs({ DemarcheStack: { ApiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/', ApiKeyId: 'k1' } });
    const env = { DEMARCHE_API_KEY: 'key', DEMARCHE_DATA_DIR: path.join(dir, 'data') };

    expect(resolveTarget({ apiUrl: 'http://flag/' }, env, dir)).toEqual({ apiUrl: 'http://flag', apiKey: 'key', source: 'flags' });
    expect(resolveTarget({}, { ...env, DEMARCHE_API_URL: 'http://env' }, dir)).toEqual({ apiUrl: 'http://env', apiKey: 'key', source: 'environment' });
    expect(resolveTarget({}, env, dir)).toEqual({ apiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod', apiKey: 'key', source: 'cdk-outputs' });
    expect(resolveTarget({ local: true }, { ...env, PORT: '4100' }, dir)).toEqual({ apiUrl: 'http://127.0.0.1:4100', apiKey: 'key', source: 'local' });
  });

  it('says what is missing when the CDK outputs name an API but no key, or nothing is there at all', () => {
    outputs({ DemarcheStack: { ApiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/', ApiKeyId: 'k1' } });
    expect(() => resolveTarget({}, { DEMARCHE_DATA_DIR: path.join(dir, 'data') }, dir)).toThrow(/DEMARCHE_API_KEY/);
    rmSync(path.join(dir, 'cdk-outputs.json'));
    expect(() => resolveTarget({}, { DEMARCHE_DATA_DIR: path.join(dir, 'data') }, dir)).toThrow(TargetNotFoundError);
  });
});

describe('reparseStream', () => {
  const archive = useLocalArchive();

  it('appends a new revision when the current parser reads the raw object differently, and nothing when it agrees', async () => {
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    const { InMemoryEventStore } = await import('../lambdas/core/event-store');
    const { transcriptEvents } = await import('../lambdas/core/transcript-events');
    const { sha256Hex, transcriptIdFor } = await import('../lambdas/core/ids');
    const { reparseStream } = await import('../local/commands/replay');
    const bytes = readFileSync(path.join(FIXTURES, 'press-briefing-march-4.txt'));
    const put = await archive.s3.send(new PutObjectCommand({ Bucket: archive.bucket, Key: 'reparse/briefing.txt', Body: bytes }));
    const transcriptId = transcriptIdFor(archive.bucket, 'reparse/briefing.txt');
    const stream = `transcript/${transcriptId}`;
    const current = transcriptEvents({
      transcriptId,
      revision: 1,
      source: { bucket: archive.bucket, key: 'reparse/briefing.txt', etag: (put.ETag ?? '').replace(/"/g, '') },
      sha256: sha256Hex(bytes),
      bytes,
      metadata: {},
      receivedAtMs: Date.parse('2026-03-04T20:00:00Z'),
      startVersion: 1,
    });
    // What an older parser might have said: one topic fewer.
    const dropped = current.findIndex((e) => e.type === 'TopicDetected');
    const older = current.filter((_, i) => i !== dropped).map((e, i) => ({ ...e, version: i + 1 }));
    const store = new InMemoryEventStore();
    await store.append(stream, 0, older);

    const first = await reparseStream(store, archive.s3, stream, Date.parse('2026-11-27T12:00:00Z'));
    const second = await reparseStream(store, archive.s3, stream, Date.parse('2026-11-27T12:05:00Z'));

    expect(dropped).toBeGreaterThan(0);
    expect(first).toBe('changed');
    expect(second).toBe('unchanged');
    const events = await store.read(stream);
    const revision2 = events.filter((e) => 'revision' in e.data && e.data.revision === 2);
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    expect(revision2.map((e) => e.type)).toEqual(current.map((e) => e.type));
    expect(revision2.find((e) => e.type === 'TranscriptReceived')!.data).toMatchObject({ sha256: sha256Hex(bytes), revision: 2 });
  });
});
