/**
 * Sortable ids. Event ids are ULIDs whose random part is derived from a seed, so the same
 * (stream, version, time) always yields the same id: a retry after a crash writes the same events.
 */
import { createHash } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const encodeTime = (timeMs: number): string => {
  let out = '';
  let t = Math.max(0, Math.floor(timeMs));
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
};

const encodeBytes = (bytes: Uint8Array, chars: number): string => {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
};

/** A ULID whose time part is `timeMs` and whose 80-bit random part is a hash of `seed`. */
export const deterministicUlid = (timeMs: number, seed: string): string =>
  encodeTime(timeMs) + encodeBytes(createHash('sha256').update(seed).digest(), 16);

/** A ULID with a random part: for ids that need no determinism (subscriptions, commits of views). */
export const randomUlid = (timeMs: number = Date.now()): string =>
  encodeTime(timeMs) + encodeBytes(crypto.getRandomValues(new Uint8Array(10)), 16);

/** Hex sha256 of bytes or text. */
export const sha256Hex = (input: Uint8Array | string): string => createHash('sha256').update(input).digest('hex');

/** The stable transcript id of an uploaded object: one id per (bucket, key), whatever its bytes. */
export const transcriptIdFor = (bucket: string, key: string): string =>
  sha256Hex(`${bucket}\u0000${key}`).slice(0, 24);
