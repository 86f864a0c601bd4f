import { gzipSync } from 'node:zlib';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoViewStore } from '../lambdas/adapters/dynamo-views';
import { LEGACY_STATEMENTS_PER_CHUNK, STATEMENTS_PER_CHUNK, statementSk, transcriptPk } from '../lambdas/adapters/view-keys';
import { toDetail } from '../lambdas/core/projections/read-models';
import { foldTranscript } from '../lambdas/core/projections/transcript-view';
import { useLocalArchive } from './support/local-archive';
import { streamOf, type FixtureRevision } from './support/transcript-fixtures';

const long = (n: number): FixtureRevision => ({
  title: `Long briefing ${n}`,
  date: '2024-02-02',
  statements: Array.from({ length: n }, (_, i) => ({ text: `Statement number ${i + 1} of the briefing.` })),
});

describe('statement items (DynamoDB Local)', () => {
  const archive = useLocalArchive();
  let doc: DynamoDBDocumentClient;
  let views: DynamoViewStore;

  beforeAll(() => {
    doc = DynamoDBDocumentClient.from(archive.dynamo, { marshallOptions: { removeUndefinedValues: true } });
    views = new DynamoViewStore(doc, archive.tables.views);
  });

  const statementItems = async (id: string) =>
    (
      await doc.send(
        new QueryCommand({
          TableName: archive.tables.views,
          KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
          ExpressionAttributeValues: { ':p': transcriptPk(id), ':s': 'STMT#' },
        }),
      )
    ).Items ?? [];

  it('keeps 64 statements per item and finds any statement of a transcript in its item', async () => {
    const view = foldTranscript('big', streamOf('big', [long(150)]));
    await views.writeTranscript(undefined, view);
    expect(STATEMENTS_PER_CHUNK).toBe(64);
    expect(await statementItems('big')).toHaveLength(3);
    const got = await views.getStatements([1, 64, 65, 150].map((seq) => ({ transcriptId: 'big', seq })));
    expect([...got.values()].map((s) => [s.seq, s.text]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([1, 64, 65, 150].map((seq) => [seq, `Statement number ${seq} of the briefing.`]));
    expect((await views.getDetail('big'))!.statements.map((s) => s.seq)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
  });

  it('still reads views written with 16 statements per item (before `demarche replay` rewrites them)', async () => {
    const view = foldTranscript('old', streamOf('old', [long(40)]));
    const detail = toDetail(view);
    const items = [];
    for (let n = 0; n * LEGACY_STATEMENTS_PER_CHUNK < detail.statements.length; n++) {
      const group = detail.statements.slice(n * LEGACY_STATEMENTS_PER_CHUNK, (n + 1) * LEGACY_STATEMENTS_PER_CHUNK);
      items.push({ pk: transcriptPk('old'), sk: statementSk(n), revision: view.revision, body: gzipSync(JSON.stringify({ title: view.title, statements: group })) });
    }
    await doc.send(new BatchWriteCommand({ RequestItems: { [archive.tables.views]: items.map((Item) => ({ PutRequest: { Item } })) } }));
    expect(await statementItems('old')).toHaveLength(3);
    const got = await views.getStatements([3, 17, 40].map((seq) => ({ transcriptId: 'old', seq })));
    expect([...got.values()].map((s) => [s.seq, s.revision, s.text]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(
      [3, 17, 40].map((seq) => [seq, view.revision, `Statement number ${seq} of the briefing.`]),
    );
    // A rewrite with the current layout removes the old items it no longer uses.
    await views.writeTranscript({ version: 0, revision: 1, topicCounts: {}, indexed: '', chunks: 3 }, view);
    expect((await statementItems('old')).map((i) => i.sk)).toEqual([statementSk(0)]);
    expect((await views.getStatements([{ transcriptId: 'old', seq: 40 }])).get('old#40')?.text).toBe('Statement number 40 of the briefing.');
  });
});
