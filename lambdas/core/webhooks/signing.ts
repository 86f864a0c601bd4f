/**
 * Standard Webhooks signatures: `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, keyed with
 * the decoded secret. After a rotation the previous secret keeps signing for an overlap, so a
 * request carries several space-separated signatures and receivers holding either secret verify.
 */
import { createHmac } from 'node:crypto';
import { secretKey } from './secrets';

/** How long a rotated-out secret keeps signing alongside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** One signing secret of a subscription; `expiresAt` is set once it has been rotated out. */
export interface SigningSecret {
  readonly secret: string;
  readonly createdAt: string;
  readonly expiresAt?: string;
}

/** One `v1,<base64>` signature. */
export const sign = (secret: string, id: string, timestampSec: number, body: string): string =>
  `v1,${createHmac('sha256', secretKey(secret)).update(`${id}.${timestampSec}.${body}`).digest('base64')}`;

/** The `webhook-signature` header value: one signature per secret, space separated. */
export const signatureHeader = (secrets: readonly string[], id: string, timestampSec: number, body: string): string => {
  if (secrets.length === 0) throw new RangeError('No secret to sign with');
  return secrets.map((s) => sign(s, id, timestampSec, body)).join(' ');
};

/** Secrets that still sign at `nowMs`: the current one and any rotated out less than the overlap ago. */
export const activeSecrets = (secrets: readonly SigningSecret[], nowMs: number): string[] =>
  secrets.filter((s) => s.expiresAt === undefined || Date.parse(s.expiresAt) > nowMs).map((s) => s.secret);

/** The secrets after a rotation: the new one first, the old ones expiring after the overlap. */
export const rotateSecrets = (secrets: readonly SigningSecret[], fresh: string, nowMs: number): SigningSecret[] => {
  const expiresAt = new Date(nowMs + ROTATION_OVERLAP_MS).toISOString();
  const kept = secrets
    .filter((s) => s.expiresAt === undefined || Date.parse(s.expiresAt) > nowMs)
    .map((s) => (s.expiresAt === undefined ? { ...s, expiresAt } : s));
  return [{ secret: fresh, createdAt: new Date(nowMs).toISOString() }, ...kept];
};

/** The headers of one webhook request. */
export const webhookHeaders = (
  secrets: readonly string[],
  id: string,
  timestampSec: number,
  body: string,
): Record<string, string> => ({
  'content-type': 'application/json',
  'webhook-id': id,
  'webhook-timestamp': String(timestampSec),
  'webhook-signature': signatureHeader(secrets, id, timestampSec, body),
});
