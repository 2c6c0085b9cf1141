/** Property-based tests (fast-check): invariants that must hold for every input, not just examples. */
import * as fc from 'fast-check';
import {
  applyQuota,
  combine360,
  gradeOf,
  monthDeadlines,
  monthlyScore,
  periodRating,
  policies,
  roundScore,
  splitBonus,
  taskResult,
  taskResultExact,
} from './index';
import type { Grade, WorkItem } from './index';

const policyArb = fc.constantFrom(policies.hanoi2026, policies.hanoi2022, policies.quangTri2019);
const gradeArb = fc.constantFrom<Grade>('A', 'B', 'C', 'D');
/** Sizes as people enter them: whole units, halves, quarters, tenths, and the odd large value. */
const sizeArb = fc.oneof(
  fc.integer({ min: 0, max: 20 }),
  fc.integer({ min: 0, max: 400 }).map((n) => n / 4),
  fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
  fc.integer({ min: 0, max: 10 ** 6 }),
);
const itemArb: fc.Arbitrary<WorkItem> = fc.record(
  {
    size: sizeArb,
    completed: fc.boolean(),
    qualityFailures: fc.integer({ min: 0, max: 6 }),
    delays: fc.integer({ min: 0, max: 6 }),
    extra: fc.boolean(),
  },
  { requiredKeys: ['size', 'completed'] },
);
const leaderArb = fc.option(
  fc.record({
    unitResults: fc.constantFrom(1, 0.5),
    organisation: fc.constantFrom(1, 0.5),
    unity: fc.constantFrom(1, 0.5),
  }),
  { nil: undefined },
);
/** General criteria in hundredths, 0..30. */
const generalArb = fc.integer({ min: 0, max: 3000 }).map((n) => n / 100);
/** Any score in 0..100 with up to 3 decimals, so that x.xx5 rounding cases are common. */
const scoreArb = fc.integer({ min: 0, max: 100_000 }).map((n) => n / 1000);
const kpiOf = (items: WorkItem[], leader?: Parameters<typeof taskResult>[1]) => taskResult(items, leader)?.kpi ?? 0;

describe('properties', () => {
  it('KPI factors are fractions in 0..1 and scores stay in 0..100, on a 2-decimal grid', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 25 }), leaderArb, generalArb, policyArb, (items, leader, general, policy) => {
        const r = taskResult(items, leader, policy);
        if (r === null) return;
        for (const v of Object.values(r)) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
        const score = monthlyScore(general, r.kpi, policy);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        expect(roundScore(score, policy)).toBe(score);
        expect(['A', 'B', 'C', 'D']).toContain(gradeOf(score, policy));
      }),
    );
  });

  it('the number KPI read back by monthlyScore gives exactly the score of the exact fraction', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { minLength: 1, maxLength: 25 }), leaderArb, generalArb, (items, leader, general) => {
        const exact = taskResultExact(items, leader);
        if (exact === null) return;
        expect(monthlyScore(general, taskResult(items, leader)!.kpi)).toBe(monthlyScore(general, exact.kpi));
      }),
    );
  });

  it('adding completed work (no failures, no delays) never lowers a KPI', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 20 }), leaderArb, sizeArb, fc.boolean(), (items, leader, size, extra) => {
        const before = taskResultExact(items, leader);
        const after = taskResultExact([...items, { size, completed: true, extra }], leader);
        if (before === null || after === null) return;
        expect(after.kpi.num * before.kpi.den >= before.kpi.num * after.kpi.den).toBe(true);
        expect(kpiOf([...items, { size, completed: true, extra }], leader)).toBeGreaterThanOrEqual(kpiOf(items, leader));
      }),
    );
  });

  it('completing an open item never lowers a KPI, whatever its failures and delays', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { minLength: 1, maxLength: 20 }), fc.nat(), (items, pick) => {
        const i = pick % items.length;
        const completed = items.map((item, k) => (k === i ? { ...item, completed: true } : item));
        expect(kpiOf(completed)).toBeGreaterThanOrEqual(kpiOf(items));
      }),
    );
  });

  it('a whole group: A never exceeds the cap computed from §6, the room is used, ties are left to the decider', () => {
    const quotaPolicyArb = fc.constantFrom(
      policies.hanoi2026,
      policies.hanoi2022,
      policies.quangTri2019,
      { ...policies.hanoi2026, quota: { ...policies.hanoi2026.quota!, base: 'B_BAND' as const } },
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(scoreArb, fc.integer({ min: 85, max: 100 })), { maxLength: 40 }),
        quotaPolicyArb,
        fc.boolean(),
        fc.array(fc.boolean(), { maxLength: 40 }),
        (scores, policy, raised, zero) => {
          const people = scores.map((score, i) => ({ id: `p${i}`, score, anyCriterionZero: zero[i] }));
          const r = applyQuota(people, policy, { raised });
          const bands = people.map((p) => gradeOf(p.score, policy, { anyCriterionZero: p.anyCriterionZero }));
          const aIds = Object.keys(r.grades).filter((id) => r.grades[id] === 'A');
          const inBandA = bands.filter((b) => b === 'A').length;
          const reachingB = bands.filter((b) => b === 'A' || b === 'B').length;
          people.forEach((p, i) => {
            if (r.grades[p.id] === 'A') expect(bands[i]).toBe('A');
            else expect(r.grades[p.id]).toBe(bands[i] === 'A' ? 'B' : bands[i]);
          });
          expect(r.exceeded).toBe(false);
          if (policy.quota === null) {
            // No quota: the grade is the band.
            expect(r.group.cap).toBeNull();
            expect(aIds.length).toBe(inBandA);
            return;
          }
          // The cap, independently: 1 under 5 people, else ⌊N·p/(100+p)⌋ (GRADED_B) or ⌊p·N/100⌋.
          const p = raised ? 25 : 20;
          const floorDiv = (a: number, b: number) => (a - (a % b)) / b;
          const cap = people.length < 5 ? 1 : policy.quota.base === 'GRADED_B' ? floorDiv(reachingB * p, 100 + p) : floorDiv(reachingB * p, 100);
          expect(r.group.cap).toBe(cap);
          expect(r.group.base).toBe(reachingB);
          expect(aIds.length).toBeLessThanOrEqual(cap);
          // Whoever is left to choose is graded B and shares one rounded score; the A and the tied fill the room.
          const rounded = (id: string) => roundScore(people.find((x) => x.id === id)!.score);
          if (r.needsChoice.length > 0) {
            for (const id of r.needsChoice) expect(r.grades[id]).toBe('B');
            expect(new Set(r.needsChoice.map(rounded)).size).toBe(1);
            expect(r.free).toBe(cap - aIds.length);
            expect(r.needsChoice.length).toBeGreaterThan(r.free);
            const resolved = applyQuota(people, policy, { raised, chosen: r.needsChoice.slice(0, r.free) });
            expect(resolved.needsChoice).toEqual([]);
            expect(resolved.exceeded).toBe(false);
            expect(Object.values(resolved.grades).filter((g) => g === 'A').length).toBe(cap);
            expect(applyQuota(people, policy, { raised, chosen: r.needsChoice.slice(0, r.free + 1) }).exceeded).toBe(true);
          } else {
            expect(aIds.length).toBe(Math.min(cap, inBandA));
          }
          // Every A scores at least as much as every A-band B.
          const aScores = aIds.map(rounded);
          const passed = people.filter((x, i) => bands[i] === 'A' && r.grades[x.id] === 'B').map((x) => rounded(x.id));
          if (aScores.length && passed.length) expect(Math.min(...aScores)).toBeGreaterThan(Math.max(...passed));
          // A silent pick would make the outcome depend on input order; it never does.
          expect(applyQuota([...people].reverse(), policy, { raised }).grades).toEqual(r.grades);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('deadlines are strictly ordered and all after the month starts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9998 }), fc.integer({ min: 1, max: 12 }), policyArb, (year, month, policy) => {
        const d = monthDeadlines(year, month, policy);
        const steps = [d.selfAssessment, d.comment, d.decision, d.publication].filter((s): s is string => s !== null);
        const times = steps.map((s) => Date.parse(s));
        for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
        expect(times[0]).toBeGreaterThan(Date.UTC(year, month - 1, 1) - 7 * 3600_000);
        if (month === 12) expect(d.publication <= `${year}-12-14T17:00:00Z`).toBe(true);
      }),
    );
  });

  it('bonus parts are whole, non-negative and sum to the pool', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 10 ** 9 }), fc.constant(0), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })),
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 30 }),
        fc.array(gradeArb, { minLength: 30, maxLength: 30 }),
        // Coefficients rank the grades (A > B > C ≥ D): D, then C ≥ D, B > C, A > B by steps.
        fc
          .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }))
          .map(([d, c, b, a]) => ({ D: d / 100, C: (d + c) / 100, B: (d + c + b) / 100, A: (d + c + b + a) / 100 })),
        (pool, ids, grades, coefficients) => {
          const people = ids.map((id, i) => ({ id, grade: i === 0 ? ('A' as const) : grades[i] }));
          const r = splitBonus(pool, people, coefficients);
          const parts = Object.values(r);
          expect(parts.length).toBe(people.length);
          let sum = 0n;
          for (const v of parts) {
            expect(Number.isSafeInteger(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(0);
            sum += BigInt(v);
          }
          expect(sum).toBe(BigInt(pool));
          // Proportional: nobody is more than one đồng away from the exact share.
          const total = people.reduce((s, p) => s + coefficients[p.grade], 0);
          for (const p of people) expect(Math.abs(r[p.id] - (pool * coefficients[p.grade]) / total)).toBeLessThanOrEqual(1 + pool * 1e-15);
        },
      ),
    );
  });

  it('combine360 and periodRating stay in 0..100 and lie between their inputs', () => {
    fc.assert(
      fc.property(scoreArb, scoreArb, (a, b) => {
        const { score } = combine360(a, b);
        expect(score).toBeGreaterThanOrEqual(roundScore(Math.min(a, b)));
        expect(score).toBeLessThanOrEqual(roundScore(Math.max(a, b)));
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.record({ score: scoreArb, grade: gradeArb }), { minLength: 1, maxLength: 12 }), (months) => {
        const r = periodRating(months);
        expect(r.score).toBeGreaterThanOrEqual(roundScore(Math.min(...months.map((m) => m.score))));
        expect(r.score).toBeLessThanOrEqual(roundScore(Math.max(...months.map((m) => m.score))));
        if (months.some((m) => m.grade === 'D')) expect(r.grade).not.toBe('A');
      }),
    );
  });

  it('gradeOf is monotonic in the score', () => {
    fc.assert(
      fc.property(scoreArb, scoreArb, policyArb, (a, b, policy) => {
        const order = 'ABCD';
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(order.indexOf(gradeOf(hi, policy))).toBeLessThanOrEqual(order.indexOf(gradeOf(lo, policy)));
      }),
    );
  });
});
