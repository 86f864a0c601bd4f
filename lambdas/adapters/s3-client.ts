/**
 * The S3 client, created once per process on first use. The endpoint comes from the SDK's own
 * `AWS_ENDPOINT_URL_S3`; `DEMARCHE_S3_FORCE_PATH_STYLE=1` turns on path-style addressing, which
 * s3rver needs. A module of its own so only the functions that use S3 bundle and load it.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { S3_MAX_ATTEMPTS, s3ForcePathStyle } from './config';

let client: S3Client | undefined;

/** The S3 client. */
export const s3Client = (): S3Client =>
  (client ??= new S3Client({ forcePathStyle: s3ForcePathStyle(), maxAttempts: S3_MAX_ATTEMPTS }));
