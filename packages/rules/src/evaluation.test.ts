/** The evaluation form: transitions, deadlines, the form's numbers and the group decision. */
import * as fc from 'fast-check';
import {
  FORM_ACTIONS,
  FORM_STATES,
  betterThan,
  criteriaFramework,
  decideGroup,
  formScore,
  gradeOf,
  hasCommentStep,
  nextState,
  policies,
  stepDeadline,
  taskResult,
} from './index';
import type { CriteriaFramework, FormAction, FormState, Grade, GroupMember, Policy } from './index';

const hanoi2026 = policies.hanoi2026;
const hanoi2022 = policies.hanoi2022;

/** Every allowed (state, action) → state outside reopen, for a flow with and without the comment step. */
const WITH_COMMENT: Record<string, FormState> = {
  'DRAFT submit': 'SELF_SUBMITTED',
  'SELF_SUBMITTED comment': 'COMMENTED',
  'COMMENTED decide': 'DECIDED',
  'DECIDED publish': 'PUBLISHED',
};
const WITHOUT_COMMENT: Record<string, FormState> = {
  'DRAFT submit': 'SELF_SUBMITTED',
  'SELF_SUBMITTED decide': 'DECIDED',
  'COMMENTED decide': 'DECIDED',
  'DECIDED publish': 'PUBLISHED',
};

const flows: { name: string; options: { policy: Policy; hasCommenter: boolean }; allowed: Record<string, FormState> }[] = [
  { name: 'hanoi2026 with a commenter', options: { policy: hanoi2026, hasCommenter: true }, allowed: WITH_COMMENT },
  { name: 'hanoi2026 without a commenter', options: { policy: hanoi2026, hasCommenter: false }, allowed: WITHOUT_COMMENT },
  { name: 'hanoi2022 with a commenter (no comment step)', options: { policy: hanoi2022, hasCommenter: true }, allowed: WITHOUT_COMMENT },
  { name: 'hanoi2022 without a commenter', options: { policy: hanoi2022, hasCommenter: false }, allowed: WITHOUT_COMMENT },
];

describe('nextState: every transition, allowed and refused', () => {
  for (const { name, options, allowed } of flows) {
    describe(name, () => {
      for (const state of FORM_STATES) {
        for (const action of FORM_ACTIONS.filter((a) => a !== 'reopen')) {
          const to = allowed[`${state} ${action}`];
          if (to) {
            it(`${state} --${action}--> ${to}`, () => {
              expect(nextState(state, action, options)).toBe(to);
            });
          } else {
            it(`${state} --${action}--> refused (RangeError naming action)`, () => {
              expect(() => nextState(state, action, options)).toThrow(RangeError);
              expect(() => nextState(state, action, options)).toThrow(/^action /);
            });
          }
        }
      }

      const commentStep = allowed === WITH_COMMENT;
      for (const state of FORM_STATES) {
        for (const reopenTo of FORM_STATES) {
          const earlier = FORM_STATES.indexOf(reopenTo) < FORM_STATES.indexOf(state);
          const ok = earlier && (state !== 'PUBLISHED' || reopenTo === 'DECIDED') && (reopenTo !== 'COMMENTED' || commentStep);
          it(`${state} --reopen to ${reopenTo}--> ${ok ? reopenTo : 'refused'}`, () => {
            if (ok) expect(nextState(state, 'reopen', { ...options, reopenTo })).toBe(reopenTo);
            else expect(() => nextState(state, 'reopen', { ...options, reopenTo })).toThrow(/^action /);
          });
        }
      }
    });
  }

  it('the default policy is hanoi2026 (comment step present)', () => {
    expect(nextState('SELF_SUBMITTED', 'comment', { hasCommenter: true })).toBe('COMMENTED');
    expect(() => nextState('SELF_SUBMITTED', 'decide', { hasCommenter: true })).toThrow(/^action decide is not allowed before the commenter/);
  });

  it('reopen needs a target; a target on another action is refused', () => {
    expect(() => nextState('DECIDED', 'reopen', { hasCommenter: true })).toThrow(/^reopenTo is required/);
    expect(() => nextState('DECIDED', 'reopen', { hasCommenter: true, reopenTo: 'LOST' as FormState })).toThrow(/^reopenTo must be one of/);
    expect(() => nextState('DRAFT', 'submit', { hasCommenter: true, reopenTo: 'DRAFT' })).toThrow(/^reopenTo is only for the reopen action/);
  });

  it('refusals say why', () => {
    expect(() => nextState('SELF_SUBMITTED', 'comment', { policy: hanoi2022, hasCommenter: true })).toThrow(/policy hanoi2022 has no comment step/);
    expect(() => nextState('SELF_SUBMITTED', 'comment', { hasCommenter: false })).toThrow(/the form has no commenter/);
    expect(() => nextState('PUBLISHED', 'reopen', { hasCommenter: true, reopenTo: 'DRAFT' })).toThrow(/only to DECIDED/);
  });

  it('rejects unknown states, actions and options, naming the field', () => {
    expect(() => nextState('ARCHIVED' as FormState, 'submit', { hasCommenter: true })).toThrow(/^state /);
    expect(() => nextState('DRAFT', 'approve' as FormAction, { hasCommenter: true })).toThrow(/^action must be one of/);
    expect(() => nextState('DRAFT', 'submit', { hasCommenter: 'yes' as unknown as boolean })).toThrow(/^hasCommenter /);
    expect(() => nextState('DRAFT', 'submit', undefined as never)).toThrow(/^options /);
    expect(() => nextState('DRAFT', 'submit', { hasCommenter: true, month: 13 })).toThrow(/^month /);
  });

  it('a December without a comment step (custom policy) is judged by the month', () => {
    const noDecemberComment: Policy = {
      ...hanoi2026,
      calendar: { ...hanoi2026.calendar, december: { ...hanoi2026.calendar.december, comment: null } },
    };
    expect(hasCommentStep(noDecemberComment)).toBe(true);
    expect(hasCommentStep(noDecemberComment, 12)).toBe(false);
    expect(nextState('SELF_SUBMITTED', 'decide', { policy: noDecemberComment, hasCommenter: true, month: 12 })).toBe('DECIDED');
    expect(() => nextState('SELF_SUBMITTED', 'decide', { policy: noDecemberComment, hasCommenter: true, month: 11 })).toThrow(/^action /);
  });
});

describe('the hanoi2022 path (no comment step)', () => {
  it('draft → self-submitted → decided → published, on the 2022 calendar', () => {
    const o = { policy: hanoi2022, hasCommenter: true };
    let s: FormState = 'DRAFT';
    s = nextState(s, 'submit', o);
    expect(s).toBe('SELF_SUBMITTED');
    expect(() => nextState(s, 'comment', o)).toThrow(RangeError);
    s = nextState(s, 'decide', o);
    expect(s).toBe('DECIDED');
    s = nextState(s, 'publish', o);
    expect(s).toBe('PUBLISHED');
    expect(nextState(s, 'reopen', { ...o, reopenTo: 'DECIDED' })).toBe('DECIDED');

    expect(hasCommentStep(hanoi2022)).toBe(false);
    expect(stepDeadline(2022, 3, 'submit', '2022-03-24T16:59:59Z', { policy: hanoi2022 })).toEqual({
      step: 'selfAssessment',
      deadline: '2022-03-24T17:00:00Z',
      late: false,
    });
    expect(stepDeadline(2022, 3, 'decide', '2022-03-27T17:00:00Z', { policy: hanoi2022 })).toEqual({
      step: 'decision',
      deadline: '2022-03-27T17:00:00Z',
      late: true,
    });
    expect(stepDeadline(2022, 12, 'publish', '2022-12-14T17:00:00Z', { policy: hanoi2022 }).deadline).toBe('2022-12-14T17:00:00Z');
    expect(() => stepDeadline(2022, 3, 'comment', '2022-03-01T00:00:00Z', { policy: hanoi2022 })).toThrow(/^action comment is not a step under policy hanoi2022/);
  });
});

describe('stepDeadline (§10 example 6: first late instants)', () => {
  const cases: [number, 'submit' | 'comment' | 'decide' | 'publish', string, string][] = [
    [5, 'submit', 'selfAssessment', '2026-05-24T17:00:00Z'],
    [5, 'comment', 'comment', '2026-05-25T17:00:00Z'],
    [5, 'decide', 'decision', '2026-05-27T17:00:00Z'],
    [5, 'publish', 'publication', '2026-06-04T17:00:00Z'],
    [12, 'submit', 'selfAssessment', '2026-12-09T17:00:00Z'],
    [12, 'comment', 'comment', '2026-12-10T17:00:00Z'],
    [12, 'decide', 'decision', '2026-12-12T17:00:00Z'],
    [12, 'publish', 'publication', '2026-12-14T17:00:00Z'],
  ];
  for (const [month, action, step, deadline] of cases) {
    it(`${action} for 2026-${month}: on time 1 ms before ${deadline}, late from it`, () => {
      const before = new Date(Date.parse(deadline) - 1).toISOString();
      expect(stepDeadline(2026, month, action, before)).toEqual({ step, deadline, late: false });
      expect(stepDeadline(2026, month, action, deadline)).toEqual({ step, deadline, late: true });
      expect(stepDeadline(2026, month, action, '2027-01-01T00:00:00Z').late).toBe(true);
    });
  }

  it('reads local-time instants with their offset (midnight of the 25th in Hanoi is late)', () => {
    expect(stepDeadline(2026, 5, 'submit', '2026-05-24T23:59:59+07:00').late).toBe(false);
    expect(stepDeadline(2026, 5, 'submit', '2026-05-25T00:00:00+07:00').late).toBe(true);
    expect(stepDeadline(2026, 5, 'submit', '2026-05-24T12:00:00-05:00').late).toBe(true); // 17:00Z
  });

  it('a reopening lifts the deadline until reopenedUntil (exclusive), then it is late again', () => {
    const now = '2026-05-26T03:00:00Z';
    expect(stepDeadline(2026, 5, 'submit', now).late).toBe(true);
    expect(stepDeadline(2026, 5, 'submit', now, { reopenedUntil: '2026-05-27T17:00:00Z' }).late).toBe(false);
    expect(stepDeadline(2026, 5, 'submit', now, { reopenedUntil: now }).late).toBe(true);
    expect(stepDeadline(2026, 5, 'submit', now, { reopenedUntil: '2026-05-26T02:59:59.999Z' }).late).toBe(true);
    expect(stepDeadline(2026, 5, 'submit', now, { reopenedUntil: null }).late).toBe(true);
    // December, reopened after the 10th.
    expect(stepDeadline(2026, 12, 'submit', '2026-12-11T08:00:00+07:00', { reopenedUntil: '2026-12-12T00:00:00+07:00' })).toEqual({
      step: 'selfAssessment',
      deadline: '2026-12-09T17:00:00Z',
      late: false,
    });
    expect(stepDeadline(2026, 12, 'submit', '2026-12-12T00:00:00+07:00', { reopenedUntil: '2026-12-12T00:00:00+07:00' }).late).toBe(true);
  });

  it('rejects bad instants, months and actions, naming the field', () => {
    for (const bad of ['2026-05-24T17:00:00', '2026-05-24', 'yesterday', '2026-02-30T00:00:00Z', '2026-05-24T24:00:00Z', 5]) {
      expect(() => stepDeadline(2026, 5, 'submit', bad as string)).toThrow(/^now /);
    }
    expect(() => stepDeadline(2026, 5, 'submit', '2026-05-01T00:00:00Z', { reopenedUntil: 'soon' })).toThrow(/^reopenedUntil /);
    expect(() => stepDeadline(2026, 13, 'submit', '2026-05-01T00:00:00Z')).toThrow(/^month /);
    expect(() => stepDeadline(2026, 5, 'reopen' as 'submit', '2026-05-01T00:00:00Z')).toThrow(/^action /);
  });
});

/** Full marks on every criterion of a framework, then `changes` applied. */
function marks(framework: CriteriaFramework, changes: Record<string, number> = {}): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const g of framework.groups) for (const item of g.criteria) scores[item.code] = item.max;
  return { ...scores, ...changes };
}

describe('formScore: §10 examples 1–3 through the forms of 2026', () => {
  const form02 = criteriaFramework('FORM_02');
  const form03 = criteriaFramework('FORM_03');

  it('1. staff (form 03), general 27 (three items one point short), KPI 0.9375 → 92.63, band A', () => {
    const kpi = taskResult([
      { size: 2, completed: true, qualityFailures: 1 },
      { size: 1, completed: true },
      { size: 1, completed: true, delays: 1 },
    ])!.kpi;
    const r = formScore({ framework: form03, scores: marks(form03, { '1.1': 1, '2.1': 2, '3': 4 }), kpi, statedGrade: 'A' });
    expect(r).toEqual({
      general: 27,
      taskPoints: 65.63,
      score: 92.63,
      band: 'A',
      anyCriterionZero: false,
      statedGrade: 'A',
      statedDiffersFromBand: false,
    });
  });

  it('2. general 25 (full marks, deductions of 5), KPI 0.75 → 52.5 task points, 77.50, grade B', () => {
    const kpi = taskResult([
      { size: 3, completed: true },
      { size: 1, completed: false },
    ])!.kpi;
    const r = formScore({
      framework: form03,
      scores: marks(form03),
      deductions: { '1.3': 2, '2.4': 1.5, '3': 1.5 },
      kpi,
      statedGrade: 'A',
    });
    expect(r.general).toBe(25);
    expect(r.taskPoints).toBe(52.5);
    expect(r.score).toBe(77.5);
    expect(r.score!.toFixed(2)).toBe('77.50');
    expect(r.band).toBe('B');
    expect(r.statedDiffersFromBand).toBe(true);
  });

  it('3. leader (form 02), general 28, KPI 5.5/6 → 92.17, band A', () => {
    const kpi = taskResult([{ size: 5, completed: true }], { unitResults: 0.5, organisation: 1, unity: 1 })!.kpi;
    const r = formScore({
      framework: form02,
      scores: marks(form02, { '3.1.1': 0.5, '3.2.1': 0.5, '3.5.1': 0.5, '5.1': 0.5 }),
      kpi,
    });
    expect(r).toMatchObject({ general: 28, taskPoints: 64.17, score: 92.17, band: 'A', statedGrade: null, statedDiffersFromBand: false });
  });

  it('a pending KPI leaves task points, score and band null (never guessed)', () => {
    const r = formScore({ framework: form03, scores: marks(form03), kpi: null, statedGrade: 'B' });
    expect(r).toEqual({
      general: 30,
      taskPoints: null,
      score: null,
      band: null,
      anyCriterionZero: false,
      statedGrade: 'B',
      statedDiffersFromBand: false,
    });
  });

  it('a criterion at 0 caps the band only where the policy says so (Quảng Trị: at most C)', () => {
    const input = { framework: form03, scores: marks(form03, { '1.8': 0 }), kpi: 1, statedGrade: 'A' as Grade };
    expect(formScore(input)).toMatchObject({ general: 29, score: 99, band: 'A', anyCriterionZero: true, statedDiffersFromBand: false });
    expect(formScore(input, policies.quangTri2019)).toMatchObject({ score: 99, band: 'C', anyCriterionZero: true, statedDiffersFromBand: true });
    // A deduction that takes a criterion to 0 counts as 0 too.
    expect(formScore({ framework: form03, scores: marks(form03), deductions: { '1.8': 1 }, kpi: 1 }, policies.quangTri2019).band).toBe('C');
  });

  it('rounds the band from the rounded score: 89.995 reads as 90.00 → A', () => {
    // General 20 and KPI 0.99995: 20 + 69.9965 = 89.9965, which rounds to 90.00.
    const r = formScore({ framework: form03, scores: marks(form03, { '3': 0 }), deductions: { '1.1': 2, '1.2': 2, '1.3': 1 }, kpi: 0.99995 });
    expect(r.general).toBe(20);
    expect(r.score).toBe(90);
    expect(r.band).toBe('A');
  });

  it('rejects bad input, naming the field', () => {
    expect(() => formScore({ framework: form03, scores: marks(form03), kpi: 1.5 })).toThrow(/^kpi /);
    expect(() => formScore({ framework: form03, scores: marks(form03) } as never)).toThrow(/^kpi is required/);
    expect(() => formScore({ framework: form03, scores: marks(form03), kpi: 1, statedGrade: 'E' as Grade })).toThrow(/^statedGrade /);
    expect(() => formScore({ framework: form03, scores: marks(form03, { '1.1': 2.1 }), kpi: 1 })).toThrow(/^scores\["1.1"\]/);
    expect(() => formScore({ framework: form03, scores: marks(form03), deductions: { '1.8': 2 }, kpi: 1 })).toThrow(/^deductions\["1.8"\]/);
    expect(() => formScore({ framework: undefined as never, scores: {}, kpi: 1 })).toThrow(/^framework /);
  });
});

const group = (scores: number[]): GroupMember[] => scores.map((score, i) => ({ id: `p${i + 1}`, score }));
const countA = (grades: Record<string, Grade>) => Object.values(grades).filter((g) => g === 'A').length;

describe('decideGroup: §10 examples 4 and 5', () => {
  const ten = [95, 93, 91, 88, 85, 80, 75, 72, 65, 40];

  it('4. group of 10: cap ⌊0.2 × 8⌋ = 1, so 95 → A; 93 … 72 → B; 65 → C; 40 → D', () => {
    const r = decideGroup(group(ten));
    expect(r.cap).toBe(1);
    expect(r.exceeded).toBe(false);
    expect(r.exceededExplanation).toBeNull();
    expect(r.needsChoice).toEqual([]);
    expect(r.grades).toEqual({ p1: 'A', p2: 'B', p3: 'B', p4: 'B', p5: 'B', p6: 'B', p7: 'B', p8: 'B', p9: 'C', p10: 'D' });
    expect(Object.keys(r.explanations).sort()).toEqual(['p2', 'p3']);
    expect(r.explanations.p2).toMatch(/^Score 93 is in the A band, but the quota cap is 1 of 8 \(20 % of the 8 people whose score reaches the B band, rounded down\)/);
  });

  it('4. raised to 25 % with a reason: cap 2, so 95 and 93 → A', () => {
    const r = decideGroup(group(ten), { raised: { reason: 'Unit finished every plan item early (decision 12/QĐ)' } });
    expect(r.cap).toBe(2);
    expect(r.grades).toMatchObject({ p1: 'A', p2: 'A', p3: 'B', p4: 'B', p9: 'C', p10: 'D' });
    expect(Object.keys(r.explanations)).toEqual(['p3']);
    expect(r.explanations.p3).toMatch(/25 % \(raised for an outstanding unit\)/);
  });

  it('a raise needs a non-empty reason', () => {
    expect(() => decideGroup(group(ten), { raised: { reason: '' } })).toThrow(/^raised\.reason /);
    expect(() => decideGroup(group(ten), { raised: { reason: '   ' } })).toThrow(/^raised\.reason /);
    expect(() => decideGroup(group(ten), { raised: {} as { reason: string } })).toThrow(/^raised\.reason /);
    expect(decideGroup(group(ten), { raised: null }).cap).toBe(1);
  });

  it('5. group of 4 with 92, 91, 80, 60: cap 1, so 92 → A, 91 and 80 → B, 60 → C', () => {
    const r = decideGroup(group([92, 91, 80, 60]));
    expect(r.cap).toBe(1);
    expect(r.grades).toEqual({ p1: 'A', p2: 'B', p3: 'B', p4: 'C' });
    expect(Object.keys(r.explanations)).toEqual(['p2']);
    expect(r.explanations.p2).toMatch(/a group of fewer than 5 people may grade 1 A/);
  });
});

describe('decideGroup: the decider’s requests', () => {
  const ten = [95, 93, 91, 88, 85, 80, 75, 72, 65, 40];
  const ask = (requests: Record<string, Grade>) => group(ten).map((m) => (requests[m.id] ? { ...m, requestedGrade: requests[m.id] } : m));

  it('may lower anyone, and says so', () => {
    const r = decideGroup(ask({ p1: 'B', p4: 'C', p9: 'D' }));
    expect(r.grades).toMatchObject({ p1: 'B', p2: 'B', p4: 'C', p9: 'D' });
    expect(countA(r.grades)).toBe(0);
    expect(r.exceeded).toBe(false);
    expect(r.explanations.p1).toBe('Score 95 is in band A; lowered to B by the decider.');
    expect(r.explanations.p4).toBe('Score 88 is in band B; lowered to C by the decider.');
    expect(r.explanations.p9).toBe('Score 65 is in band C; lowered to D by the decider.');
    expect(r.explanations.p2).toMatch(/quota cap is 1 of 8/);
  });

  it('may give the one A place to another A-band person within the cap', () => {
    const r = decideGroup(ask({ p1: 'B', p2: 'A' }));
    expect(r.grades).toMatchObject({ p1: 'B', p2: 'A', p3: 'B' });
    expect(r.exceeded).toBe(false);
  });

  it('asking for A beyond the cap sets exceeded, with an explanation for the refusal', () => {
    const r = decideGroup(ask({ p2: 'A' }));
    expect(r.exceeded).toBe(true);
    expect(countA(r.grades)).toBe(2);
    expect(r.exceededExplanation).toMatch(/^2 A grades are requested but the quota cap is 1 of 8 .*grade 1 person fewer A, or raise the quota with a recorded reason\.$/);
    // With the raise the same request fits.
    expect(decideGroup(ask({ p2: 'A' }), { raised: { reason: 'outstanding unit' } }).exceeded).toBe(false);
    expect(decideGroup(ask({ p2: 'A', p3: 'A' }), { raised: { reason: 'outstanding unit' } }).exceeded).toBe(true);
  });

  it('refuses any grade above the band (A for band B, B for band C), naming grades', () => {
    expect(() => decideGroup(ask({ p4: 'A' }))).toThrow(RangeError);
    expect(() => decideGroup(ask({ p4: 'A' }))).toThrow(/^grades cannot grade p4 A: the score 88 is in band B/);
    expect(() => decideGroup(ask({ p9: 'B' }))).toThrow(/^grades cannot grade p9 B/);
    // Quảng Trị: a zero criterion caps the band at C, so even a score of 95 cannot be asked B.
    const zero: GroupMember[] = [{ id: 'z', score: 95, anyCriterionZero: true, requestedGrade: 'B' }];
    expect(() => decideGroup(zero, { policy: policies.quangTri2019 })).toThrow(/^grades cannot grade z B: the score 95 is in band C/);
  });

  it('explains a zero-criterion cap', () => {
    const r = decideGroup([{ id: 'z', score: 95, anyCriterionZero: true }, ...group([80, 70])], { policy: policies.quangTri2019 });
    expect(r.grades).toEqual({ z: 'C', p1: 'B', p2: 'C' });
    expect(r.explanations.z).toMatch(/a criterion scored 0 limits the grade to C under policy quangTri2019/);
  });
});

describe('decideGroup: ties at the boundary', () => {
  const tiedGroup = group([95, 95, 85, 80, 75, 72]); // 6 reach B: cap 1, p1 and p2 tied

  it('leaves a tie to the decider and explains it', () => {
    const r = decideGroup(tiedGroup);
    expect(r.cap).toBe(1);
    expect(r.needsChoice).toEqual(['p1', 'p2']);
    expect(r.grades).toMatchObject({ p1: 'B', p2: 'B' });
    expect(r.explanations.p1).toMatch(/tied at the quota boundary with p2: 1 A place is left/);
    expect(r.explanations.p2).toMatch(/tied at the quota boundary with p1/);
  });

  it('the choice resolves it; the one not chosen is explained by the cap', () => {
    const r = decideGroup(tiedGroup, { chosen: ['p2'] });
    expect(r.grades).toMatchObject({ p1: 'B', p2: 'A' });
    expect(r.needsChoice).toEqual([]);
    expect(r.explanations.p1).toMatch(/quota cap is 1 of 6/);
    expect(() => decideGroup(tiedGroup, { chosen: ['p3'] })).toThrow(/^chosen\[0\]/);
  });

  it('a requested A for one of the tied fills the cap: no choice left', () => {
    const r = decideGroup(tiedGroup.map((m) => (m.id === 'p1' ? { ...m, requestedGrade: 'A' as Grade } : m)));
    expect(r.grades).toMatchObject({ p1: 'A', p2: 'B' });
    expect(r.needsChoice).toEqual([]);
    expect(r.exceeded).toBe(false);
  });
});

describe('decideGroup: input', () => {
  it('rejects bad members, naming the field', () => {
    expect(() => decideGroup('x' as never)).toThrow(/^members /);
    expect(() => decideGroup([{ id: 'a', score: 80 }, { id: 'a', score: 70 }])).toThrow(/^members\[1\]\.id must be unique/);
    expect(() => decideGroup([{ id: '', score: 80 }])).toThrow(/^members\[0\]\.id /);
    expect(() => decideGroup([{ id: 'a', score: 101 }])).toThrow(/^members\[0\]\.score /);
    expect(() => decideGroup([{ id: 'a', score: 80, requestedGrade: 'E' as Grade }])).toThrow(/^members\[0\]\.requestedGrade /);
    expect(() => decideGroup([{ id: 'a', score: 80, anyCriterionZero: 1 as never }])).toThrow(/^members\[0\]\.anyCriterionZero /);
  });

  it('an empty group decides nothing', () => {
    expect(decideGroup([])).toEqual({ grades: {}, cap: 1, needsChoice: [], explanations: {}, exceeded: false, exceededExplanation: null });
  });
});

describe('decideGroup: properties', () => {
  const policyArb = fc.constantFrom(policies.hanoi2026, policies.hanoi2022, policies.quangTri2019);
  const scoreArb = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 10000 }).map((n) => n / 100), fc.constantFrom(89.995, 90, 70, 69.995, 75));
  const memberArb = fc.record(
    {
      score: scoreArb,
      anyCriterionZero: fc.boolean(),
      requestedGrade: fc.constantFrom<Grade>('A', 'B', 'C', 'D'),
    },
    { requiredKeys: ['score'] },
  );

  it('never more A than the cap unless exceeded, never anyone above their band', () => {
    fc.assert(
      fc.property(fc.array(memberArb, { maxLength: 14 }), policyArb, fc.boolean(), (raw, policy, raise) => {
        const members: GroupMember[] = raw.map((m, i) => ({ id: `m${i}`, ...m }));
        const bands = members.map((m) => gradeOf(m.score, policy, { anyCriterionZero: m.anyCriterionZero }));
        const aboveBand = members.some((m, i) => m.requestedGrade !== undefined && betterThan(m.requestedGrade, bands[i]));
        let r;
        try {
          r = decideGroup(members, { policy, raised: raise ? { reason: 'outstanding' } : null });
        } catch (e) {
          // The only refusal for valid input: a grade above someone's band.
          expect(e).toBeInstanceOf(RangeError);
          expect((e as Error).message).toMatch(/^grades /);
          expect(aboveBand).toBe(true);
          return;
        }
        expect(aboveBand).toBe(false);
        const a = countA(r.grades);
        expect(r.exceeded).toBe(a > r.cap);
        if (!r.exceeded) expect(a).toBeLessThanOrEqual(r.cap);
        if (members.every((m) => m.requestedGrade === undefined)) expect(r.exceeded).toBe(false);
        members.forEach((m, i) => expect(betterThan(r.grades[m.id], bands[i])).toBe(false));
        // Everyone in the A band who is graded B has an explanation.
        members.forEach((m, i) => {
          if (bands[i] === 'A' && r.grades[m.id] === 'B') expect(typeof r.explanations[m.id]).toBe('string');
        });
      }),
      { numRuns: 500 },
    );
  });
});
