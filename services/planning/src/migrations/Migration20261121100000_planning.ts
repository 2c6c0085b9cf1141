import { Migration } from '@mikro-orm/migrations';

/** The planning schema: versioned catalogues, plans, tasks, their results, leader factors, KPI snapshots. */
export class Migration20261121100000_planning extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists planning;`);
    // A unit's catalogue in force for a month is the latest version with effective_from <= month.
    this.addSql(`
      create table planning.catalogue_version (
        id uuid primary key,
        unit_id uuid not null,
        effective_from text not null check (effective_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        standard_unit text not null check (length(trim(standard_unit)) > 0),
        created_by text not null,
        created_at timestamptz not null,
        unique (unit_id, effective_from)
      );`);
    this.addSql(`
      create table planning.catalogue_item (
        id uuid primary key,
        version_id uuid not null references planning.catalogue_version (id) on delete cascade,
        code text not null,
        name text not null,
        complexity_group text not null,
        unit_of_measure text not null,
        factor numeric(14, 4) not null check (factor > 0),
        unique (version_id, code)
      );`);
    this.addSql(`
      create table planning.plan (
        id uuid primary key,
        unit_id uuid not null,
        person_id uuid,
        month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        status text not null check (status in ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED')),
        note text,
        submitted_at timestamptz,
        decided_by text,
        decided_at timestamptz,
        return_reason text,
        version integer not null default 1
      );`);
    this.addSql(`create unique index plan_owner_month_idx on planning.plan (unit_id, coalesce(person_id, '00000000-0000-0000-0000-000000000000'::uuid), month);`);
    this.addSql(`
      create table planning.task (
        id uuid primary key,
        plan_id uuid not null references planning.plan (id),
        unit_id uuid not null,
        person_id uuid not null,
        month text not null,
        catalogue_item_id uuid references planning.catalogue_item (id),
        title text not null check (length(trim(title)) > 0),
        quantity numeric(14, 3) not null check (quantity > 0),
        factor numeric(14, 4) not null check (factor > 0),
        size numeric(18, 4) not null check (size > 0),
        arising boolean not null default false,
        directed_by uuid,
        week_start date,
        assigned_on date not null,
        due_on date,
        completed_on date,
        evidence text,
        evidence_note text,
        created_by text not null,
        version integer not null default 1,
        check (completed_on is null or completed_on >= assigned_on),
        check (due_on is null or due_on >= assigned_on)
      );`);
    this.addSql(`create index task_person_month_idx on planning.task (person_id, month);`);
    this.addSql(`create index task_directed_month_idx on planning.task (directed_by, month) where directed_by is not null;`);
    this.addSql(`create index task_unit_month_idx on planning.task (unit_id, month);`);
    // Quality reviews and delays; an excuse (objective cause confirmed by the authority) removes
    // the 25 % deduction without erasing the record.
    for (const table of ['quality_review', 'delay']) {
      this.addSql(`
        create table planning.${table} (
          id uuid primary key,
          task_id uuid not null references planning.task (id),
          ${table === 'quality_review' ? 'passed boolean not null,' : ''}
          note text,
          recorded_by text not null,
          recorded_at timestamptz not null,
          excused boolean not null default false,
          excuse_reason text,
          excused_by text,
          excused_at timestamptz,
          check (not excused or (excuse_reason is not null and excused_by is not null))
        );`);
      this.addSql(`create index ${table}_task_idx on planning.${table} (task_id);`);
    }
    this.addSql(`
      create table planning.leader_factors (
        person_id uuid not null,
        month text not null,
        organisation numeric(3, 2) not null check (organisation in (1, 0.5)),
        unity numeric(3, 2) not null check (unity in (1, 0.5)),
        reason text not null,
        set_by text not null,
        set_at timestamptz not null,
        primary key (person_id, month)
      );`);
    this.addSql(`
      create table planning.month_reopening (
        id uuid primary key,
        person_id uuid not null,
        month text not null,
        reason text not null,
        reopened_by text not null,
        reopened_at timestamptz not null,
        until timestamptz not null
      );`);
    this.addSql(`create index month_reopening_idx on planning.month_reopening (person_id, month);`);
    this.addSql(`
      create table planning.kpi_snapshot (
        id uuid primary key,
        person_id uuid not null,
        month text not null,
        quantity numeric(12, 10),
        quality numeric(12, 10),
        timeliness numeric(12, 10),
        kpi numeric(12, 10),
        detail jsonb not null,
        taken_by text not null,
        taken_at timestamptz not null
      );`);
    this.addSql(`create index kpi_snapshot_idx on planning.kpi_snapshot (person_id, month, taken_at desc);`);
    // The month-wide computation's results, for reporting (kpi null while a leader's factors are pending).
    this.addSql(`
      create table planning.monthly_kpi (
        person_id uuid not null,
        month text not null,
        quantity double precision not null,
        quality double precision not null,
        timeliness double precision not null,
        kpi double precision,
        computed_at timestamptz not null,
        primary key (month, person_id)
      );`);
    this.addSql(`
      create table planning.audit_log (
        id bigserial primary key,
        at timestamptz not null,
        actor text not null,
        action text not null,
        entity_type text not null,
        entity_id text not null,
        before jsonb,
        after jsonb
      );`);
    this.addSql(`create index audit_log_entity_idx on planning.audit_log (entity_id, id desc);`);
  }
}
