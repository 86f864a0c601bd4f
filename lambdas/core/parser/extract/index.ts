/**
 * Extraction: reads a structured transcript and finds topics, named entities, meetings and awards.
 * Each statement is tokenised once; topic phrases and entity names are matched over those tokens.
 * Pure and deterministic.
 */
import type { Extraction, Statement, StructuredTranscript } from '../types';
import { findAwards } from './awards';
import { findMentions, resolveEntities, type Leftover, type Mention } from './entities';
import { findMeetings, type StatementMentions } from './meetings';
import { detectTopics, findTopicHits, type StatementHits, type TopicHints } from './topics';
import { askerIsPerson } from '../speakers';
import { countWordsOf, tokenizeScratch } from './tokens';

const speakerCache = new Map<string, readonly Mention[]>();
/** A statement with no word that can start a meeting report. */
const NO_OFFSETS: readonly number[] = [];

/** The people a speaker label names ("Prime Minister Kallas", "Ned Price"); generic labels name none. */
const speakerPeople = (speaker: string): readonly Mention[] => {
  let found = speakerCache.get(speaker);
  if (!found) {
    const pseudo: Statement = { seq: 1, speaker: undefined, isQuestion: false, text: speaker, span: [0, speaker.length], sentences: [[0, speaker.length]], quotations: [] };
    found = findMentions(pseudo, tokenizeScratch(speaker), []).filter((m) => m.kind === 'person');
    if (speakerCache.size < 10_000) speakerCache.set(speaker, found);
  }
  return found;
};

/**
 * A mention with every property in one order (the passes that find mentions each write their own
 * subset): entity resolution, meetings and awards read thousands of them, and reads of objects of
 * more than four shapes go megamorphic (a generic lookup per read).
 */
const uniform = (m: Mention, seq: number, start: number, end: number): Mention => ({
  kind: m.kind,
  key: m.key,
  surface: m.surface,
  name: m.name,
  title: m.title,
  seq,
  start,
  end,
  surname: m.surname,
  single: m.single,
});

/** Speakers are people named by the transcript too: one mention per statement they speak. */
const addSpeakers = (doc: StructuredTranscript, mentions: Mention[]): void => {
  for (const statement of doc.statements) {
    if (!statement.speaker || (statement.isQuestion && !askerIsPerson(statement.speaker))) continue;
    for (const m of speakerPeople(statement.speaker)) mentions.push(uniform(m, statement.seq, -1, -1));
  }
};

/**
 * Finds the topics, entities, meetings and awards of a structured transcript. When `counts` is
 * given, its `words` is set to the statements' word count (`countWords`), read off the same tokens.
 */
export const extract = (doc: StructuredTranscript, counts?: { words: number }): Extraction => {
  let words = 0;
  const hits: StatementHits[] = [];
  const items: StatementMentions[] = [];
  const mentions: Mention[] = [];
  const leftovers: Leftover[] = [];
  // The dateline's place names ("Punta Cana, Dominican Republic"): a run read as a person's name that
  // is one of them names the place ("… the summit in Punta Cana").
  const datelineParts = doc.location ? doc.location.toLowerCase().split(/\s*,\s*/u) : undefined;
  for (const statement of doc.statements) {
    // Tokenised inside the document text when the statement's span says where it lies there.
    const from = statement.span[0];
    const to = statement.span[1];
    const inDoc = to - from === statement.text.length && to <= doc.text.length && from >= 0;
    const tokens = inDoc ? tokenizeScratch(doc.text, from, to) : tokenizeScratch(statement.text);
    if (counts) words += countWordsOf(tokens);
    const hints: TopicHints = { bits: 0, meetingAt: undefined };
    const found = findTopicHits(tokens, hints);
    if (found.length > 0) {
      const sentences = statement.sentences;
      const sentenceOf: number[] = new Array<number>(found.length);
      for (let h = 0; h < found.length; h++) {
        const at = tokens.start[found[h]!.first]! - tokens.base;
        let k = 0;
        while (k < sentences.length - 1 && sentences[k]![1] <= at) k++;
        sentenceOf[h] = k;
      }
      hits.push({ statement, hits: found, sentenceOf });
    }
    const own = findMentions(statement, tokens, leftovers);
    for (let m = 0; m < own.length; m++) {
      let mention = own[m]!;
      if (datelineParts && mention.kind === 'person' && datelineParts.includes(mention.surface.toLowerCase())) {
        mention = { kind: 'place', key: mention.surface.toLowerCase(), surface: mention.surface, name: mention.surface, seq: mention.seq, start: mention.start, end: mention.end };
      }
      const same = uniform(mention, mention.seq, mention.start, mention.end);
      own[m] = same;
      mentions.push(same);
    }
    items.push({ statement, mentions: own, hints: hints.bits, meetingAt: hints.meetingAt ?? NO_OFFSETS });
  }
  if (counts) counts.words = words;
  addSpeakers(doc, mentions);
  const { entities, nameOf } = resolveEntities(mentions, leftovers);
  return {
    topics: detectTopics(hits),
    entities,
    meetings: findMeetings(items, nameOf),
    awards: findAwards(items, nameOf, doc.presentations, doc.title),
  };
};
