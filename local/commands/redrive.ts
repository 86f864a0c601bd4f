/**
 * `demarche redrive [--list] [--json]`: sends dead-lettered ingest messages back to the ingest
 * queue, as SQS's dead-letter-queue redrive does. An upload lands in the dead-letter store when
 * ingesting it failed on every receive (S3 or DynamoDB down for minutes); once the cause is gone,
 * redrive ingests it again. Ingestion is idempotent, so redriving an upload that was archived
 * meanwhile archives nothing twice.
 *
 * Local archive: the queue belongs to the running `npm start`, so the command leaves a request in
 * the data directory and the archive answers it within a second; when the archive is stopped, the
 * request is answered at its next start. `--list` only shows what is waiting.
 * AWS (`--aws`): starts an SQS message-move task from the ingest dead-letter queue
 * (`--dead-letter-queue ARN`, or INGEST_DLQ_ARN; the stack outputs it as IngestDeadLetterQueueArn)
 * back to the queue it came from.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { objectsCreatedIn } from '../../lambdas/adapters/s3-notification';
import { type Output, processOutput } from '../cli-support';
import { dataDirFromEnv, dataDirLayout, readRuntimeInfo, type DataDirLayout } from '../runtime/data-dir';
import { pendingDeadLetters, type DeadLetter } from '../runtime/sqs-simulator';

interface RedriveOptions {
  list?: boolean;
  json?: boolean;
  aws?: boolean;
  deadLetterQueue?: string;
  waitMs?: number;
}

/** The redrive cannot be done as asked. */
export class RedriveError extends Error {
  override readonly name = 'RedriveError';
}

/** One dead-lettered upload, as listed. */
export interface DeadLetterSummary {
  readonly messageId: string;
  /** The object keys the message announced (one per S3 record). */
  readonly keys: readonly string[];
  readonly receiveCount: number;
  readonly deadAt: string;
  readonly lastError?: string;
}

/** The keys an S3 notification body names (decoded), or none when it is not one. */
export const keysOfNotification = (body: string): string[] => {
  try {
    return objectsCreatedIn(body).map((o) => o.key);
  } catch {
    return [];
  }
};

const summarize = (letter: DeadLetter): DeadLetterSummary => ({
  messageId: letter.messageId,
  keys: keysOfNotification(letter.body),
  receiveCount: letter.receiveCount,
  deadAt: new Date(letter.deadAt).toISOString(),
  ...(letter.lastError ? { lastError: letter.lastError } : {}),
});

/** The local dead letters not redriven yet. */
export const localDeadLetters = (layout: DataDirLayout): DeadLetterSummary[] =>
  pendingDeadLetters(layout.deadLetters, layout.redriven).map(summarize);

/** What a local redrive request came to. */
export interface LocalRedriveResult {
  /** Dead letters waiting when the request was made. */
  readonly requested: number;
  /** Whether a running archive took the request (else it waits for the next start). */
  readonly answered: boolean;
}

/**
 * Asks the local archive to send its dead letters back to the queue, and waits up to `waitMs` for
 * a running archive to take the request.
 */
export const requestLocalRedrive = async (layout: DataDirLayout, waitMs = 10_000): Promise<LocalRedriveResult> => {
  const requested = localDeadLetters(layout).length;
  if (requested === 0) return { requested, answered: true };
  mkdirSync(path.dirname(layout.redriveRequest), { recursive: true });
  writeFileSync(layout.redriveRequest, `${new Date().toISOString()}\n`);
  if (!readRuntimeInfo(layout)) return { requested, answered: false };
  const deadline = Date.now() + waitMs;
  while (existsSync(layout.redriveRequest)) {
    if (Date.now() > deadline) return { requested, answered: false };
    await new Promise((r) => setTimeout(r, 100));
  }
  return { requested, answered: true };
};

/** Starts the SQS message-move task from an ingest dead-letter queue back to its source queue. */
export const redriveAws = async (deadLetterQueueArn: string): Promise<{ taskHandle?: string }> => {
  const { SQSClient, StartMessageMoveTaskCommand } = await import('@aws-sdk/client-sqs');
  const sqs = new SQSClient({});
  try {
    const out = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: deadLetterQueueArn }));
    return out.TaskHandle ? { taskHandle: out.TaskHandle } : {};
  } finally {
    sqs.destroy();
  }
};

/** Registers the `redrive` command. */
export const registerRedriveCommand = (program: Command, output: Output = processOutput): void => {
  program
    .command('redrive')
    .description('send dead-lettered uploads (ingest failed on every attempt) back to the ingest queue')
    .option('--list', 'only list the dead-lettered uploads')
    .option('--aws', 'redrive the ingest dead-letter queue in AWS (your credentials)')
    .option('--dead-letter-queue <arn>', 'the ingest dead-letter queue in AWS (default INGEST_DLQ_ARN; stack output IngestDeadLetterQueueArn)')
    .option('--json', 'print JSON')
    .action(async (o: RedriveOptions) => {
      if (o.aws) {
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
        const arn = o.deadLetterQueue ?? process.env.INGEST_DLQ_ARN;
        if (!arn) throw new RedriveError('--aws needs --dead-letter-queue <arn> (or INGEST_DLQ_ARN): the stack output IngestDeadLetterQueueArn');
        if (o.list) throw new RedriveError('--list reads the local archive; in AWS, look at the queue in the SQS console');
        const task = await redriveAws(arn);
        output.out(o.json ? JSON.stringify(task) : `started moving the messages of ${arn} back to the ingest queue${task.taskHandle ? ` (task ${task.taskHandle})` : ''}`);
        return;
      }
      const layout = dataDirLayout(dataDirFromEnv());
      if (!existsSync(layout.root)) throw new RedriveError(`no local archive in ${layout.root}: run \`npm start\` first`);
      if (o.list) {
        const letters = localDeadLetters(layout);
        if (o.json) output.out(JSON.stringify(letters));
        else if (letters.length === 0) output.out('no dead-lettered uploads');
        else for (const l of letters) output.out(`${l.deadAt}  ${l.keys.join(', ') || '(not an S3 notification)'}  after ${l.receiveCount} receives: ${l.lastError ?? 'failed'}`);
        return;
      }
      const result = await requestLocalRedrive(layout);
      if (o.json) output.out(JSON.stringify(result));
      else if (result.requested === 0) output.out('no dead-lettered uploads');
      else if (result.answered) output.out(`sent ${result.requested} dead-lettered upload(s) back to the ingest queue`);
      else output.out(`${result.requested} dead-lettered upload(s) will go back to the ingest queue when the archive starts (npm start)`);
    });
};
