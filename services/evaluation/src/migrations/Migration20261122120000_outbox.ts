import { Migration } from '@mikro-orm/migrations';

/**
 * The transactional outbox of the evaluation schema: every change of a form or an appeal appends an
 * event in the same transaction (statement-level triggers over the transition tables, so a month
 * close or a bulk load appends set-based too). The reporting subgraph's projections consume it in
 * id order and keep their position; the log is kept, so a projection can be rebuilt from event 1.
 * Each event carries the snapshot a report needs (person, position, unit path, grades, KPI factors)
 * and the form's version, so applying an event twice, or a duplicate of it, changes nothing.
 */
export class Migration20261122120000_outbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table evaluation.outbox (
        id bigserial primary key,
        topic text not null check (topic in ('form', 'appeal')),
        aggregate_id uuid not null,
        -- the aggregate's version: the newest snapshot of an aggregate is found without reading payloads
        version integer not null,
        payload jsonb not null,
        created_at timestamptz not null default now()
      );`);
    this.addSql(`
      create function evaluation.form_events() returns trigger language plpgsql as $$
      begin
        insert into evaluation.outbox (topic, aggregate_id, version, payload)
        select 'form', f.id, f.version, jsonb_build_object(
            'formId', f.id, 'version', f.version, 'month', f.month, 'state', f.state,
            'personId', f.person_id, 'fullName', p.full_name, 'staffKind', p.staff_kind,
            'positionName', po.name, 'rank', po.rank, 'sortOrder', po.sort_order,
            'unitId', f.unit_id, 'unitName', u.name, 'unitPath', u.path, 'jurisdictionId', u.jurisdiction_id, 'block', u.block,
            'commenterId', f.commenter_id, 'deciderId', f.decider_id,
            'statedGrade', f.stated_grade, 'finalScore', f.final_score, 'finalGrade', f.final_grade, 'score360', f.score_360,
            'kpi', f.kpi, 'quantity', f.kpi_detail -> 'quantity', 'quality', f.kpi_detail -> 'quality', 'timeliness', f.kpi_detail -> 'timeliness',
            'completedSize', f.kpi_detail -> 'completedSize',
            'submittedAt', f.submitted_at, 'commentedAt', f.commented_at, 'decidedAt', f.decided_at, 'publishedAt', f.published_at,
            'reopenedUntil', f.reopened_until)
          from changed f
          join organization.person p on p.id = f.person_id
          join organization.position po on po.id = p.position_id
          join organization.unit u on u.id = f.unit_id
         order by f.id;
        return null;
      end $$;`);
    this.addSql(`create trigger form_events_insert after insert on evaluation.form referencing new table as changed for each statement execute function evaluation.form_events();`);
    this.addSql(`create trigger form_events_update after update on evaluation.form referencing new table as changed for each statement execute function evaluation.form_events();`);
    this.addSql(`
      create function evaluation.appeal_events() returns trigger language plpgsql as $$
      begin
        insert into evaluation.outbox (topic, aggregate_id, version, payload)
        select 'appeal', a.id, a.version, jsonb_build_object(
            'appealId', a.id, 'version', a.version, 'formId', a.form_id, 'kind', a.kind, 'status', a.status,
            'filedAt', a.filed_at, 'decidedAt', a.decided_at, 'personId', f.person_id, 'month', f.month,
            'unitId', f.unit_id, 'unitPath', u.path, 'jurisdictionId', u.jurisdiction_id, 'block', u.block)
          from changed a join evaluation.form f on f.id = a.form_id join organization.unit u on u.id = f.unit_id
         order by a.id;
        return null;
      end $$;`);
    this.addSql(`create trigger appeal_events_insert after insert on evaluation.appeal referencing new table as changed for each statement execute function evaluation.appeal_events();`);
    this.addSql(`create trigger appeal_events_update after update on evaluation.appeal referencing new table as changed for each statement execute function evaluation.appeal_events();`);
  }
}
