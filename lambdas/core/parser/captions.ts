/**
 * Caption files (WebVTT, SubRip) read as transcripts. A video platform's or meeting tool's export
 * holds the words in timed cues, often a few words each and split mid-sentence; the parser reads the
 * words, not the timing. So a caption file becomes ordinary transcript text before anything else
 * reads it: cue numbers and timings go, consecutive cues of one voice join into one turn
 * ("NAME: …"; an unnamed voice is an "Unidentified speaker"), and a meeting title in the file's notes becomes the first line. That text is then
 * "the decoded text" every span points into, as line-ending normalisation already is.
 */

/** A cue's timing line: "00:00:02.140 --> 00:00:08.351" (SubRip writes "00:00:02,140"), settings after. */
const TIMING = /^(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}\s+-->\s+(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}\b/u;
/** A WebVTT voice span opening a cue's text: "<v Marisol Keane>", "<v.loud Esme>". */
const VOICE = /^<v(?:\.[\w.-]+)?\s+([^>]+)>/u;
/** Any other cue tag: <c.yellow>, <i>, </v>, a karaoke timestamp <00:00:01.000>. */
const TAG = /<\/?[^>\n]{0,60}>/gu;
/** A title in the file's notes: "Meeting title: …", "Title: …". */
const NOTE_TITLE = /^(?:meeting\s+)?(?:title|subject|topic)\s*:\s*(\S.*)$/iu;
/** A voice that names no one: "Guest (Phone) 2", "Speaker 3", "Unknown". */
const ANONYMOUS = /[\d()]|^(?:guest|speaker|unknown|participant|caller|attendee)\b/iu;

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&nbsp;': ' ', '&lrm;': '', '&rlm;': '' };

/** Whether the text is a caption file: "WEBVTT" first, or a SubRip cue ("1" then a timing line). */
export const isCaptionFile = (text: string): boolean => {
  if (text.startsWith('WEBVTT')) return /^WEBVTT(?:[ \t][^\n]*)?(?:\n|$)/u.test(text);
  const m = /^\s*\d+\n([^\n]*)\n/u.exec(text.slice(0, 200));
  return m !== null && TIMING.test(m[1]!);
};

/** The caption file as transcript text: a title line if the notes give one, then one paragraph per turn. */
export const captionsToTranscript = (text: string): string => {
  const blocks = text.split(/\n[^\S\n]*\n/u);
  let title: string | undefined;
  const turns: { voice: string | undefined; words: string[] }[] = [];
  for (const block of blocks) {
    const lines = block.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    if (lines.length === 0) continue;
    const head = lines[0]!;
    if (head.startsWith('WEBVTT') || head.startsWith('STYLE') || head.startsWith('REGION')) continue;
    if (head === 'NOTE' || head.startsWith('NOTE ')) {
      for (const line of [head.slice(4).trim(), ...lines.slice(1)]) title ??= NOTE_TITLE.exec(line)?.[1]?.trim();
      continue;
    }
    const timing = lines.findIndex((l) => TIMING.test(l));
    if (timing < 0 || timing > 1) continue;
    for (const raw of lines.slice(timing + 1)) {
      const voice = VOICE.exec(raw)?.[1]?.trim();
      const words = raw.replace(TAG, '').replace(/&(?:amp|lt|gt|nbsp|lrm|rlm);/gu, (e) => ENTITIES[e] ?? e).trim();
      if (words === '') continue;
      const last = turns[turns.length - 1];
      // A cue without a voice continues the voice before it.
      if (last && (voice === undefined || voice === last.voice)) last.words.push(words);
      else turns.push({ voice, words: [words] });
    }
  }
  const out: string[] = [];
  if (title) out.push(title);
  for (const { voice, words } of turns) {
    const said = words.join(' ').replace(/\s+/gu, ' ');
    if (voice === undefined) out.push(said);
    // (A voice's name as a label in capitals: a turn's label however few turns the voice has.)
    else out.push(`${ANONYMOUS.test(voice) ? 'Unidentified speaker' : voice.toUpperCase()}: ${said}`);
  }
  return out.join('\n\n') + '\n';
};
