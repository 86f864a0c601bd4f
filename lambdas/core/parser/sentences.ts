/**
 * Abbreviation-aware sentence splitting. A full stop, question or exclamation mark (or an
 * ellipsis) ends a sentence when it is followed — after any closing quotes or brackets — by
 * whitespace and something that can start a sentence, unless the word before it is a known
 * abbreviation: titles before names (`Mr.`, `Dr.`, `Gen.`), single initials (`Antony J. Blinken`),
 * dotted acronyms (`U.S.`, `e.g.`) or number prefixes (`No. 5`). A blank line always ends one.
 */
import { isLetterCode as isLetterCodeImport, isLowercaseLetterCode as isLowercaseLetterCodeImport } from './chars';
import type { Range } from './types';

// Module-local copies of the imported bindings: under a CommonJS transform (tsx, jest) every use of
// an import is a getter call, which costs on these per-character paths; bundles are unaffected.
const isLetterCode = isLetterCodeImport;
const isLowercaseLetterCode = isLowercaseLetterCodeImport;

/** Abbreviations that precede a name or a number: never a sentence end before a capital. */
const TITLE_ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'messrs', 'mmes', 'dr', 'st', 'ste', 'gen', 'amb', 'sen', 'sens', 'rep', 'reps', 'gov', 'govs',
  'lt', 'col', 'maj', 'capt', 'cpt', 'sgt', 'cmdr', 'cdr', 'adm', 'brig', 'cpl', 'pvt', 'prof', 'hon', 'rev', 'fr',
  'pres', 'supt', 'atty', 'mt', 'ft', 'sr', 'jr', 'vs', 'v', 'approx', 'dept', 'est', 'fig', 'op', 'pp', 'p', 'vol',
  'art', 'sec', 'ch', 'para', 'cf', 'al', 'ave', 'blvd', 'rd', 'rt', 'eng', 'smt',
]);

/** Abbreviations that may also end a sentence: a sentence ends after them only before a sentence starter. */
const AMBIGUOUS_ABBREVIATIONS = new Set([
  'etc', 'inc', 'co', 'corp', 'ltd', 'llc', 'bros', 'no', 'nos', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug',
  'sep', 'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'tues', 'wed', 'thu', 'thurs', 'fri', 'sat', 'sun', 'min', 'max',
]);

/** Capitalised words that almost always start a sentence (so `… the U.S. We …` still splits). */
const SENTENCE_STARTERS = new Set([
  'a', 'an', 'the', 'i', 'we', 'you', 'he', 'she', 'it', 'they', 'this', 'that', 'these', 'those', 'there', 'here',
  'our', 'my', 'your', 'his', 'her', 'their', 'its', 'and', 'but', 'so', 'or', 'if', 'when', 'while', 'as', 'in',
  'on', 'at', 'for', 'with', 'to', 'from', 'by', 'of', 'after', 'before', 'since', 'because', 'although', 'however',
  'today', 'now', 'then', 'what', 'why', 'how', 'where', 'who', 'which', 'let', 'thank', 'thanks', 'yes', 'no',
  'not', 'all', 'both', 'each', 'every', 'many', 'most', 'some', 'one', 'two', 'also', 'again', 'finally', 'first',
  'second', 'third', 'last', 'next', 'together', 'moreover', 'furthermore', 'indeed', 'yet', 'still', 'even',
  'do', 'does', 'did', 'is', 'are', 'was', 'were', 'will', 'would', 'can', 'could', 'should', 'may', 'might', 'must',
  'have', 'has', 'had', 'please', 'well', 'okay', 'ok', 'good', 'great', 'look', 'just', 'only', 'such', 'through',
  'during', 'under', 'over', 'among', 'between', 'without', 'within', 'across', 'against', 'about', 'like',
]);


/** Character classes of the splitter, one bit each per UTF-16 code unit. */
const SPACE = 1;
/** Closing punctuation that belongs to the sentence it follows: " ' ) ] ” ’ ». */
const CLOSER = 2;
/** Marks that end a sentence: . ! ? …. */
const TERMINAL = 4;
const CLASS = new Uint8Array(65_536);
for (const c of [32, 10, 13, 9, 12, 160]) CLASS[c] = CLASS[c]! | SPACE;
for (const c of [34, 39, 41, 93, 0x201d, 0x2019, 0xbb]) CLASS[c] = CLASS[c]! | CLOSER;
for (const c of [46, 33, 63, 0x2026]) CLASS[c] = CLASS[c]! | TERMINAL;
const isSpace = (c: number): boolean => (CLASS[c]! & SPACE) !== 0;

/**
 * The first position from `i` (before `n`) whose character is not of class `cls`. Every run the
 * splitter skips goes through this one loop, so V8 compiles it with what all of them have met: runs
 * of several marks ("?!") or spaces are rare, and loops of their own were compiled before one
 * occurred and thrown away at the first (splitSentencesIn was compiled four or five times per
 * cold corpus run).
 */
const skipClass = (text: string, i: number, n: number, cls: number): number => {
  let p = i;
  while (p < n && (CLASS[text.charCodeAt(p)]! & cls) !== 0) p++;
  return p;
};

/** Where a sentence may end: terminal marks and line breaks. */
const CANDIDATE = /[.!?\u2026\n]/g;
const WORD_AT = /[\p{L}\p{N}'\u2019-]+/uy;

/** Whether the character at `i` is a lowercase letter (ASCII fast path). */
const isLowerAt = (text: string, i: number): boolean => {
  return i < text.length && isLowercaseLetterCode(text.charCodeAt(i));
};

/** Where the word (letters only) ending right before position `end` starts (not before `from`; `end` when there is none). */
const wordStartBefore = (text: string, end: number, from: number): number => {
  let start = end;
  while (start > from) {
    const c = text.charCodeAt(start - 1);
    if (!isLetterCode(c)) break;
    start--;
  }
  return start;
};

/** The length of the longest listed abbreviation ("messrs", "approx"). */
const LONGEST_ABBREVIATION = Math.max(...[...TITLE_ABBREVIATIONS, ...AMBIGUOUS_ABBREVIATIONS].map((w) => w.length));

/** The word starting at `i` and ending by `to` (lowercased), used to check for sentence starters. */
const wordAt = (text: string, i: number, to: number): string => {
  WORD_AT.lastIndex = i;
  const m = WORD_AT.exec(text);
  if (!m) return '';
  const word = i + m[0].length > to ? m[0].slice(0, to - i) : m[0];
  return word.toLowerCase();
};

/** Whether the word at `i` is a common sentence starter. */
const isStarterAt = (text: string, i: number, to: number): boolean => SENTENCE_STARTERS.has(wordAt(text, i, to));

/**
 * Whether the full stop at `dot` belongs to an abbreviation, given that a sentence could start
 * at `next` (the first non-space character after it).
 */
const isAbbreviationStop = (text: string, dot: number, next: number, from: number, to: number): boolean => {
  const start = wordStartBefore(text, dot, from);
  if (start === dot) return false;
  const before = start > from ? text.charCodeAt(start - 1) : 32;
  // A word longer than any listed abbreviation ends the sentence, unless it ends a dotted acronym
  // (most full stops: no need to cut out and lower-case the word).
  if (dot - start > LONGEST_ABBREVIATION && before !== 46 /* . */) return false;
  const word = text.slice(start, dot).toLowerCase();
  const nextChar = text.charCodeAt(next);
  const nextIsDigit = nextChar >= 48 && nextChar <= 57;
  // Dotted acronyms: U.S., U.N., e.g., i.e., a.m.
  if (before === 46 /* . */) return word === 'g' || word === 'e' ? true : !isStarterAt(text, next, to);
  if (word.length === 1) {
    const upper = text.charCodeAt(start) >= 65 && text.charCodeAt(start) <= 90;
    // A capital initial ("Antony J. Blinken") unless a sentence plainly starts after it.
    if (upper) return !isStarterAt(text, next, to);
    return TITLE_ABBREVIATIONS.has(word);
  }
  if (TITLE_ABBREVIATIONS.has(word)) {
    if (word === 'no' || word === 'sr' || word === 'jr' || word === 'est') return !isStarterAt(text, next, to);
    return true;
  }
  if (AMBIGUOUS_ABBREVIATIONS.has(word)) {
    if (word === 'no' || word === 'nos') return nextIsDigit;
    return nextIsDigit || !isStarterAt(text, next, to);
  }
  return false;
};

/** Appends [from, to) with surrounding whitespace trimmed, relative to `base`, unless nothing is left (module level: no closure per call). */
const pushTrimmed = (out: Range[], text: string, from: number, to: number, base: number): void => {
  let b = to;
  const a = skipClass(text, from, to, SPACE);
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  if (b > a) out.push([a - base, b - base]);
};

/** Splits text into trimmed sentence ranges [start, end), relative to `text`. */
export const splitSentences = (text: string): Range[] => splitSentencesIn(text, 0, text.length);

/**
 * Splits the range [from, to) of `text` into trimmed sentence ranges relative to `from`: the same
 * sentences as `splitSentences(text.slice(from, to))`, read in place (a long document's flat text
 * is faster to read than a slice of it).
 */
export const splitSentencesIn = (text: string, from: number, to: number): Range[] => {
  const out: Range[] = [];
  const n = to;
  let start = from;
  // Jump from candidate to candidate (line breaks and terminal marks) with a precompiled scan.
  const scan = CANDIDATE;
  scan.lastIndex = from;
  while (scan.test(text)) {
    const i = scan.lastIndex - 1;
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === 10) {
      // A blank line (paragraph break) always ends a sentence.
      let j = i + 1;
      while (j < n && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 13)) j++;
      if (j < n && text.charCodeAt(j) === 10) {
        pushTrimmed(out, text, start, i, from);
        start = j + 1;
        scan.lastIndex = j + 1;
      }
      continue;
    }
    // Take the whole run of terminal marks ("?!", "...", "…").
    let end = skipClass(text, i + 1, n, TERMINAL);
    const singleDot = c === 46 && end === i + 1;
    end = skipClass(text, end, n, CLOSER);
    scan.lastIndex = end;
    if (end >= n) break;
    if (!isSpace(text.charCodeAt(end))) continue;
    const next = skipClass(text, end + 1, n, SPACE);
    if (next >= n) break;
    if (isLowerAt(text, next)) continue;
    if (singleDot && isAbbreviationStop(text, i, next, from, n)) continue;
    pushTrimmed(out, text, start, end, from);
    start = end;
  }
  pushTrimmed(out, text, start, n, from);
  return out;
};
