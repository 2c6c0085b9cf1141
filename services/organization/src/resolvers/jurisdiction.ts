import type { JurisdictionResolvers } from '../generated/resolvers-types';

export const Jurisdiction: JurisdictionResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.jurisdiction.load(ref.id),
  parent: (jurisdiction, _args, ctx) => (jurisdiction.parentId ? ctx.loaders.jurisdiction.load(jurisdiction.parentId) : null),
};
