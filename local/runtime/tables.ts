/**
 * Tables for the local archive, created in parallel and only when missing (one ListTables call on
 * a restart), from the same definitions and CreateTable inputs as local/services.ts.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { TABLES, type TableId } from '../../lambdas/adapters/table-definitions';
import { createTableInput } from '../services';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Creates the tables that do not exist yet, all at once; returns the ids it created. */
export const ensureTables = async (client: DynamoDBClient, names: Record<TableId, string>): Promise<TableId[]> => {
  const existing = new Set<string>();
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    for (const name of page.TableNames ?? []) existing.add(name);
    start = page.LastEvaluatedTableName;
  } while (start);
  const missing = TABLES.filter((def) => !existing.has(names[def.id]));
  await Promise.all(
    missing.map(async (def) => {
      const name = names[def.id];
      try {
        await client.send(new CreateTableCommand(createTableInput(def, name)));
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
      }
      for (let i = 0; i < 200; i++) {
        const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
        if (Table?.TableStatus === 'ACTIVE') break;
        await sleep(50);
      }
      if (def.timeToLiveAttribute) {
        await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: def.timeToLiveAttribute, Enabled: true } }));
      }
    }),
  );
  return missing.map((def) => def.id);
};
