import { formScore, selfAssessmentGrade, type Grade } from '@cbccvc/rules';
import { pgArrayLiteral, sqlRows } from '@cbccvc/platform';
import { parseMonth } from '@cbccvc/organization';
import { policyOfForm, scoreOf, toForm, type Context, type Form } from './forms';
import { frameworkVersion } from './frameworks';
import type { UnitSummary } from './workflow';

/**
 * The result of a form's self-assessment (DOMAIN §8, `selfAssessmentGrade` of packages/rules): the
 * stated grade where the policy lets it prevail (document 004) — then the band is not even needed —,
 * else the band `band()` gives, that of the self score.
 */
export async function selfAssessmentGradeOf(ctx: Context, form: Form, band: () => Promise<Grade | null>): Promise<Grade | null> {
  const policy = await policyOfForm(ctx, form);
  // Without a band the rule gives a grade only when the stated one prevails.
  const stated = selfAssessmentGrade(null, form.statedGrade, policy);
  if (stated !== null) return stated;
  return selfAssessmentGrade(await band(), form.statedGrade, policy);
}

/**
 * Form 01A column 4 (cá nhân tự xếp loại) is the result of the self-assessment, not the raw stated
 * grade: each row's self-grade from `selfAssessmentGradeOf`, the self score taken with the KPI fixed
 * at the decision once decided (as column 3's task points), with the live KPI before.
 */
export async function withSelfAssessmentGrades(ctx: Context, summary: UnitSummary, monthText: string): Promise<UnitSummary> {
  const month = parseMonth('month', monthText).text;
  const ids = summary.rows.map((r) => r.personId);
  if (ids.length === 0) return summary;
  const found = await sqlRows(ctx.em, 'select * from evaluation.form where month = ? and person_id = any(?::uuid[])', [month, pgArrayLiteral(ids)]);
  const grades = new Map<string, Grade | null>();
  for (const row of found) {
    const form = toForm(row);
    const fixedKpi = form.state === 'DECIDED' || form.state === 'PUBLISHED' ? ((row.kpi_detail as { kpi?: number | null } | null)?.kpi ?? null) : null;
    grades.set(form.personId, await selfAssessmentGradeOf(ctx, form, async () => {
      if (Object.keys(form.scores).length === 0) return null;
      if (fixedKpi === null) return (await scoreOf(ctx, form))?.band ?? null;
      const framework = await frameworkVersion(ctx.em, form.criteriaForm, form.frameworkVersion);
      const deductions = Object.fromEntries(form.deductions.map((d) => [d.code, d.points]));
      return formScore({ framework, scores: form.scores, deductions, kpi: fixedKpi, statedGrade: form.statedGrade }, await policyOfForm(ctx, form)).band;
    }));
  }
  const withGrade = <R extends { personId: string }>(row: R): R => ({ ...row, selfGrade: grades.get(row.personId) ?? null });
  return { ...summary, rows: summary.rows.map(withGrade), rewardProposals: summary.rewardProposals.map(withGrade) };
}
