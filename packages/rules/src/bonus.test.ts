import * as fc from 'fast-check';
import { bonusRankingViolation, splitBonus } from './index';
import type { Grade } from './index';

const coefficients: Record<Grade, number> = { A: 1.5, B: 1.2, C: 1, D: 0 };

describe('splitBonus', () => {
  it('pays proportionally to the grade coefficients, in whole đồng, summing to the pool', () => {
    const r = splitBonus(10_000_000, [
      { id: 'an', grade: 'A' },
      { id: 'binh', grade: 'B' },
      { id: 'chi', grade: 'C' },
      { id: 'dung', grade: 'D' },
    ], coefficients);
    // 1.5 : 1.2 : 1 : 0 over 3.7
    expect(r).toEqual({ an: 4_054_054, binh: 3_243_243, chi: 2_702_703, dung: 0 });
    expect(Object.values(r).reduce((a, b) => a + b, 0)).toBe(10_000_000);
  });

  it('hands out the remainder by largest remainder, ties broken by id', () => {
    expect(splitBonus(10, ['c', 'a', 'b'].map((id) => ({ id, grade: 'B' as const })), coefficients)).toEqual({ a: 4, b: 3, c: 3 });
    expect(splitBonus(2, ['z', 'y', 'x'].map((id) => ({ id, grade: 'C' as const })), coefficients)).toEqual({ x: 1, y: 1, z: 0 });
    // Larger remainder wins over a smaller id.
    expect(splitBonus(5, [{ id: 'a', grade: 'C' }, { id: 'b', grade: 'A' }], { A: 2, B: 1.5, C: 1, D: 0 })).toEqual({ a: 2, b: 3 });
  });

  it('handles empty pools, empty lists and all-zero coefficients', () => {
    expect(splitBonus(0, [{ id: 'a', grade: 'A' }], coefficients)).toEqual({ a: 0 });
    expect(splitBonus(0, [], coefficients)).toEqual({});
    expect(splitBonus(0, [{ id: 'd', grade: 'D' }], coefficients)).toEqual({ d: 0 });
    expect(() => splitBonus(100, [{ id: 'd', grade: 'D' }], coefficients)).toThrow(/coefficients/);
    expect(() => splitBonus(100, [], coefficients)).toThrow(/people/);
  });

  it('is exact for big pools and decimal coefficients', () => {
    // 2^53 − 1 split 2 : 1; by hand: a = 6 004 799 503 160 660 r 2/3, b = 3 002 399 751 580 330 r 1/3,
    // one đồng left, to the larger remainder (a).
    const r = splitBonus(9_007_199_254_740_991, [{ id: 'a', grade: 'A' }, { id: 'b', grade: 'B' }], { A: 0.2, B: 0.1, C: 0, D: 0 });
    expect(r).toEqual({ a: 6_004_799_503_160_661, b: 3_002_399_751_580_330 });
  });

  it('returns an ordinary object, whatever the ids', () => {
    const r = splitBonus(3, [{ id: '__proto__', grade: 'B' }, { id: 'constructor', grade: 'B' }, { id: 'toString', grade: 'B' }], coefficients);
    expect(Object.keys(r).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(JSON.stringify(r)).toBe('{"__proto__":1,"constructor":1,"toString":1}');
  });

  it('validates, naming the field', () => {
    expect(() => splitBonus(-1, [], coefficients)).toThrow(/pool/);
    expect(() => splitBonus(10.5, [], coefficients)).toThrow(/pool/);
    expect(() => splitBonus(Number.NaN, [], coefficients)).toThrow(/pool/);
    expect(() => splitBonus(10, [{ id: 'a', grade: 'A' }], { ...coefficients, A: -1 })).toThrow(/coefficients\.A/);
    expect(() => splitBonus(10, [{ id: 'a', grade: 'E' as never }], coefficients)).toThrow(/people\[0\]\.grade/);
    expect(() => splitBonus(10, [{ id: 'a', grade: 'A' }, { id: 'a', grade: 'B' }], coefficients)).toThrow(/people\[1\]\.id/);
  });
});

describe('splitBonus coefficients rank the grades: A > B > C ≥ D', () => {
  const everyone = [
    { id: 'a', grade: 'A' as const },
    { id: 'b', grade: 'B' as const },
    { id: 'c', grade: 'C' as const },
    { id: 'd', grade: 'D' as const },
  ];
  const refusal = (c: Record<Grade, number>): string => {
    try {
      splitBonus(1000, everyone, c);
    } catch (error) {
      expect(error).toBeInstanceOf(RangeError);
      return (error as RangeError).message;
    }
    throw new Error(`accepted ${JSON.stringify(c)}`);
  };

  it('refuses equal A and B, naming coefficients.B', () => {
    const message = refusal({ A: 1.2, B: 1.2, C: 1, D: 0 });
    expect(message).toMatch(/^coefficients\.B must be less than coefficients\.A \(1\.2\)/);
    expect(message).toMatch(/\(got 1\.2\)$/);
  });

  it('refuses every other break of the ranking, naming the lower grade', () => {
    expect(refusal({ A: 1, B: 1.5, C: 0.5, D: 0 })).toMatch(/^coefficients\.B must be less than coefficients\.A/);
    expect(refusal({ A: 2, B: 1, C: 1, D: 0 })).toMatch(/^coefficients\.C must be less than coefficients\.B/);
    expect(refusal({ A: 2, B: 1, C: 3, D: 0 })).toMatch(/^coefficients\.C must be less than coefficients\.B/); // A > B but C above both
    expect(refusal({ A: 2, B: 1.5, C: 1, D: 1.01 })).toMatch(/^coefficients\.D must be at most coefficients\.C/);
    // Several breaks: the best grades are compared first.
    expect(refusal({ A: 1, B: 1, C: 1, D: 1 })).toMatch(/^coefficients\.B /);
    // All zero: refused on the ranking, before anything is paid.
    expect(refusal({ A: 0, B: 0, C: 0, D: 0 })).toMatch(/^coefficients\.B /);
    // A coefficient that is not a number ≥ 0 is named as such, before the ranking.
    expect(refusal({ A: 1, B: -1, C: 0, D: 0 })).toMatch(/^coefficients\.B must be a finite number ≥ 0/);
    expect(refusal({ A: Number.NaN, B: 1, C: 0, D: 0 })).toMatch(/^coefficients\.A must be a finite number ≥ 0/);
  });

  it('refuses the ranking whoever is listed, and even for an empty pool', () => {
    expect(() => splitBonus(0, [], { A: 1, B: 1, C: 0, D: 0 })).toThrow(/^coefficients\.B /);
    expect(() => splitBonus(100, [{ id: 'c', grade: 'C' }], { A: 1, B: 1, C: 0.5, D: 0 })).toThrow(/^coefficients\.B /);
  });

  it('accepts C equal to D: they share alike', () => {
    // 2 : 1.5 : 1 : 1 over 5.5 of 1000 = 363.63…, 272.72…, 181.81…, 181.81…; floors sum to 997;
    // the 3 đồng left go to the largest remainders: c and d (0.81…, tie by id), then b (0.72…).
    expect(splitBonus(1000, everyone, { A: 2, B: 1.5, C: 1, D: 1 })).toEqual({ a: 363, b: 273, c: 182, d: 182 });
    // C = D = 0: only A and B are paid, 3 : 1 of 100.
    expect(splitBonus(100, everyone, { A: 3, B: 1, C: 0, D: 0 })).toEqual({ a: 75, b: 25, c: 0, d: 0 });
  });

  it('compares the coefficients as the numbers given, decimals included', () => {
    // 0.1 + 0.2 is 0.30000000000000004: above 0.3, so it cannot be B under an A of 0.3.
    expect(refusal({ A: 0.3, B: 0.1 + 0.2, C: 0, D: 0 })).toMatch(/^coefficients\.B /);
    expect(splitBonus(10, [{ id: 'a', grade: 'A' }, { id: 'b', grade: 'B' }], { A: 0.30000000000000004, B: 0.3, C: 0, D: 0 })).toEqual({ a: 5, b: 5 });
  });

  it('names the first pair out of rank for callers (bonusRankingViolation)', () => {
    expect(bonusRankingViolation({ A: 1.5, B: 1.2, C: 1, D: 0 })).toBeNull();
    expect(bonusRankingViolation({ A: 1, B: 0.5, C: 0, D: 0 })).toBeNull();
    expect(bonusRankingViolation({ A: 1.2, B: 1.2, C: 1, D: 0 })).toEqual({ higher: 'A', lower: 'B', strict: true });
    expect(bonusRankingViolation({ A: 2, B: 1, C: 1, D: 0 })).toEqual({ higher: 'B', lower: 'C', strict: true });
    expect(bonusRankingViolation({ A: 2, B: 1, C: 0, D: 0.5 })).toEqual({ higher: 'C', lower: 'D', strict: false });
  });

  it('accepts exactly the coefficients with A > B > C ≥ D, and names the first break otherwise', () => {
    // Small integers, so equal coefficients come up often.
    const c = fc.integer({ min: 0, max: 4 });
    fc.assert(
      fc.property(fc.record({ A: c, B: c, C: c, D: c }), (k) => {
        // The specification, written out: the first failed comparison, best grades first.
        const expected = !(k.A > k.B) ? 'B' : !(k.B > k.C) ? 'C' : !(k.C >= k.D) ? 'D' : null;
        let named: string | null = null;
        try {
          const r = splitBonus(1000, everyone, k);
          expect(Object.values(r).reduce((x, y) => x + y, 0)).toBe(1000);
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          named = /^coefficients\.([ABCD]) /.exec((error as RangeError).message)?.[1] ?? 'unnamed';
        }
        expect(named).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('never pays a better grade less than a worse one (equal C and D: at most a đồng apart)', () => {
    // Ranked coefficients built from steps: D ≥ 0, C = D + (≥ 0), B = C + (> 0), A = B + (> 0).
    const step = (min: number) => fc.integer({ min, max: 300 });
    const ranked = fc.tuple(step(0), step(0), step(1), step(1)).map(([d, c, b, a]) => ({ D: d / 100, C: (d + c) / 100, B: (d + c + b) / 100, A: (d + c + b + a) / 100 }));
    const people = fc.array(fc.constantFrom<Grade>('A', 'B', 'C', 'D'), { minLength: 1, maxLength: 25 }).map((grades) => grades.map((grade, i) => ({ id: `p${i}`, grade })));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 9 }), people, ranked, (pool, list, k) => {
        fc.pre(list.some((p) => k[p.grade] > 0));
        const r = splitBonus(pool, list, k);
        const rank = { A: 0, B: 1, C: 2, D: 3 };
        for (const x of list) {
          for (const y of list) {
            if (rank[x.grade] >= rank[y.grade]) continue;
            // A coefficient strictly above: never less. Equal ones (C = D): the đồng left goes by id.
            if (k[x.grade] > k[y.grade]) expect(r[x.id]).toBeGreaterThanOrEqual(r[y.id]);
            else expect(Math.abs(r[x.id] - r[y.id])).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
