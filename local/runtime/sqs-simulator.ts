/**
 * A durable, single-process stand-in for an SQS queue with a Lambda event source mapping in front
 * of it: messages are received in batches, handed to a handler as an `SQSEvent`, deleted when the
 * handler succeeds, made visible again after the visibility timeout when it fails (whole batch or
 * the `batchItemFailures` it reports), and moved to a dead-letter store once they have been
 * received `maxReceiveCount` times, as SQS's redrive policy does.
 *
 * State lives in an append-only journal (JSON lines) under the data directory; `send` is fsync'd
 * before it returns, so a message accepted here survives `kill -9` and is delivered after a
 * restart (at least once: a message handled but not yet deleted when the process died comes back).
 */
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type Clock, systemClock } from '../../lambdas/core/clock';

/** The longest a failed message waits before it is received again. */
const MAX_BACKOFF_MS = 5 * 60_000;

/** What the simulated event source mapping invokes. */
export type SqsHandler = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

/** A message that exhausted its receives, as kept in the dead-letter store. */
export interface DeadLetter {
  readonly messageId: string;
  readonly body: string;
  readonly receiveCount: number;
  readonly sentAt: number;
  readonly deadAt: number;
  readonly lastError?: string;
}

/** Options of a simulated queue. */
export interface SqsSimulatorOptions {
  /** Journal file (created with its directory if missing). */
  readonly journalFile: string;
  /** Dead-letter store (JSON lines). */
  readonly deadLetterFile: string;
  /** Ids of dead letters already sent back to the queue (JSON lines; default: beside the dead-letter store). */
  readonly redrivenFile?: string;
  readonly queueName: string;
  readonly region: string;
  readonly batchSize: number;
  readonly maxReceiveCount: number;
  readonly visibilityTimeoutMs: number;
  /** Batches handled at the same time (Lambda scales SQS pollers out; a laptop needs only a few). */
  readonly concurrency?: number;
  /** How long to gather messages into a batch after the first one arrives. */
  readonly batchWindowMs?: number;
  readonly clock?: Clock;
  readonly onDeadLetter?: (letter: DeadLetter) => void;
  readonly onError?: (error: unknown) => void;
}

/** A running simulated queue. */
export interface SqsSimulator {
  /** Enqueues a message durably; `dedupeKey` is remembered for `isKnown` (e.g. bucket/key#etag). */
  send(body: string, dedupeKey?: string): string;
  /** Whether a message with this dedupe key was ever sent (survives restarts and compaction). */
  isKnown(dedupeKey: string): boolean;
  /**
   * Sends every dead letter not redriven before back to the queue as a new message (SQS's DLQ
   * redrive): at least once — each is sent durably, then recorded as redriven. Returns how many.
   */
  redriveDeadLetters(): number;
  /** Starts delivering to the handler. */
  start(handler: SqsHandler): void;
  /** Messages not yet deleted or dead-lettered. */
  pendingCount(): number;
  /** Resolves when every message sent so far is deleted or dead-lettered. */
  drain(timeoutMs?: number): Promise<void>;
  /** Stops receiving and waits for batches in flight; the journal is closed. */
  stop(): Promise<void>;
}

interface Message {
  readonly id: string;
  readonly body: string;
  readonly sentAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  visibleAt: number;
  inFlight: boolean;
  lastError?: string;
}

type JournalEntry =
  | { op: 'send'; id: string; body: string; sentAt: number; key?: string }
  | { op: 'recv'; id: string; count: number; at: number }
  | { op: 'delete'; id: string }
  | { op: 'dead'; id: string }
  | { op: 'known'; key: string };

/** The queue ARN the records carry (account 000000000000, as local emulators use). */
export const localQueueArn = (region: string, queueName: string): string => `arn:aws:sqs:${region}:000000000000:${queueName}`;

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

/** Builds one SQS record the way Lambda's SQS event source delivers it. */
export const toSqsRecord = (
  message: { id: string; body: string; sentAt: number; receiveCount: number; firstReceivedAt: number },
  queueArn: string,
  region: string,
): SQSRecord => ({
  messageId: message.id,
  receiptHandle: Buffer.from(`${message.id}#${message.receiveCount}`).toString('base64'),
  body: message.body,
  attributes: {
    ApproximateReceiveCount: String(message.receiveCount),
    SentTimestamp: String(message.sentAt),
    SenderId: 'AROA000000000000LOCAL:s3',
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
  },
  messageAttributes: {},
  md5OfBody: md5(message.body),
  eventSource: 'aws:sqs',
  eventSourceARN: queueArn,
  awsRegion: region,
});

const readJournal = (file: string): JournalEntry[] => {
  if (!existsSync(file)) return [];
  const entries: JournalEntry[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // A torn last line from a killed process: everything before it is intact.
    }
  }
  return entries;
};

/** Opens (or creates) a simulated queue from its journal, compacting it. */
export const openSqsSimulator = (options: SqsSimulatorOptions): SqsSimulator => {
  const clock = options.clock ?? systemClock;
  const concurrency = options.concurrency ?? 2;
  const batchWindowMs = options.batchWindowMs ?? 5;
  const queueArn = localQueueArn(options.region, options.queueName);
  mkdirSync(path.dirname(options.journalFile), { recursive: true });
  mkdirSync(path.dirname(options.deadLetterFile), { recursive: true });

  // Replay the journal.
  const messages = new Map<string, Message>();
  const known = new Set<string>();
  for (const entry of readJournal(options.journalFile)) {
    switch (entry.op) {
      case 'send':
        if (entry.key) known.add(entry.key);
        messages.set(entry.id, { id: entry.id, body: entry.body, sentAt: entry.sentAt, receiveCount: 0, visibleAt: 0, inFlight: false });
        break;
      case 'recv': {
        const m = messages.get(entry.id);
        if (m) {
          m.receiveCount = entry.count;
          m.firstReceivedAt ??= entry.at;
        }
        break;
      }
      case 'delete':
      case 'dead':
        messages.delete(entry.id);
        break;
      case 'known':
        known.add(entry.key);
        break;
    }
  }

  // Compact: the known keys and the live messages, written aside and renamed over the journal.
  const tmp = `${options.journalFile}.tmp`;
  const tmpFd = openSync(tmp, 'w');
  const lines: string[] = [...known].map((key) => JSON.stringify({ op: 'known', key }));
  for (const m of messages.values()) {
    lines.push(JSON.stringify({ op: 'send', id: m.id, body: m.body, sentAt: m.sentAt }));
    if (m.receiveCount > 0) lines.push(JSON.stringify({ op: 'recv', id: m.id, count: m.receiveCount, at: m.firstReceivedAt ?? m.sentAt }));
  }
  writeSync(tmpFd, lines.length ? `${lines.join('\n')}\n` : '');
  fsyncSync(tmpFd);
  closeSync(tmpFd);
  renameSync(tmp, options.journalFile);
  let fd: number | undefined = openSync(options.journalFile, 'a');

  const append = (entry: JournalEntry, sync: boolean): void => {
    if (fd === undefined) throw new Error(`queue ${options.queueName} is stopped`);
    writeSync(fd, `${JSON.stringify(entry)}\n`);
    // Only sends need to reach the disk before we answer; a lost delete means a harmless redelivery.
    if (sync) fsyncSync(fd);
  };

  let handler: SqsHandler | undefined;
  let running = false;
  let inFlightBatches = 0;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Infinity;
  const idleWaiters: Array<() => void> = [];

  const settleWaiters = () => {
    if (messages.size > 0) return;
    for (const resolve of idleWaiters.splice(0)) resolve();
  };

  const deadLetter = (m: Message) => {
    const letter: DeadLetter = {
      messageId: m.id,
      body: m.body,
      receiveCount: m.receiveCount,
      sentAt: m.sentAt,
      deadAt: clock.now(),
      ...(m.lastError ? { lastError: m.lastError } : {}),
    };
    const dl = openSync(options.deadLetterFile, 'a');
    writeSync(dl, `${JSON.stringify(letter)}\n`);
    fsyncSync(dl);
    closeSync(dl);
    append({ op: 'dead', id: m.id }, false);
    messages.delete(m.id);
    options.onDeadLetter?.(letter);
  };

  const schedule = (delayMs: number) => {
    if (!running) return;
    const at = clock.now() + Math.max(0, delayMs);
    if (timer && timerAt <= at) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Infinity;
      pump();
    }, Math.max(0, delayMs));
  };

  /** Journals a new message (durably, before answering) and schedules its delivery. */
  const enqueue = (body: string, dedupeKey?: string): string => {
    const id = randomUUID();
    const sentAt = clock.now();
    append({ op: 'send', id, body, sentAt, ...(dedupeKey ? { key: dedupeKey } : {}) }, true);
    if (dedupeKey) known.add(dedupeKey);
    messages.set(id, { id, body, sentAt, receiveCount: 0, visibleAt: 0, inFlight: false });
    schedule(batchWindowMs);
    return id;
  };

  const receive = (): Message[] => {
    const now = clock.now();
    const batch: Message[] = [];
    for (const m of messages.values()) {
      if (batch.length >= options.batchSize) break;
      if (m.inFlight || m.visibleAt > now) continue;
      // SQS moves a message to the dead-letter queue when a receive would exceed maxReceiveCount.
      if (m.receiveCount >= options.maxReceiveCount) {
        deadLetter(m);
        continue;
      }
      m.receiveCount += 1;
      m.firstReceivedAt ??= now;
      m.inFlight = true;
      append({ op: 'recv', id: m.id, count: m.receiveCount, at: m.firstReceivedAt }, false);
      batch.push(m);
    }
    return batch;
  };

  const invoke = async (batch: Message[]) => {
    inFlightBatches += 1;
    const event: SQSEvent = {
      Records: batch.map((m) =>
        toSqsRecord({ ...m, firstReceivedAt: m.firstReceivedAt ?? clock.now() }, queueArn, options.region),
      ),
    };
    let failed: Set<string>;
    let error: string | undefined;
    try {
      const response = await handler!(event);
      const ids = (response?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
      // Like Lambda: an unknown or empty identifier fails the whole batch.
      failed = ids.some((id) => !id || !batch.some((m) => m.id === id)) ? new Set(batch.map((m) => m.id)) : new Set(ids);
      if (failed.size) error = 'reported as a batch item failure';
    } catch (e) {
      options.onError?.(e);
      failed = new Set(batch.map((m) => m.id));
      error = e instanceof Error ? e.message : String(e);
    }
    const now = clock.now();
    for (const m of batch) {
      m.inFlight = false;
      if (!messages.has(m.id)) continue;
      if (failed.has(m.id)) {
        // Back off exponentially (as a handler that raises the visibility timeout per failure
        // would), so an outage of minutes, not seconds, exhausts maxReceiveCount.
        const delay = Math.min(MAX_BACKOFF_MS, options.visibilityTimeoutMs * 2 ** Math.max(0, m.receiveCount - 1));
        m.visibleAt = now + delay;
        m.lastError = error;
        schedule(delay);
      } else {
        append({ op: 'delete', id: m.id }, false);
        messages.delete(m.id);
      }
    }
    inFlightBatches -= 1;
    settleWaiters();
    pump();
  };

  const pump = () => {
    if (!running || !handler) return;
    while (inFlightBatches < concurrency) {
      const batch = receive();
      if (batch.length === 0) break;
      void invoke(batch);
    }
    settleWaiters();
    // Wake up for the next message whose visibility timeout ends.
    let next = Infinity;
    for (const m of messages.values()) if (!m.inFlight && m.visibleAt < next) next = m.visibleAt;
    if (next !== Infinity && inFlightBatches < concurrency) schedule(next - clock.now());
  };

  return {
    send: (body, dedupeKey) => enqueue(body, dedupeKey),
    isKnown: (dedupeKey) => known.has(dedupeKey),
    redriveDeadLetters: () => {
      const redrivenFile = options.redrivenFile ?? redrivenFileFor(options.deadLetterFile);
      const letters = pendingDeadLetters(options.deadLetterFile, redrivenFile);
      if (letters.length === 0) return 0;
      mkdirSync(path.dirname(redrivenFile), { recursive: true });
      for (const letter of letters) {
        const id = enqueue(letter.body);
        const rf = openSync(redrivenFile, 'a');
        writeSync(rf, `${JSON.stringify({ messageId: letter.messageId, redrivenAt: clock.now(), as: id })}\n`);
        fsyncSync(rf);
        closeSync(rf);
      }
      return letters.length;
    },
    start: (h) => {
      handler = h;
      running = true;
      pump();
    },
    pendingCount: () => messages.size,
    drain: (timeoutMs = 60_000) =>
      new Promise<void>((resolve, reject) => {
        if (messages.size === 0) return resolve();
        const t = setTimeout(() => reject(new Error(`queue ${options.queueName} not drained within ${timeoutMs} ms`)), timeoutMs);
        idleWaiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      }),
    stop: async () => {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      while (inFlightBatches > 0) await new Promise((r) => setTimeout(r, 20));
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
};

/** Reads the dead-letter store. */
export const readDeadLetters = (file: string): DeadLetter[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as DeadLetter];
          } catch {
            return [];
          }
        })
    : [];

/** Where the ids of redriven dead letters are kept, by default: `<dead letters>-redriven.jsonl`. */
export const redrivenFileFor = (deadLetterFile: string): string => deadLetterFile.replace(/(\.jsonl)?$/, '-redriven.jsonl');

/** The dead letters not yet sent back to the queue. */
export const pendingDeadLetters = (deadLetterFile: string, redrivenFile: string = redrivenFileFor(deadLetterFile)): DeadLetter[] => {
  const done = new Set(
    existsSync(redrivenFile)
      ? readFileSync(redrivenFile, 'utf8')
          .split('\n')
          .flatMap((line) => {
            try {
              const id = (JSON.parse(line) as { messageId?: unknown }).messageId;
              return typeof id === 'string' ? [id] : [];
            } catch {
              return [];
            }
          })
      : [],
  );
  return readDeadLetters(deadLetterFile).filter((letter) => !done.has(letter.messageId));
};
