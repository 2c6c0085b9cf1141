import { badInput, forbidden, notFound, sqlRows } from '@cbccvc/platform';
import { parseId, parseMonth, policyOf } from '@cbccvc/organization';
import { policies, type Policy } from '@cbccvc/rules';
import type { Context } from './context';

export interface ScopeInput {
  jurisdictionId?: string | null;
  block?: string | null;
  unitId?: string | null;
}

/**
 * A resolved scope: the SQL condition over the read models' unit columns (`unit_path`,
 * `jurisdiction_id`, `block`) that selects it, with the caller's own limits already applied (a block
 * admin sees only their blocks), and the policy its deadlines come from.
 */
export interface Scope {
  kind: 'CITY' | 'JURISDICTION' | 'UNIT';
  name: string;
  where: string;
  params: unknown[];
  policy: Policy;
}

/**
 * Who reads what (issue 7): analysts and city administrators everything; a block administrator
 * their jurisdiction's blocks; the head or a deputy their unit's subtree. An unknown unit or
 * jurisdiction is NOT_FOUND; a scope beyond the caller's is FORBIDDEN.
 */
export async function resolveScope(ctx: Context, input: ScopeInput | null | undefined): Promise<Scope> {
  const scope = input ?? {};
  const wide = ctx.access.isCityAdmin || ctx.principal.roles.has('analyst');
  const blocks = ctx.access.adminBlocks;
  if (scope.block && !['PARTY', 'GOVERNMENT', 'SCHOOL'].includes(scope.block)) throw badInput('scope.block', 'must be PARTY, GOVERNMENT or SCHOOL');
  if (scope.unitId) {
    if (scope.jurisdictionId || scope.block) throw badInput('scope', 'a unit scope takes no jurisdiction or block (the unit has its own)');
    const unit = await ctx.loaders.unit.load(parseId('scope.unitId', scope.unitId));
    if (!unit) throw notFound('scope.unitId', 'unit', scope.unitId);
    const administered = !wide && (await ctx.access.administers(unit));
    if (!wide && !administered && !(await leads(ctx, unit))) {
      throw forbidden(`Reports of "${unit.name}" are for its head, the leaders above it, its block administrators and analysts`);
    }
    // The subtree as organization has it now (a moved unit leaves its old parent at once); a block
    // administrator's view stays inside their jurisdiction and blocks even below an external authority.
    const subtree = (await sqlRows(ctx.em, `select id from organization.unit where path like ?`, [`${unit.path}%`])).map((r) => r.id as string);
    const ids = `{${subtree.join(',')}}`;
    if (administered && !ctx.access.isCityAdmin) {
      const jurisdictionId = await ctx.access.adminJurisdictionId();
      return { kind: 'UNIT', name: unit.name, where: `unit_id = any(?::uuid[]) and jurisdiction_id = ? and block = any(?::text[])`, params: [ids, jurisdictionId, `{${blocks.join(',')}}`], policy: await policyOf(ctx, unit.jurisdictionId) };
    }
    return { kind: 'UNIT', name: unit.name, where: `unit_id = any(?::uuid[])`, params: [ids], policy: await policyOf(ctx, unit.jurisdictionId) };
  }
  if (scope.jurisdictionId) {
    const jurisdiction = await ctx.loaders.jurisdiction.load(parseId('scope.jurisdictionId', scope.jurisdictionId));
    if (!jurisdiction) throw notFound('scope.jurisdictionId', 'jurisdiction', scope.jurisdictionId);
    const policy = await policyOf(ctx, jurisdiction.id);
    if (wide) {
      return scope.block
        ? { kind: 'JURISDICTION', name: `${jurisdiction.name} (${scope.block})`, where: `jurisdiction_id = ? and block = ?`, params: [jurisdiction.id, scope.block], policy }
        : { kind: 'JURISDICTION', name: jurisdiction.name, where: `jurisdiction_id = ?`, params: [jurisdiction.id], policy };
    }
    if (blocks.length > 0 && (await ctx.access.adminJurisdictionId()) === jurisdiction.id) {
      if (scope.block && !blocks.includes(scope.block as never)) throw forbidden(`You administer the ${blocks.join(', ')} block(s) only`);
      const allowed = scope.block ? [scope.block] : blocks;
      return { kind: 'JURISDICTION', name: jurisdiction.name, where: `jurisdiction_id = ? and block = any(?::text[])`, params: [jurisdiction.id, `{${allowed.join(',')}}`], policy };
    }
    throw forbidden(`Reports of ${jurisdiction.name} are for its block administrators and analysts`);
  }
  if (scope.block) throw badInput('scope.block', 'a block is chosen within a jurisdiction');
  if (!wide) throw forbidden('City-wide reports are for analysts and city administrators');
  return { kind: 'CITY', name: 'Thành phố Hà Nội', where: 'true', params: [], policy: policies.hanoi2026 };
}

/**
 * The caller leads the unit: its head, or a head or deputy of a unit above it. A deputy does not
 * read their own unit's reports (they would see their head's and peers' results).
 */
async function leads(ctx: Context, unit: { id: string; path: string }): Promise<boolean> {
  const caller = await ctx.access.caller();
  if (!caller) return false;
  const position = await ctx.loaders.position.load(caller.positionId);
  if (!position || position.rank === 'STAFF' || !unit.path.includes(`/${caller.unitId}/`)) return false;
  return position.rank === 'HEAD' || unit.id !== caller.unitId;
}

/**
 * Who may read a person's own record in reports (profile, period ratings): the person, the
 * leaders above them, their block administrators and analysts.
 */
export async function requirePersonReadable(ctx: Context, personIdText: string): Promise<{ id: string; fullName: string; unitPath: string; policy: Policy }> {
  const person = await ctx.loaders.person.load(parseId('personId', personIdText));
  if (!person) throw notFound('personId', 'person', personIdText);
  const unit = await ctx.loaders.unit.load(person.unitId);
  const caller = await ctx.access.caller();
  // Above the person: the head of their unit (not themself) or a leader of a unit above it.
  const above = unit !== null && unit !== undefined && caller?.id !== person.id && (await leads(ctx, unit));
  const allowed =
    caller?.id === person.id ||
    ctx.access.isCityAdmin ||
    ctx.principal.roles.has('analyst') ||
    above ||
    (unit !== null && unit !== undefined && (await ctx.access.administers(unit)));
  if (!allowed) throw forbidden('A person’s results are for them, the leaders above them, their block administrators and analysts');
  return { id: person.id, fullName: person.fullName, unitPath: unit?.path ?? '', policy: unit ? await policyOf(ctx, unit.jurisdictionId) : policies.hanoi2026 };
}

/** A month range of at most 24 months, inclusive. */
export function monthRange(fromText: string, toText: string): string[] {
  const from = parseMonth('from', fromText);
  const to = parseMonth('to', toText);
  const months: string[] = [];
  for (let y = from.year, m = from.month; y < to.year || (y === to.year && m <= to.month); m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    if (months.length > 24) throw badInput('to', 'a range covers at most 24 months');
  }
  if (months.length === 0) throw badInput('to', 'must not be before from');
  return months;
}

/** A page size from 1 to 500. */
export function pageSize(first: number | null | undefined, fallback = 50): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > 500) throw badInput('first', 'must be from 1 to 500');
  return size;
}
