/**
 * Fan-out: turns stored events into one delivery per (message, subscription that wants it) and
 * makes each new delivery's first attempt at once (the 0 s step of the schedule).
 *
 * Exactly once per message: before sending, the notifier *claims* each message's fan-out (one
 * conditional write per message, not per delivery), for a lease that ends before its invocation
 * can. Holding the claim it alone may create the message's deliveries, so it sends first and then
 * stores each delivery with its first attempt already recorded (plain batch writes), and marks the
 * claim done. A stream record handed over again, or the same message in a second record, finds
 * the claim done and sends nothing. If a notifier dies mid-way, its lease ends and the record,
 * handed over again, is resumed: deliveries already stored are left alone, the others are sent
 * (at least once, under the same webhook-id) and stored. A notifier that fails releases its claims
 * at once. First attempts that cannot start well within the lease are stored due at once, for the
 * sweeper. Disabled subscriptions get `held` deliveries (kept, not sent) for a later replay.
 *
 * So a delivery exists from its first recorded attempt on: sweepers, replay and manual retry
 * never see one in flight.
 */
import type { Clock } from '../clock';
import type { StoredEvent } from '../events';
import type { AttemptOutcome, DeliveryEngine } from './delivery';
import { createLimiter } from './limiter';
import { deliveryIdFor, messageKeyFor, messagesFromEvents, type TranscriptReader, type WebhookMessage } from './messages';
import type { Delivery, MessageClaim, WebhookStore } from './ports';
import { subscriptionWants, type Subscription } from './subscription';

/** What the notifier needs. */
export interface NotifierDeps {
  readonly store: WebhookStore;
  readonly engine: DeliveryEngine;
  readonly reader: TranscriptReader;
  readonly clock: Clock;
  /** Prefix of the payload links (default: relative API paths). */
  readonly linkBase?: string;
  /** First attempts in flight at once. */
  readonly concurrency?: number;
  /** How long a claim on a message lasts at most (default 40 s); an invocation's deadline shortens it. */
  readonly leaseMs?: number;
  /**
   * Kept free at the end of a lease: no first attempt starts later than this before the lease ends,
   * so the send (its timeout) and the writes after it finish within the lease (default 20 s).
   */
  readonly sendReserveMs?: number;
  /** A unique owner id per notify call (default: random). */
  readonly newOwnerId?: () => string;
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

/** Options of one notify call. */
export interface NotifyOptions {
  /** Shares one read of the subscriptions across the records of a batch. */
  readonly subscriptions?: () => Promise<readonly Subscription[]>;
  /** When the caller's invocation ends (epoch ms): claims end no later. */
  readonly deadlineMs?: number;
}

/** The notifier. */
export interface Notifier {
  /** Fans out the webhook messages in these events (one or more commits). */
  notify(events: readonly StoredEvent[], options?: NotifyOptions): Promise<NotifyResult>;
}

/** A message's fan-out is claimed by another notifier whose lease has not ended: try the record again later. */
export class MessageBusyError extends Error {
  override readonly name = 'MessageBusyError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A new delivery of a message to a subscription, not yet attempted (held for a disabled one). */
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

/**
 * A delivery stored before its first attempt by an earlier notifier (which stored before sending)
 * that died: no sweeper can see it, so the notifier resuming its message attempts it.
 */
export const isOrphan = (d: Delivery): boolean => d.status === 'pending' && d.attemptCount === 0 && d.dueAt === undefined;

/** The messages some subscription wants, by message key, with those subscriptions. */
const wantedBy = (
  messages: readonly WebhookMessage[],
  subscriptions: readonly Subscription[],
): Map<string, { m: WebhookMessage; key: string; subs: Subscription[] }> => {
  const byKey = new Map<string, { m: WebhookMessage; key: string; subs: Subscription[] }>();
  for (const m of messages) {
    const key = messageKeyFor(m);
    const subs = subscriptions.filter((s) => subscriptionWants(s, m));
    if (subs.length > 0 && !byKey.has(key)) byKey.set(key, { m, key, subs });
  }
  return byKey;
};

/** Waits for every promise, then fails with the first failure: nothing is left running on an error. */
const settleAll = async (work: readonly Promise<unknown>[]): Promise<void> => {
  const failed = (await Promise.allSettled(work)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
};

const randomOwner = (): string => `ntf_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 12)}`;

/** Builds the notifier. */
export const createNotifier = (deps: NotifierDeps): Notifier => {
  const { store, engine, reader, clock } = deps;
  const limiter = createLimiter(deps.concurrency ?? 64);
  const leaseMs = deps.leaseMs ?? 40_000;
  const reserveMs = deps.sendReserveMs ?? 20_000;
  const newOwnerId = deps.newOwnerId ?? randomOwner;
  const warn = deps.onWarning ?? (() => undefined);
  const iso = (ms: number): string => new Date(ms).toISOString();
  /** The subscriptions the previous call read: which messages are likely wanted next. */
  let lastSubscriptions: readonly Subscription[] | undefined;

  return {
    async notify(events, options = {}) {
      const messages = await messagesFromEvents(events, reader, { linkBase: deps.linkBase });
      if (messages.length === 0) return { messages: 0, created: 0, existing: 0, attempted: 0 };
      const startMs = clock.now();
      const leaseEndMs = Math.min(startMs + leaseMs, options.deadlineMs ?? Infinity);
      const sendUntilMs = leaseEndMs - reserveMs;
      const owner = newOwnerId();
      const claim = async (keys: readonly string[]) => (keys.length ? store.claimMessages(keys, owner, iso(leaseEndMs), iso(startMs)) : []);
      const releaseQuietly = (keys: readonly string[]) =>
        Promise.all(keys.map((k) => store.settleMessages([k], owner, 'released', iso(clock.now())).catch(() => undefined)));
      // The messages the previous call's subscriptions wanted are claimed while the subscriptions
      // are read (they rarely change): one round trip less before the first sends.
      const guess = lastSubscriptions ? [...wantedBy(messages, lastSubscriptions).keys()] : [];
      const [read, early] = await Promise.allSettled([(options.subscriptions ?? (() => store.allSubscriptions()))(), claim(guess)]);
      if (read.status === 'rejected' || early.status === 'rejected') {
        await releaseQuietly(guess);
        throw read.status === 'rejected' ? read.reason : (early as PromiseRejectedResult).reason;
      }
      const subscriptions = read.value;
      lastSubscriptions = subscriptions;
      const wantedNow = wantedBy(messages, subscriptions);
      const wanted = [...wantedNow.values()];
      const claimOf = new Map<string, MessageClaim>(guess.map((k, i) => [k, early.value[i]!]));
      const missing = wanted.map((w) => w.key).filter((k) => !claimOf.has(k));
      try {
        (await claim(missing)).forEach((c, i) => claimOf.set(missing[i]!, c));
      } catch (error) {
        await releaseQuietly([...guess, ...missing]);
        throw error;
      }
      const claims = wanted.map((w) => claimOf.get(w.key)!);
      const ours = (k: string): boolean => claimOf.get(k) === 'fresh' || claimOf.get(k) === 'resumed';
      const held = wanted.filter((w) => ours(w.key));
      // Claimed on the guess but wanted by no subscription now: nothing to send, done all the same.
      const spare = guess.filter((k) => !wantedNow.has(k) && ours(k));
      const heldKeys = [...held.map((w) => w.key), ...spare];
      let existing = wanted.filter((_, i) => claims[i] === 'done').reduce((n, w) => n + w.subs.length, 0);
      if (wanted.length === 0) {
        if (spare.length) await store.settleMessages(spare, owner, 'done', iso(clock.now()));
        return { messages: messages.length, created: 0, existing: 0, attempted: 0 };
      }
      try {
        if (claims.includes('busy')) {
          const busy = wanted.filter((_, i) => claims[i] === 'busy').map((w) => w.key);
          throw new MessageBusyError(`Messages ${busy.join(', ')} are being fanned out by another notifier`);
        }
        // Deliveries to make: all of a fresh claim's; of a resumed one, those its earlier owner did not store.
        const todo: [Delivery, Subscription][] = [];
        const orphans: [Delivery, Subscription][] = [];
        await settleAll(
          held.map(async (w) => {
            const pairs = w.subs.map((sub) => [newDelivery(w.m, sub, startMs), sub] as [Delivery, Subscription]);
            if (claims[wanted.indexOf(w)] === 'fresh') return void todo.push(...pairs);
            const stored = await store.getDeliveries(pairs.map(([d]) => d.id));
            pairs.forEach((pair, k) => {
              const found = stored[k];
              if (!found) todo.push(pair);
              else if (isOrphan(found)) orphans.push([found, pair[1]]);
              else existing++;
            });
          }),
        );
        const toSend = todo.filter(([d]) => d.status === 'pending');
        const keep = todo.filter(([d]) => d.status !== 'pending').map(([d]) => d); // held
        const late: Delivery[] = [];
        const attemptAll = (work: readonly (readonly [Delivery, Subscription])[]): Promise<AttemptOutcome[]> =>
          Promise.all(
            work.map(([delivery, sub]) =>
              limiter.run(async () => {
                if (clock.now() > sendUntilMs) return void late.push(delivery);
                try {
                  return await engine.perform(delivery, sub);
                } catch (error) {
                  warn(`first attempt of ${delivery.id} failed`, error);
                  return void late.push(delivery);
                }
              }),
            ),
          ).then((outcomes) => outcomes.filter((o): o is AttemptOutcome => o !== undefined));
        const [performed, performedOrphans] = await Promise.all([attemptAll(toSend), attemptAll(orphans)]);
        const orphanIds = new Set(orphans.map(([d]) => d.id));
        const dueNow = iso(clock.now());
        // Stored after the sends: new ones with plain batch writes (the claim makes them ours),
        // orphans conditionally. Late ones go to the sweeper, due now.
        await settleAll([
          engine.record(performed, { owned: true }),
          engine.record(performedOrphans),
          store.putDeliveries([
            ...keep,
            ...late.filter((d) => !orphanIds.has(d.id)).map((d) => ({ ...d, dueAt: dueNow })),
          ]),
          store.saveDeliveries(
            late.filter((d) => orphanIds.has(d.id)).map((d) => ({ delivery: { ...d, dueAt: dueNow, version: d.version + 1 }, expectedVersion: d.version })),
          ),
        ]);
        if (heldKeys.length) await store.settleMessages(heldKeys, owner, 'done', iso(clock.now()));
        return { messages: messages.length, created: todo.length, existing, attempted: performed.length + performedOrphans.length };
      } catch (error) {
        // Let the next try resume at once (everything this call started has finished by now).
        if (heldKeys.length) {
          await store.settleMessages(heldKeys, owner, 'released', iso(clock.now())).catch((e: unknown) => warn('could not release message claims', e));
        }
        throw error;
      }
    },
  };
};
