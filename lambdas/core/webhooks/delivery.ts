/**
 * The delivery engine: makes one attempt of a delivery (sign, send, record, schedule the next or
 * give up), and sweeps deliveries whose next attempt has come. Used by the notifier (the first,
 * immediate attempt), the deliverer (retries) and the service (manual retry, ping).
 *
 * Concurrency: every write of a delivery is conditional on its version, and a sweeper first takes
 * a lease (moves `dueAt` past the send's timeout) before sending, so two sweepers, or a sweeper and
 * the notifier, never both attempt the same delivery at the same time.
 */
import type { Clock } from '../clock';
import { ConflictError } from './errors';
import { createLimiter } from './limiter';
import type { Delivery, DeliveryAttempt, WebhookSender, WebhookStore } from './ports';
import { DISABLE_AFTER_FAILING_MS, nextAttemptAt } from './schedule';
import { activeSecrets, webhookHeaders } from './signing';
import type { Subscription } from './subscription';

/** Attempts kept on a delivery (older ones are dropped). */
export const MAX_RECORDED_ATTEMPTS = 50;

/** What the engine needs. */
export interface DeliveryEngineDeps {
  readonly store: WebhookStore;
  readonly sender: WebhookSender;
  readonly clock: Clock;
  /** Uniform in [0, 1), for jitter. */
  readonly random: () => number;
  /** Delays before each attempt (ms), the first being 0. */
  readonly schedule: readonly number[];
  /** How long a sender owns a delivery it is attempting (longer than the send timeout). */
  readonly leaseMs: number;
  /** Sends in flight at once during a sweep. */
  readonly concurrency?: number;
  /** Called with problems that must not fail the caller (lost races, store hiccups). */
  readonly onWarning?: (message: string, cause?: unknown) => void;
}

/** The result of one sweep. */
export interface SweepResult {
  /** Deliveries found due. */
  readonly due: number;
  /** Attempts made. */
  readonly attempted: number;
}

/** The delivery engine. */
export interface DeliveryEngine {
  /**
   * Makes one attempt now. The caller must own the delivery (just created it, or holds a lease).
   * Returns the delivery as saved, or undefined when another writer changed it meanwhile.
   */
  attempt(delivery: Delivery, subscription: Subscription | undefined, options?: { manual?: boolean }): Promise<Delivery | undefined>;
  /** Attempts every delivery due at `nowMs` (default: the clock), at most `limit` of them. */
  runDue(nowMs?: number, limit?: number): Promise<SweepResult>;
  /** The lease end for a delivery taken at `nowMs`. */
  leaseUntil(nowMs: number): string;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const isSuccess = (code: number | undefined): boolean => code !== undefined && code >= 200 && code < 300;

/** Builds the delivery engine. */
export const createDeliveryEngine = (deps: DeliveryEngineDeps): DeliveryEngine => {
  const { store, sender, clock, random, schedule } = deps;
  const warn = deps.onWarning ?? (() => undefined);
  const limiter = createLimiter(deps.concurrency ?? 32);

  const save = async (next: Delivery, expected: number): Promise<Delivery | undefined> => {
    try {
      await store.saveDelivery(next, expected);
      return next;
    } catch (error) {
      if (error instanceof ConflictError) {
        warn(`delivery ${next.id} changed meanwhile; this write was dropped`, error);
        return undefined;
      }
      throw error;
    }
  };

  /** Keeps the subscription's health: clears `failingSince` on success, disables after 5 days of failures or on 410. */
  const updateHealth = async (sub: Subscription, outcome: DeliveryAttempt['outcome'], nowMs: number): Promise<void> => {
    try {
      if (outcome === 'gone') {
        await store.updateSubscription(sub.id, { status: 'disabled', disabledReason: 'gone', disabledAt: iso(nowMs) });
      } else if (outcome === 'succeeded') {
        if (sub.failingSince !== undefined) await store.updateSubscription(sub.id, {}, ['failingSince']);
      } else if (sub.failingSince === undefined) {
        await store.markFailing(sub.id, iso(nowMs));
      } else if (nowMs - Date.parse(sub.failingSince) >= DISABLE_AFTER_FAILING_MS && sub.status === 'enabled') {
        await store.updateSubscription(sub.id, { status: 'disabled', disabledReason: 'failing', disabledAt: iso(nowMs) });
      }
    } catch (error) {
      warn(`could not update health of subscription ${sub.id}`, error);
    }
  };

  const attempt: DeliveryEngine['attempt'] = async (delivery, sub, options = {}) => {
    const manual = options.manual === true;
    const startMs = clock.now();
    const base = { ...delivery, version: delivery.version + 1 };
    if (!sub) {
      // The subscription was deleted: nothing to send to, ever.
      return save({ ...base, status: 'dead', dueAt: undefined, nextAttemptAt: undefined }, delivery.version);
    }
    if (sub.status !== 'enabled') {
      // Kept, not sent: replay or retry after re-enabling.
      return save({ ...base, status: 'held', dueAt: undefined, nextAttemptAt: undefined }, delivery.version);
    }
    const timestamp = Math.floor(startMs / 1000);
    const headers = webhookHeaders(activeSecrets(sub.secrets, startMs), delivery.id, timestamp, delivery.body);
    const result = await sender.send({ url: sub.url, headers, body: delivery.body });
    const endMs = clock.now();
    const outcome: DeliveryAttempt['outcome'] = isSuccess(result.statusCode)
      ? 'succeeded'
      : result.statusCode === 410
        ? 'gone'
        : 'failed';

    let next: Delivery;
    if (manual) {
      // Outside the schedule: success settles the delivery, failure leaves its schedule as it was.
      const record: DeliveryAttempt = { at: iso(startMs), webhookTimestamp: timestamp, ...pick(result), outcome, manual: true };
      const settled = outcome !== 'failed';
      next = {
        ...base,
        attempts: [...delivery.attempts, record].slice(-MAX_RECORDED_ATTEMPTS),
        ...(settled
          ? { status: outcome === 'succeeded' ? 'succeeded' : 'dead', dueAt: undefined, nextAttemptAt: undefined }
          : {}),
      };
    } else {
      const made = delivery.attemptCount + 1;
      const nextMs = outcome === 'failed' ? nextAttemptAt(schedule, made, endMs, random) : undefined;
      const record: DeliveryAttempt = {
        at: iso(startMs),
        webhookTimestamp: timestamp,
        ...pick(result),
        outcome,
        ...(nextMs !== undefined ? { nextAttemptAt: iso(nextMs) } : {}),
      };
      next = {
        ...base,
        attemptCount: made,
        attempts: [...delivery.attempts, record].slice(-MAX_RECORDED_ATTEMPTS),
        status: outcome === 'succeeded' ? 'succeeded' : nextMs !== undefined ? 'pending' : 'dead',
        nextAttemptAt: nextMs !== undefined ? iso(nextMs) : undefined,
        dueAt: nextMs !== undefined ? iso(nextMs) : undefined,
      };
    }
    const saved = await save(next, delivery.version);
    await updateHealth(sub, outcome, endMs);
    return saved;
  };

  const runDue: DeliveryEngine['runDue'] = async (nowMs = clock.now(), limit = 200) => {
    const due = await store.dueDeliveries(iso(nowMs), limit);
    const subs = new Map<string, Promise<Subscription | undefined>>();
    const subscription = (id: string): Promise<Subscription | undefined> => {
      let p = subs.get(id);
      if (!p) subs.set(id, (p = store.getSubscription(id)));
      return p;
    };
    let attempted = 0;
    await Promise.all(
      due.map((d) =>
        limiter.run(async () => {
          const claimed = await save({ ...d, dueAt: leaseUntil(clock.now()), version: d.version + 1 }, d.version);
          if (!claimed) return; // another sweeper took it
          try {
            await attempt(claimed, await subscription(d.subscriptionId));
            attempted++;
          } catch (error) {
            // Left with its lease: it becomes due again when the lease ends.
            warn(`attempt of ${d.id} failed`, error);
          }
        }),
      ),
    );
    return { due: due.length, attempted };
  };

  const leaseUntil = (nowMs: number): string => iso(nowMs + deps.leaseMs);

  return { attempt, runDue, leaseUntil };
};

const pick = (r: { statusCode?: number; latencyMs: number; error?: string }): Pick<DeliveryAttempt, 'statusCode' | 'latencyMs' | 'error'> => ({
  ...(r.statusCode !== undefined ? { statusCode: r.statusCode } : {}),
  latencyMs: r.latencyMs,
  ...(r.error !== undefined ? { error: r.error } : {}),
});
