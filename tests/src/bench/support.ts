import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { MigrationObject } from '@mikro-orm/core';
import { createLogger, openConfiguredDatabase, openOrm } from '@cbccvc/platform';

/** Shared by the benchmarks: run the system's processes as deployed, and load them with autocannon. */
const root = join(__dirname, '..', '..', '..');

/** `node gateway/dist/start.js` with the given environment (SERVICES says which parts it runs). */
export function startProcess(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), join(root, 'gateway', 'dist', 'start.js')], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.once('exit', (code) => {
    if (code) console.error(`a service exited with code ${code}`);
  });
  return child;
}

export interface Cluster {
  children: ChildProcess[];
  ports: { organization: number; planning: number; evaluation: number; reporting: number; idp: number; gateway: number };
}

/**
 * The system as deployed: the four subgraphs (and the development identity provider) in one
 * process, the gateway in another, each on a free port; resolves once both are healthy.
 */
export async function startCluster(env: NodeJS.ProcessEnv): Promise<Cluster> {
  const ports = { organization: await freePort(), planning: await freePort(), evaluation: await freePort(), reporting: await freePort(), idp: await freePort(), gateway: await freePort() };
  const common = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env };
  const children: ChildProcess[] = [];
  children.push(startProcess({
    ...common, SERVICES: 'organization,planning,evaluation,reporting',
    ORGANIZATION_PORT: String(ports.organization), PLANNING_PORT: String(ports.planning), EVALUATION_PORT: String(ports.evaluation), REPORTING_PORT: String(ports.reporting), DEV_IDP_PORT: String(ports.idp),
  }));
  await healthy(ports.reporting);
  const url = (port: number) => `http://127.0.0.1:${port}/graphql`;
  children.push(startProcess({
    ...common, SERVICES: 'gateway', KEYCLOAK_URL: `http://127.0.0.1:${ports.idp}`, GATEWAY_PORT: String(ports.gateway),
    ORGANIZATION_URL: url(ports.organization), PLANNING_URL: url(ports.planning), EVALUATION_URL: url(ports.evaluation), REPORTING_URL: url(ports.reporting),
  }));
  await healthy(ports.gateway);
  return { children, ports };
}

export async function stopProcesses(children: ChildProcess[]): Promise<void> {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((child) => new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)))));
}

export async function healthy(port: number): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false)) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`the service on port ${port} did not become healthy`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function login(idpPort: number, username: string, password: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${idpPort}/realms/hanoi/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'cbccvc-portal', username, password }),
  });
  const body = (await response.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`login ${username}: ${body.error_description}`);
  return body.access_token;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Warm up, then one measured autocannon run of a GraphQL POST; fails on any non-2xx or error. */
export async function load(url: string, token: string, body: string, connections: number, seconds: number): Promise<LoadResult> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  await autocannon({ url, method: 'POST', connections: Math.min(10, connections), duration: 2, headers, body });
  const result = await autocannon({ url, method: 'POST', connections, duration: seconds, headers, body });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  const latency = result.latency as unknown as Record<string, number>;
  // autocannon reports p90 and p97.5; p95 is interpolated between them.
  const p95 = typeof latency.p95 === 'number' ? latency.p95 : latency.p90! + ((latency.p97_5! - latency.p90!) * 5) / 7.5;
  return { rps: result.requests.average, p50: result.latency.p50, p95, p99: result.latency.p99 };
}

export const row = (name: string, r: LoadResult) =>
  `${name.padEnd(10)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1)} ms   p95 ${r.p95.toFixed(1)} ms   p99 ${r.p99.toFixed(1)} ms`;

/**
 * The seeded database of `npm run seed` (DATABASE_URL, or the embedded PostgreSQL in DATA_DIR,
 * default ./.data), opened on one subgraph's schema.
 */
export async function openSeededDatabase(schema: 'planning' | 'evaluation' | 'reporting', migrations: MigrationObject[]) {
  const database = await openConfiguredDatabase(join(root, '.data'));
  const { dataDir, url: databaseUrl } = database;
  const orm = await openOrm({ url: databaseUrl, schema, entities: [], migrations, logger: createLogger('bench', 'warn') });
  return {
    dataDir,
    databaseUrl,
    orm,
    close: async () => {
      await orm.close();
      await database.stop();
    },
  };
}
