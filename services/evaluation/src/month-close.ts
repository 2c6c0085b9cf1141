import { combine360, decideGroup, formScore, gradeOf, policies, score360, selfAssessmentGrade, taskResult, unitResultsFactor, type CriteriaFormId, type CriteriaFramework, type Grade, type Policy } from '@cbccvc/rules';
import { executeBound, groupBy, sqlRows } from '@cbccvc/platform';
import { computeMonthKpis, type MonthKpiRow } from '@cbccvc/planning';
import type { EntityManager } from '@mikro-orm/postgresql';
import { defaultGroupId } from './quota-groups';

/**
 * The month close, set-based (ARCHITECTURE.md §7): every submitted form of a month decided at once,
 * the way each decider would with `decideEvaluations` — the month's KPIs through packages/rules,
 * scores through `formScore`, `decideGroup` per duty group of each quota scope (DOMAIN §6: everyone a
 * decider decides within their unit's subtree, split into duty groups where the focal point did so;
 * an external authority's scope per kind of post), both caps counting every member decided before —
 * staff first, then leaders in passes until no more can be decided: a leader is decided once everyone they manage (the forms of
 * the month whose commenter or decider they are) has a grade, which gives their unit-results factor
 * d, so a head of a sub-unit is decided before the head above who decides them. A quota group of
 * leaders is decided whole, once all its members can be.
 *
 * A group with equal scores at its cap boundary waits whole for its decider's choice (`awaitingChoice`). What is left
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
  /** Undecided: their group or scope holds more A than its cap (after a change): the decider re-decides. */
  overCap: number;
  /** Undecided: reopened by their authority, who decides them again until the reopening ends. */
  reopened: number;
  /** Not evaluated this month (exempt by their decider, DOMAIN §7). */
  exempt: number;
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
  /**
   * Choose among equal scores at a cap boundary in id order, as a decider would have. For generated
   * history only: a real close leaves such a group to its decider (counted in `awaitingChoice`).
   */
  chooseTies?: boolean;
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
  /** The duty group and its quota scope. */
  group: string;
  scope: string;
  /** The decision it had before a reopening (it counts against the caps until replaced). */
  prior: Grade | null;
}

/** What a pool (duty group or scope) holds: everyone in it, and the grades that count against its cap. */
interface Pool {
  size: number;
  reachingB: number;
  granted: number;
  raised: boolean;
}

interface Scored {
  form: OpenForm;
  score: number;
  score360: number | null;
  anyCriterionZero: boolean;
  kpi: number;
  /** The result of the self-assessment (form 01A column 4): from the self score, without the 360° score. */
  selfGrade: Grade | null;
}

export async function closeMonth(
  em: EntityManager,
  month: string,
  now: Date,
  policyOf: (unitId: string) => Policy = () => policies.hanoi2026,
  options: CloseMonthOptions = {},
): Promise<MonthClose> {
  // One transaction under the month's lock, from the first read to the last write: a decision through
  // the API (which takes the lock shared) cannot slip between what the close read and what it writes,
  // so both caps hold; the month is decided whole or not at all (run again, it decides the same), and
  // two closes of one month run one after the other (the second finds the forms decided).
  return em.transactional(async (tx) => {
    await executeBound(tx as EntityManager, `select pg_advisory_xact_lock(hashtext('evaluation.month-close:' || ?))`, [month]);
    return closeLocked(tx as EntityManager, month, now, policyOf, options);
  });
}

async function closeLocked(em: EntityManager, month: string, now: Date, policyOf: (unitId: string) => Policy, options: CloseMonthOptions): Promise<MonthClose> {
  let stepStarted = performance.now();
  const stepDone = (step: string) => {
    const now = performance.now();
    options.onStep?.(step, (now - stepStarted) / 1000);
    stepStarted = now;
  };
  // Every form of the month: the open ones are decided; all of them say who manages whom.
  const forms = await sqlRows(
    em,
    `select f.id, f.person_id, f.unit_id, f.decider_id, f.commenter_id, f.state, f.final_grade, f.final_score, f.version, po.rank,
            f.state in ('SELF_SUBMITTED', 'COMMENTED') as open,
            case when f.state in ('SELF_SUBMITTED', 'COMMENTED') then f.criteria_form end as criteria_form, f.framework_version,
            case when f.state in ('SELF_SUBMITTED', 'COMMENTED') then f.scores end as scores,
            case when f.state in ('SELF_SUBMITTED', 'COMMENTED') then f.deductions end as deductions,
            case when f.state in ('SELF_SUBMITTED', 'COMMENTED') then f.stated_grade end as stated_grade,
            d.id is not null as decider_known, d.unit_id as decider_unit_id, f.prior_final_grade, po.code as position_code, qm.group_id, qg.scope_key as group_scope,
            f.reopened_until > ? as reopened, ex.person_id is not null as exempt,
            strpos(u.path, '/' || d.unit_id::text || '/') > 0 as in_decider_subtree
       from evaluation.form f
       join organization.person p on p.id = f.person_id
       join organization.position po on po.id = p.position_id
       join organization.unit u on u.id = f.unit_id
       left join organization.person d on d.id = f.decider_id
       left join evaluation.quota_group_member qm on qm.month = f.month and qm.person_id = f.person_id
       left join evaluation.quota_group qg on qg.id = qm.group_id
       left join evaluation.exemption ex on ex.person_id = f.person_id and ex.month = f.month
      where f.month = ?`,
    [now, month],
  );
  const raisedGroups = new Set(
    (await sqlRows(em, `select id, scope_key, is_default from evaluation.quota_group where month = ? and raised_reason is not null`, [month])).map((r) =>
      r.is_default ? `default:${r.scope_key as string}` : (r.id as string),
    ),
  );
  const result: MonthClose = {
    decided: 0, groups: 0, awaitingChoice: 0, pending: 0, withoutDecider: 0, awaitingManaged: 0, awaiting360: 0, overCap: 0, reopened: 0, exempt: 0, changedMeanwhile: 0, leaderPasses: 0, units: 0,
    gradeCounts: { A: 0, B: 0, C: 0, D: 0 },
  };
  const grades = new Map<string, Grade>();
  /** The decided scores: a leader's unit-results factor d reads them (document 003 III.3.3a). */
  const finalScores = new Map<string, number>();
  /** Whom each leader manages: the people of the forms they comment on or decide this month. */
  const managed = new Map<string, string[]>();
  const open: OpenForm[] = [];
  const groupPools = new Map<string, Pool>();
  const scopePools = new Map<string, Pool>();
  const groupsOfScope = new Map<string, Set<string>>();
  const count = (pools: Map<string, Pool>, key: string, grade: Grade | null) => {
    let pool = pools.get(key);
    if (!pool) pools.set(key, (pool = { size: 0, reachingB: 0, granted: 0, raised: false }));
    pool.size += 1;
    if (grade === 'A' || grade === 'B') pool.reachingB += 1;
    if (grade === 'A') pool.granted += 1;
  };
  for (const r of forms) {
    const personId = r.person_id as string;
    // Not evaluated this month: outside the quota, managed by nobody's d, decided by nobody.
    if (r.exempt) {
      result.exempt += 1;
      continue;
    }
    for (const leader of [r.commenter_id as string | null, r.decider_id as string | null]) {
      if (!leader || leader === personId) continue;
      const list = managed.get(leader);
      if (!list) managed.set(leader, [personId]);
      else if (list[list.length - 1] !== personId) list.push(personId);
    }
    const decided = r.state === 'DECIDED' || r.state === 'PUBLISHED';
    if (decided && r.final_grade) {
      grades.set(personId, r.final_grade as Grade);
      finalScores.set(personId, Number(r.final_score));
    }
    // Every form counts in its scope and group: the decided with their grade, a reopened one with its former grade.
    const deciderId = (r.decider_id as string | null) ?? null;
    const unitId = r.unit_id as string;
    let scope: string | null = null;
    if (deciderId && r.decider_known) scope = `${deciderId}@${r.in_decider_subtree ? (r.decider_unit_id as string) : 'outside'}`;
    else if (!deciderId && options.externalAuthorities) scope = `external:${r.position_code as string}`;
    const prior = (r.prior_final_grade as Grade | null) ?? null;
    // Nobody evaluates themself: such a form waits for a decider to be configured.
    if (deciderId === personId) scope = null;
    const group = scope === null ? null : r.group_id && r.group_scope === scope ? (r.group_id as string) : `default:${scope}`;
    if (scope !== null && group !== null) {
      const counted = decided ? ((r.final_grade as Grade | null) ?? null) : prior;
      count(groupPools, group, counted);
      count(scopePools, scope, counted);
      let set = groupsOfScope.get(scope);
      if (!set) groupsOfScope.set(scope, (set = new Set()));
      set.add(group);
    }
    if (decided || !r.open) continue;
    if (scope === null || group === null) {
      result.withoutDecider += 1;
      continue;
    }
    // A form its authority reopened is the authority's to decide again until the reopening ends.
    if (r.reopened) {
      result.reopened += 1;
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
      scope,
      prior,
    });
  }
  for (const [key, pool] of groupPools) pool.raised = raisedGroups.has(key);
  // Splitting never raises the scope's A: its cap is raised only when all its groups are.
  for (const [key, pool] of scopePools) pool.raised = [...groupsOfScope.get(key)!].every((g) => raisedGroups.has(g));

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

  const decisions: {
    id: string; version: number; kpi: number; detail: string; finalScore: number; score360: number | null; finalGrade: Grade; selfGrade: Grade | null; reason: string; groupId: string;
    explanation: string | null;
  }[] = [];
  const groupIdOf = (group: string) => (group.startsWith('default:') ? defaultGroupId(month, group.slice('default:'.length)) : group);
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
    // As `decideEvaluations` keeps it: the stated grade where the policy lets it prevail, else the self score's band.
    const selfGrade = selfAssessmentGrade(scored.band, form.statedGrade, policy);
    const ratings = policy.review360.enabled ? reviewed.get(form.personId)?.scores ?? [] : [];
    const s360 = ratings.length ? score360(ratings, policy) : null;
    if (s360 === null) return { form, score: scored.score!, score360: null, anyCriterionZero: scored.anyCriterionZero, kpi, selfGrade };
    const combined = combine360(scored.score!, s360, policy).score;
    return { form, score: combined, score360: s360, anyCriterionZero: scored.anyCriterionZero, kpi, selfGrade };
  };
  /** A pool as it stands outside a batch: the batch's former grades (reopened forms) taken out. */
  const outside = (pool: Pool, batch: Scored[]): Pool => {
    let reachingB = pool.reachingB;
    let granted = pool.granted;
    for (const m of batch) {
      if (m.form.prior === 'A' || m.form.prior === 'B') reachingB -= 1;
      if (m.form.prior === 'A') granted -= 1;
    }
    return { ...pool, reachingB, granted };
  };
  /**
   * The current scores of the staff not decided yet count in the base (the people whose score
   * reaches the B band), as the API counts them: a group decided before another of its scope is not
   * held to a smaller cap. Each pool counts them, beside its decisions, until they are decided.
   */
  const current = new Map<string, number>();
  const reaches = (m: Scored) => {
    const band = gradeOf(m.score, policyOf(m.form.unitId), { anyCriterionZero: m.anyCriterionZero });
    return band === 'A' || band === 'B';
  };
  const withCurrent = (key: string, pool: Pool, batch: Scored[]): Pool => {
    const inBatch = batch.filter((m) => !m.form.leader && reaches(m)).length;
    return { ...pool, reachingB: pool.reachingB + (current.get(key) ?? 0) - inBatch };
  };
  const decideGroups = (groups: Iterable<Scored[]>) => {
    for (const group of groups) {
      const first = group[0]!.form;
      const groupPool = outside(groupPools.get(first.group)!, group);
      const single = groupsOfScope.get(first.scope)!.size === 1;
      const scopePool = single ? null : outside(scopePools.get(first.scope)!, group);
      const decideWith = (chosen?: string[]) =>
        decideGroup(
          group.map((m) => ({ id: m.form.personId, score: m.score, anyCriterionZero: m.anyCriterionZero, prior: m.form.prior })),
          {
            policy: policyOf(first.unitId),
            standing: { group: withCurrent(first.group, groupPool, group), scope: scopePool && withCurrent(first.scope, scopePool, group) },
            chosen,
          },
        );
      let decision = decideWith();
      if (decision.needsChoice.length > 0) {
        if (!options.chooseTies) {
          // Equal scores at the boundary: the decider chooses (the system never picks); the group waits whole.
          result.awaitingChoice += group.length;
          continue;
        }
        const given = Object.values(decision.grades).filter((g) => g === 'A').length;
        decision = decideWith(decision.needsChoice.slice(0, (decision.room ?? 0) - given));
      }
      if (decision.exceeded) {
        // The A already granted exceed a cap (a change since they were decided): the decider re-decides.
        result.overCap += group.length;
        continue;
      }
      for (const m of group) {
        if (m.form.leader || !reaches(m)) continue;
        current.set(first.group, current.get(first.group)! - 1);
        current.set(first.scope, current.get(first.scope)! - 1);
      }
      // The pools now hold this batch's grades instead of its former ones.
      let reachingB = 0;
      let granted = 0;
      for (const m of group) {
        const g = decision.grades[m.form.personId]!;
        if (g === 'A' || g === 'B') reachingB += 1;
        if (g === 'A') granted += 1;
      }
      groupPools.set(first.group, { ...groupPool, reachingB: groupPool.reachingB + reachingB, granted: groupPool.granted + granted });
      const scopeBase = scopePool ?? outside(scopePools.get(first.scope)!, group);
      scopePools.set(first.scope, { ...scopeBase, reachingB: scopeBase.reachingB + reachingB, granted: scopeBase.granted + granted });
      result.groups += 1;
      for (const member of group) {
        const grade = decision.grades[member.form.personId]!;
        grades.set(member.form.personId, grade);
        finalScores.set(member.form.personId, member.score);
        result.gradeCounts[grade] += 1;
        decisions.push({
          id: member.form.id, version: member.form.version, kpi: member.kpi, detail: detailOf(member.form.personId, member.kpi), finalScore: member.score, score360: member.score360, finalGrade: grade,
          selfGrade: member.selfGrade,
          reason: member.form.deciderId ? 'Month close' : 'Month close (external authority)',
          groupId: groupIdOf(member.form.group),
          explanation: grade === 'B' && gradeOf(member.score, policyOf(first.unitId), { anyCriterionZero: member.anyCriterionZero }) === 'A' ? decision.explanations[member.form.personId] ?? null : null,
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
  for (const m of staff) {
    if (!reaches(m)) continue;
    current.set(m.form.group, (current.get(m.form.group) ?? 0) + 1);
    current.set(m.form.scope, (current.get(m.form.scope) ?? 0) + 1);
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
    const policy = policyOf(form.unitId);
    const unitResults = unitResultsFactor(people.map((id) => finalScores.get(id)!), policy);
    return taskResult(kpis.get(form.personId)!.items, { unitResults, ...factors.get(form.personId)! }, policy)?.kpi ?? null;
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
  // In the close's transaction: the reporting projector applies the decisions once committed rather
  // than batch by batch beside the close.
  let written = 0;
  for (let start = 0; start < decisions.length; start += 10_000) {
    written += await executeBound(
      em,
      `update evaluation.form f set state = 'DECIDED', kpi = x.kpi, kpi_detail = x.detail::jsonb, final_score = x."finalScore", score_360 = x."score360",
          final_grade = x."finalGrade", self_grade = x."selfGrade", decision_reason = x.reason, decided_at = ?, quota_group_id = x."groupId", quota_explanation = x.explanation,
          prior_final_score = null, prior_final_grade = null, version = f.version + 1
         from json_to_recordset(?::json) as x(id uuid, version int, kpi float8, detail text, "finalScore" float8, "score360" float8, "finalGrade" text, "selfGrade" text, reason text, "groupId" uuid, explanation text)
        where f.id = x.id and f.version = x.version and f.state in ('SELF_SUBMITTED', 'COMMENTED')`,
      [now, JSON.stringify(decisions.slice(start, start + 10_000))],
    );
  }
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
