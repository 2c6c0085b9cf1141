import { Migration } from '@mikro-orm/migrations';

/**
 * What the form events now carry (evaluation's Migration20261205110000_form_events_explanation_self_grade):
 * why the quota graded a result's A-band score B (`quota_explanation`, printed in the announcement
 * 02A for that person) and the result of the self-assessment as the decision fixed it (`self_grade`,
 * form 01A column 4). Null for results whose newest event came before the keys — the 01A then falls
 * back to the stated grade.
 */
export class Migration20261205120000_result_explanation_self_grade extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table reporting.result add column quota_explanation text, add column self_grade text;`);
  }
}
