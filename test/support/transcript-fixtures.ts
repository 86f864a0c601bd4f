/** Synthetic transcript streams for projection and API tests (hand-written, not from the corpus). */
import type { PendingEvent, StoredEvent } from '../../lambdas/core/events';
import { toEnvelopes } from '../../lambdas/core/transcript-events';
import { transcriptStream } from '../../lambdas/core/events';

/** A statement with optional topics and entities it mentions. */
export interface FixtureStatement {
  readonly text: string;
  readonly speaker?: string;
  readonly topics?: readonly string[];
  readonly entities?: readonly string[];
}

/** One revision of a synthetic transcript. */
export interface FixtureRevision {
  readonly title: string;
  readonly date?: string;
  readonly location?: string;
  readonly statements: readonly FixtureStatement[];
  readonly rejected?: boolean;
}

/** The events of one revision, appended after `startVersion - 1` existing events. */
export const revisionEvents = (
  transcriptId: string,
  revision: number,
  r: FixtureRevision,
  startVersion: number,
  atMs: number,
): StoredEvent[] => {
  const source = { bucket: 'fixtures', key: `${transcriptId}.txt`, etag: `etag-${revision}` };
  const pending: PendingEvent[] = [
    { type: 'TranscriptReceived', data: { transcriptId, revision, source, sha256: `sha-${revision}`, bytes: 100, metadata: { title: r.title } } },
  ];
  if (r.rejected) {
    pending.push({ type: 'TranscriptRejected', data: { transcriptId, revision, source, reason: 'binary', detail: 'not text' } });
    return toEnvelopes(transcriptStream(transcriptId), startVersion, pending, atMs);
  }
  const speakers = [...new Set(r.statements.flatMap((s) => (s.speaker ? [s.speaker] : [])))];
  pending.push({
    type: 'TranscriptParsed',
    data: {
      transcriptId,
      revision,
      title: r.title,
      ...(r.date ? { date: r.date } : {}),
      ...(r.location ? { location: r.location } : {}),
      speakers,
      statementCount: r.statements.length,
      wordCount: r.statements.reduce((n, s) => n + s.text.split(/\s+/).length, 0),
      language: 'en',
    },
  });
  let offset = 0;
  r.statements.forEach((s, i) => {
    pending.push({
      type: 'StatementRecorded',
      data: { transcriptId, revision, seq: i + 1, ...(s.speaker ? { speaker: s.speaker } : {}), text: s.text, span: [offset, offset + s.text.length] },
    });
    offset += s.text.length + 2;
  });
  const topics = new Map<string, number[]>();
  const entities = new Map<string, number[]>();
  r.statements.forEach((s, i) => {
    s.topics?.forEach((t) => topics.set(t, [...(topics.get(t) ?? []), i + 1]));
    s.entities?.forEach((e) => entities.set(e, [...(entities.get(e) ?? []), i + 1]));
  });
  for (const [topic, seqs] of topics) {
    pending.push({
      type: 'TopicDetected',
      data: { transcriptId, revision, topic, score: seqs.length, statementSeqs: seqs, evidence: seqs.map((seq) => ({ seq, text: r.statements[seq - 1]!.text })) },
    });
  }
  for (const [name, seqs] of entities) {
    pending.push({ type: 'EntityMentioned', data: { transcriptId, revision, kind: 'place', name, statementSeqs: seqs } });
  }
  return toEnvelopes(transcriptStream(transcriptId), startVersion, pending, atMs);
};

/** A whole stream from several revisions. */
export const streamOf = (transcriptId: string, revisions: readonly FixtureRevision[], atMs = Date.UTC(2026, 0, 1)): StoredEvent[] => {
  const out: StoredEvent[] = [];
  revisions.forEach((r, i) => out.push(...revisionEvents(transcriptId, i + 1, r, out.length + 1, atMs + i * 60_000)));
  return out;
};
