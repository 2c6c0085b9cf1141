/**
 * The A-grade quota of one group (document 003 II.3.2, document 001 2.5; DOMAIN §6).
 *
 * Callers partition by unit and duty group; this function sees one group. The cap is
 * ⌊20 % × the people whose score reaches the B band⌋ (25 % when raised), or 1 in a group of fewer
 * than 5. Only A-band scores can get A. The system never picks among equal scores: when the people
 * at the cap boundary share a score with people just outside it, all of them are returned in
 * `needsChoice` and graded B until the decider names them in `chosen`.
 */
import { checkArray, checkId, checkObject, checkScore, invalid } from './errors';
import { divFloor, divHalfUp, readDecimalBig, toUnits } from './exact';
import { Grade, Policy, defaultPolicy } from './policy';
import { capForZeroCriterion, thresholdUnits } from './score';
import { newIdMap, sealIdMap } from './ids';

export interface QuotaPerson {
  id: string;
  score: number;
  /** Quảng Trị: some criterion was scored 0, so the grade is at most C (ignored elsewhere). */
  anyCriterionZero?: boolean;
}

export interface QuotaOptions {
  /** The decider raised the percentage for an outstanding unit (recorded decision). */
  raised?: boolean;
  /** Ids the decider picked among the tied ones in `needsChoice`. */
  chosen?: string[];
}

export interface QuotaResult {
  grades: Record<string, Grade>;
  /** Number of A grades allowed in this group. */
  cap: number;
  /** Tied ids at the cap boundary still awaiting the decider's choice (graded B meanwhile). */
  needsChoice: string[];
}

/** percent × base / 100 rounded per policy, exactly (the percentage may be a decimal). */
function percentOf(percent: number, base: number, rounding: Policy['quota']['rounding']): number {
  if (Number.isInteger(percent) && percent * base <= Number.MAX_SAFE_INTEGER) {
    const n = percent * base;
    if (rounding === 'floor') return divFloor(n, 100);
    if (rounding === 'halfUp') return divHalfUp(n, 100);
    return divFloor(n + 99, 100);
  }
  const { num, scale } = readDecimalBig(percent);
  const n = num * BigInt(base);
  const d = 100n * 10n ** BigInt(scale);
  if (rounding === 'floor') return Number(n / d);
  if (rounding === 'halfUp') return Number((2n * n + d) / (2n * d));
  return Number((n + d - 1n) / d);
}

/** The cap from the group size and the counts of people in the A and B bands. */
function capOf(groupSize: number, inBandA: number, inBandB: number, policy: Policy, raised: boolean): number {
  const { quota } = policy;
  if (quota.smallGroup && groupSize < quota.smallGroup.fewerThan) return quota.smallGroup.cap;
  const base = quota.base === 'reachesB' ? inBandA + inBandB : inBandB;
  return percentOf(raised ? quota.raisedPercent : quota.percent, base, quota.rounding);
}

/** The cap of a group, from its size and the band grades of its members. */
export function quotaCap(groupSize: number, bandGrades: readonly Grade[], policy: Policy = defaultPolicy, raised = false): number {
  let a = 0;
  let b = 0;
  for (const g of bandGrades) {
    if (g === 'A') a++;
    else if (g === 'B') b++;
  }
  return capOf(groupSize, a, b, policy, raised);
}

const NONE: readonly unknown[] = [];

export function applyQuota(
  people: QuotaPerson[],
  policy: Policy = defaultPolicy,
  options?: QuotaOptions,
): QuotaResult {
  checkArray('people', people);
  let raised = false;
  let chosen = NONE;
  if (options !== undefined) {
    checkObject('options', options);
    if (options.raised !== undefined) {
      if (typeof options.raised !== 'boolean') throw invalid('options.raised', 'must be a boolean', options.raised);
      raised = options.raised;
    }
    if (options.chosen !== undefined) chosen = checkArray('chosen', options.chosen);
  }

  const n = people.length;
  const { decimals } = policy.score;
  const tA = thresholdUnits(policy.bands.A, decimals);
  const tB = thresholdUnits(policy.bands.B, decimals);
  const tC = thresholdUnits(policy.bands.C, decimals);
  const units = new Float64Array(n);
  const grades = newIdMap<Grade>();
  const eligible: number[] = [];
  let inBandA = 0;
  let inBandB = 0;
  for (let i = 0; i < n; i++) {
    // Hot loop (bench: 250,000 people): field names are only built when something is wrong.
    const p = people[i];
    if (typeof p !== 'object' || p === null) throw invalid(`people[${i}]`, 'must be an object', p);
    const id = p.id;
    if (typeof id !== 'string' || id.length === 0) checkId(`people[${i}].id`, id);
    if (grades[id] !== undefined) throw invalid(`people[${i}].id`, 'must be unique in the group', id);
    const score = p.score;
    if (typeof score !== 'number' || !(score >= 0 && score <= 100)) checkScore(`people[${i}].score`, score);
    const zero = p.anyCriterionZero;
    if (zero !== undefined && typeof zero !== 'boolean') throw invalid(`people[${i}].anyCriterionZero`, 'must be a boolean', zero);
    // Ties and bands are judged on the rounded score, like every other grade decision.
    const u = toUnits(score, decimals);
    units[i] = u;
    let band: Grade = u >= tA ? 'A' : u >= tB ? 'B' : u >= tC ? 'C' : 'D';
    if (zero) band = capForZeroCriterion(band, policy, zero);
    if (band === 'A') {
      inBandA++;
      eligible.push(i);
      grades[id] = 'B'; // until the cap is known
    } else {
      if (band === 'B') inBandB++;
      grades[id] = band;
    }
  }

  const cap = capOf(n, inBandA, inBandB, policy, raised);
  let tied: number[] = [];
  let free = 0;
  if (eligible.length <= cap) {
    for (const i of eligible) grades[people[i].id] = 'A';
  } else if (cap > 0) {
    // Best first; equal scores keep input order, which never decides anything (ties go to the decider).
    eligible.sort((x, y) => units[y] - units[x] || x - y);
    const boundary = units[eligible[cap - 1]];
    if (units[eligible[cap]] < boundary) {
      for (let r = 0; r < cap; r++) grades[people[eligible[r]].id] = 'A';
    } else {
      let above = 0;
      for (const i of eligible) {
        if (units[i] > boundary) {
          grades[people[i].id] = 'A';
          above++;
        } else if (units[i] === boundary) tied.push(i);
      }
      tied.sort((x, y) => x - y);
      free = cap - above;
    }
  }

  // The decider's choice among the tied: only tied ids, each once, at most the free places.
  if (chosen.length > 0) {
    const picked: number[] = [];
    for (let k = 0; k < chosen.length; k++) {
      const id = chosen[k];
      const i = tied.find((t) => people[t].id === id);
      if (i === undefined) throw invalid(`chosen[${k}]`, 'must name a person tied at the quota boundary', id);
      if (picked.includes(i)) throw invalid(`chosen[${k}]`, 'names the same person twice', id);
      picked.push(i);
    }
    if (picked.length > free) {
      throw invalid('chosen', `names ${picked.length} people but only ${free} A place(s) are free at the boundary`);
    }
    for (const i of picked) grades[people[i].id] = 'A';
    tied = picked.length === free ? [] : tied.filter((i) => !picked.includes(i));
  }
  return { grades: sealIdMap(grades), cap, needsChoice: tied.map((i) => people[i].id) };
}
