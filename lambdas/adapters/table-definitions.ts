/**
 * The one source of truth for demarche's DynamoDB tables: keys, indexes, streams and TTL.
 * The CDK stack (lib/) and the local runtime (local/) both build their tables from this module,
 * and the handlers learn each table's name from the environment variable named here.
 * No AWS SDK import: it is plain data.
 */

/** A key attribute. */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

/** A global secondary index. */
export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** What the index copies: every attribute (default) or only the keys. */
  readonly projection?: 'ALL' | 'KEYS_ONLY';
}

/** A table's shape, independent of where it runs. */
export interface TableDefinition {
  /** Short id: CDK construct id, local table-name suffix. */
  readonly id: TableId;
  /** Environment variable that carries the table's name to handlers. */
  readonly envVar: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalSecondaryIndexes: readonly IndexDefinition[];
  /** DynamoDB Streams view type, when the table feeds other handlers. */
  readonly stream?: 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES';
  /** Attribute holding an epoch-seconds expiry, when items expire. */
  readonly timeToLiveAttribute?: string;
}

/** The tables demarche uses. */
export type TableId = 'events' | 'views' | 'webhooks';

/**
 * Events: the append-only event store. One item is one *commit*: a run of consecutive events of
 * one stream (pk = stream, sk = first version in the run), gzip-compressed, kept under the item
 * limit. Its stream (NEW_IMAGE) is the outbox for projections and webhooks. The `byTime` index
 * (pk = `log#<UTC month>`, sk = commit id, a ULID) reads "everything since X" in time order.
 */
export const EVENTS_TABLE: TableDefinition = {
  id: 'events',
  envVar: 'EVENTS_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'N' },
  globalSecondaryIndexes: [
    // Keys only: copying each gzip body into the index doubled the write units of an append
    // (measured: 14 → 7 WCU for one commit); rebuilds fetch bodies with BatchGetItem instead.
    {
      indexName: 'byTime',
      partitionKey: { name: 'tpk', type: 'S' },
      sortKey: { name: 'tsk', type: 'S' },
      projection: 'KEYS_ONLY',
    },
  ],
  stream: 'NEW_IMAGE',
};

/**
 * Views: projections derived only from events (transcript summaries, topic and entity mentions,
 * topic statistics, the search index). Overloaded keys; two generic indexes.
 */
export const VIEWS_TABLE: TableDefinition = {
  id: 'views',
  envVar: 'VIEWS_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: { name: 'gsi1pk', type: 'S' }, sortKey: { name: 'gsi1sk', type: 'S' } },
    { indexName: 'gsi2', partitionKey: { name: 'gsi2pk', type: 'S' }, sortKey: { name: 'gsi2sk', type: 'S' } },
  ],
};

/**
 * Webhooks: subscriptions, deliveries and their attempts. The `due` index finds deliveries whose
 * next attempt has come (pk = `due#<shard>`, sk = next attempt time). Items with a `ttl` expire:
 * the notifier's message claims, useless once no stream record can carry their message again.
 */
export const WEBHOOKS_TABLE: TableDefinition = {
  id: 'webhooks',
  envVar: 'WEBHOOKS_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalSecondaryIndexes: [
    { indexName: 'due', partitionKey: { name: 'duePk', type: 'S' }, sortKey: { name: 'dueSk', type: 'S' } },
    { indexName: 'gsi1', partitionKey: { name: 'gsi1pk', type: 'S' }, sortKey: { name: 'gsi1sk', type: 'S' } },
  ],
  timeToLiveAttribute: 'ttl',
};

/** Every table, in creation order. */
export const TABLES: readonly TableDefinition[] = [EVENTS_TABLE, VIEWS_TABLE, WEBHOOKS_TABLE];

/** The environment variable that carries the transcripts bucket's name. */
export const BUCKET_ENV_VAR = 'TRANSCRIPTS_BUCKET';
