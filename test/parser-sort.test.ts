import fc from 'fast-check';
import { sortNumbers, sortSmall } from '../lambdas/core/parser/sort';

describe('parser › sortSmall and sortNumbers', () => {
  it('give exactly what Array.prototype.sort gives, short lists and long, keeping equal items in order', () => {
    const item = fc.record({ key: fc.integer({ min: 0, max: 6 }), id: fc.nat() });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 120 }), (items) => {
        const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
        const copy = [...items];
        expect(sortSmall(copy, byKey)).toBe(copy);
        expect(copy).toEqual([...items].sort(byKey));
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 120 }), (numbers) => {
        expect(sortNumbers([...numbers])).toEqual([...numbers].sort((a, b) => a - b));
      }),
    );
  });
});
