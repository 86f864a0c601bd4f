/**
 * parseTranscript: bytes → events (events.md). Pure: no I/O, no clock, never throws.
 * Decoding rejects what is not a transcript; structure and extraction do the rest.
 */
import type { PendingEvent, RejectionReason, UploadMetadata } from '../events';
import { decodeBytes } from './decode';
import { extract } from './extract';
import { structureTranscript } from './structure';
import type { StructuredTranscript } from './types';

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

const STOPWORDS = /\b(?:the|and|of|to|in|is|that|for|we|with|on|are|this|it|our|be|have|will|as|i)\b/giu;
const WORDS = /\p{L}+/gu;

/** "en" when common English function words are frequent, else "und" (undetermined). */
export const detectLanguage = (text: string): string => {
  const sample = text.length > 2000 ? text.slice(0, 2000) : text;
  const words = sample.match(WORDS)?.length ?? 0;
  if (words < 3) return 'und';
  const stop = sample.match(STOPWORDS)?.length ?? 0;
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

const parseUnsafe = (bytes: Uint8Array, ctx: ParseContext): ParseOutcome => {
  const decoded = decodeBytes(bytes, ctx.maxBytes ?? DEFAULT_MAX_BYTES);
  if (!decoded.ok) return decoded;
  const doc = structureTranscript(decoded.text, ctx.metadata ?? {});
  if (doc.statements.length === 0) {
    return { ok: false, reason: 'empty', detail: 'the text has no statements' };
  }
  const { transcriptId, revision } = ctx;
  let wordCount = 0;
  for (const s of doc.statements) wordCount += countWords(s.text);
  const events: PendingEvent[] = [
    {
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
        encoding: decoded.encoding,
      },
    },
  ];
  for (const s of doc.statements) {
    events.push({
      type: 'StatementRecorded',
      data: {
        transcriptId,
        revision,
        seq: s.seq,
        ...(s.speaker !== undefined ? { speaker: s.speaker } : {}),
        text: s.text,
        span: [s.span[0], s.span[1]],
      },
    });
  }
  const found = extract(doc);
  for (const t of found.topics) events.push({ type: 'TopicDetected', data: { transcriptId, revision, ...t } });
  for (const e of found.entities) events.push({ type: 'EntityMentioned', data: { transcriptId, revision, ...e } });
  for (const m of found.meetings) events.push({ type: 'MeetingReported', data: { transcriptId, revision, ...m } });
  for (const a of found.awards) events.push({ type: 'AwardPresented', data: { transcriptId, revision, ...a } });
  return { ok: true, events };
};
