import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createDatabase, startEmbeddedPostgres } from '@cbccvc/platform';
import { generateSeed } from '@cbccvc/organization';

/**
 * `npm run bench:gateway`: the same `person(id) { name unit { name } }` query sent straight to the
 * organization subgraph and through the gateway, 50 concurrent connections each, one run.
 * As deployed, the subgraph and the gateway are separate processes (SERVICES=organization and
 * SERVICES=gateway); this process only generates load.
 * Targets (issue 2): gateway throughput ≥ 40 % of direct, gateway p95 < 50 ms.
 */
const connections = 50;
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const root = join(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cbccvc-bench-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as its own user when we are root
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), persistent: false });
  const databaseUrl = process.env.DATABASE_URL ?? (await createDatabase(embedded!.url, 'bench'));
  const [organizationPort, idpPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
  const common = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', DATA_DIR: dir };
  const children: ChildProcess[] = [];
  try {
    children.push(start({ ...common, SERVICES: 'organization', DATABASE_URL: databaseUrl, ORGANIZATION_PORT: String(organizationPort), DEV_IDP_PORT: String(idpPort) }));
    await healthy(organizationPort);
    children.push(start({ ...common, SERVICES: 'gateway', KEYCLOAK_URL: `http://127.0.0.1:${idpPort}`, ORGANIZATION_URL: `http://127.0.0.1:${organizationPort}/graphql`, GATEWAY_PORT: String(gatewayPort) }));
    await healthy(gatewayPort);

    const password = readFileSync(join(dir, 'demo-password'), 'utf8').trim();
    const tokenResponse = await fetch(`http://127.0.0.1:${idpPort}/realms/hanoi/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: 'cbccvc-portal', username: 'nhanvien', password }),
    });
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const seed = generateSeed('demo');
    const caller = seed.people.find((p) => p.id === seed.demoUsers.find((u) => u.username === 'nhanvien')!.personId)!;
    const colleague = seed.people.find((p) => p.unitId === caller.unitId && p.id !== caller.id)!;
    const body = JSON.stringify({ query: 'query($id: ID!) { person(id: $id) { name unit { name } } }', variables: { id: colleague.id } });

    const run = async (url: string) => {
      const probe = (await (await fetch(url, { method: 'POST', headers: headers(token), body })).json()) as { data?: { person?: { name: string } } };
      if (probe.data?.person?.name !== colleague.fullName) throw new Error(`${url} answered ${JSON.stringify(probe)}`);
      // Warm up (JIT, JWKS fetch, query plan cache), then measure.
      await autocannon({ url, method: 'POST', connections: 10, duration: 2, headers: headers(token), body });
      const result = await autocannon({ url, method: 'POST', connections, duration, headers: headers(token), body });
      if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      return { rps: result.requests.average, p50: result.latency.p50, p95: percentile95(result), p99: result.latency.p99 };
    };
    const direct = await run(`http://127.0.0.1:${organizationPort}/graphql`);
    const gateway = await run(`http://127.0.0.1:${gatewayPort}/graphql`);
    const ratio = gateway.rps / direct.rps;
    const row = (name: string, r: typeof direct) =>
      `${name.padEnd(10)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1)} ms   p95 ${r.p95.toFixed(1)} ms   p99 ${r.p99.toFixed(1)} ms`;
    console.log(`\nbench:gateway — person(id) { name unit { name } }, ${connections} connections, ${duration} s each, subgraph and gateway in separate processes`);
    console.log(row('direct', direct));
    console.log(row('gateway', gateway));
    console.log(`gateway/direct throughput ratio: ${(ratio * 100).toFixed(1)} % (target ≥ 40 %) ${ratio >= 0.4 ? 'MET' : 'NOT MET'}`);
    console.log(`gateway p95: ${gateway.p95.toFixed(1)} ms (target < 50 ms; ratio to target ${(gateway.p95 / 50).toFixed(2)}) ${gateway.p95 < 50 ? 'MET' : 'NOT MET'}`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)))));
    await embedded?.stop();
  }
}

function start(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), join(root, 'gateway', 'dist', 'start.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  child.once('exit', (code) => {
    if (code) console.error(`a service exited with code ${code}`);
  });
  return child;
}

async function healthy(port: number): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`the service on port ${port} did not become healthy`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const headers = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });

/** autocannon reports p90 and p97.5; p95 is interpolated between them. */
function percentile95(result: autocannon.Result): number {
  const latency = result.latency as unknown as Record<string, number>;
  if (typeof latency.p95 === 'number') return latency.p95;
  return latency.p90! + ((latency.p97_5! - latency.p90!) * (95 - 90)) / (97.5 - 90);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
