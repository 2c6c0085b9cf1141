import { Migration } from '@mikro-orm/migrations';

/**
 * Notifications (issue 6, point 4): stored per person, read through the supergraph, e-mailed when
 * SMTP is configured. `(person_id, key)` is the idempotency key: the workflow that sends a reminder
 * twice (a retried activity, a replayed history) stores and e-mails it once.
 */
export class Migration20261201000000_notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table organization.notification (
        id uuid primary key,
        person_id uuid not null references organization.person (id),
        key text not null check (length(key) between 1 and 300),
        kind text not null check (kind in ('REMINDER', 'MISSED_STEP', 'ESCALATION', 'ACCOUNT_LOCKED', 'MONTH_OPENED', 'REVIEW_360_INVITE')),
        title text not null check (length(trim(title)) > 0),
        body text not null,
        deadline timestamptz,
        link text,
        created_at timestamptz not null,
        read_at timestamptz,
        emailed_at timestamptz,
        unique (person_id, key)
      );`);
    // A person's list, newest first, and their unread ones (the badge and "unread only").
    this.addSql(`create index notification_person_created_idx on organization.notification (person_id, created_at desc, id desc);`);
    this.addSql(`create index notification_unread_idx on organization.notification (person_id, created_at desc, id desc) where read_at is null;`);
    // The retry sweep of e-mails that failed (or were never sent).
    this.addSql(`create index notification_unemailed_idx on organization.notification (created_at) where emailed_at is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists organization.notification;`);
  }
}
