import { parseId } from '../input';
import { policyOfJurisdiction } from '../policy';
import type { JurisdictionResolvers } from '../generated/resolvers-types';

export const Jurisdiction: JurisdictionResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.jurisdiction.load(parseId('id', ref.id)),
  parent: (jurisdiction, _args, ctx) => (jurisdiction.parentId ? ctx.loaders.jurisdiction.load(jurisdiction.parentId) : null),
  quotaBase: (jurisdiction) => policyOfJurisdiction(jurisdiction).quota?.base ?? null,
};
