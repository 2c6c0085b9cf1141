import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound, type Orm } from '@cbccvc/platform';
import type { SeedData } from '@cbccvc/organization';
import { run } from '../sql';
import { generatePlanningSeed, planningSeedSize, type PlanningSeedChunk } from './generate';

/** A column: its name in the table, its type, and the generator's field that holds it. */
type Column<T> = [name: string, type: string, key: keyof T & string];

/**
 * Loads generated catalogues, plans and results ward by ward and month by month (`months`, default
 * 1, ending at `month`; the generator never holds more than the chunks in flight), with set-based
 * inserts of 5,000 rows a statement; each ward-month is one transaction. A past month's chunk refers
 * to the catalogue loaded with its ward's last month, so it starts once that chunk is committed.
 */
export async function loadPlanningSeed(
  orm: Orm,
  org: SeedData,
  /** `asOf`: the last month as it stands at that instant (the current month: nothing in the future). */
  options: {
    month: string;
    months?: number;
    asOf?: string;
    onProgress?: (done: number, total: number) => void;
    /** People whose plan of the last month was approved at `at` whatever the generator drew (the demo unit's). */
    settled?: { personIds: string[]; at: string };
  },
): Promise<{ tasks: number }> {
  const months = options.months ?? 1;
  const total = planningSeedSize(org).expectedTasks * months;
  let tasks = 0;
  // Two chunks in flight: PostgreSQL inserts one while this process generates the next.
  const inFlight = new Set<Promise<void>>();
  let catalogue: Promise<void> = Promise.resolve();
  for (const chunk of generatePlanningSeed(org, { month: options.month, months, asOf: options.asOf })) {
    const load = () =>
      orm.em.fork().transactional(async (em) => {
        await run(em as EntityManager, 'set local synchronous_commit = off');
        await insertChunk(em as EntityManager, chunk);
      });
    const carriesCatalogue = chunk.catalogueVersions.length > 0;
    const loading: Promise<void> = (carriesCatalogue ? load() : catalogue.then(load)).then(() => {
      tasks += chunk.tasks.length;
      options.onProgress?.(Math.min(tasks, total), total);
      inFlight.delete(loading);
    });
    if (carriesCatalogue) catalogue = loading;
    inFlight.add(loading);
    if (inFlight.size >= 2) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (options.settled?.personIds.length) {
    await run(
      orm.em.fork() as EntityManager,
      `update planning.plan set status = 'APPROVED', submitted_at = coalesce(submitted_at, ?), decided_at = coalesce(decided_at, ?), decided_by = coalesce(decided_by, 'seed')
        where month = ? and person_id = any(?::uuid[]) and status <> 'APPROVED'`,
      [options.settled.at, options.settled.at, options.month, `{${options.settled.personIds.join(',')}}`],
    );
  }
  return { tasks };
}

async function insertChunk(em: EntityManager, chunk: PlanningSeedChunk): Promise<void> {
  await insert(em, 'planning.catalogue_version', chunk.catalogueVersions, [
    ['id', 'uuid', 'id'], ['unit_id', 'uuid', 'unitId'], ['effective_from', 'text', 'effectiveFrom'],
    ['standard_unit', 'text', 'standardUnit'], ['created_by', 'text', 'createdBy'], ['created_at', 'timestamptz', 'createdAt'],
  ]);
  await insert(em, 'planning.catalogue_item', chunk.catalogueItems, [
    ['id', 'uuid', 'id'], ['version_id', 'uuid', 'versionId'], ['code', 'text', 'code'], ['name', 'text', 'name'],
    ['complexity_group', 'text', 'complexityGroup'], ['unit_of_measure', 'text', 'unitOfMeasure'], ['factor', 'numeric', 'factor'],
  ]);
  await insert(em, 'planning.plan', chunk.plans, [
    ['id', 'uuid', 'id'], ['unit_id', 'uuid', 'unitId'], ['person_id', 'uuid', 'personId'], ['month', 'text', 'month'],
    ['status', 'text', 'status'], ['note', 'text', 'note'], ['submitted_at', 'timestamptz', 'submittedAt'],
    ['decided_by', 'text', 'decidedBy'], ['decided_at', 'timestamptz', 'decidedAt'],
  ]);
  await insert(em, 'planning.task', chunk.tasks, [
    ['id', 'uuid', 'id'], ['plan_id', 'uuid', 'planId'], ['unit_id', 'uuid', 'unitId'], ['person_id', 'uuid', 'personId'],
    ['month', 'text', 'month'], ['catalogue_item_id', 'uuid', 'catalogueItemId'], ['title', 'text', 'title'],
    ['quantity', 'numeric', 'quantity'], ['factor', 'numeric', 'factor'], ['size', 'numeric', 'size'], ['arising', 'boolean', 'arising'],
    ['directed_by', 'uuid', 'directedBy'], ['week_start', 'date', 'weekStart'], ['assigned_on', 'date', 'assignedOn'],
    ['due_on', 'date', 'dueOn'], ['completed_on', 'date', 'completedOn'], ['evidence', 'text', 'evidence'],
    ['evidence_note', 'text', 'evidenceNote'], ['created_by', 'text', 'createdBy'],
  ]);
  const excusable = <T extends { excused: boolean; excuseReason: string | null; excusedBy: string | null; excusedAt: string | null }>(): Column<T>[] => [
    ['excused', 'boolean', 'excused'], ['excuse_reason', 'text', 'excuseReason'], ['excused_by', 'text', 'excusedBy'], ['excused_at', 'timestamptz', 'excusedAt'],
  ];
  await insert(em, 'planning.quality_review', chunk.reviews, [
    ['id', 'uuid', 'id'], ['task_id', 'uuid', 'taskId'], ['month', 'text', 'month'], ['passed', 'boolean', 'passed'], ['note', 'text', 'note'],
    ['recorded_by', 'text', 'recordedBy'], ['recorded_at', 'timestamptz', 'recordedAt'], ...excusable(),
  ]);
  await insert(em, 'planning.delay', chunk.delays, [
    ['id', 'uuid', 'id'], ['task_id', 'uuid', 'taskId'], ['month', 'text', 'month'], ['note', 'text', 'note'],
    ['recorded_by', 'text', 'recordedBy'], ['recorded_at', 'timestamptz', 'recordedAt'], ...excusable(),
  ]);
  await insert(em, 'planning.leader_factors', chunk.leaderFactors, [
    ['person_id', 'uuid', 'personId'], ['month', 'text', 'month'], ['organisation', 'numeric', 'organisation'],
    ['unity', 'numeric', 'unity'], ['reason', 'text', 'reason'], ['set_by', 'text', 'setBy'], ['set_at', 'timestamptz', 'setAt'],
  ]);
}

const batchSize = 5000;

/**
 * One statement per 5,000 rows: the batch travels as one JSON parameter (serialised natively, no
 * per-value escaping here) and PostgreSQL unpacks it with json_to_recordset.
 */
async function insert<T>(em: EntityManager, table: string, rows: T[], columns: Column<T>[]): Promise<void> {
  const names = columns.map(([name]) => name).join(', ');
  const fields = columns.map(([, , key]) => `"${key}"`).join(', ');
  const shape = columns.map(([, type, key]) => `"${key}" ${type}`).join(', ');
  for (let start = 0; start < rows.length; start += batchSize) {
    await executeBound(em, `insert into ${table} (${names}) select ${fields} from json_to_recordset(?::json) as x(${shape})`, [
      JSON.stringify(rows.slice(start, start + batchSize)),
    ]);
  }
}
