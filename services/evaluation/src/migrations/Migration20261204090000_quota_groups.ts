import { Migration } from '@mikro-orm/migrations';

/**
 * Quota scopes and duty groups as data (DOMAIN §6). A scope is derived (a decider's month within
 * their unit's subtree; an external authority's month per kind of post) and needs no row; its duty
 * groups do: the default group (everyone of the scope not in a named one) gets a row when it holds a
 * raise. A decided form records its group, why the quota graded it B, the decider's score changes
 * with their reasons, the appeal it answers, and — while reopened — the decision it replaces, which
 * keeps counting against the caps until the new one is taken.
 */
export class Migration20261204090000_quota_groups extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table evaluation.quota_group (
        id uuid primary key,
        month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        scope_key text not null,
        name text not null check (length(trim(name)) > 0),
        is_default boolean not null default false,
        raised_reason text,
        raised_by text,
        raised_at timestamptz,
        created_by text not null,
        created_at timestamptz not null,
        version integer not null default 1,
        unique (month, scope_key, name)
      );`);
    this.addSql(`create unique index quota_group_default_idx on evaluation.quota_group (month, scope_key) where is_default;`);
    this.addSql(`
      create table evaluation.quota_group_member (
        month text not null,
        person_id uuid not null,
        group_id uuid not null references evaluation.quota_group (id) on delete cascade,
        primary key (month, person_id)
      );`);
    this.addSql(`create index quota_group_member_group_idx on evaluation.quota_group_member (group_id);`);
    this.addSql(`
      alter table evaluation.form
        add column quota_group_id uuid,
        add column quota_explanation text,
        add column score_changes jsonb,
        add column prior_final_score numeric(5, 2),
        add column prior_final_grade text check (prior_final_grade in ('A', 'B', 'C', 'D')),
        add column answers_appeal_id uuid;`);
    // At most one open appeal per person and month (a form is one person's month).
    this.addSql(`create unique index appeal_one_open_idx on evaluation.appeal (form_id) where status = 'OPEN';`);
  }
}
