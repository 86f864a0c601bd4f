/**
 * AWS SDK clients, created once per process on first use. Endpoints come from the SDK's own
 * `AWS_ENDPOINT_URL_DYNAMODB` / `AWS_ENDPOINT_URL_S3` variables, so the local runtime and tests
 * point the very same handlers at DynamoDB Local and s3rver; `DEMARCHE_S3_FORCE_PATH_STYLE=1`
 * turns on path-style addressing, which s3rver needs.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

/** The low-level DynamoDB client. */
export const dynamoClient = once(() => new DynamoDBClient({ maxAttempts: 5 }));

/** The DynamoDB document client (plain JS values in and out). */
export const documentClient = once(() =>
  DynamoDBDocumentClient.from(dynamoClient(), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }),
);

/** The S3 client. */
export const s3Client = once(
  () => new S3Client({ forcePathStyle: process.env.DEMARCHE_S3_FORCE_PATH_STYLE === '1', maxAttempts: 5 }),
);
