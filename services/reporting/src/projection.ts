import { sqlRows, sqlRun } from '@cbccvc/platform';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The projector: applies the evaluation outbox, in id order, to the reporting read models. Each batch
 * commits its changes together with the checkpoint, so an event is applied once even across crashes;
 * within a form the snapshot with the highest version wins, so an event applied again, or a
 * duplicate of one, changes nothing. The only read outside the reporting schema is the outbox itself
 * (the queue); reports read the reporting schema only.
 */
export const PROJECTION = 'evaluation-results';

/** Pending events are counted up to this many (a backlog that large is reported as this). */
export const PENDING_COUNT_LIMIT = 100_000;

export interface Freshness {
  /** The last outbox event applied (0 before the first). */
  lastEventId: number;
  /** When the projector last committed; null before the first batch. */
  appliedAt: Date | null;
  /** Events in the outbox not applied yet, counted up to PENDING_COUNT_LIMIT. */
  pendingEvents: number;
}

export async function freshness(em: EntityManager): Promise<Freshness> {
  const [checkpoint] = await sqlRows(em, `select last_event_id, applied_at, horizon::text as horizon from reporting.checkpoint where projection = ?`, [PROJECTION]);
  // The horizon as a literal parameter, so the count is a range scan of the outbox's txid index;
  // capped, so a projector held back for long (or never run) does not make every report slow.
  const [pending] = await sqlRows(em, `select count(*) as n from (select 1 from evaluation.outbox where txid >= ?::xid8 limit ?) p`, [
    (checkpoint?.horizon as string | undefined) ?? '0',
    PENDING_COUNT_LIMIT,
  ]);
  return {
    lastEventId: Number(checkpoint?.last_event_id ?? 0),
    appliedAt: checkpoint?.applied_at ? new Date(checkpoint.applied_at as string) : null,
    pendingEvents: Number(pending!.n),
  };
}

/** The advisory lock that lets one projector (or one rebuild) run at a time over the database. */
const PROJECTOR_LOCK = 731_100_001;

/**
 * Applies, in one transaction, every event of the transactions that finished since the last run:
 * those older than the oldest transaction still running (`pg_snapshot_xmin`), all committed and
 * visible — an event of a transaction still running is taken next time, whatever its id. Set-based:
 * the newest snapshot per form and appeal is upserted when newer than the stored one, then the
 * totals of every unit-month touched are recomputed. Returns how many events it applied.
 */
export async function applyPendingEvents(em: EntityManager): Promise<number> {
  return em.transactional(async (inner) => {
    const tx = inner as EntityManager;
    await sqlRun(tx, `select pg_advisory_xact_lock(?)`, [PROJECTOR_LOCK]);
    await sqlRun(tx, `insert into reporting.checkpoint (projection, last_event_id, applied_at) values (?, 0, now()) on conflict do nothing`, [PROJECTION]);
    const [checkpoint] = await sqlRows(tx, `select horizon::text as horizon from reporting.checkpoint where projection = ? for update`, [PROJECTION]);
    const [snapshot] = await sqlRows(tx, `select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`);
    const from = checkpoint!.horizon as string;
    const to = snapshot!.xmin as string;
    const window = `txid >= '${from}'::xid8 and txid < '${to}'::xid8`; // both read from PostgreSQL, never from input
    const [range] = await sqlRows(tx, `select count(*) as n, max(id) as last from evaluation.outbox where ${window}`);
    const count = Number(range!.n);
    if (count > 0) {
      // The unit-months the events touch, new and stored (a form that moved to another unit leaves
      // its old totals), once each and analyzed: a month close touches every unit of the city.
      await sqlRun(
        tx,
        `create temporary table touched on commit drop as
         select (payload ->> 'unitId')::uuid as unit_id, payload ->> 'month' as month from evaluation.outbox where ${window} and topic = 'form'
         union
         select r.unit_id, r.month from reporting.result r where r.form_id in (select aggregate_id from evaluation.outbox where ${window} and topic = 'form')`,
      );
      await sqlRun(tx, `analyze touched`);
      await upsertEvents(tx, window);
      await refreshUnitMonths(tx);
    }
    await sqlRun(
      tx,
      `update reporting.checkpoint set horizon = greatest(horizon, ?::xid8), last_event_id = greatest(last_event_id, ?), applied_at = case when ? > 0 then now() else applied_at end where projection = ?`,
      [to, Number(range!.last ?? 0), count, PROJECTION],
    );
    return count;
  });
}

/**
 * An event's snapshot as typed columns, decoded in one pass over the payload (a key lookup and cast
 * per column costs several times more over millions of events). The names are the payload's keys,
 * in the order of the read model's columns after `<key>, version, event_id`.
 */
const formSnapshot = `p(month text, state text, "personId" uuid, "fullName" text, "staffKind" text, "positionName" text, rank text, "sortOrder" int,
    "unitId" uuid, "unitName" text, "unitPath" text, "jurisdictionId" uuid, block text, "commenterId" uuid, "deciderId" uuid,
    "statedGrade" text, "finalScore" numeric, "finalGrade" text, "score360" numeric, kpi numeric, quantity numeric, quality numeric,
    timeliness numeric, "completedSize" numeric, "submittedAt" timestamptz, "commentedAt" timestamptz, "decidedAt" timestamptz, "publishedAt" timestamptz,
    "quotaExplanation" text, "selfGrade" text, "deciderAuthorityId" uuid, "decisionNumber" text, "decisionDate" text, "deciderActingFor" uuid)`;
const resultColumns = `form_id, version, event_id, month, state, person_id, full_name, staff_kind, position_name, rank, sort_order,
    unit_id, unit_name, unit_path, jurisdiction_id, block, commenter_id, decider_id, stated_grade, final_score, final_grade, score_360,
    kpi, quantity, quality, timeliness, completed_size, submitted_at, commented_at, decided_at, published_at, quota_explanation, self_grade,
    decider_authority_id, decision_number, decision_date, decider_acting_for`;

const appealSnapshot = `p("formId" uuid, "personId" uuid, month text, "unitId" uuid, "unitPath" text, "jurisdictionId" uuid,
    block text, kind text, status text, "filedAt" timestamptz, "decidedAt" timestamptz)`;
const appealColumns = `appeal_id, version, event_id, form_id, person_id, month, unit_id, unit_path, jurisdiction_id, block, kind, status, filed_at, decided_at`;

/** The snapshots (`formSnapshot` or `appealSnapshot`) of the events listed by `winners` (a subquery of outbox ids). */
const snapshots = (winners: string, snapshot: string) => `
  select o.aggregate_id, o.version, o.id, p.*
    from ${winners} w
    join evaluation.outbox o on o.id = w.id
   cross join lateral jsonb_to_record(o.payload) as ${snapshot}`;

/** `column = excluded.column` for every column but the key: an upsert replaces the whole snapshot. */
const replaceAllBut = (columns: string, key: string) =>
  columns
    .split(',')
    .map((column) => column.trim())
    .filter((column) => column !== key)
    .map((column) => `${column} = excluded.${column}`)
    .join(', ');
const resultUpdates = replaceAllBut(resultColumns, 'form_id');
const appealUpdates = replaceAllBut(appealColumns, 'appeal_id');

/**
 * Upserts the newest snapshot of each form and appeal among the events of `window`: the winners
 * are chosen on the outbox's winner index (version, id) alone, and only their payloads are read. A
 * snapshot replaces the stored one only when its version is higher, whatever order the events come in.
 */
async function upsertEvents(tx: EntityManager, window: string): Promise<void> {
  const winnersOf = (topic: 'form' | 'appeal') =>
    `(select distinct on (aggregate_id) id from evaluation.outbox where ${window} and topic = '${topic}' order by aggregate_id, version desc, id desc)`;
  await sqlRun(
    tx,
    `insert into reporting.result as r (${resultColumns})
     ${snapshots(winnersOf('form'), formSnapshot)}
     on conflict (form_id) do update set ${resultUpdates} where r.version < excluded.version`,
  );
  await sqlRun(
    tx,
    `insert into reporting.appeal as a (${appealColumns})
     ${snapshots(winnersOf('appeal'), appealSnapshot)}
     on conflict (appeal_id) do update set ${appealUpdates} where a.version < excluded.version`,
  );
}

const unitMonthColumns = `unit_id, month, unit_name, unit_path, jurisdiction_id, block, members, submitted, to_comment, commented, decided, published,
    grade_a, grade_b, grade_c, grade_d, kpi_sum, kpi_count, quantity_sum, quality_sum, timeliness_sum, factor_count`;
const jurisdictionMonthColumns = `jurisdiction_id, block, month, members, submitted, to_comment, commented, decided, published,
    grade_a, grade_b, grade_c, grade_d, kpi_sum, kpi_count, quantity_sum, quality_sum, timeliness_sum, factor_count`;

/**
 * The totals (in `unitMonthColumns`' order) of the unit-months of the results `join`ed (all of them
 * without one). A unit-month's jurisdiction is the smallest of its results' (a unit moved mid-month
 * has two): min over text, as PostgreSQL 15 has no min(uuid), and an aggregate a parallel plan can
 * combine, as array_agg is not.
 */
const unitMonthTotals = (join = '') => `
  select r.unit_id, r.month, max(r.unit_name), max(r.unit_path), min(r.jurisdiction_id::text)::uuid, max(r.block), count(*),
     count(*) filter (where r.state <> 'DRAFT'),
     count(*) filter (where r.commenter_id is not null and r.state <> 'DRAFT'),
     count(*) filter (where r.commenter_id is not null and r.commented_at is not null and r.state <> 'DRAFT'),
     count(*) filter (where r.state in ('DECIDED', 'PUBLISHED')),
     count(*) filter (where r.state = 'PUBLISHED'),
     count(*) filter (where r.state in ('DECIDED', 'PUBLISHED') and r.final_grade = 'A'),
     count(*) filter (where r.state in ('DECIDED', 'PUBLISHED') and r.final_grade = 'B'),
     count(*) filter (where r.state in ('DECIDED', 'PUBLISHED') and r.final_grade = 'C'),
     count(*) filter (where r.state in ('DECIDED', 'PUBLISHED') and r.final_grade = 'D'),
     coalesce(sum(r.kpi) filter (where r.state in ('DECIDED', 'PUBLISHED')), 0),
     count(r.kpi) filter (where r.state in ('DECIDED', 'PUBLISHED')),
     coalesce(sum(r.quantity) filter (where r.state in ('DECIDED', 'PUBLISHED')), 0),
     coalesce(sum(r.quality) filter (where r.state in ('DECIDED', 'PUBLISHED')), 0),
     coalesce(sum(r.timeliness) filter (where r.state in ('DECIDED', 'PUBLISHED')), 0),
     count(r.quantity) filter (where r.state in ('DECIDED', 'PUBLISHED'))
    from reporting.result r ${join}
   group by r.unit_id, r.month`;

/**
 * The totals (in `jurisdictionMonthColumns`' order) of the jurisdiction-block-months of the
 * unit-months `join`ed (all of them without one).
 */
const jurisdictionMonthTotals = (join = '') => `
  select um.jurisdiction_id, um.block, um.month, sum(members), sum(submitted), sum(to_comment), sum(commented), sum(decided), sum(published),
         sum(grade_a), sum(grade_b), sum(grade_c), sum(grade_d), sum(kpi_sum), sum(kpi_count), sum(quantity_sum), sum(quality_sum),
         sum(timeliness_sum), sum(factor_count)
    from reporting.unit_month um ${join}
   group by um.jurisdiction_id, um.block, um.month`;

/** Recomputes the totals of the unit-months listed in the `touched` temporary table. */
async function refreshUnitMonths(tx: EntityManager): Promise<void> {
  // The jurisdiction-block-months the touched units belong to, before and after: from their totals
  // (the results themselves are read once, for the new totals).
  const jurisdictionsOfTouched = `select distinct um.jurisdiction_id, um.block, um.month from reporting.unit_month um join touched t on t.unit_id = um.unit_id and t.month = um.month`;
  await sqlRun(tx, `create temporary table touched_j on commit drop as ${jurisdictionsOfTouched}`);
  await sqlRun(tx, `delete from reporting.unit_month um using touched t where um.unit_id = t.unit_id and um.month = t.month`);
  await sqlRun(tx, `insert into reporting.unit_month (${unitMonthColumns}) ${unitMonthTotals('join touched t on t.unit_id = r.unit_id and t.month = r.month')}`);
  await sqlRun(tx, `insert into touched_j ${jurisdictionsOfTouched} except select * from touched_j`);
  await sqlRun(tx, `analyze touched_j`);
  await sqlRun(tx, `delete from reporting.jurisdiction_month jm using touched_j t where jm.jurisdiction_id = t.jurisdiction_id and jm.block = t.block and jm.month = t.month`);
  await sqlRun(
    tx,
    `insert into reporting.jurisdiction_month (${jurisdictionMonthColumns}) ${jurisdictionMonthTotals('join touched_j t on t.jurisdiction_id = um.jurisdiction_id and t.block = um.block and t.month = um.month')}`,
  );
}

/** A read model's definition as the migrations made it, read from the catalogue. */
interface TableDefinition {
  table: string;
  columns: { name: string; type: string; notNull: boolean; defaultValue: string | null }[];
  options: string | null;
  constraints: { name: string; definition: string }[];
  indexes: string[];
}

async function tableDefinition(tx: EntityManager, table: string): Promise<TableDefinition> {
  const columns = await sqlRows(
    tx,
    `select quote_ident(a.attname) as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null, pg_get_expr(d.adbin, d.adrelid) as default_value
       from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attrelid = ?::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum`,
    [table],
  );
  const [relation] = await sqlRows(tx, `select array_to_string(reloptions, ', ') as options from pg_class where oid = ?::regclass`, [table]);
  const constraints = await sqlRows(tx, `select quote_ident(conname) as name, pg_get_constraintdef(oid) as definition from pg_constraint where conrelid = ?::regclass order by conname`, [table]);
  const indexes = await sqlRows(
    tx,
    `select pg_get_indexdef(i.indexrelid) as definition from pg_index i
      where i.indrelid = ?::regclass and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.conrelid = i.indrelid)
      order by i.indexrelid`,
    [table],
  );
  return {
    table,
    columns: columns.map((c) => ({ name: c.name as string, type: c.type as string, notNull: Boolean(c.not_null), defaultValue: (c.default_value as string | null) ?? null })),
    options: (relation!.options as string | null) || null,
    constraints: constraints.map((c) => ({ name: c.name as string, definition: c.definition as string })),
    indexes: indexes.map((i) => i.definition as string),
  };
}

/**
 * Builds `<table>_rebuilt` from `select`, whose output columns are `columns` (names of the table's
 * columns, in the select's order): by CREATE TABLE AS — the one bulk write PostgreSQL 15 runs with
 * parallel workers, and one without indexes to maintain row by row — with the table's column order
 * and types (a column missing from `columns` fails). Returns the rows written.
 */
async function buildTable(tx: EntityManager, definition: TableDefinition, columns: string, select: string): Promise<number> {
  const list = definition.columns.map(({ name, type }) => `s.${name}::${type} as ${name}`).join(', ');
  return sqlRun(tx, `create table ${definition.table}_rebuilt as select ${list} from (${select}) as s(${columns})`);
}

/**
 * Puts `<table>_rebuilt` in the table's place with its NOT NULLs, defaults, storage options,
 * constraints and indexes, then analyzes it. The rows are packed: a fillfactor applies to the pages
 * written after the swap (past months are read, not updated). A view or foreign key on the table
 * makes the drop fail, loudly. The caller holds the table's exclusive lock.
 */
async function swapTable(tx: EntityManager, definition: TableDefinition): Promise<void> {
  const { table } = definition;
  await sqlRun(tx, `drop table ${table}`);
  await sqlRun(tx, `alter table ${table}_rebuilt rename to ${table.slice(table.indexOf('.') + 1)}`);
  const alterations = [
    ...definition.columns.filter((column) => column.notNull).map((column) => `alter column ${column.name} set not null`),
    ...definition.columns.filter((column) => column.defaultValue !== null).map((column) => `alter column ${column.name} set default ${column.defaultValue!}`),
    ...(definition.options ? [`set (${definition.options})`] : []),
  ];
  if (alterations.length > 0) await sqlRun(tx, `alter table ${table} ${alterations.join(', ')}`);
  for (const constraint of definition.constraints) await sqlRun(tx, `alter table ${table} add constraint ${constraint.name} ${constraint.definition}`);
  for (const index of definition.indexes) await sqlRun(tx, index);
  // Statistics now: the next step of a rebuild reads this table (unit totals from the results).
  await sqlRun(tx, `analyze ${table}`);
}

/** Applies everything pending; returns how many events it applied. */
export async function catchUp(em: EntityManager): Promise<number> {
  return applyPendingEvents(em);
}

/**
 * Rebuilds the read models from the whole outbox (`npm run projections:rebuild`), in one
 * transaction holding the projector's lock (the running projector waits until it commits). The
 * newest event of every aggregate is chosen on narrow columns (the outbox's winner index), then only
 * those payloads are read, each form written once however many events it had, and the unit totals
 * computed once from the results. Returns how many results and appeals it wrote.
 */
export async function rebuild(em: EntityManager): Promise<number> {
  return em.transactional(async (inner) => {
    const tx = inner as EntityManager;
    await sqlRun(tx, `select pg_advisory_xact_lock(?)`, [PROJECTOR_LOCK]);
    const [snapshot] = await sqlRows(tx, `select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`);
    const horizon = snapshot!.xmin as string;
    const [top] = await sqlRows(tx, `select coalesce(max(id), 0) as id from evaluation.outbox where txid < ?::xid8`, [horizon]);
    // Memory for the hash of 3 M winners joined to the log, and for the index builds.
    await sqlRun(tx, `set local work_mem = '512MB'`);
    await sqlRun(tx, `set local maintenance_work_mem = '1GB'`);
    // The winners in an unlogged table, kept and analyzed, rather than a temporary one: the parallel
    // workers that decode the payloads cannot read a session's temporary tables.
    await sqlRun(
      tx,
      `create unlogged table reporting.rebuild_winner as
       select distinct on (topic, aggregate_id) id, topic from evaluation.outbox where txid < ?::xid8 order by topic, aggregate_id, version desc, id desc`,
      [horizon],
    );
    await sqlRun(tx, `analyze reporting.rebuild_winner`);
    const [result, appeal, unitMonth, jurisdictionMonth] = [
      await tableDefinition(tx, 'reporting.result'),
      await tableDefinition(tx, 'reporting.appeal'),
      await tableDefinition(tx, 'reporting.unit_month'),
      await tableDefinition(tx, 'reporting.jurisdiction_month'),
    ];
    const results = await buildTable(tx, result, resultColumns, snapshots(`(select id from reporting.rebuild_winner where topic = 'form')`, formSnapshot));
    const appeals = await buildTable(tx, appeal, appealColumns, snapshots(`(select id from reporting.rebuild_winner where topic = 'appeal')`, appealSnapshot));
    await sqlRun(tx, `drop table reporting.rebuild_winner`);
    // Reports read the old tables until here, then wait for the commit. All four locked at once: a
    // reader of two of them cannot take one and wait on the other.
    await sqlRun(tx, `lock table ${[result, appeal, unitMonth, jurisdictionMonth].map((d) => d.table).join(', ')} in access exclusive mode`);
    await swapTable(tx, result);
    await swapTable(tx, appeal);
    await buildTable(tx, unitMonth, unitMonthColumns, unitMonthTotals());
    await swapTable(tx, unitMonth);
    await buildTable(tx, jurisdictionMonth, jurisdictionMonthColumns, jurisdictionMonthTotals());
    await swapTable(tx, jurisdictionMonth);
    await sqlRun(
      tx,
      `insert into reporting.checkpoint (projection, last_event_id, applied_at, horizon) values (?, ?, now(), ?::xid8)
       on conflict (projection) do update set last_event_id = excluded.last_event_id, applied_at = excluded.applied_at, horizon = excluded.horizon`,
      [PROJECTION, Number(top!.id), horizon],
    );
    return results + appeals;
  }).then(async (written) => {
    // The new tables' visibility map set now (index-only scans for the first reports), rather than
    // by an autovacuum of millions of rows under them; they were analyzed as they were built.
    await sqlRun(em, `vacuum reporting.result, reporting.unit_month, reporting.jurisdiction_month, reporting.appeal`);
    return written;
  });
}

/**
 * Keeps the projection current in a running subgraph: applies what is pending every `intervalMs`.
 * Returns a stop function.
 */
export function startProjector(fork: () => EntityManager, options: { intervalMs: number; onError: (error: unknown) => void }): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    try {
      await catchUp(fork());
    } catch (error) {
      options.onError(error);
    }
  };
  const timer = setInterval(() => {
    running = running.then(tick);
  }, options.intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
