import { badInput, forbidden, type Block } from '@cbccvc/platform';
import type { Context } from './context';
import { Account, Person, Unit, type AccountStatus, type StaffKind } from './entities';
import { decodeCursor, encodeCursor, pageSize, parseId, searchKey } from './input';
import { loadUnit } from './units';

export interface Page<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A filter as SQL: conditions joined with `and`, plus their parameters. */
class Where {
  readonly conditions: string[] = [];
  readonly params: unknown[] = [];
  add(condition: string, ...params: unknown[]): this {
    this.conditions.push(condition);
    this.params.push(...params);
    return this;
  }
  get sql(): string {
    return this.conditions.length ? `where ${this.conditions.join(' and ')}` : '';
  }
}

/**
 * Keyset paging over (sort key, id) with a total: one query for the page (one row more than asked,
 * to know whether there is a next page) and one count.
 */
async function page<T extends { id: string }>(
  ctx: Context,
  entity: new () => T,
  from: string,
  sortColumn: string,
  sortKey: (row: T) => string,
  where: Where,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Page<T>> {
  const size = pageSize(first);
  const cursor = decodeCursor(after);
  const connection = ctx.em.getConnection();
  const [{ count }] = (await connection.execute(`select count(*)::int as count from ${from} ${where.sql}`, where.params)) as [{ count: number }];
  const pageWhere = new Where().add(where.conditions.join(' and ') || 'true', ...where.params);
  if (cursor) pageWhere.add(`(t.${sortColumn}, t.id) > (?, ?)`, cursor[0], cursor[1]);
  const rows = (await connection.execute(
    `select t.* from ${from} ${pageWhere.sql} order by t.${sortColumn}, t.id limit ?`,
    [...pageWhere.params, size + 1],
  )) as Record<string, unknown>[];
  const nodes = rows.slice(0, size).map((row) => ctx.em.map(entity as never, row as never) as T);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    totalCount: count,
    pageInfo: { hasNextPage: rows.length > size, endCursor: last ? encodeCursor(sortKey(last), last.id) : null },
  };
}

/** Scope of an administrator as SQL over a unit alias `u`: their blocks in their jurisdiction. */
async function adminScope(ctx: Context, where: Where): Promise<void> {
  if (ctx.access.isCityAdmin) return;
  const jurisdictionId = await ctx.access.adminJurisdictionId();
  if (!ctx.access.adminBlocks.length || !jurisdictionId) throw forbidden('Only a city or block administrator may list this without a unit');
  where.add('u.block in (?)', ctx.access.adminBlocks).add('u.jurisdiction_id = ?', jurisdictionId);
}

export interface UnitFilterArgs {
  jurisdictionId?: string | null;
  parentId?: string | null;
  block?: Block | null;
  search?: string | null;
  includeClosed?: boolean | null;
}

/** The unit tree is public inside the system: every signed-in user may browse and search it. */
export async function listUnits(ctx: Context, filter: UnitFilterArgs, first?: number | null, after?: string | null): Promise<Page<Unit>> {
  const where = new Where();
  if (filter.jurisdictionId) where.add('t.jurisdiction_id = ?', parseId('filter.jurisdictionId', filter.jurisdictionId));
  if (filter.parentId) where.add('t.parent_id = ?', parseId('filter.parentId', filter.parentId));
  if (filter.block) where.add('t.block = ?', filter.block);
  if (!filter.includeClosed) where.add('t.closed_at is null');
  if (filter.search) where.add('t.search_text like ?', `%${likeEscape(searchKey(filter.search))}%`);
  return page(ctx, Unit, 'organization.unit t', 'name', (u) => u.name, where, first, after);
}

export interface PersonFilterArgs {
  unitId?: string | null;
  includeSubunits?: boolean | null;
  search?: string | null;
  staffKind?: StaffKind | null;
}

export async function listPeople(ctx: Context, filter: PersonFilterArgs, first?: number | null, after?: string | null): Promise<Page<Person>> {
  const where = new Where().add('t.active');
  if (filter.unitId) {
    const unit = await loadUnit(ctx.em, 'filter.unitId', filter.unitId);
    if (!(await ctx.access.canReadMembersOf(unit, Boolean(filter.includeSubunits)))) {
      throw forbidden(`You may not list the members of "${unit.name}"${filter.includeSubunits ? ' and its sub-units' : ''}`);
    }
    if (filter.includeSubunits) where.add('u.path like ?', `${likeEscape(unit.path)}%`);
    else where.add('t.unit_id = ?', unit.id);
  } else {
    if (filter.includeSubunits) throw badInput('filter.includeSubunits', 'needs filter.unitId');
    await adminScope(ctx, where);
  }
  if (filter.staffKind) where.add('t.staff_kind = ?', filter.staffKind);
  if (filter.search) where.add('t.search_text like ?', `%${likeEscape(searchKey(filter.search))}%`);
  return page(ctx, Person, 'organization.person t join organization.unit u on u.id = t.unit_id', 'full_name', (p) => p.fullName, where, first, after);
}

export interface AccountFilterArgs {
  status?: AccountStatus | null;
  unitId?: string | null;
}

/** Accounts are an administrators' concern: listed only within the caller's administered scope. */
export async function listAccounts(ctx: Context, filter: AccountFilterArgs, first?: number | null, after?: string | null): Promise<Page<Account>> {
  const where = new Where();
  if (filter.unitId) {
    const unit = await loadUnit(ctx.em, 'filter.unitId', filter.unitId);
    await ctx.access.requireAdmin(unit, 'list accounts');
    where.add('p.unit_id = ?', unit.id);
  } else {
    await adminScope(ctx, where);
  }
  if (filter.status) where.add('t.status = ?', filter.status);
  return page(
    ctx,
    Account,
    'organization.account t join organization.person p on p.id = t.person_id join organization.unit u on u.id = p.unit_id',
    'username',
    (a) => a.username,
    where,
    first,
    after,
  );
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
