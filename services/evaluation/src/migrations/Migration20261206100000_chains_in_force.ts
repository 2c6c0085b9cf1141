import { Migration } from '@mikro-orm/migrations';

/**
 * Who evaluates whom, as in force when a step is taken (DOMAIN §3, §7):
 * - a form names its collective commenter / external deciding authority (`*_authority_id`), whom
 *   the commenter or decider acts for (`*_acting_for`), and the reference of an external
 *   authority's collective decision or comment (number, date, who recorded it);
 * - a transferred person's open form moves to the new unit: `handover_*` keep the old unit, whose
 *   leader may still add a comment;
 * - `chain_sync` remembers how far the organization's chain-change log has been applied.
 * The form's event carries the authority, the decision's reference and the acting-for, for 3A.
 */
export class Migration20261206100000_chains_in_force extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table evaluation.form
        add column commenter_authority_id uuid,
        add column decider_authority_id uuid,
        add column commenter_acting_for uuid,
        add column decider_acting_for uuid,
        add column comment_reference jsonb,
        add column decision_reference jsonb,
        add column handover_unit_id uuid,
        add column handover_comment text,
        add column handover_by uuid,
        add column handover_at timestamptz;`);
    this.addSql(`create index form_decider_authority_month_idx on evaluation.form (decider_authority_id, month) where decider_authority_id is not null;`);
    this.addSql(`create table evaluation.chain_sync (id int primary key check (id = 1), revision bigint not null);`);
    this.addSql(`insert into evaluation.chain_sync (id, revision) values (1, 0);`);
    this.addSql(`
      create or replace function evaluation.form_events() returns trigger language plpgsql as $$
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
            'reopenedUntil', f.reopened_until, 'quotaExplanation', f.quota_explanation, 'selfGrade', f.self_grade,
            'deciderAuthorityId', f.decider_authority_id, 'decisionNumber', f.decision_reference ->> 'number',
            'decisionDate', f.decision_reference ->> 'date', 'deciderActingFor', f.decider_acting_for)
          from changed f
          join organization.person p on p.id = f.person_id
          join organization.position po on po.id = p.position_id
          join organization.unit u on u.id = f.unit_id
         order by f.id;
        return null;
      end $$;`);
  }
}
