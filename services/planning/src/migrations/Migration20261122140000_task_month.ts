import { Migration } from '@mikro-orm/migrations';

/** A month's tasks found without scanning the others: the month close reads one month of a history. */
export class Migration20261122140000_task_month extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index if not exists task_month_idx on planning.task (month);`);
  }
}
