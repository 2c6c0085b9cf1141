import { Migration } from '@mikro-orm/migrations';

/**
 * The quota base as a per-jurisdiction policy setting (DOMAIN §6, "Base (policy setting)"): what the
 * A percentage is of — `GRADED_B` (the people graded B, the documents' words) or `B_BAND` (the people
 * at B or better). null keeps the value of the jurisdiction's preset (`policy_id`).
 */
export class Migration20261204110000_quota_base extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table organization.jurisdiction
        add column quota_base text null check (quota_base in ('GRADED_B', 'B_BAND'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table organization.jurisdiction drop column if exists quota_base;`);
  }
}
