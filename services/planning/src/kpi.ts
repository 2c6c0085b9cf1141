import { taskResult, type WorkItem } from '@cbccvc/rules';
import { badInput } from '@cbccvc/platform';
import { policyOf } from '@cbccvc/organization';
import type { Context } from './context';
import { requireAuthority, requireRead, subjectOf, type Subject } from './permissions';
import { toLeaderFactors, toSnapshot, toTask, type KpiSnapshot, type Task } from './records';
import { audit, newId, one, rows, run, transaction } from './sql';

export interface KpiItemResult {
  task: Task;
  size: number;
  completed: boolean;
  qualityFailures: number;
  delays: number;
  directed: boolean;
}

export interface KpiResult {
  personId: string;
  month: string;
  quantity: number | null;
  quality: number | null;
  timeliness: number | null;
  kpi: number | null;
  points: number | null;
  leader: boolean;
  unitResults: number | null;
  organisation: number | null;
  unity: number | null;
  /** Why `kpi` is not (yet) a number: never guessed. */
  pending: string[];
  assignedSize: number;
  completedSize: number;
  items: KpiItemResult[];
}

/**
 * The KPI of one person-month, computed by packages/rules from the items behind it: the tasks of
 * the person's approved plan (planned and arising) and, for a leader, the tasks they direct.
 * Failures and delays the authority excused do not count.
 */
export async function computeKpi(ctx: Context, subject: Subject): Promise<KpiResult> {
  const { person, month } = subject;
  const taskRows = await rows(
    ctx.em,
    `select t.*,
        (select count(*) from planning.quality_review r where r.task_id = t.id and not r.passed and not r.excused)::int as failures,
        (select count(*) from planning.delay d where d.task_id = t.id and not d.excused)::int as late
       from planning.task t join planning.plan p on p.id = t.plan_id
      where p.status = 'APPROVED' and t.id in (
        -- two index scans: the person's own tasks and the tasks they direct
        select id from planning.task where person_id = ? and month = ?
        union
        select id from planning.task where directed_by = ? and month = ?)
      order by t.assigned_on, t.id`,
    [person.id, month.text, person.id, month.text],
  );
  const items: KpiItemResult[] = taskRows.map((row) => {
    const task = toTask(row);
    return { task, size: task.size, completed: task.completedOn !== null, qualityFailures: Number(row.failures), delays: Number(row.late), directed: task.personId !== person.id };
  });
  const position = await ctx.loaders.position.load(person.positionId);
  const leader = position?.rank !== 'STAFF';
  const policy = await policyOf(ctx, subject.unit.jurisdictionId);
  const work: WorkItem[] = items.map((i) => ({ size: i.size, completed: i.completed, qualityFailures: i.qualityFailures, delays: i.delays }));
  const abc = taskResult(work, undefined, policy);

  const pending: string[] = [];
  const [plan] = await rows(ctx.em, 'select status from planning.plan where person_id = ? and month = ?', [person.id, month.text]);
  if (!plan || plan.status !== 'APPROVED') pending.push('PLAN_NOT_APPROVED');
  if (!abc) pending.push('NO_TASKS');
  let kpi = abc?.kpi ?? null;
  let organisation: number | null = null;
  let unity: number | null = null;
  if (leader) {
    const factors = await one(ctx.em, 'select * from planning.leader_factors where person_id = ? and month = ?', [person.id, month.text], toLeaderFactors);
    organisation = factors?.organisation ?? null;
    unity = factors?.unity ?? null;
    if (!factors) pending.push('LEADER_FACTORS');
    // d needs the grades of everyone the leader manages, which exist only once the evaluation step
    // has decided them: until then the leader's KPI is pending, not guessed.
    pending.push('UNIT_RESULTS');
    kpi = null;
  }
  const sum = (list: KpiItemResult[]) => Math.round(list.reduce((total, item) => total + item.size, 0) * 10_000) / 10_000;
  return {
    personId: person.id,
    month: month.text,
    quantity: abc?.quantity ?? null,
    quality: abc?.quality ?? null,
    timeliness: abc?.timeliness ?? null,
    kpi,
    points: kpi === null ? null : Math.round(kpi * policy.score.taskResultsMax * 10_000) / 10_000,
    leader,
    unitResults: null,
    organisation,
    unity,
    pending,
    assignedSize: sum(items),
    completedSize: sum(items.filter((i) => i.completed)),
    items,
  };
}

export async function kpiOf(ctx: Context, personId: string, month: string): Promise<KpiResult> {
  const subject = await subjectOf(ctx, 'personId', personId, month);
  await requireRead(ctx, subject);
  return computeKpi(ctx, subject);
}

/** Fixes the KPI as it is now, for a decision that must never change afterwards. */
export async function snapshotKpi(ctx: Context, personId: string, month: string): Promise<KpiSnapshot> {
  const subject = await subjectOf(ctx, 'personId', personId, month);
  await requireAuthority(ctx, subject, 'fix the KPI for the decision');
  const result = await computeKpi(ctx, subject);
  // A decision is fixed on a figure, never on a guess.
  if (result.kpi === null) throw badInput('personId', `the KPI of ${subject.person.fullName} for ${subject.month.text} is pending: ${result.pending.join(', ')}`);
  return transaction(ctx.em, async (em) => {
    const id = newId();
    const now = ctx.clock.now();
    await run(
      em,
      `insert into planning.kpi_snapshot (id, person_id, month, quantity, quality, timeliness, kpi, detail, taken_by, taken_at) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)`,
      [id, personId, result.month, result.quantity, result.quality, result.timeliness, result.kpi, JSON.stringify(result), ctx.principal.username, now],
    );
    const snapshot = (await one(em, 'select * from planning.kpi_snapshot where id = ?', [id], toSnapshot))!;
    await audit(em, ctx.principal, now, 'kpi.snapshot', 'Person', personId, null, { id, month: result.month, kpi: result.kpi });
    return snapshot;
  });
}
