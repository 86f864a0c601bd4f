#!/usr/bin/env node
// The `demarche` command: runs the bundled CLI (built by `npm ci` / `npm run build`).
// `parse` has its own small bundle (no AWS SDK, no zod) so that it starts fast.
require(process.argv[2] === 'parse' ? '../dist/parse.js' : '../dist/cli.js');
