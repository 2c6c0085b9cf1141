import { splitBonus } from './index';
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
    expect(splitBonus(5, [{ id: 'a', grade: 'C' }, { id: 'b', grade: 'A' }], { A: 2, B: 1, C: 1, D: 0 })).toEqual({ a: 2, b: 3 });
  });

  it('handles empty pools, empty lists and all-zero coefficients', () => {
    expect(splitBonus(0, [{ id: 'a', grade: 'A' }], coefficients)).toEqual({ a: 0 });
    expect(splitBonus(0, [], coefficients)).toEqual({});
    expect(splitBonus(0, [{ id: 'd', grade: 'D' }], coefficients)).toEqual({ d: 0 });
    expect(() => splitBonus(100, [{ id: 'd', grade: 'D' }], coefficients)).toThrow(/coefficients/);
    expect(() => splitBonus(100, [], coefficients)).toThrow(/people/);
  });

  it('is exact for big pools and decimal coefficients', () => {
    const r = splitBonus(9_007_199_254_740_991, [{ id: 'a', grade: 'A' }, { id: 'b', grade: 'B' }], { A: 0.1, B: 0.2, C: 0, D: 0 });
    expect(r).toEqual({ a: 3_002_399_751_580_330, b: 6_004_799_503_160_661 });
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
