import type { MutationResolvers } from '../generated/resolvers-types';
import { issueAccount, lockAccount, resetAccount } from '../accounts';
import { resolveChain } from '../chain';
import { parseMonth } from '../input';
import { setJurisdictionQuotaBase } from '../jurisdictions';
import { addConcurrentPost, endConcurrentPost, setAuthorityDelegate, setInCharge } from '../authority';
import { markNotificationsRead } from './notification';
import { createPerson, setChainOverride, setFocalPoint, transferPerson, updatePerson } from '../people';
import { closeUnit, createUnit, updateUnit } from '../units';

export const Mutation: MutationResolvers = {
  createUnit: (_parent, { input }, ctx) => createUnit(ctx, input),
  updateUnit: (_parent, { id, expectedVersion, input }, ctx) => updateUnit(ctx, id, expectedVersion, input),
  closeUnit: (_parent, { id, expectedVersion }, ctx) => closeUnit(ctx, id, expectedVersion),
  createPerson: (_parent, { input }, ctx) => createPerson(ctx, input),
  updatePerson: (_parent, { id, expectedVersion, input }, ctx) => updatePerson(ctx, id, expectedVersion, input),
  transferPerson: (_parent, { id, expectedVersion, input }, ctx) => transferPerson(ctx, id, expectedVersion, input),
  issueAccount: (_parent, { personId, username }, ctx) => issueAccount(ctx, personId, username),
  lockAccount: (_parent, { id, expectedVersion, reason }, ctx) => lockAccount(ctx, id, expectedVersion, reason),
  unlockAccount: (_parent, { id, expectedVersion }, ctx) => resetAccount(ctx, id, expectedVersion, 'unlock'),
  resetAccount: (_parent, { id, expectedVersion }, ctx) => resetAccount(ctx, id, expectedVersion, 'reset'),
  setFocalPoint: (_parent, { unitId, personId }, ctx) => setFocalPoint(ctx, unitId, personId),
  setEvaluationChainOverride: async (_parent, { personId, input }, ctx) => {
    const person = await setChainOverride(ctx, personId, input);
    return resolveChain(ctx, person, parseMonth('input.effectiveFrom', input.effectiveFrom));
  },
  setInCharge: (_parent, { leaderId, input }, ctx) => setInCharge(ctx, leaderId, input),
  addConcurrentPost: (_parent, { personId, input }, ctx) => addConcurrentPost(ctx, personId, input),
  endConcurrentPost: (_parent, { personId, unitId, effectiveDate }, ctx) => endConcurrentPost(ctx, personId, unitId, effectiveDate),
  setAuthorityDelegate: (_parent, { authorityUnitId, personId, active }, ctx) => setAuthorityDelegate(ctx, authorityUnitId, personId, active),
  setJurisdictionQuotaBase: (_parent, { jurisdictionId, base, reason }, ctx) => setJurisdictionQuotaBase(ctx, jurisdictionId, base, reason),
  markNotificationsRead: (_parent, { ids }, ctx) => markNotificationsRead(ctx, ids),
};
