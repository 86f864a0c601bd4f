#!/usr/bin/env node
// The `demarche` command: runs the bundled CLI (built by `npm ci` / `npm run build`), through a
// V8 code cache so that start-up does not compile the bundle again (bin/compile-cache.js).
// `parse` has its own small bundle (no AWS SDK, no zod) so that it starts fast; over a folder or
// many files, on a machine with few cores, it runs with a smaller V8 thread pool (bin/v8-pool.js)
// and without NODE_EXTRA_CA_CERTS, which Node would otherwise read at start-up for nothing.
const { statSync } = require('node:fs');
const path = require('node:path');
const { requireCached } = require('./compile-cache');
const { parseEnv, relaunchWithPool } = require('./v8-pool');

const args = process.argv.slice(2);
const isParse = args[0] === 'parse';
const isFolder = (p) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};
const bigParse = isParse && (args.length > 25 || args.slice(1).some((a) => !a.startsWith('-') && isFolder(a)));

if (!(bigParse && relaunchWithPool(__filename, args, parseEnv()))) {
  requireCached(path.join(__dirname, '..', 'dist', isParse ? 'parse.js' : 'cli.js'));
}
