/** The demarche CLI (interfaces.md): parse, upload, subscribe, query, replay, compact and redrive. */
import { Command } from 'commander';
import { registerCompactCommand } from './commands/compact';
import { registerParseCommand } from './commands/parse';
import { registerQueryCommand } from './commands/query';
import { registerRedriveCommand } from './commands/redrive';
import { registerReplayCommand } from './commands/replay';
import { registerSubscribeCommand } from './commands/subscribe';
import { registerUploadCommand } from './commands/upload';

/** Builds the CLI program with every command. */
export const buildProgram = (): Command => {
  const program = new Command('demarche')
    .description('Archive of diplomatic statements with topic webhooks')
    .version('0.1.0');
  registerParseCommand(program);
  registerUploadCommand(program);
  registerSubscribeCommand(program);
  registerQueryCommand(program);
  registerReplayCommand(program);
  registerCompactCommand(program);
  registerRedriveCommand(program);
  return program;
};

/** Runs the CLI with the given argv. */
export const runCli = async (argv: readonly string[]): Promise<void> => {
  await buildProgram().parseAsync(argv as string[]);
};
