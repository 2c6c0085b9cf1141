import { Migration } from '@mikro-orm/migrations';

/** The projector's position is a transaction horizon (see the outbox's `txid`), not an event id. */
export class Migration20261122150000_checkpoint_horizon extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table reporting.checkpoint add column horizon xid8 not null default '0'::xid8;`);
  }
}
