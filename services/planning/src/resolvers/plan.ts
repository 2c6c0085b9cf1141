import type { PlanResolvers } from '../generated/resolvers-types';
import { toTask, type Plan as PlanRecord } from '../records';
import { rows } from '../sql';

/** A personal plan lists its own tasks; the unit's plan gathers every member's tasks of the month. */
const taskFilter = (plan: PlanRecord): [string, unknown[]] =>
  plan.personId ? ['plan_id = ?', [plan.id]] : ['unit_id = ? and month = ?', [plan.unitId, plan.month]];

export const Plan: PlanResolvers = {
  unit: (plan) => ({ id: plan.unitId }),
  person: (plan) => (plan.personId ? { id: plan.personId } : null),
  submittedAt: (plan) => plan.submittedAt?.toISOString() ?? null,
  decidedAt: (plan) => plan.decidedAt?.toISOString() ?? null,
  tasks: async (plan, _a, ctx) => {
    const [where, params] = taskFilter(plan);
    return (await rows(ctx.em, `select * from planning.task where ${where} order by assigned_on, id`, params)).map(toTask);
  },
  plannedSize: async (plan, _a, ctx) => {
    const [where, params] = taskFilter(plan);
    const [row] = await rows(ctx.em, `select coalesce(sum(size), 0) as total from planning.task where ${where}`, params);
    return Number(row!.total);
  },
};
