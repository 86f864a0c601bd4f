#!/usr/bin/env node
// The `demarche` command: runs the bundled CLI (built by `npm ci` / `npm run build`).
require('../dist/cli.js');
