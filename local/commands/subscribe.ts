/**
 * `demarche subscribe --topic ID... --url URL [--events TYPE...]` (interfaces.md): creates a webhook
 * subscription and prints its id and signing secret, which the API shows only this once.
 */
import type { Command } from 'commander';
import { clientFor, collect, type Output, processOutput, type TargetOptions, withTargetOptions } from '../cli-support';

interface SubscribeOptions extends TargetOptions {
  topic: string[];
  url: string;
  events?: string[];
  json?: boolean;
}

/** Registers the `subscribe` command. */
export const registerSubscribeCommand = (program: Command, output: Output = processOutput): void => {
  withTargetOptions(program.command('subscribe').description('create a webhook subscription; prints its id and signing secret once'))
    .requiredOption('--topic <id...>', 'topic ids to follow (repeatable, or comma separated; `*` for all)', collect)
    .requiredOption('--url <url>', 'where to POST the webhooks')
    .option('--events <type...>', 'event types: topic.detected (default), topic.first_seen, transcript.rejected', collect)
    .option('--json', 'print the created subscription as JSON')
    .action(async (o: SubscribeOptions) => {
      const created = await clientFor(o).post<Record<string, unknown>>('/subscriptions', {
        url: o.url,
        topics: o.topic,
        ...(o.events?.length ? { events: o.events } : {}),
      });
      if (o.json) {
        output.out(JSON.stringify(created));
        return;
      }
      output.out(`subscription ${String(created.id)}`);
      output.out(`  url     ${String(created.url ?? o.url)}`);
      output.out(`  topics  ${(Array.isArray(created.topics) ? created.topics : o.topic).join(', ')}`);
      if (Array.isArray(created.events)) output.out(`  events  ${created.events.join(', ')}`);
      output.out(`  secret  ${String(created.secret)}`);
      output.out('Keep the secret: it verifies the webhook-signature header and is not shown again.');
    });
};
