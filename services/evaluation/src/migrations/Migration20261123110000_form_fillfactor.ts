import { Migration } from '@mikro-orm/migrations';

/**
 * A form is updated four or five times in its month (submitted, commented, decided, published) and
 * never on an indexed column: room on its page lets PostgreSQL write each new version there without
 * touching the six indexes (a HOT update). Applies to pages written from now on; `vacuum full
 * evaluation.form` applies it to a loaded history.
 */
export class Migration20261123110000_form_fillfactor extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table evaluation.form set (fillfactor = 70);`);
  }
}
