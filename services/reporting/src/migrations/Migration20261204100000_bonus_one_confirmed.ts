import { Migration } from '@mikro-orm/migrations';

/**
 * One confirmed bonus split per unit and month, whatever the concurrency (DOMAIN.md §9): a partial
 * unique index, so two heads' tabs confirming two proposals at once cannot both commit — the second
 * waits for the first and fails with a unique violation (reported as CONFLICT). And reporting's own
 * audit log (the columns of the other subgraphs' `audit_log`, written by `appendAudit`): every
 * proposal and confirmation is recorded with who, when and before/after in its transaction.
 */
export class Migration20261204100000_bonus_one_confirmed extends Migration {
  override async up(): Promise<void> {
    // A database that already holds two confirmed splits of one unit-month needs a person to choose:
    // say which, rather than fail on the index with PostgreSQL's generic message.
    this.addSql(`
      do $$
      declare
        duplicate record;
      begin
        select unit_id, month into duplicate from reporting.bonus_proposal
         where confirmed_at is not null group by unit_id, month having count(*) > 1 limit 1;
        if found then
          raise exception 'reporting.bonus_proposal has more than one confirmed split for unit % in %: clear confirmed_at on all but one before migrating', duplicate.unit_id, duplicate.month;
        end if;
      end $$;`);
    this.addSql(`create unique index bonus_proposal_one_confirmed_idx on reporting.bonus_proposal (unit_id, month) where confirmed_at is not null;`);
    this.addSql(`
      create table reporting.audit_log (
        id bigserial primary key,
        at timestamptz not null,
        actor text not null,
        action text not null,
        entity_type text not null,
        entity_id text not null,
        before jsonb,
        after jsonb
      );`);
    this.addSql(`create index audit_log_entity_idx on reporting.audit_log (entity_id, id desc);`);
  }
}
