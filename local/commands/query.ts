/** `demarche query` (interfaces.md). */
import type { Command } from 'commander';

/** Registers the `query` command. */
export const registerQueryCommand = (program: Command): void => {
  program
    .command('query')
    .description('not yet implemented')
    .action(() => {
      throw new Error('`query` is not implemented yet');
    });
};
