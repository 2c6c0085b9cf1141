import { combine360, decideGroup, gradeOf, formScore, nextState, selfAssessmentGrade, stepDeadline, taskResult, unitResultsFactor, type Grade, type GroupDecision, type Policy } from '@cbccvc/rules';
import { badInput, codedError, conflict, deadlinePassed, forbidden, notFound } from '@cbccvc/platform';
import { parseId, parseMonth, policyOf, requireText } from '@cbccvc/organization';
import { computeKpi, subjectOf, type KpiResult } from '@cbccvc/planning';
import type { EntityManager } from '@mikro-orm/postgresql';
import { applyChainChanges } from './chain-sync';
import { actsForAuthority, audit, collectiveReference, hasCommenter, requireMonthBegun, rows, run, toForm, viaRules, type CollectiveReference, type CollectiveReferenceInput, type Context, type Form } from './forms';
import { frameworkVersion } from './frameworks';
import { externalScopes, lockScope, recordRaise, scopesOfDecider, standingFor, withCurrentScores, type QuotaGroupRecord, type QuotaScopeRecord } from './quota-groups';
import { scores360 } from './review360';

export interface DecisionArgs {
  month: string;
  /** The duty group decided; omitted, the group all the forms meant belong to. */
  groupId?: string | null;
  /** Only the forms of this unit (a shorthand for choosing members). */
  unitId?: string | null;
  /** Some members of the group (a batch); default: every member awaiting the decision. */
  personIds?: string[] | null;
  raisedReason?: string | null;
  chosen?: string[] | null;
  reason?: string | null;
  /** Decided for an external authority by an account acting for it, with its collective decision's reference. */
  authorityUnitId?: string | null;
  collectiveDecision?: CollectiveReferenceInput | null;
  /** The decider's changes of criterion scores, each with its reason; unchanged criteria keep the self-assessment's. */
  finalScores?: { personId: string; scores: { code: string; score: number; reason: string }[]; deductions?: { code: string; points: number; reason: string }[] | null }[] | null;
}

export interface ProposalMember {
  personId: string;
  /** The score graded: the self-assessment's (with the decider's changes), or its mean with the 360° score where a round ran. */
  score: number;
  selfScore: number;
  /** The self-assessment's result (the stated grade where the policy makes it prevail, else its band). */
  selfGrade: Grade | null;
  score360: number | null;
  rescoreSuggested: boolean;
  band: Grade;
  grade: Grade;
  explanation: string | null;
}

export interface Proposal {
  month: string;
  /** The policy the caps come from (for the group's view once decided). */
  policy: Policy;
  groupId: string;
  groupName: string;
  scopeKey: string;
  scopeName: string;
  quotaBase: 'GRADED_B' | 'B_BAND' | 'NONE';
  cap: number | null;
  base: number;
  granted: number;
  size: number;
  scopeCap: number | null;
  scopeBase: number;
  scopeGranted: number;
  scopeSize: number;
  room: number | null;
  /** Members of the group not decided and not in this decision: deciding them together may allow more A. */
  undecidedOutside: number;
  members: ProposalMember[];
  needsChoice: string[];
  exceeded: boolean;
  exceededExplanation: string | null;
}

interface ScoredMember {
  form: Form;
  score: number;
  anyCriterionZero: boolean;
  kpi: KpiResult;
  selfScore: number;
  selfGrade: Grade | null;
  score360: number | null;
  rescoreSuggested: boolean;
  band: Grade;
  finalScores: Record<string, number> | null;
  finalDeductions: { code: string; points: number; reason: string }[] | null;
  scoreChanges: { code: string; from: number | null; to: number; reason: string }[];
}

interface Prepared {
  /** The external authority decided for, or null for the caller's own decisions. */
  authorityId: string | null;
  reference: CollectiveReference | null;
  scope: QuotaScopeRecord;
  group: QuotaGroupRecord;
  policy: Policy;
  members: ScoredMember[];
  raisedReason: string | null;
  proposal: Proposal;
}

const lateDecision = (month: string, deadline: string) =>
  deadlinePassed(`Đã hết hạn quyết định xếp loại tháng ${month} (hạn: trước ${deadline}); chỉ hồ sơ được người có thẩm quyền mở lại mới quyết định được`, deadline);

/** The group a decision is about: named, or the one every form meant belongs to. */
function pickGroup(scopes: QuotaScopeRecord[], input: DecisionArgs, awaiting: Set<string>, unitId: string | null, wanted: string[] | null) {
  if (input.groupId) {
    const id = parseId('input.groupId', input.groupId);
    for (const scope of scopes) {
      const group = scope.groups.find((g) => g.id === id);
      if (group) return { scope, group };
    }
    throw notFound('input.groupId', 'quota group of yours for this month', input.groupId);
  }
  const meant = scopes.flatMap((scope) =>
    scope.groups.flatMap((group) =>
      group.members
        .filter((m) => (wanted ? wanted.includes(m.personId) : awaiting.has(m.formId) && (!unitId || m.unitId === unitId)))
        .map(() => ({ scope, group })),
    ),
  );
  const distinct = [...new Map(meant.map((x) => [x.group.id, x])).values()];
  if (distinct.length === 1) return distinct[0]!;
  if (distinct.length === 0) return null;
  throw badInput('input.groupId', `Các hồ sơ này thuộc ${distinct.length} nhóm tỷ lệ khác nhau (${distinct.map((x) => `"${x.group.name}"`).join(', ')}): mỗi quyết định chọn một nhóm`);
}

/**
 * One decision of a duty group, or of some of its members (DOMAIN.md §6): the forms awaiting the
 * caller's decision, scored by packages/rules with the live KPI and the decider's score changes, graded
 * by `decideGroup` within the room the group and its scope leave — every member decided before counted.
 */
async function prepare(ctx: Context, input: DecisionArgs): Promise<Prepared> {
  const month = parseMonth('input.month', input.month);
  const caller = await ctx.access.caller();
  if (!caller) throw forbidden('Chỉ người có thẩm quyền có hồ sơ trong tổ chức mới quyết định xếp loại');
  const unitId = input.unitId ? parseId('input.unitId', input.unitId) : null;
  if (unitId && !(await ctx.loaders.unit.load(unitId))) throw notFound('input.unitId', 'unit', input.unitId!);
  const wanted = input.personIds ? input.personIds.map((id, index) => parseId(`input.personIds[${index}]`, id)) : null;
  wanted?.forEach((id, index) => {
    if (wanted.indexOf(id) !== index) throw badInput(`input.personIds[${index}]`, 'Mỗi người chỉ được nêu một lần trong quyết định');
  });
  await applyChainChanges(ctx);
  const authorityId = input.authorityUnitId ? parseId('input.authorityUnitId', input.authorityUnitId) : null;
  if (authorityId && !(await actsForAuthority(ctx, authorityId))) {
    const authority = await ctx.loaders.unit.load(authorityId);
    throw forbidden(`Chỉ tài khoản được quản trị thành phố chỉ định mới ghi nhận quyết định của ${authority?.name ?? 'cấp có thẩm quyền này'}`);
  }
  if (!authorityId && input.collectiveDecision) throw badInput('input.collectiveDecision', 'Số, ngày quyết định tập thể chỉ ghi khi quyết định thay mặt cấp có thẩm quyền ngoài phường (authorityUnitId)');
  const reference = authorityId ? collectiveReference(ctx, 'input.collectiveDecision', authorityId, input.collectiveDecision) : null;
  const scopes = authorityId ? await externalScopes(ctx.em, month.text, authorityId) : await scopesOfDecider(ctx.em, caller.id, month.text);
  const awaitingForms = (await rows(
    ctx.em,
    `select * from evaluation.form f where month = ? and state in ('SELF_SUBMITTED', 'COMMENTED') and person_id <> ?
        and ${authorityId ? 'decider_id is null and decider_authority_id = ?' : 'decider_id = ?'}
        and not exists (select 1 from evaluation.exemption e where e.person_id = f.person_id and e.month = f.month)
      order by person_id`,
    [month.text, caller.id, authorityId ?? caller.id],
  )).map(toForm);
  const awaiting = new Set(awaitingForms.map((f) => f.id));
  // After the deadline only a form its authority reopened can be decided (until the reopening ends).
  const callerPolicy = await policyOf(ctx, (await ctx.loaders.unit.load(caller.unitId))!.jurisdictionId);
  requireMonthBegun(ctx, 'input.month', month.text, callerPolicy);
  const monthDeadline = stepDeadline(month.year, month.month, 'decide', ctx.clock.now().toISOString(), { policy: callerPolicy });
  const reopened = awaitingForms.some((f) => f.reopenedUntil && f.reopenedUntil > ctx.clock.now());
  if (monthDeadline.late && !reopened) throw lateDecision(month.text, monthDeadline.deadline);
  const picked = pickGroup(scopes, input, awaiting, unitId, wanted);
  if (!picked && wanted) throw forbidden(`input.personIds: không có hồ sơ nào của những người này chờ đồng chí quyết định tháng ${month.text}`);
  if (!picked) throw badInput(unitId ? 'input.unitId' : 'input.month', `Không có hồ sơ nào chờ đồng chí quyết định tháng ${month.text}`);
  const { scope, group } = picked;
  let forms = awaitingForms.filter((f) => group.members.some((m) => m.formId === f.id) && (!unitId || f.unitId === unitId));
  if (wanted) {
    forms = wanted.map((id, index) => {
      const form = forms.find((f) => f.personId === id) ?? awaitingForms.find((f) => f.personId === id && !unitId);
      if (!form) throw forbidden(`input.personIds[${index}]: hồ sơ của người này không chờ đồng chí quyết định trong nhóm "${group.name}" tháng ${month.text}`);
      if (!group.members.some((m) => m.formId === form.id)) throw badInput(`input.personIds[${index}]`, `Người này không thuộc nhóm "${group.name}"`);
      return form;
    });
  }
  if (forms.length === 0) throw badInput('input.groupId', `Không có hồ sơ nào của nhóm "${group.name}" chờ đồng chí quyết định tháng ${month.text}`);
  const policy = await policyOf(ctx, (await ctx.loaders.unit.load(scope.unitId!))!.jurisdictionId);
  // The deadline of the decision, lifted for a form its authority reopened (until the reopening ends).
  for (const form of forms) {
    const deadline = stepDeadline(month.year, month.month, 'decide', ctx.clock.now().toISOString(), { policy, reopenedUntil: form.reopenedUntil?.toISOString() ?? null });
    if (deadline.late) throw lateDecision(month.text, deadline.deadline);
  }

  const finals = new Map<string, NonNullable<DecisionArgs['finalScores']>[number]>();
  for (const [index, final] of (input.finalScores ?? []).entries()) {
    if (!forms.some((f) => f.personId === final.personId)) throw badInput(`input.finalScores[${index}].personId`, 'Người này không thuộc quyết định này');
    if (finals.has(final.personId)) throw badInput(`input.finalScores[${index}].personId`, 'Mỗi người chỉ một lần');
    finals.set(final.personId, final);
  }
  const from360 = await scores360(ctx, month.text, forms.map((f) => f.personId), policy);
  const members: ScoredMember[] = [];
  for (const form of forms) {
    viaRules('input.personIds', () => nextState(form.state, 'decide', { policy, hasCommenter: hasCommenter(form) }));
    const subject = await subjectOf(ctx, 'input.personIds', form.personId, form.month);
    const kpi = await withUnitResults(ctx, form, subject.person.fullName, await computeKpi(ctx, subject), policy);
    if (kpi.kpi === null) throw badInput('input.personIds', `KPI của ${subject.person.fullName} chưa đủ để tính (${kpi.pending.join(', ')}): chưa quyết định được`);
    const framework = await frameworkVersion(ctx.em, form.criteriaForm, form.frameworkVersion);
    const index = (input.finalScores ?? []).findIndex((f) => f.personId === form.personId);
    const final = finals.get(form.personId);
    const scoreChanges = (final?.scores ?? []).map((change, i) => {
      const field = `input.finalScores[${index}].scores[${i}]`;
      if (!framework.groups.some((g) => g.criteria.some((c) => c.code === change.code))) throw badInput(`${field}.code`, `Không có tiêu chí ${change.code} trong khung tiêu chí`);
      return { code: change.code, from: form.scores[change.code] ?? null, to: change.score, reason: requireText(`${field}.reason`, change.reason, 1000) };
    });
    if (new Set(scoreChanges.map((c) => c.code)).size !== scoreChanges.length) throw badInput(`input.finalScores[${index}].scores`, 'Mỗi tiêu chí chỉ điều chỉnh một lần');
    const finalScores = final ? { ...form.scores, ...Object.fromEntries(scoreChanges.map((c) => [c.code, c.to])) } : null;
    const finalDeductions = final?.deductions
      ? final.deductions.map((d, i) => ({ ...d, reason: requireText(`input.finalScores[${index}].deductions[${i}].reason`, d.reason, 1000) }))
      : final ? form.deductions : null;
    const deductionsOf = (list: { code: string; points: number }[]) => Object.fromEntries(list.map((d) => [d.code, d.points]));
    const own = viaRules('input.personIds', () =>
      formScore({ framework, scores: form.scores, deductions: deductionsOf(form.deductions), kpi: kpi.kpi, statedGrade: form.statedGrade }, policy),
    );
    const scored = final
      ? viaRules(`input.finalScores[${index}]`, () => formScore({ framework, scores: finalScores!, deductions: deductionsOf(finalDeductions!), kpi: kpi.kpi, statedGrade: form.statedGrade }, policy))
      : own;
    // Document 004: the total is the mean of the self score and the 360° score.
    const s360 = from360.get(form.personId) ?? null;
    const combined = s360 === null ? null : combine360(scored.score!, s360, policy);
    const score = combined?.score ?? scored.score!;
    members.push({
      form,
      score,
      anyCriterionZero: scored.anyCriterionZero,
      kpi,
      selfScore: own.score!,
      selfGrade: selfAssessmentGrade(own.band, form.statedGrade, policy),
      score360: s360,
      rescoreSuggested: combined?.rescoreSuggested ?? false,
      band: combined ? gradeOf(score, policy, { anyCriterionZero: scored.anyCriterionZero }) : scored.band!,
      finalScores,
      finalDeductions,
      scoreChanges,
    });
  }
  await withCurrentScores(ctx, scope, policy, new Set(forms.map((f) => f.id)));
  const raisedReason = input.raisedReason ? requireText('input.raisedReason', input.raisedReason, 1000) : null;
  if (raisedReason && policy.quota === null) throw badInput('input.raisedReason', `Quy định ${policy.id} không có tỷ lệ loại A để nâng`);
  const decision = grade(scope, group, policy, members, raisedReason, input.chosen ?? undefined);
  return { authorityId, reference, scope, group, policy, members, raisedReason, proposal: proposalOf(scope, group, policy, members, decision) };
}

/** The rules refuse a bad choice in English, naming the field: the decider reads why in Vietnamese. */
function chooseInVietnamese<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const field = /^(chosen(?:\[\d+\])?)/.exec(error.message)?.[1];
    if (field) throw badInput(`input.${field}`, 'Chỉ được chọn, mỗi người một lần, những người có điểm đạt mức A bằng nhau ở ranh giới chỉ tiêu');
    throw badInput('input', error.message);
  }
}

function grade(scope: QuotaScopeRecord, group: QuotaGroupRecord, policy: Policy, members: ScoredMember[], raisedReason: string | null, chosen: string[] | undefined): GroupDecision {
  const batch = new Set(members.map((m) => m.form.personId));
  return chooseInVietnamese(() =>
    decideGroup(
      members.map((m) => ({ id: m.form.personId, score: m.score, anyCriterionZero: m.anyCriterionZero, prior: scope.members.find((x) => x.formId === m.form.id)?.counted ?? null })),
      { policy, raised: raisedReason ? { reason: raisedReason } : null, chosen, standing: standingFor(scope, group, batch, raisedReason !== null), names: { group: group.name, scope: scope.name } },
    ),
  );
}

function proposalOf(scope: QuotaScopeRecord, group: QuotaGroupRecord, policy: Policy, members: ScoredMember[], decision: GroupDecision): Proposal {
  const batch = new Set(members.map((m) => m.form.personId));
  return {
    month: scope.month,
    policy,
    groupId: group.id,
    groupName: group.name,
    scopeKey: scope.key,
    scopeName: scope.name,
    quotaBase: policy.quota?.base ?? 'NONE',
    cap: decision.group.cap,
    base: decision.group.base,
    granted: decision.group.granted,
    size: decision.group.size,
    scopeCap: decision.scope.cap,
    scopeBase: decision.scope.base,
    scopeGranted: decision.scope.granted,
    scopeSize: decision.scope.size,
    room: decision.room,
    undecidedOutside: group.members.filter((m) => !batch.has(m.personId) && m.counted === null).length,
    members: members.map((m) => ({
      personId: m.form.personId,
      score: m.score,
      selfScore: m.selfScore,
      selfGrade: m.selfGrade,
      score360: m.score360,
      rescoreSuggested: m.rescoreSuggested,
      band: m.band,
      grade: decision.grades[m.form.personId]!,
      explanation: decision.explanations[m.form.personId] ?? null,
    })),
    needsChoice: decision.needsChoice,
    exceeded: decision.exceeded,
    exceededExplanation: decision.exceededExplanation,
  };
}

/**
 * A leader's unit-results factor (d, document 003 III.3.3a): 100 % if every person they manage —
 * whose evaluation they comment on or decide this month, exempt people excluded — has a score at the
 * HTNV level or above, else 50 %. It needs those scores, so a leader is decided after the people they manage.
 */
async function withUnitResults(ctx: Context, form: Form, name: string, kpi: KpiResult, policy: Policy): Promise<KpiResult> {
  if (!kpi.leader || kpi.pending.some((p) => p !== 'UNIT_RESULTS')) return kpi;
  const managed = await rows(
    ctx.em,
    `select f.state, f.final_score, p.full_name from evaluation.form f join organization.person p on p.id = f.person_id
      where f.month = ? and f.person_id <> ? and (f.commenter_id = ? or f.decider_id = ?)
        and not exists (select 1 from evaluation.exemption e where e.person_id = f.person_id and e.month = f.month)`,
    [form.month, form.personId, form.personId, form.personId],
  );
  const undecided = managed.filter((m) => m.state !== 'DECIDED' && m.state !== 'PUBLISHED');
  if (undecided.length) {
    throw badInput('input.personIds', `${name} quản lý những người chưa được quyết định xếp loại (${undecided.slice(0, 3).map((m) => m.full_name).join(', ')}): hãy quyết định họ trước`);
  }
  const unitResults = unitResultsFactor(managed.map((m) => Number(m.final_score)), policy);
  const items = kpi.items.map((i) => ({ size: i.size, completed: i.completed, qualityFailures: i.qualityFailures, delays: i.delays }));
  const result = taskResult(items, { unitResults, organisation: kpi.organisation!, unity: kpi.unity! }, policy);
  return { ...kpi, unitResults, kpi: result?.kpi ?? null, points: result ? Math.round(result.kpi * policy.score.taskResultsMax * 10_000) / 10_000 : null, pending: result ? [] : ['NO_TASKS'] };
}

export async function previewDecision(ctx: Context, input: DecisionArgs): Promise<Proposal> {
  return (await prepare(ctx, input)).proposal;
}

function quotaExceeded(proposal: Proposal) {
  return codedError('QUOTA_EXCEEDED', proposal.exceededExplanation ?? 'Quyết định vượt chỉ tiêu loại A', {
    group: proposal.groupName,
    groupId: proposal.groupId,
    cap: proposal.cap,
    scopeCap: proposal.scopeCap,
    granted: proposal.granted,
    scopeGranted: proposal.scopeGranted,
  });
}

/**
 * Saves the decision, or nothing: a broken cap or an open choice refuses it. The scope's lock makes
 * decisions of one scope take turns, and the grades are computed again under it from what is committed.
 */
export async function decide(ctx: Context, input: DecisionArgs): Promise<Proposal> {
  const reason = requireText('input.reason', input.reason ?? '', 2000);
  const prepared = await prepare(ctx, input);
  if (prepared.proposal.exceeded) throw quotaExceeded(prepared.proposal);
  return ctx.em.transactional(async (inner) => {
    const em = inner as EntityManager;
    const { month } = prepared.scope;
    // Shared with other decisions, exclusive of a month close (which reads and writes the whole month).
    await rows(em, `select pg_advisory_xact_lock_shared(hashtext('evaluation.month-close:' || ?))`, [month]);
    await lockScope(em, month, prepared.scope.key);
    const scopes = prepared.authorityId ? await externalScopes(em, month, prepared.authorityId) : await scopesOfDecider(em, prepared.scope.deciderId!, month);
    const scope = scopes.find((s) => s.key === prepared.scope.key);
    const group = scope?.groups.find((g) => g.id === prepared.group.id);
    // A split committed since the preparation moves people between groups: decide again on the new groups.
    if (!scope || !group || prepared.members.some((m) => !group.members.some((x) => x.formId === m.form.id))) {
      throw conflict('Nhóm tỷ lệ vừa thay đổi: hãy xem lại đề xuất và quyết định');
    }
    // The current scores prepared a moment ago (one KPI query per decision, not two); a member decided
    // meanwhile counts with that decision instead, one submitted meanwhile waits for the next decision.
    const current = new Map(prepared.scope.members.map((m) => [m.formId, m.currentReachesB ?? null]));
    for (const m of scope.members) m.currentReachesB = current.get(m.formId) ?? null;
    const decision = grade(scope, group, prepared.policy, prepared.members, prepared.raisedReason, input.chosen ?? undefined);
    const proposal = proposalOf(scope, group, prepared.policy, prepared.members, decision);
    if (proposal.exceeded) throw quotaExceeded(proposal);
    if (proposal.needsChoice.length) {
      throw badInput('input.chosen', `Có ${proposal.needsChoice.length} người bằng điểm ở ranh giới chỉ tiêu: hãy chọn người được xếp loại A`);
    }
    if (prepared.raisedReason) await recordRaise(ctx, em, scope, group, prepared.raisedReason);
    const now = ctx.clock.now();
    for (const m of prepared.members) {
      const { form, kpi } = m;
      const member = proposal.members.find((x) => x.personId === form.personId)!;
      const quotaExplanation = member.band === 'A' && member.grade === 'B' ? member.explanation : null;
      // A re-decision after an upheld appeal answers that appeal.
      const [appeal] = await rows(em, `select id from evaluation.appeal where form_id = ? and status = 'CHANGED' and not exists (select 1 from evaluation.form x where x.answers_appeal_id = evaluation.appeal.id) order by decided_at desc limit 1`, [form.id]);
      const changed = await run(
        em,
        `update evaluation.form set state = 'DECIDED', kpi = ?, kpi_detail = ?::jsonb, final_scores = ?::jsonb, final_deductions = ?::jsonb,
            final_score = ?, score_360 = ?, final_grade = ?, self_grade = ?, decision_reason = ?, raised_reason = ?, decided_at = ?, quota_group_id = ?, quota_explanation = ?,
            score_changes = ?::jsonb, prior_final_score = null, prior_final_grade = null, answers_appeal_id = coalesce(?, answers_appeal_id),
            decision_reference = ?::jsonb, version = version + 1
          where id = ? and version = ?`,
        [kpi.kpi, JSON.stringify(kpi), m.finalScores ? JSON.stringify(m.finalScores) : null, m.finalDeductions ? JSON.stringify(m.finalDeductions) : null,
          member.score, member.score360, member.grade, member.selfGrade, reason, prepared.raisedReason ?? group.raisedReason, now, group.id, quotaExplanation,
          m.scoreChanges.length ? JSON.stringify(m.scoreChanges) : null, (appeal?.id as string | undefined) ?? null,
          prepared.reference ? JSON.stringify(prepared.reference) : null, form.id, form.version],
      );
      if (changed !== 1) throw conflict('Một hồ sơ của quyết định vừa thay đổi: hãy xem lại đề xuất và quyết định');
      await audit(ctx, em, 'form.decide', form.id, form, {
        ...member, reason, group: group.name, groupId: group.id, cap: proposal.cap, scopeCap: proposal.scopeCap, granted: proposal.granted,
        raisedReason: prepared.raisedReason, scoreChanges: m.scoreChanges, answersAppeal: appeal?.id ?? null, collectiveDecision: prepared.reference,
      });
      if (appeal) await audit(ctx, em, 'appeal.redecided', form.id, null, { appealId: appeal.id, finalScore: member.score, finalGrade: member.grade });
    }
    return proposal;
  });
}
