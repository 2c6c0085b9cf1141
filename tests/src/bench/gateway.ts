import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { createDatabase, createLogger, startEmbeddedPostgres } from '@cbccvc/platform';
import { generateSeed, loadSeed } from '@cbccvc/organization';
import { readConfig, startSystem } from '@cbccvc/gateway';

/**
 * `npm run bench:gateway`: the same `person(id) { name unit { name } }` query sent straight to the
 * organization subgraph and through the gateway, 50 concurrent connections each, one run.
 * Targets (issue 2): gateway throughput ≥ 40 % of direct, gateway p95 < 50 ms.
 */
const connections = 50;
const duration = Number(process.env.BENCH_SECONDS ?? 10);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cbccvc-bench-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as its own user when we are root
  const embedded = process.env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: dir, port: 20000 + Math.floor(Math.random() * 20000), persistent: false });
  const databaseUrl = process.env.DATABASE_URL ?? (await createDatabase(embedded!.url, 'bench'));
  const config = readConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, DATA_DIR: dir, GATEWAY_PORT: '0', ORGANIZATION_PORT: '0', DEV_IDP_PORT: '0' });
  const system = await startSystem(config, createLogger('bench', 'warn'));
  try {
    const seed = generateSeed('demo');
    const password = randomBytes(9).toString('base64url');
    await loadSeed(system.orm, seed, { devUsers: system.devIdentityProvider!.store, demoPassword: password });
    const tokenResponse = await fetch(`${system.devIdentityProvider!.realmUrl}/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: 'cbccvc-portal', username: 'nhanvien', password }),
    });
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const caller = seed.people.find((p) => p.id === seed.demoUsers.find((u) => u.username === 'nhanvien')!.personId)!;
    const colleague = seed.people.find((p) => p.unitId === caller.unitId && p.id !== caller.id)!;
    const body = JSON.stringify({ query: 'query($id: ID!) { person(id: $id) { name unit { name } } }', variables: { id: colleague.id } });

    const run = async (url: string) => {
      // Warm up (JIT, JWKS fetch, query plan cache), then measure.
      await autocannon({ url, method: 'POST', connections: 10, duration: 2, headers: headers(token), body });
      const result = await autocannon({ url, method: 'POST', connections, duration, headers: headers(token), body });
      if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      return { rps: result.requests.average, p50: result.latency.p50, p95: percentile95(result), p99: result.latency.p99 };
    };
    const direct = await run(system.organizationUrl);
    const gateway = await run(system.gatewayUrl);
    const ratio = gateway.rps / direct.rps;
    const row = (name: string, r: typeof direct) =>
      `${name.padEnd(10)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1)} ms   p95 ${r.p95.toFixed(1)} ms   p99 ${r.p99.toFixed(1)} ms`;
    console.log(`\nbench:gateway — person(id) { name unit { name } }, ${connections} connections, ${duration} s each`);
    console.log(row('direct', direct));
    console.log(row('gateway', gateway));
    console.log(`gateway/direct throughput ratio: ${(ratio * 100).toFixed(1)} % (target ≥ 40 %) ${ratio >= 0.4 ? 'MET' : 'NOT MET'}`);
    console.log(`gateway p95: ${gateway.p95.toFixed(1)} ms (target < 50 ms; ratio to target ${(gateway.p95 / 50).toFixed(2)}) ${gateway.p95 < 50 ? 'MET' : 'NOT MET'}`);
  } finally {
    await system.close();
    await embedded?.stop();
  }
}

const headers = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });

/** autocannon reports p90 and p97.5; p95 is read from its histogram when present, else interpolated. */
function percentile95(result: autocannon.Result): number {
  const latency = result.latency as unknown as Record<string, number>;
  if (typeof latency.p95 === 'number') return latency.p95;
  return latency.p90! + ((latency.p97_5! - latency.p90!) * (95 - 90)) / (97.5 - 90);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
