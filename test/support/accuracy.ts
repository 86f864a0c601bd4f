/**
 * What the accuracy tests (test/accuracy.test.ts on corpus labels, test/accuracy-unseen.test.ts on
 * the team's unseen-kind transcripts) measure alike: topics found and wrongly reported, and named
 * people found, for one labelled transcript's events.
 */
import type { EventData, PendingEvent } from '../../lambdas/core/events';
import { TOPIC_IDS } from '../../lambdas/core/topic-ids';

/** The labels every case has: topics clearly present, topics only touched on, people clearly named. */
export interface TopicAndPeopleLabels {
  readonly present: readonly string[];
  readonly unsure: readonly string[];
  readonly people: readonly string[];
}

/** The topic and people measures of one case. */
export interface TopicAndPeopleOutcome {
  readonly missedTopics: string[];
  readonly falseTopics: string[];
  readonly missedPeople: string[];
  readonly present: number;
  readonly absent: number;
  readonly people: number;
}

/** Lower-case words of a text (letters and digits), punctuation-blind. */
export const words = (s: string): string[] => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);

/** A labelled person counts as found when some person entity carries their surname (last word). */
export const personFound = (label: string, people: readonly EventData<'EntityMentioned'>[]): boolean => {
  const surname = words(label).at(-1)!;
  return people.some((p) => [p.name, ...(p.aliases ?? [])].some((n) => words(n).includes(surname)));
};

/** The person entities among a transcript's events. */
export const personEntities = (events: readonly PendingEvent[]): EventData<'EntityMentioned'>[] =>
  events.flatMap((e) => (e.type === 'EntityMentioned' && e.data.kind === 'person' ? [e.data] : []));

/** Topics missed and wrongly reported (every topic neither present nor unsure is clearly absent), people missed. */
export const topicAndPeopleOutcome = (labels: TopicAndPeopleLabels, events: readonly PendingEvent[]): TopicAndPeopleOutcome => {
  const topics = new Set(events.flatMap((e) => (e.type === 'TopicDetected' ? [e.data.topic] : [])));
  const people = personEntities(events);
  const absent = TOPIC_IDS.filter((t) => !labels.present.includes(t) && !labels.unsure.includes(t));
  return {
    missedTopics: labels.present.filter((t) => !topics.has(t)),
    falseTopics: absent.filter((t) => topics.has(t)),
    missedPeople: labels.people.filter((p) => !personFound(p, people)),
    present: labels.present.length,
    absent: absent.length,
    people: labels.people.length,
  };
};

/** Rates over many cases, and the lines that report them. */
export interface TopicAndPeopleRates {
  readonly topicRecall: number;
  readonly falsePositiveRate: number;
  readonly peopleRecall: number;
  /** "present topics found 98.3% (116 labels)" and the like, one line per rate. */
  readonly summary: readonly string[];
}

/** Share of present topics found, of absent topics reported, and of named people found. */
export const topicAndPeopleRates = (outcomes: readonly TopicAndPeopleOutcome[]): TopicAndPeopleRates => {
  const sum = (f: (o: TopicAndPeopleOutcome) => number): number => outcomes.reduce((a, o) => a + f(o), 0);
  const topicRecall = 1 - sum((o) => o.missedTopics.length) / sum((o) => o.present);
  const falsePositiveRate = sum((o) => o.falseTopics.length) / sum((o) => o.absent);
  const peopleRecall = 1 - sum((o) => o.missedPeople.length) / sum((o) => o.people);
  return {
    topicRecall,
    falsePositiveRate,
    peopleRecall,
    summary: [
      `  present topics found ${(topicRecall * 100).toFixed(1)}% (${sum((o) => o.present)} labels)`,
      `  absent topics reported ${(falsePositiveRate * 100).toFixed(1)}% (${sum((o) => o.absent)} labels)`,
      `  named people found ${(peopleRecall * 100).toFixed(1)}% (${sum((o) => o.people)} labels)`,
    ],
  };
};

/** The accuracy targets as tests: ≥ 90% of present topics, ≤ 5% of absent topics, ≥ 85% of people. */
export const itMeetsTopicAndPeopleTargets = (rates: TopicAndPeopleRates): void => {
  it('finds at least 90% of clearly present topics', () => {
    expect(rates.topicRecall).toBeGreaterThanOrEqual(0.9);
  });

  it('reports at most 5% of clearly absent topics', () => {
    expect(rates.falsePositiveRate).toBeLessThanOrEqual(0.05);
  });

  it('finds at least 85% of clearly named people', () => {
    expect(rates.peopleRecall).toBeGreaterThanOrEqual(0.85);
  });
};
