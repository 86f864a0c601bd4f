/**
 * The CLI's way to the archive: which API to talk to (flags, environment, CDK outputs, or the
 * local archive in the data directory) and a small JSON client for it (header `x-api-key`,
 * `{"error": {...}}` bodies turned into ApiError, cursor paging).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { dataDirFromEnv, dataDirLayout, readRuntimeInfo } from './runtime/data-dir';

/** Where the CLI sends its requests, and why that one. */
export interface Target {
  readonly apiUrl: string;
  readonly apiKey: string;
  readonly source: 'flags' | 'environment' | 'cdk-outputs' | 'local';
}

/** Target choices given on the command line. */
export interface TargetFlags {
  readonly apiUrl?: string;
  readonly apiKey?: string;
  /** Ignore the environment and CDK outputs: talk to the local archive. */
  readonly local?: boolean;
}

/** No API could be determined (typically: the local archive was never started). */
export class TargetNotFoundError extends Error {
  override readonly name = 'TargetNotFoundError';
}

/** An error answer of the API. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${message} (HTTP ${status}${code ? `, ${code}` : ''})`);
  }
}

/** The API could not be reached at all. */
export class ApiUnreachableError extends Error {
  override readonly name = 'ApiUnreachableError';
}

/** The CDK outputs file the CLI looks for (written by `cdk deploy --outputs-file cdk-outputs.json`). */
export const CDK_OUTPUTS_FILE = 'cdk-outputs.json';

/** Finds the API URL and key in a CDK outputs file (`{"<stack>": {"<OutputKey>": "value"}}`). */
export const targetFromCdkOutputs = (outputs: unknown): { apiUrl?: string; apiKey?: string } => {
  if (typeof outputs !== 'object' || outputs === null) return {};
  let apiUrl: string | undefined;
  let apiKey: string | undefined;
  for (const stack of Object.values(outputs as Record<string, unknown>)) {
    if (typeof stack !== 'object' || stack === null) continue;
    for (const [name, value] of Object.entries(stack as Record<string, unknown>)) {
      if (typeof value !== 'string') continue;
      if (!apiUrl && /api.*(url|endpoint)/i.test(name) && /^https?:\/\//.test(value)) apiUrl = value;
      if (!apiKey && /api.?key(value)?$/i.test(name) && !/id$/i.test(name)) apiKey = value;
    }
  }
  return { apiUrl, apiKey };
};

const readCdkOutputs = (cwd: string, env: NodeJS.ProcessEnv): { apiUrl?: string; apiKey?: string } => {
  const file = path.resolve(cwd, env.DEMARCHE_CDK_OUTPUTS || CDK_OUTPUTS_FILE);
  if (!existsSync(file)) return {};
  try {
    return targetFromCdkOutputs(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return {};
  }
};

/**
 * Resolves the target: `--api-url/--api-key` flags, then DEMARCHE_API_URL / DEMARCHE_API_KEY,
 * then the CDK outputs file, else the local archive (runtime.json and api-key in the data dir).
 */
export const resolveTarget = (flags: TargetFlags = {}, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Target => {
  const trim = (url: string) => url.replace(/\/+$/, '');
  if (!flags.local) {
    if (flags.apiUrl) {
      const key = flags.apiKey ?? env.DEMARCHE_API_KEY ?? readCdkOutputs(cwd, env).apiKey;
      if (!key) throw new TargetNotFoundError(`--api-url given without an API key: pass --api-key or set DEMARCHE_API_KEY`);
      return { apiUrl: trim(flags.apiUrl), apiKey: key, source: 'flags' };
    }
    if (env.DEMARCHE_API_URL) {
      const key = flags.apiKey ?? env.DEMARCHE_API_KEY ?? readCdkOutputs(cwd, env).apiKey;
      if (!key) throw new TargetNotFoundError('DEMARCHE_API_URL is set but DEMARCHE_API_KEY is not');
      return { apiUrl: trim(env.DEMARCHE_API_URL), apiKey: key, source: 'environment' };
    }
    const outputs = readCdkOutputs(cwd, env);
    if (outputs.apiUrl) {
      const key = flags.apiKey ?? env.DEMARCHE_API_KEY ?? outputs.apiKey;
      if (!key) {
        throw new TargetNotFoundError(
          `${CDK_OUTPUTS_FILE} names the API ${outputs.apiUrl} but no key: set DEMARCHE_API_KEY (or use --local for the local archive)`,
        );
      }
      return { apiUrl: trim(outputs.apiUrl), apiKey: key, source: 'cdk-outputs' };
    }
  }
  const layout = dataDirLayout(dataDirFromEnv(env, cwd));
  const running = readRuntimeInfo(layout);
  const apiUrl = running?.apiUrl ?? `http://127.0.0.1:${env.PORT || 3000}`;
  let apiKey = flags.apiKey ?? env.DEMARCHE_API_KEY;
  if (!apiKey && existsSync(layout.apiKey)) apiKey = readFileSync(layout.apiKey, 'utf8').trim();
  if (!apiKey) {
    throw new TargetNotFoundError(`no archive to talk to: start the local one with \`npm start\` (data dir ${layout.root}), or pass --api-url and --api-key`);
  }
  return { apiUrl: trim(apiUrl), apiKey, source: 'local' };
};

/** One page of a listing. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor?: string;
}

type Query = Record<string, string | number | undefined>;

/** A JSON client for the demarche API. */
export interface ApiClient {
  readonly target: Target;
  get<T>(route: string, query?: Query): Promise<T>;
  post<T>(route: string, body: unknown): Promise<T>;
  delete<T>(route: string): Promise<T>;
  /** Every page of a listing, following `nextCursor` (from `cursor`, at most `maxItems`). */
  pages<T>(route: string, query: Query, maxItems?: number): AsyncGenerator<Page<T>>;
}

/** Extracts the items of a page whatever the list field is called. */
export const itemsOf = <T>(body: unknown): T[] => {
  if (Array.isArray(body)) return body as T[];
  if (typeof body !== 'object' || body === null) return [];
  const record = body as Record<string, unknown>;
  if (Array.isArray(record.items)) return record.items as T[];
  const list = Object.values(record).find(Array.isArray);
  return (list as T[] | undefined) ?? [];
};

/** Builds a client for a target. */
export const createApiClient = (target: Target, fetchImpl: typeof fetch = fetch): ApiClient => {
  const request = async <T>(method: string, route: string, query?: Query, body?: unknown): Promise<T> => {
    const url = new URL(`${target.apiUrl}${route}`);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method,
        headers: { 'x-api-key': target.apiKey, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      const hint = target.source === 'local' ? ' Is the local archive running (`npm start`)?' : '';
      throw new ApiUnreachableError(`cannot reach ${target.apiUrl}.${hint}`, { cause });
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new ApiError(response.status, error?.code ?? '', error?.message ?? (text.slice(0, 200) || response.statusText));
    }
    return parsed as T;
  };
  return {
    target,
    get: (route, query) => request('GET', route, query),
    post: (route, body) => request('POST', route, undefined, body),
    delete: (route) => request('DELETE', route),
    async *pages<T>(route: string, query: Query, maxItems = Infinity) {
      let cursor = query.cursor === undefined ? undefined : String(query.cursor);
      let seen = 0;
      for (;;) {
        const body = await request<Record<string, unknown>>('GET', route, { ...query, cursor });
        const items = itemsOf<T>(body).slice(0, Math.max(0, maxItems - seen));
        seen += items.length;
        const next = typeof body?.nextCursor === 'string' ? body.nextCursor : undefined;
        yield { items, ...(next ? { nextCursor: next } : {}) };
        if (!next || seen >= maxItems) return;
        cursor = next;
      }
    },
  };
};
