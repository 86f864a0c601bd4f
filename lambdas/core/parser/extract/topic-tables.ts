/**
 * The topic matcher's tables: every trigger and suppressing phrase of the taxonomy (and the hint
 * words of meetings and awards) compiled into a character trie over lower-case ASCII phrases (words
 * joined by a word break): 36 columns for a–z and 0–9 plus one for the break. `star` is the state
 * after a wildcard word ("refugee*") whose prefix has been read, whatever letters follow.
 *
 * The trie is in the compact form the walk reads, so that the walk stays in cache: most nodes have
 * a single transition (a phrase spelled out letter by letter), stored as its column and target; only
 * the few branching nodes get a full row of `COLS` targets in `rows`.
 *
 * Building the tables took a good part of every cold start (the loops ran interpreted, then made V8
 * compile them), so they are built once, ahead of time: `npm run generate:parser-tables` writes
 * them, deflated, to `../data/topic-tables.generated.ts`, and module load only inflates them into
 * typed arrays. A test checks that the generated tables are those the taxonomy builds.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { TopicDefinition } from '../../taxonomy';

/** What a phrase contributes when it matches. `topic` -1 marks a hint word (see `HINT_*`). */
export interface Output {
  readonly topic: number;
  readonly weight: number;
  readonly suppress: boolean;
  readonly phrase: string;
}

/** A phrase and its output. */
export interface PhraseEntry {
  readonly phrase: string;
  readonly output: Output;
}

export const COLS = 37;
export const BREAK = 36;
export const SINGLE_NONE = -1;
export const BRANCHING = -2;
/** Column of each ASCII code (letters case-folded), -1 for anything else. */
const COLUMN = new Int8Array(128).fill(-1);
for (let c = 0; c < 26; c++) {
  COLUMN[97 + c] = c;
  COLUMN[65 + c] = c;
}
for (let d = 0; d < 10; d++) COLUMN[48 + d] = 26 + d;
/** The trie column of a character code, -1 when it is no letter or digit. */
export const column = (code: number): number => (code < 128 ? COLUMN[code]! : -1);

/** Hint bits: the statement has a word that can start a meeting report / an award. */
export const HINT_MEETING = 1;
/** Hint bit: the statement has a word an award pattern needs. */
export const HINT_AWARD = 2;
/**
 * Hint bit beside `HINT_MEETING`: a common word that starts a meeting report only in a few
 * contexts ("called on the Chairman …", "received the Minister …"); the meeting pass checks the
 * words after it before it reads the sentence.
 */
export const HINT_WEAK = 4;
const MEETING_WORDS = 'met meet meets sat meeting meetings spoke speak speaks speaking talked talk talks discussion discussions conversation conversations call calls consulted consultations opportunity chance joined courtesy chaired whom';
const MEETING_WEAK_WORDS = 'received receive receives hosted hosts welcomed called session sessions';
const AWARD_WORDS = 'award* prize* medal* honor* honour* troph* citation* hero* laureate* winner* recipient* confer conferred confers conferring bestowed commendation* distinction* certificate*';

/** The hint words and every phrase of the taxonomy, in the order the trie is built from. */
export const phraseEntries = (taxonomy: readonly TopicDefinition[]): PhraseEntry[] => {
  const entries: PhraseEntry[] = [];
  for (const w of MEETING_WORDS.split(' ')) entries.push({ phrase: w, output: { topic: -1, weight: HINT_MEETING, suppress: false, phrase: w } });
  for (const w of MEETING_WEAK_WORDS.split(' ')) entries.push({ phrase: w, output: { topic: -1, weight: HINT_MEETING | HINT_WEAK, suppress: false, phrase: w } });
  for (const w of AWARD_WORDS.split(' ')) entries.push({ phrase: w, output: { topic: -1, weight: HINT_AWARD, suppress: false, phrase: w } });
  taxonomy.forEach((topic, index) => {
    for (const [phrase, weight] of Object.entries(topic.phrases)) entries.push({ phrase, output: { topic: index, weight, suppress: false, phrase } });
    for (const phrase of topic.suppress) entries.push({ phrase, output: { topic: index, weight: 0, suppress: true, phrase } });
  });
  return entries;
};

/** The trie's tables as built, and the entries that end at each node, in entry order. */
interface Built {
  readonly single: Int8Array;
  readonly next: Int32Array;
  readonly star: Int32Array;
  readonly rows: Int32Array;
  readonly nodes: number;
  readonly rowCount: number;
  readonly ends: Map<number, number[]>;
}

/**
 * Builds the trie of every phrase: its words (runs of a–z, 0–9, case-folded) joined by word breaks,
 * a trailing `*` making a wildcard state; tables sized up front (a node per character at most, a
 * branching row per phrase at most).
 */
const buildTrie = (entries: readonly PhraseEntry[]): Built => {
  let capacity = 2;
  for (const { phrase } of entries) capacity += 2 * phrase.length + 2;
  const single = new Int8Array(capacity).fill(SINGLE_NONE);
  const next = new Int32Array(capacity);
  const star = new Int32Array(capacity);
  const rows = new Int32Array((entries.length + 1) * COLS);
  const ends = new Map<number, number[]>();
  let nodes = 2; // 0 = none, 1 = root
  let rowCount = 0;
  for (let e = 0; e < entries.length; e++) {
    const phrase = entries[e]!.phrase;
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
    const existing = ends.get(node);
    if (existing) existing.push(e);
    else ends.set(node, [e]);
  }
  return { single, next, star, rows, nodes, rowCount, ends };
};


/** A table of node ids: 16-bit cells while node ids fit (half the cache lines), else 32-bit. */
export type NodeArray = Uint16Array | Int32Array;

/** Everything the topic walk reads. */
export interface TopicTables {
  readonly nodes: number;
  /** Per node: its only column, `SINGLE_NONE` (no transition) or `BRANCHING` (see `next`'s row). */
  readonly single: Int8Array;
  /** Per node: the target of its only transition, or the index of its row in `rows`. */
  readonly next: NodeArray;
  /** Per node: its star state (0: none). */
  readonly star: NodeArray;
  /** The full rows of the branching nodes. */
  readonly rows: NodeArray;
  /**
   * What a token's first three letters say: 0 when no phrase starts with them; else the trie node
   * they lead to, where the walk can start directly, or `walk` when a wildcard state lies on the
   * way (the walk then starts at the root).
   */
  readonly trigrams: NodeArray;
  readonly walk: number;
  /** Whether a one- or two-letter word can end or continue a phrase (the word "to" cannot). */
  readonly short: Uint8Array;
  /** Pairs (node, index of the entry that ends there), in entry order per node. */
  readonly outputNodes: Int32Array;
  readonly outputEntries: Int32Array;
}

/** Builds the tables of `entries` (see `phraseEntries`). */
export const buildTopicTables = (entries: readonly PhraseEntry[]): TopicTables => {
  const built = buildTrie(entries);
  const nodes = built.nodes;
  const narrow = nodes < 0xffff;
  const nodeArray = (values: Int32Array): NodeArray => (narrow ? Uint16Array.from(values) : values.slice());
  const single = built.single.slice(0, nodes);
  const next = nodeArray(built.next.subarray(0, nodes));
  const star = nodeArray(built.star.subarray(0, nodes));
  const rows = nodeArray(built.rows.subarray(0, built.rowCount * COLS));
  const stepFrom = (node: number, col: number): number => {
    const only = single[node]!;
    if (only === col) return next[node]!;
    return only === BRANCHING ? rows[next[node]! * COLS + col]! : 0;
  };
  const walk = narrow ? 0xffff : -1;
  const trigrams = narrow ? new Uint16Array(COLS * COLS * COLS) : new Int32Array(COLS * COLS * COLS);
  for (let a = 0; a < BREAK; a++) {
    const na = stepFrom(1, a);
    if (na === 0) continue;
    for (let b = 0; b < BREAK; b++) {
      const nb = stepFrom(na, b);
      const starredAfterOne = star[na] !== 0 || (nb !== 0 && star[nb] !== 0);
      if (nb === 0 && !starredAfterOne) continue;
      for (let c = 0; c < BREAK; c++) {
        const nc = nb === 0 ? 0 : stepFrom(nb, c);
        if (nc !== 0 || starredAfterOne) trigrams[(a * COLS + b) * COLS + c] = starredAfterOne || star[1] !== 0 ? walk : nc;
      }
    }
  }
  const short = new Uint8Array(COLS * COLS + COLS);
  const usable = (node: number): boolean => node !== 0 && (built.ends.has(node) || stepFrom(node, BREAK) !== 0 || star[node] !== 0);
  for (let a = 0; a < BREAK; a++) {
    const na = stepFrom(1, a);
    if (na === 0) continue;
    if (usable(na)) short[a] = 1;
    for (let b = 0; b < BREAK; b++) if (usable(stepFrom(na, b)) || star[na] !== 0) short[COLS + a * COLS + b] = 1;
  }
  const pairs: number[] = [];
  for (const [node, ends] of built.ends) for (const entry of ends) pairs.push(node, entry);
  const outputNodes = new Int32Array(pairs.length / 2);
  const outputEntries = new Int32Array(pairs.length / 2);
  for (let k = 0; k < outputNodes.length; k++) {
    outputNodes[k] = pairs[2 * k]!;
    outputEntries[k] = pairs[2 * k + 1]!;
  }
  return { nodes, single, next, star, rows, trigrams, walk, short, outputNodes, outputEntries };
};

const FORMAT = 2;
const ARRAYS = ['single', 'next', 'star', 'rows', 'trigrams', 'short', 'outputNodes', 'outputEntries'] as const;

/** The tables as deflated bytes in base64: a header of counts, then each array 4-byte aligned. */
export const encodeTopicTables = (t: TopicTables): string => {
  const header = new Int32Array([FORMAT, t.nodes, t.walk, t.next.BYTES_PER_ELEMENT, ...ARRAYS.map((k) => t[k].length)]);
  const parts: Uint8Array[] = [new Uint8Array(header.buffer)];
  for (const key of ARRAYS) {
    const a = t[key];
    parts.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    const pad = (4 - (a.byteLength % 4)) % 4;
    if (pad > 0) parts.push(new Uint8Array(pad));
  }
  return deflateRawSync(Buffer.concat(parts), { level: 9 }).toString('base64');
};

/** The tables `encodeTopicTables` wrote: typed arrays over one inflated buffer, no copying loop. */
export const decodeTopicTables = (encoded: string): TopicTables => {
  const bytes = inflateRawSync(Buffer.from(encoded, 'base64'));
  // A fresh, aligned copy (a pooled buffer may start at any offset).
  const buffer = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(buffer).set(bytes);
  const fixed = 4 + ARRAYS.length;
  const header = new Int32Array(buffer, 0, fixed);
  if (header[0] !== FORMAT) throw new Error(`topic tables: format ${header[0]}, expected ${FORMAT}`);
  const nodeWidth = header[3]!;
  let offset = fixed * 4;
  const view = <T>(make: (buffer: ArrayBuffer, offset: number, length: number) => T, length: number, width: number): T => {
    const array = make(buffer, offset, length);
    offset += Math.ceil((length * width) / 4) * 4;
    return array;
  };
  const count = (k: number): number => header[4 + k]!;
  const int8 = (b: ArrayBuffer, o: number, n: number) => new Int8Array(b, o, n);
  const uint8 = (b: ArrayBuffer, o: number, n: number) => new Uint8Array(b, o, n);
  const int32 = (b: ArrayBuffer, o: number, n: number) => new Int32Array(b, o, n);
  const nodeArray = (k: number): NodeArray =>
    nodeWidth === 2 ? view((b, o, n) => new Uint16Array(b, o, n), count(k), 2) : view(int32, count(k), 4);
  const single = view(int8, count(0), 1);
  const next = nodeArray(1);
  const star = nodeArray(2);
  const rows = nodeArray(3);
  const trigrams = nodeArray(4);
  const short = view(uint8, count(5), 1);
  const outputNodes = view(int32, count(6), 4);
  const outputEntries = view(int32, count(7), 4);
  return { nodes: header[1]!, single, next, star, rows, trigrams, walk: header[2]!, short, outputNodes, outputEntries };
};
