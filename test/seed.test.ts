/**
 * The seed transcript (../shared/fixtures/seed) through the real parseTranscript: every expectation
 * of kazakhstan-visit-remarks.expected.json — topics required and forbidden, each listed entity found
 * exactly once with its kind, the meetings, the award, and the page chrome left out of the statements.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EventData, PendingEvent } from '../lambdas/core/events';
import { parseTranscript } from '../lambdas/core/parser';

interface SeedExpectations {
  readonly file: string;
  readonly topics: { readonly required: string[]; readonly forbidden: string[] };
  readonly entities: Record<'person' | 'place' | 'organization', string[]>;
  readonly meetings: string[];
  readonly awards: { award: string; recipient: string; recipientOrganization?: string }[];
  readonly notStatements: string[];
}

const SEED = path.resolve(__dirname, '../../shared/fixtures/seed');
const expected = JSON.parse(readFileSync(path.join(SEED, 'kazakhstan-visit-remarks.expected.json'), 'utf8')) as SeedExpectations;

const parseSeed = (): PendingEvent[] => {
  const outcome = parseTranscript(readFileSync(path.join(SEED, expected.file)), { transcriptId: 'seed', revision: 1, metadata: {} });
  if (!outcome.ok) throw new Error(`seed rejected: ${outcome.reason} ${outcome.detail}`);
  return [...outcome.events];
};

const dataOf = <T extends PendingEvent['type']>(events: PendingEvent[], type: T): EventData<T>[] =>
  events.filter((e): e is Extract<PendingEvent, { type: T }> => e.type === type).map((e) => e.data as EventData<T>);

describe('parseTranscript on the seed transcript', () => {
  const events = parseSeed();
  const topics = dataOf(events, 'TopicDetected');
  const entities = dataOf(events, 'EntityMentioned');
  const statements = dataOf(events, 'StatementRecorded');

  it.each(expected.topics.required)('detects the required topic %s with evidence from the statements', (topic) => {
    const found = topics.find((t) => t.topic === topic);
    expect(found).toBeDefined();
    expect(found!.evidence.length).toBeGreaterThan(0);
    for (const e of found!.evidence) expect(statements.find((s) => s.seq === e.seq)?.text).toContain(e.text);
  });

  it.each(expected.topics.forbidden)('does not report the forbidden topic %s', (topic) => {
    expect(topics.map((t) => t.topic)).not.toContain(topic);
  });

  const listed = (Object.entries(expected.entities) as [EventData<'EntityMentioned'>['kind'], string[]][]).flatMap(([kind, names]) =>
    names.map((name) => [kind, name] as const),
  );
  it.each(listed)('finds the %s "%s" exactly once', (kind, name) => {
    const named = entities.filter((e) => e.name === name || e.aliases?.includes(name));
    expect(named).toHaveLength(1);
    expect(named[0]!.kind).toBe(kind);
  });

  it('gives a titled person one entity with the title, under the full name when both forms occur', () => {
    const minkara = entities.filter((e) => e.kind === 'person' && e.name.includes('Minkara'));
    expect(minkara).toHaveLength(1);
    expect(minkara[0]!.name).toBe('Sara Minkara');
    expect(minkara[0]!.title).toMatch(/Special Advisor/);
    expect(entities.find((e) => e.name === 'Tileuberdi')?.title).toBe('Foreign Minister');
  });

  it.each(expected.meetings)('reports a meeting with %s', (participant) => {
    const meetings = dataOf(events, 'MeetingReported');
    const wanted = participant.toLowerCase();
    expect(meetings.some((m) => m.participants.some((p) => p.toLowerCase().includes(wanted)))).toBe(true);
  });

  it('reports the award with its recipient and the recipient’s organisation', () => {
    const awards = dataOf(events, 'AwardPresented');
    for (const award of expected.awards) {
      expect(awards).toContainEqual(expect.objectContaining(award));
    }
  });

  it.each(expected.notStatements)('does not record the page chrome "%s" as a statement', (chrome) => {
    expect(statements.some((s) => s.text.includes(chrome))).toBe(false);
  });

  it('treats the quoted words of the poet as a quotation, not a statement by the poet', () => {
    expect(statements.some((s) => s.speaker?.includes('Abai'))).toBe(false);
  });
});
