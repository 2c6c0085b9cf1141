import { Migration } from '@mikro-orm/migrations';

/**
 * Reads that must not grow with the history (a city year: 3 M forms): the forms a leader comments
 * on in a month (their unit results, beside the decider's index) and a month's forms (the month
 * close, the framework a month started with).
 */
export class Migration20261123100000_history_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index form_commenter_month_idx on evaluation.form (commenter_id, month);`);
    this.addSql(`create index form_month_idx on evaluation.form (month);`);
  }
}
