import { foldTranscript, evolveTranscript, emptyTranscriptView } from '../lambdas/core/projections/transcript-view';
import { entityMentions, toDetail, toSummary, topicCounts, topicMentions, transcriptDay } from '../lambdas/core/projections/read-models';
import { decideTopicFirstSeen, topicDeltas, topicStatsOf } from '../lambdas/core/projections/topic-stats';
import {
  buildSegment,
  intersectPostings,
  matchesQuery,
  parseSearchQuery,
  postingsIn,
  bucketOf,
  entityTerm,
  levelFor,
  mergeSegments,
  planCompaction,
  tierOf,
  compactedIdOf,
  tokenize,
  type SearchSegment,
  type SegmentMeta,
  transcriptPostings,
  transcriptPostingCodes,
  POSITION_MODULUS,
  hasPositions,
  indexDecides,
  phraseConstraints,
  segmentOfDocs,
} from '../lambdas/core/projections/search';
import { searchStatements, topicMentionsPage, type Position } from '../lambdas/core/projections/queries';
import type { ListingEntry, ViewStore } from '../lambdas/core/projections/view-store';
import { streamOf, type FixtureRevision } from './support/transcript-fixtures';

const rev1: FixtureRevision = {
  title: 'Remarks in Almaty',
  date: '2022-04-20',
  location: 'Almaty',
  statements: [
    { text: 'We discussed human rights and the rule of law.', speaker: 'SECRETARY', topics: ['human-rights', 'rule-of-law'], entities: ['Almaty'] },
    { text: 'Sanctions on Russia remain in place.', speaker: 'SECRETARY', topics: ['sanctions'], entities: ['Russia'] },
    { text: 'Thank you.' },
  ],
};
const rev2: FixtureRevision = {
  title: 'Remarks in Almaty (corrected)',
  date: '2022-04-21',
  statements: [{ text: 'Human rights defenders met the delegation.', topics: ['human-rights', 'civil-society'], entities: ['Almaty'] }],
};

describe('evolveTranscript', () => {
  it('folds a parsed revision into title, statements, topics and entities', () => {
    const view = foldTranscript('t1', streamOf('t1', [rev1]));
    expect(view.revision).toBe(1);
    expect(view.title).toBe('Remarks in Almaty');
    expect(view.statements.map((s) => s.seq)).toEqual([1, 2, 3]);
    expect(view.topics.map((t) => t.topic).sort()).toEqual(['human-rights', 'rule-of-law', 'sanctions']);
    expect(view.entities.map((e) => e.name)).toEqual(['Almaty', 'Russia']);
    expect(view.version).toBe(streamOf('t1', [rev1]).length);
  });

  it('replaces the content of the previous revision when a new one is parsed', () => {
    const view = foldTranscript('t1', streamOf('t1', [rev1, rev2]));
    expect(view.revision).toBe(2);
    expect(view.statements).toHaveLength(1);
    expect(view.topics.map((t) => t.topic).sort()).toEqual(['civil-society', 'human-rights']);
    expect(topicMentions(view).every((m) => m.revision === 2)).toBe(true);
  });

  it('keeps the last good content and flags a rejected revision', () => {
    const view = foldTranscript('t1', streamOf('t1', [rev1, { ...rev2, rejected: true }]));
    expect(view.revision).toBe(1);
    expect(view.latestRevision).toBe(2);
    expect(view.rejected).toMatchObject({ revision: 2, reason: 'binary' });
    expect(toSummary(view).title).toBe('Remarks in Almaty');
  });

  it('ignores an event it has already folded (redelivery)', () => {
    const events = streamOf('t1', [rev1]);
    const once = foldTranscript('t1', events);
    const twice = events.reduce(evolveTranscript, once);
    expect(twice).toEqual(once);
  });

  it('leaves a never-parsed transcript unlisted with its rejection', () => {
    const view = foldTranscript('t2', streamOf('t2', [{ ...rev1, rejected: true }]));
    expect(view.revision).toBe(0);
    expect(topicMentions(view)).toEqual([]);
    expect(view.rejected?.reason).toBe('binary');
    expect(emptyTranscriptView('t2').revision).toBe(0);
  });
});

describe('read models', () => {
  const view = foldTranscript('t1', streamOf('t1', [rev1]));

  it('summarises topics by score and entity names once', () => {
    const summary = toSummary(view);
    expect(summary).toMatchObject({ id: 't1', title: 'Remarks in Almaty', date: '2022-04-20', revision: 1, statementCount: 3 });
    expect(summary.entities).toEqual(['Almaty', 'Russia']);
    expect(summary.topics).toHaveLength(3);
  });

  it('lists topic mentions with statement text, one entry per topic', () => {
    const sanctions = topicMentions(view).find((m) => m.key === 'sanctions');
    expect(sanctions).toMatchObject({ transcriptId: 't1', title: 'Remarks in Almaty', dateKey: '2022-04-20#t1' });
    expect(sanctions?.statements).toEqual([{ seq: 2, text: 'Sanctions on Russia remain in place.' }]);
  });

  it('keys entity mentions by normalised name', () => {
    expect(entityMentions(view).map((m) => m.key)).toEqual(['almaty', 'russia']);
  });

  it('orders statements in the detail', () => {
    expect(toDetail(view).statements.map((s) => s.seq)).toEqual([1, 2, 3]);
  });

  it('falls back to the upload date or archive time for the day', () => {
    const undated = foldTranscript('t3', streamOf('t3', [{ ...rev1, date: undefined }], Date.UTC(2025, 5, 3)));
    expect(transcriptDay(undated)).toBe('2025-06-03');
    expect(transcriptDay({ ...undated, date: 'April 20, 2022' })).toBe('2022-04-20');
  });
});

describe('topic statistics', () => {
  it('moves counters by the difference between revisions', () => {
    const before = foldTranscript('t1', streamOf('t1', [rev1]));
    const after = foldTranscript('t1', streamOf('t1', [rev1, rev2]));
    expect(topicDeltas(topicCounts(undefined), topicCounts(before))).toEqual([
      { topic: 'human-rights', mentions: 1, transcripts: 1 },
      { topic: 'rule-of-law', mentions: 1, transcripts: 1 },
      { topic: 'sanctions', mentions: 1, transcripts: 1 },
    ]);
    expect(topicDeltas(topicCounts(before), topicCounts(after))).toEqual([
      { topic: 'civil-society', mentions: 1, transcripts: 1 },
      { topic: 'rule-of-law', mentions: -1, transcripts: -1 },
      { topic: 'sanctions', mentions: -1, transcripts: -1 },
    ]);
    expect(topicDeltas(topicCounts(after), topicCounts(after))).toEqual([]);
  });

  it('computes first and last seen by transcript day', () => {
    const a = foldTranscript('a', streamOf('a', [rev1]));
    const b = foldTranscript('b', streamOf('b', [{ ...rev1, date: '2021-01-02' }]));
    const hr = topicStatsOf([a, b]).find((s) => s.topic === 'human-rights');
    expect(hr).toEqual({
      topic: 'human-rights',
      mentions: 2,
      transcripts: 2,
      firstSeen: { date: '2021-01-02', transcriptId: 'b' },
      lastSeen: { date: '2022-04-20', transcriptId: 'a' },
    });
  });

  it('claims TopicFirstSeen only for topics the archive has not seen', () => {
    const view = foldTranscript('t1', streamOf('t1', [rev1]));
    expect(decideTopicFirstSeen(view, new Set(['sanctions', 'rule-of-law']))).toEqual([
      { topic: 'human-rights', transcriptId: 't1', statementSeqs: [1] },
    ]);
  });
});

describe('search index', () => {
  const a = foldTranscript('a', streamOf('a', [rev1]));
  const b = foldTranscript('b', streamOf('b', [{ ...rev2, date: '2023-01-01' }]));

  it('tokenises with case and accents folded', () => {
    expect(tokenize('Élysée Palace, HUMAN-rights!')).toEqual(['elysee', 'palace', 'human', 'rights']);
  });

  it('indexes non-stopword terms per statement', () => {
    const postings = transcriptPostings(a);
    expect(postings.get('rights')).toEqual([1]);
    expect(postings.get('sanctions')).toEqual([2]);
    expect(postings.has('the')).toBe(false);
  });

  it('finds statements containing every word, newest first, through bucketed segments', () => {
    const segment = buildSegment('s1', [a, b]);
    const query = parseSearchQuery('human rights');
    const perTerm = query.terms.map((t) => {
      const bucket = segment.buckets.get(bucketOf(t, segment.level));
      return bucket ? postingsIn(bucket, t) : [];
    });
    const hits = intersectPostings(perTerm);
    expect(hits.map((h) => [h.transcriptId, h.seq])).toEqual([
      ['b', 1],
      ['a', 1],
    ]);
  });

  it('unites the postings of one revision found in several segments and keeps only the highest revision', () => {
    const posting = (transcriptId: string, revision: number, seqs: number[], codes?: number[]) => ({
      transcriptId,
      revision,
      dateKey: `2024-01-0${revision}#${transcriptId}`,
      seqs,
      ...(codes ? { codes, modulus: 8 } : {}),
    });
    // Term 1 of "t" is in statements 1 and 3 in one segment, 2 and 3 in another; term 2 in 2 and 3.
    const term1 = [posting('t', 1, [1, 3], [8 + 0, 24 + 5]), posting('t', 1, [2, 3], [16 + 1, 24 + 5]), posting('old', 1, [1]), posting('old', 2, [4])];
    const term2 = [posting('t', 1, [2, 3], [16 + 2, 24 + 3]), posting('old', 1, [1])];
    expect(intersectPostings([term1]).map((h) => `${h.transcriptId}@${h.revision}#${h.seq}`)).toEqual(['old@2#4', 't@1#1', 't@1#2', 't@1#3']);
    // "old" has term 2 only in its superseded revision.
    expect(intersectPostings([term1, term2]).map((h) => `${h.transcriptId}#${h.seq}`)).toEqual(['t#2', 't#3']);
    // As a phrase (term 1 then term 2): only statement 2 has them side by side (positions 1, 2).
    expect(intersectPostings([term1, term2], [[{ term: 0, offset: 0 }, { term: 1, offset: 1 }]]).map((h) => h.seq)).toEqual([2]);
  });

  it('checks phrases against the statement text', () => {
    const q = parseSearchQuery('"rule of law"');
    expect(q.terms).toEqual(['rule', 'law']);
    expect(matchesQuery('We discussed human rights and the rule of law.', q)).toBe(true);
    expect(matchesQuery('The law is a rule for all.', q)).toBe(false);
  });

  it('stores token positions with the postings and checks phrases in the index', () => {
    const c = foldTranscript('c', streamOf('c', [{ ...rev1, date: '2021-05-05', statements: [{ text: 'The law is a rule for all.' }, { text: 'Under the rule of law, rights matter.' }] }]));
    const codes = transcriptPostingCodes(c);
    // 'rule' is token 4 of statement 1 and token 2 of statement 2 ('under', 'the', 'rule', 'of', 'law').
    expect(codes.get('rule')).toEqual([1 * POSITION_MODULUS + 4, 2 * POSITION_MODULUS + 2]);
    expect(codes.get('law')).toEqual([1 * POSITION_MODULUS + 1, 2 * POSITION_MODULUS + 4]);
    const segment = buildSegment('s', [a, c]);
    const perTermOf = (query: ReturnType<typeof parseSearchQuery>) =>
      query.terms.map((t) => {
        const bucket = segment.buckets.get(bucketOf(t, segment.level));
        return bucket ? postingsIn(bucket, t) : [];
      });
    const phrase = parseSearchQuery('"rule of law"');
    expect(hasPositions(perTermOf(phrase))).toBe(true);
    // Without the phrase check both statements of c hold both words; with it, only the one with the phrase.
    expect(intersectPostings(perTermOf(phrase)).map((h) => [h.transcriptId, h.seq])).toEqual([['a', 1], ['c', 1], ['c', 2]]);
    expect(intersectPostings(perTermOf(phrase), phraseConstraints(phrase)).map((h) => [h.transcriptId, h.seq])).toEqual([['a', 1], ['c', 2]]);
    const reversed = parseSearchQuery('"law rule"');
    expect(intersectPostings(perTermOf(reversed), phraseConstraints(reversed))).toEqual([]);
    // A phrase of one indexed token (or none) leaves the check to the text.
    expect(phraseConstraints(parseSearchQuery('"of the law"'))).toEqual([]);
    expect(phraseConstraints(parseSearchQuery('human "rule of law"'))).toEqual([[{ term: 1, offset: 0 }, { term: 2, offset: 2 }]]);
  });

  it('keeps positions through merges, and falls back to seqs when an input has none', () => {
    const c = foldTranscript('c', streamOf('c', [{ ...rev1, date: '2021-05-05' }]));
    const withPositions = mergeSegments('m', [buildSegment('s1', [a]), buildSegment('s2', [c])].map((p) => [...p.buckets.values()]));
    const rule = withPositions.buckets.get(bucketOf('rule', withPositions.level))!;
    expect(rule.pm).toBe(POSITION_MODULUS);
    expect(postingsIn(rule, 'rule').map((p) => [p.transcriptId, p.seqs, p.codes])).toEqual(
      expect.arrayContaining([['a', [1], [POSITION_MODULUS + 6]], ['c', [1], [POSITION_MODULUS + 6]]]),
    );
    // 'rule' is token 6 of 'We discussed human rights and the rule of law.'
    // A segment written before positions (seqs only): the merge keeps seqs only, and queries still find it.
    const old = segmentOfDocs('old', [{ transcriptId: 'b', revision: 1, dateKey: '2023-01-01#b', postings: transcriptPostings(b) }]);
    expect([...old.buckets.values()].every((bucket) => bucket.pm === undefined)).toBe(true);
    const mixed = mergeSegments('x', [buildSegment('s1', [a]), old].map((p) => [...p.buckets.values()]));
    const bucket = mixed.buckets.get(bucketOf('rights', mixed.level))!;
    expect(bucket.pm).toBeUndefined();
    expect(postingsIn(bucket, 'rights').map((p) => [p.transcriptId, p.seqs, p.codes]).sort()).toEqual([['a', [1], undefined], ['b', [1], undefined]]);
    const phrase = parseSearchQuery('"human rights"');
    const perTerm = phrase.terms.map((t) => postingsIn(mixed.buckets.get(bucketOf(t, mixed.level))!, t));
    expect(hasPositions(perTerm)).toBe(false);
    expect(intersectPostings(perTerm, phraseConstraints(phrase)).map((h) => h.transcriptId)).toEqual(['b', 'a']);
  });

  it('lets the index alone decide queries of indexed words only', () => {
    expect(indexDecides(parseSearchQuery('human rights'))).toBe(true);
    // A stopword or a phrase still needs the statement text.
    expect(indexDecides(parseSearchQuery('the sanctions'))).toBe(false);
    expect(indexDecides(parseSearchQuery('"human rights"'))).toBe(false);
  });

  it('keeps only the highest indexed revision of a transcript', () => {
    const hits = intersectPostings([
      [
        { transcriptId: 'a', revision: 1, dateKey: '2022-01-01#a', seqs: [1, 2] },
        { transcriptId: 'a', revision: 2, dateKey: '2022-01-02#a', seqs: [3] },
      ],
    ]);
    expect(hits).toEqual([{ transcriptId: 'a', revision: 2, dateKey: '2022-01-02#a', seq: 3 }]);
  });

  it('indexes entity mentions as terms no text can produce', () => {
    const postings = transcriptPostings(a);
    expect(postings.get(entityTerm('russia'))).toEqual([2]);
    expect(tokenize('@e:russia')).toEqual(['e', 'russia']);
  });

  it('spreads bigger segments over more buckets', () => {
    expect(levelFor(600)).toBe(1);
    expect(levelFor(16 * 600)).toBe(16);
    expect(levelFor(256 * 600)).toBe(256);
    expect(levelFor(2_000 * 600)).toBe(4096);
    expect(buildSegment('s', [a]).level).toBe(1);
  });

  it('treats injection-looking input as plain words', () => {
    const q = parseSearchQuery(`'; DROP TABLE x; -- <script>"`);
    expect(q.terms).toEqual(['drop', 'table', 'script']);
  });

  const allPostings = (segment: SearchSegment, term: string) => {
    const bucket = segment.buckets.get(bucketOf(term, segment.level));
    return bucket ? postingsIn(bucket, term) : [];
  };

  it('merges segments into one that answers every term as the inputs together did', () => {
    const c = foldTranscript('c', streamOf('c', [{ ...rev1, date: '2021-05-05' }]));
    const parts = [buildSegment('s1', [a]), buildSegment('s2', [b]), buildSegment('s3', [c])];
    const merged = mergeSegments('m', parts.map((p) => [...p.buckets.values()]));
    expect(merged.docs).toBe(3);
    expect(merged.postings).toBe(parts.reduce((n, p) => n + p.postings, 0));
    const whole = buildSegment('whole', [a, b, c]);
    for (const term of ['human', 'rights', 'sanctions', 'law', entityTerm('almaty')]) {
      const key = (p: { transcriptId: string; revision: number; dateKey: string; seqs: readonly number[] }) => `${p.transcriptId}@${p.revision}:${p.dateKey}:${p.seqs.join(',')}`;
      expect(allPostings(merged, term).map(key).sort()).toEqual(allPostings(whole, term).map(key).sort());
      expect(allPostings(merged, term).length).toBeGreaterThan(0);
    }
  });

  it('drops superseded revisions and unites one revision indexed twice when merging', () => {
    const a2 = foldTranscript('a', streamOf('a', [rev1, rev2]));
    expect(a2.revision).toBe(2);
    const grown = { ...a, statements: a.statements.slice(0, 1) };
    const merged = mergeSegments('m', [buildSegment('old', [a]), buildSegment('partial', [grown]), buildSegment('new', [a2])].map((p) => [...p.buckets.values()]));
    expect(allPostings(merged, 'sanctions')).toEqual([]);
    expect(allPostings(merged, 'defenders').map((p) => [p.transcriptId, p.revision, p.seqs])).toEqual([['a', 2, [1]]]);
    const same = mergeSegments('m2', [buildSegment('partial', [grown]), buildSegment('old', [a])].map((p) => [...p.buckets.values()]));
    expect(allPostings(same, 'sanctions').map((p) => p.seqs)).toEqual([[2]]);
    expect(allPostings(same, 'rights').map((p) => p.seqs)).toEqual([[1]]);
  });

  it('plans merges per size tier once a tier holds enough segments, smallest first, under the size cap', () => {
    const seg = (id: string, docs: number, level = 16): SegmentMeta => ({ id, level, docs, postings: docs * 500 });
    const policy = { fanIn: 3, maxInputs: 4, maxDocs: 100 };
    expect(tierOf(1, 3)).toBe(0);
    expect(tierOf(3, 3)).toBe(1);
    expect(tierOf(9, 3)).toBe(2);
    expect(planCompaction([seg('a', 1), seg('b', 1), seg('c', 5)], policy)).toEqual([]);
    const small = [seg('d', 2), seg('a', 1), seg('c', 1), seg('b', 1), seg('e', 5), seg('f', 6), seg('x', 30, 256)];
    expect(planCompaction(small, policy).map((s) => s.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(planCompaction([seg('e', 5), seg('f', 6), seg('g', 3), seg('x', 30, 256)], policy).map((s) => s.id)).toEqual(['g', 'e', 'f']);
    // Segments of half the cap or more are final; a merge stays under the cap.
    const big = [seg('p', 60, 4096), seg('q', 40, 4096), seg('r', 45, 4096), seg('s', 30, 4096)];
    expect(planCompaction(big, policy).map((s) => s.id)).toEqual(['s', 'q']);
    expect(compactedIdOf([seg('a', 16, 1), seg('b', 16, 1)])).toBe(compactedIdOf([seg('b', 16, 1), seg('a', 16, 1)]));
  });
});

describe('topic mentions page', () => {
  // 30 transcripts mentioning the topic, transcript i in (i % 4) + 1 statements.
  const entries: ListingEntry[] = Array.from({ length: 30 }, (_, i) => {
    const id = `t${String(i).padStart(2, '0')}`;
    const dateKey = `2024-02-${String(i + 1).padStart(2, '0')}#${id}`;
    const statements = Array.from({ length: (i % 4) + 1 }, (_, s) => ({ seq: s + 1, text: `statement ${s + 1} of ${id}` }));
    return { dateKey, transcriptId: id, mention: { key: 'sanctions', transcriptId: id, title: id, dateKey, revision: 1, statements } };
  });
  const reads: number[] = [];
  const views = {
    listing: async (_index: unknown, range: { lo: string; hi: string }, limit: number) => {
      reads.push(limit);
      return entries.filter((e) => e.dateKey >= range.lo && e.dateKey <= range.hi).sort((a, b) => (a.dateKey < b.dateKey ? 1 : -1)).slice(0, limit);
    },
  } as unknown as ViewStore;
  const total = entries.reduce((n, e) => n + e.mention!.statements.length, 0);

  it.each([1, 2.5, 20])('pages every statement exactly once whatever the density estimate (%p per transcript)', async (density) => {
    for (const limit of [1, 3, 25]) {
      const seen: string[] = [];
      let after: Position | undefined;
      for (let pages = 0; pages < 200; pages++) {
        const page = await topicMentionsPage(views, 'sanctions', { limit, ...(after ? { after } : {}), statementsPerEntry: density });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((h) => `${h.transcriptId}#${h.seq}`));
        if (!page.next) break;
        after = page.next;
      }
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      expect(seen[0]).toBe('t29#1');
    }
  });

  it('reads fewer entries than statements when transcripts hold several', async () => {
    reads.length = 0;
    await topicMentionsPage(views, 'sanctions', { limit: 25, statementsPerEntry: 2.5 });
    expect(reads).toEqual([18]);
  });
});

describe('statement search over the view store', () => {
  const a = foldTranscript('a', streamOf('a', [rev1]));
  const c = foldTranscript('c', streamOf('c', [{ ...rev1, date: '2023-03-03' }]));
  const segment = buildSegment('s1', [a, c]);
  let version = 'v1';
  const asked: string[] = [];
  const views = {
    searchIndexVersion: async () => version,
    postings: async (term: string) => {
      asked.push(term);
      const bucket = segment.buckets.get(bucketOf(term, segment.level));
      return bucket ? postingsIn(bucket, term) : [];
    },
    getStatements: async (refs: readonly { transcriptId: string; seq: number }[]) =>
      new Map(
        refs.flatMap((r) => {
          const st = a.statements.find((s) => s.seq === r.seq);
          return st ? [[`${r.transcriptId}#${r.seq}`, { transcriptId: r.transcriptId, revision: a.revision, title: a.title, seq: st.seq, text: st.text }] as const] : [];
        }),
      ),
  } as unknown as ViewStore;

  it('reuses the intersection while the index version stays, and redoes it when the version moves', async () => {
    asked.length = 0;
    const first = await searchStatements(views, 'sanctions russia', { limit: 5 });
    expect(first.items.map((h) => [h.transcriptId, h.seq])).toEqual([['c', 2], ['a', 2]]);
    await searchStatements(views, 'sanctions russia', { limit: 5 });
    expect(asked.sort()).toEqual(['russia', 'sanctions']);
    version = 'v2';
    await searchStatements(views, 'sanctions russia', { limit: 5 });
    expect(asked).toHaveLength(4);
  });

  it('reads only the statements of the page, phrase queries included, when the index holds positions', async () => {
    const read: string[] = [];
    const counting = { ...views, getStatements: async (refs: readonly { transcriptId: string; seq: number }[]) => (read.push(...refs.map((r) => `${r.transcriptId}#${r.seq}`)), views.getStatements(refs)) } as ViewStore;
    const page = await searchStatements(counting, '"rule of law"', { limit: 1 });
    expect(page.items.map((h) => [h.transcriptId, h.seq])).toEqual([['c', 1]]);
    expect(read).toEqual(['c#1']);
    expect(page.next).toBeDefined();
    read.length = 0;
    const rest = await searchStatements(counting, '"rule of law"', { limit: 1, after: page.next! });
    expect(rest.items.map((h) => [h.transcriptId, h.seq])).toEqual([['a', 1]]);
    expect(rest.next).toBeUndefined();
    expect(read).toEqual(['a#1']);
    read.length = 0;
    expect((await searchStatements(counting, '"law of rule"', { limit: 5 })).items).toEqual([]);
    expect(read).toEqual([]);
  });

  it('resumes after the cursor position', async () => {
    const p1 = await searchStatements(views, 'sanctions', { limit: 1 });
    expect(p1.items.map((h) => [h.transcriptId, h.seq])).toEqual([['c', 2]]);
    expect(p1.next).toBeDefined();
    const p2 = await searchStatements(views, 'sanctions', { limit: 1, after: p1.next! });
    expect(p2.items.map((h) => [h.transcriptId, h.seq])).toEqual([['a', 2]]);
    expect(p2.next).toBeUndefined();
  });
});
