import { defaultEvaluationChain, type ChainContext, type ChainUnit, type ExternalAuthorityRole } from '@cbccvc/rules';
import { badInput } from '@cbccvc/platform';
import type { Context } from './context';
import type { ChainOverride, Person } from './entities';
import { record } from './loaders';
import { policyOf } from './policy';

/** The evaluation chain of one person for one month, as served by the API. */
export interface ResolvedChain {
  personId: string;
  month: string;
  /** The unit of the person's main post that month: where their form belongs. */
  unitId: string;
  commenterId: string | null;
  /** A collective commenter, recorded by the account acting for this external authority. */
  commenterAuthorityUnitId: string | null;
  deciderId: string | null;
  deciderAuthorityUnitId: string | null;
  /** The default commenter / decider someone acts for this month (quyền, phụ trách thay). */
  commenterActingForId: string | null;
  deciderActingForId: string | null;
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

type Ctx = Pick<Context, 'em' | 'loaders'>;

const execute = async (ctx: Ctx, sql: string, params: unknown[]): Promise<Record<string, unknown>[]> =>
  (await ctx.em.getConnection().execute(sql, params, 'all', ctx.em.getTransactionContext())) as Record<string, unknown>[];

/**
 * Default chain from the rules (post, unit tree, the ward's Party committee, the city's external
 * authorities, who is in charge of what, policy), replaced part by part by the override in force
 * for that month in the person's unit. Someone with a concurrent post is evaluated on their main post.
 */
export async function resolveChain(ctx: Ctx, person: Person, month: { year: number; month: number; text: string }): Promise<ResolvedChain> {
  const asOf = lastDayOf(month.year, month.month);
  const [own] = (await execute(
    ctx,
    `select a.unit_id, a.person_id, p.rank from organization.assignment a
       join organization.position p on p.id = a.position_id
      where a.person_id = ? and not a.concurrent and a.valid_from <= ? and (a.valid_to is null or a.valid_to > ?)
      order by a.valid_from desc limit 1`,
    [person.id, asOf, asOf],
  )) as unknown as AssignmentRow[];
  if (!own) throw badInput('month', `${person.fullName} không công tác tại đơn vị nào trong tháng ${month.text.slice(5)}/${month.text.slice(0, 4)}`);

  const unit = await ctx.loaders.unit.load(own.unit_id);
  if (!unit) throw new Error(`unit ${own.unit_id} of an assignment is missing`);
  // Ancestors from the materialised path, nearest last; and the ward's Party committee.
  const lineage = unit.path.split('/').filter(Boolean);
  const [committeeRow] = await execute(
    ctx,
    `select id from organization.unit where jurisdiction_id = ? and kind = 'PARTY_COMMITTEE' and closed_at is null order by length(path), id limit 1`,
    [unit.jurisdictionId],
  );
  const committeeId = (committeeRow?.id as string | undefined) ?? null;
  const unitIds = committeeId && !lineage.includes(committeeId) ? [...lineage, committeeId] : lineage;
  const units = new Map((await ctx.loaders.unit.loadMany(unitIds)).flatMap((u) => (u instanceof Error || !u ? [] : [[u.id, u] as const])));
  const rows = (await execute(
    ctx,
    `select a.unit_id, a.person_id, p.rank from organization.assignment a
       join organization.position p on p.id = a.position_id
       join organization.person pe on pe.id = a.person_id
      where a.unit_id in (?) and a.valid_from <= ? and (a.valid_to is null or a.valid_to > ?)
      order by p.sort_order, pe.full_name, pe.id`,
    [unitIds, asOf, asOf],
  )) as unknown as AssignmentRow[];

  const chainUnitOf = (id: string, parent: ChainUnit | null): ChainUnit => {
    const members = rows.filter((row) => row.unit_id === id);
    const u = units.get(id);
    return {
      id,
      kind: u?.kind ?? 'SUB_UNIT',
      authority: u?.authority ?? null,
      headId: members.find((row) => row.rank === 'HEAD')?.person_id ?? null,
      deputyIds: [...new Set(members.filter((row) => row.rank === 'DEPUTY').map((row) => row.person_id))],
      staffCount: new Set(members.map((row) => row.person_id)).size,
      parent,
    };
  };
  let chainUnit: ChainUnit | null = null;
  const byId = new Map<string, ChainUnit>();
  for (const id of lineage) {
    chainUnit = chainUnitOf(id, chainUnit);
    byId.set(id, chainUnit);
  }
  const partyCommittee = committeeId ? (byId.get(committeeId) ?? chainUnitOf(committeeId, null)) : null;

  const leaders = [...new Set(rows.filter((row) => row.rank === 'DEPUTY').map((row) => row.person_id))];
  const context: ChainContext = {
    partyCommittee,
    authorities: await externalAuthorities(ctx),
    inCharge: await inChargeOf(ctx, leaders, month.text),
  };
  const policy = await policyOf(ctx, unit.jurisdictionId);
  const derived = defaultEvaluationChain({ id: person.id, rank: own.rank }, chainUnit!, context, policy.chain);

  const [overrideRow] = await execute(
    ctx,
    `select * from organization.chain_override
      where person_id = ? and unit_id = ? and effective_from <= ? and (until_month is null or until_month >= ?)
      order by effective_from desc limit 1`,
    [person.id, unit.id, month.text, month.text],
  );
  const base = { personId: person.id, month: month.text, unitId: unit.id, commenterActingForId: null, deciderActingForId: null };
  const override = overrideRow ? record<ChainOverride>(overrideRow) : null;
  if (!override) return { ...base, ...derived, overridden: false };
  const replaces = (configured: string | null, fallback: string | null) => (override.acting && configured && configured !== fallback ? fallback : null);
  return {
    ...base,
    commenterId: override.commenterId ?? derived.commenterId,
    commenterAuthorityUnitId: override.commenterId ? null : derived.commenterAuthorityUnitId,
    deciderId: override.deciderId ?? derived.deciderId,
    deciderAuthorityUnitId: override.deciderId ? null : derived.deciderAuthorityUnitId,
    commenterActingForId: replaces(override.commenterId, derived.commenterId),
    deciderActingForId: replaces(override.deciderId, derived.deciderId),
    basis: `${override.acting ? 'người được giao quyền, phụ trách thay' : 'đơn vị cấu hình'} từ tháng ${override.effectiveFrom}${override.untilMonth ? ` đến tháng ${override.untilMonth}` : ''} (${override.reason}); mặc định: ${derived.basis}`,
    overridden: true,
  };
}

/** The city's external authorities by role (three rows; read once per request). */
async function externalAuthorities(ctx: Ctx): Promise<Partial<Record<ExternalAuthorityRole, string>>> {
  const rows = await execute(ctx, `select id, authority from organization.unit where authority is not null and closed_at is null`, []);
  return Object.fromEntries(rows.map((r) => [r.authority as string, r.id as string]));
}

/** The assignment in force in `month` of each leader: what they are in charge of. */
export async function inChargeOf(ctx: Ctx, leaderIds: string[], month: string): Promise<ChainContext['inCharge']> {
  if (leaderIds.length === 0) return new Map();
  const rows = await execute(
    ctx,
    `select distinct on (leader_id) leader_id, unit_ids::text[] as unit_ids, person_ids::text[] as person_ids from organization.in_charge
      where leader_id in (?) and effective_from <= ? order by leader_id, effective_from desc`,
    [leaderIds, month],
  );
  return new Map(rows.map((r) => [r.leader_id as string, { unitIds: r.unit_ids as string[], personIds: r.person_ids as string[] }]));
}
