import { Migration } from '@mikro-orm/migrations';

/**
 * Authority chains as document 003 has them (DOMAIN §3):
 * - `unit.authority`: which external authority a unit is (City Party Standing Committee, City
 *   Standing Board, Party committee of the City People's Committee), one unit per role;
 * - `in_charge`: who is in charge of which units and people from a month on (phụ trách lĩnh vực);
 * - `assignment.concurrent`: a concurrent post (kiêm nhiệm) — a leader there, evaluated on the main post;
 * - `chain_override.acting`/`until_month`: someone acting for an absent commenter or decider;
 * - `authority_delegate`: the accounts that record an external authority's collective decisions;
 * - `chain_change`: the published log of changes to who evaluates whom, read by the evaluation
 *   subgraph to move the forms whose step has not been taken yet.
 */
export class Migration20261206090000_authority_chains extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table organization.unit
        add column authority text null check (authority in ('CITY_PARTY_STANDING_COMMITTEE', 'CITY_STANDING_BOARD', 'CITY_GOVERNMENT_PARTY_COMMITTEE'));`);
    this.addSql(`create unique index unit_authority_uq on organization.unit (authority) where authority is not null;`);
    this.addSql(`
      create table organization.in_charge (
        leader_id uuid not null references organization.person (id),
        effective_from text not null check (effective_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        unit_ids uuid[] not null default '{}',
        person_ids uuid[] not null default '{}',
        reason text not null,
        set_by text not null,
        set_at timestamptz not null,
        primary key (leader_id, effective_from)
      );`);
    this.addSql(`alter table organization.assignment add column concurrent boolean not null default false;`);
    this.addSql(`
      alter table organization.chain_override
        add column acting boolean not null default false,
        add column until_month text null check (until_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and until_month >= effective_from);`);
    this.addSql(`
      create table organization.authority_delegate (
        authority_unit_id uuid not null references organization.unit (id),
        person_id uuid not null references organization.person (id),
        since timestamptz not null,
        set_by text not null,
        primary key (authority_unit_id, person_id)
      );`);
    this.addSql(`
      create table organization.chain_change (
        revision bigserial primary key,
        at timestamptz not null,
        from_month text not null check (from_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        person_ids uuid[] not null default '{}',
        unit_ids uuid[] not null default '{}',
        reason text not null
      );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists organization.chain_change;`);
    this.addSql(`drop table if exists organization.authority_delegate;`);
    this.addSql(`alter table organization.chain_override drop column if exists acting, drop column if exists until_month;`);
    this.addSql(`alter table organization.assignment drop column if exists concurrent;`);
    this.addSql(`drop table if exists organization.in_charge;`);
    this.addSql(`alter table organization.unit drop column if exists authority;`);
  }
}
