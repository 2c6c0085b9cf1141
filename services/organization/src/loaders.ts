import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Account, Jurisdiction, Person, Position, Unit } from './entities';

/**
 * Per-request batching: every lookup by id in a request (nested fields, federation
 * `__resolveReference`) becomes one `where id in (…)` query per entity type.
 */
export function createLoaders(em: EntityManager) {
  const byId = <T extends { id: string }>(entity: new () => T) =>
    new DataLoader<string, T | null>(async (ids) => {
      const rows = (await em.find(entity as never, { id: { $in: [...ids] } } as never)) as T[];
      const map = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => map.get(id) ?? null);
    });
  return {
    unit: byId(Unit),
    person: byId(Person),
    position: byId(Position),
    jurisdiction: byId(Jurisdiction),
    accountOfPerson: new DataLoader<string, Account | null>(async (personIds) => {
      const rows = await em.find(Account, { personId: { $in: [...personIds] } });
      const map = new Map(rows.map((row) => [row.personId, row]));
      return personIds.map((id) => map.get(id) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
