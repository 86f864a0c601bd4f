/**
 * Read models derived from a transcript's view: the summary listed by GET /transcripts, the detail
 * served by GET /transcripts/{id}, and the per-topic and per-entity mentions. Pure functions of the
 * view, so a redelivered record or a rebuild produces exactly the same items.
 */
import type { TranscriptView, ViewStatement } from './transcript-view';

/** A transcript as listed (GET /transcripts). */
export interface TranscriptSummary {
  readonly id: string;
  readonly title: string;
  readonly date?: string;
  /** The day listings order by (YYYY-MM-DD): the date, else the upload's date, else the archive day. */
  readonly day: string;
  readonly location?: string;
  readonly speakers: readonly string[];
  readonly revision: number;
  readonly topics: readonly { readonly topic: string; readonly score: number }[];
  readonly entities: readonly string[];
  readonly statementCount: number;
  readonly archivedAt?: string;
  readonly rejected?: { readonly revision: number; readonly reason: string; readonly detail: string };
}

/** A transcript in full (GET /transcripts/{id}). */
export interface TranscriptDetail extends TranscriptSummary {
  readonly url?: string;
  readonly language?: string;
  readonly wordCount: number;
  readonly statements: readonly ViewStatement[];
  readonly topicDetails: TranscriptView['topics'];
  readonly entityDetails: TranscriptView['entities'];
  readonly meetings: TranscriptView['meetings'];
  readonly awards: TranscriptView['awards'];
}

/** One statement that mentions a topic or entity. */
export interface MentionStatement {
  readonly seq: number;
  readonly text: string;
}

/** The mentions of one topic (or entity) in one transcript's current revision. */
export interface Mention {
  readonly key: string;
  readonly transcriptId: string;
  readonly title: string;
  readonly date?: string;
  /** Sort key: the transcript's day, then its id (newest first = descending). */
  readonly dateKey: string;
  readonly revision: number;
  readonly statements: readonly MentionStatement[];
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** The transcript's day as YYYY-MM-DD: its parsed date, else the upload's, else when it was archived. */
export const transcriptDay = (view: TranscriptView): string => {
  for (const candidate of [view.date, view.metadata.date, view.archivedAt, view.firstArchivedAt]) {
    if (!candidate) continue;
    const iso = ISO_DAY.exec(candidate);
    if (iso) return iso[0];
    const ms = Date.parse(candidate);
    if (!Number.isNaN(ms)) return new Date(ms).toISOString().slice(0, 10);
  }
  return '0000-00-00';
};

/** The key transcripts are ordered by: day then id, so equal days still have a total order. */
export const dateKeyOf = (view: TranscriptView): string => `${transcriptDay(view)}#${view.id}`;

/** Normalised entity key: case- and space-insensitive. */
export const entityKey = (name: string): string => name.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

/** The summary of a transcript. */
export const toSummary = (view: TranscriptView): TranscriptSummary => ({
  id: view.id,
  title: view.title || view.metadata.title || '',
  ...(view.date ?? view.metadata.date ? { date: view.date ?? view.metadata.date } : {}),
  day: transcriptDay(view),
  ...(view.location ? { location: view.location } : {}),
  speakers: view.speakers,
  revision: view.revision,
  topics: [...view.topics].sort((a, b) => b.score - a.score || a.topic.localeCompare(b.topic)).map((t) => ({ topic: t.topic, score: t.score })),
  entities: [...new Set(view.entities.map((e) => e.name))],
  statementCount: view.statementCount,
  ...(view.archivedAt ?? view.firstArchivedAt ? { archivedAt: view.archivedAt ?? view.firstArchivedAt } : {}),
  ...(view.rejected ? { rejected: view.rejected } : {}),
});

/** The detail of a transcript. */
export const toDetail = (view: TranscriptView): TranscriptDetail => ({
  ...toSummary(view),
  ...(view.metadata.url ? { url: view.metadata.url } : {}),
  ...(view.language ? { language: view.language } : {}),
  wordCount: view.wordCount,
  statements: [...view.statements].sort((a, b) => a.seq - b.seq),
  topicDetails: view.topics,
  entityDetails: view.entities,
  meetings: view.meetings,
  awards: view.awards,
});

const statementText = (view: TranscriptView): Map<number, string> => new Map(view.statements.map((s) => [s.seq, s.text]));

/**
 * The topic mentions of the current revision: one entry per topic, with the statements that
 * mention it (the detector's evidence text where it gave one, else the statement's text).
 */
export const topicMentions = (view: TranscriptView): Mention[] => {
  if (view.revision === 0) return [];
  const texts = statementText(view);
  const dateKey = dateKeyOf(view);
  return view.topics.map((t) => {
    const evidence = new Map(t.evidence.map((e) => [e.seq, e.text]));
    const seqs = [...new Set([...t.statementSeqs, ...evidence.keys()])].sort((a, b) => a - b);
    return {
      key: t.topic,
      transcriptId: view.id,
      title: toSummary(view).title,
      ...(toSummary(view).date ? { date: toSummary(view).date } : {}),
      dateKey,
      revision: view.revision,
      statements: seqs.map((seq) => ({ seq, text: evidence.get(seq) ?? texts.get(seq) ?? '' })),
    };
  });
};

/** The entity mentions of the current revision: one entry per distinct entity (by normalised name). */
export const entityMentions = (view: TranscriptView): Mention[] => {
  if (view.revision === 0) return [];
  const byKey = new Map<string, Set<number>>();
  for (const e of view.entities) {
    const key = entityKey(e.name);
    const seqs = byKey.get(key) ?? new Set<number>();
    e.statementSeqs.forEach((s) => seqs.add(s));
    byKey.set(key, seqs);
  }
  const summary = toSummary(view);
  const dateKey = dateKeyOf(view);
  return [...byKey].map(([key, seqs]) => ({
    key,
    transcriptId: view.id,
    title: summary.title,
    ...(summary.date ? { date: summary.date } : {}),
    dateKey,
    revision: view.revision,
    // Entities are many; their mentions keep only the statement numbers (texts are in the detail).
    statements: [...seqs].sort((a, b) => a - b).map((seq) => ({ seq, text: '' })),
  }));
};

/** How many statements mention each topic in the current revision (the unit of topic statistics). */
export const topicCounts = (view: TranscriptView | undefined): Map<string, number> =>
  new Map((view && view.revision > 0 ? topicMentions(view) : []).map((m) => [m.key, m.statements.length]));
