import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { policies } from '@cbccvc/rules';
import { computeMonthKpis, migrations, storeMonthKpis } from '@cbccvc/planning';
import { openSeededDatabase, load, login, row, startCluster, stopProcesses } from './support';

/**
 * `npm run bench:kpi`, over the data of `npm run seed -- --scale city` (DATABASE_URL, or the
 * embedded PostgreSQL in DATA_DIR, default ./.data):
 * 1. the KPI of every person-month of the seeded month through packages/rules, stored for reporting,
 *    beside one plain SQL aggregate over the same rows (targets: < 60 s, within 3× of the SQL);
 * 2. one person's KPI through the gateway, subgraphs and gateway in separate processes, 10
 *    connections (target: p95 < 50 ms).
 */
async function main(): Promise<void> {
  const { dataDir, databaseUrl, orm, close } = await openSeededDatabase('planning', migrations);
  const children = [];
  try {
    const em = orm.em.fork() as EntityManager;
    const [latest] = (await em.getConnection().execute(
      `select month, count(*)::int as tasks, count(distinct person_id)::int as people from planning.task group by month order by month desc limit 1`,
    )) as { month: string; tasks: number; people: number }[];
    if (!latest || latest.people < 100_000) {
      throw new Error('no city month found: run `npm run seed -- --scale city` first (same DATA_DIR or DATABASE_URL)');
    }
    console.log(`\nbench:kpi — ${latest.month}: ${latest.people.toLocaleString('en')} people, ${latest.tasks.toLocaleString('en')} tasks`);

    // Leaders and policies as the subgraph sees them: one query each, before the clock starts.
    const leaders = new Set(((await em.getConnection().execute(
      `select p.id from organization.person p join organization.position po on po.id = p.position_id where po.rank <> 'STAFF'`,
    )) as { id: string }[]).map((r) => r.id));
    const policy = policies.hanoi2026;

    const sqlStarted = performance.now();
    const plain = (await em.getConnection().execute(plainAggregateSql, [latest.month, latest.month, latest.month])) as unknown[];
    const sqlSeconds = (performance.now() - sqlStarted) / 1000;

    const started = performance.now();
    const results = await computeMonthKpis(em, latest.month, () => policy, (id) => leaders.has(id));
    const computed = performance.now();
    await storeMonthKpis(em, latest.month, results, new Date());
    const seconds = (performance.now() - started) / 1000;
    console.log(`plain SQL aggregate:        ${sqlSeconds.toFixed(2)} s (${plain.length.toLocaleString('en')} rows)`);
    console.log(`KPI through packages/rules: ${seconds.toFixed(2)} s (${results.length.toLocaleString('en')} person-months; compute ${((computed - started) / 1000).toFixed(2)} s, store ${((performance.now() - computed) / 1000).toFixed(2)} s)`);
    console.log(`whole month: ${seconds.toFixed(2)} s (target < 60 s) ${seconds < 60 ? 'MET' : 'NOT MET'}; ratio to plain SQL ${(seconds / sqlSeconds).toFixed(2)}× (target ≤ 3×) ${seconds / sqlSeconds <= 3 ? 'MET' : 'NOT MET'}`);

    // One person's KPI through the gateway.
    const passwordFile = join(dataDir, 'demo-password');
    if (process.env.DATABASE_URL && !existsSync(passwordFile)) throw new Error(`${passwordFile} not found: seed with the same DATA_DIR`);
    const [subject] = (await em.getConnection().execute(
      `select person_id from planning.task where month = ? and directed_by is null group by person_id order by person_id limit 1`,
      [latest.month],
    )) as { person_id: string }[];
    const cluster = await startCluster({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl });
    children.push(...cluster.children);
    const { idp: idpPort, gateway: gatewayPort } = cluster.ports;
    const token = await login(idpPort, 'admin.thanhpho', readFileSync(passwordFile, 'utf8').trim());
    const body = JSON.stringify({ query: `query($p: ID!, $m: String!) { kpi(personId: $p, month: $m) { quantity quality timeliness kpi items { size completed } } }`, variables: { p: subject!.person_id, m: latest.month } });
    const probe = (await (await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })).json()) as { data?: { kpi?: { items: unknown[] } } };
    if (!probe.data?.kpi?.items.length) throw new Error(`the gateway answered ${JSON.stringify(probe)}`);
    const single = await load(`http://127.0.0.1:${gatewayPort}/graphql`, token, body, 10, Number(process.env.BENCH_SECONDS ?? 10));
    console.log(row('kpi(gw)', single));
    console.log(`one person's KPI through the gateway, p95 ${single.p95.toFixed(1)} ms (target < 50 ms; ratio ${(single.p95 / 50).toFixed(2)}) ${single.p95 < 50 ? 'MET' : 'NOT MET'}`);
  } finally {
    await stopProcesses(children);
    await close();
  }
}

/** The baseline: a, b and c per person in SQL alone, over the same rows as the rules see. */
const plainAggregateSql = `
  with counted as (
    select t.person_id, t.directed_by, t.size, t.completed_on is not null as completed,
           coalesce(r.failures, 0) as failures, coalesce(d.late, 0) as late
      from planning.task t
      join planning.plan p on p.id = t.plan_id and p.status = 'APPROVED'
      left join (select task_id, count(*)::int as failures from planning.quality_review where month = ? and not passed and not excused group by task_id) r on r.task_id = t.id
      left join (select task_id, count(*)::int as late from planning.delay where month = ? and not excused group by task_id) d on d.task_id = t.id
     where t.month = ?
  ), subjects as (
    select person_id as subject, size, completed, failures, late from counted
    union all
    select directed_by, size, completed, failures, late from counted where directed_by is not null
  )
  select subject,
         coalesce(sum(size) filter (where completed), 0) / sum(size) as a,
         coalesce(sum(size * greatest(0, 1 - 0.25 * failures)) filter (where completed), 0) / sum(size) as b,
         coalesce(sum(size * greatest(0, 1 - 0.25 * late)) filter (where completed), 0) / sum(size) as c
    from subjects group by subject`;

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
