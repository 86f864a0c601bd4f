/**
 * Awards presented in a statement: "presented X with the … award", "presented the … Prize to X",
 * "congratulated 2020 TIP Hero X", "X received the … Award", "awarded the … Medal to X". The
 * recipient is the person named in the recipient phrase (else an organisation, else the phrase);
 * the recipient's organisation is an organisation named beside them ("X, Director of Y").
 */
import type { Extraction, Presentation } from '../types';
import type { Mention, NameLookup } from './entities';
import type { StatementMentions } from './meetings';
import { HINT_AWARD } from './topics';

const AWARD_WORD = String.raw`(?:[Aa]wards?|[Pp]rizes?|[Mm]edals?|[Hh]onou?rs?|[Tt]roph(?:y|ies)|[Cc]itations?|Orders?(?=\s+of\s)|Commendations?|Distinctions?|Certificates?(?=\s+of\s)|Mentions?(?=\s+of\s))`;
/**
 * A capitalised complement of an award's name: "… Award for Corporate Excellence", "… Prize in
 * Physics", "Cross of the Order of Merit of the Federal Republic of Germany".
 */
const CAP_WORD = String.raw`\p{Lu}(?:[\p{L}\u2019'\-]|\.(?=\p{Lu}))*(?:\.(?=\s+\p{Lu}))?`;
const COMPLEMENT = String.raw`(?:\s+(?:for|of|in)\s+(?:the\s+)?${CAP_WORD}(?:\s+(?:and\s+|(?:of|in|for)\s+(?:the\s+)?|the\s+)?${CAP_WORD}){0,6})?`;
const DET = String.raw`(?:the|a|an|this year[\u2019']s|this|their|her|his|its|our)`;
/**
 * A recipient phrase: up to the end of the clause, reading through the full stops of titles and
 * initials ("to Dr. Souksavanh Phommachanh", "to Antony J. Blinken").
 */
const recipientPhrase = (min: number, max: number, lazy = false): string =>
  String.raw`((?:[^.;:]|(?<=(?:^|[\s(])(?:Dr|Mr|Mrs|Ms|Mx|Prof|Amb|Gen|Sen|Rep|Hon|Rev|Sr|Jr|St|\p{Lu}))\.){${min},${max}}${lazy ? '?' : ''})`;

interface Pattern {
  readonly re: RegExp;
  /** Which groups hold the award and the recipient phrase. */
  readonly award: number;
  readonly recipient: number;
  /** A cheap pre-check: the pattern runs only on statements containing its verb. */
  readonly gate: RegExp;
  /** The recipient precedes the verb ("X received the … Award"): read back to the clause start. */
  readonly recipientBefore?: boolean;
}

/**
 * Built on first use, not at module load: each pattern's letter classes cost ~0.6 ms to parse, and
 * most transcripts hold no award words at all.
 */
let patterns: readonly Pattern[] | undefined;
const buildPatterns = (): readonly Pattern[] => [
  // (The recipient holds no second verb: "my honour this afternoon to present you with …" is read from "present".)
  { re: new RegExp(String.raw`\b(?:present|honou?r)(?:ed|s|ing)?\s+((?:(?!\b(?:present|honou?r))[^\n]){3,160}?)\s+with\s+${DET}\s+([^.;:]{0,100}?\b${AWARD_WORD}\b${COMPLEMENT})`, 'gu'), award: 2, recipient: 1, gate: /present|hono/ },
  { re: new RegExp(String.raw`\b(?:present(?:ed|s|ing)?|award(?:ed|s|ing)?|bestow(?:ed|s)?|confer(?:red|s)?)\s+${DET}\s+([^.;:]{0,100}?\b${AWARD_WORD}\b${COMPLEMENT})(?:\s+(?:posthumously|formally|officially|jointly))?\s+(?:to|on|upon)\s+${recipientPhrase(3, 160)}`, 'gu'), award: 1, recipient: 2, gate: /present|award|bestow|confer/ },
  { re: /\bcongratulat(?:e|ed|es|ing)\s+((?:(?:19|20)\d\d\s+)?(?:[A-Z][\p{L}\u2019'-]*\s+){0,5}(?:Heroes|Hero|Laureates?|[Ww]inners?|[Aa]wardees?|[Hh]onorees?|[Rr]ecipients?))\s+([^.;:]{3,160})/gu, award: 1, recipient: 2, gate: /congratulat/ },
  // "Ms. Hà, please come forward to receive the … Award", "Ms. Ferreira, please join me for the … Award",
  // "Putu, please come up and receive the … Award".
  { re: new RegExp(String.raw`([^.;:!?,]{2,60}),\s+please\s+(?:come\s+(?:forward|up)|join\s+me)(?:\s+(?:(?:to|and)\s+(?:receive|accept)|for))?\s+${DET}\s+([^.;:]{0,100}?\b${AWARD_WORD}\b${COMPLEMENT})`, 'gu'), award: 2, recipient: 1, gate: /please/ },
  // "Coach Otieno, on behalf of the Embassy, please accept this Certificate of Appreciation".
  { re: new RegExp(String.raw`([^.;:!?,]{2,60}),(?:\s+[^.;:!?,]{2,60},)?\s+please\s+accept\s+${DET}\s+([^.;:]{0,100}?\b${AWARD_WORD}\b${COMPLEMENT})`, 'gu'), award: 2, recipient: 1, gate: /please/ },
  // "The 2026 … Prize for Civic Courage goes to Dilnoza Karimova."
  { re: new RegExp(String.raw`\b(?:[Tt]he\s+)?((?:(?:19|20)\d\d\s+)?\p{Lu}[^.;:]{0,100}?\b${AWARD_WORD}\b${COMPLEMENT})\s+(?:goes|went|is awarded|was awarded|is presented|was presented)\s+to\s+${recipientPhrase(3, 160)}`, 'gu'), award: 1, recipient: 2, gate: /goes to|went to|awarded to|presented to/ },
  // "I confer on him the Order of …", "conferred on President X the national honour of Grand Commander of …".
  { re: new RegExp(String.raw`\bconfer(?:red|s|ring)?\s+(?:up)?on\s+${recipientPhrase(2, 100, true)}\s+${DET}\s+([^.;:]{0,100}?\b${AWARD_WORD}\b${COMPLEMENT})`, 'gu'), award: 2, recipient: 1, gate: /confer/ },
  // "Please join me in congratulating the recipient of the … Award, X".
  { re: new RegExp(String.raw`\bcongratulat(?:e|ed|es|ing)\s+the\s+(?:winner|recipient|laureate)s?\s+of\s+${DET}\s+([^.;:,]{0,100}?\b${AWARD_WORD}\b${COMPLEMENT}),\s+${recipientPhrase(3, 100)}`, 'gu'), award: 1, recipient: 2, gate: /congratulat/ },
  // "Please join me in congratulating X, winner of the … Award".
  { re: new RegExp(String.raw`\bcongratulat(?:e|ed|es|ing)\s+${recipientPhrase(3, 100, true)},\s+(?:the\s+|this year[\u2019']s\s+|our\s+)?(?:winner|recipient|laureate)s?\s+of\s+${DET}\s+([^.;:]{0,100}?\b${AWARD_WORD}\b${COMPLEMENT})`, 'gu'), award: 2, recipient: 1, gate: /congratulat/ },
  { re: new RegExp(String.raw`\baward(?:ed|s)?\s+to\s+${recipientPhrase(3, 80, true)}\s+${DET}\s+([^.;:]{0,100}?\b${AWARD_WORD}\b${COMPLEMENT})`, 'gu'), award: 2, recipient: 1, gate: /awarded to|awards to/ },
  { re: new RegExp(String.raw`()\s(?:received|accepted|won|was awarded|were awarded|was presented with|was honou?red with|(?:is|was|are|were)\s+(?:named\s+)?(?:the|this year[\u2019']s|one of (?:the|this year[\u2019']s))\s+recipients?\s+of)\s+${DET}\s+([^.;:]{0,100}?\b${AWARD_WORD}\b${COMPLEMENT})`, 'gu'), award: 2, recipient: 1, gate: /received|accepted|won|awarded|presented with|honou?red with|recipient of/, recipientBefore: true },
];

/** A recipient named by a pronoun only ("present you with": the person addressed, named before). */
const PERSONAL_PRONOUN = /^\s*(?:him|her|you)\s*$/;

const AWARD_HINT = /[Aa]ward|[Pp]rize|[Mm]edal|[Hh]onou?r|[Tt]roph|[Cc]itation|Hero|[Ll]aureate|[Ww]inner|[Rr]ecipient|Order of|Commendation|Distinction|Certificate|Mention of/;
/** The giver's name before an award's ("the Embassy’s Civic Courage Award"): not part of it ("the Secretary’s … Award" is). */
const GIVER = /^(?:Embassy|Ministry|Department|Government|Mission|Consulate|Agency|Office|Bureau|Council)[\u2019']s\s+/u;
/** A kind of honour before its name: "the national honour of Grand Commander of the Order of the Niger". */
const HONOUR_OF = /^(?:(?:national|state|civilian|highest)\s+)?(?:honou?r|title|distinction|decoration)\s+of\s+(?=\p{Lu})/u;
/** Which of the evening's awards this is: "Our first … Award goes to", "The second … Prize". */
const ORDINAL_LEAD = /^(?:(?:Our|My|The)\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|next|final|last)|Our|My)\s+(?=\p{Lu})/u;
const cleanAward = (award: string): string =>
  award.replace(/\s+/g, ' ').trim().replace(GIVER, '').replace(HONOUR_OF, '').replace(ORDINAL_LEAD, '').replace(/^(?:\p{Ll}+\s+)+(?=\p{Lu})/u, '');

/**
 * The award's fuller name when the statement gives one ending with it: "present, for only the third
 * time, the Bridge of Dignity Lifetime Achievement Medal … present you with the Lifetime Achievement Medal".
 */
const fullerName = (award: string, text: string): string => {
  if (!/^\p{Lu}/u.test(award) || text.indexOf(award) === text.lastIndexOf(award)) return award;
  const escaped = award.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const longer = new RegExp(String.raw`((?:\p{Lu}[\p{L}\u2019'\-]*\s+(?:(?:of|for|the)\s+)*){1,5})${escaped}`, 'u').exec(text);
  return longer ? longer[1]! + award : award;
};

/** How many people named in earlier statements are kept to resolve "you" and first names. */
const RECENT_PEOPLE = 12;
const rememberPeople = (recent: Mention[], mentions: readonly Mention[]): void => {
  for (const x of mentions) if (x.kind === 'person' && x.start >= 0) recent.push(x);
  if (recent.length > RECENT_PEOPLE) recent.splice(0, recent.length - RECENT_PEOPLE);
};
/** A title before a single name ("Coach Otieno", "Ms. Hà"). */
const HONORIFIC_WORD = /^(?:Mr|Mrs|Ms|Dr|Prof|Coach|Sister|Brother|Father|Imam|Rev|Dear)\.?$/u;
/** A statement opening by addressing someone by one name: "Yosef, it is my honor …", "Dear Siti, …". */
const VOCATIVE = /^(?:(?:Dear|And|So|Now)\s+)?(\p{Lu}[\p{L}\u2019'\-]+),\s/u;
/** The person of this statement or the ones just before whose first name (or surname) is `word`, latest first. */
const byFirstName = (word: string, mentions: readonly Mention[], recent: readonly Mention[]): Mention | undefined => {
  const lower = word.toLowerCase();
  const matches = (x: Mention): boolean =>
    x.kind === 'person' && x.start >= 0 && !x.single && (x.name.split(' ')[0]!.toLowerCase() === lower || x.surname === lower);
  for (let i = mentions.length - 1; i >= 0; i--) if (matches(mentions[i]!)) return mentions[i];
  for (let i = recent.length - 1; i >= 0; i--) if (matches(recent[i]!)) return recent[i];
  return undefined;
};

/** The awards presented in each statement. */
export const findAwards = (
  items: readonly StatementMentions[],
  nameOf: NameLookup,
  presentations: readonly Presentation[] = [],
  title = '',
): Extraction['awards'] => {
  const awards: Extraction['awards'][number][] = [];
  const seen = new Set<string>();
  // People named in the statements before this one, latest last: whom "you" or a first name refers to.
  const recent: Mention[] = [];
  for (let k = 0; k < items.length; k++) {
    if (k > 0) rememberPeople(recent, items[k - 1]!.mentions);
    const { statement, mentions, hints } = items[k]!;
    if (hints !== undefined && (hints & HINT_AWARD) === 0) continue;
    const text = statement.text;
    if (!AWARD_HINT.test(text)) continue;
    for (const { re, award: ag, recipient: rg, gate, recipientBefore } of (patterns ??= buildPatterns())) {
      if (!gate.test(text)) continue;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) {
        const award = fullerName(cleanAward(m[ag]!), text);
        let recipientText = m[rg]!;
        let rStart: number;
        if (recipientBefore) {
          // The recipient precedes the verb: read back to the clause start (at most 120 characters).
          const before = text.slice(Math.max(0, m.index - 120), m.index);
          const cut = Math.max(before.lastIndexOf('.'), before.lastIndexOf(';'), before.lastIndexOf(':'));
          recipientText = before.slice(cut + 1);
          rStart = m.index - recipientText.length;
        } else rStart = m.index + m[0].indexOf(recipientText, rg === 1 ? 0 : m[0].indexOf(m[ag]!) + m[ag]!.length);
        const rEnd = rStart + recipientText.length;
        const inside = mentions.filter((x) => x.start >= rStart && x.end <= rEnd);
        // A recipient phrase before the verb: the person nearest the verb; after it: the first one.
        const people = inside.filter((x) => x.kind === 'person');
        const person = recipientBefore ? people[people.length - 1] : people[0];
        const org = inside.find((x) => x.kind === 'organization' && (!person || x.start > person.start));
        let recipient: string | undefined;
        if (!person && !org && PERSONAL_PRONOUN.test(recipientText)) {
          // "Yosef, it is my honor to present you with …": the person addressed by first name; else
          // "I'm delighted to present him with …": the person named last before, in this statement or
          // (when it names none) in the statements just before.
          let last: Mention | undefined;
          for (const x of mentions) if (x.kind === 'person' && x.start >= 0 && x.end <= rStart) last = x;
          const addressed = VOCATIVE.exec(text)?.[1];
          const whom = (addressed !== undefined ? byFirstName(addressed, mentions, recent) : undefined) ?? last ?? recent[recent.length - 1];
          if (whom) recipient = nameOf.get(whom) ?? whom.name;
        } else if (person) recipient = nameOf.get(person) ?? person.name;
        else if (org) recipient = nameOf.get(org) ?? org.name;
        else {
          const phrase = recipientText.replace(/^(?:the|a|an|our|my)\s+/i, '').trim();
          // "Putu, please come up and receive …": a first name of someone named just before.
          // "Sunita, when you received …": the name addressed before the clause.
          const words = (recipientBefore ? phrase.split(',')[0]!.trim() : phrase).split(/\s+/);
          const one = words.length === 1 || (words.length === 2 && HONORIFIC_WORD.test(words[0]!)) ? words[words.length - 1]! : '';
          const named = /^\p{Lu}[\p{L}\u2019'\-]+$/u.test(one) ? byFirstName(one, mentions, recent) : undefined;
          if (named) recipient = nameOf.get(named) ?? named.name;
          else if (phrase.split(/\s+/).length <= 6 && /^\p{Lu}/u.test(phrase)) recipient = phrase;
        }
        // "received this prize" names no award.
        if (!recipient || award.length < 3 || !/\s|\p{Lu}/u.test(award)) continue;
        const key = `${statement.seq}|${award}|${recipient}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const recipientOrganization = person && org ? (nameOf.get(org) ?? org.name) : undefined;
        awards.push({ award, recipient, ...(recipientOrganization ? { recipientOrganization } : {}), statementSeq: statement.seq });
      }
    }
  }
  ceremonyAwards(items, nameOf, awards, presentations, title);
  return awards;
};

/**
 * "It is my honor to present this year's … Award to three extraordinary women. Let me introduce them."
 * (then a paragraph per honoree), "Our second awardee is Dr. X …", "… to present to each of you the
 * Presidential Medal of Freedom" (after a paragraph per honoree): an award presented to several
 * people, each introduced in a paragraph that opens with their name.
 */
const buildGroupPresent = (): RegExp =>
  new RegExp(
    String.raw`\bpresent(?:ing)?\s+(?:(to\s+(?:each|all|both)\s+of\s+you)\s+)?${DET}\s+([^.;:]{0,100}?\b${AWARD_WORD}\b${COMPLEMENT})(?:\s+to\s+((?:each|all|both)\s+of\s+(?:you|them)|these|those|our|the\s+following|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\b))?`,
    'u',
  );
/** A paragraph introducing one honoree by their place in the order: "Our first awardee is …". */
const ORDINAL_HONOREE = /^(?:Our|The|My)\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|next|final|last)\s+(?:awardee|honou?ree|recipient|laureate|winner)\b/iu;
/** A paragraph introducing one honoree: that, or "Let me start with …", "And finally, …". */
const HONOREE_PHRASE = /^(?:(?:Our|The|My)\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|next|final|last)\s+(?:awardee|honou?ree|recipient|laureate|winner)\b|(?:Let\s+me\s+(?:start|begin)\s+with|(?:And\s+)?(?:finally|lastly),?)\s)/iu;
/** What may stand before an honoree's name at the start of their paragraph. */
const NAME_LEAD = /^(?:(?:Let\s+me\s+(?:start|begin)\s+with|(?:And\s+)?(?:finally|lastly),?)\s+)?(?:(?:Dr|Mr|Mrs|Ms|Prof|Sister|Imam|Father|Coach|Rev|Advocate|Judge)\.?\s+)?$/iu;
/** An award named with its article inside an honoree's paragraph ("Accepting the … Award on his behalf"). */
const buildNamedAward = (): RegExp =>
  new RegExp(String.raw`\b${DET}\s+((?:(?:19|20)\d\d\s+)?\p{Lu}[^.;:]{0,100}?\b${AWARD_WORD}\b${COMPLEMENT})`, 'u');
/** An award presented with no recipient in its sentence: "… to present this year's U.S. Embassy Alumni Impact Award." */
const buildPresentAlone = (): RegExp =>
  new RegExp(String.raw`\bpresent(?:ing)?\s+${DET}\s+((?:(?:19|20)\d\d\s+)?(?:[^.;:]|(?<=\b\p{Lu})\.){0,100}?\b${AWARD_WORD}\b${COMPLEMENT})\s*[.!]`, 'u');
/** A paragraph naming the recipient of the award just presented: "This year's recipient is …", "The winner is …". */
const RECIPIENT_IS = /^(?:This\s+year[\u2019']s|The|Our)\s+(?:recipient|winner|laureate|awardee|honou?ree)\s+(?:is|:)/u;
/** The award given latest before statement `seq`. */
const latestBefore = (awards: readonly Extraction['awards'][number][], seq: number): string | undefined => {
  let latest: Extraction['awards'][number] | undefined;
  for (const a of awards) if (a.statementSeq < seq && (!latest || a.statementSeq >= latest.statementSeq)) latest = a;
  return latest?.award;
};
/** An award named in a title: the capitalised words before the award word ("… at the Presidential Citizens Medal Ceremony"). */
const buildTitleAward = (): RegExp =>
  new RegExp(String.raw`(?:^|\s)((?:(?:19|20)\d\d\s+)?(?:\p{Lu}[\p{L}\u2019'\-]*\s+(?:of\s+(?:the\s+)?)?){1,6}${AWARD_WORD}\b${COMPLEMENT})`, 'u');
/** The ceremony patterns, each built on first use (see `patterns`). */
const rx: { group?: RegExp; named?: RegExp; alone?: RegExp; title?: RegExp } = {};
/** How many statements before a presentation note its honoree may have been introduced in. */
const NOTE_REACH = 5;
/** Statements without an honoree that end a run of honorees. */
const RUN_GAP = 3;

const ceremonyAwards = (
  items: readonly StatementMentions[],
  nameOf: NameLookup,
  awards: Extraction['awards'][number][],
  presentations: readonly Presentation[],
  title: string,
): void => {
  /** The honoree a statement introduces, if it opens with one. */
  const honoreeOf = (k: number): Mention | undefined => {
    const { statement, mentions } = items[k]!;
    const text = statement.text;
    const phrase = HONOREE_PHRASE.test(text);
    for (const m of mentions) {
      if (m.kind !== 'person' || m.start < 0) continue;
      if (phrase && !m.single) return m;
      return m.start <= 40 && !m.single && NAME_LEAD.test(text.slice(0, m.start)) ? m : undefined;
    }
    return undefined;
  };
  const given = new Set(awards.map((a) => a.recipient));
  /** Records `award` for `person` (named as their entity is) at statement k, once per recipient. */
  const give = (award: string, person: Mention, k: number): void => {
    const recipient = nameOf.get(person) ?? person.name;
    if (given.has(recipient)) return;
    given.add(recipient);
    awards.push({ award, recipient, statementSeq: items[k]!.statement.seq });
  };
  let lastAward: string | undefined;
  for (let g = 0; g < items.length; g++) {
    const { statement, hints } = items[g]!;
    if (hints !== undefined && (hints & HINT_AWARD) === 0) continue;
    const m = /present/.test(statement.text) ? (rx.group ??= buildGroupPresent()).exec(statement.text) : null;
    if (!m || (!m[1] && !m[3])) continue;
    const award = cleanAward(m[2]!);
    const before = m[1] !== undefined || /^(?:each|all|both)/u.test(m[3] ?? '');
    const step = before ? -1 : 1;
    let gap = 0;
    for (let k = g + step; k >= 0 && k < items.length && gap < RUN_GAP; k += step) {
      const person = honoreeOf(k);
      if (!person) {
        gap++;
        continue;
      }
      gap = 0;
      if (given.has(nameOf.get(person) ?? person.name)) continue;
      const own = (rx.named ??= buildNamedAward()).exec(items[k]!.statement.text);
      lastAward = own ? cleanAward(own[1]!) : award;
      give(lastAward, person, k);
    }
  }
  // "MILITARY AIDE: Maribel Ochoa. When newcomers arrived …" then "(The Presidential Citizens Medal is
  // presented.)": the honoree introduced since the note before, given the award the note, the
  // ceremony or the page's title names.
  if (presentations.length > 0) {
    const bySeq = new Map<number, number>();
    for (let k = 0; k < items.length; k++) bySeq.set(items[k]!.statement.seq, k);
    const titled = (rx.title ??= buildTitleAward()).exec(title)?.[1];
    let previous = -1;
    let noted: string | undefined;
    for (const note of presentations) {
      const k = bySeq.get(note.afterSeq);
      if (k === undefined) continue;
      let person: Mention | undefined;
      for (let j = k; j > previous && j > k - NOTE_REACH && !person; j--) person = honoreeOf(j);
      previous = k;
      noted = note.award ?? noted;
      const award = noted ?? lastAward ?? (titled !== undefined ? cleanAward(titled) : undefined);
      if (person && award) give(award.replace(/\s+(?:Ceremony|Awards?\s+Ceremony)$/u, ''), person, k);
    }
  }
  // "It is my pleasure to present this year's … Award. … This year's recipient is Ramesh Adhikari".
  let pending: string | undefined;
  for (let k = 0; k < items.length; k++) {
    const text = items[k]!.statement.text;
    if (pending !== undefined && RECIPIENT_IS.test(text)) {
      const person = items[k]!.mentions.find((m) => m.kind === 'person' && m.start >= 0 && !m.single);
      if (person) give(pending, person, k);
      pending = undefined;
      continue;
    }
    const hints = items[k]!.hints;
    if (hints !== undefined && (hints & HINT_AWARD) === 0) continue;
    const m = /present/.test(text) ? (rx.alone ??= buildPresentAlone()).exec(text) : null;
    if (m) pending = cleanAward(m[1]!);
  }
  // "Our second honouree is a man of faith … Imam X": introduced like the others, given the award
  // named in their paragraph or else the one given last.
  for (let k = 0; k < items.length; k++) {
    const text = items[k]!.statement.text;
    if (!ORDINAL_HONOREE.test(text)) continue;
    const person = honoreeOf(k);
    const own = (rx.named ??= buildNamedAward()).exec(text);
    const award = own ? cleanAward(own[1]!) : (lastAward ?? latestBefore(awards, items[k]!.statement.seq));
    if (person && award) give(award, person, k);
  }
  awards.sort((a, b) => a.statementSeq - b.statementSeq);
};
