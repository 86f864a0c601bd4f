/**
 * The projector: turns newly committed events into read models. For every transcript touched by
 * a batch it folds the whole stream (read back from the event store, so a revision spread over
 * several commits is always projected whole), skips what is already projected, indexes the new
 * content as one search segment, writes the views, and claims TopicFirstSeen for topics the
 * archive has never seen (version 1 of `topic/<topic>`, first writer wins). Views are derived
 * from the log only, so `rebuildViews` can always recreate them.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../clock';
import { ConcurrencyError, type EventStore } from '../event-store';
import { type EventData, type StoredEvent, topicStream, transcriptStream } from '../events';
import { toEnvelopes } from '../transcript-events';
import { buildSegment } from './search';
import { decideTopicFirstSeen } from './topic-stats';
import { foldTranscript, transcriptIdOfStream, type TranscriptView } from './transcript-view';
import type { CompactionReport, ProjectionState, ViewStore } from './view-store';

/** What the projector needs. */
export interface ProjectorDeps {
  readonly store: EventStore;
  readonly views: ViewStore;
  readonly clock: Clock;
  /** How many transcripts are read and written at once. */
  readonly concurrency?: number;
}

/** What one run did. */
export interface ProjectionReport {
  readonly transcripts: number;
  readonly written: number;
  readonly unchanged: number;
  readonly firstSeenClaimed: readonly string[];
  /** Write units of the new segment and of any compaction that followed. */
  readonly searchWriteUnits: number;
  /** Segments merged by the compaction that followed this batch's segment. */
  readonly segmentsMerged: number;
  /** A failed compaction does not fail the batch (the next one retries it); its message. */
  readonly compactionError?: string;
}

/** Runs `fn` over items with at most `limit` in flight. */
export const mapLimit = async <T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> => {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
};

/** A deterministic id for the segment indexing these views: the same batch gives the same id. */
export const segmentIdOf = (views: readonly TranscriptView[]): string =>
  createHash('sha256')
    .update(views.map((v) => `${v.id}@${v.revision}:${indexSignature(v)}`).sort().join('\n'))
    .digest('hex')
    .slice(0, 20);

/** What the search index holds of a view: its statement and entity counts (they only grow within a revision). */
export const indexSignature = (view: TranscriptView): string => (view.revision > 0 ? `${view.statements.length}:${view.entities.length}` : '');

const needsIndexing = (previous: ProjectionState | undefined, view: TranscriptView): boolean =>
  view.revision > 0 && (previous?.revision !== view.revision || previous.indexed !== indexSignature(view));

/** Projects the events of one batch of commits (any streams, any order of batches). */
export const projectEvents = async (deps: ProjectorDeps, events: readonly StoredEvent[]): Promise<ProjectionReport> => {
  const { store, views, clock } = deps;
  for (const e of events) if (e.type === 'TopicFirstSeen') await views.recordTopicFirstSeen(e.data, e.occurredAt);

  const ids = [...new Set(events.flatMap((e) => transcriptIdOfStream(e.stream) ?? []))];
  const loaded = await mapLimit(ids, deps.concurrency ?? 8, async (id) => {
    const [stream, previous] = await Promise.all([store.read(transcriptStream(id)), views.projectionState(id)]);
    return { view: foldTranscript(id, stream), previous };
  });
  const changed = loaded.filter(({ view, previous }) => view.version > 0 && (previous?.version ?? 0) < view.version);

  const toIndex = changed.filter(({ view, previous }) => needsIndexing(previous, view)).map(({ view }) => view);
  const search = toIndex.length > 0 ? await views.writeSearchSegment(buildSegment(segmentIdOf(toIndex), toIndex)) : { writeUnits: 0 };
  let compaction: CompactionReport = { merged: 0, deleted: 0, writeUnits: 0 };
  let compactionError: string | undefined;
  if (toIndex.length > 0) {
    try {
      compaction = await views.compactSearch(clock.now());
    } catch (error) {
      compactionError = String((error as Error)?.message ?? error);
    }
  }

  const outcomes = await mapLimit(changed, deps.concurrency ?? 8, ({ view, previous }) => views.writeTranscript(previous, view));

  const claimed: string[] = [];
  const known = changed.some(({ view }) => view.topics.length > 0) ? await views.knownTopics() : new Set<string>();
  for (const { view } of changed) {
    for (const data of decideTopicFirstSeen(view, known)) {
      known.add(data.topic);
      if (await claimTopicFirstSeen(store, data, clock)) claimed.push(data.topic);
    }
  }
  const written = outcomes.filter((o) => o === 'written').length;
  return {
    transcripts: ids.length,
    written,
    unchanged: ids.length - written,
    firstSeenClaimed: claimed,
    searchWriteUnits: search.writeUnits + compaction.writeUnits,
    segmentsMerged: compaction.merged,
    ...(compactionError ? { compactionError } : {}),
  };
};

/** Appends TopicFirstSeen at version 1 of the topic's stream; false when another writer was first. */
export const claimTopicFirstSeen = async (store: EventStore, data: EventData<'TopicFirstSeen'>, clock: Clock): Promise<boolean> => {
  const stream = topicStream(data.topic);
  const [event] = toEnvelopes(stream, 1, [{ type: 'TopicFirstSeen', data }], clock.now());
  try {
    const result = await store.append(stream, 0, [event!]);
    return result.written > 0;
  } catch (error) {
    if (error instanceof ConcurrencyError) return false;
    throw error;
  }
};

/** The Unix epoch, where a full replay of the log starts. */
export const EPOCH = '1970-01-01T00:00:00.000Z';

/**
 * Rebuilds every view from the event log into an emptied view store: folds `readAllSince(epoch)`
 * per stream, then bulk-loads the result. The live views and the rebuilt ones must be equal.
 */
export const rebuildViews = async (store: EventStore, views: ViewStore): Promise<{ transcripts: number; events: number; writeUnits: number }> => {
  const perStream = new Map<string, StoredEvent[]>();
  const firstSeen: { data: EventData<'TopicFirstSeen'>; at: string }[] = [];
  let count = 0;
  for await (const event of store.readAllSince(EPOCH)) {
    count++;
    if (event.type === 'TopicFirstSeen') {
      if (event.version === 1) firstSeen.push({ data: event.data, at: event.occurredAt });
      continue;
    }
    const list = perStream.get(event.stream) ?? [];
    list.push(event);
    perStream.set(event.stream, list);
  }
  const folded = [...perStream].flatMap(([stream, list]) => {
    const id = transcriptIdOfStream(stream);
    return id ? [foldTranscript(id, list.sort((a, b) => a.version - b.version))] : [];
  });
  await views.clear();
  const { writeUnits } = await views.bulkLoad(folded, firstSeen);
  return { transcripts: folded.length, events: count, writeUnits };
};
