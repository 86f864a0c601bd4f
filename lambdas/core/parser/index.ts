/**
 * parseTranscript: bytes → events (events.md). Pure: no I/O, no clock, never throws.
 * Decoding rejects what is not a transcript; structure and extraction do the rest.
 */
import type { PendingEvent, RejectionReason, UploadMetadata } from '../events';
import { isLetterCode as isLetterCodeImport } from './chars';
import { decodeBytes } from './decode';
import { extract } from './extract';
import { structureTranscript } from './structure';
import type { Extraction, StructuredTranscript } from './types';

// A module-local copy of the imported binding: under a CommonJS transform (tsx, jest) every use of
// an import is a getter call, which costs on this per-character path; bundles are unaffected.
const isLetterCode = isLetterCodeImport;

/** Name and version stamped into every event's meta. */
export const PARSER = { name: 'demarche-parser', version: '0.1.0' } as const;

/** Default upper bound on an upload's size. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/** What the parser needs besides the bytes. */
export interface ParseContext {
  readonly transcriptId: string;
  readonly revision: number;
  readonly metadata: UploadMetadata;
  /** Uploads larger than this are rejected as `too-large` (default 5 MB). */
  readonly maxBytes?: number;
}

/** A parse either yields the transcript's events or a rejection reason. */
export type ParseOutcome =
  | { readonly ok: true; readonly events: readonly PendingEvent[] }
  | { readonly ok: false; readonly reason: RejectionReason; readonly detail: string };

const isAsciiLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/** Counts words (runs of letters or digits) without allocating. */
export const countWords = (text: string): number => {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const wordChar =
      (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c > 127 && c !== 160 && !(c >= 0x2000 && c <= 0x206f) && c !== 0x3000);
    if (wordChar) {
      if (!inWord) words++;
      inWord = true;
    } else if (!(inWord && (c === 39 || c === 0x2019) && isAsciiLetter(text.charCodeAt(i + 1)))) {
      inWord = false;
    }
  }
  return words;
};

/** A word of at most four ASCII characters packed into a number, 7 bits a character (no string is cut). */
const packWord = (word: string): number => {
  let key = 0;
  for (let k = 0; k < word.length; k++) key = key * 128 + word.charCodeAt(k);
  return key;
};
/** The packed stopwords in a small open-addressing table (-1 = empty): a lookup is a multiply and a load or two. */
const STOP_BITS = 6;
const STOP_TABLE = new Int32Array(1 << STOP_BITS).fill(-1);
const stopSlot = (key: number): number => Math.imul(key, 0x9e3779b1) >>> (32 - STOP_BITS);
for (const word of ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'we', 'with', 'on', 'are', 'this', 'it', 'our', 'be', 'have', 'will', 'as', 'i']) {
  const key = packWord(word);
  let slot = stopSlot(key);
  while (STOP_TABLE[slot] !== -1) slot = (slot + 1) & ((1 << STOP_BITS) - 1);
  STOP_TABLE[slot] = key;
}
const isStopKey = (key: number): boolean => {
  let slot = stopSlot(key);
  for (;;) {
    const stored = STOP_TABLE[slot]!;
    if (stored === key) return true;
    if (stored === -1) return false;
    slot = (slot + 1) & ((1 << STOP_BITS) - 1);
  }
};
const LETTER = /\p{L}/u;
const astralLetters = new Map<number, boolean>();
/** Whether a code point above ASCII is a letter (`\p{L}`); cached, texts repeat few of them. */
const isLetterPoint = (cp: number): boolean => {
  if (cp < 65_536) return isLetterCode(cp);
  let is = astralLetters.get(cp);
  if (is === undefined) {
    is = LETTER.test(String.fromCodePoint(cp));
    if (astralLetters.size < 65_536) astralLetters.set(cp, is);
  }
  return is;
};
/** `\w` as `/\w/iu` reads it: ASCII word characters plus ſ and the Kelvin sign (they case-fold into ASCII). */
const isFoldedWordCode = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 0x17f || c === 0x212a;

/**
 * Counts `/\p{L}+/gu` matches and `/\b(?:the|and|…)\b/giu` matches in one pass without regexes on
 * the hot path: a stopword match is exactly a maximal run of `\w` (as `iu` reads it) that
 * case-folds to a stopword.
 */
const countWordsAndStopwords = (text: string): [number, number] => {
  let words = 0;
  let stop = 0;
  let inLetters = false;
  let runStart = -1;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : -1;
    // \p{L}+ runs (code points; astral letters are surrogate pairs).
    let letter: boolean;
    let width = 1;
    if (c < 0) letter = false;
    else if (c < 128) letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        letter = isLetterPoint(((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000);
        width = 2;
      } else letter = false;
    } else letter = isLetterPoint(c);
    if (letter && !inLetters) words++;
    inLetters = letter;
    // \w runs for the stopwords.
    if (c >= 0 && isFoldedWordCode(c)) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      const len = i - runStart;
      if (len <= 4) {
        // Case-folded and packed like packWord (ſ → s, Kelvin sign → k).
        let key = 0;
        for (let k = runStart; k < i; k++) {
          const d = text.charCodeAt(k);
          key = key * 128 + (d === 0x17f ? 115 : d === 0x212a ? 107 : d >= 65 && d <= 90 ? d + 32 : d);
        }
        if (isStopKey(key)) stop++;
      }
      runStart = -1;
    }
    if (width === 2) i++;
  }
  return [words, stop];
};

/** "en" when common English function words are frequent, else "und" (undetermined). */
export const detectLanguage = (text: string): string => {
  const sample = text.length > 2000 ? text.slice(0, 2000) : text;
  const [words, stop] = countWordsAndStopwords(sample);
  if (words < 3) return 'und';
  return stop / words >= 0.12 ? 'en' : 'und';
};

/** Up to about 2,000 characters of statements: enough words for the stopword check. */
const languageSample = (doc: StructuredTranscript): string => {
  const parts: string[] = [];
  let size = 0;
  for (const s of doc.statements) {
    parts.push(s.text);
    size += s.text.length;
    if (size >= 2000) break;
  }
  return parts.join(' ');
};

/**
 * Parses one uploaded transcript. On success the events are, in order: TranscriptParsed,
 * StatementRecorded × n, TopicDetected × k, EntityMentioned × m, MeetingReported, AwardPresented.
 */
export const parseTranscript = (bytes: Uint8Array, ctx: ParseContext): ParseOutcome => {
  try {
    return parseUnsafe(bytes, ctx);
  } catch (error) {
    // Last resort: a bug must not crash ingestion; the upload is recorded as undecodable.
    return { ok: false, reason: 'undecodable', detail: `parser failure: ${String((error as Error)?.message ?? error)}` };
  }
};

// Events are built by small functions of their own, outside parseUnsafe: V8 compiles each loop
// apart, and a deoptimisation in one (a field it had not met) recompiles that loop, not the whole
// parse. Event data is built field by field, in the order the events' JSON shows: object spreads
// take a slow generic path, and a transcript has hundreds of these objects.

const parsedEvent = (
  doc: StructuredTranscript,
  transcriptId: string,
  revision: number,
  wordCount: number,
  encoding: string,
): PendingEvent => ({
  type: 'TranscriptParsed',
  data: {
    transcriptId,
    revision,
    title: doc.title,
    ...(doc.date !== undefined ? { date: doc.date } : {}),
    ...(doc.location !== undefined ? { location: doc.location } : {}),
    speakers: [...doc.speakers],
    statementCount: doc.statements.length,
    wordCount,
    language: detectLanguage(languageSample(doc)),
    encoding,
  },
});

const pushStatementEvents = (events: PendingEvent[], doc: StructuredTranscript, transcriptId: string, revision: number): void => {
  for (const s of doc.statements) {
    const data: Record<string, unknown> = { transcriptId, revision, seq: s.seq };
    if (s.speaker !== undefined) data.speaker = s.speaker;
    data.text = s.text;
    data.span = [s.span[0], s.span[1]];
    events.push({ type: 'StatementRecorded', data } as PendingEvent);
  }
};

const pushFoundEvents = (events: PendingEvent[], found: Extraction, transcriptId: string, revision: number): void => {
  for (const t of found.topics) {
    events.push({
      type: 'TopicDetected',
      data: { transcriptId, revision, topic: t.topic, score: t.score, statementSeqs: t.statementSeqs, evidence: t.evidence },
    });
  }
  for (const e of found.entities) {
    const data: Record<string, unknown> = { transcriptId, revision, kind: e.kind, name: e.name };
    if (e.title !== undefined) data.title = e.title;
    if (e.aliases !== undefined) data.aliases = e.aliases;
    data.statementSeqs = e.statementSeqs;
    events.push({ type: 'EntityMentioned', data } as PendingEvent);
  }
  for (const m of found.meetings) events.push({ type: 'MeetingReported', data: { transcriptId, revision, ...m } });
  for (const a of found.awards) events.push({ type: 'AwardPresented', data: { transcriptId, revision, ...a } });
};

const parseUnsafe = (bytes: Uint8Array, ctx: ParseContext): ParseOutcome => {
  const decoded = decodeBytes(bytes, ctx.maxBytes ?? DEFAULT_MAX_BYTES);
  if (!decoded.ok) return decoded;
  const doc = structureTranscript(decoded.text, ctx.metadata ?? {});
  if (doc.statements.length === 0) {
    return { ok: false, reason: 'empty', detail: 'the text has no statements' };
  }
  const { transcriptId, revision } = ctx;
  // Extraction tokenises every statement anyway; it counts the words (as countWords would) on the way.
  const counts = { words: 0 };
  const found = extract(doc, counts);
  const events: PendingEvent[] = [parsedEvent(doc, transcriptId, revision, counts.words, decoded.encoding)];
  pushStatementEvents(events, doc, transcriptId, revision);
  pushFoundEvents(events, found, transcriptId, revision);
  return { ok: true, events };
};
