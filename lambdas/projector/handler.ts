/**
 * Projector: DynamoDB stream of the events table → views. Each record is one commit item; the
 * batch's commits are decoded and handed to `projectEvents`, which folds each touched stream and
 * writes views idempotently. A failure throws, so the stream redelivers the batch (harmless; with
 * bisect on error, Lambda narrows a failing batch down to the record at fault). Its answer is
 * Lambda's stream batch response (the mapping reports batch item failures), never anything else.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { systemClock } from '../core/clock';
import type { StoredEvent } from '../core/events';
import { projectEvents, type ProjectionReport, type ProjectorDeps } from '../core/projections/projector';
import { dynamoClient, documentClient } from '../adapters/dynamo-clients';
import { tableName } from '../adapters/config';
import { decodeCommitItem } from '../adapters/event-commits';
import { DynamoEventStore } from '../adapters/dynamo-event-store';
import { DynamoViewStore } from '../adapters/dynamo-views';

let deps: ProjectorDeps | undefined;
const projectorDeps = (): ProjectorDeps =>
  (deps ??= {
    store: new DynamoEventStore({ client: dynamoClient(), tableName: tableName('events') }),
    views: new DynamoViewStore(documentClient(), tableName('views')),
    clock: systemClock,
  });

/** The events of a stream batch's inserted or modified commit items, in record order. */
export const eventsOfStreamEvent = (event: DynamoDBStreamEvent): StoredEvent[] =>
  event.Records.flatMap((r) => (r.eventName !== 'REMOVE' && r.dynamodb?.NewImage ? decodeCommitItem(r.dynamodb.NewImage) : []));

/** Projects one stream batch with the given ports (the local runtime and tests inject theirs). */
export const projectStreamEvent = (deps: ProjectorDeps, event: DynamoDBStreamEvent): Promise<ProjectionReport> =>
  projectEvents(deps, eventsOfStreamEvent(event));

/** The Lambda handler. */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const report = await projectStreamEvent(projectorDeps(), event);
  // A failed search compaction leaves the batch projected; the next batch tries again.
  if (report.compactionError) console.error(JSON.stringify({ level: 'WARN', message: 'search compaction failed', error: report.compactionError }));
  // Every record was projected (a failure throws): an empty list tells Lambda the batch is done.
  return { batchItemFailures: [] };
};
