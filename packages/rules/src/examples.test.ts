/** DOMAIN.md §10: every worked example under the Hanoi 2026 policy, verbatim. */
import { applyQuota, gradeOf, monthDeadlines, monthlyScore, policies, taskResult } from './index';

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

  it('4. quota, group of 10: cap ⌊0.2 × 8⌋ = 1; raised to 25 %: cap 2', () => {
    const people = group([95, 93, 91, 88, 85, 80, 75, 72, 65, 40]);
    expect(applyQuota(people)).toEqual({
      cap: 1,
      needsChoice: [],
      grades: { p1: 'A', p2: 'B', p3: 'B', p4: 'B', p5: 'B', p6: 'B', p7: 'B', p8: 'B', p9: 'C', p10: 'D' },
    });
    const raised = applyQuota(people, policies.hanoi2026, { raised: true });
    expect(raised.cap).toBe(2);
    expect(raised.grades).toMatchObject({ p1: 'A', p2: 'A', p3: 'B', p9: 'C', p10: 'D' });
  });

  it('5. group of 4 with 92, 91, 80, 60: cap 1, so 92 → A, 91 and 80 → B, 60 → C', () => {
    expect(applyQuota(group([92, 91, 80, 60]))).toEqual({
      cap: 1,
      needsChoice: [],
      grades: { p1: 'A', p2: 'B', p3: 'B', p4: 'C' },
    });
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
