import { Migration } from '@mikro-orm/migrations';

/**
 * Not evaluated this month (không đánh giá tháng, DOMAIN §7): the person's decider exempts them with
 * a reason from the list. An exempt person is outside the quota, does not block the unit's
 * publication, is left out of a leader's unit-results factor, and appears in 01A with the reason.
 */
export class Migration20261205150000_exemptions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table evaluation.exemption (
        person_id uuid not null,
        month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        reason text not null check (reason in ('MATERNITY_LEAVE', 'LONG_SICK_LEAVE', 'FULL_TIME_STUDY', 'TRANSFERRED_IN', 'OTHER')),
        note text,
        decided_by text not null,
        decided_at timestamptz not null,
        primary key (person_id, month),
        check (reason <> 'OTHER' or length(trim(coalesce(note, ''))) > 0)
      );`);
    this.addSql(`create index exemption_month_idx on evaluation.exemption (month);`);
  }
}
