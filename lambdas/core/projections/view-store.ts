/**
 * The view store port: where projections keep their read models and where the API reads them.
 * The DynamoDB adapter is lambdas/adapters/dynamo-views.ts. Every write is keyed deterministically
 * by the view it comes from, so writing the same view twice changes nothing.
 */
import type { EventData } from '../events';
import type { Mention, TranscriptDetail, TranscriptSummary } from './read-models';
import type { CompactionPolicy, Posting, SearchSegment } from './search';
import type { TranscriptView } from './transcript-view';

/** What the store remembers about a transcript's last projection, to supersede it correctly. */
export interface ProjectionState {
  /** Last stream version projected. */
  readonly version: number;
  readonly revision: number;
  /** Statements per topic of the projected revision. */
  readonly topicCounts: Readonly<Record<string, number>>;
  /** What the search index holds of the projected revision (see `indexSignature`). */
  readonly indexed: string;
  /** How many statement items the projected revision has. */
  readonly chunks: number;
}

/** An index a listing reads, newest first. */
export type ListingIndex = { readonly kind: 'transcripts' } | { readonly kind: 'topic'; readonly topic: string };

/** One entry of a listing: a transcript (and, for topic listings, its mention). */
export interface ListingEntry {
  readonly dateKey: string;
  readonly transcriptId: string;
  readonly summary?: TranscriptSummary;
  readonly mention?: Mention;
}

/** Archive-wide counters of one topic. */
export interface TopicCounter {
  readonly topic: string;
  readonly mentions: number;
  readonly transcripts: number;
  /** The TopicFirstSeen decision, when made. */
  readonly firstArchived?: { readonly transcriptId: string; readonly at: string };
}

/** A statement to fetch. */
export interface StatementRef {
  readonly transcriptId: string;
  readonly seq: number;
  /** The revision the caller expects: a cached copy older than this is read again. */
  readonly revision?: number;
}

/** A stored statement, keyed `<transcriptId>#<seq>` by getStatements. */
export interface StoredStatement {
  readonly transcriptId: string;
  readonly revision: number;
  readonly title: string;
  readonly date?: string;
  readonly seq: number;
  readonly speaker?: string;
  readonly text: string;
}

/** What one search compaction did. */
export interface CompactionReport {
  /** Segments merged into new ones. */
  readonly merged: number;
  /** Retired segments whose items were deleted. */
  readonly deleted: number;
  readonly writeUnits: number;
}

/** The outcome of projecting one transcript. */
export type ProjectOutcome = 'written' | 'unchanged';

/** The view store port. */
export interface ViewStore {
  /** The last projection of a transcript, if any. */
  projectionState(transcriptId: string): Promise<ProjectionState | undefined>;
  /**
   * Writes every read model of `view` (summary, detail, mentions), removes what the previous
   * projection had that this one has not, and moves topic counters, all guarded by `previous`:
   * when another writer already projected this version or a later one, nothing changes.
   */
  writeTranscript(previous: ProjectionState | undefined, view: TranscriptView): Promise<ProjectOutcome>;
  /**
   * Stores one search index segment (idempotent by segment id): its buckets, then its entry in the
   * manifest of live segments, so readers never see a partial segment.
   */
  writeSearchSegment(segment: SearchSegment): Promise<{ writeUnits: number }>;
  /**
   * Merges small search segments when a level holds too many (see `planCompaction`), and deletes
   * segments retired by earlier merges once no reader can still be using them. Idempotent and
   * crash-safe: a merged segment is written whole before one conditional manifest update swaps it
   * in for its inputs.
   */
  compactSearch(now: number, policy?: CompactionPolicy): Promise<CompactionReport>;
  /** Topics whose TopicFirstSeen has been projected. */
  knownTopics(): Promise<Set<string>>;
  /** Records a TopicFirstSeen decision (idempotent: the first recorded one stays). */
  recordTopicFirstSeen(data: EventData<'TopicFirstSeen'>, at: string): Promise<void>;
  /** Loads whole views into an empty store, as fast as the store allows (rebuilds, benches). */
  bulkLoad(views: readonly TranscriptView[], firstSeen: readonly { data: EventData<'TopicFirstSeen'>; at: string }[]): Promise<{ writeUnits: number; searchWriteUnits: number }>;
  /** Deletes every view (before a rebuild). */
  clear(): Promise<void>;

  getSummary(transcriptId: string): Promise<TranscriptSummary | undefined>;
  getDetail(transcriptId: string): Promise<TranscriptDetail | undefined>;
  getSummaries(transcriptIds: readonly string[]): Promise<Map<string, TranscriptSummary>>;
  /** Statements by transcript and seq, with the revision and transcript title they belong to. */
  getStatements(refs: readonly StatementRef[]): Promise<Map<string, StoredStatement>>;
  /** Entries of an index with lo ≤ dateKey ≤ hi, newest first, at most `limit`. */
  listing(index: ListingIndex, range: { readonly lo: string; readonly hi: string }, limit: number): Promise<ListingEntry[]>;
  /** Counters of every topic seen; `maxAgeMs` accepts a copy this process read at most that long ago. */
  topicCounters(options?: { readonly maxAgeMs?: number }): Promise<TopicCounter[]>;
  /** The oldest or newest entry of a topic's mentions. */
  topicEdge(topic: string, edge: 'first' | 'last'): Promise<ListingEntry | undefined>;
  /** Every posting of an indexed term, across segments and bucket levels. */
  postings(term: string): Promise<Posting[]>;
  /** Names what the search index holds now (its set of live segments): equal versions, equal postings. */
  searchIndexVersion(): Promise<string>;
}
