import { criteriaFramework, decideGroup, formScore, policies, taskResult, type CriteriaFormId, type Grade, type Policy } from '@cbccvc/rules';
import { executeBound } from '@cbccvc/platform';
import { computeMonthKpis, type MonthKpiRow } from '@cbccvc/planning';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The month close, set-based (ARCHITECTURE.md §7): every submitted form of a month decided at once,
 * the way each decider would with `decideEvaluations` — the month's KPIs through packages/rules,
 * scores through `formScore`, one `decideGroup` per quota group (the forms a decider decides in one
 * unit) — staff first, then leaders, whose unit-results factor comes from the grades just given.
 * Ties at a cap boundary stay B and are counted as awaiting the decider's choice; forms whose KPI
 * is pending (no approved plan, no leader factors) are left undecided and counted.
 */
export interface MonthClose {
  decided: number;
  groups: number;
  awaitingChoice: number;
  pending: number;
  units: number;
  gradeCounts: Record<Grade, number>;
}

interface OpenForm {
  id: string;
  personId: string;
  unitId: string;
  deciderId: string | null;
  commenterId: string | null;
  criteriaForm: CriteriaFormId;
  scores: Record<string, number>;
  deductions: { code: string; points: number }[];
  statedGrade: Grade | null;
  rank: string;
}

export async function closeMonth(em: EntityManager, month: string, now: Date, policyOf: (unitId: string) => Policy = () => policies.hanoi2026): Promise<MonthClose> {
  const forms = (await em.getConnection().execute(
    `select f.id, f.person_id, f.unit_id, f.decider_id, f.commenter_id, f.criteria_form, f.scores, f.deductions, f.stated_grade, po.rank
       from evaluation.form f join organization.person p on p.id = f.person_id join organization.position po on po.id = p.position_id
      where f.month = ? and f.state in ('SELF_SUBMITTED', 'COMMENTED')`,
    [month],
  )) as Record<string, unknown>[];
  const open: OpenForm[] = forms.map((r) => ({
    id: r.id as string,
    personId: r.person_id as string,
    unitId: r.unit_id as string,
    deciderId: (r.decider_id as string | null) ?? null,
    commenterId: (r.commenter_id as string | null) ?? null,
    criteriaForm: r.criteria_form as CriteriaFormId,
    scores: r.scores as Record<string, number>,
    deductions: r.deductions as { code: string; points: number }[],
    statedGrade: (r.stated_grade as Grade | null) ?? null,
    rank: r.rank as string,
  }));
  const unitOfPerson = new Map(open.map((f) => [f.personId, f.unitId]));
  const leaders = new Set(open.filter((f) => f.rank !== 'STAFF').map((f) => f.personId));
  const kpis = new Map<string, MonthKpiRow>(
    (await computeMonthKpis(em, month, (personId) => policyOf(unitOfPerson.get(personId) ?? ''), (id) => leaders.has(id))).map((row) => [row.personId, row]),
  );
  const factors = new Map(
    ((await em.getConnection().execute('select person_id, organisation, unity from planning.leader_factors where month = ?', [month])) as Record<string, unknown>[]).map((r) => [
      r.person_id as string,
      { organisation: Number(r.organisation), unity: Number(r.unity) },
    ]),
  );

  const grades = new Map<string, Grade>();
  const decisions: { id: string; kpi: number; finalScore: number; finalGrade: Grade }[] = [];
  const result: MonthClose = { decided: 0, groups: 0, awaitingChoice: 0, pending: 0, units: 0, gradeCounts: { A: 0, B: 0, C: 0, D: 0 } };

  const decideAll = (batch: OpenForm[], kpiOf: (form: OpenForm) => number | null) => {
    const groups = new Map<string, { form: OpenForm; score: number; anyCriterionZero: boolean; kpi: number }[]>();
    for (const form of batch) {
      const kpi = kpiOf(form);
      if (kpi === null || !form.deciderId) {
        result.pending += 1;
        continue;
      }
      const policy = policyOf(form.unitId);
      const scored = formScore(
        { framework: criteriaFramework(form.criteriaForm), scores: form.scores, deductions: Object.fromEntries(form.deductions.map((d) => [d.code, d.points])), kpi, statedGrade: form.statedGrade },
        policy,
      );
      const key = `${form.unitId}/${form.deciderId}`;
      const group = groups.get(key) ?? [];
      group.push({ form, score: scored.score!, anyCriterionZero: scored.anyCriterionZero, kpi });
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      const decision = decideGroup(
        group.map((m) => ({ id: m.form.personId, score: m.score, anyCriterionZero: m.anyCriterionZero })),
        { policy: policyOf(group[0]!.form.unitId) },
      );
      result.groups += 1;
      result.awaitingChoice += decision.needsChoice.length;
      for (const member of group) {
        const grade = decision.grades[member.form.personId]!;
        grades.set(member.form.personId, grade);
        result.gradeCounts[grade] += 1;
        decisions.push({ id: member.form.id, kpi: member.kpi, finalScore: member.score, finalGrade: grade });
      }
    }
  };

  // Staff: the KPI of the month as it is.
  decideAll(open.filter((f) => f.rank === 'STAFF'), (form) => kpis.get(form.personId)?.kpi ?? null);
  // Leaders: d from the grades of the people whose evaluation they comment on or decide.
  const managed = new Map<string, string[]>();
  for (const form of open) {
    for (const leader of new Set([form.commenterId, form.deciderId])) {
      if (leader && leader !== form.personId) managed.set(leader, [...(managed.get(leader) ?? []), form.personId]);
    }
  }
  // Deputies before heads: a head may manage deputies, whose grades are then known.
  for (const rank of ['DEPUTY', 'HEAD']) {
    decideAll(open.filter((f) => f.rank === rank), (form) => {
      const row = kpis.get(form.personId);
      const leaderFactors = factors.get(form.personId);
      const people = managed.get(form.personId) ?? [];
      if (!row || !leaderFactors || people.some((id) => !grades.has(id))) return null;
      const unitResults = people.every((id) => grades.get(id) !== 'D') ? 1 : 0.5;
      return taskResult(row.items, { unitResults, ...leaderFactors }, policyOf(form.unitId))?.kpi ?? null;
    });
  }

  for (let start = 0; start < decisions.length; start += 10_000) {
    await executeBound(
      em,
      `update evaluation.form f set state = 'DECIDED', kpi = x.kpi, final_score = x."finalScore", final_grade = x."finalGrade",
          decision_reason = 'Month close', decided_at = ?, version = f.version + 1
         from json_to_recordset(?::json) as x(id uuid, kpi float8, "finalScore" float8, "finalGrade" text)
        where f.id = x.id`,
      [now, JSON.stringify(decisions.slice(start, start + 10_000))],
    );
  }
  result.decided = decisions.length;
  // The unit summaries (01A): one row per unit and grade, ready for the block aggregators.
  const [summary] = (await em.getConnection().execute(
    `select count(distinct unit_id)::int as units from evaluation.form where month = ? and state = 'DECIDED'`,
    [month],
  )) as { units: number }[];
  result.units = summary!.units;
  return result;
}
