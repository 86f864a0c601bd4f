/**
 * A function on a table's DynamoDB stream (projections, the webhook notifier): filtered to the
 * commits whose `types` string set holds one of the wiring's event types when it names some,
 * bisecting a failing batch to isolate the bad record, and sending records that still fail to an
 * on-failure queue instead of blocking the shard.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionName, FunctionSource } from '../lambdas/adapters/wiring';
import { DemarcheFunction, type ArchiveResources, type FunctionCodeSource } from './function-defaults';

/** The stream source settings from the wiring. */
export type DynamoStreamSource = Extract<FunctionSource, { kind: 'dynamodb-stream' }>;

/** How many times a failing batch is retried before its records go to the on-failure queue. */
export const STREAM_RETRY_ATTEMPTS = 10;

/** The Lambda event filter for a stream source: commits whose `types` set holds one of `eventTypes`. */
export const streamFilters = (source: DynamoStreamSource): Array<Record<string, unknown>> | undefined =>
  source.eventTypes && source.eventTypes.length > 0
    ? [lambda.FilterCriteria.filter({ dynamodb: { NewImage: { types: { SS: [...source.eventTypes] } } } })]
    : undefined;

/** Properties of a StreamConsumer. */
export interface StreamConsumerProps extends FunctionCodeSource {
  readonly name: FunctionName;
  readonly source: DynamoStreamSource;
  readonly archive: ArchiveResources;
  /** Extra environment (e.g. the webhook key id). */
  readonly environment?: Record<string, string>;
}

/** A DynamoDB stream consumer with its on-failure queue. */
export class StreamConsumer extends Construct {
  /** The function. */
  readonly function: DemarcheFunction;
  /** Stream records that failed every retry (the message holds the shard and sequence range). */
  readonly failureQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: StreamConsumerProps) {
    super(scope, id);
    this.function = new DemarcheFunction(this, 'Function', props);
    this.failureQueue = new sqs.Queue(this, 'FailureQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failureQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself the dead-letter path: the on-failure destination of the ${props.name} stream mapping.`,
    });
    const table = props.archive.store.tables[props.source.table];
    this.function.fn.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: props.source.batchSize,
        // Concurrent batches per shard, as the local stream poller runs them (records of one
        // partition key, i.e. one commit stream, stay in order).
        ...(props.source.parallelization ? { parallelizationFactor: props.source.parallelization } : {}),
        bisectBatchOnError: true,
        retryAttempts: STREAM_RETRY_ATTEMPTS,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.failureQueue),
        filters: streamFilters(props.source),
      }),
    );
  }
}
