/**
 * Sortable ids. Event ids are ULIDs whose random part is derived from a seed, so the same
 * (stream, first version, time) always yields the same ids: a retry after a crash writes the same
 * events. A batch of events counts up from one hashed random part, as ULID's monotonic rule does
 * within a millisecond, so a batch costs one hash rather than one per event.
 */
import * as nodeCrypto from 'node:crypto';

const { createHash } = nodeCrypto;
// One-shot `crypto.hash` (Node ≥ 20.12) digests a short string about twice as fast as a Hash
// object; the digest is the same, so ids do not change. Older Node falls back to createHash.
const oneShot = (nodeCrypto as unknown as { hash?: OneShot }).hash;
type OneShot = {
  (algorithm: string, data: string | Uint8Array, encoding: 'buffer'): Buffer;
  (algorithm: string, data: string | Uint8Array, encoding: 'hex'): string;
};
const sha256Bytes = (seed: string): Uint8Array =>
  oneShot ? oneShot('sha256', seed, 'buffer') : createHash('sha256').update(seed).digest();

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastTimeMs = Number.NaN;
let lastTime = '';
const encodeTime = (timeMs: number): string => {
  // A transcript's events share one time: encode it once.
  if (timeMs === lastTimeMs) return lastTime;
  let out = '';
  let t = Math.max(0, Math.floor(timeMs));
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[t % 32] + out;
    t = Math.floor(t / 32);
  }
  lastTimeMs = timeMs;
  lastTime = out;
  return out;
};

const encodeBytes = (bytes: Uint8Array, chars: number): string => {
  let out = '';
  let bits = 0;
  let value = 0;
  let written = 0;
  for (let i = 0; i < bytes.length && written < chars; i++) {
    value = (value << 8) | bytes[i]!;
    bits += 8;
    while (bits >= 5 && written < chars) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      written++;
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
};

const FORTY_BITS = 2 ** 40;

/** Eight Crockford characters for a 40-bit number. */
const encode40 = (value: number): string => {
  let out = '';
  let v = value;
  for (let i = 0; i < 8; i++) {
    out = CROCKFORD[v % 32] + out;
    v = Math.floor(v / 32);
  }
  return out;
};

/**
 * The ULIDs of a batch: id `k` has time part `timeMs` and random part (a hash of `seed`) + k, modulo
 * 2^80. Deterministic, distinct for k < 2^40, and in k order when they share `timeMs`.
 */
export const ulidSequence = (timeMs: number, seed: string): ((k: number) => string) => {
  const digest = sha256Bytes(seed);
  const time = encodeTime(timeMs);
  const high = digest[0]! * 2 ** 32 + (((digest[1]! << 24) | (digest[2]! << 16) | (digest[3]! << 8) | digest[4]!) >>> 0);
  const low = digest[5]! * 2 ** 32 + (((digest[6]! << 24) | (digest[7]! << 16) | (digest[8]! << 8) | digest[9]!) >>> 0);
  const highText = encode40(high);
  const nextHighText = encode40((high + 1) % FORTY_BITS);
  return (k) => {
    const sum = low + k;
    return sum < FORTY_BITS ? time + highText + encode40(sum) : time + nextHighText + encode40(sum - FORTY_BITS);
  };
};

/** A ULID with a random part: for ids that need no determinism (subscriptions, commits of views). */
export const randomUlid = (timeMs: number = Date.now()): string =>
  encodeTime(timeMs) + encodeBytes(crypto.getRandomValues(new Uint8Array(10)), 16);

/** Hex sha256 of bytes or text. */
export const sha256Hex = (input: Uint8Array | string): string =>
  oneShot ? oneShot('sha256', input, 'hex') : createHash('sha256').update(input).digest('hex');

/** The stable transcript id of an uploaded object: one id per (bucket, key), whatever its bytes. */
export const transcriptIdFor = (bucket: string, key: string): string =>
  sha256Hex(`${bucket}\u0000${key}`).slice(0, 24);
