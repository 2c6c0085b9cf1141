import { forbidden, notFound } from '@cbccvc/platform';
import type { QueryResolvers } from '../generated/resolvers-types';
import { resolveChain } from '../chain';
import { AuditEntry, Jurisdiction, Position } from '../entities';
import { pageSize, parseId, parseMonth } from '../input';
import { listAccounts, listPeople, listUnits } from '../listings';
import { loadPerson, } from '../people';
import { loadUnit } from '../units';

export const Query: QueryResolvers = {
  me: (_parent, _args, ctx) => ({ username: ctx.principal.username, roles: [...ctx.principal.roles].sort() }) as never,
  jurisdictions: (_parent, _args, ctx) => ctx.em.find(Jurisdiction, {}, { orderBy: { kind: 'asc', name: 'asc' } }),
  positions: (_parent, _args, ctx) => ctx.em.find(Position, {}, { orderBy: { sortOrder: 'asc', name: 'asc' } }),
  unit: async (_parent, { id }, ctx) => ctx.loaders.unit.load(parseId('id', id)),
  units: (_parent, { filter, first, after }, ctx) => listUnits(ctx, filter ?? {}, first, after),
  person: async (_parent, { id }, ctx) => {
    const person = await ctx.loaders.person.load(parseId('id', id));
    if (!person) return null;
    await ctx.access.requireReadPerson(person);
    return person;
  },
  people: (_parent, { filter, first, after }, ctx) => listPeople(ctx, filter, first, after),
  evaluationChain: async (_parent, { personId, month }, ctx) => {
    const parsedMonth = parseMonth('month', month);
    const person = await loadPerson(ctx.em, 'personId', personId);
    await ctx.access.requireReadPerson(person);
    return resolveChain(ctx, person, parsedMonth);
  },
  accounts: (_parent, { filter, first, after }, ctx) => listAccounts(ctx, filter, first, after),
  auditTrail: async (_parent, { entityId, first }, ctx) => {
    if (!ctx.access.isAdmin) throw forbidden('Only administrators may read the audit trail');
    const entries = await ctx.em.find(AuditEntry, { entityId }, { orderBy: { id: 'desc' }, limit: pageSize(first) });
    // The trail of a record is visible to whoever administers the unit it belongs to.
    const subject = entries[0];
    if (subject && !ctx.access.isCityAdmin) {
      // A jurisdiction's settings are the city administrator's (setJurisdictionQuotaBase).
      if (subject.entityType === 'Jurisdiction') throw forbidden('Only a city administrator may read the audit trail of a jurisdiction');
      const after = (subject.after ?? subject.before) as { unitId?: string; personId?: string } | null;
      const unitId = subject.entityType === 'Unit' ? subject.entityId : after?.unitId
        ?? (after?.personId ? (await loadPerson(ctx.em, 'entityId', after.personId)).unitId : null);
      if (!unitId) throw notFound('entityId', 'record', entityId);
      await ctx.access.requireAdmin(await loadUnit(ctx.em, 'entityId', unitId), 'read this audit trail');
    }
    return entries;
  },
};
