/** Pre-signed PUT URLs into the transcripts bucket (the API's UploadSigner port, on S3). */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { UploadSigner } from '../api/routes';

/** An UploadSigner for one bucket. Metadata and content type become signed headers the PUT must send. */
export const s3UploadSigner = (s3: S3Client, bucket: string): UploadSigner => ({
  bucket,
  async presignPut({ key, contentType, metadata, expiresInSeconds }) {
    const command = new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType, Metadata: metadata });
    const signed = new Set(['content-type', ...Object.keys(metadata).map((k) => `x-amz-meta-${k}`)]);
    return getSignedUrl(s3, command, { expiresIn: expiresInSeconds, signableHeaders: signed, unhoistableHeaders: signed });
  },
});
