/**
 * Awards presented in a statement: "presented X with the … award", "presented the … Prize to X",
 * "congratulated 2020 TIP Hero X", "X received the … Award", "awarded the … Medal to X". The
 * recipient is the person named in the recipient phrase (else an organisation, else the phrase);
 * the recipient's organisation is an organisation named beside them ("X, Director of Y").
 */
import type { Extraction } from '../types';
import type { Mention, NameLookup } from './entities';
import type { StatementMentions } from './meetings';
import { HINT_AWARD } from './topics';

const AWARD_WORD = String.raw`(?:[Aa]wards?|[Pp]rizes?|[Mm]edals?|[Hh]onou?rs?|[Tt]roph(?:y|ies)|[Cc]itations?|Orders?(?=\s+of\s))`;
/** A capitalised complement of an award's name: "… Award for Corporate Excellence", "… Prize in Physics". */
const COMPLEMENT = String.raw`(?:\s+(?:for|of|in)\s+(?:the\s+)?\p{Lu}[\p{L}\u2019'\-]*(?:\s+(?:and\s+|of\s+|the\s+)?\p{Lu}[\p{L}\u2019'\-]*){0,4})?`;
const DET = String.raw`(?:the|a|an|this|this year[\u2019']s|their|her|his)`;
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

const PATTERNS: readonly Pattern[] = [
  // (The recipient holds no second verb: "my honour this afternoon to present you with …" is read from "present".)
  { re: new RegExp(String.raw`\b(?:present|honou?r)(?:ed|s|ing)?\s+((?:(?!\b(?:present|honou?r))[^\n]){3,160}?)\s+with\s+${DET}\s+([^.;:]{0,100}?\b${AWARD_WORD}\b${COMPLEMENT})`, 'gu'), award: 2, recipient: 1, gate: /present|hono/ },
  { re: new RegExp(String.raw`\b(?:present(?:ed|s|ing)?|award(?:ed|s|ing)?|bestow(?:ed|s)?|confer(?:red|s)?)\s+${DET}\s+([^.;:]{0,100}?\b${AWARD_WORD}\b${COMPLEMENT})(?:\s+(?:posthumously|formally|officially|jointly))?\s+(?:to|on|upon)\s+${recipientPhrase(3, 160)}`, 'gu'), award: 1, recipient: 2, gate: /present|award|bestow|confer/ },
  { re: /\bcongratulat(?:e|ed|es|ing)\s+((?:(?:19|20)\d\d\s+)?(?:[A-Z][\p{L}\u2019'-]*\s+){0,5}(?:Heroes|Hero|Laureates?|[Ww]inners?|[Aa]wardees?|[Hh]onorees?|[Rr]ecipients?))\s+([^.;:]{3,160})/gu, award: 1, recipient: 2, gate: /congratulat/ },
  // "Ms. Hà, please come forward to receive the … Award", "Ms. Ferreira, please join me for the … Award".
  { re: new RegExp(String.raw`([^.;:!?,]{2,60}),\s+please\s+(?:come\s+(?:forward|up)|join\s+me)(?:\s+(?:to\s+(?:receive|accept)|for))?\s+${DET}\s+([^.;:]{0,100}?\b${AWARD_WORD}\b${COMPLEMENT})`, 'gu'), award: 2, recipient: 1, gate: /please/ },
  // "Please join me in congratulating the recipient of the … Award, X".
  { re: new RegExp(String.raw`\bcongratulat(?:e|ed|es|ing)\s+the\s+(?:winner|recipient|laureate)s?\s+of\s+${DET}\s+([^.;:,]{0,100}?\b${AWARD_WORD}\b${COMPLEMENT}),\s+${recipientPhrase(3, 100)}`, 'gu'), award: 1, recipient: 2, gate: /congratulat/ },
  // "Please join me in congratulating X, winner of the … Award".
  { re: new RegExp(String.raw`\bcongratulat(?:e|ed|es|ing)\s+${recipientPhrase(3, 100, true)},\s+(?:the\s+|this year[\u2019']s\s+|our\s+)?(?:winner|recipient|laureate)s?\s+of\s+${DET}\s+([^.;:]{0,100}?\b${AWARD_WORD}\b${COMPLEMENT})`, 'gu'), award: 2, recipient: 1, gate: /congratulat/ },
  { re: new RegExp(String.raw`\baward(?:ed|s)?\s+to\s+${recipientPhrase(3, 80, true)}\s+${DET}\s+([^.;:]{0,100}?\b${AWARD_WORD}\b${COMPLEMENT})`, 'gu'), award: 2, recipient: 1, gate: /awarded to|awards to/ },
  { re: new RegExp(String.raw`()\s(?:received|accepted|won|was awarded|were awarded|was presented with|was honou?red with|(?:is|was|are|were)\s+(?:named\s+)?(?:the|this year[\u2019']s|one of (?:the|this year[\u2019']s))\s+recipients?\s+of)\s+${DET}\s+([^.;:]{0,100}?\b${AWARD_WORD}\b${COMPLEMENT})`, 'gu'), award: 2, recipient: 1, gate: /received|accepted|won|awarded|presented with|honou?red with|recipient of/, recipientBefore: true },
];

/** A recipient named by a pronoun only ("present you with": the person addressed, named before). */
const PERSONAL_PRONOUN = /^\s*(?:him|her|you)\s*$/;

const AWARD_HINT = /[Aa]ward|[Pp]rize|[Mm]edal|[Hh]onou?r|[Tt]roph|[Cc]itation|Hero|[Ll]aureate|[Ww]inner|[Rr]ecipient|Order of/;
/** The giver's name before an award's ("the Embassy’s Civic Courage Award"): not part of it ("the Secretary’s … Award" is). */
const GIVER = /^(?:Embassy|Ministry|Department|Government|Mission|Consulate|Agency|Office|Bureau|Council)[\u2019']s\s+/u;
const cleanAward = (award: string): string => award.replace(/\s+/g, ' ').trim().replace(GIVER, '');

/** The awards presented in each statement. */
export const findAwards = (items: readonly StatementMentions[], nameOf: NameLookup): Extraction['awards'] => {
  const awards: Extraction['awards'][number][] = [];
  const seen = new Set<string>();
  for (const { statement, mentions, hints } of items) {
    if (hints !== undefined && (hints & HINT_AWARD) === 0) continue;
    const text = statement.text;
    if (!AWARD_HINT.test(text)) continue;
    for (const { re, award: ag, recipient: rg, gate, recipientBefore } of PATTERNS) {
      if (!gate.test(text)) continue;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) {
        const award = cleanAward(m[ag]!);
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
          // "I'm delighted to present him with …": the person named last before, in this statement.
          let last: Mention | undefined;
          for (const x of mentions) if (x.kind === 'person' && x.start >= 0 && x.end <= rStart) last = x;
          if (last) recipient = nameOf.get(last) ?? last.name;
        } else if (person) recipient = nameOf.get(person) ?? person.name;
        else if (org) recipient = nameOf.get(org) ?? org.name;
        else {
          const phrase = recipientText.replace(/^(?:the|a|an|our|my)\s+/i, '').trim();
          if (phrase.split(/\s+/).length <= 6 && /^\p{Lu}/u.test(phrase)) recipient = phrase;
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
  return awards;
};
