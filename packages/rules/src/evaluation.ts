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
import { Fraction, fromUnits, toUnits } from './exact';
import { newIdMap, sealIdMap } from './ids';
import { Grade, Policy, StepDays, betterThan, defaultPolicy, isGrade } from './policy';
import { applyQuota, type PoolCap, type QuotaOptions } from './quota';
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

function checkMonth(month: unknown): void {
  if (month !== undefined && (typeof month !== 'number' || !Number.isInteger(month) || month < 1 || month > 12)) {
    throw invalid('month', 'must be a whole number from 1 to 12', month);
  }
}

/**
 * Whether the policy's calendar has a separate comment step, with a deadline and reminders of its
 * own (Hanoi 2022 has none). Judged from the month's calendar when `month` is given, else from the
 * regular months. A form with a commenter is commented on under every policy (`nextState`): without
 * such a step — the commenting deputy of a 2022 delegation (DOMAIN §3) — until the decision's
 * deadline (`stepDeadline`).
 */
export function hasCommentStep(policy: Policy = defaultPolicy, month?: number): boolean {
  checkMonth(month);
  return stepsOf(policy, month).comment !== null;
}

export interface NextStateOptions {
  policy?: Policy;
  /** The form has a commenter configured (DOMAIN §3: some posts have none). */
  hasCommenter: boolean;
  /** Target of a `reopen`: an earlier state (PUBLISHED reopens only to DECIDED). */
  reopenTo?: FormState;
  /**
   * The evaluated month (1–12), validated when given. The transitions do not depend on it: a
   * commenter comments in every month, with or without a comment step in the month's calendar.
   */
  month?: number;
}

/**
 * The state `action` leads to from `state`. The comment step exists whenever the form has a
 * commenter, under every policy: also where the calendar has no comment step of its own (Hanoi 2022,
 * whose delegated deputy comments between the self-assessment and the decision, DOMAIN §3). With a
 * commenter the decider must wait for the comment; without one a self-submitted form goes straight
 * to the decider. Throws RangeError('action …') when not allowed.
 */
export function nextState(state: FormState, action: FormAction, options: NextStateOptions): FormState {
  if (!isFormState(state)) throw invalid('state', `must be one of ${FORM_STATES.join(', ')}`, state);
  if (typeof action !== 'string' || !(FORM_ACTIONS as readonly string[]).includes(action)) {
    throw invalid('action', `must be one of ${FORM_ACTIONS.join(', ')}`, action);
  }
  const opts = checkObject('options', options);
  if (typeof opts.hasCommenter !== 'boolean') throw invalid('hasCommenter', 'must be a boolean', opts.hasCommenter);
  checkPolicy(opts.policy);
  checkMonth(opts.month);
  const commentStep = options.hasCommenter;
  const noComment = 'the form has no commenter';
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
  /** The first late instant (UTC), as `monthDeadlines` gives it (a comment without a step of its own: the decision's). */
  deadline: string;
  late: boolean;
}

/**
 * The step `action` belongs to and whether it is late at `now`. A reopening by the responsible
 * authority (`reopenedUntil`, exclusive) lifts the deadline for that person until then. A comment in
 * a month whose calendar has no comment step (Hanoi 2022) has no deadline of its own: it is the
 * decision's (DOMAIN §3), reported as step `comment`.
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
  const deadlines = monthDeadlines(year, month, policy);
  // Only the comment can lack a deadline of its own; it is then given until the decision is due.
  const deadline = deadlines[step] ?? deadlines.decision;
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
  /** The decider's final score: the grade follows it (DOMAIN §6). */
  score: number;
  anyCriterionZero?: boolean;
  /** A re-decision: the grade it replaces (see `applyQuota`). */
  prior?: Grade | null;
}

export interface GroupDecisionOptions {
  policy?: Policy;
  /** Raise to the policy's raised percentage (25 %) for an outstanding unit; the reason is recorded. */
  raised?: { reason: string } | null;
  /** Ids picked among the ones tied at the quota boundary (see `applyQuota`). */
  chosen?: string[];
  /** The duty group and its scope as they stand (members decided before); see `applyQuota`. */
  standing?: QuotaOptions['standing'];
  /** Names for the explanations, e.g. the duty group "Chuyên viên" and the scope "Phòng Nội vụ". */
  names?: { group: string; scope: string };
}

export interface GroupDecision {
  grades: Record<string, Grade>;
  /** The group's cap (null: the policy has no quota), its base and the A granted before. */
  group: PoolCap;
  scope: PoolCap;
  /** A grades this decision could give (null without a quota). */
  room: number | null;
  /** Tied ids still awaiting the decider's choice (graded B meanwhile). */
  needsChoice: string[];
  /** Why, in Vietnamese, for everyone graded below the band of their score. */
  explanations: Record<string, string>;
  /** More A grades than a cap allows: the decision must be refused (QUOTA_EXCEEDED). */
  exceeded: boolean;
  /** What to tell the decider when `exceeded`; null otherwise. */
  exceededExplanation: string | null;
}

/**
 * A score as Vietnamese write it: decimal comma, no trailing zeros (92,5; 97), rounded half up to 2
 * decimals exactly like the score the band is read from (89,995 → 90; never toFixed's binary 49,99).
 */
export const viNumber = (n: number): string => String(fromUnits(toUnits(n, 2), 2)).replace('.', ',');

/** How one pool's cap came about, in Vietnamese, for the explanations. */
function poolBasis(label: string, pool: PoolCap, policy: Policy): string {
  const quota = policy.quota!;
  if (pool.small) return `${label} dưới ${quota.smallGroup!.fewerThan} người (${pool.size} người) được tối đa ${pool.cap} người loại A`;
  const p = viNumber(pool.percent);
  const raised = pool.percent > quota.percent ? `, đã nâng lên ${p}% cho đơn vị có thành tích nổi trội` : '';
  const how =
    quota.base === 'GRADED_B'
      ? `số loại A không vượt quá ${p}% số người xếp loại B: ⌊${pool.base} × ${p}/(100 + ${p})⌋`
      : `${p}% số người đạt từ mức B trở lên: ⌊${p}% × ${pool.base}⌋`;
  return `${label} được tối đa ${pool.cap} người loại A (${pool.base} người đạt từ mức B trở lên; ${how} = ${pool.cap}${raised})`;
}

function quotaBasis(group: PoolCap, scope: PoolCap, policy: Policy, names: { group: string; scope: string }, sameScope: boolean): string {
  const parts = [poolBasis(`nhóm "${names.group}"`, group, policy)];
  if (!sameScope) parts.push(poolBasis(`cả phạm vi "${names.scope}"`, scope, policy));
  const granted = sameScope || scope.granted === group.granted
    ? `đã có ${group.granted} người được xếp loại A`
    : `đã có ${group.granted} người trong nhóm và ${scope.granted} người trong phạm vi được xếp loại A`;
  return `${parts.join('; ')}; ${granted}`;
}

/**
 * A decider's decision for a duty group, or some of its members (DOMAIN §6): the grade follows the
 * score — its band, lowered from A to B only by the quota — within the room the group and its scope
 * leave (`applyQuota`). Choosing more people than the free places, or a decision that would leave a
 * cap below the A already granted, returns `exceeded: true` for the caller to refuse with
 * QUOTA_EXCEEDED.
 */
export function decideGroup(members: GroupMember[], options?: GroupDecisionOptions): GroupDecision {
  checkArray('members', members);
  let policy = defaultPolicy;
  let raised = false;
  let chosen: string[] | undefined;
  let standing: QuotaOptions['standing'];
  let names = { group: 'nhóm', scope: 'phạm vi' };
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
    standing = options.standing;
    if (options.names) names = options.names;
  }
  if (raised && standing) standing = { ...standing, group: { ...standing.group, raised: true } };

  const n = members.length;
  const bands: Grade[] = new Array<Grade>(n);
  const scoreBands: Grade[] = new Array<Grade>(n);
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const m = checkObject(`members[${i}]`, members[i]);
    const id = checkId(`members[${i}].id`, m.id);
    if (seen.has(id)) throw invalid(`members[${i}].id`, 'must be unique in the group', id);
    seen.add(id);
    const score = checkScore(`members[${i}].score`, m.score);
    if (m.anyCriterionZero !== undefined && typeof m.anyCriterionZero !== 'boolean') {
      throw invalid(`members[${i}].anyCriterionZero`, 'must be a boolean', m.anyCriterionZero);
    }
    bands[i] = gradeOf(score, policy, { anyCriterionZero: m.anyCriterionZero as boolean | undefined });
    scoreBands[i] = m.anyCriterionZero ? gradeOf(score, policy) : bands[i];
  }

  const quota = applyQuota(
    members.map(({ id, score, anyCriterionZero, prior }) => ({ id, score, anyCriterionZero, prior })),
    policy,
    { raised, chosen, standing },
  );
  const sameScope = !standing?.scope;
  const basis = policy.quota === null ? '' : quotaBasis(quota.group, quota.scope, policy, names, sameScope);
  const tied = new Set(quota.needsChoice);
  // Where the A places went: to higher (or chosen) scores of this decision, to members decided before, or nowhere (cap 0).
  const whereA = Object.values(quota.grades).includes('A')
    ? 'chỉ tiêu loại A đã dành cho người có điểm cao hơn hoặc được chọn'
    : quota.group.granted + quota.scope.granted > 0
      ? 'chỉ tiêu loại A đã dành cho người được xếp loại A trước đó'
      : 'không có chỉ tiêu loại A nào';

  const explanations = newIdMap<string>();
  for (let i = 0; i < n; i++) {
    const { id, score } = members[i];
    const grade = quota.grades[id];
    const band = bands[i];
    const scoreBand = scoreBands[i];
    if (tied.has(id)) {
      const others = quota.needsChoice.filter((other) => other !== id).length;
      explanations[id] =
        `Điểm ${viNumber(score)} đạt mức A nhưng bằng điểm với ${others} người khác ở ranh giới chỉ tiêu: còn ${quota.free} chỉ tiêu loại A ` +
        `(${basis}). Xếp loại B cho đến khi người có thẩm quyền chọn (hệ thống không tự chọn giữa những người bằng điểm).`;
    } else if (band === 'A' && grade === 'B') {
      explanations[id] = `Điểm ${viNumber(score)} đạt mức A, nhưng ${basis}; ${whereA}: xếp loại B theo tỷ lệ.`;
    } else if (betterThan(scoreBand, band)) {
      explanations[id] = `Điểm ${viNumber(score)} đạt mức ${scoreBand}, nhưng có tiêu chí bị chấm 0 điểm nên theo quy định ${policy.id} chỉ được xếp tối đa loại ${band}.`;
    }
  }

  let exceededExplanation: string | null = null;
  if (quota.exceeded) {
    const total = Object.values(quota.grades).filter((g) => g === 'A').length;
    const over = total - (quota.room ?? 0);
    const raise = !raised && policy.quota !== null && policy.quota.raisedPercent > policy.quota.percent ? ', hoặc nâng tỷ lệ với lý do được ghi lại' : '';
    exceededExplanation = `Vượt chỉ tiêu loại A: ${basis}; quyết định này có ${total} người loại A nhưng chỉ còn ${quota.room ?? 0} chỉ tiêu. Hãy bớt ${over} người loại A${raise}.`;
  }
  return {
    grades: quota.grades,
    group: quota.group,
    scope: quota.scope,
    room: quota.room,
    needsChoice: quota.needsChoice,
    explanations: sealIdMap(explanations),
    exceeded: quota.exceeded,
    exceededExplanation,
  };
}
