/** Injected time, so domain code and tests are deterministic. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to, for tests. */
export const fixedClock = (startMs: number): Clock & { advance(ms: number): void } => {
  let t = startMs;
  return { now: () => t, advance: (ms) => void (t += ms) };
};
