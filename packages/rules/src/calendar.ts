/**
 * The monthly calendar (DOMAIN §7). Dates in the documents are local (Asia/Ho_Chi_Minh, UTC+7, no
 * DST) and say "before day N" (trước ngày N): the step is on time until the end of day N−1, so the
 * first late instant is local midnight at the start of day N, i.e. (N−1)T17:00Z. Deadlines are
 * returned as that instant, so "late" is simply `now >= deadline`, with no off-by-one at midnight.
 *
 * Pure: the caller supplies year and month; no clock is read here.
 */
import { invalid } from './errors';
import { DayRule, Policy, defaultPolicy } from './policy';

export interface MonthDeadlines {
  selfAssessment: string;
  /** null when the policy has no separate comment step (Hanoi 2022). */
  comment: string | null;
  decision: string;
  publication: string;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** ISO-8601 UTC without milliseconds, e.g. 2026-05-24T17:00:00Z. */
export function isoInstant(ms: number): string {
  const d = new Date(ms);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`
  );
}

/** Days in a month (month 1–12); day 0 of the next month is the last day of this one. */
function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The first late instant (epoch ms) of a "before day N" rule for the evaluated month. A day past
 * the month's end (e.g. "by the 30th" in February) means the month's end.
 */
export function deadlineMs(year: number, month: number, rule: DayRule, policy: Policy = defaultPolicy): number {
  let y = year;
  let m = month + rule.monthOffset;
  if (m > 12) {
    m -= 12;
    y += 1;
  }
  const dayOfMonth = Math.min(rule.beforeDay, daysIn(y, m) + 1);
  return Date.UTC(y, m - 1, dayOfMonth) - policy.calendar.utcOffsetMinutes * 60_000;
}

/**
 * The first instant of a month: 00:00 on the 1st, local time (DOMAIN §7: a month starts when it
 * starts — nothing of it is self-assessed, commented, decided or published before).
 */
export function monthStart(year: number, month: number, policy: Policy = defaultPolicy): string {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1000 || year > 9998) {
    throw invalid('year', 'must be a whole year from 1000 to 9998', year);
  }
  if (typeof month !== 'number' || !Number.isInteger(month) || month < 1 || month > 12) {
    throw invalid('month', 'must be a whole number from 1 to 12', month);
  }
  return isoInstant(Date.UTC(year, month - 1, 1) - policy.calendar.utcOffsetMinutes * 60_000);
}

export function monthDeadlines(year: number, month: number, policy: Policy = defaultPolicy): MonthDeadlines {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1000 || year > 9998) {
    throw invalid('year', 'must be a whole year from 1000 to 9998', year);
  }
  if (typeof month !== 'number' || !Number.isInteger(month) || month < 1 || month > 12) {
    throw invalid('month', 'must be a whole number from 1 to 12', month);
  }
  const steps = month === 12 ? policy.calendar.december : policy.calendar.regular;
  const at = (rule: DayRule) => isoInstant(deadlineMs(year, month, rule, policy));
  return {
    selfAssessment: at(steps.selfAssessment),
    comment: steps.comment ? at(steps.comment) : null,
    decision: at(steps.decision),
    publication: at(steps.publication),
  };
}
