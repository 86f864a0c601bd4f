/**
 * Word tokens of a statement, made in one pass over its characters: each token's span, surface
 * form, lower-case form and what separates it from the previous token. Every matcher of the
 * extraction stage (topics, gazetteers, names) reads these instead of scanning the text again.
 */

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

/** The tokens of one text, as parallel arrays. */
export interface Tokens {
  /** The text the spans point into. */
  readonly source: string;
  readonly count: number;
  readonly start: number[];
  readonly end: number[];
  readonly raw: string[];
  readonly lower: string[];
  /** Separator before each token (`Sep.Hard` for the first). */
  readonly sep: Sep[];
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const wordCache = new Map<number, boolean>();

const isWordCode = (code: number): boolean => {
  if (code < 128) {
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  }
  if (code >= 0xd800 && code <= 0xdfff) return false;
  let known = wordCache.get(code);
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCharCode(code));
    wordCache.set(code, known);
  }
  return known;
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

/** Splits a text into word tokens (letters, marks and digits); everything else separates them. */
export const tokenize = (text: string): Tokens => {
  const start: number[] = [];
  const end: number[] = [];
  const raw: string[] = [];
  const lower: string[] = [];
  const sep: Sep[] = [];
  const n = text.length;
  let i = 0;
  let prevEnd = -1;
  while (i < n) {
    if (!isWordCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const s = i;
    i++;
    while (i < n && isWordCode(text.charCodeAt(i))) i++;
    const word = text.slice(s, i);
    start.push(s);
    end.push(i);
    raw.push(word);
    lower.push(word.toLowerCase());
    sep.push(prevEnd < 0 ? Sep.Hard : sepKind(text, prevEnd, s));
    prevEnd = i;
  }
  return { source: text, count: start.length, start, end, raw, lower, sep };
};

/** The characters between token j-1 and token j. */
export const gap = (t: Tokens, j: number): string => t.source.slice(t.end[j - 1], t.start[j]);

/** Splits a phrase of the taxonomy or a gazetteer into its words the way `tokenize` would. */
export const phraseWords = (phrase: string): string[] => tokenize(phrase).raw;
