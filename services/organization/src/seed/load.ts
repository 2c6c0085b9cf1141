import { hashPassword, pgArrayLiteral, type DevUserStore, type Orm } from '@cbccvc/platform';
import { randomUUID } from 'node:crypto';
import { searchKey } from '../input';
import type { SeedData } from './generate';

export async function isEmpty(orm: Orm): Promise<boolean> {
  const [row] = (await orm.em.getConnection().execute('select count(*)::int as count from organization.jurisdiction')) as [{ count: number }];
  return row.count === 0;
}

const batchSize = 5000;
/** Assignments and accounts of seeded people start at the beginning of the evaluation year. */
const seededFrom = '2026-01-01';

/**
 * Loads generated data with set-based inserts (`unnest` of column arrays, 5,000 rows a statement),
 * in one transaction: a city of 250,000 people loads in seconds, and a failed load leaves nothing.
 * With the development identity provider, demo users get a known password and everyone else an
 * account whose (shared, random) temporary password nobody knows: realistic statuses, no secrets.
 */
export async function loadSeed(
  orm: Orm,
  data: SeedData,
  options: { devUsers?: DevUserStore; demoPassword?: string; onProgress?: (done: number, total: number) => void } = {},
): Promise<void> {
  const connection = orm.em.getConnection();
  // Rows to insert: the tree, people and their assignments, and with a dev IdP users and accounts.
  const total = data.jurisdictions.length + data.positions.length + data.units.length + data.people.length * (options.devUsers ? 4 : 2);
  let done = 0;
  const progress = (rows: number) => {
    done += rows;
    options.onProgress?.(done, total);
  };
  // A column: name, array element type, value, and an optional cast of the unnested value.
  type Column<T> = [string, string, (row: T) => unknown, string?];
  const insert = async <T>(table: string, columns: Column<T>[], rows: T[], trx: unknown) => {
    for (let start = 0; start < rows.length; start += batchSize) {
      const batch = rows.slice(start, start + batchSize);
      const sql = `insert into ${table} (${columns.map(([name]) => name).join(', ')})
        select ${columns.map(([, , , cast], i) => `c${i}${cast ? `::${cast}` : ''}`).join(', ')}
          from unnest(${columns.map(([, type]) => `?::${type}[]`).join(', ')}) as t(${columns.map((_, i) => `c${i}`).join(', ')})`;
      await connection.execute(sql, columns.map(([, , pick]) => pgArrayLiteral(batch.map(pick))), 'run', trx as never);
      progress(batch.length);
    }
  };

  const demoByPerson = new Map(data.demoUsers.map((user) => [user.personId, user]));
  const unitsById = new Map(data.units.map((unit) => [unit.id, unit]));
  const personUnit = (personId: string) => unitsById.get(data.people.find((p) => p.id === personId)!.unitId)!;

  await connection.transactional(async (trx) => {
    await insert('organization.jurisdiction', [
      ['id', 'uuid', (j) => j.id], ['code', 'text', (j) => j.code], ['name', 'text', (j) => j.name],
      ['kind', 'text', (j) => j.kind], ['parent_id', 'uuid', (j) => j.parentId], ['policy_id', 'text', (j) => j.policyId],
      ['quota_base', 'text', (j) => j.quotaBase ?? null],
    ], data.jurisdictions, trx);
    await insert('organization.position', [
      ['id', 'uuid', (p) => p.id], ['code', 'text', (p) => p.code], ['name', 'text', (p) => p.name], ['rank', 'text', (p) => p.rank],
      ['leader', 'boolean', (p) => p.leader], ['criteria_form', 'text', (p) => p.criteriaForm], ['sort_order', 'int', (p) => p.sortOrder],
    ], data.positions, trx);
    // Parents before children: the path length orders the tree.
    const units = [...data.units].sort((a, b) => a.path.length - b.path.length);
    await insert('organization.unit', [
      ['id', 'uuid', (u) => u.id], ['jurisdiction_id', 'uuid', (u) => u.jurisdictionId], ['parent_id', 'uuid', (u) => u.parentId],
      ['block', 'text', (u) => u.block], ['kind', 'text', (u) => u.kind], ['code', 'text', (u) => u.code], ['name', 'text', (u) => u.name],
      ['path', 'text', (u) => u.path], ['search_text', 'text', (u) => searchKey(`${u.name} ${u.code}`)],
      ['authority', 'text', (u) => u.authority ?? null],
    ], units, trx);
    await insert('organization.person', [
      ['id', 'uuid', (p) => p.id], ['full_name', 'text', (p) => p.fullName], ['email', 'text', (p) => p.email],
      ['staff_kind', 'text', (p) => p.staffKind], ['party_member', 'boolean', (p) => p.partyMember], ['unit_id', 'uuid', (p) => p.unitId],
      ['position_id', 'uuid', (p) => p.positionId], ['search_text', 'text', (p) => searchKey(p.fullName)],
    ], data.people, trx);
    await insert('organization.assignment', [
      ['id', 'uuid', () => randomUUID()], ['person_id', 'uuid', (p) => p.id], ['unit_id', 'uuid', (p) => p.unitId],
      ['position_id', 'uuid', (p) => p.positionId], ['valid_from', 'date', () => seededFrom],
    ], data.people, trx);

    await insert('organization.in_charge', [
      ['leader_id', 'uuid', (a) => a.leaderId], ['effective_from', 'text', () => seededFrom.slice(0, 7)],
      // uuid[] columns go as '{a,b}' literals, like the roles below.
      ['unit_ids', 'text', (a) => `{${a.unitIds.join(',')}}`, 'uuid[]'], ['person_ids', 'text', (a) => `{${a.personIds.join(',')}}`, 'uuid[]'],
      ['reason', 'text', () => 'Phân công phụ trách khi khởi tạo dữ liệu'], ['set_by', 'text', () => 'seed'], ['set_at', 'timestamptz', () => `${seededFrom}T08:00:00+07:00`],
    ], data.inCharge, trx);
    await insert('organization.authority_delegate', [
      ['authority_unit_id', 'uuid', (d) => d.authorityUnitId], ['person_id', 'uuid', (d) => d.personId],
      ['since', 'timestamptz', () => `${seededFrom}T08:00:00+07:00`], ['set_by', 'text', () => 'seed'],
    ], data.authorityDelegates, trx);
    const focal = data.demoUsers.find((user) => user.roles.includes('unit-focal-point'));
    if (focal) {
      await connection.execute(
        'insert into organization.focal_point (unit_id, person_id, since) values (?, ?, ?)',
        [personUnit(focal.personId).id, focal.personId, `${seededFrom}T00:00:00Z`],
        'run',
        trx,
      );
    }
    if (!options.devUsers) return;
    await options.devUsers.migrate();

    // Identity-provider users, then accounts pointing at them.
    const demoHash = options.demoPassword ? await hashPassword(options.demoPassword) : null;
    const unknownHash = await hashPassword(randomUUID());
    const usernames = new Set(data.demoUsers.map((u) => u.username));
    const accounts = data.people.map((person, index) => {
      const demo = demoByPerson.get(person.id);
      const unit = unitsById.get(person.unitId)!;
      let username = demo?.username ?? `${searchKey(person.fullName).replace(/[^a-z]/g, '')}.${index}`;
      while (!demo && usernames.has(username)) username += 'x';
      usernames.add(username);
      // Mostly active accounts, some awaiting the first password change, a few locked.
      const status = demo ? 'ACTIVE' : index % 50 === 7 ? 'LOCKED' : index % 20 === 3 ? 'PENDING_PASSWORD_CHANGE' : 'ACTIVE';
      return { person, unit, demo, username, status, idpUserId: randomUUID(), accountId: randomUUID() };
    });
    await insert('dev_idp.users', [
      ['id', 'uuid', (a) => a.idpUserId], ['username', 'text', (a) => a.username], ['email', 'text', (a) => a.person.email],
      ['first_name', 'text', (a) => a.person.fullName.split(' ').pop()], ['last_name', 'text', (a) => a.person.fullName.split(' ').slice(0, -1).join(' ')],
      ['enabled', 'boolean', (a) => a.status !== 'LOCKED'], ['password_hash', 'text', (a) => (a.demo && demoHash) || unknownHash],
      ['password_temporary', 'boolean', (a) => a.status === 'PENDING_PASSWORD_CHANGE' || (!a.demo && a.status === 'LOCKED')],
      // Postgres cannot unnest a 2-D array into text[] rows: roles and groups go as '{a,b}' literals.
      ['roles', 'text', (a) => `{${(a.demo?.roles ?? ['employee']).join(',')}}`, 'text[]'],
      ['groups', 'text', (a) => `{/blocks/${a.unit.block.toLowerCase()}}`, 'text[]'],
      ['unit_id', 'text', (a) => a.unit.id], ['block', 'text', (a) => a.unit.block],
    ], accounts, trx);
    await insert('organization.account', [
      ['id', 'uuid', (a) => a.accountId], ['person_id', 'uuid', (a) => a.person.id], ['username', 'text', (a) => a.username],
      ['idp_user_id', 'text', (a) => a.idpUserId], ['status', 'text', (a) => a.status],
      ['issued_at', 'timestamptz', () => `${seededFrom}T08:00:00+07:00`],
      ['temporary_password_at', 'timestamptz', () => `${seededFrom}T08:00:00+07:00`],
      ['password_change_deadline', 'timestamptz', (a) => (a.status === 'PENDING_PASSWORD_CHANGE' ? '2026-01-06T08:00:00+07:00' : null)],
      ['locked_at', 'timestamptz', (a) => (a.status === 'LOCKED' ? '2026-01-06T08:00:00+07:00' : null)],
      ['locked_reason', 'text', (a) => (a.status === 'LOCKED' ? 'Không đổi mật khẩu trong 5 ngày' : null)],
    ], accounts, trx);
  });
}

