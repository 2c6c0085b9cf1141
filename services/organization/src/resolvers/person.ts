import type { PersonResolvers } from '../generated/resolvers-types';
import { resolveChain } from '../chain';
import { Transfer } from '../entities';
import { parseMonth } from '../input';

export const Person: PersonResolvers = {
  __resolveReference: async (ref, ctx) => {
    const person = await ctx.loaders.person.load(ref.id);
    if (person) await ctx.access.requireReadPerson(person);
    return person;
  },
  name: (person) => person.fullName,
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
  transfers: (person, _args, ctx) => ctx.em.find(Transfer, { personId: person.id }, { orderBy: { effectiveDate: 'asc', recordedAt: 'asc' } }),
  evaluationChain: (person, { month }, ctx) => resolveChain(ctx, person, parseMonth('month', month)),
};
