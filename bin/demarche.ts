/** CLI entry: `npx demarche <command>` (interfaces.md). */
// `parse` takes a fast path that loads only the parser and commander (no AWS SDK, no zod): parsing the
// whole corpus must take well under 1.5 s including start-up. Every other command loads the full CLI.
const main =
  process.argv[2] === 'parse'
    ? import('../local/commands/parse').then((m) => m.runParseCli(process.argv))
    : import('../local/cli').then((m) => m.runCli(process.argv));

main.catch((error: unknown) => {
  process.stderr.write(`demarche: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
