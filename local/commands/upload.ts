/** `demarche upload` (interfaces.md). */
import type { Command } from 'commander';

/** Registers the `upload` command. */
export const registerUploadCommand = (program: Command): void => {
  program
    .command('upload')
    .description('not yet implemented')
    .action(() => {
      throw new Error('`upload` is not implemented yet');
    });
};
