/**
 * Fault injection for the reliability tests and the load bench: AWS SDK middleware that fails the
 * next N calls with the service's own throttling / 5xx errors, a TCP proxy that can go "down" in
 * front of a local service, misbehaving webhook receivers, and the real `npm start` archive as a
 * child process that can be SIGKILLed. Only loopback traffic.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
import { ProvisionedThroughputExceededException, ThrottlingException } from '@aws-sdk/client-dynamodb';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { isAlive as alive } from '../../local/runtime/data-dir';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// --- AWS SDK faults ---------------------------------------------------------------------------------

/** A kind of AWS error to inject, built as the SDK's deserializer would build it. */
export type AwsFault = 'throttling' | 'provisioned-throughput' | 's3-slow-down' | 's3-internal-error';

const metadata = (status: number) => ({ httpStatusCode: status, requestId: 'injected', attempts: 1, totalRetryDelay: 0 });

/** The error the SDK would raise for a fault. */
export const awsFaultError = (fault: AwsFault): Error => {
  switch (fault) {
    case 'throttling':
      return new ThrottlingException({ message: 'Rate of requests exceeds the allowed throughput (injected)', $metadata: metadata(400) });
    case 'provisioned-throughput':
      return new ProvisionedThroughputExceededException({
        message: 'The level of configured provisioned throughput for the table was exceeded (injected)',
        $metadata: metadata(400),
      });
    case 's3-slow-down':
      return new S3ServiceException({ name: 'SlowDown', $fault: 'server', message: 'Please reduce your request rate (injected)', $metadata: metadata(503) });
    case 's3-internal-error':
      return new S3ServiceException({ name: 'InternalError', $fault: 'server', message: 'We encountered an internal error (injected)', $metadata: metadata(500) });
  }
};

/** A client with a middleware stack (every AWS SDK v3 client). */
interface WithMiddleware {
  middlewareStack: {
    addRelativeTo(middleware: unknown, options: { relation: 'before' | 'after'; toMiddleware: string; name: string; override?: boolean }): void;
    remove(name: string): boolean;
  };
}

/** The handle of an injector: how many calls it failed, and a way to arm it again or remove it. */
export interface FaultInjector {
  /** Calls failed so far. */
  readonly injected: number;
  /** Calls seen so far (failed or passed). */
  readonly seen: number;
  /** Fails the next `count` matching calls (on top of what is still armed). */
  arm(count: number): void;
  remove(): void;
}

let injectorSeq = 0;

/**
 * Makes the client's next `count` calls whose command name matches fail with `fault`. The
 * middleware sits inside the SDK's retry loop (after deserialization), so each retry is a new call
 * and the SDK's own backoff and attempt budget are exercised for real.
 */
export const injectAwsFaults = (
  client: WithMiddleware,
  options: { fault: AwsFault | readonly AwsFault[]; count: number; commands?: RegExp; everyNth?: number },
): FaultInjector => {
  const faults = Array.isArray(options.fault) ? options.fault : [options.fault as AwsFault];
  const name = `demarcheFaults${++injectorSeq}`;
  let armed = options.count;
  let injected = 0;
  let seen = 0;
  const middleware =
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
    async (args: unknown): Promise<unknown> => {
      if (options.commands && !options.commands.test(context.commandName ?? '')) return next(args);
      seen++;
      if (armed > 0 && (!options.everyNth || seen % options.everyNth === 0)) {
        armed--;
        injected++;
        throw awsFaultError(faults[injected % faults.length]!);
      }
      return next(args);
    };
  client.middlewareStack.addRelativeTo(middleware, { relation: 'after', toMiddleware: 'deserializerMiddleware', name, override: true });
  return {
    get injected() {
      return injected;
    },
    get seen() {
      return seen;
    },
    arm: (count) => void (armed += count),
    remove: () => void client.middlewareStack.remove(name),
  };
};

// --- S3 faults over HTTP ---------------------------------------------------------------------------

/** An HTTP proxy in front of S3 (s3rver) that can fail object GETs with S3's own error responses. */
export interface S3FaultProxy {
  readonly endpoint: string;
  /** GETs failed so far. */
  readonly injected: number;
  /** Fails the next `count` object GETs (each retry is a new GET) with `fault`, in turn if several. */
  arm(count: number, fault: Extract<AwsFault, `s3-${string}`> | readonly Extract<AwsFault, `s3-${string}`>[]): void;
  /** Lets every request through again. */
  disarm(): void;
  stop(): Promise<void>;
}

const S3_FAULT_RESPONSES = {
  's3-slow-down': { status: 503, code: 'SlowDown', message: 'Please reduce your request rate (injected)' },
  's3-internal-error': { status: 500, code: 'InternalError', message: 'We encountered an internal error (injected)' },
} as const;

/**
 * Starts an HTTP proxy to the S3 endpoint `target` (path-style addressing). Ingest reads objects
 * with a signed GET of its own (lambdas/adapters/s3-object-reader.ts), not the SDK, so its faults
 * are injected on the wire: the reader's own retries and the queue's redelivery are exercised for
 * real. A request the target cannot take resets the client's connection.
 */
export const startS3FaultProxy = async (target: string): Promise<S3FaultProxy> => {
  const upstream = new URL(target);
  let armed = 0;
  let injected = 0;
  let faults: readonly (keyof typeof S3_FAULT_RESPONSES)[] = [];
  const server = http.createServer((req, res) => {
    // An object GET: /bucket/key (not a bucket listing or a bucket-level request).
    if (armed > 0 && req.method === 'GET' && /^\/[^/?]+\/[^?]+/.test(req.url ?? '')) {
      armed--;
      injected++;
      const fault = S3_FAULT_RESPONSES[faults[injected % faults.length]!];
      req.resume();
      res.writeHead(fault.status, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${fault.code}</Code><Message>${fault.message}</Message><RequestId>injected</RequestId></Error>`);
      return;
    }
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get injected() {
      return injected;
    },
    arm: (count, fault) => {
      armed += count;
      faults = Array.isArray(fault) ? fault : [fault as keyof typeof S3_FAULT_RESPONSES];
    },
    disarm: () => void (armed = 0),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

// --- a TCP proxy that can be down --------------------------------------------------------------

/** A loopback TCP proxy in front of a service. */
export interface TcpProxy {
  readonly port: number;
  readonly endpoint: string;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Refuses new connections and resets open ones (the service looks dead). */
  down(): Promise<void>;
  /** Accepts connections again, on the same port. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a proxy on a free loopback port forwarding to 127.0.0.1:`targetPort`. */
export const startTcpProxy = async (targetPort: number, options: { port?: number } = {}): Promise<TcpProxy> => {
  const open = new Set<Socket>();
  let connections = 0;
  const server = net.createServer((client) => {
    connections++;
    const upstream = net.connect(targetPort, '127.0.0.1');
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const listen = async (port: number) => {
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
  };
  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  let listening = true;
  const down = async () => {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of open) socket.resetAndDestroy();
    open.clear();
    await closed;
  };
  return {
    port,
    endpoint: `http://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    down,
    up: async () => {
      if (listening) return;
      // The port may linger for a moment after close; retry briefly.
      for (let i = 0; ; i++) {
        try {
          await listen(port);
          break;
        } catch (error) {
          if (i > 50) throw error;
          await sleep(50);
        }
      }
      listening = true;
    },
    stop: down,
  };
};

// --- webhook receivers -----------------------------------------------------------------------------

/** How a receiver path answers. */
export type ReceiverMode =
  | { readonly kind: 'ok' }
  /** Answers after `delayMs` (set it past the sender's timeout). */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** Writes bytes that are not HTTP, then closes. */
  | { readonly kind: 'garbage' }
  /** A 3xx to `location`. */
  | { readonly kind: 'redirect'; readonly status: number; readonly location: string }
  /** A status code with a JSON-ish body. */
  | { readonly kind: 'status'; readonly status: number };

/** One webhook request a receiver got. */
export interface ReceivedWebhook {
  readonly path: string;
  readonly webhookId: string;
  readonly body: string;
  readonly at: number;
  /** What the receiver answered (undefined for garbage/slow answers cut short). */
  readonly status?: number;
}

/** A loopback webhook receiver whose behaviour per path prefix can change at any time. */
export interface WebhookReceiver {
  readonly port: number;
  url(name: string): string;
  /** Sets how `/hook/<name>` answers (default ok). */
  mode(name: string, mode: ReceiverMode): void;
  /** Every request, in arrival order. */
  readonly received: readonly ReceivedWebhook[];
  /** Requests to one name. */
  requests(name: string): ReceivedWebhook[];
  /** Connection refused until up() (the receiver's host is down). */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1 (a free port unless `port`). */
export const startWebhookReceiver = async (options: { port?: number; onRequest?: (r: ReceivedWebhook) => void } = {}): Promise<WebhookReceiver> => {
  const modes = new Map<string, ReceiverMode>();
  const received: ReceivedWebhook[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const record = (r: ReceivedWebhook) => {
    received.push(r);
    options.onRequest?.(r);
  };
  const server = http.createServer((req, res) => {
    const reqPath = req.url ?? '/';
    const name = reqPath.split('/')[2] ?? '';
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const base = { path: reqPath, webhookId: String(req.headers['webhook-id'] ?? ''), body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      const mode = modes.get(name) ?? { kind: 'ok' };
      switch (mode.kind) {
        case 'ok':
          record({ ...base, status: 204 });
          res.writeHead(204).end();
          return;
        case 'status':
          record({ ...base, status: mode.status });
          res.writeHead(mode.status, { 'content-type': 'application/json' }).end('{"error":"scripted"}');
          return;
        case 'redirect':
          record({ ...base, status: mode.status });
          res.writeHead(mode.status, { location: mode.location }).end();
          return;
        case 'slow': {
          record(base);
          const t = setTimeout(() => {
            timers.delete(t);
            if (!res.destroyed) res.writeHead(200).end();
          }, mode.delayMs);
          timers.add(t);
          res.on('close', () => clearTimeout(t));
          return;
        }
        case 'garbage':
          record(base);
          req.socket.end('\x00\x17garbage \u00ff not http at all\r\n\r\n');
          return;
      }
    });
  });
  let port = options.port ?? 0;
  const listen = async () => {
    for (let i = 0; ; i++) {
      try {
        server.listen(port, '127.0.0.1');
        await once(server, 'listening');
        break;
      } catch (error) {
        if (i > 50) throw error;
        await sleep(50);
      }
    }
    port = (server.address() as AddressInfo).port;
  };
  await listen();
  let listening = true;
  const down = async () => {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  };
  return {
    get port() {
      return port;
    },
    url: (name) => `http://127.0.0.1:${port}/hook/${name}`,
    mode: (name, mode) => void modes.set(name, mode),
    received,
    requests: (name) => received.filter((r) => r.path.split('/')[2] === name),
    down,
    up: async () => {
      if (listening) return;
      await listen();
      listening = true;
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      await down();
    },
  };
};

// --- the archive as a child process --------------------------------------------------------------

/** The repository root. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** What a running archive publishes in its data directory (runtime.json). */
export interface ArchiveChildInfo {
  readonly pid: number;
  readonly apiUrl: string;
  readonly dynamoEndpoint: string;
  readonly s3Endpoint: string;
  readonly bucket: string;
  readonly tables: Record<'events' | 'views' | 'webhooks', string>;
}

/** The real `npm start` (node scripts/start.mjs) running as a child process. */
export interface ArchiveChild {
  readonly child: ChildProcess;
  readonly info: ArchiveChildInfo;
  readonly apiKey: string;
  /** Everything it printed so far. */
  output(): string;
  /** Kills it with SIGKILL (no cleanup runs) and waits until it is gone, Java included. */
  kill(): Promise<void>;
  /** Stops it with SIGINT (clean shutdown) and waits. */
  stop(): Promise<void>;
}

const javaPidsFor = (dynamoEndpoint: string): number[] => {
  const port = new URL(dynamoEndpoint).port;
  const pids: number[] = [];
  for (const entry of require('node:fs').readdirSync('/proc') as string[]) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmd[0]?.endsWith('java') && cmd.includes('-port') && cmd[cmd.indexOf('-port') + 1] === port) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
};

/**
 * Starts `node scripts/start.mjs` on `dataDir` with the given environment and waits until it
 * serves its API (runtime.json written), at most `timeoutMs`.
 */
export const startArchiveChild = async (options: {
  dataDir: string;
  apiKey: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Called with every line it prints (stdout and stderr). */
  onLine?: (line: string, at: number) => void;
}): Promise<ArchiveChild> => {
  const runtimeFile = path.join(options.dataDir, 'runtime.json');
  let out = '';
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'start.mjs')], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // Jest's own endpoints and table names must not leak into the child.
      AWS_ENDPOINT_URL_DYNAMODB: '',
      AWS_ENDPOINT_URL_S3: '',
      PORT: '0',
      DEMARCHE_DATA_DIR: options.dataDir,
      DEMARCHE_API_KEY: options.apiKey,
      DEMARCHE_DEMO: '0',
      ...options.env,
    },
  });
  const partial = { stdout: '', stderr: '' };
  const take = (stream: 'stdout' | 'stderr') => (c: Buffer) => {
    const text = c.toString();
    out = (out + text).slice(-200_000);
    if (!options.onLine) return;
    const at = Date.now();
    const lines = (partial[stream] + text).split('\n');
    partial[stream] = lines.pop() ?? '';
    for (const line of lines) options.onLine(line, at);
  };
  child.stdout?.on('data', take('stdout'));
  child.stderr?.on('data', take('stderr'));
  let exited = false;
  child.on('exit', () => void (exited = true));
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  let info: ArchiveChildInfo | undefined;
  while (!info) {
    if (exited) throw new Error(`the archive exited during start-up:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the archive did not start within ${options.timeoutMs ?? 90_000} ms:\n${out}`);
    }
    if (existsSync(runtimeFile) && out.includes('demarche is running')) {
      try {
        const parsed = JSON.parse(readFileSync(runtimeFile, 'utf8')) as ArchiveChildInfo;
        if (parsed.pid === child.pid) info = parsed;
      } catch {
        // Being written.
      }
    }
    if (!info) await sleep(100);
  }
  const ready = info;
  const waitGone = async () => {
    const until = Date.now() + 20_000;
    while ((!exited || javaPidsFor(ready.dynamoEndpoint).length > 0) && Date.now() < until) await sleep(50);
    // The watchdog kills Java within ~0.2 s of its parent's death; never leave one behind.
    for (const pid of javaPidsFor(ready.dynamoEndpoint)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  };
  return {
    child,
    info: ready,
    apiKey: options.apiKey,
    output: () => out,
    kill: async () => {
      if (!exited) child.kill('SIGKILL');
      await waitGone();
    },
    stop: async () => {
      if (!exited) child.kill('SIGINT');
      await waitGone();
    },
  };
};

/** Resident memory (bytes) of a process, from /proc; 0 when it is gone. */
export const rssOf = (pid: number): number => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
};

/** The Java process serving a DynamoDB Local endpoint (by its -port argument), if any. */
export const javaPidFor = (dynamoEndpoint: string): number | undefined => javaPidsFor(dynamoEndpoint)[0];
