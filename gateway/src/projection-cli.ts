import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createLogger, openConfiguredDatabase, openOrm } from '@cbccvc/platform';
import { migrations as evaluationMigrations } from '@cbccvc/evaluation';
import { catchUp, freshness, migrations, rebuild } from '@cbccvc/reporting';

/**
 * `npm run projections:rebuild`: rebuilds the reporting read models from the whole evaluation outbox
 * (`catch-up` applies only what is pending). Prints the throughput.
 * Uses DATABASE_URL, or the embedded PostgreSQL of `npm start` (DATA_DIR).
 */
async function main(): Promise<void> {
  const command = process.argv[2] ?? 'rebuild';
  if (command !== 'rebuild' && command !== 'catch-up') throw new Error('usage: projection-cli rebuild|catch-up');
  const logger = createLogger('projections', 'warn');
  const database = await openConfiguredDatabase(join(__dirname, '..', '..', '.data'), logger);
  const { url } = database;
  const evaluation = await openOrm({ url, schema: 'evaluation', entities: [], migrations: evaluationMigrations, logger });
  const orm = await openOrm({ url, schema: 'reporting', entities: [], migrations, logger });
  try {
    const started = performance.now();
    const em = orm.em.fork() as EntityManager;
    const applied = command === 'rebuild' ? await rebuild(em) : await catchUp(em);
    const seconds = (performance.now() - started) / 1000;
    const state = await freshness(em);
    const what = command === 'rebuild' ? 'results and appeals' : 'events';
    console.log(`${command}: ${applied.toLocaleString('en')} ${what} in ${seconds.toFixed(1)} s (${Math.round(applied / Math.max(seconds, 0.001)).toLocaleString('en')} ${what}/s); last event ${state.lastEventId}, ${state.pendingEvents} pending`);
  } finally {
    await orm.close();
    await evaluation.close();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
