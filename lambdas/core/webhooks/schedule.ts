/**
 * The retry schedule: the delay before each attempt, counted from the previous attempt. The first
 * attempt is always immediate (the 0 s step); each later delay gets ±20% jitter so a receiver that
 * comes back up is not hit by every retry at the same instant.
 */

/** Delays before each attempt (ms): 0 s, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const PRODUCTION_RETRY_SCHEDULE_MS: readonly number[] = [
  0,
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

/** The jitter applied to every retry delay: ±20%. */
export const JITTER = 0.2;

/** How long a subscription may fail every attempt before it is disabled. */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * 3_600_000;

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses one duration such as `250ms`, `5s`, `5m`, `2h` (a bare number is seconds). */
export const parseDuration = (text: string): number => {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d)?\s*$/.exec(text);
  if (!match) throw new RangeError(`Not a duration: "${text}"`);
  return Math.round(Number(match[1]) * UNITS[match[2] ?? 's']!);
};

/**
 * Parses `DEMARCHE_RETRY_SCHEDULE` (e.g. `1s,2s,5s` or `0s,100ms,200ms`). The list gives the
 * delays before attempts; a leading 0 (the immediate first attempt) is implied when absent, so
 * `1s,2s,5s` means four attempts: now, then 1 s, 2 s and 5 s after each previous one.
 */
export const parseRetrySchedule = (text: string): number[] => {
  const delays = text.split(',').filter((part) => part.trim() !== '').map(parseDuration);
  if (delays.length === 0) throw new RangeError('An empty retry schedule');
  return delays[0] === 0 ? delays : [0, ...delays];
};

/** The schedule in force: `DEMARCHE_RETRY_SCHEDULE` when set, else the production one. */
export const retryScheduleFrom = (value: string | undefined): readonly number[] =>
  value === undefined || value.trim() === '' ? PRODUCTION_RETRY_SCHEDULE_MS : parseRetrySchedule(value);

/** A delay with ±20% jitter; `random` returns a number in [0, 1). */
export const withJitter = (delayMs: number, random: () => number): number =>
  Math.max(0, Math.round(delayMs * (1 - JITTER + 2 * JITTER * random())));

/**
 * When the next attempt is due after `attemptsMade` attempts ended at `nowMs`, or undefined when
 * the schedule is spent (the delivery is dead).
 */
export const nextAttemptAt = (
  schedule: readonly number[],
  attemptsMade: number,
  nowMs: number,
  random: () => number,
): number | undefined => {
  const delay = schedule[attemptsMade];
  return delay === undefined ? undefined : nowMs + withJitter(delay, random);
};
