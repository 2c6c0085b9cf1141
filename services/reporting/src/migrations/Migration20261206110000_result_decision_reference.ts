import { Migration } from '@mikro-orm/migrations';

/**
 * What the form events now carry (evaluation's Migration20261206100000_chains_in_force), for form 3A:
 * the external authority that decides when no person does (`decider_authority_id`, e.g. Ban Thường
 * vụ Thành ủy), the number and date of its collective decision as the account acting for it recorded
 * them (`decision_number`, e.g. '125-QĐ/TU'; `decision_date`, YYYY-MM-DD), and the default decider
 * someone decided for ("quyền": `decider_acting_for`). Null for results whose newest event came
 * before the keys, and for decisions without a collective reference (a person's, or the month close's).
 *
 * `decision_date` is kept as the text the event carries, not a `date`: the projector decodes every
 * event of a batch in one statement, and a date PostgreSQL refuses ('2026-02-30' passes a check by
 * Date.parse) would stop the projection at that event for good. Reports print it as dd/mm/yyyy.
 */
export class Migration20261206110000_result_decision_reference extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table reporting.result
        add column decider_authority_id uuid,
        add column decision_number text,
        add column decision_date text,
        add column decider_acting_for uuid;`);
  }
}
