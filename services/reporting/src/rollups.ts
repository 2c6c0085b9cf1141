import { periodRating, type Grade } from '@cbccvc/rules';
import { badInput, sqlRows } from '@cbccvc/platform';
import type { Context } from './context';
import { monthRange, requirePersonReadable } from './scope';

/**
 * Quarterly and annual ratings (DOMAIN §9: the mean of the monthly scores mapped to the bands, no
 * A for a period with a D month — `periodRating` in packages/rules) and each person's digital
 * competence profile (hồ sơ năng lực số), from the decided results of the reporting read model.
 */
export interface ProfileMonth {
  month: string;
  unitName: string;
  positionName: string;
  state: string;
  finalScore: number | null;
  finalGrade: Grade | null;
  kpi: number | null;
  quantity: number | null;
  quality: number | null;
  timeliness: number | null;
  /** Work products completed (sizes in standard units), as decided. */
  completedSize: number | null;
}

export interface PeriodRating {
  period: string;
  /** Months of the period with a decided result. */
  monthsRated: number;
  monthsInPeriod: number;
  score: number | null;
  grade: Grade | null;
}

/** '2026' (a year), '2026-Q3' (a quarter) → its months. */
export function periodMonths(period: string): string[] {
  const year = /^(\d{4})$/.exec(period);
  if (year) return Array.from({ length: 12 }, (_, i) => `${year[1]}-${String(i + 1).padStart(2, '0')}`);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return [1, 2, 3].map((i) => `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + i).padStart(2, '0')}`);
  throw badInput('period', 'must be a year (2026) or a quarter (2026-Q3)');
}

async function decidedMonths(ctx: Context, personId: string, months: string[]): Promise<ProfileMonth[]> {
  const found = await sqlRows(
    ctx.em,
    `select month, unit_name, position_name, state, final_score, final_grade, kpi, quantity, quality, timeliness, completed_size
       from reporting.result where person_id = ? and month = any(?::text[]) order by month`,
    [personId, `{${months.join(',')}}`],
  );
  const num = (v: unknown) => (v == null ? null : Number(v));
  return found.map((r) => ({
    month: r.month as string,
    unitName: r.unit_name as string,
    positionName: r.position_name as string,
    state: r.state as string,
    finalScore: num(r.final_score),
    finalGrade: (r.final_grade as Grade | null) ?? null,
    kpi: num(r.kpi),
    quantity: num(r.quantity),
    quality: num(r.quality),
    timeliness: num(r.timeliness),
    completedSize: num(r.completed_size),
  }));
}

export async function personPeriodRating(ctx: Context, personId: string, period: string): Promise<PeriodRating> {
  const months = periodMonths(period);
  const person = await requirePersonReadable(ctx, personId);
  const rated = (await decidedMonths(ctx, person.id, months)).filter((m) => (m.state === 'DECIDED' || m.state === 'PUBLISHED') && m.finalScore !== null && m.finalGrade !== null);
  if (rated.length === 0) return { period, monthsRated: 0, monthsInPeriod: months.length, score: null, grade: null };
  const rating = periodRating(rated.map((m) => ({ score: m.finalScore!, grade: m.finalGrade! })), person.policy);
  return { period, monthsRated: rated.length, monthsInPeriod: months.length, score: rating.score, grade: rating.grade };
}

export interface CompetenceProfile {
  personId: string;
  fullName: string;
  months: ProfileMonth[];
  quarters: PeriodRating[];
}

/** Monthly scores, grades, KPI factors and work products over a range (at most 24 months), with the quarters. */
export async function competenceProfile(ctx: Context, personId: string, from: string, to: string): Promise<CompetenceProfile> {
  const months = monthRange(from, to);
  const person = await requirePersonReadable(ctx, personId);
  const profile = await decidedMonths(ctx, person.id, months);
  const quarterNames = [...new Set(months.map((m) => `${m.slice(0, 4)}-Q${Math.floor((Number(m.slice(5)) - 1) / 3) + 1}`))];
  const quarters: PeriodRating[] = [];
  for (const quarter of quarterNames) {
    const inQuarter = periodMonths(quarter);
    const rated = profile.filter((m) => inQuarter.includes(m.month) && (m.state === 'DECIDED' || m.state === 'PUBLISHED') && m.finalScore !== null && m.finalGrade !== null);
    const rating = rated.length ? periodRating(rated.map((m) => ({ score: m.finalScore!, grade: m.finalGrade! })), person.policy) : null;
    quarters.push({ period: quarter, monthsRated: rated.length, monthsInPeriod: 3, score: rating?.score ?? null, grade: rating?.grade ?? null });
  }
  return { personId: person.id, fullName: person.fullName, months: profile, quarters };
}
