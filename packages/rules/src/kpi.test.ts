import { monthlyScore, policies, taskResult, taskResultExact } from './index';
import type { Policy, WorkItem } from './index';

const done = (size: number, extra: Partial<WorkItem> = {}): WorkItem => ({ size, completed: true, ...extra });

describe('taskResult: quantity, quality, timeliness', () => {
  it('returns null when nothing was assigned (no items, or only zero-size items)', () => {
    expect(taskResult([])).toBeNull();
    expect(taskResult([{ size: 0, completed: true }])).toBeNull();
    expect(taskResultExact([])).toBeNull();
    expect(taskResult([], { unitResults: 1, organisation: 1, unity: 1 })).toBeNull();
  });

  it('nothing completed gives 0 on every ratio', () => {
    expect(taskResult([{ size: 2, completed: false, qualityFailures: 3, delays: 1 }])).toEqual({
      quantity: 0,
      quality: 0,
      timeliness: 0,
      kpi: 0,
    });
  });

  it('ignores failures and delays of items that were not completed', () => {
    const r = taskResult([done(1), { size: 1, completed: false, qualityFailures: 2, delays: 2 }]);
    expect(r).toEqual({ quantity: 0.5, quality: 0.5, timeliness: 0.5, kpi: 0.5 });
  });

  it('each failure or delay removes 25 % of that item, down to a floor of 0 (never negative)', () => {
    const factors = [0, 1, 2, 3, 4, 5, 9].map((n) => taskResult([done(1, { qualityFailures: n, delays: n })])!.quality);
    expect(factors).toEqual([1, 0.75, 0.5, 0.25, 0, 0, 0]);
    // A floored item still counts fully in quantity, and never drags other items down.
    const r = taskResult([done(1, { qualityFailures: 7 }), done(1)]);
    expect(r).toEqual({ quantity: 1, quality: 0.5, timeliness: 1, kpi: 2.5 / 3 });
  });

  it('caps every ratio at 100 % even when completed over-plan work exceeds the assignment', () => {
    const r = taskResult([done(2), done(3, { extra: true })]);
    expect(r).toEqual({ quantity: 1, quality: 1, timeliness: 1, kpi: 1 });
    // Without the extra item the person would be at 50 %; over-plan work makes up for it, up to the cap.
    const partial = taskResult([done(2), { size: 2, completed: false }, done(1, { extra: true })]);
    expect(partial).toEqual({ quantity: 0.75, quality: 0.75, timeliness: 0.75, kpi: 0.75 });
    const capped = taskResult([done(2, { qualityFailures: 2 }), done(10, { extra: true })]);
    expect(capped!.quantity).toBe(1);
    expect(capped!.quality).toBe(1);
    // Extra work that was not completed counts for nothing, and extra work alone is "nothing assigned".
    expect(taskResult([done(2), { size: 5, completed: false, extra: true }])!.kpi).toBe(1);
    expect(taskResult([done(5, { extra: true })])).toBeNull();
  });

  it('the cap is a policy setting', () => {
    const generous: Policy = { ...policies.hanoi2026, kpi: { ...policies.hanoi2026.kpi, ratioCapPercent: 120 } };
    expect(taskResult([done(2), done(1, { extra: true })], undefined, generous)!.quantity).toBe(1.2);
  });

  it('weights items by converted size, including decimal sizes, exactly', () => {
    const r = taskResult([done(0.1), done(0.2, { delays: 1 }), { size: 0.3, completed: false }]);
    // a = 0.3/0.6, b = 0.3/0.6, c = (0.1 + 0.15)/0.6
    expect(r!.quantity).toBe(0.5);
    expect(r!.timeliness).toBe(0.25 / 0.6);
    expect(taskResultExact([done(0.1), done(0.2, { delays: 1 }), { size: 0.3, completed: false }])!.timeliness).toEqual({
      num: 5n,
      den: 12n,
    });
  });

  it('gives the same answer on the bigint path (huge or many-decimal sizes) as on the fast path', () => {
    const small = [done(3, { qualityFailures: 1 }), done(2, { delays: 2 }), { size: 5, completed: false }];
    const huge = small.map((i) => ({ ...i, size: i.size * 1e15 }));
    const tiny = small.map((i) => ({ ...i, size: i.size * 1e-12 }));
    expect(taskResult(huge)).toEqual(taskResult(small));
    expect(taskResult(tiny)).toEqual(taskResult(small));
    expect(taskResultExact(huge)).toEqual(taskResultExact(small));
  });
});

describe('taskResult: leader formula (a + b + c + d + đ + e) / 6', () => {
  const items = [done(3), done(1, { qualityFailures: 1 })]; // a = 1, b = 0.9375, c = 1
  it('averages the six factors', () => {
    expect(taskResult(items, { unitResults: 1, organisation: 1, unity: 1 })!.kpi).toBe((1 + 0.9375 + 1 + 3) / 6);
    expect(taskResult(items, { unitResults: 0.5, organisation: 0.5, unity: 0.5 })!.kpi).toBe((2.9375 + 1.5) / 6);
    expect(taskResultExact(items, { unitResults: 0.5, organisation: 1, unity: 0.5 })!.kpi).toEqual({
      num: 79n,
      den: 96n,
    });
  });

  it('a leader with perfect factors scores the same KPI as a non-leader with perfect work', () => {
    expect(taskResult([done(4)], { unitResults: 1, organisation: 1, unity: 1 })!.kpi).toBe(1);
  });

  it('rejects factors other than 1 or 0.5, naming the field', () => {
    expect(() => taskResult(items, { unitResults: 0.7, organisation: 1, unity: 1 })).toThrow(RangeError);
    expect(() => taskResult(items, { unitResults: 1, organisation: 0, unity: 1 })).toThrow(/leader\.organisation/);
    expect(() => taskResult(items, { unitResults: 1, organisation: 1 } as never)).toThrow(/leader\.unity/);
  });
});

describe('taskResult: validation', () => {
  it.each([
    [[{ size: -1, completed: true }], /items\[0\]\.size/],
    [[done(1), { size: Number.NaN, completed: true }], /items\[1\]\.size/],
    [[{ size: Number.POSITIVE_INFINITY, completed: true }], /items\[0\]\.size/],
    [[{ size: '2', completed: true }], /items\[0\]\.size/],
    [[{ size: 1, completed: 'yes' }], /items\[0\]\.completed/],
    [[done(1, { qualityFailures: -1 })], /items\[0\]\.qualityFailures/],
    [[done(1, { delays: 1.5 })], /items\[0\]\.delays/],
    [[null], /items\[0\]/],
  ])('throws a RangeError naming the field (%#)', (items, field) => {
    expect(() => taskResult(items as WorkItem[])).toThrow(RangeError);
    expect(() => taskResult(items as WorkItem[])).toThrow(field);
  });

  it('rejects a non-array', () => {
    expect(() => taskResult('x' as never)).toThrow(/items/);
  });
});

describe('taskResult feeds monthlyScore without losing exactness', () => {
  it('a KPI with a repeating decimal is read back as the exact fraction', () => {
    // kpi = 13999/14000: 20 + 69.995 = 89.995 → 90.00 (A). Naive floating point says 89.99.
    const items = [done(3499), done(1, { qualityFailures: 3 })];
    const { kpi } = taskResult(items)!;
    expect(taskResultExact(items)!.kpi).toEqual({ num: 13999n, den: 14000n });
    expect((20 + kpi * 70).toFixed(2)).toBe('89.99');
    expect(monthlyScore(20, kpi)).toBe(90);
    expect(monthlyScore(20, taskResultExact(items)!.kpi)).toBe(90);
  });
});
