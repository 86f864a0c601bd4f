import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const LOADER = path.resolve(__dirname, '../bin/compile-cache.js');

let dir = '';
let bundle = '';

/** Runs a fresh Node process that loads `bundle` through the code cache and prints its exports. */
const load = (env: NodeJS.ProcessEnv = {}): unknown => {
  const run = spawnSync(
    process.execPath,
    ['-e', `const { requireCached } = require(${JSON.stringify(LOADER)}); console.log(JSON.stringify(requireCached(${JSON.stringify(bundle)})));`],
    { encoding: 'utf8', env: { ...process.env, ...env } },
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
};

const cacheFiles = (): string[] => {
  const cacheDir = path.join(dir, '.compile-cache');
  return existsSync(cacheDir) ? readdirSync(cacheDir).sort() : [];
};

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'demarche-compile-cache-'));
  bundle = path.join(dir, 'bundle.js');
  writeFileSync(bundle, "const path = require('node:path');\nmodule.exports = { answer: 42, name: path.basename(__filename), self: module.exports === exports };\n");
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('requireCached (bin/compile-cache.js)', () => {
  it('runs the module as require would, and leaves a code cache for the next start', () => {
    expect(load()).toEqual({ answer: 42, name: 'bundle.js', self: true });
    const [cache] = cacheFiles();
    expect(cache).toMatch(/^bundle\.js-\d+-\d+-v[\d.]+-\w+\.bin$/);
    const written = statSync(path.join(dir, '.compile-cache', cache!)).mtimeMs;
    // The second start accepts the cache, so it does not write it again.
    expect(load()).toEqual({ answer: 42, name: 'bundle.js', self: true });
    expect(cacheFiles()).toEqual([cache]);
    expect(statSync(path.join(dir, '.compile-cache', cache!)).mtimeMs).toBe(written);
  });

  it('never runs a stale cache: a rebuilt bundle gets its own cache and the old one is removed', () => {
    load();
    const [old] = cacheFiles();
    writeFileSync(bundle, 'module.exports = { answer: 43, rebuilt: true };\n');
    expect(load()).toEqual({ answer: 43, rebuilt: true });
    const now = cacheFiles();
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(old);
  });

  it('ignores a corrupt cache and replaces it', () => {
    load();
    const [cache] = cacheFiles();
    const target = path.join(dir, '.compile-cache', cache!);
    writeFileSync(target, Buffer.from('not a V8 code cache at all'));
    expect(load()).toEqual({ answer: 42, name: 'bundle.js', self: true });
    expect(statSync(target).size).toBeGreaterThan(100);
  });

  it('loads with plain require, writing nothing, when DEMARCHE_COMPILE_CACHE=0', () => {
    expect(load({ DEMARCHE_COMPILE_CACHE: '0' })).toEqual({ answer: 42, name: 'bundle.js', self: true });
    expect(cacheFiles()).toEqual([]);
  });
});
