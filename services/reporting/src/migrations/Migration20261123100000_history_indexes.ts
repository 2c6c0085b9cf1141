import { Migration } from '@mikro-orm/migrations';

/**
 * Lists that must not read a year of results (3 M rows) for one month: a city or jurisdiction's
 * results by name (the keyset of `results`) and the cadres an external authority decides (3A).
 */
export class Migration20261123100000_history_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index result_month_name_idx on reporting.result (month, full_name, person_id);`);
    this.addSql(`create index result_external_month_idx on reporting.result (month) where decider_id is null;`);
  }
}
