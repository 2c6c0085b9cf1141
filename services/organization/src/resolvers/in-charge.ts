import type { InChargeResolvers } from '../generated/resolvers-types';
import { present } from './present';

export const InCharge: InChargeResolvers = {
  leader: async (view, _args, ctx) => (await ctx.loaders.person.load(view.leaderId))!,
  units: async (view, _args, ctx) => present(await ctx.loaders.unit.loadMany(view.unitIds)),
  people: async (view, _args, ctx) => present(await ctx.loaders.person.loadMany(view.personIds)),
};
