/**
 * Parser benchmark: parses the whole shared corpus in one process (files read first), compares
 * the throughput with a plain `/\p{L}+/gu` word scan over the same texts in the same run, reports
 * peak memory, and times `demarche parse <corpus> --json` end to end (start-up included).
 * Last line: {"mbPerSec", "wordScanMbPerSec", "ratio", "peakMiB", "files", "bytes", "cliWallMs"}.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseTranscript } from '../lambdas/core/parser';

const ROOT = path.resolve(__dirname, '..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');
/**
 * Rounds of each measurement; figures are medians. This machine's speed drifts by up to ±25% from
 * one second to the next, and with three rounds the ratio moved 0.30–0.43 between runs.
 */
const ROUNDS = 5;
const MB = 1e6;

const listTexts = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listTexts(full);
    return entry.name.endsWith('.txt') ? [full] : [];
  });

const newestMtime = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? max : Math.max(max, newestMtime(full));
    return /\.(?:ts|mjs|js|json)$/.test(entry.name) ? Math.max(max, statSync(full).mtimeMs) : max;
  }, 0);

/** Rebuilds the CLI bundles when any source they bundle is newer. */
const ensureBuilt = (): void => {
  let builtAt = Infinity;
  for (const bundle of ['dist/cli.js', 'dist/parse.js']) {
    try {
      builtAt = Math.min(builtAt, statSync(path.join(ROOT, bundle)).mtimeMs);
    } catch {
      builtAt = 0;
    }
  }
  const sources = Math.max(...['lambdas', 'local', 'bin'].map((d) => newestMtime(path.join(ROOT, d))));
  if (builtAt >= sources) return;
  console.log('dist/ is stale: npm run build');
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

const main = (): void => {
  const files = listTexts(CORPUS).sort();
  const inputs = files.map((file) => readFileSync(file));
  const texts = inputs.map((bytes) => bytes.toString('utf8'));
  const bytes = inputs.reduce((n, b) => n + b.length, 0);
  console.log(`corpus: ${files.length} files, ${(bytes / MB).toFixed(2)} MB`);

  // Warm-up: let the JIT see every path once.
  let statements = 0;
  let rejected = 0;
  for (const input of inputs) {
    const outcome = parseTranscript(input, { transcriptId: 'bench', revision: 1, metadata: {} });
    if (!outcome.ok) rejected++;
    else for (const e of outcome.events) if (e.type === 'StatementRecorded') statements++;
  }
  console.log(`warm-up: ${statements} statements, ${rejected} rejected`);

  const parseMs: number[] = [];
  const scanMs: number[] = [];
  const parseCpuMs: number[] = [];
  const scanCpuMs: number[] = [];
  const cpuMs = (since: NodeJS.CpuUsage): number => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
  };
  let words = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let cpu = process.cpuUsage();
    let t = performance.now();
    for (const input of inputs) parseTranscript(input, { transcriptId: 'bench', revision: 1, metadata: {} });
    parseMs.push(performance.now() - t);
    parseCpuMs.push(cpuMs(cpu));
    cpu = process.cpuUsage();
    t = performance.now();
    words = 0;
    for (const text of texts) {
      const re = /\p{L}+/gu;
      while (re.exec(text) !== null) words++;
    }
    scanMs.push(performance.now() - t);
    scanCpuMs.push(cpuMs(cpu));
  }
  const parseBest = median(parseMs);
  const scanBest = median(scanMs);
  const mbPerSec = bytes / MB / (parseBest / 1000);
  const wordScanMbPerSec = bytes / MB / (scanBest / 1000);
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  console.log(`parser:    ${parseMs.map((ms) => ms.toFixed(0)).join(' / ')} ms  → ${mbPerSec.toFixed(2)} MB/s (median of ${ROUNDS})`);
  console.log(`word scan: ${scanMs.map((ms) => ms.toFixed(0)).join(' / ')} ms  → ${wordScanMbPerSec.toFixed(2)} MB/s (${words} words)`);
  console.log(`ratio:     ${(mbPerSec / wordScanMbPerSec).toFixed(3)} (target ≥ 0.333)   peak RSS: ${peakMiB.toFixed(1)} MiB (target < 200)`);
  // On a shared machine the wall clock includes time spent waiting for a core; CPU time does not.
  const cpuParse = bytes / MB / (median(parseCpuMs) / 1000);
  const cpuScan = bytes / MB / (median(scanCpuMs) / 1000);
  console.log(
    `CPU time:  parser ${cpuParse.toFixed(2)} MB/s, word scan ${cpuScan.toFixed(2)} MB/s, ratio ${(cpuParse / cpuScan).toFixed(3)}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
  );

  ensureBuilt();
  const cliMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const devNull = openSync('/dev/null', 'w');
    const t = performance.now();
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/demarche.js'), 'parse', CORPUS, '--json'], {
      cwd: ROOT,
      stdio: ['ignore', devNull, 'pipe'],
    });
    cliMs.push(performance.now() - t);
    closeSync(devNull);
    if (run.status !== 0) throw new Error(`demarche parse failed: ${run.stderr.toString()}`);
  }
  const cliWallMs = median(cliMs);
  console.log(`CLI:       demarche parse <corpus> --json > /dev/null: ${cliMs.map((ms) => ms.toFixed(0)).join(' / ')} ms (target < 1500)`);

  console.log(
    JSON.stringify({
      mbPerSec: Number(mbPerSec.toFixed(2)),
      wordScanMbPerSec: Number(wordScanMbPerSec.toFixed(2)),
      ratio: Number((mbPerSec / wordScanMbPerSec).toFixed(3)),
      peakMiB: Number(peakMiB.toFixed(1)),
      files: files.length,
      bytes,
      cliWallMs: Math.round(cliWallMs),
    }),
  );
};

main();
