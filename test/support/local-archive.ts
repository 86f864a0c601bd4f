/**
 * Gives a test file its own tables and bucket on the run's DynamoDB Local and s3rver, and points
 * the handlers at them through the environment (they read it lazily).
 */
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { TableId } from '../../lambdas/adapters/table-definitions';
import {
  createBucket,
  createTables,
  localAwsEnv,
  localDynamoClient,
  localS3Client,
  tableNamesFor,
} from '../../local/services';

/** A test file's slice of the local services. Fields are set in beforeAll. */
export interface LocalArchive {
  tables: Record<TableId, string>;
  bucket: string;
  dynamo: DynamoDBClient;
  s3: S3Client;
  dynamoEndpoint: string;
  s3Endpoint: string;
  /** The environment handlers need (already applied to process.env). */
  env: Record<string, string>;
}

const endpoint = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run integration tests through jest (global setup starts the services)`);
  return value;
};

/** Registers beforeAll/afterAll that create and drop this file's tables and bucket. */
export const useLocalArchive = (): LocalArchive => {
  const archive = {} as LocalArchive;
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    const prefix = `t${randomBytes(4).toString('hex')}`;
    archive.dynamoEndpoint = endpoint('DEMARCHE_TEST_DYNAMO_ENDPOINT');
    archive.s3Endpoint = endpoint('DEMARCHE_TEST_S3_ENDPOINT');
    archive.dynamo = localDynamoClient(archive.dynamoEndpoint);
    archive.s3 = localS3Client(archive.s3Endpoint);
    archive.tables = tableNamesFor(prefix);
    archive.bucket = `${prefix}-transcripts`;
    await Promise.all([createTables(archive.dynamo, archive.tables), createBucket(archive.s3, archive.bucket)]);
    archive.env = localAwsEnv({
      dynamoEndpoint: archive.dynamoEndpoint,
      s3Endpoint: archive.s3Endpoint,
      tables: archive.tables,
      bucket: archive.bucket,
    });
    for (const [k, v] of Object.entries(archive.env)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  });
  afterAll(async () => {
    if (!archive.dynamo) return;
    await Promise.all(
      Object.values(archive.tables ?? {}).map((TableName) =>
        archive.dynamo.send(new DeleteTableCommand({ TableName })).catch(() => undefined),
      ),
    );
    archive.dynamo.destroy();
    archive.s3.destroy();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  return archive;
};
