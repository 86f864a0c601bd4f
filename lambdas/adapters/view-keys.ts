/**
 * Key names and key builders of the views table (VIEWS_TABLE), in one place. Items are overloaded:
 *
 * | item                    | pk                     | sk                | gsi1pk            | gsi1sk         |
 * |-------------------------|------------------------|-------------------|-------------------|----------------|
 * | transcript summary      | T#<id>                 | SUMMARY           | TRANSCRIPTS       | <day>#<id>     |
 * | transcript detail       | T#<id>                 | DETAIL            |                   |                |
 * | statements (16 / item) | T#<id>                 | STMT#<chunk:5>    |                   |                |
 * | topic mention           | T#<id>                 | TOPIC#<topic>     | TOPIC#<topic>     | <day>#<id>     |
 * | topic counters          | STATS                  | TOPICS            |                   |                |
 * | search bucket           | SX#<level>#<bucket>    | <segment id>      |                   |                |
 * | search manifest         | SEARCH                 | MANIFEST          |                   |                |
 *
 * gsi2 is reserved (no item uses it yet).
 */

/** Attribute names of the views table. */
export const VIEW_ATTRIBUTES = {
  pk: 'pk',
  sk: 'sk',
  gsi1pk: 'gsi1pk',
  gsi1sk: 'gsi1sk',
  /** Last stream version projected (N), on summaries. */
  version: 'version',
  revision: 'revision',
  /** Topic → statement count of the projected revision (M), on summaries. */
  topicCounts: 'tc',
  /** What the search index holds of the projected revision (S), on summaries. */
  indexed: 'ix',
  /** Statement items of the projected revision (N), on summaries. */
  chunks: 'nc',
  summary: 'summary',
  /** gzip of the mention's JSON (B), on topic mentions. */
  mention: 'mention',
  /** gzip of JSON (B): transcript detail, search bucket postings. */
  body: 'body',
  transcriptId: 'tid',
} as const;

/** The name of the gsi1 index. */
export const GSI1 = 'gsi1';

/** Partition of a transcript's items. */
export const transcriptPk = (id: string): string => `T#${id}`;
/** Sort key of a transcript's summary. */
export const SUMMARY_SK = 'SUMMARY';
/** Sort key of a transcript's detail. */
export const DETAIL_SK = 'DETAIL';
/** Statements per statement item: search fetches only the items holding its hits. */
export const STATEMENTS_PER_CHUNK = 16;
/** Prefix of statement item sort keys. */
export const STATEMENT_SK_PREFIX = 'STMT#';
/** Sort key of the statement item holding chunk `n` (statements n*16+1 … n*16+16). */
export const statementSk = (chunk: number): string => `${STATEMENT_SK_PREFIX}${String(chunk).padStart(5, '0')}`;
/** The chunk that holds statement `seq`. */
export const chunkOf = (seq: number): number => Math.floor((seq - 1) / STATEMENTS_PER_CHUNK);
/** Sort key of a transcript's mention of a topic. */
export const topicSk = (topic: string): string => `TOPIC#${topic}`;
/** gsi1 partition listing every transcript. */
export const TRANSCRIPTS_GSI1PK = 'TRANSCRIPTS';
/** gsi1 partition listing a topic's mentions. */
export const topicGsi1pk = (topic: string): string => `TOPIC#${topic}`;
/** The topic counters item. */
export const STATS_KEY = { pk: 'STATS', sk: 'TOPICS' } as const;
/** Counter attribute names on the stats item. */
export const statsAttr = {
  mentions: (topic: string) => `m:${topic}`,
  transcripts: (topic: string) => `n:${topic}`,
  firstSeen: (topic: string) => `f:${topic}`,
} as const;
/** Partition of one search bucket at one level. */
export const searchPk = (level: number, bucket: number): string => `SX#${level}#${bucket}`;
/** The search manifest: one attribute per live segment (`s:<id>`) and per retired one (`r:<id>`). */
export const SEARCH_MANIFEST_KEY = { pk: 'SEARCH', sk: 'MANIFEST' } as const;
/** Manifest attribute names. */
export const manifestAttr = {
  live: (segmentId: string) => `s:${segmentId}`,
  retired: (segmentId: string) => `r:${segmentId}`,
} as const;
