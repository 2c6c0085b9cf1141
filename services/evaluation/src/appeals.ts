import { badInput, forbidden, notFound } from '@cbccvc/platform';
import { parseId, requireText, resolveChain } from '@cbccvc/organization';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { audit, hasCommenter, loadForm, rows, run, toForm, type Context, type Form } from './forms';
import { CLEAR_DECISION } from './workflow';

export type AppealKind = 'OPINION' | 'APPEAL';
export type AppealStatus = 'OPEN' | 'DISMISSED' | 'UPHELD' | 'CHANGED';

export interface Appeal {
  id: string;
  formId: string;
  kind: AppealKind;
  text: string;
  status: AppealStatus;
  outcome: string | null;
  filedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  version: number;
}

const toAppeal = (r: Record<string, unknown>): Appeal => ({
  id: r.id as string,
  formId: r.form_id as string,
  kind: r.kind as AppealKind,
  text: r.text as string,
  status: r.status as AppealStatus,
  outcome: (r.outcome as string | null) ?? null,
  filedAt: new Date(r.filed_at as string),
  decidedBy: (r.decided_by as string | null) ?? null,
  decidedAt: r.decided_at ? new Date(r.decided_at as string) : null,
  version: Number(r.version),
});

export async function appealsOf(ctx: Context, formId: string): Promise<Appeal[]> {
  return (await rows(ctx.em, 'select * from evaluation.appeal where form_id = ? order by filed_at, id', [formId])).map(toAppeal);
}

/** A person keeps their opinion on, or appeals, their published result (DOMAIN.md §9). */
export async function fileAppeal(ctx: Context, formId: string, kind: AppealKind, textInput: string): Promise<Appeal> {
  const form = await loadForm(ctx, 'formId', formId);
  if ((await ctx.access.caller())?.id !== form.personId) throw forbidden('Only the person evaluated appeals their result');
  if (form.state !== 'PUBLISHED') throw badInput('formId', 'only a published result can be appealed');
  const text = requireText('text', textInput, 4000);
  const alreadyOpen = () => badInput('formId', `Đồng chí đã có một kiến nghị đang chờ trả lời về kết quả tháng ${form.month}: chỉ một kiến nghị mỗi tháng được mở cùng lúc`);
  if (kind === 'APPEAL' && (await rows(ctx.em, `select 1 from evaluation.appeal where form_id = ? and status = 'OPEN'`, [form.id])).length) throw alreadyOpen();
  return ctx.em.transactional(async (inner) => {
    const em = inner as EntityManager;
    const id = randomUUID();
    try {
      await run(em, `insert into evaluation.appeal (id, form_id, kind, text, status, filed_at) values (?, ?, ?, ?, ?, ?)`, [
        id, form.id, kind, text, kind === 'OPINION' ? 'UPHELD' : 'OPEN', ctx.clock.now(),
      ]);
    } catch (error) {
      // Two appeals filed at once: the database keeps one open (appeal_one_open_idx).
      if (error instanceof UniqueConstraintViolationException) throw alreadyOpen();
      throw error;
    }
    const [row] = await rows(em, 'select * from evaluation.appeal where id = ?', [id]);
    await audit(ctx, em, `appeal.file`, form.id, null, row);
    return toAppeal(row!);
  });
}

/**
 * The next level — the authority deciding the decider's own evaluation that month, or a city
 * administrator — answers an appeal. CHANGED sends the form back to its decider, who decides again;
 * until then the original decision stands.
 */
export async function answerAppeal(ctx: Context, appealId: string, status: 'DISMISSED' | 'CHANGED', outcomeText: string): Promise<Appeal> {
  const [row] = await rows(ctx.em, 'select * from evaluation.appeal where id = ?', [parseId('appealId', appealId)]);
  if (!row) throw notFound('appealId', 'appeal', appealId);
  const appeal = toAppeal(row);
  const form = await loadForm(ctx, 'appealId', appeal.formId);
  await requireNextLevel(ctx, form);
  if (appeal.status !== 'OPEN') throw badInput('appealId', `the appeal is already ${appeal.status.toLowerCase()}`);
  const outcome = requireText('outcome', outcomeText, 4000);
  return ctx.em.transactional(async (inner) => {
    const em = inner as EntityManager;
    const now = ctx.clock.now();
    const changed = await run(em, `update evaluation.appeal set status = ?, outcome = ?, decided_by = ?, decided_at = ?, version = version + 1 where id = ? and status = 'OPEN'`, [
      status, outcome, ctx.principal.username, now, appeal.id,
    ]);
    if (changed !== 1) throw badInput('appealId', 'the appeal was answered meanwhile');
    if (status === 'CHANGED') {
      const back = hasCommenter(form) ? 'COMMENTED' : 'SELF_SUBMITTED';
      await run(
        em,
        `update evaluation.form set state = ?, ${CLEAR_DECISION}, published_at = null,
            reopened_until = ?, reopen_reason = ?, version = version + 1 where id = ?`,
        [back, new Date(now.getTime() + 7 * 86_400_000), `Appeal upheld: ${outcome}`, form.id],
      );
    }
    const [updated] = await rows(em, 'select * from evaluation.appeal where id = ?', [appeal.id]);
    await audit(ctx, em, `appeal.${status.toLowerCase()}`, form.id, appeal, updated);
    return toAppeal(updated!);
  });
}

async function requireNextLevel(ctx: Context, form: Form): Promise<void> {
  if (ctx.access.isCityAdmin) return;
  const caller = await ctx.access.caller();
  if (caller && form.deciderId) {
    const decider = await ctx.loaders.person.load(form.deciderId);
    const [year, month] = form.month.split('-').map(Number) as [number, number];
    const above = decider ? await resolveChain(ctx, decider, { year, month, text: form.month }).catch(() => null) : null;
    if (above && above.deciderId === caller.id) return;
  }
  throw forbidden("Only the next level above the decider (or a city administrator) answers an appeal");
}

/** A party member attaches the comment of their residence Party cell to their own form. */
export async function attachPartyCellComment(ctx: Context, formId: string, expectedVersion: number, comment: string): Promise<Form> {
  const form = await loadForm(ctx, 'formId', formId);
  if ((await ctx.access.caller())?.id !== form.personId) throw forbidden('Only the person attaches their Party cell comment');
  const person = await ctx.loaders.person.load(form.personId);
  if (!person?.partyMember) throw badInput('formId', 'only Party members attach a Party cell comment');
  const text = requireText('comment', comment, 4000);
  return ctx.em.transactional(async (inner) => {
    const em = inner as EntityManager;
    const changed = await run(em, 'update evaluation.form set party_cell_comment = ?, version = version + 1 where id = ? and version = ?', [text, form.id, expectedVersion]);
    if (changed !== 1) throw badInput('expectedVersion', 'the form was changed meanwhile: reload it');
    const [row] = await rows(em, 'select * from evaluation.form where id = ?', [form.id]);
    await audit(ctx, em, 'form.partyCellComment', form.id, null, { comment: text });
    return toForm(row!);
  });
}
