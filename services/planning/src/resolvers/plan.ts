import type { PlanResolvers } from '../generated/resolvers-types';
import { toTask } from '../records';
import { rows } from '../sql';

export const Plan: PlanResolvers = {
  unit: (plan) => ({ id: plan.unitId }),
  person: (plan) => (plan.personId ? { id: plan.personId } : null),
  submittedAt: (plan) => plan.submittedAt?.toISOString() ?? null,
  decidedAt: (plan) => plan.decidedAt?.toISOString() ?? null,
  tasks: async (plan, _a, ctx) => (await rows(ctx.em, 'select * from planning.task where plan_id = ? order by assigned_on, id', [plan.id])).map(toTask),
  plannedSize: async (plan, _a, ctx) => {
    const [row] = await rows(ctx.em, 'select coalesce(sum(size), 0) as total from planning.task where plan_id = ?', [plan.id]);
    return Number(row!.total);
  },
};
