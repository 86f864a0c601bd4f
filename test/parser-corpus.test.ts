import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eventSchemas, type StoredEvent } from '../lambdas/core/events';
import { sha256Hex, transcriptIdFor } from '../lambdas/core/ids';
import { decodeBytes } from '../lambdas/core/parser/decode';
import { transcriptEvents } from '../lambdas/core/transcript-events';

const CORPUS = path.resolve(__dirname, '../../shared/corpus');

interface Parsed {
  readonly name: string;
  readonly text: string;
  readonly firstLine: string;
  readonly events: StoredEvent[];
}

const corpusFiles = (): string[] =>
  readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const dir = path.join(CORPUS, d.name, 'texts');
      return readdirSync(dir)
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .map((f) => path.join(dir, f));
    });

/** A paragraph that is only a speaker label ("MR PRICE:", "Q.", "THE PRESIDENT:"). */
const BARE_LABEL = /^(?:\*\*)?(?:(?:Q|QUESTION)[:.]?|[A-Z][A-Z.'’ -]{1,60}:|THE PRESIDENT\.|The President:)(?:\*\*)?$/;
/** Lines every web page has and no speech is: navigation rows, lone buttons, markers, notes. */
const isChromeLike = (text: string): boolean =>
  /\S\s*\|\s*\S.*\|/.test(text) ||
  /^(?:Share|Print|Email|Tweet|Home|Menu|Search|Back to top|Related Articles|Skip to main content)$/i.test(text) ||
  !/\p{L}/u.test(text) ||
  /^[([][^()[\]]*[)\]]\.?$/.test(text) ||
  /^(?:[IVXLC]+|\d{1,3})\.?$/.test(text);

let parsed: Parsed[] = [];

beforeAll(() => {
  parsed = corpusFiles().map((file) => {
    const bytes = readFileSync(file);
    const decoded = decodeBytes(bytes);
    const text = decoded.ok ? decoded.text : '';
    const sha256 = sha256Hex(bytes);
    const events = transcriptEvents({
      transcriptId: transcriptIdFor('corpus', file),
      revision: 1,
      source: { bucket: 'corpus', key: path.basename(file), etag: sha256 },
      sha256,
      bytes,
      metadata: {},
      receivedAtMs: Date.UTC(2026, 0, 1),
      startVersion: 1,
    });
    return { name: path.basename(file), text, firstLine: text.split('\n', 1)[0]!.trim(), events };
  });
});

const statementsOf = (p: Parsed) => p.events.flatMap((e) => (e.type === 'StatementRecorded' ? [e.data] : []));

describe('the parser on the shared corpus', () => {
  it('reads all 450 texts', () => {
    expect(parsed).toHaveLength(450);
  });

  it('parses every text without rejection into at least one statement', () => {
    const failures = parsed
      .filter((p) => p.events[1]?.type !== 'TranscriptParsed' || statementsOf(p).length === 0)
      .map((p) => `${p.name}: ${JSON.stringify(p.events[1]?.data).slice(0, 200)}`);
    expect(failures).toEqual([]);
  });

  it('records no bare speaker label and no chrome-like line as a statement', () => {
    const failures: string[] = [];
    for (const p of parsed) {
      for (const s of statementsOf(p)) {
        if (BARE_LABEL.test(s.text) || isChromeLike(s.text)) failures.push(`${p.name} #${s.seq}: ${s.text}`);
        // The header's author line (no sentence punctuation) is not a statement.
        if (!/[.!?:]$/.test(p.firstLine) && s.text === p.firstLine) failures.push(`${p.name} #${s.seq}: header ${s.text}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('gives every statement a span that points at exactly its text in the decoded document', () => {
    const failures: string[] = [];
    for (const p of parsed) {
      let previousEnd = 0;
      for (const s of statementsOf(p)) {
        if (p.text.slice(s.span[0], s.span[1]) !== s.text) failures.push(`${p.name} #${s.seq}: span does not match`);
        if (s.span[0] < previousEnd) failures.push(`${p.name} #${s.seq}: overlaps the previous statement`);
        if (s.text !== s.text.trim() || s.text.length === 0) failures.push(`${p.name} #${s.seq}: untrimmed or empty`);
        previousEnd = s.span[1];
      }
    }
    expect(failures).toEqual([]);
  });

  it('numbers envelope versions 1..n without gaps, TranscriptReceived first, statements in order', () => {
    const failures: string[] = [];
    for (const p of parsed) {
      const stream = p.events[0]?.stream ?? '';
      if (p.events[0]?.type !== 'TranscriptReceived') failures.push(`${p.name}: first event is ${p.events[0]?.type}`);
      p.events.forEach((e, i) => {
        if (e.version !== i + 1 || e.stream !== stream) failures.push(`${p.name}: event ${i} has version ${e.version} in ${e.stream}`);
      });
      if (new Set(p.events.map((e) => e.eventId)).size !== p.events.length) failures.push(`${p.name}: duplicate event ids`);
      const seqs = statementsOf(p).map((s) => s.seq);
      if (seqs.some((seq, i) => seq !== i + 1)) failures.push(`${p.name}: statement seqs ${seqs.join(',')}`);
      const parsedEvent = p.events[1];
      if (parsedEvent?.type === 'TranscriptParsed' && parsedEvent.data.statementCount !== seqs.length) {
        failures.push(`${p.name}: statementCount ${parsedEvent.data.statementCount} != ${seqs.length}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('produces envelopes that satisfy the stored-event schema', () => {
    const failures: string[] = [];
    for (const p of parsed) {
      for (const e of p.events) {
        const result = eventSchemas().storedEvent.safeParse(e);
        if (!result.success) failures.push(`${p.name} v${e.version} ${e.type}: ${result.error.message.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('finds speakers wherever the text gives speaker turns, and detects English', () => {
    const speakerTurns = parsed.filter((p) => /^(?:MR\.? PRICE|SECRETARY BLINKEN|THE PRESIDENT):/m.test(p.text));
    expect(speakerTurns.length).toBeGreaterThan(50);
    const withoutSpeakers = speakerTurns.filter((p) => {
      const data = p.events[1]?.type === 'TranscriptParsed' ? p.events[1].data : undefined;
      return !data || data.speakers.length === 0;
    });
    expect(withoutSpeakers.map((p) => p.name)).toEqual([]);
    const language = parsed.filter((p) => p.events[1]?.type === 'TranscriptParsed' && p.events[1].data.language !== 'en');
    expect(language.map((p) => p.name)).toEqual([]);
  });
});
