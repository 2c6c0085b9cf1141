/**
 * 360° review (document 004, DOMAIN §8): the final score is the mean of the self score and the
 * 360° score; when they diverge by more than the policy threshold the superior may order a
 * re-score. Whether a jurisdiction runs 360° rounds at all is `policy.review360.enabled`, a workflow
 * switch; the arithmetic here is the same either way.
 */
import { checkArray, checkObject, checkScore, invalid } from './errors';
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
 * The result of the self-assessment (DOMAIN §8, document 004 art. 6.1): what form 01A prints in
 * column 4 and what the decider sees as the self-grade. Under a policy whose stated self-grade
 * prevails (`review360.statedSelfGradePrevails`, Quảng Trị 2019) it is the grade the person stated,
 * where they stated one; otherwise — and always under the Hanoi policies — it is `band`, the band
 * of the self score (as `formScore` gives it, the zero-criterion rule included). Null only while
 * that band is pending (no KPI yet) and no stated grade prevails. The final grade still follows
 * the score (§6): this is never the decision's grade.
 */
export function selfAssessmentGrade(band: Grade, statedGrade: Grade | null | undefined, policy?: Policy): Grade;
export function selfAssessmentGrade(band: Grade | null, statedGrade: Grade | null | undefined, policy?: Policy): Grade | null;
export function selfAssessmentGrade(band: Grade | null, statedGrade: Grade | null | undefined, policy: Policy = defaultPolicy): Grade | null {
  if (band !== null && !isGrade(band)) throw invalid('band', 'must be A, B, C, D or null', band);
  if (statedGrade != null && !isGrade(statedGrade)) throw invalid('statedGrade', 'must be A, B, C, D or null', statedGrade);
  const review = checkObject('policy.review360', checkObject('policy', policy).review360);
  if (typeof review.statedSelfGradePrevails !== 'boolean') throw invalid('policy.review360.statedSelfGradePrevails', 'must be a boolean', review.statedSelfGradePrevails);
  return statedGrade != null && review.statedSelfGradePrevails ? statedGrade : band;
}

/**
 * The self-grade that counts, from the self score: `selfAssessmentGrade` of the score's band
 * (without the zero-criterion rule; use `selfAssessmentGrade` with `formScore`'s band for that).
 */
export function selfGrade(selfScore: number, stated?: Grade, policy: Policy = defaultPolicy): Grade {
  if (stated !== undefined && !isGrade(stated)) throw invalid('stated', 'must be A, B, C or D', stated);
  return selfAssessmentGrade(gradeOf(selfScore, policy), stated, policy);
}

/** The three user groups of document 004 art. 3. */
export type ReviewGroup = 'LEADERSHIP' | 'DIRECT_LEADERS' | 'STAFF';

/**
 * The group of a member of a round opened for a unit: the unit's own head and deputies are its
 * leadership (group 1), the heads and deputies of its sub-units are direct leaders (group 2),
 * everyone else is staff (group 3).
 */
export function reviewGroupOf(rank: 'HEAD' | 'DEPUTY' | 'STAFF', inRoundUnit: boolean): ReviewGroup {
  if (rank === 'STAFF') return 'STAFF';
  return inRoundUnit ? 'LEADERSHIP' : 'DIRECT_LEADERS';
}

export interface ReviewMember {
  id: string;
  group: ReviewGroup;
  /** The (sub-)unit the person works in: staff rate peers and leaders of their own part only. */
  unitId: string;
  /** The evaluation chain of the month: the direct superior(s) also rate the person. */
  commenterId: string | null;
  deciderId: string | null;
}

/** Why a rater rates a ratee; the strongest relation is kept when several apply. */
export type ReviewRelation = 'DIRECT_SUPERIOR' | 'HEAD' | 'SUBORDINATE' | 'PEER';

export interface ReviewPair {
  raterId: string;
  rateeId: string;
  relation: ReviewRelation;
}

/**
 * Who rates whom in a 360° round (document 004 art. 2.5 and 3, DOMAIN §8): peers in the same group
 * rate each other (staff within their own part of the unit, leaders across it); subordinates rate
 * superiors (staff their own part's leaders, direct leaders the leadership); each person's direct
 * superior (commenter and decider) and the head of the unit also rate. Nobody rates themself.
 * Superiors outside the round rate without being rated.
 */
export function review360Pairs(members: readonly ReviewMember[], headId: string | null): ReviewPair[] {
  checkArray('members', members);
  const ids = new Set<string>();
  for (const [index, m] of members.entries()) {
    if (ids.has(m.id)) throw invalid(`members[${index}].id`, 'appears twice', m.id);
    if (!['LEADERSHIP', 'DIRECT_LEADERS', 'STAFF'].includes(m.group)) throw invalid(`members[${index}].group`, 'must be LEADERSHIP, DIRECT_LEADERS or STAFF', m.group);
    ids.add(m.id);
  }
  const pairs: ReviewPair[] = [];
  const seen = new Map<string, number>();
  const strength: Record<ReviewRelation, number> = { DIRECT_SUPERIOR: 3, HEAD: 2, SUBORDINATE: 1, PEER: 0 };
  const add = (raterId: string, rateeId: string, relation: ReviewRelation) => {
    if (raterId === rateeId) return;
    const key = `${raterId}\u0000${rateeId}`;
    const at = seen.get(key);
    if (at === undefined) {
      seen.set(key, pairs.length);
      pairs.push({ raterId, rateeId, relation });
    } else if (strength[relation] > strength[pairs[at]!.relation]) {
      pairs[at] = { raterId, rateeId, relation };
    }
  };
  for (const ratee of members) {
    for (const rater of members) {
      if (rater.group === ratee.group && (rater.group !== 'STAFF' || rater.unitId === ratee.unitId)) add(rater.id, ratee.id, 'PEER');
      const staffRatesOwnLeader = rater.group === 'STAFF' && ratee.group !== 'STAFF' && rater.unitId === ratee.unitId;
      const directLeaderRatesLeadership = rater.group === 'DIRECT_LEADERS' && ratee.group === 'LEADERSHIP';
      if (staffRatesOwnLeader || directLeaderRatesLeadership) add(rater.id, ratee.id, 'SUBORDINATE');
    }
    if (headId) add(headId, ratee.id, 'HEAD');
    for (const superior of [ratee.commenterId, ratee.deciderId]) if (superior) add(superior, ratee.id, 'DIRECT_SUPERIOR');
  }
  return pairs;
}

/**
 * The 360° score of a person: the mean of the scores their raters gave (each a full re-score on
 * 0–100), rounded half up to the policy's decimals; null when nobody rated.
 */
export function score360(scores: readonly number[], policy: Policy = defaultPolicy): number | null {
  checkArray('scores', scores);
  if (scores.length === 0) return null;
  let num = 0n;
  let den = 1n;
  for (const [index, value] of scores.entries()) {
    checkScore(`scores[${index}]`, value);
    const f = decimalFraction(value);
    num = num * f.den + f.num * den;
    den = den * f.den;
  }
  const { decimals } = policy.score;
  return fromUnits(Number(scaleHalfUpBig({ num, den: den * BigInt(scores.length) }, decimals)), decimals);
}
