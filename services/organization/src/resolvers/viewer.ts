import type { ViewerResolvers } from '../generated/resolvers-types';
import { confirmPasswordChanged } from '../accounts';
import { authoritiesActedForBy } from '../authority';
import { present } from './present';
import { Account } from '../entities';
import { pageSize } from '../input';
import { countUnread, listNotifications } from '../notifications';

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
  actsForAuthorities: async (_viewer, _args, ctx) => {
    const person = await ctx.access.caller();
    return person ? present(await ctx.loaders.unit.loadMany(await authoritiesActedForBy(ctx.em, person.id))) : [];
  },
  notifications: async (_viewer, { unreadOnly, first }, ctx) => {
    const size = pageSize(first);
    const person = await ctx.access.caller();
    return person ? listNotifications(ctx.em, person.id, { unreadOnly: unreadOnly ?? false, first: size }) : [];
  },
  unreadNotificationCount: async (_viewer, _args, ctx) => {
    const person = await ctx.access.caller();
    return person ? countUnread(ctx.em, person.id) : 0;
  },
};
