/**
 * The topic ids of ../shared/spec/topics.md. Ids are stable: never rename one.
 * The weighted phrases that detect each topic live in `taxonomy.ts`.
 */
export const TOPIC_IDS = [
  'human-rights',
  'sanctions',
  'sovereignty',
  'armed-conflict',
  'press-freedom',
  'freedom-of-assembly',
  'political-prisoners',
  'rule-of-law',
  'anti-corruption',
  'elections',
  'democratic-reform',
  'civil-society',
  'trafficking-in-persons',
  'disability-rights',
  'lgbtqi-rights',
  'religious-freedom',
  'refugees-and-migration',
  'genocide-and-atrocities',
  'gender-equality',
  'public-health',
  'climate-change',
  'energy',
  'economy-and-trade',
  'humanitarian-aid',
  'security-cooperation',
  'people-to-people',
  'environment',
] as const;

/** A topic id of the taxonomy. */
export type TopicId = (typeof TOPIC_IDS)[number];

const known: ReadonlySet<string> = new Set(TOPIC_IDS);
/** Whether a string is a known topic id. */
export const isTopicId = (value: string): value is TopicId => known.has(value);
