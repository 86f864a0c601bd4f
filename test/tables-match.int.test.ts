import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { App, Stack, type CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { TABLES } from '../lambdas/adapters/table-definitions';
import { FEATURE_FLAGS, STACK_ID } from '../lib/app';
import { DemarcheStack } from '../lib/demarche-stack';
import { useLocalArchive } from './support/local-archive';

type Json = Record<string, any>;

/** A table's shape, the same whether read from a template or from DescribeTable. */
interface Shape {
  keySchema: { name: string; type: string }[];
  attributes: { name: string; type: string }[];
  indexes: { name: string; keySchema: { name: string; type: string }[]; projection: string }[];
  stream: string | undefined;
  ttl: string | undefined;
  billing: string;
}

const keys = (schema: Json[] | undefined) => (schema ?? []).map((k) => ({ name: k.AttributeName as string, type: k.KeyType as string }));
const byName = <T extends { name: string }>(items: T[]): T[] => [...items].sort((a, b) => a.name.localeCompare(b.name));

const templateShape = (p: Json): Shape => ({
  keySchema: keys(p.KeySchema),
  attributes: byName((p.AttributeDefinitions as Json[]).map((a) => ({ name: a.AttributeName, type: a.AttributeType }))),
  indexes: byName(
    ((p.GlobalSecondaryIndexes ?? []) as Json[]).map((g) => ({ name: g.IndexName, keySchema: keys(g.KeySchema), projection: g.Projection.ProjectionType })),
  ),
  stream: p.StreamSpecification?.StreamViewType,
  ttl: p.TimeToLiveSpecification?.Enabled ? p.TimeToLiveSpecification.AttributeName : undefined,
  billing: p.BillingMode,
});

const liveShape = (table: Json, ttl: Json | undefined): Shape => ({
  keySchema: keys(table.KeySchema),
  attributes: byName((table.AttributeDefinitions as Json[]).map((a) => ({ name: a.AttributeName, type: a.AttributeType }))),
  indexes: byName(
    ((table.GlobalSecondaryIndexes ?? []) as Json[]).map((g) => ({ name: g.IndexName, keySchema: keys(g.KeySchema), projection: g.Projection.ProjectionType })),
  ),
  stream: table.StreamSpecification?.StreamEnabled ? table.StreamSpecification.StreamViewType : undefined,
  ttl: ttl?.TimeToLiveStatus === 'ENABLED' || ttl?.TimeToLiveStatus === 'ENABLING' ? ttl.AttributeName : undefined,
  billing: table.BillingModeSummary?.BillingMode ?? 'PAY_PER_REQUEST',
});

describe('tables created by the local runtime', () => {
  const archive = useLocalArchive();
  const outdir = mkdtempSync(path.join(tmpdir(), 'demarche-cdk-'));
  let templateTables: Record<string, Json>;

  beforeAll(() => {
    // The stack alone (cdk-nag is test/stack.test.ts's business), with stub code: no bundling.
    const app = new App({ outdir, context: FEATURE_FLAGS });
    const stack = new DemarcheStack(app, STACK_ID, { stubCode: () => lambda.Code.fromInline('exports.handler = async () => undefined;') });
    const resources = Template.fromStack(stack).toJSON().Resources as Record<string, Json>;
    templateTables = Object.fromEntries(
      TABLES.map((t) => {
        const id = Stack.of(stack).getLogicalId(stack.store.tables[t.id].node.defaultChild as CfnResource);
        return [t.id, resources[id]!.Properties as Json];
      }),
    );
  }, 120_000);

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it.each(TABLES.map((t) => t.id))('match the synthesized template for the %s table', async (id) => {
    const name = archive.tables[id];
    const { Table } = await archive.dynamo.send(new DescribeTableCommand({ TableName: name }));
    const ttl = TABLES.find((t) => t.id === id)!.timeToLiveAttribute
      ? (await archive.dynamo.send(new DescribeTimeToLiveCommand({ TableName: name }))).TimeToLiveDescription
      : undefined;
    const live = liveShape(Table as Json, ttl as Json | undefined);
    const synthesized = templateShape(templateTables[id]!);
    expect(live).toEqual(synthesized);
    // Guard against two empty shapes agreeing: the definition's keys are really there.
    expect(live.keySchema.length).toBeGreaterThan(0);
  });

  it('agree that the events table streams NEW_IMAGE', async () => {
    const { Table } = await archive.dynamo.send(new DescribeTableCommand({ TableName: archive.tables.events }));
    expect(Table?.StreamSpecification).toMatchObject({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    expect(templateTables.events!.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
  });
});
