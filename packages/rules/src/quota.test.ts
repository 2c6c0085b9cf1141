/**
 * The A-grade quota (DOMAIN §6). Every expected value below is computed by hand from §6/§10: with N
 * people reaching the B band, GRADED_B caps A at ⌊N·r/(1+r)⌋ (⌊N/6⌋ at 20 %, ⌊N/5⌋ at 25 %),
 * B_BAND at ⌊r·N⌋, and a pool of fewer than 5 people (everyone evaluated counted) at 1.
 */
import { applyQuota, capFromBase, policies, poolCap, quotaCap } from './index';
import type { Grade, Policy, PoolStanding, QuotaRule } from './index';

const hanoi = policies.hanoi2026;
const withQuota = (quota: Partial<QuotaRule>, policy: Policy = hanoi): Policy => ({ ...policy, quota: { ...policy.quota!, ...quota } });
const bBand = withQuota({ base: 'B_BAND' });
const group = (scores: number[], prefix = 'p') => scores.map((score, i) => ({ id: `${prefix}${i + 1}`, score }));
const countA = (grades: Record<string, Grade>) => Object.values(grades).filter((g) => g === 'A').length;
const pool = (size: number, reachingB = 0, granted = 0, raised = false): PoolStanding => ({ size, reachingB, granted, raised });

/** DOMAIN §10 example 4: 10 of the 12 reach the B band (≥ 70), 6 are in the A band (≥ 90). */
const EXAMPLE_4 = [99, 97, 96, 94, 92, 91, 88, 80, 77, 71, 69, 30];

describe('capFromBase: the two readings of the base, rounded down', () => {
  it('GRADED_B: the largest A with A ≤ r·(N − A), i.e. ⌊N·r/(1+r)⌋', () => {
    // 20 %: ⌊N/6⌋.
    expect([0, 1, 5, 6, 10, 11, 12, 17, 18].map((n) => capFromBase(n, 20, 'GRADED_B'))).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 3]);
    // 25 %: ⌊N/5⌋.
    expect([0, 4, 5, 9, 10, 14, 15].map((n) => capFromBase(n, 25, 'GRADED_B'))).toEqual([0, 0, 1, 1, 2, 2, 3]);
  });

  it('B_BAND: ⌊r·N⌋', () => {
    expect([0, 4, 5, 9, 10, 14, 15].map((n) => capFromBase(n, 20, 'B_BAND'))).toEqual([0, 0, 1, 1, 2, 2, 3]);
    expect([0, 3, 4, 7, 8, 10, 12].map((n) => capFromBase(n, 25, 'B_BAND'))).toEqual([0, 0, 1, 1, 2, 2, 3]);
  });

  it('is exact for decimal percentages (binary floating point would lose one)', () => {
    // 253 × 1.2 / 101.2 = 3 exactly (the double quotient is 2.9999999999999996).
    expect(capFromBase(253, 1.2, 'GRADED_B')).toBe(3);
    // 9.2 % × 750 = 69 exactly (the double product is 68.99999999999999).
    expect(capFromBase(750, 9.2, 'B_BAND')).toBe(69);
    // 22.5 %: 49 × 22.5 / 122.5 = 9; ⌊0.225 × 40⌋ = 9; ⌊0.225 × 4⌋ = 0.
    expect(capFromBase(49, 22.5, 'GRADED_B')).toBe(9);
    expect(capFromBase(48, 22.5, 'GRADED_B')).toBe(8);
    expect(capFromBase(40, 22.5, 'B_BAND')).toBe(9);
    expect(capFromBase(4, 22.5, 'B_BAND')).toBe(0);
  });
});

describe('poolCap and quotaCap', () => {
  it('under 5 people the cap is 1, counting everyone evaluated (not only those reaching B)', () => {
    expect(poolCap(4, 4)).toBe(1);
    expect(poolCap(4, 0)).toBe(1);
    expect(poolCap(1, 1)).toBe(1);
    expect(poolCap(4, 4, hanoi, true)).toBe(1); // the raise does not change the small-group rule
    expect(poolCap(4, 4, bBand)).toBe(1);
    // 5 people is no longer small: ⌊5/6⌋ = 0, five at B or better get no A (the law's step).
    expect(poolCap(5, 5)).toBe(0);
    expect(poolCap(5, 5, hanoi, true)).toBe(1); // ⌊5/5⌋
    expect(poolCap(5, 5, bBand)).toBe(1); // ⌊0.2 × 5⌋
    expect(poolCap(12, 10)).toBe(1);
    expect(poolCap(12, 10, hanoi, true)).toBe(2);
  });

  it('a policy may drop the small-group rule, or change it', () => {
    expect(poolCap(4, 4, withQuota({ smallGroup: null }))).toBe(0); // ⌊4/6⌋
    expect(poolCap(6, 6, withQuota({ smallGroup: { fewerThan: 7, cap: 2 } }))).toBe(2);
  });

  it('is null without a quota (Quảng Trị 2019)', () => {
    expect(poolCap(12, 10, policies.quangTri2019)).toBeNull();
    expect(poolCap(3, 3, policies.quangTri2019)).toBeNull();
    expect(quotaCap(3, ['A', 'A', 'A'], policies.quangTri2019)).toBeNull();
  });

  it('quotaCap counts the band grades A and B as the base', () => {
    const bands: Grade[] = ['A', 'A', 'A', 'A', 'A', 'A', 'B', 'B', 'B', 'B', 'C', 'D']; // example 4
    expect(quotaCap(12, bands)).toBe(1);
    expect(quotaCap(12, bands, hanoi, true)).toBe(2);
    expect(quotaCap(12, bands, bBand)).toBe(2);
    expect(quotaCap(12, bands, bBand, true)).toBe(2);
    expect(quotaCap(4, ['A', 'A', 'B', 'C'])).toBe(1);
  });
});

describe('applyQuota: DOMAIN §10 example 4 (one group of 12)', () => {
  const people = group(EXAMPLE_4);

  it('GRADED_B 20 %: cap ⌊10/6⌋ = 1, so 99 → A; 97 … 71 → B; 69 → C; 30 → D', () => {
    const r = applyQuota(people);
    expect(r.grades).toEqual({ p1: 'A', p2: 'B', p3: 'B', p4: 'B', p5: 'B', p6: 'B', p7: 'B', p8: 'B', p9: 'B', p10: 'B', p11: 'C', p12: 'D' });
    const cap = { cap: 1, base: 10, size: 12, granted: 0, percent: 20, small: false };
    expect(r.group).toEqual(cap);
    expect(r.scope).toEqual(cap); // the group is its own scope
    expect(r).toMatchObject({ room: 1, needsChoice: [], free: 0, exceeded: false });
  });

  it('raised to 25 %: cap ⌊10/5⌋ = 2, so 99 and 97 → A', () => {
    const r = applyQuota(people, hanoi, { raised: true });
    expect(r.group).toMatchObject({ cap: 2, base: 10, percent: 25 });
    expect(r.grades).toMatchObject({ p1: 'A', p2: 'A', p3: 'B', p6: 'B', p10: 'B', p11: 'C', p12: 'D' });
    expect(countA(r.grades)).toBe(2);
  });

  it('B_BAND: caps ⌊0.2 × 10⌋ = 2 and ⌊0.25 × 10⌋ = 2', () => {
    for (const raised of [false, true]) {
      const r = applyQuota(people, bBand, { raised });
      expect(r.group.cap).toBe(2);
      expect(r.grades).toMatchObject({ p1: 'A', p2: 'A', p3: 'B', p11: 'C', p12: 'D' });
    }
  });

  it('hanoi2022 has the same quota', () => {
    expect(applyQuota(people, policies.hanoi2022).grades).toEqual(applyQuota(people).grades);
  });

  it('re-deciding only 97 after a reopening: the group already has its one A, so 97 stays B', () => {
    // The other 11 stand decided: 9 of them reach B (99, 96, 94, 92, 91, 88, 80, 77, 71), 99 holds the A.
    const r = applyQuota([{ id: 'p2', score: 97 }], hanoi, { standing: { group: pool(12, 9, 1) } });
    expect(r.grades).toEqual({ p2: 'B' });
    expect(r.group).toEqual({ cap: 1, base: 10, size: 12, granted: 1, percent: 20, small: false });
    expect(r).toMatchObject({ room: 0, needsChoice: [], free: 0, exceeded: false });
    // With the group raised to 25 % (cap 2) there is room for 97 again.
    const raised = applyQuota([{ id: 'p2', score: 97 }], hanoi, { standing: { group: pool(12, 9, 1, true) } });
    expect(raised.grades).toEqual({ p2: 'A' });
    expect(raised).toMatchObject({ room: 1, exceeded: false });
  });

  it('a batch counts every member decided before it', () => {
    // First batch: the first six (all in the A band), nobody decided yet: base 6 → cap 1.
    const first = applyQuota(people.slice(0, 6), hanoi, { standing: { group: pool(12) } });
    expect(first.group).toMatchObject({ cap: 1, base: 6, granted: 0 });
    expect(countA(first.grades)).toBe(1);
    expect(first.grades.p1).toBe('A');
    // Second batch: the other six; 6 decided reach B with 1 A: base 6 + 4 = 10 → cap 1, no room.
    const second = applyQuota(people.slice(6), hanoi, { standing: { group: pool(12, 6, 1) } });
    expect(second.group).toMatchObject({ cap: 1, base: 10, granted: 1 });
    expect(second.room).toBe(0);
    expect(second.grades).toEqual({ p7: 'B', p8: 'B', p9: 'B', p10: 'B', p11: 'C', p12: 'D' });
  });
});

describe('applyQuota: DOMAIN §10 example 5 and the law’s step', () => {
  it('5. a group of 4 with 92, 91, 80, 60: cap 1, so 92 → A, 91 and 80 → B, 60 → C', () => {
    const r = applyQuota(group([92, 91, 80, 60]));
    expect(r.grades).toEqual({ p1: 'A', p2: 'B', p3: 'B', p4: 'C' });
    expect(r.group).toEqual({ cap: 1, base: 3, size: 4, granted: 0, percent: 20, small: true });
    expect(r).toMatchObject({ room: 1, needsChoice: [], free: 0, exceeded: false });
  });

  it('a group of 5 all in the A band gets no A (⌊5/6⌋ = 0); a group of 4 gets 1', () => {
    const five = applyQuota(group([99, 97, 95, 93, 91]));
    expect(five.group).toMatchObject({ cap: 0, base: 5, small: false });
    expect(five.grades).toEqual({ p1: 'B', p2: 'B', p3: 'B', p4: 'B', p5: 'B' });
    expect(five).toMatchObject({ room: 0, needsChoice: [], exceeded: false });
    const four = applyQuota(group([99, 97, 95, 93]));
    expect(four.group).toMatchObject({ cap: 1, small: true });
    expect(four.grades).toEqual({ p1: 'A', p2: 'B', p3: 'B', p4: 'B' });
    // 6 at B or better: ⌊6/6⌋ = 1.
    expect(applyQuota(group([99, 97, 95, 93, 91, 90])).group.cap).toBe(1);
    // Raised, or under B_BAND, the five get one A.
    expect(countA(applyQuota(group([99, 97, 95, 93, 91]), hanoi, { raised: true }).grades)).toBe(1);
    expect(countA(applyQuota(group([99, 97, 95, 93, 91]), bBand).grades)).toBe(1);
  });

  it('a small group counts everyone evaluated, whatever their band; nobody qualifying leaves the place empty', () => {
    expect(applyQuota(group([60, 40, 95, 30])).grades).toEqual({ p1: 'C', p2: 'D', p3: 'A', p4: 'D' });
    expect(applyQuota(group([95])).grades).toEqual({ p1: 'A' });
    const none = applyQuota(group([89.99, 80]));
    expect(none.grades).toEqual({ p1: 'B', p2: 'B' });
    expect(none).toMatchObject({ room: 1, needsChoice: [], exceeded: false });
    // 5 people, only 4 reaching B: ⌊4/6⌋ = 0.
    expect(applyQuota(group([95, 80, 75, 71, 40])).grades).toEqual({ p1: 'B', p2: 'B', p3: 'B', p4: 'B', p5: 'D' });
  });

  it('an empty group decides nothing', () => {
    const r = applyQuota([]);
    expect(r.grades).toEqual({});
    expect(r.group).toEqual({ cap: 1, base: 0, size: 0, granted: 0, percent: 20, small: true });
    expect(r).toMatchObject({ room: 1, needsChoice: [], free: 0, exceeded: false });
  });

  it('only A-band scores can get A, whatever the cap', () => {
    const r = applyQuota(group([89.99, 89, 88, 87, 86, 85, 84, 83, 82, 81, 80, 79]));
    expect(r.group.cap).toBe(2);
    expect(countA(r.grades)).toBe(0);
  });

  it('judges bands on the score rounded half up to 2 decimals', () => {
    const r = applyQuota(group([89.995, 89.994, 69.995, 69.994]));
    expect(r.grades).toEqual({ p1: 'A', p2: 'B', p3: 'B', p4: 'C' });
    expect(r.group.base).toBe(3);
  });
});

describe('applyQuota: Quảng Trị 2019 has no quota', () => {
  const qt = policies.quangTri2019;

  it('every A-band score is graded A; the bands are 90 / 75 / 50; cap and room are null', () => {
    const r = applyQuota(group([99, 97, 96, 94, 92, 91, 88, 80, 75, 74.99, 50, 49.99]), qt);
    expect(r.grades).toEqual({ p1: 'A', p2: 'A', p3: 'A', p4: 'A', p5: 'A', p6: 'A', p7: 'B', p8: 'B', p9: 'B', p10: 'C', p11: 'C', p12: 'D' });
    expect(r.group.cap).toBeNull();
    expect(r.scope.cap).toBeNull();
    expect(r).toMatchObject({ room: null, needsChoice: [], free: 0, exceeded: false });
    // A group of 5 in the A band: all five A (no law's step without a quota).
    expect(countA(applyQuota(group([99, 97, 95, 93, 91]), qt).grades)).toBe(5);
  });

  it('a criterion scored 0 still limits the grade to C', () => {
    const people = [
      { id: 'a', score: 97, anyCriterionZero: true },
      { id: 'b', score: 92 },
      { id: 'c', score: 80, anyCriterionZero: true },
      { id: 'd', score: 40, anyCriterionZero: true },
      { id: 'e', score: 91 },
    ];
    expect(applyQuota(people, qt).grades).toEqual({ a: 'C', b: 'A', c: 'C', d: 'D', e: 'A' });
    // Elsewhere the flag is ignored (no zero-criterion rule in Hanoi): a 97 with a zero is an A candidate.
    expect(applyQuota(people.slice(0, 4), hanoi).grades).toEqual({ a: 'A', b: 'B', c: 'B', d: 'D' });
  });

  it('ignores a standing (nothing to count) and refuses a choice', () => {
    const r = applyQuota(group([95, 95]), qt, { standing: { group: pool(20, 10, 3), scope: pool(40, 30, 20) } });
    expect(r.grades).toEqual({ p1: 'A', p2: 'A' });
    expect(r.exceeded).toBe(false);
    expect(() => applyQuota(group([95, 95]), qt, { chosen: ['p1'] })).toThrow(/^chosen /);
  });
});

describe('applyQuota: both limits (a scope split into duty groups)', () => {
  // Example 4's scores over three duty groups of 4 in a scope of 12 (10 reach B in all).
  const g1 = group([99, 94, 88, 71], 'a'); // 4 reach B
  const g2 = group([97, 92, 80, 69], 'b'); // 3 reach B
  const g3 = group([96, 91, 77, 30], 'c'); // 3 reach B

  it('one A in all, not three: each group’s cap is 1 (under 5), the scope’s cap is ⌊10/6⌋ = 1', () => {
    // Without the scope each group of 4 would give its best an A.
    expect([g1, g2, g3].map((g) => countA(applyQuota(g).grades))).toEqual([1, 1, 1]);

    // Decided one group after the other; the standing is what the earlier decisions left.
    const second = applyQuota(g2, hanoi, { standing: { group: pool(4), scope: pool(12) } });
    expect(second.group).toMatchObject({ cap: 1, small: true, base: 3 });
    expect(second.scope).toMatchObject({ cap: 0, small: false, base: 3, size: 12 }); // only 3 decided in the scope: ⌊3/6⌋
    expect(second.grades).toEqual({ b1: 'B', b2: 'B', b3: 'B', b4: 'C' });

    const first = applyQuota(g1, hanoi, { standing: { group: pool(4), scope: pool(12, 3, 0) } });
    expect(first.scope).toMatchObject({ cap: 1, base: 7 }); // ⌊7/6⌋
    expect(first.room).toBe(1);
    expect(first.grades).toEqual({ a1: 'A', a2: 'B', a3: 'B', a4: 'B' });

    const third = applyQuota(g3, hanoi, { standing: { group: pool(4), scope: pool(12, 7, 1) } });
    expect(third.group).toMatchObject({ cap: 1, granted: 0 });
    expect(third.scope).toMatchObject({ cap: 1, base: 10, granted: 1 });
    expect(third.room).toBe(0);
    expect(third.grades).toEqual({ c1: 'B', c2: 'B', c3: 'B', c4: 'D' });
    expect(countA(second.grades) + countA(first.grades) + countA(third.grades)).toBe(1);
  });

  it('the room is the smaller of the group’s and the scope’s', () => {
    // Group of 12 (example 4, cap 2 raised) inside a scope where 30 reached B and 4 A are granted:
    // scope cap ⌊40/6⌋ = 6, room 2 … with 5 granted only 1.
    const people = group(EXAMPLE_4);
    const groupRaised = pool(12, 0, 0, true);
    expect(applyQuota(people, hanoi, { standing: { group: groupRaised, scope: pool(42, 30, 4) } }).room).toBe(2);
    const tight = applyQuota(people, hanoi, { standing: { group: groupRaised, scope: pool(42, 30, 5) } });
    expect(tight.group.cap).toBe(2);
    expect(tight.scope).toMatchObject({ cap: 6, base: 40, granted: 5, percent: 20 });
    expect(tight.room).toBe(1);
    expect(tight.grades).toMatchObject({ p1: 'A', p2: 'B' });
    // A scope already at its cap leaves no room to any of its groups.
    const full = applyQuota(people, hanoi, { standing: { group: groupRaised, scope: pool(42, 30, 6) } });
    expect(full.room).toBe(0);
    expect(countA(full.grades)).toBe(0);
    expect(full.exceeded).toBe(false);
  });

  it('a small scope has cap 1 across all its groups', () => {
    const a = applyQuota([{ id: 'x', score: 95 }], hanoi, { standing: { group: pool(2), scope: pool(4) } });
    expect(a.grades).toEqual({ x: 'A' });
    const b = applyQuota([{ id: 'y', score: 99 }], hanoi, { standing: { group: pool(2), scope: pool(4, 1, 1) } });
    expect(b.group.cap).toBe(1);
    expect(b.scope).toMatchObject({ cap: 1, small: true, granted: 1 });
    expect(b.grades).toEqual({ y: 'B' });
  });
});

describe('applyQuota: ties at the cap boundary', () => {
  // 10 reach B → cap ⌊10/6⌋ = 1; the two best share 93.
  const tiedForOne = group([93, 93, 88, 85, 80, 75, 72, 71, 70, 70]);
  // 12 reach B → cap 2: 95 is A, 93 and 93 share the second place.
  const tiedForSecond = group([95, 93, 93, 91, 88, 85, 80, 75, 72, 71, 70, 70]);

  it('never picks silently: the tied are graded B and returned in needsChoice with the free places', () => {
    const r = applyQuota(tiedForOne);
    expect(r.group.cap).toBe(1);
    expect(r.grades).toMatchObject({ p1: 'B', p2: 'B' });
    expect(r).toMatchObject({ needsChoice: ['p1', 'p2'], free: 1, room: 1, exceeded: false });
    const second = applyQuota(tiedForSecond);
    expect(second.grades).toMatchObject({ p1: 'A', p2: 'B', p3: 'B', p4: 'B' });
    expect(second).toMatchObject({ needsChoice: ['p2', 'p3'], free: 1, room: 2 });
  });

  it('the result does not depend on input order', () => {
    const r = applyQuota([...tiedForSecond].reverse());
    expect(r.grades).toEqual(applyQuota(tiedForSecond).grades);
    expect(r.needsChoice).toEqual(['p3', 'p2']); // input order, which decides nothing
  });

  it('ties are judged on the rounded score', () => {
    const r = applyQuota(group([92.004, 92, 85, 80, 75, 72]));
    expect(r.needsChoice).toEqual(['p1', 'p2']);
    expect(applyQuota(group([92.005, 92, 85, 80, 75, 72])).grades).toMatchObject({ p1: 'A', p2: 'B' });
  });

  it('chosen resolves the tie within the free places', () => {
    const r = applyQuota(tiedForSecond, hanoi, { chosen: ['p3'] });
    expect(r.grades).toMatchObject({ p1: 'A', p2: 'B', p3: 'A', p4: 'B' });
    expect(r).toMatchObject({ needsChoice: [], free: 0, exceeded: false });
    expect(countA(r.grades)).toBe(2);
    // Naming someone already A by score changes nothing.
    expect(applyQuota(tiedForSecond, hanoi, { chosen: ['p1'] })).toMatchObject({ needsChoice: ['p2', 'p3'], free: 1, exceeded: false });
  });

  it('a tie covering the whole room: everyone tied is undecided, the choice may come in steps', () => {
    const scores = [93, 93, 93, 85, 80, 80, 75, 72, 71, 70, 70, 70]; // 12 reach B: cap 2
    const r = applyQuota(group(scores));
    expect(countA(r.grades)).toBe(0);
    expect(r).toMatchObject({ needsChoice: ['p1', 'p2', 'p3'], free: 2 });
    const partly = applyQuota(group(scores), hanoi, { chosen: ['p2'] });
    expect(partly.grades).toMatchObject({ p1: 'B', p2: 'A', p3: 'B' });
    expect(partly).toMatchObject({ needsChoice: ['p1', 'p3'], free: 1, exceeded: false });
    const done = applyQuota(group(scores), hanoi, { chosen: ['p3', 'p1'] });
    expect(done.grades).toMatchObject({ p1: 'A', p2: 'B', p3: 'A' });
    expect(done).toMatchObject({ needsChoice: [], free: 0, exceeded: false });
  });

  it('in a small group', () => {
    const r = applyQuota(group([92, 92, 80]));
    expect(r.grades).toEqual({ p1: 'B', p2: 'B', p3: 'B' });
    expect(r).toMatchObject({ needsChoice: ['p1', 'p2'], free: 1 });
    expect(applyQuota(group([92, 92, 80]), hanoi, { chosen: ['p2'] }).grades).toEqual({ p1: 'B', p2: 'A', p3: 'B' });
  });

  it('a tie inside the room, or a raise that fits everyone, needs no choice', () => {
    expect(applyQuota(group([95, 95, 91, 91, 85, 80, 75, 72, 71, 70, 70, 70]))).toMatchObject({ needsChoice: [], free: 0 });
    expect(applyQuota(tiedForOne, hanoi, { raised: true }).grades).toMatchObject({ p1: 'A', p2: 'A' }); // ⌊10/5⌋ = 2
  });

  it('choosing more than the free places is exceeded (to be refused), and shows the A asked for', () => {
    const r = applyQuota(tiedForSecond, hanoi, { chosen: ['p2', 'p3'] });
    expect(r.exceeded).toBe(true);
    expect(countA(r.grades)).toBe(3);
    expect(applyQuota(tiedForOne, hanoi, { chosen: ['p1', 'p2'] }).exceeded).toBe(true);
    // No tie, the room filled: another A-band person asked for is one A too many.
    const extra = applyQuota(group(EXAMPLE_4), hanoi, { chosen: ['p2'] });
    expect(extra.exceeded).toBe(true);
    expect(extra.grades).toMatchObject({ p1: 'A', p2: 'A' });
    // No room at all (re-deciding 97 of example 4): choosing 97 is exceeded.
    const none = applyQuota([{ id: 'p2', score: 97 }], hanoi, { standing: { group: pool(12, 9, 1) }, chosen: ['p2'] });
    expect(none).toMatchObject({ exceeded: true, room: 0, free: 0 });
  });

  it('rejects chosen ids that are unknown, outside the A band, repeated, or below a tie', () => {
    expect(() => applyQuota(tiedForSecond, hanoi, { chosen: ['nobody'] })).toThrow(/^chosen\[0\] must name a person of this decision/);
    expect(() => applyQuota(tiedForSecond, hanoi, { chosen: ['p5'] })).toThrow(/^chosen\[0\] /); // 88: B band
    expect(() => applyQuota(tiedForSecond, hanoi, { chosen: ['p2', 'p2'] })).toThrow(/^chosen\[1\] names the same person twice/);
    // 91 cannot take the free place before the two 93s.
    expect(() => applyQuota(tiedForSecond, hanoi, { chosen: ['p4'] })).toThrow(/^chosen\[0\] must name one of the people tied/);
    expect(() => applyQuota(tiedForSecond, hanoi, { chosen: 'p2' as never })).toThrow(/^chosen /);
    const zero = [{ id: 'z', score: 97, anyCriterionZero: true }, ...group([80, 80])];
    expect(() => applyQuota(zero, policies.quangTri2019, { chosen: ['z'] })).toThrow(/^chosen /);
  });
});

describe('applyQuota: a standing where the A already granted exceed a cap', () => {
  it('leaves no room: a decision giving no A is not made worse, one choosing an A is exceeded', () => {
    // 11 decided, only 5 reach B but 1 holds an A (a member's score was lowered after a reopening):
    // re-deciding the last one at 60 leaves base 5 → cap ⌊5/6⌋ = 0 < 1 granted.
    const r = applyQuota([{ id: 'x', score: 60 }], hanoi, { standing: { group: pool(12, 5, 1) } });
    expect(r.group).toMatchObject({ cap: 0, base: 5, granted: 1 });
    expect(r).toMatchObject({ room: 0, exceeded: false });
    expect(r.grades).toEqual({ x: 'C' });
    // 4 decided reaching B with 1 A, and one at 95: base 5 → cap 0; 95 is B, and choosing it for A breaks the cap.
    const a = applyQuota([{ id: 'y', score: 95 }], hanoi, { standing: { group: pool(12, 4, 1) } });
    expect(a).toMatchObject({ room: 0, exceeded: false, grades: { y: 'B' } });
    expect(applyQuota([{ id: 'y', score: 95 }], hanoi, { standing: { group: pool(12, 4, 1) }, chosen: ['y'] }).exceeded).toBe(true);
  });

  it('lets the A holders of two groups be re-decided one at a time, each leaving the scope less over its cap', () => {
    // Scope of 12: base 5 → cap 0, but A1 (group 1) and A2 (group 2) hold A. Re-deciding A1 alone
    // (95, prior A): the scope goes from 2 A over to 1 over — allowed, and A1 is B.
    const r = applyQuota([{ id: 'a1', score: 95, prior: 'A' }], hanoi, { standing: { group: pool(4, 3, 0), scope: pool(12, 4, 1) } });
    expect(r).toMatchObject({ exceeded: false, room: 0, grades: { a1: 'B' } });
  });

  it('refuses a re-decision that takes a pool below the A it holds (a lowered score the base counted)', () => {
    // 12 people, 6 reaching B with one A: cap 1. Re-deciding a B at 60 instead: base 5 → cap 0 < 1.
    const r = applyQuota([{ id: 'b', score: 60, prior: 'B' }], hanoi, { standing: { group: pool(12, 5, 1) } });
    expect(r).toMatchObject({ exceeded: true, grades: { b: 'C' } });
    // Without the prior (a first decision) the pool was already over: no worse, not exceeded.
    expect(applyQuota([{ id: 'b', score: 60 }], hanoi, { standing: { group: pool(12, 5, 1) } }).exceeded).toBe(false);
  });

  it('a group that grew past 4 after its A was granted: the under-5 cap no longer holds', () => {
    // 4 decided (all reaching B, 1 A), a fifth member joins: ⌊5/6⌋ = 0 < 1.
    const r = applyQuota([{ id: 'e', score: 75 }], hanoi, { standing: { group: pool(5, 4, 1) } });
    expect(r.group).toMatchObject({ cap: 0, small: false });
    expect(r).toMatchObject({ room: 0, exceeded: false, grades: { e: 'B' } });
  });

  it('the scope’s cap counts too', () => {
    const r = applyQuota([{ id: 'x', score: 95 }], hanoi, { standing: { group: pool(3), scope: pool(12, 4, 1) } });
    expect(r.group.cap).toBe(1);
    expect(r.scope).toMatchObject({ cap: 0, base: 5, granted: 1 });
    expect(r).toMatchObject({ exceeded: false, room: 0 });
    expect(r.grades).toEqual({ x: 'B' });
    expect(applyQuota([{ id: 'x', score: 95 }], hanoi, { standing: { group: pool(3), scope: pool(12, 4, 1) }, chosen: ['x'] }).exceeded).toBe(true);
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
  it('names the offending field of a person', () => {
    expect(() => applyQuota([{ id: 'a', score: 101 }])).toThrow(/^people\[0\]\.score /);
    expect(() => applyQuota([{ id: 'a', score: -1 }])).toThrow(RangeError);
    expect(() => applyQuota([{ id: 'a', score: Number.NaN }])).toThrow(/score/);
    expect(() => applyQuota([{ id: '', score: 50 }])).toThrow(/^people\[0\]\.id /);
    expect(() => applyQuota([{ id: 'a', score: 50 }, { id: 'a', score: 60 }])).toThrow(/^people\[1\]\.id /);
    expect(() => applyQuota([{ id: 'a', score: 50, anyCriterionZero: 'yes' as never }])).toThrow(/^people\[0\]\.anyCriterionZero /);
    expect(() => applyQuota('x' as never)).toThrow(/^people /);
    expect(() => applyQuota([], hanoi, 'x' as never)).toThrow(/^options /);
    expect(() => applyQuota([], hanoi, { raised: 'yes' as never })).toThrow(/^options\.raised /);
  });

  const people = group([95, 80]);
  const bad = (standing: unknown) => () => applyQuota(people, hanoi, { standing: standing as never });

  it('names the offending field of the group’s standing', () => {
    expect(bad({})).toThrow(/^standing\.group must be an object/);
    expect(bad({ group: null })).toThrow(/^standing\.group must be an object/);
    expect(bad({ group: { ...pool(4), size: 4.5 } })).toThrow(/^standing\.group\.size must be a whole number/);
    expect(bad({ group: { ...pool(4), size: undefined } })).toThrow(/^standing\.group\.size /);
    expect(bad({ group: { ...pool(4), reachingB: -1 } })).toThrow(/^standing\.group\.reachingB must be a whole number/);
    expect(bad({ group: { ...pool(4), granted: '0' } })).toThrow(/^standing\.group\.granted must be a whole number/);
    expect(bad({ group: { ...pool(4), granted: Number.NaN } })).toThrow(/^standing\.group\.granted /);
    expect(bad({ group: { ...pool(4), raised: 'no' } })).toThrow(/^standing\.group\.raised must be a boolean/);
    expect(bad({ group: { size: 4, reachingB: 0, granted: 0 } })).toThrow(/^standing\.group\.raised /);
    // The pool holds this decision's people.
    expect(bad({ group: pool(1) })).toThrow(/^standing\.group\.size must count the 2 people/);
    // A grades are granted only to people reaching B.
    expect(bad({ group: pool(10, 1, 2) })).toThrow(/^standing\.group\.granted cannot exceed/);
    expect(() => applyQuota(people, hanoi, { standing: { group: pool(2) } })).not.toThrow();
  });

  it('names the offending field of the scope’s standing', () => {
    expect(bad({ group: pool(4), scope: 'x' })).toThrow(/^standing\.scope must be an object/);
    expect(bad({ group: pool(4), scope: { ...pool(10), reachingB: 1.5 } })).toThrow(/^standing\.scope\.reachingB /);
    expect(bad({ group: pool(4), scope: { ...pool(10), raised: undefined } })).toThrow(/^standing\.scope\.raised /);
    expect(bad({ group: pool(4), scope: pool(3) })).toThrow(/^standing\.scope\.size /); // smaller than its group
    expect(bad({ group: pool(4, 2, 1), scope: pool(10, 2, 0) })).toThrow(/^standing\.scope must hold at least what its group holds/);
    expect(bad({ group: pool(4, 2, 0), scope: pool(10, 1, 0) })).toThrow(/^standing\.scope must hold/);
    expect(bad({ group: pool(4), scope: pool(10, 1, 2) })).toThrow(/^standing\.scope\.granted /);
    // null or absent: the group is its own scope.
    expect(applyQuota(people, hanoi, { standing: { group: pool(4), scope: null } }).scope).toEqual(applyQuota(people, hanoi, { standing: { group: pool(4) } }).group);
  });

  it('validates the standing even without a quota', () => {
    expect(() => applyQuota(people, policies.quangTri2019, { standing: { group: pool(1) } })).toThrow(/^standing\.group\.size /);
  });
});
