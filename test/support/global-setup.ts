/**
 * Starts ONE DynamoDB Local and ONE s3rver for the whole jest run; test files create their own
 * uniquely prefixed tables and buckets on them (`useLocalArchive`). Endpoints reach the workers
 * through the environment. A run limited to unit tests (paths given, none an `.int.` test) skips
 * the services: Java's start-up is not worth paying for them.
 */
import type { Config } from '@jest/types';
import { startDynamoLocal, startS3 } from '../../local/services';

declare global {
  // eslint-disable-next-line no-var
  var __demarcheServices: Array<{ stop(): Promise<void> }> | undefined;
}

const needsServices = (config: Config.GlobalConfig): boolean => {
  const patterns = config.testPathPatterns?.patterns ?? [];
  return patterns.length === 0 || patterns.some((p) => !/\.test\.ts$/.test(p) || /\.int\.test\.ts$/.test(p));
};

export default async function globalSetup(config: Config.GlobalConfig): Promise<void> {
  // Lambda runs Node 22; the SDK's warning about local Node 20 is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  if (!needsServices(config)) return;
  const [dynamo, s3] = await Promise.all([startDynamoLocal(), startS3()]);
  globalThis.__demarcheServices = [dynamo, s3];
  process.env.DEMARCHE_TEST_DYNAMO_ENDPOINT = dynamo.endpoint;
  process.env.DEMARCHE_TEST_S3_ENDPOINT = s3.endpoint;
}
