import { GRADES, bonusRankingViolation, splitBonus, type Grade } from '@cbccvc/rules';
import { appendAudit, badInput, conflict, forbidden, isUniqueViolation, notFound, sqlRows } from '@cbccvc/platform';
import { parseId, parseMonth } from '@cbccvc/organization';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Context } from './context';
import { monthLabel } from './documents/model';
import { resolveScope } from './scope';

/**
 * Additional income (thu nhập tăng thêm) of a unit's month split by grade with `splitBonus` —
 * "quantify contribution, never split equally": a proposal by whoever reads the unit's reports
 * (its leaders, block administrators), confirmed by the unit's head — the proposal records who
 * proposed and who confirmed, and when. Amounts in whole đồng adding up to the pool exactly.
 * The coefficients rank the grades (A > B > C ≥ D); one split is confirmed per unit and month, held
 * by a partial unique index whatever the concurrency. Every proposal and confirmation is written to
 * `reporting.audit_log` (who, when, before/after) in the same transaction as the change. Messages are Vietnamese:
 * the people who read them are.
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

/** BAD_USER_INPUT naming the coefficient, in the words of the person entering them. */
function checkCoefficients(coefficients: Record<Grade, number>): void {
  for (const grade of GRADES) {
    const c = coefficients[grade];
    if (typeof c !== 'number' || !Number.isFinite(c) || c < 0) throw badInput(`input.coefficients.${grade}`, `Hệ số của loại ${grade} phải là một số không âm`);
  }
  const outOfRank = bonusRankingViolation(coefficients);
  if (outOfRank) {
    const { higher, lower, strict } = outOfRank;
    throw badInput(`input.coefficients.${lower}`, `Hệ số của loại ${higher} phải lớn hơn ${strict ? '' : 'hoặc bằng '}hệ số của loại ${lower}`);
  }
}

const audit = (ctx: Context, em: EntityManager, action: 'bonus.propose' | 'bonus.confirm', id: string, before: BonusProposal | null, after: BonusProposal) =>
  appendAudit(em, 'reporting', { at: ctx.clock.now(), actor: ctx.principal.username, action, entityType: 'BonusProposal', entityId: id, before, after });

export async function proposeBonusSplit(ctx: Context, input: { unitId: string; month: string; pool: number; coefficients: Record<Grade, number> }): Promise<BonusProposal> {
  const unitId = parseId('input.unitId', input.unitId);
  const month = parseMonth('input.month', input.month).text;
  await resolveScope(ctx, { unitId });
  // Reading everything (analysts) is not running a unit's money: its head or block administrators propose.
  const unit = await ctx.loaders.unit.load(unitId);
  const caller = await ctx.access.caller();
  const position = caller ? await ctx.loaders.position.load(caller.positionId) : null;
  const headOfUnit = caller?.unitId === unitId && position?.rank === 'HEAD';
  if (!headOfUnit && !(unit && (await ctx.access.administers(unit)))) {
    throw forbidden('Chỉ trưởng đơn vị hoặc quản trị viên khối của đơn vị được đề xuất phân chia thu nhập tăng thêm');
  }
  if (typeof input.pool !== 'number' || !Number.isSafeInteger(input.pool) || input.pool < 0) {
    throw badInput('input.pool', 'Quỹ thu nhập tăng thêm phải là một số đồng nguyên, không âm');
  }
  checkCoefficients(input.coefficients);
  // The unit's own members only: a sub-unit splits its own pool.
  const members = await sqlRows(
    ctx.em,
    `select person_id, full_name, final_grade from reporting.result where unit_id = ? and month = ? and state in ('DECIDED', 'PUBLISHED') order by full_name, person_id`,
    [unitId, month],
  );
  if (members.length === 0) throw badInput('input.month', `Đơn vị chưa có ai được quyết định xếp loại tháng ${monthLabel(month)}: chưa có gì để phân chia`);
  let amounts: Record<string, number>;
  try {
    amounts = splitBonus(input.pool, members.map((m) => ({ id: m.person_id as string, grade: m.final_grade as Grade })), input.coefficients);
  } catch (error) {
    // Pool and coefficients are checked above: what is left is a pool nobody has a weight for.
    if (error instanceof RangeError) throw badInput('input.coefficients', 'Mọi người được phân chia đều có hệ số 0: không thể chia một quỹ khác 0');
    throw error;
  }
  const shares: BonusShare[] = members.map((m) => ({ personId: m.person_id as string, fullName: m.full_name as string, grade: m.final_grade as Grade, amount: amounts[m.person_id as string]! }));
  const id = randomUUID();
  return ctx.em.transactional(async (inner) => {
    const em = inner as EntityManager;
    const [row] = await sqlRows(
      em,
      `insert into reporting.bonus_proposal (id, unit_id, month, pool, coefficients, shares, proposed_by, proposed_at) values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?) returning *`,
      [id, unitId, month, input.pool, JSON.stringify(input.coefficients), JSON.stringify(shares), ctx.principal.username, ctx.clock.now()],
    );
    const proposal = toProposal(row!);
    await audit(ctx, em, 'bonus.propose', id, null, proposal);
    return proposal;
  });
}

export async function bonusProposal(ctx: Context, idText: string, field = 'id'): Promise<BonusProposal> {
  const [row] = await sqlRows(ctx.em, 'select * from reporting.bonus_proposal where id = ?', [parseId(field, idText)]);
  if (!row) throw notFound(field, 'bonus proposal', idText);
  const proposal = toProposal(row);
  await resolveScope(ctx, { unitId: proposal.unitId });
  return proposal;
}

/**
 * The head of the unit confirms a proposal (once; a stale version is a CONFLICT). Exactly one split
 * of a unit-month is ever confirmed: the check below answers the common case early, and the partial
 * unique index `bonus_proposal_one_confirmed_idx` decides a race — the later of two concurrent
 * confirmations waits for the first to commit, then fails and is rolled back with its audit entry.
 */
export async function confirmBonusSplit(ctx: Context, idText: string, expectedVersion: number): Promise<BonusProposal> {
  const proposal = await bonusProposal(ctx, idText);
  const caller = await ctx.access.caller();
  const position = caller ? await ctx.loaders.position.load(caller.positionId) : null;
  if (!caller || caller.unitId !== proposal.unitId || position?.rank !== 'HEAD') throw forbidden('Chỉ trưởng đơn vị được xác nhận phân chia thu nhập tăng thêm của đơn vị');
  if (proposal.confirmedAt) throw badInput('id', 'Đề xuất này đã được xác nhận');
  const alreadyConfirmed = () => conflict(`Đơn vị đã có một phương án phân chia thu nhập tăng thêm tháng ${monthLabel(proposal.month)} được xác nhận: không thể xác nhận thêm phương án khác`);
  const [other] = await sqlRows(ctx.em, `select id from reporting.bonus_proposal where unit_id = ? and month = ? and confirmed_at is not null and id <> ?`, [proposal.unitId, proposal.month, proposal.id]);
  if (other) throw alreadyConfirmed();
  // The grades it split by must still be the grades: an appeal or a reopening since means a new proposal.
  const current = await sqlRows(ctx.em, `select person_id, final_grade from reporting.result where unit_id = ? and month = ? and state in ('DECIDED', 'PUBLISHED')`, [proposal.unitId, proposal.month]);
  const now = new Map(current.map((r) => [r.person_id as string, r.final_grade as string]));
  if (now.size !== proposal.shares.length || proposal.shares.some((share) => now.get(share.personId) !== share.grade)) {
    throw conflict('Kết quả xếp loại của đơn vị đã thay đổi kể từ khi đề xuất: hãy đề xuất lại việc phân chia');
  }
  try {
    return await ctx.em.transactional(async (inner) => {
      const em = inner as EntityManager;
      const [row] = await sqlRows(
        em,
        `update reporting.bonus_proposal set confirmed_by = ?, confirmed_at = ?, version = version + 1 where id = ? and version = ? and confirmed_at is null returning *`,
        [ctx.principal.username, ctx.clock.now(), proposal.id, expectedVersion],
      );
      if (!row) throw conflict('Đề xuất đã được thay đổi trong lúc này: hãy tải lại');
      const confirmed = toProposal(row);
      await audit(ctx, em, 'bonus.confirm', proposal.id, proposal, confirmed);
      return confirmed;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyConfirmed();
    throw error;
  }
}

/** One entry of a proposal's audit trail, as the API gives it (before/after as JSON text). */
export interface BonusAuditEntry {
  at: string;
  actor: string;
  action: string;
  before: string | null;
  after: string | null;
}

/** Who proposed and who confirmed the proposal, when, with the record before and after; oldest first. */
export async function bonusHistory(ctx: Context, proposalId: string): Promise<BonusAuditEntry[]> {
  const entries = await sqlRows(
    ctx.em,
    `select at, actor, action, before, after from reporting.audit_log where entity_type = 'BonusProposal' and entity_id = ? order by id`,
    [proposalId],
  );
  return entries.map((e) => ({
    at: new Date(e.at as string).toISOString(),
    actor: e.actor as string,
    action: e.action as string,
    before: e.before == null ? null : JSON.stringify(e.before),
    after: e.after == null ? null : JSON.stringify(e.after),
  }));
}
