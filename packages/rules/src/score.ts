/**
 * Monthly score and grade bands.
 *
 *   score = general criteria (after deductions) + KPI × 70, rounded half up to 2 decimals,
 *   and the band is read from the rounded score (document 003 part III.5, DOMAIN §5–6).
 *
 * Scores are handled as integer counts of 10^-decimals ("units", hundredths by default) so that
 * the band comparison is an integer comparison.
 */
import { checkNumber, checkScore, invalid } from './errors';
import {
  Fraction,
  POW10,
  decimalFraction,
  divHalfUp,
  fromUnits,
  readDecimal,
  recoverFast,
  recoverFraction,
  scaleHalfUpBig,
  toUnits,
  toUnitsCeil,
} from './exact';
import { GRADES, Grade, Policy, defaultPolicy } from './policy';

const SAFE = Number.MAX_SAFE_INTEGER;

export interface GradeOptions {
  /** Some criterion was scored 0 (Quảng Trị: bars B or better). Ignored by policies without that rule. */
  anyCriterionZero?: boolean;
}

function checkKpi(kpi: number | Fraction): void {
  if (typeof kpi === 'number') {
    checkNumber('kpi', kpi, 0, 1);
    return;
  }
  if (
    typeof kpi !== 'object' ||
    kpi === null ||
    typeof kpi.num !== 'bigint' ||
    typeof kpi.den !== 'bigint' ||
    kpi.den <= 0n ||
    kpi.num < 0n ||
    kpi.num > kpi.den
  ) {
    throw invalid('kpi', 'must be a number or fraction from 0 to 1', kpi);
  }
}

/**
 * The monthly score: `general` (0..generalMax, after deductions) + `kpi` × taskResultsMax, rounded
 * per policy. `kpi` may be the number from `taskResult` (read back exactly) or an exact fraction
 * from `taskResultExact`.
 */
export function monthlyScore(general: number, kpi: number | Fraction, policy: Policy = defaultPolicy): number {
  const { decimals, generalMax, taskResultsMax } = policy.score;
  checkNumber('general', general, 0, generalMax);
  checkKpi(kpi);
  // Fast path: small general in units, KPI a fraction with a small denominator.
  const g = readDecimal(general);
  if (g && g.scale <= decimals && typeof kpi === 'number' && Number.isInteger(taskResultsMax)) {
    const k = recoverFast(kpi);
    if (k) {
      const p = POW10[decimals] * taskResultsMax * k.num;
      if (p <= SAFE) return fromUnits(g.num * POW10[decimals - g.scale] + divHalfUp(p, k.den), decimals);
    }
  }
  // General path in bigint: G + T·K as one fraction, rounded once.
  const G = decimalFraction(general);
  const K = typeof kpi === 'number' ? recoverFraction(kpi) : kpi;
  const T = decimalFraction(taskResultsMax);
  const total: Fraction = { num: G.num * T.den * K.den + T.num * K.num * G.den, den: G.den * T.den * K.den };
  return fromUnits(Number(scaleHalfUpBig(total, decimals)), decimals);
}

/** A score rounded per policy (half up), read as the decimal it prints as: 89.995 → 90. */
export function roundScore(score: number, policy: Policy = defaultPolicy): number {
  checkScore('score', score);
  return fromUnits(toUnits(score, policy.score.decimals), policy.score.decimals);
}

/** A band threshold in units: the smallest rounded score that reaches it. */
export function thresholdUnits(bound: number, decimals: number): number {
  return Number.isInteger(bound) ? bound * POW10[decimals] : toUnitsCeil(bound, decimals);
}

/** The band of a score already expressed in units (no validation: internal hot path). */
export function bandOfUnits(units: number, policy: Policy): Grade {
  const { decimals } = policy.score;
  const { bands } = policy;
  if (units >= thresholdUnits(bands.A, decimals)) return 'A';
  if (units >= thresholdUnits(bands.B, decimals)) return 'B';
  if (units >= thresholdUnits(bands.C, decimals)) return 'C';
  return 'D';
}

/** Applies the zero-criterion rule: the grade is at most `policy.zeroCriterionMaxGrade`. */
export function capForZeroCriterion(grade: Grade, policy: Policy, anyCriterionZero: boolean | undefined): Grade {
  const max = policy.zeroCriterionMaxGrade;
  if (!anyCriterionZero || max === null) return grade;
  return GRADES.indexOf(grade) < GRADES.indexOf(max) ? max : grade;
}

/**
 * The grade of a score by the policy's bands, read from the rounded score (89.995 → 90.00 → A).
 * The quota is not applied here (see `applyQuota`).
 */
export function gradeOf(score: number, policy: Policy = defaultPolicy, options?: GradeOptions): Grade {
  checkScore('score', score);
  if (options !== undefined && options.anyCriterionZero !== undefined && typeof options.anyCriterionZero !== 'boolean') {
    throw invalid('options.anyCriterionZero', 'must be a boolean', options.anyCriterionZero);
  }
  const grade = bandOfUnits(toUnits(score, policy.score.decimals), policy);
  return capForZeroCriterion(grade, policy, options?.anyCriterionZero);
}

/**
 * A leader's unit-results factor d (document 003 III.3.3a): 100 % when every person they manage
 * (exempt people left out by the caller) has a score at the HTNV level or above — the C band — and
 * 50 % when someone's score is below it. Read from the rounded scores, like the bands.
 */
export function unitResultsFactor(managedScores: readonly number[], policy: Policy = defaultPolicy): number {
  const tC = thresholdUnits(policy.bands.C, policy.score.decimals);
  for (let i = 0; i < managedScores.length; i++) {
    const score = managedScores[i];
    if (typeof score !== 'number' || !(score >= 0 && score <= 100)) checkScore(`managedScores[${i}]`, score);
    if (toUnits(score, policy.score.decimals) < tC) return Math.min(...policy.kpi.leaderFactorValues);
  }
  return Math.max(...policy.kpi.leaderFactorValues);
}
