import { appendAudit, badInput, forbidden, notFound } from '@cbccvc/platform';
import { parseId, parseMonth, requireText, resolveChain } from '@cbccvc/organization';
import type { EntityManager } from '@mikro-orm/postgresql';
import { applyChainChanges } from './chain-sync';
import { actsForAuthority, formOf, rows, run, type Context } from './forms';
import { reviewCapsAfterMembershipChange } from './quota-groups';

/**
 * Not evaluated this month (không đánh giá tháng, DOMAIN §7): the person's decider exempts them for a
 * month with a reason from the list (document 004: study, long leave; a transfer evaluated by the
 * old unit). An exempt person is outside the quota scope, does not block the unit's publication, is
 * left out of a leader's unit-results factor, and appears in 01A with the reason. Audited.
 */
export const EXEMPTION_REASONS = ['MATERNITY_LEAVE', 'LONG_SICK_LEAVE', 'FULL_TIME_STUDY', 'TRANSFERRED_IN', 'OTHER'] as const;
export type ExemptionReason = (typeof EXEMPTION_REASONS)[number];

export const exemptionLabels: Readonly<Record<ExemptionReason, string>> = Object.freeze({
  MATERNITY_LEAVE: 'Nghỉ thai sản',
  LONG_SICK_LEAVE: 'Nghỉ ốm dài ngày',
  FULL_TIME_STUDY: 'Đi học tập trung',
  TRANSFERRED_IN: 'Chuyển đến trong tháng, do đơn vị cũ đánh giá',
  OTHER: 'Lý do khác',
});

export interface Exemption {
  personId: string;
  month: string;
  reason: ExemptionReason;
  note: string | null;
  decidedBy: string;
  decidedAt: Date;
}

const toExemption = (r: Record<string, unknown>): Exemption => ({
  personId: r.person_id as string,
  month: r.month as string,
  reason: r.reason as ExemptionReason,
  note: (r.note as string | null) ?? null,
  decidedBy: r.decided_by as string,
  decidedAt: new Date(r.decided_at as string),
});

const audit = (ctx: Context, em: EntityManager, action: string, personId: string, before: unknown, after: unknown) =>
  appendAudit(em, 'evaluation', { at: ctx.clock.now(), actor: ctx.principal.username, action, entityType: 'Exemption', entityId: personId, before, after });

/** The exemption's text for forms and lists: the reason's name, and the note where there is one. */
export const exemptionText = (e: Pick<Exemption, 'reason' | 'note'>): string => (e.note ? `${exemptionLabels[e.reason]}: ${e.note}` : exemptionLabels[e.reason]);

export async function exemptionOf(ctx: Context, personId: string, month: string): Promise<Exemption | null> {
  const [row] = await rows(ctx.em, 'select * from evaluation.exemption where person_id = ? and month = ?', [personId, month]);
  return row ? toExemption(row) : null;
}

/** The person's decider that month (their form's, else their chain's): the only one who exempts them. */
async function requireDecider(ctx: Context, personId: string, month: ReturnType<typeof parseMonth>) {
  const person = await ctx.loaders.person.load(personId);
  if (!person) throw notFound('personId', 'person', personId);
  await applyChainChanges(ctx);
  const form = await formOf(ctx, person.id, month.text);
  const chain = form ? null : await resolveChain(ctx, person, month);
  const deciderId = form ? form.deciderId : chain!.deciderId;
  const authorityId = form ? form.deciderAuthorityId : chain!.deciderAuthorityUnitId;
  const caller = await ctx.access.caller();
  // An external authority's account exempts whom that authority decides.
  const actsFor = deciderId === null && (await actsForAuthority(ctx, authorityId));
  if (!caller || (caller.id !== deciderId && !actsFor) || caller.id === person.id) {
    throw forbidden(`Chỉ người có thẩm quyền quyết định đánh giá của ${person.fullName} trong tháng ${month.text} mới cho không đánh giá tháng`);
  }
  if (form && (form.state === 'DECIDED' || form.state === 'PUBLISHED')) {
    throw badInput('personId', `${person.fullName} đã được quyết định xếp loại tháng ${month.text}: hãy mở lại quyết định trước`);
  }
  return { person, deciderId };
}

export async function exemptFromEvaluation(ctx: Context, personIdText: string, monthText: string, reason: ExemptionReason, noteText?: string | null): Promise<Exemption> {
  const personId = parseId('personId', personIdText);
  const month = parseMonth('month', monthText);
  if (!EXEMPTION_REASONS.includes(reason)) throw badInput('reason', `Lý do phải là một trong: ${EXEMPTION_REASONS.join(', ')}`);
  const note = noteText && noteText.trim() ? requireText('note', noteText, 1000) : null;
  if (reason === 'OTHER' && !note) throw badInput('note', 'Lý do khác cần ghi rõ lý do');
  const { deciderId } = await requireDecider(ctx, personId, month);
  return ctx.em.transactional(async (inner) => {
    const em = inner as EntityManager;
    const [before] = await rows(em, 'select * from evaluation.exemption where person_id = ? and month = ? for update', [personId, month.text]);
    const [row] = await rows(
      em,
      `insert into evaluation.exemption (person_id, month, reason, note, decided_by, decided_at) values (?, ?, ?, ?, ?, ?)
       on conflict (person_id, month) do update set reason = excluded.reason, note = excluded.note, decided_by = excluded.decided_by, decided_at = excluded.decided_at
       returning *`,
      [personId, month.text, reason, note, ctx.principal.username, ctx.clock.now()],
    );
    await audit(ctx, em, 'exemption.grant', personId, before ?? null, row);
    // Leaving the scope changes its size and base: the caps are reviewed.
    await reviewCapsAfterMembershipChange(ctx, em, deciderId, month.text);
    return toExemption(row!);
  });
}

export async function withdrawExemption(ctx: Context, personIdText: string, monthText: string): Promise<boolean> {
  const personId = parseId('personId', personIdText);
  const month = parseMonth('month', monthText);
  const { deciderId } = await requireDecider(ctx, personId, month);
  return ctx.em.transactional(async (inner) => {
    const em = inner as EntityManager;
    const [before] = await rows(em, 'select * from evaluation.exemption where person_id = ? and month = ? for update', [personId, month.text]);
    if (!before) throw badInput('personId', `Người này không có quyết định không đánh giá tháng ${month.text}`);
    await run(em, 'delete from evaluation.exemption where person_id = ? and month = ?', [personId, month.text]);
    await audit(ctx, em, 'exemption.withdraw', personId, before, null);
    // Back in the scope: its size and base change again.
    await reviewCapsAfterMembershipChange(ctx, em, deciderId, month.text);
    return true;
  });
}
