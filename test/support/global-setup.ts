/**
 * Starts ONE DynamoDB Local and ONE s3rver for the whole jest run; test files create their own
 * uniquely prefixed tables and buckets on them (`useLocalArchive`). Endpoints reach the workers
 * through the environment.
 */
import { startDynamoLocal, startS3 } from '../../local/services';

declare global {
  // eslint-disable-next-line no-var
  var __demarcheServices: Array<{ stop(): Promise<void> }> | undefined;
}

export default async function globalSetup(): Promise<void> {
  // Lambda runs Node 22; the SDK's warning about local Node 20 is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const [dynamo, s3] = await Promise.all([startDynamoLocal(), startS3()]);
  globalThis.__demarcheServices = [dynamo, s3];
  process.env.DEMARCHE_TEST_DYNAMO_ENDPOINT = dynamo.endpoint;
  process.env.DEMARCHE_TEST_S3_ENDPOINT = s3.endpoint;
}
