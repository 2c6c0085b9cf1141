/** DOMAIN.md §10: every worked example under the Hanoi 2026 policy, verbatim. */
import { applyQuota, gradeOf, monthDeadlines, monthlyScore, policies, taskResult } from './index';
import type { Policy } from './index';

const group = (scores: number[]) => scores.map((score, i) => ({ id: `p${i + 1}`, score }));

describe('DOMAIN §10 worked examples (Hanoi 2026)', () => {
  it('1. staff member, general 27, items 2/1/1: a=1, b=0.875, c=0.9375, score 92.63, band A', () => {
    const r = taskResult([
      { size: 2, completed: true, qualityFailures: 1 },
      { size: 1, completed: true },
      { size: 1, completed: true, delays: 1 },
    ]);
    expect(r).toEqual({ quantity: 1, quality: 0.875, timeliness: 0.9375, kpi: 0.9375 });
    const score = monthlyScore(27, r!.kpi);
    expect(score).toBe(92.63);
    expect(gradeOf(score)).toBe('A');
  });

  it('2. items 3 and 1, the second not completed: a=b=c=0.75, general 25 → 77.50, grade B', () => {
    const r = taskResult([
      { size: 3, completed: true },
      { size: 1, completed: false },
    ]);
    expect(r).toEqual({ quantity: 0.75, quality: 0.75, timeliness: 0.75, kpi: 0.75 });
    expect(r!.kpi * 70).toBe(52.5);
    const score = monthlyScore(25, r!.kpi);
    expect(score).toBe(77.5);
    expect(score.toFixed(2)).toBe('77.50');
    expect(gradeOf(score)).toBe('B');
  });

  it('3. leader, general 28, a=b=c=1, d=0.5, đ=e=1: KPI 5.5/6, score 92.17, band A', () => {
    const r = taskResult([{ size: 5, completed: true }], { unitResults: 0.5, organisation: 1, unity: 1 });
    expect(r!.kpi).toBe(5.5 / 6);
    const score = monthlyScore(28, r!.kpi);
    expect(score).toBe(92.17);
    expect(gradeOf(score)).toBe('A');
  });

  const example4 = group([99, 97, 96, 94, 92, 91, 88, 80, 77, 71, 69, 30]);

  it('4. quota, one group of 12 (10 reach B), GRADED_B 20 %: cap ⌊10/6⌋ = 1, so 99 → A; 97 … 71 → B; 69 → C; 30 → D', () => {
    const r = applyQuota(example4);
    expect(r.grades).toEqual({ p1: 'A', p2: 'B', p3: 'B', p4: 'B', p5: 'B', p6: 'B', p7: 'B', p8: 'B', p9: 'B', p10: 'B', p11: 'C', p12: 'D' });
    expect(r.group).toMatchObject({ cap: 1, base: 10, size: 12, percent: 20 });
    expect(r).toMatchObject({ needsChoice: [], exceeded: false });
  });

  it('4. raised to 25 %: cap ⌊10/5⌋ = 2, so 99 and 97 → A', () => {
    const r = applyQuota(example4, policies.hanoi2026, { raised: true });
    expect(r.group.cap).toBe(2);
    expect(r.grades).toMatchObject({ p1: 'A', p2: 'A', p3: 'B', p10: 'B', p11: 'C', p12: 'D' });
  });

  it('4. under B_BAND the caps are ⌊0.2 × 10⌋ = 2 and ⌊0.25 × 10⌋ = 2', () => {
    const bBand: Policy = { ...policies.hanoi2026, quota: { ...policies.hanoi2026.quota!, base: 'B_BAND' } };
    expect(applyQuota(example4, bBand).group.cap).toBe(2);
    expect(applyQuota(example4, bBand, { raised: true }).group.cap).toBe(2);
  });

  it('4. re-deciding only 97 after a reopening: the group already has its one A, so 97 stays B', () => {
    // The other 11 stand decided: 9 reach B, and 99 holds the A.
    const r = applyQuota([{ id: 'p2', score: 97 }], policies.hanoi2026, { standing: { group: { size: 12, reachingB: 9, granted: 1, raised: false } } });
    expect(r.grades).toEqual({ p2: 'B' });
    expect(r.group).toMatchObject({ cap: 1, base: 10, granted: 1 });
    expect(r).toMatchObject({ room: 0, exceeded: false });
  });

  it('4. the law’s step: a group of 4 in the A band has cap 1, five at B or better in a group of five get no A', () => {
    expect(applyQuota(group([99, 97, 95, 93])).group.cap).toBe(1);
    const five = applyQuota(group([99, 97, 95, 93, 91]));
    expect(five.group.cap).toBe(0);
    expect(Object.values(five.grades)).toEqual(['B', 'B', 'B', 'B', 'B']);
    // 5 to 11 reaching the B band: ⌊N/6⌋ = 0 or 1.
    expect([5, 6, 11].map((n) => applyQuota(group(Array(n).fill(80))).group.cap)).toEqual([0, 1, 1]);
  });

  it('5. group of 4 with 92, 91, 80, 60: cap 1, so 92 → A, 91 and 80 → B, 60 → C', () => {
    const r = applyQuota(group([92, 91, 80, 60]));
    expect(r.grades).toEqual({ p1: 'A', p2: 'B', p3: 'B', p4: 'C' });
    expect(r.group).toMatchObject({ cap: 1, small: true });
    expect(r).toMatchObject({ needsChoice: [], exceeded: false });
  });

  it('6. deadlines for May 2026 and December 2026 (first late instant, UTC)', () => {
    expect(monthDeadlines(2026, 5)).toEqual({
      selfAssessment: '2026-05-24T17:00:00Z',
      comment: '2026-05-25T17:00:00Z',
      decision: '2026-05-27T17:00:00Z',
      publication: '2026-06-04T17:00:00Z',
    });
    expect(monthDeadlines(2026, 12)).toEqual({
      selfAssessment: '2026-12-09T17:00:00Z',
      comment: '2026-12-10T17:00:00Z',
      decision: '2026-12-12T17:00:00Z',
      publication: '2026-12-14T17:00:00Z',
    });
  });
});
