import { Migration } from '@mikro-orm/migrations';

/**
 * Why the quota graded a result's A-band score B (the form events' `quotaExplanation`, from
 * evaluation's Migration20261205110000_outbox_quota_explanation): the announcement (02A) prints it
 * for that person. Null for everyone else, and for results whose newest event came before the key.
 */
export class Migration20261205120000_result_quota_explanation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table reporting.result add column quota_explanation text;`);
  }
}
