import { generateSeed, type SeedData } from '@cbccvc/organization';
import {
  generatePlanningSeed, historyMonths, planningSeedSize,
  type PlanningSeedChunk, type SeedCatalogueItem, type SeedPlan, type SeedTask,
} from './generate';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** The Unix milliseconds of a version-7 UUID. */
const uuid7Ms = (id: string): number => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = '2026-05';
const CITY_TIMEOUT = 120_000;
const WARD_TIMEOUT = 30_000;

const round4 = (x: number): number => Math.round(x * 10000) / 10000;
const hasAtMostDecimals = (x: number, n: number): boolean => {
  const scaled = x * 10 ** n;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
};
const HOUR = 3_600_000;
/** The local (UTC+7) calendar day of an ISO timestamp; NaN-safe: '' when unparsable. */
const localDay = (iso: string): string => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : new Date(t + 7 * HOUR).toISOString().slice(0, 10);
};
const monthOf = (day: string): string => day.slice(0, 7);
const isValidDay = (day: string): boolean =>
  DAY.test(day) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 24 * HOUR).toISOString().slice(0, 10);

const GROUP_RANGE: Record<string, readonly [number, number]> = {
  'Nhóm I': [0.5, 1], 'Nhóm II': [1, 2], 'Nhóm III': [2, 5],
};

interface OrgLookup {
  unitById: Map<string, SeedData['units'][number]>;
  personById: Map<string, SeedData['people'][number]>;
  rankById: Map<string, 'HEAD' | 'DEPUTY' | 'STAFF'>;
  wardIds: string[];
}

function lookup(org: SeedData): OrgLookup {
  const rankByPosition = new Map(org.positions.map((p) => [p.id, p.rank] as const));
  return {
    unitById: new Map(org.units.map((u) => [u.id, u])),
    personById: new Map(org.people.map((p) => [p.id, p])),
    rankById: new Map(org.people.map((p) => [p.id, rankByPosition.get(p.positionId)!])),
    wardIds: org.jurisdictions.filter((j) => j.kind === 'WARD').map((j) => j.id),
  };
}

function collect(org: SeedData, month = MONTH, seed?: number): PlanningSeedChunk[] {
  return [...generatePlanningSeed(org, { month, seed })];
}

/** Every structural rule of one chunk; returns the violations (at most 20) so a failure names them. */
function violations(org: SeedData, o: OrgLookup, chunk: PlanningSeedChunk, month: string, uuid = UUID_V4): string[] {
  const errors: string[] = [];
  const fail = (msg: string): void => {
    if (errors.length < 20) errors.push(msg);
  };
  const inMonth = (iso: string | null, what: string, m = month): void => {
    if (iso === null || Number.isNaN(Date.parse(iso)) || !/(Z|[+-]\d{2}:\d{2})$/.test(iso)) fail(`${what}: bad timestamp ${iso}`);
    else if (monthOf(localDay(iso)) !== m) fail(`${what}: ${iso} outside ${m}`);
  };
  const dayInMonth = (day: string | null, what: string): void => {
    if (day === null || !isValidDay(day) || monthOf(day) !== month) fail(`${what}: day ${day} not in ${month}`);
  };

  // ids
  const ids = new Set<string>();
  const all = [
    ...chunk.catalogueVersions, ...chunk.catalogueItems, ...chunk.plans, ...chunk.tasks, ...chunk.reviews, ...chunk.delays,
  ];
  // The catalogue is generated with the last month: random ids; a past month's rows: time-ordered.
  const catalogueIds = new Set([...chunk.catalogueVersions, ...chunk.catalogueItems].map((x) => x.id));
  for (const { id } of all) {
    if (!(catalogueIds.has(id) ? UUID_V4 : uuid).test(id)) fail(`invalid uuid ${id}`);
    if (ids.has(id)) fail(`duplicate id ${id}`);
    ids.add(id);
  }

  // the ward's units and people
  const wardUnits = org.units.filter((u) => u.jurisdictionId === chunk.jurisdictionId && u.kind !== 'EXTERNAL_AUTHORITY');
  const wardUnitIds = new Set(wardUnits.map((u) => u.id));
  const wardPeople = org.people.filter((p) => wardUnitIds.has(p.unitId));

  // catalogue
  const versionByUnit = new Map<string, string>();
  const versionIds = new Set<string>();
  for (const v of chunk.catalogueVersions) {
    if (!wardUnitIds.has(v.unitId)) fail(`version ${v.id} for unit ${v.unitId} outside the ward`);
    if (versionByUnit.has(v.unitId)) fail(`unit ${v.unitId} has two catalogue versions`);
    versionByUnit.set(v.unitId, v.id);
    versionIds.add(v.id);
    if (v.effectiveFrom !== `${month.slice(0, 4)}-01`) fail(`version ${v.id} effective from ${v.effectiveFrom}`);
    if (v.standardUnit.trim().length === 0 || v.createdBy !== 'seed') fail(`version ${v.id} fields`);
    inMonth(v.createdAt, `version ${v.id} createdAt`, v.effectiveFrom);
  }
  if (versionByUnit.size !== wardUnits.length) fail(`${versionByUnit.size} catalogues for ${wardUnits.length} units`);
  const itemById = new Map<string, SeedCatalogueItem>();
  const codesByVersion = new Map<string, Set<string>>();
  for (const item of chunk.catalogueItems) {
    itemById.set(item.id, item);
    if (!versionIds.has(item.versionId)) fail(`item ${item.id} of unknown version`);
    const codes = codesByVersion.get(item.versionId) ?? new Set<string>();
    if (codes.has(item.code)) fail(`duplicate code ${item.code}`);
    codes.add(item.code);
    codesByVersion.set(item.versionId, codes);
    const range = GROUP_RANGE[item.complexityGroup];
    if (!range) fail(`item ${item.code} group ${item.complexityGroup}`);
    else if (item.factor < range[0] || item.factor > range[1]) fail(`item ${item.code} factor ${item.factor} outside ${item.complexityGroup}`);
    if (!(item.factor > 0) || !hasAtMostDecimals(item.factor, 2)) fail(`item ${item.code} factor ${item.factor}`);
    if (item.name.trim() === '' || item.unitOfMeasure.trim() === '' || !/^[A-Z]{2}\d{2}$/.test(item.code)) fail(`item ${item.id} fields`);
  }
  for (const [versionId, codes] of codesByVersion) {
    if (codes.size < 8 || codes.size > 20) fail(`version ${versionId} has ${codes.size} items`);
  }

  // plans
  const planById = new Map<string, SeedPlan>();
  const planOwners = new Set<string>();
  for (const p of chunk.plans) {
    planById.set(p.id, p);
    const owner = `${p.unitId}/${p.personId ?? '-'}`;
    if (planOwners.has(owner)) fail(`two plans for ${owner}`);
    planOwners.add(owner);
    if (!wardUnitIds.has(p.unitId)) fail(`plan ${p.id} of unit outside the ward`);
    if (p.personId !== null && o.personById.get(p.personId)?.unitId !== p.unitId) fail(`plan ${p.id}: person not in unit`);
    if (p.month !== month) fail(`plan ${p.id} month ${p.month}`);
    if (p.status === 'DRAFT') {
      if (p.submittedAt !== null || p.decidedAt !== null || p.decidedBy !== null) fail(`draft plan ${p.id} has dates`);
    } else {
      inMonth(p.submittedAt, `plan ${p.id} submittedAt`);
      if (p.status === 'APPROVED') {
        inMonth(p.decidedAt, `plan ${p.id} decidedAt`);
        if (p.decidedBy !== 'seed' || Date.parse(p.decidedAt!) < Date.parse(p.submittedAt!)) fail(`plan ${p.id} decision`);
      } else if (p.status !== 'SUBMITTED' || p.decidedAt !== null || p.decidedBy !== null) fail(`plan ${p.id} status ${p.status}`);
    }
  }
  for (const u of wardUnits) if (!planOwners.has(`${u.id}/-`)) fail(`unit ${u.code} has no plan`);
  for (const p of wardPeople) if (!planOwners.has(`${p.unitId}/${p.id}`)) fail(`person ${p.id} has no plan`);

  // tasks
  const taskById = new Map<string, SeedTask>();
  for (const t of chunk.tasks) {
    taskById.set(t.id, t);
    const plan = planById.get(t.planId);
    if (!plan || plan.personId !== t.personId || plan.unitId !== t.unitId) fail(`task ${t.id}: plan mismatch`);
    const person = o.personById.get(t.personId);
    if (!person || person.unitId !== t.unitId || !wardUnitIds.has(t.unitId)) fail(`task ${t.id}: person not in unit`);
    if (t.month !== month || t.createdBy !== 'seed' || t.title.trim() === '') fail(`task ${t.id} fields`);
    if (!(t.quantity > 0) || !(t.factor > 0) || !(t.size > 0) || !hasAtMostDecimals(t.size, 4)) fail(`task ${t.id} numbers`);
    if (t.catalogueItemId !== null) {
      const item = itemById.get(t.catalogueItemId);
      if (!item || item.versionId !== versionByUnit.get(t.unitId)) fail(`task ${t.id}: item not in its unit's catalogue`);
      else if (t.factor !== item.factor || !t.title.startsWith(item.name)) fail(`task ${t.id}: factor/title differ from item`);
      if (t.size !== round4(t.quantity * t.factor)) fail(`task ${t.id}: size ${t.size} ≠ ${t.quantity} × ${t.factor}`);
    } else if (t.quantity !== 1 || t.size !== t.factor || t.size < 0.5 || t.size > 3) fail(`ad hoc task ${t.id} size ${t.size}`);
    if (t.directedBy !== null) {
      const rank = o.rankById.get(t.directedBy);
      if (o.personById.get(t.directedBy)?.unitId !== t.unitId || rank === 'STAFF' || rank === undefined || t.directedBy === t.personId) {
        fail(`task ${t.id} directed by ${t.directedBy}, not a leader of its unit`);
      }
      if (o.rankById.get(t.personId) !== 'STAFF') fail(`task ${t.id} of a leader is directed`);
    }
    dayInMonth(t.assignedOn, `task ${t.id} assignedOn`);
    if (t.dueOn !== null) {
      dayInMonth(t.dueOn, `task ${t.id} dueOn`);
      if (t.dueOn < t.assignedOn) fail(`task ${t.id} due before assigned`);
    }
    if (t.completedOn !== null) {
      dayInMonth(t.completedOn, `task ${t.id} completedOn`);
      if (t.completedOn < t.assignedOn) fail(`task ${t.id} completed before assigned`);
      if (t.evidence === null || t.evidence.trim() === '') fail(`completed task ${t.id} without evidence`);
    } else if (t.evidence !== null || t.evidenceNote !== null) fail(`open task ${t.id} has evidence`);
    if (t.weekStart !== null) {
      const ws = t.weekStart;
      if (!isValidDay(ws) || new Date(`${ws}T00:00:00Z`).getUTCDay() !== 1 || ws > t.assignedOn || addDays(ws, 6) < t.assignedOn) {
        fail(`task ${t.id} weekStart ${ws} is not the Monday of ${t.assignedOn}`);
      }
    }
    if (t.arising && (plan?.status !== 'APPROVED' || localDay(plan.decidedAt!) >= t.assignedOn)) fail(`arising task ${t.id} not after approval`);
  }

  // reviews: only on completed tasks, exactly one pass that comes last, failures before it
  const passes = new Map<string, string>();
  const reviewsByTask = new Map<string, string[]>();
  for (const r of chunk.reviews) {
    const t = taskById.get(r.taskId);
    if (!t) {
      fail(`review ${r.id} of unknown task`);
      continue;
    }
    if (t.completedOn === null) fail(`review ${r.id} on an uncompleted task`);
    inMonth(r.recordedAt, `review ${r.id}`);
    const day = localDay(r.recordedAt);
    if (day < t.assignedOn || (t.completedOn !== null && day > t.completedOn)) fail(`review ${r.id} on ${day} outside the task's span`);
    if (r.recordedBy !== 'seed') fail(`review ${r.id} recordedBy ${r.recordedBy}`);
    if (r.passed) {
      if (passes.has(r.taskId)) fail(`task ${r.taskId} passed twice`);
      passes.set(r.taskId, r.recordedAt);
      if (r.excused) fail(`passed review ${r.id} excused`);
    }
    reviewsByTask.set(r.taskId, [...(reviewsByTask.get(r.taskId) ?? []), r.recordedAt]);
    checkExcuse(r, `review ${r.id}`);
  }
  for (const t of chunk.tasks) {
    if (t.completedOn !== null && !passes.has(t.id)) fail(`completed task ${t.id} without a passed review`);
  }
  for (const [taskId, times] of reviewsByTask) {
    const pass = passes.get(taskId);
    if (pass !== undefined && times.some((x) => Date.parse(x) > Date.parse(pass))) fail(`task ${taskId}: review after the pass`);
  }

  // delays: recorded after the due date (and by the completion)
  for (const d of chunk.delays) {
    const t = taskById.get(d.taskId);
    if (!t) {
      fail(`delay ${d.id} of unknown task`);
      continue;
    }
    inMonth(d.recordedAt, `delay ${d.id}`);
    const day = localDay(d.recordedAt);
    if (t.dueOn === null || day <= t.dueOn) fail(`delay ${d.id} on ${day}, due ${t.dueOn}`);
    if (t.completedOn !== null && day > t.completedOn) fail(`delay ${d.id} after completion`);
    if (d.recordedBy !== 'seed') fail(`delay ${d.id} recordedBy`);
    checkExcuse(d, `delay ${d.id}`);
  }

  // leader factors: exactly the ward's heads and deputies
  const leaders = new Set(wardPeople.filter((p) => o.rankById.get(p.id) !== 'STAFF').map((p) => p.id));
  const seen = new Set<string>();
  for (const f of chunk.leaderFactors) {
    if (!leaders.has(f.personId)) fail(`leader factors for non-leader ${f.personId}`);
    if (seen.has(f.personId)) fail(`leader factors twice for ${f.personId}`);
    seen.add(f.personId);
    if ((f.organisation !== 1 && f.organisation !== 0.5) || (f.unity !== 1 && f.unity !== 0.5)) fail(`factors ${f.organisation}/${f.unity}`);
    if (f.month !== month || f.setBy !== 'seed' || f.reason.trim() === '') fail(`leader factors ${f.personId} fields`);
    inMonth(f.setAt, `leader factors ${f.personId}`);
  }
  if (seen.size !== leaders.size) fail(`${seen.size} leader factor rows for ${leaders.size} leaders`);
  return errors;

  function checkExcuse(
    x: { excused: boolean; excuseReason: string | null; excusedBy: string | null; excusedAt: string | null; recordedAt: string },
    what: string,
  ): void {
    if (x.excused) {
      if (!x.excuseReason?.trim() || x.excusedBy !== 'seed' || x.excusedAt === null) fail(`${what}: excused without reason/by/at`);
      else {
        inMonth(x.excusedAt, `${what} excusedAt`);
        if (Date.parse(x.excusedAt) < Date.parse(x.recordedAt)) fail(`${what}: excused before recorded`);
      }
    } else if (x.excuseReason !== null || x.excusedBy !== null || x.excusedAt !== null) fail(`${what}: excuse fields without excuse`);
  }
}

interface Spread {
  tasks: number;
  completed: number;
  failedTasks: number;
  failures: number;
  excusedFailures: number;
  delayedTasks: number;
  delays: number;
  excusedDelays: number;
  adHoc: number;
  arising: number;
  staffTasks: number;
  directedStaffTasks: number;
  integerQuantities: number;
  catalogueTasks: number;
  plans: number;
  approvedPlans: number;
}

function spread(chunks: readonly PlanningSeedChunk[], o: OrgLookup): Spread {
  const s: Spread = {
    tasks: 0, completed: 0, failedTasks: 0, failures: 0, excusedFailures: 0, delayedTasks: 0, delays: 0, excusedDelays: 0,
    adHoc: 0, arising: 0, staffTasks: 0, directedStaffTasks: 0, integerQuantities: 0, catalogueTasks: 0, plans: 0, approvedPlans: 0,
  };
  for (const c of chunks) {
    s.tasks += c.tasks.length;
    for (const t of c.tasks) {
      if (t.completedOn !== null) s.completed++;
      if (t.catalogueItemId === null) s.adHoc++;
      else {
        s.catalogueTasks++;
        if (Number.isInteger(t.quantity)) s.integerQuantities++;
      }
      if (t.arising) s.arising++;
      if (o.rankById.get(t.personId) === 'STAFF') {
        s.staffTasks++;
        if (t.directedBy !== null) s.directedStaffTasks++;
      }
    }
    const failed = new Set<string>();
    for (const r of c.reviews) {
      if (r.passed) continue;
      s.failures++;
      failed.add(r.taskId);
      if (r.excused) s.excusedFailures++;
    }
    s.failedTasks += failed.size;
    const delayed = new Set<string>();
    for (const d of c.delays) {
      s.delays++;
      delayed.add(d.taskId);
      if (d.excused) s.excusedDelays++;
    }
    s.delayedTasks += delayed.size;
    s.plans += c.plans.length;
    s.approvedPlans += c.plans.filter((p) => p.status === 'APPROVED').length;
  }
  return s;
}

function tasksPerPerson(chunks: readonly PlanningSeedChunk[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of chunks) for (const t of c.tasks) out.set(t.personId, (out.get(t.personId) ?? 0) + 1);
  return out;
}

/** Two chunks are identical when their JSON is (compared as strings: a deep equal of 100,000 rows is slow). */
const sameJson = (a: PlanningSeedChunk, b: PlanningSeedChunk): boolean => JSON.stringify(a) === JSON.stringify(b);

describe('planning seed: demo scale', () => {
  const org = generateSeed('demo');
  const o = lookup(org);
  const chunks = collect(org);

  it('yields one chunk for the demo ward with no violations', () => {
    expect(chunks.map((c) => c.jurisdictionId)).toEqual(o.wardIds);
    expect(violations(org, o, chunks[0], MONTH)).toEqual([]);
  });

  it('gives every person a plan and 15–25 tasks, about 20 on average', () => {
    const counts = tasksPerPerson(chunks);
    expect(counts.size).toBe(org.people.length);
    const values = [...counts.values()];
    expect(Math.min(...values)).toBeGreaterThanOrEqual(15);
    expect(Math.max(...values)).toBeLessThanOrEqual(25);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThanOrEqual(17);
    expect(mean).toBeLessThanOrEqual(23);
    const personPlans = chunks[0].plans.filter((p) => p.personId !== null);
    expect(new Set(personPlans.map((p) => p.personId)).size).toBe(org.people.length);
  });

  it('is deterministic, and another seed gives other data', () => {
    expect(collect(org)).toEqual(chunks);
    const other = collect(org, MONTH, 7);
    expect(other[0].tasks.length).toBeGreaterThan(0);
    expect(other[0].tasks[0].id).not.toBe(chunks[0].tasks[0].id);
    expect(sameJson(other[0], chunks[0])).toBe(false);
  });

  it.each(['2026-02', '2024-02', '2026-12', '2027-01'])('keeps every date of %s inside that month', (month) => {
    const [chunk] = collect(org, month);
    expect(violations(org, o, chunk, month)).toEqual([]);
    expect(chunk.catalogueVersions.every((v) => v.effectiveFrom === `${month.slice(0, 4)}-01`)).toBe(true);
  });

  it('rejects a malformed month or seed at the call, before any chunk is requested', () => {
    expect(() => generatePlanningSeed(org, { month: '2026-13' })).toThrow(/YYYY-MM/);
    expect(() => generatePlanningSeed(org, { month: '2026-5' })).toThrow(/YYYY-MM/);
    expect(() => generatePlanningSeed(org, { month: MONTH, seed: Number.NaN })).toThrow(/seed/);
  });

  it('sizes the output from the organization data', () => {
    expect(planningSeedSize(org)).toEqual({ people: org.people.length, expectedTasks: 20 * org.people.length });
  });
});

describe('planning seed: a history of months', () => {
  const org = generateSeed('demo');
  const o = lookup(org);
  const history = [...generatePlanningSeed(org, { month: MONTH, months: 3 })];
  /** A past month's chunk with the catalogue it uses (carried by the ward's last month). */
  const withCatalogue = (chunk: PlanningSeedChunk, from: PlanningSeedChunk): PlanningSeedChunk =>
    ({ ...chunk, catalogueVersions: from.catalogueVersions, catalogueItems: from.catalogueItems });

  it('lists the months ending at the given one, and refuses a bad count', () => {
    expect(historyMonths('2026-05')).toEqual(['2026-05']);
    expect(historyMonths('2026-05', 3)).toEqual(['2026-03', '2026-04', '2026-05']);
    expect(historyMonths('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(historyMonths('2026-12', 24)).toHaveLength(24);
    expect(historyMonths('2026-12', 24)[0]).toBe('2025-01');
    for (const bad of [0, 25, 1.5, Number.NaN]) expect(() => historyMonths(MONTH, bad)).toThrow(/months/);
    expect(() => generatePlanningSeed(org, { month: MONTH, months: 25 })).toThrow(/months/);
    expect(() => historyMonths('2026-5', 2)).toThrow(/YYYY-MM/);
  });

  it('yields the last month first, equal to the single-month output, then the past months in order', () => {
    expect(history.map((c) => [c.jurisdictionId, c.month])).toEqual([
      [o.wardIds[0], '2026-05'], [o.wardIds[0], '2026-03'], [o.wardIds[0], '2026-04'],
    ]);
    expect(sameJson(history[0], collect(org)[0])).toBe(true);
    expect([...generatePlanningSeed(org, { month: MONTH, months: 3 })]).toEqual(history);
  });

  it('loads the catalogue once: past months carry none and draw their items from it', () => {
    const [last, ...past] = history;
    expect(last.catalogueVersions.length).toBeGreaterThan(10);
    for (const chunk of past) {
      expect([chunk.catalogueVersions, chunk.catalogueItems]).toEqual([[], []]);
      expect(violations(org, o, withCatalogue(chunk, last), chunk.month, UUID_V7)).toEqual([]);
      const items = new Set(last.catalogueItems.map((i) => i.id));
      const fromCatalogue = chunk.tasks.filter((t) => t.catalogueItemId !== null);
      expect(fromCatalogue.length).toBeGreaterThan(chunk.tasks.length * 0.8);
      expect(fromCatalogue.every((t) => items.has(t.catalogueItemId!))).toBe(true);
    }
  });

  it('gives every month its own ids and its own work, and approves every plan of a past month', () => {
    const ids = new Set<string>();
    let count = 0;
    for (const c of history) {
      for (const { id } of [...c.plans, ...c.tasks, ...c.reviews, ...c.delays]) {
        ids.add(id);
        count++;
      }
    }
    expect(ids.size).toBe(count);
    // The last month's ids are random, as the single-month output's; a past month's are time-ordered
    // within the month, every table's ascending in the order generated (an index appends them).
    expect([...history[0].plans, ...history[0].tasks].every((x) => UUID_V4.test(x.id))).toBe(true);
    for (const chunk of history.slice(1)) {
      for (const rows of [chunk.plans, chunk.tasks, chunk.reviews, chunk.delays]) {
        const ms = rows.map((x) => uuid7Ms(x.id));
        expect(ms.every((x, i) => i === 0 || x > ms[i - 1])).toBe(true);
        expect(new Date(ms[0] + 7 * HOUR).toISOString().slice(0, 7)).toBe(chunk.month);
        expect(new Date(ms[ms.length - 1] + 7 * HOUR).toISOString().slice(0, 7)).toBe(chunk.month);
      }
    }
    for (const chunk of history.slice(1)) {
      expect(chunk.plans.every((p) => p.status === 'APPROVED' && p.decidedAt !== null)).toBe(true);
      expect(chunk.leaderFactors.every((f) => f.month === chunk.month)).toBe(true);
      expect(chunk.tasks.length).toBeGreaterThan(15 * org.people.length);
    }
    // Different draws every month: tasks per person and titles differ.
    const counts = history.map((c) => [...tasksPerPerson([c]).values()].join(','));
    expect(new Set(counts).size).toBe(3);
    expect(history[1].tasks[0].title).not.toBe(history[2].tasks[0].title);
  });

  it('makes the catalogue effective from January of the first month, across a new year', () => {
    const chunks = [...generatePlanningSeed(org, { month: '2026-02', months: 3 })];
    expect(chunks.map((c) => c.month)).toEqual(['2026-02', '2025-12', '2026-01']);
    const [last, ...past] = chunks;
    expect(last.catalogueVersions.every((v) => v.effectiveFrom === '2025-01' && localDay(v.createdAt).startsWith('2025-01-'))).toBe(true);
    // The rest of the rules hold (the check expects a catalogue of the chunk's own year).
    const otherYear = (e: string) => /effective from|createdAt/.test(e);
    expect(violations(org, o, last, '2026-02').filter((e) => !otherYear(e))).toEqual([]);
    for (const chunk of past) expect(violations(org, o, withCatalogue(chunk, last), chunk.month, UUID_V7).filter((e) => !otherYear(e))).toEqual([]);
  });
});

describe('planning seed: ward scale', () => {
  const org = generateSeed('ward');
  const o = lookup(org);
  const chunks = collect(org);
  const chunk = chunks[0];

  it('yields one valid chunk for the ward', () => {
    expect(chunks).toHaveLength(1);
    expect(chunk.jurisdictionId).toBe(o.wardIds[0]);
    expect(violations(org, o, chunk, MONTH)).toEqual([]);
  }, WARD_TIMEOUT);

  it('is deterministic', () => {
    const again = collect(org);
    expect(again).toHaveLength(1);
    expect(sameJson(again[0], chunk)).toBe(true);
    expect(again[0].tasks.slice(0, 50)).toEqual(chunk.tasks.slice(0, 50));
  }, WARD_TIMEOUT);

  it('has a realistic spread of results', () => {
    const s = spread(chunks, o);
    const ratio = (a: number, b: number): number => a / b;
    expect(ratio(s.tasks, org.people.length)).toBeGreaterThan(19);
    expect(ratio(s.tasks, org.people.length)).toBeLessThan(21);
    expect(ratio(s.completed, s.tasks)).toBeGreaterThanOrEqual(0.85);
    expect(ratio(s.completed, s.tasks)).toBeLessThanOrEqual(0.95);
    expect(ratio(s.failedTasks, s.completed)).toBeGreaterThanOrEqual(0.03);
    expect(ratio(s.failedTasks, s.completed)).toBeLessThanOrEqual(0.1);
    expect(s.failures).toBeGreaterThan(s.failedTasks); // some tasks failed twice
    expect(ratio(s.excusedFailures, s.failures)).toBeGreaterThan(0.1);
    expect(ratio(s.excusedFailures, s.failures)).toBeLessThan(0.3);
    expect(ratio(s.delayedTasks, s.tasks)).toBeGreaterThanOrEqual(0.05);
    expect(ratio(s.delayedTasks, s.tasks)).toBeLessThanOrEqual(0.12);
    expect(s.delays).toBeGreaterThan(s.delayedTasks); // some tasks were late twice
    expect(ratio(s.excusedDelays, s.delays)).toBeGreaterThan(0.15);
    expect(ratio(s.excusedDelays, s.delays)).toBeLessThan(0.35);
    expect(ratio(s.adHoc, s.tasks)).toBeGreaterThan(0.08);
    expect(ratio(s.adHoc, s.tasks)).toBeLessThan(0.16);
    expect(ratio(s.arising, s.tasks)).toBeGreaterThan(0.02);
    expect(ratio(s.arising, s.tasks)).toBeLessThan(0.08);
    expect(ratio(s.directedStaffTasks, s.staffTasks)).toBeGreaterThan(0.2);
    expect(ratio(s.directedStaffTasks, s.staffTasks)).toBeLessThan(0.4);
    expect(ratio(s.integerQuantities, s.catalogueTasks)).toBeGreaterThan(0.85);
    expect(s.integerQuantities).toBeLessThan(s.catalogueTasks);
    expect(ratio(s.approvedPlans, s.plans)).toBeGreaterThan(0.9);
    expect(s.approvedPlans).toBeLessThan(s.plans);
  }, WARD_TIMEOUT);

  it('chooses catalogue items by kind of unit', () => {
    const versionUnit = new Map(chunk.catalogueVersions.map((v) => [v.id, o.unitById.get(v.unitId)!]));
    const namesOf = (pred: (u: SeedData['units'][number]) => boolean): Set<string> =>
      new Set(chunk.catalogueItems.filter((i) => pred(versionUnit.get(i.versionId)!)).map((i) => i.name));
    const school = namesOf((u) => u.kind === 'SCHOOL');
    const party = namesOf((u) => u.block === 'PARTY');
    const office = namesOf((u) => u.kind === 'OFFICE' || u.kind === 'SERVICE_UNIT' && u.block === 'GOVERNMENT');
    expect(school).toContain('Soạn giáo án');
    expect(school).toContain('Tiết dạy trên lớp');
    expect(party).toContain('Dự thảo nghị quyết');
    expect(office).toContain('Dự thảo văn bản hành chính');
    expect(office).toContain('Giải quyết thủ tục hành chính');
    expect([...school].filter((n) => office.has(n) || party.has(n))).toEqual([]);
    const groups = new Set(chunk.catalogueItems.map((i) => i.complexityGroup));
    expect([...groups].sort()).toEqual(['Nhóm I', 'Nhóm II', 'Nhóm III']);
  }, WARD_TIMEOUT);

  it('gives leader factors to every head and deputy, mostly full', () => {
    const rows = chunk.leaderFactors;
    expect(rows.length).toBe(org.people.filter((p) => o.rankById.get(p.id) !== 'STAFF').length);
    const fullOrganisation = rows.filter((r) => r.organisation === 1).length / rows.length;
    const fullUnity = rows.filter((r) => r.unity === 1).length / rows.length;
    expect(fullOrganisation).toBeGreaterThan(0.8);
    expect(fullOrganisation).toBeLessThan(1);
    expect(fullUnity).toBeGreaterThan(0.88);
    expect(fullUnity).toBeLessThan(1);
  }, WARD_TIMEOUT);
});

describe('planning seed: city scale', () => {
  it('yields one independent chunk per ward with about 20 tasks per person', () => {
    const org = generateSeed('city');
    const o = lookup(org);
    const size = planningSeedSize(org);
    const generator = generatePlanningSeed(org, { month: MONTH });
    const jurisdictions: string[] = [];
    const planIds = new Set<string>();
    let tasks = 0;
    let plans = 0;
    let duplicatePlanIds = 0;
    let misplacedTasks = 0;
    let first: PlanningSeedChunk | null = null;
    let lastErrors: string[] = [];
    let index = 0;
    for (const chunk of generator) {
      jurisdictions.push(chunk.jurisdictionId);
      tasks += chunk.tasks.length;
      plans += chunk.plans.length;
      for (const p of chunk.plans) {
        if (planIds.has(p.id)) duplicatePlanIds++;
        planIds.add(p.id);
      }
      for (const t of chunk.tasks) if (o.unitById.get(t.unitId)?.jurisdictionId !== chunk.jurisdictionId) misplacedTasks++;
      if (index === 0) first = chunk;
      if (index === o.wardIds.length - 1) lastErrors = violations(org, o, chunk, MONTH);
      index++;
    }
    expect(jurisdictions).toEqual(o.wardIds);
    expect(jurisdictions).toHaveLength(126);
    expect(size.people).toBe(org.people.length);
    expect(size.people).toBeGreaterThan(200_000);
    expect(Math.abs(tasks - 20 * size.people)).toBeLessThanOrEqual(0.15 * 20 * size.people);
    expect(Math.abs(tasks - size.expectedTasks)).toBeLessThanOrEqual(0.15 * size.expectedTasks);
    const wardUnits = org.units.filter((u) => u.kind !== 'EXTERNAL_AUTHORITY').length;
    expect(plans).toBe(wardUnits + size.people);
    expect(duplicatePlanIds).toBe(0);
    expect(misplacedTasks).toBe(0);
    expect(lastErrors).toEqual([]);

    // Each ward draws from its own stream: the first ward equals the 'ward' scale's only chunk.
    const wardOrg = generateSeed('ward');
    const [wardChunk] = collect(wardOrg);
    expect(first).not.toBeNull();
    expect(sameJson(first!, wardChunk)).toBe(true);
  }, CITY_TIMEOUT);
});

describe('planning seed: the current month as it stands (asOf)', () => {
  const org = generateSeed('demo');
  const o = lookup(org);
  // 14 May 2026, 10:00 in Hà Nội.
  const asOf = '2026-05-14T03:00:00Z';
  const full = [...generatePlanningSeed(org, { month: MONTH })][0]!;
  const now = [...generatePlanningSeed(org, { month: MONTH, asOf })][0]!;
  const after = (at: string | null) => at !== null && Date.parse(at) > Date.parse(asOf);

  it('dates nothing after the instant: completions, reviews, delays, excuses, plan decisions, leader factors', () => {
    expect(now.tasks.filter((t) => t.completedOn !== null && t.completedOn > '2026-05-14')).toEqual([]);
    expect(now.reviews.filter((r) => after(r.recordedAt) || after(r.excusedAt))).toEqual([]);
    expect(now.delays.filter((d) => after(d.recordedAt) || after(d.excusedAt))).toEqual([]);
    expect(now.plans.filter((p) => after(p.decidedAt) || after(p.submittedAt))).toEqual([]);
    expect(now.leaderFactors.filter((f) => after(f.setAt))).toEqual([]);
  });

  it('keeps the data consistent: no review of an open task, every completion with its passing review', () => {
    const completed = new Set(now.tasks.filter((t) => t.completedOn !== null).map((t) => t.id));
    expect(now.reviews.filter((r) => !completed.has(r.taskId))).toEqual([]);
    const passed = new Set(now.reviews.filter((r) => r.passed).map((r) => r.taskId));
    expect([...completed].filter((id) => !passed.has(id))).toEqual([]);
    // Every other rule of the generator still holds (leader factors are set late in the month: none yet by the 14th).
    expect(now.leaderFactors).toEqual([]);
    expect(violations(org, o, now, MONTH).filter((v) => !/leader factor rows/.test(v))).toEqual([]);
  });

  it('cuts only what is later: the same tasks, fewer completed, the earlier ones untouched', () => {
    expect(now.tasks.map((t) => t.id)).toEqual(full.tasks.map((t) => t.id));
    const doneBefore = full.tasks.filter((t) => t.completedOn !== null && t.completedOn <= '2026-05-13').map((t) => t.id);
    const doneNow = new Set(now.tasks.filter((t) => t.completedOn !== null).map((t) => t.id));
    expect(doneNow.size).toBeLessThan(full.tasks.filter((t) => t.completedOn !== null).length);
    expect(doneBefore.length).toBeGreaterThan(0);
    // A task done before the 14th with its passing review before then is still done.
    const passedBy = new Map(full.reviews.filter((r) => r.passed).map((r) => [r.taskId, r.recordedAt]));
    for (const id of doneBefore) if (!after(passedBy.get(id) ?? null)) expect([id, doneNow.has(id)]).toEqual([id, true]);
  });
});
