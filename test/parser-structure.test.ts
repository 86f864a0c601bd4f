import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeBytes } from '../lambdas/core/parser/decode';
import fc from 'fast-check';
import { splitSentences, splitSentencesIn } from '../lambdas/core/parser/sentences';
import { findQuotations, MAX_STATEMENT_CHARS, structureTranscript } from '../lambdas/core/parser/structure';
import type { StructuredTranscript } from '../lambdas/core/parser/types';

const fixture = (name: string): string => {
  const decoded = decodeBytes(readFileSync(path.resolve(__dirname, '../fixtures/parser', name)));
  if (!decoded.ok) throw new Error(`fixture ${name} did not decode: ${decoded.reason}`);
  return decoded.text;
};
const seedText = (): string => readFileSync(path.resolve(__dirname, '../../shared/fixtures/seed/kazakhstan-visit-remarks.txt'), 'utf8');
const sentencesOf = (text: string): string[] => splitSentences(text).map(([a, b]) => text.slice(a, b));
const texts = (doc: StructuredTranscript): string[] => doc.statements.map((s) => s.text);
const expectSpansConsistent = (doc: StructuredTranscript): void => {
  for (const s of doc.statements) {
    expect(doc.text.slice(s.span[0], s.span[1])).toBe(s.text);
    for (const [a, b] of [...s.sentences, ...s.quotations]) {
      expect(a).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThanOrEqual(s.text.length);
      expect(b).toBeGreaterThan(a);
    }
  }
};

describe('findQuotations', () => {
  it('pairs curly quotes, guillemets and straight quotes', () => {
    const text = 'He said “we will” and «non» and "yes". “Open';
    expect(findQuotations(text)).toEqual([
      [9, 16],
      [23, 26],
      [33, 36],
    ]);
  });
});

describe('splitSentences', () => {
  it('reads a range in place exactly as it reads that range cut out', () => {
    const piece = fc.oneof(
      fc.constantFrom(' ', '\n', '\n\n', '. ', '.', '? ', '! ', '… ', 'Mr. ', 'U.S. ', 'J. ', 'No. 5 ', 'We ', 'the ', 'e.g. ', '” ', '“', '"', 'etc. ', 'Blinken', 'said'),
      fc.string({ maxLength: 5 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.nat(), fc.nat(), (parts, x, y) => {
        const text = parts.join('');
        const a = text.length === 0 ? 0 : x % (text.length + 1);
        const b = a + (text.length - a === 0 ? 0 : y % (text.length - a + 1));
        expect(splitSentencesIn(text, a, b)).toEqual(splitSentences(text.slice(a, b)));
      }),
      { numRuns: 500 },
    );
  });

  it('does not end sentences at titles, initials and dotted acronyms', () => {
    expect(sentencesOf('Mr. Price met Dr. Ortiz and Gen. Alvarez. Secretary Antony J. Blinken joined them.')).toEqual([
      'Mr. Price met Dr. Ortiz and Gen. Alvarez.',
      'Secretary Antony J. Blinken joined them.',
    ]);
    expect(sentencesOf('The U.S. Army and the U.N. Security Council agreed. The E.U. and the U.K. did too.')).toEqual([
      'The U.S. Army and the U.N. Security Council agreed.',
      'The E.U. and the U.K. did too.',
    ]);
    expect(sentencesOf('Amb. Reyes, Sen. Holt, Rep. Moss, Gov. Dane, Lt. Col. Park and St. Clair came. Good.')).toHaveLength(2);
  });

  it('ends a sentence after an acronym when a new sentence plainly starts', () => {
    expect(sentencesOf('We are grateful to the U.S. We will work with them.')).toEqual([
      'We are grateful to the U.S.',
      'We will work with them.',
    ]);
  });

  it('handles e.g., i.e., vs., No., decimals, ellipses and closing quotes', () => {
    expect(sentencesOf('Some partners, e.g. Canada, i.e. our neighbour, agreed. Item No. 4 costs 3.5 percent more.')).toEqual([
      'Some partners, e.g. Canada, i.e. our neighbour, agreed.',
      'Item No. 4 costs 3.5 percent more.',
    ]);
    expect(sentencesOf('He said, “We will not stop.” Then he left... And it was over… Really? Yes!')).toEqual([
      'He said, “We will not stop.”',
      'Then he left...',
      'And it was over…',
      'Really?',
      'Yes!',
    ]);
    expect(sentencesOf('“Why?” she asked. (See the annex.) The end.')).toEqual(['“Why?” she asked.', '(See the annex.)', 'The end.']);
    expect(sentencesOf('Smith vs. Jones was decided at 2:02 p.m. EDT on Friday.')).toHaveLength(1);
  });

  it('returns trimmed ranges and ends sentences at blank lines', () => {
    const text = '  A heading without a stop\n\nThe first sentence.  ';
    const ranges = splitSentences(text);
    expect(ranges.map(([a, b]) => text.slice(a, b))).toEqual(['A heading without a stop', 'The first sentence.']);
  });
});

describe('structureTranscript', () => {
  it('takes who speaks from a "Remarks by …" title when the page has no labels and no byline', () => {
    const doc = structureTranscript(
      'Remarks by Chargé d\'Affaires Lena Kowalski at the Opening of the Harbour Library\n\nGdansk, Poland\nMay 4, 2026\n\nGood morning, everyone. This library will serve the whole city.\n\nThank you.\n',
    );
    expect(doc.speakers).toEqual(["Chargé d'Affaires Lena Kowalski"]);
    expect(doc.statements.map((st) => st.speaker)).toEqual(["Chargé d'Affaires Lena Kowalski", "Chargé d'Affaires Lena Kowalski"]);
    const generic = structureTranscript('Statement by the Press Secretary on the Harbour Library\n\nThe library opens today.\n');
    expect(generic.speakers).toEqual([]);
  });

  it('strips navigation, share links, publisher names, link lists and footers from a web page', () => {
    const doc = structureTranscript(fixture('briefing-with-chrome.txt'));
    const all = texts(doc).join('\n');
    for (const chrome of ['Skip to main content', 'Home | Press', 'U.S. Department of State', 'Share', 'Print', 'Related Articles', 'Humanitarian Assistance for Flood', 'Back to top', 'Privacy Policy', 'All rights reserved', '(Laughter.)', 'The briefing was concluded']) {
      expect(all).not.toContain(chrome);
    }
    expect(doc.statements).toHaveLength(9);
    expect(doc.statements[0]!.text).toBe('Good afternoon, everyone. I have one announcement at the top and then I will turn to your questions.');
    expect(doc.statements.at(-1)!.text).toBe('Thanks, everyone.');
    expectSpansConsistent(doc);
  });

  it('strips a web page’s menus, section names, end marker and footer, and finds its own title', () => {
    const doc = structureTranscript(fixture('remarks-web-page.txt'));
    expect(doc.title).toBe('Remarks by President Halvorsen Before Marine One Departure');
    expect(doc.date).toBe('2023-06-03');
    expect(doc.speakers).toEqual(['President Halvorsen']);
    expect(doc.statements).toHaveLength(6);
    expect(doc.statements.at(-1)!.text).toBe('I say thank you for doing your job. (Laughter.) Seriously, we disagree, and that’s democracy.');
    const all = texts(doc).join('\n');
    for (const chrome of ['Skip to content', 'Menu', 'Briefing Room', 'South Lawn', 'END 11:15', 'Stay Connected', 'Opt in', 'Privacy Policy']) {
      expect(all).not.toContain(chrome);
    }
    expectSpansConsistent(doc);
  });

  it('strips breadcrumbs, tags and related-article lists around a readout', () => {
    const doc = structureTranscript(fixture('readout-web-page.txt'));
    expect(doc.title).toBe('Deputy Secretary Moreno’s Meeting with Kestrian Foreign Minister Aldana');
    expect(doc.date).toBe('2023-06-03');
    expect(doc.statements.map((s) => s.text.slice(0, 40))).toEqual([
      'Deputy Secretary Elena Moreno met today ',
      'Deputy Secretary Moreno thanked Foreign ',
    ]);
    expect(doc.statements.every((s) => s.speaker === 'Tomas Reyes')).toBe(true);
  });

  it('reads the title, date and place of the header', () => {
    const doc = structureTranscript(fixture('briefing-with-chrome.txt'));
    expect(doc.title).toBe('Department Press Briefing – March 3, 2023');
    expect(doc.date).toBe('2023-03-03');
    expect(doc.location).toBe('Washington, D.C.');
    const joint = structureTranscript(fixture('joint-remarks.txt'));
    expect(joint.date).toBe('2023-05-14');
    expect(joint.location).toBe('Tarnow, Estmark');
    // Author lines, the place and the venue are header lines, not statements.
    expect(texts(joint).some((t) => /Secretary of State|Government House|Tarnow, Estmark/.test(t))).toBe(false);
  });

  it('makes one speaker of every spelling of a label and resolves surnames to the header’s people', () => {
    const doc = structureTranscript(fixture('briefing-with-chrome.txt'));
    // MS. ELLISON, MS ELLISON and the typo MS. ELISON are one speaker, named by the author line.
    expect(doc.speakers).toEqual(['Mara Ellison']);
    const answers = doc.statements.filter((s) => !s.isQuestion);
    expect(new Set(answers.map((s) => s.speaker))).toEqual(new Set(['Mara Ellison']));
    const joint = structureTranscript(fixture('joint-remarks.txt'));
    expect(joint.speakers).toEqual(['Rowan T. Hartwell', 'Ilse Varga']);
    expect(joint.statements.at(-1)).toMatchObject({ speaker: 'Rowan T. Hartwell', text: 'Thank you, Ilse.' });
  });

  it('keeps speakers apart when labels differ by more than a typo or only by honorific', () => {
    const doc = structureTranscript(
      'MR PRICE: One.\n\nMR. PRICE: Two.\n\nMS PRICE: Three.\n\nOFFICIAL ONE: Four.\n\nOFFICIAL TWO: Five.\n\nSPEAKER 1: Six.\n\nSPEAKER 2: Seven.',
    );
    expect(doc.statements.map((s) => s.speaker)).toEqual([
      'Mr. Price', 'Mr. Price', 'Ms. Price', 'Official One', 'Official Two', 'Speaker 1', 'Speaker 2',
    ]);
  });

  it('marks questions and attaches words after a bare label to that speaker', () => {
    const doc = structureTranscript(fixture('briefing-with-chrome.txt'));
    const question = doc.statements.find((s) => s.text.startsWith('On a different topic'));
    expect(question).toMatchObject({ isQuestion: true, speaker: 'Question' });
    expect(texts(doc)).not.toContain('QUESTION:');
    const q = structureTranscript('Q: Is it true?\n\nTHE SECRETARY: It is.\n\nQUESTION: Thanks.');
    expect(q.statements.map((s) => [s.speaker, s.isQuestion ?? false, s.text])).toEqual([
      ['Question', true, 'Is it true?'],
      ['The Secretary', false, 'It is.'],
      ['Question', true, 'Thanks.'],
    ]);
  });

  it('reads older press conferences: President header, period labels, Q. and transcriber notes', () => {
    const doc = structureTranscript(fixture('press-conference-1960s.txt'));
    expect(doc.speakers).toEqual(['Harold J. Whitcombe']);
    expect(doc.statements.map((s) => s.isQuestion ?? false)).toEqual([false, false, true, false, true, false, true]);
    expect(texts(doc)).not.toContain('(Laughter.)');
    expect(texts(doc).some((t) => t.startsWith('President:') || t.startsWith('THE PRESIDENT'))).toBe(false);
    expectSpansConsistent(doc);
  });

  it('attributes a statement to the person an attribution line names', () => {
    const doc = structureTranscript(fixture('readout.txt'));
    expect(doc.statements).toHaveLength(1);
    expect(doc.statements[0]!.speaker).toBe('Tomas Reyes');
    expect(doc.statements[0]!.text.startsWith('Secretary of State Rowan T. Hartwell spoke today')).toBe(true);
  });

  it('joins hard-wrapped lines into paragraphs (CRLF input)', () => {
    const doc = structureTranscript(fixture('wrapped-remarks.txt'));
    expect(doc.title).toBe('Remarks at the Harbor Forum');
    expect(doc.statements).toHaveLength(2);
    expect(doc.statements[0]!.text.replace(/\s+/g, ' ')).toBe(
      'Good evening. It is an honor to stand on this pier with the mayor and so many friends of the port. Forty years ago this harbor was closed to trade; today it moves more cargo than any port on the coast.',
    );
    expect(doc.statements[0]!.sentences).toHaveLength(3);
  });

  it('records quotations as ranges inside the quoting statement, not as statements of their own', () => {
    const doc = structureTranscript(seedText());
    const quoting = doc.statements.find((s) => s.text.includes('your heart is like a mirror'))!;
    expect(quoting.quotations).toHaveLength(1);
    const [a, b] = quoting.quotations[0]!;
    expect(quoting.text.slice(a, b)).toBe('your heart is like a mirror, if you don’t keep it clean it will reflect the world distorted,');
    expect(texts(doc).filter((t) => t.includes('your heart is like a mirror'))).toHaveLength(1);
  });

  it('does not record the seed’s trailing publisher name and other page heading as statements', () => {
    const doc = structureTranscript(seedText());
    expect(texts(doc)).not.toContain('U.S. Department of State');
    expect(texts(doc)).not.toContain('The Lessons of 1989: Freedom and Our Future');
    expect(doc.statements.at(-1)!.text.startsWith('The United States remains ready to support')).toBe(true);
    expectSpansConsistent(doc);
  });

  it('splits long paragraphs at sentence boundaries', () => {
    const sentence = 'The delegation discussed energy security, trade and the protection of journalists in the region. ';
    const text = `REMARKS\n\n${sentence.repeat(40).trim()}`;
    const doc = structureTranscript(text);
    expect(doc.statements.length).toBeGreaterThan(3);
    for (const s of doc.statements) {
      expect(s.text.length).toBeLessThanOrEqual(MAX_STATEMENT_CHARS);
      expect(s.text.endsWith('region.')).toBe(true);
    }
    expect(doc.statements.map((s) => s.text).join(' ')).toBe(sentence.repeat(40).trim());
    expectSpansConsistent(doc);
  });

  it('takes the title from metadata when the text has no heading, else from the first sentence', () => {
    const body = 'We welcome the release of the journalists held in the capital since March and call for the release of all others.';
    expect(structureTranscript(body, { title: 'Release of Journalists' }).title).toBe('Release of Journalists');
    const fallback = structureTranscript(body).title;
    expect(fallback.endsWith('…')).toBe(true);
    expect(body.startsWith(fallback.slice(0, -1))).toBe(true);
    expect(structureTranscript(body, { date: '2022-05-20T10:00:00Z' }).date).toBe('2022-05-20');
  });

  it('reads a news-style dateline at the start of the first paragraph', () => {
    const doc = structureTranscript('NUR-SULTAN, Kazakhstan, May 20, 2022 — The Secretary met the Foreign Minister today.');
    expect(doc.location).toBe('Nur-Sultan, Kazakhstan');
    expect(doc.date).toBe('2022-05-20');
    expect(doc.statements[0]!.text).toBe('The Secretary met the Foreign Minister today.');
    expectSpansConsistent(doc);
  });

  it('reads labels with a parenthetical, heading-like Key: Value lines, Markdown titles and lead-ins', () => {
    const doc = structureTranscript(
      'PRESS BRIEFING: UKRAINE UPDATE\n\nFOREIGN MINISTER LAVROV (as interpreted): We do not agree.\n\nSECRETARY BLINKEN (via video): We do.\n\nBegin text:\n\nThe end of the war is near. We hope so.\n\nEnd text.',
    );
    expect(doc.title).toBe('PRESS BRIEFING: UKRAINE UPDATE');
    expect(doc.statements.map((s) => [s.speaker, s.text])).toEqual([
      ['Foreign Minister Lavrov', 'We do not agree.'],
      ['Secretary Blinken', 'We do.'],
      ['Secretary Blinken', 'The end of the war is near. We hope so.'],
    ]);
    expect(structureTranscript('# Remarks at the Port\n\nGood evening, all of you.').title).toBe('Remarks at the Port');
    const opening = structureTranscript('MODERATOR: Good afternoon, everyone\n\nMR PRICE: Thank you.');
    expect(opening.statements.map((s) => [s.speaker, s.text])).toEqual([
      ['Moderator', 'Good afternoon, everyone'],
      ['Mr. Price', 'Thank you.'],
    ]);
  });

  it('reads recurring Title Case name labels of a dialogue, and Q:/A: turns', () => {
    const doc = structureTranscript(
      'Interview with the Secretary\n\nRowan T. Hartwell, Secretary of State\n\nBrennan: Welcome back.\n\nHartwell: Thanks for having me.\n\nBrennan: What happened in Tarnow?\n\nHartwell: We signed an agreement.\n\nSecond: a line that only once looks like a label.',
    );
    expect(doc.statements.map((s) => s.speaker)).toEqual(['Brennan', 'Rowan T. Hartwell', 'Brennan', 'Rowan T. Hartwell', 'Rowan T. Hartwell']);
    expect(doc.statements.at(-1)!.text).toBe('Second: a line that only once looks like a label.');
    const qa = structureTranscript('Q: How are you?\n\nA: Fine, thanks.\n\nQ: And the talks?\n\nA: Productive.');
    expect(qa.statements.map((s) => [s.speaker, s.isQuestion ?? false])).toEqual([
      ['Question', true],
      ['Answer', false],
      ['Question', true],
      ['Answer', false],
    ]);
  });

  it('reads Title Case role labels with a full stop and merges short forms of a longer label', () => {
    const doc = structureTranscript(
      'President: Harold J. Whitcombe\n\nQ. Mr. President, will you run again?\n\nThe President. Well, we will see.\n\n**   JANE MORROW:** Good evening.\n\n**MORROW: **Senator, two minutes.\n\n**SENATOR ALAN REEVE:** Thank you.\n\n**SENATOR REEVE:** And again, thank you.',
    );
    expect(doc.statements.map((s) => s.speaker)).toEqual([
      'Question', 'Harold J. Whitcombe', 'Jane Morrow', 'Jane Morrow', 'Senator Alan Reeve', 'Senator Alan Reeve',
    ]);
    expect(doc.statements[1]!.text).toBe('Well, we will see.');
    expect(doc.statements[3]!.text).toBe('Senator, two minutes.');
  });

  it('reads role-first author lines but not headlines that end with a name', () => {
    const byline = structureTranscript('Ambassador at Large for Maritime Affairs Paulo Aldana\n\nAMBASSADOR ALDANA: Thank you.');
    expect(byline.speakers).toEqual(['Paulo Aldana']);
    const headline = structureTranscript('Deputy Secretary Moreno’s Meeting with Paulo Aldana\n\nOffice of the Spokesperson\n\nThe Deputy Secretary met Paulo Aldana.');
    expect(headline.title).toBe('Deputy Secretary Moreno’s Meeting with Paulo Aldana');
    const event = structureTranscript(
      'Secretary Paulo Aldana at the 2026 Maritime Heritage Award Ceremony\n\nPaulo Aldana, Secretary of State\n\nMarch 8, 2026\n\nSECRETARY ALDANA: Thank you all for coming this morning to honour the winners.',
    );
    expect(event.title).toBe('Secretary Paulo Aldana at the 2026 Maritime Heritage Award Ceremony');
  });

  it('drops cookie notices and legal footers written as full sentences', () => {
    const doc = structureTranscript(
      'We use cookies to improve your experience.\n\nBy continuing, you agree to our Privacy Policy.\n\nRemarks on Trade\n\nThank you all for coming today. Trade matters.\n\nAll rights reserved.',
    );
    expect(doc.title).toBe('Remarks on Trade');
    expect(texts(doc)).toEqual(['Thank you all for coming today. Trade matters.']);
  });

  it('reads labels after a video timestamp and drops photo captions', () => {
    const doc = structureTranscript(
      '[00:01:23] SECRETARY HARTWELL: Good morning.\n\n[00:01:30] QUESTION: Is the deal done?\n\nSecretary Hartwell meets Minister Varga in Tarnow. [Photo by Jane Roe/ Public Domain]\n\n01:45 SECRETARY HARTWELL: It is.',
    );
    expect(doc.statements.map((s) => [s.speaker, s.text])).toEqual([
      ['Secretary Hartwell', 'Good morning.'],
      ['Question', 'Is the deal done?'],
      ['Secretary Hartwell', 'It is.'],
    ]);
  });

  it('does not take a sentence starting with "End" for an end-of-remarks marker', () => {
    const doc = structureTranscript('Opening remarks.\n\nEnd of the war is near, we believe.\n\nWe will keep working for peace.');
    expect(doc.statements).toHaveLength(3);
  });

  it('takes a sentence-case headline followed by a date or page chrome for the title, then reads the dateline', () => {
    const doc = structureTranscript(
      [
        'Home > News > Press Releases',
        'Minister meets Ruritanian counterpart in Strelsau, pledges support for court reform',
        '2026-04-22',
        'Share on Facebook',
        'STRELSAU, 22 April 2026 – On Wednesday the two ministers met to discuss reform of the courts and energy links between their countries.',
      ].join('\n'),
    );
    expect(doc.title).toBe('Minister meets Ruritanian counterpart in Strelsau, pledges support for court reform');
    expect(doc.date).toBe('2026-04-22');
    expect(doc.location).toBe('Strelsau');
    expect(texts(doc)).toEqual(['On Wednesday the two ministers met to discuss reform of the courts and energy links between their countries.']);
  });

  it('drops a link list in sentence case under its "Related Articles" heading at the end', () => {
    const doc = structureTranscript(
      [
        'Statement on the Harbour Agreement',
        '',
        'The two governments signed an agreement today on the management of the shared harbour and its fisheries.',
        '',
        'Both sides will meet again in the autumn to review progress on the agreement.',
        '',
        'Related Articles',
        'Minister at the OSCE: elections in the region must be free and fair',
        'Ministry allocates additional humanitarian aid to refugees',
        '© 2026 Ministry of Foreign Affairs. All rights reserved.',
      ].join('\n'),
    );
    expect(texts(doc)).toEqual([
      'The two governments signed an agreement today on the management of the shared harbour and its fisheries.',
      'Both sides will meet again in the autumn to review progress on the agreement.',
    ]);
  });

  it('drops a link list under a bare "Related" heading after share links', () => {
    const doc = structureTranscript(
      [
        'Remarks at the Water Forum',
        '',
        'Thank you all for coming. The rivers of this valley carry more runoff every year, and the committees here keep the accounts.',
        '',
        'Share this page',
        'Email',
        'Print',
        'Related',
        'Embassy announces new support for election observation in the region',
        'Statement on sanctions against officials undermining democracy',
        'Ambassador visits shelter for survivors of human trafficking',
        'Scholarship alumni meet in the old capital',
      ].join('\n'),
    );
    expect(texts(doc)).toEqual(['Thank you all for coming. The rivers of this valley carry more runoff every year, and the committees here keep the accounts.']);
  });

  it('drops every attribution line of a page holding several readouts and attributes each readout', () => {
    const doc = structureTranscript(
      [
        'Secretary’s Call with Foreign Minister Dalen',
        'The following is attributable to Spokesperson Tomas Reyes:',
        'The Secretary spoke today with Foreign Minister Dalen about the flood response and humanitarian access.',
        'Deputy Secretary’s Meeting with Foreign Minister Varga',
        'The following is attributable to Deputy Spokesperson Mara Ellison:',
        'The Deputy Secretary met today with Foreign Minister Varga to discuss energy security in the region.',
      ].join('\n\n'),
    );
    expect(doc.statements.map((s) => [s.speaker, s.text.slice(0, 30)])).toEqual([
      ['Tomas Reyes', 'The Secretary spoke today with'],
      ['Mara Ellison', 'The Deputy Secretary met today'],
    ]);
  });

  it('reads "Special Briefing: …" on the first line as the title, not as a speaker label', () => {
    const doc = structureTranscript(
      'Special Briefing: Update on Maritime Security, Port Inspections and the Protection of Fishing Crews in the Strait\nOctober 14, 2026\n\nMODERATOR: Good morning, everyone, and thank you for joining us today.',
    );
    expect(doc.title).toBe('Special Briefing: Update on Maritime Security, Port Inspections and the Protection of Fishing Crews in the Strait');
    expect(doc.date).toBe('2026-10-14');
    expect(doc.speakers).toEqual(['Moderator']);
  });

  it('reads a GOV.UK-style header: cookie banner, headline, standfirst, "From:" and "Published" lines', () => {
    const doc = structureTranscript(
      [
        'Cookies on GOV.UK',
        'We use some essential cookies to make this website work.',
        'Accept additional cookies',
        'Skip to main content',
        'Press release',
        'Ruritania announces new support for survivors of the floods in the north',
        'The Foreign Secretary has announced new funding to support survivors of the floods and to rebuild their homes and schools.',
        'From: Foreign Office and The Rt Hon Ilse Marten MP',
        'Published 19 June 2026',
        '',
        'Ruritania will provide new funding to support survivors of the floods, the Foreign Secretary announced today.',
      ].join('\n'),
    );
    expect(doc.title).toBe('Ruritania announces new support for survivors of the floods in the north');
    expect(doc.date).toBe('2026-06-19');
    expect(texts(doc)).toEqual(['Ruritania will provide new funding to support survivors of the floods, the Foreign Secretary announced today.']);
  });

  it('takes a sentence-case headline above short lines and a date for the title (an EU declaration)', () => {
    const doc = structureTranscript(
      'Ruritania: Declaration by the High Representative on behalf of the EU on the adoption of the law on "foreign agents"\n\nPress release\n14 May 2026\nCouncil of the EU\n\n1. The European Union deplores the adoption of the law by the Parliament of Ruritania.',
    );
    expect(doc.title).toBe('Ruritania: Declaration by the High Representative on behalf of the EU on the adoption of the law on "foreign agents"');
    expect(doc.date).toBe('2026-05-14');
    expect(texts(doc)).toEqual(['1. The European Union deplores the adoption of the law by the Parliament of Ruritania.']);
  });

  it('reads a Title Case dateline with a numeric date, and no headline ending "in <place>" for an author line', () => {
    const doc = structureTranscript(
      'U.S. Government Launches $15 Million Program to Protect Wildlife in Northern Strelsau\n\nStrelsau, 23/3/2026 – Today the Ambassador launched a program to protect wildlife and water resources in the north.',
    );
    expect(doc.title).toBe('U.S. Government Launches $15 Million Program to Protect Wildlife in Northern Strelsau');
    expect([doc.date, doc.location, doc.speakers]).toEqual(['2026-03-23', 'Strelsau', []]);
    expect(texts(doc)).toEqual(['Today the Ambassador launched a program to protect wildlife and water resources in the north.']);
  });

  it('reads one Title Case name label answering outlets named once (a ministry press conference)', () => {
    const doc = structureTranscript(
      [
        'Reuters: What is the ministry’s response to the report?',
        'Lin Jiahui: We have seen the report and reject it.',
        'Bloomberg: Will the minister travel next week?',
        'Lin Jiahui: I have no information to offer on that.',
        'Phoenix TV: Can you comment on the talks?',
        'Lin Jiahui: The talks were candid and constructive.',
      ].join('\n\n'),
    );
    expect(doc.speakers).toEqual(['Lin Jiahui']);
    expect(doc.statements.map((st) => [st.isQuestion ?? false, st.text.slice(0, 12)])).toEqual([
      [true, 'What is the '],
      [false, 'We have seen'],
      [true, 'Will the min'],
      [false, 'I have no in'],
      [true, 'Can you comm'],
      [false, 'The talks we'],
    ]);
  });

  it('reads a readout page: a title ending "Jr.", a "provided the following readout:" line, a newsletter footer', () => {
    const doc = structureTranscript(
      [
        'Readout of Secretary of Defense Ilse Marten’s Meeting With Ruritanian Secretary of National Defense Amani Koros Jr.',
        'Release\nMay 3, 2026',
        'Pentagon Press Secretary Air Force Maj. Gen. Pat Ryder provided the following readout:',
        'Secretary of Defense Ilse Marten welcomed Ruritanian Secretary of National Defense Amani Koros Jr. to the Pentagon today for their fourth meeting in the past year.',
        'Subscribe to Defense.gov Products\nChoose which Defense.gov products you want delivered to your inbox.',
      ].join('\n\n'),
    );
    expect(doc.title).toBe('Readout of Secretary of Defense Ilse Marten’s Meeting With Ruritanian Secretary of National Defense Amani Koros Jr.');
    expect(doc.date).toBe('2026-05-03');
    expect(doc.statements.map((st) => [st.speaker, st.text.slice(0, 30)])).toEqual([['Pat Ryder', 'Secretary of Defense Ilse Mart']]);
  });

  it('reads "As delivered by … to the Permanent Council" as the author line', () => {
    const doc = structureTranscript(
      'On the Anniversary of the Flood\n\nAs delivered by Chargé d’Affaires, a.i. Katherine Brucker-Nwosu\nto the Permanent Council, Vienna\nJuly 10, 2026\n\nThank you, Madam Chair. Tomorrow marks the anniversary of the flood that took so many lives.',
    );
    expect([doc.title, doc.date, doc.speakers]).toEqual(['On the Anniversary of the Flood', '2026-07-10', ['Katherine Brucker-Nwosu']]);
  });

  it('drops a news page’s sentence-case subheadings and consecutive link lists', () => {
    const long = 'The agency chief warned that outbreaks had increased sharply in the camps during the last season, and that the number of health workers had fallen because of funding shortfalls this year.';
    const doc = structureTranscript(
      [
        'Refugees face cuts as funding dries up, agency chief warns',
        '12 March 2026',
        long,
        'Cholera and dengue on the rise',
        long.replace('agency chief', 'chief'),
        'Related Stories',
        'Myanmar: rights chief alarmed by airstrikes on schools',
        'Latest News',
        'Gaza: aid convoys blocked for third day',
        'Download the UN News app for your iOS or Android devices.',
      ].join('\n\n'),
    );
    expect(doc.statements).toHaveLength(2);
  });

  it('drops a publisher banner in capitals and a breadcrumb trail ending in the page’s long title', () => {
    const doc = structureTranscript(
      [
        'U.S. DEPARTMENT of STATE',
        'Home ›› Office of the Spokesperson ›› Press Releases ›› Statement on the Verdict Against Journalist ...',
        'Statement on the Verdict Against Journalist Ilse Marten',
        'PRESS STATEMENT',
        'Tomas Reyes, Secretary of State',
        'October 2, 2026',
        '',
        'The United States is deeply concerned by the conviction today of journalist Ilse Marten on charges of spreading false news.',
      ].join('\n'),
    );
    expect([doc.title, doc.date, doc.speakers]).toEqual(['Statement on the Verdict Against Journalist Ilse Marten', '2026-10-02', ['Tomas Reyes']]);
    expect(doc.statements).toHaveLength(1);
  });

  it('keeps the signature blocks that end a joint statement as statements, not a link list under its heading, and reads a "Place, Country — date" line', () => {
    const doc = structureTranscript(
      [
        'Joint Statement of Aravia and Norland on Rivers',
        '',
        'Port Elm, Aravia — 4 June 2027',
        '',
        'Our two governments will share river data and protect wetlands together for the next decade.',
        '',
        'For the Government of the Republic of Aravia:',
        'Joseph arap Kemboi',
        'Cabinet Secretary for Foreign and Diaspora Affairs',
        '',
        'For the Government of Norland:',
        'María Fernanda Ruiz de la Peña',
        'Minister of Foreign Affairs and Worship',
        '',
        'Related Articles',
        'Minister Ruiz at the Council: elections must be free and fair',
        '© 2027 Ministry of Foreign Affairs of Norland',
      ].join('\n'),
    );
    expect([doc.date, doc.location]).toEqual(['2027-06-04', 'Port Elm, Aravia']);
    expect(texts(doc)).toEqual([
      'Our two governments will share river data and protect wetlands together for the next decade.',
      'For the Government of the Republic of Aravia:\nJoseph arap Kemboi\nCabinet Secretary for Foreign and Diaspora Affairs',
      'For the Government of Norland:\nMaría Fernanda Ruiz de la Peña\nMinister of Foreign Affairs and Worship',
    ]);
    expect(doc.statements.map((st) => st.speaker)).toEqual([undefined, undefined, undefined]);
    expectSpansConsistent(doc);
  });

  it('reads a "weekday, date, time, venue, city" line as date and place, so section headings after it are no title', () => {
    const doc = structureTranscript(
      [
        'Ministry of Foreign Affairs',
        '',
        'Press Conference by Press Secretary Ren Aoki',
        '',
        'Wednesday, November 18, 2026, 4:05 p.m., Press Conference Room, Ministry of Foreign Affairs, Tokyo',
        '',
        '(1) Visit by the Minister of Foreign Affairs of the Republic of Chile, Ms. Valeria Ortiz Campos',
        '',
        'Press Secretary Aoki: Good afternoon. I have one item to begin with, the visit of the Chilean minister next week.',
        '',
        'Journalist (NHK): Will the ministers sign an agreement?',
        '',
        'Press Secretary Aoki: They intend to.',
      ].join('\n'),
    );
    expect([doc.title, doc.date, doc.location]).toEqual(['Press Conference by Press Secretary Ren Aoki', '2026-11-18', 'Tokyo']);
    expect(texts(doc)[0]).toBe('Good afternoon. I have one item to begin with, the visit of the Chilean minister next week.');
  });

  it('reads a dateline that opens the attribution line of a readout: place and date, and the spokesperson speaks', () => {
    const doc = structureTranscript(
      [
        'Deputy Secretary’s Meeting with Norland’s Foreign Minister',
        'Readout',
        'Office of the Spokesperson',
        'November 15, 2025',
        '',
        'PUNTA VERDE, Norland — The following is attributable to Spokesperson Daniel Achter:',
        '',
        'The Deputy Secretary met today with Foreign Minister Ana Ruiz on the margins of the summit.',
      ].join('\n'),
    );
    expect([doc.date, doc.location]).toEqual(['2025-11-15', 'Punta Verde, Norland']);
    expect(doc.statements.map((st) => [st.speaker, st.text])).toEqual([
      ['Daniel Achter', 'The Deputy Secretary met today with Foreign Minister Ana Ruiz on the margins of the summit.'],
    ]);
  });

  it('reads a government press conference: "City, Weekday, date", a "Speakers:" list, long office-and-surname labels, and an outlet in a question\'s brackets is no speaker', () => {
    const doc = structureTranscript(
      [
        'Government Press Conference of 19 November 2025',
        'Berlin, Wednesday, 19 November 2025',
        'Speakers: Deputy Government Spokesperson Sabine Hartung; Yusuf Demirel, Spokesperson for the Federal Foreign Office; Katrin Albers, Spokesperson for the Federal Ministry for Economic Affairs',
        '',
        'Deputy Government Spokesperson Hartung: Good morning. I have one item from the Cabinet today.',
        '',
        'Question (Radio Spreewelle): Ms Albers, how effective are the export controls?',
        '',
        'Spokesperson for the Federal Ministry for Economic Affairs Albers: We take the reports seriously.',
        '',
        'Question: And the Foreign Office?',
        '',
        'Spokesperson for the Federal Foreign Office Demirel: We are in touch with our partners.',
      ].join('\n'),
    );
    expect([doc.date, doc.location]).toEqual(['2025-11-19', 'Berlin']);
    expect(doc.statements.map((st) => st.speaker)).toEqual(['Sabine Hartung', 'Question', 'Katrin Albers', 'Question', 'Yusuf Demirel']);
    expect(doc.speakers).toEqual(['Sabine Hartung', 'Katrin Albers', 'Yusuf Demirel']);
  });

  it('takes a breadcrumb with fraction slashes for chrome and "X City" alone on a line for the place', () => {
    const doc = structureTranscript(
      [
        'Home ⁄ Office of the Spokesperson ⁄ Press Releases ⁄ International Day of Remembrance',
        'International Day of Remembrance',
        'Kestrel City',
        'December 8, 2023',
        '',
        'Today we remember the victims of violence based on religion or belief.',
      ].join('\n'),
    );
    expect([doc.title, doc.location, doc.date, texts(doc)]).toEqual([
      'International Day of Remembrance',
      'Kestrel City',
      '2023-12-08',
      ['Today we remember the victims of violence based on religion or belief.'],
    ]);
  });

  it('reads a city in capitals before a date as the place ("NEW YORK, 14 October 2025")', () => {
    const doc = structureTranscript('Daily Press Briefing by the Office of the Spokesperson\nNEW YORK, 14 October 2025\n\nSpokesperson: Good afternoon. A few notes first.');
    expect([doc.location, doc.date]).toEqual(['New York', '2025-10-14']);
  });

  it('takes the US government banner for chrome, not the title, and a one-word place before a date line', () => {
    const doc = structureTranscript(
      [
        'Skip to main content',
        'An official website of the United States government',
        'Department Press Briefing – October 15, 2026',
        '',
        'Joint Statement of the Presidents',
        '',
        'Kiranda, 3 November 2026',
        '',
        'The two Presidents held talks in restricted and expanded formats at State House.',
      ].join('\n'),
    );
    expect(doc.statements.map((st) => st.text)).toEqual(['The two Presidents held talks in restricted and expanded formats at State House.']);
    expect([doc.title, doc.location]).toEqual(['Department Press Briefing – October 15, 2026', 'Kiranda']);
  });

  it('keeps a hard-wrapped speech\'s title block apart: title, "Remarks by Ambassador X" as the speaker, the office line, "City, date"', () => {
    const body = Array.from({ length: 6 }, (_, k) =>
      [
        `Paragraph ${k + 1} of the speech runs on across several lines that were broken by the`,
        'program that extracted it from a file, each line close to the same width as the',
        'others, and it ends with a sentence that stops well short of the right margin.',
      ].join('\n'),
    );
    const doc = structureTranscript(
      [
        'Address to the Harbour Policy Council: Resilience, Energy and Open Societies',
        'Remarks by Ambassador Priya Raman',
        'Special Envoy for Northern European Partnerships',
        'Riga, 12 March 2025',
        '',
        body.join('\n\n'),
      ].join('\n'),
    );
    expect([doc.title, doc.date, doc.location, doc.speakers]).toEqual(['Address to the Harbour Policy Council: Resilience, Energy and Open Societies', '2025-03-12', 'Riga', ['Priya Raman']]);
    expect(doc.statements[0]!.text.startsWith('Paragraph 1 of the speech')).toBe(true);
    const titled = structureTranscript('Remarks by Ambassador Priya Raman\n\nRiga, 12 March 2025\n\nThank you all for coming today.');
    expect([titled.title, titled.speakers]).toEqual(['Remarks by Ambassador Priya Raman', ['Ambassador Priya Raman']]);
  });

  it('takes a headline in capitals for the title (no author line), a masthead "Outlet | Published <date>" under a quoted headline, and a bilingual "City, date / date" line', () => {
    const caps = structureTranscript(
      'FOREIGN MINISTER OKONKWO AND ESTMARK COUNTERPART AGREE TO DEEPEN TRADE AND MARITIME SECURITY TIES\n\nPORT SALVIN, 4 JUNE 2025 — The two ministers held talks today.',
    );
    expect([caps.title, caps.speakers, caps.location]).toEqual(['FOREIGN MINISTER OKONKWO AND ESTMARK COUNTERPART AGREE TO DEEPEN TRADE AND MARITIME SECURITY TIES', [], 'Port Salvin']);
    const interview = structureTranscript(
      '"The ocean will not wait for us": Foreign Minister Kautoga on climate, trade and her country\'s future\n\nThe Southern Ledger | Published 23 October 2025\n\nShe became foreign minister eighteen months ago.',
    );
    expect([interview.title, interview.date, texts(interview)]).toEqual([
      '"The ocean will not wait for us": Foreign Minister Kautoga on climate, trade and her country\'s future',
      '2025-10-23',
      ['She became foreign minister eighteen months ago.'],
    ]);
    const bilingual = structureTranscript(
      'Flood Relief for the Southern Region / Aide aux sinistrés des inondations dans la région du Sud\n\nPort-Lumière, 18 September 2025 / le 18 septembre 2025\n\nThe Embassy expresses its deep solidarity with the people of the region.',
    );
    expect([bilingual.title, bilingual.date, bilingual.location]).toEqual(['Flood Relief for the Southern Region / Aide aux sinistrés des inondations dans la région du Sud', '2025-09-18', 'Port-Lumière']);
  });

  it('reads an op-ed page: "By Ambassador X Y Z" is the author, who speaks, and "first appeared in … on <date>" gives the date', () => {
    const doc = structureTranscript(
      [
        'Home › Current affairs › Opinion pieces',
        '',
        'Sunlight and Steady Partners: What Our Two Countries Can Build',
        '',
        'By Ambassador Aino Kristiina Lehto',
        '',
        'This article first appeared in the Harbour Business Monitor on 5 June 2024.',
        '',
        'Every June we are reminded that the choices we make about land and water are choices about livelihoods.',
      ].join('\n'),
    );
    expect([doc.title, doc.date, doc.speakers]).toEqual(['Sunlight and Steady Partners: What Our Two Countries Can Build', '2024-06-05', ['Aino Kristiina Lehto']]);
    expect(texts(doc)).toEqual(['Every June we are reminded that the choices we make about land and water are choices about livelihoods.']);
  });

  it('names a reporter who opens a question with name and outlet, but not a country or a greeting; "FACT SHEET:" after the end mark is no turn', () => {
    const doc = structureTranscript(
      [
        'Department Press Briefing',
        '',
        'MR OKAFOR: Good afternoon. Let me start with Sudan.',
        '',
        'QUESTION: Thanks, Daniel. Priya Raman, Global Wire. What changes now?',
        '',
        'MR OKAFOR: The cost goes up.',
        '',
        'QUESTION: Hi, Lukas Brenner from Deutsche Funkdienst. Any news on our colleague?',
        '',
        'MR OKAFOR: We are aware of the case.',
        '',
        'QUESTION: Thank you. North Korea, can you say more?',
        '',
        'MR OKAFOR: Not today.',
        '',
        '###',
        '',
        'FACT SHEET: New Steps to Strengthen Energy Security',
      ].join('\n'),
    );
    expect(doc.speakers).toEqual(['Mr. Okafor', 'Priya Raman', 'Lukas Brenner']);
    expect(texts(doc).some((t) => t.includes('Energy Security'))).toBe(false);
  });

  it('reads a town hall: a surname label names the person of the title (double surname), a host and an asker who say their names speak as themselves', () => {
    const doc = structureTranscript(
      [
        'Ambassador Tomás Echeverri Ruiz at a Town Hall with Students',
        '',
        'MODERATOR: Good evening, everyone. My name is Lucía Bermúdez Cárdenas and I chair the society.',
        '',
        'ECHEVERRI: Thank you, Lucía. It is a pleasure to be here.',
        '',
        'MODERATOR: Let us go to questions.',
        '',
        'Audience member: Hello, my name is Valentina Ospina Restrepo. What about scholarships?',
        '',
        'ECHEVERRI: There are several.',
        '',
        'Audience member: I am a second-year student. And loans?',
        '',
        'ECHEVERRI: Those too.',
      ].join('\n'),
    );
    expect(doc.statements.map((st) => st.speaker)).toEqual([
      'Lucía Bermúdez Cárdenas',
      'Tomás Echeverri Ruiz',
      'Lucía Bermúdez Cárdenas',
      'Valentina Ospina Restrepo',
      'Tomás Echeverri Ruiz',
      'Audience Member',
      'Tomás Echeverri Ruiz',
    ]);
    expect(doc.speakers).toEqual(['Lucía Bermúdez Cárdenas', 'Tomás Echeverri Ruiz', 'Valentina Ospina Restrepo']);
  });

  it('keeps signatories written "Name, Office" on one line under each party as signature statements', () => {
    const doc = structureTranscript(
      [
        'Joint Statement on the River Basin',
        '',
        '1. Ministers agreed to share river data and to protect wetlands together for the next decade.',
        '',
        'For the Government of the Republic of Aravia:',
        'Dr. Ilse Brandvold, Minister of Foreign Affairs',
        'Mr. Kemal Aydin, Minister of Environment and Spatial Planning',
        '',
        'For the Government of the Kingdom of Norland:',
        'H.E. Sheikh Tariq bin Hamad Al-Mansouri, Minister of State for Foreign Affairs',
      ].join('\n'),
    );
    expect(texts(doc)).toEqual([
      '1. Ministers agreed to share river data and to protect wetlands together for the next decade.',
      'For the Government of the Republic of Aravia:\nDr. Ilse Brandvold, Minister of Foreign Affairs\nMr. Kemal Aydin, Minister of Environment and Spatial Planning',
      'For the Government of the Kingdom of Norland:\nH.E. Sheikh Tariq bin Hamad Al-Mansouri, Minister of State for Foreign Affairs',
    ]);
  });

  it('reads a Hansard page: the office with its holder in brackets speaks, members are labelled with constituency and party, and the volume line is a date', () => {
    const doc = structureTranscript(
      [
        'Norland: Flood Response',
        'Volume 790: debated on Tuesday 14 October 2025',
        '12.34 pm',
        'The Minister of State for Development (Ms Harriet Lowe)',
        'With permission, Mr Speaker, I will make a statement on the floods in Norland and our response to them.',
        '',
        'Mr Tobias Wren (Northfield) (Lab):',
        'I thank the Minister for her statement. Will she say how much of the funding is new?',
        '',
        'Ms Lowe:',
        'All of it is new money, and it will go through the agencies already working there.',
      ].join('\n'),
    );
    expect([doc.title, doc.date]).toEqual(['Norland: Flood Response', '2025-10-14']);
    expect(doc.statements.map((st) => st.speaker)).toEqual(['Harriet Lowe', 'Mr. Tobias Wren', 'Harriet Lowe']);
  });

  it('keeps signature blocks under a "Signed in … on …:" line whose offices name the country after a comma', () => {
    const doc = structureTranscript(
      [
        'Joint Communiqué of the Ministerial Meeting on Rivers',
        '',
        '1. Ministers agreed to share river data and to protect wetlands together for the next decade.',
        '',
        'Signed in Port Elm on 4 June 2027:',
        '',
        'Tomás Ignacio Herrera Vial',
        'Minister of Foreign Affairs, Republic of Aravia',
        '',
        'Sigrid Aune Dalen',
        'Minister of International Development, Kingdom of Norland',
      ].join('\n'),
    );
    expect(texts(doc)).toEqual([
      '1. Ministers agreed to share river data and to protect wetlands together for the next decade.',
      'Signed in Port Elm on 4 June 2027:\n\nTomás Ignacio Herrera Vial\nMinister of Foreign Affairs, Republic of Aravia',
      'Sigrid Aune Dalen\nMinister of International Development, Kingdom of Norland',
    ]);
    expectSpansConsistent(doc);
  });

  it('reads "Role, Shri Name:" turns, "Question (Name, Outlet):" askers and a one-off "Name: …?" before the spokesperson, and names askers among the speakers', () => {
    const doc = structureTranscript(
      [
        'Transcript of Weekly Media Briefing by the Official Spokesperson (March 4, 2027)',
        '',
        'Official Spokesperson, Shri Vikram Nair: Good afternoon. I have one announcement on the monsoon relief.',
        '',
        'Anjali: Sir, is there any update on the talks with the neighbouring country?',
        '',
        'Official Spokesperson, Shri Vikram Nair: The talks continue next week in the capital.',
        '',
        'Question (Rohit Kulkarni, The Daily Courier): Sir, what about the fishermen who were detained?',
        '',
        'Official Spokesperson, Shri Vikram Nair: Our mission is in touch with the authorities on their release.',
      ].join('\n'),
    );
    expect(doc.statements.map((st) => [st.speaker, st.isQuestion])).toEqual([
      ['Shri Vikram Nair', false],
      ['Anjali', true],
      ['Shri Vikram Nair', false],
      ['Rohit Kulkarni', true],
      ['Shri Vikram Nair', false],
    ]);
    expect(doc.speakers).toEqual(['Shri Vikram Nair', 'Rohit Kulkarni']);
  });

  it('takes a dated headline after an office banner and an author line for the title, and drops "opens in a new tab"', () => {
    const doc = structureTranscript(
      [
        'Minister for Foreign Affairs',
        'Senator the Hon Mara Ellison',
        'Home',
        'Media releases',
        'Norland and Aravia sign a new partnership on clean energy and fisheries',
        '12 November 2026',
        '',
        'Norland and Aravia today agreed to cooperate on clean energy and sustainable fisheries.',
        '',
        'The following links open in a new tab',
      ].join('\n'),
    );
    expect([doc.title, doc.date]).toEqual(['Norland and Aravia sign a new partnership on clean energy and fisheries', '2026-11-12']);
    expect(texts(doc)).toEqual(['Norland and Aravia today agreed to cooperate on clean energy and sustainable fisheries.']);
  });

  it('reads "Ambassador Name" above an office line as the author, and no office or headline as a name', () => {
    const un = structureTranscript(
      [
        'Remarks at a UN Security Council Briefing on the Situation in Norland',
        'Ambassador Harriet Abernathy-Osei',
        'U.S. Representative to the United Nations',
        'New York, New York',
        'May 14, 2026',
        '',
        'Thank you, Madam President. We are alarmed by the airstrikes on villages.',
      ].join('\n'),
    );
    expect([un.title, un.speakers, un.location]).toEqual(['Remarks at a UN Security Council Briefing on the Situation in Norland', ['Harriet Abernathy-Osei'], 'New York, New York']);
    const embassy = structureTranscript(
      [
        'U.S. Embassy in Norland',
        'Ambassador Jonathan P. Whitfield at a Commemoration Marking Ten Years Since the Death of Rosa Quispe Mamani',
        'Remarks',
        'Puno, Norland',
        'March 3, 2026',
        '',
        'AMBASSADOR WHITFIELD: Good afternoon to all of you.',
      ].join('\n'),
    );
    expect(embassy.title).toBe('Ambassador Jonathan P. Whitfield at a Commemoration Marking Ten Years Since the Death of Rosa Quispe Mamani');
  });

  it('drops a long cookie-banner sentence above the header, takes a headline under the date and time lines, and reads "Aboard …" and "City, date" lines', () => {
    const eu = structureTranscript(
      [
        'We use cookies to give you the best possible experience on our website. You can accept all cookies or only the essential ones.',
        'Accept all cookies',
        'Press releases',
        'Council of the Union',
        'Press release',
        '12 October 2026',
        '09:40',
        '',
        'Declaration by the High Representative on behalf of the Union on the presidential election in Norland',
        '',
        '1. The Union takes note of the preliminary conclusions of the election observation mission on the presidential election held in Norland on 4 October 2026, which found fundamental freedoms curtailed.',
      ].join('\n'),
    );
    expect([eu.title, eu.date]).toEqual(['Declaration by the High Representative on behalf of the Union on the presidential election in Norland', '2026-10-12']);
    expect(eu.statements).toHaveLength(1);
    const gaggle = structureTranscript(
      ['Press Gaggle by the Press Secretary', '', 'November 12, 2026', '', 'Aboard Air Force One', 'En Route Pittsburgh, Pennsylvania', '', 'MS. OYELARAN: Hi, everybody.'].join('\n'),
    );
    expect(gaggle.location).toBe('Aboard Air Force One');
    const interview = structureTranscript(['Interview of the Ambassador with a newspaper', 'Jakarta, February 19, 2026', '', 'Question: What surprised you most?'].join('\n'));
    expect([interview.location, interview.date]).toEqual(['Jakarta', '2026-02-19']);
  });

  it('reads time-stamped Title Case labels with particles, hyphenated roles and a role whose holder the brackets name; an audience member asks anonymously', () => {
    const doc = structureTranscript(
      [
        'Clean Power and Open Markets: A Regional Dialogue',
        '',
        '[00:00:06] Moderator (Rachel Nakashima-Brooks): Okay, I think we are live. Tomás, is the money there?',
        '',
        '[00:02:43] Dr. Tomás de la Fuente Arriaga: Some of it. The solar panels are cheaper than ever.',
        '',
        '[00:04:09] Minister-Counselor Mattias af Klercker: It is, very much. The supply chains are long.',
        '',
        '[00:07:49] Audience Member: Thank you. Is there still a gap for the small islands?',
        '',
        '[00:08:01] Dr. Tomás de la Fuente Arriaga: Short answer, on the small islands, mostly yes.',
      ].join('\n'),
    );
    expect(doc.statements.map((st) => [st.speaker, st.isQuestion])).toEqual([
      ['Rachel Nakashima-Brooks', false],
      ['Dr. Tomás de la Fuente Arriaga', false],
      ['Minister-Counselor Mattias af Klercker', false],
      ['Audience Member', true],
      ['Dr. Tomás de la Fuente Arriaga', false],
    ]);
    expect(doc.speakers).toHaveLength(3);
  });

  it('reads "Testimony of Name, Role" as the author line under the title', () => {
    const doc = structureTranscript(
      [
        'Strengthening Democratic Institutions in Central America',
        '',
        'Testimony of Marisol Echeverría-Vance, Assistant Secretary, Bureau of Western Hemisphere Affairs',
        '',
        'Before the Senate Foreign Relations Committee, Subcommittee on Western Hemisphere',
        '',
        'Washington, DC',
        '',
        'April 14, 2027',
        '',
        'Chairman Whitcombe, Ranking Member Sandoval-Hart, thank you for the opportunity to appear before you today.',
      ].join('\n'),
    );
    expect([doc.title, doc.speakers, doc.date]).toEqual(['Strengthening Democratic Institutions in Central America', ['Marisol Echeverría-Vance'], '2027-04-14']);
  });

  it('reads who speaks from a "Remarks by Chargé d’Affaires a.i. Name at …" title', () => {
    const doc = structureTranscript(
      ['Remarks by Chargé d’Affaires a.i. Jonathan Ashworth-Reyes at the Independence Day Reception', 'July 1, 2026', '', 'Good evening, and welcome to all of you.'].join('\n'),
    );
    expect(doc.speakers).toEqual(['Chargé d’Affaires a.i. Jonathan Ashworth-Reyes']);
  });

  it('reads a GOV.UK speech page: cookie banner, a coded title ("HRC61: …"), "Delivered on:" and the speaker named last in "From:"', () => {
    const doc = structureTranscript(
      [
        'Cookies on GOV.UK',
        'We use some essential cookies to make this website work.',
        'We\'d like to set additional cookies to understand how you use GOV.UK, remember your settings and improve government services.',
        'Accept additional cookies',
        'Skip to main content',
        'Menu',
        'Speech',
        'HRC61: UK statement on the human rights situation in Sudan',
        'From: Foreign, Commonwealth & Development Office and Fiona Ashdown',
        'Delivered on: 4 March 2026 (Transcript of the speech, exactly as it was delivered)',
        'Location: Palais des Nations, Geneva',
        '',
        'Thank you, Mr. President.',
        '',
        'The United Kingdom thanks the High Commissioner for his update.',
      ].join('\n'),
    );
    expect([doc.title, doc.date, doc.location, doc.speakers]).toEqual([
      'HRC61: UK statement on the human rights situation in Sudan',
      '2026-03-04',
      'Palais des Nations, Geneva',
      ['Fiona Ashdown'],
    ]);
    expect(texts(doc)).toEqual(['Thank you, Mr. President.', 'The United Kingdom thanks the High Commissioner for his update.']);
  });

  it('takes the title after a breadcrumb trail\'s "Home": the menu above is no title, an office in the trail no author line, and a one-line trail is chrome', () => {
    const banner = ['An official website of the United States Government', 'Official websites use .gov', 'A .gov website belongs to an official government organization in the United States.'];
    const menu = ['Menu', 'Home', 'Travel', 'Human Rights & Democracy', 'Refugees and Migration'];
    const doc = structureTranscript(
      [
        ...banner,
        ...menu,
        'Home',
        'Office of the Spokesperson',
        'Press Releases',
        'Conviction of Journalists and Residents in Osh, Kyrgyz Republic',
        '',
        'Press Statement',
        'Matthew Lindqvist, Department Spokesperson',
        'June 9, 2026',
        '',
        'The United States is deeply troubled by the verdicts.',
      ].join('\n'),
    );
    expect([doc.title, doc.date, doc.speakers]).toEqual(['Conviction of Journalists and Residents in Osh, Kyrgyz Republic', '2026-06-09', ['Matthew Lindqvist']]);
    expect(texts(doc)).toEqual(['The United States is deeply troubled by the verdicts.']);
    const trail = structureTranscript(
      ['Menu', 'Home', 'About us', 'Visa and migration', '', 'Home / News / News 2024 / Civil Courage Award presented to journalist Nino Gelashvili', '', 'Civil Courage Award presented to journalist Nino Gelashvili', '', 'Published 10 December 2024', '', 'The award was handed over at a reception.'].join('\n'),
    );
    expect([trail.title, trail.date]).toEqual(['Civil Courage Award presented to journalist Nino Gelashvili', '2024-12-10']);
  });

  it('reads a forwarded newsletter: email headers, the forwarder\'s note and an "In this issue:" list are chrome; no header key is a speaker', () => {
    const doc = structureTranscript(
      [
        'From: Katarzyna Nowak <k.nowak@forum.example.org>',
        'Sent: Thursday, 5 June 2025 09:12',
        'To: Programme Team <team@forum.example.org>',
        'Subject: FW: MFA Newsletter | Readout: Minister Brakel meets Foreign Minister Hovakimyan',
        '',
        'FYI - the readout from Tuesday is below, useful for the panel.',
        '',
        'Katarzyna Nowak',
        'Programme Officer',
        '',
        '________________________________',
        'From: Ministry of Foreign Affairs <newsletter@mfa.example.nl>',
        'Sent: Wednesday, 4 June 2025 17:30',
        'To: Katarzyna Nowak <k.nowak@forum.example.org>',
        'Subject: MFA Newsletter | Readout: Minister Brakel meets Foreign Minister Hovakimyan',
        '',
        'View this email in your browser',
        '',
        'In this issue:',
        '1. Readout: Minister Brakel meets Foreign Minister Hovakimyan',
        '2. Netherlands pledges EUR 20 million for water management',
        '',
        'READOUT',
        '',
        'Minister Brakel meets Foreign Minister Hovakimyan',
        '',
        'The Hague, 3 June 2025',
        '',
        'Minister Pieter Brakel received Foreign Minister Lilit Hovakimyan in The Hague.',
      ].join('\n'),
    );
    expect([doc.title, doc.date, doc.location, doc.speakers]).toEqual(['Minister Brakel meets Foreign Minister Hovakimyan', '2025-06-03', 'The Hague', []]);
    expect(texts(doc)).toEqual(['Minister Pieter Brakel received Foreign Minister Lilit Hovakimyan in The Hague.']);
    expect(doc.statements.every((st) => st.speaker === undefined)).toBe(true);
  });

  it('reads "date - place - publisher" lines and GOV.UK metadata keys standing on their own lines, with the speaker\'s letters after the name dropped', () => {
    const canada = structureTranscript(['Readout', '', 'Minister Beaudoin concludes visit to Moldova', '', 'May 14, 2025 - Chișinău, Moldova - Global Affairs Canada', '', 'The Honourable Claire Beaudoin today concluded a visit.'].join('\n'));
    expect([canada.title, canada.date, canada.location]).toEqual(['Minister Beaudoin concludes visit to Moldova', '2025-05-14', 'Chișinău, Moldova']);
    const govuk = structureTranscript(
      [
        'Speech',
        'Freedom of religion or belief is for everyone, everywhere',
        'From:',
        'Foreign, Commonwealth & Development Office and Ruth Penhaligon MP',
        'Published',
        '4 November 2025',
        'Location:',
        'Prague, Czech Republic',
        'Delivered on:',
        '4 November 2025 (Original script, may differ from delivered version)',
        '',
        'Thank you, Chair, and thank you to our Czech hosts.',
      ].join('\n'),
    );
    expect([govuk.title, govuk.date, govuk.location, govuk.speakers]).toEqual(['Freedom of religion or belief is for everyone, everywhere', '2025-11-04', 'Prague, Czech Republic', ['Ruth Penhaligon']]);
    expect(texts(govuk)).toEqual(['Thank you, Chair, and thank you to our Czech hosts.']);
  });

  it('gives a role label ("SPOKESPERSON:") the one person named with that role above the turns or in the header', () => {
    const doc = structureTranscript(
      [
        'Daily Press Briefing by the Office of the Spokesperson for the Secretary-General',
        '',
        'New York, 14 October 2025',
        '',
        "The following is a near-verbatim transcript of today's noon briefing by Adrian Ketteler, Spokesperson for the Secretary-General.",
        '',
        'SPOKESPERSON: Good afternoon. I will start with Sudan.',
        '',
        'QUESTION: Is there a date for the ceasefire?',
        '',
        'SPOKESPERSON: Not yet.',
      ].join('\n'),
    );
    expect(doc.statements.map((st) => st.speaker)).toEqual([undefined, 'Adrian Ketteler', 'Question', 'Adrian Ketteler']);
    expect(doc.speakers).toEqual(['Adrian Ketteler']);
  });

  it('takes "Remarks by Name, Role, at …" first on the page as the title naming who speaks, and a greeting that ends in a comma as the remarks\' start', () => {
    const doc = structureTranscript(
      [
        'Remarks by Dr. Nalinee Srisawat, Deputy Minister of Foreign Affairs, at the Presentation Ceremony of the 2026 Andaman Hope Awards',
        '',
        'Saranrom Palace, Bangkok, 18 June 2026',
        '',
        'Khun Wanida Chaiyaporn, President of the Andaman Hope Foundation,',
        'Professor Surachai Boonmee, Chair of the Selection Committee,',
        '',
        'Good evening, and welcome to Saranrom Palace.',
      ].join('\n'),
    );
    expect([doc.title, doc.date, doc.speakers]).toEqual([
      'Remarks by Dr. Nalinee Srisawat, Deputy Minister of Foreign Affairs, at the Presentation Ceremony of the 2026 Andaman Hope Awards',
      '2026-06-18',
      ['Dr. Nalinee Srisawat'],
    ]);
    expect(texts(doc)[texts(doc).length - 1]).toBe('Good evening, and welcome to Saranrom Palace.');
  });

  it('reads "Spokesperson: Ms. Name, Role" as who speaks, and a label naming another word of that name ("MS. ENKHJARGAL:") as that person', () => {
    const doc = structureTranscript(
      [
        'Regular Press Briefing by the Spokesperson of the Ministry of Foreign Affairs',
        'Ulaanbaatar, 22 January 2026',
        'Spokesperson: Ms. Enkhjargal Batsaikhan, Director General of the Department of Public Relations',
        '',
        'MS. ENKHJARGAL: Good afternoon. I have three items for you today.',
        '',
        'QUESTION: Tsetseg Ganbold, Montsame. On the smog?',
        '',
        'MS. ENKHJARGAL: Nobody in this city needs to be told.',
      ].join('\n'),
    );
    expect(doc.statements.map((st) => st.speaker)).toEqual(['Enkhjargal Batsaikhan', 'Tsetseg Ganbold', 'Enkhjargal Batsaikhan']);
  });

  it('keeps a speech\'s own note on its text ("Check against delivery.", "As prepared for delivery") out of the statements, in the header or the body', () => {
    const doc = structureTranscript(
      ['Speech by the Minister at the Award Ceremony', '', 'Check against delivery.', '', 'Excellencies, friends, good evening.', '', 'As prepared for delivery', '', 'Thank you all.'].join('\n'),
    );
    expect(texts(doc)).toEqual(['Excellencies, friends, good evening.', 'Thank you all.']);
  });

  it('reads a date written with dots day first ("12.03.2026") alone on a line, and the date in a "By <publisher> | <date> | Topics: …" line, which is no title', () => {
    const pl = structureTranscript(['Home page > Ministry of Foreign Affairs > News', '', 'Poland condemns new sentences against Belarusian journalists', '', '12.03.2026', '', 'The Ministry strongly condemns the sentences.'].join('\n'));
    expect([pl.title, pl.date]).toEqual(['Poland condemns new sentences against Belarusian journalists', '2026-03-12']);
    const us = structureTranscript(
      ['Home | News & Events | Consul General Hosts Interfaith Iftar', 'Consul General Hosts Interfaith Iftar', 'By U.S. Consulate General Erbil | 18 March, 2025 | Topics: Consul General, News, Religious Freedom', 'Share', '', 'Erbil hosted an iftar.'].join('\n'),
    );
    expect([us.title, us.date]).toEqual(['Consul General Hosts Interfaith Iftar', '2025-03-18']);
  });

  it('keeps notes in a row ("(The medal is presented.) (Applause.)") out of the statements, and records where an award was handed over', () => {
    const doc = structureTranscript(
      [
        'THE PRESIDENT: Please welcome our honorees.',
        '',
        'MILITARY AIDE: Maribel Ochoa. She opened her door to newcomers.',
        '',
        '(The Presidential Citizens Medal is presented.) (Applause.)',
        '',
        'MILITARY AIDE: Terrence Abernathy. He opened city hall.',
        '',
        '[Award presented]',
        '',
        '(Inaudible.) (Off-mic.)',
        '',
        'THE PRESIDENT: Thank you all.',
      ].join('\n'),
    );
    expect(texts(doc)).toEqual(['Please welcome our honorees.', 'Maribel Ochoa. She opened her door to newcomers.', 'Terrence Abernathy. He opened city hall.', 'Thank you all.']);
    expect(doc.presentations).toEqual([{ afterSeq: 2, award: 'Presidential Citizens Medal' }, { afterSeq: 3 }]);
  });

  it('still records something for a text made only of short lines', () => {
    const doc = structureTranscript('Thank you\nGood night');
    expect(doc.statements.length).toBeGreaterThan(0);
    expectSpansConsistent(doc);
  });
});
