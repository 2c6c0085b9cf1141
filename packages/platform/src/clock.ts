/** Time is an input: everything that depends on "now" takes a Clock, so tests can fix the date. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock & { set(to: Date | string): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set: (to) => {
      current = new Date(to);
    },
  };
}

/**
 * A development clock: it reads `at` when created and moves on with real time from there, so that a
 * newcomer can walk a month's steps on any day (CLOCK_AT, refused in production).
 */
export function offsetClock(at: Date | string, real: Clock = systemClock): Clock {
  const offset = new Date(at).getTime() - real.now().getTime();
  if (Number.isNaN(offset)) throw new RangeError('at: must be a valid instant');
  return { now: () => new Date(real.now().getTime() + offset) };
}
