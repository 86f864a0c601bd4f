/**
 * The parser's internal contract: structure (decode → chrome → title/date/place → speaker turns →
 * statements with sentences) produces a StructuredTranscript; extraction (topics, entities,
 * meetings, awards) reads it. Both stages are pure.
 */
import type { EventData } from '../events';

/** A half-open character range [start, end). */
export type Range = readonly [number, number];

/** One statement: a paragraph (or part of a long one) of the transcript's own content. */
export interface Statement {
  /** 1-based, in document order. */
  readonly seq: number;
  /** Normalised speaker name, when the text gives speaker turns. */
  readonly speaker?: string;
  /** Whether the speaker is a questioner (`Q:`, `QUESTION:`, a reporter). */
  readonly isQuestion?: boolean;
  readonly text: string;
  /** Span of `text` in the decoded document text. */
  readonly span: Range;
  /** Sentence ranges, relative to `text`. */
  readonly sentences: readonly Range[];
  /** Quotation ranges, relative to `text`: words the speaker quotes, not their own statement. */
  readonly quotations: readonly Range[];
}

/** A transcriber's note that an award was handed over ("(The Presidential Citizens Medal is presented.)"). */
export interface Presentation {
  /** The statement just before the note. */
  readonly afterSeq: number;
  /** The award the note names, when it names one in capitals. */
  readonly award?: string;
}

/** A decoded, structured transcript: what extraction reads. */
export interface StructuredTranscript {
  /** The decoded document text that spans point into. */
  readonly text: string;
  readonly title: string;
  readonly date?: string;
  readonly location?: string;
  readonly speakers: readonly string[];
  readonly statements: readonly Statement[];
  /** Notes between statements that an award was presented, in order. */
  readonly presentations?: readonly Presentation[];
}

type WithoutRevision<T> = Omit<T, 'transcriptId' | 'revision'>;

/** What extraction finds, before transcript id and revision are attached. */
export interface Extraction {
  readonly topics: readonly WithoutRevision<EventData<'TopicDetected'>>[];
  readonly entities: readonly WithoutRevision<EventData<'EntityMentioned'>>[];
  readonly meetings: readonly WithoutRevision<EventData<'MeetingReported'>>[];
  readonly awards: readonly WithoutRevision<EventData<'AwardPresented'>>[];
}
