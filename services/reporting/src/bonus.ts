import { GRADES, splitBonus, type Grade } from '@cbccvc/rules';
import { badInput, conflict, forbidden, notFound, sqlRows, sqlRun } from '@cbccvc/platform';
import { parseId, parseMonth } from '@cbccvc/organization';
import { randomUUID } from 'node:crypto';
import type { Context } from './context';
import { resolveScope } from './scope';

/**
 * Additional income (thu nhập tăng thêm) of a unit's month split by grade with `splitBonus` —
 * "quantify contribution, never split equally": a proposal by whoever reads the unit's reports
 * (its leaders, block administrators), confirmed by the unit's head — the proposal records who
 * proposed and who confirmed, and when. Amounts in whole đồng adding up to the pool exactly.
 */
export interface BonusShare {
  personId: string;
  fullName: string;
  grade: Grade;
  amount: number;
}

export interface BonusProposal {
  id: string;
  unitId: string;
  month: string;
  pool: number;
  coefficients: Record<Grade, number>;
  shares: BonusShare[];
  proposedBy: string;
  proposedAt: Date;
  confirmedBy: string | null;
  confirmedAt: Date | null;
  version: number;
}

const toProposal = (r: Record<string, unknown>): BonusProposal => ({
  id: r.id as string,
  unitId: r.unit_id as string,
  month: r.month as string,
  pool: Number(r.pool),
  coefficients: r.coefficients as Record<Grade, number>,
  shares: r.shares as BonusShare[],
  proposedBy: r.proposed_by as string,
  proposedAt: new Date(r.proposed_at as string),
  confirmedBy: (r.confirmed_by as string | null) ?? null,
  confirmedAt: r.confirmed_at ? new Date(r.confirmed_at as string) : null,
  version: Number(r.version),
});

export async function proposeBonusSplit(ctx: Context, input: { unitId: string; month: string; pool: number; coefficients: Record<Grade, number> }): Promise<BonusProposal> {
  const unitId = parseId('input.unitId', input.unitId);
  const month = parseMonth('input.month', input.month).text;
  await resolveScope(ctx, { unitId });
  // Reading everything (analysts) is not running a unit's money: its head or block administrators propose.
  const unit = await ctx.loaders.unit.load(unitId);
  const caller = await ctx.access.caller();
  const position = caller ? await ctx.loaders.position.load(caller.positionId) : null;
  const headOfUnit = caller?.unitId === unitId && position?.rank === 'HEAD';
  if (!headOfUnit && !(unit && (await ctx.access.administers(unit)))) throw forbidden('Only the head or a block administrator of the unit proposes its bonus split');
  for (const grade of GRADES) {
    const c = input.coefficients[grade];
    if (typeof c !== 'number' || !Number.isFinite(c) || c < 0) throw badInput(`input.coefficients.${grade}`, 'must be a number ≥ 0');
  }
  // The unit's own members only: a sub-unit splits its own pool.
  const members = await sqlRows(
    ctx.em,
    `select person_id, full_name, final_grade from reporting.result where unit_id = ? and month = ? and state in ('DECIDED', 'PUBLISHED') order by full_name, person_id`,
    [unitId, month],
  );
  if (members.length === 0) throw badInput('input.month', 'nobody of this unit is decided for this month: there is nothing to split');
  let amounts: Record<string, number>;
  try {
    amounts = splitBonus(input.pool, members.map((m) => ({ id: m.person_id as string, grade: m.final_grade as Grade })), input.coefficients);
  } catch (error) {
    if (error instanceof RangeError) throw badInput('input', error.message);
    throw error;
  }
  const shares: BonusShare[] = members.map((m) => ({ personId: m.person_id as string, fullName: m.full_name as string, grade: m.final_grade as Grade, amount: amounts[m.person_id as string]! }));
  const id = randomUUID();
  const [row] = await sqlRows(
    ctx.em,
    `insert into reporting.bonus_proposal (id, unit_id, month, pool, coefficients, shares, proposed_by, proposed_at) values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?) returning *`,
    [id, unitId, month, input.pool, JSON.stringify(input.coefficients), JSON.stringify(shares), ctx.principal.username, ctx.clock.now()],
  );
  return toProposal(row!);
}

export async function bonusProposal(ctx: Context, idText: string, field = 'id'): Promise<BonusProposal> {
  const [row] = await sqlRows(ctx.em, 'select * from reporting.bonus_proposal where id = ?', [parseId(field, idText)]);
  if (!row) throw notFound(field, 'bonus proposal', idText);
  const proposal = toProposal(row);
  await resolveScope(ctx, { unitId: proposal.unitId });
  return proposal;
}

/** The head of the unit confirms a proposal (once; a stale version is a CONFLICT). */
export async function confirmBonusSplit(ctx: Context, idText: string, expectedVersion: number): Promise<BonusProposal> {
  const proposal = await bonusProposal(ctx, idText);
  const caller = await ctx.access.caller();
  const position = caller ? await ctx.loaders.position.load(caller.positionId) : null;
  if (!caller || caller.unitId !== proposal.unitId || position?.rank !== 'HEAD') throw forbidden('Only the head of the unit confirms its bonus split');
  if (proposal.confirmedAt) throw badInput('id', 'the proposal is already confirmed');
  const [other] = await sqlRows(ctx.em, `select id from reporting.bonus_proposal where unit_id = ? and month = ? and confirmed_at is not null and id <> ?`, [proposal.unitId, proposal.month, proposal.id]);
  if (other) throw conflict(`another bonus split of this unit for ${proposal.month} is already confirmed`);
  // The grades it split by must still be the grades: an appeal or a reopening since means a new proposal.
  const current = await sqlRows(ctx.em, `select person_id, final_grade from reporting.result where unit_id = ? and month = ? and state in ('DECIDED', 'PUBLISHED')`, [proposal.unitId, proposal.month]);
  const now = new Map(current.map((r) => [r.person_id as string, r.final_grade as string]));
  if (now.size !== proposal.shares.length || proposal.shares.some((share) => now.get(share.personId) !== share.grade)) {
    throw conflict('the grades changed since this proposal: propose the split again');
  }
  const changed = await sqlRun(
    ctx.em,
    `update reporting.bonus_proposal set confirmed_by = ?, confirmed_at = ?, version = version + 1 where id = ? and version = ?`,
    [ctx.principal.username, ctx.clock.now(), proposal.id, expectedVersion],
  );
  if (changed !== 1) throw conflict('The proposal changed meanwhile: reload it');
  return bonusProposal(ctx, proposal.id);
}
