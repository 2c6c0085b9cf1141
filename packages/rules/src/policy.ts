/**
 * Policies: every number the documents leave to a jurisdiction lives here as data, never as a
 * constant in the rules. A preset reproduces one source document; a caller may build its own
 * `Policy` (e.g. a later regulation) and pass it to every function.
 *
 * Sources (see /work/shared/seeds): document 003 = Hà Đông ward 2026 plan under 11-QĐ/TU (Hanoi
 * 2026), document 001 = Long Biên 2022 roll-out under 1841-QĐ/TU (Hanoi 2022), document 004 =
 * Quảng Trị 2019 software regulation.
 */

export type Grade = 'A' | 'B' | 'C' | 'D';

/** Best first; the order in which grades are compared ("at most C" etc.). */
export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D'];

/** The official Vietnamese names of the grades (forms 1A/2A use them as column headers). */
export const gradeLabels: Readonly<Record<Grade, string>> = Object.freeze({
  A: 'Hoàn thành xuất sắc nhiệm vụ',
  B: 'Hoàn thành tốt nhiệm vụ',
  C: 'Hoàn thành nhiệm vụ',
  D: 'Không hoàn thành nhiệm vụ',
});

export type PolicyId = 'hanoi2026' | 'hanoi2022' | 'quangTri2019';

/** Lower bounds (inclusive) of grades A, B and C on the 0–100 scale; below C is D. */
export interface GradeBands {
  readonly A: number;
  readonly B: number;
  readonly C: number;
}

export interface ScoreRule {
  /** Maximum of the general criteria (group I) after deductions; 30 on every form 01–04. */
  readonly generalMax: number;
  /** Points for task results (group II): KPI × this; 70. */
  readonly taskResultsMax: number;
  /** Scores are rounded to this many decimals before the band is read (2). */
  readonly decimals: number;
  /** Only half-up exists in the documents' practice; kept explicit so a policy states it. */
  readonly rounding: 'half-up';
}

export interface KpiRule {
  /** Each counted quality failure or delay removes this percentage of the item's weight (25). */
  readonly deductionPercent: number;
  /** Each ratio a, b, c is capped at this percentage (100). */
  readonly ratioCapPercent: number;
  /** Allowed values of the leader factors d, đ, e (100 % or 50 %). */
  readonly leaderFactorValues: readonly number[];
}

export interface QuotaRule {
  /** A grades may not exceed this percentage of the base (20). */
  readonly percent: number;
  /** …or this one when the decider raises it for an outstanding unit (25). */
  readonly raisedPercent: number;
  /**
   * What the percentage is of (N = the people whose score reaches the B band, A candidates
   * included; rounding is down in both): `GRADED_B`, the documents' words "A ≤ r × the people
   * graded B", cap ⌊N·r/(1+r)⌋ (default); `B_BAND`, the reading "B or better", cap ⌊r·N⌋.
   */
  readonly base: 'GRADED_B' | 'B_BAND';
  /** A group with fewer than `fewerThan` people (everyone evaluated) gets `cap` A grades. */
  readonly smallGroup: { readonly fewerThan: number; readonly cap: number } | null;
}

/** "Before day N" of the evaluated month (`monthOffset` 0) or of the next month (1). */
export interface DayRule {
  readonly beforeDay: number;
  readonly monthOffset: 0 | 1;
}

export interface StepDays {
  readonly selfAssessment: DayRule;
  /**
   * null when the process has no separate comment step (Hanoi 2022): no deadline or reminders of its
   * own; a form with a commenter (a 2022 delegation) is still commented on, until the decision's deadline.
   */
  readonly comment: DayRule | null;
  readonly decision: DayRule;
  readonly publication: DayRule;
}

export interface CalendarRule {
  /** Informational; the arithmetic uses `utcOffsetMinutes` (Vietnam has no DST). */
  readonly timeZone: string;
  readonly utcOffsetMinutes: number;
  /** January–November. */
  readonly regular: StepDays;
  /** December finishes inside December (before the 15th). */
  readonly december: StepDays;
}

export interface Review360Rule {
  /** Whether the jurisdiction runs a 360° round at all (workflow switch). */
  readonly enabled: boolean;
  /** A re-score may be ordered when |self − 360°| exceeds this many points (10). */
  readonly divergenceThreshold: number;
  /** Document 004: when the stated self-grade differs from the self score's grade, the stated one counts. */
  readonly statedSelfGradePrevails: boolean;
}

export interface PeriodRule {
  /** Quarter/year roll-up: the mean of the monthly scores mapped to the bands. */
  readonly method: 'meanScore';
  /** No A for a period that contains a D month. */
  readonly noAWithDMonth: boolean;
}

/** When the monthly cycle workflow reminds the people who have not yet done a step (DOMAIN §7). */
export interface ReminderRule {
  /** Whole days before each step's deadline on which a reminder goes out ([3, 1]; 1 = the last day). */
  readonly daysBefore: readonly number[];
  /** Local hour of day (0–23, the calendar's time zone) at which reminders go out (8). */
  readonly localHour: number;
}

/** Who hears of a missed step, and when (DOMAIN §7: the actor's superior, then the block admin). */
export interface EscalationRule {
  /**
   * Whole days after a step's deadline at which the block admin is told who still missed it; null
   * (the default) = one step later, at the next step's deadline.
   */
  readonly blockAdminAfterDays: number | null;
  /**
   * The last step (publication) has no next step: the block admin is told this many whole days
   * after its deadline when `blockAdminAfterDays` is null. Not in the documents (3).
   */
  readonly blockAdminAfterLastStepDays: number;
}

export interface Policy {
  readonly id: PolicyId;
  readonly name: string;
  /** The document the values come from. */
  readonly source: string;
  /** First month ('YYYY-MM') the policy applies to; null when the source is undated. */
  readonly effectiveFrom: string | null;
  readonly score: ScoreRule;
  readonly kpi: KpiRule;
  readonly bands: GradeBands;
  /** Quảng Trị: a criterion scored 0 bars B or better, i.e. the grade is at most this. */
  readonly zeroCriterionMaxGrade: Grade | null;
  /** null: no quota at all, grades follow the bands (Quảng Trị 2019). */
  readonly quota: QuotaRule | null;
  readonly calendar: CalendarRule;
  readonly review360: Review360Rule;
  readonly period: PeriodRule;
  /**
   * Evaluation chain: a unit with at least this many staff delegates commenting to the deputy in
   * charge (document 001); which table of who evaluates whom applies (evaluation-chain.ts).
   */
  readonly chain: { readonly delegateCommentMinStaff: number; readonly table: 'ward2026' | 'tree2022' };
  /** An issued account must change its password within this many days or it is locked. */
  readonly accounts: { readonly passwordChangeDays: number };
  readonly reminders: ReminderRule;
  readonly escalation: EscalationRule;
}

const day = (beforeDay: number, monthOffset: 0 | 1 = 0): DayRule => ({ beforeDay, monthOffset });

/** December: whole cycle before 15 December; sub-deadlines are the documented default. */
const DECEMBER_2026: StepDays = {
  selfAssessment: day(10),
  comment: day(11),
  decision: day(13),
  publication: day(15),
};

const CALENDAR_2026: CalendarRule = {
  timeZone: 'Asia/Ho_Chi_Minh',
  utcOffsetMinutes: 7 * 60,
  regular: { selfAssessment: day(25), comment: day(26), decision: day(28), publication: day(5, 1) },
  december: DECEMBER_2026,
};

const HANOI_SCORE: ScoreRule = { generalMax: 30, taskResultsMax: 70, decimals: 2, rounding: 'half-up' };
const KPI_2026: KpiRule = { deductionPercent: 25, ratioCapPercent: 100, leaderFactorValues: [1, 0.5] };
const HANOI_QUOTA: QuotaRule = {
  percent: 20,
  raisedPercent: 25,
  base: 'GRADED_B',
  smallGroup: { fewerThan: 5, cap: 1 },
};
const COMMON = {
  period: { method: 'meanScore', noAWithDMonth: true },
  chain: { delegateCommentMinStaff: 20, table: 'tree2022' },
  accounts: { passwordChangeDays: 5 },
  reminders: { daysBefore: [3, 1], localHour: 8 },
  escalation: { blockAdminAfterDays: null, blockAdminAfterLastStepDays: 3 },
} as const;

/** Recursively freezes a preset so that no caller can change the law for everybody else. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

const hanoi2026: Policy = {
  id: 'hanoi2026',
  name: 'Hà Nội 2026 (Quy định 11-QĐ/TU, OKR/KPI)',
  source: 'Document 003: Hà Đông ward plan 2026 under Regulation 11-QĐ/TU of 25/3/2026',
  effectiveFrom: '2026-04',
  score: HANOI_SCORE,
  kpi: KPI_2026,
  bands: { A: 90, B: 70, C: 50 },
  zeroCriterionMaxGrade: null,
  quota: HANOI_QUOTA,
  calendar: CALENDAR_2026,
  review360: { enabled: false, divergenceThreshold: 10, statedSelfGradePrevails: false },
  ...COMMON,
  // Document 003 has the deputy in charge comment on non-leader staff in every unit, whatever its size.
  chain: { delegateCommentMinStaff: 1, table: 'ward2026' },
};

/**
 * 2022: same bands, 20 % quota and under-5 rule (document 001); no separate comment step
 * (self before the 25th, decision before the 28th, publication before the 5th, December before the
 * 15th): the deputy a unit of 20 or more delegates the commenting to comments between the
 * self-assessment and the decision, with the decision's deadline (DOMAIN §3). The 2022 regulation
 * had no OKR/KPI method; the KPI and 25 % raise settings are carried over from 2026 so that the
 * functions stay total.
 */
const hanoi2022: Policy = {
  id: 'hanoi2022',
  name: 'Hà Nội 2022 (Quyết định 1841-QĐ/TU)',
  source: 'Document 001: Long Biên district letter 528-CV/QU of 20/01/2022 under Decision 1841-QĐ/TU',
  effectiveFrom: '2022-01',
  score: HANOI_SCORE,
  kpi: KPI_2026,
  bands: { A: 90, B: 70, C: 50 },
  zeroCriterionMaxGrade: null,
  quota: HANOI_QUOTA,
  calendar: {
    timeZone: 'Asia/Ho_Chi_Minh',
    utcOffsetMinutes: 7 * 60,
    regular: { selfAssessment: day(25), comment: null, decision: day(28), publication: day(5, 1) },
    december: { selfAssessment: day(10), comment: null, decision: day(13), publication: day(15) },
  },
  review360: { enabled: false, divergenceThreshold: 10, statedSelfGradePrevails: false },
  ...COMMON,
};

/**
 * Quảng Trị 2019 (document 004): bands 90 / 75 / 50, a criterion scored 0 bars B or better,
 * 360° review on (final = mean of self and 360°, stated self-grade prevails). Document 004 sets no
 * quota (grades follow the bands) and no monthly dates: the 2026 calendar is used so that the
 * functions stay total — review it before using this preset for anything binding.
 */
const quangTri2019: Policy = {
  id: 'quangTri2019',
  name: 'Quảng Trị 2019 (phần mềm hỗ trợ đánh giá, đánh giá 360°)',
  source: 'Document 004: Quảng Trị provincial People’s Committee regulation of 2019',
  effectiveFrom: null,
  score: HANOI_SCORE,
  kpi: KPI_2026,
  bands: { A: 90, B: 75, C: 50 },
  zeroCriterionMaxGrade: 'C',
  quota: null,
  calendar: CALENDAR_2026,
  review360: { enabled: true, divergenceThreshold: 10, statedSelfGradePrevails: true },
  ...COMMON,
};

/** The presets. Frozen: build a new object (spread a preset) to vary a setting. */
export const policies: Readonly<{ hanoi2026: Policy; hanoi2022: Policy; quangTri2019: Policy }> = deepFreeze({
  hanoi2026,
  hanoi2022,
  quangTri2019,
});

export const defaultPolicy: Policy = policies.hanoi2026;

/** Looks a preset up by id (for ids stored in the database). */
export function policyById(id: PolicyId): Policy {
  const policy = (policies as Record<string, Policy | undefined>)[id];
  if (!policy) throw new RangeError(`policy id must be one of ${Object.keys(policies).join(', ')} (got ${String(id)})`);
  return policy;
}

/** Grade `a` is better than grade `b`. */
export function betterThan(a: Grade, b: Grade): boolean {
  return GRADES.indexOf(a) < GRADES.indexOf(b);
}

export function isGrade(value: unknown): value is Grade {
  return value === 'A' || value === 'B' || value === 'C' || value === 'D';
}

/**
 * Checks a policy's internal consistency; returns the list of problems (empty when valid).
 * The rules trust their policy argument, so a hand-built policy should pass through this first.
 */
export function validatePolicy(policy: Policy): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  const { bands, score, kpi, quota, calendar, review360, accounts, reminders, escalation } = policy;
  need(Number.isInteger(score.decimals) && score.decimals >= 0 && score.decimals <= 10, 'score.decimals must be 0–10');
  need(score.generalMax >= 0 && score.taskResultsMax >= 0, 'score maxima must be ≥ 0');
  need(score.generalMax + score.taskResultsMax === 100, 'score.generalMax + score.taskResultsMax must be 100');
  need(Number.isInteger(score.taskResultsMax), 'score.taskResultsMax must be whole');
  need(0 < bands.C && bands.C < bands.B && bands.B < bands.A && bands.A <= 100, 'bands must satisfy 0 < C < B < A ≤ 100');
  need(Number.isInteger(kpi.deductionPercent) && kpi.deductionPercent >= 0 && kpi.deductionPercent <= 100, 'kpi.deductionPercent must be a whole percentage');
  need(Number.isInteger(kpi.ratioCapPercent) && kpi.ratioCapPercent > 0, 'kpi.ratioCapPercent must be a whole percentage > 0');
  need(kpi.leaderFactorValues.every((v) => Number.isInteger(v * 100) && v >= 0 && v <= 1), 'kpi.leaderFactorValues must be whole percentages of 1');
  if (quota !== null) {
    need(quota.percent >= 0 && quota.raisedPercent >= quota.percent, 'quota.raisedPercent must be ≥ quota.percent ≥ 0');
    need(quota.base === 'GRADED_B' || quota.base === 'B_BAND', 'quota.base must be GRADED_B or B_BAND');
    need(!quota.smallGroup || (Number.isInteger(quota.smallGroup.fewerThan) && Number.isInteger(quota.smallGroup.cap)), 'quota.smallGroup must be whole numbers');
  }
  need(Number.isInteger(calendar.utcOffsetMinutes), 'calendar.utcOffsetMinutes must be whole');
  for (const [name, steps] of [['regular', calendar.regular], ['december', calendar.december]] as const) {
    const order = [steps.selfAssessment, steps.comment, steps.decision, steps.publication].filter(
      (rule): rule is DayRule => rule !== null,
    );
    need(order.every((r) => Number.isInteger(r.beforeDay) && r.beforeDay >= 1 && r.beforeDay <= 31), `calendar.${name} days must be 1–31`);
    for (let i = 1; i < order.length; i++) {
      const before = order[i - 1].monthOffset * 100 + order[i - 1].beforeDay;
      const after = order[i].monthOffset * 100 + order[i].beforeDay;
      need(before < after, `calendar.${name} steps must be strictly ordered`);
    }
  }
  need(calendar.december.publication.monthOffset === 0, 'calendar.december must finish in December');
  need(review360.divergenceThreshold >= 0, 'review360.divergenceThreshold must be ≥ 0');
  const wholeDays = (v: unknown, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max;
  need(wholeDays(accounts?.passwordChangeDays, 366), 'accounts.passwordChangeDays must be a whole number of days from 1 to 366');
  const daysBefore: unknown = reminders?.daysBefore;
  need(
    Array.isArray(daysBefore) && daysBefore.every((d) => wholeDays(d, 31)) && new Set(daysBefore).size === daysBefore.length,
    'reminders.daysBefore must be distinct whole days from 1 to 31',
  );
  need(Number.isInteger(reminders?.localHour) && reminders.localHour >= 0 && reminders.localHour <= 23, 'reminders.localHour must be a whole hour from 0 to 23');
  need(escalation?.blockAdminAfterDays === null || wholeDays(escalation?.blockAdminAfterDays, 31), 'escalation.blockAdminAfterDays must be null or whole days from 1 to 31');
  need(wholeDays(escalation?.blockAdminAfterLastStepDays, 31), 'escalation.blockAdminAfterLastStepDays must be whole days from 1 to 31');
  return problems;
}
