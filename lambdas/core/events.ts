/**
 * The event catalogue of ../shared/spec/events.md as a discriminated union on `type`,
 * with zod schemas for everything that crosses a trust boundary (stored items, API, webhooks).
 * Fields may be added here; none of the contract's may be renamed or removed.
 */
import * as z from 'zod';
import { TOPIC_IDS } from './topic-ids';

/** Why an upload could not be archived (events.md, TranscriptRejected.reason). */
export const REJECTION_REASONS = ['empty', 'binary', 'too-large', 'undecodable', 'unsupported-type'] as const;
/** Why an upload could not be archived. */
export type RejectionReason = (typeof REJECTION_REASONS)[number];

// The zod schemas are built on first use, not at import: building them is ~15 ms of every cold
// start (every function imports this module for its types and helpers, few validate events).
const buildSchemas = () => {
  /** A topic id of the taxonomy (topics.md). */
  const topicId = z.enum(TOPIC_IDS);

  /** Where an uploaded object came from. */
  const source = z.object({
    bucket: z.string(),
    key: z.string(),
    etag: z.string(),
    versionId: z.string().optional(),
  });

  /** Upload metadata (`x-amz-meta-title`, `-date`, `-url`, `-speaker`). */
  const uploadMetadata = z.object({
    title: z.string().optional(),
    date: z.string().optional(),
    url: z.string().optional(),
    speaker: z.string().optional(),
  });

  const revisioned = { transcriptId: z.string(), revision: z.number().int().positive() };
  const evidenceSchema = z.object({ seq: z.number().int().positive(), text: z.string() });
  /** Half-open character span [start, end) in the decoded text. */
  const spanSchema = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);

  /** Data of each event type, keyed by type name. */
  const eventData = {
    TranscriptReceived: z.object({
      ...revisioned,
      source: source,
      sha256: z.string(),
      bytes: z.number().int().nonnegative(),
      metadata: uploadMetadata,
    }),
    TranscriptParsed: z.object({
      ...revisioned,
      title: z.string(),
      date: z.string().optional(),
      location: z.string().optional(),
      speakers: z.array(z.string()),
      statementCount: z.number().int().nonnegative(),
      wordCount: z.number().int().nonnegative(),
      language: z.string(),
      /** Which encoding the bytes were decoded from (extension). */
      encoding: z.string().optional(),
    }),
    StatementRecorded: z.object({
      ...revisioned,
      seq: z.number().int().positive(),
      speaker: z.string().optional(),
      text: z.string(),
      span: spanSchema,
    }),
    TopicDetected: z.object({
      ...revisioned,
      topic: z.string(),
      score: z.number(),
      statementSeqs: z.array(z.number().int().positive()),
      evidence: z.array(evidenceSchema),
    }),
    EntityMentioned: z.object({
      ...revisioned,
      kind: z.enum(['person', 'organization', 'place']),
      name: z.string(),
      title: z.string().optional(),
      /** Other surface forms the same entity was named by (extension). */
      aliases: z.array(z.string()).optional(),
      statementSeqs: z.array(z.number().int().positive()),
    }),
    MeetingReported: z.object({
      ...revisioned,
      participants: z.array(z.string()),
      place: z.string().optional(),
      statementSeq: z.number().int().positive(),
    }),
    AwardPresented: z.object({
      ...revisioned,
      award: z.string(),
      recipient: z.string(),
      recipientOrganization: z.string().optional(),
      statementSeq: z.number().int().positive(),
    }),
    TranscriptRejected: z.object({
      ...revisioned,
      source: source,
      reason: z.enum(REJECTION_REASONS),
      detail: z.string(),
    }),
    TopicFirstSeen: z.object({
      topic: z.string(),
      transcriptId: z.string(),
      statementSeqs: z.array(z.number().int().positive()),
    }),
  } as const;

  /** Metadata attached to every event. */
  const eventMeta = z
    .object({
      parser: z.object({ name: z.string(), version: z.string() }).optional(),
      /** The commit (one append) this event was written in. */
      commitId: z.string().optional(),
    })
    .catchall(z.unknown());

  return { topicId, source, uploadMetadata, eventData, eventMeta };
};

type Schemas = ReturnType<typeof buildSchemas>;
let schemas: (Schemas & { readonly storedEvent: z.ZodType<StoredEvent> }) | undefined;

const buildStoredEvent = (parts: Schemas): z.ZodType<StoredEvent> => {
  const envelopeBase = {
    stream: z.string(),
    version: z.number().int().positive(),
    eventId: z.string(),
    occurredAt: z.string(),
    meta: parts.eventMeta,
  };
  return z.discriminatedUnion(
    'type',
    EVENT_TYPES.map((type) => z.object({ ...envelopeBase, type: z.literal(type), data: parts.eventData[type] })) as unknown as [
      z.ZodObject,
      z.ZodObject,
      ...z.ZodObject[],
    ],
  ) as unknown as z.ZodType<StoredEvent>;
};

/**
 * The zod schemas of the catalogue: `storedEvent` (validated wherever events are read back from
 * storage or the wire), `eventData` per type, `eventMeta`, `source`, `uploadMetadata`, `topicId`.
 * Built on first use.
 */
export const eventSchemas = (): Schemas & { readonly storedEvent: z.ZodType<StoredEvent> } => {
  if (!schemas) {
    const parts = buildSchemas();
    schemas = { ...parts, storedEvent: buildStoredEvent(parts) };
  }
  return schemas;
};

/** Where an uploaded object came from. */
export type Source = z.infer<Schemas['source']>;
/** Upload metadata carried into TranscriptReceived. */
export type UploadMetadata = z.infer<Schemas['uploadMetadata']>;

/** Every event type name, in catalogue order. */
export const EVENT_TYPES = [
  'TranscriptReceived',
  'TranscriptParsed',
  'StatementRecorded',
  'TopicDetected',
  'EntityMentioned',
  'MeetingReported',
  'AwardPresented',
  'TranscriptRejected',
  'TopicFirstSeen',
] as const;
/** Every event type name. */
export type EventType = keyof Schemas['eventData'];
// EVENT_TYPES names exactly the types that have a schema (a compile error otherwise).
const everyTypeListed: [Exclude<EventType, (typeof EVENT_TYPES)[number]>, Exclude<(typeof EVENT_TYPES)[number], EventType>] extends [never, never] ? true : never = true;
void everyTypeListed;
/** The data of one event type. */
export type EventData<T extends EventType> = z.infer<Schemas['eventData'][T]>;
/** Metadata attached to every event. */
export type EventMeta = z.infer<Schemas['eventMeta']>;

/** An event before it has a place in a stream: what domain functions produce. */
export type PendingEvent = { [T in EventType]: { type: T; data: EventData<T> } }[EventType];

/** A stored event: the envelope of events.md around one of the types. */
export type StoredEvent = {
  [T in EventType]: {
    stream: string;
    version: number;
    type: T;
    eventId: string;
    occurredAt: string;
    data: EventData<T>;
    meta: EventMeta;
  };
}[EventType];

/** A stored event of one given type. */
export type StoredEventOf<T extends EventType> = Extract<StoredEvent, { type: T }>;

/** Stream name of one transcript. */
export const transcriptStream = (transcriptId: string): string => `transcript/${transcriptId}`;
/** Stream name of one topic's archive events. */
export const topicStream = (topic: string): string => `topic/${topic}`;

/** Narrows an event to one type. */
export const isEventOf = <T extends EventType>(event: StoredEvent, type: T): event is StoredEventOf<T> =>
  event.type === type;

/** Compile-time exhaustiveness check closing switches over event types. */
export const assertNever = (value: never): never => {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
};
