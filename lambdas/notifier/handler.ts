/**
 * Notifier: DynamoDB stream of the events table → webhook deliveries. Each record is one commit
 * item; the ones carrying webhook-relevant event types are decoded and fanned out (the first
 * attempt of each new delivery is made at once). Failed records are reported as batch item
 * failures, so the stream retries from them; redelivered records create nothing new.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Subscription } from '../core/webhooks/subscription';
import { decodeCommitItem } from '../adapters/event-commits';
import { flushDeliveryMetrics, webhookRuntime } from '../adapters/webhook-runtime';
import { FUNCTIONS } from '../adapters/wiring';

const RELEVANT: readonly string[] = FUNCTIONS.notifier.source.eventTypes;

/** Whether a commit holds an event type that can become a webhook (AWS filters; locally every commit comes). */
const isRelevant = (record: DynamoDBRecord): boolean =>
  record.eventName !== 'REMOVE' && (record.dynamodb?.NewImage?.types?.SS ?? []).some((t) => RELEVANT.includes(t));

/** The Lambda handler. */
export const handler = async (event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> => {
  const runtime = webhookRuntime();
  // Claims on messages end with the invocation at the latest, so a retry after a timeout can resume them.
  const deadlineMs = context ? Date.now() + context.getRemainingTimeInMillis() : undefined;
  let subscriptions: Promise<readonly Subscription[]> | undefined;
  // One read of the subscriptions serves every record of the batch.
  const loadSubscriptions = (): Promise<readonly Subscription[]> => (subscriptions ??= runtime.store.allSubscriptions());
  const notify = async (record: DynamoDBRecord): Promise<void> => {
    if (!isRelevant(record)) return;
    await runtime.notifier.notify(decodeCommitItem(record.dynamodb?.NewImage), { subscriptions: loadSubscriptions, ...(deadlineMs ? { deadlineMs } : {}) });
  };
  // Records of different transcripts in parallel (one's writes no longer hold up another's sends);
  // records of one transcript (partition key) in stream order, each failing when an earlier one did.
  const chains = new Map<string, Promise<void>>();
  const recordHandler = (record: DynamoDBRecord): Promise<void> => {
    const key = record.dynamodb?.Keys?.pk?.S ?? record.eventID ?? '';
    const run = (chains.get(key) ?? Promise.resolve()).then(() => notify(record));
    chains.set(key, run);
    return run;
  };
  // A processor per invocation: its state must not be shared by overlapping local invocations.
  try {
    return await processPartialResponse(event, recordHandler, new BatchProcessor(EventType.DynamoDBStreams), {
      ...(context ? { context } : {}),
      processInParallel: true,
    });
  } finally {
    flushDeliveryMetrics();
  }
};
