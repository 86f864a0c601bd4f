/**
 * `demarche parse` on several cores: this thread and a few worker threads (running the same
 * bundle) claim files from a shared counter; results come back over message ports and are
 * written strictly in file order, so the output is identical to a sequential run.
 */
import os from 'node:os';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker, workerData } from 'node:worker_threads';

/** Marks a worker started by `renderInParallel` (the bundle's entry checks it). */
export const PARSE_WORKER_ROLE = 'demarche-parse-worker';
/** Below this many files a single thread is faster than starting workers. */
const MIN_FILES_FOR_WORKERS = 24;
const MAX_WORKERS = 3;
/** If no worker reports for this long, this thread parses what is left itself. */
const STALL_MS = 30_000;

/** One file's rendered output (a JSON line or a summary), or a warning when it could not be read. */
export interface Rendered {
  readonly text?: string;
  /**
   * Whether a line break follows `text`: kept apart so that a JSON line is encoded straight from
   * the string JSON.stringify made, without first copying it into a new string with the break.
   */
  readonly newline?: boolean;
  readonly warning?: string;
}

interface Job {
  readonly role: string;
  readonly files: readonly string[];
  readonly json: boolean;
  /** [0]: next file index to claim; [1]: results posted (workers notify on it). */
  readonly shared: Int32Array;
  readonly port: MessagePort;
}

interface Result extends Rendered {
  readonly index: number;
}

/** How many worker threads to start for `files` files (0: parse on this thread only). */
export const workerCount = (files: number, env: NodeJS.ProcessEnv = process.env): number => {
  // DEMARCHE_PARSE_WORKERS overrides the choice (0 disables workers).
  const forced = env.DEMARCHE_PARSE_WORKERS?.trim();
  if (forced && /^\d+$/u.test(forced)) return Math.min(Number(forced), 16, files);
  if (files < MIN_FILES_FOR_WORKERS) return 0;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  // Extra threads only pay off on idle cores: on a busy machine they just contend (and each one
  // warms up its own copy of the parser), so count the cores the load average leaves free.
  const idle = Math.floor(cores - os.loadavg()[0]!);
  return Math.max(0, Math.min(MAX_WORKERS, cores - 1, idle - 1));
};

/** Whether this thread is a parse worker. */
export const isParseWorker = (): boolean => (workerData as Partial<Job> | null)?.role === PARSE_WORKER_ROLE;

/** The worker's loop: claims files until none are left, posting each rendered result. */
export const runParseWorker = (render: (file: string, json: boolean) => Rendered): void => {
  const job = workerData as Job;
  for (;;) {
    const index = Atomics.add(job.shared, 0, 1);
    if (index >= job.files.length) break;
    let rendered: Rendered;
    try {
      rendered = render(job.files[index]!, job.json);
    } catch (error) {
      rendered = { warning: `demarche parse: ${job.files[index]}: ${(error as Error).message}` };
    }
    job.port.postMessage({ index, ...rendered } satisfies Result);
    Atomics.add(job.shared, 1, 1);
    Atomics.notify(job.shared, 1);
  }
  job.port.close();
};

/**
 * Renders `files` on this thread and `count` workers started from `script`, pushing outputs in
 * file order as soon as each prefix is complete.
 */
export const renderInParallel = (
  script: string,
  files: readonly string[],
  json: boolean,
  count: number,
  render: (file: string, json: boolean) => Rendered,
  push: (rendered: Rendered) => void,
  warn: (message: string) => void,
): void => {
  const shared = new Int32Array(new SharedArrayBuffer(8));
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  for (let w = 0; w < count; w++) {
    const { port1, port2 } = new MessageChannel();
    const job: Job = { role: PARSE_WORKER_ROLE, files, json, shared, port: port2 };
    workers.push(new Worker(script, { workerData: job, transferList: [port2] }));
    ports.push(port1);
  }
  // undefined: not rendered yet; null: written (or nothing to write).
  const results = new Array<Rendered | null | undefined>(files.length);
  let next = 0;
  const store = (index: number, rendered: Rendered): void => {
    if (rendered.warning) warn(rendered.warning);
    results[index] = rendered.text === undefined ? null : rendered;
  };
  const drain = (): void => {
    for (const port of ports) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const result = m.message as Result;
        store(result.index, result);
      }
    }
    while (next < files.length && results[next] !== undefined) {
      const rendered = results[next];
      if (rendered) push(rendered);
      results[next] = null;
      next++;
    }
  };

  for (;;) {
    const index = Atomics.add(shared, 0, 1);
    if (index >= files.length) break;
    store(index, render(files[index]!, json));
    drain();
  }
  let seen = Atomics.load(shared, 1);
  let lastProgress = Date.now();
  while (next < files.length) {
    drain();
    if (next >= files.length) break;
    Atomics.wait(shared, 1, seen, 100);
    const now = Atomics.load(shared, 1);
    if (now !== seen) {
      seen = now;
      lastProgress = Date.now();
    } else if (Date.now() - lastProgress > STALL_MS) {
      // A worker died holding a claim: render whatever is still missing here.
      for (let i = next; i < files.length; i++) if (results[i] === undefined) store(i, render(files[i]!, json));
    }
  }
  for (const worker of workers) void worker.terminate();
};
