/**
 * Meetings reported in a statement: "I met with X", "spoke (today) with", "had a chance to talk
 * with", "a discussion, I must say, with", "I joined X", call readouts ("held a call with"). The
 * participants are the people named in the phrase after the trigger, or else the groups it names
 * ("civil society representatives"); the place is a gazetteer place introduced by "in"/"at".
 */
import type { Extraction, Statement } from '../types';
import type { Mention, NameLookup } from './entities';

/** A statement with its entity mentions. */
export interface StatementMentions {
  readonly statement: Statement;
  readonly mentions: readonly Mention[];
  /** Hint bits from the topic pass (the award pass reads `HINT_AWARD`); absent = unknown, look. */
  readonly hints?: number;
  /**
   * From the topic pass: where words that can start a meeting report stand (offsets into the
   * statement's text, in order). Only sentences holding one can report a meeting.
   */
  readonly meetingAt: readonly number[];
}

const ADVERBS = String.raw`(?:\s+(?:(?:today|yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening))?|again|separately|also|virtually|jointly|briefly|recently|here|there|(?:later|earlier)(?:\s+(?:today|in\s+the\s+(?:day|week)|this\s+(?:week|month)))?|by\s+(?:phone|telephone|video(?:\s*conference)?)|this\s+(?:morning|afternoon|evening|week)|last\s+(?:week|night|month)|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening))?|(?:of|for|lasting)\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+)?(?:an?|[\w-]+)\s+(?:minutes|hours?)|(?:in|at)\s+(?:the\s+)?\p{Lu}[\p{L}.\u2019'\-]*(?:\s+(?:of\s+)?\p{Lu}[\p{L}.\u2019'\-]*){0,3}))*`;
/** A preposition that ends a met person's phrase but may only give an office's place ("Representative in …"). */
const OFFICE_PLACE_STOP = /^\s(?:in|on|for|to)\s$/u;
/** The place or subject of that office, a comma and its holder (up to the holder's first letter). */
const OFFICE_PLACE_HOLDER = /^(?:the\s+)?\p{Lu}[\p{L}\u2019'\-]*(?:\s+\p{Lu}[\p{L}\u2019'\-]*){0,3},\s+(?=(?:the\s+)?\p{Lu})/u;
/** A role in lower case that names one person's post ("coordinator of …", "editor at …"). */
const ROLE_NOUN = String.raw`(?:coordinator|founder|co-founder|director|head|chair|chairperson|president|secretary|member|leader|minister|ambassador|representative|adviser|advisor|editor|spokesperson|rapporteur)`;
/** A title or honorific that opens a person's name ("the Minister …", "H.E. …", "Chairwoman …"). */
const TITLED = String.raw`(?:H\.E\.|His|Her|Mr\.|Ms\.|Mrs\.|Dr\.|Hon\.|Rt\.|Deputy|Foreign|Prime|Vice|Minister|Ambassador|President|Secretary|Special|Chair\w*|Director|Governor|Speaker|King|Queen|Prince|Crown|Mayor)`;
const ASIDE = String.raw`(?:\s*,[^,.;:]{1,60},)?`;
const TRIGGER = new RegExp(
  String.raw`\b(?:(?:met|meet|meets|sat\s+down|[Mm]eeting|[Mm]eetings|spoke|speak|speaks|speaking|talked|[Tt]alk|[Tt]alks|[Dd]iscussion|[Dd]iscussions|[Cc]onversation|[Cc]onversations|[Cc]all|[Cc]alls|consulted|[Cc]onsultations|(?:interactive\s+|working\s+)?[Ss]essions?)${ADVERBS}${ASIDE}\s+with` +
    String.raw`|(?:had|have|has)\s+(?:an|the|a)\s+(?:\w+\s+)?(?:opportunity|chance)\s+to\s+\w+\s+(?:to|with)` +
    String.raw`|\b(?:I|We|we)\s+(?:also\s+)?joined(?=\s+[A-Z])|\bmet(?=\s+\p{Lu}\p{Ll}|\s+(?:its|their|his|her|the)\s+\p{L}+(?:\s+\p{L}+){0,3},\s+\p{Lu})` +
    // "Minister X received Deputy Minister Y", "hosted her counterpart, …": a host receiving a visitor
    // named by title; "paid a courtesy call on the Prime Minister, …".
    // "received on Tuesday the Minister …", "welcomed President X to the White House", "will receive
    // the Minister of …", "was received by the President of the Republic, Mr. X".
    String.raw`|\bwelcomed(?=\s+(?:the\s+)?${TITLED}\s(?:(?![\u2019']s\s)[^.;,\u2019']){3,80}?\sto\s+(?:the\s+)?\p{Lu})` +
    String.raw`|\b(?:received|receives?|hosted|hosts|was\s+received\s+by)(?:\s+(?:today|yesterday|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening))?))?(?=\s+(?:(?:her|his|their|our|my)\s+(?:\p{L}+\s+)?counterparts?\b|(?:the\s+)?(?:\p{Lu}\p{Ll}+\s+)?${TITLED}\s))` +
    String.raw`|\bcourtesy\s+(?:call|visit)\s+(?:on|to)` +
    // "also called on the Chairman of the State Great Khural, Mr. X" (a visit), but not "called on
    // President X to release them" (an appeal): no "to" and a verb later in the sentence.
    String.raw`|\bcalled\s+on(?=\s+(?:the\s+)?${TITLED}\s)(?![^]*?\sto\s+\p{Ll}))\s+`,
  'gu',
);
/** TRIGGER, or "and (also/separately) with" continuing a report made earlier in the sentence. */
const AND_WITH = new RegExp(`${TRIGGER.source.slice(0, -4)}|\\band\\s+(?:also\\s+)?(?:separately\\s+)?with(?=\\s+(?:the\\s+)?(?:H\\.E\\.|Mr\\.|Ms\\.|Mrs\\.|Dr\\.|Hon\\.|\\p{Lu}\\p{Ll}+\\s+(?:(?:of|for)\\s+(?:the\\s+)?)?\\p{Lu})))\\s+`, 'gu');
/** Where the phrase naming whom was met ends. */
const NP_END = new RegExp(
  String.raw`(?<!\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Jr|Gen|Sen|Rep|Gov|Amb|Lt|Col|Adm|Hon|Rt|Eng|Brig|Prof|Capt|Maj|Smt))\.|[;:!?()\[\]\u201c\u201d"]|\s(?:--|[\u2013\u2014])\s|\s(?:to|who|whom|which|that|where|about|on|regarding|during|at|in|after|before|while|when|as|because|since|under|until|via|through|over|throughout|amid|not|but|is|are|was|were|will|would|can|could|should|has|have|had|did|does|do|may|might|must|last|next|this|that)\s|\sfor\s(?!\p{Lu})|,(?!\s*(?:(?!I\s)\p{Lu}|(?:including|among\s+them)\s+(?:(?:Mr|Mrs|Ms|Dr|Prof|H\.E)\.?\s|\p{Lu}|the\s+\p{Ll}+\s+(?:\p{Ll}+\s+)?\p{Lu})|(?:the\s+)?(?:\p{Ll}+\s+){0,2}${ROLE_NOUN}\s+(?:of|for|at)\s|(?:and|as well as)\s+(?:with\s+)?(?:\p{Lu}|(?:the|a|an|other|several|senior|local|civil|members|representatives|leaders|officials)\s)))`,
  'u',
);
const PART_SPLIT = /\s*,\s*(?:and\s+)?|\s+and\s+|\s+as well as\s+/;
const LEADING = /^(?:including|among them|the|a|an|our|my|his|her|their|its|your|other|several|some|many|so|a number of|a group of|a range of|both|all|various|inspiring|fellow|more|these|those|numerous|dozens of|hundreds of)\s+/i;
const PRONOUN = /^(?:me|him|her|them|us|you|it|each other|one another|everyone|everybody|someone|anyone|myself|themselves|himself|herself)$/i;
/** Words after which the phrase naming whom was met has ended ("met with X again today"). */
const TRAILING = /\s+(?:right\s+(?:now|away)|just|again|today|yesterday|tomorrow|earlier|later|here|there|now|myself|himself|herself|themselves|ourselves|once|recently|virtually|directly|personally)\b.*$/i;
/** Singular nouns that name whom one meets; plural nouns (officials, leaders) always do. */
const GROUP_SINGULAR = new Set([
  'leadership', 'delegation', 'team', 'staff', 'alumni', 'counterpart', 'president', 'minister', 'secretary', 'ambassador',
  'envoy', 'official', 'government', 'family', 'community', 'council', 'committee', 'king', 'queen', 'prince', 'leader',
  'chairman', 'director', 'administrator', 'commissioner', 'mayor', 'governor', 'senator', 'congressman', 'premier',
  'chancellor', 'diaspora', 'opposition', 'press', 'media', 'clergy', 'youth', 'coalition', 'parliament', 'cabinet',
  'adviser', 'advisor', 'representative', 'coordinator', 'rapporteur', 'spokesperson', 'chairperson', 'chair',
]);
/** Of those, the ones that name one person's office ("its director, X": the office is X's). */
const PERSONAL_ROLE = new Set([
  'counterpart', 'president', 'minister', 'secretary', 'ambassador', 'envoy', 'official', 'king', 'queen', 'prince',
  'leader', 'chairman', 'director', 'administrator', 'commissioner', 'mayor', 'governor', 'senator', 'congressman',
  'premier', 'chancellor', 'adviser', 'advisor', 'representative', 'coordinator', 'rapporteur', 'spokesperson', 'chairperson', 'chair',
]);
/** A role in lower case after a person's name: "…, coordinator of the Women's Political Platform". */
const APPOSITIVE_ROLE = new RegExp(String.raw`^(?:the\s+)?(?:\p{Ll}+\s+){0,2}${ROLE_NOUN}\s+(?:of|for|at)\s`, 'u');
/** Nothing but honorifics or a title before a name ("Mr ", "H.E. Dr. ", "Ambassador "). */
const HONORIFICS_ONLY = /^\s*(?:(?:Mr|Mrs|Ms|Dr|Prof|Hon|Amb|H\.E|Rt\.?\s*Hon|Ambassador|Professor|Judge|Senator|General)\.?\s+)*$/u;
/** An office in capitals with a role word anywhere in it ("Cabinet Secretary for Foreign …"). */
const namesRole = (part: string): boolean => /^\p{Lu}/u.test(part) && part.split(/\s+/).some((w) => /^\p{Lu}/u.test(w) && PERSONAL_ROLE.has(w.toLowerCase()));
/** Whether a part names one person's office in lower case ("Peru's labor minister"); asked only where a person follows. */
const namesPersonalRole = (part: string): boolean => PERSONAL_ROLE.has(lastWord(part.replace(OFFICE_PLACE_TAIL, '')));
/** An office's place or subject after it: "… Representative in Bangladesh", "… Envoy on Myanmar". */
const OFFICE_PLACE_TAIL = /\s+(?:in|on|for|to)\s+(?:the\s+)?\p{Lu}[\p{L}\u2019'\-]*(?:\s+\p{Lu}[\p{L}\u2019'\-]*){0,3}$/u;
const lastWord = (part: string): string => part.split(/\s+/).at(-1)!.toLowerCase().replace(/[\u2019']s?$/, '');
const namesGroup = (part: string): boolean => {
  const last = lastWord(part);
  if (GROUP_SINGULAR.has(last)) return true;
  return /[a-z]s$/.test(last) && !/(?:ss|ness|us|is|ics)$/.test(last);
};

/** "… and <whom> met / spoke / had a … meeting": a meeting reported with its participants before the verb. */
const JOINT_REPORT = /\band (?!the\b)([^,.;:!?]{2,80}?)\s+(?:met|co-chaired|spoke(?!\s+(?:of|about|to)\b)|(?:had|held)\s+(?:a|an)\s+(?:[a-z]+\s+){0,2}(?:meeting|call|conversation|discussion|talks))\b/g;

/** A long part that opens with a group and where it is from: "students from the Universidad …", "members of the …". */
const groupFrom = (part: string): boolean => {
  const ws = part.split(/\s+/);
  const k = ws.findIndex((w, n) => n > 0 && n < 4 && (w === 'from' || w === 'of'));
  return k > 0 && namesGroup(ws.slice(0, k).join(' '));
};

/**
 * "The Minister of A, X, the Minister of B, Y, and the Minister of C, Z, met today …": a list of
 * people (with their offices) as the subject of the sentence, before "met" or "held talks".
 */
const LIST_SUBJECT = /^([^.;:!?]{8,400}?),?\s+(?:met|(?:had|held)\s+(?:(?:a|an)\s+(?:[a-z]+\s+){0,2}(?:meeting|call|conversation|discussion)|(?:[a-z]+\s+){0,2}talks))\b(?!\s+with\b)/;

/** The subject of LIST_SUBJECT as the holders of one office in several countries: "The Foreign Ministers of …". */
const OFFICES_OF =
  /^(?:The\s+)?(?:\p{Lu}[\p{L}-]*\s+(?:and\s+\p{Lu}[\p{L}-]*\s+)?)?(?:Ministers|Presidents|Leaders|Prime\s+Ministers|Heads\s+of\s+(?:State|Government)(?:\s+and\s+Government)?|Delegations|Governments)\s+of\s+/u;

/**
 * Words that, earlier in the clause of a trigger, say the meeting did not or may not take place
 * ("not only … but also" and "not unlike" do not).
 */
const UNREAL = /\bnot\b(?!\s+(?:only|just|unlike|least)\b)|\b(?:never|cannot|if|unless|whether)\b|n[\u2019']t\b/i;
/** Where the clause holding position `at` of the sentence starts (after the last comma, semicolon or dash). */
const clauseStart = (sentence: string, at: number): number => {
  for (let k = at - 1; k >= 0; k--) {
    const c = sentence.charCodeAt(k);
    if (c === 44 || c === 59 || c === 0x2014 || c === 0x2013) return k + 1;
  }
  return 0;
};

/** ", with whom we held talks": whom was met is named just before. */
const WITH_WHOM = /,\s+with\s+whom\s+(?:we|I|he|she|they|the\s+\p{L}+)\s+(?:also\s+)?(?:held|had|met|spoke|discussed|talked)\b/u;

/**
 * A cheap test before LIST_SUBJECT (whose lazy prefix is tried at every length): its verb must
 * follow an " and " in the sentence.
 */
const listSubjectMayMatch = (whole: string): boolean => {
  // LIST_SUBJECT's subject is at most 400 characters long.
  const sentence = whole.length > 420 ? whole.slice(0, 420) : whole;
  let verb = sentence.indexOf(' met');
  for (const v of [' held ', ' had ']) {
    const at = sentence.indexOf(v);
    if (at >= 0 && (verb < 0 || at < verb)) verb = at;
  }
  if (verb < 8) return false;
  const and = sentence.indexOf(' and ');
  return and >= 0 && and < verb;
};

/** A question answered by yes or no: it opens with an auxiliary verb. */
const YES_NO_QUESTION = /^(?:[("\u201c'\u2018]\s*)?(?:And\s+|So\s+|But\s+)?(?:Did|Does|Do|Has|Have|Had|Is|Are|Was|Were|Will|Would|Can|Could|Should|Shall|May|Might)\s/;

/** A verb in a phrase after a comma: the main clause has begun ("In a call with X, President Y raised …"). */
const CLAUSE_VERB = /\s(?:[a-z]+ed|said|told|made|gave|took|spoke|met|says|notes|urged|is|was|were|are|will|would|has|have|had)\b/;
/** A stop at one of these verbs ends the subject of a main clause ("…, and Lebanon was on the agenda"). */
const VERB_STOP = /^\s(?:is|are|was|were|will|would|can|could|should|has|have|had|did|does|do|may|might|must)\s$/;

/**
 * Cuts the phrase naming whom was met at the first comma that begins a main clause rather than the
 * next item of a list: a phrase after it holding a verb, or the last phrase when a verb stopped it.
 */
const listOnly = (np: string, stop: string | undefined): string => {
  const parts = np.split(',');
  let at = parts[0]!.length;
  for (let k = 1; k < parts.length; k++) {
    const part = parts[k]!;
    if (CLAUSE_VERB.test(part) || (k === parts.length - 1 && stop !== undefined && VERB_STOP.test(stop))) return np.slice(0, at);
    at += 1 + part.length;
  }
  return np;
};

/** An office named in capitals: "Deputy Prime Minister", "Speaker of the Seimas" (not "NATO Allies"). */
const isOffice = (part: string): boolean => {
  if (!/^\p{Lu}\p{Ll}/u.test(part)) return false;
  const last = part.split(/\s+/).at(-1)!.toLowerCase();
  return GROUP_SINGULAR.has(last) || / of /.test(part);
};

/** Words after whom was met that turn to what was discussed: a place named after them is the subject's. */
const TOPIC_TURN = /\b(?:to|regarding|about|on|over|concerning|discuss\w*|situation|crisis|meetings?|ministerial|summit|conference|taking place|ahead of|following)\b/;

const PLACE_INTRO = /\b(?:in|at|to)\s+(?:both\s+)?(?:the\s+)?$|\band\s+$/;

const cleanPart = (part: string): string => {
  let p = part.trim();
  for (let k = 0; k < 4; k++) {
    const next = p.replace(LEADING, '');
    if (next === p) break;
    p = next;
  }
  return p.replace(TRAILING, '').replace(/^(?:of|with)\s+(?:the\s+)?/i, '').replace(/[\u2019']s$/, '').trim();
};

/**
 * The meeting reported in sentence [s, e) of a statement, if any. Kept out of `findMeetings`'s loop
 * over every statement so that V8 compiles that loop small: inlined there, this body made it the
 * costliest function of a cold corpus run to compile (~150 ms of the compiler thread's time).
 */
const meetingIn = (
  statement: Statement,
  mentions: readonly Mention[],
  s: number,
  e: number,
  nameOf: NameLookup,
): Extraction['meetings'][number] | undefined => {
  const text = statement.text;
  const sentence = text.slice(s, e);
  // "Did the Secretary speak with …?" asks whether a meeting took place; it reports none.
  if (sentence.charCodeAt(sentence.length - 1) === 63 && YES_NO_QUESTION.test(sentence)) return undefined;
  TRIGGER.lastIndex = 0;
  let trigger = TRIGGER;
  let match: RegExpExecArray | null;
  const participants: string[] = [];
  const places: string[] = [];
  let npEnd = s;
  // Where an office's own place was read through ("Representative in Bangladesh, Ms X"): not where they met.
  let officePlace: readonly [number, number] | undefined;
  while ((match = trigger.exec(sentence)) !== null) {
    // "I can't say that I have … sat down with", "if any parent sat down with": no meeting took place.
    if (UNREAL.test(sentence.slice(clauseStart(sentence, match.index), match.index))) continue;
    const npStart = match.index + match[0].length;
    const rest = sentence.slice(npStart);
    const stop = NP_END.exec(rest);
    let stopText = stop?.[0];
    let np = stop ? rest.slice(0, stop.index) : rest;
    // "hosted her counterpart, the Minister of …, Hon. X": an office in lower case before a comma
    // names its holder after it.
    if (stop && stopText === ',' && PERSONAL_ROLE.has(lastWord(np)) && /^\s*(?:the\s+)?\p{Lu}/u.test(rest.slice(stop.index + 1))) {
      const after = stop.index + 1;
      const next = NP_END.exec(rest.slice(after));
      stopText = next?.[0];
      np = next ? rest.slice(0, after + next.index) : rest;
    }
    // "the UNHCR Representative in Bangladesh, Ms Ingrid Haavik", "the Special Envoy on Myanmar,
    // Ambassador X": an office's place or subject, then its holder after a comma.
    if (stop && OFFICE_PLACE_STOP.test(stopText ?? '') && PERSONAL_ROLE.has(lastWord(np))) {
      const place = OFFICE_PLACE_HOLDER.exec(rest.slice(stop.index + stop[0].length));
      if (place) {
        officePlace = [s + npStart + stop.index, s + npStart + stop.index + stop[0].length + place[0].length];
        const after = stop.index + stop[0].length + place[0].length;
        const next = NP_END.exec(rest.slice(after));
        stopText = next?.[0];
        np = next ? rest.slice(0, after + next.index) : rest;
      }
    }
    if (np.includes(',')) np = listOnly(np, stopText);
    if (np.trim().length === 0) continue;
    const from = s + npStart;
    const to = from + np.length;
    const inside = mentions.filter((m) => m.start >= from && m.end <= to);
    let offset = 0;
    // Parts read so far: what each contributes, and whether it is an office in capitals whose
    // holder may follow after a comma ("the Speaker of the Seimas, Viktorija Čmilytė-Nielsen").
    const found: { names: string[]; office: boolean; person: boolean; commaAfter: boolean; text: string; owned: boolean }[] = [];
    for (const rawPart of np.split(PART_SPLIT)) {
      const partStart = np.indexOf(rawPart, offset);
      if (found.length > 0) found[found.length - 1]!.commaAfter = np.slice(offset, partStart).includes(',');
      offset = partStart + rawPart.length;
      const pFrom = from + partStart;
      const pTo = pFrom + rawPart.length;
      const people = inside.filter((m) => m.kind === 'person' && m.start >= pFrom && m.end <= pTo);
      if (people.length > 0) {
        // An office just before, joined by a comma, is this person's ("… of Moldova, Mihaela
        // Popescu-Rusu"), and so are offices joined to it by "and" ("Deputy Prime Minister and Minister of …").
        const last = found.length - 1;
        // So is one person's office before a bare name ("Peru's labor minister, Rosa Villanueva"; but
        // "the President, Prime Minister Halvorsen, and …" lists two people).
        if (last >= 0 && found[last]!.commaAfter && namesPersonalRole(found[last]!.text) && HONORIFICS_ONLY.test(text.slice(pFrom, people[0]!.start))) found[last]!.names = [];
        if (last >= 0 && found[last]!.office && found[last]!.commaAfter && / of /.test(found[last]!.text)) {
          found[last]!.names = [];
          let k = last - 1;
          for (; k >= 0 && !found[k]!.commaAfter && (found[k]!.office || namesRole(found[k]!.text)); k--) found[k]!.names = [];
          // …and so is one person's office in lower case before them ("her counterpart, the Minister …").
          if (k >= 0 && found[k]!.commaAfter && namesPersonalRole(found[k]!.text)) found[k]!.names = [];
        }
        found.push({ names: people.map((m) => nameOf.get(m) ?? m.name), office: false, person: true, commaAfter: false, text: '', owned: false });
        continue;
      }
      const part = cleanPart(rawPart);
      const entry = { names: [] as string[], office: isOffice(part), person: false, commaAfter: false, text: part, owned: false };
      const before = found[found.length - 1];
      found.push(entry);
      // An office right after a person, after a comma, is theirs ("X, Secretary of Foreign Affairs"),
      // and so is the rest of it after "and" ("…, Cabinet Secretary for Foreign and Diaspora Affairs").
      if ((before?.person && before.commaAfter && (entry.office || namesRole(part) || APPOSITIVE_ROLE.test(part))) || (before?.owned && !before.commaAfter && /^\p{Lu}/u.test(part))) {
        entry.owned = true;
        continue;
      }
      if (part.length < 3 || PRONOUN.test(part) || (part.split(/\s+/).length > 8 && !groupFrom(part)) || !/\p{L}/u.test(part)) continue;
      const whole = inside.find((m) => m.start >= pFrom && m.end <= pTo && m.surface === part);
      if (whole) {
        entry.names.push(nameOf.get(whole) ?? whole.name);
        entry.office = entry.office && whole.kind !== 'place' && whole.kind !== 'organization';
      } else if (namesGroup(part) || inside.some((m) => m.start >= pFrom && m.end <= pTo)) entry.names.push(part);
    }
    for (const f of found) for (const n of f.names) participants.push(n);
    // After a first report, "…, and with Executive Secretary Y on …" reports another with the same verb.
    trigger = AND_WITH;
    trigger.lastIndex = npStart + np.length;
    npEnd = s + npStart + np.length;
  }
  if (participants.length === 0) {
    // "The Secretary and Foreign Minister X met …", "… and X had a productive meeting": whom was
    // met is named before the verb; only people count there.
    JOINT_REPORT.lastIndex = 0;
    let joint: RegExpExecArray | null;
    while ((joint = JOINT_REPORT.exec(sentence)) !== null) {
      const from = s + joint.index + 'and '.length;
      const to = from + joint[1]!.length;
      for (const m of mentions) if (m.kind === 'person' && m.start >= from && m.end <= to) participants.push(nameOf.get(m) ?? m.name);
      npEnd = s + joint.index + joint[0].length;
    }
  }
  if (participants.length === 0 && sentence.includes(' whom ')) {
    // "… the Minister for Foreign Affairs of Ukraine, Oleh Savchuk, with whom we held talks on …".
    const whom = WITH_WHOM.exec(sentence);
    if (whom) {
      let last: Mention | undefined;
      for (const m of mentions) if (m.kind === 'person' && m.start >= s && m.end <= s + whom.index) last = m;
      if (last) participants.push(nameOf.get(last) ?? last.name);
      npEnd = s + whom.index + whom[0].length;
    }
  }
  if (participants.length === 0 && listSubjectMayMatch(sentence)) {
    const list = LIST_SUBJECT.exec(sentence);
    if (list && list[1]!.includes(' and ') && !CLAUSE_VERB.test(list[1]!)) {
      const to = s + list[1]!.length;
      const named = mentions.filter((m) => m.kind === 'person' && m.start >= s && m.end <= to);
      if (named.length >= 2) for (const m of named) participants.push(nameOf.get(m) ?? m.name);
      else {
        // "The Foreign Ministers of A, B and C met in …": the governments they speak for met.
        const offices = OFFICES_OF.exec(list[1]!);
        if (offices) {
          for (const part of list[1]!.slice(offices[0].length).split(PART_SPLIT)) {
            const name = cleanPart(part);
            if (/^\p{Lu}/u.test(name) && name.split(/\s+/).length <= 6) participants.push(name);
          }
          if (participants.length < 2) participants.length = 0;
        }
      }
      npEnd = s + list[0].length;
    }
  }
  if (participants.length === 0) return undefined;
  for (const m of mentions) {
    // Where the meeting took place is said with it ("met with X, …, today in Oslo"), not in what
    // was discussed ("… to discuss the crisis in Sudan").
    if (m.kind !== 'place' || m.start < s || m.end > e || (m.start > npEnd && TOPIC_TURN.test(text.slice(npEnd, m.start)))) continue;
    if (officePlace && m.start >= officePlace[0] && m.end <= officePlace[1]) continue;
    if (PLACE_INTRO.test(text.slice(Math.max(s, m.start - 16), m.start)) && !participants.includes(m.name)) places.push(nameOf.get(m) ?? m.name);
  }
  return {
    participants: [...new Set(participants)],
    ...(places.length > 0 ? { place: [...new Set(places)].join(', ') } : {}),
    statementSeq: statement.seq,
  };
};

/**
 * What may follow a weak hint word where a meeting pattern can match ("received on Tuesday the
 * Minister", "was received by", "called on the Chairman", "a session with"): a superset of the
 * patterns' own contexts for these words, tried at the word.
 */
const WEAK_CONTEXT =
  /(?:received|receives?|hosted|hosts|welcomed)\s+(?:(?:today|yesterday|on\s+\p{Lu}\p{Ll}+)\s+(?:(?:morning|afternoon|evening)\s+)?)?(?:\p{Lu}|(?:the|her|his|their|our|my)\s|by\s)|called\s+on\s|sessions?\b[^.;!?]{0,120}?\swith\s/uy;
/** The hint offsets of a statement with weak words kept only where WEAK_CONTEXT matches. */
const strongHints = (hinted: readonly number[], text: string): readonly number[] => {
  let weak = false;
  for (const at of hinted) if (at < 0) weak = true;
  if (!weak) return hinted;
  const kept: number[] = [];
  for (const at of hinted) {
    if (at >= 0) kept.push(at);
    else {
      WEAK_CONTEXT.lastIndex = ~at;
      if (WEAK_CONTEXT.test(text)) kept.push(~at);
    }
  }
  return kept;
};

/** The meetings reported in each statement, with participants named as their entities are. */
export const findMeetings = (items: readonly StatementMentions[], nameOf: NameLookup): Extraction['meetings'] => {
  const meetings: Extraction['meetings'][number][] = [];
  for (const { statement, mentions, meetingAt: hinted } of items) {
    if (hinted.length === 0) continue;
    const meetingAt = strongHints(hinted, statement.text);
    if (meetingAt.length === 0) continue;
    // Every match of TRIGGER holds one of the hint words (its verb, "opportunity"/"chance", or
    // "joined"/"met"), so a sentence without one cannot report a meeting and is not scanned.
    let hint = 0;
    for (const [s, e] of statement.sentences) {
      while (hint < meetingAt.length && meetingAt[hint]! < s) hint++;
      if (hint === meetingAt.length) break;
      if (meetingAt[hint]! >= e) continue;
      const meeting = meetingIn(statement, mentions, s, e, nameOf);
      if (meeting) meetings.push(meeting);
    }
  }
  return meetings;
};
