/**
 * Webhook messages built from stored events (events.md, "Webhook event types"), and their ids.
 *
 * Revisions: topic.detected fires when a transcript mentions a topic for the first time. Revision 1
 * fires every topic it mentions; a later revision fires only the topics that no earlier revision
 * of the same transcript mentioned, so a corrected upload does not re-announce what subscribers
 * already know. (Its revision number is part of the message, so such a message is still unique
 * per (transcript, revision, topic).)
 */
import { createHash } from 'node:crypto';
import type { StoredEvent, StoredEventOf } from '../events';
import type { WebhookEventType } from './subscription';

/** The JSON body of a webhook request. */
export interface WebhookPayload {
  readonly type: WebhookEventType | 'ping';
  readonly timestamp: string;
  readonly data: Record<string, unknown>;
}

/** One message to fan out to every subscription that wants it. */
export interface WebhookMessage {
  readonly type: WebhookEventType;
  /** The event the message comes from. */
  readonly eventId: string;
  readonly transcriptId: string;
  readonly revision: number;
  readonly topic?: string;
  readonly payload: WebhookPayload;
}

/** Reads a transcript's stream when a commit alone does not say enough (title, earlier revisions). */
export interface TranscriptReader {
  /** Every event of `transcript/<transcriptId>` in version order (empty when none). */
  readTranscript(transcriptId: string): Promise<readonly StoredEvent[]>;
}

/** The stable id of one message to one subscription: the `webhook-id` and the delivery's key. */
export const deliveryIdFor = (
  subscriptionId: string,
  m: { readonly type: string; readonly transcriptId: string; readonly revision: number; readonly topic?: string },
): string =>
  `msg_${createHash('sha256')
    .update([subscriptionId, m.transcriptId, String(m.revision), m.topic ?? '', m.type].join('\u0000'))
    .digest('hex')
    .slice(0, 32)}`;

/**
 * The stable key of one message, whoever receives it: the notifier claims a message's fan-out
 * under this key, so a stream record handed over again (or a second record carrying the same
 * message) sends nothing twice.
 */
export const messageKeyFor = (m: { readonly type: string; readonly transcriptId: string; readonly revision: number; readonly topic?: string }): string =>
  `msk_${createHash('sha256')
    .update([m.transcriptId, String(m.revision), m.topic ?? '', m.type].join('\u0000'))
    .digest('hex')
    .slice(0, 32)}`;

/** Links in a payload: relative API paths, or absolute under `linkBase`. */
const linksFor = (transcriptId: string, linkBase: string): { transcript: string; events: string } => ({
  transcript: `${linkBase}/transcripts/${transcriptId}`,
  events: `${linkBase}/transcripts/${transcriptId}/events`,
});

type Parsed = StoredEventOf<'TranscriptParsed'>;
type Detected = StoredEventOf<'TopicDetected'>;

const topicPayloadData = (
  topic: string,
  detected: Detected,
  parsed: Parsed | undefined,
  linkBase: string,
): Record<string, unknown> => ({
  topic,
  transcript: {
    id: detected.data.transcriptId,
    title: parsed?.data.title ?? '',
    ...(parsed?.data.date ? { date: parsed.data.date } : {}),
    revision: detected.data.revision,
  },
  evidence: detected.data.evidence,
  links: linksFor(detected.data.transcriptId, linkBase),
});

/** Builds the messages of a batch of stored events (one or more commits), reading streams only when needed. */
export const messagesFromEvents = async (
  events: readonly StoredEvent[],
  reader: TranscriptReader,
  options: { linkBase?: string } = {},
): Promise<WebhookMessage[]> => {
  const linkBase = options.linkBase ?? '';
  const streams = new Map<string, Promise<readonly StoredEvent[]>>();
  const readOnce = (id: string): Promise<readonly StoredEvent[]> => {
    let p = streams.get(id);
    if (!p) streams.set(id, (p = reader.readTranscript(id)));
    return p;
  };
  const parsedFor = async (transcriptId: string, revision: number): Promise<Parsed | undefined> => {
    const match = (e: StoredEvent): e is Parsed =>
      e.type === 'TranscriptParsed' && e.data.transcriptId === transcriptId && e.data.revision === revision;
    return events.find(match) ?? (await readOnce(transcriptId)).find(match);
  };

  const out: WebhookMessage[] = [];
  for (const event of events) {
    switch (event.type) {
      case 'TopicDetected': {
        const { transcriptId, revision, topic } = event.data;
        if (revision > 1) {
          const earlier = (await readOnce(transcriptId)).some(
            (e) => e.type === 'TopicDetected' && e.data.topic === topic && e.data.revision < revision,
          );
          if (earlier) break;
        }
        const parsed = await parsedFor(transcriptId, revision);
        out.push({
          type: 'topic.detected',
          eventId: event.eventId,
          transcriptId,
          revision,
          topic,
          payload: { type: 'topic.detected', timestamp: event.occurredAt, data: topicPayloadData(topic, event, parsed, linkBase) },
        });
        break;
      }
      case 'TopicFirstSeen': {
        const { topic, transcriptId } = event.data;
        const stream = await readOnce(transcriptId);
        const detected = stream.find((e): e is Detected => e.type === 'TopicDetected' && e.data.topic === topic);
        if (!detected) throw new Error(`TopicFirstSeen ${topic}: transcript ${transcriptId} has no TopicDetected for it`);
        const parsed = await parsedFor(transcriptId, detected.data.revision);
        out.push({
          type: 'topic.first_seen',
          eventId: event.eventId,
          transcriptId,
          revision: detected.data.revision,
          topic,
          payload: { type: 'topic.first_seen', timestamp: event.occurredAt, data: topicPayloadData(topic, detected, parsed, linkBase) },
        });
        break;
      }
      case 'TranscriptRejected': {
        const { transcriptId, revision, source, reason, detail } = event.data;
        out.push({
          type: 'transcript.rejected',
          eventId: event.eventId,
          transcriptId,
          revision,
          payload: {
            type: 'transcript.rejected',
            timestamp: event.occurredAt,
            data: { transcriptId, revision, source, reason, detail, links: linksFor(transcriptId, linkBase) },
          },
        });
        break;
      }
      default:
        break; // every other event type carries no webhook
    }
  }
  return out;
};

/** The body of a `ping` test message. */
export const pingPayload = (subscriptionId: string, nowMs: number): WebhookPayload => ({
  type: 'ping',
  timestamp: new Date(nowMs).toISOString(),
  data: { subscriptionId, message: 'ping from demarche' },
});
