import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Account, Jurisdiction, Person, Position, Unit } from './entities';

/**
 * Per-request batching: every lookup by id in a request (nested fields, federation
 * `__resolveReference`) becomes one `where id in (…)` query per entity type.
 *
 * These are the reads on every request's path, so they are plain SQL returning plain read-only
 * records (snake_case columns renamed), not managed entities: no query builder, no identity map.
 * Writes always load their records through the entity manager inside their transaction.
 */
export function createLoaders(em: EntityManager) {
  // Inside a mutation's transaction, on its connection (see write.ts).
  const query = (sql: string, ids: readonly string[]) =>
    em.getConnection().execute(sql, [ids as string[]], 'all', em.getTransactionContext()) as Promise<Row[]>;
  const byColumn = <T>(table: string, column: string, key: (record: T) => string) =>
    new DataLoader<string, T | null>(async (ids) => {
      const records = (await query(`select * from organization.${table} where ${column} in (?)`, ids)).map((row) => record<T>(row));
      const map = new Map(records.map((r) => [key(r), r]));
      return ids.map((id) => map.get(id) ?? null);
    });
  const unit = byColumn<Unit>('unit', 'id', (u) => u.id);
  // A person is almost always read with their unit (scope checks, `unit { name }`): one round trip.
  const person = new DataLoader<string, Person | null>(async (ids) => {
    const rows = await query(
      `select p.*, row_to_json(u) as unit_row from organization.person p join organization.unit u on u.id = p.unit_id where p.id in (?)`,
      ids,
    );
    const map = new Map<string, Person>();
    for (const { unit_row: unitRow, ...personRow } of rows) {
      const loaded = record<Person>(personRow);
      map.set(loaded.id, loaded);
      const loadedUnit = record<Unit>(unitRow as Row);
      // row_to_json renders timestamps as text.
      if (loadedUnit.closedAt) loadedUnit.closedAt = new Date(loadedUnit.closedAt);
      unit.prime(loadedUnit.id, loadedUnit);
    }
    return ids.map((id) => map.get(id) ?? null);
  });
  return {
    unit,
    person,
    position: byColumn<Position>('position', 'id', (p) => p.id),
    jurisdiction: byColumn<Jurisdiction>('jurisdiction', 'id', (j) => j.id),
    accountOfPerson: byColumn<Account>('account', 'person_id', (a) => a.personId),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

type Row = Record<string, unknown>;

/** A database row as a record of the entity's shape: column `full_name` becomes `fullName`. */
export function record<T>(row: Row): T {
  const result: Row = {};
  for (const column in row) result[camel(column)] = row[column];
  return result as T;
}

const camelCache = new Map<string, string>();
const camel = (column: string): string => {
  let name = camelCache.get(column);
  if (name === undefined) {
    name = column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
    camelCache.set(column, name);
  }
  return name;
};
