/**
 * Word tokens of a statement, made in one tight pass over its characters that records only spans
 * and which tokens are capitalised. Everything else (surface and lower-case strings, separators,
 * acronym shape) is computed on demand, because most tokens are never looked at twice. Every
 * matcher of the extraction stage (topics, gazetteers, names) reads these tokens.
 */

import { isLowerCode as isLowerCodeImport, isUpperCode as isUpperCodeImport } from '../chars';

// Module-local copies of the imported bindings: under a CommonJS transform (tsx, jest) every use of
// an import is a getter call, which costs on these per-character paths; bundles are unaffected.
const isUpperCode = isUpperCodeImport;
const isLowerCode = isLowerCodeImport;

/** What lies between a token and the one before it. */
export const Sep = {
  /** Only spaces or tabs. */
  Space: 0,
  /** A joiner inside a word or name: hyphen, slash, plus, ampersand. */
  Join: 1,
  /** An apostrophe (possessive or elision). */
  Apostrophe: 2,
  /** A full stop (initials, abbreviations) possibly with spaces. */
  Period: 3,
  /** Anything else: comma, colon, brackets, quotes, dashes, line breaks. */
  Hard: 4,
} as const;
/** What lies between a token and the one before it. */
export type Sep = (typeof Sep)[keyof typeof Sep];

/** The tokens of one text; word strings and separators are worked out only when asked for. */
export interface Tokens {
  /** The text the spans point into (a statement's own text, or the whole document it lies in). */
  readonly source: string;
  /** Where the tokenised range of `source` begins and ends (0 and its length for a whole text). */
  readonly base: number;
  readonly limit: number;
  readonly count: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Indices of the tokens that start with an upper-case letter, in order. */
  readonly caps: Int32Array;
  readonly capCount: number;
  /** Cache of surface forms (cleared for the first `count` tokens by each tokenisation). */
  readonly rawCache: (string | undefined)[];
  /** Cache of per-word flags, filled by the name rules (0 = not yet; cleared like `rawCache`). */
  readonly flagCache: Int32Array;
}

/** The surface form of token i. */
export const rawAt = (t: Tokens, i: number): string => {
  let w = t.rawCache[i];
  if (w === undefined) {
    w = t.source.slice(t.start[i], t.end[i]);
    t.rawCache[i] = w;
  }
  return w;
};


/** The lower-case form of token i. */
export const lowAt = (t: Tokens, i: number): string => rawAt(t, i).toLowerCase();

export { isLowerCode, isUpperCode };

/** Whether token i starts with an upper-case letter. */
export const isCapAt = (t: Tokens, i: number): boolean => isUpperCode(t.source.charCodeAt(t.start[i]!));

/** Whether token i is an acronym: two or more characters, starting upper-case, with no lower-case letter. */
export const isAllCapsAt = (t: Tokens, i: number): boolean => {
  const s = t.start[i]!;
  const e = t.end[i]!;
  if (e - s < 2 || !isUpperCode(t.source.charCodeAt(s))) return false;
  for (let p = s + 1; p < e; p++) {
    const c = t.source.charCodeAt(p);
    if (isLowerCode(c)) return false;
  }
  return true;
};

/** What separates token j from token j-1 (`Sep.Hard` for the first token). */
export const sepAt = (t: Tokens, j: number): Sep => {
  if (j <= 0) return Sep.Hard;
  const from = t.end[j - 1]!;
  const to = t.start[j]!;
  if (to - from === 1 && t.source.charCodeAt(from) === 32) return Sep.Space;
  return sepKind(t.source, from, to);
};

const sepKind = (text: string, from: number, to: number): Sep => {
  if (from === to) return Sep.Join;
  let kind: Sep = Sep.Space;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 0xa0) continue;
    if (c === 45 || c === 0x2010 || c === 0x2011 || c === 47 || c === 43 || c === 38) {
      if (kind === Sep.Space) kind = Sep.Join;
      continue;
    }
    if (c === 39 || c === 0x2019) {
      if (kind !== Sep.Period) kind = Sep.Apostrophe;
      continue;
    }
    if (c === 46) {
      kind = Sep.Period;
      continue;
    }
    return Sep.Hard;
  }
  return kind;
};

/** Word characters: ASCII letters and digits, and anything above ASCII except punctuation and spaces. */
export const isWordCode = (c: number): boolean =>
  (c >= 97 && c <= 122) ||
  (c >= 65 && c <= 90) ||
  (c >= 48 && c <= 57) ||
  (c > 127 && c !== 0xa0 && c !== 0xab && c !== 0xbb && c !== 0xb7 && !(c >= 0x2000 && c <= 0x206f) && c !== 0x3000 && c !== 0xfeff && !(c >= 0xd800 && c <= 0xdfff));

/** 1 for every UTF-16 code unit that `isWordCode` accepts: the tokeniser's loop reads one byte per character. */
// Filled by ranges (a loop calling isWordCode 65,536 times cost ~6 ms of every cold start).
const WORD_CODE = new Uint8Array(65_536);
WORD_CODE.fill(1, 48, 58);
WORD_CODE.fill(1, 65, 91);
WORD_CODE.fill(1, 97, 123);
WORD_CODE.fill(1, 128, 0x2000);
WORD_CODE.fill(1, 0x2070, 0xd800);
WORD_CODE.fill(1, 0xe000, 0x10000);
for (const c of [0xa0, 0xab, 0xbb, 0xb7, 0x3000, 0xfeff]) WORD_CODE[c] = 0;

interface Buffers {
  start: Int32Array;
  end: Int32Array;
  caps: Int32Array;
  flags: Int32Array;
  raw: (string | undefined)[];
}

const fresh = (size: number): Buffers => ({
  start: new Int32Array(size),
  end: new Int32Array(size),
  caps: new Int32Array(size),
  flags: new Int32Array(size),
  raw: new Array<string | undefined>(size),
});

let scratch = fresh(1024);

const fill = (text: string, from: number, n: number, bufs: Buffers, owned: boolean): Tokens => {
  const { start, end, caps } = bufs;
  const word = WORD_CODE;
  let count = 0;
  let capCount = 0;
  let i = from;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (word[c] === 0) {
      i++;
      continue;
    }
    if (isUpperCode(c)) caps[capCount++] = count;
    start[count] = i;
    do {
      i++;
      if (i >= n) break;
      c = text.charCodeAt(i);
    } while (word[c] !== 0);
    end[count++] = i;
  }
  // Shared buffers still hold the previous text's cache entries: clear those this text uses.
  if (!owned) {
    bufs.flags.fill(0, 0, count);
    const raw = bufs.raw;
    for (let k = 0; k < count; k++) raw[k] = undefined;
  }
  return { source: text, base: from, limit: n, count, start, end, caps, capCount, rawCache: bufs.raw, flagCache: bufs.flags };
};

/** Splits a text into word tokens (letters, marks and digits); everything else separates them. */
export const tokenize = (text: string): Tokens => fill(text, 0, text.length, fresh((text.length >> 1) + 1), true);

/**
 * Like `tokenize`, but into buffers shared by every call: the result is valid only until the next
 * call. Extraction tokenises statement after statement and never keeps tokens, so it saves the
 * allocations. With `from`/`to`, only that range of `text` is tokenised and token positions stay
 * positions in `text`: extraction reads a statement inside its flat document text rather than
 * through the statement's own (sliced) string, which is slower to read character by character.
 */
export const tokenizeScratch = (text: string, from = 0, to = text.length): Tokens => {
  const size = ((to - from) >> 1) + 1;
  if (scratch.start.length < size) scratch = fresh(Math.max(size, scratch.start.length * 2));
  return fill(text, from, to, scratch, false);
};

/** `countWords`'s word characters: ASCII letters and digits, and anything above ASCII except a few spaces and punctuation. */
const isCountedWordCode = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c > 127 && c !== 160 && !(c >= 0x2000 && c <= 0x206f) && c !== 0x3000);

/**
 * The number of words `countWords` (parser/index.ts) finds in the tokenised text, read off the
 * tokens: every token character is a counted word character, so only the gaps between tokens need
 * a look (a single space, the usual gap, ends a word at once).
 */
export const countWordsOf = (t: Tokens): number => {
  const text = t.source;
  const { start, end, count, limit } = t;
  let words = 0;
  let inWord = false;
  let pos = t.base;
  for (let k = 0; k <= count; k++) {
    const s = k < count ? start[k]! : limit;
    if (s > pos) {
      if (s - pos === 1 && text.charCodeAt(pos) === 32) inWord = false;
      else {
        for (let i = pos; i < s; i++) {
          const c = text.charCodeAt(i);
          if (isCountedWordCode(c)) {
            if (!inWord) words++;
            inWord = true;
          } else if (!(inWord && (c === 39 || c === 0x2019) && i + 1 < limit && isAsciiLetterCode(text.charCodeAt(i + 1)))) inWord = false;
        }
      }
    }
    if (k === count) break;
    if (!inWord) words++;
    inWord = true;
    pos = end[k]!;
  }
  return words;
};
/** Whether c is an ASCII letter: setting the lower-case bit maps A–Z onto a–z (one test, no branch to be met late). */
const isAsciiLetterCode = (c: number): boolean => ((c | 32) - 97) >>> 0 < 26;

/** The characters between token j-1 and token j. */
export const gap = (t: Tokens, j: number): string => t.source.slice(t.end[j - 1], t.start[j]);

/**
 * Runs of the code units `isWordCode` accepts, as one regex: the gazetteers and title lists (a few
 * thousand phrases) are split at module load, where the native regex is much faster than the
 * tokeniser's loop before the JIT has compiled it. A test checks it against `isWordCode`.
 */
const WORD_RUN = /[0-9A-Za-z\u0080-\u009f\u00a1-\u00aa\u00ac-\u00b6\u00b8-\u00ba\u00bc-\u1fff\u2070-\u2fff\u3001-\ud7ff\ue000-\ufefe\uff00-\uffff]+/g;

/** Splits a phrase of the taxonomy or a gazetteer into its words the way `tokenize` would. */
export const phraseWords = (phrase: string): string[] => phrase.match(WORD_RUN) ?? [];

