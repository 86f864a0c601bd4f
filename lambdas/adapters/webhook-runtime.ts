/**
 * Puts the webhook domain together with its adapters, from the environment: the store on
 * WEBHOOKS_TABLE (secrets through KMS when WEBHOOK_KMS_KEY_ID is set, plain text locally), the
 * guarded HTTP sender, the delivery engine, the notifier and the service. Handlers and the local
 * runtime share one instance per process (`webhookRuntime()`); tests build their own.
 *
 * Environment:
 * - DEMARCHE_RETRY_SCHEDULE          retry delays (`1s,2s,5s`, `100ms,…`), default the production schedule
 * - DEMARCHE_ALLOW_PRIVATE_WEBHOOKS  `1` allows loopback/private targets (cloud metadata stays blocked)
 * - DEMARCHE_WEBHOOK_TIMEOUT_MS      request timeout, default 10 000
 * - DEMARCHE_PUBLIC_API_URL          prefix of the links in payloads (default: relative paths)
 * - WEBHOOK_KMS_KEY_ID               KMS key for secrets at rest (AWS)
 * - https is required for subscription URLs when running in Lambda against real AWS.
 */
import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { KMSClient } from '@aws-sdk/client-kms';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { systemClock, type Clock } from '../core/clock';
import { transcriptStream, type StoredEvent } from '../core/events';
import { randomUlid } from '../core/ids';
import { createDeliveryEngine, type DeliveryEngine } from '../core/webhooks/delivery';
import type { TranscriptReader } from '../core/webhooks/messages';
import { createNotifier, type Notifier } from '../core/webhooks/notifier';
import type { Delivery, WebhookStore } from '../core/webhooks/ports';
import { retryScheduleFrom } from '../core/webhooks/schedule';
import { createWebhookService, type WebhookService } from '../core/webhooks/service';
import { documentClient } from './dynamo-clients';
import { tableName } from './config';
import { decodeCommitItem } from './event-commits';
import { createHttpWebhookSender, DEFAULT_WEBHOOK_TIMEOUT_MS } from './webhook-sender';
import { createDynamoWebhookStore, kmsSecretCipher, plainSecretCipher } from './webhooks-store';

/** Webhook settings read from the environment. */
export interface WebhookConfig {
  readonly allowPrivate: boolean;
  readonly requireHttps: boolean;
  readonly schedule: readonly number[];
  readonly timeoutMs: number;
  /** How long a sender owns a delivery while attempting it. */
  readonly leaseMs: number;
  readonly linkBase: string;
  readonly kmsKeyId?: string;
  /**
   * How long one deliverer invocation keeps sweeping: 50 s in AWS (its schedule fires every 60 s,
   * and retries come 5 s apart); 0 locally, where the runtime calls it on a short timer.
   */
  readonly sweepBudgetMs: number;
}

/** Reads the webhook settings; throws on a malformed value. */
export const webhookConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): WebhookConfig => {
  const timeoutMs = env.DEMARCHE_WEBHOOK_TIMEOUT_MS ? Number(env.DEMARCHE_WEBHOOK_TIMEOUT_MS) : DEFAULT_WEBHOOK_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new Error(`DEMARCHE_WEBHOOK_TIMEOUT_MS must be a positive number, not ${env.DEMARCHE_WEBHOOK_TIMEOUT_MS}`);
  const inAws = Boolean(env.AWS_LAMBDA_FUNCTION_NAME) && !env.AWS_ENDPOINT_URL_DYNAMODB && !env.AWS_ENDPOINT_URL;
  return {
    allowPrivate: env.DEMARCHE_ALLOW_PRIVATE_WEBHOOKS === '1',
    requireHttps: inAws,
    schedule: retryScheduleFrom(env.DEMARCHE_RETRY_SCHEDULE),
    timeoutMs,
    leaseMs: timeoutMs + 5_000,
    linkBase: (env.DEMARCHE_PUBLIC_API_URL ?? '').replace(/\/+$/, ''),
    ...(env.WEBHOOK_KMS_KEY_ID ? { kmsKeyId: env.WEBHOOK_KMS_KEY_ID } : {}),
    sweepBudgetMs: inAws ? 50_000 : 0,
  };
};

/** Reads transcript streams straight from the events table's commit items. */
export const dynamoTranscriptReader = (client: DynamoDBDocumentClient, eventsTable: string): TranscriptReader => ({
  async readTranscript(transcriptId) {
    const events: StoredEvent[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await client.send(
        new QueryCommand({
          TableName: eventsTable,
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': transcriptStream(transcriptId) },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) events.push(...decodeCommitItem(item));
      start = out.LastEvaluatedKey;
    } while (start);
    return events;
  },
});

/** The assembled webhook machinery. */
export interface WebhookRuntime {
  readonly config: WebhookConfig;
  readonly store: WebhookStore & { nextDueAt(): Promise<string | undefined> };
  readonly engine: DeliveryEngine;
  readonly notifier: Notifier;
  readonly service: WebhookService;
  /** Frees keep-alive sockets. */
  close(): void;
}

/** Options for building a runtime (tests and benches override the defaults). */
export interface WebhookRuntimeOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly clock?: Clock;
  readonly client?: DynamoDBDocumentClient;
  readonly reader?: TranscriptReader;
  /** Concurrent sends (first attempts and sweeps each). */
  readonly concurrency?: number;
  readonly onWarning?: (message: string, cause?: unknown) => void;
  /** Called for each delivery that failed for good. */
  readonly onDead?: (delivery: Delivery) => void;
}

/** Builds the webhook machinery from the environment. */
export const createWebhookRuntime = (options: WebhookRuntimeOptions = {}): WebhookRuntime => {
  const env = options.env ?? process.env;
  const config = webhookConfigFromEnv(env);
  const clock = options.clock ?? systemClock;
  const client = options.client ?? documentClient();
  const cipher = config.kmsKeyId ? kmsSecretCipher(new KMSClient({}), config.kmsKeyId) : plainSecretCipher;
  const store = createDynamoWebhookStore({ client, tableName: tableName('webhooks', env), cipher });
  const sender = createHttpWebhookSender({ timeoutMs: config.timeoutMs, allowPrivate: config.allowPrivate });
  const engine = createDeliveryEngine({
    store,
    sender,
    clock,
    random: Math.random,
    schedule: config.schedule,
    leaseMs: config.leaseMs,
    concurrency: options.concurrency,
    onWarning: options.onWarning,
    onDead: options.onDead,
  });
  // Built on first use: only the notifier reads transcripts (the deliverer has no events table).
  let eventsReader: TranscriptReader | undefined;
  const reader: TranscriptReader = options.reader ?? {
    readTranscript: (id) => (eventsReader ??= dynamoTranscriptReader(client, tableName('events', env))).readTranscript(id),
  };
  const notifier = createNotifier({
    store,
    engine,
    reader,
    clock,
    linkBase: config.linkBase,
    concurrency: options.concurrency,
    // A send may take the whole timeout, and its writes follow: first attempts start no later
    // than that (plus 10 s) before the claim ends; 20 s are left to start them in.
    sendReserveMs: config.timeoutMs + 10_000,
    leaseMs: config.timeoutMs + 30_000,
    onWarning: options.onWarning,
  });
  const service = createWebhookService({
    store,
    engine,
    clock,
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    newSubscriptionId: () => `sub_${randomUlid(clock.now())}`,
    requireHttps: config.requireHttps,
    allowPrivate: config.allowPrivate,
    resolveHost: async (host) => (await lookup(host, { all: true })).map((a) => a.address),
  });
  return { config, store, engine, notifier, service, close: () => sender.close() };
};

let shared: WebhookRuntime | undefined;
let logger: Logger | undefined;
let deadSinceFlush = 0;

/** The metric a function that sends webhooks emits when deliveries fail for good (lib/monitoring.ts alarms on it). */
export const DELIVERY_FAILED_METRIC = 'WebhookDeliveryFailed';

/** The process-wide runtime, built on first use from process.env. */
export const webhookRuntime = (): WebhookRuntime =>
  (shared ??= createWebhookRuntime({
    onWarning: (message, cause) => (logger ??= new Logger({ serviceName: 'demarche-webhooks' })).warn(message, { error: cause as Error }),
    onDead: (delivery) => {
      deadSinceFlush++;
      (logger ??= new Logger({ serviceName: 'demarche-webhooks' })).warn('delivery failed for good', {
        deliveryId: delivery.id,
        subscriptionId: delivery.subscriptionId,
        attempts: delivery.attempts.length,
      });
    },
  }));

/**
 * Publishes the count of deliveries that failed for good since the last call, as the Powertools
 * metric WebhookDeliveryFailed (an EMF line on stdout). Only where a metrics namespace is
 * configured (the Lambda functions); locally nothing is printed.
 */
export const flushDeliveryMetrics = (env: NodeJS.ProcessEnv = process.env): void => {
  if (deadSinceFlush === 0 || !env.POWERTOOLS_METRICS_NAMESPACE) return;
  const metrics = new Metrics();
  metrics.addMetric(DELIVERY_FAILED_METRIC, MetricUnit.Count, deadSinceFlush);
  metrics.publishStoredMetrics();
  deadSinceFlush = 0;
};

/** Drops the process-wide runtime (tests that change the environment). */
export const resetWebhookRuntime = (): void => {
  shared?.close();
  shared = undefined;
};
