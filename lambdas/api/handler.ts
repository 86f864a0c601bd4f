/**
 * API Lambda: API Gateway REST proxy event → the API (app.ts) → proxy result. Ports are built once
 * per container from the environment. In AWS, API Gateway checks API keys (usage plan); locally the
 * runtime sets DEMARCHE_API_KEY and the API checks it itself.
 */
import { createHash } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { systemClock } from '../core/clock';
import { randomUlid } from '../core/ids';
import { documentClient, dynamoClient } from '../adapters/dynamo-clients';
import { bucketName, tableName } from '../adapters/config';
import { DynamoEventStore } from '../adapters/dynamo-event-store';
import { DynamoViewStore } from '../adapters/dynamo-views';
import { s3UploadSigner } from '../adapters/s3-upload-signer';
import { webhookRuntime } from '../adapters/webhook-runtime';
import { createApi } from './app';
import type { ApiDeps } from './routes';

/** The cursor HMAC key: DEMARCHE_CURSOR_SECRET, else derived from the deployment's own names. */
export const cursorSecretFromEnv = (env: NodeJS.ProcessEnv = process.env): string =>
  env.DEMARCHE_CURSOR_SECRET ??
  createHash('sha256').update(`demarche-cursor|${env.DEMARCHE_API_KEY ?? ''}|${tableName('views', env)}|${env.AWS_LAMBDA_FUNCTION_NAME ?? ''}`).digest('hex');

/** Builds the API's ports from the environment. */
export const apiDepsFromEnv = (env: NodeJS.ProcessEnv = process.env): ApiDeps => ({
  views: new DynamoViewStore(documentClient(), tableName('views', env)),
  events: new DynamoEventStore({ client: dynamoClient(), tableName: tableName('events', env) }),
  webhooks: () => webhookRuntime().service,
  // The S3 client loads with the first upload (POST /uploads), not with the function.
  uploads: s3UploadSigner(async () => (await import('../adapters/s3-client')).s3Client(), bucketName(env)),
  cursorSecret: cursorSecretFromEnv(env),
  ...(env.DEMARCHE_API_KEY ? { apiKey: env.DEMARCHE_API_KEY } : {}),
  clock: systemClock,
  newId: () => randomUlid(),
});

let api: ((event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>) | undefined;

/** The Lambda handler. */
export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> =>
  (api ??= createApi(apiDepsFromEnv(), {
    onError: (error, ctx) => console.error(JSON.stringify({ level: 'ERROR', message: 'request failed', ...ctx, error: String((error as Error)?.stack ?? error) })),
  }))(event);
