/**
 * People, organisations and places named in a statement, found over its tokens in four passes
 * that each claim the tokens they use: titles before names ("Foreign Minister Halvorsen",
 * "Special Representative for International Cooperation Ilse Marten", "mayor Verhoeven",
 * "poet, Tagore"); organisation names (capitalised runs ending in Council/Center/…, "Ministry of …",
 * "Director of X"); the gazetteer (countries, demonyms, capitals, regions, organisations); and
 * remaining capitalised runs that read as full names. `resolveEntities` then merges mentions into
 * one entity per person, place or organisation ("Special Advisor Ostrova" + "Lena Ostrova").
 */
import { HONORIFICS } from '../dateline';
import { sortNumbers, sortSmall } from '../sort';
import type { Extraction, Statement } from '../types';
import { CAPITAL_PARTICLES, LEADING_ORG_HEADS, MAX_CAPITAL_PARTICLE_CHARS, MAX_PARTICLE_CHARS, THING_NOUNS } from './lexicon';
import { flagsAt as flagsAtImport, GAZETTEER as GAZETTEERImport, mayBeRole as mayBeRoleImport, PLACE_HEADS as PLACE_HEADSImport, TITLES as TITLESImport, W as WImport, wordFlags as wordFlagsImport } from './lexicon';
import { gap as gapImport, isAllCapsAt as isAllCapsAtImport, isCapAt as isCapAtImport, lowAt as lowAtImport, rawAt as rawAtImport, Sep as SepImport, sepAt as sepAtImport, type Tokens } from './tokens';
// Module-local copies of the imported bindings: under a CommonJS transform (tsx, jest) every use of
// an import is a getter call, which costs on these per-token paths; bundles are unaffected.
const GAZETTEER = GAZETTEERImport;
const PLACE_HEADS = PLACE_HEADSImport;
const flagsAt = flagsAtImport;
const mayBeRole = mayBeRoleImport;
const TITLES = TITLESImport;
const W = WImport;
const wordFlags = wordFlagsImport;
const gap = gapImport;
const isAllCapsAt = isAllCapsAtImport;
const isCapAt = isCapAtImport;
const lowAt = lowAtImport;
const rawAt = rawAtImport;
const Sep = SepImport;
const sepAt = sepAtImport;

/** The kind of a named entity. */
export type EntityKind = 'person' | 'organization' | 'place';

/** One naming of an entity in one statement. */
export interface Mention {
  readonly kind: EntityKind;
  /** Grouping key within its kind. */
  readonly key: string;
  /** The words as written. */
  readonly surface: string;
  /** Proposed display name. */
  readonly name: string;
  readonly title?: string;
  readonly seq: number;
  /** Character span in the statement text. */
  readonly start: number;
  readonly end: number;
  /** For people: the surname (last word), lower-case, and whether only one word was given. */
  readonly surname?: string;
  readonly single?: boolean;
}

/** A capitalised word that belongs to no entity yet (a possible later surname mention). */
export interface Leftover {
  readonly word: string;
  readonly seq: number;
}

const isCap = isCapAt;
const isAllCaps = isAllCapsAt;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Articles before an organisation's head word in other languages ("L'Ambassade", "La Embajada", "Die Botschaft"). */
const ORG_ARTICLES = new Set(['L', 'La', 'Le', 'El', 'Die', 'Der', 'Das', 'Il', 'Lo', 'A', 'O']);
/** Words that open places' names ("Puerto Almendro", "Port Salvin", "Mount Elgon"), not people's. */
const PLACE_OPENERS = new Set(['Puerto', 'Porto', 'Port', 'Fort', 'Mount', 'Cape', 'Lake', 'Santo', 'São', 'Ciudad', 'Nueva', 'Nuevo', 'Bahía', 'Isla', 'Ilha', 'Rio', 'Río']);
/** Regnal numbers that may end a name ("Abdullah II", "Mohammed VI"); I, V and X read as initials. */
const ROMAN = new Set(['II', 'III', 'IV', 'VI', 'VII', 'VIII', 'IX', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII']);
/** Whether a token of the run a..b after its first is a regnal number. */
const hasRegnalNumber = (t: Tokens, a: number, b: number): boolean => {
  for (let k = a + 1; k <= b; k++) if (isAllCaps(t, k) && ROMAN.has(rawAt(t, k))) return true;
  return false;
};
/** Abbreviated titles, after whose full stop another title may follow ("H.E. Amb. Dr. …"). */
const TITLE_ABBREVIATIONS = new Set(['E', 'Dr', 'Amb', 'Hon', 'Rt', 'Gen', 'Brig', 'Eng', 'Prof', 'Mr', 'Mrs', 'Ms', 'Sen', 'Rep', 'Gov', 'Lt', 'Col', 'Maj', 'Adm', 'Capt', 'Rev', 'Smt']);
const isInitial = (t: Tokens, i: number): boolean => t.end[i]! - t.start[i]! === 1 && isCap(t, i);
/** Whether token i is exactly the word w (no string is cut out). */
const isWord = (t: Tokens, i: number, w: string): boolean => t.end[i]! - t.start[i]! === w.length && t.source.startsWith(w, t.start[i]);
const isOfForOn = (t: Tokens, i: number): boolean => isWord(t, i, 'of') || isWord(t, i, 'for') || isWord(t, i, 'on');
const has = (t: Tokens, i: number, bit: number): boolean => (flagsAt(t, i) & bit) !== 0;
const isCommon = (t: Tokens, i: number): boolean => has(t, i, W.COMMON);

/** Whether token j continues a name from token j-1: a space, a hyphen, or a full stop after an initial. */
const nameJoins = (t: Tokens, j: number): boolean => {
  const sep = sepAt(t, j);
  if (sep === Sep.Space || sep === Sep.Join) return sep === Sep.Space || gap(t, j) === '-';
  if (sep === Sep.Period) return isInitial(t, j - 1) || rawAt(t, j - 1) === 'St' || rawAt(t, j - 1) === 'Jr';
  if (sep === Sep.Apostrophe) return (rawAt(t, j - 1).length === 1 && lowAt(t, j) !== 's' && lowAt(t, j) !== 't') || isGlottalTail(t, j);
  return false;
};

const softJoin = (t: Tokens, j: number): boolean => {
  const sep = sepAt(t, j);
  return sep === Sep.Space || sep === Sep.Join || (sep === Sep.Period && isInitial(t, j - 1));
};

/**
 * Lower-case particles inside Spanish, Portuguese, French and Italian organisations' names ("Banco
 * Central de Reserva del Perú", "Banco do Brasil"). Not the name particles of people (W.PARTICLE):
 * those hold "bin", "van", "von", "der", which join no organisation's name, and lack "do", "e", "des".
 */
const ROMANCE_PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'el', 'y', 'e', 'da', 'do', 'das', 'dos', 'di', 'della', 'des', 'du', 'pour', 'para', 'et', 'por']);
const romanceParticleBeforeCap = (t: Tokens, j: number): boolean => {
  // One or two particles ("de", "pour la"), then a capitalised word.
  for (let k = j; k < j + 2 && k + 1 < t.count && !isCap(t, k) && ROMANCE_PARTICLES.has(lowAt(t, k)); k++) {
    if (sepAt(t, k + 1) !== Sep.Space) return false;
    if (isCap(t, k + 1)) return true;
  }
  return false;
};

/**
 * Where an organisation named head first (token a) ends: on through capitalised words and Romance
 * particles before one, and through a title word only when a particle follows it ("Universidad
 * Nacional Mayor de San Marcos"; "Institut Pasteur President X" stops at the title).
 */
const leadingOrgEnd = (ctx: Ctx, a: number): number => {
  const { t, used } = ctx;
  let e = a;
  for (let j = a + 1; j < t.count && !used[j] && sepAt(t, j) === Sep.Space; j++) {
    if (isCap(t, j)) {
      // (A word that is never a person's, such as "Pro", may sit inside the name: "Asociación Pro Derechos Humanos".)
      const inside = has(t, j, W.NOT_NAME) && j + 1 < t.count && sepAt(t, j + 1) === Sep.Space && isCap(t, j + 1);
      if (has(t, j, W.TITLE_WORD | W.NOT_NAME) && !inside && !romanceParticleBeforeCap(t, j + 1)) break;
      e = j;
    } else if (!romanceParticleBeforeCap(t, j)) break;
  }
  return e;
};

/** Whether token i follows, within a few capitalised words, a head word that opens an organisation's name ("Universidad Nacional Mayor"). */
const insideLeadingOrg = (t: Tokens, i: number): boolean => {
  for (let k = i - 1, n = 0; k >= 0 && n < 4 && sepAt(t, k + 1) === Sep.Space && isCap(t, k); k--, n++) {
    if (LEADING_ORG_HEADS.has(rawAt(t, k))) return true;
  }
  return false;
};

/** Lower-case words for an organisation, after which a capitalised run names one ("the organization X"). */
const ORG_NOUNS = new Set([
  'organization', 'organisation', 'ngo', 'foundation', 'association', 'coalition', 'network', 'company', 'firm', 'charity',
  'newspaper', 'magazine', 'outlet', 'broadcaster', 'cooperative', 'collective', 'consortium', 'militia', 'faction',
  'site', 'website', 'portal', 'channel', 'daily', 'weekly', 'station', 'ngo', 'nonprofit', 'movement', 'party', 'group',
]);

/** Whether token b ends its sentence: the last token, or a full stop, question or exclamation mark after it. */
const endsSentence = (t: Tokens, b: number): boolean => b + 1 >= t.count || /^[\s"'\u201d\u2019)]*[.?!]/u.test(gap(t, b + 1));

/** In a question, whether the run ending at b is followed by "with"/"from"/"of" and a known organisation: a reporter and their outlet. */
const reporterWithOutlet = (ctx: Ctx, b: number): boolean => {
  const { t } = ctx;
  if (!ctx.question || b + 2 >= t.count || sepAt(t, b + 1) !== Sep.Space || !(isWord(t, b + 1, 'with') || isWord(t, b + 1, 'from') || isWord(t, b + 1, 'of'))) return false;
  const outlet = GAZETTEER.longest(t, b + 2, (j) => sepAt(t, j) < Sep.Hard);
  return outlet !== undefined && outlet.value.kind === 'organization';
};

/** Whether a person mention of the statement ends at `end` (statement offset). */
const personEndsAt = (ctx: Ctx, end: number): boolean => ctx.mentions.some((m) => m.kind === 'person' && m.end === end);

/** Whether only a comma (and spaces) lies between tokens j-1 and j. */
const commaBefore = (t: Tokens, j: number): boolean => j > 0 && sepAt(t, j) === Sep.Hard && gap(t, j).trim() === ',';

interface Ctx {
  readonly t: Tokens;
  /** The tokens' source text; mention spans are relative to the statement, which starts at `base`. */
  readonly text: string;
  readonly base: number;
  readonly seq: number;
  readonly used: Uint8Array;
  readonly mentions: Mention[];
  /** Whether the statement is a question (a reporter's turn in a briefing). */
  readonly question: boolean;
}

const span = (ctx: Ctx, a: number, b: number): string => ctx.text.slice(ctx.t.start[a], ctx.t.end[b]);

/** Records the person named by tokens [a, b]; returns the last token it accounts for (b, or a suffix after it). */
const personMention = (ctx: Ctx, a: number, b: number, title?: string, written?: string): number => {
  const { t } = ctx;
  // "Martin Luther King, Jr.": a generational suffix is written with the name, not a word of it.
  const suffix = written === undefined ? suffixAfter(t, b) : -1;
  let surface = written ?? span(ctx, a, b);
  if (suffix > b) {
    const end = t.end[suffix]!;
    surface = ctx.text.slice(t.start[a], end) + (ctx.text.charCodeAt(end) === 46 ? '.' : '');
    ctx.used[suffix] = 1;
  }
  const core: string[] = [];
  let prevCore = false;
  for (let k = a; k <= b; k++) {
    if (isInitial(t, k) || has(t, k, W.PARTICLE)) {
      prevCore = false;
      continue;
    }
    // A hyphenated name (Okonkwo-Hale, Kassym-Jomart) is one word; "al-Alimi" after a particle is a word of its own.
    if (prevCore && sepAt(t, k) === Sep.Join && gap(t, k) === '-') core[core.length - 1] += `-${lowAt(t, k)}`;
    else if (prevCore && isGlottalTail(t, k)) core[core.length - 1] += `${gap(t, k)}${lowAt(t, k)}`;
    else core.push(lowAt(t, k));
    prevCore = true;
  }
  const last = suffix > b ? suffix : b;
  if (core.length === 0) return last;
  if (written) for (let k = 0; k < core.length; k++) core[k] = core[k]!.toLowerCase();
  const single = core.length === 1;
  const surname = core[core.length - 1]!;
  ctx.mentions.push({
    kind: 'person',
    key: single ? surname : `${core[0]} ${surname}`,
    surface,
    name: surface,
    ...(title ? { title } : {}),
    seq: ctx.seq,
    start: t.start[a]! - ctx.base,
    end: t.end[b]! - ctx.base,
    surname,
    single,
  });
  for (let k = a; k <= b; k++) ctx.used[k] = 1;
  return last;
};

/**
 * Whether token j can be a lower-case particle opening more of a name: a particle (cheap tests first:
 * particles are short, and what follows is a capitalised word or another short one).
 */
const mayOpenParticles = (t: Tokens, j: number): boolean =>
  j + 1 < t.count &&
  t.end[j]! - t.start[j]! <= MAX_PARTICLE_CHARS &&
  (isCap(t, j + 1) || t.end[j + 1]! - t.start[j + 1]! <= MAX_PARTICLE_CHARS) &&
  has(t, j, W.PARTICLE);

/** Whether lower-case particles from token j on ("de", "de la", "van der") lead to a capitalised word. */
const particlesThenCap = (t: Tokens, j: number): boolean => {
  let k = j;
  while (k < t.count && k - j < 3 && !isCap(t, k) && has(t, k, W.PARTICLE) && (k === j || sepAt(t, k) === Sep.Space)) k++;
  return k > j && k < t.count && (sepAt(t, k) === Sep.Space || (sepAt(t, k) === Sep.Join && gap(t, k) === '-')) && isCap(t, k);
};

/** Whether tokens [i, j] hold an ordinary or gazetteer word: a run of four is then no name ("Asian Affairs Donald Lu"). */
const hasPlainWord = (t: Tokens, i: number, j: number): boolean => {
  for (let k = i; k <= j; k++) if (isCap(t, k) && has(t, k, W.COMMON | W.GAZ_START)) return true;
  return false;
};

/**
 * Whether tokens i..j are a line of their own (a signatory's name under a joint statement,
 * "Tomás Ignacio Errázuriz Vial"): such a run may have four name words though one is also an
 * ordinary word.
 */
const lineAlone = (t: Tokens, i: number, j: number): boolean => {
  const src = t.source;
  let a = t.start[i]! - 1;
  while (a >= t.base && (src.charCodeAt(a) === 32 || src.charCodeAt(a) === 9)) a--;
  if (a >= t.base && src.charCodeAt(a) !== 10) return false;
  let b = t.end[j]!;
  while (b < t.limit && (src.charCodeAt(b) === 32 || src.charCodeAt(b) === 9 || src.charCodeAt(b) === 13)) b++;
  return b >= t.limit || src.charCodeAt(b) === 10;
};

/** Capitalised particles ("Ould", "Abu") among tokens (i, j): they do not count as name words. */
const capitalParticles = (t: Tokens, i: number, j: number): number => {
  let n = 0;
  for (let k = i + 1; k < j; k++) if (t.end[k]! - t.start[k]! <= MAX_CAPITAL_PARTICLE_CHARS && CAPITAL_PARTICLES.has(rawAt(t, k))) n++;
  return n;
};

/** Romanised syllables that are also English words ("Moon Jae-in", "Ji Seong-ho"). */
const SYLLABLE_WORDS = new Set(['in', 'ho', 'sung', 'woo', 'won', 'hee', 'jin', 'bin']);
/** The most letters of a lower-case syllable after a hyphen, and of the syllable before it. */
const MAX_TAIL_SYLLABLE = 4;
const MAX_HEAD_SYLLABLE = 5;

/**
 * Whether token j is the lower-case second syllable of a hyphenated given name after at least two
 * name words: "Kim Jong-un", "Chiang Kai-shek", "Mao Tse-tung", "Moon Jae-in". Short syllables on
 * both sides of the hyphen, and not an English word ("Vladimir Putin-led", "Barack Obama-era").
 */
const isSyllableTail = (t: Tokens, j: number, core: number): boolean => {
  if (core >= 1 && isGlottalTail(t, j)) return true;
  if (core < 2 || sepAt(t, j) !== Sep.Join || gap(t, j) !== '-' || !isCap(t, j - 1)) return false;
  const len = t.end[j]! - t.start[j]!;
  if (len > MAX_TAIL_SYLLABLE || t.end[j - 1]! - t.start[j - 1]! > MAX_HEAD_SYLLABLE) return false;
  // Not inside a longer hyphenated chain ("a-b-c"); a double hyphen after it is a dash ("Teng Hsiao-ping--enhanced").
  if (j + 1 < t.count && sepAt(t, j + 1) === Sep.Join && gap(t, j + 1) === '-') return false;
  return !isCommon(t, j) || SYLLABLE_WORDS.has(lowAt(t, j));
};

/**
 * A lower-case syllable after an apostrophe that marks a glottal stop, as Tongan, Samoan and
 * Hawaiian names write it ("Tu'ivakanō", "Ha'apai"): three or more letters right after a capitalised
 * syllable of two to eight (English contractions after an apostrophe are one or two: 's, 't, 'll, 've).
 */
const isGlottalTail = (t: Tokens, j: number): boolean => {
  // The apostrophe alone between the syllables: "Harris' statement" is a possessive.
  if (sepAt(t, j) !== Sep.Apostrophe || t.start[j]! - t.end[j - 1]! !== 1 || isCap(t, j) || t.end[j]! - t.start[j]! < 3 || !isCap(t, j - 1)) return false;
  const head = t.end[j - 1]! - t.start[j - 1]!;
  return head >= 2 && head <= 8 && !isAllCaps(t, j - 1);
};

/**
 * Head words opening an organisation's name that are also ordinary words: the only ones personPass
 * would skip. Listed, not computed at load (which would build the common-word index before the
 * first transcript); a test checks it against LEADING_ORG_HEADS and the common words.
 */
export const COMMON_ORG_HEADS: ReadonlySet<string> = new Set(['Forum', 'Front']);

/** Title words that are also surnames. */
const SURNAME_TITLES = new Set(['King', 'Major', 'Bishop', 'Judge', 'Prince', 'Cardinal']);
/**
 * Whether token j, a title word that is also a surname, ends the name begun at i: the run stops
 * there (no capitalised word follows) and no word before it is an ordinary or gazetteer word
 * ("Martin Luther King", but not "Jordanian King" or "the Dutch King Willem-Alexander").
 */
const surnameTitleAt = (t: Tokens, i: number, j: number): boolean => {
  // (Flags first: no string is cut out of the text for a word that is no title.)
  if (!has(t, j, W.TITLE_WORD) || !SURNAME_TITLES.has(rawAt(t, j))) return false;
  if (j + 1 < t.count && isCap(t, j + 1) && softJoin(t, j + 1)) return false;
  for (let k = i; k < j; k++) if (has(t, k, W.COMMON | W.GAZ_START | W.TITLE_WORD)) return false;
  return true;
};

/** Name words from i on: capitalised, not a title or calendar word, joined as names are; at most `maxCore` words. */
const nameRun = (ctx: Ctx, i: number, strict: boolean, maxCore = 3): number => {
  const { t, used } = ctx;
  let j = i;
  let core = 0;
  let tail = -1;
  while (j < t.count && !used[j]) {
    if (j > i && !nameJoins(t, j)) break;
    if (j > i && !isCap(t, j) && isSyllableTail(t, j, core)) {
      // The name ends with this syllable.
      tail = j;
      break;
    }
    if (isCap(t, j)) {
      // A generational suffix ends the name ("Cal Ripken Sr."); personAt writes it with the name.
      if (j > i && core >= 1 && (isWord(t, j, 'Jr') || isWord(t, j, 'Sr'))) break;
      // A title word that is also a surname ends a name ("Martin Luther King", "John Major").
      if (j > i && core >= 1 && surnameTitleAt(t, i, j)) {
        core++;
        j++;
        break;
      }
      // A middle initial is part of the name even when the letter alone is no name ("Charles Q. Brown").
      if (has(t, j, W.NOT_NAME | W.TITLE_WORD | W.ORG_HEAD) && !(j > i && isInitial(t, j) && j + 1 < t.count && sepAt(t, j + 1) === Sep.Period)) break;
      // A determiner, pronoun or preposition inside the run ends it ("Revitalize Our Economies").
      if (j > i && has(t, j, W.LEADING_STOP) && !isInitial(t, j)) break;
      if (isAllCaps(t, j) && !ROMAN.has(rawAt(t, j)) && !(j > i && isInitial(t, j))) break;
      if (j === i && strict && isCommon(t, j)) return i - 1;
      if (!isInitial(t, j) && !(j > i && sepAt(t, j) === Sep.Join)) core++;
    } else if (!(j > i && mayOpenParticles(t, j) && particlesThenCap(t, j))) break;
    // Long runs only: a name with capitalised particles ("Mohamed Salem Ould Merzoug") is not longer.
    if (core > 3 && core - capitalParticles(t, i, j + 1) > (maxCore > 3 && (!hasPlainWord(t, i, j) || lineAlone(t, i, j)) ? maxCore : 3)) return i - 1;
    j++;
  }
  if (tail >= 0) return tail;
  let last = j - 1;
  while (last >= i && !isCap(t, last)) last--;
  return core === 0 ? i - 1 : last;
};

/** Where a title's "of/for …" complement ends (common or gazetteer words), or -1 when there is none. */
const complement = (ctx: Ctx, k: number): number => {
  const { t } = ctx;
  if (k >= t.count || sepAt(t, k) !== Sep.Space || !isOfForOn(t, k)) return -1;
  let c = k + 1;
  if (c < t.count && isWord(t, c, 'the') && sepAt(t, c) === Sep.Space) c++;
  let last = -1;
  // After an organisation's head word and "of", the last word of the run belongs to the
  // organisation's name ("Association of Community Broadcasters,"), not to a person named after it
  // (a person's name has two words: "Federation of Women Lawyers Grace Njeri").
  let orgOf = false;
  while (c < t.count && (sepAt(t, c) === Sep.Space || sepAt(t, c) === Sep.Join)) {
    if (isCap(t, c)) {
      const gaz = GAZETTEER.longest(t, c, (j) => sepAt(t, j) < Sep.Hard);
      if (gaz) {
        last = gaz.last;
        c = gaz.last + 1;
        continue;
      }
      if (!isCommon(t, c) && !has(t, c, W.TITLE_WORD) && !(orgOf && !(c + 1 < t.count && isCap(t, c + 1) && softJoin(t, c + 1)))) {
        // "for East Asian and Pacific Affairs Gregory Whitfield": the office's name runs on to "Affairs".
        const end = officeEndAhead(t, c);
        if (end < 0) break;
        last = end;
        c = end + 1;
        continue;
      }
      last = c;
      c++;
    } else if (last >= 0 && c + 1 < t.count && isCap(t, c + 1) && has(t, c, W.CONNECTOR)) {
      if (!orgOf && (isWord(t, c, 'of') || isWord(t, c, 'for')) && has(t, c - 1, W.ORG_HEAD)) orgOf = true;
      c++;
    } else break;
  }
  return last;
};

/** The token of "Affairs" within a few capitalised words and connectors from token c, or -1. */
const officeEndAhead = (t: Tokens, c: number): number => {
  for (let k = c; k < t.count && k - c < 5 && (sepAt(t, k) === Sep.Space || sepAt(t, k) === Sep.Join || k === c); k++) {
    if (isCap(t, k)) {
      if (isOfficeEnd(t, k)) return k;
    } else if (!isWord(t, k, 'and') && !isWord(t, k, 'of')) return -1;
  }
  return -1;
};

/** The capitalised run (with connectors) starting at i, for "Director of X": its last token or -1. */
const capRun = (ctx: Ctx, i: number): number => {
  const { t, used } = ctx;
  let j = i;
  let last = -1;
  while (j < t.count && !used[j]) {
    if (j > i && !softJoin(t, j)) break;
    if (isCap(t, j) || (j > i && sepAt(t, j) === Sep.Join && isDigit(t.source.charCodeAt(t.start[j]!)))) last = j;
    else if (!(j > i && j + 1 < t.count && isCap(t, j + 1) && has(t, j, W.CONNECTOR))) break;
    j++;
  }
  return last;
};

/**
 * Whether token i (in capitals) and the next word are a family name written first in capitals and
 * a given name ("MORIYAMA Haruka", as Japan's foreign ministry writes names): neither an ordinary,
 * place or title word, and no further capitalised word after them.
 */
const familyNameFirst = (ctx: Ctx, i: number): boolean => {
  const { t } = ctx;
  const g = i + 1;
  if (g >= t.count || sepAt(t, g) !== Sep.Space || !isCap(t, g) || isAllCaps(t, g) || t.end[i]! - t.start[i]! < 2) return false;
  if (g + 1 < t.count && softJoin(t, g + 1) && isCap(t, g + 1)) return false;
  const family = rawAt(t, i);
  if (/\d/.test(family) || (wordFlags(titleCase(family)) & (W.COMMON | W.GAZ_START | W.NOT_NAME | W.TITLE_WORD | W.ORG_HEAD)) !== 0) return false;
  return !has(t, g, W.COMMON | W.GAZ_START | W.NOT_NAME | W.TITLE_WORD | W.ORG_HEAD);
};

const titlePass = (ctx: Ctx, pending: Map<number, string>, appositive: Map<number, string>): void => {
  const { t, used } = ctx;
  let skip = -1;
  for (let k = 0; k < t.capCount; k++) {
    const i = t.caps[k]!;
    if (i <= skip || used[i]) continue;
    const title0 = has(t, i, W.TITLE_START);
    if (title0) {
      const title = TITLES.longest(t, i, (j) => softJoin(t, j) || sepAt(t, j) === Sep.Period);
      if (!title || insideLeadingOrg(t, i)) continue;
      const gaz = GAZETTEER.longest(t, i, (j) => sepAt(t, j) < Sep.Hard);
      if (gaz && gaz.last >= title.last) continue;
      let titleEnd = title.last;
      let nameStart = title.last + 1;
      // Titles in a row are one ("H.E. Amb. Dr. Patrick Okello", "Rt. Hon. Josephine Opio").
      // (After a full stop only when the title before it is an abbreviation: "King. President Reagan" is two sentences.)
      for (
        let n = 0;
        n < 3 && nameStart < t.count && has(t, nameStart, W.TITLE_START) && (sepAt(t, nameStart) === Sep.Space || (sepAt(t, nameStart) === Sep.Period && TITLE_ABBREVIATIONS.has(rawAt(t, titleEnd))));
        n++
      ) {
        const more = TITLES.longest(t, nameStart, (j) => softJoin(t, j) || sepAt(t, j) === Sep.Period);
        if (!more) break;
        titleEnd = more.last;
        nameStart = more.last + 1;
      }
      let strict = false;
      const comp = complement(ctx, nameStart);
      if (comp >= 0) {
        titleEnd = comp;
        nameStart = comp + 1;
        strict = true;
      } else if (nameStart < t.count && sepAt(t, nameStart) === Sep.Space && isOfForOn(t, nameStart)) {
        // "Director of Blue Harbor": the title names an organisation, not a person after it.
        const run = nameStart + 1 < t.count ? capRun(ctx, isWord(t, nameStart + 1, 'the') ? nameStart + 2 : nameStart + 1) : -1;
        if (run >= 0) appositive.set(i, span(ctx, i, run));
        skip = title.last;
        continue;
      }
      const titleText = span(ctx, i, titleEnd);
      if (nameStart >= t.count) continue;
      if (commaBefore(t, nameStart)) {
        pending.set(nameStart, titleText);
        appositive.set(i, titleText);
        skip = titleEnd;
        continue;
      }
      if (!(sepAt(t, nameStart) === Sep.Space || (sepAt(t, nameStart) === Sep.Period && rawAt(t, titleEnd).length <= 4))) continue;
      if (isAllCaps(t, nameStart) && familyNameFirst(ctx, nameStart)) {
        // "Ms. MORIYAMA Haruka": the family name in capitals, then the given name.
        for (let k = i; k <= titleEnd; k++) used[k] = 1;
        personMention(ctx, nameStart, nameStart + 1, titleText, `${titleCase(rawAt(t, nameStart))} ${rawAt(t, nameStart + 1)}`);
        skip = nameStart + 1;
        continue;
      }
      // "Foreign Minister de la Fuente": the name opens with its particles.
      let first = nameStart;
      if (!isCap(t, nameStart)) {
        if (!mayOpenParticles(t, nameStart) || !particlesThenCap(t, nameStart)) continue;
        while (!isCap(t, first)) first++;
      }
      // A title vouches for a name: four words may follow it ("Minister José Luis Ortiz Beltrán").
      const last = nameRun(ctx, first, strict, 4);
      if (last < first) continue;
      // "Sultan Murad Division" names a unit, not a person; after an office's complement, "Cabinet
      // Secretary for the East African Community" names the office's body.
      if (last + 1 < t.count && softJoin(t, last + 1) && isCap(t, last + 1) && has(t, last + 1, W.ORG_HEAD)) continue;
      if (strict && last > first && (PLACE_HEADS.has(rawAt(t, last)) || has(t, last, W.ORG_HEAD))) continue;
      if (last === first && GAZETTEER.longest(t, first, () => false)) continue;
      // "the Chairman of the State Great Khural, Mr. Tserendorj Ganbold": one word after an office's
      // complement, then a person with an honorific, ends the office's name.
      if (strict && last === first && commaBefore(t, last + 1) && last + 1 < t.count && (HONORIFICS.has(lowAt(t, last + 1)) || isWord(t, last + 1, 'H'))) continue;
      for (let k = i; k <= titleEnd; k++) used[k] = 1;
      personMention(ctx, nameStart, last, titleText);
      skip = last;
    } else if (i > 0 && !used[i - 1] && !isCap(t, i - 1) && mayBeRole(t, i - 1) && has(t, i - 1, W.ROLE)) {
      // A lower-case role noun before the name: "mayor Verhoeven", "poet, Tagore".
      const raw = rawAt(t, i - 1);
      const j = i;
      if (!(sepAt(t, j) === Sep.Space || commaBefore(t, j))) continue;
      if (has(t, j, W.COMMON | W.NOT_NAME | W.TITLE_WORD | W.GAZ_START)) continue;
      const last = nameRun(ctx, j, true);
      if (last < j) continue;
      used[i - 1] = 1;
      personMention(ctx, j, last, raw);
      skip = last;
    }
  }
};

const orgMention = (ctx: Ctx, a: number, b: number): void => {
  const { t } = ctx;
  const gaz = GAZETTEER.longest(t, a, (j) => sepAt(t, j) < Sep.Hard);
  const surface = span(ctx, a, b);
  if (gaz && gaz.last === b) {
    const name = gaz.value.keepSurface ? surface : gaz.value.canonical;
    ctx.mentions.push({ kind: gaz.value.kind, key: gaz.value.key, surface, name, seq: ctx.seq, start: t.start[a]! - ctx.base, end: t.end[b]! - ctx.base });
  } else {
    ctx.mentions.push({ kind: 'organization', key: surface.toLowerCase(), surface, name: surface, seq: ctx.seq, start: t.start[a]! - ctx.base, end: t.end[b]! - ctx.base });
  }
  for (let k = a; k <= b; k++) ctx.used[k] = 1;
};

const allCommon = (ctx: Ctx, a: number, b: number): boolean => {
  for (let k = a; k <= b; k++) if (isCap(ctx.t, k) && !isCommon(ctx.t, k)) return false;
  return true;
};

/** The last token of the longest title starting at token i, or -1. */
const titleLast = (t: Tokens, i: number): number => TITLES.longest(t, i, (j) => softJoin(t, j))?.last ?? -1;

/** Where an organisation named by a head word ends ("X Center", "X Institute for Y Z"), or -1. */
const orgByHead = (ctx: Ctx, a: number, b: number): number => {
  const { t } = ctx;
  let best = -1;
  for (let h = a + 1; h <= b; h++) {
    if (!isCap(t, h) || !has(t, h, W.ORG_HEAD)) continue;
    // A head word that opens or continues a title is the title's ("Kenyan Prime Cabinet Secretary").
    if (titleLast(t, h) > h || (h - 1 >= a && titleLast(t, h - 1) > h)) break;
    best = h;
    if (h + 2 <= b && isOfForOn(t, h + 1)) {
      // The complement runs on to the next title word ("… for Water Research Director Lee").
      let c = h + 2;
      while (c <= b && !(isCap(t, c) && has(t, c, W.NOT_NAME | W.TITLE_WORD))) c++;
      let e = c - 1;
      while (e > h && !isCap(t, e)) e--;
      if (e > h + 1) best = e;
      h = e;
    }
  }
  return best;
};

const orgPass = (ctx: Ctx): void => {
  const { t, used } = ctx;
  let skip = -1;
  for (let k = 0; k < t.capCount; k++) {
    const i = t.caps[k]!;
    if (i <= skip || used[i]) continue;
    // "Director of Blue Harbor", "members of the X": the run after "of" is an organisation unless the gazetteer knows it.
    const of = i >= 2 && isWord(t, i - 1, 'the') && sepAt(t, i - 1) === Sep.Space ? i - 2 : i - 1;
    if (of >= 1 && sepAt(t, i) === Sep.Space && sepAt(t, of) === Sep.Space && isWord(t, of, 'of') && !used[of - 1] && has(t, of - 1, W.ORG_ROLE)) {
      const b = capRun(ctx, i);
      const gaz = GAZETTEER.longest(t, i, (j) => sepAt(t, j) < Sep.Hard);
      if (b >= i && !(gaz && gaz.last >= b) && !(i === b && isAllCaps(t, i)) && !allCommon(ctx, i, b)) {
        orgMention(ctx, i, b);
        skip = b;
        continue;
      }
    }
    // A known organisation is taken whole before any name-ending rule ("White House on Friday").
    if (has(t, i, W.GAZ_START)) {
      const gz = GAZETTEER.longest(t, i, (j) => sepAt(t, j) < Sep.Hard && !used[j]);
      if (gz && gz.value.kind === 'organization') {
        orgMention(ctx, i, gz.last);
        skip = gz.last;
        continue;
      }
    }
    let end = capRun(ctx, i);
    if (end < 0) continue;
    // "House and Senate", "X Foundation and Y Administration": "and" joins two names unless it sits in an of/for complement.
    for (let c = i + 1, complemented = false; c < end; c++) {
      if (isOfForOn(t, c)) complemented = true;
      if (isWord(t, c, 'and') && (!complemented || has(t, c - 1, W.ORG_HEAD))) {
        end = c - 1;
        break;
      }
    }
    let a = i;
    while (a < end && (has(t, a, W.LEADING_STOP) || !isCap(t, a))) a++;
    // "So the State Department", "Yesterday the Soviet Government": a capitalised word right before
    // "the" belongs to the sentence ("the" inside a name follows a lower-case word: "Department of the Treasury").
    if (a + 2 <= end && isCap(t, a) && isWord(t, a + 1, 'the') && sepAt(t, a + 1) === Sep.Space && sepAt(t, a + 2) === Sep.Space && isCap(t, a + 2)) a += 2;
    let b = end;
    while (b > a && !isCap(t, b)) b--;
    if (a !== i && has(t, a, W.GAZ_START)) {
      const gz = GAZETTEER.longest(t, a, (j) => sepAt(t, j) < Sep.Hard && !used[j]);
      if (gz && gz.value.kind === 'organization') {
        orgMention(ctx, a, gz.last);
        skip = gz.last;
        continue;
      }
    }
    const headEnd = b > a ? orgByHead(ctx, a, b) : -1;
    if (headEnd > a && !(sepAt(t, a) === Sep.Hard && allCommon(ctx, a, headEnd))) {
      orgMention(ctx, a, headEnd);
      skip = headEnd;
    } else if (b > a + 1 && isOfForOn(t, a + 1) && has(t, a, W.ORG_PREFIX)) {
      // "Bureau of Energy Resources Senior Bureau Official X": the name ends before a title word.
      let c = a + 2;
      while (c <= b && !(isCap(t, c) && has(t, c, W.NOT_NAME | W.TITLE_WORD))) c++;
      let e = c - 1;
      while (e > a && !isCap(t, e)) e--;
      if (e > a + 1) {
        orgMention(ctx, a, e);
        skip = e;
      }
    }
  }
};

const gazetteerPass = (ctx: Ctx): void => {
  const { t, used } = ctx;
  let skip = -1;
  for (let k = 0; k < t.capCount; k++) {
    const i = t.caps[k]!;
    if (i <= skip || used[i] || !has(t, i, W.GAZ_START)) continue;
    const gaz = GAZETTEER.longest(t, i, (j) => sepAt(t, j) < Sep.Hard && !used[j]);
    if (!gaz) continue;
    const prev = i - 1;
    const looksLikeSurname =
      gaz.last === i && gaz.value.kind === 'place' && gaz.value.keepSurface && prev >= 0 && !used[prev] && sepAt(t, i) === Sep.Space &&
      isCap(t, prev) && !isCommon(t, prev) && !has(t, prev, W.GAZ_START) && !has(t, prev, W.NOT_NAME) &&
      !has(t, prev, W.LEADING_STOP) && !has(t, prev, W.TITLE_WORD) && !isAllCaps(t, prev);
    if (looksLikeSurname) continue;
    const surface = span(ctx, i, gaz.last);
    const { kind, canonical, key, keepSurface } = gaz.value;
    ctx.mentions.push({
      kind,
      key,
      surface,
      name: keepSurface ? surface : canonical,
      seq: ctx.seq,
      start: t.start[i]! - ctx.base,
      end: t.end[gaz.last]! - ctx.base,
    });
    for (let u = i; u <= gaz.last; u++) used[u] = 1;
    skip = gaz.last;
  }
};

const titleCase = (word: string): string => word.charAt(0) + word.slice(1).toLowerCase();

/**
 * A name written in capitals ("ALEKSEY KRIVORUCHKO is …"): two or three capitalised words, none an
 * ordinary word or a known place or organisation. Returns the last token used, or i when none.
 */
const capsName = (ctx: Ctx, i: number): number => {
  const { t, used } = ctx;
  let j = i;
  let cores = 0;
  while (j < t.count && !used[j] && isAllCaps(t, j) && (j === i || sepAt(t, j) === Sep.Space || (sepAt(t, j) === Sep.Join && gap(t, j) === '-'))) {
    const word = rawAt(t, j);
    if (word.length < 2 || /\d/.test(word) || has(t, j, W.COMMON | W.GAZ_START | W.NOT_NAME) || (wordFlags(titleCase(word)) & (W.COMMON | W.GAZ_START | W.NOT_NAME | W.TITLE_WORD | W.ORG_HEAD)) !== 0) return i;
    if (j === i || sepAt(t, j) !== Sep.Join) cores++;
    j++;
  }
  const last = j - 1;
  if (cores < 2 || cores > 3 || (last + 1 < t.count && isAllCaps(t, last + 1))) return i;
  const written = t.source.slice(t.start[i], t.end[last]).replace(/\p{L}+/gu, (w) => titleCase(w));
  personMention(ctx, i, last, undefined, written);
  return last;
};

const personPass = (ctx: Ctx, pending: Map<number, string>, appositive: Map<number, string>, leftovers: Leftover[]): void => {
  const { t, used } = ctx;
  let skip = -1;
  for (let k = 0; k < t.capCount; k++) {
    const i = t.caps[k]!;
    if (i <= skip || used[i]) continue;
    if (isAllCaps(t, i)) {
      const z = capsName(ctx, i);
      if (z > i) {
        skip = z;
        continue;
      }
    }
    // Skip words that cannot start a name, then read the longest name run.
    let a = i;
    // (A head word that opens an organisation's name stops the skipping even when it is also an
    // ordinary word: "The Front pour la Libération du Kivu".)
    while (a < t.count && !used[a] && isCap(t, a) && (a === i || nameJoins(t, a)) &&
      (has(t, a, W.LEADING_STOP | W.NOT_NAME | W.TITLE_WORD | W.COMMON) || isAllCaps(t, a)) && !(isCommon(t, a) && COMMON_ORG_HEADS.has(rawAt(t, a)))) a++;
    if (a >= t.count || used[a] || !isCap(t, a) || (a > i && !nameJoins(t, a))) {
      skip = a - 1;
      continue;
    }
    a = afterOfficeName(t, a);
    skip = personAt(ctx, a, nameRun(ctx, a, true, 4), pending, appositive, leftovers);
  }
};

/** The token of a generational suffix right after a name ("King, Jr.", "Ripken Sr."), or -1. */
const suffixAfter = (t: Tokens, b: number): number => {
  const j = b + 1;
  if (j >= t.count || (!isWord(t, j, 'Jr') && !isWord(t, j, 'Sr'))) return -1;
  const g = gap(t, j);
  return g === ' ' || g === ', ' || g === ',' ? j : -1;
};

/**
 * Whether ", a network that …" / ", an NGO of …" follows at token j: the run before it names an
 * organisation. The noun must end its phrase ("Maria Lopez, a party member" is a person).
 */
const orgAppositiveAfter = (t: Tokens, j: number): boolean =>
  j + 1 < t.count &&
  commaBefore(t, j) &&
  (isWord(t, j, 'a') || isWord(t, j, 'an')) &&
  sepAt(t, j + 1) === Sep.Space &&
  ORG_NOUNS.has(lowAt(t, j + 1)) &&
  (j + 2 >= t.count || sepAt(t, j + 2) > Sep.Apostrophe || FUNCTION_WORDS.has(lowAt(t, j + 2)));

/** Whether a lower-case thing noun follows at token j, directly or after "and" and another capitalised run. */
const thingNounAfter = (t: Tokens, j: number): boolean => {
  if (j >= t.count || sepAt(t, j) !== Sep.Space || isCap(t, j)) return false;
  if (THING_NOUNS.has(lowAt(t, j))) return true;
  if (!isWord(t, j, 'and') || j + 1 >= t.count || !isCap(t, j + 1)) return false;
  let k = j + 1;
  while (k + 1 < t.count && k - j < 4 && isCap(t, k + 1) && softJoin(t, k + 1)) k++;
  return k + 1 < t.count && sepAt(t, k + 1) === Sep.Space && !isCap(t, k + 1) && THING_NOUNS.has(lowAt(t, k + 1));
};

/** Lower-case words that follow a name without being a noun it describes. */
const FUNCTION_WORDS = new Set([
  'to', 'of', 'in', 'on', 'at', 'for', 'from', 'with', 'by', 'and', 'or', 'but', 'nor', 'that', 'which', 'who', 'whose',
  'is', 'was', 'are', 'were', 'be', 'been', 'has', 'have', 'had', 'will', 'would', 'could', 'should', 'can', 'may',
  'might', 'must', 'do', 'does', 'did', 'as', 'than', 'into', 'onto', 'after', 'before', 'since', 'because', 'if',
  'when', 'where', 'while', 'not', 'also', 'itself', 'themselves', 'more', 'now', 'today', 'then', 'there', 'here',
]);
/**
 * Whether token j, right after the run, makes it describe something: a lower-case word other than a
 * function word ("the Bobby Baker case"), or a hyphenated one ("the Vladimir Putin-led war").
 */
const nounAfter = (t: Tokens, j: number): boolean => {
  if (j >= t.count || isCap(t, j)) return false;
  const sep = sepAt(t, j);
  return sep === Sep.Join || (sep === Sep.Space && !FUNCTION_WORDS.has(lowAt(t, j)));
};

/**
 * Where a name begins after an office's name that a capitalised run at a starts with ("… South and
 * Central Asian Affairs Donald Lu" → "Donald"), else a. A function of its own: its rare branch met
 * late recompiles this, not personPass's loop. The office word is looked for first; the joins are
 * checked only when it is there.
 */
const afterOfficeName = (t: Tokens, a: number): number => {
  for (let k = a; k < t.count && k - a < 6 && isCap(t, k); k++) {
    if (!isOfficeEnd(t, k) || k + 1 >= t.count || !isCap(t, k + 1)) continue;
    for (let j = a + 1; j <= k + 1; j++) if (!nameJoins(t, j)) return a;
    return k + 1;
  }
  return a;
};

/** Whether token k is the last word of an office's name ("… Asian Affairs"), after which its holder may be named. */
const isOfficeEnd = (t: Tokens, k: number): boolean => isWord(t, k, 'Affairs');

const COMPASS = new Set(['north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest', 'outskirts']);
const ROUTES = new Set(['road', 'highway', 'route']);
/** Whether the words before token a point at a place: "west of", "the outskirts of", "the road to". */
const placeCue = (t: Tokens, a: number): boolean => {
  if (a < 2) return false;
  // The word before first (compared in place): most runs follow neither "of" nor "to".
  const of = isWord(t, a - 1, 'of');
  if (!of && !isWord(t, a - 1, 'to')) return false;
  if (sepAt(t, a) !== Sep.Space || sepAt(t, a - 1) !== Sep.Space || isCap(t, a - 2)) return false;
  return (of ? COMPASS : ROUTES).has(lowAt(t, a - 2));
};

/** Whether a preposition of place stands right before token a ("outside", "near", "at"; "in" also precedes people: "confidence in X"). */
const placePreposition = (t: Tokens, a: number): boolean =>
  a > 0 && sepAt(t, a) === Sep.Space && (isWord(t, a - 1, 'outside') || isWord(t, a - 1, 'near') || isWord(t, a - 1, 'at'));
/** Whether the run ending at token b is followed by a possessive ("Lincoln's"). */
const possessiveAfter = (t: Tokens, b: number): boolean => b + 1 < t.count && sepAt(t, b + 1) === Sep.Apostrophe;

/** A place named by its context, not by the gazetteer. */
const placeMention = (ctx: Ctx, a: number, b: number): void => {
  const { t } = ctx;
  const surface = span(ctx, a, b);
  ctx.mentions.push({ kind: 'place', key: surface.toLowerCase(), surface, name: surface, seq: ctx.seq, start: t.start[a]! - ctx.base, end: t.end[b]! - ctx.base });
  for (let k = a; k <= b; k++) ctx.used[k] = 1;
};

/**
 * What the name run [a, b] of personPass is (b < a: none; b === a: one word), recorded as a person
 * or an organisation when it is one; returns the last token it accounts for. Kept apart from the
 * pass's loop over capitalised words so that V8 compiles the two separately: a branch met late
 * here (an organisation's head word, a place after the name) recompiles this, not the loop.
 */
const personAt = (
  ctx: Ctx,
  a: number,
  b: number,
  pending: Map<number, string>,
  appositive: Map<number, string>,
  leftovers: Leftover[],
): number => {
  const { t, used } = ctx;
  // "Institut Pasteur", "Universidad Nacional Mayor de San Marcos": an organisation whose head word
  // comes first, however long its name.
  // (Also after an article: "L'Ambassade du Royaume d'Estmark", "La Embajada de España".)
  const first = rawAt(t, a);
  const head = LEADING_ORG_HEADS.has(first) ? a : a < b && ORG_ARTICLES.has(first) && LEADING_ORG_HEADS.has(rawAt(t, a + 1)) ? a + 1 : -1;
  if (head >= 0) {
    const e = leadingOrgEnd(ctx, head);
    if (e > head) {
      orgMention(ctx, head, e);
      return e;
    }
  }
  if (b <= a) {
    if (b < a) {
      // Too long or not a name: skip the whole capitalised run, not just its first word.
      let z = a;
      while (z + 1 < t.count && !used[z + 1] && isCap(t, z + 1) && nameJoins(t, z + 1)) z++;
      return z;
    }
    // One capitalised word: a place after "west of" or "the road to", else perhaps a surname named earlier or later.
    if (placeCue(t, a)) placeMention(ctx, a, a);
    else if (!isInitial(t, a)) leftovers.push({ word: lowAt(t, a), seq: ctx.seq });
    return a;
  }
  let cores = 0;
  for (let k = a; k <= b; k++) if (isCap(t, k) && !isInitial(t, k) && !(k > a && sepAt(t, k) === Sep.Join)) cores++;
  if (cores > 3) cores -= capitalParticles(t, a, b + 1);
  if (cores < 2 || cores > 4 || has(t, b, W.GAZ_START) && cores === 2 && GAZETTEER.longest(t, b, () => false)?.value.kind === 'organization') return b;
  // "Capitol Hill", "Benjamin Franklin Room", "Dayton Peace Accords", "Nord Stream": places and things, not people.
  const next = b + 1 < t.count && isCap(t, b + 1) && softJoin(t, b + 1) ? b + 1 : -1;
  // …but the second half of a hyphenated surname ("Delacroix-Park") is no place's head word.
  // …nor a reporter introducing themselves with their outlet ("Lina Park with Yonhap").
  if (
    ((PLACE_HEADS.has(rawAt(t, b)) && !(sepAt(t, b) === Sep.Join && gap(t, b) === '-')) || (next >= 0 && (PLACE_HEADS.has(rawAt(t, next)) || has(t, next, W.NOT_NAME)))) &&
    !reporterWithOutlet(ctx, b)
  ) {
    return next >= 0 ? next : b;
  }
  // "St Thomas' Hospital", "Saint Lucia": a run opening with "St"/"Saint" names a place, a church or
  // an institution far more often than a person.
  if (!pending.has(a) && (isWord(t, a, 'St') || isWord(t, a, 'Saint') || isWord(t, a, 'Ste'))) return b;
  // "Porto Alvar", "Puerto Almendro", "Fort Dauphin": a word that opens places' names.
  if (!pending.has(a) && PLACE_OPENERS.has(first)) {
    placeMention(ctx, a, b);
    return b;
  }
  // "Pershing II missiles", "Sputnik II": a run with a regnal number names a person only after a
  // title ("King Abdullah II", "Pope John Paul II"); bare, it names a thing or a model.
  if (!pending.has(a) && hasRegnalNumber(t, a, b)) return b;
  // "the African Continental Free Trade Area", "Aung San Suu Kyi Memorial Park": capitalised words
  // after the run lead on to a place's head word.
  for (let k = b + 1; k < t.count && k <= b + 3 && isCap(t, k) && softJoin(t, k); k++) if (PLACE_HEADS.has(rawAt(t, k))) return k;
  // "the Super Garuda Shield exercise": a lower-case noun after the run says it names a thing
  // ("the Amu Darya and Syr Darya basins": also across "and" and a second run).
  if (thingNounAfter(t, b + 1)) return b;
  // "villages west of El Fasher", "the road to Kherson", "outside Da Nang", "at Varna Nouă": a place
  // (not "in Woodrow Wilson's time").
  if (placeCue(t, a) || (placePreposition(t, a) && !possessiveAfter(t, b))) {
    placeMention(ctx, a, b);
    return b;
  }
  // "Minister of Foreign Affairs and European Integration": the rest of an office's name.
  if (a >= 2 && isWord(t, a - 1, 'and') && sepAt(t, a) === Sep.Space && isOfficeEnd(t, a - 2)) return b;
  // "around El Obeid", "El Fasher": a bare run of the Arabic article and one word names a place or a
  // family, not a person (a person's name has a given name before it).
  if (!pending.has(a) && b === a + 1 && (rawAt(t, a) === 'El' || rawAt(t, a) === 'Al') && sepAt(t, b) === Sep.Space) return b;
  // "a law before the Jogorku Kenesh", "the Khmer Rouge to power": a bare run (no title) after
  // "the" and before punctuation or a function word is seldom a person's ("the Bobby Baker case"
  // still is: a run before a noun describes it).
  if (!pending.has(a) && a > 0 && sepAt(t, a) === Sep.Space && isWord(t, a - 1, 'the') && !nounAfter(t, b + 1)) return b;
  // "the organization Voces Sin Barreras": an organisation named right after a word for one.
  if (a > 0 && sepAt(t, a) === Sep.Space && !isCap(t, a - 1) && ORG_NOUNS.has(lowAt(t, a - 1))) {
    orgMention(ctx, a, b);
    return b;
  }
  // "she founded Manos Abiertas, a network that …": an organisation described right after its name.
  if (orgAppositiveAfter(t, b + 1)) {
    orgMention(ctx, a, b);
    return b;
  }
  // A reporter's question opens with who asks and for whom ("Oskar Lind, Dagens Nyheter."): a run
  // after a person's name and a comma that ends the sentence is their outlet.
  if (ctx.question && commaBefore(t, a) && endsSentence(t, b) && personEndsAt(ctx, t.end[a - 1]! - ctx.base)) {
    orgMention(ctx, a, b);
    return b;
  }
  let title = pending.get(a);
  if (!title && b + 1 < t.count && commaBefore(t, b + 1)) title = appositive.get(b + 1);
  return personMention(ctx, a, b, title);
};

const byStart = (x: Mention, y: Mention): number => x.start - y.start;
let usedScratch = new Uint8Array(1024);
const pendingScratch = new Map<number, string>();
const appositiveScratch = new Map<number, string>();

/** Finds the entity mentions of one statement; unclaimed capitalised words go to `leftovers`. */
export const findMentions = (statement: Statement, t: Tokens, leftovers: Leftover[]): Mention[] => {
  if (usedScratch.length < t.count) usedScratch = new Uint8Array(Math.max(t.count, usedScratch.length * 2));
  usedScratch.fill(0, 0, t.count);
  const ctx: Ctx = { t, text: t.source, base: t.base, seq: statement.seq, used: usedScratch, mentions: [], question: statement.isQuestion === true };
  const pending = pendingScratch;
  const appositive = appositiveScratch;
  // Map.clear() allocates a new table even for an empty map: clear only what was used.
  if (pending.size > 0) pending.clear();
  if (appositive.size > 0) appositive.clear();
  titlePass(ctx, pending, appositive);
  orgPass(ctx);
  gazetteerPass(ctx);
  personPass(ctx, pending, appositive, leftovers);
  if (ctx.mentions.length > 1) sortSmall(ctx.mentions, byStart);
  return ctx.mentions;
};

/** The entity name each mention was resolved to. */
export interface NameLookup {
  get(mention: Mention): string | undefined;
}

interface Group {
  kind: EntityKind;
  name: string;
  title: string | undefined;
  surfaces: Set<string>;
  seqs: Set<number>;
  /** Where it was first met: statement number and position in the statement. */
  firstSeq: number;
  firstStart: number;
  cores: number;
  /** Whether the group is in the list of groups yet (groups are listed in the order first met). */
  listed: boolean;
}

/** Whether `word` (lower case) is a word of `name` after its first. */
const laterWordOf = (name: string, word: string): boolean => {
  const parts = name.toLowerCase().split(/\s+/u);
  for (let k = 1; k < parts.length; k++) if (parts[k] === word) return true;
  return false;
};

/** Merges mentions into entities (one per person, place, organisation); returns each mention's entity name too. */
export const resolveEntities = (
  mentions: readonly Mention[],
  leftovers: readonly Leftover[],
): { entities: Extraction['entities']; nameOf: NameLookup } => {
  // Groups by kind, then key (no "kind:key" string is built per mention).
  const groups: Record<EntityKind, Map<string, Group>> = { person: new Map(), organization: new Map(), place: new Map() };
  // Each mention's group by its index (an array: a map keyed by objects costs far more per mention).
  const groupAt = new Array<Group | undefined>(mentions.length);
  const listed: Group[] = [];
  const assign = (index: number, g: Group): void => {
    groupAt[index] = g;
    if (!g.listed) {
      g.listed = true;
      listed.push(g);
    }
  };
  const bySurname = new Map<string, Group>();
  const byGiven = new Map<string, Group>();
  // Where a group was first met: statement, then position in it (two small integers: one number
  // made of both outgrew V8's small integers from the 108th statement on, throwing away the compiled code).
  const earlier = (m: Mention, g: Group): boolean => m.seq < g.firstSeq || (m.seq === g.firstSeq && m.start < g.firstStart);
  /** Mention `index` joins group g: its statement, its surface, its title when g has none. */
  const join = (g: Group, m: Mention, index: number): void => {
    if (earlier(m, g)) {
      g.firstSeq = m.seq;
      g.firstStart = m.start;
    }
    if (m.title && !g.title) g.title = m.title;
    g.surfaces.add(m.surface);
    g.seqs.add(m.seq);
    assign(index, g);
  };
  const add = (m: Mention, index: number): Group => {
    const ofKind = groups[m.kind];
    let g = ofKind.get(m.key);
    if (!g) {
      g = { kind: m.kind, name: m.name, title: undefined, surfaces: new Set(), seqs: new Set(), firstSeq: m.seq, firstStart: m.start, cores: m.single ? 1 : 2, listed: false };
      ofKind.set(m.key, g);
    }
    if (m.kind === 'person' && !m.single && m.name.length > g.name.length && g.cores > 1) g.name = m.name;
    join(g, m, index);
    return g;
  };
  // Full names first, so surname-only mentions can join them.
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (m.kind !== 'person' || m.single) continue;
    // A shorter form of a longer name ("Salazar del Pozo" after "Gabriela Salazar del Pozo"):
    // same surname, and its first word is a later word of the longer one.
    const same = groups.person.has(m.key) ? undefined : bySurname.get(m.surname!);
    if (same && laterWordOf(same.name, m.key.slice(0, m.key.indexOf(' ')))) {
      join(same, m, i);
      continue;
    }
    const group = add(m, i);
    if (!bySurname.has(m.surname!)) bySurname.set(m.surname!, group);
    // Family name first (Mori Takeo): a later "Mori" is the same person.
    const space = m.key.indexOf(' ');
    const given = space < 0 ? m.key : m.key.slice(0, space);
    if (!byGiven.has(given)) byGiven.set(given, group);
  }
  // Inner words of long names ("Ortíz" of "José Luis Ortíz Beltrán", "Fuente" of "Rodrigo de la
  // Fuente Ibáñez": a first surname), made on the first lone word no full name ends or starts with.
  let byInner: Map<string, Group> | undefined;
  const innerOf = (word: string): Group | undefined => {
    if (!byInner) {
      byInner = new Map();
      for (const g of groups.person.values()) {
        if (g.cores < 2) continue;
        const parts = g.name.toLowerCase().split(/\s+/u);
        for (let k = 1; k < parts.length - 1; k++) if (parts[k]!.length > 2 && !byInner.has(parts[k]!)) byInner.set(parts[k]!, g);
      }
    }
    return byInner.get(word);
  };
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (m.kind === 'person') {
      if (!m.single) continue;
      const full = bySurname.get(m.surname!) ?? byGiven.get(m.surname!) ?? innerOf(m.surname!);
      if (full) join(full, m, i);
      else add(m, i);
    } else add(m, i);
  }
  for (const { word, seq } of leftovers) {
    const g = bySurname.get(word) ?? groups.person.get(word);
    if (g) g.seqs.add(seq);
  }
  // Meetings and awards ask for the names of a few mentions only: the index by mention is made on
  // the first such question.
  let byMention: Map<Mention, Group> | undefined;
  const nameOf: NameLookup = {
    get: (m) => {
      if (!byMention) {
        byMention = new Map();
        for (let i = 0; i < mentions.length; i++) byMention.set(mentions[i]!, groupAt[i]!);
      }
      return byMention.get(m)?.name;
    },
  };
  const entities = listed
    .sort((x, y) => x.firstSeq - y.firstSeq || x.firstStart - y.firstStart)
    .map((g) => {
      const aliases: string[] = [];
      for (const s of g.surfaces) if (s !== g.name) aliases.push(s);
      // No spreads on this per-entity path (the event's own field order is set by parseTranscript).
      const entity: { kind: EntityKind; name: string; statementSeqs: number[]; title?: string; aliases?: string[] } = {
        kind: g.kind,
        name: g.name,
        statementSeqs: sortNumbers([...g.seqs]),
      };
      if (g.title) entity.title = g.title;
      if (aliases.length > 0) entity.aliases = aliases;
      return entity;
    });
  return { entities, nameOf };
};
