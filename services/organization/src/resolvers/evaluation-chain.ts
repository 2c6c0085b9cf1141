import type { EvaluationChainResolvers } from '../generated/resolvers-types';

export const EvaluationChain: EvaluationChainResolvers = {
  person: async (chain, _args, ctx) => (await ctx.loaders.person.load(chain.personId))!,
  commenter: (chain, _args, ctx) => (chain.commenterId ? ctx.loaders.person.load(chain.commenterId) : null),
  decider: (chain, _args, ctx) => (chain.deciderId ? ctx.loaders.person.load(chain.deciderId) : null),
  deciderAuthority: (chain, _args, ctx) => (chain.deciderAuthorityUnitId ? ctx.loaders.unit.load(chain.deciderAuthorityUnitId) : null),
  commenterAuthority: (chain, _args, ctx) => (chain.commenterAuthorityUnitId ? ctx.loaders.unit.load(chain.commenterAuthorityUnitId) : null),
  commenterActingFor: (chain, _args, ctx) => (chain.commenterActingForId ? ctx.loaders.person.load(chain.commenterActingForId) : null),
  deciderActingFor: (chain, _args, ctx) => (chain.deciderActingForId ? ctx.loaders.person.load(chain.deciderActingForId) : null),
};
