import { Migration } from '@mikro-orm/migrations';

/**
 * The reporting schema: read models only, fed by the evaluation outbox (never joined to other
 * schemas by a report). `result` holds the latest snapshot of every person-month; `unit_month` its
 * per-unit totals, kept by the projector so a city-wide dashboard sums ~10,000 rows, not 250,000;
 * `checkpoint` is each projection's position in the outbox, committed with the changes it covers.
 */
export class Migration20261122130000_reporting extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists reporting;`);
    this.addSql(`
      create table reporting.checkpoint (
        projection text primary key,
        last_event_id bigint not null,
        applied_at timestamptz not null
      );`);
    this.addSql(`
      create table reporting.result (
        form_id uuid primary key,
        version integer not null,
        event_id bigint not null,
        month text not null,
        state text not null,
        person_id uuid not null,
        full_name text not null,
        staff_kind text not null,
        position_name text not null,
        rank text not null,
        sort_order integer not null,
        unit_id uuid not null,
        unit_name text not null,
        unit_path text not null,
        jurisdiction_id uuid not null,
        block text not null,
        commenter_id uuid,
        decider_id uuid,
        stated_grade text,
        final_score numeric(5, 2),
        final_grade text,
        score_360 numeric(5, 2),
        kpi numeric(12, 10),
        quantity numeric(12, 10),
        quality numeric(12, 10),
        timeliness numeric(12, 10),
        completed_size numeric(12, 4),
        submitted_at timestamptz,
        commented_at timestamptz,
        decided_at timestamptz,
        published_at timestamptz
      );`);
    this.addSql(`create unique index result_person_month_idx on reporting.result (person_id, month);`);
    this.addSql(`create index result_unit_month_idx on reporting.result (unit_id, month);`);
    this.addSql(`
      create table reporting.unit_month (
        unit_id uuid not null,
        month text not null,
        unit_name text not null,
        unit_path text not null,
        jurisdiction_id uuid not null,
        block text not null,
        members integer not null,
        submitted integer not null,
        -- submitted forms that have a commenter, and those commented
        to_comment integer not null,
        commented integer not null,
        decided integer not null,
        published integer not null,
        grade_a integer not null,
        grade_b integer not null,
        grade_c integer not null,
        grade_d integer not null,
        kpi_sum numeric(18, 10) not null,
        kpi_count integer not null,
        quantity_sum numeric(18, 10) not null,
        quality_sum numeric(18, 10) not null,
        timeliness_sum numeric(18, 10) not null,
        factor_count integer not null,
        primary key (unit_id, month)
      );`);
    this.addSql(`create index unit_month_month_jurisdiction_idx on reporting.unit_month (month, jurisdiction_id, block);`);
    this.addSql(`create index unit_month_path_idx on reporting.unit_month (unit_path text_pattern_ops, month);`);
    this.addSql(`
      create table reporting.appeal (
        appeal_id uuid primary key,
        version integer not null,
        event_id bigint not null,
        form_id uuid not null,
        person_id uuid not null,
        month text not null,
        unit_id uuid not null,
        unit_path text not null,
        jurisdiction_id uuid not null,
        block text not null,
        kind text not null,
        status text not null,
        filed_at timestamptz not null,
        decided_at timestamptz
      );`);
    this.addSql(`create index appeal_month_idx on reporting.appeal (month, jurisdiction_id);`);
    this.addSql(`
      create table reporting.bonus_proposal (
        id uuid primary key,
        unit_id uuid not null,
        month text not null,
        pool numeric(16, 0) not null,
        coefficients jsonb not null,
        shares jsonb not null,
        proposed_by text not null,
        proposed_at timestamptz not null,
        confirmed_by text,
        confirmed_at timestamptz,
        version integer not null default 1
      );`);
    this.addSql(`create index bonus_proposal_unit_month_idx on reporting.bonus_proposal (unit_id, month);`);
  }
}
