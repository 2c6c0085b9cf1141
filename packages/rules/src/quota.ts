/**
 * The A-grade quota (document 003 II.3.2, document 001 2.5; DOMAIN §6).
 *
 * A quota **scope** (everyone a decider decides in a month) may be split into **duty groups**; both
 * limits hold: a decision stays within its group's cap and within its scope's cap. A decision may
 * cover some members only (a batch, or one person re-decided after a reopening or an appeal): the
 * caps always count every member already decided, passed in as the pool's `standing`.
 *
 * The cap of a pool, from the N people whose score reaches the B band (A candidates included):
 * - `GRADED_B` (default, the documents' words: A ≤ r × the people graded B): the largest A with
 *   A ≤ r·(N − A), i.e. ⌊N·r/(1 + r)⌋ — ⌊N/6⌋ at 20 %, ⌊N/5⌋ at 25 %;
 * - `B_BAND` (the reading "B or better"): ⌊r·N⌋.
 * A pool of fewer than 5 people (everyone evaluated in it counted) has cap 1. A policy without a
 * quota (Quảng Trị 2019) grades by the bands alone.
 *
 * The system never picks among equal scores: when people at the boundary share a score with people
 * just outside it, all of them are returned in `needsChoice` and graded B until the decider names
 * them in `chosen`.
 */
import { checkArray, checkId, checkObject, checkScore, invalid } from './errors';
import { readDecimalBig, toUnits } from './exact';
import { Grade, Policy, QuotaRule, defaultPolicy } from './policy';
import { capForZeroCriterion, thresholdUnits } from './score';
import { newIdMap, sealIdMap } from './ids';

export interface QuotaPerson {
  id: string;
  score: number;
  /** Quảng Trị: some criterion was scored 0, so the grade is at most C (ignored elsewhere). */
  anyCriterionZero?: boolean;
  /** A re-decision: the grade it replaces (counted in the pools until now). */
  prior?: Grade | null;
}

/** What a pool (a duty group, or its whole scope) holds outside the decision being taken. */
export interface PoolStanding {
  /** Everyone evaluated in the pool this month (exempt people excluded), this decision's included. */
  size: number;
  /** Members decided earlier (outside this decision) whose decided score reaches the B band. */
  reachingB: number;
  /** A grades already granted to members outside this decision. */
  granted: number;
  /** The percentage was raised for this pool (a recorded decision with its reason). */
  raised: boolean;
}

export interface QuotaOptions {
  /** The decider raised the percentage for an outstanding unit (recorded decision). */
  raised?: boolean;
  /** Ids the decider picked among the tied ones in `needsChoice`. */
  chosen?: string[];
  /**
   * The decision's duty group and its scope as they stand; omitted, the people given are the whole
   * group and the whole scope, nobody decided yet. `scope` omitted: the group is its own scope.
   */
  standing?: { group: PoolStanding; scope?: PoolStanding | null };
}

export interface PoolCap {
  /** A grades allowed in the pool; null when the policy has no quota. */
  cap: number | null;
  /** People whose score reaches the B band, this decision's included: what the cap was computed on. */
  base: number;
  size: number;
  /** A grades granted outside this decision. */
  granted: number;
  percent: number;
  /** The under-5 rule gave the cap. */
  small: boolean;
}

export interface QuotaResult {
  grades: Record<string, Grade>;
  /** The group's cap and how it was computed. */
  group: PoolCap;
  /** The scope's cap (the group's own when the group is the whole scope). */
  scope: PoolCap;
  /** A grades this decision may still give: the smaller room of group and scope; null without a quota. */
  room: number | null;
  /** Tied ids at the cap boundary still awaiting the decider's choice (graded B meanwhile). */
  needsChoice: string[];
  /** The tied ones' free places (how many of `needsChoice` may be chosen). */
  free: number;
  /**
   * The decision gives more A than the room its group and scope leave (the decider chose more than
   * the free places): it must be refused with QUOTA_EXCEEDED. A pool already above its cap leaves
   * no room, so a decision there may give no A at all.
   */
  exceeded: boolean;
}

/** ⌊percent × N / 100⌋ (B_BAND) or ⌊percent × N / (100 + percent)⌋ (GRADED_B), exactly: the percentage may be a decimal. */
export function capFromBase(base: number, percent: number, kind: QuotaRule['base']): number {
  const { num, scale } = readDecimalBig(percent);
  const hundred = 100n * 10n ** BigInt(scale);
  const n = num * BigInt(base);
  return Number(kind === 'GRADED_B' ? n / (hundred + num) : n / hundred);
}

/** The cap of one pool from its size and the number of its people whose score reaches the B band. */
export function poolCap(size: number, reachingB: number, policy: Policy = defaultPolicy, raised = false): number | null {
  const quota = policy.quota;
  if (quota === null) return null;
  if (quota.smallGroup && size < quota.smallGroup.fewerThan) return quota.smallGroup.cap;
  return capFromBase(reachingB, raised ? quota.raisedPercent : quota.percent, quota.base);
}

/** The cap of a group decided whole, from its size and the band grades of its members. */
export function quotaCap(groupSize: number, bandGrades: readonly Grade[], policy: Policy = defaultPolicy, raised = false): number | null {
  return poolCap(groupSize, bandGrades.filter((g) => g === 'A' || g === 'B').length, policy, raised);
}

function checkStanding(field: string, value: unknown, atLeast: number): PoolStanding {
  const s = checkObject(field, value) as unknown as PoolStanding;
  for (const key of ['size', 'reachingB', 'granted'] as const) {
    if (!Number.isSafeInteger(s[key]) || s[key] < 0) throw invalid(`${field}.${key}`, 'must be a whole number ≥ 0', s[key]);
  }
  if (typeof s.raised !== 'boolean') throw invalid(`${field}.raised`, 'must be a boolean', s.raised);
  if (s.size < atLeast) throw invalid(`${field}.size`, `must count the ${atLeast} people of this decision`, s.size);
  if (s.granted > s.reachingB) throw invalid(`${field}.granted`, 'cannot exceed the members reaching the B band', s.granted);
  return s;
}

function describe(standing: PoolStanding, batchReachingB: number, policy: Policy): PoolCap {
  const quota = policy.quota;
  const base = standing.reachingB + batchReachingB;
  const percent = quota ? (standing.raised ? quota.raisedPercent : quota.percent) : 0;
  const small = !!quota?.smallGroup && standing.size < quota.smallGroup.fewerThan;
  return { cap: poolCap(standing.size, base, policy, standing.raised), base, size: standing.size, granted: standing.granted, percent, small };
}

const NONE: readonly unknown[] = [];

export function applyQuota(people: QuotaPerson[], policy: Policy = defaultPolicy, options?: QuotaOptions): QuotaResult {
  checkArray('people', people);
  let raised = false;
  let chosen = NONE;
  let standing: QuotaOptions['standing'];
  if (options !== undefined) {
    checkObject('options', options);
    if (options.raised !== undefined) {
      if (typeof options.raised !== 'boolean') throw invalid('options.raised', 'must be a boolean', options.raised);
      raised = options.raised;
    }
    if (options.chosen !== undefined) chosen = checkArray('chosen', options.chosen);
    standing = options.standing;
  }

  const n = people.length;
  const { decimals } = policy.score;
  const tA = thresholdUnits(policy.bands.A, decimals);
  const tB = thresholdUnits(policy.bands.B, decimals);
  const tC = thresholdUnits(policy.bands.C, decimals);
  const units = new Float64Array(n);
  const grades = newIdMap<Grade>();
  const eligible: number[] = [];
  let reachingB = 0;
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
      reachingB++;
      eligible.push(i);
      grades[id] = 'B'; // until the room is known
    } else {
      if (band === 'B') reachingB++;
      grades[id] = band;
    }
  }

  const groupStanding = standing
    ? checkStanding('standing.group', standing.group, n)
    : { size: n, reachingB: 0, granted: 0, raised };
  const scopeStanding = standing?.scope ? checkStanding('standing.scope', standing.scope, groupStanding.size) : groupStanding;
  if (standing?.scope && (scopeStanding.granted < groupStanding.granted || scopeStanding.reachingB < groupStanding.reachingB)) {
    throw invalid('standing.scope', 'must hold at least what its group holds');
  }
  const group = describe(groupStanding, reachingB, policy);
  const scope = describe(scopeStanding, reachingB, policy);

  if (group.cap === null || scope.cap === null) {
    // No quota: the grade is the band.
    if (chosen.length > 0) throw invalid('chosen', 'names people to choose but the policy has no quota: every A-band score is graded A');
    for (const i of eligible) grades[people[i].id] = 'A';
    return { grades: sealIdMap(grades), group, scope, room: null, needsChoice: [], free: 0, exceeded: false };
  }

  const spare = Math.min(group.cap - group.granted, scope.cap - scope.granted);
  const room = Math.max(0, spare);
  let tied: number[] = [];
  let free = 0;
  if (eligible.length <= room) {
    for (const i of eligible) grades[people[i].id] = 'A';
  } else if (room > 0) {
    // Best first; equal scores keep input order, which never decides anything (ties go to the decider).
    eligible.sort((x, y) => units[y] - units[x] || x - y);
    const boundary = units[eligible[room - 1]];
    if (units[eligible[room]] < boundary) {
      for (let r = 0; r < room; r++) grades[people[eligible[r]].id] = 'A';
    } else {
      let above = 0;
      for (const i of eligible) {
        if (units[i] > boundary) {
          grades[people[i].id] = 'A';
          above++;
        } else if (units[i] === boundary) tied.push(i);
      }
      tied.sort((x, y) => x - y);
      free = room - above;
    }
  }

  // The decider's choice among the tied: only tied ids, each once; more than the free places breaks the cap.
  let exceeded = false;
  if (chosen.length > 0) {
    const picked: number[] = [];
    for (let k = 0; k < chosen.length; k++) {
      const id = chosen[k];
      const i = people.findIndex((p) => p.id === id);
      if (i < 0 || !eligible.includes(i)) throw invalid(`chosen[${k}]`, 'must name a person of this decision whose score is in the A band', id);
      if (picked.includes(i)) throw invalid(`chosen[${k}]`, 'names the same person twice', id);
      if (grades[people[i].id] === 'A') continue; // already A by score: choosing them changes nothing
      if (!tied.includes(i)) {
        // Below a tie that still has free places: a lower score cannot take an A before the tied ones.
        if (tied.length > 0) throw invalid(`chosen[${k}]`, 'must name one of the people tied at the quota boundary: a lower score cannot pass them', id);
        exceeded = true; // an A beyond the room
      }
      picked.push(i);
    }
    if (picked.length > free) exceeded = true;
    for (const i of picked) grades[people[i].id] = 'A';
    tied = picked.length >= free ? [] : tied.filter((i) => !picked.includes(i));
    free = Math.max(0, free - picked.length);
  }
  // A pool may already be above its cap (a change of membership): a decision may not take it there
  // or further (a re-decision lowering a score the base counted), but one that leaves it no worse
  // goes through — its A holders are re-decided one group at a time.
  if (!exceeded) {
    let given = 0;
    let priorReachingB = 0;
    let priorA = 0;
    for (let i = 0; i < n; i++) {
      if (grades[people[i].id] === 'A') given++;
      const prior = people[i].prior;
      if (prior === 'A' || prior === 'B') priorReachingB++;
      if (prior === 'A') priorA++;
    }
    const over = (pool: PoolStanding, reaching: number, a: number) => Math.max(0, pool.granted + a - (poolCap(pool.size, pool.reachingB + reaching, policy, pool.raised) ?? Infinity));
    for (const pool of [groupStanding, scopeStanding]) {
      if (over(pool, reachingB, given) > over(pool, priorReachingB, priorA)) exceeded = true;
    }
  }
  return { grades: sealIdMap(grades), group, scope, room, needsChoice: tied.map((i) => people[i].id), free, exceeded };
}
