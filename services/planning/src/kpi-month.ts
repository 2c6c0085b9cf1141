import { taskResult, type Policy, type WorkItem } from '@cbccvc/rules';
import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '@cbccvc/platform';
import { rows, run } from './sql';

/**
 * The KPI of every person-month of a month, set-based (ARCHITECTURE.md §7): one query returns, per
 * person, the work items grouped by what the rules look at (completed, counted failures, counted
 * delays) with their summed size — the rules are linear in the size, so grouping identical items
 * changes nothing — and packages/rules computes every figure. Leaders count the tasks they direct;
 * their KPI stays pending until the unit's results exist (see kpi.ts).
 */
export interface MonthKpiRow {
  personId: string;
  quantity: number;
  quality: number;
  timeliness: number;
  kpi: number | null;
  /** The grouped items, for a leader's KPI once the unit's results exist (evaluation's month close). */
  items: WorkItem[];
}

const monthItemsSql = `
  select s.subject, t.completed, t.failures, t.late, sum(t.size)::text as size
    from (select t.person_id, t.directed_by, t.size, t.completed_on is not null as completed,
                 coalesce(r.failures, 0) as failures, coalesce(d.late, 0) as late
            from planning.task t
            join planning.plan p on p.id = t.plan_id and p.status = 'APPROVED'
            -- Reviews and delays of this month only (their partial indexes): a history must not be read whole.
            left join (select q.task_id, count(*)::int as failures from planning.quality_review q
                        where q.month = ? and not q.passed and not q.excused group by q.task_id) r on r.task_id = t.id
            left join (select l.task_id, count(*)::int as late from planning.delay l
                        where l.month = ? and not l.excused group by l.task_id) d on d.task_id = t.id
           where t.month = ?) t
    -- Each item counts for its person and for the leader who directed it: one pass over the tasks
    -- (a plan PostgreSQL can run in parallel, as it cannot a CTE read twice).
   cross join lateral (values (t.person_id), (t.directed_by)) as s(subject)
   where s.subject is not null
   group by s.subject, t.completed, t.failures, t.late
   order by s.subject`;

/**
 * The same for some people (a decider's scope): their tasks by the person and directed indexes, each
 * task's reviews and delays by its own index — never the whole month's.
 */
const someoneItemsSql = `
  select s.subject, t.completed, t.failures, t.late, sum(t.size)::text as size
    from (select t.person_id, t.directed_by, t.size, t.completed_on is not null as completed,
                 (select count(*) from planning.quality_review q where q.task_id = t.id and q.month = t.month and not q.passed and not q.excused)::int as failures,
                 (select count(*) from planning.delay l where l.task_id = t.id and l.month = t.month and not l.excused)::int as late
            from planning.task t
            join planning.plan p on p.id = t.plan_id and p.status = 'APPROVED'
           where t.month = ? and (t.person_id = any(?::uuid[]) or t.directed_by = any(?::uuid[]))) t
   cross join lateral (values (t.person_id), (t.directed_by)) as s(subject)
   where s.subject = any(?::uuid[])
   group by s.subject, t.completed, t.failures, t.late
   order by s.subject`;

export async function computeMonthKpis(
  em: EntityManager,
  month: string,
  policyOfPerson: (personId: string) => Policy,
  isLeader: (personId: string) => boolean,
  options: { personIds?: readonly string[] } = {},
): Promise<MonthKpiRow[]> {
  const ids = options.personIds ? `{${options.personIds.join(',')}}` : null;
  // A city month groups ~6 M work items into ~900,000 rows: in memory rather than spilled to disk.
  const grouped = ids
    ? await rows(em, someoneItemsSql, [month, ids, ids, ids])
    : await em.transactional(async (tx) => {
        await run(tx as EntityManager, `set local work_mem = '256MB'`);
        return rows(tx as EntityManager, monthItemsSql, [month, month, month]);
      });
  const results: MonthKpiRow[] = [];
  let current: string | null = null;
  let items: WorkItem[] = [];
  const flush = () => {
    if (current === null) return;
    const abc = taskResult(items, undefined, policyOfPerson(current));
    if (abc) results.push({ personId: current, quantity: abc.quantity, quality: abc.quality, timeliness: abc.timeliness, kpi: isLeader(current) ? null : abc.kpi, items });
  };
  for (const row of grouped) {
    const subject = row.subject as string;
    if (subject !== current) {
      flush();
      current = subject;
      items = [];
    }
    items.push({ size: Number(row.size), completed: Boolean(row.completed), qualityFailures: Number(row.failures), delays: Number(row.late) });
  }
  flush();
  return results;
}

/** Stores a month's KPIs for reporting, replacing an earlier run of the same month. */
export async function storeMonthKpis(em: EntityManager, month: string, results: MonthKpiRow[], at: Date): Promise<void> {
  await em.transactional(async (trx) => {
    const inner = trx as EntityManager;
    await run(inner, 'delete from planning.monthly_kpi where month = ?', [month]);
    for (let start = 0; start < results.length; start += 10_000) {
      await executeBound(
        inner,
        `insert into planning.monthly_kpi (person_id, month, quantity, quality, timeliness, kpi, computed_at)
         select "personId", ?, quantity, quality, timeliness, kpi, ?
           from json_to_recordset(?::json) as x("personId" uuid, quantity float8, quality float8, timeliness float8, kpi float8)`,
        [month, at, JSON.stringify(results.slice(start, start + 10_000).map(({ items: _items, ...row }) => row))],
      );
    }
  });
}
