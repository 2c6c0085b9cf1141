import type { TransferResolvers } from '../generated/resolvers-types';

export const Transfer: TransferResolvers = {
  fromUnit: async (transfer, _args, ctx) => (await ctx.loaders.unit.load(transfer.fromUnitId))!,
  toUnit: async (transfer, _args, ctx) => (await ctx.loaders.unit.load(transfer.toUnitId))!,
  recordedAt: (transfer) => transfer.recordedAt.toISOString(),
};
