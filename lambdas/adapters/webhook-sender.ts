/**
 * Sends webhook requests over HTTP(S) with node:http/https: keep-alive agents, a hard timeout,
 * no redirect following (a 3xx is a failed attempt), and the SSRF guard.
 *
 * The guard checks the address actually connected to: host names are resolved by our own
 * `lookup`, which refuses forbidden addresses, and Node calls it at connect time for every new
 * socket, so a name that resolves to a public address at subscription time and rebinds to a
 * private one later is still refused. IP literals (which Node connects to without a lookup) are
 * checked before the request.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { classifyAddress, isAddressAllowed, isIpLiteral } from '../core/webhooks/addresses';
import type { SendRequest, SendResult, WebhookSender } from '../core/webhooks/ports';

/** The default request timeout. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/** A delivery refused because its target address is forbidden. */
export class ForbiddenTargetError extends Error {
  override readonly name = 'ForbiddenTargetError';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`refused: ${host} resolves to ${address} (${classifyAddress(address)})`);
  }
}

/** Options of the HTTP sender. */
export interface HttpSenderOptions {
  readonly timeoutMs?: number;
  /** Loopback/private targets allowed (DEMARCHE_ALLOW_PRIVATE_WEBHOOKS=1); metadata never. */
  readonly allowPrivate: boolean;
  /** Sockets per receiver origin. */
  readonly maxSocketsPerHost?: number;
  readonly userAgent?: string;
  /** Name resolution (defaults to the system resolver); tests inject a rebinding one. */
  readonly resolve?: (host: string) => Promise<readonly LookupAddress[]>;
}

const systemResolve = (host: string): Promise<LookupAddress[]> =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

/** A `lookup` for sockets that refuses forbidden addresses (every resolved address must pass). */
export const guardedLookup = (
  allowPrivate: boolean,
  resolve: (host: string) => Promise<readonly LookupAddress[]> = systemResolve,
): LookupFunction =>
  ((hostname: string, options: { all?: boolean; family?: number }, callback: (...args: unknown[]) => void) => {
    resolve(hostname).then(
      (all) => {
        const wanted = all.filter((a) => !options.family || a.family === options.family);
        const bad = wanted.find((a) => !isAddressAllowed(a.address, { allowPrivate }));
        if (bad) return callback(new ForbiddenTargetError(hostname, bad.address));
        if (wanted.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }));
        if (options.all) return callback(null, wanted);
        return callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: unknown) => callback(error),
    );
  }) as unknown as LookupFunction;

/** The HTTP sender, with `close()` to free its keep-alive sockets. */
export const createHttpWebhookSender = (options: HttpSenderOptions): WebhookSender & { close(): void } => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const lookup = guardedLookup(options.allowPrivate, options.resolve);
  const agentOptions = { keepAlive: true, maxSockets: options.maxSocketsPerHost ?? 64, lookup };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };
  const userAgent = options.userAgent ?? 'demarche-webhooks/1.0';

  const send = (request: SendRequest): Promise<SendResult> => {
    const start = performance.now();
    const elapsed = (): number => Math.round(performance.now() - start);
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return Promise.resolve({ latencyMs: 0, error: `invalid URL ${request.url}` });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.resolve({ latencyMs: 0, error: `unsupported scheme ${url.protocol}` });
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIpLiteral(host) && !isAddressAllowed(host, { allowPrivate: options.allowPrivate })) {
      return Promise.resolve({ latencyMs: 0, error: new ForbiddenTargetError(host, host).message });
    }

    return new Promise<SendResult>((resolve) => {
      let settled = false;
      const finish = (result: SendResult): void => {
        if (settled) return;
        settled = true;
        resolve(result);
      };
      const body = Buffer.from(request.body, 'utf8');
      const secure = url.protocol === 'https:';
      const req = (secure ? https : http).request(url, {
        method: 'POST',
        agent: secure ? agents['https:'] : agents['http:'],
        lookup,
        headers: { ...request.headers, 'content-length': String(body.length), 'user-agent': userAgent },
      });
      const timer = setTimeout(() => req.destroy(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs);
      req.on('response', (res) => {
        const statusCode = res.statusCode ?? 0;
        const location = res.headers.location;
        finish({
          statusCode,
          latencyMs: elapsed(),
          ...(statusCode >= 300 && statusCode < 400 ? { error: `redirect${location ? ` to ${location}` : ''} not followed` } : {}),
        });
        res.on('end', () => clearTimeout(timer));
        res.on('error', () => clearTimeout(timer));
        res.resume(); // drain, so the socket goes back to the pool
      });
      req.on('error', (error) => {
        clearTimeout(timer);
        finish({ latencyMs: elapsed(), error: error.message });
      });
      req.end(body);
    });
  };

  return {
    send,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
};
