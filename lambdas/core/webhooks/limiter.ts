/** Bounded concurrency: at most `limit` tasks run at once, the rest wait in order. */

/** Runs tasks with at most `limit` in flight. */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** A limiter allowing `limit` concurrent tasks. */
export const createLimiter = (limit: number): Limiter => {
  if (!(limit >= 1)) throw new RangeError(`Concurrency limit must be ≥ 1, not ${limit}`);
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    async run(task) {
      // A finishing task hands its slot straight to the next waiter, so `active` never overshoots.
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      else active++;
      try {
        return await task();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else active--;
      }
    },
  };
};
