/**
 * Extraction accuracy on hand-labelled corpus cases (test/accuracy/labels.json): recall of clearly
 * present topics, share of clearly absent topics reported, recall of named people. Runs the real
 * parseTranscript; the floors sit a little below the measured figures so a regression fails.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTranscript } from '../lambdas/core/parser';
import { type TopicAndPeopleLabels, type TopicAndPeopleOutcome, topicAndPeopleOutcome } from './support/accuracy';

interface LabelledCase extends TopicAndPeopleLabels {
  readonly file: string;
  readonly kind: string;
}

const CORPUS = path.resolve(__dirname, '../../shared/corpus');
const labels = JSON.parse(readFileSync(path.join(__dirname, 'accuracy/labels.json'), 'utf8')) as { cases: LabelledCase[] };

interface Outcome extends TopicAndPeopleOutcome {
  readonly file: string;
}

const evaluate = (c: LabelledCase): Outcome => {
  const bytes = readFileSync(path.join(CORPUS, c.file));
  const outcome = parseTranscript(bytes, { transcriptId: 't', revision: 1, metadata: {} });
  if (!outcome.ok) throw new Error(`${c.file} rejected: ${outcome.reason}`);
  return { file: c.file, ...topicAndPeopleOutcome(c, outcome.events) };
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
