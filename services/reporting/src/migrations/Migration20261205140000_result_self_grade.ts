import { Migration } from '@mikro-orm/migrations';

/**
 * The result of the self-assessment as the decision fixed it (the form events' `selfGrade`, from
 * evaluation's Migration20261205130000_form_self_grade): form 01A column 4 prints it. Null for a
 * result not decided, and for results whose newest event came before the key — the 01A then falls
 * back to the stated grade.
 */
export class Migration20261205140000_result_self_grade extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table reporting.result add column self_grade text;`);
  }
}
