/**
 * Structure: decoded text + upload metadata → StructuredTranscript. Paragraphs are found first;
 * the header (leading lines without sentences: title, author lines, place, date) and the footer
 * (trailing headings, link lists, publisher names) are set apart by general rules; the body's
 * paragraphs become statements, attributed to speakers through their labels, split when long,
 * with sentence and quotation ranges.
 */
import type { UploadMetadata } from '../events';
import {
  endsLikeSentence,
  hasStrongWebVocabulary,
  isChromeLine,
  isEdgeChrome,
  isLinkLine,
  isLinkListHeading,
  isMarkerLine,
  isTitleLike,
  isTranscriberNote,
  wordShape,
} from './chrome';
import {
  findDate,
  isDateOrTimeLine,
  isPlaceLine,
  isSpeakerKey,
  looksLikePersonName,
  normaliseDate,
  normalisePlace,
  parseAttribution,
  parseByline,
  HONORIFICS,
  isRemarksByLine,
  parseDateline,
  parseKeyValueHeader,
  parsePlaceDateLine,
  ROLE_WORDS,
  titledName,
} from './dateline';
import { isLetterCode as isLetterCodeImport, isOnlyLowerCode as isOnlyLowerCodeImport } from './chars';
import { splitSentencesIn } from './sentences';
import { askerIsPerson, buildAliases, findLabel, findNameLabels, type KnownPerson, type SpeakerLabel } from './speakers';
import type { Presentation, Range, Statement, StructuredTranscript } from './types';

// Module-local copies of the imported bindings: under a CommonJS transform (tsx, jest) every use of
// an import is a getter call, which costs on these per-character paths; bundles are unaffected.
const isLetterCode = isLetterCodeImport;
const isOnlyLowerCode = isOnlyLowerCodeImport;

/** Statements longer than this are split at sentence boundaries. */
export const MAX_STATEMENT_CHARS = 1200;
/** The leading header is looked for within this many paragraphs. */
const MAX_HEADER_PARAGRAPHS = 40;
const TITLE_FALLBACK_CHARS = 90;

/** A paragraph of the decoded text: trimmed bounds and, when present, its speaker label. */
interface Paragraph {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly label?: SpeakerLabel;
}

const isSpaceCode = (c: number): boolean => c === 32 || c === 9 || c === 160 || c === 12 || c === 0x3000 || c === 0x2009 || c === 0x202f;
const isLowerCode = (text: string, i: number): boolean => isOnlyLowerCode(text.charCodeAt(i));
/** Characters after which a line plainly continues on the next one. */
const isContinuation = (c: number): boolean =>
  c === 44 /* , */ || c === 59 /* ; */ || c === 40 /* ( */ || c === 0x2013 || c === 0x2014 || c === 45 || c === 0x201c;
const isTerminalCode = (c: number): boolean => c === 46 || c === 33 || c === 63 || c === 58 || c === 0x2026 || c === 0x201d || c === 34;

interface Line {
  readonly start: number;
  readonly end: number;
}

/** Non-blank lines with trimmed bounds, and the blank-line breaks between them. */
const scanLines = (text: string): { lines: Line[]; blankBefore: boolean[] } => {
  const lines: Line[] = [];
  const blankBefore: boolean[] = [];
  let pos = 0;
  let sawBlank = false;
  const n = text.length;
  while (pos <= n) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = n;
    let s = pos;
    let e = nl;
    while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
    while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
    if (e > s) {
      lines.push({ start: s, end: e });
      blankBefore.push(sawBlank);
      sawBlank = false;
    } else {
      sawBlank = true;
    }
    pos = nl + 1;
  }
  return { lines, blankBefore };
};

/** Whether the text is hard-wrapped at a fixed width (paragraphs spread over many short lines). */
const isHardWrapped = (lines: readonly Line[], blankBefore: readonly boolean[]): { wrapped: boolean; width: number } => {
  if (lines.length < 8) return { wrapped: false, width: 0 };
  let maxLen = 0;
  let short = 0;
  let joined = 0;
  let openEnded = 0;
  for (let i = 0; i < lines.length; i++) {
    const len = lines[i]!.end - lines[i]!.start;
    if (len > maxLen) maxLen = len;
    if (len <= 100) short++;
    if (i > 0 && !blankBefore[i]) joined++;
  }
  for (const line of lines) if (line.end - line.start >= 40) openEnded++;
  const wrapped = short / lines.length > 0.9 && joined / lines.length > 0.5 && maxLen <= 110 && openEnded / lines.length > 0.5;
  return { wrapped, width: maxLen };
};

/** Splits text into paragraphs: blank lines separate them; single line breaks do unless the line plainly continues. */
const splitParagraphs = (text: string): Paragraph[] => {
  const { lines, blankBefore } = scanLines(text);
  const { wrapped, width } = isHardWrapped(lines, blankBefore);
  const paragraphs: Paragraph[] = [];
  let pStart = -1;
  let pEnd = -1;
  let prevLen = 0;
  let prevStart = -1;
  const flush = (): void => {
    if (pStart >= 0) {
      const body = text.slice(pStart, pEnd);
      paragraphs.push({ start: pStart, end: pEnd, text: body, label: findLabel(body) });
    }
    pStart = -1;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (pStart >= 0 && !blankBefore[i]) {
      const prevLast = text.charCodeAt(pEnd - 1);
      let join = isLowerCode(text, line.start) || isContinuation(prevLast);
      if (!join && wrapped) {
        // Hard-wrapped text: a line break ends a paragraph only after a sentence on a short line, or
        // after a heading (a title block: "Address to the Council: …" / "Remarks by Ambassador X").
        join = !(isTerminalCode(prevLast) && prevLen < width * 0.75) && !(pStart === prevStart && isTitleLike(text.slice(prevStart, pEnd)));
      }
      if (join && findLabel(text.slice(line.start, Math.min(line.end, line.start + 80))) && !isLowerCode(text, line.start)) join = false;
      if (join) {
        pEnd = line.end;
        prevLen = line.end - line.start;
        prevStart = line.start;
        continue;
      }
    }
    flush();
    pStart = line.start;
    pEnd = line.end;
    prevLen = line.end - line.start;
    prevStart = line.start;
  }
  flush();
  return paragraphs;
};

/** A publisher or office standing alone: "U.S. Department of State", "The White House", "Ministry of Foreign Affairs". */
const PUBLISHER =
  /^(?:The\s+)?(?:[\p{Lu}][\p{L}.\u2019'\-]*\s+){0,3}(?:Department|Ministry|Embassy|Mission|House|Agency|Council|Government|Bureau|Office|Administration|Commission|Secretariat|Chancellery|Presidency|Kremlin|Palace|Consulate|Delegation)(?:\s+(?:of|for|to)\s+(?:the\s+)?[\p{Lu}][\p{L}.\u2019'\-]*(?:\s+(?:and\s+|of\s+|the\s+)*[\p{Lu}][\p{L}.\u2019'\-]*){0,4})?$/u;
/** The same in capitals, as page banners write it ("U.S. DEPARTMENT of STATE"). */
const PUBLISHER_CAPS =
  /^(?:THE\s+)?(?:[\p{Lu}][\p{Lu}.\u2019'\-]*\s+){0,3}(?:DEPARTMENT|MINISTRY|EMBASSY|MISSION|HOUSE|AGENCY|COUNCIL|GOVERNMENT|BUREAU|OFFICE)(?:\s+(?:of|OF|for|FOR)\s+(?:the\s+|THE\s+)?[\p{Lu}][\p{Lu}.\u2019'\-]*(?:\s+(?:and\s+|AND\s+|of\s+|OF\s+)*[\p{Lu}][\p{Lu}.\u2019'\-]*){0,4})?$/u;

/** "President Halvorsen" in a title (not "Vice President …"). */
const TITLE_PRESIDENT = /(?<!Vice[ -])\bPresident\s+(\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,3})/u;
/**
 * A title that says who speaks: "Remarks by Chargé d'Affaires Rachel Okonkwo at the …", "Statement
 * of Ambassador Lee on …". Group 1 is the speaker: capitalised words, with the few lower-case
 * connectors names and offices hold.
 */
const TITLE_SPEAKER =
  /^(?:(?:Opening|Closing|Keynote|Welcome|Welcoming|Prepared)\s+)?(?:Remarks|Statement|Address|Speech|Testimony|Toast)\s+(?:by|of|from)\s+(\p{Lu}[\p{L}.'’\-]*(?:\s+(?:\p{Lu}[\p{L}.'’\-]*|of|the|for|and|de|del|da|al|bin|von|van|a\.i\.|d['’]\p{L}+)){0,8})(?:,\s+[^,]{3,100}?,)?(?:\s+(?:at|on|to|before|during|for|in|with|upon|after)\s.*)?$/u;
/** Labels naming the host's part, not a person ("MODERATOR:"). */
const HOST_KEYS = new Set(['MODERATOR', 'HOST', 'CHAIR', 'CHAIRMAN', 'CHAIRPERSON', 'CHAIRWOMAN', 'MC', 'PRESENTER', 'INTERVIEWER', 'ANCHOR', 'FACILITATOR']);
/**
 * A reporter opening a question with their name and outlet: "Thanks, Daniel. Priya Raman, Global
 * Wire.", "Hi, Lukas Brenner from Deutsche Funkdienst."
 */
const ASKER_WITH_OUTLET =
  /^(?:(?:Hi|Hello|Yes|Thanks|Thank you)\b[^.!?]{0,30}[.!,]\s+)?(?!(?:About|Happy|Good|Dear|Hi|Hello|Welcome|Thanks|Thank|On|And|So|But|Now|Just|Also|Back|Regarding)\b)(\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}'’\-]+){1,2})(?:,\s+|\s+(?:from|with)\s+)(?!(?:I|We|You|He|She|They|It)\b)\p{Lu}[^.?!,]{1,40}[.?!]/u;
/** SELF_INTRODUCTION's words, found by one plain scan before the unanchored pattern runs. */
const INTRODUCTION_WORDS = /ame is|I am |I['\u2019]m /;
/** A speaker saying who they are: "My name is Lucía Bermúdez Cárdenas", "I am Barbara Walters". */
const SELF_INTRODUCTION = /\b(?:[Mm]y name is|I am|I['’]m)\s+(\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}[\p{L}'’\-]+){1,3})/u;

/** A title opening with an office and its holder: "Ambassador Tomás Echeverri Ruiz at a Town Hall …". */
const TITLE_HOLDER = /^(\p{Lu}[\p{L}.'’\-]*(?:\s+\p{Lu}[\p{L}.'’\-]*){1,6})\s+(?:at|on|to|with|in|before|for|visits|meets)\s/u;

/** The person a title names as who speaks or is the subject, if any. */
const titleNamedPerson = (title: string): string | undefined => {
  const said = TITLE_SPEAKER.exec(title)?.[1];
  const run = said ?? TITLE_HOLDER.exec(title)?.[1];
  if (!run) return undefined;
  const words = run.split(/\s+/u);
  let i = 0;
  while (i < words.length - 1 && ROLE_WORDS.has(words[i]!.toLowerCase().replace(/\.$/u, ''))) i++;
  if (i === 0 && said === undefined) return undefined;
  const name = words.slice(i).join(' ');
  return words.length - i >= 2 && looksLikePersonName(name) ? name : undefined;
};

/** Title Case words that end a name in a title ("President Halvorsen Before Marine One Departure"). */
const TITLE_STOP = new Set([
  'before', 'after', 'at', 'on', 'in', 'with', 'to', 'for', 'and', 'of', 'during', 'upon', 'remarks', 'meeting', 'call',
  'press', 'joint', 'statement', 'interview', 'delivers', 'signs', 'hosts', 'meets', 'announces', 'speaks', 'visits',
  'travels', 'departure', 'arrival', 'address', 'speech', 'conference', 'briefing', 'op-ed', 'message', 'celebrates',
]);

/** What a header paragraph is. */
type HeaderKind = 'chrome' | 'keyvalue' | 'date' | 'byline' | 'place' | 'heading';

interface Header {
  title?: string;
  titleWords: number;
  date?: string;
  location?: string;
  people: KnownPerson[];
  presidentName?: string;
  defaultSpeaker?: string;
  /** An email's subject ("FW: " and the like cut off): the title when no heading gives one. */
  subject?: string;
}

/** Whether a header line marks the line above it as a heading: a date, an author line, chrome or page metadata. */
const isHeaderMark = (p: Paragraph): boolean =>
  !p.label &&
  (isDateOrTimeLine(p.text) || isChromeLine(p.text) || isMetaLine(p.text) || isDatedMeta(p.text) || parseByline(p.text) !== undefined || (p.text.length <= 160 && parsePlaceDateLine(p.text) !== undefined));

/** "From: …", "Published 19 June 2026", "Last updated …": page metadata under a headline. */
const META_LINE = /^(?:from|published|updated|last updated|posted|released|issued|source|tags?|topics?|categor(?:y|ies)|filed under|part of)\b(?::|\s+(?:on\s+)?\d)/iu;
const isMetaLine = (line: string): boolean => line.length <= 300 && META_LINE.test(line);
/**
 * A line saying when the page's text was given or put out: "Volume 782: debated on Tuesday 14 October
 * 2025", "This article first appeared in the Daily Monitor on 5 June 2024."
 */
const DATED_META = /\b(?:debated|published|updated|posted|released|issued|delivered|recorded)\s+(?:on\s|\d)|\b(?:first|originally)\s+(?:appeared|published|ran)\s+in\s/iu;
/** Such a line with its date ("The Southern Ledger | Published 23 October 2025"). */
const isDatedMeta = (line: string): boolean => line.length <= 120 && DATED_META.test(line) && findDate(line) !== undefined;

/** A one-sentence standfirst: under the title, above the page's metadata or date. */
const isStandfirst = (p: Paragraph, header: Header, next: Paragraph | undefined): boolean =>
  header.title !== undefined && !p.label && p.text.length <= 300 && next !== undefined && !next.label && (isMetaLine(next.text) || isDateOrTimeLine(next.text));

/**
 * Whether the lines after a headline mark it as one: a date, author line, chrome or metadata, perhaps
 * after a short line or two without sentences ("Press release", "Council of the EU") or after a
 * one-sentence standfirst that such a line follows.
 */
const isHeadingFollower = (paragraphs: readonly Paragraph[], next: number): boolean => {
  for (let k = next; k < paragraphs.length && k < next + 3; k++) {
    const p = paragraphs[k]!;
    if (isHeaderMark(p)) return true;
    if (p.label) return false;
    const standfirst = k === next && p.text.length <= 300 && endsLikeSentence(p.text);
    if (!standfirst && (endsLikeSentence(p.text) || wordShape(p.text).words > 6)) return false;
  }
  return false;
};

/** Classifies a paragraph of the leading zone, or returns undefined when the body has begun. */
const classifyHeader = (p: Paragraph, header: Header, sawAnchor: boolean, paragraphs: readonly Paragraph[], index: number): HeaderKind | undefined => {
  const line = p.text;
  // Header lines are short; a long line ending like a sentence is where the remarks begin, unless
  // it is a one-sentence standfirst under the title, above the page's metadata ("From: …", "Published …").
  if (line.length > 400) return undefined;
  // A cookie banner or site notice above the remarks is chrome even as a long sentence.
  if (line.length > 120 && hasStrongWebVocabulary(line)) return 'chrome';
  if (line.length > 120 && endsLikeSentence(line.replace(/\b(?:[A-Z]|D\.C|U\.S|Jr|Sr)\.$/u, ''))) {
    return isStandfirst(p, header, paragraphs[index + 1]) ? 'heading' : undefined;
  }
  const kv = parseKeyValueHeader(line);
  let headingLike = false;
  if (kv && (isSpeakerKey(kv.key) || !p.label || !endsLikeSentence(line))) {
    if (isSpeakerKey(kv.key)) {
      if (kv.value.includes(';')) {
        // "Speakers: Deputy Government Spokesperson X; Y, Spokesperson for the Federal Foreign Office; …"
        for (const item of kv.value.split(/\s*;\s*/u)) {
          const person = parseByline(item.replace(/[.;]$/u, ''));
          if (person?.name) header.people.push({ name: person.name, role: person.role });
        }
        return 'keyvalue';
      }
      const name = stripHonorifics(kv.value.replace(/\s*[,;(].*$/u, '').trim());
      if (/^president$/iu.test(kv.key)) header.presidentName ??= name;
      header.people.push({ name, role: kv.key });
      return 'keyvalue';
    }
    if (/^(?:date|dated|delivered on|published(?: on)?|issued(?: on)?|released(?: on)?)$/iu.test(kv.key)) {
      header.date ??= findDate(kv.value)?.iso;
      return 'keyvalue';
    }
    if (/^(?:place|location|venue|dateline)$/iu.test(kv.key)) {
      header.location ??= kv.value;
      return 'keyvalue';
    }
    if (isMetaLine(line)) {
      // "From: Foreign Office and The Rt Hon …": page metadata, not a heading; a person named last
      // there is whose speech or statement the page carries ("From: … Office and Fiona Ashdown").
      const d = findDate(kv.value);
      if (d) header.date ??= d.iso;
      const and = kv.value.lastIndexOf(' and ');
      if (/^from$/iu.test(kv.key) && and > 0 && !kv.value.includes('@')) {
        const last = stripHonorifics(kv.value.slice(and + 5).trim()).replace(POST_NOMINALS, '');
        if (looksLikePersonName(last) && !header.people.some((q) => q.name === last)) header.people.push({ name: last, role: '' });
      }
      return 'chrome';
    }
    // Any other "Key: Value" line at the top ("PRESS BRIEFING: UKRAINE UPDATE") reads as a heading,
    // unless it is a speaker's turn ("MODERATOR: Good afternoon, everyone").
    headingLike = !p.label || isTitleLike(kv.value, 30);
  }
  if (p.label && !headingLike) return undefined;
  // (Before chrome: "May 14, 2025 - Chișinău, Moldova - Global Affairs Canada" has a navigation line's separators.)
  const placeDate = parsePlaceDateLine(line);
  if (placeDate) {
    header.location ??= placeDate.place;
    header.date ??= placeDate.date;
    return 'place';
  }
  // "By U.S. Embassy Tashkent | 22 May, 2024 | Topics: News": a page's byline, date and tags.
  if (line.startsWith('By ') && line.includes(' | ')) {
    const dated = line.split(' | ').find((part) => isDateOrTimeLine(part.trim()));
    const d = dated ? findDate(dated) : undefined;
    if (d) {
      header.date ??= d.iso;
      return 'date';
    }
  }
  // "12.03.2026" alone: a date, though a line without letters is otherwise a marker.
  if (line.length <= 12 && isMarkerLine(line)) {
    const numeric = findDate(line);
    if (numeric) {
      header.date ??= numeric.iso;
      return 'date';
    }
  }
  if (isChromeLine(line) || isTranscriberNote(line)) return 'chrome';
  // "Aboard Air Force One": where a gaggle is held.
  if (ABOARD.test(line)) {
    header.location ??= line;
    return 'place';
  }
  if (isDateOrTimeLine(line)) {
    header.date ??= findDate(line)?.iso;
    return 'date';
  }
  if (isDatedMeta(line)) {
    header.date ??= findDate(line)?.iso;
    return 'date';
  }
  // "PUNTA CANA, Dominican Republic — The following is attributable to …:": a dateline opening the
  // body, not an author line.
  if ((parseDateline(line)?.bodyStart ?? 0) > 0) return undefined;
  const next = paragraphs[index + 1];
  // "Khun Wanida Chaiyaporn, President of the Foundation," ending in a comma greets a guest: the
  // remarks have begun.
  if (line.charCodeAt(line.length - 1) === 44) return undefined;
  // "Remarks by Ambassador X" is an author line under a title, but the title itself when first.
  const byline =
    header.title === undefined && isRemarksByLine(line) ? undefined : (parseByline(line) ?? (next !== undefined && isOfficeLine(next) ? titledName(line) : undefined));
  if (byline) {
    if (byline.name) header.people.push({ name: byline.name, role: byline.role });
    return 'byline';
  }
  if (isPlaceLine(line)) {
    header.location ??= normalisePlace(line);
    return 'place';
  }
  if (endsLikeSentence(line.replace(/\b(?:[A-Z]|D\.C|U\.S|Jr|Sr)\.$/u, ''))) {
    // A cookie or site notice above the remarks is chrome even as a full sentence.
    if (line.length <= 300 && hasStrongWebVocabulary(line)) return 'chrome';
    return isStandfirst(p, header, paragraphs[index + 1]) ? 'heading' : undefined;
  }
  const { words } = wordShape(line);
  // A headline in sentence case ("Foreign Minister meets Moldovan counterpart in Vilnius, pledges …")
  // is a heading when a date, an author line or page chrome follows it.
  // A headline under the page's date and time lines ("12 October 2026" / "09:40" / "Declaration by …").
  const underDate = words <= 30 && !endsLikeSentence(line) && index > 0 && !paragraphs[index - 1]!.label && isDateOrTimeLine(paragraphs[index - 1]!.text);
  if (!(words <= 8 || isTitleLike(line, 30) || underDate || (words <= 30 && isHeadingFollower(paragraphs, index + 1)))) return undefined;
  if (PUBLISHER.test(line) || PUBLISHER_CAPS.test(line)) return 'chrome';
  // The title is the fullest heading before any author line or place (later ones name venues);
  // navigation items and section names are shorter than a page's own title.
  // A site's banner naming an office ("Minister for Foreign Affairs") is no page's title. Nor is a
  // heading after the author line or place (a venue, a time), unless the page had no title before
  // them and a date line follows it ("Senator the Hon …" above a media release's dated headline).
  if (OFFICE_BANNER.test(line)) return 'heading';
  const datedHeadline = sawAnchor && header.title === undefined && words >= 4 && isDateLineAt(paragraphs, index + 1);
  if ((!sawAnchor || datedHeadline) && words >= 2 && words > header.titleWords) {
    header.title = line.replace(/^#{1,6}\s+/u, '').replace(/\s+#+$/u, '');
    header.titleWords = words;
  }
  const d = findDate(line);
  if (d) header.date ??= d.iso;
  return 'heading';
};

const MAX_QUOTE_CHARS = 2000;

/** Whether text[a, b) contains a letter, without slicing. */
const hasLetterIn = (text: string, a: number, b: number): boolean => {
  for (let i = a; i < b; i++) if (isLetterCode(text.charCodeAt(i))) return true;
  return false;
};

const QUOTE_MARK = /["\u201c\u201d\u00ab\u00bb]/g;

/** Records the quotation between marks at `open` and `close` when it has letters and is not too long. */
const addQuotation = (out: Range[], text: string, open: number, close: number): void => {
  const len = close - open - 1;
  if (len >= 1 && len <= MAX_QUOTE_CHARS && hasLetterIn(text, open + 1, close)) out.push([open + 1, close]);
};

/**
 * Quotation ranges (the words between the quote marks) relative to `text`: “…” and «…» pair an
 * opening with the next closing mark (a second opening mark restarts); straight quotes pair up in order.
 */
export const findQuotations = (text: string): Range[] => {
  const out: Range[] = [];
  let curly = -1;
  let guillemet = -1;
  let straight = -1;
  const scan = QUOTE_MARK;
  scan.lastIndex = 0;
  while (scan.test(text)) {
    const i = scan.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c === 0x201c) curly = i;
    else if (c === 0x201d) {
      if (curly >= 0) addQuotation(out, text, curly, i);
      curly = -1;
    } else if (c === 0xab) guillemet = i;
    else if (c === 0xbb) {
      if (guillemet >= 0) addQuotation(out, text, guillemet, i);
      guillemet = -1;
    } else if (straight < 0) straight = i;
    else {
      addQuotation(out, text, straight, i);
      straight = -1;
    }
  }
  if (out.length > 1) out.sort((x, y) => x[0] - y[0]);
  return out;
};

/** Splits the content range [start, end) of a paragraph into statement chunks at sentence boundaries. */
const chunkContent = (text: string, start: number, end: number): { start: number; end: number; sentences: Range[] }[] => {
  const sentences = splitSentencesIn(text, start, end);
  if (end - start <= MAX_STATEMENT_CHARS) return [{ start, end, sentences }];
  // Sentences so long they cannot be grouped are cut at spaces.
  const pieces: Range[] = [];
  for (const s of sentences) {
    if (s[1] - s[0] <= MAX_STATEMENT_CHARS * 2) {
      pieces.push(s);
      continue;
    }
    let a = s[0];
    while (s[1] - a > MAX_STATEMENT_CHARS) {
      // The last space within this piece only: an unbounded lastIndexOf rescans the whole
      // paragraph for every cut of a space-less run, which is quadratic (minutes for 4 MB).
      let cut = a + MAX_STATEMENT_CHARS;
      while (cut > a && text.charCodeAt(start + cut) !== 32) cut--;
      if (cut <= a) cut = a + MAX_STATEMENT_CHARS;
      pieces.push([a, cut]);
      a = cut;
      while (a < s[1] && text.charCodeAt(start + a) === 32) a++;
    }
    if (a < s[1]) pieces.push([a, s[1]]);
  }
  const chunks: { start: number; end: number; sentences: Range[] }[] = [];
  let group: Range[] = [];
  const close = (): void => {
    if (group.length === 0) return;
    const gs = group[0]![0];
    const ge = group[group.length - 1]![1];
    chunks.push({ start: start + gs, end: start + ge, sentences: group.map((r) => [r[0] - gs, r[1] - gs] as const) });
    group = [];
  };
  for (const piece of pieces) {
    if (group.length > 0 && piece[1] - group[0]![0] > MAX_STATEMENT_CHARS) close();
    group.push(piece);
  }
  close();
  return chunks;
};

const truncateTitle = (sentence: string): string => {
  const clean = sentence.replace(/\s+/gu, ' ').trim();
  if (clean.length <= TITLE_FALLBACK_CHARS) return clean;
  const cut = clean.lastIndexOf(' ', TITLE_FALLBACK_CHARS);
  return `${clean.slice(0, cut > 20 ? cut : TITLE_FALLBACK_CHARS)}…`;
};

/** A section number standing alone: "IV.", "2.", "(b)". */
const SECTION_NUMBER = /^\(?(?:[IVXLC]{1,6}|\d{1,3}|[A-Za-z])[.)]?$/u;

/** Whether a sentence has at least `n` space-separated words (stops counting at `n`). */
const hasWords = (sentence: string, n: number): boolean => {
  let words = 1;
  for (let i = 1; i < sentence.length && words < n; i++) {
    if (sentence.charCodeAt(i) === 32 && sentence.charCodeAt(i - 1) !== 32) words++;
  }
  return words >= n;
};

/**
 * A title from the text itself: the first sentence of some substance (greetings such as "Good
 * afternoon." and salutations ending in a colon are skipped), cut at a word boundary.
 */
const fallbackTitle = (statements: readonly Statement[]): string => {
  let first: string | undefined;
  for (const st of statements.slice(0, 12)) {
    for (const [a, b] of st.sentences.slice(0, 4)) {
      const sentence = st.text.slice(a, b);
      first ??= sentence;
      if (st.isQuestion || sentence.charCodeAt(sentence.length - 1) === 58) continue;
      if (hasWords(sentence, 6)) return truncateTitle(sentence);
    }
  }
  return first ? truncateTitle(first) : 'Untitled transcript';
};

/** Whether an unlabelled body paragraph is a heading or chrome rather than a statement. */
const isBodyNonStatement = (line: string): boolean => {
  // A sentence of some length is a statement: chrome lines in the body are short or unpunctuated.
  const c0 = line.charCodeAt(0);
  if (line.length > 100 && c0 !== 40 && c0 !== 91 && endsLikeSentence(line)) return false;
  if (isMarkerLine(line) || isTranscriberNote(line) || isChromeLine(line)) return true;
  if (line.length <= 250 && hasStrongWebVocabulary(line)) return true;
  if (line.length <= 8 && SECTION_NUMBER.test(line)) return true;
  // A short lead-in ("Begin text:", "Transparency:") introduces content; it says nothing itself.
  if (line.length <= 40 && line.charCodeAt(line.length - 1) === 58 && wordShape(line).words <= 3) return true;
  if (endsLikeSentence(line)) return false;
  if (line.length > 300) return false;
  if (isLinkLine(line)) return true;
  const { words } = wordShape(line);
  return words <= 5 || isTitleLike(line, 24);
};

/** Words of a subheading at most. */
const SUBHEADING_WORDS = 8;

/**
 * A subheading in sentence case between paragraphs of a news page ("Cholera and dengue on the
 * rise"): a short unlabelled line without sentence punctuation, right above a long paragraph.
 */
const isSubheading = (p: Paragraph, next: Paragraph | undefined): boolean =>
  next !== undefined && !next.label && p.text.length <= 80 && next.text.length > 120 && SUBHEADING_SHAPE.test(p.text) &&
  wordShape(p.text).words <= SUBHEADING_WORDS && endsLikeSentence(next.text);
/** A subheading opens with a capital and ends with a letter or digit (no sentence or clause punctuation). */
const SUBHEADING_SHAPE = /^\p{Lu}.*[\p{L}\p{N}]$/u;

const isTrailingChrome = (p: Paragraph): boolean =>
  p.label ? p.text.length <= p.label.contentStart : isEdgeChrome(p.text) || isTranscriberNote(p.text) || isDateOrTimeLine(p.text);

/** The end of the remarks, as transcripts mark it: "END 11:15 A.M. EDT", "# # #", "(The briefing was concluded …)". */
const END_MARKER =
  /^(?:END(?:\s+\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?)?\s*(?:[A-Z]{2,4})?)?|[Ee]nd (?:of )?(?:[Tt]ext|[Tt]ranscript|[Ss]tatement|[Rr]emarks)\.?|#(?:\s*#){2}|\*(?:\s*\*){2}|[([](?:[Tt]he )?(?:[Bb]riefing|[Cc]onference|[Cc]all|[Mm]eeting|[Ee]vent|[Ss]ession|[Rr]emarks?|[Pp]ress [Cc]onference)[^)\]]{0,40}\b(?:concluded|ended|adjourned)\b[^)\]]*[)\]]\.?)$/u;
/** Short sentences inside a footer ("Opt in to receive…") are at most this long (about 40 words). */
const FOOTER_SENTENCE_CHARS = 280;

/** A link list at the end is looked for within this many paragraphs before the footer. */
const MAX_LINK_LIST_ITEMS = 15;
/** A link list's items are headlines: at most this long. */
const LINK_ITEM_CHARS = 200;

/**
 * Where a link list under its heading ("Related Articles", "See also") starts when it runs to the
 * end of the remarks: the items are headlines of other pages, in sentence case as often as not, so
 * only the heading above them tells them from short paragraphs. Looks back over a few paragraphs.
 */
const linkListStart = (paragraphs: readonly Paragraph[], bodyStart: number, end: number): number => {
  for (let k = end - 1; k >= bodyStart && end - k <= MAX_LINK_LIST_ITEMS; k--) {
    const p = paragraphs[k]!;
    if (p.label || p.text.length > LINK_ITEM_CHARS) return end;
    if (k < end - 1 && isLinkListHeading(p.text)) return k;
  }
  return end;
};

/**
 * Where the trailing chrome starts. From the end, chrome paragraphs are set aside; a few short
 * sentences sandwiched between chrome runs (a newsletter pitch inside a footer) go too, and so
 * does everything unlabelled after an explicit end-of-remarks marker.
 */
const trailingZoneStart = (paragraphs: readonly Paragraph[], bodyStart: number): number => {
  let end = paragraphs.length;
  for (;;) {
    while (end > bodyStart && isTrailingChrome(paragraphs[end - 1]!)) end--;
    // Look back over up to three short unlabelled sentences for a run of at least two chrome lines.
    let k = end;
    while (k > bodyStart && end - k < 3) {
      const p = paragraphs[k - 1]!;
      if (p.label || p.text.length > FOOTER_SENTENCE_CHARS) break;
      k--;
    }
    let chromeRun = 0;
    while (k - chromeRun > bodyStart && chromeRun < 2 && !paragraphs[k - chromeRun - 1]!.label && isEdgeChrome(paragraphs[k - chromeRun - 1]!.text)) {
      chromeRun++;
    }
    if (k < end && chromeRun >= 2) {
      end = k;
      continue;
    }
    break;
  }
  // Link lists may follow one another ("Related Stories", then "Latest News").
  for (let list = linkListStart(paragraphs, bodyStart, end); list < end; list = linkListStart(paragraphs, bodyStart, end)) end = list;
  for (let i = bodyStart; i < end; i++) {
    const t = paragraphs[i]!.text;
    const c = t.charCodeAt(0);
    // Markers start with E, #, *, ( or [ and are short: test only those.
    if (t.length > 120 || !(c === 69 || c === 35 || c === 42 || c === 40 || c === 91)) continue;
    if (END_MARKER.test(t)) {
      let j = i + 1;
      while (j < end && !paragraphs[j]!.label) j++;
      if (j === end) return i;
    }
  }
  return end;
};

const ABOARD = /^Aboard\s+\p{Lu}[\p{L}.\-]*(?:\s+(?:\p{Lu}[\p{L}.\-]*|One|of|the)){0,5}$/u;

/** Whether paragraph i is an unlabelled line holding only a date (or a date and a time). */
const isDateLineAt = (paragraphs: readonly Paragraph[], i: number): boolean => {
  const p = paragraphs[i];
  return p !== undefined && !p.label && isDateOrTimeLine(p.text) && findDate(p.text) !== undefined;
};

/** A line that is only an office's name: "Minister for Foreign Affairs", "Secretary of State", "Foreign Minister". */
const OFFICE_BANNER =
  /^(?:(?:Deputy|Assistant|Prime|Foreign|Vice|Under|Acting|Senior|Chief|Special|Federal|State|First)\s+)*(?:Minister|Secretary|Ambassador|President|Chancellor|Commissioner|Spokesperson|Envoy|Representative)(?:\s+(?:of|for|to)\s+(?:the\s+)?\p{Lu}[\p{L}]*(?:,?\s+(?:and|of|the|for|\p{Lu}[\p{L}]*)){0,6})?$/u;

/** "For the Government of the Republic of Kenya:" above a signatory's name. */
const SIGNATORY_PARTY = /^For (?:the )?\p{Lu}[^:]{0,150}:$/u;
/** "Signed in Accra on 9 June 2026:", "Done at Brussels, 3 May 2026." above the signatures. */
const SIGNED_AT = /^(?:Signed|Done)\s+(?:in|at)\s+\p{Lu}[^:;]{0,100}[:.]?$/u;
/**
 * A line naming a signatory's office ("Minister for Foreign Affairs", "Cabinet Secretary for Foreign
 * and Diaspora Affairs", "Minister of Foreign Affairs, Republic of Chile"): in Title Case, opening
 * with a role word (first or second word), no sentence.
 */
const OFFICE_LINE = /^(?:\p{Lu}[\p{L}'’.\-]*|of|for|and|the|to|in|on|at|de|del|la|des|du)(?:,? (?:\p{Lu}[\p{L}'’.\-]*|of|for|and|the|to|in|on|at|de|del|la|des|du)){0,15}$/u;
const isOfficeLine = (p: Paragraph): boolean => {
  if (p.label || p.text.length > 150 || !OFFICE_LINE.test(p.text)) return false;
  const words = p.text.toLowerCase().split(' ', 2);
  return ROLE_WORDS.has(words[0]!) || (words.length > 1 && ROLE_WORDS.has(words[1]!));
};

/** A signatory's line: "Mrs. Ngozi Eze-Hartmann, Minister of Water Resources". */
const isNameCommaOffice = (p: Paragraph): boolean => {
  if (p.label || p.text.length > 160 || p.text.includes('\n')) return false;
  const comma = p.text.indexOf(', ');
  return comma > 0 && looksLikePersonName(stripHonorifics(p.text.slice(0, comma))) && isOfficeLine({ ...p, text: p.text.slice(comma + 2) });
};
/** A name without the honorifics before it ("H.E. Sheikh Tariq …", "Prof. Dr. Matthias …"). */
const stripHonorifics = (name: string): string => {
  const words = name.split(/\s+/u);
  let i = 0;
  while (i < words.length - 1 && HONORIFICS.has(words[i]!.replace(/\.$/u, '').toLowerCase())) i++;
  return words.slice(i).join(' ');
};

/**
 * Where the signature block at paragraph i ends (i when there is none): an optional "For <party>:"
 * line, the signatory's name on a line of its own, then a line with their office. Joint statements
 * end with such blocks; standing alone at the end they would otherwise go as short unpunctuated
 * lines with the page's footer.
 */
const signatureEnd = (paragraphs: readonly Paragraph[], i: number): number => {
  let k = i;
  if (k < paragraphs.length && !paragraphs[k]!.label && SIGNED_AT.test(paragraphs[k]!.text)) k++;
  if (k < paragraphs.length && !paragraphs[k]!.label && SIGNATORY_PARTY.test(paragraphs[k]!.text)) k++;
  // "Dr. Ilse Brandvold, Minister of Foreign Affairs": name and office on one line, one or more signatories.
  let signed = k;
  while (signed < paragraphs.length && isNameCommaOffice(paragraphs[signed]!)) signed++;
  if (signed > k) return signed;
  const name = paragraphs[k];
  if (k + 1 >= paragraphs.length || !name || name.label || !looksLikePersonName(name.text) || isLinkListHeading(name.text)) return i;
  return isOfficeLine(paragraphs[k + 1]!) ? k + 2 : i;
};

/** An item of a list of links: one short line that is no sentence (the list ends at a blank line). */
const isLinkItem = (p: Paragraph): boolean => !p.label && p.text.length <= 120 && !p.text.includes('\n') && !endsLikeSentence(p.text);

/** A line of an email's header ("From: …", "Sent: …", "Subject: …"). */
const EMAIL_HEADER = /^(?:From|Sent|To|Cc|Bcc|Subject|Date|Reply-To)\s*:\s*\S/u;
/** Whether `line` is an email header line; a subject is kept as the title of last resort. */
const emailHeaderLine = (line: string, header: Header): boolean => {
  if (!EMAIL_HEADER.test(line)) return false;
  const subject = /^Subject\s*:\s*(?:(?:FW|Fwd|RE|AW|WG|TR)\s*:\s*)*(.+)$/iu.exec(line);
  if (subject) header.subject = subject[1]!.trim();
  return true;
};

/** Letters after a name: "Ruth Penhaligon MP", "Sir X KCMG". */
const POST_NOMINALS = /(?:,?\s+(?:MP|MEP|MSP|QC|KC|OBE|CBE|MBE|CMG|KCMG|GCMG|PhD))+$/u;

/** "by Adrian Ketteler, Spokesperson for the Secretary-General": a person and their role. */
const BY_NAME_ROLE = /\bby\s+((?:\p{Lu}[\p{L}\u2019'.-]*\s+){1,3}\p{Lu}[\p{L}\u2019'-]+),\s+(?:the\s+)?(\p{Lu}[^.;,]{2,80})/u;

/** A note that an award was handed over: "(The award was presented.)", "[Award presented]", "[Presentation of the prize]". */
const PRESENTED = /^[(\[]\s*(?:The\s+)?([^()\[\]]{0,100}?)\s*(?:(?:is|was|are|were)\s+)?(?:presented|awarded|conferred|handed\s+over)\b[^()\[\]]{0,40}[)\]]|^[(\[]\s*Presentation\s+of\s+(?:the\s+)?([^()\[\]]{3,100})[)\]]/u;

/** A page's metadata key on a line of its own, its value on the next. */
const BARE_KEY = /^(From|Published|Updated|Last updated|Location|Delivered on|Date|Place|Venue|Released|Issued)\s*:?$/u;

/** A breadcrumb trail's first item standing alone, or the whole trail (group 1: its separator). */
const HOME = /^(?:home|homepage|home page)(?:$|\s*([/\u203a\u00bb>|\u2022\u2192])\s*\S)/iu;

/** Builds the structured transcript of a decoded text. Pure; never throws on any string. */
export const structureTranscript = (text: string, metadata: UploadMetadata = {}): StructuredTranscript => {
  const paragraphs = splitParagraphs(text);
  for (const [i, label] of findNameLabels(paragraphs)) paragraphs[i] = { ...paragraphs[i]!, label };
  const header: Header = { people: [], titleWords: 0 };

  // Leading zone: header lines (title, author lines, place, date) and chrome before the remarks.
  let bodyStart = 0;
  let sawAnchor = false;
  let lastHeaderKind: HeaderKind | undefined;
  const limit = Math.min(paragraphs.length, MAX_HEADER_PARAGRAPHS);
  // After a breadcrumb trail's "Home", what came before was the site's navigation: its headings are
  // no title, and an office named in the trail ("Home / Office of the Spokesperson / Press Releases /
  // <title>") is no author line.
  let inTrail = false;
  // An email (a forwarded readout, a newsletter): its header lines are chrome, and when another
  // message is forwarded inside it, the forwarder's note and signature above that message are too.
  const email = paragraphs.length > 0 && EMAIL_HEADER.test(paragraphs[0]!.text);
  if (email) {
    for (let i = 1; i + 1 < limit; i++) if (/^From\s*:/u.test(paragraphs[i]!.text) && EMAIL_HEADER.test(paragraphs[i + 1]!.text)) bodyStart = i;
  }
  while (bodyStart < limit) {
    const p = paragraphs[bodyStart]!;
    const trail = !p.label && p.text.length <= 300 ? HOME.exec(p.text) : null;
    if (trail) {
      header.title = undefined;
      header.titleWords = 0;
      sawAnchor = false;
      inTrail = true;
    }
    // "From:" / "Published" on a line of its own, its value on the next (GOV.UK's metadata list).
    const bareKey = !p.label && bodyStart + 1 < limit ? BARE_KEY.exec(p.text) : null;
    if (bareKey) {
      const next = paragraphs[bodyStart + 1]!;
      const merged: Paragraph = { start: p.start, end: next.end, text: `${bareKey[1]}: ${next.text}` };
      const mergedKind = next.label ? undefined : classifyHeader(merged, header, sawAnchor, paragraphs, bodyStart + 1);
      if (mergedKind !== undefined) {
        lastHeaderKind = mergedKind;
        if (mergedKind === 'place' || mergedKind === 'keyvalue') sawAnchor = true;
        bodyStart += 2;
        continue;
      }
    }
    const people = header.people.length;
    // The whole trail on one line ("Home / News / News 2024 / <title>") is navigation: the title stands below.
    // A list of links above the remarks ("In this issue:", "Related") and its short items are chrome.
    if (!p.label && isLinkListHeading(p.text)) {
      bodyStart++;
      while (bodyStart < limit && isLinkItem(paragraphs[bodyStart]!) && !/\n[^\S\n]*\n/u.test(text.slice(paragraphs[bodyStart - 1]!.end, paragraphs[bodyStart]!.start))) bodyStart++;
      lastHeaderKind = 'chrome';
      continue;
    }
    const kind = trail?.[1] || (email && emailHeaderLine(p.text, header)) ? 'chrome' : classifyHeader(p, header, sawAnchor, paragraphs, bodyStart);
    if (kind === undefined) break;
    lastHeaderKind = kind;
    if (kind === 'place' || kind === 'keyvalue' || (kind === 'byline' && !(inTrail && header.people.length === people))) sawAnchor = true;
    if (kind !== 'chrome' && kind !== 'heading' && kind !== 'byline') inTrail = false;
    bodyStart++;
  }
  // Trailing zone: headings of other pages, link lists, publisher names, footers.
  let bodyEnd = trailingZoneStart(paragraphs, bodyStart);
  if (bodyEnd === bodyStart) {
    // Nothing but header-like lines: fall back to every paragraph that is not plainly chrome.
    bodyStart = 0;
    bodyEnd = paragraphs.length;
  }

  // Speakers: count label keys, then build one alias table for the document.
  const counts = new Map<string, number>();
  let hasLabels = false;
  for (let i = bodyStart; i < bodyEnd; i++) {
    const label = paragraphs[i]!.label;
    if (label) {
      hasLabels = true;
      counts.set(label.key, (counts.get(label.key) ?? 0) + 1);
    }
  }
  if (!header.presidentName && header.title) {
    // "Remarks by President Halvorsen …" names whom `THE PRESIDENT:` means.
    const m = TITLE_PRESIDENT.exec(header.title);
    if (m) {
      const name: string[] = [];
      for (const w of m[1]!.split(/\s+/u)) {
        if (TITLE_STOP.has(w.toLowerCase()) || name.length === 3) break;
        name.push(w);
      }
      if (name.length > 0) header.presidentName = `President ${name.join(' ')}`;
    }
  }
  // The person a title names ("Ambassador Tomás Echeverri Ruiz at a Town Hall …") may be whom a
  // surname label means ("ECHEVERRI:").
  const titlePerson = hasLabels && header.title ? titleNamedPerson(header.title) : undefined;
  // "… today's noon briefing by Adrian Ketteler, Spokesperson for the Secretary-General." above the
  // turns: whom a role label ("SPOKESPERSON:") means.
  const rolePeople: KnownPerson[] = [];
  for (let i = bodyStart; hasLabels && i < bodyEnd && i < bodyStart + 3 && !paragraphs[i]!.label; i++) {
    const m = BY_NAME_ROLE.exec(paragraphs[i]!.text);
    if (m && looksLikePersonName(m[1]!)) rolePeople.push({ name: m[1]!, role: m[2]! });
  }
  const known = titlePerson ? [...header.people, { name: titlePerson }] : header.people;
  const aliases = buildAliases(counts, rolePeople.length > 0 ? [...known, ...rolePeople] : known, header.presidentName);
  const persons = header.people.filter((p) => p.name);
  const metaSpeaker = metadata.speaker?.trim() || undefined;
  // With no labels and no byline, a title such as "Remarks by Ambassador X at …" says who speaks.
  const titled = !hasLabels && persons.length === 0 && header.title ? TITLE_SPEAKER.exec(header.title)?.[1] : undefined;
  // With labels, the one author line's person speaks what comes before the first label when a label
  // is theirs too (a minister's statement to Parliament before the members' questions).
  // (Only an author line right above the remarks: "The Minister of State for Africa (Mr X)".)
  const author = persons.length === 1 ? persons[0]!.name : undefined;
  const authorSpeaks = author !== undefined && (!hasLabels || (lastHeaderKind === 'byline' && [...aliases.values()].includes(author)));
  header.defaultSpeaker = metaSpeaker ?? (authorSpeaks ? author : titled);

  // Signature blocks right after the remarks (before any footer) are the document's own words.
  const signatures: (readonly [number, number])[] = [];
  for (let k = bodyEnd, e = signatureEnd(paragraphs, k); e > k; k = e, e = signatureEnd(paragraphs, k)) signatures.push([k, e]);

  const statements: Statement[] = [];
  const presentations: Presentation[] = [];
  const speakers: string[] = [];
  const introduced = new Map<string, string>();
  const seenSpeakers = new Set<string>();
  let speaker = header.defaultSpeaker;
  let isQuestion = false;
  let location = header.location;
  let date = header.date;
  const emit = (contentStart: number, contentEnd: number): void => {
    for (const chunk of chunkContent(text, contentStart, contentEnd)) {
      if (chunk.end <= chunk.start) continue;
      const body = text.slice(chunk.start, chunk.end);
      // Every statement has the same properties in the same order (one hidden class): extraction's
      // per-statement reads stay monomorphic.
      const statement: Statement = {
        seq: statements.length + 1,
        speaker,
        isQuestion,
        text: body,
        span: [chunk.start, chunk.end],
        sentences: chunk.sentences,
        quotations: findQuotations(body),
      };
      statements.push(statement);
      // Askers count as speakers when their label names them ("Question (Priya Raghavan, …):").
      if (speaker !== undefined && (!isQuestion || askerIsPerson(speaker)) && !seenSpeakers.has(speaker)) {
        seenSpeakers.add(speaker);
        speakers.push(speaker);
      }
    }
  };

  for (let i = bodyStart; i < bodyEnd; i++) {
    const p = paragraphs[i]!;
    let contentStart = p.start;
    if (p.label) {
      speaker = introduced.get(p.label.key) ?? aliases.get(p.label.key);
      isQuestion = p.label.isQuestion;
      contentStart = p.start + p.label.contentStart;
      while (contentStart < p.end && isSpaceCode(text.charCodeAt(contentStart))) contentStart++;
      // "MODERATOR: … My name is Lucía Bermúdez", "Audience member: Hello, my name is Valentina Ospina":
      // a label naming a part, not a person, whose speaker says who they are (for the whole page when
      // the part is the host's, for this turn when it is a question).
      const generic = isQuestion || HOST_KEYS.has(p.label.key);
      const opening = generic && !introduced.has(p.label.key) ? text.slice(contentStart, Math.min(p.end, contentStart + 240)) : '';
      // (The unanchored pattern runs only where its words are: a profile showed it on every question.)
      const intro = opening ? ((INTRODUCTION_WORDS.test(opening) ? SELF_INTRODUCTION.exec(opening) : null) ?? (isQuestion ? ASKER_WITH_OUTLET.exec(opening) : null)) : null;
      if (intro && looksLikePersonName(intro[1]!)) {
        speaker = intro[1]!;
        if (!isQuestion) introduced.set(p.label.key, speaker);
      }
      if (contentStart >= p.end) continue; // a bare label: the words follow in the next paragraph
      const content = text.slice(contentStart, p.end);
      if (isMarkerLine(content) || isTranscriberNote(content) || isChromeLine(content)) continue;
    } else {
      if (isBodyNonStatement(p.text)) {
        // "(The Presidential Citizens Medal is presented.)" after a citation: who got it is named above.
        const c0 = p.text.charCodeAt(0);
        const note = statements.length > 0 && (c0 === 40 || c0 === 91) ? PRESENTED.exec(p.text) : null;
        if (note) {
          const named = (note[1] ?? note[2] ?? '').trim();
          const award = /^\p{Lu}/u.test(named) && named.includes(' ') ? named : undefined;
          presentations.push({ afterSeq: statements[statements.length - 1]!.seq, ...(award ? { award } : {}) });
        }
        continue;
      }
      if (isSubheading(p, paragraphs[i + 1])) continue;
      if (p.text.charCodeAt(p.text.length - 1) === 58) {
        // "The following is attributable to Spokesperson X:" introduces X's statement (one per
        // readout when a page holds several); it is not one.
        const attributed = parseAttribution(p.text);
        if (attributed) {
          if (!hasLabels && (speaker === undefined || statements.length > 0)) speaker = attributed;
          // A dateline may open the attribution line ("PUNTA CANA, Dominican Republic — The following …:").
          const dl = statements.length === 0 ? parseDateline(p.text) : undefined;
          if (dl) {
            location ??= dl.place;
            date ??= dl.date;
          }
          continue;
        }
      }
      if (statements.length === 0 && i === bodyStart) {
        const dl = parseDateline(p.text);
        if (dl) {
          location ??= dl.place;
          date ??= dl.date;
          contentStart = p.start + dl.bodyStart;
        }
      }
    }
    emit(contentStart, p.end);
  }

  // Each signature block is one statement of no speaker's: "For …: Name / Office".
  speaker = undefined;
  isQuestion = false;
  for (const [first, end] of signatures) emit(paragraphs[first]!.start, paragraphs[end - 1]!.end);

  if (statements.length === 0) {
    // Last resort: any paragraph with letters, so no transcript with words yields nothing.
    for (const p of paragraphs) {
      if (isMarkerLine(p.text) || isChromeLine(p.text)) continue;
      emit(p.start, p.end);
    }
    if (statements.length === 0) for (const p of paragraphs) if (!isMarkerLine(p.text)) emit(p.start, p.end);
  }

  const metaTitle = metadata.title?.trim() || undefined;
  let title = header.title ?? metaTitle ?? header.subject;
  title ??= fallbackTitle(statements);
  date ??= normaliseDate(metadata.date);

  // One shape for every transcript (date and location present even when undefined): extraction
  // reads it per statement, and optional spreads made four.
  return { text, title, date, location, speakers, statements, presentations };
};
