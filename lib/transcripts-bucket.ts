/**
 * The transcripts bucket and the queue its ObjectCreated notifications land in: encrypted,
 * versioned, private, TLS-only, with server access logs; the queue (SSE, TLS-only) has a
 * dead-letter queue after the wiring's maxReceiveCount.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionSource } from '../lambdas/adapters/wiring';

/** The S3 → SQS source settings from the wiring. */
export type SqsFromS3Source = Extract<FunctionSource, { kind: 'sqs-from-s3' }>;

/** Properties of the TranscriptsBucket. */
export interface TranscriptsBucketProps {
  /** The ingest function's source (queue visibility timeout, DLQ redrive count). */
  readonly source: SqsFromS3Source;
}

/** The transcripts bucket, its access-log bucket, and the ingest queue with its dead-letter queue. */
export class TranscriptsBucket extends Construct {
  /** Where transcripts are uploaded. */
  readonly bucket: s3.Bucket;
  /** Server access logs of the transcripts bucket. */
  readonly accessLogs: s3.Bucket;
  /** ObjectCreated notifications, consumed by the ingest function. */
  readonly queue: sqs.Queue;
  /** Notifications that failed ingest maxReceiveCount times. */
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: TranscriptsBucketProps) {
    super(scope, id);

    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'transcripts/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.deadLetterQueue = new sqs.Queue(this, 'IngestDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'IngestQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(props.source.visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.source.maxReceiveCount },
    });

    this.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(this.queue));
    acknowledgeBucketNotificationsHandler(this);
  }
}

/**
 * addEventNotification deploys CDK's BucketNotificationsHandler (a custom resource that sets the
 * notification at deploy time). CDK scopes its s3:PutBucketNotification to this bucket but gives
 * its role AWSLambdaBasicExecutionRole, which this CDK-provided singleton cannot swap.
 */
const acknowledgeBucketNotificationsHandler = (scope: Construct): void => {
  const handler = Stack.of(scope).node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
  if (!handler) throw new Error('BucketNotificationsHandler not found: CDK changed how bucket notifications are deployed');
  Validations.of(handler).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason: 'CDK-provided BucketNotificationsHandler (custom resource that sets the bucket notification at deploy time): CDK creates its role with this managed policy for its own logs.',
  });
};
