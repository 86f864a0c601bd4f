import { gzipSync } from 'node:zlib';
import type { PendingEvent, StoredEvent } from '../lambdas/core/events';
import { toEnvelopes } from '../lambdas/core/transcript-events';
import {
  COMMIT_ATTRIBUTES,
  CommitCodecError,
  decodeCommitHeader,
  decodeCommitItem,
  encodeCommit,
  encodeCommits,
  logPartition,
} from '../lambdas/adapters/event-commits';

const T0 = Date.UTC(2026, 10, 27, 15, 4, 5);
const statements = (n: number, words = 12): PendingEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    type: 'StatementRecorded' as const,
    data: {
      transcriptId: 't1',
      revision: 1,
      seq: i + 1,
      speaker: 'SECRETARY',
      text: Array.from({ length: words }, (_, w) => `word${(i * 7919 + w * 104729) % 100003}`).join(' '),
      span: [i * 100, i * 100 + 90] as [number, number],
    },
  }));
const received: PendingEvent = {
  type: 'TranscriptReceived',
  data: {
    transcriptId: 't1',
    revision: 1,
    source: { bucket: 'b', key: 'k.txt', etag: '"e"' },
    sha256: 'ab'.repeat(32),
    bytes: 10,
    metadata: { title: 'Remarks' },
  },
};
const stream = 'transcript/t1';
let ids = 0;
const newCommitId = () => `01JCOMMIT${String(ids++).padStart(17, '0')}`;

describe('encodeCommit', () => {
  it('round-trips a run of events through an item, restoring stream and commit id', () => {
    const events = toEnvelopes(stream, 1, [received, ...statements(3)], T0);
    const { item, firstVersion, lastVersion } = encodeCommit(events, { commitId: 'C1', committedAtMs: T0 });
    expect([firstVersion, lastVersion]).toEqual([1, 4]);
    expect(item.pk).toEqual({ S: stream });
    expect(item.sk).toEqual({ N: '1' });
    expect(item.last).toEqual({ N: '4' });
    expect(item.count).toEqual({ N: '4' });
    expect(item.tpk).toEqual({ S: 'log#2026-11' });
    expect(item.tsk).toEqual({ S: 'C1' });
    expect(new Set(item.types?.SS)).toEqual(new Set(['TranscriptReceived', 'StatementRecorded']));
    const decoded = decodeCommitItem(item);
    expect(decoded).toEqual(events.map((e) => ({ ...e, meta: { ...e.meta, commitId: 'C1' } })));
  });

  it('decodes a Lambda stream NewImage whose binary is base64', () => {
    const events = toEnvelopes(stream, 5, statements(2), T0);
    const { item } = encodeCommit(events, { commitId: 'C2', committedAtMs: T0, end: 9 });
    // Lambda delivers stream records as JSON: binary attributes arrive base64-encoded.
    const newImage = JSON.parse(JSON.stringify({ ...item, body: { B: Buffer.from(item.body!.B!).toString('base64') } })) as unknown;
    expect(decodeCommitItem(newImage).map((e) => e.version)).toEqual([5, 6]);
    expect(decodeCommitHeader(newImage)).toEqual({
      stream,
      firstVersion: 5,
      lastVersion: 6,
      end: 9,
      commitId: 'C2',
      committedAt: new Date(T0).toISOString(),
    });
  });

  it('decodes a document-client item', () => {
    const events = toEnvelopes(stream, 1, [received], T0);
    const { item } = encodeCommit(events, { commitId: 'C3', committedAtMs: T0 });
    const plain = { pk: item.pk!.S, sk: 1, last: 1, body: item.body!.B, commitId: 'C3', fmt: 1 };
    expect(decodeCommitItem(plain)[0]?.type).toBe('TranscriptReceived');
  });

  it('refuses runs that are not consecutive or mix streams', () => {
    const events = toEnvelopes(stream, 1, statements(3), T0);
    expect(() => encodeCommit([events[0]!, events[2]!], { commitId: 'x', committedAtMs: T0 })).toThrow(CommitCodecError);
    const other = { ...events[1]!, stream: 'transcript/t2' } as StoredEvent;
    expect(() => encodeCommit([events[0]!, other], { commitId: 'x', committedAtMs: T0 })).toThrow(CommitCodecError);
    expect(() => encodeCommit([], { commitId: 'x', committedAtMs: T0 })).toThrow(CommitCodecError);
  });

  it('rejects items whose body is not valid events', () => {
    const events = toEnvelopes(stream, 1, statements(1), T0);
    const { item } = encodeCommit(events, { commitId: 'C4', committedAtMs: T0 });
    expect(() => decodeCommitItem({ ...item, body: { B: new Uint8Array([1, 2, 3]) } })).toThrow(CommitCodecError);
    const wrong = gzipSync(JSON.stringify([{ version: 1, type: 'StatementRecorded', data: {} }]));
    expect(() => decodeCommitItem({ ...item, body: { B: wrong } })).toThrow(CommitCodecError);
    expect(() => decodeCommitItem({ pk: { S: stream } })).toThrow(CommitCodecError);
  });
});

describe('encodeCommits', () => {
  it('keeps an ordinary append in one item', () => {
    const events = toEnvelopes(stream, 1, [received, ...statements(200)], T0);
    const commits = encodeCommits(events, { newCommitId, committedAtMs: T0 });
    expect(commits).toHaveLength(1);
    expect(commits[0]!.item[COMMIT_ATTRIBUTES.end]).toEqual({ N: '201' });
  });

  it('splits a large append into consecutive items under the size budget, each knowing where the append ends', () => {
    const events = toEnvelopes(stream, 3, statements(400, 40), T0);
    const max = 8 * 1024;
    const commits = encodeCommits(events, { newCommitId, committedAtMs: T0, maxBodyBytes: max });
    expect(commits.length).toBeGreaterThan(2);
    commits.forEach((c, i) => {
      expect(c.bodyBytes).toBeLessThanOrEqual(max);
      expect(c.firstVersion).toBe(i === 0 ? 3 : commits[i - 1]!.lastVersion + 1);
      expect(c.item.end).toEqual({ N: '402' });
    });
    expect(commits.at(-1)!.lastVersion).toBe(402);
    const decoded = commits.flatMap((c) => decodeCommitItem(c.item));
    expect(decoded.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
  });

  it('refuses a single event larger than the budget', () => {
    const events = toEnvelopes(stream, 1, statements(2, 3000), T0);
    expect(() => encodeCommits(events, { newCommitId, committedAtMs: T0, maxBodyBytes: 1024 })).toThrow(CommitCodecError);
  });
});

describe('logPartition', () => {
  it('is the UTC month of the commit', () => {
    expect(logPartition(Date.UTC(2026, 0, 31, 23, 59, 59))).toBe('log#2026-01');
    expect(logPartition(Date.UTC(2026, 1, 1))).toBe('log#2026-02');
  });
});
