import { Migration } from '@mikro-orm/migrations';

/**
 * A result is replaced four or five times a month (each step of its form) and never on an indexed
 * column: room on its page lets the projector write the new version there without touching the five
 * indexes (a HOT update), so it keeps up with a month close beside it.
 */
export class Migration20261123120000_result_fillfactor extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table reporting.result set (fillfactor = 70);`);
  }
}
