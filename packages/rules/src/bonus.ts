/**
 * Additional income (thu nhập tăng thêm) split by grade: "quantify contribution, never split
 * equally" (document 003 V.1). Each person's share is proportional to the coefficient of their
 * grade; amounts are whole đồng and add up to the pool exactly (largest remainder, ties broken by
 * id in ascending code-unit order, so the result does not depend on input order or locale).
 * The documents fix no coefficients: they are the caller's (a unit decision, a policy setting), but
 * they must rank the grades — A > B > C ≥ D (DOMAIN.md §9): equal coefficients for A and B would
 * split A and B equally, which the documents forbid.
 */
import { checkArray, checkId, checkNonNegative, checkObject, invalid } from './errors';
import { readDecimalBig } from './exact';
import { newIdMap, sealIdMap } from './ids';
import { GRADES, Grade, isGrade } from './policy';

/** The ranking the coefficients keep, pair by pair: `higher` above `lower` (strictly, or at least equal). */
export interface BonusRank {
  higher: Grade;
  lower: Grade;
  strict: boolean;
}

/** A > B > C ≥ D: adjacent pairs suffice, the order is transitive. */
export const BONUS_RANKING: readonly BonusRank[] = Object.freeze([
  Object.freeze({ higher: 'A', lower: 'B', strict: true }),
  Object.freeze({ higher: 'B', lower: 'C', strict: true }),
  Object.freeze({ higher: 'C', lower: 'D', strict: false }),
]);

/**
 * The first pair of coefficients out of rank (best grades first), or null when they rank the grades.
 * The offending field is the lower grade's: `coefficients.B` when B is not below A. Expects numbers
 * (`splitBonus` checks them first); callers use it to word their own message.
 */
export function bonusRankingViolation(coefficients: Record<Grade, number>): BonusRank | null {
  for (const rank of BONUS_RANKING) {
    const high = coefficients[rank.higher];
    const low = coefficients[rank.lower];
    if (rank.strict ? !(high > low) : !(high >= low)) return rank;
  }
  return null;
}

export function splitBonus(
  pool: number,
  people: { id: string; grade: Grade }[],
  coefficients: Record<Grade, number>,
): Record<string, number> {
  if (typeof pool !== 'number' || !Number.isSafeInteger(pool) || pool < 0) {
    throw invalid('pool', 'must be a whole number of đồng ≥ 0', pool);
  }
  checkArray('people', people);
  checkObject('coefficients', coefficients);
  // Coefficients are decimals (e.g. 1.2): bring them to one integer scale exactly.
  const read = GRADES.map((g) => readDecimalBig(checkNonNegative(`coefficients.${g}`, coefficients[g])));
  const outOfRank = bonusRankingViolation(coefficients);
  if (outOfRank) {
    const { higher, lower, strict } = outOfRank;
    throw invalid(
      `coefficients.${lower}`,
      `must be ${strict ? 'less than' : 'at most'} coefficients.${higher} (${coefficients[higher]}): the coefficients rank the grades A > B > C ≥ D`,
      coefficients[lower],
    );
  }
  const scale = read.reduce((max, r) => Math.max(max, r.scale), 0);
  const weightOf = new Map<Grade, bigint>(GRADES.map((g, i) => [g, read[i].num * 10n ** BigInt(scale - read[i].scale)]));

  const result = newIdMap<number>();
  const weights: bigint[] = people.map((p, i) => {
    checkObject(`people[${i}]`, p);
    const id = checkId(`people[${i}].id`, p.id);
    if (result[id] !== undefined) throw invalid(`people[${i}].id`, 'must be unique', id);
    result[id] = 0;
    if (!isGrade(p.grade)) throw invalid(`people[${i}].grade`, 'must be A, B, C or D', p.grade);
    return weightOf.get(p.grade) as bigint;
  });
  const total = weights.reduce((s, w) => s + w, 0n);
  if (total === 0n) {
    if (pool > 0 && people.length === 0) throw invalid('people', 'is empty, so a non-zero pool cannot be paid', pool);
    if (pool > 0) throw invalid('coefficients', 'give every listed person a weight of 0, so the pool cannot be paid');
    return sealIdMap(result);
  }

  const P = BigInt(pool);
  const shares = weights.map((w) => (P * w) / total);
  const remainders = weights.map((w, i) => P * w - shares[i] * total);
  let left = P - shares.reduce((s, x) => s + x, 0n);
  const order = people
    .map((_, i) => i)
    .sort((x, y) => {
      const rx = remainders[x];
      const ry = remainders[y];
      if (rx !== ry) return rx > ry ? -1 : 1;
      const a = people[x].id;
      const b = people[y].id;
      return a < b ? -1 : a > b ? 1 : 0;
    });
  // left < number of people with a non-zero remainder, so only those receive the extra đồng.
  for (const i of order) {
    if (left === 0n) break;
    shares[i] += 1n;
    left -= 1n;
  }
  people.forEach((p, i) => (result[p.id] = Number(shares[i])));
  return sealIdMap(result);
}
