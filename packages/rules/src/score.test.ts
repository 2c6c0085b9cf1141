import { gradeOf, monthlyScore, policies, roundScore, taskResult } from './index';
import type { Grade, Policy } from './index';

describe('monthlyScore', () => {
  it('adds general criteria and KPI × 70, rounded half up to 2 decimals', () => {
    expect(monthlyScore(27, 0.9375)).toBe(92.63); // 92.625
    expect(monthlyScore(28, 5.5 / 6)).toBe(92.17); // 92.1666…
    expect(monthlyScore(30, 1)).toBe(100);
    expect(monthlyScore(0, 0)).toBe(0);
    expect(monthlyScore(26.5, 0.5)).toBe(61.5);
    expect(monthlyScore(25.25, 2 / 3)).toBe(71.92); // 25.25 + 46.666… = 71.9166…
  });

  it('accepts an exact fraction as KPI, and general scores with more decimals than the rounding', () => {
    expect(monthlyScore(28, { num: 11n, den: 12n })).toBe(92.17);
    expect(monthlyScore(27.125, 0.5)).toBe(62.13); // 62.125
    expect(monthlyScore(27.124, 0.5)).toBe(62.12);
    // Denominators far beyond what a double can carry: 70 × K = 0.005 − 5·10^-31 must round down.
    expect(monthlyScore(0, { num: 10n ** 28n - 1n, den: 14000n * 10n ** 28n })).toBe(0);
    expect(monthlyScore(0, { num: 10n ** 28n, den: 14000n * 10n ** 28n })).toBe(0.01);
    expect(monthlyScore(20, { num: 13999n * 10n ** 28n - 1n, den: 14000n * 10n ** 28n })).toBe(89.99);
    expect(monthlyScore(25, { num: 12999n, den: 14000n })).toBe(90); // 89.995 exactly
  });

  it('never lets binary floating point move a score across a band', () => {
    // Each exact score is x.xx5 just below a band boundary; naive double arithmetic (toFixed or
    // Math.round(x * 100) / 100) lands on the wrong side.
    const cases: [keyof typeof policies, number, number, number, Grade][] = [
      ['hanoi2026', 20, 13999 / 14000, 90, 'A'], // 20 + 69.995 = 89.995
      ['hanoi2026', 24.25, 13149 / 14000, 90, 'A'],
      ['hanoi2026', 0, 13999 / 14000, 70, 'B'], // 69.995
      ['hanoi2026', 2, 13599 / 14000, 70, 'B'],
      ['hanoi2026', 0, 9999 / 14000, 50, 'C'], // 49.995: toFixed says 49.99
      ['hanoi2026', 1.75, 9649 / 14000, 50, 'C'],
      ['quangTri2019', 5, 13999 / 14000, 75, 'B'], // 74.995
    ];
    for (const [id, general, kpi, expected, grade] of cases) {
      const naive = general + kpi * 70;
      expect(Math.min(Number(naive.toFixed(2)), Math.round(naive * 100) / 100)).toBeLessThan(expected);
      const score = monthlyScore(general, kpi, policies[id]);
      expect(score).toBe(expected);
      expect(gradeOf(score, policies[id])).toBe(grade);
    }
  });

  it('validates general (0..30) and kpi (0..1), naming the field', () => {
    expect(() => monthlyScore(-0.01, 0.5)).toThrow(/general/);
    expect(() => monthlyScore(30.01, 0.5)).toThrow(/general/);
    expect(() => monthlyScore(Number.NaN, 0.5)).toThrow(RangeError);
    expect(() => monthlyScore(20, 1.01)).toThrow(/kpi/);
    expect(() => monthlyScore(20, -1)).toThrow(/kpi/);
    expect(() => monthlyScore(20, Number.POSITIVE_INFINITY)).toThrow(/kpi/);
    expect(() => monthlyScore(20, { num: 3n, den: 2n })).toThrow(/kpi/);
    expect(() => monthlyScore(20, { num: 1n, den: 0n })).toThrow(/kpi/);
  });

  it('rounds per policy (decimals is a setting)', () => {
    const wholePoints: Policy = { ...policies.hanoi2026, score: { ...policies.hanoi2026.score, decimals: 0 } };
    expect(monthlyScore(27, 0.9375, wholePoints)).toBe(93);
    expect(monthlyScore(27, 0.93, wholePoints)).toBe(92); // 92.1
  });

  it('agrees with a bigint reference for every KPI of small item sets', () => {
    for (let S = 1; S <= 12; S++) {
      for (let f = 0; f <= 5; f++) {
        for (let d = 0; d <= 5; d++) {
          const items = [
            { size: S, completed: true, qualityFailures: f },
            { size: 1, completed: true, delays: d },
            { size: 2, completed: (S + f) % 3 !== 0 },
          ];
          // Reference in integer percent units: A, B, C over 100 × assigned.
          const U = 100n * BigInt(S + 3);
          const done = BigInt(S + 1 + ((S + f) % 3 !== 0 ? 2 : 0));
          const A = 100n * done;
          const B = A - BigInt(S * Math.min(100, 25 * f));
          const C = A - BigInt(Math.min(100, 25 * d));
          for (const general of [0, 12.5, 20, 27.75, 30]) {
            const g100 = BigInt(Math.round(general * 100));
            // hundredths = g100 + 7000 (A + B + C) / (3U), half up
            const num = g100 * 3n * U + 7000n * (A + B + C);
            const den = 3n * U;
            const expected = Number((2n * num + den) / (2n * den)) / 100;
            expect(monthlyScore(general, taskResult(items)!.kpi)).toBe(expected);
          }
        }
      }
    }
  });
});

describe('roundScore', () => {
  it('rounds half up on the decimal the number prints as (values that break naive toFixed)', () => {
    expect((1.005).toFixed(2)).toBe('1.00');
    expect(roundScore(1.005)).toBe(1.01);
    expect((49.995).toFixed(2)).toBe('49.99');
    expect(roundScore(49.995)).toBe(50);
    expect((89.985).toFixed(2)).toBe('89.98');
    expect(roundScore(89.985)).toBe(89.99);
    expect(roundScore(89.9949999)).toBe(89.99);
    expect(roundScore(92.1666666666666)).toBe(92.17);
    expect(roundScore(0.1 + 0.2)).toBe(0.3);
  });
});

describe('gradeOf: every band boundary of every preset', () => {
  const cases: [keyof typeof policies, number, Grade][] = [
    ['hanoi2026', 100, 'A'],
    ['hanoi2026', 90, 'A'],
    ['hanoi2026', 89.99, 'B'],
    ['hanoi2026', 70, 'B'],
    ['hanoi2026', 69.99, 'C'],
    ['hanoi2026', 50, 'C'],
    ['hanoi2026', 49.99, 'D'],
    ['hanoi2026', 0, 'D'],
    ['hanoi2022', 90, 'A'],
    ['hanoi2022', 89.99, 'B'],
    ['hanoi2022', 70, 'B'],
    ['hanoi2022', 69.99, 'C'],
    ['hanoi2022', 50, 'C'],
    ['hanoi2022', 49.99, 'D'],
    ['quangTri2019', 90, 'A'],
    ['quangTri2019', 89.99, 'B'],
    ['quangTri2019', 75, 'B'],
    ['quangTri2019', 74.99, 'C'],
    ['quangTri2019', 70, 'C'],
    ['quangTri2019', 69.99, 'C'],
    ['quangTri2019', 50, 'C'],
    ['quangTri2019', 49.99, 'D'],
  ];
  it.each(cases)('%s: %p → %s', (id, score, grade) => {
    expect(gradeOf(score, policies[id])).toBe(grade);
  });

  it('defaults to Hanoi 2026', () => {
    expect(gradeOf(70)).toBe('B');
    expect(gradeOf(74.99)).toBe('B');
  });

  it('reads the band from the rounded score', () => {
    expect(gradeOf(89.995)).toBe('A');
    expect(gradeOf(89.994999)).toBe('B');
    expect(gradeOf(69.995)).toBe('B');
    expect(gradeOf(49.995)).toBe('C'); // (49.995).toFixed(2) would say 49.99 → D
    expect(gradeOf(74.995, policies.quangTri2019)).toBe('B');
  });

  it('Quảng Trị: a criterion scored 0 bars B or better', () => {
    const qt = policies.quangTri2019;
    expect(gradeOf(95, qt, { anyCriterionZero: true })).toBe('C');
    expect(gradeOf(80, qt, { anyCriterionZero: true })).toBe('C');
    expect(gradeOf(60, qt, { anyCriterionZero: true })).toBe('C');
    expect(gradeOf(40, qt, { anyCriterionZero: true })).toBe('D');
    expect(gradeOf(95, qt, { anyCriterionZero: false })).toBe('A');
    // Hanoi has no such rule.
    expect(gradeOf(95, policies.hanoi2026, { anyCriterionZero: true })).toBe('A');
  });

  it('rejects scores outside 0–100, naming the field', () => {
    for (const bad of [-0.01, 100.01, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => gradeOf(bad)).toThrow(RangeError);
      expect(() => gradeOf(bad)).toThrow(/score/);
    }
  });
});
