/**
 * `demarche query` (interfaces.md): transcripts, one transcript, its events, topics, mentions of a
 * topic and statement search, through the API. Readable tables by default, `--json` for scripts;
 * `--limit`, `--cursor` and `--all` page through listings.
 */
import type { Command } from 'commander';
import { type ApiClient, itemsOf } from '../api-client';
import { clientFor, type Column, field, type Output, positiveInt, processOutput, renderTable, type TargetOptions, withTargetOptions } from '../cli-support';

interface PageOptions extends TargetOptions {
  json?: boolean;
  limit?: number;
  cursor?: string;
  all?: boolean;
}

interface TranscriptFilters extends PageOptions {
  topic?: string;
  entity?: string;
  from?: string;
  to?: string;
}

type Row = Record<string, unknown>;

const dateOf = (row: unknown): string => field(row, 'date').slice(0, 10);

/** A transcript's topics, strongest first. */
const topicsByScore = (row: unknown): string => {
  const topics = (row as Row).topics;
  if (!Array.isArray(topics)) return field(row, 'topics');
  return [...topics]
    .sort((a, b) => Number((b as Row).score ?? 0) - Number((a as Row).score ?? 0))
    .map((t) => (typeof t === 'string' ? t : field(t, 'topic')))
    .join(', ');
};

/** Columns of each listing. */
export const COLUMNS = {
  transcripts: [
    { heading: 'DATE', value: dateOf },
    { heading: 'ID', value: (r) => field(r, 'id', 'transcriptId') },
    { heading: 'TITLE', value: (r) => field(r, 'title'), flex: 2 },
    { heading: 'STMTS', value: (r) => field(r, 'statementCount') },
    { heading: 'TOPICS', value: topicsByScore, flex: 1 },
  ],
  topics: [
    { heading: 'TOPIC', value: (r) => field(r, 'topic', 'id') },
    { heading: 'MENTIONS', value: (r) => field(r, 'mentions', 'mentionCount', 'count') || '0' },
    { heading: 'TRANSCRIPTS', value: (r) => field(r, 'transcripts') || '0' },
    { heading: 'FIRST SEEN', value: (r) => field(r, 'firstSeen').slice(0, 10) },
    { heading: 'LAST SEEN', value: (r) => field(r, 'lastSeen').slice(0, 10) },
  ],
  statements: [
    { heading: 'DATE', value: dateOf },
    { heading: 'TRANSCRIPT', value: (r) => field(r, 'transcriptId') },
    { heading: 'SEQ', value: (r) => field(r, 'seq') },
    { heading: 'TITLE', value: (r) => field(r, 'title'), flex: 1 },
    { heading: 'TEXT', value: (r) => field(r, 'text'), flex: 3 },
  ],
  events: [
    { heading: 'VERSION', value: (r) => field(r, 'version') },
    { heading: 'TYPE', value: (r) => field(r, 'type') },
    { heading: 'OCCURRED', value: (r) => field(r, 'occurredAt') },
    { heading: 'DATA', value: (r) => JSON.stringify((r as Row).data ?? {}), flex: 1 },
  ],
} satisfies Record<string, Column<unknown>[]>;

/** Prints a listing: one page (or every page with --all), as a table or JSON. */
export const printListing = async (
  client: ApiClient,
  route: string,
  query: Record<string, string | number | undefined>,
  options: PageOptions,
  columns: readonly Column<unknown>[],
  output: Output,
): Promise<void> => {
  const items: unknown[] = [];
  let nextCursor: string | undefined;
  for await (const page of client.pages<unknown>(route, { ...query, limit: options.limit, cursor: options.cursor })) {
    items.push(...page.items);
    nextCursor = page.nextCursor;
    if (!options.all) break;
  }
  if (options.json) {
    output.out(JSON.stringify(nextCursor && !options.all ? { items, nextCursor } : { items }));
    return;
  }
  if (items.length === 0) {
    output.out('(nothing found)');
    return;
  }
  for (const line of renderTable(items, columns)) output.out(line);
  if (nextCursor && !options.all) output.err(`more: --cursor ${nextCursor}  (or --all)`);
};

const pageOptions = (command: Command): Command =>
  withTargetOptions(command)
    .option('--json', 'print JSON instead of a table')
    .option('--limit <n>', 'items per page', positiveInt)
    .option('--cursor <cursor>', 'continue from a previous page')
    .option('--all', 'follow every page');

/** Prints one transcript in full. */
export const printTranscript = (t: Row, output: Output): void => {
  output.out(`${field(t, 'title') || '(untitled)'}`);
  const facts: Array<[string, string]> = [
    ['id', field(t, 'id', 'transcriptId')],
    ['date', field(t, 'date')],
    ['location', field(t, 'location')],
    ['revision', field(t, 'revision')],
    ['speakers', field(t, 'speakers')],
    ['topics', field(t, 'topics')],
    ['entities', field(t, 'entities')],
  ];
  for (const [name, value] of facts) if (value) output.out(`  ${name.padEnd(9)} ${value}`);
  const statements = Array.isArray(t.statements) ? (t.statements as Row[]) : [];
  output.out('');
  for (const s of statements) {
    const speaker = field(s, 'speaker');
    output.out(`[${field(s, 'seq')}] ${speaker ? `${speaker}: ` : ''}${field(s, 'text')}`);
  }
};

/** Registers the `query` command and its subcommands. */
export const registerQueryCommand = (program: Command, output: Output = processOutput): void => {
  const query = program.command('query').description('query the archive: transcripts, topics, mentions, search');

  pageOptions(query.command('transcripts').description('transcripts, newest first'))
    .option('--topic <id>', 'only those mentioning a topic')
    .option('--entity <name>', 'only those mentioning a person, organization or place')
    .option('--from <date>', 'from this day (YYYY-MM-DD)')
    .option('--to <date>', 'up to this day (YYYY-MM-DD)')
    .action(async (o: TranscriptFilters) => {
      await printListing(clientFor(o), '/transcripts', { topic: o.topic, entity: o.entity, from: o.from, to: o.to }, o, COLUMNS.transcripts, output);
    });

  withTargetOptions(query.command('transcript').argument('<id>', 'transcript id').description('one transcript with its statements'))
    .option('--json', 'print JSON')
    .action(async (id: string, o: PageOptions) => {
      const t = await clientFor(o).get<Row>(`/transcripts/${encodeURIComponent(id)}`);
      if (o.json) output.out(JSON.stringify(t));
      else printTranscript(t, output);
    });

  pageOptions(query.command('events').argument('<id>', 'transcript id').description("a transcript's event stream, in version order")).action(
    async (id: string, o: PageOptions) => {
      await printListing(clientFor(o), `/transcripts/${encodeURIComponent(id)}/events`, {}, o, COLUMNS.events, output);
    },
  );

  withTargetOptions(query.command('topics').description('every topic with its mention count, first and last seen'))
    .option('--json', 'print JSON')
    .option('--seen', 'only topics that were mentioned')
    .action(async (o: PageOptions & { seen?: boolean }) => {
      const body = await clientFor(o).get<unknown>('/topics');
      let topics = itemsOf<Row>(body);
      if (o.seen) topics = topics.filter((t) => Number(field(t, 'mentions', 'mentionCount', 'count') || 0) > 0);
      if (o.json) output.out(JSON.stringify({ items: topics }));
      else for (const line of renderTable(topics, COLUMNS.topics)) output.out(line);
    });

  pageOptions(query.command('mentions').argument('<topic>', 'topic id (see `query topics`)').description('statements that mention a topic'))
    .option('--from <date>', 'from this day (YYYY-MM-DD)')
    .option('--to <date>', 'up to this day (YYYY-MM-DD)')
    .action(async (topic: string, o: TranscriptFilters) => {
      await printListing(clientFor(o), `/topics/${encodeURIComponent(topic)}/mentions`, { from: o.from, to: o.to }, o, COLUMNS.statements, output);
    });

  pageOptions(query.command('search').argument('<words...>', 'words, or a "quoted phrase"').description('statements matching words or a phrase')).action(
    async (words: string[], o: PageOptions) => {
      await printListing(clientFor(o), '/search', { q: words.join(' ') }, o, COLUMNS.statements, output);
    },
  );
};
