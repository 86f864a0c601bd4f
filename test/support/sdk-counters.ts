/** Counts what a DynamoDB document client asks for, by SDK middleware (the calls still go through). */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** A running count of the keys a client's BatchGet calls ask for. */
export interface KeyCounter {
  readonly keys: number;
  reset(): void;
}

/** Counts the keys of every BatchGet `doc` sends from now on (over all tables of each call). */
export const countBatchGetKeys = (doc: DynamoDBDocumentClient): KeyCounter => {
  let keys = 0;
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      // A document client's BatchGetCommand runs through this stack as the low-level BatchGetItemCommand.
      if (context.commandName === 'BatchGetItemCommand') {
        const items = (args.input as { RequestItems?: Record<string, { Keys?: unknown[] }> }).RequestItems ?? {};
        for (const table of Object.values(items)) keys += table.Keys?.length ?? 0;
      }
      return next(args);
    },
    { step: 'initialize', name: 'countBatchGetKeys' },
  );
  return {
    get keys() {
      return keys;
    },
    reset: () => void (keys = 0),
  };
};
