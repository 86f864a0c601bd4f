import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoViewStore, searchBucketCacheUsage, setSearchBucketCacheBudget } from '../lambdas/adapters/dynamo-views';
import { buildSegment, type Posting } from '../lambdas/core/projections/search';
import { foldTranscript } from '../lambdas/core/projections/transcript-view';
import { useLocalArchive } from './support/local-archive';
import { countBatchGetKeys, type KeyCounter } from './support/sdk-counters';
import { streamOf, type FixtureRevision } from './support/transcript-fixtures';

const briefing = (n: number): FixtureRevision => ({
  title: `Cache briefing ${n}`,
  date: `2024-02-${String(n + 1).padStart(2, '0')}`,
  statements: [
    { text: `Sanctions on shipping were discussed at meeting ${n}, with the ministers of trade and energy.` },
    { text: `The delegation raised human rights, refugees and the rule of law, item ${n}.` },
  ],
});

const key = (p: Posting) => `${p.transcriptId}@${p.revision}:${p.seqs.join(',')}:${p.codes?.join(',')}`;

describe('search bucket cache (DynamoDB Local)', () => {
  const archive = useLocalArchive();
  let doc: DynamoDBDocumentClient;
  let views: DynamoViewStore;
  let reads: KeyCounter;
  let defaultBudget = 0;

  beforeAll(async () => {
    doc = DynamoDBDocumentClient.from(archive.dynamo, { marshallOptions: { removeUndefinedValues: true } });
    reads = countBatchGetKeys(doc);
    views = new DynamoViewStore(doc, archive.tables.views, { manifestTtlMs: 60_000 });
    // Eight one-transcript segments: a term's postings come from eight bucket items.
    for (let n = 0; n < 8; n++) await views.writeSearchSegment(buildSegment(`cache-seg${n}`, [foldTranscript(`c${n}`, streamOf(`c${n}`, [briefing(n)]))]));
  });

  afterAll(() => {
    setSearchBucketCacheBudget(defaultBudget);
  });

  it('reads each bucket once while the budget holds it, and stays within a small budget by reading again', async () => {
    defaultBudget = setSearchBucketCacheBudget(48 * 2 ** 20);
    reads.reset();
    const first = (await views.postings('sanctions')).map(key).sort();
    expect(first).toHaveLength(8);
    expect(reads.keys).toBe(8);
    expect((await views.postings('sanctions')).map(key).sort()).toEqual(first);
    expect(reads.keys).toBe(8);
    // Other terms in the same (single-bucket) items: parsed from the cached text, not read again.
    expect(await views.postings('refugees')).toHaveLength(8);
    expect(reads.keys).toBe(8);

    // A budget of about three buckets: the cache shrinks to it, and answers stay the same.
    const perBucket = searchBucketCacheUsage().bytes / 8;
    setSearchBucketCacheBudget(Math.floor(perBucket * 3));
    expect(searchBucketCacheUsage().bytes).toBeLessThanOrEqual(searchBucketCacheUsage().budget);
    expect(searchBucketCacheUsage().entries).toBeLessThan(8);
    reads.reset();
    expect((await views.postings('sanctions')).map(key).sort()).toEqual(first);
    expect(reads.keys).toBeGreaterThan(0);
    expect(searchBucketCacheUsage().bytes).toBeLessThanOrEqual(searchBucketCacheUsage().budget);
  });
});
