#!/usr/bin/env node
// The `demarche` command: runs the bundled CLI (built by `npm ci` / `npm run build`), through a
// V8 code cache so that start-up does not compile the bundle again (bin/compile-cache.js).
// `parse` has its own small bundle (no AWS SDK, no zod) so that it starts fast.
const path = require('node:path');
const { requireCached } = require('./compile-cache');

requireCached(path.join(__dirname, '..', 'dist', process.argv[2] === 'parse' ? 'parse.js' : 'cli.js'));
