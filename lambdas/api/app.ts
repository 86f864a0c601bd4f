/**
 * The API as a function of API Gateway REST proxy events: routing by method and path, the API key
 * check (when the runtime holds the key), body size and JSON parsing, zod validation of path,
 * query and body, and one error shape. Nothing AWS-specific happens here beyond the event format.
 */
import { timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { z } from 'zod';
import { ApiError, describeIssues, toApiError } from './errors';
import { ROUTES, type ApiDeps, type Route } from './routes';

/** Largest request body a route accepts (every body here is small JSON). */
export const MAX_BODY_BYTES = 64 * 1024;

interface CompiledRoute {
  readonly route: Route;
  readonly pattern: RegExp;
  readonly names: string[];
}

const compile = (route: Route): CompiledRoute => {
  const names: string[] = [];
  const source = route.path.replace(/[.]/g, '\\.').replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
};

const header = (event: APIGatewayProxyEvent, name: string): string | undefined => {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === lower && v !== undefined) return v;
  for (const [k, v] of Object.entries(event.multiValueHeaders ?? {})) if (k.toLowerCase() === lower && v?.length) return v[v.length - 1];
  return undefined;
};

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
};

const validate = <T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T => {
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError(400, 'validation_error', describeIssues(parsed.error, where));
  return parsed.data;
};

const decodeParam = (raw: string): string => {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ApiError(400, 'validation_error', 'malformed percent-encoding in the path');
  }
};

const readBody = (event: APIGatewayProxyEvent): unknown => {
  if (event.body === null || event.body === undefined || event.body === '') return {};
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) throw new ApiError(413, 'payload_too_large', `request body is over ${MAX_BODY_BYTES} bytes`);
  const type = header(event, 'content-type');
  if (type && !/^application\/(.+\+)?json\b/i.test(type)) throw new ApiError(400, 'unsupported_media_type', 'send the body as application/json');
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    throw new ApiError(400, 'malformed_json', 'request body is not valid JSON');
  }
};

const json = (status: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult => ({
  statusCode: status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: body === undefined ? '' : JSON.stringify(body),
});

/** Hook for logging failures (500s) without leaking them to clients. */
export type ErrorReporter = (error: unknown, context: { requestId?: string; path: string; method: string }) => void;

/** Builds the API function over its ports. */
export const createApi = (deps: ApiDeps, options: { routes?: readonly Route[]; onError?: ErrorReporter } = {}) => {
  const compiled = (options.routes ?? ROUTES).map(compile);
  return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const method = (event.httpMethod ?? 'GET').toUpperCase();
    const path = (event.path || '/').replace(/\/+$/, '') || '/';
    try {
      const matches = compiled.flatMap((c) => {
        const m = c.pattern.exec(path);
        return m ? [{ c, m }] : [];
      });
      if (matches.length === 0) throw new ApiError(404, 'not_found', 'no such route');
      const hit = matches.find(({ c }) => c.route.method === method);
      if (!hit) {
        const allow = [...new Set(matches.map(({ c }) => c.route.method))].join(', ');
        throw new ApiError(405, 'method_not_allowed', `use ${allow}`, { headers: { allow } });
      }
      const { route } = hit.c;
      if (route.auth && deps.apiKey !== undefined) {
        const key = header(event, 'x-api-key');
        if (key === undefined || key === '') throw new ApiError(401, 'unauthorized', 'missing x-api-key header');
        if (!sameSecret(key, deps.apiKey)) throw new ApiError(403, 'forbidden', 'invalid API key');
      }
      const rawParams = Object.fromEntries(hit.c.names.map((n, i) => [n, decodeParam(hit.m[i + 1]!)]));
      const params = validate(route.params, rawParams, 'path');
      const query = validate(route.query, event.queryStringParameters ?? {}, 'query');
      const body = route.body ? validate(route.body, readBody(event), 'body') : undefined;
      const reply = await route.handle({ params, query, body, deps });
      return json(reply.status, reply.body, reply.headers);
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.status >= 500) options.onError?.(error, { requestId: event.requestContext?.requestId, path, method });
      return json(apiError.status, { error: { code: apiError.code, message: apiError.message } }, apiError.headers);
    }
  };
};
