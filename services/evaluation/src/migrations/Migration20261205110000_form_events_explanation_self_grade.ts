import { Migration } from '@mikro-orm/migrations';

/**
 * A form's event carries what the reports print beside the grades: why the quota graded an A-band
 * score B (`quotaExplanation`, DOMAIN §6: the person graded B by the quota sees why, on their form
 * and in the announcement 02A), and the result of the self-assessment (`selfGrade`, form 01A column
 * 4, DOMAIN §8: `selfAssessmentGrade` of packages/rules, fixed by the decision — `decideEvaluations`
 * and the month close write it with the final grade). The snapshot of Migration20261122120000_outbox
 * (no later migration redefined it) with those two keys added. Events appended before this migration
 * have neither: read as null.
 */
export class Migration20261205110000_form_events_explanation_self_grade extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table evaluation.form add column self_grade text check (self_grade in ('A', 'B', 'C', 'D'));`);
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
            'reopenedUntil', f.reopened_until, 'quotaExplanation', f.quota_explanation, 'selfGrade', f.self_grade)
          from changed f
          join organization.person p on p.id = f.person_id
          join organization.position po on po.id = p.position_id
          join organization.unit u on u.id = f.unit_id
         order by f.id;
        return null;
      end $$;`);
  }
}
