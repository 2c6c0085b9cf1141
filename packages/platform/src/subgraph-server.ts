import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode } from 'graphql';
import { authenticate, type Principal, type TokenVerifier } from './auth';
import { maskError } from './errors';
import { queryLimitRules } from './graphql-limits';
import { listen, type ListeningServer } from './http';
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
  // Plain node:http rather than express: a subgraph serves two paths, and every request of the
  // portal passes through here once per subgraph it touches.
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(503).end();
  };
  const httpServer = createServer((req, res) => handle(req, res));
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
  handle = (req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path === '/health' && req.method === 'GET') {
      void health(res, options.name, options.checkHealth);
    } else if (path === '/graphql') {
      serveGraphQL(apollo, req, res, () => authenticate(options.verifier, req.headers.authorization).then((p) => options.createContext(p))).catch(
        (error: unknown) => {
          options.logger.error({ err: error }, 'request failed');
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
          res.end('{"errors":[{"message":"Internal server error","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}');
        },
      );
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    }
  };
  return listen(httpServer, options.port, options.host, async () => {
    await apollo.stop();
  });
}

async function health(res: ServerResponse, name: string, checkHealth?: () => Promise<void>): Promise<void> {
  let status = 200;
  try {
    await checkHealth?.();
  } catch {
    status = 503;
  }
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ status: status === 200 ? 'ok' : 'unavailable', service: name }));
}

const maxBodyBytes = 1024 * 1024;

/** Reads the body (JSON only, at most 1 MiB) and hands the request to Apollo, as an integration does. */
async function serveGraphQL<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  context: () => Promise<TContext>,
): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) {
      res.writeHead(413, { 'content-type': 'application/json' }).end('{"errors":[{"message":"Request body too large","extensions":{"code":"BAD_REQUEST"}}]}');
      return;
    }
    chunks.push(chunk);
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown = undefined;
  if (size > 0 && /json/i.test(req.headers['content-type'] ?? '')) {
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"errors":[{"message":"Malformed JSON body","extensions":{"code":"BAD_REQUEST"}}]}');
      return;
    }
  }
  const url = req.url ?? '/';
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.includes('?') ? url.slice(url.indexOf('?')) : '', body },
    context,
  });
  const outgoing: Record<string, string> = {};
  for (const [key, value] of response.headers) outgoing[key] = value;
  if (response.body.kind === 'complete') {
    outgoing['content-length'] = String(Buffer.byteLength(response.body.string));
    res.writeHead(response.status ?? 200, outgoing).end(response.body.string);
    return;
  }
  res.writeHead(response.status ?? 200, outgoing);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
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
