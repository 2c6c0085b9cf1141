import { join } from 'node:path';
import { createLogger, createPool, DevUserStore, openConfiguredDatabase, openOrm } from '@cbccvc/platform';
import { demoPassword, entities, generateSeed, isEmpty, loadSeed, migrations, type Scale } from '@cbccvc/organization';
import { loadPlanningSeed, migrations as planningMigrations } from '@cbccvc/planning';
import { loadEvaluationSeed, migrations as evaluationMigrations } from '@cbccvc/evaluation';

/**
 * `npm run seed -- --scale demo|ward|city [--month YYYY-MM] [--months N] [--reset]`: generated,
 * realistic data — the organization with accounts, then every unit's catalogue and N months (default
 * 1, at most 24) of plans and results ending at --month (default: this month in Hanoi) — in the
 * database of DATABASE_URL, or in the embedded PostgreSQL of `npm start` (DATA_DIR). The last month
 * is open (self-assessments in draft); every earlier month is over: self-assessed, commented,
 * decided under the quota and published.
 */
const usage = 'usage: npm run seed -- --scale demo|ward|city [--month YYYY-MM] [--months N] [--reset]';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (flag: string): string | undefined => {
    const at = args.indexOf(flag);
    if (at < 0) return undefined;
    const next = args[at + 1];
    if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value; ${usage}`);
    return next;
  };
  const scale = (value('--scale') ?? 'demo') as Scale;
  if (!['demo', 'ward', 'city'].includes(scale)) throw new Error(usage);
  const reset = args.includes('--reset');
  const month = value('--month') ?? currentMonth();
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error('--month must be YYYY-MM');
  const monthsText = value('--months') ?? '1';
  const months = Number(monthsText);
  if (!/^\d+$/.test(monthsText) || months < 1 || months > 24) throw new Error('--months must be a whole number from 1 to 24');
  const started = performance.now();
  const logger = createLogger('seed', 'warn');
  const database = await openConfiguredDatabase(join(__dirname, '..', '..', '.data'), logger);
  const { url, dataDir } = database;
  const pool = createPool(url, 2, logger);
  if (reset) {
    // Fresh schemas rather than truncated tables: after a truncate the planner believes the tables
    // empty and the foreign-key checks of a bulk load turn into sequential scans.
    await pool.query('drop schema if exists reporting, evaluation, planning, organization, dev_idp cascade');
  }
  const orm = await openOrm({ url, schema: 'organization', entities, migrations, logger });
  const planningOrm = await openOrm({ url, schema: 'planning', entities: [], migrations: planningMigrations, logger });
  const evaluationOrm = await openOrm({ url, schema: 'evaluation', entities: [], migrations: evaluationMigrations, logger });
  try {
    if (!(await isEmpty(orm))) throw new Error('the database already holds organization data: add --reset to replace it');
    const data = generateSeed(scale, { onProgress: (done, total) => bar('generating', done, total) });
    process.stderr.write('\n');
    // Accounts go to the development identity provider unless a real Keycloak is configured.
    const devUsers = process.env.KEYCLOAK_URL ? undefined : new DevUserStore(pool);
    await loadSeed(orm, data, { devUsers, demoPassword: devUsers ? demoPassword(dataDir) : undefined, onProgress: (done, total) => bar('loading', done, total) });
    process.stderr.write('\n');
    const planningStarted = performance.now();
    // The demo's current month as it stands today (nothing dated in the future); the ward and city
    // scales keep whole months, the data the benchmarks are measured on.
    const asOf = scale === 'demo' && month === currentMonth() ? new Date().toISOString() : undefined;
    const { tasks } = await loadPlanningSeed(planningOrm, data, { month, months, asOf, onProgress: (done, total) => bar('planning', done, total) });
    process.stderr.write('\n');
    // Fresh statistics before the month closes read the tables.
    await pool.query('analyze planning.catalogue_version, planning.catalogue_item, planning.plan, planning.task, planning.quality_review, planning.delay, planning.leader_factors');
    const evaluationStarted = performance.now();
    // Everyone's self-assessment of the last month, scored and still in draft; earlier months
    // submitted, commented, decided under the quota and published.
    const { forms, published, closes } = await loadEvaluationSeed(evaluationOrm, data, {
      month, months, onProgress: months > 1 ? (done, total) => bar('evaluation', done, total) : undefined,
    });
    if (months > 1) process.stderr.write('\n');
    // Left as a live database is after its autovacuum runs (visibility maps set, hint bits written,
    // statistics current), whatever the server's autovacuum setting: the first reads after a seed
    // must not pay for the bulk load (index-only scans of an unvacuumed table visit the heap).
    const vacuumStarted = performance.now();
    await pool.query('vacuum (analyze)');
    const finished = performance.now();
    const seconds = (from: number, to = finished) => ((to - from) / 1000).toFixed(1);
    const first = closes[0]?.month ?? month;
    console.log(
      `seeded ${scale}: ${data.jurisdictions.length} jurisdictions, ${data.units.length} units, ${data.people.length} people, ` +
        `${tasks} tasks and ${forms} evaluation forms of ${months > 1 ? `${first}..${month}` : month} in ${seconds(started)} s ` +
        `(planning ${seconds(planningStarted, evaluationStarted)} s, evaluation ${seconds(evaluationStarted, vacuumStarted)} s, vacuum ${seconds(vacuumStarted)} s)`,
    );
    for (const { month: closed, close, seconds: closing } of closes) {
      const undecided = close.pending + close.withoutDecider + close.awaitingManaged;
      console.log(
        `  ${closed}: ${close.decided} decided (A ${close.gradeCounts.A}, B ${close.gradeCounts.B}, C ${close.gradeCounts.C}, D ${close.gradeCounts.D}) in ${close.groups} groups, closed in ${closing.toFixed(1)} s` +
          `${undecided ? `, ${undecided} undecided (KPI pending ${close.pending}, no decider ${close.withoutDecider}, awaiting managed ${close.awaitingManaged})` : ''}` +
          `${close.awaitingChoice ? `, ${close.awaitingChoice} ties left at B` : ''}`,
      );
    }
    if (closes.length) console.log(`  ${published} forms published`);
  } finally {
    await pool.end();
    await planningOrm.close();
    await evaluationOrm.close();
    await orm.close();
    await database.stop();
  }
}

/** The month now in Hanoi (UTC+7). */
function currentMonth(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
}

let lastDrawn = 0;
function bar(label: string, done: number, total: number): void {
  const now = performance.now();
  if (done < total && now - lastDrawn < 100) return;
  lastDrawn = now;
  const width = 30;
  const filled = Math.min(width, Math.round((done / total) * width));
  process.stderr.write(`\r${label.padEnd(11)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round((done / total) * 100)}% (${done.toLocaleString('en')}/${total.toLocaleString('en')})`);
}

main().catch((error: unknown) => {
  process.stderr.write(`\nseed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
