/**
 * Unit tests of the extraction stage on small texts written for them: topic scoring and
 * suppression, people/organisations/places and their merging, meetings and awards.
 */
import fc from 'fast-check';
import { extract } from '../lambdas/core/parser/extract';
import { findTopicHits } from '../lambdas/core/parser/extract/topics';
import { buildTopicTables, decodeTopicTables, encodeTopicTables, phraseEntries } from '../lambdas/core/parser/extract/topic-tables';
import { TOPIC_TABLES } from '../lambdas/core/parser/data/topic-tables.generated';
import { splitSentences } from '../lambdas/core/parser/sentences';
import { structureTranscript } from '../lambdas/core/parser/structure';
import { isLetterCode, isLetterOrDigitCode, isLowercaseLetterCode, isOnlyLowerCode } from '../lambdas/core/parser/chars';
import { countWordsOf, isLowerCode, isUpperCode, isWordCode, phraseWords, tokenize, tokenizeScratch, rawAt } from '../lambdas/core/parser/extract/tokens';
import { countWords } from '../lambdas/core/parser';
import { COMMON_WORDS_TEXT } from '../lambdas/core/parser/data/common-words';
import { GAZETTEER, isCommonWord, LEADING_ORG_HEADS, TITLES, W, wordFlags } from '../lambdas/core/parser/extract/lexicon';
import { COMMON_ORG_HEADS } from '../lambdas/core/parser/extract/entities';
import { CITIES, COUNTRIES, REGIONS } from '../lambdas/core/parser/data/places';
import { INTERNATIONAL_ORGANIZATIONS, US_ORGANIZATIONS } from '../lambdas/core/parser/data/organizations';
import { TITLE_HEADS } from '../lambdas/core/parser/data/names';
import type { Extraction } from '../lambdas/core/parser/types';
import { TAXONOMY } from '../lambdas/core/taxonomy';
import { TOPIC_IDS } from '../lambdas/core/topic-ids';
import { fromParagraphs } from './support/paragraphs';

const run = (text: string): Extraction => extract(fromParagraphs(text));
const topicsOf = (text: string): string[] => run(text).topics.map((t) => t.topic);
const people = (x: Extraction) => x.entities.filter((e) => e.kind === 'person');
const named = (x: Extraction, kind: string) => x.entities.filter((e) => e.kind === kind).map((e) => e.name);

describe('taxonomy', () => {
  it('defines every topic id of topics.md once, with phrases and a label', () => {
    expect(TAXONOMY.map((t) => t.id)).toEqual([...TOPIC_IDS]);
    for (const topic of TAXONOMY) {
      expect(topic.label.length).toBeGreaterThan(0);
      expect(Object.values(topic.phrases).some((w) => w >= 1)).toBe(true);
    }
  });
});

describe('tokenize', () => {
  it('splits words on spaces, hyphens and apostrophes and keeps their spans', () => {
    const t = tokenize('Kazakhstan’s Nur-Sultan, U.S.');
    expect(Array.from({ length: t.count }, (_, i) => rawAt(t, i))).toEqual(['Kazakhstan', 's', 'Nur', 'Sultan', 'U', 'S']);
    expect(t.source.slice(t.start[2], t.end[3])).toBe('Nur-Sultan');
  });

  it('treats exactly the code units isWordCode accepts as word characters (the tokeniser reads a table, phraseWords a regex)', () => {
    const disagree: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const t = tokenizeScratch(`-${String.fromCharCode(c)}-`);
      if ((t.count === 1) !== isWordCode(c)) disagree.push(c);
      if (phraseWords(`-${String.fromCharCode(c)}-`).length !== (isWordCode(c) ? 1 : 0)) disagree.push(c);
    }
    expect(disagree).toEqual([]);
  });

  it('knows the case of every code unit as toLowerCase and toUpperCase do, whether filled at load or on first sight', () => {
    // A capital outside the blocks filled at load (Armenian, Georgian) starts a capitalised token.
    const t = tokenize('met \u0531rmen and \u10a0ari');
    expect(Array.from({ length: t.capCount }, (_, k) => rawAt(t, t.caps[k]!))).toEqual(['\u0531rmen', '\u10a0ari']);
    const disagree: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      if (isUpperCode(c) !== (s.toLowerCase() !== s) || isLowerCode(c) !== (s.toUpperCase() !== s)) disagree.push(c);
    }
    expect(disagree).toEqual([]);
  });

  it('knows which code units are letters, lower-case letters and digits as \\p{L} and \\p{Ll} do, whether filled at load or on first sight', () => {
    const disagree: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      const letter = /\p{L}/u.test(s);
      if (
        isLetterCode(c) !== letter ||
        isLowercaseLetterCode(c) !== /\p{Ll}/u.test(s) ||
        isLetterOrDigitCode(c) !== (letter || (c >= 48 && c <= 57)) ||
        isOnlyLowerCode(c) !== (s.toUpperCase() !== s && s.toLowerCase() === s)
      ) {
        disagree.push(c);
      }
    }
    expect(disagree).toEqual([]);
  });

  it('counts words from the tokens exactly as countWords counts them in the text', () => {
    expect(countWordsOf(tokenize('Kazakhstan’s Nur-Sultan, U.S. «Bonjour» don\'t 42'))).toBe(
      countWords('Kazakhstan’s Nur-Sultan, U.S. «Bonjour» don\'t 42'),
    );
    const piece = fc.oneof(
      fc.constantFrom(' ', '  ', "'", '’', '’s', "'t", '-', '.', ',', '\n', '«', '»', '·', '\ufeff', '\u00a0', '\u2014', '😀', '\ud800', 'é'),
      fc.string({ minLength: 1, maxLength: 6 }),
      fc.constantFrom('word', 'Name', 'U', 'S', '19'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(countWordsOf(tokenize(text))).toBe(countWords(text));
        expect(countWordsOf(tokenizeScratch(text))).toBe(countWords(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('lexicon › word tries', () => {
  const names = (text: string): string[] =>
    text.split('\n').flatMap((line) => line.split(';')[0]!.split('|')).map((n) => n.trim()).filter((n) => n.length > 0);
  const wholeMatch = (trie: typeof GAZETTEER | typeof TITLES, phrase: string): boolean => {
    const t = tokenize(phrase);
    return trie.longest(t, 0, () => true)?.last === t.count - 1;
  };

  it('matches every gazetteer name in full (countries, demonyms, cities, regions, organisations)', () => {
    const demonyms = COUNTRIES.split('\n').flatMap((line) => (line.split(';')[1] ?? '').split('|')).filter((d) => d.trim().length > 0);
    const all = [...names(COUNTRIES), ...demonyms, ...names(CITIES), ...names(REGIONS), ...names(INTERNATIONAL_ORGANIZATIONS), ...names(US_ORGANIZATIONS)];
    expect(all.length).toBeGreaterThan(1000);
    expect(all.filter((name) => !wholeMatch(GAZETTEER, name))).toEqual([]);
  });

  it('matches every title in full, and no phrase that merely starts like one', () => {
    const titles = TITLE_HEADS.split(/[|\n]/).map((t) => t.trim()).filter((t) => t.length > 0);
    expect(titles.filter((title) => !wholeMatch(TITLES, title))).toEqual([]);
    expect(wholeMatch(GAZETTEER, 'Zzyzx Republic')).toBe(false);
    expect(GAZETTEER.longest(tokenize('France and Germany'), 0, () => true)?.last).toBe(0);
  });
});

describe('lexicon › isCommonWord', () => {
  const listed = COMMON_WORDS_TEXT.split(' ');
  const set = new Set(listed);

  it('reads a sorted list of lower-case words (the binary search relies on it)', () => {
    expect(listed.length).toBeGreaterThan(30_000);
    for (let i = 1; i < listed.length; i++) if (!(listed[i - 1]! < listed[i]!)) throw new Error(`not sorted at ${listed[i]}`);
  });

  it('finds every listed word, first and last included', () => {
    expect(listed.filter((w) => !isCommonWord(w))).toEqual([]);
  });

  it('finds no word that is not listed', () => {
    const near = listed.flatMap((w) => [`${w}q`, w.slice(0, -1), `a${w}`, `${w} `]).filter((w) => !set.has(w));
    expect(near.filter((w) => isCommonWord(w))).toEqual([]);
    for (const w of ['', ' ', 'zzzzzz', 'Aardvark', 'aardvark aback']) expect(isCommonWord(w)).toBe(false);
    fc.assert(fc.property(fc.string({ maxLength: 12 }), (w) => isCommonWord(w) === set.has(w)));
  });
});

describe('extract › topics', () => {
  it('finds topics said in plain words, and not a watershed moment for the environment', () => {
    expect(topicsOf('People being bought and sold, a few hours from the capital.')).toEqual(['trafficking-in-persons']);
    expect(topicsOf('The droughts are getting longer as the planet warms.')).toEqual(expect.arrayContaining(['climate-change']));
    expect(topicsOf('He has been held for months without charge, and he should be released.')).toEqual(['political-prisoners']);
    expect(topicsOf('We regard his detention as arbitrary.')).toEqual(['political-prisoners']);
    expect(topicsOf('Families have been forced from their homes and live in camps.')).toEqual(['refugees-and-migration']);
    expect(topicsOf('He only worked as a journalist. Reporting the news is not a crime.')).toEqual(['press-freedom']);
    expect(topicsOf('We work together to cut off terrorist financing.')).toEqual(['security-cooperation']);
    expect(topicsOf('They will develop the geothermal fields and rural electrification.')).toEqual(['energy']);
    expect(topicsOf('Members gathered peacefully in front of parliament; their right to gather matters.')).toEqual(['freedom-of-assembly']);
    expect(topicsOf('His passport was locked in the cabin, and the agencies that sold them to those boats are closed.')).toEqual(['trafficking-in-persons']);
    expect(topicsOf('A council of imams, priests and a rabbi defends the right to pray as they choose.')).toEqual(['religious-freedom']);
    expect(topicsOf('They will overhaul the civil service and pursue decentralization.')).toEqual(['democratic-reform']);
    expect(topicsOf('The countries that did the least to heat the planet pay the most.')).toEqual(['climate-change']);
    expect(topicsOf('Officials skimmed millions from road contracts; when officials loot their own treasury, people pay twice.')).toEqual(['anti-corruption']);
    expect(topicsOf('Governments that break up peaceful gatherings attack everyone.')).toEqual(['freedom-of-assembly']);
    expect(topicsOf('More of the finance promised by high-emitting countries must reach herders whose rainy seasons fail.')).toContain('climate-change');
    expect(topicsOf('It should follow a fair legal process, with a lawyer of his choosing.')).toEqual(['rule-of-law']);
    expect(topicsOf('Japan has frozen the assets of a number of entities linked to the programme.')).toEqual(['sanctions']);
    expect(topicsOf('They will enlarge the working holiday programme for young people.')).toEqual(['people-to-people']);
    expect(topicsOf('Her reporting led to an audit and the return of millions to the public purse.')).toEqual(['anti-corruption']);
    expect(topicsOf('The election will be a watershed moment for the region.')).not.toContain('environment');
  });

  it('ships the tables the taxonomy builds (after changing the taxonomy: npm run generate:parser-tables)', () => {
    const built = buildTopicTables(phraseEntries(TAXONOMY));
    const shipped = decodeTopicTables(TOPIC_TABLES);
    for (const key of ['single', 'next', 'star', 'rows', 'trigrams', 'short', 'outputNodes', 'outputEntries'] as const) {
      expect([key, Buffer.from(shipped[key].buffer, shipped[key].byteOffset, shipped[key].byteLength).equals(Buffer.from(built[key].buffer, built[key].byteOffset, built[key].byteLength))]).toEqual([key, true]);
    }
    expect([shipped.nodes, shipped.walk]).toEqual([built.nodes, built.walk]);
    expect(decodeTopicTables(encodeTopicTables(built)).rows).toEqual(built.rows);
  });

  it('keeps node ids in 16-bit tables while they fit, and in 32-bit ones past 65,534 nodes', () => {
    const small = buildTopicTables(phraseEntries(TAXONOMY));
    expect([small.next, small.star, small.rows, small.trigrams].map((a) => a.BYTES_PER_ELEMENT)).toEqual([2, 2, 2, 2]);
    // Random twelve-letter phrases share little more than their first letters: 9,000 of them spell
    // out over 65,535 nodes.
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    let seed = 1;
    const letter = (): string => letters[(seed = (seed * 48_271) % 0x7fffffff) % 26]!;
    const phrases = Array.from({ length: 9000 }, () => Array.from({ length: 12 }, letter).join(''));
    const entries = [...new Set(phrases)].map((phrase) => ({ phrase, output: { topic: 0, weight: 1, suppress: false, phrase } }));
    const large = buildTopicTables(entries);
    expect(large.nodes).toBeGreaterThan(0xffff);
    expect([large.next, large.star, large.rows, large.trigrams].map((a) => a.BYTES_PER_ELEMENT)).toEqual([4, 4, 4, 4]);
    const decoded = decodeTopicTables(encodeTopicTables(large));
    expect([decoded.next, decoded.rows, decoded.trigrams, decoded.walk]).toEqual([large.next, large.rows, large.trigrams, large.walk]);
  });

  it('matches every taxonomy phrase, including those added while the trie grew', () => {
    // Every trigger phrase of the taxonomy, written on its own, gives a hit of its topic (itself or
    // an overlapping heavier phrase) unless a suppressing phrase of the topic covers it.
    TAXONOMY.forEach((topic, index) => {
      for (const phrase of Object.keys(topic.phrases)) {
        if (phrase.includes('*') || topic.suppress.some((x) => x.includes(phrase))) continue;
        expect([phrase, findTopicHits(tokenize(phrase)).some((h) => h.topic === index)]).toEqual([phrase, true]);
      }
    });
    // The two phrases that were being added when the construction table grew (they used to be lost).
    const corruption = TAXONOMY.findIndex((t) => t.id === 'anti-corruption');
    const energy = TAXONOMY.findIndex((t) => t.id === 'energy');
    expect(findTopicHits(tokenize('great energy')).filter((h) => h.topic === energy)).toEqual([]);
    expect(findTopicHits(tokenize('graft')).filter((h) => h.topic === corruption).map((h) => h.phrase)).toEqual(['graft']);
  });

  it('counts one strong phrase on its own', () => {
    expect(topicsOf('We discussed human rights with the minister.')).toContain('human-rights');
  });

  it('does not count a single weak mention', () => {
    expect(topicsOf('The women arrived at noon for lunch.')).not.toContain('gender-equality');
    expect(topicsOf('The trade delegation arrived on Monday.')).not.toContain('economy-and-trade');
  });

  it('lets weak phrases add up', () => {
    expect(topicsOf('We support the economic empowerment of women entrepreneurs.')).toContain('gender-equality');
  });

  it('takes scam compounds and work under duress for trafficking, festivals for people-to-people ties, and no environment from a minister\'s title or an ocean\'s name', () => {
    expect(topicsOf('Our nationals were lured to scam compounds and forced to work there.')).toContain('trafficking-in-persons');
    expect(topicsOf('We announced scholarships for students and a festival of our culture.')).toContain('people-to-people');
    expect(topicsOf('The Minister of Environment will lead our delegation to the Indian Ocean region talks on the forest code.')).not.toContain('environment');
  });

  it('takes radars and border police provided to a partner for security cooperation, and a war between armed forces for none', () => {
    expect(topicsOf('We will provide air surveillance radars and training for the border police.')).toContain('security-cooperation');
    expect(topicsOf('The war between the Sudanese Armed Forces and the Rapid Support Forces goes on.')).not.toContain('security-cooperation');
  });

  it('takes no sanctions from a briefing\'s press embargo being lifted', () => {
    expect(topicsOf('Thank you all for joining. The embargo is now lifted, and the transcript will be posted.')).not.toContain('sanctions');
  });

  it('takes joint operations and shared intelligence between forces for security cooperation', () => {
    expect(topicsOf('Our police and intelligence services will set up a joint operations cell, and our security forces will share intelligence.')).toContain('security-cooperation');
    expect(topicsOf('Joint operations of the two airlines will begin in May.')).not.toContain('security-cooperation');
  });

  it('ignores triggers inside suppressing phrases', () => {
    expect(topicsOf('She brought youthful energy to the security environment and the business environment.')).toEqual([]);
    expect(topicsOf('The trade union met in the investment climate of the capital.')).toEqual([]);
    expect(topicsOf('We will work to combat drug trafficking networks.')).not.toContain('trafficking-in-persons');
  });

  it('matches hyphenated and inflected forms and reports evidence sentences with statement numbers', () => {
    const x = run('Hello everyone.\n\nWe met alumni of exchange programs. Then we had lunch.\n\nRefugees fled the fighting.');
    const p2p = x.topics.find((t) => t.topic === 'people-to-people');
    expect(p2p?.statementSeqs).toEqual([2]);
    expect(p2p?.evidence).toEqual([{ seq: 2, text: 'We met alumni of exchange programs.' }]);
    expect(x.topics.map((t) => t.topic)).toContain('refugees-and-migration');
    expect(topicsOf('They deepened people-to-people ties.')).toContain('people-to-people');
  });
});

describe('extract › entities', () => {
  it('reads titles before names and keeps the title', () => {
    const x = run('Secretary of State Antony J. Blinken spoke today with Australian Foreign Minister Penny Wong.');
    expect(people(x).map((p) => [p.name, p.title])).toEqual([
      ['Antony J. Blinken', 'Secretary of State'],
      ['Penny Wong', 'Foreign Minister'],
    ]);
    expect(named(x, 'place')).toContain('Australia');
  });

  it('merges a surname-only mention into the full name', () => {
    const x = run('We welcomed Special Envoy Maria Okonkwo-Hale today.\n\nEnvoy Okonkwo-Hale thanked the hosts.');
    const p = people(x);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ name: 'Maria Okonkwo-Hale', title: 'Special Envoy', statementSeqs: [1, 2] });
  });

  it('finds full names, appositive titles and organisations after "Director of"', () => {
    const x = run('I thanked Tamar Velikova, Director of Zarya Futures, for her work.');
    expect(people(x)).toEqual([expect.objectContaining({ name: 'Tamar Velikova', title: 'Director of Zarya Futures' })]);
    expect(named(x, 'organization')).toEqual(['Zarya Futures']);
  });

  it('takes buildings, crossings, communities, faiths and programmes for no person, and news outlets for organisations', () => {
    const x = run(
      'Irina Volkova was held in Lefortovo Prison before her transfer. The families of Maple Grove Elementary met at the Kerem Crossing. ' +
        'The Walloon Community and the Hashemite Kingdom were represented. Conventions in Las Cruces defended Muslim Uyghurs and Medicare Advantage.' +
        ' Greetings for Yom Kippur came from Congressperson Ana Lucía Ferreyra.' +
        '\n\nQUESTION: Dana Whitfield, Reuters. And Al Jazeera asked CNN about it.',
    );
    expect(people(x).map((p) => [p.name, p.title])).toEqual([
      ['Irina Volkova', undefined],
      ['Ana Lucía Ferreyra', 'Congressperson'],
      ['Dana Whitfield', undefined],
    ]);
    expect(named(x, 'organization')).toEqual(expect.arrayContaining(['Reuters', 'Al Jazeera', 'CNN']));
  });

  it('keeps the lower-case second syllable of a hyphenated given name, but no English word after a hyphen', () => {
    const x = run(
      'Kim Jong-un wrote to President Moon Jae-in about Chiang Kai-shek and Ji Seong-ho, and to Vice Premier Teng Hsiao-ping--briefly.\n\n' +
        'Critics of the Vladimir Putin-led war recalled Barack Obama-era rules.',
    );
    expect(people(x).map((p) => p.name)).toEqual(['Kim Jong-un', 'Moon Jae-in', 'Chiang Kai-shek', 'Ji Seong-ho', 'Teng Hsiao-ping', 'Vladimir Putin', 'Barack Obama']);
  });

  it('names organisations after a word for one, head first through Romance particles, and a reporter\'s outlet (and the reporter)', () => {
    const x = run(
      'We honour the organization Manos Unidas Contra el Hambre and the Instituto Nacional Mayor de Estudios Andinos. ' +
        'Kenyan Prime Cabinet Secretary Amani Wekesa spoke.',
    );
    expect(named(x, 'organization')).toEqual(['Manos Unidas Contra el Hambre', 'Instituto Nacional Mayor de Estudios Andinos']);
    expect(people(x).map((p) => [p.name, p.title])).toEqual([['Amani Wekesa', 'Prime Cabinet Secretary']]);
    const q = extract({
      text: '',
      title: 't',
      speakers: [],
      statements: [
        { seq: 1, speaker: 'QUESTION', isQuestion: true, text: 'Thanks. Ingrid Solberg, Bergens Tidende. On the talks?', span: [0, 0], sentences: [[0, 7], [8, 40], [41, 54]], quotations: [] },
        { seq: 2, speaker: 'QUESTION', isQuestion: true, text: 'Mia Park with Reuters. And the talks?', span: [0, 0], sentences: [[0, 22], [23, 37]], quotations: [] },
      ],
    });
    expect(people(q).map((p) => p.name)).toEqual(['Ingrid Solberg', 'Mia Park']);
    expect(named(q, 'organization')).toEqual(['Bergens Tidende', 'Reuters']);
  });

  it('ends a name at a determiner or pronoun inside it, but not at a middle initial "A."', () => {
    const x = run('Ministers launched Reimagine Our Harbours last week. John A. Kessler welcomed it.');
    expect(people(x).map((p) => p.name)).toEqual(['John A. Kessler']);
  });

  it('leaves the sentence word before "the" out of an organisation\'s name', () => {
    const x = run('So the Zarvanian Government agreed. Yesterday the Federal Water Commission met. We thank the Department of the Treasury.');
    expect(named(x, 'organization')).toEqual(['Zarvanian Government', 'Federal Water Commission', 'Department of the Treasury']);
  });

  it('takes no bare run after "the" before punctuation or a function word for a person, nor rivers, places by direction or road, or offices', () => {
    const x = run(
      'A draft law now before the Jogorku Kenesh that would curb the press worries us, as does the Khmer Rouge. Ms. Oduya spoke of the Bobby Baker case. ' +
        'Support for the Amu Darya and Syr Darya basins will help villages west of El Obeid and on the road to Kadugli. ' +
        'The African Continental Free Trade Area grows. Cabinet Secretary for Foreign and Diaspora Affairs Joseph arap Kemboi agreed.',
    );
    expect(people(x).map((p) => p.name)).toEqual(['Oduya', 'Bobby Baker', 'Joseph arap Kemboi']);
    expect(named(x, 'place')).toEqual(expect.arrayContaining(['El Obeid', 'Kadugli']));
  });

  it('reads given names that are also ordinary words ("Peter", "Lee", "Hazel") before a surname as people, not the words alone', () => {
    const x = run('The Governor of Turkana County, Peter Lokwawi, thanked Lee Brown and Hazel Mwangi. Hopes may peter out.');
    expect(people(x).map((p) => p.name)).toEqual(['Peter Lokwawi', 'Lee Brown', 'Hazel Mwangi']);
  });

  it('reads the last word after "Association of" as the organisation\'s, not a person after it, unless two words follow', () => {
    const x = run(
      'Mr. Esteban Marroquin, President of the Association of Community Broadcasters, spoke. ' +
        'President of the Federation of Women Lawyers Grace Njeri spoke too.',
    );
    expect(people(x).map((p) => p.name)).toEqual(['Esteban Marroquin', 'Grace Njeri']);
  });

  it('takes four name words on a line of their own even when one is an ordinary word, but not inside a sentence', () => {
    const x = run('Signed today:\nTomás Ignacio Herrera Vial\nMinister of Foreign Affairs\n\nWe met Tomás Ignacio Herrera Vial there.');
    expect(people(x).map((p) => p.name)).toEqual(['Tomás Ignacio Herrera Vial']);
    expect(x.entities.find((e) => e.kind === 'person')?.statementSeqs).toEqual([1]);
  });

  it('takes a run that names the dateline\'s place for that place, not a person', () => {
    const x = extract({ ...fromParagraphs('The ministers met on the margins of the summit in Punta Verde. Minister Ana Ruiz attended.'), location: 'Punta Verde, Norland' });
    expect(people(x).map((p) => p.name)).toEqual(['Ana Ruiz']);
    expect(named(x, 'place')).toContain('Punta Verde');
  });

  it('reads titles in a row as one ("H.E. Amb. Dr. X", "Rt. Hon. Y"), but not across a sentence end after a title word', () => {
    const x = run('We thank H.E. Amb. Dr. Patrick Okello Atim and Rt. Hon. Josephine Opio. Respected by everybody: Martin Luther King. President Ronald Reagan.');
    expect(people(x).map((p) => p.name)).toEqual(['Patrick Okello Atim', 'Josephine Opio', 'Martin Luther King', 'Ronald Reagan']);
  });

  it('reads an organisation whose head word follows an article in another language', () => {
    const x = run("L'Ambassade du Royaume d'Estmark exprime sa solidarité. La Embajada de España informa.");
    expect(people(x)).toEqual([]);
    expect(named(x, 'organization')).toEqual(expect.arrayContaining(['Embajada de España']));
  });

  it('runs an office\'s complement on to "Affairs" and ends it before ", Mr. X"; a single surname after a complement stays a person', () => {
    const x = run(
      'Assistant Secretary of State for East Asian and Pacific Affairs Gregory T. Whitfield spoke. Minister Soto called on the Chairman of the State Great Khural, Mr. Tserendorj Ganbold. ' +
        'Assistant Secretary for Educational and Cultural Affairs Lee Satterfield, Senior Official for the Office, spoke.',
    );
    expect(people(x).map((p) => p.name)).toEqual(['Gregory T. Whitfield', 'Soto', 'Tserendorj Ganbold', 'Lee Satterfield']);
  });

  it('takes a run after "outside", "near" or "at" for a place, but not before a possessive', () => {
    const x = run('The centre at Varna Noua trains officers near Lake Osk and outside Da Lat. We met at Ana Ruiz\'s office.');
    expect(named(x, 'place')).toEqual(expect.arrayContaining(['Varna Noua']));
    expect(people(x).map((p) => p.name)).toEqual(['Ana Ruiz']);
  });

  it('takes a run opening with a word that opens places\' names for a place', () => {
    const x = run('They launched a direct air link between Kiranda and Porto Alvar, and a ferry to Puerto Almendro.');
    expect(people(x)).toEqual([]);
    expect(named(x, 'place')).toEqual(expect.arrayContaining(['Porto Alvar', 'Puerto Almendro']));
  });

  it('takes no "St …" run and no office body after a complement for a person; "Minister Delegate" is an office', () => {
    const x = run(
      "She worked at St Thomas' Hospital in St. Louis. Ms. Margaret Rotich, Cabinet Secretary for the East African Community, and Mr. Alain Duval, Minister Delegate for Development of France, spoke.",
    );
    expect(people(x).map((p) => p.name)).toEqual(['Margaret Rotich', 'Alain Duval']);
  });

  it('takes a run with a regnal number for a person only after a title, and a house for no person', () => {
    const x = run(
      'We will cancel our Pershing II missiles, as the Sputnik II flight showed. His Majesty King Mohammed VI and Pope Paul VI ' +
        'sent greetings; King Abdullah II of Jordan agreed. The talks were held at Blair House and Chatham House hosted a panel.',
    );
    expect(people(x).map((p) => p.name)).toEqual(['Mohammed VI', 'Paul VI', 'Abdullah II']);
  });

  it('keeps a glottal-stop syllable in a name, takes "El Obeid" for no person, and reads head-first movements, mechanisms and schemes', () => {
    const x = run(
      "I met Foreign Minister Tevita Fonua'ulu in Suva. Fighting raged around El Obeid and the town of Kadugli. " +
        'The Front pour la Libération du Sud (FLS) signed. The Joint Verification Mechanism reported. Workers joined the Pacific Labour Mobility scheme. ' +
        "Senator Mara Collins' statement followed.",
    );
    expect(people(x).map((p) => p.name)).toEqual(["Tevita Fonua'ulu", 'Mara Collins']);
    expect(named(x, 'organization')).toContain('Front pour la Libération du Sud');
  });

  it('writes generational suffixes with the name, reads surnames that are title words, and takes offices and groups for no person', () => {
    const x = run(
      'And Martin Luther King, Jr., wrote from a jail cell. Cal Ripken Sr. coached, and Stephen Bishop sang, but the Jordanian King stayed. ' +
        'The Minister of Foreign Affairs and European Integration spoke to the Kayin Women’s Relief Network. Ion Bălan asked.',
    );
    expect(people(x).map((p) => p.name)).toEqual(['Martin Luther King, Jr.', 'Cal Ripken Sr.', 'Stephen Bishop', 'Ion Bălan']);
    expect(people(run('We call for the release of opposition politician Bakyt uulu Nurlan. The President toured the Allegheny Ridge transformer plant.')).map((p) => p.name)).toEqual(['Bakyt uulu Nurlan']);
  });

  it('lists every head word of a head-first organisation that is also an ordinary word', () => {
    expect([...COMMON_ORG_HEADS].sort()).toEqual([...LEADING_ORG_HEADS].filter((w) => (wordFlags(w) & W.COMMON) !== 0).sort());
  });

  it('takes a run described as an organisation right after it, or after a word for an outlet, for an organisation', () => {
    const x = run(
      'She founded Manos Abiertas, a network of deaf activists. Ana Ruiz writes for the regional news site Hrodna Vestnik. ' +
        'Maria Lopez, a party member of long standing, and Blessing Okafor spoke.',
    );
    expect(named(x, 'organization')).toEqual(['Manos Abiertas', 'Hrodna Vestnik']);
    expect(people(x).map((p) => p.name)).toEqual(['Ana Ruiz', 'Maria Lopez', 'Blessing Okafor']);
  });

  it('reads head-first organisations in Polish and other languages, through a word such as "Pro", and "Ranking Member" as a title', () => {
    const x = run(
      'We heard from the Fundacja Tęczowy Most, the Forum Dialogu Międzywyznaniowego, the Towarzystwo Dziennikarzy Lokalnych and the Asociación Pro Derechos Humanos. ' +
        'Ranking Member Sandoval-Hart agreed.',
    );
    expect(named(x, 'organization')).toEqual(['Fundacja Tęczowy Most', 'Forum Dialogu Międzywyznaniowego', 'Towarzystwo Dziennikarzy Lokalnych', 'Asociación Pro Derechos Humanos']);
    expect(people(x).map((p) => [p.name, p.title])).toEqual([['Sandoval-Hart', 'Ranking Member']]);
  });

  it('keeps Korean syllables that are English words and Kikuyu "wa" in names, and takes a meeting "on Transboundary Water Security" for no person', () => {
    const x = run('Ambassador Kim Ji-won described it. Ms. Wanjiru wa Kamau spoke at the Ministerial Meeting on Transboundary Water Security.');
    expect(people(x).map((p) => p.name)).toEqual(['Kim Ji-won', 'Wanjiru wa Kamau']);
  });

  it('reads lower-case roles before a name', () => {
    const x = run('I met with Tbilisi mayor Kaladze and the poet, Rustaveli, was quoted.');
    expect(people(x).map((p) => p.name)).toEqual(['Kaladze', 'Rustaveli']);
    expect(named(x, 'place')).toEqual(['Tbilisi']);
  });

  it('maps possessives, demonyms and renamed capitals onto one place each', () => {
    const x = run('Ukraine’s sovereignty matters to Ukrainian citizens in Kyiv, which some still call Kiev.');
    expect(x.entities.filter((e) => e.kind === 'place').map((e) => [e.name, e.aliases ?? []])).toEqual([
      ['Ukraine', ['Ukrainian']],
      ['Kyiv', ['Kiev']],
    ]);
  });

  it('recognises organisations by gazetteer, acronym and name ending', () => {
    const x = run('NATO and the OSCE met at the Caspian Institute for Water Research in the Middle East.');
    expect(named(x, 'organization')).toEqual([
      'North Atlantic Treaty Organization',
      'Organization for Security and Co-operation in Europe',
      'Caspian Institute for Water Research',
    ]);
    expect(named(x, 'place')).toEqual(['Middle East']);
  });

  it('reads names written in capitals', () => {
    const x = run('DARIUSZ KOWALCZYK is a senior official of the ministry.');
    expect(people(x).map((p) => p.name)).toEqual(['Dariusz Kowalczyk']);
  });

  it('does not take months, weekdays, sentence openers or places for people', () => {
    const x = run('On Monday January we visited. Thank You for coming. The United States and New Zealand agreed.');
    expect(people(x)).toEqual([]);
  });

  it('reads names with particles after a title and merges their shorter forms', () => {
    const x = run(
      'Foreign Minister Rodrigo de la Fuente Ibáñez and Minister Gabriela Salazar del Pozo spoke.\n\nForeign Minister de la Fuente and Minister Salazar del Pozo agreed.',
    );
    expect(people(x).map((p) => [p.name, p.statementSeqs])).toEqual([
      ['Rodrigo de la Fuente Ibáñez', [1, 2]],
      ['Gabriela Salazar del Pozo', [1, 2]],
    ]);
  });

  it('reads four-word names, capitalised particles and hyphenated surnames ending in a place word', () => {
    const x = run(
      'Minister of Foreign Affairs Mohamed Salem Ould Merzoug welcomed Ana Lucía Ortega Beltrán and Kim Delacroix-Park.\n\nMs. Ortega thanked him.',
    );
    expect(people(x).map((p) => [p.name, p.statementSeqs])).toEqual([
      ['Mohamed Salem Ould Merzoug', [1]],
      ['Ana Lucía Ortega Beltrán', [1, 2]],
      ['Kim Delacroix-Park', [1]],
    ]);
  });

  it('does not take a four-word run holding an ordinary word, an ocean current, a shoal, an exercise or an "Institut …" for a person', () => {
    const x = run(
      'Assistant Secretary for South and Central Asian Affairs Donald Lu visited the Institut Pasteur to study the Humboldt Current near Second Thomas Shoal and the Nansha Qundao during the Super Garuda Shield exercise.',
    );
    expect(people(x).map((p) => p.name)).not.toContainEqual(expect.stringMatching(/Affairs|Pasteur|Humboldt|Thomas|Garuda|Nansha/));
    expect(named(x, 'organization')).toContain('Institut Pasteur');
  });

  it('reads a family name in capitals before the given name after a title ("Ms. MORIYAMA Haruka")', () => {
    const x = run('Ms. MORIYAMA Haruka, Minister for Foreign Affairs, met the press.\n\nMinister Moriyama then left.');
    expect(people(x).map((p) => [p.name, p.statementSeqs])).toEqual([['Moriyama Haruka', [1, 2]]]);
  });

  it('keeps a middle initial that is no name alone ("Charles Q. Brown"), and "Air Force" is no person', () => {
    const x = run('Press Secretary Air Force Maj. Gen. Pat Ryder met Gen. Charles Q. Brown Jr. and Mary A. Okafor.');
    expect(people(x).map((p) => p.name)).toEqual(['Pat Ryder', 'Charles Q. Brown Jr.', 'Mary A. Okafor']);
    expect(named(run('The Air Force and the Qods Force were named.'), 'organization')).toEqual(['Air Force', 'Qods Force']);
  });

  it('names speakers as people, not generic labels', () => {
    const doc = fromParagraphs('We discussed the weather.\n\nWhat about the rain?');
    const withSpeakers = {
      ...doc,
      statements: [
        { ...doc.statements[0]!, speaker: 'Prime Minister Kallas' },
        { ...doc.statements[1]!, speaker: 'Question', isQuestion: true },
      ],
    };
    expect(people(extract(withSpeakers)).map((p) => [p.name, p.title])).toEqual([['Kallas', 'Prime Minister']]);
  });
});

describe('extract › meetings', () => {
  it('reports people and groups met, with the place', () => {
    const x = run('Secretary Blinken spoke by phone with Turkish Foreign Minister Mevlut Cavusoglu.\n\nI met with religious leaders in Samarkand to discuss tolerance.');
    expect(x.meetings).toEqual([
      { participants: ['Mevlut Cavusoglu'], statementSeq: 1 },
      { participants: ['religious leaders'], place: 'Samarkand', statementSeq: 2 },
    ]);
  });

  it('reads "A and B met" and "A and B had a productive meeting", but not "A and B have talked of"', () => {
    const x = run(
      'Secretary Alvarez and Foreign Minister Petra Novak met in Prague today.\n\n' +
        'President Ruiz and President Tanaka spoke for an hour. The Deputy Secretary and Minister Oduya had a very productive meeting.\n\n' +
        'You and Senator Greer have talked of reform.',
    );
    expect(x.meetings.map((m) => [m.statementSeq, m.participants])).toEqual([
      [1, ['Petra Novak']],
      [2, ['Tanaka']],
      [2, ['Oduya']],
    ]);
  });

  it('reads "sat down with" and "met its director, X", and takes an office in lower case before a name for that person\'s', () => {
    const x = run(
      'This morning I visited a radio station and met its director, Mateo Quispe, and his staff.\n\n' +
        'When I sat down with Peru\u2019s labor minister, Rosa Villanueva, we spoke of inspectors.',
    );
    expect(x.meetings.map((m) => m.participants)).toEqual([['Mateo Quispe'], ['Rosa Villanueva']]);
    const y = run('Foreign Minister Konstantin Rehm met his Moldaran counterpart, Teodora Ilescu, here yesterday.');
    expect(y.meetings.map((m) => m.participants)).toEqual([['Teodora Ilescu']]);
  });

  it('reads "a telephone talk of about thirty minutes with" and keeps a holder\'s whole office out of the participants', () => {
    const x = run(
      'Foreign Minister Shimizu held a telephone talk of about thirty minutes with Mr. Kipchumba Rotich, Cabinet Secretary for Foreign and Diaspora Affairs of the Republic of Kenya.',
    );
    expect(x.meetings.map((m) => m.participants)).toEqual([['Kipchumba Rotich']]);
  });

  it('reads "hosted her counterpart, the Minister …, Hon. X" and "paid a courtesy call on the Rt. Hon. Prime Minister …, Rt. Hon. Y"', () => {
    const x = run(
      'The Minister of Foreign Affairs, Hon. Margaret Ssebunya, today hosted her counterpart, the Minister for Foreign Affairs and Regional Integration of the Republic of Ghana, Hon. Kwabena Asante-Darko, MP, who is on an official visit.\n\n' +
        'Earlier in the day, Hon. Asante-Darko paid a courtesy call on the Rt. Hon. Prime Minister of the Republic of Uganda, Rt. Hon. Josephine Opio, at her office.\n\n' +
        'The Minister hosted a reception for the diplomatic corps. We call on all parties to stop the fighting.',
    );
    expect(x.meetings.map((m) => m.participants)).toEqual([['Kwabena Asante-Darko'], ['Josephine Opio']]);
  });

  it('reads "called on" a titled person as a visit, but not "called on President X to …" (an appeal)', () => {
    const x = run(
      'During her visit, Minister Ana Soto also called on the Chairman of the State Great Khural, Mr. Tserendorj Ganbold, and visited a solar power station.\n\n' +
        'We called on President Ilan Adler to release them. Ministers called on all major emitters to act.\n\n' +
        'The Minister called on Foreign Minister Ravi Shah in his office.',
    );
    expect(x.meetings.map((m) => [m.statementSeq, m.participants])).toEqual([
      [1, ['Tserendorj Ganbold']],
      [3, ['Ravi Shah']],
    ]);
  });

  it('reads "The Foreign Ministers of A, B and C met in …" as a meeting of those governments', () => {
    const x = run(
      'The Foreign and Environment Ministers of Tavrinia, Sarevan and Ludmora met in Belavar for the fourth Ministerial Council.\n\n' +
        'The Ministers of the Republic of Chile, the Republic of Fiji and the Kingdom of Norway met in Accra on 8 June.\n\n' +
        'The Ministers of Chile met in Accra.',
    );
    expect(x.meetings.map((m) => [m.statementSeq, m.participants])).toEqual([
      [1, ['Tavrinia', 'Sarevan', 'Ludmora']],
      [2, ['Republic of Chile', 'Republic of Fiji', 'Kingdom of Norway']],
    ]);
  });

  it('reads meetings "at <place> with", "yesterday evening with", a host who "received on Tuesday" or "was received by" someone, and "welcomed President X to …" (not "welcomed Secretary X\'s travel")', () => {
    const x = run(
      'As you saw, the President met this morning at Malacañang Palace with President Ramon Villanueva.\n\n' +
        'Federal Minister Clemens Hartwig spoke by telephone yesterday evening with the Foreign Minister of the Republic of Moldova, Mihai Ciobanu.\n\n' +
        'Minister Faris Tarawneh received on Tuesday the Minister for Foreign Affairs of the Kingdom of Sweden, Karin Lindqvist, who is on a visit.\n\n' +
        'On Wednesday, the Special Representative was received by the President of the Republic, Mr. Armando Nhaga.\n\n' +
        'President Harlan Brooks welcomed President Tuvshin Batzorig of Mongolia to the White House today.\n\n' +
        'The Foreign Minister welcomed Secretary Blinken\u2019s planned travel to the region.',
    );
    expect(x.meetings.map((m) => [m.statementSeq, m.participants])).toEqual([
      [1, ['Ramon Villanueva']],
      [2, ['Mihai Ciobanu']],
      [3, ['Karin Lindqvist']],
      [4, ['Armando Nhaga']],
      [5, ['Tuvshin Batzorig']],
    ]);
  });

  it('reads "A and B co-chaired", ", with whom we held talks", "an interactive session with", people after ", including" and an office before or after a name', () => {
    const x = run(
      'Under Secretary Miriam Castellanos and Deputy Minister Yerlan Abenov co-chaired the fifth session of the dialogue.\n\n' +
        'This morning we were joined by the Minister for Foreign Affairs of Ukraine, Oleh Savchuk, with whom we held talks on the front.\n\n' +
        'We held an interactive session with Dr. Siriporn Wattanakul, Executive Director of the Centre.\n\n' +
        'She met with representatives of civil society organisations, including Ms. Suzana Gomes Nanque, coordinator of the Women\u2019s Platform, and Mr. Armando Sá of the Youth Network.\n\n' +
        'Mr Rangihau met the Bangladesh Foreign Adviser, Mr Saiful Karim, and thanked Bangladesh.',
    );
    expect(x.meetings.map((m) => [m.statementSeq, m.participants])).toEqual([
      [1, ['Yerlan Abenov']],
      [2, ['Oleh Savchuk']],
      [3, ['Siriporn Wattanakul']],
      [4, ['representatives of civil society organisations', 'Suzana Gomes Nanque', 'Armando Sá']],
      [5, ['Saiful Karim']],
    ]);
  });

  it('reads "A and B held bilateral talks", "received Philippine Ambassador X", ", and separately with the Leader of the Opposition, Y", an office\'s place before its holder, and people "among them"', () => {
    const x = run(
      'On 13 March 2025, President Bola Adeyemi and President Daniel Mwangi held bilateral talks at the Presidential Villa.\n\n' +
        'Deputy Minister Pham Van Loc received Philippine Ambassador Maria Consuelo Dizon to convey condolences.\n\n' +
        'The Secretary-General spoke by telephone on Wednesday with the Prime Minister of Lesotho, Thabo Mokhele, and separately with the Leader of the Opposition, Palesa Ntsekhe.\n\n' +
        'He also met the UNHCR Representative in Bangladesh, Ms Ingrid Haavik, to discuss returns.\n\n' +
        'The Minister met with a group of activists, among them Ana-Maria Craciun, director of the Clear Ledger Foundation, and the investigative lawyer Vlad Ionescu-Berger, to hear their views.',
    );
    expect(x.meetings.map((m) => [m.statementSeq, m.participants, m.place])).toEqual([
      [1, ['Bola Adeyemi', 'Daniel Mwangi'], undefined],
      [2, ['Maria Consuelo Dizon'], undefined],
      [3, ['Thabo Mokhele', 'Palesa Ntsekhe'], undefined],
      [4, ['Ingrid Haavik'], undefined],
      [5, ['group of activists', 'Ana-Maria Craciun', 'Vlad Ionescu-Berger'], undefined],
    ]);
  });

  it('reads a second meeting joined by ", and with" a titled person after a first report', () => {
    const x = run(
      'On the margins, the Chair met separately with Minister Hodan Warsame to discuss the drought plan, and with Executive Secretary Samuel Langat on early warning.\n\n' +
        'I met with Minister Ana Ruiz, and with Japan we agreed to trade.',
    );
    expect(x.meetings.map((m) => m.participants)).toEqual([['Hodan Warsame', 'Samuel Langat'], ['Ana Ruiz']]);
  });

  it('reports no meeting denied or supposed in its clause ("did not meet with", "if … sat down with"), but "not only … but also" is one', () => {
    const x = run(
      'The adviser did not meet with Minister Lars Berg. I can\u2019t say that I have sat down with the Chiefs of Staff.\n\n' +
        'If any parent sat down with those kids, they would agree.\n\n' +
        'The Secretary has had the chance not only to speak with President Ilan Adler but also to visit.',
    );
    expect(x.meetings.map((m) => [m.statementSeq, m.participants])).toEqual([[3, ['Ilan Adler']]]);
  });

  it('reads a list of people with their offices as who met, but not a list that did something else first', () => {
    const x = run(
      'The Minister of Foreign Affairs of Oltavia, Marta Kessling, the Minister for Trade of Brevany, Tomas Aalto, and the ' +
        'Minister of Finance of Norvale, Ines Duarte, met today in Oslo.\n\n' +
        'Foreign Minister Ana Lopez, Defense Minister Karl Brandt and Trade Minister Li Wei held talks in Berlin.\n\n' +
        'Minister Ana Lopez and Minister Karl Brandt welcomed the students, who met the mayor.',
    );
    expect(x.meetings.map((m) => [m.statementSeq, m.participants])).toEqual([
      [1, ['Marta Kessling', 'Tomas Aalto', 'Ines Duarte']],
      [2, ['Ana Lopez', 'Karl Brandt', 'Li Wei']],
    ]);
  });

  it('keeps a long group named with where it is from, and ends whom was met before "just"', () => {
    const x = run(
      'Today I met with students from the Escuela Nacional de Bellas Artes de Cusco who paint murals.\n\n' +
        'The Ambassador met with families of the two detained journalists just last week.',
    );
    expect(x.meetings.map((m) => m.participants)).toEqual([
      ['students from the Escuela Nacional de Bellas Artes de Cusco'],
      ['families of the two detained journalists'],
    ]);
  });

  it('reads a call "earlier in the day", "last week" or "on Tuesday" with someone, and an award presented to "Dr." someone', () => {
    const x = run(
      'Separately, the Secretary spoke by phone earlier in the day with First Deputy Foreign Minister Dinara Seitkali-Abenova.\n\n' +
        'I met last week with Minister Oduya.\n\nWe spoke on Tuesday with Governor Ramos.\n\n' +
        'I am proud to present the 2026 River Stewardship Award to Dr. Souvanna Phommavong. (Applause.)',
    );
    expect(x.meetings.map((m) => m.participants)).toEqual([['Dinara Seitkali-Abenova'], ['Oduya'], ['Ramos']]);
    expect(x.awards).toEqual([{ award: '2026 River Stewardship Award', recipient: 'Souvanna Phommavong', statementSeq: 4 }]);
  });

  it('reads a host receiving a titled visitor as a meeting, and an award presented posthumously, without its giver\'s name', () => {
    const x = run(
      'Minister Macuácua received Deputy Minister of Foreign Affairs H.E. Mr. Đỗ Quang Huấn in Maputo.\n\n' +
        'The Minister received the report on Monday.\n\n' +
        'I present the Secretary’s Defender Award posthumously to Rosa Quispe Mamani. I also present the Embassy’s Civic Courage Award to Ms. Ana Huaraca Tito.',
    );
    expect(x.meetings.map((m) => m.participants)).toEqual([['Đỗ Quang Huấn']]);
    expect(x.awards.map((a) => [a.award, a.recipient])).toEqual([
      ['Secretary’s Defender Award', 'Rosa Quispe Mamani'],
      ['Civic Courage Award', 'Ana Huaraca Tito'],
    ]);
  });

  it('reads "we honor X with the … Prize" as an award presented', () => {
    const x = run('Tonight we honor Lucía Ferreyra-Abdala with the Héctor Garrido Bridge-Builder Prize. (Applause.)');
    expect(x.awards.map((a) => [a.award, a.recipient])).toEqual([['Héctor Garrido Bridge-Builder Prize', 'Lucía Ferreyra-Abdala']]);
  });

  it('ends whom was met at a spaced dash and before "right now"', () => {
    const x = run(
      'We held talks with Prime Minister Kaja Kallas – and yet Estonia remains worried.\n\nWe are in active discussions with the Dutch Government right now on next steps.',
    );
    expect(x.meetings.map((m) => m.participants)).toEqual([['Kaja Kallas'], ['Dutch Government']]);
  });

  it('reads "had a chance to talk with" and asides before "with"', () => {
    const x = run('I had a chance to talk with student activists. I had a long discussion, frankly, with farmers.');
    expect(x.meetings.map((m) => m.participants)).toEqual([['student activists'], ['farmers']]);
  });

  it('reads the person after an office in apposition, a list after commas, and "met in Washington with"', () => {
    const x = run(
      [
        'The Minister met with the Deputy Prime Minister and Minister of Foreign Affairs of Ruritania, Ilona Varga-Kis, who is visiting.',
        'I met with the President, Prime Minister Halvorsen, and Foreign Minister Dalen.',
        'Deputy Secretary Kurt Campbell met today in Washington with Foreign Minister Mohamed Salem Ould Merzoug.',
      ].join('\n\n'),
    );
    expect(x.meetings).toEqual([
      { participants: ['Ilona Varga-Kis'], statementSeq: 1 },
      { participants: ['President', 'Halvorsen', 'Dalen'], statementSeq: 2 },
      { participants: ['Mohamed Salem Ould Merzoug'], place: 'Washington', statementSeq: 3 },
    ]);
  });

  it('ends the phrase of whom was met where a main clause begins after a comma', () => {
    const x = run('In a meeting with Prime Minister Halvorsen, Deputy Secretary Sherman stressed the partnership. She met with Pope Francis, and Lebanon was on the agenda.');
    expect(x.meetings.map((m) => m.participants)).toEqual([['Halvorsen'], ['Francis']]);
  });

  it('reads a meeting named in Title Case ("held a Foreign Ministers’ Meeting with …")', () => {
    const x = run('The Minister held a Foreign Ministers’ Meeting with H.E. Mr. Teodoro Dela Cruz Villanueva, Secretary of Foreign Affairs, who is visiting.');
    expect(x.meetings.map((m) => m.participants)).toEqual([['Teodoro Dela Cruz Villanueva']]);
  });

  it('takes the place said with the meeting, not a place of what was discussed', () => {
    const x = run(
      'The President spoke today with President Amani Koros of Ruritania to discuss the crisis in Sudan.\n\nThe Secretary met with Ilse Marten, the Personal Envoy, today in Washington.',
    );
    expect(x.meetings).toEqual([
      { participants: ['Amani Koros'], statementSeq: 1 },
      { participants: ['Ilse Marten'], place: 'Washington', statementSeq: 2 },
    ]);
  });

  it('reads "X also met <Name>" and ", and with <Name>"', () => {
    const x = run(
      'The Foreign Secretary also met Ukrainian human rights defender Oleksandra Matviichuk to discuss the documentation.\n\nI spoke yesterday with the Prime Minister of Qatar, Sheikh Hamad Al Kuwari, and with Egyptian Foreign Minister Badr Abdelatty.',
    );
    expect(x.meetings.map((m) => m.participants)).toEqual([['Oleksandra Matviichuk'], ['Hamad Al Kuwari', 'Badr Abdelatty']]);
  });

  it('does not take a yes-or-no question about a call for a reported meeting', () => {
    const x = run('Did the Secretary speak with Foreign Minister Dalen this week?\n\nThe Secretary did speak with Foreign Minister Dalen yesterday.');
    expect(x.meetings).toEqual([{ participants: ['Dalen'], statementSeq: 2 }]);
  });

  it('does not take "thank you for joining me" for a meeting', () => {
    expect(run('Thank you for joining me today.').meetings).toEqual([]);
  });
});

describe('extract › awards', () => {
  it('reads "X, please come forward to receive the … Award" and "X, please join me for the … Award"', () => {
    const x = run('Our first honouree set up a phone line. Ms. Lan Hoang, please come forward to receive the Bridge of Dignity Award.\n\nMs. Carolina Ferreira, please join me for the Bridge of Dignity Award.');
    expect(x.awards.map((a) => [a.award, a.recipient])).toEqual([
      ['Bridge of Dignity Award', 'Lan Hoang'],
      ['Bridge of Dignity Award', 'Carolina Ferreira'],
    ]);
  });

  it('reads "congratulating the recipient of the … Award, X"', () => {
    const x = run('Please join me in congratulating the recipient of the 2025 Open Doors Award for Community Leadership, Lo Thi Mai.');
    expect(x.awards.map((a) => [a.award, a.recipient])).toEqual([['2025 Open Doors Award for Community Leadership', 'Lo Thi Mai']]);
  });

  it('reads "conferred the Order of … on President X"', () => {
    const x = run('During the visit, President Nasra Kimathi conferred the Order of the Golden Baobab on President Aurelio Montvale in recognition of his work.');
    expect(x.awards.map((a) => [a.award, a.recipient])).toEqual([['Order of the Golden Baobab', 'Aurelio Montvale']]);
  });

  it('reads "X is this year\'s recipient of", "congratulating X, winner of" and "present you with" after naming the person', () => {
    const x = run(
      'Our second honoree is Samir Haddad. Samir Haddad is this year\u2019s recipient of the Courage in Journalism Prize.\n\n' +
        'Please join me in congratulating Lucia Ferraz, winner of the Inclusion Champion Award.\n\n' +
        'When I first met Irena Kovac, she spoke of water. Irena, it is my honour this afternoon to present you with the Civic Courage Award.',
    );
    expect(x.awards.map((a) => [a.award, a.recipient])).toEqual([
      ['Courage in Journalism Prize', 'Samir Haddad'],
      ['Inclusion Champion Award', 'Lucia Ferraz'],
      ['Civic Courage Award', 'Irena Kovac'],
    ]);
  });

  it('reads "presented X, Director of Y, with the … award"', () => {
    const x = run('I presented Lena Marchetti, Director of Casa Aurora, with the 2021 Courage in Journalism award.');
    expect(x.awards).toEqual([
      { award: '2021 Courage in Journalism award', recipient: 'Lena Marchetti', recipientOrganization: 'Casa Aurora', statementSeq: 1 },
    ]);
  });

  it('reads "congratulated … Hero X" and "X received the … Prize"', () => {
    const x = run('We congratulated 2019 TIP Hero Amara Okafor on her work.\n\nThe novelist Ilse Brandt received the Golden Quill Prize.');
    expect(x.awards.map((a) => [a.award, a.recipient])).toEqual([
      ['2019 TIP Hero', 'Amara Okafor'],
      ['Golden Quill Prize', 'Ilse Brandt'],
    ]);
  });
});

describe('extract › awards (pronouns and complements)', () => {
  it('reads "present him with the … Award for X": the person named before, the award with its complement', () => {
    const x = run('Our second honoree is Tomas Alvarado Reyes. Mr. Alvarado founded a league. I am delighted to present him with the Inclusion Award for Sport.');
    expect(x.awards).toEqual([{ award: 'Inclusion Award for Sport', recipient: 'Tomas Alvarado Reyes', statementSeq: 1 }]);
  });

  it('names no recipient for a pronoun with nobody named before it', () => {
    expect(run('I am delighted to present her with the Inclusion Award.').awards).toEqual([]);
  });
});

describe('extract › awards (ceremonies)', () => {
  it('reads "I confer on him the Order of … in Gold", "conferred on X the national honour of …", "The … Prize goes to X" and "please accept this Certificate of …"', () => {
    const x = run(
      'Mr. Sipho Ndlovu took the sound of the townships to concert halls. For his contribution, I confer on him the Order of Ikhamanga in Gold.\n\n' +
        'President Adeyemi conferred on President Daniel Mwangi the national honour of Grand Commander of the Order of the Niger (GCON).\n\n' +
        'The 2026 Wanda Rutkowska Prize for Civic Courage goes to Dilnoza Karimova.\n\n' +
        'Coach Samuel Otieno has volunteered since the first practice. Coach Otieno, on behalf of the Embassy, please accept this Certificate of Appreciation.\n\n' +
        'This year we honour Dr. Wanjiku Njoroge with the Order of the Companions of O.R. Tambo in Silver.',
    );
    expect(x.awards.map((a) => [a.award, a.recipient])).toEqual([
      ['Order of Ikhamanga in Gold', 'Sipho Ndlovu'],
      ['Grand Commander of the Order of the Niger', 'Daniel Mwangi'],
      ['2026 Wanda Rutkowska Prize for Civic Courage', 'Dilnoza Karimova'],
      ['Certificate of Appreciation', 'Samuel Otieno'],
      ['Order of the Companions of O.R. Tambo in Silver', 'Wanjiku Njoroge'],
    ]);
  });

  it('gives "you" or a first name the person introduced just before, and an award its fuller name from the same statement', () => {
    const x = run(
      'Our first honoree is Yosef Manurung from Medan.\n\n' +
        'Since then, Yosef has built a league. Yosef, it is my honor to present you with this year\u2019s Inclusion Champion Award.\n\n' +
        'Putu Ayu Mahendra was a fellow in 2021.\n\n' +
        'Putu, please come up and receive the Green Futures Award.\n\n' +
        'We present, for only the third time, the Bridge of Dignity Lifetime Achievement Medal. Dr. Leyla Hasanova opened a shelter. Dr. Hasanova, it is my honour to present you with the Lifetime Achievement Medal.',
    );
    expect(x.awards.map((a) => [a.award, a.recipient])).toEqual([
      ['Inclusion Champion Award', 'Yosef Manurung'],
      ['Green Futures Award', 'Putu Ayu Mahendra'],
      ['Bridge of Dignity Lifetime Achievement Medal', 'Leyla Hasanova'],
    ]);
  });

  it('gives an award presented "to three extraordinary women" to each honoree introduced after it, and one presented "to each of you" to those introduced before', () => {
    const after = run(
      'It is my honor to present this year\u2019s International Women of Courage Award to three extraordinary women. Let me introduce them.\n\n' +
        'Liliana Ayala Ccori grew up in the highlands of southern Peru.\n\n' +
        'Mariam Kouyaté was born deaf in Thiès, Senegal.\n\n' +
        'Thandiwe Mokoena is a lawyer in Johannesburg.\n\n' +
        'These three women come from different countries. They share a conviction. We see them.\n\n' +
        'Ambassador Rosa Pérez joined us today.',
    );
    expect(after.awards.map((a) => [a.award, a.recipient, a.statementSeq])).toEqual([
      ['International Women of Courage Award', 'Liliana Ayala Ccori', 2],
      ['International Women of Courage Award', 'Mariam Kouyaté', 3],
      ['International Women of Courage Award', 'Thandiwe Mokoena', 4],
    ]);
    const before = run(
      'Let me start with Marguerite Dolan.\n\n' +
        'In 1974, Peg was a student in Milwaukee.\n\n' +
        'Elias Navarro started out as a copy boy.\n\n' +
        'And finally, Dorothy Whitaker.\n\n' +
        'So, Peg, Elias, Dot: thank you. It is my great honor to present to each of you the Presidential Medal of Freedom.',
    );
    expect(before.awards.map((a) => [a.award, a.recipient])).toEqual([
      ['Presidential Medal of Freedom', 'Marguerite Dolan'],
      ['Presidential Medal of Freedom', 'Elias Navarro'],
      ['Presidential Medal of Freedom', 'Dorothy Whitaker'],
    ]);
  });

  it('gives "Our second honouree" the award named in their paragraph, else the one given before; a name opening a paragraph outside a ceremony is no award', () => {
    const x = run(
      'Ms. Ana Ruiz, please come forward to receive the Bridge of Dignity Award.\n\n' +
        'Our second honouree is a man of faith. Imam Dawud Osmanović rebuilt the chapel.\n\n' +
        'Our third honoree, Rafael Quispe Mamani, could not travel. Accepting the Open Field Alumni Impact Award on his behalf is his brother.',
    );
    expect(x.awards.map((a) => [a.award, a.recipient])).toEqual([
      ['Bridge of Dignity Award', 'Ana Ruiz'],
      ['Bridge of Dignity Award', 'Dawud Osmanović'],
      ['Open Field Alumni Impact Award', 'Rafael Quispe Mamani'],
    ]);
    expect(run('Liliana Ayala Ccori grew up in Peru.\n\nMariam Kouyaté was born in Senegal.').awards).toEqual([]);
  });
});

describe('extract › awards (recipients named apart)', () => {
  it('reads "This year\'s recipient is X" after an award presented alone, a first name before a clause, and drops an award\'s leading adjective', () => {
    const x = run(
      'It is also my great pleasure to present this year\u2019s U.S. Embassy Alumni Impact Award. This award recognizes an alumnus.\n\n' +
        'This year\u2019s recipient is Ramesh Adhikari, a 2019 alumnus.\n\n' +
        'The Secretary honored Sunita Thapa Magar last month. Sunita, when you received the TIP Report Hero award, you spoke for many.\n\n' +
        'Finally, I am delighted to present a special Ambassador\u2019s Award for Inclusion to Maya Gurung.',
    );
    expect(x.awards.map((a) => [a.award, a.recipient])).toEqual([
      ['U.S. Embassy Alumni Impact Award', 'Ramesh Adhikari'],
      ['TIP Report Hero award', 'Sunita Thapa Magar'],
      ['Ambassador\u2019s Award for Inclusion', 'Maya Gurung'],
    ]);
  });
});

describe('extract › awards (presentation notes)', () => {
  it('gives the award a presentation note names, or the title\'s, to the honoree introduced since the note before', () => {
    const doc = structureTranscript(
      [
        'Remarks by the President at the Presidential Citizens Medal Ceremony',
        '',
        'THE PRESIDENT: Please welcome our honorees.',
        '',
        'MILITARY AIDE: Maribel Ochoa. She opened her door to newcomers in Dayton.',
        '',
        '(The Presidential Citizens Medal is presented.) (Applause.)',
        '',
        'MILITARY AIDE: Terrence Abernathy. He opened city hall to everyone.',
        '',
        '[Award presented]',
        '',
        'THE PRESIDENT: Thank you all.',
      ].join('\n'),
    );
    expect(extract(doc).awards.map((a) => [a.award, a.recipient, a.statementSeq])).toEqual([
      ['Presidential Citizens Medal', 'Maribel Ochoa', 2],
      ['Presidential Citizens Medal', 'Terrence Abernathy', 3],
    ]);
  });
});

describe('extract › robustness', () => {
  it('never throws and keeps evidence inside the statements, whatever the text', () => {
    const pieces = fc.constantFrom(...'aA zZ.,;:’\'"“”-–()+/&\nİßé漢😀'.split(''), 'Mr. ', 'President ', ' of the ', 'Director of ', 'met with ', ' award', 'Hero ', 'human rights', 'U.S.');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 200 }), fc.option(fc.string(), { nil: undefined }), (parts, speaker) => {
        const text = parts.join('');
        const statements = text.length === 0 ? [] : [{ seq: 1, text, span: [0, text.length] as const, sentences: splitSentences(text), quotations: [], ...(speaker ? { speaker } : {}) }];
        const x = extract({ text, title: 't', speakers: [], statements });
        for (const topic of x.topics) for (const e of topic.evidence) expect(text).toContain(e.text);
      }),
      { numRuns: 300 },
    );
  });
});
