import { applyQuota, policies, quotaCap } from './index';
import type { Policy } from './index';

const group = (scores: number[], prefix = 'p') => scores.map((score, i) => ({ id: `${prefix}${i + 1}`, score }));
const countA = (grades: Record<string, string>) => Object.values(grades).filter((g) => g === 'A').length;

describe('applyQuota: the cap', () => {
  it('is ⌊20 % × people reaching the B band⌋, A candidates included', () => {
    // 10 people reach 70+: cap 2.
    const r = applyQuota(group([99, 98, 97, 96, 95, 80, 80, 75, 71, 70, 69, 10]));
    expect(r.cap).toBe(2);
    expect(r.grades).toMatchObject({ p1: 'A', p2: 'A', p3: 'B', p4: 'B', p5: 'B', p10: 'B', p11: 'C', p12: 'D' });
    // 9 people reach 70+: ⌊1.8⌋ = 1.
    expect(applyQuota(group([99, 98, 97, 96, 95, 80, 80, 75, 71, 60])).cap).toBe(1);
  });

  it('is ⌊25 %⌋ when raised', () => {
    expect(applyQuota(group([99, 98, 97, 96, 95, 80, 80, 75]), undefined, { raised: true }).cap).toBe(2);
    expect(applyQuota(group([99, 98, 97, 96, 95, 80, 80, 75, 71, 70, 70, 70]), undefined, { raised: true }).cap).toBe(3);
    expect(applyQuota(group([99, 98, 97, 96, 95, 80, 80, 75, 71, 70, 70, 70])).cap).toBe(2);
  });

  it('is 0 in a group of 5 or more with fewer than 5 people reaching B', () => {
    const r = applyQuota(group([95, 80, 60, 55, 40]));
    expect(r.cap).toBe(0);
    expect(r.grades).toEqual({ p1: 'B', p2: 'B', p3: 'C', p4: 'C', p5: 'D' });
    expect(r.needsChoice).toEqual([]);
  });

  it('fewer than 5 people (counting everyone evaluated): one qualifying person may get A', () => {
    expect(applyQuota(group([92, 91, 80, 60])).cap).toBe(1);
    expect(applyQuota(group([95])).grades).toEqual({ p1: 'A' });
    expect(applyQuota(group([60, 40, 95, 30])).grades).toEqual({ p1: 'C', p2: 'D', p3: 'A', p4: 'D' });
    // Nobody qualifies: the place stays empty.
    expect(applyQuota(group([89.99, 80]))).toEqual({ cap: 1, needsChoice: [], grades: { p1: 'B', p2: 'B' } });
    // The raise does not change the small-group rule.
    expect(applyQuota(group([95, 94, 93, 92]), undefined, { raised: true }).cap).toBe(1);
    // 5 people is no longer small: ⌊0.2 × 5⌋ = 1, ⌊0.2 × 4⌋ = 0.
    expect(applyQuota(group([95, 94, 93, 92, 91])).cap).toBe(1);
    expect(applyQuota(group([95, 94, 93, 92, 40])).cap).toBe(0);
  });

  it('handles an empty group', () => {
    expect(applyQuota([])).toEqual({ grades: {}, cap: 1, needsChoice: [] });
  });

  it('only A-band scores can get A, whatever the cap', () => {
    const r = applyQuota(group([89.99, 89, 88, 87, 86, 85, 84, 83, 82, 81]));
    expect(r.cap).toBe(2);
    expect(countA(r.grades)).toBe(0);
  });

  it('judges bands and ties on the rounded score', () => {
    const r = applyQuota(group([89.995, 80, 80, 80, 80]));
    expect(r.grades.p1).toBe('A');
  });

  it('base and rounding are policy settings', () => {
    const bOnly: Policy = { ...policies.hanoi2026, quota: { ...policies.hanoi2026.quota, base: 'bandBOnly' } };
    const scores = group([99, 98, 97, 96, 95, 80, 80, 75, 71, 70]); // 5 in A band, 5 in B band
    expect(applyQuota(scores).cap).toBe(2);
    expect(applyQuota(scores, bOnly).cap).toBe(1);
    const ceil: Policy = { ...policies.hanoi2026, quota: { ...policies.hanoi2026.quota, rounding: 'ceil' } };
    expect(applyQuota(group([99, 98, 97, 96, 95, 80]), ceil).cap).toBe(2);
    expect(quotaCap(100, Array(7).fill('B'), { ...policies.hanoi2026, quota: { ...policies.hanoi2026.quota, rounding: 'halfUp', percent: 22.5 } })).toBe(2); // 1.575
  });

  it('Quảng Trị: the base is the 75 band, and a zero criterion removes the candidate', () => {
    const qt = policies.quangTri2019;
    const people = group([95, 93, 80, 76, 74, 72, 71, 70, 50, 20]);
    expect(applyQuota(people, qt).cap).toBe(0); // 4 reach 75 → ⌊0.8⌋
    const zero = [
      { id: 'a', score: 97, anyCriterionZero: true },
      { id: 'b', score: 92 },
      { id: 'c', score: 80 },
    ];
    expect(applyQuota(zero, qt).grades).toEqual({ a: 'C', b: 'A', c: 'B' });
  });
});

describe('applyQuota: ties at the cap boundary', () => {
  // 10 reach B → cap 2; the 2nd and 3rd share 93.
  const tied = group([95, 93, 93, 88, 85, 80, 75, 72, 71, 70]);

  it('never picks silently: tied people are graded B and returned in needsChoice', () => {
    const r = applyQuota(tied);
    expect(r.cap).toBe(2);
    expect(r.grades).toMatchObject({ p1: 'A', p2: 'B', p3: 'B' });
    expect(r.needsChoice).toEqual(['p2', 'p3']);
  });

  it('the result does not depend on input order', () => {
    const r = applyQuota([...tied].reverse());
    expect(r.grades).toMatchObject({ p1: 'A', p2: 'B', p3: 'B' });
    expect([...r.needsChoice].sort()).toEqual(['p2', 'p3']);
  });

  it('chosen resolves the tie', () => {
    const r = applyQuota(tied, undefined, { chosen: ['p3'] });
    expect(r.grades).toMatchObject({ p1: 'A', p2: 'B', p3: 'A' });
    expect(r.needsChoice).toEqual([]);
    expect(countA(r.grades)).toBe(2);
  });

  it('ties that cover the whole cap: everyone tied is undecided', () => {
    const r = applyQuota(group([93, 93, 93, 85, 80, 80, 75, 72, 71, 70]));
    expect(r.cap).toBe(2);
    expect(countA(r.grades)).toBe(0);
    expect(r.needsChoice).toEqual(['p1', 'p2', 'p3']);
    const partly = applyQuota(group([93, 93, 93, 85, 80, 80, 75, 72, 71, 70]), undefined, { chosen: ['p2'] });
    expect(partly.grades).toMatchObject({ p1: 'B', p2: 'A', p3: 'B' });
    expect(partly.needsChoice).toEqual(['p1', 'p3']);
    const done = applyQuota(group([93, 93, 93, 85, 80, 80, 75, 72, 71, 70]), undefined, { chosen: ['p3', 'p1'] });
    expect(done.grades).toMatchObject({ p1: 'A', p2: 'B', p3: 'A' });
    expect(done.needsChoice).toEqual([]);
  });

  it('in a small group', () => {
    const r = applyQuota(group([92, 92, 80]));
    expect(r).toEqual({ cap: 1, needsChoice: ['p1', 'p2'], grades: { p1: 'B', p2: 'B', p3: 'B' } });
    expect(applyQuota(group([92, 92, 80]), undefined, { chosen: ['p2'] }).grades).toEqual({ p1: 'B', p2: 'A', p3: 'B' });
  });

  it('equal scores entirely inside or outside the cap need no choice', () => {
    expect(applyQuota(group([95, 95, 91, 91, 85, 80, 75, 72, 71, 70])).needsChoice).toEqual([]);
    expect(applyQuota(group([95, 95, 91, 91, 85, 80, 75, 72, 71, 70])).grades).toMatchObject({ p1: 'A', p2: 'A', p3: 'B', p4: 'B' });
  });

  it('rejects chosen ids that are unknown, not tied, repeated or beyond the free places', () => {
    expect(() => applyQuota(tied, undefined, { chosen: ['nobody'] })).toThrow(/chosen/);
    expect(() => applyQuota(tied, undefined, { chosen: ['p1'] })).toThrow(/chosen/); // already A, not tied
    expect(() => applyQuota(tied, undefined, { chosen: ['p4'] })).toThrow(/chosen/); // B band
    expect(() => applyQuota(tied, undefined, { chosen: ['p2', 'p2'] })).toThrow(/chosen/);
    expect(() => applyQuota(tied, undefined, { chosen: ['p2', 'p3'] })).toThrow(RangeError); // 1 free place
    expect(() => applyQuota(group([95, 90, 80, 70, 60]), undefined, { chosen: ['p1'] })).toThrow(/chosen/); // no tie
  });
});

describe('applyQuota: ids', () => {
  it('returns an ordinary object keyed by any id, including "__proto__"', () => {
    const r = applyQuota([{ id: '__proto__', score: 95 }, { id: 'hasOwnProperty', score: 80 }]);
    expect(Object.getPrototypeOf(r.grades)).toBe(Object.prototype);
    expect(Object.keys(r.grades)).toEqual(['__proto__', 'hasOwnProperty']);
    expect(Object.getOwnPropertyDescriptor(r.grades, '__proto__')?.value).toBe('A');
    expect(r.grades.hasOwnProperty).toBe('B');
  });
});

describe('applyQuota: validation', () => {
  it('names the offending field', () => {
    expect(() => applyQuota([{ id: 'a', score: 101 }])).toThrow(/people\[0\]\.score/);
    expect(() => applyQuota([{ id: 'a', score: -1 }])).toThrow(RangeError);
    expect(() => applyQuota([{ id: 'a', score: Number.NaN }])).toThrow(/score/);
    expect(() => applyQuota([{ id: '', score: 50 }])).toThrow(/people\[0\]\.id/);
    expect(() => applyQuota([{ id: 'a', score: 50 }, { id: 'a', score: 60 }])).toThrow(/people\[1\]\.id/);
    expect(() => applyQuota('x' as never)).toThrow(/people/);
    expect(() => applyQuota([], undefined, { chosen: 'p1' as never })).toThrow(/chosen/);
  });
});
