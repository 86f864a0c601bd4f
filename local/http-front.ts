/**
 * The local HTTP front: a node:http server that turns each request into the API Gateway REST proxy
 * event AWS would send (resource `/{proxy+}`, path, method, single- and multi-value headers and
 * query parameters, path parameters, requestContext with request id, identity and stage, body and
 * isBase64Encoded) and the handler's proxy result back into the HTTP response. Bodies over the
 * limit are refused with 413 before the handler runs; connections are kept alive.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/** API Gateway's own payload limit (10 MB). */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** The stage name the events carry. */
export const LOCAL_STAGE = 'local';

/** Options of the front. */
export interface HttpFrontOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  readonly handler: (event: APIGatewayProxyEvent) => Promise<unknown>;
  readonly maxBodyBytes?: number;
  readonly stage?: string;
}

/** A running front. */
export interface HttpFront {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const TEXT_TYPES = /^(text\/|application\/(.+\+)?(json|xml|x-www-form-urlencoded|javascript))/i;

const errorJson = (code: string, message: string) => JSON.stringify({ error: { code, message } });

/** Sets an own property: names such as `constructor` or `__proto__` are plain names in a request. */
const setOwn = <T>(dict: Record<string, T>, key: string, value: T): void =>
  void Object.defineProperty(dict, key, { value, enumerable: true, writable: true, configurable: true });

/** Appends to an own list (never to what the prototype answers for `constructor`, `__proto__`…). */
const appendOwn = (dict: Record<string, string[]>, key: string, value: string): void => {
  if (Object.hasOwn(dict, key)) dict[key]!.push(value);
  else setOwn(dict, key, [value]);
};

/** Builds the REST proxy event of a request. */
export const toProxyEvent = (req: IncomingMessage, body: Buffer, stage = LOCAL_STAGE): APIGatewayProxyEvent => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    const value = req.rawHeaders[i + 1]!;
    setOwn(headers, name, value);
    appendOwn(multiValueHeaders, name, value);
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) {
    setOwn(query, k, v);
    appendOwn(multiQuery, k, v);
  }
  const hasQuery = Object.keys(query).length > 0;
  const contentType = req.headers['content-type'] ?? '';
  const isText = body.length === 0 || TEXT_TYPES.test(contentType);
  const proxy = path.replace(/^\/+/, '');
  const now = Date.now();
  const requestId = randomUUID();
  const method = (req.method ?? 'GET').toUpperCase();
  return {
    resource: '/{proxy+}',
    path,
    httpMethod: method,
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    pathParameters: proxy ? { proxy: safeDecode(proxy) } : null,
    stageVariables: null,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: null,
      protocol: `HTTP/${req.httpVersion}`,
      httpMethod: method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: (req.headers['x-api-key'] as string | undefined) ?? null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        user: null,
        userAgent: (req.headers['user-agent'] as string | undefined) ?? null,
        userArn: null,
      },
      path: `/${stage}${path}`,
      stage,
      requestId,
      requestTimeEpoch: now,
      resourceId: 'local',
      resourcePath: '/{proxy+}',
    },
    body: body.length === 0 ? null : isText ? body.toString('utf8') : body.toString('base64'),
    isBase64Encoded: body.length > 0 && !isText,
  };
};

const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

const isProxyResult = (value: unknown): value is APIGatewayProxyResult =>
  typeof value === 'object' && value !== null && typeof (value as { statusCode?: unknown }).statusCode === 'number';

/** Writes a proxy result as the HTTP response. */
export const writeProxyResult = (res: ServerResponse, result: APIGatewayProxyResult): void => {
  for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, String(v));
  for (const [k, v] of Object.entries(result.multiValueHeaders ?? {})) res.setHeader(k, v.map(String));
  const body = result.body ? (result.isBase64Encoded ? Buffer.from(result.body, 'base64') : Buffer.from(result.body, 'utf8')) : Buffer.alloc(0);
  res.setHeader('content-length', body.length);
  res.statusCode = result.statusCode;
  res.end(body);
};

const readBody = (req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      resolve('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** Starts the front; resolves once it listens. */
export const startHttpFront = async (options: HttpFrontOptions): Promise<HttpFront> => {
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const server = createServer(async (req, res) => {
    try {
      const body = await readBody(req, limit);
      if (body === 'too-large') {
        res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
        res.end(errorJson('payload_too_large', `request body is over ${limit} bytes`));
        req.resume();
        return;
      }
      const result = await options.handler(toProxyEvent(req, body, options.stage));
      if (!isProxyResult(result)) throw new Error('the handler returned no proxy result');
      writeProxyResult(res, result);
    } catch (error) {
      // API Gateway answers a failed integration with 502; the cause stays in the local logs only.
      console.error('http-front: handler failed', error);
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(errorJson('bad_gateway', 'internal error'));
      } else res.destroy();
    }
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
