import { periodRating } from './index';

describe('periodRating', () => {
  it('maps the exact mean of the monthly scores to the bands', () => {
    expect(periodRating([
      { score: 92.63, grade: 'A' },
      { score: 77.5, grade: 'B' },
      { score: 80, grade: 'B' },
    ])).toEqual({ score: 83.38, grade: 'B' }); // 250.13 / 3 = 83.3766…
    expect(periodRating([
      { score: 90, grade: 'A' },
      { score: 89.99, grade: 'B' },
    ])).toEqual({ score: 90, grade: 'A' }); // 89.995 → 90.00
    expect(periodRating([{ score: 49.99, grade: 'D' }, { score: 50, grade: 'C' }])).toEqual({ score: 50, grade: 'C' });
  });

  it('gives no A for a period containing a D month', () => {
    const months = [
      { score: 100, grade: 'A' as const },
      { score: 100, grade: 'A' as const },
      { score: 75, grade: 'D' as const }, // e.g. graded down by the decider
    ];
    expect(periodRating(months)).toEqual({ score: 91.67, grade: 'B' });
    expect(periodRating(months.slice(0, 2))).toEqual({ score: 100, grade: 'A' });
  });

  it('handles a year of months', () => {
    const months = Array.from({ length: 12 }, (_, i) => ({ score: 80 + i * 0.01, grade: 'B' as const }));
    expect(periodRating(months)).toEqual({ score: 80.06, grade: 'B' }); // 80.055 → 80.06
  });

  it('validates, naming the field', () => {
    expect(() => periodRating([])).toThrow(/months/);
    expect(() => periodRating([{ score: 101, grade: 'A' }])).toThrow(/months\[0\]\.score/);
    expect(() => periodRating([{ score: 80, grade: 'E' as never }])).toThrow(/months\[0\]\.grade/);
  });
});
