/** An in-memory WebhookStore (the port's second adapter) for fast, deterministic unit tests of the webhook domain. */
import { ConflictError, NotFoundError } from '../../lambdas/core/webhooks/errors';
import type { Delivery, WebhookStore } from '../../lambdas/core/webhooks/ports';
import type { Subscription } from '../../lambdas/core/webhooks/subscription';

/** The store with its maps exposed for assertions. */
export type MemoryWebhookStore = WebhookStore & {
  subscriptions: Map<string, Subscription>;
  deliveries: Map<string, Delivery>;
  claims: Map<string, { owner: string; leaseUntil: string; done?: boolean }>;
};

/** A fresh in-memory store. */
export const memoryWebhookStore = (): MemoryWebhookStore => {
  const subscriptions = new Map<string, Subscription>();
  const deliveries = new Map<string, Delivery>();
  const claims = new Map<string, { owner: string; leaseUntil: string; done?: boolean }>();
  const clone = <T>(v: T): T => structuredClone(v);
  const page = <T>(items: T[], limit = 50, cursor?: string) => {
    const start = cursor ? Number(cursor) : 0;
    const next = start + limit < items.length ? String(start + limit) : undefined;
    return { items: items.slice(start, start + limit), ...(next ? { nextCursor: next } : {}) };
  };
  const save = (d: Delivery, expected: number): boolean => {
    if (deliveries.get(d.id)?.version !== expected) return false;
    deliveries.set(d.id, clone(d));
    return true;
  };
  const create = (d: Delivery): boolean => {
    if (deliveries.has(d.id)) return false;
    deliveries.set(d.id, clone(d));
    return true;
  };
  return {
    subscriptions,
    deliveries,
    claims,
    async createSubscription(s) {
      if (subscriptions.has(s.id)) throw new ConflictError(`Subscription ${s.id} exists`);
      subscriptions.set(s.id, clone(s));
    },
    getSubscription: async (id) => clone(subscriptions.get(id)),
    listSubscriptions: async ({ limit, cursor }) => page([...subscriptions.values()].map(clone), limit, cursor),
    allSubscriptions: async () => [...subscriptions.values()].map(clone),
    async updateSubscription(id, changes, remove = []) {
      const s = subscriptions.get(id);
      if (!s) throw new NotFoundError(`No subscription ${id}`);
      const next: Record<string, unknown> = { ...s, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
      for (const k of remove) delete next[k];
      subscriptions.set(id, next as unknown as Subscription);
      return clone(next as unknown as Subscription);
    },
    async markFailing(id, sinceIso) {
      const s = subscriptions.get(id);
      if (s && s.failingSince === undefined) subscriptions.set(id, { ...s, failingSince: sinceIso });
    },
    deleteSubscription: async (id) => subscriptions.delete(id),
    createDelivery: async (d) => create(d),
    getDeliveries: async (ids) => ids.map((id) => clone(deliveries.get(id))),
    async claimMessages(keys, owner, leaseUntil, nowIso) {
      return keys.map((key) => {
        const c = claims.get(key);
        if (c?.done) return 'done';
        if (c && c.leaseUntil > nowIso) return 'busy';
        claims.set(key, { owner, leaseUntil });
        return c ? 'resumed' : 'fresh';
      });
    },
    async settleMessages(keys, owner, how, nowIso) {
      for (const key of keys) {
        const c = claims.get(key);
        if (!c || c.owner !== owner || c.done) throw new ConflictError(`The claim on message ${key} is no longer held by ${owner}`);
        claims.set(key, how === 'done' ? { ...c, done: true } : { ...c, leaseUntil: nowIso });
      }
    },
    getDelivery: async (id) => clone(deliveries.get(id)),
    async saveDelivery(d, expected) {
      if (!save(d, expected)) throw new ConflictError(`Delivery ${d.id} is not at version ${expected}`);
    },
    putDeliveries: async (ds) => void ds.forEach((d) => deliveries.set(d.id, clone(d))),
    saveDeliveries: async (entries) => entries.map((e) => save(e.delivery, e.expectedVersion)),
    listDeliveries: async (subscriptionId, { limit, cursor }) =>
      page(
        [...deliveries.values()].filter((d) => d.subscriptionId === subscriptionId).sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map(clone),
        limit,
        cursor,
      ),
    async *deliveriesSince(subscriptionId, sinceIso) {
      const found = [...deliveries.values()].filter((d) => d.subscriptionId === subscriptionId && d.createdAt >= sinceIso);
      for (const d of found.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) yield clone(d);
    },
    dueDeliveries: async (nowIso, limit) =>
      [...deliveries.values()]
        .filter((d) => d.dueAt !== undefined && d.dueAt <= nowIso)
        .sort((a, b) => a.dueAt!.localeCompare(b.dueAt!))
        .slice(0, limit)
        .map(clone),
  };
};
