import { combine360, policies, selfGrade } from './index';

describe('combine360', () => {
  it('is the mean of self and 360° scores, rounded half up', () => {
    expect(combine360(80, 90)).toEqual({ score: 85, rescoreSuggested: false });
    expect(combine360(89.99, 90)).toEqual({ score: 90, rescoreSuggested: false }); // 89.995
    expect(combine360(70.01, 70)).toEqual({ score: 70.01, rescoreSuggested: false }); // 70.005
    expect(combine360(1.005, 1.005).score).toBe(1.01);
  });

  it('suggests a re-score only when they diverge by more than the threshold', () => {
    expect(combine360(80, 90).rescoreSuggested).toBe(false); // exactly 10
    expect(combine360(80, 90.01).rescoreSuggested).toBe(true);
    expect(combine360(95, 84.99).rescoreSuggested).toBe(true);
    expect(combine360(0.3, 10.3).rescoreSuggested).toBe(false); // 0.1 + 0.2 style drift must not count
    expect(combine360(80, 90.01, policies.quangTri2019)).toEqual({ score: 85.01, rescoreSuggested: true });
    const strict = { ...policies.quangTri2019, review360: { ...policies.quangTri2019.review360, divergenceThreshold: 5 } };
    expect(combine360(80, 86, strict).rescoreSuggested).toBe(true);
  });

  it('rejects scores outside 0–100, naming the field', () => {
    expect(() => combine360(101, 50)).toThrow(/selfScore/);
    expect(() => combine360(50, -1)).toThrow(/score360/);
    expect(() => combine360(50, Number.NaN)).toThrow(RangeError);
  });
});

describe('selfGrade (document 004)', () => {
  it('the stated self-grade prevails in Quảng Trị, the score band elsewhere', () => {
    expect(selfGrade(92, 'B', policies.quangTri2019)).toBe('B');
    expect(selfGrade(92, undefined, policies.quangTri2019)).toBe('A');
    expect(selfGrade(92, 'B')).toBe('A');
    expect(() => selfGrade(92, 'E' as never)).toThrow(/stated/);
  });
});
