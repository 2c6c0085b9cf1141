import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { parse } from 'graphql';
import { startSubgraphServer, type Clock, type ListeningServer, type Logger, type Orm, type TokenVerifier } from '@cbccvc/platform';
import { CallerCache } from '@cbccvc/organization';
import { createPlanningContext } from '@cbccvc/planning';
import { resolvers } from './resolvers';

export const evaluationTypeDefs = parse(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'));

export interface EvaluationServiceOptions {
  orm: Orm;
  verifier: TokenVerifier;
  clock: Clock;
  logger: Logger;
  port: number;
  host?: string;
  production: boolean;
}

export function startEvaluationService(options: EvaluationServiceOptions): Promise<ListeningServer> {
  const deps = { clock: options.clock, logger: options.logger, callers: new CallerCache() };
  return startSubgraphServer({
    name: 'evaluation',
    typeDefs: evaluationTypeDefs,
    resolvers,
    port: options.port,
    host: options.host,
    verifier: options.verifier,
    logger: options.logger,
    production: options.production,
    // The same per-request context as planning: it reads organization and planning in-process.
    createContext: (principal) => createPlanningContext(principal, options.orm.em.fork() as EntityManager, deps),
    checkHealth: async () => {
      await options.orm.em.getConnection().execute('select 1');
    },
  });
}
