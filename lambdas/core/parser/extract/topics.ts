/**
 * Topic detection: every trigger and suppressing phrase of the taxonomy is compiled, ahead of time,
 * into a character trie (topic-tables.ts); each statement's tokens are walked once, collecting hits. Triggers inside a suppressing
 * phrase of their topic are dropped, overlapping triggers of one topic count once, and a topic is
 * reported when its score reaches the taxonomy's threshold. Quotations count: a transcript quoting
 * words about a topic still speaks about it.
 */
import { TAXONOMY, TOPIC_THRESHOLD } from '../../taxonomy';
import { TOPIC_TABLES } from '../data/topic-tables.generated';
import { sortNumbers, sortSmall } from '../sort';
import type { Extraction, Statement } from '../types';
import {
  BRANCHING as BRANCHINGImport,
  BREAK as BREAKImport,
  COLS as COLSImport,
  column as columnImport,
  decodeTopicTables,
  HINT_MEETING,
  HINT_WEAK,
  type Output,
  phraseEntries,
} from './topic-tables';
import { Sep as SepImport, sepAt as sepAtImport, type Tokens } from './tokens';

export { HINT_AWARD, HINT_MEETING } from './topic-tables';
// Module-local copies of the imported bindings: under a CommonJS transform (tsx, jest) every use of
// an import is a getter call, which costs on these per-token paths; bundles are unaffected.
const Sep = SepImport;
const sepAt = sepAtImport;
const BRANCHING = BRANCHINGImport;
const BREAK = BREAKImport;
const COLS = COLSImport;
const column = columnImport;

const TABLES = decodeTopicTables(TOPIC_TABLES);
/** Every phrase of the taxonomy and the hint words, in the order the tables were built from. */
const ENTRIES = phraseEntries(TAXONOMY);
/** The topic outputs (triggers and suppressors) of the few nodes that end a phrase. */
const outputs = new Map<number, Output[]>();
/** Per node: the hint bits of the hint words ending there, plus `TOPIC_OUTPUT` when `outputs` has it. */
const OUTPUT_KIND = new Uint8Array(TABLES.nodes);
const TOPIC_OUTPUT = 0x80;
for (let k = 0; k < TABLES.outputNodes.length; k++) {
  const node = TABLES.outputNodes[k]!;
  const output = ENTRIES[TABLES.outputEntries[k]!]!.output;
  if (output.topic < 0) {
    OUTPUT_KIND[node] = OUTPUT_KIND[node]! | output.weight;
    continue;
  }
  OUTPUT_KIND[node] = OUTPUT_KIND[node]! | TOPIC_OUTPUT;
  const existing = outputs.get(node);
  if (existing) existing.push(output);
  else outputs.set(node, [output]);
}
// The tables as constants of this module (which the walk reads fastest).
/** Per node: its only column, `SINGLE_NONE` (no transition) or `BRANCHING` (see `nextOf`'s row). */
const singleCol = TABLES.single;
/** Per node: the target of its only transition, or the index of its row in `rows`. */
const nextOf = TABLES.next;
/** Per node: its star state (0: none). */
const starOf = TABLES.star;
/** The full rows of the branching nodes. */
const rows = TABLES.rows;
/** The first three letters of a token: 0, the trie node they lead to, or `WALK` (see topic-tables.ts). */
const TRIGRAMS = TABLES.trigrams;
const WALK = TABLES.walk;
/** Whether a one- or two-letter word can end or continue a phrase (the word "to" cannot). */
const SHORT = TABLES.short;

/** The node reached from `node` by column `col` (0: none). */
const stepFrom = (node: number, col: number): number => {
  const only = singleCol[node]!;
  if (only === col) return nextOf[node]!;
  return only === BRANCHING ? rows[nextOf[node]! * COLS + col]! : 0;
};

/** One trigger phrase found in a statement. */
export interface TopicHit {
  readonly topic: number;
  readonly weight: number;
  readonly phrase: string;
  /** First and last token index. */
  readonly first: number;
  readonly last: number;
}

const MAX_STATES = 16;
const statesA = new Int32Array(MAX_STATES);
const statesB = new Int32Array(MAX_STATES);

/** Hits by topic, then heaviest, longest and first. */
const byTopicThenWeight = (a: TopicHit, b: TopicHit): number =>
  a.topic - b.topic || b.weight - a.weight || b.last - b.first - (a.last - a.first) || a.first - b.first;

/** What the topic walk notes on the way for the meeting and award passes. */
export interface TopicHints {
  /** `HINT_MEETING` and `HINT_AWARD` bits: whether words those passes need occur at all. */
  bits: number;
  /**
   * Where the words that can start a meeting report stand: offsets into the statement's text, in
   * order; a weak word's (`HINT_WEAK`) as its complement (`~offset`).
   */
  meetingAt: number[] | undefined;
}

/** The accepted trigger hits of one statement's tokens. */
export const findTopicHits = (tokens: Tokens, hints?: TopicHints): TopicHit[] => {
  const raw: TopicHit[] = [];
  const suppressors: TopicHit[] = [];
  const text = tokens.source;
  const { start, end, count } = tokens;
  const stars = starOf;
  for (let i = 0; i < count; i++) {
    const s0 = start[i]!;
    const first = column(text.charCodeAt(s0));
    if (first < 0 || stepFrom(1, first) === 0) continue;
    const len = end[i]! - s0;
    // The node after the token's first three letters, when the walk may start there.
    let jump = 0;
    if (len >= 3) {
      const second = column(text.charCodeAt(s0 + 1));
      const third = column(text.charCodeAt(s0 + 2));
      if (second < 0 || third < 0) continue;
      jump = TRIGRAMS[(first * COLS + second) * COLS + third]!;
      if (jump === 0) continue;
    } else if (len === 2) {
      const second = column(text.charCodeAt(s0 + 1));
      if (second < 0 || SHORT[COLS + first * COLS + second] === 0) continue;
    } else if (SHORT[first] === 0) continue;
    let states = statesA;
    let ended = statesB;
    let nStates = 1;
    states[0] = 1;
    let j = i;
    for (;;) {
      let nEnded = 0;
      const from = start[j]!;
      const to = end[j]!;
      for (let k = 0; k < nStates; k++) {
        let node = states[k]!;
        let p = from;
        if (jump > 0 && jump !== WALK) {
          // No wildcard state on the way: the three letters lead straight to this node.
          node = jump;
          p = from + 3;
          jump = 0;
        }
        for (; p < to; p++) {
          const starred = stars[node]!;
          if (starred !== 0 && nEnded < MAX_STATES) ended[nEnded++] = starred;
          const col = column(text.charCodeAt(p));
          node = col < 0 ? 0 : stepFrom(node, col);
          if (node === 0) break;
        }
        if (node !== 0 && nEnded < MAX_STATES - 1) {
          ended[nEnded++] = node;
          const starred = stars[node]!;
          if (starred !== 0) ended[nEnded++] = starred;
        }
      }
      if (nEnded === 0) break;
      for (let k = 0; k < nEnded; k++) {
        const state = ended[k]!;
        // Most states reached end no phrase; of those that do, most end only a hint word.
        const kind = OUTPUT_KIND[state]!;
        if (kind === 0) continue;
        if (hints) {
          hints.bits |= kind & ~TOPIC_OUTPUT;
          // Hint words are single words: the one read is token i.
          // (A weak hint word's offset is stored complemented: the meeting pass checks what follows it.)
          if ((kind & HINT_MEETING) !== 0) (hints.meetingAt ??= []).push((kind & HINT_WEAK) === 0 ? start[i]! - tokens.base : ~(start[i]! - tokens.base));
        }
        if (kind < TOPIC_OUTPUT) continue;
        for (const out of outputs.get(state)!) {
          const hit = { topic: out.topic, weight: out.weight, phrase: out.phrase, first: i, last: j };
          (out.suppress ? suppressors : raw).push(hit);
        }
      }
      j++;
      if (j >= count || sepAt(tokens, j) > Sep.Apostrophe) break;
      nStates = 0;
      for (let k = 0; k < nEnded; k++) {
        const next = stepFrom(ended[k]!, BREAK);
        if (next !== 0) ended[nStates++] = next;
      }
      if (nStates === 0) break;
      const swap = states;
      states = ended;
      ended = swap;
    }
  }
  if (raw.length === 0) return raw;
  const kept = suppressors.length === 0
    ? raw
    : raw.filter((h) => !suppressors.some((s) => s.topic === h.topic && s.first <= h.first && s.last >= h.last));
  if (kept.length === 1) return kept;
  // Within one topic, overlapping phrases count once: the heaviest (then longest) wins.
  sortSmall(kept, byTopicThenWeight);
  const accepted: TopicHit[] = [];
  let topicStart = 0;
  for (const hit of kept) {
    while (topicStart < accepted.length && accepted[topicStart]!.topic !== hit.topic) topicStart++;
    let overlaps = false;
    for (let k = topicStart; k < accepted.length; k++) {
      const a = accepted[k]!;
      if (a.first <= hit.last && hit.first <= a.last) {
        overlaps = true;
        break;
      }
    }
    if (!overlaps) accepted.push(hit);
  }
  return accepted;
};

/** Hits of one statement, with the sentence each hit lies in. */
export interface StatementHits {
  readonly statement: Statement;
  readonly hits: readonly TopicHit[];
  /** Sentence index (into `statement.sentences`) of each hit. */
  readonly sentenceOf: readonly number[];
}

const MAX_EVIDENCE = 3;
/** A phrase's repeats add half its weight each, up to twice its weight in all. */
const repeatFactor = (count: number): number => 1 + 0.5 * Math.min(count - 1, 2);

interface Evidence {
  readonly statement: Statement;
  readonly seq: number;
  readonly sentence: number;
  weight: number;
}

interface TopicEntry {
  readonly phrases: Map<string, { weight: number; count: number }>;
  readonly seqs: Set<number>;
  /** Evidence sentences in the order first hit. */
  readonly evidence: Evidence[];
  /** The statement whose sentences `current` holds (hits arrive statement by statement). */
  currentSeq: number;
  readonly current: Map<number, Evidence>;
}

/** The trimmed text of an evidence sentence (cut out only for the few sentences reported). */
const evidenceText = (e: Evidence): string => {
  const range = e.statement.sentences[e.sentence];
  return range ? e.statement.text.slice(range[0], range[1]).trim() : e.statement.text.trim();
};

/** Whether evidence a ranks before b: heavier first, then earlier (seq and sentence make the order total). */
const ranksBefore = (a: Evidence, b: Evidence): boolean =>
  a.weight !== b.weight ? a.weight > b.weight : a.seq !== b.seq ? a.seq < b.seq : a.sentence < b.sentence;

/** The `MAX_EVIDENCE` best-ranked sentences, best first (a selection: no sort of every sentence). */
const topEvidence = (all: readonly Evidence[]): Evidence[] => {
  const best: Evidence[] = [];
  for (const e of all) {
    if (best.length === MAX_EVIDENCE && !ranksBefore(e, best[MAX_EVIDENCE - 1]!)) continue;
    let k = best.length < MAX_EVIDENCE ? best.length : MAX_EVIDENCE - 1;
    while (k > 0 && ranksBefore(e, best[k - 1]!)) {
      best[k] = best[k - 1]!;
      k--;
    }
    best[k] = e;
  }
  return best;
};

/** Scores topics over a transcript's statement hits and reports those at or above the threshold. */
export const detectTopics = (all: readonly StatementHits[]): Extraction['topics'] => {
  const perTopic = new Map<number, TopicEntry>();
  for (const { statement, hits, sentenceOf } of all) {
    const seq = statement.seq;
    for (let k = 0; k < hits.length; k++) {
      const hit = hits[k]!;
      let entry = perTopic.get(hit.topic);
      if (!entry) {
        entry = { phrases: new Map(), seqs: new Set(), evidence: [], currentSeq: Number.NaN, current: new Map() };
        perTopic.set(hit.topic, entry);
      }
      const phrase = entry.phrases.get(hit.phrase);
      if (phrase) phrase.count++;
      else entry.phrases.set(hit.phrase, { weight: hit.weight, count: 1 });
      entry.seqs.add(seq);
      if (entry.currentSeq !== seq) {
        entry.currentSeq = seq;
        if (entry.current.size > 0) entry.current.clear();
      }
      const sentence = sentenceOf[k]!;
      const evidence = entry.current.get(sentence);
      if (evidence) evidence.weight += hit.weight;
      else {
        const added: Evidence = { statement, seq, sentence, weight: hit.weight };
        entry.current.set(sentence, added);
        entry.evidence.push(added);
      }
    }
  }
  const topics: Extraction['topics'][number][] = [];
  for (const [index, entry] of sortSmall([...perTopic], (a, b) => a[0] - b[0])) {
    let score = 0;
    for (const { weight, count } of entry.phrases.values()) score += weight * repeatFactor(count);
    if (score < TOPIC_THRESHOLD - 1e-9) continue;
    const evidence = sortSmall(topEvidence(entry.evidence), (a, b) => a.seq - b.seq || a.sentence - b.sentence).map((e) => ({
      seq: e.seq,
      text: evidenceText(e),
    }));
    topics.push({
      topic: TAXONOMY[index]!.id,
      score: Math.round(score * 100) / 100,
      statementSeqs: sortNumbers([...entry.seqs]),
      evidence,
    });
  }
  return topics;
};
