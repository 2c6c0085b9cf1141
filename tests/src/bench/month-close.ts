import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { importJWK, SignJWT, type JWK } from 'jose';
import type { EntityManager } from '@mikro-orm/postgresql';
import { closeMonth, migrations } from '@cbccvc/evaluation';
import { freshness, migrations as reportingMigrations, rebuild } from '@cbccvc/reporting';
import { createLogger, openOrm } from '@cbccvc/platform';
import { openSeededDatabase, startCluster, stopProcesses } from './support';

/**
 * `npm run bench:month-close`, over the data of `npm run seed -- --scale city` for the current month
 * (the server enforces the self-assessment deadline, so the month must still be open):
 * 1. self-assessments submitted through the gateway by distinct people, 50 concurrent clients
 *    (targets: ≥ 300 per second, p95 < 200 ms);
 * 2. the rest submitted in bulk, then the whole month decided — KPIs, scores, quotas per group,
 *    leaders after their people — and the unit summaries produced (target: < 60 s).
 */
async function main(): Promise<void> {
  const { dataDir, databaseUrl, orm, close } = await openSeededDatabase('evaluation', migrations);
  const children = [];
  try {
    const em = orm.em.fork() as EntityManager;
    const connection = em.getConnection();
    const [latest] = (await connection.execute(`select month, count(*)::int as forms from evaluation.form group by month order by month desc limit 1`)) as { month: string; forms: number }[];
    if (!latest || latest.forms < 100_000) throw new Error('no city month of evaluation forms: run `npm run seed -- --scale city` first (same DATA_DIR or DATABASE_URL)');
    // Repeatable: every form back to its self-assessed draft.
    await connection.execute(
      `update evaluation.form set state = 'DRAFT', submitted_at = null, commented_at = null, final_score = null, final_grade = null, kpi = null,
          decided_at = null, decision_reason = null where month = ?`,
      [latest.month],
    );
    console.log(`\nbench:month-close — ${latest.month}: ${latest.forms.toLocaleString('en')} forms`);

    // A projection never built is rebuilt before the cluster's projector starts: faster than
    // replaying a year of events incrementally.
    const reporting = await openOrm({ url: databaseUrl, schema: 'reporting', entities: [], migrations: reportingMigrations, logger: createLogger('bench', 'warn') });
    const [{ checkpoints }] = (await connection.execute(`select count(*)::int as checkpoints from reporting.checkpoint`)) as [{ checkpoints: number }];
    if (checkpoints === 0) console.log(`projection rebuilt first: ${(await rebuild(reporting.em.fork() as EntityManager)).toLocaleString('en')} results and appeals`);
    await reporting.close();
    const cluster = await startCluster({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl });
    children.push(...cluster.children);
    // The reporting projection current before the measured submissions, as at a real month end;
    // the bench's reset above appended an event per form, applied now rather than under them.
    console.log(`the reporting projector applied the reset's events in ${(await waitForProjector(em)).toFixed(1)} s`);
    await settle(em);
    const { idp: idpPort, gateway: gatewayPort } = cluster.ports;

    // Distinct people, each with a token signed by the development identity provider's own key.
    // A warm-up of 1,000 submissions (JIT, caches, connection pools), then the measured ones.
    const warmUp = 1000;
    const sample = warmUp + Number(process.env.BENCH_SUBMISSIONS ?? 10_000);
    const people = (await connection.execute(
      `select f.id, f.version, a.idp_user_id, a.username from evaluation.form f join organization.account a on a.person_id = f.person_id
        where f.month = ? and a.status <> 'LOCKED' order by f.id limit ?`,
      [latest.month, sample],
    )) as { id: string; version: number; idp_user_id: string; username: string }[];
    const jwk = JSON.parse(readFileSync(join(dataDir, 'dev-idp-signing-key.json'), 'utf8')) as JWK;
    const key = await importJWK(jwk, 'RS256');
    const issuer = `http://127.0.0.1:${idpPort}/realms/hanoi`;
    const now = Math.floor(Date.now() / 1000);
    const requests = await Promise.all(
      people.map(async (p) => ({
        body: JSON.stringify({ query: 'mutation($id: ID!, $v: Int!) { submitSelfAssessment(id: $id, expectedVersion: $v) { state } }', variables: { id: p.id, v: p.version } }),
        token: await new SignJWT({ typ: 'Bearer', azp: 'cbccvc-portal', preferred_username: p.username, realm_access: { roles: ['employee'] } })
          .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: jwk.kid! })
          .setIssuer(issuer).setAudience('cbccvc-api').setSubject(p.idp_user_id).setJti(randomUUID()).setIssuedAt(now).setExpirationTime(now + 900)
          .sign(key),
      })),
    );
    let next = 0;
    const load = (amount: number, connections: number) => autocannon({
      url: `http://127.0.0.1:${gatewayPort}/graphql`,
      connections,
      amount,
      requests: [{
        method: 'POST',
        setupRequest: (request) => {
          const { body, token } = requests[next++ % requests.length]!;
          return { ...request, body, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } };
        },
      }],
    });
    await load(warmUp, 10);
    const [{ warmed }] = (await connection.execute(`select count(*)::int as warmed from evaluation.form where month = ? and state <> 'DRAFT'`, [latest.month])) as [{ warmed: number }];
    const result = await load(requests.length - warmUp, 50);
    const latency = result.latency as unknown as Record<string, number>;
    const p95 = typeof latency.p95 === 'number' ? latency.p95 : latency.p90! + ((latency.p97_5! - latency.p90!) * 5) / 7.5;
    const [{ total }] = (await connection.execute(`select count(*)::int as total from evaluation.form where month = ? and state <> 'DRAFT'`, [latest.month])) as [{ total: number }];
    const submitted = total - warmed;
    const rate = submitted / (result.duration || 1);
    console.log(`submissions through the gateway (after ${warmed.toLocaleString('en')} to warm up): ${submitted.toLocaleString('en')} of ${(requests.length - warmUp).toLocaleString('en')} in ${result.duration.toFixed(1)} s = ${rate.toFixed(0)}/s (target ≥ 300) ${rate >= 300 ? 'MET' : 'NOT MET'}; p50 ${result.latency.p50} ms, p95 ${p95.toFixed(0)} ms (target < 200) ${p95 < 200 ? 'MET' : 'NOT MET'}; non-2xx ${result.non2xx}`);

    await connection.execute(`update evaluation.form set state = 'SELF_SUBMITTED', submitted_at = now() where month = ? and state = 'DRAFT'`, [latest.month]);
    // The projector applies that bulk update first (at a real close the submissions came over days
    // and were applied as they came): the close is timed on its own.
    const caughtUp = await waitForProjector(em);
    console.log(`the reporting projector applied the bulk submissions' events in ${caughtUp.toFixed(1)} s`);
    await settle(em);
    const started = performance.now();
    const steps: string[] = [];
    const close = await closeMonth(em, latest.month, new Date(), undefined, { onStep: (step, stepSeconds) => steps.push(`${step} ${stepSeconds.toFixed(1)} s`) });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `month close: ${close.decided.toLocaleString('en')} decided in ${close.groups.toLocaleString('en')} groups, ${close.units.toLocaleString('en')} unit summaries, ` +
        `${close.pending.toLocaleString('en')} with the KPI pending, ${close.withoutDecider.toLocaleString('en')} with no decider in the data, ${close.awaitingManaged.toLocaleString('en')} leaders waiting on them, ${close.awaiting360} awaiting a 360° round, ${close.awaitingChoice} ties awaiting a choice; ` +
        `A ${close.gradeCounts.A} B ${close.gradeCounts.B} C ${close.gradeCounts.C} D ${close.gradeCounts.D}`,
    );
    console.log(`whole city month decided in ${seconds.toFixed(1)} s (target < 60 s; ratio ${(seconds / 60).toFixed(2)}) ${seconds < 60 ? 'MET' : 'NOT MET'}: ${steps.join(', ')}`);
  } finally {
    await stopProcesses(children);
    await close();
  }
}

/**
 * Settles what the bench's own setup changed (a reset or bulk update of 250,000 forms, their events
 * and projection: ~2 GB of WAL, a million dead row versions), as autovacuum and the checkpointer
 * would have long before a real month end, so that neither starts inside the measured step: the
 * tables vacuumed, then a checkpoint. Needs a superuser (or pg_checkpoint); without, it says so.
 */
async function settle(em: EntityManager): Promise<void> {
  try {
    await em.getConnection().execute(
      'vacuum (analyze) evaluation.form, evaluation.outbox, evaluation.audit_log, reporting.result, reporting.unit_month, reporting.jurisdiction_month',
    );
    await em.getConnection().execute('checkpoint');
  } catch (error) {
    console.log(`(setup not settled before the measured step: ${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Seconds until the reporting projector (in the cluster) has applied every outbox event. */
async function waitForProjector(em: EntityManager): Promise<number> {
  const started = performance.now();
  for (;;) {
    const { pendingEvents } = await freshness(em);
    if (pendingEvents === 0) return (performance.now() - started) / 1000;
    if (performance.now() - started > 600_000) throw new Error(`the projector still has ${pendingEvents} events after 10 minutes`);
    await new Promise((done) => setTimeout(done, 500));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
