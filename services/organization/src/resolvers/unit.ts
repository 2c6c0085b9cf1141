import { parseId } from '../input';
import type { UnitResolvers } from '../generated/resolvers-types';
import { FocalPoint, Person, Unit as UnitEntity } from '../entities';
import type { Context } from '../context';
import { present } from './present';
import { authorityDelegatesOf } from '../authority';

export const Unit: UnitResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.unit.load(parseId('id', ref.id)),
  jurisdiction: async (unit, _args, ctx) => (await ctx.loaders.jurisdiction.load(unit.jurisdictionId))!,
  parent: (unit, _args, ctx) => (unit.parentId ? ctx.loaders.unit.load(unit.parentId) : null),
  ancestors: async (unit, _args, ctx) => {
    const ids = unit.path.split('/').filter(Boolean).slice(0, -1);
    return present(await ctx.loaders.unit.loadMany(ids));
  },
  children: (unit, { includeClosed }, ctx) =>
    ctx.em.find(UnitEntity, { parentId: unit.id, ...(includeClosed ? {} : { closedAt: null }) }, { orderBy: { name: 'asc', id: 'asc' } }),
  closedAt: (unit) => unit.closedAt?.toISOString() ?? null,
  head: (unit, _args, ctx) => leaders(ctx, unit.id, 'HEAD').then((people) => people[0] ?? null),
  deputies: (unit, _args, ctx) => leaders(ctx, unit.id, 'DEPUTY'),
  focalPoint: async (unit, _args, ctx) => {
    const focal = await ctx.em.findOne(FocalPoint, { unitId: unit.id });
    return focal ? ctx.loaders.person.load(focal.personId) : null;
  },
  memberCount: (unit, _args, ctx) => ctx.em.count(Person, { unitId: unit.id, active: true }),
  authority: (unit) => unit.authority,
  // Who records an authority's decisions: the city administrators' and the delegates' own business.
  authorityDelegates: async (unit, _args, ctx) => {
    const ids = await authorityDelegatesOf(ctx, unit.id);
    const caller = await ctx.access.caller();
    if (!ctx.access.isCityAdmin && !(caller && ids.includes(caller.id))) return [];
    return present(await ctx.loaders.person.loadMany(ids));
  },
};

async function leaders(ctx: Context, unitId: string, rank: 'HEAD' | 'DEPUTY') {
  const rows = (await ctx.em.getConnection().execute(
    `select p.id from organization.person p join organization.position po on po.id = p.position_id
      where p.unit_id = ? and p.active and po.rank = ? order by po.sort_order, p.full_name, p.id`,
    [unitId, rank],
  )) as { id: string }[];
  return present(await ctx.loaders.person.loadMany(rows.map((row) => row.id)));
}
