/**
 * Entry of dist/parse.js: `demarche parse` in its own small bundle (parser + commander only), so it
 * starts fast. The same file runs the worker threads that parse on the other cores.
 */
import './parse-flags';
import { enableParseWorkers, renderFile, runParseCli } from './commands/parse';
import { isParseWorker, runParseWorker } from './parse-workers';

if (isParseWorker()) {
  runParseWorker(renderFile);
} else {
  enableParseWorkers(__filename);
  runParseCli(process.argv).catch((error: unknown) => {
    process.stderr.write(`demarche: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
