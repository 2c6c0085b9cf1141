import { monthDeadlines, stepDeadline, type Grade } from '@cbccvc/rules';
import { badInput, sqlRows } from '@cbccvc/platform';
import { parseId, parseMonth } from '@cbccvc/organization';
import type { Context } from './context';
import { monthRange, pageSize, resolveScope, type Scope, type ScopeInput } from './scope';

/**
 * Dashboards over the reporting read models only (`unit_month` totals, `result` rows): a city month
 * sums ~10,000 unit rows. Empty scopes and months give zeros, not errors.
 */
export interface StepProgress {
  step: 'selfAssessment' | 'comment' | 'decision' | 'publication';
  deadline: string | null;
  done: number;
  missing: number;
  /** Missing after the deadline passed (0 before it). */
  late: number;
}

export interface DashboardMonth {
  scopeName: string;
  month: string;
  members: number;
  steps: StepProgress[];
  grades: Record<Grade, number>;
  decided: number;
  /** Share of A among the decided, in percent (2 decimals), beside the policy's quota. */
  aPercent: number | null;
  quotaPercent: number | null;
  raisedQuotaPercent: number | null;
  kpiAverage: number | null;
  quantityAverage: number | null;
  qualityAverage: number | null;
  timelinessAverage: number | null;
  appealsOpen: number;
  appealsTotal: number;
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

async function monthTotals(ctx: Context, scope: Scope, months: string[]) {
  const totals = await sqlRows(
    ctx.em,
    `select month, coalesce(sum(members), 0) as members, coalesce(sum(submitted), 0) as submitted,
            coalesce(sum(to_comment), 0) as to_comment, coalesce(sum(commented), 0) as commented,
            coalesce(sum(decided), 0) as decided, coalesce(sum(published), 0) as published,
            coalesce(sum(grade_a), 0) as a, coalesce(sum(grade_b), 0) as b, coalesce(sum(grade_c), 0) as c, coalesce(sum(grade_d), 0) as d,
            coalesce(sum(kpi_sum), 0) as kpi_sum, coalesce(sum(kpi_count), 0) as kpi_count,
            coalesce(sum(quantity_sum), 0) as quantity_sum, coalesce(sum(quality_sum), 0) as quality_sum,
            coalesce(sum(timeliness_sum), 0) as timeliness_sum, coalesce(sum(factor_count), 0) as factor_count
       from ${scope.kind === 'UNIT' ? 'reporting.unit_month' : 'reporting.jurisdiction_month'} where month = any(?::text[]) and ${scope.where}
      group by month`,
    [`{${months.join(',')}}`, ...scope.params],
  );
  const appeals = await sqlRows(
    ctx.em,
    `select month, count(*) filter (where status = 'OPEN') as open, count(*) filter (where kind = 'APPEAL') as total
       from reporting.appeal where month = any(?::text[]) and ${scope.where} group by month`,
    [`{${months.join(',')}}`, ...scope.params],
  );
  return { totals: new Map(totals.map((r) => [r.month as string, r])), appeals: new Map(appeals.map((r) => [r.month as string, r])) };
}

function toDashboard(ctx: Context, scope: Scope, month: string, row: Record<string, unknown> | undefined, appeal: Record<string, unknown> | undefined): DashboardMonth {
  const n = (key: string) => Number(row?.[key] ?? 0);
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const deadlines = monthDeadlines(year, monthNumber, scope.policy);
  const now = ctx.clock.now().getTime();
  const members = n('members');
  const step = (name: StepProgress['step'], done: number, of: number, deadline: string | null = deadlines[name]): StepProgress => {
    const missing = Math.max(0, of - done);
    return { step: name, deadline, done, missing, late: deadline !== null && now >= Date.parse(deadline) ? missing : 0 };
  };
  const decided = n('decided');
  const average = (sum: string, count: string) => (n(count) > 0 ? round(n(sum) / n(count), 4) : null);
  return {
    scopeName: scope.name,
    month,
    members,
    steps: [
      step('selfAssessment', n('submitted'), members),
      // A form with a commenter is commented on under every policy; where the calendar has no comment
      // step (Hanoi 2022, a delegated deputy: DOMAIN §3) until the decision's deadline.
      step('comment', n('commented'), n('to_comment'), stepDeadline(year, monthNumber, 'comment', ctx.clock.now().toISOString(), { policy: scope.policy }).deadline),
      step('decision', decided, n('submitted')),
      step('publication', n('published'), decided),
    ],
    grades: { A: n('a'), B: n('b'), C: n('c'), D: n('d') },
    decided,
    aPercent: decided > 0 ? round((n('a') * 100) / decided, 2) : null,
    quotaPercent: scope.policy.quota?.percent ?? null,
    raisedQuotaPercent: scope.policy.quota?.raisedPercent ?? null,
    kpiAverage: average('kpi_sum', 'kpi_count'),
    quantityAverage: average('quantity_sum', 'factor_count'),
    qualityAverage: average('quality_sum', 'factor_count'),
    timelinessAverage: average('timeliness_sum', 'factor_count'),
    appealsOpen: Number(appeal?.open ?? 0),
    appealsTotal: Number(appeal?.total ?? 0),
  };
}

export async function dashboard(ctx: Context, scopeInput: ScopeInput | null | undefined, monthText: string): Promise<DashboardMonth> {
  const month = parseMonth('month', monthText).text;
  const scope = await resolveScope(ctx, scopeInput);
  const { totals, appeals } = await monthTotals(ctx, scope, [month]);
  return toDashboard(ctx, scope, month, totals.get(month), appeals.get(month));
}

/** One dashboard per month of a range (at most 24 months): the trends. */
export async function dashboardTrend(ctx: Context, scopeInput: ScopeInput | null | undefined, from: string, to: string): Promise<DashboardMonth[]> {
  const months = monthRange(from, to);
  const scope = await resolveScope(ctx, scopeInput);
  const { totals, appeals } = await monthTotals(ctx, scope, months);
  return months.map((month) => toDashboard(ctx, scope, month, totals.get(month), appeals.get(month)));
}

export interface UnitProgress {
  unitId: string;
  unitName: string;
  members: number;
  submitted: number;
  decided: number;
  published: number;
  /** decided / members, 0–1: the units furthest behind come first. */
  completion: number;
  cursor: string;
}

export interface Page<T> {
  items: T[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export type UnitProgressPage = Page<UnitProgress>;

const encode = (parts: (string | number)[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
function decode(cursor: string, field: string): unknown[] {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parts)) return parts;
  } catch {
    // reported below
  }
  throw badInput(field, 'is not a cursor this list gave');
}

/** The units of a scope furthest behind in a month (least decided first), cursor-paginated. */
export async function unitsBehind(ctx: Context, scopeInput: ScopeInput | null | undefined, monthText: string, first: number | null | undefined, after: string | null | undefined): Promise<Page<UnitProgress>> {
  const month = parseMonth('month', monthText).text;
  const size = pageSize(first, 20);
  const scope = await resolveScope(ctx, scopeInput);
  let keyset = '';
  const params: unknown[] = [month, ...scope.params];
  if (after) {
    // Fractions compared exactly by cross-multiplying (decided / members > d / m ⇔ decided·m > d·members).
    const [decided, members, unitId] = decode(after, 'after') as [number, number, string];
    if (!Number.isInteger(decided) || !Number.isInteger(members) || members < 1 || typeof unitId !== 'string') throw badInput('after', 'is not a cursor this list gave');
    keyset = ` and (decided * ?::bigint > ?::bigint * members or (decided * ?::bigint = ?::bigint * members and unit_id > ?::uuid))`;
    params.push(members, decided, members, decided, parseId('after', unitId));
  }
  const found = await sqlRows(
    ctx.em,
    `select unit_id, unit_name, members, submitted, decided, published, decided::numeric / members as completion
       from reporting.unit_month where month = ? and members > 0 and ${scope.where}${keyset}
      order by decided::numeric / members, unit_id limit ?`,
    [...params, size + 1],
  );
  const items = found.slice(0, size).map((r) => {
    const completion = Number(r.completion);
    return {
      unitId: r.unit_id as string,
      unitName: r.unit_name as string,
      members: Number(r.members),
      submitted: Number(r.submitted),
      decided: Number(r.decided),
      published: Number(r.published),
      completion: round(completion, 4),
      cursor: encode([Number(r.decided), Number(r.members), r.unit_id as string]),
    };
  });
  return { items, endCursor: items.at(-1)?.cursor ?? null, hasNextPage: found.length > size };
}

export interface ResultRow {
  personId: string;
  fullName: string;
  positionName: string;
  unitName: string;
  state: string;
  statedGrade: Grade | null;
  finalScore: number | null;
  finalGrade: Grade | null;
  kpi: number | null;
  cursor: string;
}

export type ResultPage = Page<ResultRow>;

/** The person-month results of a scope, by name, cursor-paginated (at most 500 a page). */
export async function results(ctx: Context, scopeInput: ScopeInput | null | undefined, monthText: string, first: number | null | undefined, after: string | null | undefined): Promise<Page<ResultRow>> {
  const month = parseMonth('month', monthText).text;
  const size = pageSize(first, 100);
  const scope = await resolveScope(ctx, scopeInput);
  const params: unknown[] = [month, ...scope.params];
  let keyset = '';
  if (after) {
    const [name, id] = decode(after, 'after') as [string, string];
    if (typeof name !== 'string' || typeof id !== 'string') throw badInput('after', 'is not a cursor this list gave');
    keyset = ` and (full_name, person_id) > (?, ?::uuid)`;
    params.push(name, parseId('after', id));
  }
  const found = await sqlRows(
    ctx.em,
    `select person_id, full_name, position_name, unit_name, state, stated_grade, final_score, final_grade, kpi
       from reporting.result where month = ? and ${scope.where}${keyset}
      order by full_name, person_id limit ?`,
    [...params, size + 1],
  );
  const items = found.slice(0, size).map((r) => ({
    personId: r.person_id as string,
    fullName: r.full_name as string,
    positionName: r.position_name as string,
    unitName: r.unit_name as string,
    state: r.state as string,
    statedGrade: (r.stated_grade as Grade | null) ?? null,
    finalScore: r.final_score == null ? null : Number(r.final_score),
    finalGrade: (r.final_grade as Grade | null) ?? null,
    kpi: r.kpi == null ? null : Number(r.kpi),
    cursor: encode([r.full_name as string, r.person_id as string]),
  }));
  return { items, endCursor: items.at(-1)?.cursor ?? null, hasNextPage: found.length > size };
}
