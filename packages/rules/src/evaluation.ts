/**
 * Decision logic of the monthly evaluation form (DOMAIN §4–§8): which state an action leads to,
 * whether a step is late, the form's numbers, and a decider's group decision under the quota.
 *
 * Everything here composes the rest of the package (`monthDeadlines`, `generalScore`,
 * `monthlyScore`, `gradeOf`, `applyQuota`) instead of re-deriving it, so a form, a deadline and a
 * quota can never disagree with the functions the reports use. Pure: the caller passes `now`.
 */
import { monthDeadlines } from './calendar';
import { CriteriaFramework, generalScore } from './criteria';
import { checkArray, checkId, checkObject, checkScore, invalid } from './errors';
import { Fraction } from './exact';
import { newIdMap, sealIdMap } from './ids';
import { Grade, Policy, StepDays, betterThan, defaultPolicy, isGrade } from './policy';
import { applyQuota } from './quota';
import { gradeOf, monthlyScore } from './score';

export type FormState = 'DRAFT' | 'SELF_SUBMITTED' | 'COMMENTED' | 'DECIDED' | 'PUBLISHED';
export type FormAction = 'submit' | 'comment' | 'decide' | 'publish' | 'reopen';
export type FormStep = 'selfAssessment' | 'comment' | 'decision' | 'publication';

/** In process order: "earlier" for a reopening means a lower index. */
export const FORM_STATES: readonly FormState[] = Object.freeze(['DRAFT', 'SELF_SUBMITTED', 'COMMENTED', 'DECIDED', 'PUBLISHED']);
export const FORM_ACTIONS: readonly FormAction[] = Object.freeze(['submit', 'comment', 'decide', 'publish', 'reopen']);

const isFormState = (v: unknown): v is FormState => typeof v === 'string' && (FORM_STATES as readonly string[]).includes(v);

function checkPolicy(value: unknown): Policy {
  if (value === undefined) return defaultPolicy;
  // Only a shallow check: the rules trust a policy's contents (see validatePolicy).
  const p = checkObject('policy', value);
  if (typeof p.calendar !== 'object' || typeof p.score !== 'object' || typeof p.quota !== 'object') {
    throw invalid('policy', 'must be a Policy');
  }
  return value as Policy;
}

function stepsOf(policy: Policy, month?: number): StepDays {
  return month === 12 ? policy.calendar.december : policy.calendar.regular;
}

/**
 * Whether the policy's process has a separate comment step (Hanoi 2022 has none). Judged from the
 * month's calendar when `month` is given, else from the regular months.
 */
export function hasCommentStep(policy: Policy = defaultPolicy, month?: number): boolean {
  if (month !== undefined && (typeof month !== 'number' || !Number.isInteger(month) || month < 1 || month > 12)) {
    throw invalid('month', 'must be a whole number from 1 to 12', month);
  }
  return stepsOf(policy, month).comment !== null;
}

export interface NextStateOptions {
  policy?: Policy;
  /** The form has a commenter configured (DOMAIN §3: some posts have none). */
  hasCommenter: boolean;
  /** Target of a `reopen`: an earlier state (PUBLISHED reopens only to DECIDED). */
  reopenTo?: FormState;
  /** The evaluated month, when a policy's December calendar differs in having a comment step. */
  month?: number;
}

/**
 * The state `action` leads to from `state`. The comment step exists only when the policy has one
 * and the form has a commenter; without it a self-submitted form goes straight to the decider, and
 * with it the decider must wait for the comment. Throws RangeError('action …') when not allowed.
 */
export function nextState(state: FormState, action: FormAction, options: NextStateOptions): FormState {
  if (!isFormState(state)) throw invalid('state', `must be one of ${FORM_STATES.join(', ')}`, state);
  if (typeof action !== 'string' || !(FORM_ACTIONS as readonly string[]).includes(action)) {
    throw invalid('action', `must be one of ${FORM_ACTIONS.join(', ')}`, action);
  }
  const opts = checkObject('options', options);
  if (typeof opts.hasCommenter !== 'boolean') throw invalid('hasCommenter', 'must be a boolean', opts.hasCommenter);
  const policy = checkPolicy(opts.policy);
  const commentStep = hasCommentStep(policy, options.month) && options.hasCommenter;
  const noComment = hasCommentStep(policy, options.month)
    ? 'the form has no commenter'
    : `policy ${policy.id} has no comment step`;
  const reopenTo = options.reopenTo;
  // A target on another action is a caller bug (it would be silently ignored otherwise).
  if (action !== 'reopen' && reopenTo !== undefined) throw invalid('reopenTo', 'is only for the reopen action', reopenTo);

  switch (action) {
    case 'submit':
      if (state === 'DRAFT') return 'SELF_SUBMITTED';
      break;
    case 'comment':
      if (state === 'SELF_SUBMITTED' && commentStep) return 'COMMENTED';
      if (state === 'SELF_SUBMITTED') throw invalid('action', `comment is not allowed: ${noComment}`);
      break;
    case 'decide':
      if (state === 'COMMENTED' || (state === 'SELF_SUBMITTED' && !commentStep)) return 'DECIDED';
      if (state === 'SELF_SUBMITTED') throw invalid('action', 'decide is not allowed before the commenter has commented');
      break;
    case 'publish':
      if (state === 'DECIDED') return 'PUBLISHED';
      break;
    case 'reopen': {
      if (reopenTo === undefined) throw invalid('reopenTo', 'is required to reopen a form');
      if (!isFormState(reopenTo)) throw invalid('reopenTo', `must be one of ${FORM_STATES.join(', ')}`, reopenTo);
      const to = FORM_STATES.indexOf(reopenTo);
      if (to >= FORM_STATES.indexOf(state)) {
        throw invalid('action', `reopen from ${state} must go back to an earlier state, not ${reopenTo}`);
      }
      // A published result stands until changed: only its decision can be reopened (appeals, §9).
      if (state === 'PUBLISHED' && reopenTo !== 'DECIDED') {
        throw invalid('action', `reopen from PUBLISHED goes back only to DECIDED, not ${reopenTo}`);
      }
      if (reopenTo === 'COMMENTED' && !commentStep) throw invalid('action', `reopen to COMMENTED is not allowed: ${noComment}`);
      return reopenTo;
    }
  }
  throw invalid('action', `${action} is not allowed from ${state}`);
}

const STEP_OF = Object.freeze({
  submit: 'selfAssessment',
  comment: 'comment',
  decide: 'decision',
  publish: 'publication',
} as const);

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO-8601 instant as epoch ms. The offset is required: without one `Date.parse` would read the
 * machine's local time zone, and a deadline must not depend on where the server runs.
 */
export function instantMs(field: string, value: unknown): number {
  const m = typeof value === 'string' ? ISO.exec(value) : null;
  if (!m) throw invalid(field, 'must be an ISO-8601 instant with an offset, e.g. 2026-05-24T17:00:00Z', value);
  const [, y, mo, d, h, mi, s = '0', frac = '', zone] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  const local = Date.UTC(year, month - 1, day, hour, minute, second, Number(frac.padEnd(3, '0')));
  const back = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 30 February over into March; a mistyped date must be refused, not moved.
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw invalid(field, 'is not a valid date and time', value);
  }
  if (zone === 'Z') return local;
  const sign = zone[0] === '-' ? -1 : 1;
  const offH = Number(zone.slice(1, 3));
  const offM = Number(zone.slice(4, 6));
  if (offH > 23 || offM > 59) throw invalid(field, 'has an invalid offset', value);
  return local - sign * (offH * 60 + offM) * 60_000;
}

export interface StepDeadline {
  step: FormStep;
  /** The first late instant (UTC), as `monthDeadlines` gives it. */
  deadline: string;
  late: boolean;
}

/**
 * The step `action` belongs to and whether it is late at `now`. A reopening by the responsible
 * authority (`reopenedUntil`, exclusive) lifts the deadline for that person until then.
 */
export function stepDeadline(
  year: number,
  month: number,
  action: 'submit' | 'comment' | 'decide' | 'publish',
  now: string,
  options?: { policy?: Policy; reopenedUntil?: string | null },
): StepDeadline {
  if (typeof action !== 'string' || !Object.hasOwn(STEP_OF, action)) {
    throw invalid('action', `must be one of ${Object.keys(STEP_OF).join(', ')}`, action);
  }
  const nowMs = instantMs('now', now);
  let policy = defaultPolicy;
  let untilMs: number | null = null;
  if (options !== undefined) {
    checkObject('options', options);
    policy = checkPolicy(options.policy);
    if (options.reopenedUntil !== undefined && options.reopenedUntil !== null) {
      untilMs = instantMs('reopenedUntil', options.reopenedUntil);
    }
  }
  const step = STEP_OF[action];
  const deadline = monthDeadlines(year, month, policy)[step];
  if (deadline === null) throw invalid('action', `comment is not a step under policy ${policy.id} (no comment step that month)`);
  const reopened = untilMs !== null && untilMs > nowMs;
  return { step, deadline, late: nowMs >= instantMs('deadline', deadline) && !reopened };
}

export interface FormScoreInput {
  framework: CriteriaFramework;
  /** One score per criterion code of the framework. */
  scores: Record<string, number>;
  /** Group III, per criterion (never above the criterion's maximum). */
  deductions?: Record<string, number>;
  /** The KPI (0–1) from planning, exact or as `taskResult` returns it; null while pending. */
  kpi: number | Fraction | null;
  /** The grade the person states for themselves. */
  statedGrade?: Grade | null;
  /** Allowed score step (default 0.25, as `generalScore`). */
  step?: number;
}

export interface FormScore {
  /** General criteria after deductions (0–30). */
  general: number;
  /** KPI × 70 rounded like a score; null while the KPI is pending. */
  taskPoints: number | null;
  score: number | null;
  band: Grade | null;
  anyCriterionZero: boolean;
  statedGrade: Grade | null;
  /** A stated grade is given and differs from the band (false while the band is pending). */
  statedDiffersFromBand: boolean;
}

/**
 * The numbers of one form. A pending KPI leaves score, band and task points null: a form is never
 * shown with a guessed score. Task points are rounded on their own; since the general score is a
 * whole number of hundredths, general + taskPoints equals the score exactly.
 */
export function formScore(input: FormScoreInput, policy: Policy = defaultPolicy): FormScore {
  checkObject('input', input);
  checkObject('framework', input.framework);
  const stated = input.statedGrade ?? null;
  if (stated !== null && !isGrade(stated)) throw invalid('statedGrade', 'must be A, B, C, D or null', stated);
  if (input.kpi === undefined) throw invalid('kpi', 'is required: a number from 0 to 1, or null while pending');
  const g = generalScore(
    input.framework,
    { scores: input.scores, deductions: input.deductions },
    input.step === undefined ? undefined : { step: input.step },
  );
  const base = { general: g.total, anyCriterionZero: g.anyCriterionZero, statedGrade: stated };
  if (input.kpi === null) return { ...base, taskPoints: null, score: null, band: null, statedDiffersFromBand: false };
  const taskPoints = monthlyScore(0, input.kpi, policy);
  const score = monthlyScore(g.total, input.kpi, policy);
  const band = gradeOf(score, policy, { anyCriterionZero: g.anyCriterionZero });
  return { ...base, taskPoints, score, band, statedDiffersFromBand: stated !== null && stated !== band };
}

export interface GroupMember {
  id: string;
  /** The decider's final score. */
  score: number;
  anyCriterionZero?: boolean;
  /** A grade the decider asks for instead of the quota's: lower freely, A only within the cap. */
  requestedGrade?: Grade;
}

export interface GroupDecisionOptions {
  policy?: Policy;
  /** Raise to the policy's raised percentage (25 %) for an outstanding unit; the reason is recorded. */
  raised?: { reason: string } | null;
  /** Ids picked among the ones tied at the quota boundary (see `applyQuota`). */
  chosen?: string[];
}

export interface GroupDecision {
  grades: Record<string, Grade>;
  cap: number;
  /** Tied ids still awaiting the decider's choice (graded B meanwhile). */
  needsChoice: string[];
  /** Why, in English, for everyone graded below the band of their score. */
  explanations: Record<string, string>;
  /** More A grades than the cap: the decision must be refused (QUOTA_EXCEEDED). */
  exceeded: boolean;
  /** What to tell the decider when `exceeded`; null otherwise. */
  exceededExplanation: string | null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The cap in words: "cap n of m" and where m comes from, for the explanations. */
function capBasis(n: number, bandA: number, bandB: number, cap: number, policy: Policy, raised: boolean): string {
  const { quota } = policy;
  if (quota.smallGroup && n < quota.smallGroup.fewerThan) {
    return `the quota allows ${plural(cap, 'A grade', 'A grades')} in this group of ${n} (a group of fewer than ${quota.smallGroup.fewerThan} people may grade ${cap} A)`;
  }
  const base = quota.base === 'reachesB' ? bandA + bandB : bandB;
  const who = quota.base === 'reachesB' ? 'whose score reaches the B band' : 'in the B band';
  const rounding = { floor: 'rounded down', halfUp: 'rounded half up', ceil: 'rounded up' }[quota.rounding];
  const percent = raised ? `${quota.raisedPercent} % (raised for an outstanding unit)` : `${quota.percent} %`;
  return `the quota cap is ${cap} of ${base} (${percent} of the ${plural(base, 'person', 'people')} ${who}, ${rounding})`;
}

/**
 * A decider's decision for one group (unit or duty group). The quota is `applyQuota`'s; the
 * decider may lower anyone, and may give A only to people in the A band. Asking for a grade above
 * someone's band throws RangeError('grades …'); asking for more A grades than the cap returns
 * `exceeded: true` with the requested grades, for the caller to refuse with QUOTA_EXCEEDED.
 */
export function decideGroup(members: GroupMember[], options?: GroupDecisionOptions): GroupDecision {
  checkArray('members', members);
  let policy = defaultPolicy;
  let raised = false;
  let chosen: string[] | undefined;
  if (options !== undefined) {
    checkObject('options', options);
    policy = checkPolicy(options.policy);
    if (options.raised !== undefined && options.raised !== null) {
      const r = checkObject('raised', options.raised);
      // The raise is a recorded decision (DOMAIN §6): no reason, no raise.
      if (typeof r.reason !== 'string' || r.reason.trim() === '') {
        throw invalid('raised.reason', 'must be a non-empty reason for raising the quota', r.reason);
      }
      raised = true;
    }
    chosen = options.chosen;
  }

  const n = members.length;
  const bands: Grade[] = new Array<Grade>(n);
  const scoreBands: Grade[] = new Array<Grade>(n);
  const requestedIds = new Set<string>();
  const seen = new Set<string>();
  let bandA = 0;
  let bandB = 0;
  for (let i = 0; i < n; i++) {
    const m = checkObject(`members[${i}]`, members[i]);
    const id = checkId(`members[${i}].id`, m.id);
    if (seen.has(id)) throw invalid(`members[${i}].id`, 'must be unique in the group', id);
    seen.add(id);
    const score = checkScore(`members[${i}].score`, m.score);
    if (m.anyCriterionZero !== undefined && typeof m.anyCriterionZero !== 'boolean') {
      throw invalid(`members[${i}].anyCriterionZero`, 'must be a boolean', m.anyCriterionZero);
    }
    const band = gradeOf(score, policy, { anyCriterionZero: m.anyCriterionZero as boolean | undefined });
    bands[i] = band;
    scoreBands[i] = m.anyCriterionZero ? gradeOf(score, policy) : band;
    if (band === 'A') bandA++;
    else if (band === 'B') bandB++;
    const requested = m.requestedGrade;
    if (requested !== undefined) {
      if (!isGrade(requested)) throw invalid(`members[${i}].requestedGrade`, 'must be A, B, C or D', requested);
      requestedIds.add(id);
      if (betterThan(requested, band)) {
        throw invalid(
          'grades',
          `cannot grade ${id} ${requested}: the score ${score} is in band ${band}, and no one may be graded above their band`,
        );
      }
    }
  }

  const quota = applyQuota(
    members.map(({ id, score, anyCriterionZero }) => ({ id, score, anyCriterionZero })),
    policy,
    { raised, chosen },
  );

  const grades = newIdMap<Grade>();
  let countA = 0;
  for (const m of members) {
    const grade = m.requestedGrade ?? quota.grades[m.id];
    grades[m.id] = grade;
    if (grade === 'A') countA++;
  }
  const cap = quota.cap;
  const exceeded = countA > cap;
  // Once the decider's own A grades fill the cap, no tie is left to choose among.
  const needsChoice = countA >= cap ? [] : quota.needsChoice.filter((id) => !requestedIds.has(id));
  const tied = new Set(needsChoice);
  const basis = capBasis(n, bandA, bandB, cap, policy, raised);

  const explanations = newIdMap<string>();
  for (let i = 0; i < n; i++) {
    const { id, score, requestedGrade } = members[i];
    const grade = grades[id];
    const band = bands[i];
    const scoreBand = scoreBands[i];
    const quotaGrade = quota.grades[id];
    if (tied.has(id)) {
      const others = quota.needsChoice.filter((other) => other !== id);
      explanations[id] =
        `Score ${score} is in the A band but tied at the quota boundary with ${others.join(', ')}: ` +
        `${plural(cap - countA, 'A place is', 'A places are')} left and ${basis}. ` +
        'Graded B until the decider chooses (the system never picks among equal scores).';
    } else if (requestedGrade !== undefined && requestedGrade !== quotaGrade) {
      explanations[id] = `Score ${score} is in band ${band}${quotaGrade !== band ? ` (${quotaGrade} under the quota)` : ''}; lowered to ${grade} by the decider.`;
    } else if (band === 'A' && grade === 'B') {
      explanations[id] = `Score ${score} is in the A band, but ${basis}, and the A grades went to higher or chosen scores: graded B.`;
    } else if (betterThan(scoreBand, band)) {
      explanations[id] = `Score ${score} is in band ${scoreBand}, but a criterion scored 0 limits the grade to ${band} under policy ${policy.id}.`;
    }
  }

  const exceededExplanation = exceeded
    ? `${plural(countA, 'A grade is', 'A grades are')} requested but ${basis}; grade ${plural(countA - cap, 'person', 'people')} fewer A` +
      (!raised && policy.quota.raisedPercent > policy.quota.percent ? ', or raise the quota with a recorded reason.' : '.')
    : null;

  return { grades: sealIdMap(grades), cap, needsChoice, explanations: sealIdMap(explanations), exceeded, exceededExplanation };
}
