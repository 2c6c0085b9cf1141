/**
 * Input validation. Every rejection is a RangeError whose message starts with the offending field
 * (e.g. `items[3].size`), so callers can map it back to a form field without parsing prose.
 */

/** Builds the RangeError for `field`; `value` is echoed so the message is self-explanatory. */
export function invalid(field: string, expectation: string, ...value: [unknown?]): RangeError {
  const got = value.length > 0 ? ` (got ${describe(value[0])})` : '';
  return new RangeError(`${field} ${expectation}${got}`);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  if (typeof value === 'bigint') return `${value}n`;
  return Array.isArray(value) ? 'an array' : typeof value;
}

/** A finite number in [min, max]; anything else (NaN, ±Infinity, strings, out of range) throws. */
export function checkNumber(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw invalid(field, `must be a finite number from ${min} to ${max}`, value);
  }
  return value;
}

/** A finite number ≥ 0 (sizes, coefficients). */
export function checkNonNegative(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw invalid(field, 'must be a finite number ≥ 0', value);
  }
  return value;
}

/** A whole count ≥ 0 (failures, delays); `undefined` means 0. */
export function checkCount(field: string, value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(field, 'must be a whole number ≥ 0', value);
  }
  return value;
}

/** A score on the 0–100 scale. */
export function checkScore(field: string, value: unknown): number {
  return checkNumber(field, value, 0, 100);
}

export function checkArray(field: string, value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) throw invalid(field, 'must be an array', value);
  return value;
}

export function checkObject(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(field, 'must be an object', value);
  }
  return value as Record<string, unknown>;
}

export function checkId(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw invalid(field, 'must be a non-empty string', value);
  return value;
}
