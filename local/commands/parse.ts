/** `demarche parse` (interfaces.md). */
import type { Command } from 'commander';

/** Registers the `parse` command. */
export const registerParseCommand = (program: Command): void => {
  program
    .command('parse')
    .description('not yet implemented')
    .action(() => {
      throw new Error('`parse` is not implemented yet');
    });
};
