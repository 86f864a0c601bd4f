import fc from 'fast-check';
import { decodeBytes } from '../lambdas/core/parser/decode';
import { parseTranscript } from '../lambdas/core/parser';
import { structureTranscript } from '../lambdas/core/parser/structure';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytes = (...parts: (number[] | Uint8Array | string)[]): Uint8Array => {
  const chunks = parts.map((p) => (typeof p === 'string' ? utf8(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};
const utf16 = (text: string, bigEndian: boolean): Uint8Array => {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[bigEndian ? 2 * i : 2 * i + 1] = c >> 8;
    out[bigEndian ? 2 * i + 1 : 2 * i] = c & 0xff;
  }
  return out;
};
const SAMPLE = 'MR. PRICE: Good afternoon. We welcome today’s agreement — a “historic” step.\n';
const ctx = { transcriptId: 't1', revision: 1, metadata: {} };

const reasonOf = (input: Uint8Array, maxBytes?: number): string => {
  const result = decodeBytes(input, maxBytes);
  return result.ok ? 'ok' : result.reason;
};

describe('decodeBytes', () => {
  it('rejects no bytes and whitespace-only text as empty', () => {
    expect(reasonOf(new Uint8Array(0))).toBe('empty');
    expect(reasonOf(utf8('  \n\t\r\n  \u00a0 '))).toBe('empty');
    expect(reasonOf(bytes([0xef, 0xbb, 0xbf], ' \n'))).toBe('empty');
  });

  it('rejects NUL-heavy and control-heavy data as binary', () => {
    const nul = new Uint8Array(4096);
    for (let i = 0; i < nul.length; i += 3) nul[i] = 0x41;
    expect(reasonOf(nul)).toBe('binary');
    const controls = new Uint8Array(2000).map((_, i) => (i % 4 === 0 ? 0x01 + (i % 7) : 0x61));
    expect(reasonOf(controls)).toBe('binary');
    expect(reasonOf(bytes('Hello world. This is a sentence.', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe('binary');
  });

  it('rejects PNG, PDF, JPEG, GIF, ZIP and gzip by their file signature', () => {
    const cases: [number[] | string, string][] = [
      [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'PNG'],
      ['%PDF-1.7\n%âãÏÓ\n1 0 obj\n', 'PDF'],
      [[0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46], 'JPEG'],
      ['GIF89a\u0001\u0000', 'GIF'],
      [[0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0], 'ZIP'],
      [[0x1f, 0x8b, 8, 0, 0, 0, 0, 0], 'gzip'],
    ];
    for (const [head, name] of cases) {
      const result = decodeBytes(bytes(head, ' and some trailing text that looks plain'));
      expect(result).toMatchObject({ ok: false, reason: 'unsupported-type' });
      expect(result.ok ? '' : result.detail).toContain(name);
    }
  });

  it('rejects uploads above the limit as too-large before decoding them', () => {
    const six = new Uint8Array(6 * 1024 * 1024).fill(0x61);
    expect(decodeBytes(six)).toMatchObject({ ok: false, reason: 'too-large' });
    // Even binary junk over the limit is too-large: size is checked first.
    expect(reasonOf(new Uint8Array(2048), 1024)).toBe('too-large');
    expect(reasonOf(utf8('Short text.'), 5)).toBe('too-large');
  });

  it('decodes UTF-8 with and without a BOM, normalising line endings', () => {
    expect(decodeBytes(utf8(SAMPLE))).toEqual({ ok: true, text: SAMPLE, encoding: 'utf-8' });
    expect(decodeBytes(bytes([0xef, 0xbb, 0xbf], SAMPLE))).toEqual({ ok: true, text: SAMPLE, encoding: 'utf-8-bom' });
    expect(decodeBytes(utf8('One.\r\nTwo.\rThree.\n'))).toMatchObject({ ok: true, text: 'One.\nTwo.\nThree.\n' });
  });

  it('decodes UTF-16 LE and BE with a BOM', () => {
    expect(decodeBytes(bytes([0xff, 0xfe], utf16(SAMPLE, false)))).toEqual({ ok: true, text: SAMPLE, encoding: 'utf-16le' });
    expect(decodeBytes(bytes([0xfe, 0xff], utf16(SAMPLE, true)))).toEqual({ ok: true, text: SAMPLE, encoding: 'utf-16be' });
  });

  it('decodes BOM-less UTF-16 when the zero bytes plainly say so', () => {
    expect(decodeBytes(utf16(SAMPLE, false))).toMatchObject({ ok: true, text: SAMPLE });
  });

  it('rejects broken UTF-16 as undecodable', () => {
    expect(reasonOf(bytes([0xff, 0xfe], utf16('Odd', false), [0x41]))).toBe('undecodable');
    // A lone low surrogate.
    expect(reasonOf(bytes([0xff, 0xfe], [0x41, 0, 0x00, 0xdc, 0x42, 0]))).toBe('undecodable');
  });

  it('falls back to Windows-1252 for smart quotes and accents that are not valid UTF-8', () => {
    const cp1252 = bytes('The minister said ', [0x93], 'we will return', [0x94], ' ', [0x96], ' and the caf', [0xe9], ' agreed', [0x85]);
    expect(decodeBytes(cp1252)).toEqual({
      ok: true,
      text: 'The minister said “we will return” – and the café agreed…',
      encoding: 'windows-1252',
    });
  });

  it('keeps well-formed UTF-8 sequences of a file that otherwise reads as Windows-1252', () => {
    const mixed = bytes('Caf', [0xe9], ' and ', '“quoted” words', ' ', [0x93], 'old quotes', [0x94], '.');
    expect(decodeBytes(mixed)).toEqual({
      ok: true,
      text: 'Café and “quoted” words “old quotes”.',
      encoding: 'utf-8+windows-1252',
    });
  });

  it('rejects invalid UTF-8 that is not plainly text as undecodable', () => {
    const soup = new Uint8Array(400).map((_, i) => 0x80 + ((i * 37) % 0x7f));
    expect(reasonOf(soup)).toBe('undecodable');
    expect(reasonOf(bytes([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]))).toBe('undecodable');
    expect(reasonOf(bytes([0xef, 0xbb, 0xbf], 'Text then ', [0xc3, 0x28]))).toBe('undecodable');
  });
});

describe('caption files', () => {
  const vtt = [
    'WEBVTT',
    '',
    'NOTE',
    'Meeting title: Department Press Briefing – Wednesday, March 12, 2025',
    'Recording started: 3/12/2025, 1:31:04 PM',
    '',
    '5b1f/14-1',
    '00:00:02.140 --> 00:00:08.351',
    '<v Marisol Keane>Good afternoon, everybody. I have two items and</v>',
    '',
    '5b1f/15-1',
    '00:00:08.427 --> 00:00:13.619 align:start',
    '<v Marisol Keane>then I\'m happy to take &amp; answer your <i>questions</i>.</v>',
    '',
    '00:00:14.000 --> 00:00:16.000',
    '<v Lena Marsh>Lena Marsh with Baltic Wire. On Belarus?</v>',
    '',
    '00:00:16.500 --> 00:00:18.000',
    '<v Guest (Phone) 2>Tomasz Rybak, Polish Radio. On Moldova?</v>',
    '',
    '00:00:18.500 --> 00:00:20.000',
    '<v Marisol Keane>Thanks, Lena.</v>',
  ].join('\r\n');

  it('reads a WebVTT export as its transcript: the notes\' title first, cues of one voice joined into a turn, tags, entities and timings gone', () => {
    const decoded = decodeBytes(utf8(vtt));
    expect(decoded.ok && decoded.text).toBe(
      [
        'Department Press Briefing – Wednesday, March 12, 2025',
        'MARISOL KEANE: Good afternoon, everybody. I have two items and then I\'m happy to take & answer your questions.',
        'LENA MARSH: Lena Marsh with Baltic Wire. On Belarus?',
        'Unidentified speaker: Tomasz Rybak, Polish Radio. On Moldova?',
        'MARISOL KEANE: Thanks, Lena.',
      ].join('\n\n') + '\n',
    );
    const parsed = parseTranscript(utf8(vtt), { transcriptId: 't', revision: 1, metadata: {} });
    if (!parsed.ok) throw new Error(parsed.reason);
    const head = parsed.events.find((e) => e.type === 'TranscriptParsed')!.data as { title: string; date?: string; speakers: string[] };
    expect([head.title, head.date, head.speakers]).toEqual(['Department Press Briefing – Wednesday, March 12, 2025', '2025-03-12', ['Marisol Keane', 'Lena Marsh', 'Tomasz Rybak']]);
  });

  it('reads SubRip cues, and leaves a text that merely mentions WEBVTT or an arrow alone', () => {
    const srt = '1\n00:00:01,000 --> 00:00:03,500\nGood morning and welcome\nto the briefing.\n\n2\n00:00:04,000 --> 00:00:06,000\nWe begin with Sudan.\n';
    const decoded = decodeBytes(utf8(srt));
    expect(decoded.ok && decoded.text).toBe('Good morning and welcome to the briefing. We begin with Sudan.\n');
    const plain = 'WEBVTTX is not a caption file.\n\n1\nThe score was 3 --> 4.\n';
    const kept = decodeBytes(utf8(plain));
    expect(kept.ok && kept.text).toBe(plain);
  });
});

describe('parseTranscript on arbitrary bytes', () => {
  it('never throws and always yields events or a known rejection reason', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (input) => {
        const outcome = parseTranscript(input, ctx);
        if (outcome.ok) expect(outcome.events[0]?.type).toBe('TranscriptParsed');
        else {
          expect(['empty', 'binary', 'too-large', 'undecodable', 'unsupported-type']).toContain(outcome.reason);
          // The last-resort catch must never be what answered.
          expect(outcome.detail).not.toMatch(/^(?:parser|decoding) fail/);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on text-like input built from transcript pieces', () => {
    const piece = fc.oneof(
      fc.constantFrom('MR. PRICE:', 'QUESTION:', 'Q.', 'THE PRESIDENT.', '(Applause.)', 'Home | News | About', '“', '”', '"', '\n', '\n\n', '\r\n', ' ', '...', 'U.S.', 'Mr.', '—'),
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        // The structure stage itself (no safety net) must not throw either.
        const doc = structureTranscript(text.replace(/\r\n?/g, '\n'));
        for (const s of doc.statements) expect(doc.text.slice(s.span[0], s.span[1])).toBe(s.text);
        const outcome = parseTranscript(utf8(text), ctx);
        if (outcome.ok) {
          for (const event of outcome.events) {
            if (event.type !== 'StatementRecorded') continue;
            expect(event.data.text.length).toBeGreaterThan(0);
          }
        } else {
          expect(outcome.detail).not.toMatch(/^(?:parser|decoding) fail/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
