/**
 * The transcript projection: a pure fold of one transcript stream into the state every read model
 * (summary, detail, topic and entity mentions, search postings) is derived from. A new revision
 * supersedes the previous one as soon as it is parsed; a rejected revision leaves the last good
 * content in place and marks the transcript as rejected.
 */
import type { EventData, StoredEvent } from '../events';
import { assertNever } from '../events';

/** One statement of the current revision. */
export interface ViewStatement {
  readonly seq: number;
  readonly speaker?: string;
  readonly text: string;
}

/** A topic of the current revision. */
export type ViewTopic = Omit<EventData<'TopicDetected'>, 'transcriptId' | 'revision'>;
/** An entity of the current revision. */
export type ViewEntity = Omit<EventData<'EntityMentioned'>, 'transcriptId' | 'revision'>;
/** A meeting of the current revision. */
export type ViewMeeting = Omit<EventData<'MeetingReported'>, 'transcriptId' | 'revision'>;
/** An award of the current revision. */
export type ViewAward = Omit<EventData<'AwardPresented'>, 'transcriptId' | 'revision'>;

/** Everything known about one transcript, as of `version` of its stream. */
export interface TranscriptView {
  readonly id: string;
  /** Last stream version folded in. */
  readonly version: number;
  /** Latest revision received (parsed or not). */
  readonly latestRevision: number;
  /** Revision whose content is shown (0 until one is parsed). */
  readonly revision: number;
  readonly metadata: EventData<'TranscriptReceived'>['metadata'];
  readonly source?: EventData<'TranscriptReceived'>['source'];
  /** When the shown revision was received. */
  readonly archivedAt?: string;
  /** When the transcript was first received. */
  readonly firstArchivedAt?: string;
  readonly title: string;
  readonly date?: string;
  readonly location?: string;
  readonly speakers: readonly string[];
  readonly statementCount: number;
  readonly wordCount: number;
  readonly language?: string;
  readonly statements: readonly ViewStatement[];
  readonly topics: readonly ViewTopic[];
  readonly entities: readonly ViewEntity[];
  readonly meetings: readonly ViewMeeting[];
  readonly awards: readonly ViewAward[];
  /** Set when the latest revision was rejected. */
  readonly rejected?: { readonly revision: number; readonly reason: string; readonly detail: string };
  /** A received revision whose parse outcome has not been folded yet. */
  readonly pending?: {
    readonly revision: number;
    readonly metadata: EventData<'TranscriptReceived'>['metadata'];
    readonly source: EventData<'TranscriptReceived'>['source'];
    readonly receivedAt: string;
  };
}

/** The state before any event. */
export const emptyTranscriptView = (id: string): TranscriptView => ({
  id,
  version: 0,
  latestRevision: 0,
  revision: 0,
  metadata: {},
  title: '',
  speakers: [],
  statementCount: 0,
  wordCount: 0,
  statements: [],
  topics: [],
  entities: [],
  meetings: [],
  awards: [],
});

const sameRevision = (view: TranscriptView, revision: number) => view.revision === revision;

/** Folds one event of the transcript's stream into its view (events of other streams are ignored). */
export const evolveTranscript = (view: TranscriptView, event: StoredEvent): TranscriptView => {
  if (event.version <= view.version) return view; // already folded: redelivery changes nothing
  const next = { ...view, version: event.version };
  switch (event.type) {
    case 'TranscriptReceived': {
      const { revision, metadata, source } = event.data;
      if (revision < view.latestRevision) return next;
      return {
        ...next,
        latestRevision: revision,
        pending: { revision, metadata, source, receivedAt: event.occurredAt },
        firstArchivedAt: view.firstArchivedAt ?? event.occurredAt,
      };
    }
    case 'TranscriptParsed': {
      const d = event.data;
      if (d.revision < view.revision) return next;
      const pending = view.pending?.revision === d.revision ? view.pending : undefined;
      return {
        ...next,
        pending: undefined,
        latestRevision: Math.max(view.latestRevision, d.revision),
        revision: d.revision,
        metadata: pending?.metadata ?? view.metadata,
        source: pending?.source ?? view.source,
        archivedAt: pending?.receivedAt ?? event.occurredAt,
        firstArchivedAt: view.firstArchivedAt ?? event.occurredAt,
        title: d.title,
        date: d.date,
        location: d.location,
        speakers: d.speakers,
        statementCount: d.statementCount,
        wordCount: d.wordCount,
        language: d.language,
        statements: [],
        topics: [],
        entities: [],
        meetings: [],
        awards: [],
        rejected: undefined,
      };
    }
    case 'StatementRecorded': {
      const { revision, seq, speaker, text } = event.data;
      if (!sameRevision(view, revision)) return next;
      const statement: ViewStatement = speaker === undefined ? { seq, text } : { seq, speaker, text };
      return { ...next, statements: [...view.statements.filter((s) => s.seq !== seq), statement] };
    }
    case 'TopicDetected': {
      const { transcriptId: _t, revision, ...topic } = event.data;
      if (!sameRevision(view, revision)) return next;
      return { ...next, topics: [...view.topics.filter((t) => t.topic !== topic.topic), topic] };
    }
    case 'EntityMentioned': {
      const { transcriptId: _t, revision, ...entity } = event.data;
      if (!sameRevision(view, revision)) return next;
      return { ...next, entities: [...view.entities, entity] };
    }
    case 'MeetingReported': {
      const { transcriptId: _t, revision, ...meeting } = event.data;
      if (!sameRevision(view, revision)) return next;
      return { ...next, meetings: [...view.meetings, meeting] };
    }
    case 'AwardPresented': {
      const { transcriptId: _t, revision, ...award } = event.data;
      if (!sameRevision(view, revision)) return next;
      return { ...next, awards: [...view.awards, award] };
    }
    case 'TranscriptRejected': {
      const { revision, reason, detail, source } = event.data;
      if (revision < view.latestRevision) return next;
      return {
        ...next,
        pending: undefined,
        latestRevision: revision,
        source: view.revision === 0 ? source : view.source,
        firstArchivedAt: view.firstArchivedAt ?? event.occurredAt,
        rejected: { revision, reason, detail },
      };
    }
    case 'TopicFirstSeen':
      return next;
    default:
      return assertNever(event);
  }
};

/** Folds a whole stream (in version order) into a view. */
export const foldTranscript = (id: string, events: Iterable<StoredEvent>): TranscriptView => {
  let view = emptyTranscriptView(id);
  for (const event of events) view = evolveTranscript(view, event);
  return view;
};

/** Whether the view has content to list (a parsed revision). */
export const isListed = (view: TranscriptView): boolean => view.revision > 0;

/** The transcript id of a `transcript/<id>` stream, or undefined for other streams. */
export const transcriptIdOfStream = (stream: string): string | undefined =>
  stream.startsWith('transcript/') ? stream.slice('transcript/'.length) : undefined;
