import { combine360, decideGroup, formScore, policies, score360, taskResult, type CriteriaFormId, type CriteriaFramework, type Grade, type Policy } from '@cbccvc/rules';
import { executeBound, groupBy, sqlRows } from '@cbccvc/platform';
import { computeMonthKpis, type MonthKpiRow } from '@cbccvc/planning';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The month close, set-based (ARCHITECTURE.md §7): every submitted form of a month decided at once,
 * the way each decider would with `decideEvaluations` — the month's KPIs through packages/rules,
 * scores through `formScore`, one `decideGroup` per quota group (the forms a decider decides in one
 * unit; staff and leaders in groups of their own: similar duties) — staff first, then leaders in
 * passes until no more can be decided: a leader is decided once everyone they manage (the forms of
 * the month whose commenter or decider they are) has a grade, which gives their unit-results factor
 * d, so a head of a sub-unit is decided before the head above who decides them. A quota group of
 * leaders is decided whole, once all its members can be.
 *
 * Ties at a cap boundary stay B and are counted as awaiting the decider's choice. What is left
 * undecided is counted by reason: `pending` (the KPI is pending: no approved plan with tasks, or a
 * leader's factors not set), `withoutDecider` (no decider in the organization's data: an external
 * authority decides, none is configured, or the decider is not a person of the organization), and
 * `awaitingManaged` (a leader someone they manage cannot be decided: still in draft, or left
 * undecided for one of these reasons).
 */
export interface MonthClose {
  decided: number;
  groups: number;
  awaitingChoice: number;
  /** Undecided: the KPI is pending (no approved plan with tasks, or a leader's factors missing). */
  pending: number;
  /** Undecided: no decider in the organization's data (external authority, none configured, unknown person). */
  withoutDecider: number;
  /** Undecided leaders: someone they manage has no grade and gets none in this close. */
  awaitingManaged: number;
  /** Graded here but changed meanwhile by someone else (left as they made it). */
  changedMeanwhile: number;
  /** Undecided: their 360° round is still open (the decider waits for its minutes). */
  awaiting360: number;
  /** Passes over the leaders (a pass decides the leaders whose managed people all have grades). */
  leaderPasses: number;
  units: number;
  gradeCounts: Record<Grade, number>;
}

export interface CloseMonthOptions {
  /**
   * Also decide the forms whose decider is an external authority (decider_id null), as that
   * authority would: one quota group per unit. For generated history only; a real external decision
   * is recorded by the authority.
   */
  externalAuthorities?: boolean;
  /** Told the seconds each step took (reading the forms, the KPIs, deciding, writing): for benchmarks. */
  onStep?: (step: string, seconds: number) => void;
}

interface OpenForm {
  id: string;
  version: number;
  personId: string;
  unitId: string;
  deciderId: string | null;
  criteriaForm: CriteriaFormId;
  frameworkVersion: string;
  scores: Record<string, number>;
  deductions: { code: string; points: number }[];
  statedGrade: Grade | null;
  leader: boolean;
  /** The quota group: unit and decider. */
  group: string;
}

interface Scored {
  form: OpenForm;
  score: number;
  score360: number | null;
  anyCriterionZero: boolean;
  kpi: number;
}

export async function closeMonth(
  em: EntityManager,
  month: string,
  now: Date,
  policyOf: (unitId: string) => Policy = () => policies.hanoi2026,
  options: CloseMonthOptions = {},
): Promise<MonthClose> {
  let stepStarted = performance.now();
  const stepDone = (step: string) => {
    const now = performance.now();
    options.onStep?.(step, (now - stepStarted) / 1000);
    stepStarted = now;
  };
  // Every form of the month: the open ones are decided; all of them say who manages whom.
  const forms = await sqlRows(
    em,
    `select f.id, f.person_id, f.unit_id, f.decider_id, f.commenter_id, f.state, f.final_grade, f.version, po.rank,
            f.state in ('SELF_SUBMITTED', 'COMMENTED') as open,
            case when f.state in ('SELF_SUBMITTED', 'COMMENTED') then f.criteria_form end as criteria_form, f.framework_version,
            case when f.state in ('SELF_SUBMITTED', 'COMMENTED') then f.scores end as scores,
            case when f.state in ('SELF_SUBMITTED', 'COMMENTED') then f.deductions end as deductions,
            case when f.state in ('SELF_SUBMITTED', 'COMMENTED') then f.stated_grade end as stated_grade,
            d.id is not null as decider_known
       from evaluation.form f
       join organization.person p on p.id = f.person_id
       join organization.position po on po.id = p.position_id
       left join organization.person d on d.id = f.decider_id
      where f.month = ?`,
    [month],
  );
  const result: MonthClose = {
    decided: 0, groups: 0, awaitingChoice: 0, pending: 0, withoutDecider: 0, awaitingManaged: 0, awaiting360: 0, changedMeanwhile: 0, leaderPasses: 0, units: 0,
    gradeCounts: { A: 0, B: 0, C: 0, D: 0 },
  };
  const grades = new Map<string, Grade>();
  /** Whom each leader manages: the people of the forms they comment on or decide this month. */
  const managed = new Map<string, string[]>();
  const open: OpenForm[] = [];
  for (const r of forms) {
    const personId = r.person_id as string;
    for (const leader of [r.commenter_id as string | null, r.decider_id as string | null]) {
      if (!leader || leader === personId) continue;
      const list = managed.get(leader);
      if (!list) managed.set(leader, [personId]);
      else if (list[list.length - 1] !== personId) list.push(personId);
    }
    if (r.state === 'DECIDED' || r.state === 'PUBLISHED') {
      if (r.final_grade) grades.set(personId, r.final_grade as Grade);
      continue;
    }
    if (!r.open) continue;
    const deciderId = (r.decider_id as string | null) ?? null;
    const unitId = r.unit_id as string;
    let group: string;
    if (deciderId && r.decider_known) group = `${unitId}/${deciderId}`;
    else if (!deciderId && options.externalAuthorities) group = `${unitId}/external`;
    else {
      result.withoutDecider += 1;
      continue;
    }
    open.push({
      id: r.id as string,
      version: Number(r.version),
      personId,
      unitId,
      deciderId,
      criteriaForm: r.criteria_form as CriteriaFormId,
      frameworkVersion: r.framework_version as string,
      scores: r.scores as Record<string, number>,
      deductions: (r.deductions as { code: string; points: number }[] | null) ?? [],
      statedGrade: (r.stated_grade as Grade | null) ?? null,
      leader: r.rank !== 'STAFF',
      group,
    });
  }

  stepDone('forms read');
  const unitOfPerson = new Map(open.map((f) => [f.personId, f.unitId]));
  const leaderIds = new Set(open.filter((f) => f.leader).map((f) => f.personId));
  const kpis = new Map<string, MonthKpiRow>(
    (await computeMonthKpis(em, month, (personId) => policyOf(unitOfPerson.get(personId) ?? ''), (id) => leaderIds.has(id))).map((row) => [row.personId, row]),
  );
  const factors = new Map(
    (await sqlRows(em, 'select person_id, organisation, unity from planning.leader_factors where month = ?', [month])).map((r) => [
      r.person_id as string,
      { organisation: Number(r.organisation), unity: Number(r.unity) },
    ]),
  );

  stepDone('KPIs computed');
  // Each form is scored with the framework version it was opened with.
  const frameworks = new Map(
    (await sqlRows(em, 'select form, version, framework from evaluation.criteria_framework')).map((r) => [`${r.form as string}/${r.version as string}`, r.framework as CriteriaFramework]),
  );
  // 360° rounds of the month (document 004): a closed round's ratings give the 360° score combined
  // with the self score; a member of a round still open is left for the decider, as the API would.
  const reviewed = new Map<string, { open: boolean; scores: number[] }>(
    (await sqlRows(
      em,
      `select m.person_id, r.state = 'OPEN' as open, array_remove(array_agg(x.score), null) as scores
         from evaluation.review_member m join evaluation.review_round r on r.id = m.round_id
         left join evaluation.review_rating x on x.round_id = m.round_id and x.ratee_id = m.person_id
        where m.month = ? group by m.person_id, r.state`,
      [month],
    )).map((r) => [r.person_id as string, { open: Boolean(r.open), scores: (r.scores as string[]).map(Number) }]),
  );
  const roundOpen = (form: OpenForm) => policyOf(form.unitId).review360.enabled && reviewed.get(form.personId)?.open === true;

  const decisions: { id: string; version: number; kpi: number; detail: string; finalScore: number; score360: number | null; finalGrade: Grade; reason: string }[] = [];
  /** The KPI's factors and the work products behind it, kept with the decision as the API keeps them. */
  const detailOf = (personId: string, kpi: number) => {
    const row = kpis.get(personId);
    const completedSize = row ? row.items.filter((i) => i.completed).reduce((sum, i) => sum + Number(i.size), 0) : null;
    return JSON.stringify({ kpi, quantity: row?.quantity ?? null, quality: row?.quality ?? null, timeliness: row?.timeliness ?? null, completedSize });
  };
  const score = (form: OpenForm, kpi: number): Scored => {
    const policy = policyOf(form.unitId);
    const framework = frameworks.get(`${form.criteriaForm}/${form.frameworkVersion}`);
    if (!framework) throw new Error(`criteria framework ${form.criteriaForm}/${form.frameworkVersion} is missing`);
    const scored = formScore(
      { framework, scores: form.scores, deductions: Object.fromEntries(form.deductions.map((d) => [d.code, d.points])), kpi, statedGrade: form.statedGrade },
      policy,
    );
    const ratings = policy.review360.enabled ? reviewed.get(form.personId)?.scores ?? [] : [];
    const s360 = ratings.length ? score360(ratings, policy) : null;
    if (s360 === null) return { form, score: scored.score!, score360: null, anyCriterionZero: scored.anyCriterionZero, kpi };
    const combined = combine360(scored.score!, s360, policy).score;
    return { form, score: combined, score360: s360, anyCriterionZero: scored.anyCriterionZero, kpi };
  };
  const decideGroups = (groups: Iterable<Scored[]>) => {
    for (const group of groups) {
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
        decisions.push({
          id: member.form.id, version: member.form.version, kpi: member.kpi, detail: detailOf(member.form.personId, member.kpi), finalScore: member.score, score360: member.score360, finalGrade: grade,
          reason: member.form.deciderId ? 'Month close' : 'Month close (external authority)',
        });
      }
    }
  };

  // Staff: the KPI of the month as it is.
  const staff: Scored[] = [];
  // A quota group with a member whose 360° round is still open waits whole: deciding the others now
  // and that member alone later would grade them under two caps.
  const groupsWaiting360 = new Set(open.filter(roundOpen).map((f) => f.group));
  for (const form of open) {
    if (form.leader) continue;
    const kpi = kpis.get(form.personId)?.kpi ?? null;
    if (groupsWaiting360.has(form.group)) result.awaiting360 += 1;
    else if (kpi === null) result.pending += 1;
    else staff.push(score(form, kpi));
  }
  decideGroups(groupBy(staff, (m) => m.form.group).values());

  // Leaders: those whose KPI can be known at all (tasks in an approved plan, factors set) ...
  let leaders: OpenForm[] = [];
  for (const form of open) {
    if (!form.leader) continue;
    if (kpis.has(form.personId) && factors.has(form.personId)) leaders.push(form);
    else result.pending += 1;
  }
  // ... of which those who will get a grade here: everyone they manage has one or will (a least
  // fixed point, so a chain of management that never ends in a grade — a draft, a pending KPI, a
  // cycle — is left out rather than waited for).
  const willHaveGrade = new Set<string>(grades.keys());
  for (const m of staff) willHaveGrade.add(m.form.personId);
  for (let changed = true; changed; ) {
    changed = false;
    for (const form of leaders) {
      if (willHaveGrade.has(form.personId)) continue;
      if ((managed.get(form.personId) ?? []).every((id) => willHaveGrade.has(id))) {
        willHaveGrade.add(form.personId);
        changed = true;
      }
    }
  }
  const stuck = leaders.filter((f) => !willHaveGrade.has(f.personId));
  result.awaitingManaged += stuck.length;
  leaders = leaders.filter((f) => willHaveGrade.has(f.personId));

  // Passes: each decides every leader group whose members all have their managed people graded.
  const ready = (form: OpenForm) => (managed.get(form.personId) ?? []).every((id) => grades.has(id));
  const kpiOf = (form: OpenForm): number | null => {
    const people = managed.get(form.personId) ?? [];
    const unitResults = people.every((id) => grades.get(id) !== 'D') ? 1 : 0.5;
    return taskResult(kpis.get(form.personId)!.items, { unitResults, ...factors.get(form.personId)! }, policyOf(form.unitId))?.kpi ?? null;
  };
  while (leaders.length > 0) {
    const groups = groupBy(leaders, (f) => f.group);
    let batch = [...groups.values()].filter((group) => group.every(ready));
    // A group waiting on another group that waits on it (never with the default chain): its members
    // that can be decided are decided without the others rather than not at all.
    if (batch.length === 0) batch = [...groups.values()].map((group) => group.filter(ready)).filter((group) => group.length > 0);
    if (batch.length === 0) break;
    result.leaderPasses += 1;
    const scored: Scored[][] = [];
    for (const group of batch) {
      const members: Scored[] = [];
      for (const form of group) {
        const kpi = kpiOf(form);
        if (groupsWaiting360.has(form.group)) result.awaiting360 += 1;
        else if (kpi === null) result.pending += 1;
        else members.push(score(form, kpi));
      }
      if (members.length > 0) scored.push(members);
    }
    decideGroups(scored);
    const done = new Set(batch.flat().map((f) => f.personId));
    leaders = leaders.filter((f) => !done.has(f.personId));
  }
  result.awaitingManaged += leaders.length;

  stepDone('scored and decided under the quotas');
  // One transaction: the month is decided whole or not at all (a failure leaves nothing
  // half-written; run again, it decides the same), and the reporting projector applies the
  // decisions once committed rather than batch by batch beside the close.
  const written = await em.transactional(async (tx) => {
    // Two closes of the same month write one after the other (the second finds the forms decided).
    await executeBound(tx as EntityManager, `select pg_advisory_xact_lock(hashtext('evaluation.month-close:' || ?))`, [month]);
    let count = 0;
    for (let start = 0; start < decisions.length; start += 10_000) {
      count += await executeBound(
        tx as EntityManager,
        `update evaluation.form f set state = 'DECIDED', kpi = x.kpi, kpi_detail = x.detail::jsonb, final_score = x."finalScore", score_360 = x."score360",
            final_grade = x."finalGrade", decision_reason = x.reason, decided_at = ?, version = f.version + 1
           from json_to_recordset(?::json) as x(id uuid, version int, kpi float8, detail text, "finalScore" float8, "score360" float8, "finalGrade" text, reason text)
          where f.id = x.id and f.version = x.version and f.state in ('SELF_SUBMITTED', 'COMMENTED')`,
        [now, JSON.stringify(decisions.slice(start, start + 10_000))],
      );
    }
    return count;
  });
  // A form changed meanwhile (a decider deciding it through the API) keeps that decision.
  result.decided = written;
  result.changedMeanwhile = decisions.length - written;
  stepDone('decisions written');
  // The unit summaries (01A): one row per unit and grade, ready for the block aggregators.
  const [summary] = await sqlRows(em, `select count(distinct unit_id)::int as units from evaluation.form where month = ? and state = 'DECIDED'`, [month]);
  result.units = summary!.units as number;
  stepDone('unit summaries');
  return result;
}
