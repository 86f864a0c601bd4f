/**
 * Pre-signed PUT URLs into the transcripts bucket (the API's UploadSigner port, on S3). The S3 SDK
 * and its presigner (s3-presign.ts) load on the first upload, not with the module: only
 * `POST /uploads` needs them, so the API's other requests, and its cold start, never load them.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { UploadSigner } from '../api/routes';

/**
 * An UploadSigner for one bucket. `s3` is the client, or a function giving it on first use (the
 * API handler's loads the S3 client module then).
 */
export const s3UploadSigner = (s3: S3Client | (() => S3Client | Promise<S3Client>), bucket: string): UploadSigner => ({
  bucket,
  async presignPut(input) {
    const [{ presignPut }, client] = await Promise.all([import('./s3-presign'), typeof s3 === 'function' ? s3() : s3]);
    return presignPut(client, bucket, input);
  },
});
