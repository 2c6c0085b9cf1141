import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { parse } from 'graphql';
import { startSubgraphServer, type Clock, type ListeningServer, type Logger, type Orm, type TokenVerifier } from '@cbccvc/platform';
import { CallerCache } from '@cbccvc/organization';
import { createPlanningContext } from '@cbccvc/planning';
import { resolvers } from './resolvers';
import { startProjector } from './projection';
import { warmUpFonts } from './documents/index';

export const reportingTypeDefs = parse(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'));

export interface ReportingServiceOptions {
  orm: Orm;
  verifier: TokenVerifier;
  clock: Clock;
  logger: Logger;
  port: number;
  host?: string;
  production: boolean;
  /** How often the projector applies the outbox, in ms (default 1000). */
  projectorIntervalMs?: number;
}

/** The reporting subgraph and, in the same process, its projector over the evaluation outbox. */
export async function startReportingService(options: ReportingServiceOptions): Promise<ListeningServer> {
  const deps = { clock: options.clock, logger: options.logger, callers: new CallerCache() };
  // The PDF fonts are parsed once per process, at start rather than on the first export.
  warmUpFonts();
  const stopProjector = startProjector(() => options.orm.em.fork() as EntityManager, {
    intervalMs: options.projectorIntervalMs ?? 1000,
    onError: (error) => options.logger.error({ err: error }, 'the projector failed a batch; it retries on the next tick'),
  });
  const server = await startSubgraphServer({
    name: 'reporting',
    typeDefs: reportingTypeDefs,
    resolvers,
    port: options.port,
    host: options.host,
    verifier: options.verifier,
    logger: options.logger,
    production: options.production,
    createContext: (principal) => createPlanningContext(principal, options.orm.em.fork() as EntityManager, deps),
    checkHealth: async () => {
      await options.orm.em.getConnection().execute('select 1');
    },
  });
  return {
    ...server,
    async close() {
      await stopProjector();
      await server.close();
    },
  };
}
