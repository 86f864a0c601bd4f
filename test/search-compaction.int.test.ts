import { DynamoDBDocumentClient, GetCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoViewStore } from '../lambdas/adapters/dynamo-views';
import { SEARCH_MANIFEST_KEY, searchPk } from '../lambdas/adapters/view-keys';
import { POSITION_MODULUS, buildSegment, type Posting } from '../lambdas/core/projections/search';
import { foldTranscript } from '../lambdas/core/projections/transcript-view';
import { useLocalArchive } from './support/local-archive';
import { streamOf, type FixtureRevision } from './support/transcript-fixtures';

const revision = (n: number, extra = ''): FixtureRevision => ({
  title: `Briefing ${n}`,
  date: `2024-01-${String((n % 28) + 1).padStart(2, '0')}`,
  statements: [
    { text: `Talks on sanctions and trade, round ${n}. ${extra}`, topics: ['sanctions'], entities: ['Geneva'] },
    { text: `Human rights remain central to briefing number ${n}.`, topics: ['human-rights'] },
  ],
});

// Token positions (codes) included: they must survive the store and every merge.
const key = (p: Posting) => `${p.transcriptId}@${p.revision}:${p.dateKey}:${p.seqs.join(',')}:${p.codes?.join(',') ?? 'no positions'}`;

describe('search compaction (DynamoDB Local)', () => {
  const archive = useLocalArchive();
  let doc: DynamoDBDocumentClient;
  let views: DynamoViewStore;
  const policy = { fanIn: 4, maxInputs: 16, maxDocs: 100 };

  beforeAll(() => {
    doc = DynamoDBDocumentClient.from(archive.dynamo, { marshallOptions: { removeUndefinedValues: true } });
    // A fresh manifest on every read, and retired segments deletable one minute after their merge.
    views = new DynamoViewStore(doc, archive.tables.views, { manifestTtlMs: 0, retiredGraceMs: 60_000 });
  });

  const manifest = async () => (await doc.send(new GetCommand({ TableName: archive.tables.views, Key: SEARCH_MANIFEST_KEY, ConsistentRead: true }))).Item ?? {};
  const live = async () => Object.keys(await manifest()).filter((k) => k.startsWith('s:'));
  /** Search bucket items whose segment the manifest does not list as live. */
  const unreferenced = async (): Promise<string[]> => {
    const liveIds = new Set((await live()).map((k) => k.slice(2)));
    const { Items = [] } = await doc.send(
      new ScanCommand({ TableName: archive.tables.views, FilterExpression: 'begins_with(pk, :sx)', ExpressionAttributeValues: { ':sx': 'SX#' }, ConsistentRead: true }),
    );
    return Items.map((item) => item.sk as string).filter((id) => !liveIds.has(id));
  };
  /** No merge is planned under this policy: a compaction only sweeps. */
  const sweepOnly = { fanIn: 1_000, maxInputs: 1_000, maxDocs: 1_000 };
  const answers = async (terms: string[]) => Object.fromEntries(await Promise.all(terms.map(async (t) => [t, (await views.postings(t)).map(key).sort()] as const)));

  it('merges many one-transcript segments into one that answers every query the same, then deletes the inputs after the grace period', async () => {
    const t0 = Date.UTC(2026, 0, 1);
    // Six projector batches of one transcript each; transcript 2 gets a second revision later.
    const levels: number[] = [];
    for (let i = 0; i < 6; i++) {
      const segment = buildSegment(`seg${i}`, [foldTranscript(`t${i}`, streamOf(`t${i}`, [revision(i)]))]);
      levels.push(segment.level);
      await views.writeSearchSegment(segment);
    }
    const revised = foldTranscript('t2', streamOf('t2', [revision(2), revision(2, 'Ceasefire agreed.')]));
    await views.writeSearchSegment(buildSegment('seg2b', [revised]));
    expect(await live()).toHaveLength(7);

    const terms = ['sanctions', 'rights', 'ceasefire', '@e:geneva', 'round'];
    const before = await answers(terms);
    expect(before.sanctions!.length).toBe(7);

    const first = await views.compactSearch(t0, policy);
    expect(first.merged).toBe(7);
    expect(first.writeUnits).toBeGreaterThan(0);
    const after = await answers(terms);
    // The superseded revision 1 of t2 is gone from the merged segment; every current posting stays.
    expect(after.sanctions).toEqual(before.sanctions!.filter((p) => !p.startsWith('t2@1')));
    expect(after.ceasefire).toEqual(before.ceasefire);
    expect(after.ceasefire).toHaveLength(1);
    expect((await views.postings('rights')).every((p) => p.codes !== undefined && p.modulus === POSITION_MODULUS)).toBe(true);
    expect(after['@e:geneva']!.length).toBe(6);
    expect(await live()).toHaveLength(1);
    expect(Object.keys(await manifest()).filter((k) => k.startsWith('r:'))).toHaveLength(7);

    // Run again at once: nothing to merge, retired inputs still readable (grace period).
    expect(await views.compactSearch(t0 + 1_000, policy)).toEqual({ merged: 0, deleted: 0, writeUnits: 0 });
    const seg0Buckets = async () => {
      let n = 0;
      for (let b = 0; b < levels[0]!; b++) {
        const res = await doc.send(new GetCommand({ TableName: archive.tables.views, Key: { pk: searchPk(levels[0]!, b), sk: 'seg0' } }));
        if (res.Item) n++;
      }
      return n;
    };
    expect(await seg0Buckets()).toBeGreaterThan(0);

    // After the grace period the inputs' items and retired entries go; answers are unchanged.
    const later = await views.compactSearch(t0 + 120_000, policy);
    expect(later.deleted).toBe(7);
    expect(await seg0Buckets()).toBe(0);
    expect(Object.keys(await manifest()).filter((k) => k.startsWith('r:'))).toHaveLength(0);
    expect(await answers(terms)).toEqual(after);
  });

  it('is idempotent: a retried merge of the same inputs finds them gone and changes nothing', async () => {
    const stale = new DynamoViewStore(doc, archive.tables.views, { manifestTtlMs: 0, retiredGraceMs: 60_000 });
    for (let i = 10; i < 14; i++) await views.writeSearchSegment(buildSegment(`seg${i}`, [foldTranscript(`t${i}`, streamOf(`t${i}`, [revision(i)]))]));
    // `stale` wrote nothing itself, so both stores read the same manifest and plan the same merge.
    const [x, y] = await Promise.all([views.compactSearch(Date.UTC(2026, 0, 2), policy), stale.compactSearch(Date.UTC(2026, 0, 2), policy)]);
    // The four new one-transcript segments (the first test's merge is a bigger tier): one merge wins.
    expect([x.merged, y.merged].sort()).toEqual([0, 4]);
    expect(await live()).toHaveLength(2);
    expect((await views.postings('sanctions')).length).toBe(10);
  });

  it('deletes, after the grace period, what a merge that died before its swap had written', async () => {
    const t = Date.UTC(2026, 0, 3);
    for (let i = 20; i < 24; i++) await views.writeSearchSegment(buildSegment(`seg${i}`, [foldTranscript(`t${i}`, streamOf(`t${i}`, [revision(i)]))]));
    const liveBefore = (await live()).sort();
    const before = await answers(['sanctions', 'rights']);
    // The process dies at the manifest swap: the merged buckets are written, the swap never happens.
    const dying = {
      send: (command: unknown) =>
        command instanceof UpdateCommand && /REMOVE .*#i0/u.test(command.input.UpdateExpression ?? '')
          ? Promise.reject(new Error('the process died'))
          : doc.send(command as GetCommand),
    } as unknown as DynamoDBDocumentClient;
    await expect(new DynamoViewStore(dying, archive.tables.views, { manifestTtlMs: 0 }).compactSearch(t, policy)).rejects.toThrow('the process died');

    expect((await live()).sort()).toEqual(liveBefore);
    expect(await answers(['sanctions', 'rights'])).toEqual(before);
    const written = await unreferenced();
    expect(written.length).toBeGreaterThan(0);
    // Its output is on record, as retired, from before its first item was written.
    const pending = [...new Set(written)];
    const retired = Object.keys(await manifest()).filter((k) => k.startsWith('r:')).map((k) => k.slice(2));
    expect(pending.every((id) => retired.includes(id))).toBe(true);

    // Within the grace period nothing is deleted; after it, the dead merge's items and entry go.
    expect((await views.compactSearch(t + 1_000, sweepOnly)).deleted).toBe(0);
    expect(await unreferenced()).toEqual(written);
    expect((await views.compactSearch(t + 120_000, sweepOnly)).deleted).toBe(pending.length);
    expect(await unreferenced()).toEqual([]);
    expect(Object.keys(await manifest()).filter((k) => k.startsWith('r:'))).toEqual([]);
    expect((await live()).sort()).toEqual(liveBefore);
    expect(await answers(['sanctions', 'rights'])).toEqual(before);
  });

  it('leaves nothing behind when two compactors race with different merges of the same segments', async () => {
    const t = Date.UTC(2026, 0, 4);
    for (let i = 30; i < 34; i++) await views.writeSearchSegment(buildSegment(`seg${i}`, [foldTranscript(`t${i}`, streamOf(`t${i}`, [revision(i)]))]));
    const before = await answers(['sanctions', 'rights', '@e:geneva']);
    // Both read the same manifest, then plan overlapping merges (two inputs and four): one swap fails.
    const pairs = new DynamoViewStore(doc, archive.tables.views, { manifestTtlMs: 0, retiredGraceMs: 60_000 });
    const [x, y] = await Promise.all([pairs.compactSearch(t, { ...policy, fanIn: 2 }), views.compactSearch(t, policy)]);
    expect(x.merged + y.merged).toBeGreaterThan(0);
    expect(await answers(['sanctions', 'rights', '@e:geneva'])).toEqual(before);

    await views.compactSearch(t + 120_000, sweepOnly);
    expect(await unreferenced()).toEqual([]);
    expect(Object.keys(await manifest()).filter((k) => k.startsWith('r:'))).toEqual([]);
    expect(await answers(['sanctions', 'rights', '@e:geneva'])).toEqual(before);
  });
});
