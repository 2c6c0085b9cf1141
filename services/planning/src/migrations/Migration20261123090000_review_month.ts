import { Migration } from '@mikro-orm/migrations';

/**
 * Quality reviews and delays carry their task's month (a task never changes month), so the month
 * close counts one month's failures and delays from a partial index instead of reading a year of
 * reviews (57 M rows, 12 GB on a seeded city year) and looking each failure's task up. On a
 * database that already holds a history the backfill rewrites both tables under an exclusive lock:
 * run it in a maintenance window, then `vacuum (analyze)` them.
 */
export class Migration20261123090000_review_month extends Migration {
  override async up(): Promise<void> {
    for (const table of ['quality_review', 'delay']) {
      this.addSql(`alter table planning.${table} add column month text;`);
      this.addSql(`update planning.${table} x set month = t.month from planning.task t where t.id = x.task_id;`);
      this.addSql(`alter table planning.${table} alter column month set not null;`);
    }
    this.addSql(`create index quality_review_failures_month_idx on planning.quality_review (month, task_id) where not passed and not excused;`);
    this.addSql(`create index delay_counted_month_idx on planning.delay (month, task_id) where not excused;`);
  }
}
