import { randomUlid, transcriptIdFor, ulidSequence } from '../lambdas/core/ids';

describe('ulidSequence', () => {
  const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
  const decodeRandom = (id: string): bigint =>
    [...id.slice(10)].reduce((n, ch) => n * 32n + BigInt('0123456789ABCDEFGHJKMNPQRSTVWXYZ'.indexOf(ch)), 0n);

  it('is deterministic per (time, seed), differs by seed and sorts by time first', () => {
    const a = ulidSequence(1_700_000_000_000, 'transcript/t#1');
    const b = ulidSequence(1_700_000_000_000, 'transcript/t#1');
    expect([0, 1, 99].map(a)).toEqual([0, 1, 99].map(b));
    expect(ulidSequence(1_700_000_000_000, 'transcript/t#7')(0)).not.toBe(a(0));
    expect(a(0)).toMatch(ULID);
    expect(a(99) < ulidSequence(1_700_000_000_001, 'transcript/t#1')(0)).toBe(true);
  });

  it('counts up by one from a hashed random part, so a batch sorts in order and never repeats', () => {
    const next = ulidSequence(1_700_000_000_000, 'transcript/x#1');
    const ids = Array.from({ length: 500 }, (_, k) => next(k));
    expect(new Set(ids).size).toBe(500);
    expect([...ids].sort()).toEqual(ids);
    for (let k = 1; k < ids.length; k++) expect(decodeRandom(ids[k]!) - decodeRandom(ids[k - 1]!)).toBe(1n);
    expect(ids[0]!.slice(0, 10)).toBe(ulidSequence(1_700_000_000_000, 'other')(0).slice(0, 10));
  });

  it('carries from the lower into the upper 40 bits like one 80-bit counter', () => {
    // k is chosen so that the lower 40 bits of the random part reach 2^40 exactly at id k.
    const start = ulidSequence(1_700_000_000_000, 'carry');
    const low = decodeRandom(start(0)) % 2n ** 40n;
    const k = Number(2n ** 40n - low);
    expect(decodeRandom(start(k)) - decodeRandom(start(k - 1))).toBe(1n);
    expect(decodeRandom(start(k)) % 2n ** 40n).toBe(0n);
    expect(start(k)).toMatch(ULID);
  });
});

describe('randomUlid', () => {
  it('is a 26-character ULID, unique per call', () => {
    expect(randomUlid()).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(randomUlid()).not.toBe(randomUlid());
  });
});

describe('transcriptIdFor', () => {
  it('is stable per (bucket, key) and differs between keys', () => {
    expect(transcriptIdFor('b', 'k.txt')).toBe(transcriptIdFor('b', 'k.txt'));
    expect(transcriptIdFor('b', 'k.txt')).not.toBe(transcriptIdFor('b', 'k2.txt'));
  });
});
