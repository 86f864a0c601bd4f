/**
 * The entity lexicon, compiled once at module load: common words, the place and organisation
 * gazetteer as a case-sensitive word trie, the title trie, and the small word sets the name rules use.
 */
import { COMMON_WORDS_TEXT } from '../data/common-words';
import {
  GIVEN_NAMES,
  NOT_NAMES,
  ORGANIZATION_HEADS,
  ORGANIZATION_PREFIXES,
  ORGANIZATION_ROLES,
  ROLE_NOUNS,
  TITLE_HEADS,
} from '../data/names';
import { INTERNATIONAL_ORGANIZATIONS, NEWS_ORGANIZATIONS, US_ORGANIZATIONS } from '../data/organizations';
import { listLines } from '../data/lists';
import { CITIES, COUNTRIES, REGIONS } from '../data/places';
import { phraseWords as phraseWordsImport, type Tokens } from './tokens';
// Module-local copies of the imported bindings: under a CommonJS transform (tsx, jest) every use of
// an import is a getter call, which costs on these per-token paths; bundles are unaffected.
const phraseWords = phraseWordsImport;

const words = (text: string): Set<string> => new Set(text.split(/\s+/).filter((w) => w.length > 0));

const COMMON_TEXT = COMMON_WORDS_TEXT;

/** Compares the word at [start, end) of the list with `word`, as code units (the list's order). */
const compareAt = (start: number, end: number, word: string): number => {
  const text = COMMON_TEXT;
  const n = Math.min(word.length, end - start);
  for (let k = 0; k < n; k++) {
    const d = text.charCodeAt(start + k) - word.charCodeAt(k);
    if (d !== 0) return d;
  }
  return end - start - word.length;
};

// Word edges are found by reading characters, not with lastIndexOf/indexOf: a lookup probes a
// dozen words, and those calls leave optimised code for the runtime (lastIndexOf alone was ~1 % of
// a cold corpus run).
/** The start of the word around `at`: just after the space before it, and not before `lo`. */
const wordStartAt = (text: string, lo: number, at: number): number => {
  let s = at;
  while (s > lo && text.charCodeAt(s - 1) !== 32) s--;
  return s;
};
/** The end of the word starting at `start`: the next space, or `limit`. */
const wordEndAt = (text: string, start: number, limit: number): number => {
  let e = start;
  while (e < limit && text.charCodeAt(e) !== 32) e++;
  return e;
};

/** The start of the first listed word not below `key` (the list's length when there is none). */
const lowerBound = (key: string): number => {
  const text = COMMON_TEXT;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = wordStartAt(text, lo, mid);
    const end = wordEndAt(text, start, text.length);
    if (compareAt(start, end, key) < 0) lo = Math.min(end + 1, text.length);
    else hi = start;
  }
  return lo;
};

/**
 * Per two-character ASCII prefix (first * 128 + second): where its words start in the list and
 * where the last of them ends, found on the prefix's first lookup (start -1: not yet). A lookup then
 * searches a few dozen words instead of the whole list.
 */
const PREFIX_START = new Int32Array(128 * 128).fill(-1);
const PREFIX_END = new Int32Array(128 * 128);

/**
 * Whether a lower-case word is an ordinary English word: a binary search over the sorted,
 * space-separated list itself. Building a set of its 39,000 words took ~16 ms of every cold start
 * (the ingest function's included); a lookup is a few probes within its two-letter prefix's words,
 * made once per distinct word (the word-flag cache below remembers the answer).
 */
export const isCommonWord = (word: string): boolean => {
  const text = COMMON_TEXT;
  let lo = 0;
  let hi = text.length;
  if (word.length >= 2 && word.charCodeAt(0) < 128 && word.charCodeAt(1) < 127) {
    const key = word.charCodeAt(0) * 128 + word.charCodeAt(1);
    if (PREFIX_START[key]! < 0) {
      const prefix = word.slice(0, 2);
      const first = lowerBound(prefix);
      const next = lowerBound(prefix[0]! + String.fromCharCode(prefix.charCodeAt(1) + 1));
      PREFIX_END[key] = next > first && next < text.length ? next - 1 : next;
      PREFIX_START[key] = first;
    }
    lo = PREFIX_START[key]!;
    hi = PREFIX_END[key]!;
    if (lo >= hi) return false;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // The word around `mid` (`lo` always starts a word, so the word never starts before it).
    const start = wordStartAt(text, lo, mid);
    const end = wordEndAt(text, start, hi);
    const cmp = -compareAt(start, end, word);
    if (cmp === 0) return true;
    if (cmp < 0) hi = start === lo ? lo : start - 1;
    else lo = end + 1;
  }
  return false;
};
// The word lists of the name rules; wordFlags reads them merged into LISTED (below).
/** Given names that are also ordinary words. */
const GIVEN = words(GIVEN_NAMES);
/** Capitalised words that never belong to a person's name. */
const NOT_NAME = words(NOT_NAMES);
/** Lower-case role nouns that introduce a name. */
const ROLE = words(ROLE_NOUNS);
/** (length up to 31, first code unit) of each role noun: a cheap test before a word's flags are worked out. */
const ROLE_SHAPE = new Uint8Array(32 * 128);
for (const w of ROLE) ROLE_SHAPE[Math.min(w.length, 31) * 128 + (w.charCodeAt(0) & 127)] = 1;
/** False when token i cannot be a role noun (most words before a capitalised one are not). */
export const mayBeRole = (t: Tokens, i: number): boolean => {
  const start = t.start[i]!;
  const first = t.source.charCodeAt(start);
  return first >= 128 || ROLE_SHAPE[Math.min(t.end[i]! - start, 31) * 128 + first] === 1;
};
/** Words that end an organisation's name. */
const ORG_HEAD = words(ORGANIZATION_HEADS);
/** Armed services and commands end an organisation's name too ("Air Force", "Rapid Support Forces", "Indo-Pacific Command"). */
for (const w of ['Force', 'Forces', 'Army', 'Navy', 'Corps', 'Guard', 'Command']) ORG_HEAD.add(w);
/** Words that start an organisation's name before of/for/on. */
const ORG_PREFIX = words(ORGANIZATION_PREFIXES);
/** Role words after which "of X" names an organisation. */
const ORG_ROLE = words(ORGANIZATION_ROLES);
/** Lower-case particles inside personal names. */
const NAME_PARTICLES = new Set(['bin', 'ibn', 'al', 'el', 'de', 'da', 'di', 'du', 'del', 'della', 'van', 'von', 'der', 'den', 'la', 'le', 'dos', 'das', 'y', 'los', 'las', 'ter', 'ten', 'arap', 'uulu', 'kyzy', 'af', 'wa']);
/** The longest lower-case particle: a longer word needs no look at its flags to be ruled out. */
export const MAX_PARTICLE_CHARS = Math.max(...[...NAME_PARTICLES].map((w) => w.length));
/**
 * Capitalised particles inside a name ("Mohamed Salem Ould Merzoug", "Abu Bakr", "Van Hollen"): they
 * do not count towards a name's length in words.
 */
export const CAPITAL_PARTICLES = new Set(['Ould', 'Ben', 'Bin', 'Ibn', 'Abu', 'Al', 'El', 'Van', 'Von', 'De', 'Del', 'Della', 'Da', 'Di', 'Dos', 'Du', 'Le', 'La']);
/** The longest capitalised particle: a longer word is none without a set lookup. */
export const MAX_CAPITAL_PARTICLE_CHARS = Math.max(...[...CAPITAL_PARTICLES].map((w) => w.length));
/**
 * Words that open an organisation's name in languages that put the head first ("Institut Pasteur
 * de Dakar", "Universidad de Chile", "Fundación Ortega"): a run they start is no person.
 */
export const LEADING_ORG_HEADS = new Set([
  'Institut', 'Instituto', 'Istituto', 'Fundación', 'Fundação', 'Fondation', 'Fondazione', 'Universidad', 'Universidade',
  'Université', 'Università', 'Banco', 'Banque', 'Comité', 'Comisión', 'Comissão', 'Ministerio', 'Ministère', 'Ministério',
  'Agence', 'Agencia', 'Agência', 'Centro', 'Consejo', 'Conseil', 'Conselho', 'Partido', 'Parti', 'Asociación',
  'Associação', 'Organización', 'Organização', 'Hôpital', 'Colegio', 'Escuela', 'École', 'Sociedad', 'Société',
  'Front', 'Frente', 'Mouvement', 'Movimiento', 'Movimento', 'Alianza', 'Rassemblement',
  'Fundacja', 'Towarzystwo', 'Stowarzyszenie', 'Centrum', 'Instytut', 'Forum', 'Stiftung', 'Verein', 'Verband', 'Stichting',
  'Ambassade', 'Ministère', 'Ministerio', 'Embajada', 'Embaixada', 'Botschaft', 'Ministerium',
  'Vereniging', 'Associazione', 'Asociația', 'Fundația', 'Nadácia', 'Nadace', 'Sdružení', 'Fundacija', 'Udruga',
]);
/** Lower-case words allowed inside an organisation's name. */
const ORG_CONNECTORS = new Set(['of', 'for', 'on', 'the', 'and', 'in', 'de', 'du', 'des', 'la', 'le', 'to', 'at']);
/** Words that, leading a capitalised run, belong to the sentence rather than a name. */
const LEADING_STOPWORDS = new Set([
  'The', 'A', 'An', 'Our', 'Their', 'His', 'Her', 'This', 'That', 'These', 'Those', 'Its', 'My', 'Your', 'And', 'But', 'Or',
  'In', 'On', 'At', 'For', 'With', 'By', 'To', 'From', 'Of', 'As', 'If', 'When', 'While', 'Both', 'Dear', 'Today', 'Also',
  'Through', 'Under', 'Over', 'After', 'Before', 'Since', 'Without', 'Between', 'Among', 'Against', 'During', 'Including',
  'Like', 'Via', 'Upon', 'Within', 'Across', 'About', 'Around', 'Unlike', 'Despite', 'Until', 'Where', 'Why', 'How', 'What',
]);
/** Words that end a place's name ("Capitol Hill", "Pearl Harbor", "Schengen Area"): such a run is no person. */
export const PLACE_HEADS = new Set([
  'Hill', 'Hills', 'Harbor', 'Harbour', 'Gulf', 'Area', 'Room', 'Hall', 'Street', 'Avenue', 'Square', 'Park', 'Airport',
  'Base', 'Bridge', 'Building', 'Palace', 'Strait', 'Straits', 'Island', 'Islands', 'River', 'Lake', 'Mountain', 'Mountains',
  'Valley', 'Sea', 'Ocean', 'Bay', 'Peninsula', 'Canal', 'Desert', 'Region', 'Province', 'County', 'Zone', 'Corridor',
  'Basin', 'Coast', 'Plain', 'Plateau', 'Delta', 'Falls', 'Field', 'Fields', 'Pass', 'Port', 'Road', 'Boulevard', 'Plaza',
  'Center', 'Centre', 'Stadium', 'Cemetery', 'Memorial', 'Monument', 'Garden', 'Gardens', 'Campus', 'Station', 'Index',
  'Stream', 'Pipeline', 'Accords', 'Accord', 'Agreement', 'Treaty', 'Pact', 'Declaration', 'Doctrine', 'Initiative', 'Compact',
  'Current', 'Glacier', 'Reef', 'Trench', 'Canyon', 'Lagoon', 'Archipelago', 'Atoll', 'Dam', 'Highway', 'Railway',
  'Sanctuary', 'Fjord', 'Shelf', 'Shoal', 'Shoals', 'Cay', 'Qundao',
  // Houses that are buildings or institutions ("Blair House", "Chatham House", "Freedom House").
  'House',
  // Buildings, institutions and groups whose head word is seldom a surname ("Insein Prison",
  // "Sandy Hook Elementary", "Erez Crossing", "Hashemite Kingdom", "Flemish Community").
  'Hotel', 'Theater', 'Theatre', 'Elementary', 'Crossing', 'Checkpoint', 'Kingdom', 'Prison', 'Penitentiary', 'Jail',
  'Hospital', 'Cathedral', 'Mosque', 'Synagogue', 'Museum', 'Embassy', 'Consulate', 'Shipyard', 'Refinery', 'Community',
  'Newspapers', 'Destroyers',
  // Offices and bodies: "Cabinet Secretary for Foreign and Diaspora Affairs" names no "Diaspora
  // Affairs", "the Ad Hoc Verification Mechanism" no "Hoc Verification".
  'Affairs', 'Mechanism', 'Ridge', 'Security',
  // Groups: "the Kayin Women’s Relief Network" names no "Kayin Women".
  'Women', 'Men', 'Children', 'Girls', 'Boys', 'Youth',
]);

/**
 * Lower-case nouns that, right after a capitalised run, say it names a thing ("the Super Garuda
 * Shield exercise", "the Lobito Corridor project"): such a run is no person.
 */
export const THING_NOUNS = new Set([
  'exercise', 'exercises', 'operation', 'operations', 'program', 'programs', 'programme', 'programmes', 'initiative',
  'project', 'projects', 'summit', 'agreement', 'treaty', 'doctrine', 'framework', 'mechanism', 'format', 'pipeline',
  'corridor', 'award', 'awards', 'prize', 'fund', 'act', 'facility', 'platform', 'partnership', 'cable', 'satellite',
  // Geography: "the Syr Darya basin", "the Amu Darya and Syr Darya basins", "the Limpopo valley".
  'basin', 'basins', 'river', 'rivers', 'valley', 'delta', 'region', 'province', 'district', 'coast', 'plateau',
  'desert', 'dam', 'watershed', 'floodplain', 'border', 'borderlands',
  // Programmes: "the Pacific Australia Labour Mobility scheme".
  'scheme', 'schemes',
]);

/** What a gazetteer entry names. */
export interface GazetteerEntry {
  readonly kind: 'place' | 'organization';
  /** Canonical name; for cities and regions the surface form is kept instead (see `keepSurface`). */
  readonly canonical: string;
  /** The canonical name lower-cased: the entity's grouping key (computed once, not per mention). */
  readonly key: string;
  /** Whether the entity is named as written (renamed cities: Nur-Sultan or Astana). */
  readonly keepSurface: boolean;
  /** Whether the surface form is an adjective/demonym ("Kazakhstani"). */
  readonly demonym: boolean;
}

/**
 * Every word of the gazetteer and the title list, numbered from 1. A token's id rides along with
 * its word flags (bits `VOCAB_SHIFT` and up), so the tries are walked by integer without cutting a
 * string out of the text for each word tried.
 */
const VOCABULARY = new Map<string, number>();
const VOCAB_SHIFT = 12;
/** Ids fit in bits 12–29 (bit 30 marks a cached flags value); the lists hold a few thousand words. */
const VOCAB_MASK = (1 << 18) - 1;
const vocabularyId = (word: string): number => {
  let id = VOCABULARY.get(word);
  if (id === undefined) {
    id = VOCABULARY.size + 1;
    if (id > VOCAB_MASK) throw new Error('lexicon: more words than vocabulary ids');
    VOCABULARY.set(word, id);
  }
  return id;
};

/** Vocabulary ids are below this; an edge's key is its parent node × this + the word's id. */
const VOCAB_LIMIT = VOCAB_MASK + 1;

/**
 * A case-sensitive word trie over tokens. Nodes are numbers (0 the root) and every edge sits in one
 * map keyed by (parent, word id): no object or map per node, since the tries are built at every
 * cold start.
 */
export class WordTrie<T> {
  private readonly edges = new Map<number, number>();
  /** Per node: the value of the phrase ending there, if any. */
  private readonly values: (T | undefined)[] = [undefined];
  /** Per node: whether some phrase continues past it. */
  private readonly inner: boolean[] = [false];

  /** Adds a phrase (split like tokens) unless it is already present. */
  add(phrase: string, value: T): void {
    let node = 0;
    for (const word of phraseWords(phrase)) {
      const key = node * VOCAB_LIMIT + vocabularyId(word);
      let child = this.edges.get(key);
      if (child === undefined) {
        child = this.values.length;
        this.values.push(undefined);
        this.inner.push(false);
        this.edges.set(key, child);
        this.inner[node] = true;
      }
      node = child;
    }
    if (this.values[node] === undefined) this.values[node] = value;
  }

  /**
   * Longest match starting at token `i`; `canContinue(j)` says whether token j may extend a match.
   * Returns the last token index and value, or undefined.
   */
  longest(t: Tokens, i: number, canContinue: (j: number) => boolean): { last: number; value: T } | undefined {
    const first = (flagsAt(t, i) >>> VOCAB_SHIFT) & VOCAB_MASK;
    if (first === 0) return undefined;
    let node = this.edges.get(first);
    let best: { last: number; value: T } | undefined;
    let j = i;
    while (node !== undefined) {
      const value = this.values[node];
      if (value !== undefined) best = { last: j, value };
      if (!this.inner[node]) break;
      j++;
      if (j >= t.count || !canContinue(j)) break;
      const id = (flagsAt(t, j) >>> VOCAB_SHIFT) & VOCAB_MASK;
      node = id === 0 ? undefined : this.edges.get(node * VOCAB_LIMIT + id);
    }
    return best;
  }

  /** Whether some phrase starts with this word. */
  starts(word: string): boolean {
    const id = VOCABULARY.get(word);
    return id !== undefined && this.edges.has(id);
  }
}

/** The place and organisation gazetteer. */
export const GAZETTEER = new WordTrie<GazetteerEntry>();


for (const line of listLines(COUNTRIES)) {
  const [names = '', demonyms = ''] = line.split(';');
  const all = names.split('|');
  const canonical = all[0]!;
  for (const name of all) GAZETTEER.add(name, { kind: 'place', canonical, key: canonical.toLowerCase(), keepSurface: false, demonym: false });
  for (const demonym of demonyms.split('|').filter((d) => d.length > 0)) {
    GAZETTEER.add(demonym, { kind: 'place', canonical, key: canonical.toLowerCase(), keepSurface: false, demonym: true });
  }
}
for (const text of [CITIES, REGIONS]) {
  for (const line of listLines(text)) {
    const all = line.split('|');
    for (const name of all) GAZETTEER.add(name, { kind: 'place', canonical: all[0]!, key: all[0]!.toLowerCase(), keepSurface: true, demonym: false });
  }
}
for (const text of [INTERNATIONAL_ORGANIZATIONS, US_ORGANIZATIONS, NEWS_ORGANIZATIONS]) {
  for (const line of listLines(text)) {
    const all = line.split('|');
    for (const name of all) GAZETTEER.add(name, { kind: 'organization', canonical: all[0]!, key: all[0]!.toLowerCase(), keepSurface: false, demonym: false });
  }
}

/** Titles before a name; the value is the number of words (for longest match). */
export const TITLES = new WordTrie<true>();
/** Every word used in a title, so a title word is never taken for part of a name. */
const TITLE_WORDS = new Set<string>();
for (const title of TITLE_HEADS.split(/[|\n]/).map((t) => t.trim()).filter((t) => t.length > 0)) {
  TITLES.add(title, true);
  for (const w of phraseWords(title)) if (w.length > 1) TITLE_WORDS.add(w);
}

/** Bits of `wordFlags`. */
export const W = {
  COMMON: 1,
  NOT_NAME: 2,
  TITLE_WORD: 4,
  ORG_HEAD: 8,
  ORG_PREFIX: 16,
  LEADING_STOP: 32,
  GAZ_START: 64,
  TITLE_START: 128,
  ROLE: 256,
  ORG_ROLE: 512,
  PARTICLE: 1024,
  CONNECTOR: 2048,
} as const;

/**
 * Every listed word's flags (and its vocabulary id) in one map, so a new word takes one lookup
 * here plus the common-word search, not one lookup per list.
 */
const LISTED = new Map<string, number>();
const mark = (words: Iterable<string>, bits: number): void => {
  for (const word of words) LISTED.set(word, (LISTED.get(word) ?? 0) | bits);
};
mark(NOT_NAME, W.NOT_NAME);
mark(TITLE_WORDS, W.TITLE_WORD);
mark(ORG_HEAD, W.ORG_HEAD);
mark(ORG_PREFIX, W.ORG_PREFIX);
mark(LEADING_STOPWORDS, W.LEADING_STOP);
mark(ROLE, W.ROLE);
mark(ORG_ROLE, W.ORG_ROLE);
mark(NAME_PARTICLES, W.PARTICLE);
mark(ORG_CONNECTORS, W.CONNECTOR);
for (const [word, id] of VOCABULARY) {
  let bits = id << VOCAB_SHIFT;
  if (GAZETTEER.starts(word)) bits |= W.GAZ_START;
  if (TITLES.starts(word)) bits |= W.TITLE_START;
  LISTED.set(word, (LISTED.get(word) ?? 0) | bits);
}

/** Everything the name rules ask about one word, and (above the flag bits) its vocabulary id, 0 when none. */
export const wordFlags = (word: string): number => {
  const listed = LISTED.get(word) ?? 0;
  // A given name that is also an ordinary word ("Grace") is not taken for an ordinary word.
  return isCommonWord(word.toLowerCase()) && !GIVEN.has(word) ? listed | W.COMMON : listed;
};

// A hash table from words to their flags, probed with the characters of a span of text, so a word
// seen before is looked up without cutting a string out of the text. Each slot is four numbers in
// one array (hash, flags, start and length of the word in the character pool), so a probe touches
// one cache line; the words' characters are compared in place in the pool (no string of a
// transcript is kept alive by the table).
const SLOT_BITS = 16;
const SLOTS = 1 << SLOT_BITS;
const STRIDE = 4;
/** [hash (0 = empty), flags, pool start, length] per slot. */
const slots = new Int32Array(SLOTS * STRIDE);
let pool = new Uint16Array(1 << 18);
let poolUsed = 0;
let slotsUsed = 0;
/** Upper bound on the pooled characters (a word beyond it is looked up but not remembered). */
const MAX_POOL = 1 << 23;

/** `wordFlags` of the word at [start, end) of `source`, remembered per distinct word. */
export const spanFlags = (source: string, start: number, end: number): number => {
  let h = 0x811c9dc5;
  for (let p = start; p < end; p++) h = Math.imul(h ^ source.charCodeAt(p), 0x01000193);
  const len = end - start;
  let slot = (h >>> 0) & (SLOTS - 1);
  // Stored hashes are never 0 (low bit set), so 0 marks an empty slot.
  const key = h | 1;
  const table = slots;
  const chars = pool;
  for (;;) {
    const at = slot * STRIDE;
    const stored = table[at]!;
    if (stored === 0) break;
    if (stored === key && table[at + 3] === len) {
      let q = table[at + 2]!;
      let p = start;
      while (p < end && chars[q] === source.charCodeAt(p)) {
        p++;
        q++;
      }
      if (p === end) return table[at + 1]!;
    }
    slot = (slot + 1) & (SLOTS - 1);
  }
  const f = wordFlags(source.slice(start, end));
  if (slotsUsed < SLOTS * 0.7 && poolUsed + len <= MAX_POOL) {
    if (poolUsed + len > pool.length) {
      const bigger = new Uint16Array(Math.max(pool.length * 2, poolUsed + len));
      bigger.set(pool);
      pool = bigger;
    }
    for (let p = start, q = poolUsed; p < end; p++, q++) pool[q] = source.charCodeAt(p);
    const at = slot * STRIDE;
    slots[at] = key;
    slots[at + 1] = f;
    slots[at + 2] = poolUsed;
    slots[at + 3] = len;
    poolUsed += len;
    slotsUsed++;
  }
  return f;
};

/** Marks a cached flags value (a word may have no flags at all). */
const FLAGGED = 1 << 30;
/** `wordFlags` of token i (with its vocabulary id), cached on the tokens: most tokens are asked about several times. */
export const flagsAt = (t: Tokens, i: number): number => {
  let f = t.flagCache[i]!;
  if (f === 0) {
    f = spanFlags(t.source, t.start[i]!, t.end[i]!) | FLAGGED;
    t.flagCache[i] = f;
  }
  return f;
};
