/**
 * Phase timings for bench:webhooks (BENCH_PHASES=1): time per DynamoDB command, per notifier
 * invocation, and per transcript from append to the notifier seeing its record and to receipts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';

const calls = new Map<string, number[]>();
const batches: { at: number; ms: number; records: number }[] = [];
const seenAt = new Map<string, number>();
const doneAt = new Map<string, number>();

const stats = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  const p = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  const sum = s.reduce((a, b) => a + b, 0);
  return `n=${s.length} mean=${(sum / s.length).toFixed(1)} p50=${p(0.5).toFixed(1)} p95=${p(0.95).toFixed(1)} max=${s[s.length - 1]!.toFixed(1)} total=${sum.toFixed(0)}`;
};

const spans = new Map<string, number[]>();
const span = (name: string, ms: number): void => {
  let xs = spans.get(name);
  if (!xs) spans.set(name, (xs = []));
  xs.push(ms);
};

/** Times the webhook runtime's store and engine methods (the notifier calls them through these objects). */
export const instrumentRuntime = (runtime: { store: object; engine: object }): void => {
  for (const [label, target, names] of [
    ['store', runtime.store, ['allSubscriptions', 'claimMessages', 'putDeliveries', 'settleMessages', 'getDeliveries', 'dueDeliveries']],
    ['engine', runtime.engine, ['perform', 'record']],
  ] as const) {
    const t = target as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const name of names) {
      const original = t[name]!.bind(target);
      t[name] = async (...args: unknown[]) => {
        const start = performance.now();
        try {
          return await original(...args);
        } finally {
          span(`${label}.${name}`, performance.now() - start);
        }
      };
    }
  }
};

/** CPU ms a process used so far (utime + stime from /proc; Linux). */
const processCpuMs = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
let javaPid: number | undefined;
let cpuAtReset: { node: number; java: number } | undefined;

/** Finds the DynamoDB Local JVM under the watchdog shell `watchdogPid` (for its CPU time). */
export const watchJava = (watchdogPid: number): void => {
  try {
    javaPid = Number(execFileSync('pgrep', ['-P', String(watchdogPid), 'java']).toString().trim().split('\n')[0]);
  } catch {
    javaPid = undefined;
  }
};

const cpuNow = () => ({ node: processCpuMs(process.pid), java: javaPid ? processCpuMs(javaPid) : NaN });

/** Forgets what was timed so far (after the warm-up). */
export const reset = (): void => {
  for (const m of [calls, seenAt, doneAt, spans]) m.clear();
  batches.length = 0;
  cpuAtReset = cpuNow();
};

/** Times every command the client sends. */
export const instrumentDynamo = (client: DynamoDBClient): void => {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const start = performance.now();
      try {
        return await next(args);
      } finally {
        const name = String(context.commandName);
        let xs = calls.get(name);
        if (!xs) calls.set(name, (xs = []));
        xs.push(performance.now() - start);
      }
    },
    { step: 'initialize', name: 'benchTiming' },
  );
};

/** Wraps the notifier handler to time each invocation and note when each transcript's record arrived. */
export const timedBatch =
  (handler: (e: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>) =>
  async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const at = Date.now();
    for (const r of event.Records) {
      const pk = r.dynamodb?.Keys?.pk?.S ?? '';
      seenAt.set(pk.replace(/^transcript\//, ''), at);
    }
    const start = performance.now();
    try {
      return await handler(event);
    } finally {
      batches.push({ at, ms: performance.now() - start, records: event.Records.length });
      for (const r of event.Records) doneAt.set((r.dynamodb?.Keys?.pk?.S ?? '').replace(/^transcript\//, ''), Date.now());
    }
  };

/** Prints the phase timings to stderr. */
export const report = (appendedAt: Map<string, number>, received: Map<string, number>, transcriptOf: Map<string, string>): void => {
  const out: string[] = [];
  if (cpuAtReset) {
    const now = cpuNow();
    const n = received.size;
    out.push(
      `CPU per delivery since the warm-up: node ${((now.node - cpuAtReset.node) / n).toFixed(2)} ms (notifier, sender, receiver, SDK), ` +
        `DynamoDB Local ${((now.java - cpuAtReset.java) / n).toFixed(2)} ms`,
    );
  }
  for (const [name, xs] of calls) out.push(`ddb ${name}: ${stats(xs)}`);
  for (const [name, xs] of spans) out.push(`${name}: ${stats(xs)}`);
  out.push(`notifier invocations: ${stats(batches.map((b) => b.ms))}; records/batch ${stats(batches.map((b) => b.records))}`);
  const lag = [...appendedAt].filter(([id]) => seenAt.has(id)).map(([id, t]) => seenAt.get(id)! - t);
  out.push(`append → notifier sees record: ${stats(lag)}`);
  const handle = [...seenAt].filter(([id]) => doneAt.has(id)).map(([id, t]) => doneAt.get(id)! - t);
  out.push(`notifier sees → batch done: ${stats(handle)}`);
  const firstRecv = new Map<string, number>();
  const lastRecv = new Map<string, number>();
  for (const [msg, at] of received) {
    const t = transcriptOf.get(msg)!;
    firstRecv.set(t, Math.min(firstRecv.get(t) ?? Infinity, at));
    lastRecv.set(t, Math.max(lastRecv.get(t) ?? 0, at));
  }
  out.push(`notifier sees → first receipt: ${stats([...seenAt].filter(([id]) => firstRecv.has(id)).map(([id, t]) => firstRecv.get(id)! - t))}`);
  out.push(`notifier sees → last receipt: ${stats([...seenAt].filter(([id]) => lastRecv.has(id)).map(([id, t]) => lastRecv.get(id)! - t))}`);
  console.error(out.join('\n'));
};
