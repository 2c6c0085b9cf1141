import type { ViewerResolvers } from '../generated/resolvers-types';
import { confirmPasswordChanged } from '../accounts';
import { Account } from '../entities';

export const Viewer: ViewerResolvers = {
  person: (_viewer, _args, ctx) => ctx.access.caller(),
  account: async (_viewer, _args, ctx) => {
    const account = await ctx.em.findOne(Account, { idpUserId: ctx.principal.subject });
    return account ? confirmPasswordChanged(ctx, account) : null;
  },
  administeredBlocks: (_viewer, _args, ctx) => (ctx.access.isCityAdmin ? ['PARTY', 'GOVERNMENT', 'SCHOOL'] : ctx.access.adminBlocks),
  focalPointOf: async (_viewer, _args, ctx) => {
    const ids = [...(await ctx.access.focalPointUnitIds())];
    return (await ctx.loaders.unit.loadMany(ids)).filter((u): u is NonNullable<typeof u> & object => !!u && !(u instanceof Error)) as never;
  },
};
