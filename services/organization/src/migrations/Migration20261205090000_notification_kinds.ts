import { Migration } from '@mikro-orm/migrations';

/**
 * Two notification kinds the evaluation subgraph writes with what they announce: `RESCORE_ORDERED`
 * (a superior orders a re-score after a 360° round, document 004, DOMAIN §8) and `QUOTA_REDECISION`
 * (a change of membership left a quota scope or duty group with more A than its cap: the decider is
 * told and re-decides, DOMAIN §6).
 */
export class Migration20261205090000_notification_kinds extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table organization.notification drop constraint notification_kind_check;`);
    this.addSql(`
      alter table organization.notification add constraint notification_kind_check
        check (kind in ('REMINDER', 'MISSED_STEP', 'ESCALATION', 'ACCOUNT_LOCKED', 'MONTH_OPENED', 'REVIEW_360_INVITE', 'RESCORE_ORDERED', 'QUOTA_REDECISION'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from organization.notification where kind in ('RESCORE_ORDERED', 'QUOTA_REDECISION');`);
    this.addSql(`alter table organization.notification drop constraint notification_kind_check;`);
    this.addSql(`
      alter table organization.notification add constraint notification_kind_check
        check (kind in ('REMINDER', 'MISSED_STEP', 'ESCALATION', 'ACCOUNT_LOCKED', 'MONTH_OPENED', 'REVIEW_360_INVITE'));`);
  }
}
