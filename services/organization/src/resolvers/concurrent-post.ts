import type { ConcurrentPostResolvers } from '../generated/resolvers-types';

export const ConcurrentPost: ConcurrentPostResolvers = {
  unit: async (post, _args, ctx) => (await ctx.loaders.unit.load(post.unitId))!,
  position: async (post, _args, ctx) => (await ctx.loaders.position.load(post.positionId))!,
};
