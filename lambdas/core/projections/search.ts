/**
 * The statement search index, kept as a projection. Statements are tokenised (case and accents
 * folded, stopwords dropped); a *segment* (the transcripts projected together: one projector batch,
 * one rebuild chunk) stores its postings term → [(transcript, revision, day, statement seqs)]
 * spread over a power-of-two number of hashed term buckets, so one stored item holds the postings
 * of many terms of many transcripts. Each posting also carries the term's token positions in the
 * statement (modulo POSITION_MODULUS), so phrases are checked in the index. A query reads, for each
 * of its terms, one bucket per bucket level (a handful of items), intersects the postings per
 * statement and checks phrase positions; the caller checks the statement text (stopwords inside
 * phrases, the rare position collision) and drops postings of superseded revisions.
 */
import { createHash } from 'node:crypto';
import type { TranscriptView } from './transcript-view';
import { dateKeyOf, entityMentions } from './read-models';

// Common English function words: they carry no search meaning and would dominate the index.
const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will ' +
    'with would you your yours yourself yourselves s t ll re ve d m also us'
  ).split(' '),
);

/**
 * Bucket levels: a segment spreads its postings over one of these numbers of term buckets (a
 * segment of one or a few transcripts is a single item: write units are billed per started KB,
 * so many tiny items would cost far more than their bytes).
 */
export const BUCKET_LEVELS = [1, 16, 256, 4096] as const;
/** Roughly how many postings one bucket item should hold (items of a few KB compressed). */
export const POSTINGS_PER_BUCKET = 400;
const MAX_TERM_LENGTH = 40;
/**
 * Token positions are stored modulo this, folded into the statement seq: code = seq × 64 +
 * position mod 64. Enough to check phrases in the index (a false match needs two tokens 64 apart
 * to collide, and the statement text is checked after) for ~25% more index bytes than seqs alone.
 */
export const POSITION_MODULUS = 64;

/** Splits text into normalised tokens (lower case, accents removed), stopwords included. */
export const tokenize = (text: string): string[] =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);

/** Whether a normalised token is indexed (not a stopword, not a lone letter). */
export const isIndexedTerm = (token: string): boolean =>
  token.length <= MAX_TERM_LENGTH && !STOPWORDS.has(token) && (token.length > 1 || /\p{N}/u.test(token));

/**
 * The index term of an entity (normalised key): entity mentions live in the same index as words,
 * under terms no tokenised text can produce, so the entity filter costs no extra item per entity.
 */
export const entityTerm = (key: string): string => `@e:${key}`;

/** A transcript's postings: indexed term (words and entity terms) → the statement seqs that contain it. */
export const transcriptPostings = (view: TranscriptView): Map<string, number[]> => {
  const postings = new Map<string, number[]>();
  if (view.revision === 0) return postings;
  for (const m of entityMentions(view)) postings.set(entityTerm(m.key), m.statements.map((s) => s.seq));
  for (const s of view.statements) {
    for (const term of new Set(tokenize(s.text).filter(isIndexedTerm))) {
      const seqs = postings.get(term);
      if (seqs) seqs.push(s.seq);
      else postings.set(term, [s.seq]);
    }
  }
  for (const seqs of postings.values()) seqs.sort((a, b) => a - b);
  return postings;
};

/**
 * A transcript's postings with positions: term → sorted codes `seq × modulus + position % modulus`
 * (position: the token's index in `tokenize(statement.text)`, stopwords counted). Entity terms
 * carry position 0 (they are never part of a phrase).
 */
export const transcriptPostingCodes = (view: TranscriptView, modulus: number = POSITION_MODULUS): Map<string, number[]> => {
  const codes = new Map<string, number[]>();
  if (view.revision === 0) return codes;
  for (const m of entityMentions(view)) codes.set(entityTerm(m.key), m.statements.map((s) => s.seq * modulus));
  for (const s of view.statements) {
    const tokens = tokenize(s.text);
    for (let p = 0; p < tokens.length; p++) {
      const term = tokens[p]!;
      if (!isIndexedTerm(term)) continue;
      const code = s.seq * modulus + (p % modulus);
      const list = codes.get(term);
      if (!list) codes.set(term, [code]);
      else if (!list.includes(code)) list.push(code);
    }
  }
  for (const list of codes.values()) list.sort((a, b) => a - b);
  return codes;
};

/** 32-bit FNV-1a hash of a term: buckets at every level derive from it, so levels nest. */
export const termHash = (term: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
};

/** The bucket of a term at a level. */
export const bucketOf = (term: string, level: number): number => termHash(term) % level;

/**
 * A document referenced by a bucket's postings: transcript, revision and its day (YYYY-MM-DD; the
 * listing key `<day>#<transcriptId>` is rebuilt from both, so the id is not stored twice).
 */
export type SegmentDoc = readonly [transcriptId: string, revision: number, day: string];

/**
 * The postings of one bucket of one segment: documents, and term → [docIndex, ...seqs][]; with
 * `pm` (the position modulus), term → [docIndex, ...codes][] where code = seq × pm + position % pm.
 */
export interface BucketPostings {
  readonly docs: SegmentDoc[];
  readonly terms: Record<string, number[][]>;
  readonly pm?: number;
}

/** One segment's index: its level and its non-empty buckets. */
export interface SearchSegment {
  readonly id: string;
  readonly level: number;
  readonly buckets: Map<number, BucketPostings>;
  /** Total postings (term, transcript) pairs: what the segment costs to store. */
  readonly postings: number;
  /** Transcripts it indexes. */
  readonly docs: number;
}

/** The level a segment of `postings` postings uses: the one nearest (on a log scale) to ~POSTINGS_PER_BUCKET per bucket. */
export const levelFor = (postings: number): number => {
  const ideal = Math.max(1, postings / POSTINGS_PER_BUCKET);
  let level: number = BUCKET_LEVELS[0];
  for (const l of BUCKET_LEVELS) if (Math.abs(Math.log(l / ideal)) < Math.abs(Math.log(level / ideal))) level = l;
  return level;
};

/** One transcript revision's postings, as a segment is built from them. */
export interface DocPostings {
  readonly transcriptId: string;
  readonly revision: number;
  readonly dateKey: string;
  readonly postings: ReadonlyMap<string, readonly number[]>;
}

/** Builds a segment from per-document postings (codes with positions when `positionModulus` is set, else seqs). */
export const segmentOfDocs = (id: string, docs: readonly DocPostings[], positionModulus = 0): SearchSegment => {
  const total = docs.reduce((n, d) => n + d.postings.size, 0);
  const level = levelFor(total);
  const buckets = new Map<number, { docs: SegmentDoc[]; docIndex: Map<string, number>; terms: Record<string, number[][]> }>();
  for (const doc of docs) {
    const day = doc.dateKey.slice(0, doc.dateKey.length - doc.transcriptId.length - 1);
    for (const [term, seqs] of doc.postings) {
      const b = bucketOf(term, level);
      let bucket = buckets.get(b);
      if (!bucket) buckets.set(b, (bucket = { docs: [], docIndex: new Map(), terms: Object.create(null) as Record<string, number[][]> }));
      let di = bucket.docIndex.get(doc.transcriptId);
      if (di === undefined) {
        di = bucket.docs.length;
        bucket.docs.push([doc.transcriptId, doc.revision, day]);
        bucket.docIndex.set(doc.transcriptId, di);
      }
      (bucket.terms[term] ??= []).push([di, ...seqs]);
    }
  }
  return {
    id,
    level,
    postings: total,
    docs: docs.length,
    buckets: new Map([...buckets].map(([b, { docs: d, terms }]) => [b, { docs: d, terms, ...(positionModulus > 0 ? { pm: positionModulus } : {}) }])),
  };
};

/** Builds the index segment of a set of transcript views (views without content are skipped), with positions. */
export const buildSegment = (id: string, views: readonly TranscriptView[]): SearchSegment =>
  segmentOfDocs(
    id,
    views
      .filter((v) => v.revision > 0)
      .map((v) => ({ transcriptId: v.id, revision: v.revision, dateKey: dateKeyOf(v), postings: transcriptPostingCodes(v, POSITION_MODULUS) })),
    POSITION_MODULUS,
  );

/** Statement seqs of a posting's values (codes of modulus `pm`, or seqs when pm is 0), ascending and distinct. */
const seqsOfCodes = (values: readonly number[], pm: number): number[] => {
  if (!pm) return values as number[];
  const out: number[] = [];
  for (const c of values) {
    const seq = Math.floor(c / pm);
    if (out[out.length - 1] !== seq) out.push(seq);
  }
  return out;
};

/** The listing key of a stored document (older segments stored the whole key, newer ones the day). */
const dateKeyOfDoc = (doc: SegmentDoc): string => (doc[2].includes('#') ? doc[2] : `${doc[2]}#${doc[0]}`);

const dayOfDoc = (doc: SegmentDoc): string => {
  const hash = doc[2].indexOf('#');
  return hash < 0 ? doc[2] : doc[2].slice(0, hash);
};

/**
 * Merges segments (each given as all of its buckets) into one segment with id `id`: the postings
 * of a transcript are kept for its highest revision among the inputs only (older ones are
 * superseded, queries would drop them anyway), and the postings of one revision found in several
 * inputs are united. The result's level follows its size. Postings of a transcript held by one
 * input only (nearly all) are copied as they are, without being taken apart.
 */
export const mergeSegments = (id: string, segments: readonly (readonly BucketPostings[])[]): SearchSegment => {
  // Pass 1: each transcript's highest revision among the inputs, and how many inputs hold it.
  const latest = new Map<string, { revision: number; sources: number; used: boolean }>();
  for (const buckets of segments) {
    const here = new Map<string, number>();
    for (const b of buckets) for (const d of b.docs) if ((here.get(d[0]) ?? -1) < d[1]) here.set(d[0], d[1]);
    for (const [tid, revision] of here) {
      const l = latest.get(tid);
      if (!l || l.revision < revision) latest.set(tid, { revision, sources: 1, used: false });
      else if (l.revision === revision) l.sources++;
    }
  }
  let estimate = 0;
  for (const buckets of segments) for (const b of buckets) for (const term in b.terms) estimate += b.terms[term]!.length;
  const level = levelFor(estimate);
  // Positions survive a merge when every input has them (with one modulus); otherwise seqs only.
  const moduli = new Set(segments.flatMap((buckets) => buckets.map((b) => b.pm ?? 0)));
  const pm = moduli.size === 1 ? [...moduli][0]! : 0;
  // Pass 2: postings go straight into the output buckets; those of transcripts held by several
  // inputs are gathered first, so their statement seqs are united.
  const out = new Map<number, { docs: SegmentDoc[]; docIndex: Map<string, number>; terms: Record<string, number[][]> }>();
  const bucketFor = (term: string) => {
    const b = bucketOf(term, level);
    let bucket = out.get(b);
    if (!bucket) out.set(b, (bucket = { docs: [], docIndex: new Map(), terms: Object.create(null) as Record<string, number[][]> }));
    return bucket;
  };
  const docIn = (bucket: { docs: SegmentDoc[]; docIndex: Map<string, number> }, doc: SegmentDoc): number => {
    let di = bucket.docIndex.get(doc[0]);
    if (di === undefined) {
      di = bucket.docs.length;
      bucket.docs.push([doc[0], doc[1], dayOfDoc(doc)]);
      bucket.docIndex.set(doc[0], di);
    }
    return di;
  };
  const shared = new Map<string, { doc: SegmentDoc; terms: Map<string, Set<number>> }>();
  let postings = 0;
  for (const buckets of segments) {
    for (const b of buckets) {
      for (const term in b.terms) {
        let target: ReturnType<typeof bucketFor> | undefined;
        for (const p of b.terms[term]!) {
          const doc = b.docs[p[0]!];
          if (!doc) continue;
          const l = latest.get(doc[0])!;
          if (l.revision !== doc[1]) continue;
          l.used = true;
          if (l.sources > 1) {
            let s = shared.get(doc[0]);
            if (!s) shared.set(doc[0], (s = { doc, terms: new Map() }));
            let seqs = s.terms.get(term);
            if (!seqs) s.terms.set(term, (seqs = new Set()));
            for (const v of b.pm && !pm ? seqsOfCodes(p.slice(1), b.pm) : p.slice(1)) seqs.add(v);
            continue;
          }
          target ??= bucketFor(term);
          const copy = b.pm && !pm ? [0, ...seqsOfCodes(p.slice(1), b.pm)] : p.slice();
          copy[0] = docIn(target, doc);
          (target.terms[term] ??= []).push(copy);
          postings++;
        }
      }
    }
  }
  for (const { doc, terms } of shared.values()) {
    for (const [term, seqs] of terms) {
      const target = bucketFor(term);
      (target.terms[term] ??= []).push([docIn(target, doc), ...[...seqs].sort((x, y) => x - y)]);
      postings++;
    }
  }
  let docs = 0;
  for (const l of latest.values()) if (l.used) docs++;
  return { id, level, postings, docs, buckets: new Map([...out].map(([b, { docs: d, terms }]) => [b, { docs: d, terms, ...(pm ? { pm } : {}) }])) };
};

/** What the search manifest records of a live segment. */
export interface SegmentMeta {
  readonly id: string;
  readonly level: number;
  /** Transcripts it indexes. */
  readonly docs: number;
  readonly postings: number;
}

/** When and how far segments are compacted. */
export interface CompactionPolicy {
  /** Fan-in: segments are tiered by size (tier k holds fanIn^k … fanIn^(k+1)−1 transcripts); a tier with this many gets merged. */
  readonly fanIn: number;
  /** At most this many segments are merged at once. */
  readonly maxInputs: number;
  /** A merge never produces a segment of more transcripts than this (bucket items stay far below 400 KB); segments of half as many are final. */
  readonly maxDocs: number;
}

/**
 * The projector's policy: 16 segments of one size tier are merged into one of the next (1 → 16 →
 * 256 transcripts), so one merge stays within a small Lambda's time and memory.
 */
export const DEFAULT_COMPACTION: CompactionPolicy = { fanIn: 16, maxInputs: 16, maxDocs: 256 };

/** A policy for an offline run with time and memory to spare (segments of up to 2,000 transcripts, as bulk loads write). */
export const OFFLINE_COMPACTION: CompactionPolicy = { fanIn: 8, maxInputs: 16, maxDocs: 2000 };

/** The size tier of a segment of `docs` transcripts. */
export const tierOf = (docs: number, fanIn: number): number => {
  let tier = 0;
  for (let bound = fanIn; docs >= bound; bound *= fanIn) tier++;
  return tier;
};

/**
 * The segments to merge next, or nothing (size-tiered: each transcript is rewritten about
 * log_fanIn(maxDocs / batch size) times in all): in the lowest size tier holding `fanIn` or more
 * segments that can still grow, its smallest ones (ids break ties, so concurrent compactors pick
 * the same set and write the same output), as many as fit under `maxDocs` and `maxInputs`.
 */
export const planCompaction = (segments: readonly SegmentMeta[], policy: CompactionPolicy = DEFAULT_COMPACTION): SegmentMeta[] => {
  const open = segments
    .filter((s) => s.docs < policy.maxDocs / 2)
    .sort((a, b) => a.docs - b.docs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const tiers = new Map<number, SegmentMeta[]>();
  for (const s of open) {
    const t = tierOf(s.docs, policy.fanIn);
    tiers.set(t, [...(tiers.get(t) ?? []), s]);
  }
  for (const tier of [...tiers.keys()].sort((a, b) => a - b)) {
    const group = tiers.get(tier)!;
    if (group.length < policy.fanIn) continue;
    const picked: SegmentMeta[] = [];
    let docs = 0;
    for (const s of group) {
      if (picked.length >= policy.maxInputs || docs + s.docs > policy.maxDocs) break;
      picked.push(s);
      docs += s.docs;
    }
    if (picked.length >= 2) return picked;
  }
  return [];
};

/** The id of the segment merging `inputs`: deterministic, so a retried compaction rewrites the same items. */
export const compactedIdOf = (inputs: readonly SegmentMeta[]): string =>
  `c${createHash('sha256').update(inputs.map((s) => s.id).sort().join(',')).digest('hex').slice(0, 19)}`;

/** One posting of a term: a statement set in one revision of one transcript. */
export interface Posting {
  readonly transcriptId: string;
  readonly revision: number;
  readonly dateKey: string;
  readonly seqs: readonly number[];
  /** With positions: codes `seq × modulus + position % modulus` (absent in segments written before positions). */
  readonly codes?: readonly number[];
  readonly modulus?: number;
}

/** The postings of `term` in a bucket. */
export const postingsIn = (bucket: BucketPostings, term: string): Posting[] => {
  if (!Object.hasOwn(bucket.terms, term)) return [];
  const pm = bucket.pm ?? 0;
  const out: Posting[] = [];
  for (const p of bucket.terms[term]!) {
    const doc = bucket.docs[p[0]!];
    if (!doc) continue;
    const values = p.slice(1);
    out.push(
      pm
        ? { transcriptId: doc[0], revision: doc[1], dateKey: dateKeyOfDoc(doc), seqs: seqsOfCodes(values, pm), codes: values, modulus: pm }
        : { transcriptId: doc[0], revision: doc[1], dateKey: dateKeyOfDoc(doc), seqs: values },
    );
  }
  return out;
};

/** A parsed search query. */
export interface SearchQuery {
  /** Indexed terms every matching statement contains. */
  readonly terms: readonly string[];
  /** Token sequences (stopwords included) that must appear contiguously. */
  readonly phrases: readonly (readonly string[])[];
  /** Single words outside quotes (normalised tokens). */
  readonly words: readonly string[];
}

/** Parses `q`: "quoted phrases" and single words, all required. */
export const parseSearchQuery = (q: string): SearchQuery => {
  const phrases: string[][] = [];
  const rest = q.replace(/["“”]([^"“”]*)["“”]/g, (_m, inner: string) => {
    const tokens = tokenize(inner);
    if (tokens.length > 0) phrases.push(tokens);
    return ' ';
  });
  const words = tokenize(rest);
  const terms = [...new Set([...words, ...phrases.flat()].filter(isIndexedTerm))];
  return { terms, phrases, words: [...new Set(words)] };
};

const containsSequence = (tokens: readonly string[], phrase: readonly string[]): boolean => {
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
};

/**
 * Whether intersected postings alone decide the query: no phrases, and every word an indexed term
 * (a stopword or a too-long word is not in the index, so only the text can say it is there).
 */
export const indexDecides = (query: SearchQuery): boolean => query.phrases.length === 0 && query.words.every(isIndexedTerm);

/** Whether a statement's text matches the query: every word present, every phrase contiguous. */
export const matchesQuery = (text: string, query: SearchQuery): boolean => {
  const tokens = tokenize(text);
  const set = new Set(tokens);
  return query.words.every((w) => set.has(w)) && query.phrases.every((p) => containsSequence(tokens, p));
};

/** A candidate statement: in this revision of this transcript, postings say it has every term. */
export interface Candidate {
  readonly transcriptId: string;
  readonly revision: number;
  readonly dateKey: string;
  readonly seq: number;
}

/** The indexed tokens of one phrase: which query term (index into `SearchQuery.terms`) sits at which offset. */
export type PhraseConstraint = readonly { readonly term: number; readonly offset: number }[];

/**
 * What the index can check of the query's phrases: for each phrase with two or more indexed
 * tokens, their term indices and offsets in the phrase (stopwords count as positions).
 */
export const phraseConstraints = (query: SearchQuery): PhraseConstraint[] =>
  query.phrases.flatMap((phrase) => {
    const parts = phrase.flatMap((token, offset) => (isIndexedTerm(token) ? [{ term: query.terms.indexOf(token), offset }] : []));
    return parts.length >= 2 && parts.every((p) => p.term >= 0) ? [parts] : [];
  });

interface TermEntry {
  readonly dateKey: string;
  /** Statement seqs holding the term, ascending. */
  seqs: readonly number[];
  /** Position codes, or undefined when some posting of this transcript had none. */
  codes: readonly number[] | undefined;
  readonly modulus: number;
  /** `codes` as a set, made when a phrase is first checked. */
  codeSet?: ReadonlySet<number>;
}

/** The union of two ascending lists of distinct numbers. */
const unite = (a: readonly number[], b: readonly number[]): number[] => {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    out.push(x <= y ? x : y);
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return out;
};

const codeSetOf = (e: TermEntry): ReadonlySet<number> => (e.codeSet ??= new Set(e.codes));

/** Whether statement `seq` has the phrase's tokens at consecutive offsets (true when positions are unknown). */
const phraseAt = (entries: readonly TermEntry[], constraint: PhraseConstraint, seq: number): boolean => {
  const pm = entries[0]!.modulus;
  if (entries.some((e) => !e.codes || e.modulus !== pm) || pm === 0) return true;
  const base = seq * pm;
  const first = constraint[0]!;
  const sets = entries.map(codeSetOf);
  for (let pos = 0; pos < pm; pos++) {
    if (!sets[0]!.has(base + pos)) continue;
    let all = true;
    for (let k = 1; k < constraint.length && all; k++) {
      const at = (((pos - first.offset + constraint[k]!.offset) % pm) + pm) % pm;
      all = sets[k]!.has(base + at);
    }
    if (all) return true;
  }
  return false;
};

/**
 * Intersects per-term postings into candidate statements, newest first (day, then transcript id
 * descending, then statement seq ascending). Postings of the same transcript from several
 * segments are merged; only each transcript's highest indexed revision is kept. With `phrases`
 * (from `phraseConstraints`), statements whose positions show a phrase is absent are dropped.
 */
export const intersectPostings = (perTerm: readonly (readonly Posting[])[], phrases: readonly PhraseConstraint[] = []): Candidate[] => {
  if (perTerm.length === 0) return [];
  const latest = new Map<string, number>();
  for (const postings of perTerm) {
    for (const p of postings) {
      const r = latest.get(p.transcriptId);
      if (r === undefined || r < p.revision) latest.set(p.transcriptId, p.revision);
    }
  }
  // Per term, transcript → its entry; a transcript's postings in several segments are united
  // (positions only matter to phrases).
  const withCodes = phrases.length > 0;
  const sets = perTerm.map((postings) => {
    const m = new Map<string, TermEntry>();
    for (const p of postings) {
      if (latest.get(p.transcriptId) !== p.revision) continue;
      const e = m.get(p.transcriptId);
      if (!e) {
        m.set(p.transcriptId, { dateKey: p.dateKey, seqs: p.seqs, codes: withCodes ? p.codes : undefined, modulus: p.modulus ?? 0 });
        continue;
      }
      e.seqs = unite(e.seqs, p.seqs);
      e.codes = withCodes && e.codes && p.codes && p.modulus === e.modulus ? unite(e.codes, p.codes) : undefined;
    }
    return m;
  });
  const order = sets.map((_, i) => i).sort((a, b) => sets[a]!.size - sets[b]!.size);
  const first = sets[order[0]!]!;
  const others = order.slice(1).map((i) => sets[i]!);
  // Transcripts are sorted (newest first), then each one's statements follow in order.
  const matched: { id: string; dateKey: string; seqs: readonly number[] }[] = [];
  for (const [id, { dateKey, seqs }] of first) {
    const otherEntries: TermEntry[] = [];
    for (const o of others) {
      const e = o.get(id);
      if (!e) break;
      otherEntries.push(e);
    }
    if (otherEntries.length < others.length) continue;
    if (otherEntries.length === 0 && !withCodes) {
      matched.push({ id, dateKey, seqs });
      continue;
    }
    const phraseEntries = withCodes ? phrases.map((c) => c.map((part) => sets[part.term]!.get(id)!)) : [];
    const kept = seqs.filter(
      (seq) => otherEntries.every((e) => e.seqs.includes(seq)) && (!withCodes || phrases.every((c, i) => phraseAt(phraseEntries[i]!, c, seq))),
    );
    if (kept.length > 0) matched.push({ id, dateKey, seqs: kept });
  }
  matched.sort((a, b) => (a.dateKey < b.dateKey ? 1 : a.dateKey > b.dateKey ? -1 : 0));
  const out: Candidate[] = [];
  for (const m of matched) {
    const revision = latest.get(m.id)!;
    for (const seq of m.seqs) out.push({ transcriptId: m.id, revision, dateKey: m.dateKey, seq });
  }
  return out;
};

/** Whether every posting carries positions (then the index has checked the query's phrases). */
export const hasPositions = (perTerm: readonly (readonly Posting[])[]): boolean => perTerm.every((postings) => postings.every((p) => p.codes !== undefined));
