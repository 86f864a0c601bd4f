/**
 * Webhook infrastructure: the KMS key that encrypts subscriptions' signing secrets, and the
 * scheduled sweep that delivers (and retries) due deliveries, with a dead-letter queue for
 * invocations EventBridge could not make.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionDefinition, FunctionName, FunctionSource } from '../lambdas/adapters/wiring';
import { DemarcheFunction, type ArchiveResources, type FunctionCodeSource } from './function-defaults';

/** The environment variable carrying the webhook secrets key id. */
export const WEBHOOK_KMS_KEY_ENV_VAR = 'WEBHOOK_KMS_KEY_ID';

/** The KMS key for webhook signing secrets. */
export class WebhookSecrets extends Construct {
  /** The key. */
  readonly key: kms.Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'demarche webhook signing secrets',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** The environment a function with secrets access needs. */
  environmentFor(definition: FunctionDefinition): Record<string, string> {
    return definition.secrets ? { [WEBHOOK_KMS_KEY_ENV_VAR]: this.key.keyId } : {};
  }

  /** Grants exactly the KMS actions the wiring names: Encrypt+Decrypt, or Decrypt alone. */
  grant(fn: DemarcheFunction): void {
    const access = fn.definition.secrets;
    if (!access) return;
    const actions = access === 'encrypt-decrypt' ? ['kms:Encrypt', 'kms:Decrypt'] : ['kms:Decrypt'];
    fn.role.addToPolicy(new iam.PolicyStatement({ actions, resources: [this.key.keyArn] }));
  }
}

/** The schedule source settings from the wiring. */
export type ScheduleSource = Extract<FunctionSource, { kind: 'schedule' }>;

/** Properties of a ScheduledFunction. */
export interface ScheduledFunctionProps extends FunctionCodeSource {
  readonly name: FunctionName;
  readonly source: ScheduleSource;
  readonly archive: ArchiveResources;
  readonly environment?: Record<string, string>;
}

/** A function run on a fixed-rate EventBridge schedule (the webhook deliverer's retry sweep). */
export class ScheduledFunction extends Construct {
  /** The function. */
  readonly function: DemarcheFunction;
  /** Scheduled invocations EventBridge failed to make after its retries. */
  readonly deadLetterQueue: sqs.Queue;
  /** The schedule rule. */
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: ScheduledFunctionProps) {
    super(scope, id);
    this.function = new DemarcheFunction(this, 'Function', props);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself the dead-letter path: the DLQ of the ${props.name} schedule target.`,
    });
    this.rule = new events.Rule(this, 'Schedule', {
      schedule: events.Schedule.rate(Duration.seconds(props.source.everySeconds)),
      description: `Runs the demarche ${props.name} function every ${props.source.everySeconds} s`,
    });
    // A failed sweep is not retried by Lambda: the next scheduled sweep does the same work.
    this.function.fn.configureAsyncInvoke({
      retryAttempts: 0,
      maxEventAge: Duration.seconds(Math.max(60, props.source.everySeconds)),
    });
    this.rule.addTarget(
      new targets.LambdaFunction(this.function.fn, {
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 2,
        // A sweep older than one period is superseded by the next one.
        maxEventAge: Duration.seconds(Math.max(60, props.source.everySeconds)),
      }),
    );
  }
}
