/**
 * Speaker turns: labels at the start of a paragraph (`MR PRICE:`, `SECRETARY BLINKEN:`,
 * `THE PRESIDENT.`, `Q:`, `The President:`, `Deputy Secretary Sherman:`) and an alias table that
 * makes one speaker of every spelling of a label (`MR. PRICE` / `MR PRICE`, a one-letter typo of a
 * label seen more often, a surname matching a person named in the header).
 */
import { listNames } from './data/lists';
import { NEWS_ORGANIZATIONS } from './data/organizations';
import { HONORIFICS, looksLikePersonName, ROLE_WORDS } from './dateline';

/** A speaker label found at the start of a paragraph. */
export interface SpeakerLabel {
  /** The label as written, without its colon. */
  readonly raw: string;
  /** Canonical key: uppercase, no full stops, single spaces (`Q` becomes `QUESTION`). */
  readonly key: string;
  readonly isQuestion: boolean;
  /** Offset (in the paragraph) where the speaker's words start. */
  readonly contentStart: number;
}

const WS = '[ \\t\\u00a0\\u2009\\u202f]';
const EMPHASIS = '(?:\\*{1,2}|_{1,2})';
/** A video transcript's timestamp before a label: `[00:01:23] `, `01:23 `. */
const TIMESTAMP = `(?:\\[?\\d{1,2}:\\d{2}(?::\\d{2})?\\]?${WS}+)`;
/** `NAME:` in capitals (a few lowercase letters allowed, as in `MR. McGEE:`), possibly in Markdown bold. */
const COLON_LABEL = new RegExp(
  `^${TIMESTAMP}?${EMPHASIS}?${WS}*((?:[\\p{Lu}\\p{N}][\\p{L}\\p{N}.'’\\-]*)(?:${WS}+(?:[\\p{Lu}\\p{N}(][\\p{L}\\p{N}.'’()\\-]*|of|the|for|and|de|del|la|las|los|da|das|do|dos|du|des|le|al|el|bin|ibn|von|van|der|den|af|te|y)){0,9})(?:${WS}*\\([^)\\n]{1,40}\\))?${WS}*${EMPHASIS}?${WS}*:(?![\\d/])${WS}*${EMPHASIS}?${WS}*`,
  'u',
);
/** `THE PRESIDENT.` / `Q.` / `MR. BUNDY.` — capitals ended by a full stop (older transcripts). */
const PERIOD_LABEL = new RegExp(
  `^${EMPHASIS}?((?:Q|QUESTION|(?:[\\p{Lu}][\\p{Lu}.'’\\-]*(?:[ ][\\p{Lu}][\\p{Lu}.'’\\-]*)+)))\\.${EMPHASIS}?${WS}+(?=[\\p{Lu}\\p{N}"“'‘(—–-])`,
  'u',
);
/** `The President.` — a Title Case role with a full stop (older transcripts); checked against the role words. */
const TITLE_PERIOD_LABEL = new RegExp(`^(The(?: \\p{Lu}[\\p{Ll}]+(?:-\\p{Lu}[\\p{Ll}]+)?){1,3})\\.${WS}+(?=[\\p{Lu}"“(—–-])`, 'u');
/** `Q    You said…` — a bare Q before the question (White House transcripts). */
const BARE_Q = new RegExp(`^Q${WS}+(?=[\\p{Lu}"“])`, 'u');
const QUESTION_KEYS = new Set(['Q', 'QUESTION', 'QUESTIONER', 'REPORTER', 'JOURNALIST', 'PRESS', 'AUDIENCE QUESTION', 'AUDIENCE MEMBER', 'PARTICIPANT']);
/** Every name of the news gazetteer, lower-case: an asker's label naming an outlet names no person. */
const NEWS_OUTLETS = new Set(listNames(NEWS_ORGANIZATIONS).map((n) => n.toLowerCase()));
/** A word that names a news outlet, not a person ("Radio Spreewelle", "Westfalen-Kurier", "Daily Courier"). */
const OUTLET_WORD = /(?:^|[\s-])(?:Radio|Television|TV|News|Times|Post|Journal|Herald|Gazette|Tribune|Daily|Press|Agency|Kurier|Zeitung|Courier|Observer|Telegraph|Chronicle|Broadcasting|Media|Nachrichten|Rundschau|Diario|Noticias|Shimbun|Ilbo)(?=$|[\s-])/u;
const askerCache = new Map<string, boolean>();
/**
 * Whether an asker's label names a person ("Priya Raghavan"), not an outlet ("Reuters", "Phoenix TV")
 * or a lone word ("Question"). Memoised: it is asked for every question of a briefing.
 */
export const askerIsPerson = (name: string): boolean => {
  let is = askerCache.get(name);
  if (is === undefined) {
    is = looksLikePersonName(name) && !NEWS_OUTLETS.has(name.toLowerCase()) && !OUTLET_WORD.test(name);
    if (askerCache.size > 5000) askerCache.clear();
    askerCache.set(name, is);
  }
  return is;
};
/**
 * `Official Spokesperson, Shri Arvind Menon:` — a role in Title Case, a comma, then the person
 * (perhaps after an honorific): the person speaks.
 */
const ROLE_NAME_LABEL = new RegExp(
  `^((?:The${WS}+)?\\p{Lu}[\\p{L}'’\\-]*(?:${WS}+(?:\\p{Lu}[\\p{L}'’\\-]*|of|the|for|and|on)){0,6}),${WS}+((?:\\p{Lu}[\\p{L}.'’\\-]*)(?:${WS}+(?:\\p{Lu}[\\p{L}.'’\\-]*|de|da|del|van|von|der|al|el|bin|la)){1,6})${WS}*:${WS}+(?=\\S)`,
  'u',
);
/** An asker from the floor named in sentence case ("Audience member:"). */
const FLOOR_ASKER = new RegExp(`^(Audience member|Audience question|Member of the audience|Unidentified (?:speaker|reporter|participant|questioner))${WS}*:${WS}+(?=\\S)`, 'u');
/** `Question (Priya Raghavan, The Hindu):` — who asks, inside the label's brackets. */
const ASKER_IN_BRACKETS = /\(([^,()]{3,60})(?:,[^()]*)?\)/u;

const keyCache = new Map<string, string>();

/** Canonical key of a label (memoised: documents repeat the same few labels). */
export const labelKey = (raw: string): string => {
  let key = keyCache.get(raw);
  if (key === undefined) {
    key = computeLabelKey(raw);
    if (keyCache.size > 5000) keyCache.clear();
    keyCache.set(raw, key);
  }
  return key;
};

const computeLabelKey = (raw: string): string => {
  const key = raw
    .toUpperCase()
    .replace(/[.\u2019']/gu, (c) => (c === '.' ? ' ' : ''))
    .replace(/\s+/gu, ' ')
    .trim();
  return key === 'Q' ? 'QUESTION' : key === 'A' ? 'ANSWER' : key;
};

const countLetters = (s: string): { upper: number; lower: number } => {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
    else if (c > 127) {
      const ch = s[i]!;
      if (ch !== ch.toLowerCase()) upper++;
      else if (ch !== ch.toUpperCase()) lower++;
    }
  }
  return { upper, lower };
};

const TITLE_CONNECTORS = new Set(['of', 'the', 'for', 'and', 'de', 'del', 'la', 'las', 'los', 'da', 'das', 'do', 'dos', 'du', 'des', 'le', 'al', 'el', 'bin', 'ibn', 'von', 'van', 'der', 'den', 'af', 'te', 'y']);
/** Words that end the name of a kind of document, not of a person or role ("Special Briefing: …", "Joint Statement: …"). */
const DOCUMENT_WORDS = new Set([
  'briefing', 'briefings', 'statement', 'remarks', 'readout', 'transcript', 'interview', 'conference', 'update', 'note',
  'release', 'announcement', 'sheet', 'notice', 'advisory', 'communique', 'communiqué', 'declaration', 'message',
]);

/** A word with letters and digits in it: a code or a meeting's number, not a name. */
const LETTERS_AND_DIGITS = /\p{L}\d|\d\p{L}/u;

/** Whether a Title Case label names a role or a person ("The President", "Deputy Secretary Sherman", "Ms. Porter"). */
const isTitleCaseSpeaker = (raw: string): boolean => {
  const words = raw.split(/\s+/u);
  // Up to six words, or ten when a role names its office before the surname ("Spokesperson for the
  // Federal Ministry of Defence Brenninkmeyer").
  const office = words.length > 2 && (words[1] === 'for' || words[1] === 'of' || words[1] === 'to');
  if (words.length > (office ? 10 : 6) || DOCUMENT_WORDS.has(words[words.length - 1]!.toLowerCase())) return false;
  for (const w of words) if (!/^\p{Lu}/u.test(w) && !TITLE_CONNECTORS.has(w)) return false;
  let i = 0;
  if (words[0] === 'The') i = 1;
  // "Minister-Counselor": the role word is the compound's first part.
  const first = words[i]?.replace(/\.$/u, '').toLowerCase().split('-')[0];
  if (!first) return false;
  if (HONORIFICS.has(first)) return words.length - i >= 2;
  return ROLE_WORDS.has(first) && first !== 'state' && first !== 'high' && first !== 'members' && first !== 'staff';
};

/** Finds a speaker label at the start of a paragraph. */
export const findLabel = (paragraph: string): SpeakerLabel | undefined => {
  const c0 = paragraph.charCodeAt(0);
  // Fast reject: labels start with a capital letter (ASCII or not), a digit or Markdown emphasis.
  if (c0 >= 97 && c0 <= 122) return undefined;
  // A colon label has its colon within the first 80 characters; a full-stop label ("THE PRESIDENT.",
  // "Q.", "Q  …") has a capital, a stop or a space as its second character.
  const colon = paragraph.indexOf(':');
  const hasColon = colon > 0 && colon < 80;
  const c1 = paragraph.charCodeAt(1);
  if (!hasColon && !((c1 >= 65 && c1 <= 90) || c1 === 46 || c1 === 32 || c1 === 9 || c1 === 160 || c1 === 42 || c1 === 95)) {
    if (!paragraph.startsWith('The ')) return undefined;
  }
  let m = hasColon ? COLON_LABEL.exec(paragraph) : null;
  if (m) {
    // "Moderator (Rachel Nakashima-Brooks)": capitalised words in brackets were read as words of the
    // label; the label is what stands before them.
    let raw = m[1]!.trim();
    // Every bracket group at the end goes: "Dr Eleanor Pryce (Kingsmere and Ollerton) (Con)".
    let brackets = 0;
    for (let open = raw.endsWith(')') ? raw.lastIndexOf(' (') : -1; open > 0; open = raw.endsWith(')') ? raw.lastIndexOf(' (') : -1) {
      raw = raw.slice(0, open).trim();
      brackets++;
    }
    if (raw.length <= 90) {
      const { upper, lower } = countLetters(raw);
      const capitals = upper >= 1 && lower <= Math.max(1, Math.floor(upper / 5)) && (upper >= 2 || raw === 'Q' || raw === 'A');
      // "FACT SHEET:", "JOINT STATEMENT:": a kind of document in capitals, not a speaker; nor is a code
      // with letters and digits in one word ("HRC61: UK statement on …", "G7:", "COP28:").
      if ((capitals && !DOCUMENT_WORDS.has(raw.slice(raw.lastIndexOf(' ') + 1).toLowerCase()) && !LETTERS_AND_DIGITS.test(raw)) || isTitleCaseSpeaker(raw)) {
        // "Moderator (Rachel Nakashima-Brooks):": a role whose holder the brackets name.
        const holder = ASKER_IN_BRACKETS.exec(m[0])?.[1]?.trim();
        // (Not a person's own label followed by their constituency and party.)
        const named = holder !== undefined && brackets < 2 && looksLikePersonName(holder) && !looksLikePersonName(raw) ? holder : undefined;
        const key = labelKey(raw);
        if (named && !QUESTION_KEYS.has(key)) return { raw: named, key: labelKey(named), isQuestion: false, contentStart: m[0].length };
        return { raw, key, isQuestion: QUESTION_KEYS.has(key), contentStart: m[0].length };
      }
      // "Mr Jamal Haddou (Bristol Eastgate) (LD):": a member named with constituency and party (Hansard).
      if (brackets >= 2 && looksLikePersonName(raw)) return { raw, key: labelKey(raw), isQuestion: false, contentStart: m[0].length };
      // "Question (Priya Raghavan, The Hindu):": a question whose asker the brackets name.
      if (QUESTION_KEYS.has(labelKey(raw))) {
        const asker = ASKER_IN_BRACKETS.exec(m[0])?.[1]?.trim();
        const named = asker !== undefined && askerIsPerson(asker) ? asker : undefined;
        return { raw: named ?? raw, key: labelKey(named ?? raw), isQuestion: true, contentStart: m[0].length };
      }
    }
  }
  // "Audience member:", "Member of the audience:": an asker from the floor, in sentence case.
  if (hasColon) {
    const floor = FLOOR_ASKER.exec(paragraph);
    if (floor) return { raw: floor[1]!, key: 'AUDIENCE MEMBER', isQuestion: true, contentStart: floor[0].length };
  }
  // (Only where a comma comes before the colon.)
  const comma = hasColon ? paragraph.indexOf(',') : -1;
  m = comma > 0 && comma < colon ? ROLE_NAME_LABEL.exec(paragraph) : null;
  if (m) {
    const role = m[1]!.replace(/^The\s+/u, '').split(/\s+/u)[0]!.toLowerCase();
    const name = m[2]!;
    if (ROLE_WORDS.has(role) && looksLikePersonName(name)) return { raw: name, key: labelKey(name), isQuestion: false, contentStart: m[0].length };
  }
  if (BARE_Q.test(paragraph)) {
    const bare = BARE_Q.exec(paragraph)!;
    return { raw: 'Q', key: 'QUESTION', isQuestion: true, contentStart: bare[0].length };
  }
  m = PERIOD_LABEL.exec(paragraph);
  if (m) {
    const raw = m[1]!;
    if (raw.length <= 64) {
      const key = labelKey(raw);
      return { raw, key, isQuestion: QUESTION_KEYS.has(key), contentStart: m[0].length };
    }
  }
  m = TITLE_PERIOD_LABEL.exec(paragraph);
  if (m) {
    const raw = m[1]!;
    const roles = raw.split(' ').slice(1);
    if (roles.every((w) => ROLE_WORDS.has(w.toLowerCase()))) {
      return { raw, key: labelKey(raw), isQuestion: false, contentStart: m[0].length };
    }
  }
  return undefined;
};

/** Whether a label opens with an office's word, first or second ("Secretary Blinken", "Press Secretary Aoki"). */
const namesOffice = (raw: string): boolean => {
  const words = raw.toLowerCase().split(' ');
  return ROLE_WORDS.has(words[0]!) || (words.length > 2 && ROLE_WORDS.has(words[1]!));
};

/** `Brennan:` / `Secretary Blinken:` — a Title Case name before a colon (a label only when it recurs). */
const NAME_LABEL = /^(\p{Lu}[\p{L}'’\-]+(?:[ ]\p{Lu}[\p{L}'’.\-]+){0,2}):[ \t\u00a0]+(?=\S)/u;
/** Title Case words that introduce content rather than name a speaker. */
const DISCOURSE_WORDS = new Set([
  'first', 'second', 'third', 'fourth', 'fifth', 'finally', 'next', 'last', 'note', 'example', 'update', 'background',
  'summary', 'context', 'today', 'yesterday', 'tomorrow', 'question', 'answer', 'editor', 'subject', 're', 'source',
  'sources', 'see', 'also', 'location', 'date', 'time', 'place', 'venue', 'title', 'topic', 'topics', 'watch', 'read',
  'listen', 'begin', 'end', 'remarks', 'transcript', 'statement', 'excerpt', 'excerpts', 'correction', 'clarification',
  // An email's header lines.
  'from', 'sent', 'to', 'cc', 'bcc', 'reply',
]);

/**
 * Title Case name labels (`Brennan:`) that open at least two paragraphs each, when at least two of
 * them alternate (a dialogue): maps the index of each such paragraph to its label.
 */
export const findNameLabels = (paragraphs: readonly { readonly text: string; readonly label?: SpeakerLabel }[]): Map<number, SpeakerLabel> => {
  const found = new Map<number, SpeakerLabel>();
  const counts = new Map<string, number>();
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (p.label) continue;
    const c0 = p.text.charCodeAt(0);
    if (c0 >= 97 && c0 <= 122) continue;
    const colon = p.text.indexOf(':');
    if (colon <= 0 || colon > 40) continue;
    const m = NAME_LABEL.exec(p.text);
    if (!m) continue;
    const raw = m[1]!;
    if (raw.split(' ').some((w) => DISCOURSE_WORDS.has(w.toLowerCase()))) continue;
    const key = labelKey(raw);
    found.set(i, { raw, key, isQuestion: false, contentStart: m[0].length });
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let recurring = 0;
  let top = '';
  let topCount = 0;
  let topRaw = '';
  for (const [key, n] of counts) {
    if (n >= 2) recurring++;
    if (n > topCount) {
      top = key;
      topCount = n;
    }
  }
  for (const label of found.values()) if (label.key === top) topRaw = label.raw;
  // One recurring label answers the others: three turns, or two when it names an office and a
  // person ("Press Secretary Aoki:").
  if (recurring === 1 && (topCount >= 3 || (topCount === 2 && topRaw.includes(' ') && namesOffice(topRaw)))) return answererLabels(paragraphs, found, top);
  if (recurring < 2) return oneOffAskers(paragraphs, found, counts);
  for (const [i, label] of found) if ((counts.get(label.key) ?? 0) < 2) found.delete(i);
  return found;
};

/**
 * Name labels used once, on a question right before a turn of the page's main speaker ("Sidhant:
 * Sir, … with the American side?" then "Official Spokesperson, …: …"): askers who named themselves.
 */
const oneOffAskers = (
  paragraphs: readonly { readonly text: string; readonly label?: SpeakerLabel }[],
  found: ReadonlyMap<number, SpeakerLabel>,
  counts: ReadonlyMap<string, number>,
): Map<number, SpeakerLabel> => {
  const out = new Map<number, SpeakerLabel>();
  if (found.size === 0) return out;
  const turns = new Map<string, number>();
  for (const p of paragraphs) if (p.label && !p.label.isQuestion) turns.set(p.label.key, (turns.get(p.label.key) ?? 0) + 1);
  for (const [i, label] of found) {
    const next = paragraphs[i + 1]?.label;
    if ((counts.get(label.key) ?? 0) !== 1 || !next || next.isQuestion || (turns.get(next.key) ?? 0) < 3) continue;
    if (/\?["\u201d\u2019)]*$/u.test(paragraphs[i]!.text.trimEnd())) out.set(i, { ...label, isQuestion: true });
  }
  return out;
};

/**
 * One name label answering many askers, each named once (a foreign ministry's press conference:
 * "Reuters: …?" then "Lin Jiahui: …"): the answerer's label, and every label just before one of its
 * answers as a question. Only when most answers follow such a label.
 */
const answererLabels = (
  paragraphs: readonly { readonly text: string; readonly label?: SpeakerLabel }[],
  found: ReadonlyMap<number, SpeakerLabel>,
  answerer: string,
): Map<number, SpeakerLabel> => {
  const out = new Map<number, SpeakerLabel>();
  let answers = 0;
  let asked = 0;
  for (const [i, label] of found) {
    if (label.key !== answerer) continue;
    out.set(i, label);
    answers++;
    const before = found.get(i - 1) ?? paragraphs[i - 1]?.label;
    if (before && before.key !== answerer) {
      asked++;
      out.set(i - 1, { ...before, isQuestion: true });
    }
  }
  return asked * 2 >= answers ? out : new Map();
};

/** Whether `short` appears in `long` in order (not necessarily adjacent). */
const isSubsequence = (short: readonly string[], long: readonly string[]): boolean => {
  let j = 0;
  for (const w of long) if (j < short.length && w === short[j]) j++;
  return j === short.length;
};

/** Levenshtein distance, stopping early once it exceeds 1. */
const withinOneEdit = (a: string, b: string): boolean => {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) return a.slice(i + 1) === b.slice(i + 1);
  if (la > lb) return a.slice(i + 1) === b.slice(i);
  return a.slice(i) === b.slice(i + 1);
};

/** Whether the two keys differ only where merging would be wrong (a digit, or the honorific). */
const distinctOnPurpose = (a: string, b: string): boolean => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const ca = a.charCodeAt(i);
  const cb = b.charCodeAt(i);
  if ((ca >= 48 && ca <= 57) || (cb >= 48 && cb <= 57)) return true;
  const wa = a.split(' ')[0]!.toLowerCase();
  const wb = b.split(' ')[0]!.toLowerCase();
  return wa !== wb && HONORIFICS.has(wa) && HONORIFICS.has(wb);
};

const HONORIFIC_DISPLAY: Record<string, string> = { MR: 'Mr.', MRS: 'Mrs.', MS: 'Ms.', DR: 'Dr.', PROF: 'Prof.' };

const displayCache = new Map<string, string>();

/** Title-cases a canonical key for display: `MR PRICE` → `Mr. Price`, `MR MCGEE` → `Mr. McGee` (memoised). */
export const displayName = (key: string): string => {
  let name = displayCache.get(key);
  if (name === undefined) {
    name = computeDisplayName(key);
    if (displayCache.size > 5000) displayCache.clear();
    displayCache.set(key, name);
  }
  return name;
};

const computeDisplayName = (key: string): string =>
  key
    .split(' ')
    .map((w, i) => {
      if (i === 0 && HONORIFIC_DISPLAY[w]) return HONORIFIC_DISPLAY[w];
      const lower = w.toLowerCase();
      if (i > 0 && TITLE_CONNECTORS.has(lower)) return lower;
      const cased = lower.replace(/(^|[-'’])(\p{L})/gu, (_a, sep: string, ch: string) => sep + ch.toUpperCase());
      return cased.replace(/^(Mc)(\p{L})/u, (_a, mc: string, ch: string) => mc + ch.toUpperCase());
    })
    .join(' ');

/** A person named in the header (author line or `President:` line), for resolving labels. */
export interface KnownPerson {
  readonly name: string;
  /** Their role, when the header gives one. */
  readonly role?: string;
}

const surnameOf = (name: string): string => {
  const words = name.replace(/,.*$/u, '').replace(/\b(?:Jr|Sr|II|III)\.?$/u, '').trim().split(/\s+/u);
  return foldKey(words[words.length - 1] ?? '');
};

/** A label key without diacritics, for comparing surnames ("ZÚNIGA" = "ZUNIGA"). */
const foldKey = (s: string): string => labelKey(s).normalize('NFD').replace(/\p{M}/gu, '');

/** The name of the one person (by name: repeats count once) that `matches`, if exactly one does. */
const onlyPerson = (people: readonly KnownPerson[], matches: (p: KnownPerson) => boolean): string | undefined => {
  let holder: string | undefined;
  for (const p of people) {
    if (!matches(p) || p.name === holder) continue;
    if (holder !== undefined) return undefined;
    holder = p.name;
  }
  return holder;
};

/**
 * Builds the alias table: each label key maps to one display name. Keys one edit away from a more
 * frequent key merge into it; keys ending in a header person's surname (or `THE PRESIDENT` when
 * the header names the president) become that person's full name.
 */
export const buildAliases = (
  counts: ReadonlyMap<string, number>,
  people: readonly KnownPerson[],
  presidentName?: string,
): Map<string, string> => {
  const bySurname = new Map<string, string>();
  for (const p of people) {
    const s = surnameOf(p.name);
    if (s.length >= 2 && !bySurname.has(s)) bySurname.set(s, p.name);
  }
  // A double surname's first part names the person too ("ECHEVERRI:" for Tomás Echeverri Ruiz).
  for (const p of people) {
    const words = p.name.replace(/,.*$/u, '').trim().split(/\s+/u);
    if (words.length < 3) continue;
    const first = foldKey(words[words.length - 2]!);
    if (first.length >= 3 && /^\p{Lu}\p{Ll}/u.test(words[words.length - 2]!) && !bySurname.has(first)) bySurname.set(first, p.name);
  }
  const known = (key: string): number => (bySurname.has(foldKey(key.split(' ').pop() ?? '')) ? 1 : 0);
  // Most frequent first; ties go to a label naming a header person, then to the first seen (stable sort).
  const keys = [...counts.keys()].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || known(b) - known(a));
  const canonical = new Map<string, string>();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    let target = key;
    if (key.length >= 6) {
      for (let j = 0; j < i; j++) {
        const other = keys[j]!;
        if (canonical.get(other) !== other) continue;
        if (other.length >= 6 && withinOneEdit(key, other) && !distinctOnPurpose(key, other)) {
          target = other;
          break;
        }
      }
    }
    canonical.set(key, target);
  }
  // A shorter form of a longer label with the same surname ("LEHRER", "SENATOR DOLE") is the same
  // speaker as the longer one ("JIM LEHRER", "SENATOR BOB DOLE") when exactly one such label exists.
  for (const key of keys) {
    if (canonical.get(key) !== key) continue;
    const words = key.split(' ');
    const last = words[words.length - 1]!;
    if (last.length < 3 || /\d/u.test(last)) continue;
    let longer: string | undefined;
    let ambiguous = false;
    for (const other of keys) {
      if (other === key || canonical.get(other) !== other) continue;
      const ow = other.split(' ');
      if (ow.length <= words.length || ow[ow.length - 1] !== last || !isSubsequence(words, ow)) continue;
      if (longer !== undefined) ambiguous = true;
      longer = other;
    }
    if (longer !== undefined && !ambiguous) canonical.set(key, longer);
  }
  const out = new Map<string, string>();
  for (const key of keys) {
    let target = canonical.get(key) ?? key;
    for (let hop = 0; hop < 4 && canonical.get(target) !== target; hop++) target = canonical.get(target) ?? target;
    if (key === 'QUESTION' || target === 'QUESTION') {
      out.set(key, 'Question');
      continue;
    }
    if (key === 'ANSWER') {
      // "A:" answers for the one person the header names, when it names exactly one.
      out.set(key, people.length === 1 ? people[0]!.name : 'Answer');
      continue;
    }
    const words = target.split(' ');
    let name: string | undefined;
    if (presidentName && /^(?:THE )?PRESIDENT$/u.test(target)) name = presidentName;
    if (!name) {
      const last = foldKey(words[words.length - 1]!);
      const person = bySurname.get(last);
      if (person) name = person;
      if (!name && presidentName && words[0] === 'PRESIDENT' && words.length === 2 && surnameOf(presidentName) === last) {
        name = presidentName;
      }
      // "MS. ENKHJARGAL:" for Enkhjargal Batsaikhan: a label word that is another word of exactly one
      // header person's name (a given name used as the family name is elsewhere).
      if (!name && last.length >= 4) name = onlyPerson(people, (p) => p.name.split(/\s+/u).some((w) => foldKey(w) === last));
      // "SPOKESPERSON:" for the one person the header or the lines above the turns give that role.
      if (!name && (words.length === 1 || (words.length === 2 && words[0] === 'THE')) && last.length >= 4) {
        const role = last.toLowerCase();
        name = onlyPerson(people, (p) => p.role !== undefined && p.role.toLowerCase().split(/[^\p{L}]+/u).includes(role));
      }
    }
    out.set(key, name ?? displayName(target));
  }
  return out;
};
