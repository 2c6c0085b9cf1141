import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSubgraphServer, type Clock, type ListeningServer, type Logger, type Orm, type TokenVerifier } from '@cbccvc/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import { parse } from 'graphql';
import { CallerCache, createContext } from './context';
import type { IdentityProvider } from './identity/identity-provider';
import { resolvers } from './resolvers';

/** The subgraph's contract, read from the package root (the same file composition uses). */
export const organizationTypeDefs = parse(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'));

export interface OrganizationServiceOptions {
  orm: Orm;
  verifier: TokenVerifier;
  identityProvider: IdentityProvider;
  clock: Clock;
  logger: Logger;
  port: number;
  host?: string;
  production: boolean;
}

export function startOrganizationService(options: OrganizationServiceOptions): Promise<ListeningServer> {
  const deps = { clock: options.clock, identityProvider: options.identityProvider, logger: options.logger, callers: new CallerCache() };
  return startSubgraphServer({
    name: 'organization',
    typeDefs: organizationTypeDefs,
    resolvers,
    port: options.port,
    host: options.host,
    verifier: options.verifier,
    logger: options.logger,
    production: options.production,
    // One unit of work per request.
    createContext: (principal) => createContext(principal, options.orm.em.fork() as EntityManager, deps),
    checkHealth: async () => {
      await options.orm.em.getConnection().execute('select 1');
    },
  });
}
