import { Migration } from '@mikro-orm/migrations';

/**
 * Totals per jurisdiction, block and month, kept by the projector from `unit_month`: a city month
 * sums at most 381 rows (127 jurisdictions × 3 blocks) instead of ~10,000 units.
 */
export class Migration20261122160000_jurisdiction_month extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table reporting.jurisdiction_month (
        jurisdiction_id uuid not null,
        block text not null,
        month text not null,
        members integer not null,
        submitted integer not null,
        to_comment integer not null,
        commented integer not null,
        decided integer not null,
        published integer not null,
        grade_a integer not null,
        grade_b integer not null,
        grade_c integer not null,
        grade_d integer not null,
        kpi_sum numeric(18, 10) not null,
        kpi_count integer not null,
        quantity_sum numeric(18, 10) not null,
        quality_sum numeric(18, 10) not null,
        timeliness_sum numeric(18, 10) not null,
        factor_count integer not null,
        primary key (month, jurisdiction_id, block)
      );`);
    this.addSql(`
      insert into reporting.jurisdiction_month
      select jurisdiction_id, block, month, sum(members), sum(submitted), sum(to_comment), sum(commented), sum(decided), sum(published),
             sum(grade_a), sum(grade_b), sum(grade_c), sum(grade_d), sum(kpi_sum), sum(kpi_count), sum(quantity_sum), sum(quality_sum),
             sum(timeliness_sum), sum(factor_count)
        from reporting.unit_month group by jurisdiction_id, block, month;`);
  }
}
