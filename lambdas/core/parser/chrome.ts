/**
 * General rules that tell page chrome (navigation, share/print links, link lists, publisher names,
 * headings of other pages, markers) from a transcript's own content. Rules look at the shape of a
 * line — separators, capitalisation, sentence punctuation, length, web-interface vocabulary — and
 * never at particular strings of particular sites.
 */

import { isLetterOrDigitCode as isLetterOrDigitCodeImport, isUpperCode as isUpperCodeImport } from './chars';

// Module-local copies of the imported bindings: under a CommonJS transform (tsx, jest) every use of
// an import is a getter call, which costs on these per-character paths; bundles are unaffected.
const isLetterOrDigitCode = isLetterOrDigitCodeImport;
const isUpperCode = isUpperCodeImport;

/** Words that stay lowercase inside Title Case headings. */
const SMALL_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'nor', 'but', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'as', 'into',
  'via', 'vs', 'vs.', 'per', 'over', 'upon', 'de', 'la', 'le', 'du', 'des', 'von', 'van', 'der', 'al', 'bin', 'on',
  'about', 'after', 'before', 'between', 'during', 'under', 'up', 'is', 'its', 'their', 'our', 'his', 'her',
]);

const HAS_LETTER = /\p{L}/u;
/** A URL or e-mail address. */
const URL = /\b(?:https?:\/\/|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+/giu;
/** The arrows breadcrumb trails put between their items (and the fraction slash "⁄" some sites use). */
const ARROWS = '››|»»|>>|[›»>\u2044]';
/** Separators that navigation menus and breadcrumbs put between short items. */
const NAV_SEPARATORS = new RegExp(String.raw`\s(?:${ARROWS}|[|\u2022\u00b7/])\s|\s*\|\s*|\s[-\u2013]\s(?=\S)`, 'gu');
/** Arrows between the items of a breadcrumb trail ("Home ›› Press Releases ›› …"). */
const BREADCRUMB_ARROW = new RegExp(String.raw`\s(?:${ARROWS})\s`, 'u');
/**
 * A case-insensitive regex for phrases that start at a word boundary, plus `others` as they are.
 * The boundary is written once, in front of one group: a `\b` at the head of every alternative made
 * V8 try each alternative in turn at every position of the line (3.4× slower over the corpus's lines).
 */
const phrasesAtWordStart = (phrases: readonly string[], others: readonly string[] = []): RegExp =>
  new RegExp([`\\b(?:${phrases.join('|')})`, ...others].join('|'), 'i');
/** Phrases only web pages use, even in full sentences: site furniture and legal footers. */
const WEB_STRONG = phrasesAtWordStart(
  [
    'skip to (?:main )?(?:content|navigation|menu)\\b', 'back to top\\b', '(?:set|use|uses|accept|reject|view|manage) (?:(?:additional|all|essential|optional|analytics|non-essential|some) )?cookies\\b', 'cookie (?:policy|settings|preferences)\\b', 'privacy (?:policy|notice|statement)\\b',
    'terms of (?:use|service)\\b', 'all rights reserved\\b', 'javascript\\b', 'your browser\\b',
    'click here\\b', 'this (?:website|web ?page)\\b', 'external links?\\b', 'sign up for\\b', 'newsletter\\b',
    'search this site\\b', 'site ?map\\b', 'follow us on\\b', '(?:photo|image|video) (?:by|credit|courtesy)\\b',
    'an official (?:website|site) of\\b', 'here[\u2019\']s how you know\\b', '(?:official|secure) (?:\\.gov )?websites use\\b',
    'gov websites? (?:use|belongs?)\\b', 'safely connected to the\\b', 'view this (?:email|e-mail|newsletter) in\\b',
    '(?:you are|you\'re) receiving this\\b', 'unsubscribe\\b',
    'public domain\\]', 'getty images\\b', '(?:to|in) your inbox\\b', 'download the [\\w ]{0,30}\\bapp\\b', 'opens? in a new (?:tab|window)\\b',
  ],
  ['©', '\\(ap photo\\b'],
);
/** Interface words and link-list headings: chrome when a line has no sentence of its own. */
const WEB_WEAK = phrasesAtWordStart(
  [
    'share (?:this|on|via)\\b', 'print (?:this|page|friendly)\\b', 'copy (?:link|url)\\b', 'subscribe\\b',
    'read more\\b', 'learn more\\b', 'main (?:menu|navigation|content)\\b', 'breadcrumb', 'email this\\b',
    'download (?:pdf|the app)\\b', 'next (?:article|post|story)\\b', 'previous (?:article|post|story)\\b',
    'related (?:articles?|content|stories|posts|links|news|pages|resources|reading)\\b', 'more (?:from|stories|news|articles)\\b',
    'posted (?:in|on|by)\\b', 'last updated\\b', 'view (?:all|more)\\b',
    'menu\\b', 'translations?\\b', 'tweet\\b', 'cookies\\b', 'is this page useful\\b', 'report a problem\\b',
  ],
  ['^tags?:', '^categor(?:y|ies):', '^see also\\b'],
);
/**
 * One-word interface labels (buttons) that a transcript's paragraph never is, and the names
 * language pickers show (español, français, русский, 中文, العربية), written as escapes: a
 * non-ASCII character in a regex literal makes V8 hold the whole bundle as a two-byte string.
 */
const UI_WORD = /^(?:share|print|email|e-mail|tweet|facebook|twitter|linkedin|whatsapp|reddit|pinterest|instagram|youtube|flickr|home|menu|search|close|open|next|previous|prev|back|top|more|subscribe|login|log in|sign in|download|pdf|rss|copy|link|language|english|espa\u00f1ol|fran\u00e7ais|\u0440\u0443\u0441\u0441\u043a\u0438\u0439|\u4e2d\u6587|\u0627\u0644\u0639\u0631\u0628\u064a\u0629)$/iu;
/** A transcriber's note standing alone: "(Applause.)", "[Laughter]", "(The medal is presented.) (Applause.)". */
const NOTE = /^(?:[(\[][^()\[\]]{1,160}[)\]][.!]?\s*)+$/u;

const isWordInner = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39 || c === 0x2019 || c === 46 || c === 38 || c === 43 || c === 45 ||
  (c > 127 && c !== 160 && !(c >= 0x2000 && c <= 0x206f) && c !== 0x3000 && c !== 0xab && c !== 0xbb);

/** Word count and how many words are capitalised, ignoring small words. Scans by hand (hot path). */
export const wordShape = (line: string): { words: number; capitalised: number; content: number } => {
  let words = 0;
  let capitalised = 0;
  let content = 0;
  const n = line.length;
  let i = 0;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (!isLetterOrDigitCode(c)) {
      i++;
      continue;
    }
    const start = i;
    i++;
    while (i < n && isWordInner(line.charCodeAt(i))) i++;
    words++;
    if (i - start <= 7 && SMALL_WORDS.has(line.slice(start, i).toLowerCase())) continue;
    content++;
    if (isUpperCode(c) || (c >= 48 && c <= 57)) capitalised++;
  }
  return { words, capitalised, content };
};

/** Whether the line ends the way a sentence (or a colon-introduced list) does. */
export const endsLikeSentence = (line: string): boolean => {
  // Checked from the end by hand: a `$`-anchored pattern would scan the whole paragraph.
  let i = line.length - 1;
  while (i >= 0) {
    const c = line.charCodeAt(i);
    // Closing quotes and brackets: ” " ’ ' ) ]
    if (c === 0x201d || c === 34 || c === 0x2019 || c === 39 || c === 41 || c === 93) i--;
    else break;
  }
  if (i < 0) return false;
  const c = line.charCodeAt(i);
  return c === 46 || c === 33 || c === 63 || c === 0x2026 || c === 58 || c === 59;
};

/** Whether the line has no letters at all ("# # #", "***", "—"). */
export const isMarkerLine = (line: string): boolean => !HAS_LETTER.test(line);

/** Whether the line is a transcriber's note standing alone, e.g. "(Applause.)". */
export const isTranscriberNote = (line: string): boolean => NOTE.test(line) || (line.length <= 40 && DELIVERY_NOTE.test(line));
/** A speech's note on its text standing alone: "Check against delivery.", "As prepared for delivery". */
const DELIVERY_NOTE = /^(?:check against (?:delivery|the spoken word)|as prepared(?: for delivery)?|as delivered|text as prepared)[.!]?$/iu;

/** Cheap pre-check before the URL pattern runs. */
const mayHaveUrl = (line: string): boolean => line.includes('://') || line.includes('www.') || line.includes('@');

/** Whether the line is mostly a URL or e-mail address. */
export const isLinkLine = (line: string): boolean => {
  if (!mayHaveUrl(line)) return false;
  URL.lastIndex = 0;
  let covered = 0;
  let m: RegExpExecArray | null;
  while ((m = URL.exec(line)) !== null) covered += m[0].length;
  return covered > 0 && covered >= line.length * 0.5;
};

/** Whether the line is a navigation menu or breadcrumb: several short items between separators. */
export const isNavLine = (line: string): boolean => {
  if (endsLikeSentence(line) && !/[|\u203a\u00bb]/u.test(line)) return false;
  const parts = line.split(NAV_SEPARATORS).filter((p) => p && p.trim().length > 0);
  if (parts.length < 3) return false;
  // A breadcrumb trail ends with the page's own (perhaps long) title: only the items before it are short.
  const last = BREADCRUMB_ARROW.test(line) ? parts.length - 1 : parts.length;
  for (let k = 0; k < last; k++) if (wordShape(parts[k]!).words > 5) return false;
  return true;
};

/** Whether the line carries the vocabulary of web pages (interface words, site furniture). */
export const hasWebVocabulary = (line: string): boolean => WEB_STRONG.test(line) || WEB_WEAK.test(line);

/** Whether the line carries phrases only web pages use, even inside full sentences. */
export const hasStrongWebVocabulary = (line: string): boolean => WEB_STRONG.test(line);

/** The heading of a list of links to other pages: "Related Articles", "See also", "More from the Ministry". */
const LINK_LIST_HEADING =
  /^(?:related(?: \p{L}+){0,2}|see also|read (?:more|next|also)|more (?:from|news|stories|articles|on this)\b.*|recommended(?: \p{L}+)?|you (?:may|might) also (?:like|be interested in)|latest (?:news|articles|stories|updates)|other (?:news|articles|stories)|further reading|in this (?:issue|edition|newsletter))[:.]?$/u;

/**
 * Whether the line heads a list of links to other pages ("Related Articles", "See also"). The line is
 * lower-cased rather than the pattern made case-insensitive: with `u`, `i` makes V8 case-close the
 * whole letter class when it compiles the pattern (~3 ms of every cold start).
 */
export const isLinkListHeading = (line: string): boolean => line.length <= 60 && LINK_LIST_HEADING.test(line.toLowerCase());

/** Whether the line is a lone interface word such as "Share" or "Print". */
export const isUiWord = (line: string): boolean =>
  line.length <= 40 && UI_WORD.test(line.replace(/[\s:|\u2022\u00b7\u203a\u00bb>]+$/u, '').trim());

/**
 * Whether the line reads as a heading or link title: no sentence punctuation at its end, not too
 * long, and (nearly) every content word capitalised.
 */
export const isTitleLike = (line: string, maxWords = 20): boolean => {
  // No heading of `maxWords` words is this long; and a heading does not end in . ; or ,
  if (line.length > maxWords * 14 || /[.;,]["\u201d\u2019')\]]*$/u.test(line)) return false;
  const { words, capitalised, content } = wordShape(line);
  if (words === 0 || words > maxWords) return false;
  return content > 0 && capitalised / content >= 0.75;
};

/**
 * Whether a line is chrome wherever it appears: navigation, a lone interface word, a bare link,
 * a line of site furniture, or a marker.
 */
export const isChromeLine = (line: string): boolean => {
  if (isMarkerLine(line)) return true;
  // Chrome lines are short; long paragraphs are content (link lists are caught line by line).
  if (line.length > 300) return false;
  if (isUiWord(line)) return true;
  if (isNavLine(line)) return true;
  if (isLinkLine(line) && wordShape(line.replace(URL, ' ')).words <= 6) return true;
  if (line.length <= 200 && !endsLikeSentence(line) && hasWebVocabulary(line)) return true;
  return false;
};

/**
 * Whether a line at the edge of the document (before the remarks begin or after they end) is
 * chrome: besides the general chrome, headings and link titles of other pages, a publisher's name
 * standing alone, short fragments without sentence punctuation, and footers in web vocabulary.
 */
export const isEdgeChrome = (line: string): boolean => {
  if (isChromeLine(line)) return true;
  if (line.length <= 300 && !endsLikeSentence(line) && (isTitleLike(line, 24) || wordShape(line).words <= 6)) return true;
  if (line.length <= 600 && hasStrongWebVocabulary(line)) return true;
  // Contact and "more information" footers: a short paragraph pointing at an address or a page.
  URL.lastIndex = 0;
  if (line.length <= 400 && mayHaveUrl(line) && URL.test(line)) return true;
  return isTitleLike(line, 24);
};
