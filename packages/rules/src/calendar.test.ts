import { monthDeadlines, monthStart, policies } from './index';
import type { Policy } from './index';

describe('monthDeadlines: Hanoi 2026', () => {
  it('January: self before the 25th, comment 26th, decision 28th, publication before 5 February', () => {
    expect(monthDeadlines(2027, 1)).toEqual({
      selfAssessment: '2027-01-24T17:00:00Z',
      comment: '2027-01-25T17:00:00Z',
      decision: '2027-01-27T17:00:00Z',
      publication: '2027-02-04T17:00:00Z',
    });
  });

  it('November publication falls in December; December itself finishes before 15 December', () => {
    expect(monthDeadlines(2026, 11).publication).toBe('2026-12-04T17:00:00Z');
    expect(monthDeadlines(2025, 12)).toEqual({
      selfAssessment: '2025-12-09T17:00:00Z',
      comment: '2025-12-10T17:00:00Z',
      decision: '2025-12-12T17:00:00Z',
      publication: '2025-12-14T17:00:00Z',
    });
  });

  it('the first late instant is local midnight (UTC+7) starting day N', () => {
    const d = monthDeadlines(2026, 2);
    expect(d.selfAssessment).toBe('2026-02-24T17:00:00Z');
    expect(d.publication).toBe('2026-03-04T17:00:00Z');
    const ms = Date.parse(d.selfAssessment) + 7 * 3600_000;
    expect(new Date(ms).toISOString()).toBe('2026-02-25T00:00:00.000Z'); // local wall clock
  });

  it('rejects a month outside 1–12 and bad years, naming the field', () => {
    for (const month of [0, 13, 1.5, Number.NaN]) {
      expect(() => monthDeadlines(2026, month)).toThrow(RangeError);
      expect(() => monthDeadlines(2026, month)).toThrow(/month/);
    }
    expect(() => monthDeadlines(20.5, 1)).toThrow(/year/);
    expect(() => monthDeadlines(99, 1)).toThrow(/year/);
  });
});

describe('monthDeadlines: Hanoi 2022 (no comment step)', () => {
  const p = policies.hanoi2022;
  it('self before the 25th, decision before the 28th, publication before the 5th', () => {
    expect(monthDeadlines(2022, 3, p)).toEqual({
      selfAssessment: '2022-03-24T17:00:00Z',
      comment: null,
      decision: '2022-03-27T17:00:00Z',
      publication: '2022-04-04T17:00:00Z',
    });
  });

  it('December before the 15th', () => {
    expect(monthDeadlines(2022, 12, p)).toEqual({
      selfAssessment: '2022-12-09T17:00:00Z',
      comment: null,
      decision: '2022-12-12T17:00:00Z',
      publication: '2022-12-14T17:00:00Z',
    });
  });

  it('January', () => {
    expect(monthDeadlines(2023, 1, p).publication).toBe('2023-02-04T17:00:00Z');
  });
});

describe('monthDeadlines: calendar is data', () => {
  it('a day past the end of the month means the end of the month', () => {
    const byThe30th: Policy = {
      ...policies.hanoi2026,
      calendar: {
        ...policies.hanoi2026.calendar,
        regular: { ...policies.hanoi2026.calendar.regular, decision: { beforeDay: 31, monthOffset: 0 } },
      },
    };
    expect(monthDeadlines(2026, 2, byThe30th).decision).toBe('2026-02-28T17:00:00Z');
    expect(monthDeadlines(2028, 2, byThe30th).decision).toBe('2028-02-29T17:00:00Z');
    expect(monthDeadlines(2026, 4, byThe30th).decision).toBe('2026-04-30T17:00:00Z');
  });

  it('uses the policy offset', () => {
    const utc: Policy = { ...policies.hanoi2026, calendar: { ...policies.hanoi2026.calendar, utcOffsetMinutes: 0 } };
    expect(monthDeadlines(2026, 5, utc).selfAssessment).toBe('2026-05-25T00:00:00Z');
  });
});

describe('monthStart: a month starts when it starts (DOMAIN §7)', () => {
  it('is local midnight of the 1st: the 30th/31st of the month before at 17:00 UTC', () => {
    expect(monthStart(2026, 5)).toBe('2026-04-30T17:00:00Z');
    expect(monthStart(2026, 1)).toBe('2025-12-31T17:00:00Z');
    expect(monthStart(2026, 3)).toBe('2026-02-28T17:00:00Z');
    expect(monthStart(2024, 3)).toBe('2024-02-29T17:00:00Z'); // leap year
  });

  it('follows the calendar of the policy and refuses a month that is not one', () => {
    const utc = { ...policies.hanoi2026, calendar: { ...policies.hanoi2026.calendar, utcOffsetMinutes: 0 } };
    expect(monthStart(2026, 5, utc)).toBe('2026-05-01T00:00:00Z');
    expect(() => monthStart(2026, 13)).toThrow(/^month /);
    expect(() => monthStart(2026.5, 1)).toThrow(/^year /);
  });
});
