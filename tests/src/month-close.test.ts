import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { applyQuota, combine360, gradeOf, policies, quotaCap, taskResult, type Grade } from '@cbccvc/rules';
import { computeMonthKpis, loadPlanningSeed } from '@cbccvc/planning';
import { closeMonth, loadEvaluationSeed } from '@cbccvc/evaluation';
import { startTestSystem, type TestSystem } from './support/system';

/**
 * Three months of the demo ward, loaded as `npm run seed -- --scale demo --month 2026-05 --months 3`
 * loads them (March and April closed and published, May open), then the set-based month close:
 * May decided as its deciders would, and the past months closed again under control.
 */
let t: TestSystem;
let em: EntityManager;
const month = '2026-05';
const past = ['2026-03', '2026-04'];
const policy = policies.hanoi2026;
let seeded: Awaited<ReturnType<typeof loadEvaluationSeed>>;
/** Forms per month and state right after the seed. */
let seededStates: { month: string; state: string; count: number }[];
const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> =>
  (await em.getConnection().execute(text, params)) as T[];

beforeAll(async () => {
  t = await startTestSystem();
  await loadPlanningSeed(t.system.planningOrm!, t.seed, { month, months: 3 });
  seeded = await loadEvaluationSeed(t.system.orm, t.seed, { month, months: 3 });
  em = t.system.orm.em.fork() as EntityManager;
  seededStates = await sql(`select month, state, count(*)::int as count from evaluation.form group by month, state order by month, state`);
  await sql(`update evaluation.form set state = 'SELF_SUBMITTED', submitted_at = now() where month = ?`, [month]);
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

type FormRow = {
  id: string; person_id: string; unit_id: string; commenter_id: string | null; commenter_authority_id: string | null; decider_id: string | null; state: string; rank: string; scope: string;
  final_score: string | null; final_grade: Grade | null; kpi: string | null; comment: string | null;
  submitted_at: string | null; commented_at: string | null; decided_at: string | null; published_at: string | null;
};
const ms = (at: string | null): number => (at === null ? Number.NaN : new Date(at).getTime());
const formsOf = (m: string) =>
  sql<FormRow>(
    // The quota scope (DOMAIN §6): everyone a decider decides within the decider's unit and its
    // subtree (the members outside it in one more scope); an external authority's per kind of post.
    `select f.id, f.person_id, f.unit_id, f.commenter_id, f.commenter_authority_id, f.decider_id, f.state, po.rank, f.final_score, f.final_grade, f.kpi, f.comment,
            f.submitted_at, f.commented_at, f.decided_at, f.published_at,
            case when f.decider_id is null then 'external:' || po.code
                 else f.decider_id::text || '@' || (case when u.path like '%/' || d.unit_id::text || '/%' then d.unit_id::text else 'outside' end) end as scope
       from evaluation.form f join organization.person p on p.id = f.person_id join organization.position po on po.id = p.position_id
       join organization.unit u on u.id = f.unit_id left join organization.person d on d.id = f.decider_id
      where f.month = ?`,
    [m],
  );
/** Every form of a month by its quota scope (none is split into duty groups here: each is one group). */
function scopes(forms: FormRow[]): Map<string, FormRow[]> {
  const byScope = new Map<string, FormRow[]>();
  for (const f of forms) byScope.set(f.scope, [...(byScope.get(f.scope) ?? []), f]);
  return byScope;
}
/** The decided grades follow the bands, lowered from A to B only by the quota, and A goes to the best staff scores of a scope first. */
function expectGradesFollowScores(group: FormRow[]) {
  for (const f of group) {
    const band = gradeOf(Number(f.final_score), policy);
    expect([f.person_id, f.final_grade]).toEqual([f.person_id, band === 'A' && f.final_grade === 'B' ? 'B' : band]);
  }
  const staff = group.filter((f) => f.rank === 'STAFF');
  const lowestA = Math.min(...staff.filter((f) => f.final_grade === 'A').map((f) => Number(f.final_score)));
  for (const f of staff.filter((x) => x.final_grade === 'B' && gradeOf(Number(x.final_score), policy) === 'A')) {
    expect([f.person_id, Number(f.final_score) <= lowestA]).toEqual([f.person_id, true]);
  }
}
/** Whom each leader manages: the forms they comment on or decide. */
function managedBy(forms: FormRow[]): Map<string, string[]> {
  const managed = new Map<string, string[]>();
  for (const f of forms) {
    for (const leader of new Set([f.commenter_id, f.decider_id])) {
      if (leader && leader !== f.person_id) managed.set(leader, [...(managed.get(leader) ?? []), f.person_id]);
    }
  }
  return managed;
}
/** Back to self-assessed (commented where there is a comment), as before the close. */
const reopen = (m: string) =>
  sql(
    `update evaluation.form set state = case when comment is null then 'SELF_SUBMITTED' else 'COMMENTED' end, final_score = null, final_grade = null,
        kpi = null, decided_at = null, decision_reason = null, published_at = null where month = ?`,
    [m],
  );

describe('the history seed (--months 3)', () => {
  it('closes and publishes every past month and leaves the last one in draft', () => {
    const people = t.seed.people.length;
    expect(seededStates).toEqual([
      { month: '2026-03', state: 'PUBLISHED', count: people },
      { month: '2026-04', state: 'PUBLISHED', count: people },
      { month: '2026-05', state: 'DRAFT', count: people },
    ]);
    expect(seeded.forms).toBe(3 * people);
    expect(seeded.published).toBe(2 * people);
    expect(seeded.closes.map((c) => c.month)).toEqual(past);
    for (const { close } of seeded.closes) {
      expect([close.decided, close.pending, close.withoutDecider, close.awaitingManaged]).toEqual([people, 0, 0, 0]);
      expect(close.leaderPasses).toBeGreaterThanOrEqual(3);
    }
  });

  it('dates every step of a past month in order and before its deadline, with a comment where there is a commenter', async () => {
    for (const m of past) {
      const forms = await formsOf(m);
      const [year, monthNumber] = m.split('-').map(Number) as [number, number];
      const nextMonth = `${monthNumber === 12 ? year + 1 : year}-${String((monthNumber % 12) + 1).padStart(2, '0')}`;
      for (const f of forms) {
        expect(ms(f.submitted_at)).toBeLessThan(Date.parse(`${m}-25T00:00:00+07:00`));
        expect(ms(f.submitted_at)).toBeGreaterThan(Date.parse(`${m}-15T00:00:00+07:00`));
        if (f.commenter_id || f.commenter_authority_id) {
          expect(f.comment).toEqual(expect.any(String));
          expect(ms(f.commented_at)).toBeGreaterThan(ms(f.submitted_at));
          expect(ms(f.commented_at)).toBeLessThan(Date.parse(`${m}-26T00:00:00+07:00`));
        } else expect([f.comment, f.commented_at]).toEqual([null, null]);
        expect(ms(f.decided_at)).toBeLessThan(Date.parse(`${m}-28T00:00:00+07:00`));
        expect(ms(f.decided_at)).toBeGreaterThan(ms(f.commented_at ?? f.submitted_at));
        expect(new Date(ms(f.published_at)).toISOString().slice(0, 7)).toBe(nextMonth);
        expect(ms(f.published_at)).toBeLessThan(Date.parse(`${nextMonth}-05T00:00:00+07:00`));
        expect(['A', 'B', 'C', 'D']).toContain(f.final_grade);
      }
    }
  });

  it('gives every month its own plans and tasks, drawn from one catalogue per unit', async () => {
    const units = t.seed.units.filter((u) => u.kind !== 'EXTERNAL_AUTHORITY').length;
    const people = t.seed.people.length;
    const leaders = (await formsOf(month)).filter((f) => f.rank !== 'STAFF').length;
    expect(await sql(`select effective_from, count(*)::int as count, count(distinct unit_id)::int as units from planning.catalogue_version group by effective_from`))
      .toEqual([{ effective_from: '2026-01', count: units, units }]);
    const plans = await sql<{ month: string; plans: number; approved: number }>(
      `select month, count(*)::int as plans, count(*) filter (where status = 'APPROVED')::int as approved from planning.plan group by month order by month`,
    );
    expect(plans.map((p) => [p.month, p.plans])).toEqual([['2026-03', units + people], ['2026-04', units + people], ['2026-05', units + people]]);
    expect(plans.slice(0, 2).every((p) => p.approved === p.plans)).toBe(true);
    // A task belongs to a plan of its own month, and its item to the catalogue of its own unit.
    expect(await sql(`select count(*)::int as n from planning.task t join planning.plan p on p.id = t.plan_id where p.month <> t.month or p.person_id <> t.person_id`)).toEqual([{ n: 0 }]);
    expect(await sql(
      `select count(*)::int as n from planning.task t join planning.catalogue_item i on i.id = t.catalogue_item_id
         join planning.catalogue_version v on v.id = i.version_id where v.unit_id <> t.unit_id`,
    )).toEqual([{ n: 0 }]);
    expect(await sql(`select month, count(*)::int as n from planning.leader_factors group by month order by month`))
      .toEqual([{ month: '2026-03', n: leaders }, { month: '2026-04', n: leaders }, { month: '2026-05', n: leaders }]);
    // Different work every month: the tasks per person and the titles differ.
    const perPerson = await sql<{ month: string; counts: string }>(
      `select month, string_agg(n::text, ',' order by person_id) as counts from (select month, person_id, count(*) as n from planning.task group by 1, 2) x group by month order by month`,
    );
    expect(perPerson).toHaveLength(3);
    expect(new Set(perPerson.map((p) => p.counts)).size).toBe(3);
    const [{ shared }] = await sql<{ shared: number }>(
      `select count(*)::int as shared from (select person_id, title, size from planning.task where month = '2026-04'
        intersect select person_id, title, size from planning.task where month = '2026-05') x`,
    );
    const [{ may }] = await sql<{ may: number }>(`select count(*)::int as may from planning.task where month = '2026-05'`);
    expect(shared).toBeLessThan(may * 0.2);
  });

  it('grades every scope of a past month under the quota: never more A grades than the cap', async () => {
    let bound = 0;
    for (const m of past) {
      const groups = scopes(await formsOf(m));
      expect(groups.size).toBeGreaterThan(10);
      for (const group of groups.values()) {
        // The cap of the whole scope by hand: fewer than 5 people → 1; else ⌊N/6⌋ of the N reaching B (GRADED_B, 20 %).
        const reachingB = group.filter((f) => Number(f.final_score) >= 70).length;
        const cap = group.length < 5 ? 1 : Math.floor(reachingB / 6);
        expect(quotaCap(group.length, group.map((f) => gradeOf(Number(f.final_score), policy)), policy)).toBe(cap);
        const a = group.filter((f) => f.final_grade === 'A').length;
        expect([group[0]!.scope, a <= cap]).toEqual([group[0]!.scope, true]);
        if (group.filter((f) => Number(f.final_score) >= 90).length > cap) bound += 1;
        expectGradesFollowScores(group);
      }
    }
    // The cap did hold some A-band scores back to B.
    expect(bound).toBeGreaterThan(0);
  });

  it("fixes a leader's KPI with the unit-results factor from the grades of the people they manage", async () => {
    const m = '2026-04';
    const forms = await formsOf(m);
    const score = new Map(forms.map((f) => [f.person_id, Number(f.final_score)]));
    const managed = managedBy(forms);
    const leaders = new Set(forms.filter((f) => f.rank !== 'STAFF').map((f) => f.person_id));
    const items = new Map((await computeMonthKpis(em, m, () => policy, (id) => leaders.has(id))).map((r) => [r.personId, r.items]));
    const factors = new Map((await sql<{ person_id: string; organisation: string; unity: string }>(
      `select person_id, organisation, unity from planning.leader_factors where month = ?`, [m],
    )).map((r) => [r.person_id, { organisation: Number(r.organisation), unity: Number(r.unity) }]));
    let checked = 0;
    for (const f of forms.filter((x) => x.rank !== 'STAFF')) {
      const people = managed.get(f.person_id) ?? [];
      // d: 100 % when everyone managed scores at the HTNV level (50) or above, else 50 % (003 III.3.3a).
      const unitResults = people.every((id) => score.get(id)! >= 50) ? 1 : 0.5;
      const expected = taskResult(items.get(f.person_id)!, { unitResults, ...factors.get(f.person_id)! }, policy)!.kpi;
      expect(Number(f.kpi)).toBeCloseTo(expected, 9);
      if (people.length) checked += 1;
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe('closeMonth', () => {
  let result: Awaited<ReturnType<typeof closeMonth>>;
  let decided: FormRow[];
  const steps: [string, number][] = [];

  beforeAll(async () => {
    result = await closeMonth(em, month, new Date('2026-05-26T03:00:00Z'), undefined, { onStep: (step, seconds) => steps.push([step, seconds]) });
    decided = (await formsOf(month)).filter((f) => f.state === 'DECIDED');
  });

  it('decides every form it can, and counts the rest by reason', async () => {
    const [{ count, external }] = await sql<{ count: number; external: number }>(
      `select count(*)::int as count, count(*) filter (where decider_id is null)::int as external from evaluation.form where month = ?`, [month],
    );
    expect(result.decided).toBe(decided.length);
    expect(result.decided + result.pending + result.withoutDecider + result.awaitingManaged + result.awaitingChoice).toBe(count);
    expect(result.withoutDecider).toBe(external);
    expect(external).toBeGreaterThan(0);
    expect(result.decided).toBeGreaterThan(count * 0.6);
    expect(Object.values(result.gradeCounts).reduce((a, b) => a + b, 0)).toBe(result.decided);
    expect(result.units).toBeGreaterThan(10);
  });

  it("grades the staff of every scope as the quota rules do, in a scope of everyone the decider decides", async () => {
    const all = scopes(await formsOf(month));
    const groups = scopes(decided);
    expect(groups.size).toBeGreaterThan(5);
    for (const [key, group] of groups) {
      // The staff are decided first, together: the scope's size counts everyone in it (leaders too).
      const staff = group.filter((r) => r.rank === 'STAFF');
      const expected = applyQuota(staff.map((r) => ({ id: r.person_id, score: Number(r.final_score) })), policies.hanoi2026, {
        standing: { group: { size: all.get(key)!.length, reachingB: 0, granted: 0, raised: false } },
      });
      for (const row of staff) expect([row.person_id, row.final_grade]).toEqual([row.person_id, expected.grades[row.person_id]]);
      const reachingB = group.filter((f) => Number(f.final_score) >= 70).length;
      const cap = all.get(key)!.length < 5 ? 1 : Math.floor(reachingB / 6);
      expect([key, group.filter((f) => f.final_grade === 'A').length <= cap]).toEqual([key, true]);
      expectGradesFollowScores(group);
    }
  });

  it('tells a benchmark how long each step took, in order', () => {
    expect(steps.map(([step]) => step)).toEqual(['forms read', 'KPIs computed', 'scored and decided under the quotas', 'decisions written', 'unit summaries']);
    for (const [, seconds] of steps) expect(seconds).toBeGreaterThanOrEqual(0);
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

describe('closeMonth over a closed month reopened', () => {
  it('decides a head whose decider is a head (same rank) after them, and leaves only the externally decided forms', async () => {
    const m = '2026-04';
    const before = new Map((await formsOf(m)).map((f) => [f.person_id, f.final_grade]));
    await reopen(m);
    const close = await closeMonth(em, m, new Date('2026-04-26T10:00:00Z'));
    const forms = await formsOf(m);
    const rank = new Map(forms.map((f) => [f.person_id, f.rank]));
    const external = forms.filter((f) => f.decider_id === null);
    expect(external.length).toBeGreaterThan(0);
    expect([close.pending, close.awaitingManaged, close.withoutDecider]).toEqual([0, 0, external.length]);
    expect(close.decided).toBe(forms.length - external.length);
    // Heads decided by a head, and the heads who decide them: all decided.
    const sameRank = forms.filter((f) => f.rank === 'HEAD' && f.decider_id && rank.get(f.decider_id) === 'HEAD');
    expect(sameRank.length).toBeGreaterThan(3);
    // Document 003: the heads who decide heads are the ward's Secretary and chairs, whom the authorities outside decide.
    const deciders = new Set(sameRank.map((f) => f.decider_id!));
    const deciderForms = forms.filter((f) => deciders.has(f.person_id));
    expect(deciderForms.length).toBe(deciders.size);
    for (const f of deciderForms) expect([f.person_id, f.decider_id]).toEqual([f.person_id, null]);
    for (const f of sameRank) expect([f.person_id, f.state]).toEqual([f.person_id, 'DECIDED']);
    // Sub-unit heads wait for their deputies, and the heads above wait for them: at least three passes.
    expect(close.leaderPasses).toBeGreaterThanOrEqual(3);
    for (const f of forms) {
      if (f.decider_id === null) expect([f.person_id, f.state, f.final_grade]).toEqual([f.person_id, f.comment ? 'COMMENTED' : 'SELF_SUBMITTED', null]);
      // The same data decided again: the same grades as the seed's close.
      else expect([f.person_id, f.state, f.final_grade]).toEqual([f.person_id, 'DECIDED', before.get(f.person_id)]);
    }
  });

  it('tells apart a pending KPI, a decider outside the data, and the leaders who wait on either', async () => {
    const m = '2026-03';
    await reopen(m);
    const forms = await formsOf(m);
    const staff = forms.filter((f) => f.rank === 'STAFF' && f.commenter_id && f.decider_id);
    // One staff member's decider is nobody in the organization; another's plan was never approved.
    const strayDecider = staff[0]!;
    const noPlan = staff.find((f) => f.unit_id !== strayDecider.unit_id)!;
    await sql(`update evaluation.form set decider_id = ? where id = ?`, [randomUUID(), strayDecider.id]);
    await sql(`update planning.plan set status = 'SUBMITTED', decided_at = null, decided_by = null where person_id = ? and month = ?`, [noPlan.person_id, m]);
    const close = await closeMonth(em, m, new Date('2026-03-26T10:00:00Z'));

    const after = await formsOf(m);
    const rank = new Map(after.map((f) => [f.person_id, f.rank]));
    const external = new Set(after.filter((f) => f.decider_id === null).map((f) => f.person_id));
    // Every leader who manages one of them, directly or through another leader, waits.
    const managers = new Map<string, string[]>();
    for (const [leader, people] of managedBy(after)) for (const p of people) managers.set(p, [...(managers.get(p) ?? []), leader]);
    const waiting = new Set<string>();
    const queue = [strayDecider.person_id, noPlan.person_id];
    while (queue.length) {
      for (const leader of managers.get(queue.pop()!) ?? []) {
        // (the stray decider is nobody: it has no rank)
        if (rank.get(leader) === undefined || rank.get(leader) === 'STAFF' || external.has(leader) || waiting.has(leader)) continue;
        waiting.add(leader);
        queue.push(leader);
      }
    }
    expect(waiting.size).toBeGreaterThanOrEqual(2);
    expect(close.withoutDecider).toBe(external.size + 1);
    expect(close.pending).toBe(1);
    expect(close.awaitingManaged).toBe(waiting.size);
    expect(close.decided).toBe(after.length - external.size - 2 - waiting.size);
    const undecided = new Set([...external, ...waiting, strayDecider.person_id, noPlan.person_id]);
    for (const f of after) {
      expect([f.person_id, f.state === 'DECIDED']).toEqual([f.person_id, !undecided.has(f.person_id)]);
    }
  });
});

describe('closeMonth under a 360° policy (Quảng Trị 2019)', () => {
  it('grades the mean of the self score and a closed round’s 360° score, and leaves members of an open round to their decider', async () => {
    const m = '2026-04';
    const before = await formsOf(m);
    const staff = before.filter((f) => f.rank === 'STAFF' && f.decider_id && f.final_score !== null);
    const rated = staff[0]!;
    const waiting = staff.find((f) => f.unit_id !== rated.unit_id)!;
    await reopen(m);
    const round = async (unitId: string, state: 'OPEN' | 'CLOSED', member: FormRow, scores: number[]) => {
      const id = randomUUID();
      await sql(`insert into evaluation.review_round (id, unit_id, month, state, opened_by, opened_at, closes_at) values (?, ?, ?, ?, 'test', now(), now())`, [id, unitId, m, state]);
      await sql(`insert into evaluation.review_member (round_id, person_id, month, review_group, part_unit_id) values (?, ?, ?, 'STAFF', ?)`, [id, member.person_id, m, unitId]);
      for (const score of scores) {
        await sql(`insert into evaluation.review_rating (round_id, rater_id, ratee_id, relation, score, rated_at) values (?, ?, ?, 'PEER', ?, now())`, [id, randomUUID(), member.person_id, score]);
      }
    };
    await round(rated.unit_id, 'CLOSED', rated, [60, 70]);
    await round(waiting.unit_id, 'OPEN', waiting, []);
    const close = await closeMonth(em, m, new Date('2026-04-26T10:00:00Z'), () => policies.quangTri2019);
    // The whole quota scope of the member whose round is open waits (one cap for the scope).
    const waitingGroup = before.filter((f) => f.scope === waiting.scope);
    // Its staff wait for the round; its leaders wait for it too, or for the staff they manage.
    expect(close.awaiting360).toBe(waitingGroup.filter((f) => f.rank === 'STAFF').length + waitingGroup.filter((f) => f.rank !== 'STAFF' && !managedBy(before).get(f.person_id)?.some((p) => waitingGroup.some((w) => w.person_id === p))).length);
    const after = new Map((await sql<{ person_id: string; state: string; final_score: string | null; score_360: string | null }>(
      `select person_id, state, final_score, score_360 from evaluation.form where month = ?`, [m])).map((f) => [f.person_id, f]));
    const selfScore = Number(rated.final_score); // the previous close, without 360°
    expect(after.get(rated.person_id)).toEqual({ person_id: rated.person_id, state: 'DECIDED', final_score: String(combine360(selfScore, 65, policies.quangTri2019).score.toFixed(2)), score_360: '65.00' });
    for (const f of waitingGroup) expect([f.person_id, after.get(f.person_id)!.state === 'DECIDED']).toEqual([f.person_id, false]);
  });
});
