/**
 * Extraction accuracy on hand-labelled corpus cases (test/accuracy/labels.json): recall of clearly
 * present topics, share of clearly absent topics reported, recall of named people. Runs the real
 * parseTranscript; the floors sit a little below the measured figures so a regression fails.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EventData } from '../lambdas/core/events';
import { parseTranscript } from '../lambdas/core/parser';
import { TOPIC_IDS } from '../lambdas/core/topic-ids';

interface LabelledCase {
  readonly file: string;
  readonly kind: string;
  readonly present: readonly string[];
  readonly unsure: readonly string[];
  readonly people: readonly string[];
}

const CORPUS = path.resolve(__dirname, '../../shared/corpus');
const labels = JSON.parse(readFileSync(path.join(__dirname, 'accuracy/labels.json'), 'utf8')) as { cases: LabelledCase[] };

const words = (s: string): string[] => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);

/** A labelled person counts as found when some person entity carries their surname (last word). */
const personFound = (label: string, people: readonly EventData<'EntityMentioned'>[]): boolean => {
  const surname = words(label).at(-1)!;
  return people.some((p) => [p.name, ...(p.aliases ?? [])].some((n) => words(n).includes(surname)));
};

interface Outcome {
  readonly file: string;
  readonly missedTopics: string[];
  readonly falseTopics: string[];
  readonly missedPeople: string[];
  readonly present: number;
  readonly absent: number;
  readonly people: number;
}

const evaluate = (c: LabelledCase): Outcome => {
  const bytes = readFileSync(path.join(CORPUS, c.file));
  const outcome = parseTranscript(bytes, { transcriptId: 't', revision: 1, metadata: {} });
  if (!outcome.ok) throw new Error(`${c.file} rejected: ${outcome.reason}`);
  const topics = new Set<string>();
  const people: EventData<'EntityMentioned'>[] = [];
  for (const e of outcome.events) {
    if (e.type === 'TopicDetected') topics.add(e.data.topic);
    if (e.type === 'EntityMentioned' && e.data.kind === 'person') people.push(e.data);
  }
  const absent = TOPIC_IDS.filter((t) => !c.present.includes(t) && !c.unsure.includes(t));
  return {
    file: c.file,
    missedTopics: c.present.filter((t) => !topics.has(t)),
    falseTopics: absent.filter((t) => topics.has(t)),
    missedPeople: c.people.filter((p) => !personFound(p, people)),
    present: c.present.length,
    absent: absent.length,
    people: c.people.length,
  };
};

describe('extraction accuracy on labelled corpus cases', () => {
  const outcomes = labels.cases.map(evaluate);
  const sum = (f: (o: Outcome) => number): number => outcomes.reduce((a, o) => a + f(o), 0);
  const topicRecall = 1 - sum((o) => o.missedTopics.length) / sum((o) => o.present);
  const falsePositiveRate = sum((o) => o.falseTopics.length) / sum((o) => o.absent);
  const peopleRecall = 1 - sum((o) => o.missedPeople.length) / sum((o) => o.people);

  beforeAll(() => {
    const lines = outcomes
      .filter((o) => o.missedTopics.length + o.falseTopics.length + o.missedPeople.length > 0)
      .map((o) => `  ${path.basename(o.file).slice(0, 60)}: missed [${o.missedTopics.join(', ')}] false [${o.falseTopics.join(', ')}] people missed [${o.missedPeople.join(', ')}]`);
    console.log(
      [
        `accuracy over ${outcomes.length} labelled files:`,
        `  present topics found ${(topicRecall * 100).toFixed(1)}% (${sum((o) => o.present)} labels)`,
        `  absent topics reported ${(falsePositiveRate * 100).toFixed(1)}% (${sum((o) => o.absent)} labels)`,
        `  named people found ${(peopleRecall * 100).toFixed(1)}% (${sum((o) => o.people)} labels)`,
        ...lines,
      ].join('\n'),
    );
  });

  it('covers at least 30 files of several kinds', () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(30);
    expect(new Set(labels.cases.map((c) => c.kind)).size).toBeGreaterThanOrEqual(5);
  });

  it('finds at least 90% of clearly present topics', () => {
    expect(topicRecall).toBeGreaterThanOrEqual(0.9);
  });

  it('reports at most 5% of clearly absent topics', () => {
    expect(falsePositiveRate).toBeLessThanOrEqual(0.05);
  });

  it('finds at least 85% of clearly named people', () => {
    expect(peopleRecall).toBeGreaterThanOrEqual(0.85);
  });
});
