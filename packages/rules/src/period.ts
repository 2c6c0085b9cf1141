/**
 * Quarterly / annual roll-up of monthly results (DOMAIN §9, a policy setting). Default: the mean of
 * the monthly scores, computed exactly and rounded per policy, mapped to the bands; a period that
 * contains a D month cannot be rated A (it drops to B).
 */
import { checkArray, checkObject, checkScore, invalid } from './errors';
import { decimalFraction, fromUnits, scaleHalfUpBig } from './exact';
import { Grade, Policy, defaultPolicy, isGrade } from './policy';
import { bandOfUnits } from './score';

export interface MonthResult {
  score: number;
  grade: Grade;
}

export function periodRating(months: MonthResult[], policy: Policy = defaultPolicy): { score: number; grade: Grade } {
  checkArray('months', months);
  if (months.length === 0) throw invalid('months', 'must contain at least one month');
  let num = 0n;
  let den = 1n;
  let anyD = false;
  months.forEach((m, i) => {
    checkObject(`months[${i}]`, m);
    checkScore(`months[${i}].score`, m.score);
    if (!isGrade(m.grade)) throw invalid(`months[${i}].grade`, 'must be A, B, C or D', m.grade);
    if (m.grade === 'D') anyD = true;
    const f = decimalFraction(m.score);
    // Σ over a common denominator; the denominators are powers of ten, so take the larger one.
    if (f.den > den) {
      num *= f.den / den;
      den = f.den;
    }
    num += f.num * (den / f.den);
  });
  const { decimals } = policy.score;
  const units = Number(scaleHalfUpBig({ num, den: den * BigInt(months.length) }, decimals));
  let grade = bandOfUnits(units, policy);
  if (grade === 'A' && anyD && policy.period.noAWithDMonth) grade = 'B';
  return { score: fromUnits(units, decimals), grade };
}
