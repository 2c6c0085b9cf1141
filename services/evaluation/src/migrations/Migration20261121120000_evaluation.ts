import { Migration } from '@mikro-orm/migrations';

/** The evaluation schema: one form per person-month, and the audit log. */
export class Migration20261121120000_evaluation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists evaluation;`);
    this.addSql(`
      create table evaluation.form (
        id uuid primary key,
        person_id uuid not null,
        unit_id uuid not null,
        month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        criteria_form text not null check (criteria_form in ('FORM_01', 'FORM_02', 'FORM_03', 'FORM_04')),
        framework_version text not null,
        state text not null check (state in ('DRAFT', 'SELF_SUBMITTED', 'COMMENTED', 'DECIDED', 'PUBLISHED')),
        scores jsonb not null default '{}',
        deductions jsonb not null default '[]',
        stated_grade text check (stated_grade in ('A', 'B', 'C', 'D')),
        commenter_id uuid,
        decider_id uuid,
        comment text,
        submitted_at timestamptz,
        commented_at timestamptz,
        -- the decision, with the KPI fixed at that instant so a decided score never changes later
        kpi numeric(12, 10),
        kpi_detail jsonb,
        -- the decider's criterion scores, when they differ from the self-assessment
        final_scores jsonb,
        final_deductions jsonb,
        final_score numeric(5, 2),
        final_grade text check (final_grade in ('A', 'B', 'C', 'D')),
        decision_reason text,
        raised_reason text,
        decided_at timestamptz,
        published_at timestamptz,
        -- the responsible authority reopened the form: its step's deadline is lifted until then
        reopened_until timestamptz,
        reopen_reason text,
        -- party members attach the comment of their residence Party cell (DOMAIN.md §8)
        party_cell_comment text,
        version integer not null default 1,
        unique (person_id, month)
      );`);
    this.addSql(`create index form_unit_month_idx on evaluation.form (unit_id, month);`);
    this.addSql(`create index form_decider_month_idx on evaluation.form (decider_id, month);`);
    // Keeping one's opinion (bảo lưu ý kiến) or appealing to the next level; the decision stands until changed.
    this.addSql(`
      create table evaluation.appeal (
        id uuid primary key,
        form_id uuid not null references evaluation.form (id),
        kind text not null check (kind in ('OPINION', 'APPEAL')),
        text text not null,
        status text not null check (status in ('OPEN', 'DISMISSED', 'UPHELD', 'CHANGED')),
        outcome text,
        filed_at timestamptz not null,
        decided_by text,
        decided_at timestamptz,
        version integer not null default 1
      );`);
    this.addSql(`create index appeal_form_idx on evaluation.appeal (form_id);`);
    this.addSql(`
      create table evaluation.audit_log (
        id bigserial primary key,
        at timestamptz not null,
        actor text not null,
        action text not null,
        entity_type text not null,
        entity_id text not null,
        before jsonb,
        after jsonb
      );`);
    this.addSql(`create index audit_log_entity_idx on evaluation.audit_log (entity_id, id desc);`);
  }
}
