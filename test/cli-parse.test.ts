import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventSchemas, transcriptStream, type StoredEvent } from '../lambdas/core/events';
import { sha256Hex, transcriptIdFor } from '../lambdas/core/ids';
import { build } from 'esbuild';
import { buildProgram } from '../local/cli';
import { renderFile, runParse } from '../local/commands/parse';

const FIXTURES = path.resolve(__dirname, '../fixtures/parser');

let dir = '';
let out = '';
let err = '';

/** Runs `demarche parse …` through the real command registry, capturing what it prints. */
const runCli = async (...args: string[]): Promise<number> => {
  out = '';
  err = '';
  process.exitCode = undefined;
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  try {
    await buildProgram().exitOverride().parseAsync(['node', 'demarche', 'parse', ...args]);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return code;
};

const jsonLines = (): { file: string; events: StoredEvent[] }[] =>
  out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { file: string; events: StoredEvent[] });

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'demarche-parse-'));
  mkdirSync(path.join(dir, 'briefings'));
  copyFileSync(path.join(FIXTURES, 'briefing-with-chrome.txt'), path.join(dir, 'briefings', 'briefing-with-chrome.txt'));
  copyFileSync(path.join(FIXTURES, 'joint-remarks.txt'), path.join(dir, 'joint-remarks.txt'));
  copyFileSync(path.join(FIXTURES, 'readout.txt'), path.join(dir, 'readout.txt'));
  writeFileSync(path.join(dir, 'notes.md'), '# Not a transcript\n\nFolders only yield *.txt files.\n');
  writeFileSync(path.join(dir, 'picture.txt'), Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('demarche parse --json', () => {
  it('prints one JSON line per text file of a folder, recursively and in name order', async () => {
    expect(await runCli(dir, '--json')).toBe(0);
    const lines = jsonLines();
    expect(lines.map((l) => path.relative(dir, l.file))).toEqual([
      path.join('briefings', 'briefing-with-chrome.txt'),
      'joint-remarks.txt',
      'picture.txt',
      'readout.txt',
    ]);
  });

  it('prints full envelopes: TranscriptReceived first with a local source, versions 1..n, one stream per file', async () => {
    await runCli(dir, '--json');
    for (const { file, events } of jsonLines()) {
      const bytes = readFileSync(file);
      const id = transcriptIdFor('local', file);
      expect(events[0]).toMatchObject({
        type: 'TranscriptReceived',
        stream: transcriptStream(id),
        version: 1,
        data: { transcriptId: id, revision: 1, source: { bucket: 'local', key: file, etag: sha256Hex(bytes) }, bytes: bytes.length },
      });
      expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
      expect(new Set(events.map((e) => e.stream))).toEqual(new Set([`transcript/${id}`]));
      for (const e of events) expect(eventSchemas().storedEvent.safeParse(e).success).toBe(true);
    }
  });

  it('reports the parsed transcript and its statements, or the rejection', async () => {
    await runCli(dir, '--json');
    const byName = new Map(jsonLines().map((l) => [path.basename(l.file), l.events]));
    const briefing = byName.get('briefing-with-chrome.txt')!;
    expect(briefing[1]).toMatchObject({
      type: 'TranscriptParsed',
      data: { title: 'Department Press Briefing – March 3, 2023', date: '2023-03-03', location: 'Washington, D.C.', speakers: ['Mara Ellison'], statementCount: 9, language: 'en' },
    });
    expect(briefing.filter((e) => e.type === 'StatementRecorded')).toHaveLength(9);
    expect(byName.get('picture.txt')!.map((e) => e.type)).toEqual(['TranscriptReceived', 'TranscriptRejected']);
    expect(byName.get('picture.txt')![1]).toMatchObject({ data: { reason: 'unsupported-type' } });
  });

  it('parses a file named explicitly whatever its extension', async () => {
    await runCli(path.join(dir, 'notes.md'), '--json');
    const lines = jsonLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]!.events[1]!.type).toBe('TranscriptParsed');
  });

  it('gives the same envelopes for the same file twice (deterministic ids)', async () => {
    await runCli(path.join(dir, 'readout.txt'), '--json');
    const first = out;
    await runCli(path.join(dir, 'readout.txt'), '--json');
    expect(out).toBe(first);
  });
});

describe('demarche parse (summary)', () => {
  it('prints a readable summary with title, dateline, speakers and statement count', async () => {
    expect(await runCli(path.join(dir, 'joint-remarks.txt'), path.join(dir, 'picture.txt'))).toBe(0);
    expect(out).toContain('joint-remarks.txt');
    expect(out).toMatch(/dateline:\s+2023-05-14 · Tarnow, Estmark/);
    expect(out).toMatch(/speakers:\s+Rowan T\. Hartwell, Ilse Varga/);
    expect(out).toMatch(/statements:\s+4 \(/);
    expect(out).toMatch(/rejected:\s+unsupported-type/);
  });

  it('exits with 1 and names a path that does not exist, still parsing the others', async () => {
    expect(await runCli(path.join(dir, 'missing.txt'), path.join(dir, 'readout.txt'))).toBe(1);
    expect(err).toContain('missing.txt');
    expect(out).toContain('readout.txt');
  });
});

describe('runParse output', () => {
  const FILES = ['a.txt', 'b.txt', 'c.txt'];
  /** A folder of three ~0.8 MB transcripts of the paragraph repeated, and the output runParse must give for it. */
  const bigFolder = (name: string, paragraph: string, repeat: number): { folder: string; expected: string } => {
    const folder = path.join(dir, name);
    mkdirSync(folder);
    const text = `Remarks on Trade\n\n${Array.from({ length: 3000 }, (_, k) => `${paragraph.repeat(repeat)}${k}.`).join('\n\n')}\n`;
    for (const file of FILES) writeFileSync(path.join(folder, file), text);
    return { folder, expected: FILES.map((file) => `${renderFile(path.join(folder, file), true).text}\n`).join('') };
  };

  it('writes multi-megabyte output in chunks that split no line and no UTF-8 character', () => {
    // Statements full of characters outside ASCII (two and three bytes in UTF-8).
    const { folder, expected } = bigFolder('big', 'Minister Ngozi Okonjo-Iweala said: “Trade is how we’ll rebuild — café, naïve, Zürich.” ', 3);
    const chunks: Buffer[] = [];
    runParse([folder], { json: true }, (chunk) => void chunks.push(Buffer.from(chunk)), () => undefined);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(expected);
    for (const chunk of chunks) expect(chunk.toString('utf8')).not.toContain('\ufffd');
  });

  it('fills one buffer again when the sink is done with each chunk, and a fresh one when it keeps them', () => {
    const { folder: big, expected } = bigFolder('reuse', 'The Minister’s remarks on trade — in Zürich and São Paulo — were brief. ', 4);

    const copies: Buffer[] = [];
    const given = new Set<ArrayBufferLike>();
    runParse([big], { json: true }, (chunk) => {
      if (typeof chunk !== 'string') given.add(chunk.buffer);
      copies.push(Buffer.from(chunk));
      return true;
    }, () => undefined);
    expect(copies.length).toBeGreaterThan(1);
    expect(given.size).toBe(1);
    expect(Buffer.concat(copies).toString('utf8')).toBe(expected);

    const kept: Uint8Array[] = [];
    runParse([big], { json: true }, (chunk) => void kept.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk), () => undefined);
    expect(new Set(kept.map((chunk) => chunk.buffer)).size).toBe(kept.length);
    expect(Buffer.concat(kept).toString('utf8')).toBe(expected);
  });
});

describe('the bundled demarche parse (dist/parse.js)', () => {
  it('parses a folder of many files on worker threads with output identical to a sequential run', async () => {
    // Bundle the parse entry privately, as `npm run build` does, so workers can start from it.
    const bundle = path.join(dir, 'bundle', 'parse.js');
    await build({
      entryPoints: [path.resolve(__dirname, '../local/parse-main.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
    });
    const many = path.join(dir, 'many');
    mkdirSync(many);
    const samples = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'));
    for (let i = 0; i < 40; i++) {
      const sample = samples[i % samples.length]!;
      copyFileSync(path.join(FIXTURES, sample), path.join(many, `${String(i).padStart(2, '0')}-${sample}`));
    }
    const run = spawnSync(process.execPath, [bundle, 'parse', many, '--json'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, DEMARCHE_PARSE_WORKERS: '2' },
    });
    expect(run.status).toBe(0);
    let sequential = '';
    runParse([many], { json: true }, (chunk) => void (sequential += chunk), () => undefined);
    expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(40);
    expect(run.stdout).toBe(sequential);
  });
});
