import { Migration } from '@mikro-orm/migrations';

/** A person's plan of a month is looked up on every KPI and plan query. */
export class Migration20261121110000_plan_lookup extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index plan_person_month_idx on planning.plan (person_id, month) where person_id is not null;`);
  }
}
