/**
 * Reads S3 objects with one signed GET (AWS Signature Version 4 over node:crypto and node:http(s)):
 * all that ingest asks of S3. The S3 client would bring every S3 operation's schema, its XML
 * protocol, checksums and event streams (~300 KB) for this one call, and cost each cold start of
 * ingest ~30 % of its module load (measured: see docs/deploy.md). Endpoint, region and credentials
 * come from the variables the SDK reads (AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL, AWS_REGION,
 * AWS_ACCESS_KEY_ID & co.), and DEMARCHE_S3_FORCE_PATH_STYLE=1 turns on path-style addressing, as
 * for the S3 client (lambdas/adapters/s3-client.ts), so the same settings reach both.
 */
import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { S3_MAX_ATTEMPTS, s3ForcePathStyle } from './config';
import { dynamoClient } from './dynamo-clients';

/** An object as ingest reads it. */
export interface S3Object {
  readonly bytes: Uint8Array;
  /** As S3 sends it (quoted). */
  readonly etag?: string;
  readonly versionId?: string;
  readonly lastModified?: Date;
  /** User metadata, keys lower-cased without `x-amz-meta-` (as the SDK gives `Metadata`). */
  readonly metadata: Record<string, string>;
}

/** The port: reads an object; undefined when the key does not exist (NoSuchKey). */
export interface ObjectReader {
  getObject(bucket: string, key: string): Promise<S3Object | undefined>;
}

/** AWS credentials. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Settings of s3ObjectReader; each defaults to what the SDK would take from the environment. */
export interface S3ObjectReaderOptions {
  /** Base URL; default AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, else S3's regional endpoint. */
  readonly endpoint?: string;
  /** Default AWS_REGION (then AWS_DEFAULT_REGION). */
  readonly region?: string;
  /** Bucket in the path instead of the host name; default DEMARCHE_S3_FORCE_PATH_STYLE === '1'. */
  readonly forcePathStyle?: boolean;
  /** Default: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, else the SDK's default chain. */
  readonly credentials?: () => Promise<AwsCredentials>;
  /** Attempts per object (retrying throttling, 5xx and network errors); default 5, as the S3 client. */
  readonly maxAttempts?: number;
  /** Idle socket timeout of one attempt; default 30 s. */
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

/** An S3 request that failed: `code` is S3's error code (or the network error's), `retryable` says whether trying again may help. */
export class S3RequestError extends Error {
  override readonly name = 'S3RequestError';
  constructor(
    message: string,
    readonly code: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A request to sign: the canonical parts SigV4 covers. */
export interface SignableRequest {
  readonly method: string;
  /** Already URI-encoded, as sent (S3 signs it as is, without encoding it again). */
  readonly path: string;
  /** Header names lower-case; `host` included. Every header given is signed. */
  readonly headers: Record<string, string>;
  readonly payloadHash: string;
}

const sha256Hex = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/** `20130524T000000Z`: the x-amz-date form of a time. */
export const amzDate = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The Authorization header of a request without a query string, by AWS Signature Version 4. */
export const signatureV4 = (
  request: SignableRequest,
  scope: { readonly region: string; readonly service: string; readonly date: Date },
  credentials: AwsCredentials,
): string => {
  const names = Object.keys(request.headers).sort();
  const canonical = [
    request.method,
    request.path,
    '',
    ...names.map((n) => `${n}:${request.headers[n]!.trim().replace(/\s+/g, ' ')}`),
    '',
    names.join(';'),
    request.payloadHash,
  ].join('\n');
  const time = amzDate(scope.date);
  const day = time.slice(0, 8);
  const credentialScope = `${day}/${scope.region}/${scope.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', time, credentialScope, sha256Hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), scope.region), scope.service), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${credentialScope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
};

/** An object key as an S3 path: each character but the unreserved ones and `/` percent-encoded (RFC 3986). */
export const encodeKey = (key: string): string =>
  key
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
// Throttling and transient server-side codes S3 answers with (besides any 5xx), as the SDK retries them.
const RETRYABLE_CODES = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'RequestTimeout', 'InternalError', 'ServiceUnavailable']);
const AGENTS = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/** Credentials from the environment (as Lambda provides them), else the SDK's default chain as the DynamoDB client resolved it. */
const defaultCredentials = async (): Promise<AwsCredentials> => {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = process.env;
  if (accessKeyId && secretAccessKey) return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  return dynamoClient().config.credentials();
};

// A bucket name usable as a host label (virtual-hosted style); others go in the path, as the SDK does.
const hostCompatible = (bucket: string): boolean =>
  /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) && !bucket.includes('..') && !/^\d+\.\d+\.\d+\.\d+$/.test(bucket);

const errorCode = (body: string): string | undefined => /<Code>([^<]+)<\/Code>/.exec(body)?.[1];

interface Response {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

const send = (url: URL, headers: Record<string, string>, timeoutMs: number): Promise<Response> =>
  new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const request = (secure ? https : http).request(
      url,
      { method: 'GET', headers, agent: secure ? AGENTS.https : AGENTS.http, timeout: timeoutMs },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          const length = response.headers['content-length'];
          if (response.complete && (length === undefined || Number(length) === body.length)) {
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
          } else reject(new Error(`response ended after ${body.length} of ${length ?? '?'} bytes`));
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no data for ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end();
  });

const header = (headers: http.IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/** The ObjectReader for S3 (or an S3-compatible endpoint such as s3rver). */
export const s3ObjectReader = (options: S3ObjectReaderOptions = {}): ObjectReader => {
  const env = process.env;
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const credentials = options.credentials ?? defaultCredentials;
  const maxAttempts = Math.max(1, options.maxAttempts ?? S3_MAX_ATTEMPTS);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const now = options.now ?? (() => new Date());
  const pathStyle = options.forcePathStyle ?? s3ForcePathStyle(env);

  const urlOf = (bucket: string, key: string): URL => {
    if (!region) throw new S3RequestError('No region: set AWS_REGION', 'MissingRegion', undefined, false);
    const endpoint = options.endpoint ?? env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
    const base = new URL(endpoint ?? `https://s3.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`);
    const prefix = base.pathname.replace(/\/+$/, '');
    const virtual = !pathStyle && hostCompatible(bucket) && !(base.protocol === 'https:' && bucket.includes('.'));
    const url = new URL(base.origin);
    if (virtual) url.hostname = `${bucket}.${base.hostname}`;
    // Assigned encoded: URL keeps percent-escapes as they are, so the path sent is the path signed.
    url.pathname = `${prefix}${virtual ? '' : `/${encodeKey(bucket)}`}/${encodeKey(key)}`;
    return url;
  };

  const attempt = async (url: URL): Promise<Response> => {
    const identity = await credentials();
    const date = now();
    const headers: Record<string, string> = {
      host: url.host,
      'x-amz-content-sha256': EMPTY_SHA256,
      'x-amz-date': amzDate(date),
      ...(identity.sessionToken ? { 'x-amz-security-token': identity.sessionToken } : {}),
    };
    const authorization = signatureV4(
      { method: 'GET', path: url.pathname, headers, payloadHash: EMPTY_SHA256 },
      { region: region!, service: 's3', date },
      identity,
    );
    let response: Response;
    try {
      response = await send(url, { ...headers, authorization }, timeoutMs);
    } catch (cause) {
      const code = (cause as { code?: string }).code ?? 'NetworkError';
      throw new S3RequestError(`GET ${url.host}${url.pathname}: ${(cause as Error).message}`, code, undefined, true, { cause });
    }
    return response;
  };

  return {
    async getObject(bucket, key) {
      const url = urlOf(bucket, key);
      for (let n = 1; ; n++) {
        let response: Response;
        try {
          response = await attempt(url);
        } catch (error) {
          if (error instanceof S3RequestError && error.retryable && n < maxAttempts) {
            await backoff(n);
            continue;
          }
          throw error;
        }
        const { status, headers, body } = response;
        if (status === 200) {
          const metadata: Record<string, string> = {};
          for (const [name, value] of Object.entries(headers)) {
            if (name.startsWith('x-amz-meta-') && value !== undefined) metadata[name.slice(11)] = Array.isArray(value) ? value.join(',') : value;
          }
          const modified = header(headers, 'last-modified');
          const etag = header(headers, 'etag');
          const versionId = header(headers, 'x-amz-version-id');
          return {
            bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
            ...(etag !== undefined ? { etag } : {}),
            ...(versionId !== undefined ? { versionId } : {}),
            ...(modified !== undefined && Number.isFinite(Date.parse(modified)) ? { lastModified: new Date(modified) } : {}),
            metadata,
          };
        }
        const code = errorCode(body.toString('utf8')) ?? `Http${status}`;
        if (code === 'NoSuchKey') return undefined;
        const retryable = status >= 500 || status === 429 || RETRYABLE_CODES.has(code);
        if (retryable && n < maxAttempts) {
          await backoff(n);
          continue;
        }
        throw new S3RequestError(`GET s3://${bucket}/${key}: ${status} ${code}`, code, status, retryable);
      }
    },
  };
};

// Exponential backoff with full jitter (base 100 ms, at most 20 s), as the SDK's standard retry strategy.
const backoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(20_000, 100 * 2 ** attempt)));
