/**
 * `demarche compact [--fan-in N] [--aws …] [--json]`: compacts the search index with the offline
 * policy — bigger merges than the projector makes after each batch (fan-in 8, segments of up to
 * 2,000 transcripts, as bulk loads write), so a query reads fewer bucket items — and deletes the
 * items of retired segments whose grace period is over. The archive keeps answering throughout:
 * each merge is swapped in by one conditional manifest update, and its inputs stay readable for
 * five minutes (a later compaction, or the projector's, deletes them).
 */
import type { Command } from 'commander';
import { type Output, processOutput } from '../cli-support';
import { type ReplayTarget, resolveReplayTarget } from './replay';

/** What a compaction did. */
export interface CompactReport {
  readonly segmentsBefore: number;
  readonly segmentsAfter: number;
  readonly merged: number;
  readonly deleted: number;
  readonly writeUnits: number;
  readonly ms: number;
}

/** A fan-in a compaction cannot use. */
export class CompactOptionsError extends Error {
  override readonly name = 'CompactOptionsError';
}

/** Merges search segments under the offline policy (`fanIn` overrides its fan-in) until none is planned. */
export const compact = async (target: ReplayTarget, options: { fanIn?: number; now?: () => number } = {}): Promise<CompactReport> => {
  const started = Date.now();
  const [{ DynamoDBDocumentClient }, { DynamoViewStore }, { OFFLINE_COMPACTION }] = await Promise.all([
    import('@aws-sdk/lib-dynamodb'),
    import('../../lambdas/adapters/dynamo-views'),
    import('../../lambdas/core/projections/search'),
  ]);
  const policy = options.fanIn === undefined ? OFFLINE_COMPACTION : { ...OFFLINE_COMPACTION, fanIn: options.fanIn };
  const now = options.now ?? Date.now;
  const views = new DynamoViewStore(
    DynamoDBDocumentClient.from(target.dynamo, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } }),
    target.viewsTable,
    { manifestTtlMs: 0 },
  );
  const segments = async () => (await views.searchIndexVersion()).split(',').filter(Boolean).length;
  const segmentsBefore = await segments();
  let merged = 0;
  let deleted = 0;
  let writeUnits = 0;
  for (;;) {
    // Each call makes at most a couple of merges; none planned (or a race lost) ends the run.
    const report = await views.compactSearch(now(), policy);
    merged += report.merged;
    deleted += report.deleted;
    writeUnits += report.writeUnits;
    if (report.merged === 0) break;
  }
  return { segmentsBefore, segmentsAfter: await segments(), merged, deleted, writeUnits, ms: Date.now() - started };
};

/** Registers the `compact` command. */
export const registerCompactCommand = (program: Command, output: Output = processOutput): void => {
  program
    .command('compact')
    .description('merge the search index’s small segments (offline policy) and delete retired ones past their grace period')
    .option('--fan-in <n>', 'merge a size tier once it holds this many segments (default 8)')
    .option('--aws', 'run against AWS with your credentials instead of the local archive')
    .option('--views-table <name>', 'views table in AWS (default VIEWS_TABLE)')
    .option('--json', 'print the report as JSON')
    .action(async (o: { fanIn?: string; aws?: boolean; viewsTable?: string; json?: boolean }) => {
      const fanIn = o.fanIn === undefined ? undefined : Number(o.fanIn);
      if (fanIn !== undefined && !(Number.isInteger(fanIn) && fanIn >= 2 && fanIn <= 64)) {
        throw new CompactOptionsError(`--fan-in must be a whole number from 2 to 64, not ${JSON.stringify(o.fanIn)}`);
      }
      const target = await resolveReplayTarget(o, { events: false });
      try {
        if (!o.json) output.out(`compacting the search index of ${target.description}`);
        const report = await compact(target, { fanIn });
        if (o.json) output.out(JSON.stringify(report));
        else {
          output.out(
            `${report.segmentsBefore} → ${report.segmentsAfter} live segment(s): ${report.merged} merged, ${report.deleted} retired one(s) deleted, ` +
              `${report.writeUnits.toFixed(1)} write units, ${(report.ms / 1000).toFixed(1)} s`,
          );
        }
      } finally {
        await target.close();
      }
    });
};
