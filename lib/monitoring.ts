/**
 * CloudWatch alarms: any message in a dead-letter or on-failure queue, any function error, any
 * failed webhook delivery attempt that exhausted its retries. They notify one SNS topic (TLS-only).
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, type DemarcheFunction } from './function-defaults';

/**
 * The Powertools metric a function that attempts webhook deliveries emits (Count, default dimension
 * service=<function name>) when a delivery fails for good: retries exhausted, or the subscriber
 * answered 410.
 */
export const DELIVERY_FAILED_METRIC = 'WebhookDeliveryFailed';

/** Properties of Monitoring. */
export interface MonitoringProps {
  /** Queues that should stay empty, by a readable name. */
  readonly deadLetterQueues: Record<string, sqs.IQueue>;
  /** Every function, by name. */
  readonly functions: Record<string, DemarcheFunction>;
  /** The functions that attempt webhook deliveries (their Powertools service names). */
  readonly webhookSenders: readonly string[];
}

/** The stack's alarms and their topic. */
export class Monitoring extends Construct {
  /** Where alarms notify: subscribe an address or a chat integration to it. */
  readonly topic: sns.Topic;
  /** Every alarm, by construct id. */
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'AlarmTopic', { displayName: 'demarche alarms', enforceSSL: true });
    const action = new actions.SnsAction(this.topic);
    const add = (alarmId: string, alarmProps: cloudwatch.AlarmProps) => {
      const alarm = new cloudwatch.Alarm(this, alarmId, alarmProps);
      alarm.addAlarmAction(action);
      this.alarms.push(alarm);
    };

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      add(`${name}DeadLetters`, {
        alarmDescription: `Messages waiting in the ${name} dead-letter queue: something failed every retry.`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }

    for (const [name, fn] of Object.entries(props.functions)) {
      add(`${pascal(name)}Errors`, {
        alarmDescription: `The ${name} function raised errors.`,
        metric: fn.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }

    if (props.webhookSenders.length > 0) {
      const usingMetrics = Object.fromEntries(
        props.webhookSenders.map((service, i) => [
          `m${i}`,
          new cloudwatch.Metric({
            namespace: METRICS_NAMESPACE,
            metricName: DELIVERY_FAILED_METRIC,
            dimensionsMap: { service },
            period: Duration.minutes(5),
            statistic: 'Sum',
          }),
        ]),
      );
      add('DeliveryFailures', {
        alarmDescription: 'Webhook deliveries failed for good (retries exhausted or subscriber gone).',
        metric: new cloudwatch.MathExpression({
          expression: Object.keys(usingMetrics).map((id) => `FILL(${id}, 0)`).join(' + '),
          usingMetrics,
          label: DELIVERY_FAILED_METRIC,
          period: Duration.minutes(5),
        }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
  }
}

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
