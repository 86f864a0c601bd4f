import { deterministicUlid, randomUlid, transcriptIdFor } from '../lambdas/core/ids';

describe('deterministicUlid', () => {
  it('gives the same id for the same time and seed', () => {
    expect(deterministicUlid(1_700_000_000_000, 'a/1')).toBe(deterministicUlid(1_700_000_000_000, 'a/1'));
  });

  it('sorts by time and differs by seed', () => {
    const early = deterministicUlid(1_700_000_000_000, 'x');
    const late = deterministicUlid(1_700_000_000_001, 'x');
    expect(early < late).toBe(true);
    expect(deterministicUlid(1_700_000_000_000, 'y')).not.toBe(early);
    expect(early).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
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
