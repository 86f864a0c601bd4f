/**
 * Subscriptions: who wants which webhook events about which topics, and where to send them.
 * The zod schemas guard the API bodies; matching decides which subscriptions an event goes to.
 */
import * as z from 'zod';
import { TOPIC_IDS } from '../topic-ids';
import type { SigningSecret } from './signing';

/** The webhook event types a subscriber can ask for (events.md). */
export const WEBHOOK_EVENT_TYPES = ['topic.detected', 'topic.first_seen', 'transcript.rejected'] as const;
/** A webhook event type. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
/** What a subscription receives when it names no event types. */
export const DEFAULT_EVENT_TYPES: readonly WebhookEventType[] = ['topic.detected'];

/** Subscribes to every topic. */
export const ALL_TOPICS = '*';

/** Whether a subscription is sending. */
export type SubscriptionStatus = 'enabled' | 'disabled';

/** A subscription as stored (secrets in plain text here; the store encrypts them at rest). */
export interface Subscription {
  readonly id: string;
  readonly url: string;
  /** Topic ids, or `['*']` for all. */
  readonly topics: readonly string[];
  readonly events: readonly WebhookEventType[];
  readonly status: SubscriptionStatus;
  /** Why it was disabled (`gone`: the receiver answered 410; `failing`: every attempt failed for 5 days). */
  readonly disabledReason?: 'gone' | 'failing' | 'manual';
  readonly disabledAt?: string;
  readonly createdAt: string;
  /** Newest first; old ones carry `expiresAt` and sign until then. */
  readonly secrets: readonly SigningSecret[];
  /** Since when every attempt has failed (cleared by any success). */
  readonly failingSince?: string;
}

/** The public view of a subscription: never the secrets. */
export interface SubscriptionView {
  readonly id: string;
  readonly url: string;
  readonly topics: readonly string[];
  readonly events: readonly WebhookEventType[];
  readonly status: SubscriptionStatus;
  readonly disabledReason?: string;
  readonly disabledAt?: string;
  readonly createdAt: string;
  readonly failingSince?: string;
}

/** The public view of a subscription. */
export const toView = (s: Subscription): SubscriptionView => ({
  id: s.id,
  url: s.url,
  topics: s.topics,
  events: s.events,
  status: s.status,
  ...(s.disabledReason ? { disabledReason: s.disabledReason } : {}),
  ...(s.disabledAt ? { disabledAt: s.disabledAt } : {}),
  createdAt: s.createdAt,
  ...(s.failingSince ? { failingSince: s.failingSince } : {}),
});

const topicSchema = z.union([z.enum(TOPIC_IDS), z.literal(ALL_TOPICS)]);

/** Body of `POST /subscriptions`. */
export const createSubscriptionSchema = z.object({
  url: z.string().min(1).max(2048),
  topics: z
    .array(topicSchema)
    .min(1)
    .max(TOPIC_IDS.length + 1)
    .transform((topics) => (topics.includes(ALL_TOPICS) ? [ALL_TOPICS] : [...new Set(topics)])),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES))
    .min(1)
    .transform((events) => [...new Set(events)])
    .optional(),
});
/** Input of createSubscription. */
export type CreateSubscriptionInput = z.input<typeof createSubscriptionSchema>;

/** Body of `POST /subscriptions/{id}/replay`. */
export const replaySchema = z.object({ since: z.iso.datetime({ offset: true }) });

/** What one webhook message is about, for matching. */
export interface MessageSubject {
  readonly type: WebhookEventType;
  /** The topic, for topic.* events. */
  readonly topic?: string;
}

/** Whether a subscription (enabled or not) asks for this message. */
export const subscriptionWants = (s: Pick<Subscription, 'topics' | 'events'>, m: MessageSubject): boolean => {
  if (!s.events.includes(m.type)) return false;
  if (m.topic === undefined) return true; // transcript.rejected concerns no topic
  return s.topics.includes(ALL_TOPICS) || s.topics.includes(m.topic);
};
