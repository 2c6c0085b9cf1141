import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, startEmbeddedPostgres } from '@cbccvc/platform';
import { generateSeed } from '@cbccvc/organization';
import { freePort, load, login, row, startCluster, stopProcesses } from './support';

/**
 * `npm run bench:gateway`: the same `person(id) { name unit { name } }` query sent straight to the
 * organization subgraph and through the gateway, 50 concurrent connections each, one run.
 * As deployed, the subgraphs and the gateway are separate processes (SERVICES=organization,planning
 * and SERVICES=gateway); this process only generates load.
 * Targets (issue 2): gateway throughput ≥ 40 % of direct, gateway p95 < 50 ms.
 */
const connections = 50;
const duration = Number(process.env.BENCH_SECONDS ?? 10);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cbccvc-bench-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as its own user when we are root
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), persistent: false });
  const databaseUrl = process.env.DATABASE_URL ?? (await createDatabase(embedded!.url, 'bench'));
  const children = [];
  try {
    const cluster = await startCluster({ DATA_DIR: dir, DATABASE_URL: databaseUrl });
    children.push(...cluster.children);
    const { organization: organizationPort, idp: idpPort, gateway: gatewayPort } = cluster.ports;

    const token = await login(idpPort, 'nhanvien', readFileSync(join(dir, 'demo-password'), 'utf8').trim());
    const seed = generateSeed('demo');
    const caller = seed.people.find((p) => p.id === seed.demoUsers.find((u) => u.username === 'nhanvien')!.personId)!;
    const colleague = seed.people.find((p) => p.unitId === caller.unitId && p.id !== caller.id)!;
    const body = JSON.stringify({ query: 'query($id: ID!) { person(id: $id) { name unit { name } } }', variables: { id: colleague.id } });
    for (const port of [organizationPort, gatewayPort]) {
      const probe = (await (await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })).json()) as { data?: { person?: { name: string } } };
      if (probe.data?.person?.name !== colleague.fullName) throw new Error(`port ${port} answered ${JSON.stringify(probe)}`);
    }
    const direct = await load(`http://127.0.0.1:${organizationPort}/graphql`, token, body, connections, duration);
    const gateway = await load(`http://127.0.0.1:${gatewayPort}/graphql`, token, body, connections, duration);
    const ratio = gateway.rps / direct.rps;
    console.log(`\nbench:gateway — person(id) { name unit { name } }, ${connections} connections, ${duration} s each, subgraphs and gateway in separate processes`);
    console.log(row('direct', direct));
    console.log(row('gateway', gateway));
    console.log(`gateway/direct throughput ratio: ${(ratio * 100).toFixed(1)} % (target ≥ 40 %) ${ratio >= 0.4 ? 'MET' : 'NOT MET'}`);
    console.log(`gateway p95: ${gateway.p95.toFixed(1)} ms (target < 50 ms; ratio to target ${(gateway.p95 / 50).toFixed(2)}) ${gateway.p95 < 50 ? 'MET' : 'NOT MET'}`);
  } finally {
    await stopProcesses(children);
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
