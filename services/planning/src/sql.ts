import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appendAudit, conflict, notFound, sqlRows, sqlRun, type Principal } from '@cbccvc/platform';

type Row = Record<string, unknown>;
export const newId = (): string => randomUUID();

// Local names for the platform's transaction-aware SQL helpers.
export const rows = sqlRows;
export const run = sqlRun;

export async function one<T>(em: EntityManager, sql: string, params: unknown[], map: (row: Row) => T): Promise<T | null> {
  const [row] = await sqlRows(em, sql, params);
  return row ? map(row) : null;
}

export async function mustFind<T>(em: EntityManager, field: string, what: string, id: string, sql: string, map: (row: Row) => T): Promise<T> {
  const found = await one(em, sql, [id], map);
  if (!found) throw notFound(field, what, id);
  return found;
}

/** An optimistic update: `... where id = ? and version = ?`; no row means someone else won. */
export async function updateVersioned(em: EntityManager, sql: string, params: unknown[], what: string): Promise<void> {
  if ((await sqlRun(em, sql, params)) !== 1) throw conflict(`${what} was changed by someone else meanwhile: reload it and try again`);
}

/** Appends to planning's audit log in the caller's transaction. */
export const audit = (em: EntityManager, principal: Principal, at: Date, action: string, entityType: string, entityId: string, before: unknown, after: unknown) =>
  appendAudit(em, 'planning', { at, actor: principal.username, action, entityType, entityId, before, after });

/**
 * One mutation, one transaction: the change and its audit entry commit together; losing a race on
 * a unique record (two plans for one month, two catalogues from one month) is a CONFLICT.
 */
export async function transaction<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await em.transactional((inner) => work(inner as EntityManager));
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw conflict('The same record was created by someone else meanwhile: reload and try again');
    }
    throw error;
  }
}
