import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock, Logger, Principal } from '@cbccvc/platform';
import { Access, createLoaders, type CallerCache, type Loaders } from '@cbccvc/organization';

/**
 * Per request: the caller, one unit of work, and the organization read side (people, units,
 * evaluation chains, scope), which planning reads in-process from the shared database.
 */
export interface Context {
  principal: Principal;
  em: EntityManager;
  /** Organization's loaders (units, people, positions, jurisdictions) over the same connection. */
  loaders: Loaders;
  /** Organization's scope rules for this caller (admins, focal points, leaders of a subtree). */
  access: Access;
  clock: Clock;
  logger: Logger;
}

export function createContext(principal: Principal, em: EntityManager, deps: { clock: Clock; logger: Logger; callers: CallerCache }): Context {
  const loaders = createLoaders(em);
  return { principal, em, loaders, access: new Access(principal, em, loaders, deps.callers), clock: deps.clock, logger: deps.logger };
}
