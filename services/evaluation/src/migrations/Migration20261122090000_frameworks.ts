import { Migration } from '@mikro-orm/migrations';
import { criteriaFrameworks2026 } from '@cbccvc/rules';

/**
 * Criteria frameworks as data: every version of forms 01–04 with the month it takes effect. The
 * 2026 frameworks of document 003 are the first rows; administrators publish later versions for a
 * future month. A version is never edited: a new regulation is a new row.
 */
export class Migration20261122090000_frameworks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table evaluation.criteria_framework (
        form text not null check (form in ('FORM_01', 'FORM_02', 'FORM_03', 'FORM_04')),
        version text not null,
        effective_from text not null check (effective_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        framework jsonb not null,
        published_by text not null,
        published_at timestamptz not null default now(),
        primary key (form, version),
        unique (form, effective_from)
      );`);
    for (const framework of criteriaFrameworks2026) {
      // Dollar-quoted: the texts are our own constants (addSql takes no parameters).
      const json = JSON.stringify(framework);
      if (json.includes('$cf$')) throw new Error('framework text contains the quote tag');
      this.addSql(
        `insert into evaluation.criteria_framework (form, version, effective_from, framework, published_by)
         values ('${framework.form}', '${framework.version}', '${framework.effectiveFrom}', $cf$${json}$cf$::jsonb, 'document 003');`,
      );
    }
  }
}
