import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoViewStore } from '../lambdas/adapters/dynamo-views';
import { fixedClock } from '../lambdas/core/clock';
import { foldTranscript } from '../lambdas/core/projections/transcript-view';
import { useLocalArchive } from './support/local-archive';
import { countBatchGetKeys, type KeyCounter } from './support/sdk-counters';
import { streamOf, type FixtureRevision } from './support/transcript-fixtures';

const briefing = (words: string): FixtureRevision => ({
  title: 'Cache briefing',
  date: '2024-03-01',
  // 20 statements: two chunks of 16.
  statements: Array.from({ length: 20 }, (_, i) => ({ text: `Statement ${i + 1} on ${words}.` })),
});

describe('statement chunks read by search (DynamoDB Local)', () => {
  const archive = useLocalArchive();
  let doc: DynamoDBDocumentClient;
  /** Keys asked for by BatchGet since the last reset. */
  let reads: KeyCounter;

  beforeAll(() => {
    doc = DynamoDBDocumentClient.from(archive.dynamo, { marshallOptions: { removeUndefinedValues: true } });
    reads = countBatchGetKeys(doc);
  });

  const write = async (views: DynamoViewStore, id: string, revisions: FixtureRevision[]) =>
    views.writeTranscript(await views.projectionState(id), foldTranscript(id, streamOf(id, revisions)));
  const texts = (found: Map<string, { text: string; revision: number }>) => [...found.entries()].map(([k, s]) => `${k} r${s.revision}: ${s.text}`).sort();

  it('reads each chunk once while its copy is fresh, and a concurrent read of the same chunk shares the request', async () => {
    const views = new DynamoViewStore(doc, archive.tables.views, { manifestTtlMs: 60_000 });
    await write(views, 'c1', [briefing('trade')]);
    const refs = [1, 2, 17].map((seq) => ({ transcriptId: 'c1', seq, revision: 1 }));
    reads.reset();
    const [first, concurrent] = await Promise.all([views.getStatements(refs), views.getStatements(refs.slice(0, 1))]);
    expect(reads.keys).toBe(2);
    expect(texts(first)).toEqual(['c1#1 r1: Statement 1 on trade.', 'c1#17 r1: Statement 17 on trade.', 'c1#2 r1: Statement 2 on trade.']);
    expect(texts(concurrent)).toEqual(['c1#1 r1: Statement 1 on trade.']);
    const again = await views.getStatements(refs);
    expect(reads.keys).toBe(2);
    expect(texts(again)).toEqual(texts(first));
  });

  it('reads a chunk again when a newer revision is asked for than the copy holds', async () => {
    const views = new DynamoViewStore(doc, archive.tables.views, { manifestTtlMs: 60_000 });
    await write(views, 'c2', [briefing('trade')]);
    expect(texts(await views.getStatements([{ transcriptId: 'c2', seq: 3, revision: 1 }]))).toEqual(['c2#3 r1: Statement 3 on trade.']);
    await write(views, 'c2', [briefing('trade'), briefing('climate')]);
    reads.reset();
    expect(texts(await views.getStatements([{ transcriptId: 'c2', seq: 3, revision: 2 }]))).toEqual(['c2#3 r2: Statement 3 on climate.']);
    expect(reads.keys).toBe(1);
  });

  it('keeps a copy no longer than the manifest lifetime', async () => {
    const clock = fixedClock(Date.UTC(2026, 0, 1));
    const views = new DynamoViewStore(doc, archive.tables.views, { manifestTtlMs: 1_000, clock });
    await write(views, 'c3', [briefing('trade')]);
    expect(texts(await views.getStatements([{ transcriptId: 'c3', seq: 5 }]))).toEqual(['c3#5 r1: Statement 5 on trade.']);
    await write(views, 'c3', [briefing('trade'), briefing('energy')]);
    // Within the lifetime the copy answers (a search page is read as of one moment)…
    expect(texts(await views.getStatements([{ transcriptId: 'c3', seq: 5 }]))).toEqual(['c3#5 r1: Statement 5 on trade.']);
    clock.advance(999);
    expect(texts(await views.getStatements([{ transcriptId: 'c3', seq: 5 }]))).toEqual(['c3#5 r1: Statement 5 on trade.']);
    clock.advance(1);
    // …after it, the stored chunk does.
    expect(texts(await views.getStatements([{ transcriptId: 'c3', seq: 5 }]))).toEqual(['c3#5 r2: Statement 5 on energy.']);
  });

  it('reads every time when the manifest lifetime is zero', async () => {
    const views = new DynamoViewStore(doc, archive.tables.views, { manifestTtlMs: 0 });
    await write(views, 'c4', [briefing('trade')]);
    reads.reset();
    await views.getStatements([{ transcriptId: 'c4', seq: 1 }]);
    await views.getStatements([{ transcriptId: 'c4', seq: 1 }]);
    expect(reads.keys).toBe(2);
  });
});
