import * as fc from 'fast-check';
import { divFloor, divHalfUp, fractionToNumber, readDecimal, recoverFraction, reduce, toUnits } from './exact';

describe('exact reading of numbers', () => {
  it('reads a decimal as it prints', () => {
    expect(readDecimal(0.1)).toEqual({ num: 1, scale: 1 });
    expect(readDecimal(89.995)).toEqual({ num: 89995, scale: 3 });
    expect(readDecimal(27)).toEqual({ num: 27, scale: 0 });
    expect(readDecimal(1e300)).toBeNull();
  });

  it('rounds half up to units on the printed decimal, including the bigint fallback', () => {
    expect(toUnits(1.005, 2)).toBe(101);
    expect(toUnits(92.625, 2)).toBe(9263);
    expect(toUnits(92.16666666666667, 2)).toBe(9217);
    expect(toUnits(0.000001, 2)).toBe(0);
    expect(toUnits(0.005, 2)).toBe(1);
    expect(toUnits(0.0049999999999999, 2)).toBe(0);
  });

  it('reads every fraction with a denominator up to 2^26 back from its double', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 26 }), fc.nat(), (den, n) => {
        const num = n % (den + 1);
        const f = recoverFraction(num / den);
        expect(f).toEqual(reduce({ num: BigInt(num), den: BigInt(den) }));
      }),
      { numRuns: 2000 },
    );
    expect(recoverFraction(11 / 12)).toEqual({ num: 11n, den: 12n });
    expect(recoverFraction(13999 / 14000)).toEqual({ num: 13999n, den: 14000n });
  });

  it('integer division helpers are exact', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 1, max: 2 ** 40 }), (n, d) => {
        expect(BigInt(divFloor(n, d))).toBe(BigInt(n) / BigInt(d));
        expect(BigInt(divHalfUp(n, d))).toBe((2n * BigInt(n) + BigInt(d)) / (2n * BigInt(d)));
      }),
    );
  });

  it('converts huge fractions to the nearest double', () => {
    expect(fractionToNumber({ num: 10n ** 30n, den: 3n * 10n ** 30n })).toBeCloseTo(1 / 3, 15);
    expect(fractionToNumber({ num: 1n, den: 4n })).toBe(0.25);
  });
});
