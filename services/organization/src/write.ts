import { randomUUID } from 'node:crypto';
import {
  ForeignKeyConstraintViolationException,
  OptimisticLockError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict } from '@cbccvc/platform';
import type { Context } from './context';

export const newId = (): string => randomUUID();

/**
 * Runs one mutation as one transaction: the change and its audit entry commit together, and a lost
 * optimistic-lock race or a constraint violation becomes a coded error with nothing half-written.
 */
export async function write<T>(ctx: Context, work: (em: EntityManager) => Promise<T>): Promise<T> {
  // The request's own entity manager carries the transaction, so the scope checks and loaders it
  // feeds run on the transaction's connection too: one connection per mutation, never two.
  const em = ctx.em;
  await em.begin();
  try {
    const result = await work(em);
    await em.commit();
    return result;
  } catch (error) {
    await em.rollback().catch(() => undefined);
    em.clear();
    if (error instanceof OptimisticLockError) {
      throw conflict('The record was changed by someone else meanwhile: reload it and try again');
    }
    if (error instanceof UniqueConstraintViolationException) {
      throw conflict('A record with the same unique value was created meanwhile: reload and try again');
    }
    if (error instanceof ForeignKeyConstraintViolationException) {
      throw badInput('input', 'refers to a record that no longer exists');
    }
    throw error;
  }
}

/** The optimistic lock check a client sees first: its copy must be the current version. */
export function checkVersion(record: { version: number }, expectedVersion: number, what: string): void {
  if (record.version !== expectedVersion) {
    throw conflict(`${what} was changed by someone else (version ${record.version}, you sent ${expectedVersion}): reload it and try again`);
  }
}
