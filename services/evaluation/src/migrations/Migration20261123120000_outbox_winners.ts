import { Migration } from '@mikro-orm/migrations';

/**
 * The newest event of every aggregate read from an index alone (`distinct on (aggregate_id)` in its
 * order, the transaction filtered from the included column): a projection rebuild chooses the 3 M
 * winners of a city year without reading 11 GB of payloads, and then reads only theirs.
 */
export class Migration20261123120000_outbox_winners extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index outbox_winner_idx on evaluation.outbox (topic, aggregate_id, version desc, id desc) include (txid);`);
  }
}
