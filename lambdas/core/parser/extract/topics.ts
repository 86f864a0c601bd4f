/**
 * Topic detection: every trigger and suppressing phrase of the taxonomy is compiled once into a
 * word trie; each statement's tokens are walked once, collecting hits. Triggers inside a suppressing
 * phrase of their topic are dropped, overlapping triggers of one topic count once, and a topic is
 * reported when its score reaches the taxonomy's threshold. Quotations count: a transcript quoting
 * words about a topic still speaks about it.
 */
import { TAXONOMY, TOPIC_THRESHOLD } from '../../taxonomy';
import type { Extraction, Statement } from '../types';
import { Sep as SepImport, sepAt as sepAtImport, type Tokens } from './tokens';
// Module-local copies of the imported bindings: under a CommonJS transform (tsx, jest) every use of
// an import is a getter call, which costs on these per-token paths; bundles are unaffected.
const Sep = SepImport;
const sepAt = sepAtImport;

interface Output {
  readonly topic: number;
  readonly weight: number;
  readonly suppress: boolean;
  readonly phrase: string;
}

/**
 * A character trie over lower-case ASCII phrases (words joined by a space): 36 columns for a–z and
 * 0–9 plus one for the word break. `star` is the state after a wildcard word ("refugee*") whose
 * prefix has been read, whatever letters follow.
 *
 * It is built directly in the compact form the walk reads, so that the walk stays in cache and
 * module load allocates little: most nodes have a single transition (a phrase spelled out letter by
 * letter), stored as its column and target; only the few branching nodes get a full row of `COLS`
 * targets in `rows`.
 */
const COLS = 37;
const BREAK = 36;
const SINGLE_NONE = -1;
const BRANCHING = -2;
/** Column of each ASCII code (letters case-folded), -1 for anything else. */
const COLUMN = new Int8Array(128).fill(-1);
for (let c = 0; c < 26; c++) {
  COLUMN[97 + c] = c;
  COLUMN[65 + c] = c;
}
for (let d = 0; d < 10; d++) COLUMN[48 + d] = 26 + d;
const column = (code: number): number => (code < 128 ? COLUMN[code]! : -1);

/** Hint bits: the statement has a word that can start a meeting report / an award. */
export const HINT_MEETING = 1;
/** Hint bit: the statement has a word an award pattern needs. */
export const HINT_AWARD = 2;
const MEETING_WORDS = 'met meet meets meeting meetings spoke speak speaks speaking talked talk talks discussion discussions conversation conversations call calls consulted consultations opportunity chance joined';
const AWARD_WORDS = 'award* prize* medal* honor* honour* troph* citation* hero* laureate* winner* recipient*';

interface PhraseEntry {
  readonly phrase: string;
  readonly output: Output;
}
const ENTRIES: PhraseEntry[] = [];
for (const w of MEETING_WORDS.split(' ')) ENTRIES.push({ phrase: w, output: { topic: -1, weight: HINT_MEETING, suppress: false, phrase: w } });
for (const w of AWARD_WORDS.split(' ')) ENTRIES.push({ phrase: w, output: { topic: -1, weight: HINT_AWARD, suppress: false, phrase: w } });
TAXONOMY.forEach((topic, index) => {
  for (const [phrase, weight] of Object.entries(topic.phrases)) ENTRIES.push({ phrase, output: { topic: index, weight, suppress: false, phrase } });
  for (const phrase of topic.suppress) ENTRIES.push({ phrase, output: { topic: index, weight: 0, suppress: true, phrase } });
});

/** The trie's tables as built, and the outputs of the few nodes that end a phrase. */
interface Built {
  readonly single: Int8Array;
  readonly next: Int32Array;
  readonly star: Int32Array;
  readonly rows: Int32Array;
  readonly nodes: number;
  readonly rowCount: number;
  readonly outputs: Map<number, Output[]>;
}

/**
 * Builds the trie of every phrase: its words (runs of a–z, 0–9, case-folded) joined by word breaks,
 * a trailing `*` making a wildcard state. One function with its tables sized up front (a node per
 * character at most, a branching row per phrase at most), because it runs at every cold start.
 */
const buildTrie = (entries: readonly PhraseEntry[]): Built => {
  let capacity = 2;
  for (const { phrase } of entries) capacity += 2 * phrase.length + 2;
  const single = new Int8Array(capacity).fill(SINGLE_NONE);
  const next = new Int32Array(capacity);
  const star = new Int32Array(capacity);
  const rows = new Int32Array((entries.length + 1) * COLS);
  const outputs = new Map<number, Output[]>();
  let nodes = 2; // 0 = none, 1 = root
  let rowCount = 0;
  for (const { phrase, output } of entries) {
    let node = 1;
    let inWord = false;
    let wordsSeen = 0;
    for (let p = 0; p < phrase.length; p++) {
      const code = phrase.charCodeAt(p);
      if (code === 42 /* * */ && inWord) {
        // A wildcard ends its word: the state after the prefix, whatever letters follow.
        if (star[node] === 0) star[node] = nodes++;
        node = star[node]!;
        inWord = false;
        continue;
      }
      const col = code < 128 ? COLUMN[code]! : -1;
      if (col < 0) {
        inWord = false;
        continue;
      }
      // A new word after the first starts with a word break, then its first letter.
      for (let k = !inWord && wordsSeen > 0 ? 0 : 1; k < 2; k++) {
        const c = k === 0 ? BREAK : col;
        const only = single[node]!;
        let target = only === c ? next[node]! : only === BRANCHING ? rows[next[node]! * COLS + c]! : 0;
        if (target === 0) {
          target = nodes++;
          if (only === SINGLE_NONE) {
            single[node] = c;
            next[node] = target;
          } else if (only === BRANCHING) {
            rows[next[node]! * COLS + c] = target;
          } else {
            // A second transition: the node gets a full row holding both.
            const row = rowCount++;
            rows[row * COLS + only] = next[node]!;
            rows[row * COLS + c] = target;
            single[node] = BRANCHING;
            next[node] = row;
          }
        }
        node = target;
      }
      if (!inWord) {
        wordsSeen++;
        inWord = true;
      }
    }
    const existing = outputs.get(node);
    if (existing) existing.push(output);
    else outputs.set(node, [output]);
  }
  return { single, next, star, rows, nodes, rowCount, outputs };
};

const BUILT = buildTrie(ENTRIES);
/** The outputs of the few nodes that end a phrase (most nodes end none). */
const outputs = BUILT.outputs;
const nodes = BUILT.nodes;

// The finished tables, trimmed to what was built (constants, which the walk reads fastest).
/** Per node: its only column, `SINGLE_NONE` (no transition) or `BRANCHING` (see `nextOf`'s row). */
const singleCol = BUILT.single.slice(0, nodes);
/** Per node: the target of its only transition, or the index of its row in `rows`. */
const nextOf = BUILT.next.slice(0, nodes);
/** Per node: its star state (0: none). */
const starOf = BUILT.star.slice(0, nodes);
/** The full rows of the branching nodes. */
const rows = BUILT.rows.slice(0, BUILT.rowCount * COLS);

/** The node reached from `node` by column `col` (0: none). */
const stepFrom = (node: number, col: number): number => {
  const only = singleCol[node]!;
  if (only === col) return nextOf[node]!;
  return only === BRANCHING ? rows[nextOf[node]! * COLS + col]! : 0;
};

/**
 * What the first three letters of a token say (tokens of three or more letters are filtered by it):
 * 0 when no phrase starts with them; else the trie node they lead to, where the walk can start
 * directly, or `WALK` when a wildcard state lies on the way (the walk then starts at the root).
 */
// 16-bit cells while node ids fit (half the size, so more of it stays in cache).
const WALK = nodes < 0xffff ? 0xffff : -1;
const TRIGRAMS = nodes < 0xffff ? new Uint16Array(COLS * COLS * COLS) : new Int32Array(COLS * COLS * COLS);
/** Fills `TRIGRAMS`, reading only the transitions that exist (most nodes have one). */
const fillTrigrams = (): void => {
  const anyStar = starOf[1] !== 0;
  for (let a = 0; a < BREAK; a++) {
    const na = stepFrom(1, a);
    if (na === 0) continue;
    for (let b = 0; b < BREAK; b++) {
      const nb = stepFrom(na, b);
      const base = (a * COLS + b) * COLS;
      if (starOf[na] !== 0 || (nb !== 0 && starOf[nb] !== 0)) {
        // A wildcard state after one or two letters: every third letter walks from the root.
        TRIGRAMS.fill(WALK, base, base + BREAK);
        continue;
      }
      if (nb === 0) continue;
      const only = singleCol[nb]!;
      if (only === BRANCHING) {
        const row = nextOf[nb]! * COLS;
        for (let c = 0; c < BREAK; c++) {
          const nc = rows[row + c]!;
          if (nc !== 0) TRIGRAMS[base + c] = anyStar ? WALK : nc;
        }
      } else if (only >= 0 && only < BREAK) TRIGRAMS[base + only] = anyStar ? WALK : nextOf[nb]!;
    }
  }
};
fillTrigrams();

/** Whether a one- or two-letter word can end or continue a phrase (the word "to" cannot). */
const SHORT = new Uint8Array(COLS * COLS + COLS);
const usable = (node: number): boolean => node !== 0 && (outputs.has(node) || stepFrom(node, BREAK) !== 0 || starOf[node] !== 0);
for (let a = 0; a < BREAK; a++) {
  const na = stepFrom(1, a);
  if (na === 0) continue;
  if (usable(na)) SHORT[a] = 1;
  for (let b = 0; b < BREAK; b++) if (usable(stepFrom(na, b)) || starOf[na] !== 0) SHORT[COLS + a * COLS + b] = 1;
}

/** 1 where a node has outputs: most states reached have none, and this byte table is small. */
const HAS_OUTPUT = new Uint8Array(nodes);
for (const node of outputs.keys()) HAS_OUTPUT[node] = 1;

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

/** The accepted trigger hits of one statement's tokens. */
export const findTopicHits = (tokens: Tokens, hints?: { bits: number }): TopicHit[] => {
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
        if (HAS_OUTPUT[state] === 0) continue;
        const outs = outputs.get(state);
        if (!outs) continue;
        for (const out of outs) {
          if (out.topic < 0) {
            if (hints) hints.bits |= out.weight;
            continue;
          }
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
  kept.sort((a, b) => a.topic - b.topic || b.weight - a.weight || b.last - b.first - (a.last - a.first) || a.first - b.first);
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
  for (const [index, entry] of [...perTopic].sort((a, b) => a[0] - b[0])) {
    let score = 0;
    for (const { weight, count } of entry.phrases.values()) score += weight * repeatFactor(count);
    if (score < TOPIC_THRESHOLD - 1e-9) continue;
    const evidence = topEvidence(entry.evidence)
      .sort((a, b) => a.seq - b.seq || a.sentence - b.sentence)
      .map((e) => ({ seq: e.seq, text: evidenceText(e) }));
    topics.push({
      topic: TAXONOMY[index]!.id,
      score: Math.round(score * 100) / 100,
      statementSeqs: [...entry.seqs].sort((a, b) => a - b),
      evidence,
    });
  }
  return topics;
};
