import { parseId } from '@cbccvc/organization';
import type { PersonResolvers } from '../generated/resolvers-types';
import { kpiOf } from '../kpi';
import { requireRead, subjectOf } from '../permissions';
import { toPlan } from '../records';
import { one } from '../sql';

/** Fields planning adds to organization's Person. */
export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ id: parseId('id', ref.id) }),
  kpi: (person, { month }, ctx) => kpiOf(ctx, person.id, month),
  plan: async (person, { month }, ctx) => {
    const subject = await subjectOf(ctx, 'id', person.id, month);
    await requireRead(ctx, subject);
    return one(ctx.em, 'select * from planning.plan where person_id = ? and month = ?', [subject.person.id, subject.month.text], toPlan);
  },
};
