/**
 * Request and response schemas of the HTTP API: requests are validated with them, and the OpenAPI
 * document is generated from the very same objects.
 */
import * as z from 'zod';

/** Page size: default 25, at most 100. */
export const limitSchema = z.coerce.number().int().min(1).max(100).default(25).describe('page size (1–100, default 25)');
/** An opaque cursor from a previous page's `nextCursor`. */
export const cursorSchema = z.string().min(1).max(2048).optional().describe('opaque cursor from the previous page (nextCursor)');
/** A day (YYYY-MM-DD, or an ISO 8601 time whose day is taken). */
export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'expected a date YYYY-MM-DD')
  .transform((s) => s.slice(0, 10));
/** A topic id (taxonomy ids are kebab-case). */
export const topicParamSchema = z.string().min(1).max(100).describe('topic id');

/** Query of GET /transcripts. */
export const listTranscriptsQuery = z.object({
  topic: topicParamSchema.optional(),
  entity: z.string().min(1).max(200).optional().describe('entity name (case-insensitive)'),
  from: daySchema.optional().describe('first day, inclusive'),
  to: daySchema.optional().describe('last day, inclusive'),
  limit: limitSchema,
  cursor: cursorSchema,
});

/** Query of GET /topics/{topic}/mentions. */
export const mentionsQuery = z.object({
  from: daySchema.optional().describe('first day, inclusive'),
  to: daySchema.optional().describe('last day, inclusive'),
  limit: limitSchema,
  cursor: cursorSchema,
});

/** Query of GET /search. */
export const searchQuery = z.object({
  q: z.string().trim().min(1).max(500).describe('words (all required) and "quoted phrases"'),
  limit: limitSchema,
  cursor: cursorSchema,
});

/** Query of paged listings without filters. */
export const pageQuery = z.object({ limit: limitSchema, cursor: cursorSchema });

/** Path parameter of transcript routes. */
export const transcriptParams = z.object({ id: z.string().min(1).max(256).describe('transcript id') });
/** Path parameter of topic routes. */
export const topicParams = z.object({ topic: topicParamSchema });
/** Path parameter of subscription routes. */
export const subscriptionParams = z.object({ id: z.string().min(1).max(256).describe('subscription id') });
/** Path parameters of a delivery. */
export const deliveryParams = z.object({ id: z.string().min(1).max(256), deliveryId: z.string().min(1).max(256) });

const asciiPrintable = /^[\x20-\x7e]*$/;
/** Client-chosen object keys: plain path segments, none of them `.` or `..`. */
const objectKeyPattern = /^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;
/** Body of POST /uploads. */
export const uploadBody = z
  .object({
    filename: z.string().min(1).max(200).optional().describe('file name; only [A-Za-z0-9._-] are kept in the key'),
    key: z
      .string()
      .min(1)
      .max(512)
      .regex(objectKeyPattern, 'path segments of letters, digits, ".", "_" and "-", no "." or ".." segments, no leading "/"')
      .optional()
      .describe(
        'the object key to store under (below `transcripts/`): uploading again to the same key adds a revision when the bytes differ and changes nothing when they do not; without it every upload gets a new key',
      ),
    contentType: z.enum(['text/plain', 'text/html', 'text/markdown', 'application/octet-stream']).default('text/plain'),
    title: z.string().min(1).max(500).optional(),
    date: z.string().min(1).max(40).optional(),
    url: z.url().max(2000).optional(),
    speaker: z.string().min(1).max(200).optional(),
  })
  .strict();

/** Body of POST /subscriptions. */
export const createSubscriptionBody = z
  .object({
    url: z.string().min(1).max(2048),
    topics: z.array(z.string().min(1).max(100)).min(1).max(100),
    events: z.array(z.enum(['topic.detected', 'topic.first_seen', 'transcript.rejected'])).min(1).optional(),
  })
  .describe('a webhook subscription');
/** Body of POST /subscriptions/{id}/replay. */
export const replayBody = z.object({ since: z.iso.datetime({ offset: true }).describe('ISO 8601 time') });

// --- responses ---------------------------------------------------------------------------------

const rejected = z.object({ revision: z.number(), reason: z.string(), detail: z.string() });

/** A transcript as listed. */
export const transcriptSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  date: z.string().optional(),
  day: z.string().describe('YYYY-MM-DD the listing orders by'),
  location: z.string().optional(),
  speakers: z.array(z.string()),
  revision: z.number().int(),
  topics: z.array(z.object({ topic: z.string(), score: z.number() })),
  entities: z.array(z.string()),
  statementCount: z.number().int(),
  archivedAt: z.string().optional(),
  rejected: rejected.optional(),
});

/** A transcript in full. */
export const transcriptDetailSchema = transcriptSummarySchema.extend({
  url: z.string().optional(),
  language: z.string().optional(),
  wordCount: z.number().int(),
  statements: z.array(z.object({ seq: z.number().int(), speaker: z.string().optional(), text: z.string() })),
  topicDetails: z.array(
    z.object({ topic: z.string(), score: z.number(), statementSeqs: z.array(z.number().int()), evidence: z.array(z.object({ seq: z.number().int(), text: z.string() })) }),
  ),
  entityDetails: z.array(
    z.object({ kind: z.string(), name: z.string(), title: z.string().optional(), aliases: z.array(z.string()).optional(), statementSeqs: z.array(z.number().int()) }),
  ),
  meetings: z.array(z.object({ participants: z.array(z.string()), place: z.string().optional(), statementSeq: z.number().int() })),
  awards: z.array(z.object({ award: z.string(), recipient: z.string(), recipientOrganization: z.string().optional(), statementSeq: z.number().int() })),
});

/** A statement found by mentions or search. */
export const statementHitSchema = z.object({
  transcriptId: z.string(),
  title: z.string(),
  date: z.string().optional(),
  revision: z.number().int(),
  seq: z.number().int(),
  speaker: z.string().optional(),
  text: z.string(),
});

/** A stored event (events.md envelope). */
export const eventSchema = z.object({
  stream: z.string(),
  version: z.number().int(),
  type: z.string(),
  eventId: z.string(),
  occurredAt: z.string(),
  data: z.record(z.string(), z.unknown()),
  meta: z.record(z.string(), z.unknown()),
});

const seenAt = z.object({ date: z.string(), transcriptId: z.string() }).nullable();
/** A topic with statistics. */
export const topicOverviewSchema = z.object({
  topic: z.string(),
  mentions: z.number().int().describe('statements that mention it'),
  transcripts: z.number().int(),
  firstSeen: seenAt,
  lastSeen: seenAt,
  firstArchived: z.object({ transcriptId: z.string(), at: z.string() }).nullable(),
});

/** A page of items with its next cursor. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().optional() });

/** A subscription (never its secret, except at creation and rotation). */
export const subscriptionSchema = z.object({
  id: z.string(),
  url: z.string(),
  topics: z.array(z.string()),
  events: z.array(z.string()),
  status: z.string(),
  disabledReason: z.string().optional(),
  disabledAt: z.string().optional(),
  createdAt: z.string(),
  failingSince: z.string().optional(),
});

/** A delivery with its attempts. */
export const deliverySchema = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  eventId: z.string(),
  type: z.string(),
  topic: z.string().optional(),
  transcriptId: z.string().optional(),
  revision: z.number().optional(),
  status: z.string(),
  createdAt: z.string(),
  nextAttemptAt: z.string().optional(),
  attempts: z.array(z.record(z.string(), z.unknown())),
  payload: z.unknown(),
});

/** Answer of POST /uploads. */
export const uploadResponseSchema = z.object({
  uploadUrl: z.string(),
  method: z.literal('PUT'),
  bucket: z.string(),
  key: z.string(),
  headers: z.record(z.string(), z.string()).describe('headers the PUT must send exactly'),
  expiresAt: z.string(),
});

/** Whether metadata can travel as an S3 header as is. */
export const isAsciiHeaderValue = (value: string): boolean => asciiPrintable.test(value);
