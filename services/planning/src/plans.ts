import { badInput, conflict, forbidden, notFound } from '@cbccvc/platform';
import { parseDate, parseId, parseMonth, parseOptionalId, requireText } from '@cbccvc/organization';
import { catalogueInForce } from './catalogue';
import type { Context } from './context';
import {
  isDirectLeader,
  isSelf,
  requireCatalogueMaintainer,
  requireDirectLeader,
  requireOpenMonth,
  requireSelf,
  subjectOf,
  type Subject,
} from './permissions';
import { toCatalogueItem, toPlan, toTask, type Plan, type Task } from './records';
import { audit, mustFind, newId, one, rows, run, transaction, updateVersioned } from './sql';

export const loadPlan = (ctx: Context, field: string, id: string): Promise<Plan> =>
  mustFind(ctx.em, field, 'plan', parseId(field, id), 'select * from planning.plan where id = ?', toPlan);

export const loadTask = (ctx: Context, field: string, id: string): Promise<Task> =>
  mustFind(ctx.em, field, 'task', parseId(field, id), 'select * from planning.task where id = ?', toTask);

export async function subjectOfPlan(ctx: Context, plan: Plan, field: string): Promise<Subject> {
  if (!plan.personId) throw badInput(field, 'the unit plan holds no tasks of its own: use the personal plans');
  return subjectOf(ctx, field, plan.personId, plan.month);
}

/** Opens a personal plan (the person or their direct leader) or the unit's plan (its head or focal point). */
export async function createPlan(ctx: Context, input: { unitId: string; personId?: string | null; month: string; note?: string | null }): Promise<Plan> {
  const unitId = parseId('input.unitId', input.unitId);
  const month = parseMonth('input.month', input.month);
  const note = input.note ? requireText('input.note', input.note, 2000) : null;
  const unit = await ctx.loaders.unit.load(unitId);
  if (!unit) throw notFound('input.unitId', 'unit', input.unitId);
  const personId = parseOptionalId('input.personId', input.personId);
  if (personId) {
    const subject = await subjectOf(ctx, 'input.personId', personId, month.text);
    if (subject.unit.id !== unit.id) throw badInput('input.unitId', `${subject.person.fullName} works in "${subject.unit.name}", not "${unit.name}"`);
    if (!(await isSelf(ctx, personId)) && !(await isDirectLeader(ctx, subject))) {
      throw forbidden(`Only ${subject.person.fullName} or their direct leader may open their plan`);
    }
    await requireOpenMonth(ctx, subject);
  } else {
    await requireCatalogueMaintainer(ctx, unit).catch(() => {
      throw forbidden(`Only the head or the focal point of "${unit.name}" may open the unit's plan`);
    });
  }
  return transaction(ctx.em, async (em) => {
    const existing = await rows(em, 'select 1 from planning.plan where unit_id = ? and person_id is not distinct from ? and month = ?', [unit.id, personId, month.text]);
    if (existing.length) throw badInput('input.month', `there is already a plan for ${month.text}`);
    const id = newId();
    await run(em, `insert into planning.plan (id, unit_id, person_id, month, status, note) values (?, ?, ?, ?, 'DRAFT', ?)`, [id, unit.id, personId, month.text, note]);
    const plan = (await one(em, 'select * from planning.plan where id = ?', [id], toPlan))!;
    await audit(em, ctx.principal, ctx.clock.now(), 'plan.create', 'Plan', id, null, plan);
    return plan;
  });
}

export interface AddTaskArgs {
  planId: string;
  catalogueItemId?: string | null;
  title?: string | null;
  quantity?: number | null;
  size?: number | null;
  directedById?: string | null;
  weekStart?: string | null;
  assignedOn?: string | null;
  dueOn?: string | null;
}

const checkQuantity = (field: string, value: number): number => {
  if (!Number.isFinite(value) || value <= 0 || value > 10_000) throw badInput(field, `must be a number above 0 and at most 10,000, got ${value}`);
  return Math.round(value * 1000) / 1000;
};

const inMonth = (field: string, date: string, month: string): string => {
  if (!parseDate(field, date).startsWith(month)) throw badInput(field, `${date} is not in ${month}`);
  return date;
};

function checkMonday(field: string, date: string | null | undefined): string | null {
  if (!date) return null;
  parseDate(field, date);
  if (new Date(`${date}T00:00:00Z`).getUTCDay() !== 1) throw badInput(field, `${date} is not a Monday`);
  return date;
}

/**
 * A task from the unit's catalogue in force for the month (quantity × factor = size), or ad hoc
 * work sized by the direct leader. Added after approval, a task is arising (phát sinh).
 */
export async function addTask(ctx: Context, input: AddTaskArgs): Promise<Task> {
  const plan = await loadPlan(ctx, 'input.planId', input.planId);
  const subject = await subjectOfPlan(ctx, plan, 'input.planId');
  const self = await isSelf(ctx, subject.person.id);
  const leader = await isDirectLeader(ctx, subject);
  if (!self && !leader) throw forbidden(`Only ${subject.person.fullName} or their direct leader may add tasks to this plan`);
  // Arising work counts in the KPI: once the plan is approved, only the leader adds it.
  if (!leader && plan.status === 'APPROVED') throw forbidden('The plan is approved: arising work is added by your direct leader');
  await requireOpenMonth(ctx, subject);

  const quantity = checkQuantity('input.quantity', input.quantity ?? 1);
  let title: string;
  let factor: number;
  let catalogueItemId: string | null = null;
  if (input.catalogueItemId) {
    catalogueItemId = parseId('input.catalogueItemId', input.catalogueItemId);
    const item = await one(ctx.em, 'select * from planning.catalogue_item where id = ?', [catalogueItemId], toCatalogueItem);
    if (!item) throw notFound('input.catalogueItemId', 'catalogue item', input.catalogueItemId);
    const inForce = await catalogueInForce(ctx, subject.unit.id, plan.month);
    if (!inForce || inForce.id !== item.versionId) {
      throw badInput('input.catalogueItemId', `"${item.name}" is not in the catalogue of "${subject.unit.name}" in force for ${plan.month}`);
    }
    if (input.size != null) throw badInput('input.size', 'a catalogue task is sized by its conversion factor');
    title = input.title ? requireText('input.title', input.title, 300) : item.name;
    factor = item.factor;
  } else {
    if (!leader) throw forbidden('Ad hoc work is sized by the direct leader: ask them to add it, or pick an item of the catalogue');
    title = requireText('input.title', input.title ?? '', 300);
    if (input.size == null) throw badInput('input.size', 'ad hoc work needs a size in standard units');
    factor = checkQuantity('input.size', input.size) / quantity;
  }
  const size = Math.round(quantity * factor * 10_000) / 10_000;
  const assignedOn = inMonth('input.assignedOn', input.assignedOn ?? todayInMonth(ctx, plan.month), plan.month);
  const dueOn = input.dueOn ? parseDate('input.dueOn', input.dueOn) : null;
  if (dueOn && dueOn < assignedOn) throw badInput('input.dueOn', `must not be before the task is assigned (${assignedOn})`);
  const directedBy = parseOptionalId('input.directedById', input.directedById);
  if (directedBy) {
    if (!leader) throw forbidden('Only the direct leader may say which leader directs a task');
    const director = await ctx.loaders.person.load(directedBy);
    const position = director ? await ctx.loaders.position.load(director.positionId) : null;
    if (!director || !position) throw notFound('input.directedById', 'person', directedBy);
    if (director.id === subject.person.id) throw badInput('input.directedById', 'a person does not direct their own task');
    if (position.rank === 'STAFF') throw badInput('input.directedById', `${director.fullName} is not a leader`);
    // The directing leader leads the person's unit or a unit above it.
    if (!subject.unit.path.includes(`/${director.unitId}/`)) {
      throw badInput('input.directedById', `${director.fullName} does not lead "${subject.unit.name}" or a unit above it`);
    }
  }
  const weekStart = checkMonday('input.weekStart', input.weekStart);

  return transaction(ctx.em, async (em) => {
    const id = newId();
    await run(
      em,
      `insert into planning.task (id, plan_id, unit_id, person_id, month, catalogue_item_id, title, quantity, factor, size, arising,
         directed_by, week_start, assigned_on, due_on, created_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, plan.id, subject.unit.id, subject.person.id, plan.month, catalogueItemId, title, quantity, factor, size, plan.status === 'APPROVED',
        directedBy, weekStart, assignedOn, dueOn, ctx.principal.username],
    );
    const task = (await one(em, 'select * from planning.task where id = ?', [id], toTask))!;
    await audit(em, ctx.principal, ctx.clock.now(), 'task.add', 'Task', id, null, task);
    return task;
  });
}

/** Today if it falls in the month, else the month's first day (a plan written ahead of time). */
function todayInMonth(ctx: Context, month: string): string {
  const today = new Date(ctx.clock.now().getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  return today.startsWith(month) ? today : `${month}-01`;
}

/** The person edits until approval; the direct leader also afterwards (and sizes ad hoc work). */
async function requireTaskEditor(ctx: Context, task: Task, plan: Plan, subject: Subject): Promise<void> {
  if (await isDirectLeader(ctx, subject)) return;
  await requireSelf(ctx, subject, 'change this task');
  if (plan.status === 'APPROVED' && !task.arising) throw forbidden('The plan is approved: ask your direct leader to change this task');
}

export async function updateTask(
  ctx: Context,
  id: string,
  expectedVersion: number,
  input: { title?: string | null; quantity?: number | null; size?: number | null; weekStart?: string | null; dueOn?: string | null },
): Promise<Task> {
  const task = await loadTask(ctx, 'id', id);
  const plan = await loadPlan(ctx, 'id', task.planId);
  const subject = await subjectOfPlan(ctx, plan, 'id');
  await requireTaskEditor(ctx, task, plan, subject);
  await requireOpenMonth(ctx, subject);
  if (task.completedOn) throw badInput('id', 'a completed task cannot be changed');
  const next = { ...task };
  if (input.title != null) next.title = requireText('input.title', input.title, 300);
  if (input.size != null) {
    if (task.catalogueItemId) throw badInput('input.size', 'a catalogue task is sized by its conversion factor');
    await requireDirectLeader(ctx, subject, 'size ad hoc work');
    next.factor = checkQuantity('input.size', input.size) / next.quantity;
  }
  if (input.quantity != null) {
    const quantity = checkQuantity('input.quantity', input.quantity);
    if (!task.catalogueItemId) next.factor = (next.factor * next.quantity) / quantity;
    next.quantity = quantity;
  }
  next.size = Math.round(next.quantity * next.factor * 10_000) / 10_000;
  if (input.weekStart !== undefined) next.weekStart = checkMonday('input.weekStart', input.weekStart);
  if (input.dueOn !== undefined) {
    next.dueOn = input.dueOn ? parseDate('input.dueOn', input.dueOn) : null;
    if (next.dueOn && next.dueOn < task.assignedOn) throw badInput('input.dueOn', `must not be before the task is assigned (${task.assignedOn})`);
  }
  return transaction(ctx.em, async (em) => {
    await updateVersioned(
      em,
      `update planning.task set title = ?, quantity = ?, factor = ?, size = ?, week_start = ?, due_on = ?, version = version + 1 where id = ? and version = ?`,
      [next.title, next.quantity, next.factor, next.size, next.weekStart, next.dueOn, task.id, expectedVersion],
      `Task "${task.title}"`,
    );
    const updated = (await one(em, 'select * from planning.task where id = ?', [task.id], toTask))!;
    await audit(em, ctx.principal, ctx.clock.now(), 'task.update', 'Task', task.id, task, updated);
    return updated;
  });
}

export async function removeTask(ctx: Context, id: string, expectedVersion: number): Promise<boolean> {
  const task = await loadTask(ctx, 'id', id);
  const plan = await loadPlan(ctx, 'id', task.planId);
  const subject = await subjectOfPlan(ctx, plan, 'id');
  await requireTaskEditor(ctx, task, plan, subject);
  await requireOpenMonth(ctx, subject);
  if (task.completedOn) throw badInput('id', 'a completed task cannot be removed');
  return transaction(ctx.em, async (em) => {
    const reviews = await rows(em, 'select 1 from planning.delay where task_id = ? union all select 1 from planning.quality_review where task_id = ?', [task.id, task.id]);
    if (reviews.length) throw badInput('id', 'the task has recorded delays or reviews and cannot be removed');
    if ((await run(em, 'delete from planning.task where id = ? and version = ?', [task.id, expectedVersion])) !== 1) {
      throw conflict(`Task "${task.title}" was changed by someone else meanwhile: reload it and try again`);
    }
    await audit(em, ctx.principal, ctx.clock.now(), 'task.remove', 'Task', task.id, task, null);
    return true;
  });
}

const transitions = {
  submit: { from: ['DRAFT', 'RETURNED'], to: 'SUBMITTED' },
  approve: { from: ['SUBMITTED'], to: 'APPROVED' },
  return: { from: ['SUBMITTED'], to: 'RETURNED' },
} as const;

/** Submitted by the person, approved or returned (with a reason) by the direct leader. */
export async function movePlan(ctx: Context, id: string, expectedVersion: number, action: keyof typeof transitions, reason?: string): Promise<Plan> {
  const plan = await loadPlan(ctx, 'id', id);
  const subject = await subjectOfPlan(ctx, plan, 'id');
  if (action === 'submit') await requireSelf(ctx, subject, 'submit this plan');
  else await requireDirectLeader(ctx, subject, `${action} this plan`);
  await requireOpenMonth(ctx, subject);
  const transition = transitions[action];
  if (!(transition.from as readonly string[]).includes(plan.status)) {
    throw badInput('id', `a ${plan.status.toLowerCase()} plan cannot be ${action === 'submit' ? 'submitted' : action === 'approve' ? 'approved' : 'returned'}`);
  }
  const returnReason = action === 'return' ? requireText('reason', reason ?? '', 1000) : null;
  return transaction(ctx.em, async (em) => {
    if (action === 'submit') {
      const tasks = await rows(em, 'select 1 from planning.task where plan_id = ? limit 1', [plan.id]);
      if (!tasks.length) throw badInput('id', 'a plan needs at least one task before it is submitted');
    }
    const now = ctx.clock.now();
    await updateVersioned(
      em,
      action === 'submit'
        ? `update planning.plan set status = ?, submitted_at = ?, return_reason = null, version = version + 1 where id = ? and version = ?`
        : `update planning.plan set status = ?, decided_at = ?, decided_by = ?, return_reason = ?, version = version + 1 where id = ? and version = ?`,
      action === 'submit' ? [transition.to, now, plan.id, expectedVersion] : [transition.to, now, ctx.principal.username, returnReason, plan.id, expectedVersion],
      'The plan',
    );
    const updated = (await one(em, 'select * from planning.plan where id = ?', [plan.id], toPlan))!;
    await audit(em, ctx.principal, now, `plan.${action}`, 'Plan', plan.id, plan, updated);
    return updated;
  });
}
