import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock, Logger, Principal } from '@cbccvc/platform';
import { Access, CallerCache } from './access';
export { CallerCache };
import type { IdentityProvider } from './identity/identity-provider';
import { createLoaders, type Loaders } from './loaders';

/** What every resolver gets: the caller, one forked unit of work, loaders and the caller's scope. */
export interface Context {
  principal: Principal;
  em: EntityManager;
  loaders: Loaders;
  access: Access;
  clock: Clock;
  identityProvider: IdentityProvider;
  logger: Logger;
}

export function createContext(
  principal: Principal,
  em: EntityManager,
  deps: { clock: Clock; identityProvider: IdentityProvider; logger: Logger; callers: CallerCache },
): Context {
  const loaders = createLoaders(em);
  const { callers, ...rest } = deps;
  return { principal, em, loaders, access: new Access(principal, em, loaders, callers), ...rest };
}
