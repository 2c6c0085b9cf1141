import { GRADES, decidedByText, gradeLabels, nextState, type FormState, type Grade } from '@cbccvc/rules';
import { badInput, forbidden, notFound } from '@cbccvc/platform';
import { parseId, parseMonth, requireText } from '@cbccvc/organization';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit, hasCommenter, loadForm, policyOfForm, requireMonthBegun, rows, run, toForm, update, viaRules, type Context, type Form } from './forms';
import { exemptionText, type ExemptionReason } from './exemptions';

/**
 * Reopening by the responsible authority (the decider; a city administrator for an external
 * authority), with a reason and for a few days: the form goes back to an earlier state and the
 * deadline of that step is lifted until then (DOMAIN.md §7, audited).
 */
export async function reopenForm(ctx: Context, id: string, expectedVersion: number, to: FormState, reasonText: string, days: number): Promise<Form> {
  const form = await loadForm(ctx, 'id', id);
  const caller = await ctx.access.caller();
  const authority = (caller && caller.id === form.deciderId) || (form.deciderId === null && ctx.access.isCityAdmin);
  if (!authority) throw forbidden('Only the authority deciding this evaluation may reopen it');
  const reason = requireText('reason', reasonText, 1000);
  if (!Number.isInteger(days) || days < 1 || days > 30) throw badInput('days', 'must be a whole number of days from 1 to 30');
  const policy = await policyOfForm(ctx, form);
  // Reopening to the state the form is in only lifts the deadline of its step (a late self-assessment).
  const state = to === form.state ? to : viaRules('to', () => nextState(form.state, 'reopen', { policy, hasCommenter: hasCommenter(form), reopenTo: to }));
  const until = new Date(ctx.clock.now().getTime() + days * 86_400_000);
  // Going back before the decision clears it: a reopened decision is decided again.
  const clearsDecision = state !== 'PUBLISHED' && state !== 'DECIDED';
  return update(
    ctx,
    form,
    expectedVersion,
    'form.reopen',
    // The decision replaced keeps counting against the quota caps until the new one is taken.
    `state = ?, reopened_until = ?, reopen_reason = ?, published_at = null${clearsDecision ? `, ${CLEAR_DECISION}` : ''}`,
    [state, until, reason],
  );
}

/** Clears a form's decision, keeping it as the prior one (which counts against the caps until decided again). */
export const CLEAR_DECISION =
  'prior_final_score = coalesce(final_score, prior_final_score), prior_final_grade = coalesce(final_grade, prior_final_grade), ' +
  'final_score = null, final_grade = null, decided_at = null, kpi = null, kpi_detail = null, quota_explanation = null, self_grade = null';

/** Administrators of the unit's block in its ward (the block aggregator), or a city administrator. */
async function requireAggregator(ctx: Context, unitId: string) {
  const unit = await ctx.loaders.unit.load(parseId('unitId', unitId));
  if (!unit) throw notFound('unitId', 'unit', unitId);
  if (!(await ctx.access.administers(unit))) throw forbidden(`Only the block administrator of "${unit.name}" publishes and aggregates its results`);
  return unit;
}

/** The block aggregator publishes a unit's month once every member has been decided (form 02A). */
export async function publishUnitMonth(ctx: Context, unitId: string, monthText: string): Promise<Form[]> {
  const unit = await requireAggregator(ctx, unitId);
  const month = parseMonth('month', monthText);
  requireMonthBegun(ctx, 'month', month.text, await policyOfForm(ctx, { unitId: unit.id }));
  const members = await rows(
    ctx.em,
    `select p.full_name, f.*, e.reason as exemption from organization.person p left join evaluation.form f on f.person_id = p.id and f.month = ?
       left join evaluation.exemption e on e.person_id = p.id and e.month = ?
      where p.unit_id = ? and p.active order by p.full_name`,
    [month.text, month.text, unit.id],
  );
  // An exempt member (không đánh giá tháng) does not hold the unit's publication back.
  const undecided = members.filter((m) => m.state !== 'DECIDED' && m.state !== 'PUBLISHED' && !m.exemption).map((m) => m.full_name as string);
  if (undecided.length) {
    throw badInput('unitId', `${undecided.length} member(s) of "${unit.name}" are not decided yet: ${undecided.slice(0, 5).join(', ')}${undecided.length > 5 ? ', …' : ''}`);
  }
  return ctx.em.transactional(async (inner) => {
    const em = inner as EntityManager;
    const now = ctx.clock.now();
    await run(em, `update evaluation.form set state = 'PUBLISHED', published_at = ?, version = version + 1 where unit_id = ? and month = ? and state = 'DECIDED'`, [now, unit.id, month.text]);
    await audit(ctx, em, 'unit.publish', unit.id, null, { month: month.text });
    return (await rows(em, `select * from evaluation.form where unit_id = ? and month = ? order by person_id`, [unit.id, month.text])).map(toForm);
  });
}

export interface SummaryRow {
  section: 'LEADERS' | 'STAFF' | 'CONTRACT';
  number: number;
  personId: string;
  fullName: string;
  positionName: string;
  taskPoints: number | null;
  selfGrade: string | null;
  finalGrade: string | null;
  /** Not evaluated this month: the reason (DOMAIN §7), in Vietnamese. */
  exemption: string | null;
  /**
   * Who decided when the decider acted for someone (quyền, DOMAIN §3), in Vietnamese: 'Lê Văn B
   * quyết định thay (quyền) Nguyễn Văn A'; null when the default decider decided, or before the decision.
   */
  decidedBy: string | null;
}

export interface UnitSummary {
  rows: SummaryRow[];
  rewardProposals: SummaryRow[];
  published: boolean;
}

const sectionOf = (rank: string, staffKind: string): SummaryRow['section'] =>
  rank !== 'STAFF' ? 'LEADERS' : staffKind.startsWith('CONTRACT_') ? 'CONTRACT' : 'STAFF';

/**
 * The unit summary list (danh sách tổng hợp, form 01A/1A): I leaders (head, deputies), II civil
 * servants and public employees, III contract workers, IV reward proposals (graded A). The head's
 * final grade is left blank: it is decided one level up. For the block aggregator and the unit's leaders.
 */
export async function unitSummary(ctx: Context, unitId: string, monthText: string): Promise<UnitSummary> {
  const unit = await ctx.loaders.unit.load(parseId('unitId', unitId));
  if (!unit) throw notFound('unitId', 'unit', unitId);
  if (!(await ctx.access.administers(unit))) {
    const caller = await ctx.access.caller();
    const rank = caller ? (await ctx.loaders.position.load(caller.positionId))?.rank : undefined;
    if (!caller || rank === 'STAFF' || caller.unitId !== unit.id) throw forbidden(`Only the leaders and the block administrator of "${unit.name}" see its summary list`);
  }
  const month = parseMonth('month', monthText);
  const members = await rows(
    ctx.em,
    `select p.id, p.full_name, p.staff_kind, po.rank, po.name as position_name, po.sort_order, f.state, f.stated_grade, f.final_grade, f.kpi,
            e.reason as exemption_reason, e.note as exemption_note, decider.full_name as decider_name, acted_for.full_name as acting_for_name
       from organization.person p join organization.position po on po.id = p.position_id
       left join evaluation.form f on f.person_id = p.id and f.month = ?
       left join evaluation.exemption e on e.person_id = p.id and e.month = ?
       left join organization.person decider on decider.id = f.decider_id
       left join organization.person acted_for on acted_for.id = f.decider_acting_for
      where p.unit_id = ? and p.active
      order by po.sort_order, p.full_name, p.id`,
    [month.text, month.text, unit.id],
  );
  const order: SummaryRow['section'][] = ['LEADERS', 'STAFF', 'CONTRACT'];
  const counters = { LEADERS: 0, STAFF: 0, CONTRACT: 0 };
  const summary = members
    .map((m) => ({ m, section: sectionOf(m.rank as string, m.staff_kind as string) }))
    .sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section))
    .map(({ m, section }) => ({
      section,
      number: (counters[section] += 1),
      personId: m.id as string,
      fullName: m.full_name as string,
      positionName: m.position_name as string,
      taskPoints: m.kpi == null ? null : Math.round(Number(m.kpi) * 70 * 100) / 100,
      selfGrade: (m.stated_grade as string | null) ?? null,
      finalGrade: m.rank === 'HEAD' || m.exemption_reason ? null : ((m.final_grade as string | null) ?? null),
      exemption: m.exemption_reason ? exemptionText({ reason: m.exemption_reason as ExemptionReason, note: (m.exemption_note as string | null) ?? null }) : null,
      // A decision taken by someone acting for the default decider says so (a form's acting-for
      // stays as it was when decided: the chain in force never rewrites a step taken).
      decidedBy:
        (m.state === 'DECIDED' || m.state === 'PUBLISHED') && m.decider_name && m.acting_for_name
          ? decidedByText(m.decider_name as string, m.acting_for_name as string)
          : null,
    }));
  return {
    rows: summary,
    rewardProposals: summary.filter((row) => row.finalGrade === 'A'),
    published: members.some((m) => m.state === 'PUBLISHED') && members.every((m) => m.state === 'PUBLISHED' || m.exemption_reason),
  };
}

export interface AnnouncementRow {
  number: number;
  personId: string;
  fullName: string;
  positionName: string;
  finalScore: number | null;
  finalGrade: Grade | null;
  gradeLabel: string | null;
  /** Why the quota graded an A-band score B (DOMAIN §6: the person sees why). */
  quotaExplanation: string | null;
}

export interface UnitAnnouncement {
  unitId: string;
  unitName: string;
  month: string;
  title: string;
  publishedAt: Date;
  rows: AnnouncementRow[];
  totals: { grade: Grade; label: string; count: number }[];
  rewardProposals: AnnouncementRow[];
}

/**
 * The announcement of a unit's month (thông báo công khai, form 02A/2A) once the block aggregator
 * has published it: everyone's final grade with its official name, the count per grade and the
 * people proposed for reward. Null before publication. Published to the unit: its members and
 * those of its sub-units, the leaders above it, and its administrators read it.
 */
export async function unitAnnouncement(ctx: Context, unitId: string, monthText: string): Promise<UnitAnnouncement | null> {
  const unit = await ctx.loaders.unit.load(parseId('unitId', unitId));
  if (!unit) throw notFound('unitId', 'unit', unitId);
  if (!(await ctx.access.administers(unit))) {
    const caller = await ctx.access.caller();
    const callerUnit = caller ? await ctx.loaders.unit.load(caller.unitId) : null;
    const rank = caller ? (await ctx.loaders.position.load(caller.positionId))?.rank : undefined;
    const inUnit = callerUnit?.path.includes(`/${unit.id}/`) ?? false;
    const leaderAbove = rank !== undefined && rank !== 'STAFF' && callerUnit !== null && unit.path.includes(`/${callerUnit.id}/`);
    if (!inUnit && !leaderAbove) throw forbidden(`The announcement of "${unit.name}" is published to its members, the leaders above it and its administrators`);
  }
  const month = parseMonth('month', monthText);
  const members = await rows(
    ctx.em,
    // The unit's forms of that month: who transferred in or out since keeps the month's membership.
    `select p.id, p.full_name, po.name as position_name, f.state, f.final_score, f.final_grade, f.quota_explanation, f.published_at
       from evaluation.form f join organization.person p on p.id = f.person_id join organization.position po on po.id = p.position_id
      where f.month = ? and f.unit_id = ?
        and not exists (select 1 from evaluation.exemption e where e.person_id = f.person_id and e.month = f.month)
      order by po.sort_order, p.full_name, p.id`,
    [month.text, unit.id],
  );
  if (members.length === 0 || members.some((m) => m.state !== 'PUBLISHED')) return null;
  const announced: AnnouncementRow[] = members.map((m, index) => {
    const grade = (m.final_grade as Grade | null) ?? null;
    return {
      number: index + 1,
      personId: m.id as string,
      fullName: m.full_name as string,
      positionName: m.position_name as string,
      finalScore: m.final_score == null ? null : Number(m.final_score),
      finalGrade: grade,
      gradeLabel: grade ? gradeLabels[grade] : null,
      quotaExplanation: (m.quota_explanation as string | null) ?? null,
    };
  });
  return {
    unitId: unit.id,
    unitName: unit.name,
    month: month.text,
    title: `THÔNG BÁO Kết quả đánh giá, xếp loại cán bộ, công chức, viên chức và người lao động tháng ${month.text.slice(5)}/${month.text.slice(0, 4)}`,
    publishedAt: new Date(Math.max(...members.map((m) => new Date(m.published_at as string).getTime()))),
    rows: announced,
    totals: GRADES.map((grade) => ({ grade, label: gradeLabels[grade], count: announced.filter((r) => r.finalGrade === grade).length })),
    rewardProposals: announced.filter((r) => r.finalGrade === 'A'),
  };
}
