/**
 * S3 → SQS as AWS wires it: every ObjectCreated notification becomes one queue message whose body
 * is the S3 event JSON (`{"Records": [...]}`), with the object key URL-encoded the way S3 encodes
 * it in notifications. `reconcileBucket` closes the gap a crash could leave between an object
 * landing in the bucket and its notification reaching the queue journal.
 */
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import { encodeNotificationKey } from '../../lambdas/adapters/s3-notification';

/** The object facts a notification carries. */
export interface CreatedObject {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly eventTime: string;
  readonly eventName?: string;
  readonly versionId?: string;
}

/** The key the journal remembers an object revision by. */
export const objectDedupeKey = (bucket: string, key: string, etag: string): string => `s3://${bucket}/${key}#${stripQuotes(etag)}`;

const stripQuotes = (etag: string): string => etag.replace(/^"|"$/g, '');

const hex = (n: number): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();

/** Builds the S3 event notification AWS would put on the queue for a created object. */
export const s3CreatedEvent = (object: CreatedObject, region: string): S3Event => {
  const record: S3EventRecord = {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: region,
    eventTime: object.eventTime,
    eventName: object.eventName ?? 'ObjectCreated:Put',
    userIdentity: { principalId: 'AWS:LOCAL' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': hex(8), 'x-amz-id-2': hex(16) },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'demarche-transcripts',
      bucket: { name: object.bucket, ownerIdentity: { principalId: 'LOCAL' }, arn: `arn:aws:s3:::${object.bucket}` },
      object: {
        key: encodeNotificationKey(object.key),
        size: object.size,
        eTag: stripQuotes(object.etag),
        sequencer: Date.now().toString(16).toUpperCase().padStart(16, '0'),
        ...(object.versionId ? { versionId: object.versionId } : {}),
      },
    },
  };
  return { Records: [record] };
};

/** The part of an s3rver 'event' payload this module reads. */
export interface S3rverNotification {
  readonly Records: ReadonlyArray<{
    readonly eventName: string;
    readonly eventTime: string;
    readonly s3: { readonly bucket: { readonly name: string }; readonly object: { readonly key: string; readonly size?: number; readonly eTag?: string } };
  }>;
}

/** The created objects in an s3rver notification (s3rver gives raw keys; removals are ignored). */
export const createdObjectsOf = (event: S3rverNotification): CreatedObject[] =>
  event.Records.filter((r) => r.eventName.startsWith('ObjectCreated:')).map((r) => ({
    bucket: r.s3.bucket.name,
    key: r.s3.object.key,
    size: r.s3.object.size ?? 0,
    etag: r.s3.object.eTag ?? '',
    eventTime: r.eventTime,
    eventName: r.eventName,
  }));

/** Where notifications go: a queue that remembers which objects it has seen. */
export interface NotificationQueue {
  send(body: string, dedupeKey?: string): string;
  isKnown(dedupeKey: string): boolean;
}

/** Enqueues the notification of one created object. */
export const notifyCreated = (queue: NotificationQueue, object: CreatedObject, region: string): void => {
  queue.send(JSON.stringify(s3CreatedEvent(object, region)), objectDedupeKey(object.bucket, object.key, object.etag));
};

/**
 * Lists the bucket and enqueues a notification for every object revision (key + ETag) the queue
 * has never seen: uploads that landed while the runtime was down or just before it was killed.
 * Returns how many were enqueued.
 */
export const reconcileBucket = async (s3: S3Client, bucket: string, queue: NotificationQueue, region: string): Promise<number> => {
  let token: string | undefined;
  let enqueued = 0;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const o of page.Contents ?? []) {
      if (!o.Key || !o.ETag) continue;
      if (queue.isKnown(objectDedupeKey(bucket, o.Key, o.ETag))) continue;
      notifyCreated(
        queue,
        {
          bucket,
          key: o.Key,
          size: o.Size ?? 0,
          etag: o.ETag,
          eventTime: (o.LastModified ?? new Date()).toISOString(),
        },
        region,
      );
      enqueued += 1;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return enqueued;
};
