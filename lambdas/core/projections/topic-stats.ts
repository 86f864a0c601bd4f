/**
 * Topic statistics (mention count, transcripts, first and last seen) and the TopicFirstSeen
 * decision. Statistics change by the difference between a transcript's previous and current
 * revision, so a new revision replaces its old mentions instead of adding to them.
 */
import type { EventData } from '../events';
import { topicMentions } from './read-models';
import type { TranscriptView } from './transcript-view';

/** Statistics of one topic. */
export interface TopicStats {
  readonly topic: string;
  /** Statements that mention the topic, across current revisions. */
  readonly mentions: number;
  /** Transcripts whose current revision mentions the topic. */
  readonly transcripts: number;
  readonly firstSeen?: { readonly date: string; readonly transcriptId: string };
  readonly lastSeen?: { readonly date: string; readonly transcriptId: string };
}

/** The change a transcript's new view makes to each topic's counters. */
export interface TopicDelta {
  readonly topic: string;
  readonly mentions: number;
  readonly transcripts: number;
}

/** Counter changes between a transcript's previous topic counts and its new ones (see `topicCounts`). */
export const topicDeltas = (old: ReadonlyMap<string, number>, now: ReadonlyMap<string, number>): TopicDelta[] => {
  const topics = [...new Set([...old.keys(), ...now.keys()])].sort();
  return topics
    .map((topic) => {
      const o = old.get(topic);
      const n = now.get(topic);
      return { topic, mentions: (n ?? 0) - (o ?? 0), transcripts: (n === undefined ? 0 : 1) - (o === undefined ? 0 : 1) };
    })
    .filter((d) => d.mentions !== 0 || d.transcripts !== 0);
};

/** In-memory statistics over a set of transcript views: the reference the stored view must equal. */
export const topicStatsOf = (views: Iterable<TranscriptView>): TopicStats[] => {
  const stats = new Map<string, { mentions: number; transcripts: number; first?: [string, string]; last?: [string, string] }>();
  for (const view of views) {
    for (const m of topicMentions(view)) {
      const s = stats.get(m.key) ?? { mentions: 0, transcripts: 0 };
      s.mentions += m.statements.length;
      s.transcripts += 1;
      const at: [string, string] = [m.dateKey, m.transcriptId];
      if (!s.first || m.dateKey < s.first[0]) s.first = at;
      if (!s.last || m.dateKey > s.last[0]) s.last = at;
      stats.set(m.key, s);
    }
  }
  return [...stats]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([topic, s]) => ({
      topic,
      mentions: s.mentions,
      transcripts: s.transcripts,
      ...(s.first ? { firstSeen: { date: s.first[0].slice(0, 10), transcriptId: s.first[1] } } : {}),
      ...(s.last ? { lastSeen: { date: s.last[0].slice(0, 10), transcriptId: s.last[1] } } : {}),
    }));
};

/**
 * Which TopicFirstSeen events this transcript's current revision may claim: one per topic not yet
 * known to the archive. Appending them at version 1 of `topic/<topic>` with a conditional write lets
 * the first writer win; losers simply learn that the topic is already known.
 */
export const decideTopicFirstSeen = (
  view: TranscriptView,
  knownTopics: ReadonlySet<string>,
): EventData<'TopicFirstSeen'>[] =>
  view.revision === 0
    ? []
    : view.topics
        .filter((t) => !knownTopics.has(t.topic))
        .map((t) => ({ topic: t.topic, transcriptId: view.id, statementSeqs: [...t.statementSeqs].sort((a, b) => a - b) }));
