import { Migration } from '@mikro-orm/migrations';

/**
 * A notification kind for a decider whose quota scope or duty group holds more A than its cap after
 * a change of membership (DOMAIN §6: the decider is told and must re-decide): `QUOTA_REDECISION`.
 */
export class Migration20261205100000_notification_quota extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table organization.notification drop constraint notification_kind_check;`);
    this.addSql(`
      alter table organization.notification add constraint notification_kind_check
        check (kind in ('REMINDER', 'MISSED_STEP', 'ESCALATION', 'ACCOUNT_LOCKED', 'MONTH_OPENED', 'REVIEW_360_INVITE', 'RESCORE_ORDERED', 'QUOTA_REDECISION'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from organization.notification where kind = 'QUOTA_REDECISION';`);
    this.addSql(`alter table organization.notification drop constraint notification_kind_check;`);
    this.addSql(`
      alter table organization.notification add constraint notification_kind_check
        check (kind in ('REMINDER', 'MISSED_STEP', 'ESCALATION', 'ACCOUNT_LOCKED', 'MONTH_OPENED', 'REVIEW_360_INVITE', 'RESCORE_ORDERED'));`);
  }
}
