/**
 * Header lines at the top of a transcript: dates ("May 20, 2022"), times ("2:02 p.m. EDT"),
 * places ("Nur-Sultan, Kazakhstan"), author lines ("Antony J. Blinken, Secretary of State"),
 * `Key: Value` lines ("President: Harry S. Truman") and news-style datelines at the start of
 * the first paragraph ("WASHINGTON, May 20, 2022 —").
 */
import { listNames } from './data/lists';
import { CITIES } from './data/places';

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7,
  july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12,
  december: 12,
};
const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const WEEKDAY = '(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\\.?,?\\s+)?';
/** "May 20, 2022", "Friday, May 20, 2022", "Sept. 5 2021". */
const MDY = new RegExp(`\\b${WEEKDAY}${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'iu');
/** "20 May 2022". */
const DMY = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\.?,?\\s+(\\d{4})\\b`, 'iu');
/** "2022-05-20". */
const ISO = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)/u;
/** "3/3/2026", "19.06.2026": day and month in either order; read only when the order does not matter or one is above 12. */
const NUMERIC = /(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2((?:19|20)\d{2})(?![\d/.])/u;
const MONTH_START = new RegExp(`^${MONTH}\\b`, 'u');
/** "2:02 p.m. EDT", "10:30 AM", "14:05 UTC". */
const TIME = /\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?|AM|PM)?\s*(?:\(?[A-Z]{2,5}\)?)?/u;

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

const isoDate = (year: number, month: number, day: number): string | undefined => {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1700 || year > 2200) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
};

/** Finds the first full date in a line and returns it as YYYY-MM-DD with where it was found. */
export const findDate = (line: string): { iso: string; index: number; length: number } | undefined => {
  let m = MDY.exec(line);
  if (m) {
    const iso = isoDate(Number(m[3]), MONTHS[m[1]!.toLowerCase()] ?? 0, Number(m[2]));
    if (iso) return { iso, index: m.index, length: m[0].length };
  }
  m = DMY.exec(line);
  if (m) {
    const iso = isoDate(Number(m[3]), MONTHS[m[2]!.toLowerCase()] ?? 0, Number(m[1]));
    if (iso) return { iso, index: m.index, length: m[0].length };
  }
  m = ISO.exec(line);
  if (m) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) return { iso, index: m.index, length: m[0].length };
  }
  if (line.includes('/') || line.includes('.')) {
    m = NUMERIC.exec(line);
    if (m) {
      const a = Number(m[1]);
      const b = Number(m[3]);
      const year = Number(m[4]);
      // Dots put the day first (12.03.2026, as European sites write it). Slashes are ambiguous
      // (3/4/2026: March 4 or 3 April?) unless both are the same or one cannot be a month.
      const iso = m[2] === '.' ? isoDate(year, b, a) : a === b || b > 12 ? isoDate(year, a, b) : a > 12 ? isoDate(year, b, a) : undefined;
      if (iso) return { iso, index: m.index, length: m[0].length };
    }
  }
  return undefined;
};

/** Normalises a metadata date ("2022-05-20", "May 20, 2022", an ISO timestamp) to YYYY-MM-DD. */
export const normaliseDate = (value: string | undefined): string | undefined => {
  if (!value) return undefined;
  const found = findDate(value);
  return found ? found.iso : undefined;
};

const LEFTOVER = /[\p{L}\p{N}]+/gu;
const leftoverWords = (line: string): number => {
  LEFTOVER.lastIndex = 0;
  let n = 0;
  while (LEFTOVER.exec(line) !== null) n++;
  return n;
};

/** Whether a header line is (mostly) a date, a time or both. */
export const isDateOrTimeLine = (line: string): boolean => {
  if (line.length > 80) return false;
  let rest = line;
  const date = findDate(rest);
  if (date) rest = rest.slice(0, date.index) + ' ' + rest.slice(date.index + date.length);
  const time = TIME.exec(rest);
  if (time) rest = rest.slice(0, time.index) + ' ' + rest.slice(time.index + time.length);
  if (!date && !time) return false;
  return leftoverWords(rest) <= 2;
};

/** Words naming an office or role (data for recognising author lines and speaker labels). */
export const ROLE_WORDS = new Set([
  'president', 'vice', 'secretary', 'minister', 'ambassador', 'spokesperson', 'spokesman', 'spokeswoman', 'director',
  'advisor', 'adviser', 'official', 'officials', 'premier', 'envoy', 'administrator', 'representative', 'chair',
  'chairman', 'chairwoman', 'chairperson', 'deputy', 'under', 'assistant', 'counselor', 'coordinator', 'officer', 'head',
  'commissioner', 'general', 'governor', 'senator', 'congressman', 'congresswoman', 'mayor', 'king', 'queen', 'prince',
  'princess', 'chancellor', 'moderator', 'operator', 'chief', 'consul', 'attorney', 'judge', 'justice', 'leader',
  'speaker', 'counsel', 'principal', 'senior', 'acting', 'special', 'executive', 'emir', 'sheikh', 'sultan', 'pope',
  'cardinal', 'archbishop', 'bishop', 'rabbi', 'imam', 'reverend', 'general', 'admiral', 'colonel', 'captain',
  'lieutenant', 'sergeant', 'major', 'commander', 'delegate', 'ombudsman', 'president-elect', 'host', 'panelist',
  'interviewer', 'correspondent', 'anchor', 'reporter', 'participant', 'narrator', 'audience', 'staff', 'members',
  'member', 'rapporteur', 'high', 'foreign', 'prime', 'state', 'defense', 'treasury', 'trade', 'spokesperson’s',
]);

/** Honorifics written before a surname. */
export const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady', 'hon', 'rev', 'shri', 'smt', 'shrimati', 'h.e', 'amb', 'sheikh']);

const NAME_WORD = /^(?:\p{Lu}[\p{L}'’\-]*\.?|\p{Lu}\.|(?:de|da|del|van|von|der|den|ter|al|el|bin|ibn|la|le|du|dos|das|y|i|arap|uulu|kyzy)\b)$/u;
const ROLE_ISH = /\b(?:Office|Bureau|Department|Ministry|Embassy|Mission|Council|Agency)\b/u;

/**
 * Whether a phrase looks like a person's name: 2–5 capitalised words or initials, and any lower-case
 * particles between them ("María Fernanda Quesada de la Fuente", "Joseph arap Kiprotich").
 */
export const looksLikePersonName = (phrase: string): boolean => {
  const words = phrase.trim().split(/\s+/u);
  let start = 0;
  if (words.length > 0 && HONORIFICS.has(words[0]!.replace(/\.$/u, '').toLowerCase())) start = 1;
  if (words.length - start < 2 || words.length - start > 8) return false;
  let capitalised = 0;
  for (let i = start; i < words.length; i++) {
    const w = words[i]!;
    if (!NAME_WORD.test(w)) return false;
    if (ROLE_WORDS.has(w.toLowerCase().replace(/\.$/u, ''))) return false;
    if (/^\p{Lu}/u.test(w)) capitalised++;
  }
  return capitalised >= 2 && capitalised <= 5;
};

const hasRoleWord = (phrase: string): boolean => {
  for (const w of phrase.toLowerCase().split(/[^\p{L}\u2019-]+/u)) if (ROLE_WORDS.has(w)) return true;
  return ROLE_ISH.test(phrase);
};

/** A person named in an author line, with their role. */
export interface Byline {
  readonly name?: string;
  readonly role?: string;
  /** An office rather than a person ("Office of the Spokesperson"). */
  readonly office?: string;
}

/** Words of headlines ("Secretary Hartwell’s Call with …"), never of an author line. */
const HEADLINE_WORDS = /['\u2019]s\b|\b(?:with|meets?|meeting|calls?|remarks|statement|travels?|visits?|joint|press|interview|before|after|during|on the|at the|at an?|welcomes?|announces?|condemns?|congratulates?|hosts?|honou?rs|launch(?:es)?|signs|hails|opens|marking|marks|anniversary|commemorat\w*|ceremony|since|(?:19|20)\d\d)\b/iu;

/** "Testimony of …", "Prepared Remarks by …" opening an author line ("Testimony of X, Assistant Secretary, …"). */
const AUTHORED_BY = /^(?:(?:Written|Prepared|Opening)\s+)?(?:Testimony|Statement|Remarks|Address)\s+(?:of|by)\s+/u;

/** "As delivered by …", "As prepared for delivery by …" opening an author line. */
const DELIVERED_BY = /^(?:As\s+)?(?:delivered|prepared for delivery)\s+by\s+([\s\S]+)$/iu;

/** Prepositions before a place, never before the name in an author line. */
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'on', 'from', 'across', 'near', 'into', 'throughout']);

/** "The Minister of State for Africa (Mr Kwame Ashdown)": an office, then its holder in brackets (Hansard). */
const OFFICE_THEN_HOLDER = /^((?:The\s+)?\p{Lu}[\p{L}'’.\-]*(?:\s+(?:\p{Lu}[\p{L}'’.\-]*|of|for|and|the|to|in|on)){0,12})\s+\(((?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Lord|Lady|Baroness)\.?\s+)?([^()]{3,60})\)$/u;

/** Nouns that end an office's or a body's name, never a person's. */
const OFFICE_NOUN_END = /(?:ships|tions|ments|ities|isms|ances|ences|Affairs|Cooperation|Development|Security|Integration|Partnership|Relations|Operations|Programs|Programmes|Initiatives|Resources|Services)$/u;

/**
 * "Role … Name" without a comma ("Ambassador at Large for International Religious Freedom Rashad
 * Hussain"): a line opening with an office word and ending with a first name and surname; or an
 * office with its holder in brackets ("The Minister of State for Africa (Mr Kwame Ashdown)").
 */
const roleFirstByline = (line: string): Byline | undefined => {
  const held = OFFICE_THEN_HOLDER.exec(line);
  if (held) {
    const role = held[1]!;
    const name = held[3]!.trim();
    if (hasRoleWord(role) && looksLikePersonName(name)) return { name, role: role.replace(/^The\s+/u, '') };
  }
  const words = line.split(/\s+/u);
  if (words.length < 4 || words.length > 25 || HEADLINE_WORDS.test(line)) return undefined;
  // A headline in capitals ("FOREIGN MINISTER X AND COUNTERPART AGREE TO …") is no author line.
  if (words.length > 6 && !/\p{Ll}/u.test(line)) return undefined;
  const first = words[0]!.toLowerCase().replace(/^u\.s\.$/u, 'special');
  if (!ROLE_WORDS.has(first) && !(words[0] === 'U.S.' && ROLE_WORDS.has(words[1]!.toLowerCase()))) return undefined;
  const n = words.length;
  const take = /^\p{Lu}\.$/u.test(words[n - 2]!) ? 3 : 2;
  const nameWords = words.slice(n - take);
  const name = nameWords.join(' ');
  const before = words[n - take - 1]!.toLowerCase();
  // The word before the name must not itself be part of it (a capitalised first name after a role).
  if (!looksLikePersonName(name) || (ROLE_WORDS.has(nameWords[0]!.toLowerCase()) && before !== 'of')) return undefined;
  // "Special Envoy for Northern European Partnerships": an office's name ends in such a noun, a person's does not.
  if (OFFICE_NOUN_END.test(name)) return undefined;
  // "… Water Resources in Northern Kenya", "… $15 Million Program": a headline ending in a place;
  // "U.S. Representative to the United Nations": an office ending in a body's name.
  if (PLACE_PREPOSITIONS.has(before) || before === 'the' || before === 'to' || /\d/u.test(line)) return undefined;
  return { name, role: words.slice(0, n - take).join(' ') };
};

/**
 * "Ambassador Harriet Abernathy-Osei" above a line naming her office ("U.S. Representative to the
 * United Nations"): a title and a name, as an author line. The caller checks the office line.
 */
export const titledName = (line: string): Byline | undefined => {
  const words = line.split(/\s+/u);
  if (words.length < 3 || words.length > 7 || !ROLE_WORDS.has(words[0]!.toLowerCase())) return undefined;
  const name = words.slice(1).join(' ');
  return looksLikePersonName(name) ? { name, role: words[0]! } : undefined;
};

/** Whether the line is "Remarks by …" (the page's title when nothing came before it). */
export const isRemarksByLine = (line: string): boolean => REMARKS_BY.test(line);
/** A preposition in Title Case: "… Halvorsen Before Marine One Departure" names an occasion, not only a person. */
const TITLE_CASE_PREPOSITION = /\s(?:Before|After|At|On|In|To|For|With|During|Upon|Following|Via|From|About|Ahead)\s/u;
const REMARKS_BY = /^(?:(?:Opening|Closing|Keynote|Prepared)\s+)?(?:Remarks|Statement|Address|Speech)\s+(?:by|of)\s+([^,:;]{5,80}(?:,\s+[^,:;]{3,80}){0,2})$/u;
/** "By Ambassador Aino Kristiina Lehtovaara": an author line with its roles before the name. */
const byRoleAndName = (rest: string): Byline | undefined => {
  const words = rest.trim().split(/\s+/u);
  let i = 0;
  while (i < words.length - 1 && ROLE_WORDS.has(words[i]!.toLowerCase())) i++;
  const name = words.slice(i).join(' ');
  if (words.length - i < 2 || words.length - i > 5 || !looksLikePersonName(name)) return undefined;
  return i > 0 ? { name, role: words.slice(0, i).join(' ') } : { name };
};

/** Recognises an author line: "Name, Role" or an office ("Office of the Spokesperson"). */
export const parseByline = (line: string): Byline | undefined => {
  if (line.startsWith('By ') && !line.includes(',')) {
    const by = byRoleAndName(line.slice(3));
    if (by) return by;
  }
  // "Remarks by Ambassador Priya Ramanathan" on a line of its own under the title.
  const remarks = REMARKS_BY.exec(line);
  if (remarks && !TITLE_CASE_PREPOSITION.test(remarks[1]!)) {
    const by = byRoleAndName(remarks[1]!);
    if (by?.role) return by;
  }
  if (line.length > 220 || /[.!?]["\u201d\u2019)]*$/u.test(line.replace(/\b(?:Jr|Sr|D\.C|U\.S|[A-Z])\.$/u, ''))) return undefined;
  const delivered = DELIVERED_BY.exec(line);
  if (delivered) {
    // "As delivered by Chargé d'Affaires, a.i. Katherine Brucker-Nwosu to the Permanent Council, Vienna".
    const words = delivered[1]!.replace(/\s+(?:to|at|before) the\s[\s\S]*$/u, '').split(/\s+/u);
    const name = trailingName(words);
    if (name) return { name, role: words.slice(0, words.length - name.split(' ').length).join(' ').replace(/,\s*$/u, '') };
  }
  if (/^(?:The\s+)?(?:Office|Bureau)\s+of\b/u.test(line) && line.split(/\s+/u).length <= 10) return { office: line };
  const authored = AUTHORED_BY.exec(line);
  if (authored) {
    const rest = line.slice(authored[0].length);
    const comma = rest.indexOf(', ');
    const name = (comma > 0 ? rest.slice(0, comma) : rest).trim();
    if (comma > 0 && looksLikePersonName(name) && hasRoleWord(rest.slice(comma + 2))) return { name, role: rest.slice(comma + 2).trim() };
  }
  const comma = line.indexOf(', ');
  if (comma <= 0) return roleFirstByline(line);
  const name = line.slice(0, comma).trim();
  const role = line.slice(comma + 2).trim();
  if (!looksLikePersonName(name) || !hasRoleWord(role)) return undefined;
  return { name, role };
};

const PLACE_PART = /^(?:the\s+)?\p{Lu}[\p{L}'’.\-]*(?:\s+(?:of\s+|de\s+|the\s+)?\p{Lu}[\p{L}'’.\-]*){0,3}$/u;

/** Whether a header line is a place: "Washington, D.C.", "Nur-Sultan, Kazakhstan", "Ramallah, the West Bank". */
export const isPlaceLine = (line: string): boolean => {
  if (line.length > 70 || /\d/u.test(line)) return false;
  const parts = line.split(/,\s*/u);
  // One part only when it names a city as such ("Kestrel City", "Kuwait City").
  if (parts.length === 1) return /^\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,2}\s+City$/u.test(line);
  if (parts.length > 3) return false;
  for (const part of parts) if (!PLACE_PART.test(part.trim())) return false;
  return !hasRoleWord(line);
};

/** Title-cases the all-capital parts of a place ("WASHINGTON, D.C." → "Washington, D.C."). */
export const normalisePlace = (place: string): string =>
  place
    .split(/,\s*/u)
    .map((part) => {
      const letters = part.replace(/[^\p{L}]/gu, '');
      if (letters.length <= 3 || letters !== letters.toUpperCase()) return part.trim();
      return part
        .trim()
        .toLowerCase()
        .replace(/(^|[\s\-'’])(\p{L})/gu, (_all, sep: string, ch: string) => sep + ch.toUpperCase());
    })
    .join(', ');

/** A `Key: Value` header line ("President: Harry S. Truman"). */
export const parseKeyValueHeader = (line: string): { key: string; value: string } | undefined => {
  const m = /^(\p{Lu}[\p{L} ]{1,30}):\s+(\S.{0,400})$/u.exec(line);
  if (!m) return undefined;
  const value = m[2]!.trim();
  if (/[.!?]["\u201d\u2019)]*$/u.test(value.replace(/\b[A-Z]\.$/u, '')) && !/\b(?:Jr|Sr)\.$/u.test(value)) return undefined;
  const key = m[1]!.trim();
  // A list of speakers may be long ("Speakers: Deputy Government Spokesperson X; Y, Spokesperson for …; …").
  const speakers = SPEAKER_KEYS.test(key);
  if ((value.length > 100 && !speakers) || value.split(/\s+/u).length > (speakers ? 80 : 12)) return undefined;
  return { key, value };
};

/** Keys of `Key: Value` headers whose value names the speaker. */
const SPEAKER_KEYS = /^(?:president|speaker|speakers|by|author|remarks by|delivered by|participants|spokesperson|spokesman|spokeswoman)$/iu;

/** Whether a `Key: Value` header names the speaker. */
export const isSpeakerKey = (key: string): boolean => SPEAKER_KEYS.test(key);

/** Cities of the gazetteer (every name of each line): a one-word place before a date ("Jakarta, February 19, 2026"). */
const CITY_NAMES = new Set(listNames(CITIES));

const WEEKDAY_WORD = /^(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?$/iu;

/**
 * A header line that is a place and then a date, and nothing else: "San José, Costa Rica — 4 June
 * 2027", "Washington, D.C., October 22, 2026". The place needs two or three comma-separated parts
 * (city and country or state), or be a city of the gazetteer, so that "Press Release — October 22"
 * names no place.
 */
export const parsePlaceDateLine = (line: string): { place: string; date: string } | undefined => {
  // "Port-Lumière, 18 September 2025 / le 18 septembre 2025": the same line in a second language.
  const slash = line.indexOf(' / ');
  if (slash > 0 && /\d/u.test(line.slice(slash))) return parsePlaceDateLine(line.slice(0, slash));
  const venue = parseDateVenueLine(line) ?? parseDatePlaceSourceLine(line);
  if (venue) return venue;
  if (line.length > 90) return undefined;
  const date = findDate(line);
  if (!date || date.index === 0 || /[\p{L}\p{N}]/u.test(line.slice(date.index + date.length))) return undefined;
  // "Berlin, Wednesday, 19 November 2025": the weekday before the date is not part of the place.
  let place = line.slice(0, date.index).replace(/[\s,(\u2014\u2013-]+$/u, '');
  const comma = place.lastIndexOf(',');
  if (comma > 0 && WEEKDAY_WORD.test(place.slice(comma + 1).trim())) place = place.slice(0, comma);
  // (A city in capitals too: "NEW YORK, 14 October 2025".)
  if (!(isPlaceLine(place) || CITY_NAMES.has(normalisePlace(place)) || ONE_WORD_PLACE.test(place)) || place.split(/,\s*/u).some((part) => WEEKDAY_WORD.test(part.trim()))) return undefined;
  return { place: normalisePlace(place), date: date.iso };
};

/**
 * One word before ", <date>" on a header line of its own, not a month, weekday or a word for the
 * page's kind: the place ("Kiranda, 3 November 2026").
 */
const ONE_WORD_PLACE = /^(?!(?:Press|Statement|Readout|Remarks|Update|Today|Published|Updated|Posted|Released|Issued|Date|Dated|Delivered|Issue|Briefing|Transcript|Media|News|Release|Notice|Edition)$)\p{Lu}\p{Ll}{2,}(?:-\p{Lu}?\p{Ll}+){0,3}$/u;

/**
 * "June 25, 2026 - Panama City, Panama - Global Affairs Canada": a date, the place and perhaps the
 * publisher, between dashes or bars.
 */
const parseDatePlaceSourceLine = (line: string): { place: string; date: string } | undefined => {
  if (line.length > 160) return undefined;
  const parts = line.split(/\s+[-\u2013\u2014|]\s+/u);
  if (parts.length < 2 || parts.length > 3) return undefined;
  const date = findDate(parts[0]!);
  if (!date || date.index !== 0 || date.length !== parts[0]!.trim().length) return undefined;
  const place = parts[1]!.trim();
  if (!(isPlaceLine(place) || CITY_NAMES.has(normalisePlace(place)))) return undefined;
  return { place: normalisePlace(place), date: date.iso };
};

/** A clock time, perhaps with its zone, after a date: "4:05 p.m.", "at 10:30 JST". */
const CLOCK = /^(?:at\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:[AaPp]\.?\s?[Mm]\.?)?(?:\s*\(?[A-Z]{2,4}\)?)?$/u;

/**
 * A header line that is a date, perhaps a time, then the venue with its city last: "Wednesday,
 * November 18, 2026, 4:05 p.m., Press Conference Room, Ministry of Foreign Affairs, Tokyo". The last
 * part (or the last two: "Accra, Ghana") must be a place, and nothing before the date but a weekday.
 */
const parseDateVenueLine = (line: string): { place: string; date: string } | undefined => {
  if (line.length > 160) return undefined;
  const date = findDate(line);
  if (!date) return undefined;
  const before = line.slice(0, date.index).replace(/[\s,]+$/u, '');
  if (before !== '' && !WEEKDAY_WORD.test(before)) return undefined;
  const parts = line
    .slice(date.index + date.length)
    .split(/,\s*/u)
    .map((part) => part.trim())
    .filter((part) => part !== '' && !CLOCK.test(part));
  if (parts.length === 0 || parts.some((part) => /\d/u.test(part))) return undefined;
  const last = parts[parts.length - 1]!.replace(/\.$/u, '');
  const pair = parts.length >= 2 ? `${parts[parts.length - 2]}, ${last}` : undefined;
  if (pair && CITY_NAMES.has(parts[parts.length - 2]!) && isPlaceLine(pair)) return { place: normalisePlace(pair), date: date.iso };
  if (CITY_NAMES.has(last)) return { place: last, date: date.iso };
  return undefined;
};

/** A news-style dateline at the start of a paragraph: "WASHINGTON, May 20, 2022 —", "NUR-SULTAN, Kazakhstan –". */
const DATELINE = /^(\p{Lu}[\p{Lu}.'’\- ]{2,40}?)(?:,\s*([\p{L}.'’\- ]{2,40}?))?(?:[,(]\s*([^—–()]{3,40}?)\)?)?\s*(?:—|–|--|-)\s+(?=\S)/u;
/** A dateline with the place in Title Case, then a date: "Nairobi, 3/3/2026 –", "Brussels, 12 May 2026 —". */
const TITLE_DATELINE = /^(\p{Lu}\p{Ll}[\p{L}.'’\-]*(?: \p{Lu}\p{Ll}[\p{L}.'’\-]*){0,2}),\s*([^—–]{6,30}?)\s*(?:—|–|--|-)\s+(?=\S)/u;

/** Reads a dateline at the start of a paragraph: place, date, and where the paragraph's own text starts. */
export const parseDateline = (paragraph: string): { place: string; date?: string; bodyStart: number } | undefined => {
  const m = DATELINE.exec(paragraph);
  if (!m) {
    // A place in Title Case is a dateline only when a date follows it.
    const t = TITLE_DATELINE.exec(paragraph);
    const date = t ? findDate(t[2]!) : undefined;
    if (!t || !date || date.index + date.length < t[2]!.trim().length - 1) return undefined;
    return { place: t[1]!, date: date.iso, bodyStart: t[0].length };
  }
  const city = m[1]!.trim();
  if (city.replace(/[^\p{Lu}]/gu, '').length < 3) return undefined;
  const titleCity = city
    .toLowerCase()
    .replace(/(^|[\s\-'’.])(\p{L})/gu, (_all, sep: string, ch: string) => sep + ch.toUpperCase());
  let region = m[2]?.trim();
  const date = findDate(m[0])?.iso;
  if (region && (/\d/u.test(region) || MONTH_START.test(region))) region = undefined;
  return { place: normalisePlace(region ? `${titleCity}, ${region}` : titleCity), date, bodyStart: m[0].length };
};

const ATTRIBUTION = /\b(?:attributable to|statement (?:by|from)|remarks (?:by|of)|readout (?:by|from)|delivered by)\s+((?:\p{Lu}[\p{L}.’'\-]*\s+){0,6}\p{Lu}[\p{L}.’'\-]*)\s*:$/u;

/**
 * Reads an attribution line that introduces a statement ("The following is attributable to
 * Spokesperson Tomas Reyes:") and returns the person's name without their role.
 */
/** "Pentagon Press Secretary Air Force Maj. Gen. Pat Ryder provided the following readout:". */
const PROVIDED = /^(.{3,160}?)\s+(?:provided|issued|gave|released|delivered)\s+the following\s+(?:readout|statement|remarks|comments?)\s*:$/u;

/** The person's name at the end of a run of titles and offices: "… Maj. Gen. Pat Ryder" → "Pat Ryder". */
const trailingName = (words: readonly string[]): string | undefined => {
  let k = words.length;
  while (k > 0 && words.length - k < 4 && /^\p{Lu}[\p{L}'’\-]*$|^\p{Lu}\.$/u.test(words[k - 1]!) && !ROLE_WORDS.has(words[k - 1]!.toLowerCase())) k--;
  const name = words.slice(k).join(' ');
  return looksLikePersonName(name) ? name : undefined;
};

export const parseAttribution = (line: string): string | undefined => {
  if (line.length > 240) return undefined;
  const provided = PROVIDED.exec(line);
  if (provided) return trailingName(provided[1]!.split(/\s+/u));
  const m = ATTRIBUTION.exec(line);
  if (!m) return undefined;
  const words = m[1]!.split(/\s+/u);
  let i = 0;
  while (i < words.length && ROLE_WORDS.has(words[i]!.toLowerCase())) i++;
  const name = words.slice(i).join(' ');
  return looksLikePersonName(name) ? name : undefined;
};
