/**
 * Extraction accuracy on hand-labelled corpus cases (test/accuracy/labels.json): recall of clearly
 * present topics, share of clearly absent topics reported, recall of named people. Runs the real
 * parseTranscript; the floors sit a little below the measured figures so a regression fails.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTranscript } from '../lambdas/core/parser';
import { itMeetsTopicAndPeopleTargets, type TopicAndPeopleLabels, type TopicAndPeopleOutcome, topicAndPeopleOutcome, topicAndPeopleRates } from './support/accuracy';

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
  const rates = topicAndPeopleRates(outcomes);

  beforeAll(() => {
    const lines = outcomes
      .filter((o) => o.missedTopics.length + o.falseTopics.length + o.missedPeople.length > 0)
      .map((o) => `  ${path.basename(o.file).slice(0, 60)}: missed [${o.missedTopics.join(', ')}] false [${o.falseTopics.join(', ')}] people missed [${o.missedPeople.join(', ')}]`);
    console.log(
      [
        `accuracy over ${outcomes.length} labelled files:`,
        ...rates.summary,
        ...lines,
      ].join('\n'),
    );
  });

  it('covers at least 30 files of several kinds', () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(30);
    expect(new Set(labels.cases.map((c) => c.kind)).size).toBeGreaterThanOrEqual(5);
  });

  itMeetsTopicAndPeopleTargets(rates);
});
