/**
 * Reading the word lists of this folder: one entry per line, `Name|other name…` and, for countries,
 * `;demonym|demonym…` after the names.
 */

/** The non-blank lines of a list, trimmed. */
export const listLines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

/** Every name of a list: each line's names before any `;`. */
export const listNames = (text: string): string[] =>
  listLines(text).flatMap((line) =>
    line
      .split(';')[0]!
      .split('|')
      .map((n) => n.trim())
      .filter((n) => n.length > 0),
  );
