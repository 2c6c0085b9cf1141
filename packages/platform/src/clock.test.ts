import { fixedClock, offsetClock } from './clock';

describe('offsetClock (the development clock)', () => {
  it('starts at the given instant and moves on with the real clock', () => {
    const real = fixedClock('2026-12-04T10:00:00Z');
    const clock = offsetClock('2026-12-20T02:00:00Z', real);
    expect(clock.now().toISOString()).toBe('2026-12-20T02:00:00.000Z');
    real.set('2026-12-04T11:30:00Z'); // ninety minutes later
    expect(clock.now().toISOString()).toBe('2026-12-20T03:30:00.000Z');
  });

  it('refuses an instant that is not one', () => {
    expect(() => offsetClock('soon')).toThrow(/^at: /);
  });
});
