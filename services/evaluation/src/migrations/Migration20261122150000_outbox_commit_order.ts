import { Migration } from '@mikro-orm/migrations';

/**
 * Ids of a sequence are handed out at insert, not at commit: a reader that moved past id 101 could
 * miss id 100 committed later. Each event therefore records its transaction (`txid`); a consumer
 * takes only events of transactions older than every transaction still running
 * (`pg_snapshot_xmin`), which are all committed and visible, and remembers that horizon.
 */
export class Migration20261122150000_outbox_commit_order extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table evaluation.outbox add column txid xid8 not null default pg_current_xact_id();`);
    this.addSql(`create index outbox_txid_idx on evaluation.outbox (txid);`);
  }
}
