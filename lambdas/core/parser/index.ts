/**
 * parseTranscript: bytes → events (events.md). Pure: no I/O, no clock, never throws.
 * Decoding rejects what is not a transcript; structure and extraction do the rest.
 */
import type { PendingEvent, RejectionReason, UploadMetadata } from '../events';

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

/**
 * Parses one uploaded transcript. On success the events are, in order: TranscriptParsed,
 * StatementRecorded × n, TopicDetected × k, EntityMentioned × m, MeetingReported, AwardPresented.
 */
export const parseTranscript = (bytes: Uint8Array, ctx: ParseContext): ParseOutcome => {
  // Placeholder until the structure and extraction stages land (issue 2).
  if (bytes.length === 0) return { ok: false, reason: 'empty', detail: 'the object has no bytes' };
  return { ok: false, reason: 'undecodable', detail: `parser not implemented (${ctx.transcriptId})` };
};
