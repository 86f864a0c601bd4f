import { eventSchemas, EVENT_TYPES, transcriptStream } from '../lambdas/core/events';

describe('eventSchemas().storedEvent', () => {
  const base = {
    stream: transcriptStream('t1'),
    version: 1,
    eventId: '01JABCDEFGHJKMNPQRSTVWXYZ0',
    occurredAt: '2026-11-27T15:04:05.000Z',
    meta: {},
  };

  it('accepts a well-formed event of the catalogue', () => {
    const event = { ...base, type: 'StatementRecorded', data: { transcriptId: 't1', revision: 1, seq: 1, text: 'Hello.', span: [0, 6] } };
    expect(eventSchemas().storedEvent.parse(event)).toEqual(event);
  });

  it('rejects an unknown type and a missing field', () => {
    expect(eventSchemas().storedEvent.safeParse({ ...base, type: 'Nope', data: {} }).success).toBe(false);
    expect(eventSchemas().storedEvent.safeParse({ ...base, type: 'TopicDetected', data: { transcriptId: 't1', revision: 1 } }).success).toBe(false);
  });

  it('covers every type of events.md', () => {
    expect(EVENT_TYPES).toEqual([
      'TranscriptReceived', 'TranscriptParsed', 'StatementRecorded', 'TopicDetected', 'EntityMentioned',
      'MeetingReported', 'AwardPresented', 'TranscriptRejected', 'TopicFirstSeen',
    ]);
  });

  it('has a data schema for exactly the listed types, built once', () => {
    expect(Object.keys(eventSchemas().eventData)).toEqual([...EVENT_TYPES]);
    expect(eventSchemas()).toBe(eventSchemas());
  });
});
