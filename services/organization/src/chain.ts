import { defaultEvaluationChain, type ChainUnit } from '@cbccvc/rules';
import { badInput } from '@cbccvc/platform';
import type { Context } from './context';
import type { ChainOverride, Person } from './entities';
import { record } from './loaders';
import { policyOf } from './policy';

/** The evaluation chain of one person for one month, as served by the API. */
export interface ResolvedChain {
  personId: string;
  month: string;
  commenterId: string | null;
  deciderId: string | null;
  deciderAuthorityUnitId: string | null;
  basis: string;
  overridden: boolean;
}

/** The last day of a month: assignments in force that day define the month's chain. */
export const lastDayOf = (year: number, month: number): string =>
  new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

interface AssignmentRow {
  unit_id: string;
  person_id: string;
  rank: 'HEAD' | 'DEPUTY' | 'STAFF';
}

/**
 * Default chain from the rules (position, unit tree, staff count, policy), replaced part by part by
 * the focal point's override in force for that month in the person's unit of that month.
 */
export async function resolveChain(ctx: Pick<Context, 'em' | 'loaders'>, person: Person, month: { year: number; month: number; text: string }): Promise<ResolvedChain> {
  const asOf = lastDayOf(month.year, month.month);
  const connection = ctx.em.getConnection();
  const [own] = (await connection.execute(
    `select a.unit_id, a.person_id, p.rank from organization.assignment a
       join organization.position p on p.id = a.position_id
      where a.person_id = ? and a.valid_from <= ? and (a.valid_to is null or a.valid_to > ?)
      order by a.valid_from desc limit 1`,
    [person.id, asOf, asOf],
    'all',
    ctx.em.getTransactionContext(),
  )) as AssignmentRow[];
  if (!own) throw badInput('month', `${person.fullName} was not assigned to any unit in ${month.text}`);

  const unit = await ctx.loaders.unit.load(own.unit_id);
  if (!unit) throw new Error(`unit ${own.unit_id} of an assignment is missing`);
  // Ancestors from the materialised path, nearest last.
  const lineage = unit.path.split('/').filter(Boolean);
  const units = (await ctx.loaders.unit.loadMany(lineage)).map((u) => (u instanceof Error ? null : u));
  const rows = (await connection.execute(
    `select a.unit_id, a.person_id, p.rank from organization.assignment a
       join organization.position p on p.id = a.position_id
       join organization.person pe on pe.id = a.person_id
      where a.unit_id in (?) and a.valid_from <= ? and (a.valid_to is null or a.valid_to > ?)
      order by p.sort_order, pe.full_name, pe.id`,
    [lineage, asOf, asOf],
    'all',
    ctx.em.getTransactionContext(),
  )) as AssignmentRow[];

  let chainUnit: ChainUnit | null = null;
  for (const [index, id] of lineage.entries()) {
    const members = rows.filter((row) => row.unit_id === id);
    chainUnit = {
      id,
      headId: members.find((row) => row.rank === 'HEAD')?.person_id ?? null,
      deputyIds: members.filter((row) => row.rank === 'DEPUTY').map((row) => row.person_id),
      staffCount: members.length,
      external: units[index]?.kind === 'EXTERNAL_AUTHORITY',
      parent: chainUnit,
    };
  }
  const policy = await policyOf(ctx, unit.jurisdictionId);
  const derived = defaultEvaluationChain({ id: person.id, rank: own.rank }, chainUnit!, {
    delegateCommentMinStaff: policy.chain.delegateCommentMinStaff,
  });

  const [overrideRow] = (await connection.execute(
    `select * from organization.chain_override where person_id = ? and unit_id = ? and effective_from <= ? order by effective_from desc limit 1`,
    [person.id, unit.id, month.text],
    'all',
    ctx.em.getTransactionContext(),
  )) as Record<string, unknown>[];
  const override = overrideRow ? record<ChainOverride>(overrideRow) : null;
  if (!override) return { personId: person.id, month: month.text, ...derived, overridden: false };
  return {
    personId: person.id,
    month: month.text,
    commenterId: override.commenterId ?? derived.commenterId,
    deciderId: override.deciderId ?? derived.deciderId,
    deciderAuthorityUnitId: override.deciderId ? null : derived.deciderAuthorityUnitId,
    basis: `configured by the unit from ${override.effectiveFrom} (${override.reason}); default: ${derived.basis}`,
    overridden: true,
  };
}
