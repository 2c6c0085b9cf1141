/**
 * Exact arithmetic helpers.
 *
 * Why: a score of 89.995 must round to 90.00 (grade A), but the binary double nearest to 89.995 is
 * 89.99499999999999744…, so `toFixed(2)` or `Math.round(x * 100) / 100` give 89.99 (grade B).
 * Scores therefore never go through floating-point sums. Inputs are *read* exactly:
 *
 * - a decimal quantity (score, size, general criteria, coefficient) is read as the decimal it prints
 *   as: `89.995` means 17999/200, `0.1` means 1/10 (the shortest decimal that round-trips);
 * - a computed ratio (a KPI handed back by `taskResult`) is read as the unique fraction with a
 *   denominator up to 2^26 whose correctly rounded value it is: `taskResult(...).kpi` for 11/12 is
 *   read back as exactly 11/12. Any two such fractions differ by more than 2^-52, so the reading is
 *   unambiguous for values in [0, 1].
 *
 * Work then happens in integers: safe `number` integers on the fast path, `bigint` when an
 * intermediate could exceed 2^53. All helpers here assume non-negative values (scores, sizes, money).
 */

/** An exact non-negative fraction; `den > 0`. Used by the exact variants of the public API. */
export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

const SAFE = Number.MAX_SAFE_INTEGER;

/** Powers of ten that are exact doubles (10^22 is the last one). */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

export function pow10Big(k: number): bigint {
  return 10n ** BigInt(k);
}

/** `x = num / 10^scale` with `num` a safe integer, or null when that needs more than 53 bits. */
export interface DecimalParts {
  num: number;
  scale: number;
}

/**
 * Fast exact decimal reading: the smallest `scale` whose decimal `round(x·10^scale) / 10^scale`
 * round-trips to `x`. Returns null when the digits do not fit a safe integer (then use the bigint
 * reader). Integers are the common case and cost one check.
 */
export function readDecimal(x: number): DecimalParts | null {
  if (Number.isInteger(x)) return Number.isSafeInteger(x) ? { num: x, scale: 0 } : null;
  for (let k = 1; k < POW10.length; k++) {
    const m = x * POW10[k];
    if (m > SAFE || m < -SAFE) return null;
    const r = Math.round(m);
    if (r / POW10[k] === x) return { num: r, scale: k };
  }
  return null;
}

/** Exact decimal reading that always succeeds for finite `x` (parses the shortest repr). */
export function readDecimalBig(x: number): { num: bigint; scale: number } {
  const fast = readDecimal(x);
  if (fast) return { num: BigInt(fast.num), scale: fast.scale };
  const text = String(x);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(text);
  if (!match) throw new RangeError(`cannot read ${text} as a decimal`);
  const [, sign, whole, frac = '', exp = '0'] = match;
  let scale = frac.length - Number(exp);
  let num = BigInt(whole + frac);
  if (scale < 0) {
    num *= pow10Big(-scale);
    scale = 0;
  }
  return { num: sign ? -num : num, scale };
}

/** The decimal reading of `x` as a fraction. */
export function decimalFraction(x: number): Fraction {
  const { num, scale } = readDecimalBig(x);
  return { num, den: pow10Big(scale) };
}

/** Largest denominator for which reading a double back as a fraction in [0, 1] is unambiguous. */
export const MAX_RECOVERED_DEN = 2 ** 26;

/**
 * Reads a ratio in [0, 1] back as the fraction it was computed from (see the file comment).
 * Fast path: floating continued fraction, every candidate verified exactly. Slow path (rare):
 * exact continued fraction in bigint. Otherwise the decimal reading.
 */
export function recoverFraction(x: number): Fraction {
  const fast = recoverFast(x);
  if (fast) return { num: BigInt(fast.num), den: BigInt(fast.den) };
  return recoverExact(x) ?? decimalFraction(x);
}

/** Floating continued fraction; returns only fractions verified to round to exactly `x`. */
export function recoverFast(x: number): { num: number; den: number } | null {
  if (Number.isInteger(x)) return { num: x, den: 1 };
  let h2 = 0;
  let h1 = 1;
  let k2 = 1;
  let k1 = 0;
  let y = x;
  for (let i = 0; i < 64; i++) {
    const a = Math.floor(y);
    const h = a * h1 + h2;
    const k = a * k1 + k2;
    if (k > MAX_RECOVERED_DEN) return null;
    if (h / k === x) return { num: h, den: k };
    const f = y - a;
    if (f <= 0) return null;
    y = 1 / f;
    h2 = h1;
    h1 = h;
    k2 = k1;
    k1 = k;
  }
  return null;
}

/** Exact continued fraction of the binary value of `x` (0 ≤ x ≤ 1), bounded denominator. */
function recoverExact(x: number): Fraction | null {
  // x = m / 2^e exactly; doubling a double is exact, so find e by doubling until integral.
  let m = x;
  let e = 0;
  while (!Number.isInteger(m) && e < 1100) {
    m *= 2;
    e++;
  }
  let n = BigInt(m);
  let d = 2n ** BigInt(e);
  let h2 = 0n;
  let h1 = 1n;
  let k2 = 1n;
  let k1 = 0n;
  const limit = BigInt(MAX_RECOVERED_DEN);
  while (d !== 0n) {
    const a = n / d;
    const h = a * h1 + h2;
    const k = a * k1 + k2;
    if (k > limit) return null;
    if (Number(h) / Number(k) === x) return { num: h, den: k };
    [n, d] = [d, n - a * d];
    h2 = h1;
    h1 = h;
    k2 = k1;
    k1 = k;
  }
  return null;
}

/** round-half-up(n / d) for safe integers n ≥ 0, d > 0, exact (the float quotient is corrected). */
export function divHalfUp(n: number, d: number): number {
  let q = Math.floor(n / d);
  let r = n - q * d;
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  return r >= d - r ? q + 1 : q;
}

/** floor(n / d) for safe integers n ≥ 0, d > 0, exact. */
export function divFloor(n: number, d: number): number {
  let q = Math.floor(n / d);
  const r = n - q * d;
  if (r < 0) q -= 1;
  else if (r >= d) q += 1;
  return q;
}

/** round-half-up(n / d) for n ≥ 0, d > 0. */
export function divHalfUpBig(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

export function gcdBig(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function reduce(f: Fraction): Fraction {
  const g = gcdBig(f.num, f.den);
  return g > 1n ? { num: f.num / g, den: f.den / g } : f;
}

/** Nearest double to a non-negative fraction (correctly rounded when both parts fit 53 bits). */
export function fractionToNumber(f: Fraction): number {
  const { num, den } = reduce(f);
  const big = BigInt(SAFE);
  if (num <= big && den <= big) return Number(num) / Number(den);
  // Scale to a 64-bit quotient first so that huge parts do not overflow to Infinity.
  const shift = BigInt(Math.max(0, 64 - (num.toString(2).length - den.toString(2).length)));
  return Number((num << shift) / den) / 2 ** Number(shift);
}

/**
 * A score rounded half up to `decimals` places, as an integer count of 10^-decimals
 * (92.625 with 2 decimals → 9263). `x` is read as the decimal it prints as.
 */
export function toUnits(x: number, decimals: number): number {
  const r = readDecimal(x);
  if (r) {
    if (r.scale <= decimals) {
      const units = r.num * POW10[decimals - r.scale];
      if (units <= SAFE) return units;
    } else {
      return divHalfUp(r.num, POW10[r.scale - decimals]);
    }
  }
  const { num, scale } = readDecimalBig(x);
  return Number(scaleHalfUpBig({ num, den: pow10Big(scale) }, decimals));
}

/** The smallest count of 10^-decimals units that is ≥ x (band thresholds). */
export function toUnitsCeil(x: number, decimals: number): number {
  const { num, scale } = readDecimalBig(x);
  if (scale <= decimals) return Number(num * pow10Big(decimals - scale));
  const d = pow10Big(scale - decimals);
  return Number((num + d - 1n) / d);
}

/** round-half-up(f · 10^decimals) as a bigint count of units. */
export function scaleHalfUpBig(f: Fraction, decimals: number): bigint {
  return divHalfUpBig(f.num * pow10Big(decimals), f.den);
}

/** Units back to a double: 9263 units of 0.01 → 92.63 (the double that prints as 92.63). */
export function fromUnits(units: number, decimals: number): number {
  return units / POW10[decimals];
}

/** a / b compared with c / d (all non-negative, b, d > 0). */
export function compareFractions(a: Fraction, b: Fraction): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}
