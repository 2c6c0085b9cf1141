import { createServer } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import {
  authenticate,
  listen,
  maskError,
  mountHealth,
  queryLimitRules,
  type ListeningServer,
  type Logger,
  type Principal,
  type QueryLimits,
  type TokenVerifier,
} from '@cbccvc/platform';
import { mountPortal, type PortalOptions } from './portal';
import { createSubgraphFetcher } from './subgraph-fetcher';

type RemoteGraphQLDataSourceFetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'];

export interface GatewayContext {
  principal: Principal;
}

export interface GatewayOptions {
  supergraphSdl: string;
  /** Subgraph name → GraphQL URL; overrides the routing URLs written in the supergraph. */
  subgraphUrls: Record<string, string>;
  verifier: TokenVerifier;
  logger: Logger;
  port: number;
  host?: string;
  production: boolean;
  limits?: QueryLimits;
  /** The portal served at `/` (when built). */
  portal?: PortalOptions;
}

/**
 * The single public entry point: validates the bearer token (keycloak-connect), plans queries
 * over the committed supergraph, and forwards the caller's token to every subgraph, which
 * validates it again.
 */
export async function startGateway(options: GatewayOptions): Promise<ListeningServer> {
  const subgraphFetcher = createSubgraphFetcher();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: options.subgraphUrls[name] ?? url,
        fetcher: subgraphFetcher as unknown as RemoteGraphQLDataSourceFetcher,
        willSendRequest({ request, context }) {
          if (context.principal) request.http?.headers.set('authorization', `Bearer ${context.principal.token}`);
        },
      }),
    logger: {
      debug: (message) => options.logger.debug(message),
      info: (message) => options.logger.info(message),
      warn: (message) => options.logger.warn(message),
      error: (message) => options.logger.error(message),
    },
  });
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are POST responses: no ETag, so no hash of every body.
  app.set('etag', false);
  const httpServer = createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    validationRules: queryLimitRules(options.limits),
    formatError: (formatted, error) =>
      maskError(formatted, error, (masked, original) => options.logger.error({ err: original, path: masked.path }, 'internal error')),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...(options.production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();
  mountHealth(app, 'gateway');
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({ principal: await authenticate(options.verifier, req.headers.authorization) }),
    }),
  );
  if (options.portal && !mountPortal(app, options.portal)) options.logger.warn({ dir: options.portal.dir }, 'the portal is not built: run npm run build -w portal');
  return listen(httpServer, options.port, options.host, async () => {
    await apollo.stop();
  });
}
