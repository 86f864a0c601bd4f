/**
 * The webhook service: what the API routes (engineer V) and the CLI call. Every method validates
 * its input and throws NotFoundError / ValidationError / ConflictError; the edge maps them to HTTP.
 *
 * Replay: resends every delivery of the subscription created at or after `since` — the same
 * messages with the same `webhook-id` (Standard Webhooks treats the id as the message's identity,
 * so a replay is a redelivery, and receivers that deduplicate decide themselves). Each replayed
 * delivery starts a fresh run of the retry schedule. Deliveries held while the subscription was
 * disabled are replayed the same way.
 */
import type { Clock } from '../clock';
import type { DeliveryEngine } from './delivery';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { deliveryIdFor, pingPayload } from './messages';
import type { Delivery, DeliveryAttempt, Page, PageRequest, WebhookStore } from './ports';
import { generateSecret, type RandomBytes } from './secrets';
import { rotateSecrets, ROTATION_OVERLAP_MS } from './signing';
import {
  createSubscriptionSchema,
  DEFAULT_EVENT_TYPES,
  replaySchema,
  toView,
  type Subscription,
  type SubscriptionView,
} from './subscription';
import { validateWebhookUrl, type ResolveHost } from './url-policy';

/** What the service needs. */
export interface WebhookServiceDeps {
  readonly store: WebhookStore;
  readonly engine: DeliveryEngine;
  readonly clock: Clock;
  readonly randomBytes: RandomBytes;
  /** A new subscription id (`sub_…`). */
  readonly newSubscriptionId: () => string;
  /** https only (true in AWS). */
  readonly requireHttps: boolean;
  /** Loopback/private targets allowed (DEMARCHE_ALLOW_PRIVATE_WEBHOOKS=1). */
  readonly allowPrivate: boolean;
  readonly resolveHost?: ResolveHost;
}

/** A delivery as the API shows it. */
export interface DeliveryView {
  readonly id: string;
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly type: string;
  readonly topic?: string;
  readonly transcriptId?: string;
  readonly revision?: number;
  readonly status: Delivery['status'];
  readonly createdAt: string;
  readonly nextAttemptAt?: string;
  /** Every attempt: time, status code, latency, error, next attempt. */
  readonly attempts: readonly DeliveryAttempt[];
  readonly payload: unknown;
}

/** The public view of a delivery. */
export const toDeliveryView = (d: Delivery): DeliveryView => ({
  id: d.id,
  subscriptionId: d.subscriptionId,
  eventId: d.eventId,
  type: d.type,
  ...(d.topic !== undefined ? { topic: d.topic } : {}),
  ...(d.transcriptId !== undefined ? { transcriptId: d.transcriptId } : {}),
  ...(d.revision !== undefined ? { revision: d.revision } : {}),
  status: d.status,
  createdAt: d.createdAt,
  ...(d.status === 'pending' && d.nextAttemptAt !== undefined ? { nextAttemptAt: d.nextAttemptAt } : {}),
  attempts: d.attempts,
  payload: JSON.parse(d.body) as unknown,
});

/** The webhook service. */
export interface WebhookService {
  /** Creates a subscription; the secret is returned only here (and on rotation). */
  createSubscription(input: unknown): Promise<{ subscription: SubscriptionView; secret: string }>;
  listSubscriptions(page?: PageRequest): Promise<Page<SubscriptionView>>;
  getSubscription(id: string): Promise<SubscriptionView>;
  deleteSubscription(id: string): Promise<void>;
  /** A new secret; the previous one keeps signing alongside it until `previousExpiresAt`. */
  rotateSecret(id: string): Promise<{ secret: string; previousExpiresAt: string }>;
  /** Deliveries newest first, each with every attempt. */
  listDeliveries(id: string, page?: PageRequest): Promise<Page<DeliveryView>>;
  /** One immediate attempt of a delivery, outside the schedule. */
  retryDelivery(id: string, deliveryId: string): Promise<DeliveryView>;
  /** Resends every delivery created since `since` (ISO time), with the same webhook ids. */
  replay(id: string, since: string): Promise<{ replayed: number }>;
  /** Sends a `ping` test message now. */
  ping(id: string): Promise<DeliveryView>;
  /** Re-enables a disabled subscription (clears its failure record). */
  enableSubscription(id: string): Promise<SubscriptionView>;
  /** Disables a subscription by hand: its deliveries are held until it is enabled and replayed. */
  disableSubscription(id: string): Promise<SubscriptionView>;
}

const MAX_LIMIT = 100;
const pageOf = (page: PageRequest = {}): PageRequest => {
  const limit = page.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ValidationError(`limit must be an integer from 1 to ${MAX_LIMIT}`);
  }
  return { limit, ...(page.cursor ? { cursor: page.cursor } : {}) };
};

/** Builds the service. */
export const createWebhookService = (deps: WebhookServiceDeps): WebhookService => {
  const { store, engine, clock } = deps;
  const iso = (ms: number): string => new Date(ms).toISOString();

  const mustGet = async (id: string): Promise<Subscription> => {
    const sub = await store.getSubscription(id);
    if (!sub) throw new NotFoundError(`No subscription ${id}`);
    return sub;
  };
  const mustGetDelivery = async (sub: Subscription, deliveryId: string): Promise<Delivery> => {
    const d = await store.getDelivery(deliveryId);
    if (!d || d.subscriptionId !== sub.id) throw new NotFoundError(`No delivery ${deliveryId} for subscription ${sub.id}`);
    return d;
  };
  /** A first attempt under way (the notifier owns it, or a sweeper holds its lease): it is on its way anyway. */
  const inFlight = (d: Delivery, nowMs: number): boolean =>
    d.status === 'pending' && d.attemptCount === 0 && (d.dueAt === undefined || Date.parse(d.dueAt) > nowMs);
  const mustBeEnabled = (sub: Subscription): void => {
    if (sub.status !== 'enabled') throw new ConflictError(`Subscription ${sub.id} is disabled (${sub.disabledReason ?? 'manual'}); enable it first`);
  };
  const wrapNotFound = async <T>(id: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError(`No subscription ${id}`, { cause: error });
      throw error;
    }
  };

  return {
    async createSubscription(input) {
      const parsed = createSubscriptionSchema.safeParse(input);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        throw new ValidationError(`Invalid subscription: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { cause: parsed.error }, issues);
      }
      const url = await validateWebhookUrl(parsed.data.url, deps);
      const nowMs = clock.now();
      const secret = generateSecret(deps.randomBytes);
      const sub: Subscription = {
        id: deps.newSubscriptionId(),
        url,
        topics: parsed.data.topics,
        events: parsed.data.events ?? [...DEFAULT_EVENT_TYPES],
        status: 'enabled',
        createdAt: iso(nowMs),
        secrets: [{ secret, createdAt: iso(nowMs) }],
      };
      await store.createSubscription(sub);
      return { subscription: toView(sub), secret };
    },

    async listSubscriptions(page) {
      const result = await store.listSubscriptions(pageOf(page));
      return { items: result.items.map(toView), ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}) };
    },

    async getSubscription(id) {
      return toView(await mustGet(id));
    },

    async deleteSubscription(id) {
      if (!(await store.deleteSubscription(id))) throw new NotFoundError(`No subscription ${id}`);
    },

    async rotateSecret(id) {
      const sub = await mustGet(id);
      const nowMs = clock.now();
      const secret = generateSecret(deps.randomBytes);
      await wrapNotFound(id, () => store.updateSubscription(id, { secrets: rotateSecrets(sub.secrets, secret, nowMs) }));
      return { secret, previousExpiresAt: iso(nowMs + ROTATION_OVERLAP_MS) };
    },

    async listDeliveries(id, page) {
      await mustGet(id);
      const result = await store.listDeliveries(id, pageOf(page));
      return { items: result.items.map(toDeliveryView), ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}) };
    },

    async retryDelivery(id, deliveryId) {
      const sub = await mustGet(id);
      mustBeEnabled(sub);
      const d = await mustGetDelivery(sub, deliveryId);
      if (inFlight(d, clock.now())) throw new ConflictError(`Delivery ${deliveryId} is being attempted right now`);
      const saved = await engine.attempt(d, sub, { manual: true });
      if (!saved) throw new ConflictError(`Delivery ${deliveryId} changed while being retried; try again`);
      return toDeliveryView(saved);
    },

    async replay(id, since) {
      const parsed = replaySchema.safeParse({ since });
      if (!parsed.success) throw new ValidationError(`since must be an ISO date-time, not ${JSON.stringify(since)}`, { cause: parsed.error });
      const sub = await mustGet(id);
      mustBeEnabled(sub);
      const sinceIso = new Date(parsed.data.since).toISOString();
      let replayed = 0;
      for await (const d of store.deliveriesSince(id, sinceIso)) {
        if (d.type === 'ping' || inFlight(d, clock.now())) continue;
        const nowIso = iso(clock.now());
        const next: Delivery = {
          ...d,
          status: 'pending',
          attemptCount: 0,
          nextAttemptAt: nowIso,
          dueAt: nowIso,
          version: d.version + 1,
          replays: (d.replays ?? 0) + 1,
        };
        try {
          await store.saveDelivery(next, d.version);
          replayed++;
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          // Being attempted right now: it is on its way anyway.
        }
      }
      return { replayed };
    },

    async ping(id) {
      const sub = await mustGet(id);
      mustBeEnabled(sub);
      const nowMs = clock.now();
      const nonce = Buffer.from(deps.randomBytes(8)).toString('hex');
      const delivery: Delivery = {
        id: deliveryIdFor(sub.id, { type: 'ping', transcriptId: `ping:${nonce}`, revision: 0 }),
        subscriptionId: sub.id,
        type: 'ping',
        eventId: `ping_${nonce}`,
        body: JSON.stringify(pingPayload(sub.id, nowMs)),
        createdAt: iso(nowMs),
        status: 'pending',
        attemptCount: 0,
        attempts: [],
        nextAttemptAt: iso(nowMs),
        dueAt: engine.leaseUntil(nowMs),
        version: 1,
      };
      if (!(await store.createDelivery(delivery))) throw new ConflictError('Ping id collision; try again');
      const saved = await engine.attempt(delivery, sub);
      return toDeliveryView(saved ?? delivery);
    },

    async enableSubscription(id) {
      await mustGet(id);
      return toView(
        await wrapNotFound(id, () =>
          store.updateSubscription(id, { status: 'enabled' }, ['disabledReason', 'disabledAt', 'failingSince']),
        ),
      );
    },

    async disableSubscription(id) {
      await mustGet(id);
      return toView(
        await wrapNotFound(id, () =>
          store.updateSubscription(id, { status: 'disabled', disabledReason: 'manual', disabledAt: iso(clock.now()) }),
        ),
      );
    },
  };
};
