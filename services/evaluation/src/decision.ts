import { combine360, decideGroup, gradeOf, formScore, nextState, stepDeadline, taskResult, type Grade, type Policy } from '@cbccvc/rules';
import { badInput, codedError, conflict, deadlinePassed, forbidden, notFound } from '@cbccvc/platform';
import { parseId, parseMonth, policyOf, requireText } from '@cbccvc/organization';
import { computeKpi, subjectOf, type KpiResult } from '@cbccvc/planning';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit, rows, run, toForm, viaRules, type Context, type Form } from './forms';
import { frameworkVersion } from './frameworks';
import { scores360 } from './review360';

export interface DecisionArgs {
  unitId: string;
  month: string;
  personIds?: string[] | null;
  requestedGrades?: { personId: string; grade: Grade }[] | null;
  raisedReason?: string | null;
  chosen?: string[] | null;
  reason?: string | null;
  finalScores?: { personId: string; scores: { code: string; score: number }[]; deductions?: { code: string; points: number; reason: string }[] | null }[] | null;
}

export interface ProposalMember {
  personId: string;
  /** The score graded: the self-assessment's, or its mean with the 360° score where a round ran. */
  score: number;
  selfScore: number;
  score360: number | null;
  rescoreSuggested: boolean;
  band: Grade;
  grade: Grade;
  explanation: string | null;
}

export interface Proposal {
  cap: number;
  members: ProposalMember[];
  needsChoice: string[];
  exceeded: boolean;
  exceededExplanation: string | null;
}

interface Prepared {
  proposal: Proposal;
  forms: Form[];
  kpis: Map<string, KpiResult>;
  /** The decider's own scores, by person, where given. */
  finals: Map<string, { scores: Record<string, number>; deductions: { code: string; points: number; reason: string }[] }>;
}

/**
 * One quota group decided at once by its decider (DOMAIN.md §6): the forms of the unit awaiting the
 * caller's decision (a unit head's own form is decided one level up, so it is never among them),
 * scored by packages/rules with the live KPI, graded by `decideGroup` (cap, ties, raise to 25 %).
 */
async function prepare(ctx: Context, input: DecisionArgs): Promise<Prepared> {
  const unitId = parseId('input.unitId', input.unitId);
  const month = parseMonth('input.month', input.month);
  const unit = await ctx.loaders.unit.load(unitId);
  if (!unit) throw notFound('input.unitId', 'unit', input.unitId);
  const caller = await ctx.access.caller();
  if (!caller) throw forbidden('Only a decider with a record in the organization decides evaluations');
  const policy = await policyOf(ctx, unit.jurisdictionId);
  const deadline = stepDeadline(month.year, month.month, 'decide', ctx.clock.now().toISOString(), { policy });
  if (deadline.late) throw deadlinePassed(`The decision of ${month.text} was due before ${deadline.deadline}`, deadline.deadline);
  const awaiting = (await rows(
    ctx.em,
    `select * from evaluation.form where unit_id = ? and month = ? and decider_id = ? and state in ('SELF_SUBMITTED', 'COMMENTED') order by person_id`,
    [unit.id, month.text, caller.id],
  )).map(toForm);
  let forms = awaiting;
  if (input.personIds) {
    const wanted = input.personIds.map((id, index) => parseId(`input.personIds[${index}]`, id));
    forms = wanted.map((id, index) => {
      const form = awaiting.find((f) => f.personId === id);
      if (!form) throw forbidden(`input.personIds[${index}]: no form of this person awaits your decision in "${unit.name}" for ${month.text}`);
      return form;
    });
  }
  if (forms.length === 0) throw badInput('input.unitId', `no form of "${unit.name}" awaits your decision for ${month.text}`);


  const kpis = new Map<string, KpiResult>();
  const finals: Prepared['finals'] = new Map();
  for (const [index, final] of (input.finalScores ?? []).entries()) {
    if (!forms.some((f) => f.personId === final.personId)) throw badInput(`input.finalScores[${index}].personId`, 'is not in this decision');
    finals.set(final.personId, {
      scores: Object.fromEntries(final.scores.map((s) => [s.code, s.score])),
      deductions: (final.deductions ?? []).map((d, i) => ({ ...d, reason: requireText(`input.finalScores[${index}].deductions[${i}].reason`, d.reason, 1000) })),
    });
  }
  const members: { id: string; score: number; band: Grade; anyCriterionZero: boolean; requestedGrade?: Grade }[] = [];
  const review = new Map<string, { selfScore: number; score360: number | null; rescoreSuggested: boolean }>();
  const from360 = await scores360(ctx, month.text, forms.map((f) => f.personId), policy);
  for (const form of forms) {
    viaRules('input.personIds', () => nextState(form.state, 'decide', { policy, hasCommenter: form.commenterId !== null }));
    const subject = await subjectOf(ctx, 'input.personIds', form.personId, form.month);
    const kpi = await withUnitResults(ctx, form, subject.person.fullName, await computeKpi(ctx, subject), policy);
    if (kpi.kpi === null) throw badInput('input.personIds', `the KPI of ${subject.person.fullName} is pending (${kpi.pending.join(', ')}): it cannot be decided yet`);
    kpis.set(form.personId, kpi);
    const final = finals.get(form.personId);
    const scoresUsed = final?.scores ?? form.scores;
    const deductionsUsed = final?.deductions ?? form.deductions;
    const framework = await frameworkVersion(ctx.em, form.criteriaForm, form.frameworkVersion);
    const scored = viaRules('input.finalScores', () =>
      formScore(
        { framework, scores: scoresUsed, deductions: Object.fromEntries(deductionsUsed.map((d) => [d.code, d.points])), kpi: kpi.kpi, statedGrade: form.statedGrade },
        policy,
      ),
    );
    const requested = input.requestedGrades?.find((r) => r.personId === form.personId)?.grade;
    // Document 004: the total is the mean of the self score and the 360° score.
    const s360 = from360.get(form.personId) ?? null;
    const combined = s360 === null ? null : combine360(scored.score!, s360, policy);
    const score = combined?.score ?? scored.score!;
    const band = combined ? gradeOf(score, policy, { anyCriterionZero: scored.anyCriterionZero }) : scored.band!;
    review.set(form.personId, { selfScore: scored.score!, score360: s360, rescoreSuggested: combined?.rescoreSuggested ?? false });
    members.push({ id: form.personId, score, band, anyCriterionZero: scored.anyCriterionZero, ...(requested ? { requestedGrade: requested } : {}) });
  }
  for (const [index, request] of (input.requestedGrades ?? []).entries()) {
    if (!forms.some((f) => f.personId === request.personId)) throw badInput(`input.requestedGrades[${index}].personId`, 'is not in this decision');
  }
  const raisedReason = input.raisedReason ? requireText('input.raisedReason', input.raisedReason, 1000) : null;
  const decision = viaRules('input', () =>
    decideGroup(
      members.map(({ band: _band, ...member }) => member),
      { policy, raised: raisedReason ? { reason: raisedReason } : null, chosen: input.chosen ?? undefined },
    ),
  );
  return {
    forms,
    kpis,
    finals,
    proposal: {
      cap: decision.cap,
      members: members.map((m) => ({ personId: m.id, score: m.score, ...review.get(m.id)!, band: m.band, grade: decision.grades[m.id]!, explanation: decision.explanations[m.id] ?? null })),
      needsChoice: decision.needsChoice,
      exceeded: decision.exceeded,
      exceededExplanation: decision.exceededExplanation,
    },
  };
}

/**
 * A leader's unit-results factor (d): 100 % if everyone they manage — the people whose evaluation
 * they comment on or decide this month — is graded at least C, else 50 %. It needs those grades, so a
 * leader is decided after the people they manage (their own quota group: similar duties).
 */
async function withUnitResults(ctx: Context, form: Form, name: string, kpi: KpiResult, policy: Policy): Promise<KpiResult> {
  if (!kpi.leader || kpi.pending.some((p) => p !== 'UNIT_RESULTS')) return kpi;
  const managed = await rows(
    ctx.em,
    `select f.state, f.final_grade, p.full_name from evaluation.form f join organization.person p on p.id = f.person_id
      where f.month = ? and f.person_id <> ? and (f.commenter_id = ? or f.decider_id = ?)`,
    [form.month, form.personId, form.personId, form.personId],
  );
  const undecided = managed.filter((m) => m.state !== 'DECIDED' && m.state !== 'PUBLISHED');
  if (undecided.length) {
    throw badInput('input.personIds', `${name} leads people not decided yet (${undecided.slice(0, 3).map((m) => m.full_name).join(', ')}): decide them first`);
  }
  const unitResults = managed.every((m) => m.final_grade !== 'D') ? 1 : 0.5;
  const items = kpi.items.map((i) => ({ size: i.size, completed: i.completed, qualityFailures: i.qualityFailures, delays: i.delays }));
  const result = taskResult(items, { unitResults, organisation: kpi.organisation!, unity: kpi.unity! }, policy);
  return { ...kpi, unitResults, kpi: result?.kpi ?? null, points: result ? Math.round(result.kpi * policy.score.taskResultsMax * 10_000) / 10_000 : null, pending: result ? [] : ['NO_TASKS'] };
}

export async function previewDecision(ctx: Context, input: DecisionArgs): Promise<Proposal> {
  return (await prepare(ctx, input)).proposal;
}

/** Saves the decision of the whole group, or nothing: a broken cap or an open choice refuses it. */
export async function decide(ctx: Context, input: DecisionArgs): Promise<Proposal> {
  const reason = requireText('input.reason', input.reason ?? '', 2000);
  const { proposal, forms, kpis, finals } = await prepare(ctx, input);
  if (proposal.exceeded) throw codedError('QUOTA_EXCEEDED', proposal.exceededExplanation ?? 'The decision gives more A grades than the quota allows');
  if (proposal.needsChoice.length) {
    throw badInput('input.chosen', `equal scores at the quota boundary: choose who gets A among ${proposal.needsChoice.length} people`);
  }
  await ctx.em.transactional(async (inner) => {
    const em = inner as EntityManager;
    const now = ctx.clock.now();
    for (const form of forms) {
      const member = proposal.members.find((m) => m.personId === form.personId)!;
      const kpi = kpis.get(form.personId)!;
      const changed = await run(
        em,
        `update evaluation.form set state = 'DECIDED', kpi = ?, kpi_detail = ?::jsonb, final_scores = ?::jsonb, final_deductions = ?::jsonb,
            final_score = ?, score_360 = ?, final_grade = ?, decision_reason = ?, raised_reason = ?, decided_at = ?, version = version + 1
          where id = ? and version = ?`,
        [kpi.kpi, JSON.stringify(kpi), finals.has(form.personId) ? JSON.stringify(finals.get(form.personId)!.scores) : null,
          finals.has(form.personId) ? JSON.stringify(finals.get(form.personId)!.deductions) : null,
          member.score, member.score360, member.grade, reason, input.raisedReason ?? null, now, form.id, form.version],
      );
      if (changed !== 1) throw conflict('A form of the group changed meanwhile: preview again and decide');
      await audit(ctx, em, 'form.decide', form.id, form, { ...member, reason, raisedReason: input.raisedReason ?? null });
    }
  });
  return proposal;
}
