import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Account, Jurisdiction, Person, Position, Unit } from './entities';

/**
 * Per-request batching: every lookup by id in a request (nested fields, federation
 * `__resolveReference`) becomes one `where id in (…)` query per entity type. The lookups are plain
 * SQL mapped into the request's entity manager: they sit on every request's path, and skipping the
 * query builder halves their cost.
 */
export function createLoaders(em: EntityManager) {
  const byColumn = <T extends object>(entity: new () => T, table: string, column: string, key: (row: T) => string) =>
    new DataLoader<string, T | null>(async (ids) => {
      const rows = (await em.getConnection().execute(`select * from organization.${table} where ${column} in (?)`, [ids as string[]])) as object[];
      const map = new Map(rows.map((row) => em.map(entity as never, row as never) as T).map((entity) => [key(entity), entity]));
      return ids.map((id) => map.get(id) ?? null);
    });
  const byId = <T extends { id: string }>(entity: new () => T, table: string) => byColumn(entity, table, 'id', (row) => row.id);
  const unit = byId(Unit, 'unit');
  // A person is almost always read with their unit (scope checks, `unit { name }`): one round trip.
  const person = new DataLoader<string, Person | null>(async (ids) => {
    const rows = (await em.getConnection().execute(
      `select p.*, row_to_json(u) as unit_row from organization.person p join organization.unit u on u.id = p.unit_id where p.id in (?)`,
      [ids as string[]],
    )) as ({ unit_row: Record<string, unknown> } & Record<string, unknown>)[];
    const map = new Map<string, Person>();
    for (const { unit_row: unitRow, ...personRow } of rows) {
      const loaded = em.map(Person, personRow as never);
      map.set(loaded.id, loaded);
      unit.prime(unitRow.id as string, em.map(Unit, unitRow as never));
    }
    return ids.map((id) => map.get(id) ?? null);
  });
  return {
    unit,
    person,
    position: byId(Position, 'position'),
    jurisdiction: byId(Jurisdiction, 'jurisdiction'),
    accountOfPerson: byColumn(Account, 'account', 'person_id', (row) => row.personId),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
