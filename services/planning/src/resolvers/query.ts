import { applyTransfers } from '../transfers';
import { badInput, notFound } from '@cbccvc/platform';
import { parseDate, parseId, parseMonth } from '@cbccvc/organization';
import type { QueryResolvers } from '../generated/resolvers-types';
import { catalogueInForce, template } from '../catalogue';
import { kpiOf } from '../kpi';
import { loadPlan } from '../plans';
import { isDirectLeader, requireRead, requireReadUnit, subjectOf } from '../permissions';
import { toPlan, toSnapshot, toTask } from '../records';
import { one, rows } from '../sql';

export const Query: QueryResolvers = {
  catalogue: async (_p, { unitId, month }, ctx) => {
    const unit = await ctx.loaders.unit.load(parseId('unitId', unitId));
    if (!unit) throw notFound('unitId', 'unit', unitId);
    return catalogueInForce(ctx, unit.id, parseMonth('month', month).text);
  },
  catalogueTemplate: (_p, { format }) => template(format === 'XLSX' ? 'xlsx' : 'csv'),
  plan: async (_p, { id }, ctx) => {
    await applyTransfers(ctx);
    const plan = await loadPlan(ctx, 'id', id);
    if (plan.personId) await requireRead(ctx, await subjectOf(ctx, 'id', plan.personId, plan.month));
    else await requireReadUnit(ctx, (await ctx.loaders.unit.load(plan.unitId))!);
    return plan;
  },
  personPlan: async (_p, { personId, month }, ctx) => {
    await applyTransfers(ctx);
    const subject = await subjectOf(ctx, 'personId', personId, month);
    await requireRead(ctx, subject);
    return one(ctx.em, 'select * from planning.plan where person_id = ? and month = ?', [subject.person.id, subject.month.text], toPlan);
  },
  unitPlan: async (_p, { unitId, month }, ctx) => {
    const unit = await ctx.loaders.unit.load(parseId('unitId', unitId));
    if (!unit) throw notFound('unitId', 'unit', unitId);
    await requireReadUnit(ctx, unit);
    return one(ctx.em, 'select * from planning.plan where unit_id = ? and person_id is null and month = ?', [unit.id, parseMonth('month', month).text], toPlan);
  },
  unitPlanStatus: async (_p, { unitId, month }, ctx) => {
    await applyTransfers(ctx);
    const unit = await ctx.loaders.unit.load(parseId('unitId', unitId));
    if (!unit) throw notFound('unitId', 'unit', unitId);
    await requireReadUnit(ctx, unit);
    const monthText = parseMonth('month', month).text;
    const members = await rows(
      ctx.em,
      `select pl.*, p.id as member_id, pl.id as plan_id, (select count(*) from planning.task t where t.plan_id = pl.id)::int as task_count
         from organization.person p
         left join planning.plan pl on pl.person_id = p.id and pl.month = ?
        where p.unit_id = ? and p.active
        order by p.full_name, p.id`,
      [monthText, unit.id],
    );
    return members.map((row) => ({ personId: row.member_id as string, plan: row.plan_id ? toPlan(row) : null, taskCount: Number(row.task_count) }));
  },
  plansToApprove: async (_p, { month }, ctx) => {
    await applyTransfers(ctx);
    const monthText = parseMonth('month', month).text;
    const caller = await ctx.access.caller();
    if (!caller) return [];
    // Submitted plans of people in the units the caller leads; the chain decides who is the leader.
    const submitted = (await rows(
      ctx.em,
      `select pl.* from planning.plan pl join organization.unit u on u.id = pl.unit_id
        where pl.month = ? and pl.status = 'SUBMITTED' and pl.person_id is not null
          and (u.path like ? or pl.person_id in (select person_id from organization.chain_override where commenter_id = ? or decider_id = ?))
        order by pl.submitted_at`,
      [monthText, `%/${caller.unitId}/%`, caller.id, caller.id],
    )).map(toPlan);
    const mine = [];
    for (const plan of submitted) {
      const subject = await subjectOf(ctx, 'month', plan.personId!, plan.month);
      if (await isDirectLeader(ctx, subject)) mine.push(plan);
    }
    return mine;
  },
  weekSchedule: async (_p, { personId, weekStart }, ctx) => {
    const monday = parseDate('weekStart', weekStart);
    if (new Date(`${monday}T00:00:00Z`).getUTCDay() !== 1) throw badInput('weekStart', `${monday} is not a Monday`);
    const sunday = new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
    await requireRead(ctx, await subjectOf(ctx, 'personId', personId, monday.slice(0, 7)));
    // Planned for the week, or assigned during it.
    return (await rows(
      ctx.em,
      `select * from planning.task where person_id = ? and (week_start = ? or assigned_on between ? and ?) order by assigned_on, id`,
      [personId, monday, monday, sunday],
    )).map(toTask);
  },
  kpi: (_p, { personId, month }, ctx) => kpiOf(ctx, personId, month),
  kpiSnapshot: async (_p, { id }, ctx) => {
    const snapshot = await one(ctx.em, 'select * from planning.kpi_snapshot where id = ?', [parseId('id', id)], toSnapshot);
    if (!snapshot) return null;
    await requireRead(ctx, await subjectOf(ctx, 'id', snapshot.personId, snapshot.month));
    return snapshot;
  },
};
