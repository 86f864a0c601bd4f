/**
 * The webhook store on DynamoDB (WEBHOOKS_TABLE), and the cipher that keeps signing secrets
 * encrypted at rest.
 *
 * Layout (key names in `WEBHOOK_KEYS`, keys built by the small functions below):
 * - subscription: pk `sub#<id>`, sk `sub`; gsi1 `subs` / `<createdAt>#<id>` lists them in creation order.
 * - delivery:     pk `dlv#<id>`, sk `dlv`; gsi1 `dlvs#<subscriptionId>` / `<createdAt>#<id>` lists a
 *                 subscription's deliveries; while an attempt is due it also carries duePk `due#<shard>`
 *                 and dueSk `<dueAt ISO>` (a sparse index the sweeper reads).
 * - message claim: pk `msg#<message key>`, sk `claim`; owner, leaseUntil, done: who fans a message out;
 *   expires (`ttl`) a week after it was taken.
 * Delivery writes are conditional on the version (or absence), except the batched puts of a
 * notifier holding the claim on their message; a failed condition becomes a domain ConflictError
 * (or `false`).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '../core/webhooks/errors';
import type { Delivery, MessageClaim, Page, PageRequest, WebhookStore } from '../core/webhooks/ports';
import type { SigningSecret } from '../core/webhooks/signing';
import type { Subscription } from '../core/webhooks/subscription';

/** Attribute and index names of the webhooks table. */
export const WEBHOOK_KEYS = {
  pk: 'pk',
  sk: 'sk',
  gsi1: 'gsi1',
  gsi1pk: 'gsi1pk',
  gsi1sk: 'gsi1sk',
  due: 'due',
  duePk: 'duePk',
  dueSk: 'dueSk',
} as const;

/** Partitions of the due index: spreads the sweeper's reads and writes over several keys. */
export const DUE_SHARDS = 4;

const subKey = (id: string) => ({ pk: `sub#${id}`, sk: 'sub' });
const deliveryKey = (id: string) => ({ pk: `dlv#${id}`, sk: 'dlv' });
const claimKey = (messageKey: string) => ({ pk: `msg#${messageKey}`, sk: 'claim' });
/**
 * How long a message claim is kept. A claim only guards against a stream record handed over again,
 * and DynamoDB keeps stream records for 24 hours; a week leaves room for a stuck stream's retries.
 */
export const CLAIM_RETENTION_SECONDS = 7 * 24 * 3600;
/** The claim's expiry (epoch seconds, the table's TTL attribute). */
const claimExpiry = (nowIso: string): number => Math.floor(Date.parse(nowIso) / 1000) + CLAIM_RETENTION_SECONDS;
const SUBS_PARTITION = 'subs';
const deliveriesPartition = (subscriptionId: string): string => `dlvs#${subscriptionId}`;
const dueShard = (deliveryId: string): string =>
  `due#${createHash('sha256').update(deliveryId).digest().readUInt32BE(0) % DUE_SHARDS}`;

// --- secrets at rest ------------------------------------------------------------------------------

/** Encrypts signing secrets for storage and decrypts them for signing. */
export interface SecretCipher {
  encrypt(secret: string): Promise<string>;
  decrypt(stored: string): Promise<string>;
}

const KMS_PREFIX = 'kms:';
const PLAIN_PREFIX = 'plain:';
const ENCRYPTION_CONTEXT = { purpose: 'demarche-webhook-signing-secret' };

/**
 * Secrets encrypted with a KMS key (AWS). Decryptions are cached for the life of the process, so
 * a warm notifier or deliverer calls KMS once per secret, not once per delivery.
 */
export const kmsSecretCipher = (kms: KMSClient, keyId: string): SecretCipher => {
  const cache = new Map<string, Promise<string>>();
  return {
    async encrypt(secret) {
      const out = await kms.send(
        new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(secret, 'utf8'), EncryptionContext: ENCRYPTION_CONTEXT }),
      );
      if (!out.CiphertextBlob) throw new Error('KMS returned no ciphertext');
      return KMS_PREFIX + Buffer.from(out.CiphertextBlob).toString('base64');
    },
    decrypt(stored) {
      if (!stored.startsWith(KMS_PREFIX)) return plainSecretCipher.decrypt(stored);
      let p = cache.get(stored);
      if (!p) {
        p = kms
          .send(new DecryptCommand({ CiphertextBlob: Buffer.from(stored.slice(KMS_PREFIX.length), 'base64'), EncryptionContext: ENCRYPTION_CONTEXT }))
          .then((out) => {
            if (!out.Plaintext) throw new Error('KMS returned no plaintext');
            return Buffer.from(out.Plaintext).toString('utf8');
          });
        p.catch(() => cache.delete(stored));
        cache.set(stored, p);
      }
      return p;
    },
  };
};

/**
 * Secrets stored as plain text, marked `plain:`. ONLY for the local runtime and tests (no
 * WEBHOOK_KMS_KEY_ID): the local archive's table lives on the developer's own disk.
 */
export const plainSecretCipher: SecretCipher = {
  encrypt: async (secret) => PLAIN_PREFIX + secret,
  decrypt: async (stored) => {
    if (!stored.startsWith(PLAIN_PREFIX)) throw new Error('This secret is KMS-encrypted and no KMS key is configured');
    return stored.slice(PLAIN_PREFIX.length);
  },
};

// --- item mapping ----------------------------------------------------------------------------

interface StoredSecret {
  readonly value: string;
  readonly createdAt: string;
  readonly expiresAt?: string;
}

type SubscriptionItem = Omit<Subscription, 'secrets'> & { secrets: StoredSecret[] } & Record<string, unknown>;

const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

const decodeCursor = (cursor: string | undefined): Record<string, unknown> | undefined => {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (cause) {
    throw new ValidationError('Invalid cursor', { cause });
  }
};

/** Drops top-level undefined values (the item must not depend on the client's marshalling options). */
const defined = (item: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined));

/**
 * A delivery the notifier owns (stored, first attempt not yet recorded) stays out of the listing
 * index: one index write less per delivery, and it is listed from its first recorded attempt on.
 */
const ownedByNotifier = (d: Delivery): boolean => d.status === 'pending' && d.attemptCount === 0 && d.dueAt === undefined;

const deliveryItem = (d: Delivery): Record<string, unknown> =>
  defined({
    ...deliveryKey(d.id),
    ...(ownedByNotifier(d) ? {} : { gsi1pk: deliveriesPartition(d.subscriptionId), gsi1sk: `${d.createdAt}#${d.id}` }),
    ...(d.dueAt !== undefined ? { duePk: dueShard(d.id), dueSk: d.dueAt } : {}),
    ...d,
  });

const toDelivery = (item: Record<string, unknown>): Delivery => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, duePk: _d1, dueSk: _d2, ...rest } = item;
  return rest as unknown as Delivery;
};

const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException || (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';

/** One conditional put. */
interface ConditionalPut {
  readonly item: Record<string, unknown>;
  readonly condition: string;
  readonly names?: Record<string, string>;
  readonly values?: Record<string, unknown>;
}

/** Keys per BatchGetItem call (DynamoDB's limit). */
const MAX_BATCH_GET = 100;

/** Items per transaction (DynamoDB's limit). */
const MAX_TRANSACTION_ITEMS = 100;
const MAX_ROUNDS = 6;

/**
 * Conditional puts, many per TransactWriteItems call: true for each put written, false for each
 * whose condition failed. A cancelled transaction says which item failed its condition; the rest
 * are written in the next round. Puts of the same key wait for a later round (one transaction may
 * not touch an item twice); anything still unsettled after a few rounds is written one by one.
 */
const conditionalPuts = async (client: DynamoDBDocumentClient, tableName: string, puts: readonly ConditionalPut[]): Promise<boolean[]> => {
  const results: (boolean | undefined)[] = new Array(puts.length).fill(undefined);
  const single = async (i: number): Promise<void> => {
    const p = puts[i]!;
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: p.item,
          ConditionExpression: p.condition,
          ...(p.names ? { ExpressionAttributeNames: p.names } : {}),
          ...(p.values ? { ExpressionAttributeValues: p.values } : {}),
        }),
      );
      results[i] = true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      results[i] = false;
    }
  };
  let todo = puts.map((_, i) => i);
  for (let round = 0; todo.length > 0 && round < MAX_ROUNDS; round++) {
    if (round > 0) await new Promise((r) => setTimeout(r, 10 * 2 ** round));
    const seen = new Set<string>();
    const later: number[] = [];
    const chunks: number[][] = [[]];
    for (const i of todo) {
      const key = String(puts[i]!.item.pk);
      if (seen.has(key)) {
        later.push(i);
        continue;
      }
      seen.add(key);
      if (chunks[chunks.length - 1]!.length === MAX_TRANSACTION_ITEMS) chunks.push([]);
      chunks[chunks.length - 1]!.push(i);
    }
    await Promise.all(
      chunks.map(async (chunk) => {
        if (chunk.length === 0) return;
        if (chunk.length === 1) return single(chunk[0]!);
        try {
          await client.send(
            new TransactWriteCommand({
              TransactItems: chunk.map((i) => {
                const p = puts[i]!;
                return {
                  Put: {
                    TableName: tableName,
                    Item: p.item,
                    ConditionExpression: p.condition,
                    ...(p.names ? { ExpressionAttributeNames: p.names } : {}),
                    ...(p.values ? { ExpressionAttributeValues: p.values } : {}),
                  },
                };
              }),
            }),
          );
          for (const i of chunk) results[i] = true;
        } catch (error) {
          const reasons = (error as { name?: string; CancellationReasons?: { Code?: string }[] }).CancellationReasons;
          if ((error as { name?: string }).name !== 'TransactionCanceledException' || !reasons) throw error;
          chunk.forEach((i, k) => {
            if (reasons[k]?.Code === 'ConditionalCheckFailed') results[i] = false;
            else later.push(i); // cancelled because of another item, or a conflict: next round
          });
        }
      }),
    );
    todo = later;
  }
  for (const i of todo) await single(i);
  return results.map((r) => r === true);
};

/** Options of the DynamoDB webhook store. */
export interface DynamoWebhookStoreOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly cipher: SecretCipher;
}

/** The webhook store on DynamoDB. */
export const createDynamoWebhookStore = ({ client, tableName, cipher }: DynamoWebhookStoreOptions): WebhookStore & {
  /** The earliest `dueAt` of any delivery, if one is waiting. */
  nextDueAt(): Promise<string | undefined>;
} => {
  const encryptSecrets = (secrets: readonly SigningSecret[]): Promise<StoredSecret[]> =>
    Promise.all(
      secrets.map(async (s) => ({ value: await cipher.encrypt(s.secret), createdAt: s.createdAt, ...(s.expiresAt ? { expiresAt: s.expiresAt } : {}) })),
    );

  const toSubscription = async (item: Record<string, unknown>): Promise<Subscription> => {
    const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, secrets, ...rest } = item as SubscriptionItem;
    return {
      ...(rest as unknown as Omit<Subscription, 'secrets'>),
      secrets: await Promise.all(
        secrets.map(async (s) => ({ secret: await cipher.decrypt(s.value), createdAt: s.createdAt, ...(s.expiresAt ? { expiresAt: s.expiresAt } : {}) })),
      ),
    };
  };

  const queryAll = async function* (input: QueryCommandInput): AsyncGenerator<Record<string, unknown>> {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
      for (const item of out.Items ?? []) yield item;
      start = out.LastEvaluatedKey;
    } while (start);
  };

  const queryPage = async (input: QueryCommandInput, page: PageRequest): Promise<{ items: Record<string, unknown>[]; nextCursor?: string }> => {
    const out = await client.send(new QueryCommand({ ...input, Limit: page.limit ?? 50, ExclusiveStartKey: decodeCursor(page.cursor) }));
    const nextCursor = encodeCursor(out.LastEvaluatedKey);
    return { items: out.Items ?? [], ...(nextCursor ? { nextCursor } : {}) };
  };

  const store: WebhookStore & { nextDueAt(): Promise<string | undefined> } = {
    async createSubscription(s) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: defined({ ...subKey(s.id), gsi1pk: SUBS_PARTITION, gsi1sk: `${s.createdAt}#${s.id}`, ...s, secrets: await encryptSecrets(s.secrets) }),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) throw new ConflictError(`Subscription ${s.id} exists`, { cause: error });
        throw error;
      }
    },

    async getSubscription(id) {
      const out = await client.send(new GetCommand({ TableName: tableName, Key: subKey(id), ConsistentRead: true }));
      return out.Item ? toSubscription(out.Item) : undefined;
    },

    async listSubscriptions(page) {
      const { items, nextCursor } = await queryPage(
        { TableName: tableName, IndexName: WEBHOOK_KEYS.gsi1, KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': SUBS_PARTITION } },
        page,
      );
      return { items: await Promise.all(items.map(toSubscription)), ...(nextCursor ? { nextCursor } : {}) };
    },

    async allSubscriptions() {
      const items: Record<string, unknown>[] = [];
      for await (const item of queryAll({
        TableName: tableName,
        IndexName: WEBHOOK_KEYS.gsi1,
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': SUBS_PARTITION },
      })) {
        items.push(item);
      }
      return Promise.all(items.map(toSubscription));
    },

    async updateSubscription(id, changes, remove = []) {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const sets: string[] = [];
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined) continue;
        names[`#${k}`] = k;
        values[`:${k}`] = k === 'secrets' ? await encryptSecrets(v as SigningSecret[]) : v;
        sets.push(`#${k} = :${k}`);
      }
      for (const k of remove) names[`#${k}`] = k;
      const expression = [sets.length ? `SET ${sets.join(', ')}` : '', remove.length ? `REMOVE ${remove.map((k) => `#${k}`).join(', ')}` : '']
        .filter(Boolean)
        .join(' ');
      if (!expression) {
        const current = await store.getSubscription(id);
        if (!current) throw new NotFoundError(`No subscription ${id}`);
        return current;
      }
      try {
        const out = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: subKey(id),
            UpdateExpression: expression,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: names,
            ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
            ReturnValues: 'ALL_NEW',
          }),
        );
        return toSubscription(out.Attributes ?? {});
      } catch (error) {
        if (isConditionFailure(error)) throw new NotFoundError(`No subscription ${id}`, { cause: error });
        throw error;
      }
    },

    async markFailing(id, sinceIso) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: subKey(id),
            UpdateExpression: 'SET failingSince = if_not_exists(failingSince, :t)',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':t': sinceIso },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error; // deleted meanwhile: nothing to mark
      }
    },

    async deleteSubscription(id) {
      const out = await client.send(new DeleteCommand({ TableName: tableName, Key: subKey(id), ReturnValues: 'ALL_OLD' }));
      return out.Attributes !== undefined;
    },

    async createDelivery(d) {
      try {
        await client.send(new PutCommand({ TableName: tableName, Item: deliveryItem(d), ConditionExpression: 'attribute_not_exists(pk)' }));
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async getDeliveries(ids) {
      const found = new Map<string, Delivery>();
      const unique = [...new Set(ids)];
      const chunks: string[][] = [];
      for (let i = 0; i < unique.length; i += MAX_BATCH_GET) chunks.push(unique.slice(i, i + MAX_BATCH_GET));
      await Promise.all(
        chunks.map(async (chunk) => {
          let keys: Record<string, unknown>[] = chunk.map(deliveryKey);
          for (let round = 0; keys.length > 0; round++) {
            if (round > 0) await new Promise((r) => setTimeout(r, Math.min(1_000, 20 * 2 ** round)));
            if (round > 8) throw new Error(`BatchGetItem left ${keys.length} deliveries unread`);
            const out = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }));
            for (const item of out.Responses?.[tableName] ?? []) found.set(String(item.id), toDelivery(item));
            keys = (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
          }
        }),
      );
      return ids.map((id) => found.get(id));
    },

    claimMessages(keys, owner, leaseUntilIso, nowIso) {
      return Promise.all(
        keys.map(async (key): Promise<MessageClaim> => {
          try {
            const out = await client.send(
              new PutCommand({
                TableName: tableName,
                Item: { ...claimKey(key), owner, leaseUntil: leaseUntilIso, claimedAt: nowIso, ttl: claimExpiry(nowIso) },
                // New, or left unfinished by an owner whose lease has ended.
                ConditionExpression: 'attribute_not_exists(pk) OR (attribute_not_exists(done) AND leaseUntil <= :now)',
                ExpressionAttributeValues: { ':now': nowIso },
                ReturnValues: 'ALL_OLD',
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              }),
            );
            return out.Attributes ? 'resumed' : 'fresh';
          } catch (error) {
            if (!isConditionFailure(error)) throw error;
            // Done, or held by a live lease (the failed condition carries the item, unconverted).
            return (error as { Item?: Record<string, { BOOL?: boolean }> }).Item?.done?.BOOL === true ? 'done' : 'busy';
          }
        }),
      );
    },

    async settleMessages(keys, owner, how, nowIso) {
      await Promise.all(
        keys.map(async (key) => {
          try {
            await client.send(
              new UpdateCommand({
                TableName: tableName,
                Key: claimKey(key),
                UpdateExpression: how === 'done' ? 'SET done = :t, doneAt = :now' : 'SET leaseUntil = :now',
                ConditionExpression: '#o = :o AND attribute_not_exists(done)',
                ExpressionAttributeNames: { '#o': 'owner' },
                ExpressionAttributeValues: how === 'done' ? { ':o': owner, ':t': true, ':now': nowIso } : { ':o': owner, ':now': nowIso },
              }),
            );
          } catch (error) {
            if (!isConditionFailure(error)) throw error;
            throw new ConflictError(`The claim on message ${key} is no longer held by ${owner}`, { cause: error });
          }
        }),
      );
    },

    async putDeliveries(ds) {
      const chunks: Record<string, unknown>[][] = [];
      for (let i = 0; i < ds.length; i += 25) chunks.push(ds.slice(i, i + 25).map(deliveryItem));
      // Every chunk settles before a failure is reported: nothing is left writing behind the caller's back.
      const results = await Promise.allSettled(
        chunks.map(async (items) => {
          let requests = items.map((Item) => ({ PutRequest: { Item } }));
          for (let round = 0; requests.length > 0; round++) {
            if (round > 0) await new Promise((r) => setTimeout(r, Math.min(1_000, 20 * 2 ** round)));
            if (round > 8) throw new Error(`BatchWriteItem left ${requests.length} deliveries unprocessed`);
            const out = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
            requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof requests;
          }
        }),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },

    saveDeliveries(entries) {
      return conditionalPuts(
        client,
        tableName,
        entries.map(({ delivery, expectedVersion }) => ({
          item: deliveryItem(delivery),
          condition: '#v = :v',
          names: { '#v': 'version' },
          values: { ':v': expectedVersion },
        })),
      );
    },

    async getDelivery(id) {
      const out = await client.send(new GetCommand({ TableName: tableName, Key: deliveryKey(id), ConsistentRead: true }));
      return out.Item ? toDelivery(out.Item) : undefined;
    },

    async saveDelivery(d, expectedVersion) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: deliveryItem(d),
            ConditionExpression: '#v = :v',
            ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: { ':v': expectedVersion },
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) throw new ConflictError(`Delivery ${d.id} is not at version ${expectedVersion}`, { cause: error });
        throw error;
      }
    },

    async listDeliveries(subscriptionId, page) {
      const { items, nextCursor } = await queryPage(
        {
          TableName: tableName,
          IndexName: WEBHOOK_KEYS.gsi1,
          KeyConditionExpression: 'gsi1pk = :p',
          ExpressionAttributeValues: { ':p': deliveriesPartition(subscriptionId) },
          ScanIndexForward: false,
        },
        page,
      );
      return { items: items.map(toDelivery), ...(nextCursor ? { nextCursor } : {}) };
    },

    async *deliveriesSince(subscriptionId, sinceIso) {
      for await (const item of queryAll({
        TableName: tableName,
        IndexName: WEBHOOK_KEYS.gsi1,
        KeyConditionExpression: 'gsi1pk = :p AND gsi1sk >= :s',
        ExpressionAttributeValues: { ':p': deliveriesPartition(subscriptionId), ':s': sinceIso },
      })) {
        yield toDelivery(item);
      }
    },

    async dueDeliveries(nowIso, limit) {
      const perShard = await Promise.all(
        Array.from({ length: DUE_SHARDS }, (_, shard) =>
          client.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: WEBHOOK_KEYS.due,
              KeyConditionExpression: 'duePk = :p AND dueSk <= :now',
              ExpressionAttributeValues: { ':p': `due#${shard}`, ':now': nowIso },
              Limit: limit,
            }),
          ),
        ),
      );
      return perShard
        .flatMap((out) => out.Items ?? [])
        .map(toDelivery)
        .sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? ''))
        .slice(0, limit);
    },

    async nextDueAt() {
      const firsts = await Promise.all(
        Array.from({ length: DUE_SHARDS }, (_, shard) =>
          client.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: WEBHOOK_KEYS.due,
              KeyConditionExpression: 'duePk = :p',
              ExpressionAttributeValues: { ':p': `due#${shard}` },
              ProjectionExpression: 'dueSk',
              Limit: 1,
            }),
          ),
        ),
      );
      const times = firsts.map((out) => out.Items?.[0]?.dueSk).filter((t): t is string => typeof t === 'string');
      return times.sort()[0];
    },
  };
  return store;
};
