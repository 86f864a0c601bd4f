/** `demarche parse PATH... [--json]` (interfaces.md): parses transcripts offline, without any store. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import type { StoredEvent } from '../../lambdas/core/events';
import { sha256Hex, transcriptIdFor } from '../../lambdas/core/ids';
import { transcriptEvents } from '../../lambdas/core/transcript-events';
import { type Rendered, renderInParallel, workerCount } from '../parse-workers';

/** The bucket name local files are reported under. */
export const LOCAL_BUCKET = 'local';
/** Files taken from folders: plain-text transcripts. Files named explicitly are parsed whatever their name. */
const TEXT_FILE = /\.(?:txt|text)$/iu;
const OUTPUT_CHUNK = 1 << 21;

/** Expands files and folders (recursively, text files only, in name order) into a list of files. */
export const collectFiles = (paths: readonly string[]): { files: string[]; missing: string[] } => {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && TEXT_FILE.test(entry.name)) files.push(full);
    }
  };
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      missing.push(path);
      continue;
    }
    if (stat.isDirectory()) walk(path);
    else files.push(path);
  }
  return { files, missing };
};

/** The events `demarche parse` reports for one local file: revision 1 of stream `transcript/<id>`. */
export const parseLocalFile = (file: string): StoredEvent[] => {
  const bytes = readFileSync(file);
  const receivedAtMs = Math.floor(statSync(file).mtimeMs);
  const sha256 = sha256Hex(bytes);
  return transcriptEvents({
    transcriptId: transcriptIdFor(LOCAL_BUCKET, file),
    revision: 1,
    source: { bucket: LOCAL_BUCKET, key: file, etag: sha256 },
    sha256,
    bytes,
    metadata: {},
    receivedAtMs,
    startVersion: 1,
  });
};

const list = (items: readonly string[], max = 12): string =>
  items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} … (+${items.length - max})`;

/** A readable summary of one file's events. */
export const summarise = (file: string, events: readonly StoredEvent[]): string => {
  const lines: string[] = [file];
  const topics: string[] = [];
  const entities: Record<string, string[]> = { person: [], place: [], organization: [] };
  const meetings: string[] = [];
  const awards: string[] = [];
  for (const event of events) {
    switch (event.type) {
      case 'TranscriptParsed': {
        const d = event.data;
        lines.push(`  title:      ${d.title}`);
        if (d.date || d.location) lines.push(`  dateline:   ${[d.date, d.location].filter(Boolean).join(' · ')}`);
        if (d.speakers.length > 0) lines.push(`  speakers:   ${list(d.speakers)}`);
        lines.push(`  statements: ${d.statementCount} (${d.wordCount} words, ${d.language}${d.encoding ? `, ${d.encoding}` : ''})`);
        break;
      }
      case 'TranscriptRejected':
        lines.push(`  rejected:   ${event.data.reason} (${event.data.detail})`);
        break;
      case 'TopicDetected':
        topics.push(`${event.data.topic} ${event.data.score.toFixed(2)}`);
        break;
      case 'EntityMentioned':
        (entities[event.data.kind] ??= []).push(event.data.title ? `${event.data.name} (${event.data.title})` : event.data.name);
        break;
      case 'MeetingReported':
        meetings.push(`#${event.data.statementSeq} ${event.data.participants.join(' & ')}${event.data.place ? ` in ${event.data.place}` : ''}`);
        break;
      case 'AwardPresented':
        awards.push(
          `${event.data.award} → ${event.data.recipient}${event.data.recipientOrganization ? ` (${event.data.recipientOrganization})` : ''}`,
        );
        break;
      default:
        break;
    }
  }
  if (topics.length > 0) lines.push(`  topics:     ${list(topics, 20)}`);
  for (const kind of ['person', 'organization', 'place'] as const) {
    const names = entities[kind] ?? [];
    if (names.length > 0) lines.push(`  ${`${kind === 'organization' ? 'orgs' : `${kind}s`}:`.padEnd(12)}${list(names, 20)}`);
  }
  if (meetings.length > 0) lines.push(`  meetings:   ${list(meetings, 8)}`);
  if (awards.length > 0) lines.push(`  awards:     ${list(awards, 8)}`);
  return `${lines.join('\n')}\n\n`;
};

/**
 * Where output goes. It returns true when it is done with the chunk it was given (written it out or
 * copied it), so that the chunk's memory may be filled again; anything else keeps the chunk as given.
 */
export type OutputSink = (chunk: string | Uint8Array) => boolean | void;

/**
 * Writes output in large chunks: each text is encoded (UTF-8) straight into a buffer of about two
 * megabytes, which is written when the next text would not fit. No joined copy of the texts is
 * made. The buffer is filled again when the sink says it is done with it (stdout to a file or
 * /dev/null writes at once; a pipe may keep part of a chunk queued), else replaced by a fresh one:
 * the corpus's 20 MB of JSON in fresh buffers cost ~45 ms of page faults on a cold run.
 */
class ChunkedWriter {
  private buffer = Buffer.allocUnsafe(OUTPUT_CHUNK);
  private used = 0;
  constructor(private readonly write: OutputSink) {}
  push(text: string): void {
    // A UTF-16 code unit takes at most three bytes in UTF-8 (a surrogate pair, two units, four).
    const worst = text.length * 3;
    if (worst > OUTPUT_CHUNK - this.used) this.flush();
    if (worst > OUTPUT_CHUNK) this.write(text);
    else this.used += this.buffer.write(text, this.used);
  }
  flush(): void {
    if (this.used === 0) return;
    const done = this.write(this.buffer.subarray(0, this.used));
    if (done !== true) this.buffer = Buffer.allocUnsafe(OUTPUT_CHUNK);
    this.used = 0;
  }
}

/** Standard output as a sink: done with a chunk when the stream holds none of it (it wrote it at once). */
const stdoutSink: OutputSink = (chunk) => {
  process.stdout.write(chunk);
  return process.stdout.writableLength === 0;
};

/** One file's output: its JSON line or its summary, or a warning when it cannot be read. */
export const renderFile = (file: string, json: boolean): Rendered => {
  let events: StoredEvent[];
  try {
    events = parseLocalFile(file);
  } catch (error) {
    return { warning: `demarche parse: cannot read ${file}: ${(error as Error).message}` };
  }
  return json ? { text: JSON.stringify({ file, events }), newline: true } : { text: summarise(file, events) };
};

/** Where worker threads can be started from: the bundle's own file (set by its entry), else nowhere. */
let workerScript: string | undefined;

/** Lets the bundled entry run `parse` on several cores (workers run the same bundle). */
export const enableParseWorkers = (script: string): void => {
  workerScript = script;
};

/** Runs the parse command; returns the exit code (1 when a path does not exist). */
export const runParse = (
  paths: readonly string[],
  options: { json?: boolean },
  write: OutputSink = stdoutSink,
  warn: (message: string) => void = (message) => process.stderr.write(`${message}\n`),
): number => {
  const { files, missing } = collectFiles(paths);
  for (const path of missing) warn(`demarche parse: no such file or folder: ${path}`);
  const out = new ChunkedWriter(write);
  const json = options.json === true;
  const workers = workerScript ? workerCount(files.length) : 0;
  const push = (rendered: Rendered): void => {
    if (rendered.text) out.push(rendered.text);
    if (rendered.newline) out.push('\n');
  };
  if (workerScript && workers > 0) {
    renderInParallel(workerScript, files, json, workers, renderFile, push, warn);
  } else {
    for (const file of files) {
      const rendered = renderFile(file, json);
      if (rendered.warning) warn(rendered.warning);
      push(rendered);
    }
  }
  out.flush();
  return missing.length > 0 ? 1 : 0;
};

/** Registers the `parse` command. */
export const registerParseCommand = (program: Command): void => {
  program
    .command('parse')
    .description('parse transcript files or folders offline (folders: *.txt recursively) and print their events')
    .argument('<paths...>', 'files or folders')
    .option('--json', 'print one JSON line per file: {"file", "events"}')
    .action((paths: string[], options: { json?: boolean }) => {
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') process.exit(0);
        throw error;
      });
      const code = runParse(paths, options);
      if (code !== 0) process.exitCode = code;
    });
};

/** Entry of the `demarche parse` fast path: a program with only this command, so start-up loads nothing else. */
export const runParseCli = async (argv: readonly string[]): Promise<void> => {
  const program = new Command('demarche').description('Archive of diplomatic statements with topic webhooks');
  registerParseCommand(program);
  await program.parseAsync(argv as string[]);
};
