/** CLI entry: `npx demarche <command>` (interfaces.md). */
import { runCli } from '../local/cli';

runCli(process.argv).catch((error: unknown) => {
  process.stderr.write(`demarche: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
