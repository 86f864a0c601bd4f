/**
 * S3 event notifications as they arrive in an SQS message body: the created objects they name,
 * with keys form-encoded as S3 writes them (`+` for space, `%XX` for the rest). One place for both
 * directions: ingest decodes, the local runtime encodes what it puts on its queue, and
 * `demarche redrive` reads dead letters.
 */
import * as z from 'zod';

/** An S3 event notification record, as far as ingest reads it. */
const s3RecordSchema = z.object({
  eventName: z.string(),
  eventTime: z.string(),
  s3: z.object({
    bucket: z.object({ name: z.string() }),
    object: z.object({
      key: z.string(),
      eTag: z.string().optional(),
      versionId: z.string().optional(),
      sequencer: z.string().optional(),
    }),
  }),
});

/** The body of an SQS message from S3: event records, or the test event S3 sends when wiring up. */
const notificationSchema = z.union([
  z.object({ Records: z.array(s3RecordSchema) }),
  z.object({ Event: z.literal('s3:TestEvent') }),
]);

/** A created object named by a notification. */
export interface ObjectCreated {
  readonly bucket: string;
  /** The decoded key. */
  readonly key: string;
  readonly etag?: string;
  readonly eventTime: string;
}

/** An SQS message body that is not an S3 notification (retrying will not help; it ends in the DLQ). */
export class MalformedNotificationError extends Error {
  override readonly name = 'MalformedNotificationError';
}

/** S3 writes keys in notifications form-encoded: `+` for space, `%XX` for the rest. */
export const decodeNotificationKey = (key: string): string => {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch (cause) {
    throw new MalformedNotificationError(`object key ${JSON.stringify(key)} is not form-encoded`, { cause });
  }
};

/** The created objects of one SQS message body; none for `s3:TestEvent` or other event names. */
export const objectsCreatedIn = (body: string): ObjectCreated[] => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (cause) {
    throw new MalformedNotificationError('message body is not JSON', { cause });
  }
  const parsed = notificationSchema.safeParse(json);
  if (!parsed.success) throw new MalformedNotificationError('message body is not an S3 event notification', { cause: parsed.error });
  if (!('Records' in parsed.data)) return [];
  return parsed.data.Records.filter((r) => r.eventName.startsWith('ObjectCreated:')).map((r) => ({
    bucket: r.s3.bucket.name,
    key: decodeNotificationKey(r.s3.object.key),
    etag: r.s3.object.eTag,
    eventTime: r.eventTime,
  }));
};

/** S3 encodes keys in notifications like HTML form values: spaces as `+`, slashes kept. */
export const encodeNotificationKey = (key: string): string =>
  encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
