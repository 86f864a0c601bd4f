/**
 * The webhook domain's model of deliveries and its ports: storage (DynamoDB in AWS and locally)
 * and the HTTP sender. Adapters live in lambdas/adapters.
 */
import type { Subscription, WebhookEventType } from './subscription';

/** Where a delivery stands. `held`: its subscription was disabled; replay or retry after enabling. */
export type DeliveryStatus = 'pending' | 'succeeded' | 'dead' | 'held';

/** One HTTP attempt of a delivery, as recorded. */
export interface DeliveryAttempt {
  readonly at: string;
  /** The `webhook-timestamp` header sent (unix seconds). */
  readonly webhookTimestamp: number;
  readonly statusCode?: number;
  readonly latencyMs: number;
  readonly error?: string;
  readonly outcome: 'succeeded' | 'failed' | 'gone';
  /** When the next attempt is due, if any. */
  readonly nextAttemptAt?: string;
  /** Made by hand (retryDelivery), outside the schedule. */
  readonly manual?: boolean;
}

/** One message to one subscription, with every attempt made to deliver it. */
export interface Delivery {
  /** `msg_…`: the `webhook-id`, stable across retries and replays. */
  readonly id: string;
  readonly subscriptionId: string;
  readonly type: WebhookEventType | 'ping';
  /** The event the message comes from (the subscription id for pings). */
  readonly eventId: string;
  readonly transcriptId?: string;
  readonly revision?: number;
  readonly topic?: string;
  /** The exact JSON body, identical on every attempt. */
  readonly body: string;
  readonly createdAt: string;
  readonly status: DeliveryStatus;
  /** Attempts made in the current run of the schedule (a replay starts a new run). */
  readonly attemptCount: number;
  /** Every attempt, oldest first (the newest 50 are kept). */
  readonly attempts: readonly DeliveryAttempt[];
  readonly nextAttemptAt?: string;
  /** When a sweeper may take the delivery: its next attempt, or the end of a sender's lease. Absent when nothing is due. */
  readonly dueAt?: string;
  /** Optimistic-concurrency counter, +1 on every write. */
  readonly version: number;
  readonly replays?: number;
}

/** A page of a listing. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

/** Paging input of a listing. */
export interface PageRequest {
  readonly limit?: number;
  readonly cursor?: string;
}

/**
 * What a claim on a message's fan-out found: `fresh` (first claim: none of its deliveries exists),
 * `resumed` (an earlier owner's lease ran out before it finished: some deliveries may exist),
 * `done` (fanned out already) or `busy` (another owner holds a live lease).
 */
export type MessageClaim = 'fresh' | 'resumed' | 'done' | 'busy';

/** Storage of subscriptions and deliveries. */
export interface WebhookStore {
  /** Stores a new subscription; ConflictError when the id exists. */
  createSubscription(s: Subscription): Promise<void>;
  getSubscription(id: string): Promise<Subscription | undefined>;
  listSubscriptions(page: PageRequest): Promise<Page<Subscription>>;
  /** Every subscription, enabled or not (the notifier matches against them). */
  allSubscriptions(): Promise<Subscription[]>;
  /** Replaces a subscription's mutable fields; NotFoundError when it is gone. */
  updateSubscription(
    id: string,
    changes: Partial<Pick<Subscription, 'status' | 'disabledReason' | 'disabledAt' | 'secrets' | 'failingSince'>>,
    remove?: readonly ('disabledReason' | 'disabledAt' | 'failingSince')[],
  ): Promise<Subscription>;
  /** Sets `failingSince` unless it is already set. */
  markFailing(id: string, sinceIso: string): Promise<void>;
  /** Deletes a subscription; false when there was none. */
  deleteSubscription(id: string): Promise<boolean>;

  /** Creates a delivery unless one with its id exists (then false: nothing is written). */
  createDelivery(d: Delivery): Promise<boolean>;
  getDelivery(id: string): Promise<Delivery | undefined>;
  /** Writes a delivery whose stored version is `expectedVersion`; ConflictError otherwise. */
  saveDelivery(d: Delivery, expectedVersion: number): Promise<void>;
  /** Deliveries by id, read consistently (undefined where there is none), in input order. */
  getDeliveries(ids: readonly string[]): Promise<(Delivery | undefined)[]>;
  /**
   * Claims the fan-out of messages (keys from `messageKeyFor`) for `owner` until `leaseUntilIso`:
   * one conditional write per message, taken only when the message is new or its earlier owner's
   * lease ended (at `nowIso`) before it was done.
   */
  claimMessages(keys: readonly string[], owner: string, leaseUntilIso: string, nowIso: string): Promise<MessageClaim[]>;
  /**
   * Ends `owner`'s claims: `done` once every delivery of the messages is stored, `released` (lease
   * ended at `nowIso`) when the owner gives up, so the next one may resume at once.
   */
  settleMessages(keys: readonly string[], owner: string, how: 'done' | 'released', nowIso: string): Promise<void>;
  /**
   * Writes deliveries unconditionally, in batches: only for a writer that owns them (a notifier
   * holding its claim on their message), where a condition would only cost.
   */
  putDeliveries(ds: readonly Delivery[]): Promise<void>;
  /** Saves many deliveries, each only if still at its expected version; true for each one saved. */
  saveDeliveries(entries: readonly { readonly delivery: Delivery; readonly expectedVersion: number }[]): Promise<boolean[]>;
  /** A subscription's deliveries, newest first. */
  listDeliveries(subscriptionId: string, page: PageRequest): Promise<Page<Delivery>>;
  /** A subscription's deliveries created at or after `sinceIso`, oldest first. */
  deliveriesSince(subscriptionId: string, sinceIso: string): AsyncIterable<Delivery>;
  /** Deliveries whose `dueAt` is at or before `nowIso`, oldest due first, at most `limit`. */
  dueDeliveries(nowIso: string, limit: number): Promise<Delivery[]>;
}

/** One webhook HTTP request. */
export interface SendRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What came of one request: a status code, or an error (refused target, timeout, reset…). */
export interface SendResult {
  readonly statusCode?: number;
  readonly latencyMs: number;
  readonly error?: string;
}

/** Sends webhook requests (HTTP with the SSRF guard, in the adapter). */
export interface WebhookSender {
  send(request: SendRequest): Promise<SendResult>;
}
