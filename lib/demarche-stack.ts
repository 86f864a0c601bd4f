/**
 * The demarche stack: every table from TABLES and every function from FUNCTIONS, each function
 * attached to the source its wiring names. Adding a function to wiring.ts wires it here.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { FUNCTIONS, type FunctionDefinition, type FunctionName, type FunctionSource } from '../lambdas/adapters/wiring';
import { ROUTES } from '../lambdas/api/routes';
import { Api, API_STAGE } from './api';
import { EventStore } from './event-store';
import type { ArchiveResources, DemarcheFunction, FunctionCodeSource } from './function-defaults';
import { Ingest } from './ingest';
import { Monitoring } from './monitoring';
import { StreamConsumer } from './stream-consumer';
import { TranscriptsBucket, type SqsFromS3Source } from './transcripts-bucket';
import { ScheduledFunction, WebhookSecrets } from './webhooks';

/** Properties of the DemarcheStack. */
export interface DemarcheStackProps extends StackProps, FunctionCodeSource {}

/** The environment variable carrying the API's public URL to the functions that send webhooks. */
export const PUBLIC_API_URL_ENV_VAR = 'DEMARCHE_PUBLIC_API_URL';

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];
const definitionOf = (name: FunctionName): FunctionDefinition => FUNCTIONS[name];

/** The whole archive on AWS. */
export class DemarcheStack extends Stack {
  /** The tables. */
  readonly store: EventStore;
  /** The transcripts bucket and ingest queue. */
  readonly transcripts: TranscriptsBucket;
  /** The webhook secrets key. */
  readonly secrets: WebhookSecrets;
  /** Every function, by its wiring name. */
  readonly functions: Record<FunctionName, DemarcheFunction>;
  /** The REST API, when a function serves HTTP. */
  readonly api?: Api;
  /** Alarms. */
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: DemarcheStackProps = {}) {
    super(scope, id, { description: 'demarche: event-sourced archive of diplomatic statements', ...props });
    const code: FunctionCodeSource = { entryRoot: props.entryRoot, stubCode: props.stubCode };

    this.store = new EventStore(this, 'EventStore');
    this.transcripts = new TranscriptsBucket(this, 'Transcripts', { source: sqsFromS3Source() });
    this.secrets = new WebhookSecrets(this, 'WebhookSecrets');
    const archive: ArchiveResources = { store: this.store, bucket: this.transcripts.bucket };

    const functions = {} as Record<FunctionName, DemarcheFunction>;
    const deadLetterQueues: Record<string, sqs.IQueue> = { Ingest: this.transcripts.deadLetterQueue };
    let api: Api | undefined;
    for (const name of FUNCTION_NAMES) {
      const definition = definitionOf(name);
      const source = definition.source;
      const common = { ...code, name, archive, environment: this.secrets.environmentFor(definition) };
      const id = pascal(name);
      switch (source.kind) {
        case 'sqs-from-s3':
          functions[name] = new Ingest(this, id, { ...common, source, queue: this.transcripts.queue }).function;
          break;
        case 'dynamodb-stream': {
          const consumer = new StreamConsumer(this, id, { ...common, source });
          functions[name] = consumer.function;
          deadLetterQueues[`${id}Stream`] = consumer.failureQueue;
          break;
        }
        case 'schedule': {
          const scheduled = new ScheduledFunction(this, id, { ...common, source });
          functions[name] = scheduled.function;
          deadLetterQueues[`${id}Schedule`] = scheduled.deadLetterQueue;
          break;
        }
        case 'http':
          if (api) throw new Error(`Only one function can serve the REST API (${name})`);
          api = new Api(this, id, { ...common, routes: ROUTES });
          functions[name] = api.function;
          break;
        default: {
          const unknown: never = source;
          throw new Error(`Unknown function source ${JSON.stringify(unknown)}`);
        }
      }
      this.secrets.grant(functions[name]);
    }
    this.functions = functions;
    this.api = api;

    if (api) {
      // Webhook payloads carry absolute links to the API. Built from the API's id (not its stage)
      // so the API function itself can carry it without a dependency cycle.
      const publicUrl = `https://${api.restApi.restApiId}.execute-api.${this.region}.${this.urlSuffix}/${API_STAGE}`;
      for (const name of FUNCTION_NAMES) {
        if (definitionOf(name).secrets) functions[name].fn.addEnvironment(PUBLIC_API_URL_ENV_VAR, publicUrl);
      }
    }

    // Functions that may decrypt webhook secrets are the ones that sign and send deliveries.
    const webhookSenders = FUNCTION_NAMES.filter((n) => definitionOf(n).secrets !== undefined && definitionOf(n).source.kind !== 'http');
    this.monitoring = new Monitoring(this, 'Monitoring', { deadLetterQueues, functions, webhookSenders });

    if (api) {
      new CfnOutput(this, 'ApiUrl', { value: api.restApi.url, description: 'Base URL of the REST API (DEMARCHE_API_URL)' });
      new CfnOutput(this, 'ApiKeyId', {
        value: api.apiKey.keyId,
        description: 'API key id: aws apigateway get-api-key --api-key <id> --include-value',
      });
    }
    new CfnOutput(this, 'TranscriptsBucketName', {
      value: this.transcripts.bucket.bucketName,
      description: 'Bucket transcripts are uploaded to',
    });
    new CfnOutput(this, 'IngestDeadLetterQueueArn', {
      value: this.transcripts.deadLetterQueue.queueArn,
      description: 'Uploads whose ingestion failed on every attempt: demarche redrive --aws --dead-letter-queue <arn>',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn, description: 'Subscribe to receive alarms' });
  }
}

/** The one S3 → SQS source in the wiring (the bucket's notifications feed exactly one queue). */
const sqsFromS3Source = (): SqsFromS3Source => {
  const sources = FUNCTION_NAMES.map((n): FunctionSource => definitionOf(n).source).filter(
    (s): s is SqsFromS3Source => s.kind === 'sqs-from-s3',
  );
  if (sources.length !== 1) throw new Error(`Expected exactly one sqs-from-s3 function in the wiring, found ${sources.length}`);
  return sources[0] as SqsFromS3Source;
};
