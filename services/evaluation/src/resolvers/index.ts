import type { CriteriaFormId, CriteriaFramework, FormState } from '@cbccvc/rules';
import { badInput, forbidden, notFound } from '@cbccvc/platform';
import { parseId, parseMonth } from '@cbccvc/organization';
import type { Resolvers } from '../generated/resolvers-types';
import { decide, previewDecision } from '../decision';
import { exemptFromEvaluation, exemptionOf, exemptionText, withdrawExemption } from '../exemptions';
import { quotaGroups, scopeView, scopesOfDecider, splitQuotaScope, withCurrentScores } from '../quota-groups';
import { publishUnitMonth, reopenForm, unitAnnouncement, unitSummary } from '../workflow';
import { answerAppeal, appealsOf, attachPartyCellComment, fileAppeal } from '../appeals';
import { assignmentsOf, closeRound, membersOf, minutesOf, openRound, orderRescore, progressOf, rate, ratingsFor, readableRound, roundOf } from '../review360';
import { selfAssessmentGradeOf, withSelfAssessmentGrades } from '../self-grade';
import { frameworkInForce, frameworkVersions, publishFramework } from '../frameworks';
import { applyChainChanges } from '../chain-sync';
import { commentForm, currentDeadline, formOf, formsAwaiting, handoverComment, openForm, requireReadForm, saveSelfAssessment, scoreOf, submitSelfAssessment, toForm, type Context, type Form } from '../forms';

const referenceOf = (ref: Form['decisionReference']) =>
  ref ? { authority: { id: ref.authorityUnitId }, number: ref.number, date: ref.date, recordedBy: ref.recordedBy } : null;

/** Each form's numbers are computed once per request, however many fields ask for them. */
const scores = new WeakMap<Context, Map<string, ReturnType<typeof scoreOf>>>();
function score(ctx: Context, form: Form) {
  let perRequest = scores.get(ctx);
  if (!perRequest) scores.set(ctx, (perRequest = new Map()));
  let value = perRequest.get(form.id);
  if (!value) perRequest.set(form.id, (value = scoreOf(ctx, form)));
  return value;
}

async function readable(ctx: Context, form: Form | null): Promise<Form | null> {
  if (form) await requireReadForm(ctx, form);
  return form;
}

/** The rules' frozen framework as a fresh GraphQL value (sections always a list). */
const asGraph = (framework: CriteriaFramework) => ({
  ...framework,
  groups: framework.groups.map((g) => ({ ...g, criteria: [...g.criteria], sections: [...(g.sections ?? [])] })),
});

export const resolvers: Resolvers = {
  Query: {
    criteriaFramework: async (_p, { form, month }, ctx) => asGraph(await frameworkInForce(ctx.em, form as CriteriaFormId, parseMonth('month', month).text)),
    criteriaFrameworkVersions: (_p, { form }, ctx) => frameworkVersions(ctx, form as CriteriaFormId),
    evaluationForm: async (_p, { personId, month }, ctx) => {
      await applyChainChanges(ctx);
      return readable(ctx, await formOf(ctx, parseId('personId', personId), parseMonth('month', month).text));
    },
    formsAwaitingMe: (_p, { month }, ctx) => formsAwaiting(ctx, month),
    unitEvaluationStatus: async (_p, { unitId, month }, ctx) => {
      const unit = await ctx.loaders.unit.load(parseId('unitId', unitId));
      if (!unit) throw notFound('unitId', 'unit', unitId);
      await applyChainChanges(ctx);
      // The unit's leaders, its focal point and its administrators see who is missing which step.
      if (!(await ctx.access.administers(unit)) && !(await ctx.access.isFocalPointOf(unit.id))) {
        const caller = await ctx.access.caller();
        const rank = caller ? (await ctx.loaders.position.load(caller.positionId))?.rank : undefined;
        if (!caller || rank === 'STAFF' || !unit.path.includes(`/${caller.unitId}/`)) throw forbidden(`Only the leaders and administrators of "${unit.name}" see its evaluation status`);
      }
      const monthText = parseMonth('month', month).text;
      const members = (await ctx.em.getConnection().execute(
        `select f.*, p.id as member_id,
                exists (select 1 from planning.task t join planning.plan pl on pl.id = t.plan_id and pl.status = 'APPROVED'
                         where t.person_id = p.id and t.month = ?) as has_tasks,
                exists (select 1 from evaluation.exemption e where e.person_id = p.id and e.month = ?) as exempt
           from organization.person p left join evaluation.form f on f.person_id = p.id and f.month = ?
          where p.unit_id = ? and p.active order by p.full_name, p.id`,
        [monthText, monthText, monthText, unit.id],
      )) as Record<string, unknown>[];
      return members.map((row) => ({
        personId: row.member_id as string,
        month: monthText,
        form: row.id ? toForm(row) : null,
        // Never silently stuck: without an approved task the month cannot be scored (DOMAIN §7).
        needsPlanOrExemption: !row.has_tasks && !row.exempt,
      }));
    },
    quotaGroups: (_p, args, ctx) => quotaGroups(ctx, args),
    previewDecision: (_p, { input }, ctx) => previewDecision(ctx, input),
    unitSummary: async (_p, { unitId, month }, ctx) => withSelfAssessmentGrades(ctx, await unitSummary(ctx, unitId, month), month),
    unitAnnouncement: (_p, { unitId, month }, ctx) => unitAnnouncement(ctx, unitId, month),
    reviewRound: async (_p, { unitId, month }, ctx) => readableRound(ctx, await roundOf(ctx, parseId('unitId', unitId), parseMonth('month', month).text)),
    reviewRatings: (_p, { roundId, personId }, ctx) => ratingsFor(ctx, roundId, personId),
  },
  Mutation: {
    publishCriteriaFramework: async (_p, { input }, ctx) =>
      asGraph(await publishFramework(ctx, { ...input, form: input.form as CriteriaFormId, groups: input.groups.map((g) => ({ ...g, sections: g.sections ?? undefined })) })),
    openEvaluationForm: (_p, { month }, ctx) => openForm(ctx, month),
    saveSelfAssessment: (_p, { id, expectedVersion, input }, ctx) => saveSelfAssessment(ctx, id, expectedVersion, input),
    submitSelfAssessment: (_p, { id, expectedVersion }, ctx) => submitSelfAssessment(ctx, id, expectedVersion),
    commentEvaluation: (_p, { id, expectedVersion, input }, ctx) => commentForm(ctx, id, expectedVersion, input.comment, input.reference),
    addHandoverComment: (_p, { formId, expectedVersion, comment }, ctx) => handoverComment(ctx, formId, expectedVersion, comment),
    splitQuotaScope: (_p, { input }, ctx) => splitQuotaScope(ctx, input),
    decideEvaluations: (_p, { input }, ctx) => decide(ctx, input),
    exemptFromEvaluation: (_p, { personId, month, reason, note }, ctx) => exemptFromEvaluation(ctx, personId, month, reason, note),
    withdrawExemption: (_p, { personId, month }, ctx) => withdrawExemption(ctx, personId, month),
    reopenEvaluation: (_p, { id, expectedVersion, to, reason, days }, ctx) => reopenForm(ctx, id, expectedVersion, to, reason, days),
    publishUnitMonth: (_p, { unitId, month }, ctx) => publishUnitMonth(ctx, unitId, month),
    appealEvaluation: (_p, { formId, kind, text }, ctx) => fileAppeal(ctx, formId, kind, text),
    answerAppeal: (_p, { appealId, status, outcome }, ctx) => answerAppeal(ctx, appealId, status, outcome),
    openReviewRound: (_p, { unitId, month }, ctx) => openRound(ctx, unitId, month),
    rateInReview: (_p, { roundId, personId, score, comment }, ctx) => rate(ctx, roundId, personId, score, comment),
    closeReviewRound: (_p, { roundId }, ctx) => closeRound(ctx, roundId),
    attachPartyCellComment: (_p, { formId, expectedVersion, comment }, ctx) => attachPartyCellComment(ctx, formId, expectedVersion, comment),
    orderRescore: (_p, { formId, reason, days }, ctx) => orderRescore(ctx, formId, reason, days),
  },
  UnitAnnouncement: {
    publishedAt: (a) => a.publishedAt.toISOString(),
  },
  AnnouncementRow: {
    person: (row) => ({ id: row.personId }),
  },
  ReviewRound: {
    closesAt: (round) => round.closesAt.toISOString().replace('.000Z', 'Z'),
    closedAt: (round) => round.closedAt?.toISOString() ?? null,
    members: async (round, _a, ctx) => (await membersOf(ctx, round)).map((m) => ({ ...m, person: { id: m.personId } })),
    progress: (round, _a, ctx) => progressOf(ctx, round),
    myAssignments: (round, _a, ctx) => assignmentsOf(ctx, round),
    minutes: (round, _a, ctx) => minutesOf(ctx, round),
  },
  ReviewAssignment: {
    ratee: (a) => ({ id: a.rateeId }),
    ratedAt: (a) => a.ratedAt?.toISOString() ?? null,
  },
  ReviewRating: {
    rater: (a) => ({ id: a.raterId }),
    ratedAt: (a) => a.ratedAt?.toISOString() ?? null,
  },
  ReviewMinutesEntry: {
    person: (e) => ({ id: e.personId }),
  },
  CriteriaFrameworkVersion: {
    publishedAt: (row) => row.publishedAt.toISOString(),
  },
  Appeal: {
    filedAt: (appeal) => appeal.filedAt.toISOString(),
  },
  SummaryRow: {
    person: (row) => ({ id: row.personId }),
    section: (row) => row.section,
    selfGrade: (row) => row.selfGrade as never,
    finalGrade: (row) => row.finalGrade as never,
  },
  DecisionProposal: {
    group: async (proposal, _a, ctx) => {
      const caller = await ctx.access.caller();
      const scope = (await scopesOfDecider(ctx.em, caller!.id, proposal.month)).find((s) => s.key === proposal.scopeKey)!;
      await withCurrentScores(ctx, scope, proposal.policy);
      return scopeView(scope, proposal.policy).groupViews.find((g) => g.id === proposal.groupId)!;
    },
    needsChoice: (proposal) => proposal.needsChoice.map((id) => ({ id })),
  },
  Exemption: {
    person: (e) => ({ id: e.personId }),
    text: (e) => exemptionText(e),
    decidedAt: (e) => e.decidedAt.toISOString(),
  },
  QuotaScope: {
    decider: (scope) => (scope.deciderId ? { id: scope.deciderId } : null),
    groups: (scope) => scope.groupViews,
  },
  QuotaGroup: {
    default: (group) => group.isDefault,
  },
  QuotaGroupMember: {
    person: (member) => ({ id: member.personId }),
    state: (member) => member.state as FormState,
    countedGrade: (member) => member.counted,
  },
  DecisionMember: {
    person: (member) => ({ id: member.personId }),
  },
  EvaluationForm: {
    person: (form) => ({ id: form.personId }),
    unit: (form) => ({ id: form.unitId }),
    form: (form) => form.criteriaForm,
    scores: (form) => Object.entries(form.scores).map(([code, value]) => ({ code, score: value })),
    finalScores: (form) => (form.finalScores ? Object.entries(form.finalScores).map(([code, value]) => ({ code, score: value })) : null),
    general: async (form, _a, ctx) => (await score(ctx, form))?.general ?? null,
    taskPoints: async (form, _a, ctx) => (await score(ctx, form))?.taskPoints ?? null,
    score: async (form, _a, ctx) => (await score(ctx, form))?.score ?? null,
    band: async (form, _a, ctx) => (await score(ctx, form))?.band ?? null,
    statedDiffersFromBand: async (form, _a, ctx) => (await score(ctx, form))?.statedDiffersFromBand ?? false,
    selfGrade: (form, _a, ctx) => selfAssessmentGradeOf(ctx, form, async () => (await score(ctx, form))?.band ?? null),
    commenter: (form) => (form.commenterId ? { id: form.commenterId } : null),
    decider: (form) => (form.deciderId ? { id: form.deciderId } : null),
    commenterAuthority: (form) => (form.commenterAuthorityId ? { id: form.commenterAuthorityId } : null),
    deciderAuthority: (form) => (form.deciderAuthorityId ? { id: form.deciderAuthorityId } : null),
    commenterActingFor: (form) => (form.commenterActingForId ? { id: form.commenterActingForId } : null),
    deciderActingFor: (form) => (form.deciderActingForId ? { id: form.deciderActingForId } : null),
    commentReference: (form) => referenceOf(form.commentReference),
    decisionReference: (form) => referenceOf(form.decisionReference),
    handover: (form) =>
      form.handoverUnitId
        ? { fromUnit: { id: form.handoverUnitId }, comment: form.handoverComment, commentedBy: form.handoverById ? { id: form.handoverById } : null, commentedAt: form.handoverAt?.toISOString() ?? null }
        : null,
    submittedAt: (form) => form.submittedAt?.toISOString() ?? null,
    commentedAt: (form) => form.commentedAt?.toISOString() ?? null,
    decidedAt: (form) => form.decidedAt?.toISOString() ?? null,
    publishedAt: (form) => form.publishedAt?.toISOString() ?? null,
    appeals: (form, _a, ctx) => appealsOf(ctx, form.id),
    exemption: (form, _a, ctx) => exemptionOf(ctx, form.personId, form.month),
    answersAppeal: async (form, _a, ctx) => (form.answersAppealId ? (await appealsOf(ctx, form.id)).find((a) => a.id === form.answersAppealId) ?? null : null),
    deadline: (form, _a, ctx) => currentDeadline(ctx, form),
  },
  EvaluationStatusRow: {
    person: (row) => ({ id: row.personId }),
    exemption: (row, _a, ctx) => exemptionOf(ctx, row.personId, row.month),
    state: (row) => row.form?.state ?? null,
  },
  Person: {
    __resolveReference: (ref) => ({ id: parseId('id', ref.id) }),
    evaluationForm: async (person, { month }, ctx) => {
      if (!/^\d{4}-\d{2}$/.test(month)) throw badInput('month', 'is not YYYY-MM');
      await applyChainChanges(ctx);
      return readable(ctx, await formOf(ctx, person.id, parseMonth('month', month).text));
    },
  },
};
