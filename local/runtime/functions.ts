/**
 * The functions of wiring.ts, loaded in-process: each entry module is imported dynamically and its
 * `handler` is invoked with a Lambda-like context and the function's timeout, the way the Lambda
 * service would call it.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Context } from 'aws-lambda';
import { FUNCTIONS, type FunctionDefinition, type FunctionName } from '../../lambdas/adapters/wiring';

/** The repository root (the folder wiring entries are relative to); scripts/start.mjs names it when running a bundle. */
export const REPO_ROOT = process.env.DEMARCHE_REPO_ROOT ?? path.resolve(__dirname, '..', '..');

declare global {
  /** Set by scripts/start.mjs when it runs prebuilt bundles: loads the handler modules, keyed by wiring entry. */
  // eslint-disable-next-line no-var
  var __demarcheHandlerModules: (() => Record<string, unknown>) | undefined;
}

/** A handler as Lambda calls it. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** A function of wiring.ts, ready to invoke. */
export interface LoadedFunction {
  readonly name: FunctionName;
  readonly definition: FunctionDefinition;
  /** Invokes the handler; rejects when it throws or runs past its timeout. */
  invoke(event: unknown): Promise<unknown>;
}

/** A handler ran longer than its function's timeout. */
export class FunctionTimeoutError extends Error {
  override readonly name = 'FunctionTimeoutError';
}

/** A handler module could not be loaded. */
export class FunctionLoadError extends Error {
  override readonly name = 'FunctionLoadError';
}

const contextFor = (name: string, def: FunctionDefinition, deadline: number, region: string): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: `demarche-${name}`,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:demarche-${name}`,
  memoryLimitInMB: String(def.memoryMiB),
  awsRequestId: randomUUID(),
  logGroupName: `/aws/lambda/demarche-${name}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** Wraps a handler so each call gets a context and is cut off at the function's timeout. */
export const asLoadedFunction = (name: FunctionName, definition: FunctionDefinition, handler: LambdaHandler): LoadedFunction => ({
  name,
  definition,
  invoke: async (event) => {
    const timeoutMs = definition.timeoutSeconds * 1000;
    const deadline = Date.now() + timeoutMs;
    const context = contextFor(name, definition, deadline, process.env.AWS_REGION ?? 'us-east-1');
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        handler(event, context),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new FunctionTimeoutError(`${name} timed out after ${definition.timeoutSeconds} s`)),
            timeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  },
});

/**
 * Imports every function of wiring.ts whose entry exists. Missing entries are reported through
 * `onMissing` (so the runtime can start while handlers are still being written) instead of failing.
 */
export const loadFunctions = async (
  onMissing: (name: FunctionName, entry: string) => void = () => undefined,
): Promise<Map<FunctionName, LoadedFunction>> => {
  const loaded = new Map<FunctionName, LoadedFunction>();
  const entries = Object.entries(FUNCTIONS) as Array<[FunctionName, FunctionDefinition]>;
  const bundled = globalThis.__demarcheHandlerModules?.();
  await Promise.all(
    entries.map(async ([name, def]) => {
      const file = path.join(REPO_ROOT, def.entry);
      if (!bundled?.[def.entry] && !existsSync(file)) {
        onMissing(name, def.entry);
        return;
      }
      let mod: { handler?: unknown };
      try {
        mod = (bundled?.[def.entry] ?? (await import(file))) as { handler?: unknown };
      } catch (cause) {
        throw new FunctionLoadError(`${def.entry} could not be loaded`, { cause });
      }
      if (typeof mod.handler !== 'function') throw new FunctionLoadError(`${def.entry} exports no handler`);
      loaded.set(name, asLoadedFunction(name, def, mod.handler as LambdaHandler));
    }),
  );
  return loaded;
};
