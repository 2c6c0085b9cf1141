import { Migration } from '@mikro-orm/migrations';

/** Who missed which step of a month, recorded by the monthly cycle when the step closes (DOMAIN §7). */
export class Migration20261122110000_missed_steps extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table evaluation.missed_step (
        jurisdiction_id uuid not null,
        month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        step text not null check (step in ('selfAssessment', 'comment', 'decision', 'publication')),
        -- a person, or for a publication the unit
        actor_id uuid not null,
        deadline timestamptz not null,
        recorded_at timestamptz not null,
        primary key (month, step, actor_id)
      );`);
    this.addSql(`create index missed_step_jurisdiction_idx on evaluation.missed_step (jurisdiction_id, month);`);
  }
}
