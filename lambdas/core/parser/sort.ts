/**
 * Sorting for the parser's many short lists (a statement's mentions, an entity's statement numbers,
 * a topic's evidence). `Array.prototype.sort` copies its array into a temporary one on every call
 * and calls the comparator through the runtime; over the corpus that was about a tenth of all the
 * parser allocated. Lists this short, or nearly in order already, sort faster by insertion.
 */

/** Past this length the built-in sort takes over (an insertion sort is quadratic when out of order). */
const INSERTION_MAX = 48;

/**
 * Sorts `items` in place by `compare` and returns it, stably, exactly as `items.sort(compare)`
 * would (both keep equal items in their order).
 */
export const sortSmall = <T>(items: T[], compare: (a: T, b: T) => number): T[] => {
  const n = items.length;
  if (n > INSERTION_MAX) return items.sort(compare);
  for (let i = 1; i < n; i++) {
    const item = items[i]!;
    let k = i - 1;
    for (; k >= 0 && compare(items[k]!, item) > 0; k--) items[k + 1] = items[k]!;
    items[k + 1] = item;
  }
  return items;
};

/** Numbers in ascending order, in place (`sortSmall` with `a - b`, without the comparator calls). */
export const sortNumbers = (items: number[]): number[] => {
  const n = items.length;
  if (n > INSERTION_MAX) return items.sort((a, b) => a - b);
  for (let i = 1; i < n; i++) {
    const item = items[i]!;
    let k = i - 1;
    for (; k >= 0 && items[k]! > item; k--) items[k + 1] = items[k]!;
    items[k + 1] = item;
  }
  return items;
};
