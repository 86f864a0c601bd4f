/**
 * Fan-out: turns stored events into one delivery per (message, subscription that wants it) and
 * makes each new delivery's first attempt at once (the 0 s step of the schedule).
 *
 * Exactly-once creation: a delivery's key is its deterministic `webhook-id`, written with a
 * conditional put, so a stream record delivered twice, or the same transcript uploaded twice,
 * creates nothing new and sends nothing. A delivery is stored before its first attempt.
 *
 * Until its first attempt is recorded a delivery belongs to the notifier: it carries no due time
 * (sweepers cannot see it; replay and manual retry leave it alone), so the notifier records its
 * attempts with plain batch writes. If the notifier dies in between, the stream hands the record
 * over again (a failed batch is retried), and the notifier attempts those never-attempted
 * deliveries then: at least once, under the same webhook-id. First attempts that do not start
 * within the notifier's time budget are handed to the sweeper (made due at once).
 * Disabled subscriptions get `held` deliveries (kept, not sent) for a later replay.
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

/** A new delivery of a message to a subscription (owned by the notifier: no due time yet). */
export const newDelivery = (m: WebhookMessage, sub: Subscription, nowMs: number): Delivery => ({
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
  ...(sub.status === 'enabled' ? { nextAttemptAt: new Date(nowMs).toISOString() } : {}),
  version: 1,
});

/** Deliveries per creation call. */
const CREATE_CHUNK = 25;

/** A delivery whose first attempt was never recorded and that no sweeper can see: a notifier died with it. */
export const isOrphan = (d: Delivery): boolean => d.status === 'pending' && d.attemptCount === 0 && d.dueAt === undefined;

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
      const deliveries = pairs.map(([m, sub]) => newDelivery(m, sub, startMs));
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
          const fresh = chunk.filter((i, k) => isNew[k] && deliveries[i]!.status === 'pending');
          // A record handed over again: deliveries it left never attempted are attempted now.
          const seen = chunk.filter((_, k) => !isNew[k]);
          const orphans = seen.length
            ? (await Promise.all(seen.map((i) => store.getDelivery(deliveries[i]!.id)))).flatMap((d, k) =>
                d && isOrphan(d) ? [[d, pairs[seen[k]!]![1]] as const] : [],
              )
            : [];
          const work = [...fresh.map((i) => [deliveries[i]!, pairs[i]![1]] as const), ...orphans];
          const late: Delivery[] = [];
          const outcomes = await Promise.all(
            work.map(([delivery, sub]) =>
              limiter.run(async () => {
                if (clock.now() - startMs > budgetMs) {
                  late.push(delivery);
                  return undefined;
                }
                try {
                  return await engine.perform(delivery, sub);
                } catch (error) {
                  late.push(delivery);
                  warn(`first attempt of ${delivery.id} failed`, error);
                  return undefined;
                }
              }),
            ),
          );
          const performed = outcomes.filter((o): o is AttemptOutcome => o !== undefined);
          attempted += performed.length;
          const orphanIds = new Set(orphans.map(([d]) => d.id));
          // Recorded right after the chunk's sends: fresh ones with plain batch writes (the
          // notifier owns them), orphans conditionally. Late ones go to the sweeper, due now.
          await Promise.all([
            engine.record(performed.filter((o) => !orphanIds.has(o.previous.id)), { owned: true }),
            engine.record(performed.filter((o) => orphanIds.has(o.previous.id))),
            late.length
              ? store.saveDeliveries(late.map((d) => ({ delivery: { ...d, dueAt: new Date(clock.now()).toISOString(), version: d.version + 1 }, expectedVersion: d.version })))
              : Promise.resolve([]),
          ]);
        }),
      );
      const existing = deliveries.length - created;
      return { messages: messages.length, created, existing, attempted };
    },
  };
};
