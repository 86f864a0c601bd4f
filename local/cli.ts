/** The demarche CLI (interfaces.md): parse, upload, subscribe, query, replay. */
import { Command } from 'commander';

/** Builds the CLI program; commands are registered by their own modules. */
export const buildProgram = (): Command =>
  new Command('demarche').description('Archive of diplomatic statements with topic webhooks').version('0.1.0');

/** Runs the CLI with the given argv. */
export const runCli = async (argv: readonly string[]): Promise<void> => {
  await buildProgram().parseAsync(argv as string[]);
};
