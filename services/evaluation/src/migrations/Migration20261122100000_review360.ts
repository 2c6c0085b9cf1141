import { Migration } from '@mikro-orm/migrations';

/**
 * 360° rounds (document 004): one round per unit-month; its members with their group; one row per
 * rater and ratee the rules pair up, holding the rating once given. The minutes (biên bản số) are
 * compiled into the round when it closes. A decided form keeps the 360° score it was decided with.
 */
export class Migration20261122100000_review360 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table evaluation.review_round (
        id uuid primary key,
        unit_id uuid not null,
        month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        state text not null check (state in ('OPEN', 'CLOSED')),
        head_id uuid,
        opened_by text not null,
        opened_at timestamptz not null,
        closes_at timestamptz not null,
        closed_by text,
        closed_at timestamptz,
        minutes jsonb,
        version integer not null default 1,
        unique (unit_id, month)
      );`);
    this.addSql(`
      create table evaluation.review_member (
        round_id uuid not null references evaluation.review_round (id),
        person_id uuid not null,
        month text not null,
        review_group text not null check (review_group in ('LEADERSHIP', 'DIRECT_LEADERS', 'STAFF')),
        part_unit_id uuid not null,
        commenter_id uuid,
        decider_id uuid,
        primary key (round_id, person_id),
        -- one round per person and month: a sub-unit takes part in its parent's round only
        unique (person_id, month)
      );`);
    this.addSql(`
      create table evaluation.review_rating (
        round_id uuid not null references evaluation.review_round (id),
        rater_id uuid not null,
        ratee_id uuid not null,
        relation text not null check (relation in ('DIRECT_SUPERIOR', 'HEAD', 'SUBORDINATE', 'PEER')),
        score numeric(5, 2) check (score between 0 and 100),
        comment text,
        rated_at timestamptz,
        primary key (round_id, rater_id, ratee_id)
      );`);
    this.addSql(`create index review_rating_ratee_idx on evaluation.review_rating (round_id, ratee_id);`);
    this.addSql(`alter table evaluation.form add column score_360 numeric(5, 2);`);
  }
}
