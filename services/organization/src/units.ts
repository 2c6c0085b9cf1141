import { badInput, notFound, type Block } from '@cbccvc/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit } from './audit';
import { recordChainChange, unitsLedFrom } from './authority';
import type { Context } from './context';
import { Jurisdiction, Person, Unit, type UnitKind } from './entities';
import { parseId, parseOptionalId, requireText, searchKey } from './input';
import { checkVersion, newId, write } from './write';

export interface CreateUnitArgs {
  jurisdictionId?: string | null;
  parentId?: string | null;
  code: string;
  name: string;
  kind: UnitKind;
  block?: Block | null;
}

export async function loadUnit(em: EntityManager, field: string, id: string): Promise<Unit> {
  const unit = await em.findOne(Unit, { id: parseId(field, id) });
  if (!unit) throw notFound(field, 'unit', id);
  return unit;
}

/**
 * A sub-unit belongs to its parent's jurisdiction and block, except under an external authority
 * (a ward's Party committee sits under the City Party Standing Committee) and a public school: a
 * `SCHOOL` unit of the school block sits under the People's Committee (or, in 2022, the Education
 * office) — the block says who administers it, the tree who decides (DOMAIN §3).
 */
const schoolUnderGovernment = (kind: string, block: Block | null | undefined, parent: Unit): boolean =>
  kind === 'SCHOOL' && block === 'SCHOOL' && parent.block === 'GOVERNMENT';

export async function createUnit(ctx: Context, input: CreateUnitArgs): Promise<Unit> {
  const code = requireText('input.code', input.code, 50);
  const name = requireText('input.name', input.name);
  return write(ctx, async (em) => {
    const parent = input.parentId ? await loadUnit(em, 'input.parentId', input.parentId) : null;
    if (parent?.closedAt) throw badInput('input.parentId', `unit "${parent.name}" is closed`);
    const underAuthority = !parent || parent.kind === 'EXTERNAL_AUTHORITY';
    let jurisdictionId: string;
    let block: Block;
    if (underAuthority) {
      const id = parseOptionalId('input.jurisdictionId', input.jurisdictionId);
      if (!id) throw badInput('input.jurisdictionId', 'is required for a unit without a parent inside the jurisdiction');
      const jurisdiction = await em.findOne(Jurisdiction, { id });
      if (!jurisdiction) throw notFound('input.jurisdictionId', 'jurisdiction', id);
      if (!input.block) throw badInput('input.block', 'is required for a root unit');
      jurisdictionId = id;
      block = input.block;
    } else {
      if (input.block && input.block !== parent.block && !schoolUnderGovernment(input.kind, input.block, parent)) {
        throw badInput('input.block', `a sub-unit belongs to its parent's block (${parent.block}); only a school of the school block may sit under a government unit`);
      }
      if (input.jurisdictionId && input.jurisdictionId !== parent.jurisdictionId) {
        throw badInput('input.jurisdictionId', "a sub-unit belongs to its parent's jurisdiction");
      }
      jurisdictionId = parent.jurisdictionId;
      block = input.block ?? parent.block;
    }
    await assertCodeFree(em, jurisdictionId, code, null);
    const id = newId();
    const unit = em.create(Unit, {
      id,
      jurisdictionId,
      parentId: parent?.id ?? null,
      block,
      kind: input.kind,
      code,
      name,
      path: `${parent?.path ?? '/'}${id}/`,
      searchText: searchKey(`${name} ${code}`),
      closedAt: null,
      authority: null,
      version: 1,
    });
    await ctx.access.requireAdmin(unit, 'create units');
    audit(em, ctx.principal, ctx.clock.now(), 'unit.create', 'Unit', id, null, unit);
    return unit;
  });
}

export interface UpdateUnitArgs {
  code?: string | null;
  name?: string | null;
  kind?: UnitKind | null;
  parentId?: string | null;
}

export async function updateUnit(ctx: Context, id: string, expectedVersion: number, input: UpdateUnitArgs): Promise<Unit> {
  return write(ctx, async (em) => {
    const unit = await loadUnit(em, 'id', id);
    await ctx.access.requireAdmin(unit, 'update units');
    checkVersion(unit, expectedVersion, `Unit "${unit.name}"`);
    if (unit.closedAt) throw badInput('id', `unit "${unit.name}" is closed`);
    const before = { ...unit };
    if (input.name != null) unit.name = requireText('input.name', input.name);
    if (input.code != null) {
      unit.code = requireText('input.code', input.code, 50);
      await assertCodeFree(em, unit.jurisdictionId, unit.code, unit.id);
    }
    if (input.kind != null) unit.kind = input.kind;
    unit.searchText = searchKey(`${unit.name} ${unit.code}`);
    if (input.parentId != null && input.parentId !== unit.parentId) {
      await moveUnit(ctx, em, unit, input.parentId);
    }
    audit(em, ctx.principal, ctx.clock.now(), 'unit.update', 'Unit', unit.id, before, unit);
    return unit;
  });
}

/** Re-parents a unit and rewrites the materialised path of its whole subtree in one statement. */
async function moveUnit(ctx: Context, em: EntityManager, unit: Unit, parentId: string): Promise<void> {
  const parent = await loadUnit(em, 'input.parentId', parentId);
  if (parent.path.startsWith(unit.path)) {
    throw badInput('input.parentId', `unit "${parent.name}" is "${unit.name}" itself or one of its sub-units: a unit cannot be its own ancestor`);
  }
  if (parent.closedAt) throw badInput('input.parentId', `unit "${parent.name}" is closed`);
  if ((parent.block !== unit.block && !schoolUnderGovernment(unit.kind, unit.block, parent)) || parent.jurisdictionId !== unit.jurisdictionId) {
    throw badInput('input.parentId', 'a unit can move only under a unit of the same block and jurisdiction');
  }
  await ctx.access.requireAdmin(parent, 'move units');
  const oldPath = unit.path;
  const newPath = `${parent.path}${unit.id}/`;
  unit.parentId = parent.id;
  unit.path = newPath;
  await em.flush();
  await em.getConnection().execute(
    `update organization.unit set path = ? || substr(path, ?) where path like ? and id <> ?`,
    [newPath, oldPath.length + 1, `${oldPath}%`, unit.id],
    'run',
    em.getTransactionContext(),
  );
  // Under a new parent its head (and, through vacancies, more of the subtree) has new evaluators.
  await recordChainChange(ctx, em, ctx.clock.now().toISOString().slice(0, 7), { unitIds: await unitsLedFrom(em, unit), reason: `${unit.name} chuyển về trực thuộc ${parent.name}` });
}

export async function closeUnit(ctx: Context, id: string, expectedVersion: number): Promise<Unit> {
  return write(ctx, async (em) => {
    const unit = await loadUnit(em, 'id', id);
    await ctx.access.requireAdmin(unit, 'close units');
    checkVersion(unit, expectedVersion, `Unit "${unit.name}"`);
    if (unit.closedAt) throw badInput('id', `unit "${unit.name}" is already closed`);
    const members = await em.count(Person, { unitId: unit.id, active: true });
    if (members > 0) throw badInput('id', `unit "${unit.name}" still has ${members} active member(s): transfer them first`);
    const children = await em.count(Unit, { parentId: unit.id, closedAt: null });
    if (children > 0) throw badInput('id', `unit "${unit.name}" still has ${children} open sub-unit(s): close them first`);
    const before = { ...unit };
    unit.closedAt = ctx.clock.now();
    audit(em, ctx.principal, ctx.clock.now(), 'unit.close', 'Unit', unit.id, before, unit);
    return unit;
  });
}

async function assertCodeFree(em: EntityManager, jurisdictionId: string, code: string, exceptId: string | null): Promise<void> {
  const clash = await em.findOne(Unit, { jurisdictionId, code, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
  if (clash) throw badInput('input.code', `code "${code}" is already used by unit "${clash.name}"`);
}
