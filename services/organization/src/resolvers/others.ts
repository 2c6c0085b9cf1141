import type {
  AuditEntryResolvers,
  EvaluationChainResolvers,
  JurisdictionResolvers,
  PositionResolvers,
  TransferResolvers,
} from '../generated/resolvers-types';

export const Jurisdiction: JurisdictionResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.jurisdiction.load(ref.id),
  parent: (jurisdiction, _args, ctx) => (jurisdiction.parentId ? ctx.loaders.jurisdiction.load(jurisdiction.parentId) : null),
};

export const Position: PositionResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.position.load(ref.id),
};

export const Transfer: TransferResolvers = {
  fromUnit: async (transfer, _args, ctx) => (await ctx.loaders.unit.load(transfer.fromUnitId))!,
  toUnit: async (transfer, _args, ctx) => (await ctx.loaders.unit.load(transfer.toUnitId))!,
  recordedAt: (transfer) => transfer.recordedAt.toISOString(),
};

export const EvaluationChain: EvaluationChainResolvers = {
  person: async (chain, _args, ctx) => (await ctx.loaders.person.load(chain.personId))!,
  commenter: (chain, _args, ctx) => (chain.commenterId ? ctx.loaders.person.load(chain.commenterId) : null),
  decider: (chain, _args, ctx) => (chain.deciderId ? ctx.loaders.person.load(chain.deciderId) : null),
  deciderAuthority: (chain, _args, ctx) => (chain.deciderAuthorityUnitId ? ctx.loaders.unit.load(chain.deciderAuthorityUnitId) : null),
};

export const AuditEntry: AuditEntryResolvers = {
  id: (entry) => String(entry.id),
  at: (entry) => entry.at.toISOString(),
  before: (entry) => (entry.before == null ? null : JSON.stringify(entry.before)),
  after: (entry) => (entry.after == null ? null : JSON.stringify(entry.after)),
};
