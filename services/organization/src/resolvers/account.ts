import { parseId } from '../input';
import type { AccountResolvers } from '../generated/resolvers-types';
import { Account as AccountEntity } from '../entities';

export const Account: AccountResolvers = {
  __resolveReference: async (ref, ctx) => {
    const account = await ctx.em.findOne(AccountEntity, { id: parseId('id', ref.id) });
    if (!account) return null;
    const person = await ctx.loaders.person.load(account.personId);
    const unit = person ? await ctx.loaders.unit.load(person.unitId) : null;
    const caller = await ctx.access.caller();
    return caller?.id === account.personId || (unit && (await ctx.access.administers(unit))) ? account : null;
  },
  issuedAt: (account) => account.issuedAt.toISOString(),
  passwordChangeDeadline: (account) => account.passwordChangeDeadline?.toISOString() ?? null,
  lockedAt: (account) => account.lockedAt?.toISOString() ?? null,
  person: async (account, _args, ctx) => (await ctx.loaders.person.load(account.personId))!,
};
