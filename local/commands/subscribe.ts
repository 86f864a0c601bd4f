/** `demarche subscribe` (interfaces.md). */
import type { Command } from 'commander';

/** Registers the `subscribe` command. */
export const registerSubscribeCommand = (program: Command): void => {
  program
    .command('subscribe')
    .description('not yet implemented')
    .action(() => {
      throw new Error('`subscribe` is not implemented yet');
    });
};
