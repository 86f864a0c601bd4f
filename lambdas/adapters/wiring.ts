/**
 * Which handler consumes which source, and what it may touch: defined once, read by the CDK stack
 * (lib/) to wire AWS and by the local runtime (local/) to feed the same handlers the same events.
 */
import type { TableId } from './table-definitions';

/** Where a function's invocations come from. */
export type FunctionSource =
  /** S3 ObjectCreated → SQS queue (with dead-letter queue) → function, partial batch failures. */
  | { readonly kind: 'sqs-from-s3'; readonly batchSize: number; readonly maxReceiveCount: number; readonly visibilityTimeoutSeconds: number }
  /** DynamoDB stream of a table, optionally filtered to records whose `types` hold one of these event types. */
  | {
      readonly kind: 'dynamodb-stream';
      readonly table: TableId;
      readonly batchSize: number;
      readonly eventTypes?: readonly string[];
      /** Batches of one shard handled at once (the mapping's ParallelizationFactor; default 1). */
      readonly parallelization?: number;
    }
  /** A fixed-rate schedule. */
  | { readonly kind: 'schedule'; readonly everySeconds: number }
  /** API Gateway REST API proxy integration. */
  | { readonly kind: 'http' };

/** Access a function needs to one table. */
export type TableAccess = 'read' | 'readwrite';

/** One Lambda function of demarche. */
export interface FunctionDefinition {
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly source: FunctionSource;
  readonly tables: Partial<Record<TableId, TableAccess>>;
  readonly bucket?: 'read' | 'readwrite' | 'presign-put';
  /** Access to the webhook signing-secret key (KMS in AWS, env WEBHOOK_KMS_KEY_ID). */
  readonly secrets?: 'encrypt-decrypt' | 'decrypt';
  readonly memoryMiB: number;
  readonly timeoutSeconds: number;
}

/** Every function, by name. */
export const FUNCTIONS = {
  ingest: {
    entry: 'lambdas/ingest/handler.ts',
    source: { kind: 'sqs-from-s3', batchSize: 10, maxReceiveCount: 5, visibilityTimeoutSeconds: 180 },
    tables: { events: 'readwrite' },
    bucket: 'read',
    memoryMiB: 1024,
    timeoutSeconds: 30,
  },
  projector: {
    entry: 'lambdas/projector/handler.ts',
    source: { kind: 'dynamodb-stream', table: 'events', batchSize: 100 },
    tables: { events: 'readwrite', views: 'readwrite' },
    memoryMiB: 512,
    timeoutSeconds: 60,
  },
  notifier: {
    entry: 'lambdas/notifier/handler.ts',
    source: {
      kind: 'dynamodb-stream',
      table: 'events',
      batchSize: 100,
      eventTypes: ['TopicDetected', 'TopicFirstSeen', 'TranscriptRejected'],
      // Claims per message make overlapping batches safe; a batch's writes no longer hold up the next.
      parallelization: 4,
    },
    tables: { events: 'read', webhooks: 'readwrite' },
    /** The notifier makes each delivery's first attempt itself, so it signs too. */
    secrets: 'decrypt',
    memoryMiB: 512,
    timeoutSeconds: 60,
  },
  deliverer: {
    entry: 'lambdas/deliverer/handler.ts',
    source: { kind: 'schedule', everySeconds: 60 },
    tables: { webhooks: 'readwrite' },
    secrets: 'decrypt',
    memoryMiB: 512,
    timeoutSeconds: 300,
  },
  api: {
    entry: 'lambdas/api/handler.ts',
    source: { kind: 'http' },
    tables: { events: 'read', views: 'read', webhooks: 'readwrite' },
    bucket: 'presign-put',
    secrets: 'encrypt-decrypt',
    memoryMiB: 1024,
    timeoutSeconds: 29,
  },
} as const satisfies Record<string, FunctionDefinition>;

/** A function's name. */
export type FunctionName = keyof typeof FUNCTIONS;
