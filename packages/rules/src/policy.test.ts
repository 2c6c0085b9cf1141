import { gradeLabels, policies, policyById, validatePolicy } from './index';

describe('policies', () => {
  it.each(Object.values(policies))('$id is internally consistent', (policy) => {
    expect(validatePolicy(policy)).toEqual([]);
    expect(policyById(policy.id)).toBe(policy);
  });

  it('carry what other packages need', () => {
    for (const p of Object.values(policies)) {
      expect(p.accounts.passwordChangeDays).toBe(5);
      expect(p.name.length).toBeGreaterThan(0);
      expect(p.calendar.utcOffsetMinutes).toBe(420);
    }
    expect(Object.keys(policies)).toEqual(['hanoi2026', 'hanoi2022', 'quangTri2019']);
    // Document 001 delegates commenting from 20 staff; document 003 has the deputy comment everywhere.
    expect(policies.hanoi2022.chain.delegateCommentMinStaff).toBe(20);
    expect(policies.quangTri2019.chain.delegateCommentMinStaff).toBe(20);
    expect(policies.hanoi2026.chain.delegateCommentMinStaff).toBe(1);
  });

  it('follow the documents', () => {
    expect(policies.hanoi2026.bands).toEqual({ A: 90, B: 70, C: 50 });
    expect(policies.quangTri2019.bands).toEqual({ A: 90, B: 75, C: 50 });
    expect(policies.quangTri2019.zeroCriterionMaxGrade).toBe('C');
    expect(policies.quangTri2019.review360.enabled).toBe(true);
    expect(policies.hanoi2026.review360.enabled).toBe(false);
    expect(policies.hanoi2026.calendar.regular.comment).not.toBeNull();
    expect(policies.hanoi2022.calendar.regular.comment).toBeNull();
  });

  it('set the quota of DOMAIN §6: 20 % (25 % raised) of the people graded B, 1 A under 5 people; none in Quảng Trị', () => {
    const hanoiQuota = { percent: 20, raisedPercent: 25, base: 'GRADED_B', smallGroup: { fewerThan: 5, cap: 1 } };
    expect(policies.hanoi2026.quota).toEqual(hanoiQuota);
    expect(policies.hanoi2022.quota).toEqual(hanoiQuota);
    // Rounding is always down: the setting is gone.
    expect(Object.keys(policies.hanoi2026.quota!)).not.toContain('rounding');
    // Document 004 sets no quota: grades follow the bands.
    expect(policies.quangTri2019.quota).toBeNull();
    expect(Object.isFrozen(policies.hanoi2026.quota)).toBe(true);
  });

  it('are frozen', () => {
    expect(Object.isFrozen(policies.hanoi2026.bands)).toBe(true);
    expect(() => {
      (policies.hanoi2026.bands as { A: number }).A = 80;
    }).toThrow(TypeError);
  });

  it('flags an inconsistent hand-built policy', () => {
    const bad = { ...policies.hanoi2026, bands: { A: 70, B: 90, C: 50 } };
    expect(validatePolicy(bad)).toContain('bands must satisfy 0 < C < B < A ≤ 100');
    expect(() => policyById('nowhere' as never)).toThrow(RangeError);
  });

  it('checks the quota settings, and accepts both bases and no quota at all', () => {
    const quota = policies.hanoi2026.quota!;
    expect(validatePolicy({ ...policies.hanoi2026, quota: { ...quota, base: 'B_BAND' } })).toEqual([]);
    expect(validatePolicy({ ...policies.hanoi2026, quota: null })).toEqual([]);
    expect(validatePolicy({ ...policies.hanoi2026, quota: { ...quota, base: 'reachesB' as never } })).toEqual(['quota.base must be GRADED_B or B_BAND']);
    expect(validatePolicy({ ...policies.hanoi2026, quota: { ...quota, raisedPercent: 15 } })).toEqual(['quota.raisedPercent must be ≥ quota.percent ≥ 0']);
    expect(validatePolicy({ ...policies.hanoi2026, quota: { ...quota, percent: -1 } })).toContain('quota.raisedPercent must be ≥ quota.percent ≥ 0');
    expect(validatePolicy({ ...policies.hanoi2026, quota: { ...quota, smallGroup: { fewerThan: 4.5, cap: 1 } } })).toEqual(['quota.smallGroup must be whole numbers']);
    expect(validatePolicy({ ...policies.hanoi2026, quota: { ...quota, smallGroup: null } })).toEqual([]);
  });

  it('labels grades in Vietnamese', () => {
    expect(gradeLabels).toEqual({
      A: 'Hoàn thành xuất sắc nhiệm vụ',
      B: 'Hoàn thành tốt nhiệm vụ',
      C: 'Hoàn thành nhiệm vụ',
      D: 'Không hoàn thành nhiệm vụ',
    });
  });
});
