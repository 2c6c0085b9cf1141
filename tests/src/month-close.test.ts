import type { EntityManager } from '@mikro-orm/postgresql';
import { applyQuota, policies, type Grade } from '@cbccvc/rules';
import { loadPlanningSeed } from '@cbccvc/planning';
import { closeMonth, loadEvaluationSeed } from '@cbccvc/evaluation';
import { startTestSystem, type TestSystem } from './support/system';

/** The set-based month close over the demo ward: every group decided as its decider would. */
let t: TestSystem;
let em: EntityManager;
const month = '2026-05';

beforeAll(async () => {
  t = await startTestSystem();
  await loadPlanningSeed(t.system.planningOrm!, t.seed, { month });
  await loadEvaluationSeed(t.system.orm, t.seed, { month });
  em = t.system.orm.em.fork() as EntityManager;
  await em.getConnection().execute(`update evaluation.form set state = 'SELF_SUBMITTED', submitted_at = now() where month = ?`, [month]);
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

describe('closeMonth', () => {
  let result: Awaited<ReturnType<typeof closeMonth>>;
  type Row = { person_id: string; unit_id: string; decider_id: string; final_score: string; final_grade: Grade; rank: string };
  let decided: Row[];

  beforeAll(async () => {
    result = await closeMonth(em, month, new Date('2026-05-26T03:00:00Z'));
    decided = (await em.getConnection().execute(
      `select f.person_id, f.unit_id, f.decider_id, f.final_score, f.final_grade, po.rank from evaluation.form f
         join organization.person p on p.id = f.person_id join organization.position po on po.id = p.position_id
        where f.month = ? and f.state = 'DECIDED'`,
      [month],
    )) as Row[];
  });

  it('decides every form whose KPI is known, and counts the rest as pending', async () => {
    const [{ count }] = (await em.getConnection().execute(`select count(*)::int as count from evaluation.form where month = ?`, [month])) as [{ count: number }];
    expect(result.decided).toBe(decided.length);
    expect(result.decided + result.pending).toBe(count);
    expect(result.decided).toBeGreaterThan(count * 0.6);
    expect(Object.values(result.gradeCounts).reduce((a, b) => a + b, 0)).toBe(result.decided);
    expect(result.units).toBeGreaterThan(10);
  });

  it('grades every staff group exactly as the quota rules do', async () => {
    const groups = new Map<string, Row[]>();
    for (const row of decided.filter((r) => r.rank === 'STAFF')) {
      const key = `${row.unit_id}/${row.decider_id}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    expect(groups.size).toBeGreaterThan(5);
    for (const group of groups.values()) {
      const expected = applyQuota(group.map((r) => ({ id: r.person_id, score: Number(r.final_score) })), policies.hanoi2026);
      for (const row of group) expect([row.person_id, row.final_grade]).toEqual([row.person_id, expected.grades[row.person_id]]);
    }
  });

  it('decides leaders after the people they manage', async () => {
    expect(decided.some((r) => r.rank === 'DEPUTY')).toBe(true);
    expect(decided.some((r) => r.rank === 'HEAD')).toBe(true);
  });

  it('leaves nothing to decide when run again', async () => {
    const again = await closeMonth(em, month, new Date('2026-05-26T04:00:00Z'));
    expect(again.decided).toBe(0);
  });
});
