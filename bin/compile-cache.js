// Loads a bundled CommonJS file with a V8 code cache beside it, so a command does not parse and
// compile megabytes of JavaScript at every start (Node 22's module.enableCompileCache does the same;
// Node 20 lacks it). The cache is written once, at exit of a run that found none (or a stale one),
// and holds the functions that run compiled too. It is keyed by the bundle's size and mtime and
// by Node's version, since V8 checks only the source length; any failure falls back to `require`.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const CACHE_DIR = '.compile-cache';

/** Where the cache of `file` (with this stat, on this Node) lives. */
const cachePathOf = (file, stat) =>
  path.join(path.dirname(file), CACHE_DIR, `${path.basename(file)}-${stat.size}-${Math.floor(stat.mtimeMs)}-${process.version}-${process.arch}.bin`);

/** Writes the cache atomically and removes caches of older builds of the same file. */
const writeCache = (file, target, data) => {
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, target);
  const prefix = `${path.basename(file)}-`;
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(prefix) && path.join(dir, name) !== target && !name.endsWith('.tmp')) fs.rmSync(path.join(dir, name), { force: true });
  }
};

/** `require(file)` through a code cache; `file` must be an absolute path to a CommonJS bundle. */
const requireCached = (file) => {
  if (process.env.DEMARCHE_COMPILE_CACHE === '0') return require(file);
  let source;
  let target;
  try {
    const stat = fs.statSync(file);
    target = cachePathOf(file, stat);
    source = fs.readFileSync(file, 'utf8');
  } catch {
    return require(file);
  }
  let cachedData;
  try {
    cachedData = fs.readFileSync(target);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        writeCache(file, target, script.createCachedData());
      } catch {
        // A read-only install or a full disk: run without a cache.
      }
    });
  }
  const loaded = new Module(file, module);
  loaded.filename = file;
  require.cache[file] = loaded;
  const compiled = script.runInThisContext({ displayErrors: true });
  compiled.call(loaded.exports, loaded.exports, Module.createRequire(file), loaded, file, path.dirname(file));
  loaded.loaded = true;
  return loaded.exports;
};

module.exports = { requireCached };
