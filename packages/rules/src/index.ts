/**
 * @cbccvc/rules — the pure rules engine: policies, KPI, monthly scores, grade bands, quotas,
 * the monthly calendar, 360° review, period roll-ups and the bonus split.
 *
 * Pure by design: no I/O, no clock, no dependencies. Every function takes an optional `policy`
 * (default `policies.hanoi2026`) and throws a RangeError naming the field on invalid input.
 */
export {
  GRADES,
  betterThan,
  defaultPolicy,
  gradeLabels,
  isGrade,
  policies,
  policyById,
  validatePolicy,
} from './policy';
export type {
  CalendarRule,
  DayRule,
  Grade,
  GradeBands,
  KpiRule,
  PeriodRule,
  Policy,
  PolicyId,
  QuotaRule,
  Review360Rule,
  ScoreRule,
  StepDays,
} from './policy';
export type { Fraction } from './exact';
export { taskResult, taskResultExact } from './kpi';
export type { LeaderFactors, TaskResult, TaskResultExact, WorkItem } from './kpi';
export { gradeOf, monthlyScore, roundScore, unitResultsFactor } from './score';
export type { GradeOptions } from './score';
export { applyQuota, capFromBase, poolCap, quotaCap } from './quota';
export type { PoolCap, PoolStanding, QuotaOptions, QuotaPerson, QuotaResult } from './quota';
export { monthDeadlines, monthStart } from './calendar';
export type { MonthDeadlines } from './calendar';
export { combine360, review360Pairs, reviewGroupOf, score360, selfAssessmentGrade, selfGrade } from './review360';
export type { Combined360, ReviewGroup, ReviewMember, ReviewPair, ReviewRelation } from './review360';
export { periodRating } from './period';
export type { MonthResult } from './period';
export { BONUS_RANKING, bonusRankingViolation, splitBonus } from './bonus';
export type { BonusRank } from './bonus';
export * from './evaluation-chain';
export * from './criteria';
export * from './evaluation';
export * from './cycle';
