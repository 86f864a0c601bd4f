/**
 * What the parser asks of a single UTF-16 code unit, read from one byte per unit: its letter case
 * as String#toLowerCase and #toUpperCase see it, and whether it is a letter (`\p{L}`) or a
 * lower-case letter (`\p{Ll}`). ASCII, Latin-1, Latin Extended-A and -B, punctuation and the
 * letter-like symbols are filled at module load (~0.5 ms), anything else on first sight.
 *
 * The hot loops used to call the string methods or a `\p{L}` regex for characters above ASCII only:
 * V8 compiled them before meeting such a character and threw the compiled code away at the first
 * one (a deoptimisation, then a second compile of the whole function, in a cold `demarche parse`).
 * A table read, for every character alike (ASCII too), is one code path V8 has always met.
 */
const UNIT = new Uint8Array(65_536);
const KNOWN = 1;
const UPPER = 2;
const LOWER = 4;
const LETTER = 8;
const LOWER_LETTER = 16;
const ASCII_DIGIT = 32;
const LETTER_PATTERN = /\p{L}/u;
const LOWER_LETTER_PATTERN = /\p{Ll}/u;

const learn = (c: number): number => {
  const s = String.fromCharCode(c);
  const v =
    KNOWN |
    (s.toLowerCase() !== s ? UPPER : 0) |
    (s.toUpperCase() !== s ? LOWER : 0) |
    (LETTER_PATTERN.test(s) ? LETTER : 0) |
    (LOWER_LETTER_PATTERN.test(s) ? LOWER_LETTER : 0);
  UNIT[c] = v;
  return v;
};
UNIT.fill(KNOWN, 0, 128);
UNIT.fill(KNOWN | ASCII_DIGIT, 48, 58);
UNIT.fill(KNOWN | UPPER | LETTER, 65, 91);
UNIT.fill(KNOWN | LOWER | LETTER | LOWER_LETTER, 97, 123);
for (let c = 128; c < 0x250; c++) learn(c);
for (let c = 0x2000; c < 0x2190; c++) learn(c);

/** The bits of code unit c (which must be an integer in 0..0xffff). */
const bitsOf = (c: number): number => {
  const v = UNIT[c]!;
  return v !== 0 ? v : learn(c);
};

/** Whether code unit c is an upper-case (or title-case) letter: lower-casing changes it. */
export const isUpperCode = (c: number): boolean => (bitsOf(c) & UPPER) !== 0;
/** Whether code unit c is a lower-case letter: upper-casing changes it. */
export const isLowerCode = (c: number): boolean => (bitsOf(c) & LOWER) !== 0;
/** Whether code unit c is a letter (`/\p{L}/u`; a lone surrogate is not). */
export const isLetterCode = (c: number): boolean => (bitsOf(c) & LETTER) !== 0;
/** Whether code unit c is a lower-case letter as `/\p{Ll}/u` reads it. */
export const isLowercaseLetterCode = (c: number): boolean => (bitsOf(c) & LOWER_LETTER) !== 0;
/** Whether code unit c is a letter or an ASCII digit. */
export const isLetterOrDigitCode = (c: number): boolean => (bitsOf(c) & (LETTER | ASCII_DIGIT)) !== 0;
/** Whether code unit c is a lower-case letter that lower-casing leaves alone and upper-casing changes. */
export const isOnlyLowerCode = (c: number): boolean => (bitsOf(c) & (LOWER | UPPER)) === LOWER;
