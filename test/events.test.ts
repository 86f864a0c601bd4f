import { storedEventSchema, EVENT_TYPES, transcriptStream } from '../lambdas/core/events';

describe('storedEventSchema', () => {
  const base = {
    stream: transcriptStream('t1'),
    version: 1,
    eventId: '01JABCDEFGHJKMNPQRSTVWXYZ0',
    occurredAt: '2026-11-27T15:04:05.000Z',
    meta: {},
  };

  it('accepts a well-formed event of the catalogue', () => {
    const event = { ...base, type: 'StatementRecorded', data: { transcriptId: 't1', revision: 1, seq: 1, text: 'Hello.', span: [0, 6] } };
    expect(storedEventSchema.parse(event)).toEqual(event);
  });

  it('rejects an unknown type and a missing field', () => {
    expect(storedEventSchema.safeParse({ ...base, type: 'Nope', data: {} }).success).toBe(false);
    expect(storedEventSchema.safeParse({ ...base, type: 'TopicDetected', data: { transcriptId: 't1', revision: 1 } }).success).toBe(false);
  });

  it('covers every type of events.md', () => {
    expect(EVENT_TYPES).toEqual([
      'TranscriptReceived', 'TranscriptParsed', 'StatementRecorded', 'TopicDetected', 'EntityMentioned',
      'MeetingReported', 'AwardPresented', 'TranscriptRejected', 'TopicFirstSeen',
    ]);
  });
});
