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
  viNumber,
} from './index';
import type { CriteriaFramework, FormAction, FormState, Grade, GroupMember, Policy, PoolStanding } from './index';

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
  // No comment step in the 2022 calendar, but a delegated commenter still comments (DOMAIN §3).
  { name: 'hanoi2022 with a commenter (delegation: comment step, no deadline of its own)', options: { policy: hanoi2022, hasCommenter: true }, allowed: WITH_COMMENT },
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
    expect(() => nextState('SELF_SUBMITTED', 'comment', { policy: hanoi2022, hasCommenter: false })).toThrow(/^action comment is not allowed: the form has no commenter$/);
    expect(() => nextState('SELF_SUBMITTED', 'decide', { policy: hanoi2022, hasCommenter: true })).toThrow(/^action decide is not allowed before the commenter has commented$/);
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

  it('a December without a comment step (custom policy): the calendar step is judged by the month, the commenter still comments', () => {
    const noDecemberComment: Policy = {
      ...hanoi2026,
      calendar: { ...hanoi2026.calendar, december: { ...hanoi2026.calendar.december, comment: null } },
    };
    expect(hasCommentStep(noDecemberComment)).toBe(true);
    expect(hasCommentStep(noDecemberComment, 12)).toBe(false);
    for (const month of [11, 12]) {
      const o = { policy: noDecemberComment, hasCommenter: true, month };
      expect(() => nextState('SELF_SUBMITTED', 'decide', o)).toThrow(/^action decide is not allowed before the commenter/);
      expect(nextState('SELF_SUBMITTED', 'comment', o)).toBe('COMMENTED');
      expect(nextState('SELF_SUBMITTED', 'decide', { ...o, hasCommenter: false })).toBe('DECIDED');
    }
    // December's comment is given until December's decision deadline (before the 13th).
    expect(stepDeadline(2026, 12, 'comment', '2026-12-12T16:59:59Z', { policy: noDecemberComment })).toEqual({
      step: 'comment',
      deadline: '2026-12-12T17:00:00Z',
      late: false,
    });
    expect(stepDeadline(2026, 11, 'comment', '2026-11-25T17:00:00Z', { policy: noDecemberComment })).toEqual({
      step: 'comment',
      deadline: '2026-11-25T17:00:00Z',
      late: true,
    });
  });
});

describe('the hanoi2022 path (no comment step in the calendar)', () => {
  it('without a commenter: draft → self-submitted → decided → published, on the 2022 calendar', () => {
    const o = { policy: hanoi2022, hasCommenter: false };
    let s: FormState = 'DRAFT';
    s = nextState(s, 'submit', o);
    expect(s).toBe('SELF_SUBMITTED');
    expect(() => nextState(s, 'comment', o)).toThrow(/^action comment is not allowed: the form has no commenter/);
    s = nextState(s, 'decide', o);
    expect(s).toBe('DECIDED');
    s = nextState(s, 'publish', o);
    expect(s).toBe('PUBLISHED');
    expect(nextState(s, 'reopen', { ...o, reopenTo: 'DECIDED' })).toBe('DECIDED');
    expect(() => nextState('DECIDED', 'reopen', { ...o, reopenTo: 'COMMENTED' })).toThrow(/^action reopen to COMMENTED is not allowed: the form has no commenter/);

    expect(hasCommentStep(hanoi2022)).toBe(false);
    expect(hasCommentStep(hanoi2022, 12)).toBe(false);
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
  });

  it('with a commenter (delegation, DOMAIN §3): the deputy comments, then the head decides', () => {
    const o = { policy: hanoi2022, hasCommenter: true };
    let s: FormState = 'DRAFT';
    s = nextState(s, 'submit', o);
    expect(s).toBe('SELF_SUBMITTED');
    s = nextState(s, 'comment', o);
    expect(s).toBe('COMMENTED');
    expect(() => nextState(s, 'comment', o)).toThrow(/^action comment is not allowed from COMMENTED/);
    s = nextState(s, 'decide', o);
    expect(s).toBe('DECIDED');
    s = nextState(s, 'publish', o);
    expect(s).toBe('PUBLISHED');
    // A decision reopened goes back to the decider; an earlier reopening may go back to the comment.
    expect(nextState(s, 'reopen', { ...o, reopenTo: 'DECIDED' })).toBe('DECIDED');
    expect(nextState('DECIDED', 'reopen', { ...o, reopenTo: 'COMMENTED' })).toBe('COMMENTED');
    expect(nextState('COMMENTED', 'reopen', { ...o, reopenTo: 'SELF_SUBMITTED' })).toBe('SELF_SUBMITTED');
  });

  it('with a commenter the decision is refused before the comment, in every month (December included)', () => {
    for (const month of [undefined, 1, 5, 12]) {
      const o = { policy: hanoi2022, hasCommenter: true, month };
      expect(() => nextState('SELF_SUBMITTED', 'decide', o)).toThrow(RangeError);
      expect(() => nextState('SELF_SUBMITTED', 'decide', o)).toThrow(/^action decide is not allowed before the commenter has commented$/);
      expect(nextState('SELF_SUBMITTED', 'comment', o)).toBe('COMMENTED');
      expect(nextState('COMMENTED', 'decide', o)).toBe('DECIDED');
    }
  });

  it("the comment has no deadline of its own: it is the decision's (before the 28th, local time)", () => {
    // Computed independently of monthDeadlines: local midnight starting 28 May 2026 in Hà Nội (UTC+7).
    const decisionDue = new Date(Date.UTC(2026, 4, 28) - 7 * 3_600_000).toISOString();
    expect(decisionDue).toBe('2026-05-27T17:00:00.000Z');
    expect(hanoi2022.calendar.regular.decision).toEqual({ beforeDay: 28, monthOffset: 0 });
    expect(hanoi2022.calendar.regular.comment).toBeNull();

    const onTime = stepDeadline(2026, 5, 'comment', '2026-05-27T16:59:59.999Z', { policy: hanoi2022 });
    expect(onTime.step).toBe('comment');
    expect(Date.parse(onTime.deadline)).toBe(Date.parse(decisionDue));
    expect(onTime.late).toBe(false);
    // Still on time after the self-assessment's deadline and the 2026 calendar's comment deadline (before the 26th).
    expect(stepDeadline(2026, 5, 'comment', '2026-05-26T10:00:00+07:00', { policy: hanoi2022 }).late).toBe(false);
    const late = stepDeadline(2026, 5, 'comment', '2026-05-28T00:00:00+07:00', { policy: hanoi2022 });
    expect(late).toEqual({ step: 'comment', deadline: '2026-05-27T17:00:00Z', late: true });
    // The same instant, string and all, as the decision's.
    const decision = stepDeadline(2026, 5, 'decide', '2026-05-01T00:00:00Z', { policy: hanoi2022 });
    expect(late.deadline).toBe(decision.deadline);
    // A reopening lifts it like any other step's.
    expect(stepDeadline(2026, 5, 'comment', '2026-05-29T00:00:00Z', { policy: hanoi2022, reopenedUntil: '2026-05-30T00:00:00Z' }).late).toBe(false);
    // December 2022: the decision before the 13th.
    expect(stepDeadline(2022, 12, 'comment', '2022-12-12T16:59:59Z', { policy: hanoi2022 })).toEqual({
      step: 'comment',
      deadline: '2022-12-12T17:00:00Z',
      late: false,
    });
  });

  it('equals the decision deadline whenever the calendar has no comment step, and never otherwise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9998 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom(hanoi2026, hanoi2022), (year, month, policy) => {
        const now = `${year}-01-01T00:00:00Z`;
        const comment = stepDeadline(year, month, 'comment', now, { policy });
        const decision = stepDeadline(year, month, 'decide', now, { policy });
        expect(comment.step).toBe('comment');
        if (hasCommentStep(policy, month)) expect(Date.parse(comment.deadline)).toBeLessThan(Date.parse(decision.deadline));
        else expect(comment.deadline).toBe(decision.deadline);
      }),
    );
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

const group = (scores: number[], prefix = 'p'): GroupMember[] => scores.map((score, i) => ({ id: `${prefix}${i + 1}`, score }));
const countA = (grades: Record<string, Grade>) => Object.values(grades).filter((g) => g === 'A').length;
const pool = (size: number, reachingB = 0, granted = 0, raised = false): PoolStanding => ({ size, reachingB, granted, raised });
const bBand: Policy = { ...hanoi2026, quota: { ...hanoi2026.quota!, base: 'B_BAND' } };
/** DOMAIN §10 example 4: 10 of 12 reach the B band, 6 are in the A band. */
const EXAMPLE_4 = [99, 97, 96, 94, 92, 91, 88, 80, 77, 71, 69, 30];
const names = { group: 'Chuyên viên', scope: 'Phòng Nội vụ' };

describe('viNumber', () => {
  it('writes a score with a decimal comma, rounded half up to 2 decimals like the band', () => {
    expect(viNumber(92.5)).toBe('92,5');
    expect(viNumber(97)).toBe('97');
    expect(viNumber(92.63)).toBe('92,63');
    expect(viNumber(0)).toBe('0');
    expect(viNumber(100)).toBe('100');
    expect(viNumber(22.5)).toBe('22,5');
    // The band is read from the half-up rounding; the explanation must show the same number.
    expect(viNumber(89.995)).toBe('90');
    expect(viNumber(49.995)).toBe('50'); // (49.995).toFixed(2) is "49.99"
    expect(viNumber(92.145)).toBe('92,15'); // (92.145).toFixed(2) is "92.14"
    expect(viNumber(92.004)).toBe('92');
  });
});

describe('decideGroup: §10 examples 4 and 5', () => {
  it('4. GRADED_B 20 %: cap ⌊10/6⌋ = 1, so 99 → A; 97 … 71 → B; 69 → C; 30 → D; the five A-band B are told why', () => {
    const r = decideGroup(group(EXAMPLE_4), { names });
    expect(r.grades).toEqual({ p1: 'A', p2: 'B', p3: 'B', p4: 'B', p5: 'B', p6: 'B', p7: 'B', p8: 'B', p9: 'B', p10: 'B', p11: 'C', p12: 'D' });
    expect(r.group).toEqual({ cap: 1, base: 10, size: 12, granted: 0, percent: 20, small: false });
    expect(r).toMatchObject({ room: 1, needsChoice: [], exceeded: false, exceededExplanation: null });
    // Only people graded below the band of their score are explained.
    expect(Object.keys(r.explanations).sort()).toEqual(['p2', 'p3', 'p4', 'p5', 'p6']);
    const why = r.explanations.p2;
    expect(why).toMatch(/^Điểm 97 /);
    expect(why).toContain('"Chuyên viên"');
    expect(why).toMatch(/tối đa 1 người loại A/); // the cap
    expect(why).toMatch(/\b10 người đạt từ mức B/); // the base
    expect(why).toContain('20%');
    expect(why).toMatch(/đã có 0 người/); // nothing granted before
    expect(why).toMatch(/xếp loại B/);
    expect(r.explanations.p6).toMatch(/^Điểm 91 /);
  });

  it('4. raised to 25 % with a reason: cap ⌊10/5⌋ = 2, so 99 and 97 → A', () => {
    const r = decideGroup(group(EXAMPLE_4), { raised: { reason: 'Đơn vị hoàn thành xuất sắc kế hoạch (QĐ 12/QĐ)' } });
    expect(r.group).toMatchObject({ cap: 2, percent: 25 });
    expect(r.grades).toMatchObject({ p1: 'A', p2: 'A', p3: 'B', p10: 'B', p11: 'C', p12: 'D' });
    expect(Object.keys(r.explanations).sort()).toEqual(['p3', 'p4', 'p5', 'p6']);
    expect(r.explanations.p3).toMatch(/tối đa 2 người loại A/);
    expect(r.explanations.p3).toContain('25%');
    expect(r.explanations.p3).toMatch(/nâng/);
  });

  it('4. under B_BAND: caps 2 and 2', () => {
    const r = decideGroup(group(EXAMPLE_4), { policy: bBand });
    expect(r.group.cap).toBe(2);
    expect(r.grades).toMatchObject({ p1: 'A', p2: 'A', p3: 'B' });
    expect(r.explanations.p3).toMatch(/tối đa 2 người loại A/);
    expect(r.explanations.p3).toMatch(/\b10\b/);
    expect(decideGroup(group(EXAMPLE_4), { policy: bBand, raised: { reason: 'nổi trội' } }).group.cap).toBe(2);
  });

  it('4. re-deciding only 97 after a reopening: 97 stays B, and is told the A went to someone decided before', () => {
    const r = decideGroup([{ id: 'p2', score: 97 }], { standing: { group: pool(12, 9, 1) }, names });
    expect(r.grades).toEqual({ p2: 'B' });
    expect(r.group).toMatchObject({ cap: 1, base: 10, granted: 1 });
    expect(r).toMatchObject({ room: 0, exceeded: false });
    expect(r.explanations.p2).toMatch(/tối đa 1 người loại A/);
    expect(r.explanations.p2).toMatch(/\b10 người/);
    expect(r.explanations.p2).toMatch(/đã có 1 người/);
    expect(r.explanations.p2).toMatch(/trước đó/);
    // A raise recorded with this decision applies to the group: cap 2, room for 97.
    const raised = decideGroup([{ id: 'p2', score: 97 }], { standing: { group: pool(12, 9, 1) }, raised: { reason: 'nổi trội' } });
    expect(raised.grades).toEqual({ p2: 'A' });
    expect(raised.group).toMatchObject({ cap: 2, percent: 25 });
  });

  it('the law’s step: five in the A band in a group of five get no A, and nobody is told a higher score took it', () => {
    const r = decideGroup(group([99, 97, 95, 93, 91]));
    expect(r.group.cap).toBe(0);
    expect(countA(r.grades)).toBe(0);
    expect(Object.keys(r.explanations)).toHaveLength(5);
    expect(r.explanations.p1).toMatch(/tối đa 0 người loại A/);
    expect(r.explanations.p1).not.toMatch(/điểm cao hơn/);
  });

  it('5. group of 4 with 92, 91, 80, 60: cap 1, so 92 → A, 91 and 80 → B, 60 → C', () => {
    const r = decideGroup(group([92, 91, 80, 60]));
    expect(r.grades).toEqual({ p1: 'A', p2: 'B', p3: 'B', p4: 'C' });
    expect(r.group).toMatchObject({ cap: 1, small: true, size: 4 });
    expect(Object.keys(r.explanations)).toEqual(['p2']);
    expect(r.explanations.p2).toMatch(/^Điểm 91 /);
    expect(r.explanations.p2).toMatch(/dưới 5 người \(4 người\)/);
    expect(r.explanations.p2).toMatch(/tối đa 1 người loại A/);
  });

  it('the grade follows the score: a requested grade is no longer an input', () => {
    const asked = group(EXAMPLE_4).map((m) => (m.id === 'p2' ? ({ ...m, requestedGrade: 'A' } as GroupMember) : m));
    expect(decideGroup(asked).grades).toEqual(decideGroup(group(EXAMPLE_4)).grades);
  });

  it('a raise needs a non-empty reason', () => {
    expect(() => decideGroup(group(EXAMPLE_4), { raised: { reason: '' } })).toThrow(/^raised\.reason /);
    expect(() => decideGroup(group(EXAMPLE_4), { raised: { reason: '   ' } })).toThrow(/^raised\.reason /);
    expect(() => decideGroup(group(EXAMPLE_4), { raised: {} as { reason: string } })).toThrow(/^raised\.reason /);
    expect(decideGroup(group(EXAMPLE_4), { raised: null }).group.cap).toBe(1);
  });
});

describe('decideGroup: both limits', () => {
  // Example 4's scores over three duty groups of 4 in a scope of 12.
  const g1 = group([99, 94, 88, 71], 'a');
  const g2 = group([97, 92, 80, 69], 'b');
  const g3 = group([96, 91, 77, 30], 'c');

  it('three groups of 4 in a scope of 12: one A in all, and the last group is told both caps', () => {
    const b = decideGroup(g2, { standing: { group: pool(4), scope: pool(12) }, names: { group: 'Tổ 2', scope: 'Phòng Nội vụ' } });
    const a = decideGroup(g1, { standing: { group: pool(4), scope: pool(12, 3, 0) }, names: { group: 'Tổ 1', scope: 'Phòng Nội vụ' } });
    const c = decideGroup(g3, { standing: { group: pool(4), scope: pool(12, 7, 1) }, names: { group: 'Tổ 3', scope: 'Phòng Nội vụ' } });
    expect(countA(b.grades) + countA(a.grades) + countA(c.grades)).toBe(1);
    expect(a.grades.a1).toBe('A');
    expect(c.group).toMatchObject({ cap: 1, small: true });
    expect(c.scope).toMatchObject({ cap: 1, base: 10, granted: 1 });
    expect(Object.keys(c.explanations).sort()).toEqual(['c1', 'c2']);
    const why = c.explanations.c1;
    expect(why).toMatch(/^Điểm 96 /);
    expect(why).toContain('"Tổ 3"');
    expect(why).toContain('"Phòng Nội vụ"');
    expect(why).toMatch(/dưới 5 người/); // the group's cap, by the under-5 rule
    expect(why).toMatch(/\b10 người đạt từ mức B/); // the scope's base
    expect(why).toMatch(/0 người trong nhóm và 1 người trong phạm vi/); // granted in group and scope
    // The first group decided, with only 3 of the scope counted, had no A to give (⌊3/6⌋ = 0).
    expect(b.scope).toMatchObject({ cap: 0, base: 3 });
    expect(b.explanations.b1).toMatch(/tối đa 0 người loại A/);
    expect(b.explanations.b1).not.toMatch(/điểm cao hơn/);
  });
});

describe('decideGroup: ties at the boundary', () => {
  const tiedGroup = group([95, 95, 85, 80, 75, 72]); // 6 reach B: cap ⌊6/6⌋ = 1, p1 and p2 tied

  it('leaves a tie to the decider and explains it', () => {
    const r = decideGroup(tiedGroup);
    expect(r.group.cap).toBe(1);
    expect(r.needsChoice).toEqual(['p1', 'p2']);
    expect(r.grades).toMatchObject({ p1: 'B', p2: 'B' });
    expect(r.exceeded).toBe(false);
    expect(r.explanations.p1).toMatch(/^Điểm 95 /);
    expect(r.explanations.p1).toMatch(/bằng điểm với 1 người khác/);
    expect(r.explanations.p1).toMatch(/còn 1 chỉ tiêu loại A/);
    expect(r.explanations.p2).toMatch(/tối đa 1 người loại A/);
  });

  it('the choice resolves it; the one not chosen is explained by the cap', () => {
    const r = decideGroup(tiedGroup, { chosen: ['p2'] });
    expect(r.grades).toMatchObject({ p1: 'B', p2: 'A' });
    expect(r.needsChoice).toEqual([]);
    expect(Object.keys(r.explanations)).toEqual(['p1']);
    expect(r.explanations.p1).toMatch(/tối đa 1 người loại A/);
    expect(r.explanations.p1).toMatch(/\b6 người đạt từ mức B/);
    expect(r.explanations.p1).toMatch(/được chọn/);
    expect(() => decideGroup(tiedGroup, { chosen: ['p3'] })).toThrow(/^chosen\[0\]/);
  });

  it('equal rounded scores are a tie, and the explanation shows the rounded score', () => {
    const r = decideGroup([{ id: 'x', score: 92.145 }, { id: 'y', score: 92.15 }, ...group([85, 80, 75, 72])]);
    expect(r.needsChoice).toEqual(['x', 'y']);
    expect(r.explanations.x).toMatch(/^Điểm 92,15 /);
    expect(r.explanations.y).toMatch(/^Điểm 92,15 /);
  });

  it('choosing more than the free places is exceeded, with what to do', () => {
    const r = decideGroup(tiedGroup, { chosen: ['p1', 'p2'] });
    expect(r.exceeded).toBe(true);
    expect(countA(r.grades)).toBe(2);
    const why = r.exceededExplanation!;
    expect(why).toMatch(/^Vượt chỉ tiêu loại A/);
    expect(why).toMatch(/tối đa 1 người loại A/);
    expect(why).toMatch(/có 2 người loại A nhưng chỉ còn 1 chỉ tiêu/);
    expect(why).toMatch(/bớt 1 người loại A/);
    expect(why).toMatch(/nâng tỷ lệ/); // the raise is still possible
    // Raised (⌊6/5⌋ = 1 still): exceeded, and no raise left to suggest.
    const raised = decideGroup(tiedGroup, { chosen: ['p1', 'p2'], raised: { reason: 'nổi trội' } });
    expect(raised.exceeded).toBe(true);
    expect(raised.exceededExplanation).not.toMatch(/nâng tỷ lệ/);
  });
});

describe('decideGroup: A already granted beyond a cap', () => {
  it('gives no A; choosing one is exceeded, and the decider is told how many A to take back', () => {
    // 11 decided, 4 reaching B, 1 A, and one at 95: base 5 → cap 0 < 1 granted.
    const r = decideGroup([{ id: 'x', score: 95 }], { standing: { group: pool(12, 4, 1) } });
    expect(r).toMatchObject({ grades: { x: 'B' }, exceeded: false, room: 0 });
    expect(r.group).toMatchObject({ cap: 0, base: 5, granted: 1 });
    const chosen = decideGroup([{ id: 'x', score: 95 }], { standing: { group: pool(12, 4, 1) }, chosen: ['x'] });
    expect(chosen.exceeded).toBe(true);
    const why = chosen.exceededExplanation!;
    expect(why).toMatch(/^Vượt chỉ tiêu loại A/);
    expect(why).toMatch(/tối đa 0 người loại A/);
    expect(why).toMatch(/\b5 người đạt từ mức B/);
    expect(why).toMatch(/đã có 1 người/);
    expect(why).toMatch(/chỉ còn 0 chỉ tiêu/);
    expect(why).toMatch(/bớt 1 người loại A/);
  });

  it('in the scope too', () => {
    const r = decideGroup([{ id: 'x', score: 95 }], { standing: { group: pool(3), scope: pool(12, 4, 1) }, names, chosen: ['x'] });
    expect(r.exceeded).toBe(true);
    expect(r.exceededExplanation).toContain('"Phòng Nội vụ"');
  });
});

describe('decideGroup: Quảng Trị 2019 (no quota)', () => {
  const qt = policies.quangTri2019;

  it('grades follow the bands (90 / 75 / 50): every A-band score is A, cap and room null', () => {
    const r = decideGroup(group(EXAMPLE_4), { policy: qt });
    expect(r.grades).toEqual({ p1: 'A', p2: 'A', p3: 'A', p4: 'A', p5: 'A', p6: 'A', p7: 'B', p8: 'B', p9: 'B', p10: 'C', p11: 'C', p12: 'D' });
    expect(r.group.cap).toBeNull();
    expect(r.scope.cap).toBeNull();
    expect(r).toMatchObject({ room: null, needsChoice: [], explanations: {}, exceeded: false, exceededExplanation: null });
    expect(() => decideGroup(group(EXAMPLE_4), { policy: qt, chosen: ['p1'] })).toThrow(/^chosen /);
  });

  it('a criterion scored 0 limits the grade to C, and says so', () => {
    const r = decideGroup([{ id: 'z', score: 95, anyCriterionZero: true }, ...group([80, 70])], { policy: qt });
    expect(r.grades).toEqual({ z: 'C', p1: 'B', p2: 'C' });
    expect(Object.keys(r.explanations)).toEqual(['z']);
    expect(r.explanations.z).toMatch(/^Điểm 95 /);
    expect(r.explanations.z).toMatch(/tiêu chí bị chấm 0 điểm/);
    expect(r.explanations.z).toMatch(/loại C/);
    expect(r.explanations.z).toContain('quangTri2019');
  });
});

describe('decideGroup: input', () => {
  it('rejects bad members, naming the field', () => {
    expect(() => decideGroup('x' as never)).toThrow(/^members /);
    expect(() => decideGroup([{ id: 'a', score: 80 }, { id: 'a', score: 70 }])).toThrow(/^members\[1\]\.id must be unique/);
    expect(() => decideGroup([{ id: '', score: 80 }])).toThrow(/^members\[0\]\.id /);
    expect(() => decideGroup([{ id: 'a', score: 101 }])).toThrow(/^members\[0\]\.score /);
    expect(() => decideGroup([{ id: 'a', score: 80, anyCriterionZero: 1 as never }])).toThrow(/^members\[0\]\.anyCriterionZero /);
    expect(() => decideGroup([], 'x' as never)).toThrow(/^options /);
  });

  it('rejects a bad standing, naming the field', () => {
    expect(() => decideGroup(group([95, 80]), { standing: { group: pool(1) } })).toThrow(/^standing\.group\.size /);
    expect(() => decideGroup(group([95, 80]), { standing: { group: pool(4, 1, 2) } })).toThrow(/^standing\.group\.granted /);
    expect(() => decideGroup(group([95, 80]), { standing: { group: pool(4), scope: pool(3) } })).toThrow(/^standing\.scope\.size /);
    expect(() => decideGroup(group([95, 80]), { standing: { group: pool(4), scope: { ...pool(8), raised: 1 as never } } })).toThrow(/^standing\.scope\.raised /);
  });

  it('an empty group decides nothing', () => {
    const r = decideGroup([]);
    expect(r).toEqual({
      grades: {},
      group: { cap: 1, base: 0, size: 0, granted: 0, percent: 20, small: true },
      scope: { cap: 1, base: 0, size: 0, granted: 0, percent: 20, small: true },
      room: 1,
      needsChoice: [],
      explanations: {},
      exceeded: false,
      exceededExplanation: null,
    });
  });
});

describe('decideGroup: properties', () => {
  const policyArb = fc.constantFrom(policies.hanoi2026, policies.hanoi2022, policies.quangTri2019, bBand);
  const scoreArb = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 10000 }).map((n) => n / 100), fc.constantFrom(89.995, 90, 92.145, 70, 69.995, 75));
  const memberArb = fc.record({ score: scoreArb, anyCriterionZero: fc.boolean() }, { requiredKeys: ['score'] });
  /** A consistent standing for n people: decided members outside the decision, and a scope around the group. */
  const standingArb = (n: number) =>
    fc
      .tuple(fc.nat(20), fc.nat(20), fc.nat(20), fc.nat(40), fc.nat(40), fc.nat(40), fc.boolean(), fc.boolean(), fc.boolean())
      .map(([extra, rb, gr, sExtra, sRb, sGr, raised, sRaised, withScope]) => {
        const size = n + extra;
        const reachingB = Math.min(rb, extra);
        const granted = Math.min(gr, reachingB);
        const group = { size, reachingB, granted, raised };
        if (!withScope) return { group };
        const others = sExtra;
        const sReaching = reachingB + Math.min(sRb, others);
        return { group, scope: { size: size + others, reachingB: sReaching, granted: granted + Math.min(sGr, sReaching - reachingB), raised: sRaised } };
      });

  it('the grade is the band, lowered from A to B only within the room; exceeded only from the standing', () => {
    fc.assert(
      fc.property(
        fc.array(memberArb, { maxLength: 14 }).chain((raw) => fc.tuple(fc.constant(raw), fc.option(standingArb(raw.length), { nil: undefined }))),
        policyArb,
        ([raw, standing], policy) => {
          const members: GroupMember[] = raw.map((m, i) => ({ id: `m${i}`, ...m }));
          const r = decideGroup(members, { policy, standing });
          const bands = members.map((m) => gradeOf(m.score, policy, { anyCriterionZero: m.anyCriterionZero }));
          members.forEach((m, i) => {
            const g = r.grades[m.id];
            if (bands[i] === 'A') expect(['A', 'B']).toContain(g);
            else expect(g).toBe(bands[i]);
            expect(betterThan(g, bands[i])).toBe(false);
            // Everyone in the A band graded B has an explanation, which shows the rounded score.
            if (bands[i] === 'A' && g === 'B') expect(r.explanations[m.id]).toMatch(new RegExp(`^Điểm ${viNumber(m.score)} `));
          });
          expect(r.exceededExplanation === null).toBe(!r.exceeded);
          if (policy.quota === null) {
            expect(r.room).toBeNull();
            expect(r.exceeded).toBe(false);
            members.forEach((m, i) => {
              if (bands[i] === 'A') expect(r.grades[m.id]).toBe('A');
            });
            return;
          }
          const group = r.group;
          const scope = r.scope;
          const spare = Math.min(group.cap! - group.granted, scope.cap! - scope.granted);
          // Without a choice nothing is exceeded: a pool above its cap leaves no room, and no A is given.
          expect(r.exceeded).toBe(false);
          expect(r.room).toBe(Math.max(0, spare));
          expect(countA(r.grades)).toBeLessThanOrEqual(r.room!);
          // The room is used: all of it, or all the A band; a tie leaves more people than free places.
          if (r.needsChoice.length === 0) expect(countA(r.grades)).toBe(Math.min(r.room!, bands.filter((b) => b === 'A').length));
          else expect(r.needsChoice.length).toBeGreaterThan(r.room! - countA(r.grades));
        },
      ),
      { numRuns: 500 },
    );
  });
});
