import { Migration } from '@mikro-orm/migrations';

/**
 * Transfers hand over open work (DOMAIN §7): a transferred person's plans of the transfer month on
 * move with them to the new unit. `transfer_sync` remembers how far the organization's chain-change
 * log (where transfers are recorded) has been applied.
 */
export class Migration20261206120000_plan_follows_transfer extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table planning.transfer_sync (id int primary key check (id = 1), revision bigint not null);`);
    this.addSql(`insert into planning.transfer_sync (id, revision) values (1, 0);`);
  }
}
