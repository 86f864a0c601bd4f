/**
 * The DynamoDB adapter of the view store port (VIEWS_TABLE). Key shapes live in view-keys.ts.
 * Transcript writes are guarded by the summary's projected version inside one transaction that
 * also moves the topic counters, so a redelivered stream record changes nothing; every other
 * item is keyed deterministically and simply overwritten.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
  type UpdateCommandInput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { systemClock, type Clock } from '../core/clock';
import type { EventData } from '../core/events';
import { indexSignature, mapLimit, segmentIdOf } from '../core/projections/projector';
import {
  dateKeyOf,
  toDetail,
  toSummary,
  topicCounts,
  topicMentions,
  type Mention,
  type TranscriptDetail,
  type TranscriptSummary,
} from '../core/projections/read-models';
import {
  DEFAULT_COMPACTION,
  bucketOf,
  buildSegment,
  compactedIdOf,
  mergeSegments,
  planCompaction,
  postingsIn,
  type BucketPostings,
  type CompactionPolicy,
  type Posting,
  type SearchSegment,
  type SegmentMeta,
} from '../core/projections/search';
import { topicDeltas } from '../core/projections/topic-stats';
import { isListed, type TranscriptView } from '../core/projections/transcript-view';
import type {
  ListingEntry,
  ListingIndex,
  ProjectOutcome,
  CompactionReport,
  ProjectionState,
  StatementRef,
  StoredStatement,
  TopicCounter,
  ViewStore,
} from '../core/projections/view-store';
import {
  DETAIL_SK,
  GSI1,
  STATEMENTS_PER_CHUNK,
  STATEMENT_SK_PREFIX,
  STATS_KEY,
  chunkOf,
  statementSk,
  SUMMARY_SK,
  TRANSCRIPTS_GSI1PK,
  VIEW_ATTRIBUTES as A,
  SEARCH_MANIFEST_KEY,
  manifestAttr,
  searchPk,
  statsAttr,
  topicGsi1pk,
  topicSk,
  transcriptPk,
} from './view-keys';

type Item = Record<string, unknown>;

/**
 * Search buckets kept per process (least recently used go first), as their JSON text: a string is
 * one object to the garbage collector, where the parsed bucket is thousands of small arrays
 * (112 KiB of heap for 34 KiB of text), so a full cache costs neither much memory nor long GC
 * pauses. A term's postings are parsed out of the text once and kept with it (and counted).
 */
let bucketCacheBudget = 48 * 2 ** 20;
/** A bucket's text (undefined: the segment has no such bucket) and the postings of terms already asked for. */
interface CachedBucket {
  readonly json: string | undefined;
  /** What the text takes in memory. */
  readonly bytes: number;
  readonly byTerm: Map<string, Posting[]>;
}
/** A cached bucket's read, and the bytes it holds once read: its text and the postings parsed out of it (estimated). */
interface BucketEntry {
  readonly read: Promise<CachedBucket>;
  bytes: number;
}
const bucketCache = new Map<string, BucketEntry>();
/** The bytes of every entry of bucketCache together. */
let bucketCacheBytes = 0;
/** Counts `bytes` more held by `entry` (when it is still what is cached under `key`), then evicts to the budget. */
const chargeBucket = (key: string, entry: BucketEntry, bytes: number): void => {
  if (bucketCache.get(key) !== entry) return;
  entry.bytes += bytes;
  bucketCacheBytes += bytes;
  evictBuckets();
};
const evictBuckets = (): void => {
  for (const [key, entry] of bucketCache) {
    if (bucketCacheBytes <= bucketCacheBudget) break;
    bucketCache.delete(key);
    bucketCacheBytes -= entry.bytes;
  }
};
const bucketKeyOf = (pk: string, sk: string): string => `${pk}|${sk}`;

/** Puts `value` under `key` as the most recently used entry of an LRU map (maps iterate in insertion order). */
const touch = <K, V>(map: Map<K, V>, key: K, value: V): void => {
  map.delete(key);
  map.set(key, value);
};

/** What the process's search bucket cache holds now: entries and bytes (text and parsed postings, estimated). */
export const searchBucketCacheUsage = (): { entries: number; bytes: number; budget: number } => ({
  entries: bucketCache.size,
  bytes: bucketCacheBytes,
  budget: bucketCacheBudget,
});

/** Sets the search bucket cache's budget in bytes (default 48 MiB), evicting down to it; returns the previous one. */
export const setSearchBucketCacheBudget = (bytes: number): number => {
  const previous = bucketCacheBudget;
  bucketCacheBudget = bytes;
  evictBuckets();
  return previous;
};

/** How long a reader trusts its copy of the search manifest (new segments show up after at most this). */
const MANIFEST_TTL_MS = 1_000;
/**
 * Statement chunks a search has read, kept per store (least recently used go first) for at most
 * the manifest's lifetime: a search page is then read as of one moment at most that old, like the
 * index it comes from. A chunk is read again when a search asks for a newer revision than the copy.
 */
const STATEMENT_CACHE_SIZE = 1_024;
interface CachedChunk {
  readonly until: number;
  readonly revision: number;
  readonly title: string;
  readonly date?: string;
  readonly statements: TranscriptDetail['statements'];
}
/** A chunk's read: in flight, or settled with its copy (undefined: no such item). */
interface ChunkEntry {
  readonly read: Promise<CachedChunk | undefined>;
  settled: boolean;
  copy?: CachedChunk | undefined;
}

/** How long retired segments stay readable after a compaction (far longer than any reader's manifest copy). */
const RETIRED_GRACE_MS = 5 * 60_000;
/** Merges one compaction call may do (bounds the projector's extra work per batch). */
const MAX_MERGES_PER_CALL = 2;

/** The search manifest: live segments, and retired ones waiting for their grace period to end. */
interface Manifest {
  readonly live: SegmentMeta[];
  /** The live segment ids, joined: what the index holds. */
  readonly version: string;
  readonly retired: { readonly id: string; readonly level: number; readonly at: number }[];
}

const parseManifest = (item: Item | undefined): Manifest => {
  const live: SegmentMeta[] = [];
  const retired: Manifest['retired'][number][] = [];
  for (const [k, v] of Object.entries(item ?? {})) {
    const m = v as { l?: number; d?: number; p?: number; at?: number };
    if (k.startsWith('s:')) live.push({ id: k.slice(2), level: Number(m.l), docs: Number(m.d ?? 0), postings: Number(m.p ?? 0) });
    else if (k.startsWith('r:')) retired.push({ id: k.slice(2), level: Number(m.l), at: Number(m.at ?? 0) });
  }
  live.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { live, retired, version: live.map((s) => s.id).join(',') };
};

const metaOf = (segment: SearchSegment) => ({ l: segment.level, d: segment.docs, p: segment.postings });

/** Transcripts per search segment when bulk loading (larger segments: fewer items per query). */
export const BULK_SEGMENT_SIZE = 2000;

const gzipJson = (value: unknown): Uint8Array => gzipSync(JSON.stringify(value), { level: 6 });
const gunzipJson = <T>(bytes: Uint8Array): T => JSON.parse(gunzipSync(bytes).toString('utf8')) as T;

const units = (c: ConsumedCapacity[] | ConsumedCapacity | undefined): number =>
  (Array.isArray(c) ? c : c ? [c] : []).reduce((n, x) => n + (x.CapacityUnits ?? 0), 0);

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const errorName = (error: unknown): string => (error as { name?: string })?.name ?? '';

/** The items of a transcript view, keyed deterministically. */
export const transcriptItems = (view: TranscriptView): { summary: Item; others: Item[]; state: ProjectionState } => {
  const pk = transcriptPk(view.id);
  const summary = toSummary(view);
  const topics = topicMentions(view);
  const detail = toDetail(view);
  const statementChunks = chunks(detail.statements, STATEMENTS_PER_CHUNK);
  const state: ProjectionState = {
    version: view.version,
    revision: view.revision,
    topicCounts: Object.fromEntries(topicCounts(view)),
    indexed: indexSignature(view),
    chunks: statementChunks.length,
  };
  const listed = isListed(view);
  const summaryItem: Item = {
    [A.pk]: pk,
    [A.sk]: SUMMARY_SK,
    ...(listed ? { [A.gsi1pk]: TRANSCRIPTS_GSI1PK, [A.gsi1sk]: dateKeyOf(view) } : {}),
    [A.version]: state.version,
    [A.revision]: state.revision,
    [A.topicCounts]: state.topicCounts,
    [A.indexed]: state.indexed,
    [A.chunks]: state.chunks,
    [A.summary]: summary,
  };
  const others: Item[] = [
    // The detail without its statements, which live in statement items of 8.
    { [A.pk]: pk, [A.sk]: DETAIL_SK, [A.revision]: view.revision, [A.body]: gzipJson({ ...detail, statements: [] }) },
    ...statementChunks.map((group, n) => ({
      [A.pk]: pk,
      [A.sk]: statementSk(n),
      [A.revision]: view.revision,
      [A.body]: gzipJson({ title: summary.title, ...(summary.date ? { date: summary.date } : {}), statements: group }),
    })),
    ...topics.map((m) => ({
      [A.pk]: pk,
      [A.sk]: topicSk(m.key),
      [A.gsi1pk]: topicGsi1pk(m.key),
      [A.gsi1sk]: m.dateKey,
      [A.mention]: gzipJson(m),
    })),
  ];
  return { summary: summaryItem, others, state };
};

/** A search bucket item as cached: its JSON text. */
const decodeBucket = (item: Item | undefined): CachedBucket => {
  if (!item) return { json: undefined, bytes: 0, byTerm: new Map() };
  const bytes = gunzipSync(item[A.body] as Uint8Array);
  const json = bytes.toString('utf8');
  // V8 keeps an ASCII string in one byte per character; otherwise count two (at most an over-estimate).
  return { json, bytes: bytes.length === json.length ? json.length : 2 * json.length, byTerm: new Map() };
};

/** The stored items of a search segment: one per non-empty bucket. */
export const searchItems = (segment: SearchSegment): Item[] =>
  [...segment.buckets].map(([bucket, postings]) => ({
    [A.pk]: searchPk(segment.level, bucket),
    [A.sk]: segment.id,
    [A.body]: gzipJson(postings),
  }));

/** The view store on DynamoDB. */
export class DynamoViewStore implements ViewStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: {
      writeConcurrency?: number;
      bulkSegmentSize?: number;
      manifestTtlMs?: number;
      retiredGraceMs?: number;
      /** The clock the read copies (manifest, statement chunks) age by. */
      clock?: Clock;
    } = {},
  ) {}

  private readonly statementChunks = new Map<string, ChunkEntry>();

  async projectionState(transcriptId: string): Promise<ProjectionState | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [A.pk]: transcriptPk(transcriptId), [A.sk]: SUMMARY_SK },
        ProjectionExpression: '#v, #r, #tc, #ix, #nc',
        ExpressionAttributeNames: { '#v': A.version, '#r': A.revision, '#tc': A.topicCounts, '#ix': A.indexed, '#nc': A.chunks },
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    return {
      version: Number(Item[A.version] ?? 0),
      revision: Number(Item[A.revision] ?? 0),
      topicCounts: (Item[A.topicCounts] as Record<string, number>) ?? {},
      indexed: String(Item[A.indexed] ?? ''),
      chunks: Number(Item[A.chunks] ?? 0),
    };
  }

  async writeTranscript(previous: ProjectionState | undefined, view: TranscriptView): Promise<ProjectOutcome> {
    if (previous && previous.version >= view.version) return 'unchanged';
    const pk = transcriptPk(view.id);
    const { summary, others, state } = transcriptItems(view);
    const keep = new Set(others.map((i) => i[A.sk] as string));
    const stale = [
      ...Object.keys(previous?.topicCounts ?? {}).map(topicSk),
      ...Array.from({ length: previous?.chunks ?? 0 }, (_, n) => statementSk(n)),
    ].filter((sk) => !keep.has(sk));
    await this.batchWrite([
      ...others.map((Item) => ({ PutRequest: { Item } })),
      ...stale.map((sk) => ({ DeleteRequest: { Key: { [A.pk]: pk, [A.sk]: sk } } })),
    ]);

    const deltas = topicDeltas(new Map(Object.entries(previous?.topicCounts ?? {})), new Map(Object.entries(state.topicCounts)));
    const names: Record<string, string> = {};
    const values: Record<string, number> = {};
    const adds = deltas.flatMap((d, i) => {
      names[`#m${i}`] = statsAttr.mentions(d.topic);
      names[`#n${i}`] = statsAttr.transcripts(d.topic);
      values[`:m${i}`] = d.mentions;
      values[`:n${i}`] = d.transcripts;
      return [`#m${i} :m${i}`, `#n${i} :n${i}`];
    });
    const put = {
      Put: {
        TableName: this.tableName,
        Item: summary,
        ConditionExpression: 'attribute_not_exists(#pk) OR #v < :v',
        ExpressionAttributeNames: { '#pk': A.pk, '#v': A.version },
        ExpressionAttributeValues: { ':v': view.version },
      },
    };
    const update = adds.length
      ? [{ Update: { TableName: this.tableName, Key: STATS_KEY, UpdateExpression: `ADD ${adds.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values } }]
      : [];
    for (let attempt = 0; ; attempt++) {
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: [put, ...update] }));
        return 'written';
      } catch (error) {
        const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'unchanged';
        const retriable = errorName(error) === 'TransactionConflictException' || reasons.some((r) => r.Code === 'TransactionConflict');
        if (!retriable || attempt >= 8) throw error;
        await sleep(20 * 2 ** attempt * Math.random());
      }
    }
  }

  async writeSearchSegment(segment: SearchSegment): Promise<{ writeUnits: number }> {
    // The segment's buckets first, then its manifest entry: readers only see complete segments.
    const writeUnits = await this.batchWrite(searchItems(segment).map((Item) => ({ PutRequest: { Item } })));
    const res = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: SEARCH_MANIFEST_KEY,
        UpdateExpression: 'SET #s = :m',
        ExpressionAttributeNames: { '#s': manifestAttr.live(segment.id) },
        ExpressionAttributeValues: { ':m': metaOf(segment) },
        ReturnValues: 'ALL_NEW',
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.written = parseManifest(res.Attributes);
    this.manifest = undefined;
    return { writeUnits: writeUnits + units(res.ConsumedCapacity) };
  }

  /** The manifest as this process last wrote it (so compaction after a write needs no read). */
  private written: Manifest | undefined;
  private manifest: { value: Promise<Manifest>; until: number } | undefined;

  private async readManifest(consistent: boolean): Promise<Manifest> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: SEARCH_MANIFEST_KEY, ConsistentRead: consistent }));
    return parseManifest(Item);
  }

  async searchIndexVersion(): Promise<string> {
    await this.liveSegments();
    return this.manifest!.value.then((m) => m.version);
  }

  /** The live segments, as readers see them: a copy at most MANIFEST_TTL_MS old. */
  private liveSegments(): Promise<SegmentMeta[]> {
    const now = (this.options.clock ?? systemClock).now();
    if (!this.manifest || this.manifest.until <= now) {
      const value = this.readManifest(false);
      this.manifest = { value, until: now + (this.options.manifestTtlMs ?? MANIFEST_TTL_MS) };
      value.catch(() => (this.manifest = undefined));
    }
    return this.manifest.value.then((m) => m.live);
  }

  async compactSearch(now: number, policy: CompactionPolicy = DEFAULT_COMPACTION): Promise<CompactionReport> {
    let manifest = this.written ?? (await this.readManifest(true));
    this.written = undefined;
    const report = { merged: 0, deleted: 0, writeUnits: 0 };
    // 1. Retired segments past their grace period (and merge outputs that never went live, see 2):
    // delete their buckets, then their manifest entry. Never the buckets of a live segment.
    const liveIds = new Set(manifest.live.map((x) => x.id));
    for (const r of manifest.retired.filter((x) => x.at <= now - (this.options.retiredGraceMs ?? RETIRED_GRACE_MS))) {
      if (!liveIds.has(r.id)) {
        report.writeUnits += await this.batchWrite(
          Array.from({ length: r.level }, (_, b) => ({ DeleteRequest: { Key: { [A.pk]: searchPk(r.level, b), [A.sk]: r.id } } })),
        );
      }
      const removed = await this.updateManifestIf({
        UpdateExpression: 'REMOVE #r',
        ConditionExpression: 'attribute_exists(#r)',
        ExpressionAttributeNames: { '#r': manifestAttr.retired(r.id) },
      });
      if (removed !== undefined) {
        report.writeUnits += removed;
        report.deleted++;
      }
    }
    // 2. Merges: the inputs' buckets are read whole and merged into one new segment. Its id is first
    // recorded as retired (write-ahead: should this process die or lose a race before the swap, step
    // 1 deletes whatever it wrote once the grace period is over); then its buckets are written, and
    // only then one conditional manifest update swaps it in (inputs retired, output live, its
    // write-ahead entry removed).
    for (let round = 0; round < MAX_MERGES_PER_CALL; round++) {
      const inputs = planCompaction(manifest.live, policy);
      if (inputs.length === 0) break;
      const merged = mergeSegments(compactedIdOf(inputs), await this.segmentBuckets(inputs));
      const pending = await this.recordPendingOutput(merged, now);
      if (pending === undefined) break; // the same merge is already live: another compactor did it
      report.writeUnits += pending;
      report.writeUnits += await this.batchWrite(searchItems(merged).map((Item) => ({ PutRequest: { Item } })));
      const names: Record<string, string> = { '#o': manifestAttr.live(merged.id), '#p': manifestAttr.retired(merged.id) };
      const values: Record<string, unknown> = { ':o': metaOf(merged) };
      const sets = ['#o = :o'];
      const removes: string[] = ['#p'];
      // The write-ahead entry must still be there: were it swept (a merge slower than the grace
      // period), some of the buckets just written may be gone.
      const conditions = ['attribute_not_exists(#o)', 'attribute_exists(#p)'];
      inputs.forEach((input, i) => {
        names[`#i${i}`] = manifestAttr.live(input.id);
        names[`#r${i}`] = manifestAttr.retired(input.id);
        values[`:r${i}`] = { l: input.level, at: now };
        sets.push(`#r${i} = :r${i}`);
        removes.push(`#i${i}`);
        conditions.push(`attribute_exists(#i${i})`);
      });
      try {
        const res = await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: SEARCH_MANIFEST_KEY,
            UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
            ConditionExpression: conditions.join(' AND '),
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ReturnValues: 'ALL_NEW',
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        report.writeUnits += units(res.ConsumedCapacity);
        report.merged += inputs.length;
        manifest = parseManifest(res.Attributes);
      } catch (error) {
        // Another compactor got there first. Our output is not deleted here (an identical concurrent
        // merge may be about to reference the very same items): its write-ahead entry stays, and
        // step 1 deletes its buckets after the grace period unless that merge made it live.
        if (errorName(error) !== 'ConditionalCheckFailedException') throw error;
        break;
      }
    }
    this.manifest = undefined;
    return report;
  }

  /**
   * Records a merge output as retired before any of its items is written (see `compactSearch`), or
   * returns undefined when that very segment is already live. Returns the write units spent.
   */
  private recordPendingOutput(segment: SearchSegment, now: number): Promise<number | undefined> {
    return this.updateManifestIf({
      UpdateExpression: 'SET #p = :p',
      ConditionExpression: 'attribute_not_exists(#o)',
      ExpressionAttributeNames: { '#p': manifestAttr.retired(segment.id), '#o': manifestAttr.live(segment.id) },
      ExpressionAttributeValues: { ':p': { l: segment.level, at: now } },
    });
  }

  /** One conditional update of the search manifest: its write units, or undefined when the condition failed. */
  private async updateManifestIf(
    update: Pick<UpdateCommandInput, 'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>,
  ): Promise<number | undefined> {
    try {
      const res = await this.db.send(new UpdateCommand({ TableName: this.tableName, Key: SEARCH_MANIFEST_KEY, ...update, ReturnConsumedCapacity: 'TOTAL' }));
      return units(res.ConsumedCapacity);
    } catch (error) {
      if (errorName(error) !== 'ConditionalCheckFailedException') throw error;
      return undefined;
    }
  }

  /** Every bucket of each of these segments (each bucket of its level is asked for; absent ones are empty). */
  private async segmentBuckets(segments: readonly SegmentMeta[]): Promise<BucketPostings[][]> {
    const keys = segments.flatMap((s) => Array.from({ length: s.level }, (_, b) => ({ [A.pk]: searchPk(s.level, b), [A.sk]: s.id })));
    const bySegment = new Map<string, BucketPostings[]>(segments.map((s) => [s.id, []]));
    for (const item of await this.batchGetKeys(keys)) bySegment.get(item[A.sk] as string)?.push(gunzipJson<BucketPostings>(item[A.body] as Uint8Array));
    return [...bySegment.values()];
  }

  async knownTopics(): Promise<Set<string>> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: STATS_KEY, ConsistentRead: true }));
    return new Set(Object.keys(Item ?? {}).flatMap((k) => (k.startsWith('f:') ? [k.slice(2)] : [])));
  }

  async recordTopicFirstSeen(data: EventData<'TopicFirstSeen'>, at: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: STATS_KEY,
        UpdateExpression: 'SET #f = if_not_exists(#f, :f)',
        ExpressionAttributeNames: { '#f': statsAttr.firstSeen(data.topic) },
        ExpressionAttributeValues: { ':f': { transcriptId: data.transcriptId, at } },
      }),
    );
  }

  async bulkLoad(
    views: readonly TranscriptView[],
    firstSeen: readonly { data: EventData<'TopicFirstSeen'>; at: string }[],
  ): Promise<{ writeUnits: number; searchWriteUnits: number }> {
    const requests: Record<string, unknown>[] = [];
    const stats: Item = { ...STATS_KEY };
    for (const view of views) {
      const { summary, others, state } = transcriptItems(view);
      requests.push({ PutRequest: { Item: summary } }, ...others.map((Item) => ({ PutRequest: { Item } })));
      for (const [topic, n] of Object.entries(state.topicCounts)) {
        stats[statsAttr.mentions(topic)] = Number(stats[statsAttr.mentions(topic)] ?? 0) + n;
        stats[statsAttr.transcripts(topic)] = Number(stats[statsAttr.transcripts(topic)] ?? 0) + 1;
      }
    }
    for (const { data, at } of firstSeen) stats[statsAttr.firstSeen(data.topic)] ??= { transcriptId: data.transcriptId, at };
    let writeUnits = await this.batchWrite(requests);
    const put = await this.db.send(new PutCommand({ TableName: this.tableName, Item: stats, ReturnConsumedCapacity: 'TOTAL' }));
    writeUnits += units(put.ConsumedCapacity);
    let searchWriteUnits = 0;
    for (const chunk of chunks(views.filter(isListed), this.options.bulkSegmentSize ?? BULK_SEGMENT_SIZE)) {
      searchWriteUnits += (await this.writeSearchSegment(buildSegment(segmentIdOf(chunk), chunk))).writeUnits;
    }
    return { writeUnits: writeUnits + searchWriteUnits, searchWriteUnits };
  }

  async clear(): Promise<void> {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new ScanCommand({ TableName: this.tableName, ProjectionExpression: '#pk, #sk', ExpressionAttributeNames: { '#pk': A.pk, '#sk': A.sk }, ExclusiveStartKey: start }),
      );
      await this.batchWrite((page.Items ?? []).map((Key) => ({ DeleteRequest: { Key } })));
      start = page.LastEvaluatedKey;
    } while (start);
  }

  async getSummary(transcriptId: string): Promise<TranscriptSummary | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { [A.pk]: transcriptPk(transcriptId), [A.sk]: SUMMARY_SK } }),
    );
    return Item?.[A.summary] as TranscriptSummary | undefined;
  }

  async getDetail(transcriptId: string): Promise<TranscriptDetail | undefined> {
    // One Query: DETAIL and the STMT# items sort next to each other (before SUMMARY and TOPIC#).
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: '#p = :p AND #s BETWEEN :lo AND :hi',
        ExpressionAttributeNames: { '#p': A.pk, '#s': A.sk },
        ExpressionAttributeValues: { ':p': transcriptPk(transcriptId), ':lo': DETAIL_SK, ':hi': `${STATEMENT_SK_PREFIX}~` },
      }),
    );
    const detail = Items.find((i) => i[A.sk] === DETAIL_SK);
    if (!detail) return undefined;
    const revision = Number(detail[A.revision]);
    const statements = Items.filter((i) => i[A.sk] !== DETAIL_SK && Number(i[A.revision]) === revision).flatMap(
      (i) => gunzipJson<{ statements: TranscriptDetail['statements'] }>(i[A.body] as Uint8Array).statements,
    );
    return { ...gunzipJson<TranscriptDetail>(detail[A.body] as Uint8Array), statements };
  }

  async getStatements(refs: readonly StatementRef[]): Promise<Map<string, StoredStatement>> {
    // One read per chunk of 16 statements; chunks read in the last MANIFEST_TTL_MS are reused.
    const now = (this.options.clock ?? systemClock).now();
    const ttl = this.options.manifestTtlMs ?? MANIFEST_TTL_MS;
    const wanted = new Map<string, number[]>();
    const newest = new Map<string, number>();
    for (const r of refs) {
      const key = `${r.transcriptId}#${chunkOf(r.seq)}`;
      const seqs = wanted.get(key);
      if (seqs) seqs.push(r.seq);
      else wanted.set(key, [r.seq]);
      if (r.revision !== undefined) newest.set(key, Math.max(newest.get(key) ?? 0, r.revision));
    }
    // A copy is used unless it is too old, older than the revision asked for, or of a missing item.
    const usable = (key: string, copy: CachedChunk | undefined) => !!copy && copy.until > now && copy.revision >= (newest.get(key) ?? 0);
    const found = new Map<string, Promise<CachedChunk | undefined>>();
    const missing: string[] = [];
    const inFlight: string[] = [];
    for (const key of wanted.keys()) {
      const cached = ttl > 0 ? this.statementChunks.get(key) : undefined;
      if (cached && (!cached.settled || usable(key, cached.copy))) {
        touch(this.statementChunks, key, cached);
        found.set(key, cached.read);
        if (!cached.settled) inFlight.push(key);
      } else missing.push(key);
    }
    this.readChunks(missing, now, ttl, found);
    // A read another search started may bring an older revision than this one needs: read again.
    const again: string[] = [];
    for (const key of inFlight) if (!usable(key, await found.get(key))) again.push(key);
    this.readChunks(again, now, ttl, found);
    const out = new Map<string, StoredStatement>();
    for (const [key, read] of found) {
      const chunk = await read;
      if (!chunk) continue;
      const transcriptId = key.slice(0, key.lastIndexOf('#'));
      // Only the statements asked for (a chunk holds 16).
      const seqs = new Set(wanted.get(key));
      for (const st of chunk.statements) {
        if (seqs.has(st.seq)) {
          out.set(`${transcriptId}#${st.seq}`, { transcriptId, revision: chunk.revision, title: chunk.title, ...(chunk.date ? { date: chunk.date } : {}), ...st });
        }
      }
    }
    return out;
  }

  /** Reads statement chunks (keys `<transcriptId>#<chunk>`) in one BatchGet, into `found` and the cache. */
  private readChunks(keys: readonly string[], now: number, ttl: number, found: Map<string, Promise<CachedChunk | undefined>>): void {
    if (keys.length === 0) return;
    const fetched = this.batchGetKeys(
      keys.map((key) => {
        const hash = key.lastIndexOf('#');
        return { [A.pk]: transcriptPk(key.slice(0, hash)), [A.sk]: statementSk(Number(key.slice(hash + 1))) };
      }),
    ).then((items) => {
      const byKey = new Map<string, CachedChunk>();
      for (const item of items) {
        const chunk = gunzipJson<{ title: string; date?: string; statements: TranscriptDetail['statements'] }>(item[A.body] as Uint8Array);
        const sk = item[A.sk] as string;
        const key = `${(item[A.pk] as string).slice(2)}#${Number(sk.slice(STATEMENT_SK_PREFIX.length))}`;
        byKey.set(key, { until: now + ttl, revision: Number(item[A.revision]), title: chunk.title, ...(chunk.date ? { date: chunk.date } : {}), statements: chunk.statements });
      }
      return byKey;
    });
    for (const key of keys) {
      const read = fetched.then((byKey) => byKey.get(key));
      found.set(key, read);
      if (ttl <= 0) continue;
      const entry: ChunkEntry = { read, settled: false };
      touch(this.statementChunks, key, entry);
      read.then(
        (copy) => {
          entry.settled = true;
          entry.copy = copy;
        },
        () => this.statementChunks.get(key) === entry && this.statementChunks.delete(key),
      );
    }
    while (this.statementChunks.size > STATEMENT_CACHE_SIZE) this.statementChunks.delete(this.statementChunks.keys().next().value!);
  }

  async getSummaries(transcriptIds: readonly string[]): Promise<Map<string, TranscriptSummary>> {
    const items = await this.batchGet(transcriptIds, SUMMARY_SK);
    return new Map(items.map((i) => [(i[A.pk] as string).slice(2), i[A.summary] as TranscriptSummary]));
  }

  async listing(index: ListingIndex, range: { lo: string; hi: string }, limit: number): Promise<ListingEntry[]> {
    const gsi1pk = index.kind === 'transcripts' ? TRANSCRIPTS_GSI1PK : topicGsi1pk(index.topic);
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI1,
        KeyConditionExpression: '#p = :p AND #s BETWEEN :lo AND :hi',
        ExpressionAttributeNames: { '#p': A.gsi1pk, '#s': A.gsi1sk },
        ExpressionAttributeValues: { ':p': gsi1pk, ':lo': range.lo, ':hi': range.hi },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map((i) => this.toEntry(i));
  }

  async topicCounters(options: { readonly maxAgeMs?: number } = {}): Promise<TopicCounter[]> {
    const now = (this.options.clock ?? systemClock).now();
    if (options.maxAgeMs !== undefined && this.counters && now - this.counters.at <= options.maxAgeMs) return this.counters.value;
    const value = await this.readTopicCounters();
    this.counters = { value, at: now };
    return value;
  }

  private counters: { value: TopicCounter[]; at: number } | undefined;

  private async readTopicCounters(): Promise<TopicCounter[]> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: STATS_KEY }));
    const topics = new Set(Object.keys(Item ?? {}).flatMap((k) => (/^[mnf]:/.test(k) ? [k.slice(2)] : [])));
    return [...topics].sort().map((topic) => {
      const f = Item?.[statsAttr.firstSeen(topic)] as { transcriptId: string; at: string } | undefined;
      return {
        topic,
        mentions: Number(Item?.[statsAttr.mentions(topic)] ?? 0),
        transcripts: Number(Item?.[statsAttr.transcripts(topic)] ?? 0),
        ...(f ? { firstArchived: f } : {}),
      };
    });
  }

  async topicEdge(topic: string, edge: 'first' | 'last'): Promise<ListingEntry | undefined> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI1,
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': A.gsi1pk },
        ExpressionAttributeValues: { ':p': topicGsi1pk(topic) },
        ScanIndexForward: edge === 'first',
        Limit: 1,
      }),
    );
    return Items[0] ? this.toEntry(Items[0]) : undefined;
  }

  async postings(term: string): Promise<Posting[]> {
    // One key per live segment (the term's bucket at that segment's level); decoded buckets are
    // cached (segments are immutable), the others come in one BatchGet.
    const keys = (await this.liveSegments()).map((s) => ({ pk: searchPk(s.level, bucketOf(term, s.level)), sk: s.id }));
    const missing: { pk: string; sk: string }[] = [];
    const found: { key: string; entry: BucketEntry }[] = [];
    for (const k of keys) {
      const key = bucketKeyOf(k.pk, k.sk);
      const cached = bucketCache.get(key);
      if (cached) {
        touch(bucketCache, key, cached);
        found.push({ key, entry: cached });
      } else missing.push(k);
    }
    if (missing.length > 0) {
      const fetched = this.batchGetKeys(missing.map((k) => ({ [A.pk]: k.pk, [A.sk]: k.sk }))).then((items) => {
        const byKey = new Map(items.map((i) => [bucketKeyOf(i[A.pk] as string, i[A.sk] as string), i]));
        return byKey;
      });
      for (const k of missing) {
        const key = bucketKeyOf(k.pk, k.sk);
        const entry: BucketEntry = { read: fetched.then((byKey) => decodeBucket(byKey.get(key))), bytes: 0 };
        bucketCache.set(key, entry);
        entry.read.then(
          (b) => chargeBucket(key, entry, b.bytes),
          () => bucketCache.get(key) === entry && bucketCache.delete(key),
        );
        found.push({ key, entry });
      }
    }
    const out: Posting[] = [];
    for (const { key, entry } of found) {
      const b = await entry.read;
      if (!b.json) continue;
      let postings = b.byTerm.get(term);
      if (!postings) {
        b.byTerm.set(term, (postings = postingsIn(JSON.parse(b.json) as BucketPostings, term)));
        // A common word's postings can outweigh its bucket's text: they count against the budget too.
        chargeBucket(key, entry, postings.reduce((n, p) => n + 160 + 8 * (p.seqs.length + (p.codes?.length ?? 0)), 0));
      }
      for (const p of postings) out.push(p);
    }
    return out;
  }

  private toEntry(item: Item): ListingEntry {
    const dateKey = item[A.gsi1sk] as string;
    const transcriptId = (item[A.pk] as string).slice(2);
    const summary = item[A.summary] as TranscriptSummary | undefined;
    const raw = item[A.mention] as Uint8Array | undefined;
    const mention = raw ? gunzipJson<Mention>(raw) : undefined;
    return { dateKey, transcriptId, ...(summary ? { summary } : {}), ...(mention ? { mention } : {}) };
  }

  private batchGet(transcriptIds: readonly string[], sk: string): Promise<Item[]> {
    return this.batchGetKeys([...new Set(transcriptIds)].map((id) => ({ [A.pk]: transcriptPk(id), [A.sk]: sk })));
  }

  private async batchGetKeys(allKeys: readonly Record<string, unknown>[]): Promise<Item[]> {
    const results = await mapLimit(chunks(allKeys, 100), 4, async (chunk) => {
      const out: Item[] = [];
      let keys: Record<string, unknown>[] | undefined = chunk;
      for (let attempt = 0; keys && keys.length > 0; attempt++) {
        const res = await this.db.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }));
        out.push(...(res.Responses?.[this.tableName] ?? []));
        keys = res.UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined;
        if (keys?.length) await sleep(Math.min(1000, 10 * 2 ** attempt));
      }
      return out;
    });
    return results.flat();
  }

  /** Writes put/delete requests in batches of 25, retrying unprocessed ones; returns write units. */
  private async batchWrite(requests: readonly Record<string, unknown>[]): Promise<number> {
    const totals = await mapLimit(chunks(requests, 25), this.options.writeConcurrency ?? 4, async (chunk) => {
      let pending: Record<string, unknown>[] | undefined = chunk;
      let total = 0;
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        const res = await this.db.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: pending as never }, ReturnConsumedCapacity: 'TOTAL' }),
        );
        total += units(res.ConsumedCapacity);
        pending = res.UnprocessedItems?.[this.tableName] as Record<string, unknown>[] | undefined;
        if (pending?.length) await sleep(Math.min(1000, 10 * 2 ** attempt));
      }
      return total;
    });
    return totals.reduce((a, b) => a + b, 0);
  }
}
