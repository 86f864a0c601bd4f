/**
 * The events one uploaded revision of a transcript appends to its stream: TranscriptReceived, then
 * either the parser's events or TranscriptRejected. Pure and deterministic: the same input always
 * gives the same envelopes (ids included), so a retry after a crash rewrites identical events.
 */
import { ulidSequence } from './ids';
import type { PendingEvent, Source, StoredEvent, UploadMetadata } from './events';
import { PARSER, parseTranscript } from './parser';

/**
 * The stream name, as `transcriptStream` in events.ts builds it. Not imported from there: events.ts
 * loads zod, which the `demarche parse` start-up path must not pay for (tests pin the two together).
 */
const streamOf = (transcriptId: string): string => `transcript/${transcriptId}`;

/** One received revision of an uploaded object. */
export interface ReceivedRevision {
  readonly transcriptId: string;
  readonly revision: number;
  readonly source: Source;
  readonly sha256: string;
  readonly bytes: Uint8Array;
  readonly metadata: UploadMetadata;
  /** When the object was received (the S3 event time): the events' occurredAt. */
  readonly receivedAtMs: number;
  /** The version the first event takes (the stream's current version + 1). */
  readonly startVersion: number;
  readonly maxBytes?: number;
}

/** Builds the envelopes of one revision. */
export const transcriptEvents = (input: ReceivedRevision): StoredEvent[] => {
  const { transcriptId, revision, source, sha256, metadata } = input;
  const received: PendingEvent = {
    type: 'TranscriptReceived',
    data: { transcriptId, revision, source, sha256, bytes: input.bytes.length, metadata },
  };
  const outcome = parseTranscript(input.bytes, { transcriptId, revision, metadata, maxBytes: input.maxBytes });
  const rest: readonly PendingEvent[] = outcome.ok
    ? outcome.events
    : [{ type: 'TranscriptRejected', data: { transcriptId, revision, source, reason: outcome.reason, detail: outcome.detail } }];
  return toEnvelopes(streamOf(transcriptId), input.startVersion, [received, ...rest], input.receivedAtMs);
};

/** Places pending events in a stream from `startVersion` on, with deterministic ids (one sequence per batch). */
export const toEnvelopes = (
  stream: string,
  startVersion: number,
  events: readonly PendingEvent[],
  occurredAtMs: number,
): StoredEvent[] => {
  const occurredAt = new Date(occurredAtMs).toISOString();
  const idAt = ulidSequence(occurredAtMs, `${stream}#${startVersion}`);
  // One meta object for the batch: events are never changed in place (the store copies them).
  const meta = { parser: { name: PARSER.name, version: PARSER.version } };
  const out: StoredEvent[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const version = startVersion + i;
    // Built field by field (no spreads): the CLI and ingest build tens of thousands of these.
    out[i] = {
      stream,
      version,
      type: event.type,
      eventId: idAt(i),
      occurredAt,
      data: event.data,
      meta,
    } as StoredEvent;
  }
  return out;
};
