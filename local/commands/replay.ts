/** `demarche replay` (interfaces.md). */
import type { Command } from 'commander';

/** Registers the `replay` command. */
export const registerReplayCommand = (program: Command): void => {
  program
    .command('replay')
    .description('not yet implemented')
    .action(() => {
      throw new Error('`replay` is not implemented yet');
    });
};
