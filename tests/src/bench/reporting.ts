import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { migrations as evaluationMigrations } from '@cbccvc/evaluation';
import { migrations, rebuild } from '@cbccvc/reporting';
import { openOrm, createLogger } from '@cbccvc/platform';
import { load, login, openSeededDatabase, row, startCluster, stopProcesses } from './support';

/**
 * `npm run bench:reporting`, over `npm run seed -- --scale city --months 12` (DATABASE_URL, or the
 * embedded PostgreSQL in DATA_DIR):
 * 1. a full rebuild of the projection from the evaluation outbox (target ≥ 50,000 results/s);
 * 2. the dashboard of the latest month for the city, a jurisdiction and a unit through the gateway,
 *    each beside the same figures in plain SQL on the owning schemas (target p95 < 50 ms);
 * 3. the 01A export (XLSX and PDF) of the unit closest to 200 people (target < 1 s).
 */
async function main(): Promise<void> {
  const { dataDir, databaseUrl, orm, close } = await openSeededDatabase('reporting', migrations);
  const evaluation = await openOrm({ url: databaseUrl, schema: 'evaluation', entities: [], migrations: evaluationMigrations, logger: createLogger('bench', 'warn') });
  const children = [];
  try {
    const em = orm.em.fork() as EntityManager;
    const sql = async <T>(text: string, params: unknown[] = []) => (await em.getConnection().execute(text, params)) as T[];
    const [totals] = await sql<{ forms: string; months: string; latest: string; events: string }>(
      `select (select count(*) from evaluation.form) as forms, (select count(distinct month) from evaluation.form) as months,
              (select max(month) from evaluation.form where state in ('DECIDED', 'PUBLISHED')) as latest, (select count(*) from evaluation.outbox) as events`,
    );
    const forms = Number(totals!.forms);
    if (forms < 100_000) throw new Error('no city data: run `npm run seed -- --scale city --months 12` first (same DATA_DIR or DATABASE_URL)');
    const month = totals!.latest;
    console.log(`\nbench:reporting — ${forms.toLocaleString('en')} results over ${totals!.months} months (${Number(totals!.events).toLocaleString('en')} outbox events); dashboards of ${month}`);

    const started = performance.now();
    const applied = await rebuild(em);
    const seconds = (performance.now() - started) / 1000;
    const perSecond = forms / seconds;
    console.log(`projection rebuild: ${Number(totals!.events).toLocaleString('en')} events, ${applied.toLocaleString('en')} results and appeals (${forms.toLocaleString('en')} results) in ${seconds.toFixed(1)} s = ${Math.round(perSecond).toLocaleString('en')} results/s (target ≥ 50,000; ratio ${(perSecond / 50_000).toFixed(2)}) ${perSecond >= 50_000 ? 'MET' : 'NOT MET'}`);

    const [jurisdiction] = await sql<{ id: string }>(`select jurisdiction_id as id from reporting.unit_month where month = ? group by jurisdiction_id order by sum(members) desc limit 1`, [month]);
    const [unit] = await sql<{ unit_id: string; members: number; path: string }>(
      `select unit_id, members, unit_path as path from reporting.unit_month where month = ? order by abs(members - 200), unit_id limit 1`,
      [month],
    );

    const cluster = await startCluster({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl });
    children.push(...cluster.children);
    const passwordFile = join(dataDir, 'demo-password');
    if (!existsSync(passwordFile)) throw new Error(`${passwordFile} not found: seed with the same DATA_DIR`);
    const token = await login(cluster.ports.idp, 'admin.thanhpho', readFileSync(passwordFile, 'utf8').trim());
    const gateway = `http://127.0.0.1:${cluster.ports.gateway}/graphql`;
    const fields = 'members decided grades { A B C D } aPercent kpiAverage steps { step done missing late }';
    const scopes: { name: string; scope: string; variables: Record<string, string>; plain: string; params: unknown[] }[] = [
      { name: 'city', scope: '', variables: {}, plain: `true`, params: [] },
      { name: 'ward', scope: 'scope: { jurisdictionId: $id },', variables: { id: jurisdiction!.id }, plain: `u.jurisdiction_id = ?`, params: [jurisdiction!.id] },
      { name: 'unit', scope: 'scope: { unitId: $id },', variables: { id: unit!.unit_id }, plain: `u.path like ?`, params: [`${unit!.path}%`] },
    ];
    for (const s of scopes) {
      const query = `query(${s.scope ? '$id: ID!, ' : ''}$m: String!) { dashboard(${s.scope} month: $m) { ${fields} } }`;
      const body = JSON.stringify({ query, variables: { ...s.variables, m: month } });
      const probe = (await (await fetch(gateway, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })).json()) as { data?: { dashboard?: { members: number } } };
      if (!probe.data?.dashboard) throw new Error(`the gateway answered ${JSON.stringify(probe)}`);
      // The same figures from the owning schemas in plain SQL: forms joined to their units.
      const plainStarted = performance.now();
      for (let i = 0; i < 5; i += 1) {
        await sql(
          `select count(*) as members, count(*) filter (where f.state <> 'DRAFT') as submitted, count(*) filter (where f.state in ('DECIDED', 'PUBLISHED')) as decided,
                  count(*) filter (where f.final_grade = 'A') as a, count(*) filter (where f.final_grade = 'B') as b, count(*) filter (where f.final_grade = 'C') as c,
                  count(*) filter (where f.final_grade = 'D') as d, avg(f.kpi) as kpi
             from evaluation.form f join organization.unit u on u.id = f.unit_id where f.month = ? and ${s.plain}`,
          [month, ...s.params],
        );
      }
      const plainMs = (performance.now() - plainStarted) / 5;
      const result = await load(gateway, token, body, 10, Number(process.env.BENCH_SECONDS ?? 10));
      console.log(`${row(`${s.name}(gw)`, result)}   ${probe.data.dashboard.members.toLocaleString('en')} members; plain SQL on the owning schemas ${plainMs.toFixed(1)} ms`);
      console.log(`dashboard ${s.name}: p95 ${result.p95.toFixed(1)} ms (target < 50 ms; ratio ${(result.p95 / 50).toFixed(2)}) ${result.p95 < 50 ? 'MET' : 'NOT MET'}`);
    }

    for (const format of ['XLSX', 'PDF']) {
      const body = JSON.stringify({ query: `query($u: ID!, $m: String!) { officialDocument(kind: SUMMARY_01A, format: ${format}, month: $m, unitId: $u) { filename base64 } }`, variables: { u: unit!.unit_id, m: month } });
      const times: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const at = performance.now();
        const answer = (await (await fetch(gateway, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })).json()) as { data?: { officialDocument?: { base64: string } } };
        if (!answer.data?.officialDocument) throw new Error(`01A export: ${JSON.stringify(answer).slice(0, 300)}`);
        times.push(performance.now() - at);
      }
      const median = times.sort((a, b) => a - b)[2]!;
      console.log(`01A ${format} of a ${unit!.members}-person unit through the gateway: median ${median.toFixed(0)} ms (target < 1,000 ms; ratio ${(median / 1000).toFixed(2)}) ${median < 1000 ? 'MET' : 'NOT MET'}`);
    }
  } finally {
    await stopProcesses(children);
    await evaluation.close();
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
