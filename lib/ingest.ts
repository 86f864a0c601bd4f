/**
 * The ingest function fed by the transcripts queue: batches of the wiring's size, with partial batch
 * failures so one bad transcript is retried (then dead-lettered) without its neighbours.
 */
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionName } from '../lambdas/adapters/wiring';
import { DemarcheFunction, type ArchiveResources, type FunctionCodeSource } from './function-defaults';
import type { SqsFromS3Source } from './transcripts-bucket';

/** Properties of an Ingest construct. */
export interface IngestProps extends FunctionCodeSource {
  readonly name: FunctionName;
  readonly source: SqsFromS3Source;
  readonly queue: sqs.IQueue;
  readonly archive: ArchiveResources;
}

/** An S3-notification queue consumer. */
export class Ingest extends Construct {
  /** The function. */
  readonly function: DemarcheFunction;

  constructor(scope: Construct, id: string, props: IngestProps) {
    super(scope, id);
    this.function = new DemarcheFunction(this, 'Function', props);
    this.function.fn.addEventSource(
      new SqsEventSource(props.queue, { batchSize: props.source.batchSize, reportBatchItemFailures: true }),
    );
  }
}
