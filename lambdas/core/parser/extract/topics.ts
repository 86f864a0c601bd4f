/**
 * Topic detection: every trigger and suppressing phrase of the taxonomy is compiled once into a
 * word trie; each statement's tokens are walked once, collecting hits. Triggers inside a suppressing
 * phrase of their topic are dropped, overlapping triggers of one topic count once, and a topic is
 * reported when its score reaches the taxonomy's threshold. Quotations count: a transcript quoting
 * words about a topic still speaks about it.
 */
import { TAXONOMY, TOPIC_THRESHOLD } from '../../taxonomy';
import type { Extraction, Statement } from '../types';
import { Sep, type Tokens } from './tokens';

interface Output {
  readonly topic: number;
  readonly weight: number;
  readonly suppress: boolean;
  readonly phrase: string;
}

interface Node {
  next?: Map<string, Node>;
  prefixes?: [string, Node][];
  out?: Output[];
}

const root: Node = {};

const addPhrase = (phrase: string, output: Output): void => {
  const words = phrase.toLowerCase().split(/[^\p{L}\p{M}\p{N}*]+/u).filter((w) => w.length > 0);
  let node = root;
  for (const word of words) {
    if (word.endsWith('*')) {
      const prefix = word.slice(0, -1);
      node.prefixes ??= [];
      let child = node.prefixes.find(([p]) => p === prefix)?.[1];
      if (!child) {
        child = {};
        node.prefixes.push([prefix, child]);
      }
      node = child;
    } else {
      node.next ??= new Map();
      let child = node.next.get(word);
      if (!child) {
        child = {};
        node.next.set(word, child);
      }
      node = child;
    }
  }
  (node.out ??= []).push(output);
};

TAXONOMY.forEach((topic, index) => {
  for (const [phrase, weight] of Object.entries(topic.phrases)) addPhrase(phrase, { topic: index, weight, suppress: false, phrase });
  for (const phrase of topic.suppress) addPhrase(phrase, { topic: index, weight: 0, suppress: true, phrase });
});

/** One trigger phrase found in a statement. */
export interface TopicHit {
  readonly topic: number;
  readonly weight: number;
  readonly phrase: string;
  /** First and last token index. */
  readonly first: number;
  readonly last: number;
}

const children = (node: Node, word: string, into: Node[]): void => {
  const exact = node.next?.get(word);
  if (exact) into.push(exact);
  if (node.prefixes) for (const [prefix, child] of node.prefixes) if (word.startsWith(prefix)) into.push(child);
};

/** The accepted trigger hits of one statement's tokens. */
export const findTopicHits = (tokens: Tokens): TopicHit[] => {
  const raw: TopicHit[] = [];
  const suppressors: TopicHit[] = [];
  let frontier: Node[] = [];
  let nextFrontier: Node[] = [];
  for (let i = 0; i < tokens.count; i++) {
    frontier.length = 0;
    children(root, tokens.lower[i]!, frontier);
    let j = i;
    while (frontier.length > 0) {
      for (const node of frontier) {
        if (!node.out) continue;
        for (const out of node.out) {
          const hit = { topic: out.topic, weight: out.weight, phrase: out.phrase, first: i, last: j };
          (out.suppress ? suppressors : raw).push(hit);
        }
      }
      j++;
      if (j >= tokens.count || tokens.sep[j]! > Sep.Apostrophe) break;
      nextFrontier.length = 0;
      for (const node of frontier) children(node, tokens.lower[j]!, nextFrontier);
      [frontier, nextFrontier] = [nextFrontier, frontier];
    }
  }
  if (raw.length === 0) return raw;
  const kept = suppressors.length === 0
    ? raw
    : raw.filter((h) => !suppressors.some((s) => s.topic === h.topic && s.first <= h.first && s.last >= h.last));
  // Within one topic, overlapping phrases count once: the heaviest (then longest) wins.
  kept.sort((a, b) => a.topic - b.topic || b.weight - a.weight || b.last - b.first - (a.last - a.first) || a.first - b.first);
  const accepted: TopicHit[] = [];
  let topicStart = 0;
  for (const hit of kept) {
    while (topicStart < accepted.length && accepted[topicStart]!.topic !== hit.topic) topicStart++;
    let overlaps = false;
    for (let k = topicStart; k < accepted.length; k++) {
      const a = accepted[k]!;
      if (a.first <= hit.last && hit.first <= a.last) {
        overlaps = true;
        break;
      }
    }
    if (!overlaps) accepted.push(hit);
  }
  return accepted;
};

/** Hits of one statement, with the sentence each hit lies in. */
export interface StatementHits {
  readonly statement: Statement;
  readonly hits: readonly TopicHit[];
  /** Sentence index (into `statement.sentences`) of each hit. */
  readonly sentenceOf: readonly number[];
}

const MAX_EVIDENCE = 3;
/** A phrase's repeats add half its weight each, up to twice its weight in all. */
const repeatFactor = (count: number): number => 1 + 0.5 * Math.min(count - 1, 2);

/** Scores topics over a transcript's statement hits and reports those at or above the threshold. */
export const detectTopics = (all: readonly StatementHits[]): Extraction['topics'] => {
  const perTopic = new Map<number, { phrases: Map<string, { weight: number; count: number }>; seqs: Set<number>; sentences: Map<string, { seq: number; sentence: number; text: string; weight: number }> }>();
  for (const { statement, hits, sentenceOf } of all) {
    hits.forEach((hit, k) => {
      let entry = perTopic.get(hit.topic);
      if (!entry) {
        entry = { phrases: new Map(), seqs: new Set(), sentences: new Map() };
        perTopic.set(hit.topic, entry);
      }
      const phrase = entry.phrases.get(hit.phrase);
      if (phrase) phrase.count++;
      else entry.phrases.set(hit.phrase, { weight: hit.weight, count: 1 });
      entry.seqs.add(statement.seq);
      const sentence = sentenceOf[k]!;
      const key = `${statement.seq}:${sentence}`;
      const evidence = entry.sentences.get(key);
      if (evidence) evidence.weight += hit.weight;
      else {
        const range = statement.sentences[sentence];
        const text = range ? statement.text.slice(range[0], range[1]).trim() : statement.text.trim();
        entry.sentences.set(key, { seq: statement.seq, sentence, text, weight: hit.weight });
      }
    });
  }
  const topics: Extraction['topics'][number][] = [];
  for (const [index, entry] of [...perTopic].sort((a, b) => a[0] - b[0])) {
    let score = 0;
    for (const { weight, count } of entry.phrases.values()) score += weight * repeatFactor(count);
    if (score < TOPIC_THRESHOLD - 1e-9) continue;
    const evidence = [...entry.sentences.values()]
      .sort((a, b) => b.weight - a.weight || a.seq - b.seq || a.sentence - b.sentence)
      .slice(0, MAX_EVIDENCE)
      .sort((a, b) => a.seq - b.seq || a.sentence - b.sentence)
      .map(({ seq, text }) => ({ seq, text }));
    topics.push({
      topic: TAXONOMY[index]!.id,
      score: Math.round(score * 100) / 100,
      statementSeqs: [...entry.seqs].sort((a, b) => a - b),
      evidence,
    });
  }
  return topics;
};
