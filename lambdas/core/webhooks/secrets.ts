/**
 * Signing secrets (Standard Webhooks): `whsec_` followed by the base64 of random bytes. The key
 * used for HMAC is the base64-decoded part, not the text.
 */

/** Source of random bytes, injected so tests are deterministic. */
export type RandomBytes = (length: number) => Uint8Array;

/** The prefix every signing secret carries. */
export const SECRET_PREFIX = 'whsec_';

/** How many random bytes a new secret holds (the standard asks for 24 to 64). */
export const SECRET_BYTES = 32;

/** A new signing secret. */
export const generateSecret = (random: RandomBytes, bytes: number = SECRET_BYTES): string => {
  if (bytes < 24 || bytes > 64) throw new RangeError(`A secret holds 24 to 64 bytes, not ${bytes}`);
  const raw = random(bytes);
  if (raw.length !== bytes) throw new RangeError(`Random source gave ${raw.length} bytes, wanted ${bytes}`);
  return SECRET_PREFIX + Buffer.from(raw).toString('base64');
};

/** The HMAC key of a secret: the base64-decoded part after `whsec_`. */
export const secretKey = (secret: string): Buffer => {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new RangeError('Empty signing secret');
  return key;
};

/** Whether a string has the shape of a signing secret. */
export const isSecret = (value: string): boolean =>
  /^whsec_[A-Za-z0-9+/]+={0,2}$/.test(value) && secretKey(value).length >= 24;
