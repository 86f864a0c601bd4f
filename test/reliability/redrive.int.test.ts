/**
 * Dead letters and redrive on the local archive: an upload whose ingestion fails on every receive
 * (S3 failing every GetObject) ends in the dead-letter store; once S3 is back, `demarche redrive`
 * sends it back to the queue and it is archived exactly once.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

import { Command } from 'commander';
import { transcriptIdFor } from '../../lambdas/core/ids';
import { localDeadLetters, registerRedriveCommand, requestLocalRedrive } from '../../local/commands/redrive';
import { dataDirLayout } from '../../local/runtime/data-dir';
import { startS3FaultProxy, type S3FaultProxy } from '../support/faults';
import { useLocalArchive } from '../support/local-archive';
import { api, corpusSample, putObject, startInProcessArchive, type InProcessArchive } from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const waitFor = async (what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
};

/** Runs `demarche redrive ARGS` in this process against the archive's data directory. */
const runRedrive = async (dataDir: string, args: string[]): Promise<string[]> => {
  const lines: string[] = [];
  const program = new Command('demarche').exitOverride();
  registerRedriveCommand(program, { out: (l) => void lines.push(l), err: (l) => void lines.push(l) });
  const before = process.env.DEMARCHE_DATA_DIR;
  process.env.DEMARCHE_DATA_DIR = dataDir;
  try {
    await program.parseAsync(['node', 'demarche', 'redrive', ...args]);
  } finally {
    if (before === undefined) delete process.env.DEMARCHE_DATA_DIR;
    else process.env.DEMARCHE_DATA_DIR = before;
  }
  return lines;
};

describe('redrive of dead-lettered uploads', () => {
  const local = useLocalArchive();
  let archive: InProcessArchive;
  let s3Http: S3FaultProxy;

  beforeAll(async () => {
    // Ingest's object GETs fail on the wire (it reads with a signed GET of its own, not the SDK).
    s3Http = await startS3FaultProxy(local.s3Endpoint);
    process.env.AWS_ENDPOINT_URL_S3 = s3Http.endpoint;
    // A short visibility timeout so five failed receives take seconds, not minutes.
    archive = await startInProcessArchive({ dynamo: local.dynamo, s3: local.s3, tables: local.tables, bucket: local.bucket, visibilityTimeoutMs: 100 });
  });
  afterAll(async () => {
    await archive?.stop();
    await s3Http?.stop();
  });

  it('dead-letters an upload S3 never serves, lists it, and archives it once after redrive', async () => {
    const layout = dataDirLayout(archive.dataDir);
    const [text] = corpusSample(1, 21);
    const key = `redrive/${text!.name}`;
    const transcriptId = transcriptIdFor(local.bucket, key);

    s3Http.arm(10_000, 's3-internal-error');
    try {
      await putObject(local.s3, local.bucket, key, text!.bytes);
      await waitFor('the dead letter', () => localDeadLetters(layout).length === 1);
    } finally {
      s3Http.disarm();
    }
    expect(s3Http.injected).toBeGreaterThanOrEqual(5);
    expect(archive.lines.some((l) => /^dead +ingest message/.test(l))).toBe(true);
    expect((await api(archive, 'GET', `/transcripts/${transcriptId}`)).status).toBe(404);

    const listed = JSON.parse((await runRedrive(archive.dataDir, ['--list', '--json']))[0]!);
    expect(listed).toEqual([expect.objectContaining({ keys: [key], receiveCount: 5, lastError: expect.any(String) })]);

    // The in-process archive writes no runtime.json, so the command does not wait; the archive
    // still takes the request within a second.
    expect(await runRedrive(archive.dataDir, [])).toEqual(['1 dead-lettered upload(s) will go back to the ingest queue when the archive starts (npm start)']);
    await waitFor('the redriven upload to be archived', async () => (await api(archive, 'GET', `/transcripts/${transcriptId}`)).status === 200);
    expect(archive.lines).toContainEqual(expect.stringMatching(/^redriven +1 dead-lettered ingest message/));
    expect(localDeadLetters(layout)).toEqual([]);

    // Nothing left to redrive; a second request sends nothing twice.
    expect(await requestLocalRedrive(layout, 2_000)).toEqual({ requested: 0, answered: true });
    const events = (await api(archive, 'GET', `/transcripts/${transcriptId}/events`)).json;
    const types = (events.items ?? events.events ?? events).map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t === 'TranscriptReceived')).toHaveLength(1);
  });
});
