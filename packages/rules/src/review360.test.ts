import { combine360, criteriaFramework, formScore, policies, review360Pairs, reviewGroupOf, score360, selfAssessmentGrade, selfGrade, type Grade, type ReviewMember } from './index';

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

describe('selfAssessmentGrade (document 004 art. 6.1, DOMAIN §8)', () => {
  it('is the stated self-grade where the policy says it prevails and one was stated', () => {
    expect(selfAssessmentGrade('A', 'B', policies.quangTri2019)).toBe('B');
    expect(selfAssessmentGrade('C', 'A', policies.quangTri2019)).toBe('A');
    expect(selfAssessmentGrade('B', 'B', policies.quangTri2019)).toBe('B');
    // Stated while the KPI (and so the band) is pending: the stated grade is already the result.
    expect(selfAssessmentGrade(null, 'C', policies.quangTri2019)).toBe('C');
  });

  it('is the band of the self score without a stated grade, or where the policy does not let it prevail', () => {
    expect(selfAssessmentGrade('A', null, policies.quangTri2019)).toBe('A');
    expect(selfAssessmentGrade('A', undefined, policies.quangTri2019)).toBe('A');
    expect(selfAssessmentGrade(null, null, policies.quangTri2019)).toBeNull();
    for (const policy of [policies.hanoi2026, policies.hanoi2022]) {
      expect(selfAssessmentGrade('A', 'B', policy)).toBe('A');
      expect(selfAssessmentGrade('D', 'A', policy)).toBe('D');
      expect(selfAssessmentGrade(null, 'A', policy)).toBeNull();
    }
    expect(selfAssessmentGrade('B', 'A')).toBe('B'); // default policy: Hanoi 2026
  });

  it('takes formScore’s band, the zero-criterion rule included', () => {
    // Form 03 at full marks but criterion 1.1 at 0 (2 points less: general 28) with KPI 1: 98 points,
    // band A in Hanoi; Quảng Trị's zero rule bars B or better, so its band is C.
    const framework = criteriaFramework('FORM_03');
    const scores = Object.fromEntries(framework.groups.flatMap((g) => g.criteria).map((c) => [c.code, c.code === '1.1' ? 0 : c.max]));
    const qt = formScore({ framework, scores, kpi: 1, statedGrade: null }, policies.quangTri2019);
    expect([qt.score, qt.band]).toEqual([98, 'C']);
    expect(selfAssessmentGrade(qt.band, null, policies.quangTri2019)).toBe('C');
    expect(selfAssessmentGrade(qt.band, 'A', policies.quangTri2019)).toBe('A');
    const hn = formScore({ framework, scores, kpi: 1, statedGrade: 'C' }, policies.hanoi2026);
    expect(selfAssessmentGrade(hn.band!, hn.statedGrade, policies.hanoi2026)).toBe('A');
  });

  it('rejects what is not a grade, naming the field', () => {
    expect(() => selfAssessmentGrade('E' as Grade, null)).toThrow(/^band /);
    expect(() => selfAssessmentGrade('A', 'a' as Grade, policies.quangTri2019)).toThrow(/^statedGrade /);
    expect(() => selfAssessmentGrade('A', 'B', { ...policies.quangTri2019, review360: {} } as never)).toThrow(/^policy\.review360\.statedSelfGradePrevails /);
  });
});

describe('reviewGroupOf (document 004 art. 3)', () => {
  it('puts the unit’s own leaders in the leadership, sub-unit leaders among direct leaders, the rest among staff', () => {
    expect(reviewGroupOf('HEAD', true)).toBe('LEADERSHIP');
    expect(reviewGroupOf('DEPUTY', true)).toBe('LEADERSHIP');
    expect(reviewGroupOf('HEAD', false)).toBe('DIRECT_LEADERS');
    expect(reviewGroupOf('DEPUTY', false)).toBe('DIRECT_LEADERS');
    expect(reviewGroupOf('STAFF', true)).toBe('STAFF');
    expect(reviewGroupOf('STAFF', false)).toBe('STAFF');
  });
});

describe('review360Pairs', () => {
  // An office (head H, deputy D, staff s1) with a team (team head T, staff t1, t2).
  const members: ReviewMember[] = [
    { id: 'H', group: 'LEADERSHIP', unitId: 'office', commenterId: null, deciderId: 'X' },
    { id: 'D', group: 'LEADERSHIP', unitId: 'office', commenterId: null, deciderId: 'H' },
    { id: 's1', group: 'STAFF', unitId: 'office', commenterId: 'D', deciderId: 'H' },
    { id: 'T', group: 'DIRECT_LEADERS', unitId: 'team', commenterId: null, deciderId: 'H' },
    { id: 't1', group: 'STAFF', unitId: 'team', commenterId: null, deciderId: 'T' },
    { id: 't2', group: 'STAFF', unitId: 'team', commenterId: null, deciderId: 'T' },
  ];
  const pairs = review360Pairs(members, 'H');
  const raters = (ratee: string) => Object.fromEntries(pairs.filter((p) => p.rateeId === ratee).map((p) => [p.raterId, p.relation]));

  it('has peers rate each other, staff only within their own part', () => {
    expect(raters('t1')).toEqual({ t2: 'PEER', T: 'DIRECT_SUPERIOR', H: 'HEAD' });
    expect(raters('s1')).toEqual({ D: 'DIRECT_SUPERIOR', H: 'DIRECT_SUPERIOR' });
  });

  it('has subordinates rate superiors, and the superiors of the chain rate even from outside the round', () => {
    expect(raters('T')).toEqual({ t1: 'SUBORDINATE', t2: 'SUBORDINATE', H: 'DIRECT_SUPERIOR' });
    expect(raters('D')).toEqual({ H: 'DIRECT_SUPERIOR', s1: 'SUBORDINATE', T: 'SUBORDINATE' });
    expect(raters('H')).toEqual({ D: 'PEER', s1: 'SUBORDINATE', T: 'SUBORDINATE', X: 'DIRECT_SUPERIOR' });
  });

  it('never has anyone rate themself or the same person twice', () => {
    expect(pairs.some((p) => p.raterId === p.rateeId)).toBe(false);
    expect(new Set(pairs.map((p) => `${p.raterId}>${p.rateeId}`)).size).toBe(pairs.length);
  });

  it('refuses a member listed twice or an unknown group', () => {
    expect(() => review360Pairs([members[0]!, members[0]!], null)).toThrow(/members\[1\]\.id/);
    expect(() => review360Pairs([{ ...members[0]!, group: 'BOSS' as never }], null)).toThrow(/members\[0\]\.group/);
  });
});

describe('score360', () => {
  it('is the mean of the raters’ scores, rounded half up to the policy’s decimals', () => {
    expect(score360([80, 90, 95], policies.quangTri2019)).toBe(88.33);
    expect(score360([80.01, 80.02], policies.quangTri2019)).toBe(80.02); // 80.015 rounds half up
    expect(score360([100], policies.quangTri2019)).toBe(100);
  });

  it('is null when nobody rated, and refuses a score outside 0–100', () => {
    expect(score360([])).toBeNull();
    expect(() => score360([80, 101])).toThrow(/scores\[1\]/);
  });
});
