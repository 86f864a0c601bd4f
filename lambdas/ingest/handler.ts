/**
 * Ingest: S3 ObjectCreated → SQS → this function. Each SQS message carries one S3 event
 * notification; each object it names is read from the bucket and handed to `archiveTranscript`.
 * Bad transcripts are recorded as TranscriptRejected (the message is consumed); anything that may
 * succeed later (throttling, S3 5xx, ConcurrencyError after re-reads) throws, the record is
 * reported as a batch item failure, SQS redelivers it and, after maxReceiveCount, dead-letters it.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type ArchiveResult, archiveTranscript } from '../core/archive-transcript';
import { type Clock, systemClock } from '../core/clock';
import type { UploadMetadata } from '../core/events';
import type { EventStore } from '../core/event-store';
import { dynamoClient } from '../adapters/dynamo-clients';
import { type ObjectReader, s3ObjectReader } from '../adapters/s3-object-reader';
import { tableName } from '../adapters/config';
import { DynamoEventStore } from '../adapters/dynamo-event-store';
import { MalformedNotificationError, objectsCreatedIn, type ObjectCreated } from '../adapters/s3-notification';

/** Decodes an RFC 2047 encoded-word (`=?UTF-8?B?…?=` / `=?UTF-8?Q?…?=`), as SDKs send non-ASCII metadata. */
export const decodeHeaderValue = (value: string): string =>
  value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (whole, charset: string, encoding: string, text: string) => {
    if (!/^utf-?8$/i.test(charset)) return whole;
    if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
    const bytes = text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  });

/** Upload metadata from S3 user metadata (`x-amz-meta-title`, `-date`, `-url`, `-speaker`). */
export const uploadMetadataOf = (metadata: Record<string, string> | undefined): UploadMetadata => {
  const out: Record<string, string> = {};
  for (const name of ['title', 'date', 'url', 'speaker'] as const) {
    const raw = metadata?.[name] ?? metadata?.[`x-amz-meta-${name}`];
    const value = raw === undefined ? undefined : decodeHeaderValue(raw).trim();
    if (value) out[name] = value;
  }
  return out;
};

const unquote = (etag: string): string => etag.replace(/^"|"$/g, '');

/** What the handler talks to. */
export interface IngestDeps {
  /** Reads the uploaded objects (s3ObjectReader: one signed GET, without the S3 client's weight at cold start). */
  readonly s3: ObjectReader;
  readonly store: EventStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly maxBytes?: number;
}

/** Reads one created object and archives it; undefined when the object is gone. */
export const ingestObject = async (deps: IngestDeps, created: ObjectCreated): Promise<ArchiveResult | undefined> => {
  const object = await deps.s3.getObject(created.bucket, created.key);
  // Deleted before we got to it: nothing to archive, and retrying will not bring it back.
  if (!object) {
    deps.logger.warn('object no longer exists', { bucket: created.bucket, key: created.key });
    return undefined;
  }
  const etag = unquote(object.etag ?? created.etag ?? '');
  // We read the key's current object, which may be newer than this notification's: then its own
  // time (LastModified) identifies it, so every notification of that object yields the same events.
  const sameObject = created.etag === undefined || unquote(created.etag) === etag;
  const receivedAtMs = sameObject || !object.lastModified ? Date.parse(created.eventTime) : object.lastModified.getTime();
  return archiveTranscript(
    {
      bucket: created.bucket,
      key: created.key,
      etag,
      ...(object.versionId && object.versionId !== 'null' ? { versionId: object.versionId } : {}),
      bytes: object.bytes,
      metadata: uploadMetadataOf(object.metadata),
      receivedAtMs: Number.isFinite(receivedAtMs) ? receivedAtMs : deps.clock.now(),
    },
    { store: deps.store, clock: deps.clock, maxBytes: deps.maxBytes },
  );
};

/** Builds the handler around its dependencies (created on first use). */
export const createIngestHandler = (deps: () => IngestDeps) => {
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    const d = deps();
    try {
      for (const created of objectsCreatedIn(record.body)) {
        const result = await ingestObject(d, created);
        if (result) d.logger.info('ingested', { messageId: record.messageId, key: created.key, ...result });
      }
    } catch (error) {
      d.logger.error('record failed; SQS will redeliver it', { messageId: record.messageId, error: error as Error });
      throw error;
    }
  };
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> =>
    // A processor per invocation: overlapping invocations (locally, in one process) must not share its state.
    processPartialResponse(event, recordHandler, new BatchProcessor(EventType.SQS), context ? { context } : undefined);
};

let defaults: IngestDeps | undefined;
const defaultDeps = (): IngestDeps =>
  (defaults ??= {
    s3: s3ObjectReader(),
    store: new DynamoEventStore({ client: dynamoClient(), tableName: tableName('events') }),
    clock: systemClock,
    logger: new Logger({ serviceName: 'demarche-ingest' }),
  });

/** The Lambda handler. */
export const handler = createIngestHandler(defaultDeps);
