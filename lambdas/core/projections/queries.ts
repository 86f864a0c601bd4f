/**
 * The archive's read side: listings, topic mentions, topic statistics and statement search over
 * the view store port. Pages are ordered newest first and resume from a position (`after`) that
 * the API wraps into an opaque, signed cursor.
 */
import { TOPIC_IDS } from '../topic-ids';
import { entityKey, type TranscriptSummary } from './read-models';
import { entityTerm, hasPositions, indexDecides, intersectPostings, matchesQuery, parseSearchQuery, phraseConstraints, type Candidate, type Posting, type SearchQuery } from './search';
import type { ListingIndex, ViewStore } from './view-store';

/** Where a page resumes: after statement `s` (or the whole entry, when absent) of entry `k`. */
export interface Position {
  /** The entry's sort key (`<day>#<transcriptId>`). */
  readonly k: string;
  /** The last statement seq consumed in that entry. */
  readonly s?: number;
}

/** A page of results and where the next one starts. */
export interface PageOf<T> {
  readonly items: T[];
  readonly next?: Position;
}

/** Day bounds (YYYY-MM-DD, inclusive) and paging of a listing. */
export interface ListingOptions {
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly after?: Position;
}

const rangeOf = (o: ListingOptions): { lo: string; hi: string } => {
  const lo = o.from ?? '0';
  const top = o.to ? `${o.to}#~` : '9999-99-99#~';
  const hi = o.after && o.after.k < top ? o.after.k : top;
  return { lo, hi };
};

/** Transcripts, newest first, optionally those mentioning a topic and/or an entity. */
export const listTranscripts = async (
  views: ViewStore,
  filter: { readonly topic?: string; readonly entity?: string },
  o: ListingOptions,
): Promise<PageOf<TranscriptSummary>> => {
  const ek = filter.entity === undefined ? undefined : entityKey(filter.entity);
  if (ek !== undefined && !filter.topic) return listByEntity(views, ek, o);
  const index: ListingIndex = filter.topic ? { kind: 'topic', topic: filter.topic } : { kind: 'transcripts' };
  const keep = (s: TranscriptSummary) => !(filter.topic && ek !== undefined) || s.entities.some((n) => entityKey(n) === ek);
  const out: { k: string; summary: TranscriptSummary }[] = [];
  let { lo, hi } = rangeOf(o);
  if (lo > hi) return { items: [] };
  let skip = o.after?.k;
  const chunk = o.limit + 2;
  for (;;) {
    const raw = await views.listing(index, { lo, hi }, chunk);
    const entries = raw.filter((e) => e.dateKey !== skip);
    const missing = entries.filter((e) => !e.summary).map((e) => e.transcriptId);
    const fetched = missing.length ? await views.getSummaries(missing) : new Map<string, TranscriptSummary>();
    for (const e of entries) {
      const summary = e.summary ?? fetched.get(e.transcriptId);
      if (summary && keep(summary)) out.push({ k: e.dateKey, summary });
      if (out.length > o.limit) break;
    }
    const last = raw[raw.length - 1];
    if (out.length > o.limit || raw.length < chunk || !last) break;
    hi = last.dateKey;
    skip = last.dateKey;
  }
  const items = out.slice(0, o.limit);
  return { items: items.map((i) => i.summary), ...(out.length > o.limit ? { next: { k: items[items.length - 1]!.k } } : {}) };
};

/** Transcripts that mention an entity, newest first: read from the entity's postings in the search index. */
const listByEntity = async (views: ViewStore, key: string, o: ListingOptions): Promise<PageOf<TranscriptSummary>> => {
  const { lo, hi } = rangeOf(o);
  const latest = new Map<string, Posting>();
  for (const p of await views.postings(entityTerm(key))) {
    const seen = latest.get(p.transcriptId);
    if (!seen || p.revision > seen.revision) latest.set(p.transcriptId, p);
  }
  const ordered = [...latest.values()]
    .filter((p) => p.dateKey >= lo && p.dateKey <= hi && p.dateKey !== o.after?.k)
    .sort((a, b) => (a.dateKey < b.dateKey ? 1 : a.dateKey > b.dateKey ? -1 : 0));
  const out: { k: string; summary: TranscriptSummary }[] = [];
  for (let i = 0; i < ordered.length && out.length <= o.limit; i += o.limit + 1) {
    const slice = ordered.slice(i, i + o.limit + 1);
    const summaries = await views.getSummaries(slice.map((p) => p.transcriptId));
    for (const p of slice) {
      const summary = summaries.get(p.transcriptId);
      // A posting of a superseded revision whose entity the current revision no longer names.
      if (summary && summary.revision === p.revision) out.push({ k: p.dateKey, summary });
      if (out.length > o.limit) break;
    }
  }
  const items = out.slice(0, o.limit);
  return { items: items.map((i) => i.summary), ...(out.length > o.limit ? { next: { k: items[items.length - 1]!.k } } : {}) };
};

/** One statement that mentions a topic. */
export interface MentionHit {
  readonly transcriptId: string;
  readonly title: string;
  readonly date?: string;
  readonly revision: number;
  readonly seq: number;
  readonly text: string;
}

/**
 * The statements that mention a topic, newest transcript first, in document order within one.
 * Each mention entry holds all of a transcript's statements on the topic, so a page needs fewer
 * entries than statements: given the topic's average statements per transcript, each read asks
 * for about as many entries as the rest of the page needs (with a margin), not one per statement.
 */
export const topicMentionsPage = async (
  views: ViewStore,
  topic: string,
  o: ListingOptions & { readonly statementsPerEntry?: number },
): Promise<PageOf<MentionHit>> => {
  const out: { k: string; s: number; hit: MentionHit }[] = [];
  let { lo, hi } = rangeOf(o);
  if (lo > hi) return { items: [] };
  let resume: Position | undefined = o.after;
  const density = Math.max(1, o.statementsPerEntry ?? 1);
  for (;;) {
    const needed = o.limit + 1 - out.length;
    const chunk = Math.min(o.limit + 2, Math.ceil((needed / density) * 1.5) + 2);
    const entries = await views.listing({ kind: 'topic', topic }, { lo, hi }, chunk);
    for (const e of entries) {
      const m = e.mention;
      if (!m) continue;
      const after = resume && e.dateKey === resume.k ? (resume.s ?? Infinity) : -Infinity;
      for (const st of m.statements) {
        if (st.seq <= after) continue;
        out.push({
          k: e.dateKey,
          s: st.seq,
          hit: { transcriptId: m.transcriptId, title: m.title, ...(m.date ? { date: m.date } : {}), revision: m.revision, seq: st.seq, text: st.text },
        });
        if (out.length > o.limit) break;
      }
      if (out.length > o.limit) break;
    }
    const last = entries[entries.length - 1];
    if (out.length > o.limit || entries.length < chunk || !last) break;
    hi = last.dateKey;
    resume = { k: last.dateKey };
  }
  const items = out.slice(0, o.limit);
  const end = items[items.length - 1];
  return { items: items.map((i) => i.hit), ...(out.length > o.limit && end ? { next: { k: end.k, s: end.s } } : {}) };
};

/** A topic with its statistics, as GET /topics serves it. */
export interface TopicOverview {
  readonly topic: string;
  readonly mentions: number;
  readonly transcripts: number;
  readonly firstSeen: { readonly date: string; readonly transcriptId: string } | null;
  readonly lastSeen: { readonly date: string; readonly transcriptId: string } | null;
  /** The TopicFirstSeen decision: the first transcript archived that mentions it. */
  readonly firstArchived: { readonly transcriptId: string; readonly at: string } | null;
}

/** Every topic of the taxonomy (and any other seen) with mention counts and first/last seen days. */
export const topicsOverview = async (views: ViewStore): Promise<TopicOverview[]> => {
  const counters = new Map((await views.topicCounters()).map((c) => [c.topic, c]));
  const topics = [...new Set<string>([...TOPIC_IDS, ...counters.keys()])];
  return Promise.all(
    topics.map(async (topic) => {
      const c = counters.get(topic);
      const seen = (c?.transcripts ?? 0) > 0;
      const [first, last] = seen ? await Promise.all([views.topicEdge(topic, 'first'), views.topicEdge(topic, 'last')]) : [];
      const at = (e: typeof first) => (e ? { date: e.dateKey.slice(0, 10), transcriptId: e.transcriptId } : null);
      return {
        topic,
        mentions: c?.mentions ?? 0,
        transcripts: c?.transcripts ?? 0,
        firstSeen: at(first),
        lastSeen: at(last),
        firstArchived: c?.firstArchived ?? null,
      };
    }),
  );
};

/** Intersected candidates per (index version, terms): the work of a query grows with the archive, its result is reused. */
const CANDIDATE_CACHE_SIZE = 100;
const CANDIDATE_CACHE_MAX_LENGTH = 50_000;
/** Candidates of a query, and whether the index checked its phrases (positions in every posting). */
interface Candidates {
  readonly list: Candidate[];
  readonly positional: boolean;
}
const candidateCache = new Map<string, Candidates>();

/**
 * The candidate statements of a query, newest first: statements holding every term, and, where the
 * postings carry positions, every phrase's indexed tokens at their offsets. The index only changes
 * by whole segments (immutable, named by the manifest), so the intersection for one index version
 * is kept per process and later pages and repeated queries skip it.
 */
const searchCandidates = async (views: ViewStore, query: SearchQuery): Promise<Candidates> => {
  const key = `${await views.searchIndexVersion()}|${query.terms.join('\u0000')}|${JSON.stringify(query.phrases)}`;
  const cached = candidateCache.get(key);
  if (cached) {
    candidateCache.delete(key);
    candidateCache.set(key, cached);
    return cached;
  }
  const perTerm = await Promise.all(query.terms.map((t) => views.postings(t)));
  const candidates = { list: intersectPostings(perTerm, phraseConstraints(query)), positional: hasPositions(perTerm) };
  if (candidates.list.length <= CANDIDATE_CACHE_MAX_LENGTH) {
    candidateCache.set(key, candidates);
    if (candidateCache.size > CANDIDATE_CACHE_SIZE) candidateCache.delete(candidateCache.keys().next().value!);
  }
  return candidates;
};

/** One statement found by a search. */
export interface SearchHit extends MentionHit {
  readonly speaker?: string;
}

/**
 * Statements matching every word and phrase of `q`, newest first. Candidates come from the index
 * (postings intersected per statement, phrase positions checked); each is then checked against
 * the transcript's current revision and its text.
 */
export const searchStatements = async (views: ViewStore, q: string, o: { limit: number; after?: Position }): Promise<PageOf<SearchHit>> => {
  const query = parseSearchQuery(q);
  if (query.terms.length === 0) return { items: [] };
  const after = o.after;
  const { list: candidates, positional } = await searchCandidates(views, query);
  // Candidates are sorted, so those after the cursor are a suffix: find where it starts.
  const isAfter = (c: Candidate) => !!after && (c.dateKey < after.k || (c.dateKey === after.k && c.seq > (after.s ?? Infinity)));
  let start = 0;
  if (after) {
    let hi = candidates.length;
    while (start < hi) {
      const mid = (start + hi) >>> 1;
      if (isAfter(candidates[mid]!)) hi = mid;
      else start = mid + 1;
    }
  }
  const out: { c: Candidate; hit: SearchHit }[] = [];
  // Only the page's statements are read: the candidate after them is not checked, its existence
  // gives the next cursor (the index is exact but for stopwords inside phrases and rare position
  // collisions, so a last page may come back empty). Without positions in the index, candidates
  // of a phrase query often fail the text check: more of them are asked for per round trip (later
  // rounds are sized by the share that passed so far).
  let checked = 0;
  let i = start;
  const textCheck = !indexDecides(query);
  while (i < candidates.length && out.length < o.limit) {
    const needed = o.limit - out.length;
    const passRate = checked === 0 ? (query.phrases.length > 0 && !positional ? 0.5 : 1) : Math.max(0.1, out.length / checked);
    const batch = candidates.slice(i, i + Math.min(200, Math.ceil(needed / passRate)));
    i += batch.length;
    checked += batch.length;
    const statements = await views.getStatements(batch);
    for (const c of batch) {
      const st = statements.get(`${c.transcriptId}#${c.seq}`);
      if (!st || st.revision !== c.revision || (textCheck && !matchesQuery(st.text, query))) continue;
      out.push({
        c,
        hit: { transcriptId: st.transcriptId, title: st.title, ...(st.date ? { date: st.date } : {}), revision: st.revision, seq: st.seq, ...(st.speaker ? { speaker: st.speaker } : {}), text: st.text },
      });
    }
  }
  const items = out.slice(0, o.limit);
  const end = out[o.limit - 1];
  const more = out.length > o.limit || i < candidates.length;
  return { items: items.map((x) => x.hit), ...(end && more ? { next: { k: end.c.dateKey, s: end.c.seq } } : {}) };
};
