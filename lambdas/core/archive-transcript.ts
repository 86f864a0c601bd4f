/**
 * archiveTranscript: the ingest command. Given one uploaded object, decide what its transcript
 * stream gains: nothing (same bytes as the latest revision), the rest of an interrupted revision,
 * or a new revision (TranscriptReceived, then the parser's events or TranscriptRejected). Safe to
 * run any number of times, also concurrently: events have deterministic ids, the store skips
 * events it already holds, and a conflicting writer makes us re-read and decide again.
 */
import type { Clock } from './clock';
import { type StoredEvent, type StoredEventOf, type UploadMetadata, isEventOf, transcriptStream } from './events';
import { ConcurrencyError, type EventStore } from './event-store';
import { sha256Hex, transcriptIdFor } from './ids';
import { type ReceivedRevision, transcriptEvents } from './transcript-events';

/** One uploaded object, as read from the bucket. */
export interface UploadedObject {
  readonly bucket: string;
  readonly key: string;
  readonly etag: string;
  readonly versionId?: string;
  readonly bytes: Uint8Array;
  readonly metadata: UploadMetadata;
  /** When S3 received the object (the notification's eventTime), ms since the epoch. */
  readonly receivedAtMs: number;
}

/** What archiveTranscript needs from the outside. */
export interface ArchivePorts {
  readonly store: EventStore;
  /** Measures parse time for the result; no decision depends on it. */
  readonly clock: Clock;
  /** Uploads larger than this are rejected as too-large (parser default otherwise). */
  readonly maxBytes?: number;
  /** Re-reads after conflicting writers before giving up with the ConcurrencyError (default 5). */
  readonly maxAttempts?: number;
}

/** What happened to the upload. */
export interface ArchiveResult {
  /** archived / rejected: this call wrote (part of) a revision; unchanged: nothing new to write. */
  readonly outcome: 'archived' | 'rejected' | 'unchanged';
  readonly transcriptId: string;
  /** The revision the object's bytes are (now) stored as. */
  readonly revision: number;
  /** Events this call wrote. */
  readonly written: number;
  /** Events of the revision in all. */
  readonly events: number;
  /** Time spent in the parser (0 when nothing was parsed). */
  readonly parseMs: number;
}

type Received = StoredEventOf<'TranscriptReceived'>;

const latestReceived = (events: readonly StoredEvent[]): Received | undefined => {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    if (isEventOf(event, 'TranscriptReceived')) return event;
  }
  return undefined;
};

/** Archives one uploaded object into its transcript's stream (see the module comment). */
export const archiveTranscript = async (object: UploadedObject, ports: ArchivePorts): Promise<ArchiveResult> => {
  const { store, clock } = ports;
  const transcriptId = transcriptIdFor(object.bucket, object.key);
  const stream = transcriptStream(transcriptId);
  const sha256 = sha256Hex(object.bytes);
  const maxAttempts = ports.maxAttempts ?? 5;
  let parseMs = 0;

  const parse = (input: Omit<ReceivedRevision, 'transcriptId' | 'bytes' | 'sha256' | 'maxBytes'>): StoredEvent[] => {
    const started = clock.now();
    const events = transcriptEvents({ ...input, transcriptId, sha256, bytes: object.bytes, maxBytes: ports.maxBytes });
    parseMs += clock.now() - started;
    return events;
  };
  const outcomeOf = (events: readonly StoredEvent[], written: number): ArchiveResult['outcome'] =>
    written === 0 ? 'unchanged' : events.some((e) => e.type === 'TranscriptRejected') ? 'rejected' : 'archived';

  let conflict: ConcurrencyError | undefined;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const stored = await store.read(stream);
    const version = stored.at(-1)?.version ?? 0;
    const latest = latestReceived(stored);
    try {
      if (latest && latest.data.sha256 === sha256) {
        const revision = latest.data.revision;
        if ((await store.head(stream)).complete) {
          const count = stored.filter((e) => e.version >= latest.version).length;
          return { outcome: 'unchanged', transcriptId, revision, written: 0, events: count, parseMs };
        }
        // An earlier attempt stopped part-way through this revision: rebuild it from what that
        // attempt recorded (same inputs, so the same events and ids) and let the store add the rest.
        const events = parse({
          revision,
          source: latest.data.source,
          metadata: latest.data.metadata,
          receivedAtMs: Date.parse(latest.occurredAt),
          startVersion: latest.version,
        });
        const { written } = await store.append(stream, latest.version - 1, events);
        return { outcome: outcomeOf(events, written), transcriptId, revision, written, events: events.length, parseMs };
      }
      const revision = (latest?.data.revision ?? 0) + 1;
      const events = parse({
        revision,
        source: { bucket: object.bucket, key: object.key, etag: object.etag, ...(object.versionId ? { versionId: object.versionId } : {}) },
        metadata: object.metadata,
        receivedAtMs: object.receivedAtMs,
        startVersion: version + 1,
      });
      const { written } = await store.append(stream, version, events);
      return { outcome: outcomeOf(events, written), transcriptId, revision, written, events: events.length, parseMs };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      conflict = error;
    }
  }
  throw conflict ?? new ConcurrencyError(stream, -1, undefined);
};
