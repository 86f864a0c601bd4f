/**
 * End to end, the way a user runs it: `npm start` (scripts/start.mjs) as a child process on a fresh
 * data directory, the real CLI as child processes, a webhook receiver on loopback. Survives SIGTERM
 * and restart with the same data; survives SIGKILL mid-ingest with every upload archived exactly
 * once. Every process started here is killed in afterEach/afterAll, also when a test fails.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { freePort } from '../local/services';
import { startArchiveProcess, waitGroupGone, type ArchiveProcess } from './support/archive-process';
import { bundleCli, runCli, runCliJson } from './support/cli-bundle';

const SEED = path.resolve(__dirname, '../../shared/fixtures/seed/kazakhstan-visit-remarks.txt');
const CORPUS = path.resolve(__dirname, '../../shared/corpus/state-dept-press-releases-2021-2022/texts');

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}
interface Listing<T> {
  items: T[];
}

const startReceiver = async (): Promise<{ server: Server; url: string; received: Received[] }> => {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => void (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const waitFor = async <T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 120_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
};

describe('the local archive, end to end', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'demarche-e2e-'));
  const started: ArchiveProcess[] = [];
  let cli: string;

  const baseEnv = (dataDir: string, port: number) => {
    const { DEMARCHE_API_URL: _u, DEMARCHE_API_KEY: _k, ...rest } = process.env;
    return {
      ...rest,
      PORT: String(port),
      DEMARCHE_DATA_DIR: dataDir,
      DEMARCHE_ALLOW_PRIVATE_WEBHOOKS: '1',
      DEMARCHE_RETRY_SCHEDULE: '0s,1s,2s',
    };
  };
  const start = (env: ReturnType<typeof baseEnv>) => {
    const archive = startArchiveProcess(env);
    started.push(archive);
    return archive;
  };

  beforeAll(async () => {
    cli = await bundleCli();
  });
  afterEach(async () => {
    for (const archive of started.splice(0)) {
      archive.killAll();
      await waitGroupGone(archive, 5_000);
    }
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    if (cli) rmSync(cli, { force: true });
  });

  it('archives the seed, delivers one signed topic.detected, answers queries, and keeps everything across SIGTERM and restart', async () => {
    const dataDir = path.join(work, 'seed-run');
    const port = await freePort();
    const env = baseEnv(dataDir, port);
    const receiver = await startReceiver();
    try {
      const first = start(env);
      await first.waitHealthy();
      // First start: the demo transcripts are archived.
      const demoCount = readdirSync(path.resolve(__dirname, '../fixtures/transcripts')).filter((f) => f.endsWith('.txt')).length;
      await first.waitForLines(/^archived {2}demo\//, demoCount);
      expect(first.output()).toMatch(/API key {2}dmk_\S+/);

      const sub = await runCliJson<{ id: string; secret: string }>(cli, ['subscribe', '--topic', 'sanctions', '--url', receiver.url, '--json'], env);
      const upload = await runCli(cli, ['upload', SEED, '--title', 'Remarks at the end of a visit to Kazakhstan', '--json'], env);
      expect(upload.code).toBe(0);
      const { transcriptId } = JSON.parse(upload.stdout) as { transcriptId: string };

      const forSeed = () =>
        receiver.received.filter((r) => {
          const body = JSON.parse(r.body) as { type: string; data: { transcript?: { id: string } } };
          return body.data.transcript?.id === transcriptId;
        });
      await waitFor('the seed webhook', () => (forSeed().length > 0 ? true : undefined));
      await first.waitForLines(/^delivered webhook /);
      await sleep(1_500); // room for a duplicate to show up, if there were one
      const deliveries = forSeed();
      expect(deliveries).toHaveLength(1);
      const delivery = deliveries[0]!;
      const verified = new Webhook(sub.secret).verify(delivery.body, delivery.headers as Record<string, string>) as {
        type: string;
        data: { topic: string; transcript: { id: string; title: string } };
      };
      expect(verified).toMatchObject({ type: 'topic.detected', data: { topic: 'sanctions', transcript: { id: transcriptId } } });

      const transcript = await runCliJson<{ id: string; title: string; statements: unknown[] }>(cli, ['query', 'transcript', transcriptId, '--json'], env);
      const mentions = await runCliJson<Listing<{ transcriptId: string }>>(cli, ['query', 'mentions', 'sanctions', '--all', '--json'], env);
      const listing = await runCliJson<Listing<{ id: string }>>(cli, ['query', 'transcripts', '--all', '--json'], env);
      expect(transcript).toMatchObject({ id: transcriptId, title: 'Remarks at the end of a visit to Kazakhstan' });
      expect(transcript.statements.length).toBeGreaterThan(10);
      expect(mentions.items.map((m) => m.transcriptId)).toContain(transcriptId);
      expect(listing.items).toHaveLength(demoCount + 1);

      const stopped = await first.stop('SIGTERM');
      expect(stopped.code).toBe(0);
      expect(await waitGroupGone(first)).toBe(true);

      const second = start(env);
      await second.waitHealthy();
      const again = await runCliJson<typeof transcript>(cli, ['query', 'transcript', transcriptId, '--json'], env);
      const listingAgain = await runCliJson<Listing<{ id: string }>>(cli, ['query', 'transcripts', '--all', '--json'], env);
      expect(again).toEqual(transcript);
      expect(listingAgain.items.map((t) => t.id).sort()).toEqual(listing.items.map((t) => t.id).sort());
      await sleep(1_000);
      expect(forSeed()).toHaveLength(1);
      expect(second.output()).not.toMatch(/^archived /m);
      expect((await second.stop('SIGINT')).code).toBe(0);
    } finally {
      receiver.server.close();
    }
  }, 400_000);

  it('archives every one of 50 uploads exactly once after a SIGKILL mid-ingest and a restart', async () => {
    const dataDir = path.join(work, 'kill-run');
    const port = await freePort();
    const env = { ...baseEnv(dataDir, port), DEMARCHE_DEMO: '0' };
    const folder = path.join(work, 'fifty');
    mkdirSync(folder, { recursive: true });
    // The 50 shortest texts of the corpus: real transcripts, quick to parse.
    const texts = readdirSync(CORPUS)
      .map((name) => ({ name, size: statSync(path.join(CORPUS, name)).size }))
      .sort((a, b) => a.size - b.size || a.name.localeCompare(b.name))
      .slice(0, 50)
      .map((t) => t.name);
    for (const name of texts) writeFileSync(path.join(folder, name), readFileSync(path.join(CORPUS, name)));

    const first = start(env);
    await first.waitHealthy();
    const upload = await runCli(cli, ['upload', folder, '--json', '--concurrency', '8'], env);
    expect(upload.code).toBe(0);
    const ids = upload.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { transcriptId: string }).transcriptId);
    expect(new Set(ids).size).toBe(50);

    // Kill the moment the upload is done: ingest of the first batches is under way, the rest are queued.
    first.child.kill('SIGKILL');
    const archivedBeforeKill = first.output().split('\n').filter((l) => /^(archived|rejected) /.test(l)).length;
    expect(archivedBeforeKill).toBeLessThan(50);
    expect(await waitGroupGone(first)).toBe(true); // the watchdog took DynamoDB Local down with it

    const second = start(env);
    await second.waitHealthy();
    const apiKey = readFileSync(path.join(dataDir, 'api-key'), 'utf8').trim();
    const listed = await waitFor(
      'all 50 transcripts',
      async () => {
        const listing = await runCliJson<Listing<{ id: string }>>(cli, ['query', 'transcripts', '--all', '--json', '--limit', '100'], env);
        return listing.items.length >= 50 ? listing : undefined;
      },
      180_000,
    );
    expect(listed.items.map((t) => t.id).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const events: Array<{ type: string; version: number }> = [];
      let cursor: string | undefined;
      do {
        const query = `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const response = await fetch(`${second.apiUrl}/transcripts/${id}/events?${query}`, { headers: { 'x-api-key': apiKey } });
        expect(response.status).toBe(200);
        const page = (await response.json()) as Listing<{ type: string; version: number }> & { nextCursor?: string };
        events.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(events.filter((e) => e.type === 'TranscriptReceived')).toHaveLength(1);
      expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    }
    expect((await second.stop('SIGTERM')).code).toBe(0);
  }, 480_000);
});
