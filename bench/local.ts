/**
 * `npm run bench:local`: the local archive as a user gets it. Five fresh starts of `npm start`
 * (scripts/start.mjs on an empty data directory): time from spawn to a healthy API; in each, ten
 * uploads through the API's pre-signed URLs (50 in all) of a transcript mentioning sanctions, each
 * timed from the start of the upload to the receipt of its signed `topic.detected` webhook on a
 * loopback receiver. The demo transcripts are skipped (DEMARCHE_DEMO=0) so they do not compete.
 * Last line: {"startupMs", "p95UploadToDeliveryMs"} (startup: the median of the five).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createApiClient } from '../local/api-client';
import { uploadOne } from '../local/commands/upload';
import { freePort } from '../local/services';
import { startArchiveProcess, waitGroupGone, type ArchiveProcess } from '../test/support/archive-process';

const STARTS = 5;
const UPLOADS_PER_START = 10;
const TEXT = readFileSync(path.resolve(__dirname, '../fixtures/transcripts/sanctions-designation-statement.txt'), 'utf8');

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

const main = async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'demarche-bench-local-'));
  const waiting = new Map<string, (at: number) => void>();
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => void (body += c.toString()));
    req.on('end', () => {
      const at = performance.now();
      res.writeHead(204).end();
      const id = (JSON.parse(body) as { data?: { transcript?: { id?: string } } }).data?.transcript?.id;
      if (id) waiting.get(id)?.(at);
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const startups: number[] = [];
  const latencies: number[] = [];
  let current: ArchiveProcess | undefined;
  const cleanup = () => current?.killAll();
  process.on('exit', cleanup);
  try {
    for (let run = 1; run <= STARTS; run++) {
      const dataDir = path.join(work, `run-${run}`);
      const port = await freePort();
      const { DEMARCHE_API_URL: _u, DEMARCHE_API_KEY: _k, ...env } = process.env;
      const t0 = performance.now();
      current = startArchiveProcess({
        ...env,
        PORT: String(port),
        DEMARCHE_DATA_DIR: dataDir,
        DEMARCHE_DEMO: '0',
        DEMARCHE_ALLOW_PRIVATE_WEBHOOKS: '1',
      });
      await current.waitHealthy(120_000);
      const startup = performance.now() - t0;
      startups.push(startup);

      const apiKey = readFileSync(path.join(dataDir, 'api-key'), 'utf8').trim();
      const client = createApiClient({ apiUrl: current.apiUrl, apiKey, source: 'local' });
      await client.post('/subscriptions', { url: hookUrl, topics: ['sanctions'] });
      const runLatencies: number[] = [];
      for (let i = 1; i <= UPLOADS_PER_START; i++) {
        const file = path.join(work, `upload-${run}-${i}.txt`);
        writeFileSync(file, `${TEXT}\nReference ${run}-${i}.\n`);
        const t = performance.now();
        let resolveReceipt!: (at: number) => void;
        const receipt = new Promise<number>((r) => (resolveReceipt = r));
        const { transcriptId } = await uploadOne(client, { file, key: path.basename(file) }, {});
        waiting.set(transcriptId, resolveReceipt);
        let timer: NodeJS.Timeout | undefined;
        const at = await Promise.race([
          receipt,
          new Promise<number>((_, reject) => (timer = setTimeout(() => reject(new Error(`no webhook for ${transcriptId} within 120 s; archive output:\n${current?.output().slice(-3000)}`)), 120_000))),
        ]);
        clearTimeout(timer);
        waiting.delete(transcriptId);
        runLatencies.push(at - t);
      }
      latencies.push(...runLatencies);
      const stopped = await current.stop('SIGTERM');
      await waitGroupGone(current);
      current = undefined;
      console.log(
        `start ${run}: healthy in ${startup.toFixed(0)} ms; upload → webhook p50 ${percentile(runLatencies, 50).toFixed(0)} ms, max ${Math.max(...runLatencies).toFixed(0)} ms; exit ${stopped.code}`,
      );
    }
  } finally {
    cleanup();
    receiver.close();
    rmSync(work, { recursive: true, force: true });
  }
  console.log(
    `startup over ${STARTS} fresh starts: median ${percentile(startups, 50).toFixed(0)} ms, max ${Math.max(...startups).toFixed(0)} ms; ` +
      `upload → webhook over ${latencies.length} uploads: p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms ` +
      `(load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores)`,
  );
  console.log(JSON.stringify({ startupMs: Math.round(percentile(startups, 50)), p95UploadToDeliveryMs: Math.round(percentile(latencies, 95)) }));
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
