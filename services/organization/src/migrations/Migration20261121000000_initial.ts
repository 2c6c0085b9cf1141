import { Migration } from '@mikro-orm/migrations';

/** The organization schema: jurisdictions, unit tree, positions, people and their history, accounts, audit. */
export class Migration20261121000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists organization;`);
    this.addSql(`
      create table organization.jurisdiction (
        id uuid primary key,
        code text not null unique,
        name text not null,
        kind text not null check (kind in ('CITY', 'WARD', 'EXTERNAL')),
        parent_id uuid references organization.jurisdiction (id),
        policy_id text not null
      );`);
    this.addSql(`
      create table organization.unit (
        id uuid primary key,
        jurisdiction_id uuid not null references organization.jurisdiction (id),
        parent_id uuid references organization.unit (id),
        block text not null check (block in ('PARTY', 'GOVERNMENT', 'SCHOOL')),
        kind text not null,
        code text not null,
        name text not null check (length(trim(name)) > 0),
        path text not null,
        search_text text not null,
        closed_at timestamptz,
        version integer not null default 1,
        unique (jurisdiction_id, code)
      );`);
    this.addSql(`create index unit_parent_idx on organization.unit (parent_id);`);
    this.addSql(`create index unit_path_idx on organization.unit (path text_pattern_ops);`);
    this.addSql(`create index unit_name_idx on organization.unit (jurisdiction_id, name, id);`);
    this.addSql(`
      create table organization.position (
        id uuid primary key,
        code text not null unique,
        name text not null,
        rank text not null check (rank in ('HEAD', 'DEPUTY', 'STAFF')),
        leader boolean not null,
        criteria_form text not null check (criteria_form in ('FORM_01', 'FORM_02', 'FORM_03', 'FORM_04')),
        sort_order integer not null
      );`);
    this.addSql(`
      create table organization.person (
        id uuid primary key,
        full_name text not null check (length(trim(full_name)) > 0),
        email text,
        staff_kind text not null,
        party_member boolean not null default false,
        unit_id uuid not null references organization.unit (id),
        position_id uuid not null references organization.position (id),
        active boolean not null default true,
        search_text text not null,
        version integer not null default 1
      );`);
    this.addSql(`create index person_unit_idx on organization.person (unit_id, full_name, id);`);
    this.addSql(`create index person_name_idx on organization.person (full_name, id);`);
    this.addSql(`
      create table organization.assignment (
        id uuid primary key,
        person_id uuid not null references organization.person (id),
        unit_id uuid not null references organization.unit (id),
        position_id uuid not null references organization.position (id),
        valid_from date not null,
        valid_to date,
        check (valid_to is null or valid_to > valid_from)
      );`);
    this.addSql(`create index assignment_person_idx on organization.assignment (person_id, valid_from);`);
    this.addSql(`create index assignment_unit_idx on organization.assignment (unit_id, valid_from);`);
    this.addSql(`
      create table organization.transfer (
        id uuid primary key,
        person_id uuid not null references organization.person (id),
        from_unit_id uuid not null references organization.unit (id),
        to_unit_id uuid not null references organization.unit (id),
        effective_date date not null,
        reason text,
        recorded_by text not null,
        recorded_at timestamptz not null
      );`);
    this.addSql(`create index transfer_person_idx on organization.transfer (person_id, effective_date);`);
    this.addSql(`
      create table organization.account (
        id uuid primary key,
        person_id uuid not null unique references organization.person (id),
        username text not null,
        idp_user_id text not null unique,
        status text not null check (status in ('PENDING_PASSWORD_CHANGE', 'ACTIVE', 'LOCKED')),
        issued_at timestamptz not null,
        temporary_password_at timestamptz,
        password_change_deadline timestamptz,
        locked_at timestamptz,
        locked_reason text,
        version integer not null default 1
      );`);
    this.addSql(`create unique index account_username_idx on organization.account (lower(username));`);
    this.addSql(`create index account_status_idx on organization.account (status);`);
    this.addSql(`
      create table organization.focal_point (
        unit_id uuid primary key references organization.unit (id),
        person_id uuid not null references organization.person (id),
        since timestamptz not null
      );`);
    this.addSql(`create index focal_point_person_idx on organization.focal_point (person_id);`);
    this.addSql(`
      create table organization.chain_override (
        id uuid primary key,
        person_id uuid not null references organization.person (id),
        unit_id uuid not null references organization.unit (id),
        effective_from text not null check (effective_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        commenter_id uuid references organization.person (id),
        decider_id uuid references organization.person (id),
        reason text not null,
        set_by text not null,
        set_at timestamptz not null,
        unique (person_id, unit_id, effective_from)
      );`);
    this.addSql(`
      create table organization.audit_log (
        id bigserial primary key,
        at timestamptz not null,
        actor text not null,
        action text not null,
        entity_type text not null,
        entity_id text not null,
        before jsonb,
        after jsonb
      );`);
    this.addSql(`create index audit_log_entity_idx on organization.audit_log (entity_id, id desc);`);
  }
}
