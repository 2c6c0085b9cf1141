import { badInput, conflict, notFound } from '@cbccvc/platform';
import { parseDate, parseId, requireText } from '@cbccvc/organization';
import type { Context } from './context';
import { loadPlan, loadTask, subjectOfPlan } from './plans';
import { requireAuthority, requireDirectLeader, requireOpenMonth, requireSelf, subjectOf, type Subject } from './permissions';
import { toDelay, toLeaderFactors, toReopening, toReview, toTask, type Delay, type LeaderFactors, type MonthReopening, type QualityReview, type Task } from './records';
import { audit, newId, one, run, transaction, updateVersioned } from './sql';

async function taskSubject(ctx: Context, taskId: string, field: string): Promise<{ task: Task; subject: Subject }> {
  const task = await loadTask(ctx, field, taskId);
  const plan = await loadPlan(ctx, field, task.planId);
  return { task, subject: await subjectOfPlan(ctx, plan, field) };
}

const today = (ctx: Context) => new Date(ctx.clock.now().getTime() + 7 * 3600_000).toISOString().slice(0, 10);

/** The person records their own completion, with evidence, on a day between assignment and today. */
export async function completeTask(
  ctx: Context,
  id: string,
  expectedVersion: number,
  input: { completedOn: string; evidence: string; note?: string | null },
): Promise<Task> {
  const { task, subject } = await taskSubject(ctx, id, 'id');
  await requireSelf(ctx, subject, 'record the completion of their task');
  await requireOpenMonth(ctx, subject);
  if (task.completedOn) throw badInput('id', `the task was already completed on ${task.completedOn}`);
  const completedOn = parseDate('input.completedOn', input.completedOn);
  if (completedOn < task.assignedOn) throw badInput('input.completedOn', `must not be before the task was assigned (${task.assignedOn})`);
  if (completedOn > today(ctx)) throw badInput('input.completedOn', 'must not be in the future');
  const evidence = requireText('input.evidence', input.evidence, 1000);
  const note = input.note ? requireText('input.note', input.note, 2000) : null;
  return transaction(ctx.em, async (em) => {
    await updateVersioned(
      em,
      'update planning.task set completed_on = ?, evidence = ?, evidence_note = ?, version = version + 1 where id = ? and version = ?',
      [completedOn, evidence, note, task.id, expectedVersion],
      `Task "${task.title}"`,
    );
    const updated = (await one(em, 'select * from planning.task where id = ?', [task.id], toTask))!;
    await audit(em, ctx.principal, ctx.clock.now(), 'task.complete', 'Task', task.id, task, updated);
    return updated;
  });
}

/** The direct leader's quality review of a completed task. */
export async function recordQualityReview(ctx: Context, taskId: string, passed: boolean, noteText?: string | null): Promise<QualityReview> {
  const { task, subject } = await taskSubject(ctx, taskId, 'taskId');
  await requireDirectLeader(ctx, subject, 'review the quality of this task');
  await requireOpenMonth(ctx, subject);
  if (!task.completedOn) throw badInput('taskId', 'only a completed task can be reviewed');
  const note = noteText ? requireText('note', noteText, 2000) : null;
  return transaction(ctx.em, async (em) => {
    const id = newId();
    await run(em, 'insert into planning.quality_review (id, task_id, month, passed, note, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?)', [
      id, task.id, task.month, passed, note, ctx.principal.username, ctx.clock.now(),
    ]);
    const review = (await one(em, 'select * from planning.quality_review where id = ?', [id], toReview))!;
    await audit(em, ctx.principal, ctx.clock.now(), 'task.review', 'Task', task.id, null, review);
    return review;
  });
}

export async function recordDelay(ctx: Context, taskId: string, noteText?: string | null): Promise<Delay> {
  const { task, subject } = await taskSubject(ctx, taskId, 'taskId');
  await requireDirectLeader(ctx, subject, 'record a delay of this task');
  await requireOpenMonth(ctx, subject);
  const note = noteText ? requireText('note', noteText, 2000) : null;
  return transaction(ctx.em, async (em) => {
    const id = newId();
    await run(em, 'insert into planning.delay (id, task_id, month, note, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?)', [
      id, task.id, task.month, note, ctx.principal.username, ctx.clock.now(),
    ]);
    const delay = (await one(em, 'select * from planning.delay where id = ?', [id], toDelay))!;
    await audit(em, ctx.principal, ctx.clock.now(), 'task.delay', 'Task', task.id, null, delay);
    return delay;
  });
}

/** Only the authority confirms an objective cause; the record stays, the deduction goes. */
export async function excuse(ctx: Context, kind: 'quality_review' | 'delay', id: string, reasonText: string): Promise<QualityReview | Delay> {
  const field = kind === 'quality_review' ? 'reviewId' : 'delayId';
  const map = kind === 'quality_review' ? toReview : toDelay;
  const record = await one(ctx.em, `select * from planning.${kind} where id = ?`, [parseId(field, id)], map);
  if (!record) throw notFound(field, kind === 'quality_review' ? 'quality review' : 'delay', id);
  const { subject } = await taskSubject(ctx, record.taskId, field);
  await requireAuthority(ctx, subject, 'confirm an objective cause');
  if ('passed' in record && record.passed) throw badInput(field, 'a passed review has nothing to excuse');
  if (record.excused) throw badInput(field, 'already excused');
  await requireOpenMonth(ctx, subject);
  const reason = requireText('reason', reasonText, 1000);
  return transaction(ctx.em, async (em) => {
    const now = ctx.clock.now();
    const changed = await run(em, `update planning.${kind} set excused = true, excuse_reason = ?, excused_by = ?, excused_at = ? where id = ? and not excused`, [
      reason, ctx.principal.username, now, record.id,
    ]);
    if (changed !== 1) throw conflict('It was excused by someone else meanwhile');
    const updated = (await one(em, `select * from planning.${kind} where id = ?`, [record.id], map))!;
    await audit(em, ctx.principal, now, `${kind === 'delay' ? 'delay' : 'review'}.excuse`, 'Task', record.taskId, record, updated);
    return updated;
  });
}

/** The evaluator (the leader's authority) sets the organising (đ) and unity (e) factors. */
export async function setLeaderFactors(
  ctx: Context,
  input: { personId: string; month: string; organisation: number; unity: number; reason: string },
): Promise<LeaderFactors> {
  const subject = await subjectOf(ctx, 'input.personId', input.personId, input.month);
  await requireAuthority(ctx, subject, "set this leader's factors");
  const position = await ctx.loaders.position.load(subject.person.positionId);
  if (position?.rank === 'STAFF') throw badInput('input.personId', `${subject.person.fullName} holds no leadership post`);
  for (const [field, value] of [['input.organisation', input.organisation], ['input.unity', input.unity]] as const) {
    if (value !== 1 && value !== 0.5) throw badInput(field, `must be 1 (100 %) or 0.5 (50 %), got ${value}`);
  }
  await requireOpenMonth(ctx, subject);
  const reason = requireText('input.reason', input.reason, 1000);
  return transaction(ctx.em, async (em) => {
    const now = ctx.clock.now();
    const before = await one(em, 'select * from planning.leader_factors where person_id = ? and month = ?', [subject.person.id, subject.month.text], toLeaderFactors);
    await run(
      em,
      `insert into planning.leader_factors (person_id, month, organisation, unity, reason, set_by, set_at) values (?, ?, ?, ?, ?, ?, ?)
       on conflict (person_id, month) do update set organisation = excluded.organisation, unity = excluded.unity, reason = excluded.reason,
         set_by = excluded.set_by, set_at = excluded.set_at`,
      [subject.person.id, subject.month.text, input.organisation, input.unity, reason, ctx.principal.username, now],
    );
    const factors = (await one(em, 'select * from planning.leader_factors where person_id = ? and month = ?', [subject.person.id, subject.month.text], toLeaderFactors))!;
    await audit(em, ctx.principal, now, 'leaderFactors.set', 'Person', subject.person.id, before, factors);
    return factors;
  });
}

/** The authority reopens a frozen month for one person, for a few days (audited). */
export async function reopenMonth(ctx: Context, personId: string, month: string, reasonText: string, days: number): Promise<MonthReopening> {
  const subject = await subjectOf(ctx, 'personId', personId, month);
  await requireAuthority(ctx, subject, 'reopen this month');
  if (!Number.isInteger(days) || days < 1 || days > 30) throw badInput('days', 'must be a whole number of days from 1 to 30');
  const reason = requireText('reason', reasonText, 1000);
  return transaction(ctx.em, async (em) => {
    const now = ctx.clock.now();
    const id = newId();
    await run(em, 'insert into planning.month_reopening (id, person_id, month, reason, reopened_by, reopened_at, until) values (?, ?, ?, ?, ?, ?, ?)', [
      id, subject.person.id, subject.month.text, reason, ctx.principal.username, now, new Date(now.getTime() + days * 86_400_000),
    ]);
    const reopening = (await one(em, 'select * from planning.month_reopening where id = ?', [id], toReopening))!;
    await audit(em, ctx.principal, now, 'month.reopen', 'Person', subject.person.id, null, reopening);
    return reopening;
  });
}
