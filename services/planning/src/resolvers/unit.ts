import { parseId, parseMonth } from '@cbccvc/organization';
import type { UnitResolvers } from '../generated/resolvers-types';
import { catalogueInForce } from '../catalogue';
import { requireReadUnit } from '../permissions';
import { toPlan } from '../records';
import { one } from '../sql';

/** Fields planning adds to organization's Unit. */
export const Unit: UnitResolvers = {
  __resolveReference: (ref) => ({ id: parseId('id', ref.id) }),
  catalogue: (unit, { month }, ctx) => catalogueInForce(ctx, unit.id, parseMonth('month', month).text),
  plan: async (unit, { month }, ctx) => {
    const loaded = await ctx.loaders.unit.load(unit.id);
    if (!loaded) return null;
    await requireReadUnit(ctx, loaded);
    return one(ctx.em, 'select * from planning.plan where unit_id = ? and person_id is null and month = ?', [unit.id, parseMonth('month', month).text], toPlan);
  },
};
