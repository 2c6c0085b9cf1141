import { badInput, forbidden, notFound } from '@cbccvc/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit } from './audit';
import type { Context } from './context';
import { Account, Assignment, ChainOverride, FocalPoint, Person, Position, Transfer, type StaffKind, type Unit } from './entities';
import { parseDate, parseEmail, parseId, parseMonth, parseOptionalId, requireText, searchKey } from './input';
import { recordChainChange, unitsLedFrom } from './authority';
import { requireMayActOnHolder } from './privileged';
import { loadUnit } from './units';
import { checkVersion, newId, write } from './write';

export async function loadPerson(em: EntityManager, field: string, id: string): Promise<Person> {
  const person = await em.findOne(Person, { id: parseId(field, id) });
  if (!person) throw notFound(field, 'person', id);
  return person;
}

async function loadPosition(em: EntityManager, field: string, id: string): Promise<Position> {
  const position = await em.findOne(Position, { id: parseId(field, id) });
  if (!position) throw notFound(field, 'position', id);
  return position;
}

const today = (ctx: Context): string => ctx.clock.now().toISOString().slice(0, 10);

function openUnit(unit: Unit, field: string): Unit {
  if (unit.closedAt) throw badInput(field, `unit "${unit.name}" is closed`);
  return unit;
}

export interface CreatePersonArgs {
  unitId: string;
  positionId: string;
  name: string;
  email?: string | null;
  staffKind: StaffKind;
  partyMember?: boolean | null;
}

export async function createPerson(ctx: Context, input: CreatePersonArgs): Promise<Person> {
  const fullName = requireText('input.name', input.name, 120);
  const email = parseEmail('input.email', input.email);
  return write(ctx, async (em) => {
    const unit = openUnit(await loadUnit(em, 'input.unitId', input.unitId), 'input.unitId');
    await ctx.access.requireAdmin(unit, 'create people');
    const position = await loadPosition(em, 'input.positionId', input.positionId);
    const id = newId();
    const person = em.create(Person, {
      id,
      fullName,
      email,
      staffKind: input.staffKind,
      partyMember: input.partyMember ?? false,
      unitId: unit.id,
      positionId: position.id,
      active: true,
      searchText: searchKey(fullName),
      version: 1,
    });
    // Relations are plain id columns, so the unit of work cannot order the inserts: person first.
    await em.flush();
    em.create(Assignment, { id: newId(), personId: id, unitId: unit.id, positionId: position.id, validFrom: today(ctx), validTo: null, concurrent: false });
    audit(em, ctx.principal, ctx.clock.now(), 'person.create', 'Person', id, null, person);
    if (position.rank !== 'STAFF') {
      await recordChainChange(ctx, em, today(ctx).slice(0, 7), { personIds: [id], unitIds: await unitsLedFrom(em, unit), reason: `${fullName} nhận chức vụ ${position.name}` });
    }
    return person;
  });
}

export interface UpdatePersonArgs {
  name?: string | null;
  email?: string | null;
  staffKind?: StaffKind | null;
  partyMember?: boolean | null;
  positionId?: string | null;
}

/** Administrators edit everything; the unit's focal point keeps contact details up to date. */
export async function updatePerson(ctx: Context, id: string, expectedVersion: number, input: UpdatePersonArgs): Promise<Person> {
  return write(ctx, async (em) => {
    const person = await loadPerson(em, 'id', id);
    const unit = await loadUnit(em, 'id', person.unitId);
    const admin = await ctx.access.administers(unit);
    if (!admin) {
      if (!(await ctx.access.isFocalPointOf(unit.id))) await ctx.access.requireAdmin(unit, 'update people');
      const restricted = (['staffKind', 'positionId', 'partyMember'] as const).filter((key) => input[key] != null);
      if (restricted.length) throw forbidden(`A focal point may update names and e-mail only, not ${restricted.join(', ')}`);
    }
    // The e-mail leads to "forgot password": an administrator's record is the city admin's alone.
    await requireMayActOnHolder(ctx, person.id, "update an administrator's record");
    checkVersion(person, expectedVersion, `Person "${person.fullName}"`);
    const before = { ...person };
    if (input.name != null) {
      person.fullName = requireText('input.name', input.name, 120);
      person.searchText = searchKey(person.fullName);
    }
    if (input.email !== undefined) person.email = parseEmail('input.email', input.email);
    if (input.staffKind != null) person.staffKind = input.staffKind;
    if (input.partyMember != null) person.partyMember = input.partyMember;
    if (input.positionId != null && input.positionId !== person.positionId) {
      const position = await loadPosition(em, 'input.positionId', input.positionId);
      await startAssignment(em, person, person.unitId, position.id, today(ctx));
      person.positionId = position.id;
      await recordChainChange(ctx, em, today(ctx).slice(0, 7), { personIds: [person.id], unitIds: await unitsLedFrom(em, unit), reason: `${person.fullName} nhận chức vụ ${position.name}` });
    }
    audit(em, ctx.principal, ctx.clock.now(), 'person.update', 'Person', person.id, before, person);
    return person;
  });
}

/** Closes the current assignment and opens the next one on `from` (history is never rewritten). */
async function startAssignment(em: EntityManager, person: Person, unitId: string, positionId: string, from: string): Promise<void> {
  const current = await em.findOne(Assignment, { personId: person.id, validTo: null, concurrent: false });
  if (current) {
    if (current.validFrom > from) throw badInput('input.effectiveDate', `must not be before the current assignment began (${current.validFrom})`);
    if (current.validFrom === from) {
      // A same-day correction replaces the assignment instead of leaving an empty interval.
      current.unitId = unitId;
      current.positionId = positionId;
      return;
    }
    current.validTo = from;
  }
  em.create(Assignment, { id: newId(), personId: person.id, unitId, positionId, validFrom: from, validTo: null, concurrent: false });
}

export interface TransferArgs {
  toUnitId: string;
  positionId?: string | null;
  effectiveDate?: string | null;
  reason?: string | null;
}

/**
 * Luân chuyển: the person moves with their history and account; the old unit loses access (its
 * focal-point role and any chain override there end), and the identity provider's unit claim follows.
 */
export async function transferPerson(ctx: Context, id: string, expectedVersion: number, input: TransferArgs): Promise<Person> {
  const effectiveDate = input.effectiveDate ? parseDate('input.effectiveDate', input.effectiveDate) : today(ctx);
  const reason = input.reason ? requireText('input.reason', input.reason, 500) : null;
  const result = await write(ctx, async (em) => {
    const person = await loadPerson(em, 'id', id);
    const from = await loadUnit(em, 'id', person.unitId);
    const to = openUnit(await loadUnit(em, 'input.toUnitId', input.toUnitId), 'input.toUnitId');
    await ctx.access.requireAdmin(from, 'transfer people out of a unit');
    await ctx.access.requireAdmin(to, 'transfer people into a unit');
    await requireMayActOnHolder(ctx, person.id, 'transfer an administrator');
    checkVersion(person, expectedVersion, `Person "${person.fullName}"`);
    if (to.id === from.id) throw badInput('input.toUnitId', `${person.fullName} already works in "${to.name}"`);
    if (to.kind === 'EXTERNAL_AUTHORITY') throw badInput('input.toUnitId', 'people cannot be transferred into an external authority');
    const positionId = input.positionId ? (await loadPosition(em, 'input.positionId', input.positionId)).id : person.positionId;
    const before = { ...person };
    await startAssignment(em, person, to.id, positionId, effectiveDate);
    person.unitId = to.id;
    person.positionId = positionId;
    em.create(Transfer, {
      id: newId(),
      personId: person.id,
      fromUnitId: from.id,
      toUnitId: to.id,
      effectiveDate,
      reason,
      recordedBy: ctx.principal.username,
      recordedAt: ctx.clock.now(),
    });
    await endOverridesNaming(ctx, em, person, effectiveDate.slice(0, 7));
    // The person's open form follows them; if they lead, so do the forms of those they evaluate.
    const leader = (await em.findOne(Position, { id: before.positionId }))?.rank !== 'STAFF' || (await em.findOne(Position, { id: positionId }))?.rank !== 'STAFF';
    await recordChainChange(ctx, em, effectiveDate.slice(0, 7), {
      personIds: [person.id],
      unitIds: leader ? [...(await unitsLedFrom(em, from)), ...(await unitsLedFrom(em, to))] : [],
      reason: `${person.fullName} chuyển công tác từ ${from.name} đến ${to.name}`,
    });
    const focal = await em.findOne(FocalPoint, { unitId: from.id, personId: person.id });
    if (focal) {
      em.remove(focal);
      audit(em, ctx.principal, ctx.clock.now(), 'focalPoint.end', 'Unit', from.id, focal, null);
    }
    audit(em, ctx.principal, ctx.clock.now(), 'person.transfer', 'Person', person.id, before, person);
    const account = await em.findOne(Account, { personId: person.id });
    return { person, account, to };
  });
  if (result.account) {
    // After commit: if the identity provider is down, the claim is corrected at the next reset;
    // access is enforced from the database in any case (the token's unit only anchors admins).
    await ctx.identityProvider
      .moveUser(result.account.idpUserId, { unitId: result.to.id, block: result.to.block })
      .catch((error: unknown) => ctx.logger.error({ err: error, personId: result.person.id }, 'identity provider did not take the transfer'));
  }
  return result.person;
}

/**
 * A transferred leader stops evaluating the people of the old unit from the transfer month on:
 * overrides naming them fall back to the default for that role (history before stays as it was).
 */
async function endOverridesNaming(ctx: Context, em: EntityManager, person: Person, month: string): Promise<void> {
  const connection = em.getConnection();
  const trx = em.getTransactionContext();
  const reason = `${person.fullName} chuyển công tác`;
  await connection.execute(
    `insert into organization.chain_override (id, person_id, unit_id, effective_from, commenter_id, decider_id, reason, set_by, set_at)
     select gen_random_uuid(), o.person_id, o.unit_id, ?, nullif(o.commenter_id, ?), nullif(o.decider_id, ?), ?, ?, ?
       from (select distinct on (person_id, unit_id) * from organization.chain_override
              where effective_from < ? order by person_id, unit_id, effective_from desc) o
      where (o.commenter_id = ? or o.decider_id = ?)
        and not exists (select 1 from organization.chain_override x
                         where x.person_id = o.person_id and x.unit_id = o.unit_id and x.effective_from = ?)`,
    [month, person.id, person.id, reason, ctx.principal.username, ctx.clock.now(), month, person.id, person.id, month],
    'run',
    trx,
  );
  await connection.execute(
    `update organization.chain_override
        set commenter_id = nullif(commenter_id, ?), decider_id = nullif(decider_id, ?), reason = reason || ' — ' || ?
      where effective_from >= ? and (commenter_id = ? or decider_id = ?)`,
    [person.id, person.id, reason, month, person.id, person.id],
    'run',
    trx,
  );
}

export async function setFocalPoint(ctx: Context, unitId: string, personId: string): Promise<Unit> {
  return write(ctx, async (em) => {
    const unit = openUnit(await loadUnit(em, 'unitId', unitId), 'unitId');
    // The unit's head names its focal point (document 002 §3), or an administrator of its block.
    if (!(await ctx.access.administers(unit))) {
      const caller = await ctx.access.caller();
      const rank = caller && caller.unitId === unit.id ? (await em.findOne(Position, { id: caller.positionId }))?.rank : undefined;
      if (rank !== 'HEAD') throw forbidden(`Chỉ người đứng đầu ${unit.name} hoặc quản trị khối ${unit.block} chỉ định đầu mối của đơn vị`);
    }
    const person = await loadPerson(em, 'personId', personId);
    if (person.unitId !== unit.id || !person.active) {
      throw badInput('personId', `${person.fullName} does not work in "${unit.name}"`);
    }
    const current = await em.findOne(FocalPoint, { unitId: unit.id });
    const before = current ? { ...current } : null;
    if (current) {
      current.personId = person.id;
      current.since = ctx.clock.now();
    } else {
      em.create(FocalPoint, { unitId: unit.id, personId: person.id, since: ctx.clock.now() });
    }
    audit(em, ctx.principal, ctx.clock.now(), 'focalPoint.set', 'Unit', unit.id, before, { unitId: unit.id, personId: person.id });
    return unit;
  });
}

/**
 * An evaluator is a leader (head or deputy) of the person's unit or of a unit above it; an
 * administrator may also name a leader elsewhere in the same jurisdiction (a school principal is
 * decided by the People's Committee chair, whose unit is not above the school).
 */
async function requireLeaderInLine(em: EntityManager, field: string, evaluator: Person, unit: Unit, admin: boolean): Promise<void> {
  const rank = (await em.findOne(Position, { id: evaluator.positionId }))?.rank;
  if (rank === 'STAFF') throw badInput(field, `${evaluator.fullName} holds no leadership post`);
  if (unit.path.includes(`/${evaluator.unitId}/`)) return;
  const evaluatorUnit = await loadUnit(em, field, evaluator.unitId);
  if (admin && evaluatorUnit.jurisdictionId === unit.jurisdictionId) return;
  throw badInput(field, `${evaluator.fullName} leads "${evaluatorUnit.name}", which is not "${unit.name}" or above it`);
}

export interface ChainOverrideArgs {
  effectiveFrom: string;
  untilMonth?: string | null;
  acting?: boolean | null;
  commenterId?: string | null;
  deciderId?: string | null;
  reason: string;
}

/** "Cấu hình đánh giá cán bộ": the focal point (or an admin) sets who comments and who decides. */
export async function setChainOverride(ctx: Context, personId: string, input: ChainOverrideArgs): Promise<Person> {
  const month = parseMonth('input.effectiveFrom', input.effectiveFrom);
  const untilMonth = input.untilMonth ? parseMonth('input.untilMonth', input.untilMonth).text : null;
  if (untilMonth && untilMonth < month.text) throw badInput('input.untilMonth', 'Tháng kết thúc không được trước tháng bắt đầu');
  const acting = input.acting ?? false;
  const reason = requireText('input.reason', input.reason, 500);
  const commenterId = parseOptionalId('input.commenterId', input.commenterId);
  const deciderId = parseOptionalId('input.deciderId', input.deciderId);
  if (acting && !commenterId && !deciderId) throw badInput('input.acting', 'Cần chỉ định người nhận xét hoặc người quyết định được giao quyền');
  return write(ctx, async (em) => {
    const person = await loadPerson(em, 'personId', personId);
    const unit = await loadUnit(em, 'personId', person.unitId);
    const admin = await ctx.access.administers(unit);
    // Nobody configures their own evaluation, administrators included: the next administrator does.
    if ((await ctx.access.caller())?.id === person.id) {
      throw forbidden('Không ai tự cấu hình việc đánh giá của chính mình: đề nghị quản trị viên khác hoặc đầu mối của đơn vị thực hiện');
    }
    if (!admin) {
      if (!(await ctx.access.isFocalPointOf(unit.id))) await ctx.access.requireAdmin(unit, 'configure evaluations');
      // The focal point configures the deputies and staff of the unit (document 002 §3); the head's chain is the admins'.
      const rank = (await em.findOne(Position, { id: person.positionId }))?.rank;
      if (rank === 'HEAD') throw forbidden(`Chỉ quản trị khối cấu hình việc đánh giá người đứng đầu đơn vị (${person.fullName})`);
    }
    const caller = await ctx.access.caller();
    for (const [field, id] of [['input.commenterId', commenterId], ['input.deciderId', deciderId]] as const) {
      if (!id) continue;
      if (id === person.id) throw badInput(field, 'a person cannot evaluate themself');
      if (!admin && id === caller?.id) throw forbidden('A focal point may not make themself an evaluator');
      const evaluator = await loadPerson(em, field, id);
      if (!evaluator.active) throw badInput(field, `${evaluator.fullName} is no longer active`);
      await requireLeaderInLine(em, field, evaluator, unit, admin);
    }
    if (commenterId && commenterId === deciderId) throw badInput('input.commenterId', 'the commenter and the decider must be different people');
    const existing = await em.findOne(ChainOverride, { personId: person.id, unitId: unit.id, effectiveFrom: month.text });
    const before = existing ? { ...existing } : null;
    const values = { commenterId, deciderId, acting, untilMonth, reason, setBy: ctx.principal.username, setAt: ctx.clock.now() };
    const override = existing
      ? Object.assign(existing, values)
      : em.create(ChainOverride, { id: newId(), personId: person.id, unitId: unit.id, effectiveFrom: month.text, ...values });
    audit(em, ctx.principal, ctx.clock.now(), 'evaluationChain.override', 'Person', person.id, before, override);
    await recordChainChange(ctx, em, month.text, { personIds: [person.id], reason: `Cấu hình đánh giá: ${person.fullName}` });
    return person;
  });
}
