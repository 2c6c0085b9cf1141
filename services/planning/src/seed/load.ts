import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArrayLiteral, type Orm } from '@cbccvc/platform';
import type { SeedData } from '@cbccvc/organization';
import { run } from '../sql';
import { generatePlanningSeed, planningSeedSize, type PlanningSeedChunk } from './generate';

type Column<T> = [name: string, type: string, pick: (row: T) => unknown];

/**
 * Loads generated catalogues, plans and a month of results, one ward at a time (the generator never
 * holds more), with set-based inserts of 5,000 rows a statement; each ward is one transaction.
 */
export async function loadPlanningSeed(
  orm: Orm,
  org: SeedData,
  options: { month: string; onProgress?: (done: number, total: number) => void },
): Promise<{ tasks: number }> {
  const total = planningSeedSize(org).expectedTasks;
  let tasks = 0;
  for (const chunk of generatePlanningSeed(org, { month: options.month })) {
    await orm.em.fork().transactional(async (em) => insertChunk(em as EntityManager, chunk));
    tasks += chunk.tasks.length;
    options.onProgress?.(Math.min(tasks, total), total);
  }
  return { tasks };
}

async function insertChunk(em: EntityManager, chunk: PlanningSeedChunk): Promise<void> {
  await insert(em, 'planning.catalogue_version', chunk.catalogueVersions, [
    ['id', 'uuid', (r) => r.id], ['unit_id', 'uuid', (r) => r.unitId], ['effective_from', 'text', (r) => r.effectiveFrom],
    ['standard_unit', 'text', (r) => r.standardUnit], ['created_by', 'text', (r) => r.createdBy], ['created_at', 'timestamptz', (r) => r.createdAt],
  ]);
  await insert(em, 'planning.catalogue_item', chunk.catalogueItems, [
    ['id', 'uuid', (r) => r.id], ['version_id', 'uuid', (r) => r.versionId], ['code', 'text', (r) => r.code], ['name', 'text', (r) => r.name],
    ['complexity_group', 'text', (r) => r.complexityGroup], ['unit_of_measure', 'text', (r) => r.unitOfMeasure], ['factor', 'numeric', (r) => r.factor],
  ]);
  await insert(em, 'planning.plan', chunk.plans, [
    ['id', 'uuid', (r) => r.id], ['unit_id', 'uuid', (r) => r.unitId], ['person_id', 'uuid', (r) => r.personId], ['month', 'text', (r) => r.month],
    ['status', 'text', (r) => r.status], ['note', 'text', (r) => r.note], ['submitted_at', 'timestamptz', (r) => r.submittedAt],
    ['decided_by', 'text', (r) => r.decidedBy], ['decided_at', 'timestamptz', (r) => r.decidedAt],
  ]);
  await insert(em, 'planning.task', chunk.tasks, [
    ['id', 'uuid', (r) => r.id], ['plan_id', 'uuid', (r) => r.planId], ['unit_id', 'uuid', (r) => r.unitId], ['person_id', 'uuid', (r) => r.personId],
    ['month', 'text', (r) => r.month], ['catalogue_item_id', 'uuid', (r) => r.catalogueItemId], ['title', 'text', (r) => r.title],
    ['quantity', 'numeric', (r) => r.quantity], ['factor', 'numeric', (r) => r.factor], ['size', 'numeric', (r) => r.size], ['arising', 'boolean', (r) => r.arising],
    ['directed_by', 'uuid', (r) => r.directedBy], ['week_start', 'date', (r) => r.weekStart], ['assigned_on', 'date', (r) => r.assignedOn],
    ['due_on', 'date', (r) => r.dueOn], ['completed_on', 'date', (r) => r.completedOn], ['evidence', 'text', (r) => r.evidence],
    ['evidence_note', 'text', (r) => r.evidenceNote], ['created_by', 'text', (r) => r.createdBy],
  ]);
  const excusable = <T extends { excused: boolean; excuseReason: string | null; excusedBy: string | null; excusedAt: string | null }>(): Column<T>[] => [
    ['excused', 'boolean', (r) => r.excused], ['excuse_reason', 'text', (r) => r.excuseReason], ['excused_by', 'text', (r) => r.excusedBy], ['excused_at', 'timestamptz', (r) => r.excusedAt],
  ];
  await insert(em, 'planning.quality_review', chunk.reviews, [
    ['id', 'uuid', (r) => r.id], ['task_id', 'uuid', (r) => r.taskId], ['passed', 'boolean', (r) => r.passed], ['note', 'text', (r) => r.note],
    ['recorded_by', 'text', (r) => r.recordedBy], ['recorded_at', 'timestamptz', (r) => r.recordedAt], ...excusable(),
  ]);
  await insert(em, 'planning.delay', chunk.delays, [
    ['id', 'uuid', (r) => r.id], ['task_id', 'uuid', (r) => r.taskId], ['note', 'text', (r) => r.note],
    ['recorded_by', 'text', (r) => r.recordedBy], ['recorded_at', 'timestamptz', (r) => r.recordedAt], ...excusable(),
  ]);
  await insert(em, 'planning.leader_factors', chunk.leaderFactors, [
    ['person_id', 'uuid', (r) => r.personId], ['month', 'text', (r) => r.month], ['organisation', 'numeric', (r) => r.organisation],
    ['unity', 'numeric', (r) => r.unity], ['reason', 'text', (r) => r.reason], ['set_by', 'text', (r) => r.setBy], ['set_at', 'timestamptz', (r) => r.setAt],
  ]);
}

const batchSize = 5000;

async function insert<T>(em: EntityManager, table: string, rows: T[], columns: Column<T>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    await run(
      em,
      `insert into ${table} (${columns.map(([name]) => name).join(', ')})
       select * from unnest(${columns.map(([, type]) => `?::${type}[]`).join(', ')})`,
      columns.map(([, , pick]) => pgArrayLiteral(batch.map(pick))),
    );
  }
}
