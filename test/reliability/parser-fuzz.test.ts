/**
 * The parser on hostile text (complements test/parser-decode.test.ts, which fuzzes short byte
 * arrays and transcript pieces): huge lines, unicode tricks (RTL marks and overrides, zero-width
 * joiners, lone surrogates, combining marks, homoglyphs), invalid UTF-8 mixed into text, and
 * statements of megabytes without a newline or a space. Whatever comes in, the parser answers with
 * well-formed events or a known rejection and never throws. A space-less paragraph at the upload
 * limit once took minutes (a quadratic cut); it must parse inside the ingest function's budget.
 * (Jest cannot interrupt a synchronous test, so the budget is documented here rather than enforced;
 * the quadratic version made this file run for minutes.)
 */
import fc from 'fast-check';
import { eventSchemas, REJECTION_REASONS, type PendingEvent } from '../../lambdas/core/events';
import { DEFAULT_MAX_BYTES, parseTranscript } from '../../lambdas/core/parser';
import { decodeBytes } from '../../lambdas/core/parser/decode';
import { TOPIC_IDS } from '../../lambdas/core/topic-ids';
import { FUNCTIONS } from '../../lambdas/adapters/wiring';

const ctx = { transcriptId: 't1', revision: 1, metadata: {} };
const utf8 = (s: string) => new TextEncoder().encode(s);

/** Everything a successful parse promises. */
const expectWellFormed = (bytes: Uint8Array, maxBytes?: number): PendingEvent[] => {
  const outcome = parseTranscript(bytes, { ...ctx, ...(maxBytes ? { maxBytes } : {}) });
  if (!outcome.ok) {
    expect(REJECTION_REASONS).toContain(outcome.reason);
    expect(outcome.detail).not.toMatch(/^(?:parser|decoding) fail/);
    return [];
  }
  const events = [...outcome.events];
  expect(events[0]?.type).toBe('TranscriptParsed');
  const decoded = decodeBytes(bytes, maxBytes);
  const textLength = decoded.ok ? decoded.text.length : 0;
  const statements = events.filter((e) => e.type === 'StatementRecorded');
  const parsed = events[0]!.data as { statementCount: number };
  expect(parsed.statementCount).toBe(statements.length);
  statements.forEach((e, i) => {
    const data = e.data as { seq: number; span: [number, number]; text: string };
    expect(data.seq).toBe(i + 1);
    expect(data.span[0]).toBeLessThanOrEqual(data.span[1]);
    expect(data.span[1]).toBeLessThanOrEqual(textLength);
    expect(data.text.length).toBeGreaterThan(0);
  });
  for (const e of events) {
    // Every event satisfies the catalogue's schema (what the store and the API validate later).
    expect(eventSchemas().eventData[e.type].safeParse(e.data).success).toBe(true);
    if (e.type === 'TopicDetected') {
      expect(TOPIC_IDS).toContain(e.data.topic);
      for (const seq of e.data.statementSeqs) expect(seq).toBeLessThanOrEqual(statements.length);
    }
  }
  return events;
};

const TRICKS = ['\u200f', '\u200e', '\u202e', '\u202d', '\u2066', '\u2069', '\u200d', '\u200b', '\u2060', '\ufeff', '\u0301', '\u0430', '\u0455', '\u0391', '\ufffd', '\u00a0', '\u3000', '\ud800', '\udfff', '\u0000', '\u001b[31m'];
const trickyText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...TRICKS),
      fc.constantFrom('MR. PRICE: ', 'QUESTION: ', 'SECRETARY BLINKEN: ', 's\u0430nctions', 'human\u200drights', 'sanctions', 'human rights', '. ', '\n', '\n\n'),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.string({ unit: 'binary', maxLength: 10 }),
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));

describe('parseTranscript on hostile text', () => {
  it('yields well-formed events for text full of bidi controls, zero-width characters, homoglyphs and lone surrogates', () => {
    fc.assert(
      fc.property(trickyText, (text) => {
        expectWellFormed(utf8(text));
      }),
      { numRuns: 300 },
    );
  });

  it('yields well-formed events or a rejection when invalid UTF-8 bytes are spliced into text', () => {
    fc.assert(
      fc.property(trickyText, fc.array(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 }).map((b) => b.map((x) => x | 0x80))), { maxLength: 5 }), (text, splices) => {
        const bytes = [...utf8(text)];
        for (const [at, junk] of splices) bytes.splice(bytes.length ? at % bytes.length : 0, 0, ...junk);
        expectWellFormed(Uint8Array.from(bytes));
      }),
      { numRuns: 200 },
    );
  });

  it('handles huge lines: one 100 kB line of words, of one word, and of punctuation', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('sanctions and human rights. ', 'x', '. ', 'U.S. ', '\u200d', 'MR. PRICE: ', '"', '—'),
        fc.constantFrom('', 'Remarks to the Press\n\n', 'MR. PRICE: '),
        (unit, prefix) => {
          const line = prefix + unit.repeat(Math.ceil(100_000 / unit.length));
          const events = expectWellFormed(utf8(line));
          const statements = events.filter((e) => e.type === 'StatementRecorded');
          for (const s of statements) expect((s.data as { text: string }).text.length).toBeLessThanOrEqual(2_400);
        },
      ),
      { numRuns: 8 },
    );
  });

  // The ingest function has this long per invocation; a transcript that takes longer is never archived.
  const ingestBudgetMs = FUNCTIONS.ingest.timeoutSeconds * 1000;

  it(
    'cuts a statement at the upload limit with no newline and no space into statements, in linear time',
    () => {
      const bytes = utf8(`MR. PRICE: ${'a'.repeat(DEFAULT_MAX_BYTES - 20)}`);
      const events = expectWellFormed(bytes);
      const statements = events.filter((e) => e.type === 'StatementRecorded');
      expect(statements.length).toBeGreaterThan(DEFAULT_MAX_BYTES / 1_300);
    },
    ingestBudgetMs,
  );

  it(
    'parses a 1 MB one-paragraph statement of ordinary words without a sentence end',
    () => {
      const sentence = 'The United States condemns the sanctions evasion and calls for the release of political prisoners ';
      const bytes = utf8(`MR. PRICE: ${sentence.repeat(Math.floor((1024 * 1024) / sentence.length))}`);
      const events = expectWellFormed(bytes);
      expect(events.some((e) => e.type === 'TopicDetected' && e.data.topic === 'political-prisoners')).toBe(true);
    },
    ingestBudgetMs,
  );

  it('rejects 10 MB as too-large before decoding it', () => {
    const outcome = parseTranscript(utf8(`MR. PRICE: ${'word '.repeat(2 * 1024 * 1024)}`), ctx);
    expect(outcome).toMatchObject({ ok: false, reason: 'too-large' });
  });
});
