import { createServer } from 'node:http';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { DocumentNode } from 'graphql';
import { authenticate, type Principal, type TokenVerifier } from './auth';
import { maskError } from './errors';
import { queryLimitRules } from './graphql-limits';
import { listen, mountHealth, type ListeningServer } from './http';
import type { Logger } from './logger';

export interface SubgraphOptions<TContext extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  /** Resolvers typed by GraphQL Code Generator in the service; federation accepts them as a plain map. */
  resolvers: object;
  port: number;
  host?: string;
  verifier: TokenVerifier;
  logger: Logger;
  production: boolean;
  /** Builds the per-request context (a forked entity manager, loaders, scope) for a verified caller. */
  createContext(principal: Principal): Promise<TContext> | TContext;
  /** Whether the process is healthy beyond "it answers", e.g. the database is reachable. */
  checkHealth?(): Promise<void>;
}

/**
 * Serves one federated subgraph. Zero trust: every request, including those from the gateway,
 * must carry a valid bearer token, which is verified here again.
 */
export async function startSubgraphServer<TContext extends BaseContext>(
  options: SubgraphOptions<TContext>,
): Promise<ListeningServer> {
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are POST responses: no ETag, so no hash of every body.
  app.set('etag', false);
  const httpServer = createServer(app);
  const apollo = new ApolloServer<TContext>({
    schema: buildSubgraphSchema({
      typeDefs: options.typeDefs,
      resolvers: options.resolvers as GraphQLResolverMap<unknown>,
    }),
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    validationRules: queryLimitRules(),
    formatError: (formatted, error) =>
      maskError(formatted, error, (masked, original) =>
        options.logger.error({ err: original, path: masked.path }, 'internal error'),
      ),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Traces are not reported to Apollo's cloud: skip the per-request tracing work.
      ApolloServerPluginInlineTraceDisabled(),
      requestLogging<TContext>(options.logger),
    ],
  });
  await apollo.start();
  mountHealth(app, options.name, options.checkHealth);
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => options.createContext(await authenticate(options.verifier, req.headers.authorization)),
    }),
  );
  return listen(httpServer, options.port, options.host, async () => {
    await apollo.stop();
  });
}

function requestLogging<TContext extends BaseContext>(logger: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ request }) {
      const started = performance.now();
      return {
        async willSendResponse({ errors }) {
          logger.debug(
            { operation: request.operationName ?? null, ms: Math.round(performance.now() - started), errors: errors?.length ?? 0 },
            'graphql request',
          );
        },
      };
    },
  };
}
