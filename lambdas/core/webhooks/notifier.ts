/**
 * Fan-out: turns stored events into one delivery per (message, subscription that wants it) and
 * makes each new delivery's first attempt at once (the 0 s step of the schedule).
 *
 * Exactly-once creation: a delivery's key is its deterministic `webhook-id`, written with a
 * conditional put, so a stream record delivered twice, or the same transcript uploaded twice,
 * creates nothing new and sends nothing. A delivery is stored before its first attempt, and is
 * created due at the end of the notifier's lease: if the notifier dies mid-send, the sweeper
 * picks it up. Disabled subscriptions get `held` deliveries (kept, not sent) for a later replay.
 */
import type { Clock } from '../clock';
import type { StoredEvent } from '../events';
import type { AttemptOutcome, DeliveryEngine } from './delivery';
import { createLimiter } from './limiter';
import { deliveryIdFor, messagesFromEvents, type TranscriptReader, type WebhookMessage } from './messages';
import type { Delivery, WebhookStore } from './ports';
import { subscriptionWants, type Subscription } from './subscription';

/** What the notifier needs. */
export interface NotifierDeps {
  readonly store: WebhookStore;
  readonly engine: DeliveryEngine;
  readonly reader: TranscriptReader;
  readonly clock: Clock;
  /** Prefix of the payload links (default: relative API paths). */
  readonly linkBase?: string;
  /** Deliveries created and first-attempted at once. */
  readonly concurrency?: number;
  /** After this long into a call, new deliveries are left to the sweeper instead of being attempted. */
  readonly firstAttemptBudgetMs?: number;
  readonly onWarning?: (message: string, cause?: unknown) => void;
}

/** What one notify call did. */
export interface NotifyResult {
  readonly messages: number;
  /** Deliveries newly created. */
  readonly created: number;
  /** Deliveries that already existed (a redelivered record or a repeated upload). */
  readonly existing: number;
  /** First attempts made. */
  readonly attempted: number;
}

/** The notifier. */
export interface Notifier {
  /**
   * Fans out the webhook messages in these events (one or more commits). `subscriptions` lets a
   * caller share one read of the subscriptions across the records of a batch.
   */
  notify(events: readonly StoredEvent[], options?: { subscriptions?: () => Promise<readonly Subscription[]> }): Promise<NotifyResult>;
}

/** A new delivery of a message to a subscription. */
export const newDelivery = (m: WebhookMessage, sub: Subscription, nowMs: number, dueAt: string | undefined): Delivery => ({
  id: deliveryIdFor(sub.id, m),
  subscriptionId: sub.id,
  type: m.type,
  eventId: m.eventId,
  transcriptId: m.transcriptId,
  revision: m.revision,
  ...(m.topic !== undefined ? { topic: m.topic } : {}),
  body: JSON.stringify(m.payload),
  createdAt: new Date(nowMs).toISOString(),
  status: sub.status === 'enabled' ? 'pending' : 'held',
  attemptCount: 0,
  attempts: [],
  ...(sub.status === 'enabled' ? { dueAt, nextAttemptAt: new Date(nowMs).toISOString() } : {}),
  version: 1,
});

/** Deliveries per creation call. */
const CREATE_CHUNK = 25;

/** Builds the notifier. */
export const createNotifier = (deps: NotifierDeps): Notifier => {
  const { store, engine, reader, clock } = deps;
  const limiter = createLimiter(deps.concurrency ?? 64);
  const budgetMs = deps.firstAttemptBudgetMs ?? 30_000;
  const warn = deps.onWarning ?? (() => undefined);

  return {
    async notify(events, options = {}) {
      const messages = await messagesFromEvents(events, reader, { linkBase: deps.linkBase });
      if (messages.length === 0) return { messages: 0, created: 0, existing: 0, attempted: 0 };
      const subscriptions = await (options.subscriptions ?? (() => store.allSubscriptions()))();
      const startMs = clock.now();
      const pairs = messages.flatMap((m) => subscriptions.filter((s) => subscriptionWants(s, m)).map((s) => [m, s] as const));
      if (pairs.length === 0) return { messages: messages.length, created: 0, existing: 0, attempted: 0 };
      // The notifier's lease covers its whole budget, one send, and as long again for slow writes
      // under load: past it, the sweeper takes over (and a notifier that died is retried from there).
      const dueAt = engine.leaseUntil(startMs + 2 * budgetMs);
      const deliveries = pairs.map(([m, sub]) => newDelivery(m, sub, startMs, dueAt));
      // Batched calls of CREATE_CHUNK conditional puts, in parallel; each chunk's sends start as
      // soon as it is stored (smaller transactions come back sooner, and sends overlap writes).
      const chunks: number[][] = [];
      for (let i = 0; i < deliveries.length; i += CREATE_CHUNK) chunks.push(deliveries.slice(i, i + CREATE_CHUNK).map((_, k) => i + k));
      let created = 0;
      let attempted = 0;
      await Promise.all(
        chunks.map(async (chunk) => {
          const isNew = await store.createDeliveries(chunk.map((i) => deliveries[i]!));
          created += isNew.filter(Boolean).length;
          const outcomes = await Promise.all(
            chunk.map((i, k) =>
              isNew[k] && deliveries[i]!.status === 'pending'
                ? limiter.run(async () => {
                    if (clock.now() - startMs > budgetMs) return undefined; // left to the sweeper
                    try {
                      return await engine.perform(deliveries[i]!, pairs[i]![1]);
                    } catch (error) {
                      warn(`first attempt of ${deliveries[i]!.id} failed`, error);
                      return undefined;
                    }
                  })
                : undefined,
            ),
          );
          // Recorded per chunk, right after its sends: well inside the lease.
          const performed = outcomes.filter((o): o is AttemptOutcome => o !== undefined);
          attempted += performed.length;
          await engine.record(performed, { ownedUntilMs: Date.parse(dueAt) });
        }),
      );
      const existing = deliveries.length - created;
      return { messages: messages.length, created, existing, attempted };
    },
  };
};
