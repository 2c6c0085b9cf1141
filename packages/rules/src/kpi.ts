/**
 * Task results (group II): the KPI of one person-month, document 003 part III.
 *
 *   a quantity   = Σ w(completed) / Σ w(assigned)
 *   b quality    = Σ w·(1 − 0.25·f) over completed / Σ w(assigned)
 *   c timeliness = Σ w·(1 − 0.25·d) over completed / Σ w(assigned)
 *   KPI = (a + b + c) / 3, or (a + b + c + d + đ + e) / 6 for a leader.
 *
 * Exactness: with the 25 % step written as a whole percentage, every numerator is an integer
 * multiple of (size unit / 100), so the sums are exact integers once the sizes are scaled to a common
 * decimal unit. The fast path keeps them in safe `number` integers; anything bigger (or sizes with
 * many decimals) goes through `bigint`.
 */
import { checkArray, checkCount, checkNonNegative, checkObject, invalid } from './errors';
import { Fraction, POW10, fractionToNumber, readDecimal, readDecimalBig, pow10Big, reduce } from './exact';
import { Policy, defaultPolicy } from './policy';

export interface WorkItem {
  /** Converted size in standard work units (≥ 0). */
  size: number;
  completed: boolean;
  /** Times it failed quality review for a major content error, excused ones already removed. */
  qualityFailures?: number;
  /** Times it was late, excused ones already removed. */
  delays?: number;
  /**
   * Completed work beyond the month's assignment (vượt kế hoạch): counts in the completed
   * numerators but not in Σ assigned. This is the only way a ratio can exceed 100 %, which is what
   * the policy's ratio cap is for. Ignored unless `completed`.
   */
  extra?: boolean;
}

/** Leader factors d (unit results), đ (organisation) and e (unity): each 1 or 0.5. */
export interface LeaderFactors {
  unitResults: number;
  organisation: number;
  unity: number;
}

export interface TaskResult {
  quantity: number;
  quality: number;
  timeliness: number;
  kpi: number;
}

/** The same result as exact fractions (for callers that must not lose a bit, e.g. audits). */
export interface TaskResultExact {
  quantity: Fraction;
  quality: Fraction;
  timeliness: Fraction;
  kpi: Fraction;
}

/** Past this, `number` sums could lose integer precision: switch to bigint. */
const FAST_LIMIT = 2 ** 53 / 1024;

/** Integer numerators over the common denominator `100 × assigned` (same shape for number/bigint). */
interface Sums<T> {
  assigned: T;
  quantity: T;
  quality: T;
  timeliness: T;
}

function leaderPercents(leader: LeaderFactors | undefined, policy: Policy): number | null {
  if (leader === undefined) return null;
  const l = checkObject('leader', leader);
  let total = 0;
  for (const key of ['unitResults', 'organisation', 'unity'] as const) {
    const value = l[key];
    if (typeof value !== 'number' || !policy.kpi.leaderFactorValues.includes(value)) {
      throw invalid(`leader.${key}`, `must be one of ${policy.kpi.leaderFactorValues.join(', ')}`, value);
    }
    total += Math.round(value * 100);
  }
  return total;
}

/** Throws the precise RangeError for an item that failed the quick check in `itemOk`. */
function rejectItem(item: unknown, i: number): never {
  if (typeof item !== 'object' || item === null) throw invalid(`items[${i}]`, 'must be an object', item);
  const it = item as WorkItem;
  checkNonNegative(`items[${i}].size`, it.size);
  if (typeof it.completed !== 'boolean') throw invalid(`items[${i}].completed`, 'must be a boolean', it.completed);
  checkCount(`items[${i}].qualityFailures`, it.qualityFailures);
  checkCount(`items[${i}].delays`, it.delays);
  throw invalid(`items[${i}].extra`, 'must be a boolean', it.extra);
}

const isCount = (n: unknown) => n === undefined || (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0);

/** Quick validity check, inlined in the hot loop; field names are only built on failure. */
function itemOk(item: WorkItem): boolean {
  if (typeof item !== 'object' || item === null) return false;
  const size = item.size;
  const extra = item.extra;
  return (
    typeof size === 'number' &&
    size >= 0 &&
    size <= Number.MAX_VALUE &&
    typeof item.completed === 'boolean' &&
    isCount(item.qualityFailures) &&
    isCount(item.delays) &&
    (extra === undefined || typeof extra === 'boolean')
  );
}

function validate(items: readonly WorkItem[]): void {
  for (let i = 0; i < items.length; i++) if (!itemOk(items[i])) rejectItem(items[i], i);
}

/**
 * Fast path: sums in safe integers. Sizes are scaled to a common decimal unit 10^-scale, rescaling
 * the running sums when an item with more decimals appears. Returns null when that cannot be done
 * exactly (then the bigint path runs).
 */
function sumsFast(items: readonly WorkItem[], step: number): Sums<number> | null {
  let scale = 0;
  let assigned = 0;
  let done = 0;
  let quality = 0;
  let timeliness = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!itemOk(item)) rejectItem(item, i);
    let w = item.size;
    if (!Number.isInteger(w) || w > FAST_LIMIT) {
      const r = readDecimal(w);
      if (!r || r.scale > 9) return null;
      if (r.scale > scale) {
        const up = POW10[r.scale - scale];
        assigned *= up;
        done *= up;
        quality *= up;
        timeliness *= up;
        scale = r.scale;
      }
      w = r.num * POW10[scale - r.scale];
    } else if (scale > 0) {
      w *= POW10[scale];
    }
    if (!item.extra) assigned += w;
    if (item.completed) {
      done += w;
      const f = 100 - step * (item.qualityFailures ?? 0);
      const d = 100 - step * (item.delays ?? 0);
      // A factor (1 − 0.25·n) never goes below 0.
      if (f > 0) quality += w * f;
      if (d > 0) timeliness += w * d;
    }
    if (quality > FAST_LIMIT || timeliness > FAST_LIMIT || assigned > FAST_LIMIT || done > FAST_LIMIT) return null;
  }
  return { assigned: assigned * 100, quantity: done * 100, quality, timeliness };
}

/** Reference path in bigint: always exact, used when the fast path declines. */
function sumsBig(items: readonly WorkItem[], step: number): Sums<bigint> {
  validate(items);
  const read = items.map((item) => readDecimalBig(item.size));
  const scale = read.reduce((max, r) => Math.max(max, r.scale), 0);
  let assigned = 0n;
  let done = 0n;
  let quality = 0n;
  let timeliness = 0n;
  items.forEach((item, i) => {
    const w = read[i].num * pow10Big(scale - read[i].scale);
    if (!item.extra) assigned += w;
    if (item.completed) {
      done += w;
      const f = 100 - step * (item.qualityFailures ?? 0);
      const d = 100 - step * (item.delays ?? 0);
      if (f > 0) quality += w * BigInt(f);
      if (d > 0) timeliness += w * BigInt(d);
    }
  });
  return { assigned: assigned * 100n, quantity: done * 100n, quality, timeliness };
}

function toBig(s: Sums<number>): Sums<bigint> {
  return {
    assigned: BigInt(s.assigned),
    quantity: BigInt(s.quantity),
    quality: BigInt(s.quality),
    timeliness: BigInt(s.timeliness),
  };
}

/**
 * The KPI factors of one person-month as exact fractions; null when nothing was assigned
 * (Σ assigned = 0), since a ratio over nothing is undefined and must not read as 0 % or 100 %.
 */
export function taskResultExact(
  items: WorkItem[],
  leader?: LeaderFactors,
  policy: Policy = defaultPolicy,
): TaskResultExact | null {
  checkArray('items', items);
  const leaderPct = leaderPercents(leader, policy);
  const step = policy.kpi.deductionPercent;
  const fast = sumsFast(items, step);
  const s = fast ? toBig(fast) : sumsBig(items, step);
  if (s.assigned === 0n) return null;
  // The cap is on each ratio: numerator ≤ cap% × assigned, where assigned already carries ×100.
  const cap = (s.assigned * BigInt(policy.kpi.ratioCapPercent)) / 100n;
  const a = s.quantity < cap ? s.quantity : cap;
  const b = s.quality < cap ? s.quality : cap;
  const c = s.timeliness < cap ? s.timeliness : cap;
  const U = s.assigned;
  const kpi =
    leaderPct === null
      ? { num: a + b + c, den: 3n * U }
      : // d + đ + e as percentages: U/100 per percentage point.
        { num: a + b + c + (U / 100n) * BigInt(leaderPct), den: 6n * U };
  return {
    quantity: reduce({ num: a, den: U }),
    quality: reduce({ num: b, den: U }),
    timeliness: reduce({ num: c, den: U }),
    kpi: reduce(kpi),
  };
}

/**
 * The KPI factors of one person-month as fractions 0..1; null when nothing was assigned.
 * `kpi` can be passed straight to `monthlyScore`, which reads it back exactly.
 */
export function taskResult(items: WorkItem[], leader?: LeaderFactors, policy: Policy = defaultPolicy): TaskResult | null {
  checkArray('items', items);
  const leaderPct = leaderPercents(leader, policy);
  const step = policy.kpi.deductionPercent;
  const s = sumsFast(items, step);
  if (s === null) {
    const exact = taskResultExact(items, leader, policy);
    return (
      exact && {
        quantity: fractionToNumber(exact.quantity),
        quality: fractionToNumber(exact.quality),
        timeliness: fractionToNumber(exact.timeliness),
        kpi: fractionToNumber(exact.kpi),
      }
    );
  }
  const U = s.assigned;
  if (U === 0) return null;
  // Hot path (bench: 5 M items): plain integer arithmetic, every value below 2^53, one rounding
  // per division (so each ratio is the correctly rounded double of the exact fraction).
  const cap = (U / 100) * policy.kpi.ratioCapPercent;
  const a = Math.min(s.quantity, cap);
  const b = Math.min(s.quality, cap);
  const c = Math.min(s.timeliness, cap);
  const kpi = leaderPct === null ? (a + b + c) / (3 * U) : (a + b + c + (U / 100) * leaderPct) / (6 * U);
  return { quantity: a / U, quality: b / U, timeliness: c / U, kpi };
}
