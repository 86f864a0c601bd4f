/** Pre-signs one PUT into a bucket (loaded on demand by s3-upload-signer.ts, with the S3 SDK it needs). */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { UploadSigner } from '../api/routes';

/** A URL accepting one PUT of `key` into `bucket`; metadata and content type become signed headers the PUT must send. */
export const presignPut = (s3: S3Client, bucket: string, input: Parameters<UploadSigner['presignPut']>[0]): Promise<string> => {
  const { key, contentType, metadata, expiresInSeconds } = input;
  const command = new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType, Metadata: metadata });
  const signed = new Set(['content-type', ...Object.keys(metadata).map((k) => `x-amz-meta-${k}`)]);
  return getSignedUrl(s3, command, { expiresIn: expiresInSeconds, signableHeaders: signed, unhoistableHeaders: signed });
};
