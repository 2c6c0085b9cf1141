/**
 * 360° review (document 004, DOMAIN §8): the final score is the mean of the self score and the
 * 360° score; when they diverge by more than the policy threshold the superior may order a
 * re-score. Whether a jurisdiction runs 360° rounds at all is `policy.review360.enabled`, a workflow
 * switch; the arithmetic here is the same either way.
 */
import { checkScore, invalid } from './errors';
import { Fraction, compareFractions, decimalFraction, fromUnits, scaleHalfUpBig } from './exact';
import { Grade, Policy, defaultPolicy, isGrade } from './policy';
import { gradeOf } from './score';

export interface Combined360 {
  score: number;
  /** |self − 360°| is more than `policy.review360.divergenceThreshold`. */
  rescoreSuggested: boolean;
}

export function combine360(selfScore: number, score360: number, policy: Policy = defaultPolicy): Combined360 {
  checkScore('selfScore', selfScore);
  checkScore('score360', score360);
  const s = decimalFraction(selfScore);
  const t = decimalFraction(score360);
  const mean: Fraction = { num: s.num * t.den + t.num * s.den, den: 2n * s.den * t.den };
  const { decimals } = policy.score;
  const score = fromUnits(Number(scaleHalfUpBig(mean, decimals)), decimals);
  const diffNum = s.num * t.den - t.num * s.den;
  const diff: Fraction = { num: diffNum < 0n ? -diffNum : diffNum, den: s.den * t.den };
  const rescoreSuggested = compareFractions(diff, decimalFraction(policy.review360.divergenceThreshold)) > 0;
  return { score, rescoreSuggested };
}

/**
 * The self-grade that counts: under document 004 the grade a person states prevails over the
 * grade of their self score; elsewhere the self score's band is the self-grade.
 */
export function selfGrade(selfScore: number, stated?: Grade, policy: Policy = defaultPolicy): Grade {
  if (stated !== undefined && !isGrade(stated)) throw invalid('stated', 'must be A, B, C or D', stated);
  const fromScore = gradeOf(selfScore, policy);
  return stated !== undefined && policy.review360.statedSelfGradePrevails ? stated : fromScore;
}
