/**
 * Bytes → text. Accepts UTF-8 (with or without BOM), UTF-16 LE/BE (with a BOM, or plainly
 * UTF-16 without one) and Windows-1252 when the bytes are not valid UTF-8 but are plainly text.
 * Rejects everything else with a reason. Never throws. Line endings are normalised to LF and the
 * normalised text is "the decoded text" every span points into.
 */
import type { RejectionReason } from '../events';
import { captionsToTranscript, isCaptionFile } from './captions';

/** A decoding either yields text (and the encoding it came from) or a rejection. */
export type DecodeResult =
  | { readonly ok: true; readonly text: string; readonly encoding: string }
  | { readonly ok: false; readonly reason: RejectionReason; readonly detail: string };

/** Default upper bound on an upload's size (5 MB). */
export const DEFAULT_DECODE_MAX_BYTES = 5 * 1024 * 1024;

interface Magic {
  readonly name: string;
  readonly offset: number;
  readonly bytes: readonly number[];
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/** File signatures of formats that are not plain-text transcripts. */
const MAGICS: readonly Magic[] = [
  { name: 'PDF', offset: 0, bytes: ascii('%PDF-') },
  { name: 'PNG', offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'JPEG', offset: 0, bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF', offset: 0, bytes: ascii('GIF87a') },
  { name: 'GIF', offset: 0, bytes: ascii('GIF89a') },
  { name: 'ZIP (or DOCX/XLSX/ODT)', offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'ZIP', offset: 0, bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'gzip', offset: 0, bytes: [0x1f, 0x8b] },
  { name: 'bzip2', offset: 0, bytes: ascii('BZh91AY&SY') },
  { name: 'xz', offset: 0, bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: 'zstd', offset: 0, bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  { name: '7z', offset: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'RAR', offset: 0, bytes: ascii('Rar!\u001a\u0007') },
  { name: 'OLE (legacy Office .doc/.xls)', offset: 0, bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { name: 'RTF', offset: 0, bytes: ascii('{\\rtf') },
  { name: 'PostScript', offset: 0, bytes: ascii('%!PS') },
  { name: 'TIFF', offset: 0, bytes: [0x49, 0x49, 0x2a, 0x00] },
  { name: 'TIFF', offset: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { name: 'WebP/WAV/AVI (RIFF)', offset: 0, bytes: ascii('RIFF') },
  { name: 'MP4/MOV', offset: 4, bytes: ascii('ftyp') },
  { name: 'MP3', offset: 0, bytes: ascii('ID3') },
  { name: 'Ogg', offset: 0, bytes: ascii('OggS') },
  { name: 'FLAC', offset: 0, bytes: ascii('fLaC') },
  { name: 'ELF executable', offset: 0, bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'WebAssembly', offset: 0, bytes: [0x00, 0x61, 0x73, 0x6d] },
  { name: 'SQLite', offset: 0, bytes: ascii('SQLite format 3\u0000') },
  { name: 'WOFF font', offset: 0, bytes: ascii('wOFF') },
  { name: 'WOFF2 font', offset: 0, bytes: ascii('wOF2') },
  { name: 'ICO', offset: 0, bytes: [0x00, 0x00, 0x01, 0x00] },
];

const matchesMagic = (bytes: Uint8Array, magic: Magic): boolean => {
  if (bytes.length < magic.offset + magic.bytes.length) return false;
  for (let i = 0; i < magic.bytes.length; i++) if (bytes[magic.offset + i] !== magic.bytes[i]) return false;
  return true;
};

/** Windows-1252's characters for 0x80–0x9F (the five undefined bytes map to the C1 control, as WHATWG does). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16leFatal = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });

/** Control characters that never occur in plain text (everything below 0x20 but tab, LF, FF, CR; and DEL). */
const isBadControl = (c: number): boolean => (c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0x7f;

/** Counts NULs and other stray control bytes in a byte range (byte-oriented encodings). */
const countControls = (bytes: Uint8Array): { nul: number; control: number } => {
  let nul = 0;
  let control = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x20 || b === 0x7f) {
      if (b === 0) nul++;
      else if (isBadControl(b)) control++;
    }
  }
  return { nul, control };
};

/** Counts stray control characters in decoded text. */
const countTextControls = (text: string): number => {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) if (c === 0 || isBadControl(c)) control++;
  }
  return control;
};

/** Whether a share of stray control characters means binary data rather than text. */
const looksBinary = (controls: number, total: number): boolean => total > 0 && (controls > 8 && controls / total > 0.01);

const WHITESPACE_ONLY = /^[\s\u200b\u200c\u200d\u2060\ufeff]*$/u;

/** CRLF and lone CR → LF, so spans index one canonical text. */
const normaliseLineEndings = (text: string): string => (text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n'));

const finish = (raw: string, encoding: string): DecodeResult => {
  let text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  text = normaliseLineEndings(text);
  // A caption file (WebVTT, SubRip) is read as the transcript its cues hold.
  if (isCaptionFile(text)) text = captionsToTranscript(text);
  if (WHITESPACE_ONLY.test(text)) return { ok: false, reason: 'empty', detail: 'the text has only whitespace' };
  return { ok: true, text, encoding };
};

const swapBytes = (bytes: Uint8Array): Uint8Array => {
  const out = new Uint8Array(bytes.length & ~1);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1]!;
    out[i + 1] = bytes[i]!;
  }
  return out;
};

const decodeUtf16 = (body: Uint8Array, bigEndian: boolean): DecodeResult => {
  const encoding = bigEndian ? 'utf-16be' : 'utf-16le';
  if (body.length % 2 !== 0) return { ok: false, reason: 'undecodable', detail: `${encoding} data has an odd number of bytes` };
  let text: string;
  try {
    text = utf16leFatal.decode(bigEndian ? swapBytes(body) : body);
  } catch (error) {
    return { ok: false, reason: 'undecodable', detail: `invalid ${encoding}: ${(error as Error).message}` };
  }
  const controls = countTextControls(text);
  if (looksBinary(controls, text.length)) {
    return { ok: false, reason: 'binary', detail: `${controls} control characters in ${text.length} ${encoding} characters` };
  }
  return finish(text, encoding);
};

/** Guesses BOM-less UTF-16 from the pattern of zero bytes in ASCII-range text. */
const sniffUtf16 = (bytes: Uint8Array): 'le' | 'be' | undefined => {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero / pairs > 0.6 && evenZero / pairs < 0.05) return 'le';
  if (evenZero / pairs > 0.6 && oddZero / pairs < 0.05) return 'be';
  return undefined;
};

/** Length of the well-formed UTF-8 sequence starting at `i` (a lead byte ≥ 0xC2), or 0. */
const utf8SequenceAt = (bytes: Uint8Array, i: number): number => {
  const b0 = bytes[i]!;
  const cont = (k: number): boolean => i + k < bytes.length && (bytes[i + k]! & 0xc0) === 0x80;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    const b1 = bytes[i + 1]!;
    if ((b0 === 0xe0 && b1 < 0xa0) || (b0 === 0xed && b1 > 0x9f)) return 0; // overlong or surrogate
    return 3;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const b1 = bytes[i + 1]!;
    if ((b0 === 0xf0 && b1 < 0x90) || (b0 === 0xf4 && b1 > 0x8f)) return 0;
    return 4;
  }
  return 0;
};

/**
 * Windows-1252, except where a well-formed UTF-8 sequence stands: files edited with both
 * encodings (curly quotes pasted as UTF-8 into a Windows-1252 text) come out right either way.
 */
const decodeCp1252 = (bytes: Uint8Array): { text: string; mixed: boolean } => {
  const parts: string[] = [];
  let codes: number[] = [];
  let mixed = false;
  const flush = (): void => {
    if (codes.length > 0) parts.push(String.fromCharCode.apply(null, codes));
    codes = [];
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) codes.push(b);
    else {
      const len = utf8SequenceAt(bytes, i);
      if (len > 0) {
        flush();
        parts.push(utf8Fatal.decode(bytes.subarray(i, i + len)));
        i += len - 1;
        mixed = true;
      } else {
        codes.push(b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b);
      }
    }
    if (codes.length >= 8192) flush();
  }
  flush();
  return { text: parts.join(''), mixed };
};

/** Decodes uploaded bytes to text, or says why they are not a transcript. Never throws. */
export const decodeBytes = (bytes: Uint8Array, maxBytes: number = DEFAULT_DECODE_MAX_BYTES): DecodeResult => {
  try {
    return decodeUnsafe(bytes, maxBytes);
  } catch (error) {
    return { ok: false, reason: 'undecodable', detail: `decoding failed: ${String((error as Error)?.message ?? error)}` };
  }
};

const decodeUnsafe = (bytes: Uint8Array, maxBytes: number): DecodeResult => {
  if (bytes.length > maxBytes) {
    return { ok: false, reason: 'too-large', detail: `${bytes.length} bytes exceeds the limit of ${maxBytes} bytes` };
  }
  if (bytes.length === 0) return { ok: false, reason: 'empty', detail: 'the object has no bytes' };

  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeUtf8OrCp1252(bytes.subarray(3), true);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    if (bytes.length >= 4 && bytes[2] === 0 && bytes[3] === 0) {
      return { ok: false, reason: 'undecodable', detail: 'UTF-32 text is not supported' };
    }
    return decodeUtf16(bytes.subarray(2), false);
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes.subarray(2), true);

  for (const magic of MAGICS) {
    if (matchesMagic(bytes, magic)) return { ok: false, reason: 'unsupported-type', detail: `looks like ${magic.name} (file signature)` };
  }

  const utf16 = sniffUtf16(bytes);
  if (utf16) return decodeUtf16(bytes, utf16 === 'be');
  return decodeUtf8OrCp1252(bytes, false);
};

/** Stray control bytes (not tab, LF, FF, CR) — in ASCII they are the same in bytes and in text. */
const CONTROL = /[\x00-\x08\x0b\x0e-\x1f\x7f]/;

/** Rejects NUL-heavy or control-heavy data; counts only when a native scan found any control at all. */
const binaryReason = (bytes: Uint8Array, text: string | undefined): DecodeResult | undefined => {
  if (text !== undefined && !CONTROL.test(text)) return undefined;
  const { nul, control } = countControls(bytes);
  if (nul > 0 && (nul > 8 || nul / bytes.length > 0.001)) {
    return { ok: false, reason: 'binary', detail: `${nul} NUL bytes in ${bytes.length} bytes` };
  }
  if (looksBinary(control + nul, bytes.length)) {
    return { ok: false, reason: 'binary', detail: `${control} control bytes in ${bytes.length} bytes` };
  }
  return undefined;
};

const decodeUtf8OrCp1252 = (bytes: Uint8Array, hadBom: boolean): DecodeResult => {
  if (bytes.length === 0) return { ok: false, reason: 'empty', detail: 'the object has only a byte order mark' };
  let utf8: string | undefined;
  try {
    utf8 = utf8Fatal.decode(bytes);
  } catch {
    // Not UTF-8: fall back to Windows-1252 below when the bytes are plainly text.
  }
  const binary = binaryReason(bytes, utf8);
  if (binary) return binary;
  if (utf8 !== undefined) return finish(utf8, hadBom ? 'utf-8-bom' : 'utf-8');
  if (hadBom) return { ok: false, reason: 'undecodable', detail: 'a UTF-8 byte order mark followed by invalid UTF-8' };
  let high = 0;
  let letters = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x80) high++;
    else if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) letters++;
  }
  if (high / bytes.length > 0.3 || letters / bytes.length < 0.3) {
    return {
      ok: false,
      reason: 'undecodable',
      detail: `invalid UTF-8, and ${high} of ${bytes.length} bytes are non-ASCII: not plainly Windows-1252 text`,
    };
  }
  const { text, mixed } = decodeCp1252(bytes);
  return finish(text, mixed ? 'utf-8+windows-1252' : 'windows-1252');
};
