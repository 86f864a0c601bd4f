/**
 * The delivery engine: makes attempts of deliveries (sign, send, record, schedule the next or give
 * up), and sweeps deliveries whose next attempt has come. Used by the notifier (first, immediate
 * attempts), the deliverer (retries) and the service (manual retry, ping).
 *
 * An attempt is two steps: `perform` sends and works out the delivery's next state (no write),
 * `record` saves many outcomes in one batched call (each conditional on its delivery's version)
 * and keeps the subscriptions' health. DynamoDB writes, not HTTP, bound throughput, and one call
 * of 100 conditional writes costs about as much as a few single ones, so callers batch.
 *
 * Concurrency: every write of a delivery is conditional on its version, and a sweeper first takes
 * a lease (moves `dueAt` past the send's timeout) before sending, so two sweepers, or a sweeper and
 * the notifier, never both attempt the same delivery at the same time.
 */
import type { Clock } from '../clock';
import { createLimiter } from './limiter';
import type { Delivery, DeliveryAttempt, SendResult, WebhookSender, WebhookStore } from './ports';
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
  /** Called for each delivery that failed for good (schedule spent, or 410), once it is recorded. */
  readonly onDead?: (delivery: Delivery) => void;
}

/** The result of one sweep. */
export interface SweepResult {
  /** Deliveries found due. */
  readonly due: number;
  /** Attempts made. */
  readonly attempted: number;
}

/** One performed attempt, not yet saved. */
export interface AttemptOutcome {
  /** The delivery as it was when taken. */
  readonly previous: Delivery;
  /** Its next state, to save. */
  readonly next: Delivery;
  readonly subscription?: Subscription;
  /** `skipped`: nothing was sent (subscription deleted or disabled). */
  readonly outcome: DeliveryAttempt['outcome'] | 'skipped';
  readonly atMs: number;
}

/** The delivery engine. */
export interface DeliveryEngine {
  /** Sends one attempt now and works out the next state; the caller must own the delivery and bound concurrency. Writes nothing. */
  perform(delivery: Delivery, subscription: Subscription | undefined, options?: { manual?: boolean }): Promise<AttemptOutcome>;
  /**
   * Saves outcomes (each only if its delivery did not change meanwhile) and updates subscription
   * health. `owned`: the caller created these deliveries and nobody else may write them yet (a
   * notifier's first attempts), so they are written unconditionally, in cheaper batches.
   */
  record(outcomes: readonly AttemptOutcome[], options?: { owned?: boolean }): Promise<(Delivery | undefined)[]>;
  /**
   * perform + record for one delivery. Returns the delivery as saved, or undefined when another
   * writer changed it meanwhile.
   */
  attempt(delivery: Delivery, subscription: Subscription | undefined, options?: { manual?: boolean }): Promise<Delivery | undefined>;
  /** Attempts every delivery due at `nowMs` (default: the clock), at most `limit` of them. */
  runDue(nowMs?: number, limit?: number): Promise<SweepResult>;
  /** The lease end for deliveries taken at `nowMs`, `count` of them sent `concurrency` at a time. */
  leaseUntil(nowMs: number, count?: number): string;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const isSuccess = (code: number | undefined): boolean => code !== undefined && code >= 200 && code < 300;

const pick = (r: SendResult): Pick<DeliveryAttempt, 'statusCode' | 'latencyMs' | 'error'> => ({
  ...(r.statusCode !== undefined ? { statusCode: r.statusCode } : {}),
  latencyMs: r.latencyMs,
  ...(r.error !== undefined ? { error: r.error } : {}),
});

/** Builds the delivery engine. */
export const createDeliveryEngine = (deps: DeliveryEngineDeps): DeliveryEngine => {
  const { store, sender, clock, random, schedule } = deps;
  const warn = deps.onWarning ?? (() => undefined);
  const concurrency = deps.concurrency ?? 64;
  const limiter = createLimiter(concurrency);
  // Sends queue for a free slot, so a lease covers one full send per wave of `concurrency`.
  const leaseUntil = (nowMs: number, count = 1): string => iso(nowMs + deps.leaseMs * Math.max(1, Math.ceil(count / concurrency)));

  /** Clears `failingSince` on success, disables on 410 or after 5 days of nothing but failures. */
  const updateHealth = async (sub: Subscription, outcome: AttemptOutcome['outcome'], nowMs: number): Promise<void> => {
    try {
      if (outcome === 'gone') {
        await store.updateSubscription(sub.id, { status: 'disabled', disabledReason: 'gone', disabledAt: iso(nowMs) });
      } else if (outcome === 'succeeded') {
        if (sub.failingSince !== undefined) await store.updateSubscription(sub.id, {}, ['failingSince']);
      } else if (outcome === 'failed') {
        if (sub.failingSince === undefined) await store.markFailing(sub.id, iso(nowMs));
        else if (nowMs - Date.parse(sub.failingSince) >= DISABLE_AFTER_FAILING_MS && sub.status === 'enabled') {
          await store.updateSubscription(sub.id, { status: 'disabled', disabledReason: 'failing', disabledAt: iso(nowMs) });
        }
      }
    } catch (error) {
      warn(`could not update health of subscription ${sub.id}`, error);
    }
  };

  const perform: DeliveryEngine['perform'] = async (delivery, sub, options = {}) => {
      const manual = options.manual === true;
      const startMs = clock.now();
      const base = { ...delivery, version: delivery.version + 1 };
      const skipped = (status: 'dead' | 'held'): AttemptOutcome => ({
        previous: delivery,
        next: { ...base, status, dueAt: undefined, nextAttemptAt: undefined },
        ...(sub ? { subscription: sub } : {}),
        outcome: 'skipped',
        atMs: startMs,
      });
      if (!sub) return skipped('dead'); // deleted: nothing to send to, ever
      if (sub.status !== 'enabled') return skipped('held'); // kept for a replay after re-enabling

      const timestamp = Math.floor(startMs / 1000);
      const headers = webhookHeaders(activeSecrets(sub.secrets, startMs), delivery.id, timestamp, delivery.body);
      const result = await sender.send({ url: sub.url, headers, body: delivery.body });
      const endMs = clock.now();
      const outcome: DeliveryAttempt['outcome'] = isSuccess(result.statusCode) ? 'succeeded' : result.statusCode === 410 ? 'gone' : 'failed';

      let next: Delivery;
      if (manual) {
        // Outside the schedule: success or 410 settles the delivery, a failure leaves its schedule as it was.
        const record: DeliveryAttempt = { at: iso(startMs), webhookTimestamp: timestamp, ...pick(result), outcome, manual: true };
        next = {
          ...base,
          attempts: [...delivery.attempts, record].slice(-MAX_RECORDED_ATTEMPTS),
          ...(outcome !== 'failed'
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
      return { previous: delivery, next, subscription: sub, outcome, atMs: endMs };
  };

  const record: DeliveryEngine['record'] = async (outcomes, options = {}) => {
    if (outcomes.length === 0) return [];
    const saved = options.owned
      ? (await store.putDeliveries(outcomes.map((o) => o.next)), outcomes.map(() => true))
      : await store.saveDeliveries(outcomes.map((o) => ({ delivery: o.next, expectedVersion: o.previous.version })));
    saved.forEach((ok, i) => {
      const o = outcomes[i]!;
      if (!ok) warn(`delivery ${o.next.id} changed meanwhile; its attempt was not recorded`);
      else if (o.next.status === 'dead' && o.previous.status !== 'dead' && o.outcome !== 'skipped') deps.onDead?.(o.next);
    });
    // One health update per subscription: its latest outcome here decides.
    const latest = new Map<string, AttemptOutcome>();
    for (const o of outcomes) if (o.subscription && o.outcome !== 'skipped') latest.set(o.subscription.id, o);
    await Promise.all([...latest.values()].map((o) => updateHealth(o.subscription!, o.outcome, o.atMs)));
    return outcomes.map((o, i) => (saved[i] ? o.next : undefined));
  };

  const attempt: DeliveryEngine['attempt'] = async (delivery, sub, options) => (await record([await perform(delivery, sub, options)]))[0];

  const runDue: DeliveryEngine['runDue'] = async (nowMs = clock.now(), limit = 200) => {
    const due = await store.dueDeliveries(iso(nowMs), limit);
    if (due.length === 0) return { due: 0, attempted: 0 };
    // Take a lease on each (one batched conditional write): a delivery another sweeper took is skipped.
    const lease = leaseUntil(clock.now(), due.length);
    const claims = due.map((d) => ({ ...d, dueAt: lease, version: d.version + 1 }));
    const claimed = await store.saveDeliveries(claims.map((c, i) => ({ delivery: c, expectedVersion: due[i]!.version })));
    const subs = new Map<string, Promise<Subscription | undefined>>();
    const subscription = (id: string): Promise<Subscription | undefined> => {
      let p = subs.get(id);
      if (!p) subs.set(id, (p = store.getSubscription(id)));
      return p;
    };
    const outcomes = await Promise.all(
      claims
        .filter((_, i) => claimed[i])
        .map((d) =>
          limiter.run(async () => {
            try {
              return await perform(d, await subscription(d.subscriptionId));
            } catch (error) {
              // Left with its lease: it becomes due again when the lease ends.
              warn(`attempt of ${d.id} failed`, error);
              return undefined;
            }
          }),
        ),
    );
    const performed = outcomes.filter((o): o is AttemptOutcome => o !== undefined);
    await record(performed);
    return { due: due.length, attempted: performed.filter((o) => o.outcome !== 'skipped').length };
  };

  return { perform, record, attempt, runDue, leaseUntil };
};
