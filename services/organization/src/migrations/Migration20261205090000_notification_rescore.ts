import { Migration } from '@mikro-orm/migrations';

/**
 * A notification kind for the re-score a superior orders after a 360° round (document 004 art. 6.1,
 * DOMAIN §8): `RESCORE_ORDERED`, written by the evaluation subgraph with the reopening it announces.
 */
export class Migration20261205090000_notification_rescore extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table organization.notification drop constraint notification_kind_check;`);
    this.addSql(`
      alter table organization.notification add constraint notification_kind_check
        check (kind in ('REMINDER', 'MISSED_STEP', 'ESCALATION', 'ACCOUNT_LOCKED', 'MONTH_OPENED', 'REVIEW_360_INVITE', 'RESCORE_ORDERED'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from organization.notification where kind = 'RESCORE_ORDERED';`);
    this.addSql(`alter table organization.notification drop constraint notification_kind_check;`);
    this.addSql(`
      alter table organization.notification add constraint notification_kind_check
        check (kind in ('REMINDER', 'MISSED_STEP', 'ESCALATION', 'ACCOUNT_LOCKED', 'MONTH_OPENED', 'REVIEW_360_INVITE'));`);
  }
}
