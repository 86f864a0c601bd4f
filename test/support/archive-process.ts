/**
 * The local archive as a child process, started through the real `npm start` entry
 * (scripts/start.mjs, which is what `npm start` runs), in its own process group so a test can
 * always kill it and everything it started (DynamoDB Local's Java included), even on failure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');

/** A running archive process. */
export interface ArchiveProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly apiUrl: string;
  /** Everything printed on stdout so far. */
  output(): string;
  /** Resolves when GET /health answers 200 (rejects if the process exits first). */
  waitHealthy(timeoutMs?: number): Promise<number>;
  /** Resolves when stdout holds `count` lines matching. */
  waitForLines(pattern: RegExp, count?: number, timeoutMs?: number): Promise<string[]>;
  /** Sends a signal to the archive process alone and waits for it to exit; resolves to its exit code / signal. */
  stop(signal: NodeJS.Signals, timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILLs the whole process group (cleanup: always safe to call). */
  killAll(): void;
  /** Whether any process of the group is still alive. */
  groupAlive(): boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts `node scripts/start.mjs` with the given environment (PORT and DEMARCHE_DATA_DIR at least). */
export const startArchiveProcess = (env: NodeJS.ProcessEnv & { PORT: string; DEMARCHE_DATA_DIR: string }): ArchiveProcess => {
  const child = spawn(process.execPath, [path.join(REPO, 'scripts', 'start.mjs')], {
    cwd: REPO,
    env: { ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid!;
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => void (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => void (stderr += c.toString()));
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve((exited = { code, signal }))),
  );
  const apiUrl = `http://127.0.0.1:${env.PORT}`;

  const groupAlive = (): boolean => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  return {
    child,
    pid,
    apiUrl,
    output: () => stdout,
    waitHealthy: async (timeoutMs = 120_000) => {
      const started = Date.now();
      while (Date.now() - started < timeoutMs) {
        if (exited) throw new Error(`the archive exited (${JSON.stringify(exited)}) before it was healthy:\n${stdout}\n${stderr}`);
        try {
          const response = await fetch(`${apiUrl}/health`);
          if (response.status === 200) return Date.now() - started;
        } catch {
          // not listening yet
        }
        await sleep(50);
      }
      throw new Error(`the archive was not healthy within ${timeoutMs} ms:\n${stdout}\n${stderr}`);
    },
    waitForLines: async (pattern, count = 1, timeoutMs = 120_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const lines = stdout.split('\n').filter((l) => pattern.test(l));
        if (lines.length >= count) return lines;
        if (Date.now() > deadline) throw new Error(`${count} line(s) matching ${pattern} not printed within ${timeoutMs} ms:\n${stdout}\n${stderr}`);
        await sleep(50);
      }
    },
    stop: async (signal, timeoutMs = 30_000) => {
      if (exited) return exited;
      child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
      const result = await Promise.race([exit, timeout]);
      clearTimeout(timer);
      if (!result) throw new Error(`the archive did not exit within ${timeoutMs} ms of ${signal}:\n${stdout}\n${stderr}`);
      return result;
    },
    killAll: () => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
    groupAlive,
  };
};

/** Waits until no process of the group is alive (the watchdog ends Java within a second or two). */
export const waitGroupGone = async (archive: ArchiveProcess, timeoutMs = 15_000): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (archive.groupAlive()) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
};
