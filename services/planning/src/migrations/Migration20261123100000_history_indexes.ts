import { Migration } from '@mikro-orm/migrations';

/**
 * Reads that must not grow with the history (a city year: 60 M tasks, 3 M plans): a plan's tasks
 * (a person's plan view, a unit's plan status, a plan's submission) and the plans awaiting approval
 * of a month.
 */
export class Migration20261123100000_history_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index task_plan_idx on planning.task (plan_id);`);
    this.addSql(`create index plan_submitted_month_idx on planning.plan (month) where status = 'SUBMITTED' and person_id is not null;`);
  }
}
