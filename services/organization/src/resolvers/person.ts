import { forbidden } from '@cbccvc/platform';
import type { PersonResolvers } from '../generated/resolvers-types';
import { concurrentPostsOf, inChargeOfLeader } from '../authority';
import { resolveChain } from '../chain';
import type { Context } from '../context';
import { Transfer, type Person as PersonEntity } from '../entities';
import { pageSize, parseId, parseMonth } from '../input';
import { listNotifications } from '../notifications';

/**
 * Who works where — name, unit, position — is the public organisation chart: any signed-in user,
 * and any subgraph resolving a reference, may see it. Personal details (e-mail, party membership,
 * transfers, evaluation chain, account) are for those who may read the person (Access).
 */
async function requireDetails(ctx: Context, person: PersonEntity, what: string): Promise<void> {
  if (!(await ctx.access.canReadPerson(person))) throw forbidden(`You may not see the ${what} of ${person.fullName}`);
}

export const Person: PersonResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.person.load(parseId('id', ref.id)),
  name: (person) => person.fullName,
  email: async (person, _args, ctx) => {
    await requireDetails(ctx, person, 'e-mail');
    return person.email;
  },
  partyMember: async (person, _args, ctx) => {
    await requireDetails(ctx, person, 'party membership');
    return person.partyMember;
  },
  unit: async (person, _args, ctx) => (await ctx.loaders.unit.load(person.unitId))!,
  position: async (person, _args, ctx) => (await ctx.loaders.position.load(person.positionId))!,
  // Account details are for the holder and the administrators of the person's unit.
  account: async (person, _args, ctx) => {
    const caller = await ctx.access.caller();
    if (caller?.id !== person.id) {
      const unit = await ctx.loaders.unit.load(person.unitId);
      if (!unit || !(await ctx.access.administers(unit))) return null;
    }
    return ctx.loaders.accountOfPerson.load(person.id);
  },
  transfers: async (person, _args, ctx) => {
    await requireDetails(ctx, person, 'transfers');
    return ctx.em.find(Transfer, { personId: person.id }, { orderBy: { effectiveDate: 'asc', recordedAt: 'asc' } });
  },
  evaluationChain: async (person, { month }, ctx) => {
    await requireDetails(ctx, person, 'evaluation chain');
    return resolveChain(ctx, person, parseMonth('month', month));
  },
  inCharge: async (person, { month }, ctx) => {
    await requireDetails(ctx, person, 'assignments');
    return inChargeOfLeader(ctx, person.id, month);
  },
  concurrentPosts: async (person, _args, ctx) => {
    await requireDetails(ctx, person, 'concurrent posts');
    return concurrentPostsOf(ctx, person.id);
  },
  // Notifications are the person's own mail: nobody else reads them, administrators included.
  notifications: async (person, { unreadOnly, first }, ctx) => {
    const size = pageSize(first);
    if ((await ctx.access.caller())?.id !== person.id) throw forbidden(`Only ${person.fullName} may read their notifications`);
    return listNotifications(ctx.em, person.id, { unreadOnly: unreadOnly ?? false, first: size });
  },
};
