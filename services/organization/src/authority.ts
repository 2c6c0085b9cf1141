import { badInput, forbidden, notFound } from '@cbccvc/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit } from './audit';
import type { Context } from './context';
import { Assignment, Position, type Person, type Unit } from './entities';
import { parseDate, parseId, parseMonth, requireText } from './input';
import { loadPerson } from './people';
import { loadUnit } from './units';
import { newId, write } from './write';

/**
 * Who is in charge of whom, concurrent posts and external authorities' delegates (DOMAIN §3), and
 * the published log of changes to who evaluates whom (`organization.chain_change`), which the
 * evaluation subgraph reads to move the forms whose step has not been taken yet.
 */

const rows = async (em: EntityManager, sql: string, params: unknown[]): Promise<Record<string, unknown>[]> =>
  (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as Record<string, unknown>[];

/** Appends to the chain-change log, inside the caller's transaction. */
export async function recordChainChange(
  ctx: Context,
  em: EntityManager,
  fromMonth: string,
  change: { personIds?: string[]; unitIds?: string[]; reason: string },
): Promise<void> {
  await em.getConnection().execute(
    `insert into organization.chain_change (at, from_month, person_ids, unit_ids, reason) values (?, ?, ?::uuid[], ?::uuid[], ?)`,
    [ctx.clock.now(), fromMonth, `{${(change.personIds ?? []).join(',')}}`, `{${(change.unitIds ?? []).join(',')}}`, change.reason],
    'run',
    em.getTransactionContext(),
  );
}

/** The units whose members' chains depend on the leaders of `unitId`: itself, its children, grandchildren. */
export async function unitsLedFrom(em: EntityManager, unit: Unit): Promise<string[]> {
  const found = await rows(em, `select id from organization.unit where path like ? and length(path) - length(replace(path, '/', '')) <= ?`, [
    `${unit.path}%`, unit.path.split('/').length + 1,
  ]);
  const ids = found.map((r) => r.id as string);
  // The ward's Party committee and People's Committee evaluate each other's leaders (document 003).
  if (unit.kind === 'PARTY_COMMITTEE' || unit.kind === 'PEOPLES_COMMITTEE') {
    const peer = await rows(em, `select id from organization.unit where jurisdiction_id = ? and kind in ('PARTY_COMMITTEE', 'PEOPLES_COMMITTEE')`, [unit.jurisdictionId]);
    ids.push(...peer.map((r) => r.id as string));
  }
  return [...new Set(ids)];
}

const rankOf = async (em: EntityManager, person: Person): Promise<string | undefined> => (await em.findOne(Position, { id: person.positionId }))?.rank;

export interface InChargeArgs {
  effectiveFrom: string;
  unitIds?: string[] | null;
  personIds?: string[] | null;
  reason: string;
}

export interface InChargeView {
  leaderId: string;
  effectiveFrom: string;
  unitIds: string[];
  personIds: string[];
  reason: string;
}

/**
 * A vice chair of the People's Committee is in charge of units under it — the government block's
 * administrator assigns them (document 002 §4); a deputy head is in charge of sub-units and people
 * of their own unit — the focal point or an administrator assigns them (document 002 §3).
 */
export async function setInCharge(ctx: Context, leaderId: string, input: InChargeArgs): Promise<InChargeView> {
  const month = parseMonth('input.effectiveFrom', input.effectiveFrom);
  const reason = requireText('input.reason', input.reason, 500);
  const unitIds = [...new Set((input.unitIds ?? []).map((id, i) => parseId(`input.unitIds[${i}]`, id)))];
  const personIds = [...new Set((input.personIds ?? []).map((id, i) => parseId(`input.personIds[${i}]`, id)))];
  return write(ctx, async (em) => {
    const leader = await loadPerson(em, 'leaderId', leaderId);
    if (!leader.active) throw badInput('leaderId', `${leader.fullName} không còn công tác`);
    if ((await rankOf(em, leader)) !== 'DEPUTY') throw badInput('leaderId', `${leader.fullName} không giữ chức vụ cấp phó: chỉ cấp phó được phân công phụ trách`);
    const unit = await loadUnit(em, 'leaderId', leader.unitId);
    const viceChair = unit.kind === 'PEOPLES_COMMITTEE';
    if (viceChair) {
      if (!(ctx.access.isCityAdmin || ((await ctx.access.administers(unit)) && ctx.access.adminBlocks.includes('GOVERNMENT')))) {
        throw forbidden(`Chỉ quản trị khối chính quyền của ${unit.name} (hoặc quản trị thành phố) phân công lĩnh vực phụ trách của Phó Chủ tịch`);
      }
    } else if (!(await ctx.access.administers(unit)) && !(await ctx.access.isFocalPointOf(unit.id))) {
      throw forbidden(`Chỉ đầu mối của ${unit.name} hoặc quản trị khối ${unit.block} phân công cấp phó phụ trách`);
    }
    const caller = await ctx.access.caller();
    if (caller?.id === leader.id) throw forbidden('Không ai tự phân công phụ trách cho chính mình');
    for (const [index, id] of unitIds.entries()) {
      const field = `input.unitIds[${index}]`;
      const target = await loadUnit(em, field, id);
      const allowed = viceChair ? target.parentId === unit.id : target.path.startsWith(unit.path);
      if (!allowed) throw badInput(field, viceChair ? `${target.name} không trực thuộc ${unit.name}` : `${target.name} không thuộc ${unit.name}`);
      // Nobody configures their own chain: a vice chair's field reaches the head of each unit, a
      // deputy's the staff of the unit — whose assignment it is, is someone else's to make.
      const [head] = await rows(em, `select p.id from organization.person p join organization.position po on po.id = p.position_id where p.unit_id = ? and p.active and po.rank = 'HEAD'`, [target.id]);
      const own = viceChair ? head?.id === caller?.id : caller?.unitId === target.id;
      if (caller && own) throw forbidden(`Không ai tự cấu hình việc đánh giá của chính mình: phân công này quyết định người nhận xét của đồng chí tại ${target.name}`);
    }
    for (const [index, id] of personIds.entries()) {
      const field = `input.personIds[${index}]`;
      const person = await loadPerson(em, field, id);
      const personUnit = await loadUnit(em, field, person.unitId);
      if (!personUnit.path.startsWith(unit.path) || (viceChair && personUnit.parentId !== unit.id)) throw badInput(field, `${person.fullName} không thuộc phạm vi của ${leader.fullName}`);
      if (person.id === leader.id) throw badInput(field, 'Không ai phụ trách việc đánh giá của chính mình');
      if (caller?.id === person.id) throw forbidden('Không ai tự cấu hình việc đánh giá của chính mình');
    }
    const [before] = await rows(em, `select * from organization.in_charge where leader_id = ? and effective_from <= ? order by effective_from desc limit 1`, [leader.id, month.text]);
    await em.getConnection().execute(
      `insert into organization.in_charge (leader_id, effective_from, unit_ids, person_ids, reason, set_by, set_at)
       values (?, ?, ?::uuid[], ?::uuid[], ?, ?, ?)
       on conflict (leader_id, effective_from) do update set unit_ids = excluded.unit_ids, person_ids = excluded.person_ids,
         reason = excluded.reason, set_by = excluded.set_by, set_at = excluded.set_at`,
      [leader.id, month.text, `{${unitIds.join(',')}}`, `{${personIds.join(',')}}`, reason, ctx.principal.username, ctx.clock.now()],
      'run',
      em.getTransactionContext(),
    );
    const after: InChargeView = { leaderId: leader.id, effectiveFrom: month.text, unitIds, personIds, reason };
    audit(em, ctx.principal, ctx.clock.now(), 'inCharge.set', 'Person', leader.id, before ?? null, after);
    // Those covered before and after: their commenter may change.
    const previousUnits = before ? ((before.unit_ids as string[] | string) ?? []) : [];
    await recordChainChange(ctx, em, month.text, {
      unitIds: [...new Set([...unitIds, ...asArray(previousUnits), unit.id])],
      personIds: [...new Set([...personIds, ...asArray(before?.person_ids as string[] | string | undefined)])],
      reason: `Phân công phụ trách: ${leader.fullName}`,
    });
    return after;
  });
}

/** pg returns uuid[] as a '{…}' string unless cast. */
const asArray = (value: string[] | string | undefined | null): string[] =>
  Array.isArray(value) ? value : typeof value === 'string' ? value.replace(/[{}]/g, '').split(',').filter(Boolean) : [];

export async function inChargeOfLeader(ctx: Context, leaderId: string, monthText: string): Promise<InChargeView | null> {
  const month = parseMonth('month', monthText);
  const [row] = await rows(ctx.em, `select * from organization.in_charge where leader_id = ? and effective_from <= ? order by effective_from desc limit 1`, [leaderId, month.text]);
  if (!row) return null;
  return { leaderId, effectiveFrom: row.effective_from as string, unitIds: asArray(row.unit_ids as string[]), personIds: asArray(row.person_ids as string[]), reason: row.reason as string };
}

export interface ConcurrentPostArgs {
  unitId: string;
  positionId: string;
  effectiveDate?: string | null;
}

/** Kiêm nhiệm: a second assignment marked concurrent; the person is still evaluated on the main post. */
export async function addConcurrentPost(ctx: Context, personId: string, input: ConcurrentPostArgs): Promise<Person> {
  const effectiveDate = input.effectiveDate ? parseDate('input.effectiveDate', input.effectiveDate) : ctx.clock.now().toISOString().slice(0, 10);
  return write(ctx, async (em) => {
    const person = await loadPerson(em, 'personId', personId);
    const main = await loadUnit(em, 'personId', person.unitId);
    const unit = await loadUnit(em, 'input.unitId', input.unitId);
    if (unit.closedAt) throw badInput('input.unitId', `${unit.name} đã giải thể`);
    if (unit.kind === 'EXTERNAL_AUTHORITY') throw badInput('input.unitId', 'Không kiêm nhiệm tại cấp có thẩm quyền ngoài phường');
    await ctx.access.requireAdmin(main, 'record a concurrent post');
    await ctx.access.requireAdmin(unit, 'record a concurrent post');
    if ((await ctx.access.caller())?.id === person.id) throw forbidden('Không ai tự ghi nhận chức vụ kiêm nhiệm của chính mình');
    if (unit.id === person.unitId) throw badInput('input.unitId', `${person.fullName} đã công tác tại ${unit.name}: chức vụ chính ở đây`);
    const position = await em.findOne(Position, { id: parseId('input.positionId', input.positionId) });
    if (!position) throw notFound('input.positionId', 'position', input.positionId);
    const open = await em.findOne(Assignment, { personId: person.id, unitId: unit.id, validTo: null });
    if (open) throw badInput('input.unitId', `${person.fullName} đã kiêm nhiệm tại ${unit.name}`);
    await em.getConnection().execute(
      `insert into organization.assignment (id, person_id, unit_id, position_id, valid_from, concurrent) values (?, ?, ?, ?, ?, true)`,
      [newId(), person.id, unit.id, position.id, effectiveDate],
      'run',
      em.getTransactionContext(),
    );
    audit(em, ctx.principal, ctx.clock.now(), 'person.concurrentPost.add', 'Person', person.id, null, { unitId: unit.id, positionId: position.id, validFrom: effectiveDate });
    await recordChainChange(ctx, em, effectiveDate.slice(0, 7), { personIds: [person.id], unitIds: await unitsLedFrom(em, unit), reason: `${person.fullName} kiêm nhiệm tại ${unit.name}` });
    return person;
  });
}

export async function endConcurrentPost(ctx: Context, personId: string, unitId: string, date?: string | null): Promise<Person> {
  const effectiveDate = date ? parseDate('effectiveDate', date) : ctx.clock.now().toISOString().slice(0, 10);
  return write(ctx, async (em) => {
    const person = await loadPerson(em, 'personId', personId);
    const unit = await loadUnit(em, 'unitId', unitId);
    await ctx.access.requireAdmin(unit, 'end a concurrent post');
    const [open] = await rows(em, `select id, valid_from from organization.assignment where person_id = ? and unit_id = ? and concurrent and valid_to is null`, [person.id, unit.id]);
    if (!open) throw badInput('unitId', `${person.fullName} không kiêm nhiệm tại ${unit.name}`);
    if (String(open.valid_from instanceof Date ? open.valid_from.toISOString().slice(0, 10) : open.valid_from) >= effectiveDate) {
      throw badInput('effectiveDate', 'Ngày kết thúc phải sau ngày bắt đầu kiêm nhiệm');
    }
    await em.getConnection().execute(`update organization.assignment set valid_to = ? where id = ?`, [effectiveDate, open.id], 'run', em.getTransactionContext());
    audit(em, ctx.principal, ctx.clock.now(), 'person.concurrentPost.end', 'Person', person.id, { unitId: unit.id }, { unitId: unit.id, validTo: effectiveDate });
    await recordChainChange(ctx, em, effectiveDate.slice(0, 7), { personIds: [person.id], unitIds: await unitsLedFrom(em, unit), reason: `${person.fullName} thôi kiêm nhiệm tại ${unit.name}` });
    return person;
  });
}

export interface ConcurrentPostView {
  unitId: string;
  positionId: string;
  validFrom: string;
}

export async function concurrentPostsOf(ctx: Context, personId: string): Promise<ConcurrentPostView[]> {
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const found = await rows(
    ctx.em,
    `select unit_id, position_id, to_char(valid_from, 'YYYY-MM-DD') as valid_from from organization.assignment
      where person_id = ? and concurrent and valid_from <= ? and (valid_to is null or valid_to > ?) order by valid_from`,
    [personId, today, today],
  );
  return found.map((r) => ({ unitId: r.unit_id as string, positionId: r.position_id as string, validFrom: r.valid_from as string }));
}

/** The city administrator names who records an external authority's collective decisions. */
export async function setAuthorityDelegate(ctx: Context, authorityUnitId: string, personId: string, active: boolean): Promise<Unit> {
  if (!ctx.access.isCityAdmin) throw forbidden('Chỉ quản trị thành phố chỉ định tài khoản ghi nhận quyết định của cấp có thẩm quyền ngoài phường');
  return write(ctx, async (em) => {
    const unit = await loadUnit(em, 'authorityUnitId', authorityUnitId);
    if (unit.kind !== 'EXTERNAL_AUTHORITY') throw badInput('authorityUnitId', `${unit.name} không phải cấp có thẩm quyền ngoài phường`);
    const person = await loadPerson(em, 'personId', personId);
    if (!person.active) throw badInput('personId', `${person.fullName} không còn công tác`);
    const connection = em.getConnection();
    if (active) {
      await connection.execute(
        `insert into organization.authority_delegate (authority_unit_id, person_id, since, set_by) values (?, ?, ?, ?) on conflict do nothing`,
        [unit.id, person.id, ctx.clock.now(), ctx.principal.username],
        'run',
        em.getTransactionContext(),
      );
    } else {
      await connection.execute(`delete from organization.authority_delegate where authority_unit_id = ? and person_id = ?`, [unit.id, person.id], 'run', em.getTransactionContext());
    }
    audit(em, ctx.principal, ctx.clock.now(), active ? 'authorityDelegate.add' : 'authorityDelegate.remove', 'Unit', unit.id, null, { personId: person.id });
    return unit;
  });
}

export async function authorityDelegatesOf(ctx: Context, unitId: string): Promise<string[]> {
  const found = await rows(ctx.em, `select person_id from organization.authority_delegate where authority_unit_id = ? order by since, person_id`, [unitId]);
  return found.map((r) => r.person_id as string);
}

/** The external authorities a person records decisions for. */
export async function authoritiesActedForBy(em: EntityManager, personId: string): Promise<string[]> {
  const found = await rows(em, `select authority_unit_id from organization.authority_delegate where person_id = ?`, [personId]);
  return found.map((r) => r.authority_unit_id as string);
}
