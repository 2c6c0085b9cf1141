import {
  formScore,
  monthStart,
  nextState,
  policies,
  stepDeadline,
  type CriteriaFormId,
  type FormState,
  type Grade,
  type Policy,
} from '@cbccvc/rules';
import { appendAudit, badInput, conflict, deadlinePassed, forbidden, notFound, sqlRows, sqlRun } from '@cbccvc/platform';
import { parseDate, parseId, parseMonth, policyOf, requireText, resolveChain } from '@cbccvc/organization';
import { computeKpi, subjectOf, type PlanningContext } from '@cbccvc/planning';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { frameworkInForce, frameworkVersion } from './frameworks';
import { applyChainChanges } from './chain-sync';
import { reviewCapsAfterMembershipChange } from './quota-groups';

export type Context = PlanningContext;

/** A person's monthly evaluation form, as stored. */
export interface Form {
  id: string;
  personId: string;
  unitId: string;
  month: string;
  criteriaForm: CriteriaFormId;
  frameworkVersion: string;
  state: FormState;
  scores: Record<string, number>;
  deductions: { code: string; points: number; reason: string }[];
  statedGrade: Grade | null;
  commenterId: string | null;
  deciderId: string | null;
  /** A collective commenter / an external deciding authority, recorded by that authority's account. */
  commenterAuthorityId: string | null;
  deciderAuthorityId: string | null;
  /** Whom the commenter / decider acts for this month (quyền, phụ trách thay). */
  commenterActingForId: string | null;
  deciderActingForId: string | null;
  /** The collective comment's / decision's reference (number, date, who recorded it). */
  commentReference: CollectiveReference | null;
  decisionReference: CollectiveReference | null;
  /** A transfer moved the open form: the old unit, and its leader's comment if any. */
  handoverUnitId: string | null;
  handoverComment: string | null;
  handoverById: string | null;
  handoverAt: Date | null;
  comment: string | null;
  submittedAt: Date | null;
  commentedAt: Date | null;
  finalScores: Record<string, number> | null;
  finalScore: number | null;
  /** The 360° score the decision combined with the self score (document 004), where a round ran. */
  score360: number | null;
  finalGrade: Grade | null;
  decisionReason: string | null;
  decidedAt: Date | null;
  publishedAt: Date | null;
  reopenedUntil: Date | null;
  partyCellComment: string | null;
  quotaGroupId: string | null;
  quotaExplanation: string | null;
  scoreChanges: { code: string; from: number | null; to: number; reason: string }[];
  answersAppealId: string | null;
  version: number;
}

/** The reference of an external authority's collective decision or comment. */
export interface CollectiveReference {
  authorityUnitId: string;
  number: string;
  /** YYYY-MM-DD */
  date: string;
  recordedBy: string;
}

type Row = Record<string, unknown>;
export const toForm = (r: Row): Form => ({
  id: r.id as string,
  personId: r.person_id as string,
  unitId: r.unit_id as string,
  month: r.month as string,
  criteriaForm: r.criteria_form as CriteriaFormId,
  frameworkVersion: r.framework_version as string,
  state: r.state as FormState,
  scores: r.scores as Record<string, number>,
  deductions: r.deductions as Form['deductions'],
  statedGrade: (r.stated_grade as Grade | null) ?? null,
  commenterId: (r.commenter_id as string | null) ?? null,
  deciderId: (r.decider_id as string | null) ?? null,
  commenterAuthorityId: (r.commenter_authority_id as string | null) ?? null,
  deciderAuthorityId: (r.decider_authority_id as string | null) ?? null,
  commenterActingForId: (r.commenter_acting_for as string | null) ?? null,
  deciderActingForId: (r.decider_acting_for as string | null) ?? null,
  commentReference: (r.comment_reference as CollectiveReference | null) ?? null,
  decisionReference: (r.decision_reference as CollectiveReference | null) ?? null,
  handoverUnitId: (r.handover_unit_id as string | null) ?? null,
  handoverComment: (r.handover_comment as string | null) ?? null,
  handoverById: (r.handover_by as string | null) ?? null,
  handoverAt: r.handover_at ? new Date(r.handover_at as string) : null,
  comment: (r.comment as string | null) ?? null,
  submittedAt: r.submitted_at ? new Date(r.submitted_at as string) : null,
  commentedAt: r.commented_at ? new Date(r.commented_at as string) : null,
  finalScores: (r.final_scores as Record<string, number> | null) ?? null,
  finalScore: r.final_score == null ? null : Number(r.final_score),
  score360: r.score_360 == null ? null : Number(r.score_360),
  finalGrade: (r.final_grade as Grade | null) ?? null,
  decisionReason: (r.decision_reason as string | null) ?? null,
  decidedAt: r.decided_at ? new Date(r.decided_at as string) : null,
  publishedAt: r.published_at ? new Date(r.published_at as string) : null,
  reopenedUntil: r.reopened_until ? new Date(r.reopened_until as string) : null,
  partyCellComment: (r.party_cell_comment as string | null) ?? null,
  quotaGroupId: (r.quota_group_id as string | null) ?? null,
  quotaExplanation: (r.quota_explanation as string | null) ?? null,
  scoreChanges: (r.score_changes as Form['scoreChanges'] | null) ?? [],
  answersAppealId: (r.answers_appeal_id as string | null) ?? null,
  version: Number(r.version),
});

/** The form has a comment step: a commenter person, or a collective recorded by an external authority's account. */
export const hasCommenter = (form: Pick<Form, 'commenterId' | 'commenterAuthorityId'>): boolean => form.commenterId !== null || form.commenterAuthorityId !== null;

// Local names for the platform's transaction-aware SQL helpers.
export const rows = sqlRows;
export const run = sqlRun;

/** Appends to evaluation's audit log in the caller's transaction. */
export const audit = (ctx: Context, em: EntityManager, action: string, id: string, before: unknown, after: unknown) =>
  appendAudit(em, 'evaluation', { at: ctx.clock.now(), actor: ctx.principal.username, action, entityType: 'EvaluationForm', entityId: id, before, after });

/** Rules report bad input as RangeError naming the field; the API reports it as BAD_USER_INPUT. */
export function viaRules<T>(field: string, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof RangeError) throw badInput(field, error.message);
    throw error;
  }
}

export async function loadForm(ctx: Context, field: string, id: string): Promise<Form> {
  const [row] = await rows(ctx.em, 'select * from evaluation.form where id = ?', [parseId(field, id)]);
  if (!row) throw notFound(field, 'evaluation form', id);
  return toForm(row);
}

export async function formOf(ctx: Context, personId: string, month: string): Promise<Form | null> {
  const [row] = await rows(ctx.em, 'select * from evaluation.form where person_id = ? and month = ?', [personId, month]);
  return row ? toForm(row) : null;
}

/**
 * The policy in force for a form's unit. Jurisdictions and their policies are reference data that
 * change by decision, not by the minute: remembered per unit for a minute per process.
 */
const policies60s = new Map<string, { policy: Policy; at: number }>();
export async function policyOfForm(ctx: Context, form: Pick<Form, 'unitId'>): Promise<Policy> {
  const remembered = policies60s.get(form.unitId);
  if (remembered && Date.now() - remembered.at < 60_000) return remembered.policy;
  const unit = await ctx.loaders.unit.load(form.unitId);
  const policy = unit ? await policyOf(ctx, unit.jurisdictionId) : policies.hanoi2026;
  if (policies60s.size > 20_000) policies60s.clear();
  policies60s.set(form.unitId, { policy, at: Date.now() });
  return policy;
}

/** The server enforces the step's deadline (the month's policy, the injected clock). */
/**
 * DOMAIN §7: a month starts when it starts — nothing of it is self-assessed, commented, decided or
 * published before 00:00 on its 1st (local time).
 */
export function requireMonthBegun(ctx: Context, field: string, monthText: string, policy: Policy): void {
  const [year, month] = monthText.split('-').map(Number) as [number, number];
  const start = monthStart(year, month, policy);
  if (ctx.clock.now().getTime() < Date.parse(start)) {
    throw badInput(field, `Tháng ${monthText.slice(5)}/${monthText.slice(0, 4)} chưa bắt đầu: các bước đánh giá của tháng chỉ làm được từ 00:00 ngày 01/${monthText.slice(5)}/${monthText.slice(0, 4)}`);
  }
}

async function requireInTime(ctx: Context, form: Form, action: 'submit' | 'comment'): Promise<void> {
  const [year, month] = form.month.split('-').map(Number) as [number, number];
  const policy = await policyOfForm(ctx, form);
  requireMonthBegun(ctx, 'id', form.month, policy);
  const { deadline, late } = viaRules('id', () =>
    stepDeadline(year, month, action, ctx.clock.now().toISOString(), { policy, reopenedUntil: form.reopenedUntil?.toISOString() ?? null }),
  );
  if (late) throw deadlinePassed(`The ${action === 'submit' ? 'self-assessment' : 'comment'} of ${form.month} was due before ${deadline}: the authority may reopen it`, deadline);
}

/** Opens the caller's own form with the framework of their position and their evaluation chain. */
export async function openForm(ctx: Context, monthText: string): Promise<Form> {
  const month = parseMonth('month', monthText);
  const caller = await ctx.access.caller();
  if (!caller) throw forbidden('Only a person with a record in the organization has an evaluation form');
  const existing = await formOf(ctx, caller.id, month.text);
  if (existing) return existing;
  const position = await ctx.loaders.position.load(caller.positionId);
  const framework = await frameworkInForce(ctx.em, position!.criteriaForm as CriteriaFormId, month.text);
  const chain = await resolveChain(ctx, caller, month);
  const id = randomUUID();
  try {
    await ctx.em.transactional(async (inner) => {
      const em = inner as EntityManager;
      await run(
        em,
        `insert into evaluation.form (id, person_id, unit_id, month, criteria_form, framework_version, state, commenter_id, decider_id,
                commenter_authority_id, decider_authority_id, commenter_acting_for, decider_acting_for)
         values (?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?)`,
        [id, caller.id, chain.unitId, month.text, framework.form, framework.version, chain.commenterId, chain.deciderId,
          chain.commenterAuthorityUnitId, chain.deciderAuthorityUnitId, chain.commenterActingForId, chain.deciderActingForId],
      );
      await audit(ctx, em, 'form.open', id, null, { personId: caller.id, month: month.text });
      // A new member of a scope already decided may lower its caps below the A granted.
      await reviewCapsAfterMembershipChange(ctx, em, chain.deciderId, month.text);
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) return (await formOf(ctx, caller.id, month.text))!;
    throw error;
  }
  return (await formOf(ctx, caller.id, month.text))!;
}

export interface SelfAssessmentArgs {
  scores: { code: string; score: number }[];
  deductions?: { code: string; points: number; reason: string }[] | null;
  statedGrade?: Grade | null;
}

export async function saveSelfAssessment(ctx: Context, id: string, expectedVersion: number, input: SelfAssessmentArgs): Promise<Form> {
  const form = await loadForm(ctx, 'id', id);
  if ((await ctx.access.caller())?.id !== form.personId) throw forbidden('Only the person evaluates themself');
  if (form.state !== 'DRAFT') throw badInput('id', `a ${form.state.toLowerCase()} form can no longer be edited`);
  await requireInTime(ctx, form, 'submit');
  const scores: Record<string, number> = {};
  for (const [index, { code, score }] of input.scores.entries()) {
    if (code in scores) throw badInput(`input.scores[${index}].code`, `criterion ${code} is scored twice`);
    scores[code] = score;
  }
  const deductions = (input.deductions ?? []).map((d, index) => ({
    code: d.code,
    points: d.points,
    reason: requireText(`input.deductions[${index}].reason`, d.reason, 1000),
  }));
  const framework = await frameworkVersion(ctx.em, form.criteriaForm, form.frameworkVersion);
  // Every criterion scored within its range and step; deductions never above the criterion's maximum.
  viaRules('input.scores', () =>
    formScore({ framework, scores, deductions: Object.fromEntries(deductions.map((d) => [d.code, d.points])), kpi: null, statedGrade: input.statedGrade ?? null }),
  );
  return update(ctx, form, expectedVersion, 'form.save', `scores = ?::jsonb, deductions = ?::jsonb, stated_grade = ?`, [
    JSON.stringify(scores), JSON.stringify(deductions), input.statedGrade ?? null,
  ]);
}

export async function submitSelfAssessment(ctx: Context, id: string, expectedVersion: number): Promise<Form> {
  const form = await loadForm(ctx, 'id', id);
  if ((await ctx.access.caller())?.id !== form.personId) throw forbidden('Only the person submits their self-assessment');
  await requireInTime(ctx, form, 'submit');
  if (Object.keys(form.scores).length === 0) throw badInput('id', 'score every criterion before submitting');
  const policy = await policyOfForm(ctx, form);
  const state = viaRules('id', () => nextState(form.state, 'submit', { policy, hasCommenter: hasCommenter(form) }));
  return update(ctx, form, expectedVersion, 'form.submit', `state = ?, submitted_at = ?`, [state, ctx.clock.now()]);
}

export interface CollectiveReferenceInput {
  number: string;
  date: string;
}

/** An external authority's collective decision or comment is recorded with its number and date. */
export function collectiveReference(ctx: Context, field: string, authorityUnitId: string, input: CollectiveReferenceInput | null | undefined): CollectiveReference {
  if (!input) throw badInput(field, 'Cần ghi số và ngày văn bản của tập thể cấp có thẩm quyền (kết luận, quyết định)');
  const number = requireText(`${field}.number`, input.number, 100);
  const date = parseDate(`${field}.date`, input.date);
  // Hanoi's date: a decision taken this morning local time is not "in the future".
  if (date > new Date(ctx.clock.now().getTime() + 7 * 3_600_000).toISOString().slice(0, 10)) throw badInput(`${field}.date`, 'Ngày văn bản không được ở tương lai');
  return { authorityUnitId, number, date, recordedBy: ctx.principal.username };
}

/** Is the caller an account that records the decisions of this external authority? */
export async function actsForAuthority(ctx: Context, authorityUnitId: string | null): Promise<boolean> {
  const caller = await ctx.access.caller();
  if (!caller || !authorityUnitId) return false;
  const [row] = await rows(ctx.em, `select 1 from organization.authority_delegate where authority_unit_id = ? and person_id = ?`, [authorityUnitId, caller.id]);
  return row !== undefined;
}

export async function commentForm(ctx: Context, id: string, expectedVersion: number, text: string, reference?: CollectiveReferenceInput | null): Promise<Form> {
  await applyChainChanges(ctx);
  const form = await loadForm(ctx, 'id', id);
  const caller = await ctx.access.caller();
  const collective = form.commenterAuthorityId !== null && (await actsForAuthority(ctx, form.commenterAuthorityId));
  if (!caller || (caller.id !== form.commenterId && !collective)) {
    const who = form.commenterId ? (await ctx.loaders.person.load(form.commenterId))?.fullName : form.commenterAuthorityId ? (await ctx.loaders.unit.load(form.commenterAuthorityId))?.name : null;
    throw forbidden(who ? `Chỉ ${who} cho ý kiến nhận xét hồ sơ này` : 'Hồ sơ này không có bước nhận xét');
  }
  if (caller.id === form.personId) throw forbidden('Không ai tự nhận xét hồ sơ của chính mình');
  await requireInTime(ctx, form, 'comment');
  const comment = requireText('input.comment', text, 4000);
  const ref = collective ? collectiveReference(ctx, 'input.reference', form.commenterAuthorityId!, reference) : null;
  const policy = await policyOfForm(ctx, form);
  const state = viaRules('id', () => nextState(form.state, 'comment', { policy, hasCommenter: true }));
  return update(ctx, form, expectedVersion, 'form.comment', `state = ?, comment = ?, commented_at = ?, comment_reference = ?::jsonb`, [state, comment, ctx.clock.now(), ref ? JSON.stringify(ref) : null]);
}

/**
 * A transferred person's open form went to the new unit (DOMAIN §7); the leader of the old unit may
 * add a comment on the part of the month spent there, until the decision.
 */
export async function handoverComment(ctx: Context, id: string, expectedVersion: number, text: string): Promise<Form> {
  const form = await loadForm(ctx, 'formId', id);
  const caller = await ctx.access.caller();
  if (!form.handoverUnitId) throw badInput('formId', 'Hồ sơ này không chuyển từ đơn vị khác trong tháng');
  const [leader] = caller
    ? await rows(ctx.em, `select 1 from organization.person p join organization.position po on po.id = p.position_id where p.id = ? and p.unit_id = ? and po.rank <> 'STAFF'`, [caller.id, form.handoverUnitId])
    : [];
  if (!caller || !leader || caller.id === form.personId) {
    const unit = await ctx.loaders.unit.load(form.handoverUnitId);
    throw forbidden(`Chỉ lãnh đạo ${unit?.name ?? 'đơn vị cũ'} nhận xét phần thời gian người này công tác tại đơn vị cũ`);
  }
  if (form.state === 'DECIDED' || form.state === 'PUBLISHED') throw badInput('formId', 'Hồ sơ đã được quyết định xếp loại: không bổ sung nhận xét được');
  const comment = requireText('comment', text, 4000);
  return update(ctx, form, expectedVersion, 'form.handoverComment', `handover_comment = ?, handover_by = ?, handover_at = ?`, [comment, caller.id, ctx.clock.now()]);
}

/** What awaits the caller this month: comments to give and decisions to take, their own and their authorities'. */
export async function formsAwaiting(ctx: Context, monthText: string): Promise<Form[]> {
  const month = parseMonth('month', monthText);
  await applyChainChanges(ctx);
  const caller = await ctx.access.caller();
  if (!caller) return [];
  return (await rows(
    ctx.em,
    `select f.* from evaluation.form f
      where f.month = ? and f.person_id <> ?
        and not exists (select 1 from evaluation.exemption e where e.person_id = f.person_id and e.month = f.month)
        and ((f.state = 'SELF_SUBMITTED' and (f.commenter_id = ? or f.commenter_authority_id in (select authority_unit_id from organization.authority_delegate where person_id = ?)))
          or (f.state in ('SELF_SUBMITTED', 'COMMENTED') and (f.commenter_id is null and f.commenter_authority_id is null or f.state = 'COMMENTED')
              and (f.decider_id = ? or (f.decider_id is null and f.decider_authority_id in (select authority_unit_id from organization.authority_delegate where person_id = ?)))))
      order by f.unit_id, f.person_id`,
    [month.text, caller.id, caller.id, caller.id, caller.id, caller.id],
  )).map(toForm);
}

export async function update(ctx: Context, form: Form, expectedVersion: number, action: string, set: string, params: unknown[]): Promise<Form> {
  // One statement — the versioned update and its audit entry — is atomic without a transaction
  // block, and costs one round trip: submissions peak at month end.
  const [row] = await rows(
    ctx.em,
    `with updated as (
       update evaluation.form set ${set}, version = version + 1 where id = ? and version = ? returning *
     ), logged as (
       insert into evaluation.audit_log (at, actor, action, entity_type, entity_id, before, after)
       select ?, ?, ?, 'EvaluationForm', id::text, ?::jsonb, to_jsonb(updated) from updated
     )
     select * from updated`,
    [...params, form.id, expectedVersion, ctx.clock.now(), ctx.principal.username, action, JSON.stringify(form)],
  );
  if (!row) throw conflict('The form was changed meanwhile: reload it and try again');
  return toForm(row);
}

/** Self, commenter, decider, and administrators of the unit read a form; nobody else. */
export async function requireReadForm(ctx: Context, form: Form): Promise<void> {
  const caller = await ctx.access.caller();
  if (caller && [form.personId, form.commenterId, form.deciderId].includes(caller.id)) return;
  const unit = await ctx.loaders.unit.load(form.unitId);
  if (unit && (await ctx.access.administers(unit))) return;
  throw forbidden('Only the person, their commenter and decider, and the administrators of the unit see this form');
}

/** The numbers of a form, computed by packages/rules from its scores and the live KPI. */
export async function scoreOf(ctx: Context, form: Form) {
  const subject = await subjectOf(ctx, 'id', form.personId, form.month);
  const kpi = await computeKpi(ctx, subject);
  const policy = await policyOfForm(ctx, form);
  const framework = await frameworkVersion(ctx.em, form.criteriaForm, form.frameworkVersion);
  if (Object.keys(form.scores).length === 0) return null;
  return formScore(
    { framework, scores: form.scores, deductions: Object.fromEntries(form.deductions.map((d) => [d.code, d.points])), kpi: kpi.kpi, statedGrade: form.statedGrade },
    policy,
  );
}

/** The deadline of the form's current step. */
export async function currentDeadline(ctx: Context, form: Form): Promise<string | null> {
  const action = form.state === 'DRAFT' ? 'submit' : form.state === 'SELF_SUBMITTED' ? (hasCommenter(form) ? 'comment' : 'decide') : form.state === 'COMMENTED' ? 'decide' : form.state === 'DECIDED' ? 'publish' : null;
  if (!action) return null;
  const [year, month] = form.month.split('-').map(Number) as [number, number];
  const policy = await policyOfForm(ctx, form);
  try {
    const { deadline } = stepDeadline(year, month, action, ctx.clock.now().toISOString(), { policy });
    // A reopening by the authority moves the step's deadline to the reopening's end, when later.
    const reopened = form.reopenedUntil && form.reopenedUntil.getTime() > Date.parse(deadline) ? form.reopenedUntil.toISOString().replace('.000Z', 'Z') : null;
    return reopened ?? deadline;
  } catch {
    return null;
  }
}

export { parseMonth };

export interface StatusRow {
  personId: string;
  month: string;
  form: Form | null;
  needsPlanOrExemption: boolean;
}

export interface PersonRef {
  id: string;
}

/** A unit, owned by the organization subgraph. */
export interface UnitRef {
  id: string;
}

/**
 * Opens the month's form of everyone in a jurisdiction who has none yet (the monthly cycle does it
 * when the month opens): each on the framework in force for the month and with their evaluation
 * chain, exactly as `openForm` would. Returns how many it opened; opening twice opens nothing more.
 * `onBatch` is told the progress (the activity heartbeats).
 */
export async function openMonthForms(ctx: Context, jurisdictionId: string, monthText: string, onBatch: (done: number) => void = () => undefined): Promise<number> {
  const month = parseMonth('month', monthText);
  const missing = await rows(
    ctx.em,
    `select p.id from organization.person p join organization.unit u on u.id = p.unit_id
      where p.active and u.jurisdiction_id = ? and u.closed_at is null
        and not exists (select 1 from evaluation.form f where f.person_id = p.id and f.month = ?)
      order by p.id`,
    [jurisdictionId, month.text],
  );
  let opened = 0;
  for (let start = 0; start < missing.length; start += 500) {
    const batch: Record<string, string | null>[] = [];
    for (const row of missing.slice(start, start + 500)) {
      const person = await ctx.loaders.person.load(row.id as string);
      if (!person) continue;
      const position = await ctx.loaders.position.load(person.positionId);
      const framework = await frameworkInForce(ctx.em, position!.criteriaForm as CriteriaFormId, month.text);
      // Someone without an assignment that month (a data error to fix in organization) is left
      // to the unit's administrators: their own `openEvaluationForm` reports why.
      const chain = await resolveChain(ctx, person, month).catch((error: unknown) => {
        ctx.logger.warn({ err: error, personId: person.id, month: month.text }, 'no evaluation chain: form not opened');
        return null;
      });
      if (!chain) continue;
      batch.push({
        id: randomUUID(), personId: person.id, unitId: chain.unitId, criteriaForm: framework.form, frameworkVersion: framework.version,
        commenterId: chain.commenterId, deciderId: chain.deciderId, commenterAuthorityId: chain.commenterAuthorityUnitId,
        deciderAuthorityId: chain.deciderAuthorityUnitId, commenterActingFor: chain.commenterActingForId, deciderActingFor: chain.deciderActingForId,
      });
    }
    opened += await run(
      ctx.em,
      `insert into evaluation.form (id, person_id, unit_id, month, criteria_form, framework_version, state, commenter_id, decider_id,
              commenter_authority_id, decider_authority_id, commenter_acting_for, decider_acting_for)
       select "id", "personId", "unitId", ?, "criteriaForm", "frameworkVersion", 'DRAFT', "commenterId", "deciderId",
              "commenterAuthorityId", "deciderAuthorityId", "commenterActingFor", "deciderActingFor"
         from json_to_recordset(?::json) as x("id" uuid, "personId" uuid, "unitId" uuid, "criteriaForm" text, "frameworkVersion" text, "commenterId" uuid, "deciderId" uuid,
              "commenterAuthorityId" uuid, "deciderAuthorityId" uuid, "commenterActingFor" uuid, "deciderActingFor" uuid)
       on conflict do nothing`,
      [month.text, JSON.stringify(batch)],
    );
    onBatch(start + batch.length);
  }
  return opened;
}
