/**
 * Opaque page cursors: base64url(JSON payload) + "." + base64url(HMAC-SHA256(secret, scope + payload)).
 * The scope names the route and its filters, so a cursor from another listing (foreign) or with
 * altered content (tampered) fails verification and is answered with a 400, never passed on to
 * DynamoDB.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApiError } from './errors';

const MAX_CURSOR_LENGTH = 2048;

const mac = (secret: string, scope: string, payload: string): Buffer =>
  createHmac('sha256', secret).update(scope).update('\n').update(payload).digest();

/** Signs a page position for one scope. */
export const encodeCursor = (secret: string, scope: string, position: unknown): string => {
  const payload = Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
  return `${payload}.${mac(secret, scope, payload).toString('base64url')}`;
};

const badCursor = () => new ApiError(400, 'bad_cursor', 'cursor is invalid, tampered with, or from another listing');

/** Verifies and opens a cursor of this scope; throws a 400 ApiError otherwise. */
export const decodeCursor = (secret: string, scope: string, cursor: string): unknown => {
  if (cursor.length > MAX_CURSOR_LENGTH) throw badCursor();
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined) throw badCursor();
  if (!/^[A-Za-z0-9_-]+$/.test(payload) || !/^[A-Za-z0-9_-]+$/.test(signature)) throw badCursor();
  const expected = mac(secret, scope, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw badCursor();
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
  } catch {
    throw badCursor();
  }
};
