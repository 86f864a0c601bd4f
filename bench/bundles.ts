/**
 * Bundles every function in the wiring with the stack's own esbuild settings (lib/function-defaults.ts)
 * and measures each bundle's size and cold module load time: the median, over 10 fresh Node processes,
 * of the time `require(bundle)` takes inside the child (process start-up excluded). Node runs with
 * the stack's NODE_OPTIONS (--enable-source-maps), as in Lambda. Targets: < 1 MB, < 150 ms.
 * `npm run bench:bundles [-- name...]` (default: every function). Last line: {"functions": {"<name>": {"bytes", "loadMs"}}}.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { TABLES, BUCKET_ENV_VAR } from '../lambdas/adapters/table-definitions';
import { FUNCTIONS, type FunctionName } from '../lambdas/adapters/wiring';
import { esbuildOptions, METRICS_NAMESPACE, NODE_OPTIONS, REPO_ROOT } from '../lib/function-defaults';

const RUNS = 10;
const MAX_BYTES = 1024 * 1024;
const MAX_LOAD_MS = 150;
// Inside the repository (gitignored) so the bundles resolve the external AWS SDK from node_modules,
// as a Lambda bundle resolves it from the runtime's.
const OUT_DIR = path.join(REPO_ROOT, '.bench', 'bundles');

// Wall time of the require (the figure), and its CPU time (user + system), which shows how much of
// the wall time was spent waiting for a CPU on a busy machine.
const CHILD = `
const cpu = process.cpuUsage();
const start = process.hrtime.bigint();
require(process.argv[1]);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const used = process.cpuUsage(cpu);
process.stdout.write(ms + ' ' + (used.user + used.system) / 1000);
`;

/** The environment a function sees in Lambda, with placeholder resource names. */
const lambdaLikeEnv = (name: FunctionName): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  POWERTOOLS_SERVICE_NAME: name,
  POWERTOOLS_LOG_LEVEL: 'INFO',
  POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
  [BUCKET_ENV_VAR]: 'bench-bucket',
  WEBHOOK_KMS_KEY_ID: 'bench-key',
  ...Object.fromEntries(TABLES.map((t) => [t.envVar, `bench-${t.id}`])),
});

/** The three packages (or source folders) that weigh most in a bundle. */
const largestParts = (metafile: Metafile, outfile: string): string => {
  const output = Object.entries(metafile.outputs).find(([file]) => path.resolve(file) === outfile)?.[1];
  const parts = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const pkg = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? path.dirname(file).split('/').slice(0, 3).join('/');
    parts.set(pkg, (parts.get(pkg) ?? 0) + bytesInOutput);
  }
  return [...parts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => `${k} ${(v / 1024).toFixed(0)} KiB`).join(', ');
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const main = async (): Promise<void> => {
  rmSync(OUT_DIR, { recursive: true, force: true });
  const results: Record<string, { bytes: number; loadMs: number }> = {};
  let overTarget = false;
  const all = Object.keys(FUNCTIONS) as FunctionName[];
  const asked = process.argv.slice(2).filter((a): a is FunctionName => (all as string[]).includes(a));
  for (const name of asked.length ? asked : all) {
    const entry = path.join(REPO_ROOT, FUNCTIONS[name].entry);
    if (!existsSync(entry)) throw new Error(`${name}: entry ${FUNCTIONS[name].entry} does not exist`);
    const dir = path.join(OUT_DIR, name);
    mkdirSync(dir, { recursive: true });
    const outfile = path.join(dir, 'index.js');
    const result = await build({ ...esbuildOptions(name, outfile), metafile: true });
    const bytes = statSync(outfile).size;
    const mapBytes = existsSync(`${outfile}.map`) ? statSync(`${outfile}.map`).size : 0;

    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const out = execFileSync(process.execPath, [...NODE_OPTIONS.split(' '), '-e', CHILD, outfile], {
        cwd: dir,
        env: lambdaLikeEnv(name),
        encoding: 'utf8',
      });
      const [wall, cpu] = out.trim().split(' ').map(Number);
      times.push(wall!);
      cpuTimes.push(cpu!);
    }
    const loadMs = Math.round(median(times) * 10) / 10;
    results[name] = { bytes, loadMs };
    const flags = [bytes >= MAX_BYTES ? 'OVER 1 MB' : '', loadMs >= MAX_LOAD_MS ? 'OVER 150 ms' : ''].filter(Boolean);
    if (flags.length) overTarget = true;
    console.log(
      `${name.padEnd(10)} ${(bytes / 1024).toFixed(1).padStart(8)} KiB (map ${(mapBytes / 1024).toFixed(0)} KiB)  ` +
        `load median ${loadMs.toFixed(1).padStart(6)} ms  [min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}]  ` +
        `CPU median ${median(cpuTimes).toFixed(1)} ms` +
        (flags.length ? `  ${flags.join(', ')}` : ''),
    );
    console.log(`${''.padEnd(10)} largest parts: ${largestParts(result.metafile!, outfile)}`);
  }
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (other work inflates load times)`);
  console.log(overTarget ? 'Some bundles miss the targets (< 1 MB, < 150 ms).' : 'Every bundle is under 1 MB and loads in under 150 ms.');
  console.log(JSON.stringify({ functions: results }));
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
