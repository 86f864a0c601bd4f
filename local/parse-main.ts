/** Entry of dist/parse.js: `demarche parse` in its own small bundle (parser + commander only), so it starts fast. */
import { runParseCli } from './commands/parse';

runParseCli(process.argv).catch((error: unknown) => {
  process.stderr.write(`demarche: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
