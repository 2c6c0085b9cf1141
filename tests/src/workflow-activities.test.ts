import { MockActivityEnvironment } from '@temporalio/testing';
import { cycleSchedule, policies, type CycleEvent } from '@cbccvc/rules';
import { DevIdentityProviderAdapter } from '@cbccvc/organization';
import { createActivities, type Activities } from '@cbccvc/workflows';
import { createLogger } from '@cbccvc/platform';
import { ok, startTestSystem, type TestSystem } from './support/system';

/**
 * The workflows' activities (issue 6) in Temporal's MockActivityEnvironment over the real system's
 * PostgreSQL: each event of May 2026 of the demo ward, each run twice — the second run must leave
 * the same state (no second notification, no second missed-step record). Clock: 10 May 2026.
 */
let t: TestSystem;
let activities: Activities;
let ward: string;
const run = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R> => new MockActivityEnvironment().run(fn, ...args);
const person = (username: string) => t.seed.demoUsers.find((u) => u.username === username)!.personId;
const schedule = cycleSchedule(2026, 5, policies.hanoi2026);
const event = (key: string): CycleEvent => schedule.find((e) => e.key === key)!;
const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await t.system.orm.em.fork().getConnection().execute(text, params)) as T[];
const count = async (text: string, params: unknown[] = []) => Number((await sql<{ n: string }>(text, params))[0]!.n);
const handle = (e: CycleEvent) => run(activities.handleCycleEvent, { jurisdictionId: ward, month: '2026-05', policyId: 'hanoi2026', event: e });

beforeAll(async () => {
  t = await startTestSystem();
  ward = t.seed.jurisdictions.find((j) => j.parentId)!.id;
  activities = createActivities({
    orm: t.system.orm,
    identityProvider: new DevIdentityProviderAdapter(t.system.devIdentityProvider.store),
    mailer: null,
    clock: t.clock,
    logger: createLogger('test', 'silent'),
  });
  // nhanvien submits May's self-assessment; everyone else in the ward does not.
  const token = await t.login('nhanvien');
  const { openEvaluationForm } = await ok(t.gql<{ openEvaluationForm: { id: string; version: number } }>(token, 'mutation { openEvaluationForm(month: "2026-05") { id version } }'));
  const scores = (await ok(t.gql<{ criteriaFramework: { groups: { criteria: { code: string; max: number }[] }[] } }>(token, '{ criteriaFramework(form: FORM_03, month: "2026-05") { groups { criteria { code max } } } }')))
    .criteriaFramework.groups.flatMap((g) => g.criteria).map((c) => ({ code: c.code, score: c.max }));
  const saved = await ok(t.gql<{ saveSelfAssessment: { version: number } }>(token, 'mutation($id: ID!, $v: Int!, $i: SelfAssessmentInput!) { saveSelfAssessment(id: $id, expectedVersion: $v, input: $i) { version } }', { id: openEvaluationForm.id, v: openEvaluationForm.version, i: { scores } }));
  await ok(t.gql(token, 'mutation($id: ID!, $v: Int!) { submitSelfAssessment(id: $id, expectedVersion: $v) { id } }', { id: openEvaluationForm.id, v: saved.saveSelfAssessment.version }));
}, 60_000);
afterAll(async () => {
  t.clock.set('2026-05-10T03:00:00Z');
  await t?.stop();
});

const wardPeople = () => count(`select count(*) as n from organization.person p join organization.unit u on u.id = p.unit_id where p.active and u.jurisdiction_id = ?`, [ward]);
const notificationsOf = (username: string, kind: string) =>
  sql<{ title: string; body: string; key: string }>(`select title, body, key from organization.notification where person_id = ? and kind = ? order by created_at, key`, [person(username), kind]);

describe('the monthly cycle’s activities, each run twice', () => {
  it('OPEN opens everyone’s form and tells them the month is open, once', async () => {
    const first = await handle(event('2026-05/plan/open'));
    const forms = () => count(`select count(*) as n from evaluation.form f join organization.unit u on u.id = f.unit_id where f.month = '2026-05' and u.jurisdiction_id = ?`, [ward]);
    expect(await forms()).toBe(await wardPeople());
    // nhanvien's own form, opened and submitted before, is left as it was.
    expect(await count(`select count(*) as n from evaluation.form where person_id = ? and month = '2026-05' and state = 'SELF_SUBMITTED'`, [person('nhanvien')])).toBe(1);
    expect(first.concerned).toBe(await wardPeople());
    expect(first.notified).toBe(first.concerned);
    expect((await handle(event('2026-05/plan/open'))).notified).toBe(0);
    expect(await forms()).toBe(await wardPeople());
    expect(await count(`select count(*) as n from organization.notification where kind = 'MONTH_OPENED'`)).toBe(first.concerned);
  });

  it('REMIND reaches only those who have not submitted, with the deadline in Hà Nội time', async () => {
    const remind = schedule.find((e) => e.step === 'selfAssessment' && e.kind === 'REMIND' && e.daysBefore === 3)!;
    t.clock.set(remind.at);
    const first = await handle(remind);
    expect(first.concerned).toBe((await wardPeople()) - 1);
    expect(first.notified).toBe(first.concerned);
    expect(await notificationsOf('nhanvien', 'REMINDER')).toEqual([]);
    const [reminder] = await notificationsOf('phophong', 'REMINDER');
    expect(reminder!.body).toMatch(/tự đánh giá/i);
    expect(reminder!.body).toMatch(/24\/05\/2026/); // the last day on time, local
    expect((await handle(remind)).notified).toBe(0);
  });

  it('CLOSE records who missed the self-assessment, once; a reopened person is not missing and gets their own events', async () => {
    // The head reopens nhanvien's form to the draft for three days from the 24th.
    const decider = await t.login('truongphong');
    const [form] = await sql<{ id: string; version: number }>(`select id, version from evaluation.form where person_id = ? and month = '2026-05'`, [person('nhanvien')]);
    t.clock.set('2026-05-24T03:00:00Z');
    await ok(t.gql(decider, 'mutation($id: ID!, $v: Int!) { reopenEvaluation(id: $id, expectedVersion: $v, to: DRAFT, reason: "Bổ sung minh chứng", days: 3) { state } }', { id: form!.id, v: form!.version }));
    const close = schedule.find((e) => e.step === 'selfAssessment' && e.kind === 'CLOSE')!;
    t.clock.set(close.at);
    const first = await handle(close);
    expect(first.concerned).toBe((await wardPeople()) - 1);
    expect(first.reopened).toEqual([expect.objectContaining({ step: 'selfAssessment', actorId: person('nhanvien') })]);
    const missed = () => count(`select count(*) as n from evaluation.missed_step where month = '2026-05' and step = 'selfAssessment'`);
    expect(await missed()).toBe(first.concerned);
    expect(await count(`select count(*) as n from evaluation.missed_step where actor_id = ?`, [person('nhanvien')])).toBe(0);
    const second = await handle(close);
    expect(second.notified).toBe(0);
    expect(await missed()).toBe(first.concerned);
  });

  it('ESCALATE_SUPERIOR tells each direct leader who of theirs missed it, by name', async () => {
    const escalate = schedule.find((e) => e.step === 'selfAssessment' && e.kind === 'ESCALATE_SUPERIOR')!;
    const first = await handle(escalate);
    expect(first.notified).toBeGreaterThan(0);
    const [toHead] = await notificationsOf('truongphong', 'ESCALATION');
    const names = t.seed.people.filter((p) => p.unitId === t.seed.people.find((x) => x.id === person('nhanvien'))!.unitId && p.id !== person('truongphong') && p.id !== person('nhanvien')).map((p) => p.fullName);
    expect(toHead!.body).toContain(names[0]);
    expect(toHead!.body).not.toContain(t.seed.people.find((p) => p.id === person('nhanvien'))!.fullName); // reopened, not missing
    expect((await handle(escalate)).notified).toBe(0);
  });

  it('ESCALATE_BLOCK_ADMIN tells the block administrators one step later, one message per block they administer', async () => {
    const escalate = schedule.find((e) => e.step === 'selfAssessment' && e.kind === 'ESCALATE_BLOCK_ADMIN')!;
    t.clock.set(escalate.at);
    await handle(escalate);
    const toAdmin = await notificationsOf('admin.chinhquyen', 'ESCALATION');
    // The 2026 ward model gives the government block's office the schools too: one message per block.
    expect(toAdmin.map((n) => n.key.split('/').at(-1)).sort()).toEqual(['GOVERNMENT', 'SCHOOL']);
    for (const message of toAdmin) expect(message.title).toMatch(/người .* chưa hoàn thành tự đánh giá/);
    expect((await handle(escalate)).notified).toBe(0);
  });
});

describe('the comment and the decision: superiors and the next authority', () => {
  it('a missed comment goes to the decider; a missed decision to the decider’s own superior', async () => {
    t.clock.set('2026-05-10T03:00:00Z');
    const token = await t.login('daumoi');
    const { openEvaluationForm } = await ok(t.gql<{ openEvaluationForm: { id: string; version: number } }>(token, 'mutation { openEvaluationForm(month: "2026-05") { id version } }'));
    const scores = (await ok(t.gql<{ criteriaFramework: { groups: { criteria: { code: string; max: number }[] }[] } }>(token, '{ criteriaFramework(form: FORM_03, month: "2026-05") { groups { criteria { code max } } } }')))
      .criteriaFramework.groups.flatMap((g) => g.criteria).map((c) => ({ code: c.code, score: c.max }));
    const saved = await ok(t.gql<{ saveSelfAssessment: { version: number } }>(token, 'mutation($id: ID!, $v: Int!, $i: SelfAssessmentInput!) { saveSelfAssessment(id: $id, expectedVersion: $v, input: $i) { version } }', { id: openEvaluationForm.id, v: openEvaluationForm.version, i: { scores } }));
    await ok(t.gql(token, 'mutation($id: ID!, $v: Int!) { submitSelfAssessment(id: $id, expectedVersion: $v) { id } }', { id: openEvaluationForm.id, v: saved.saveSelfAssessment.version }));

    for (const kind of ['CLOSE', 'ESCALATE_SUPERIOR'] as const) {
      const e = schedule.find((x) => x.step === 'comment' && x.kind === kind)!;
      t.clock.set(e.at);
      const result = await handle(e);
      expect(result.concerned).toBe(1); // phophong, daumoi's commenter, did not comment
      expect((await handle(e)).notified).toBe(0);
    }
    expect(await count(`select count(*) as n from evaluation.missed_step where step = 'comment' and actor_id = ?`, [person('phophong')])).toBe(1);
    const [toDecider] = await notificationsOf('truongphong', 'ESCALATION').then((list) => list.filter((n) => n.key.includes('/comment/')));
    expect(toDecider!.body).toContain(t.seed.people.find((p) => p.id === person('phophong'))!.fullName);

    const decision = schedule.find((x) => x.step === 'decision' && x.kind === 'ESCALATE_NEXT_AUTHORITY')!;
    t.clock.set(decision.at);
    const escalated = await handle(decision);
    expect(escalated.concerned).toBe(1); // truongphong did not decide daumoi's form
    const office = t.seed.units.find((u) => u.id === t.seed.people.find((p) => p.id === person('truongphong'))!.unitId)!;
    const chairman = t.seed.people.find((p) => p.unitId === office.parentId && t.seed.positions.find((x) => x.id === p.positionId)!.rank === 'HEAD')!;
    const told = await sql<{ body: string }>(`select body from organization.notification where person_id = ? and kind = 'ESCALATION' and key like ?`, [chairman.id, '%/decision/%']);
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain(t.seed.people.find((p) => p.id === person('truongphong'))!.fullName);
    expect((await handle(decision)).notified).toBe(0);
  });
});

describe('an external authority’s step', () => {
  it('a collective comment not recorded by its deadline is the missed step of the accounts recording that authority’s decisions', async () => {
    t.clock.set('2026-05-10T03:00:00Z');
    const committee = t.seed.units.find((u) => u.kind === 'PARTY_COMMITTEE')!;
    const secretary = t.seed.people.find((p) => p.unitId === committee.id && t.seed.positions.find((x) => x.id === p.positionId)!.rank === 'HEAD')!;
    const [account] = await sql<{ username: string }>(`select username from organization.account where person_id = ?`, [secretary.id]);
    const token = await t.system.devIdentityProvider.issueToken({ ...(await t.devUser(account!.username)), passwordTemporary: false });
    const { openEvaluationForm } = await ok(t.gql<{ openEvaluationForm: { id: string; version: number } }>(token, 'mutation { openEvaluationForm(month: "2026-05") { id version } }'));
    const scores = (await ok(t.gql<{ criteriaFramework: { groups: { criteria: { code: string; max: number }[] }[] } }>(token, '{ criteriaFramework(form: FORM_01, month: "2026-05") { groups { criteria { code max } } } }')))
      .criteriaFramework.groups.flatMap((g) => g.criteria).map((c) => ({ code: c.code, score: c.max }));
    const saved = await ok(t.gql<{ saveSelfAssessment: { version: number } }>(token, 'mutation($id: ID!, $v: Int!, $i: SelfAssessmentInput!) { saveSelfAssessment(id: $id, expectedVersion: $v, input: $i) { version } }', { id: openEvaluationForm.id, v: openEvaluationForm.version, i: { scores } }));
    await ok(t.gql(token, 'mutation($id: ID!, $v: Int!) { submitSelfAssessment(id: $id, expectedVersion: $v) { id } }', { id: openEvaluationForm.id, v: saved.saveSelfAssessment.version }));
    const close = schedule.find((x) => x.step === 'comment' && x.kind === 'CLOSE')!;
    t.clock.set(close.at);
    await handle(close);
    expect(await count(`select count(*) as n from evaluation.missed_step where step = 'comment' and actor_id = ?`, [person('bantochuc')])).toBe(1);
    await handle(close);
    expect(await count(`select count(*) as n from evaluation.missed_step where step = 'comment' and actor_id = ?`, [person('bantochuc')])).toBe(1);
  });
});

describe('the password-deadline sweep, run twice', () => {
  it('locks an account whose temporary password was not changed within 5 days, in the identity provider too, and tells the person and the block admin', async () => {
    t.clock.set('2026-05-10T03:00:00Z');
    const city = await t.login('admin.thanhpho');
    const unit = t.seed.people.find((p) => p.id === person('nhanvien'))!.unitId;
    const position = t.seed.positions.find((p) => p.code === 'CHUYEN_VIEN')!.id;
    const { createPerson } = await ok(t.gql<{ createPerson: { id: string } }>(city, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', { i: { unitId: unit, positionId: position, name: 'Trần Văn Mới', staffKind: 'CIVIL_SERVANT' } }));
    const { issueAccount } = await ok(t.gql<{ issueAccount: { account: { username: string } } }>(city, 'mutation($p: ID!) { issueAccount(personId: $p) { account { username } } }', { p: createPerson.id }));
    const user = await t.devUser(issueAccount.account.username);
    const [row] = await sql<{ issued_at: string }>(`select coalesce(temporary_password_at, issued_at) as issued_at from organization.account where person_id = ?`, [createPerson.id]);
    const issued = { issued_at: new Date(row!.issued_at) };
    // Four days later nothing happens; five days after issue the account is locked.
    t.clock.set(new Date(issued!.issued_at.getTime() + 4 * 86_400_000));
    const statusOf = async () => (await sql<{ status: string }>(`select status from organization.account where person_id = ?`, [createPerson.id]))[0]!.status;
    await run(activities.lockExpiredAccounts, { rolloutDate: null }); // seeded accounts issued earlier may be locked now
    expect(await statusOf()).toBe('PENDING_PASSWORD_CHANGE');
    t.clock.set(new Date(issued!.issued_at.getTime() + 5 * 86_400_000));
    const swept = await run(activities.lockExpiredAccounts, { rolloutDate: null });
    expect(swept.locked).toBeGreaterThanOrEqual(1);
    const [account] = await sql<{ status: string; locked_reason: string }>(`select status, locked_reason from organization.account where person_id = ?`, [createPerson.id]);
    expect(account).toEqual({ status: 'LOCKED', locked_reason: 'Quá hạn đổi mật khẩu lần đầu' });
    expect((await t.system.devIdentityProvider.store.findById(user.id))!.enabled).toBe(false);
    const told = await sql<{ kind: string }>(`select kind from organization.notification where person_id = ? and kind = 'ACCOUNT_LOCKED'`, [createPerson.id]);
    expect(told).toHaveLength(1);
    expect((await notificationsOf('admin.chinhquyen', 'ACCOUNT_LOCKED')).length).toBeGreaterThanOrEqual(1);
    const again = await run(activities.lockExpiredAccounts, { rolloutDate: null });
    expect(again.locked).toBe(0);
    expect(await sql(`select kind from organization.notification where person_id = ? and kind = 'ACCOUNT_LOCKED'`, [createPerson.id])).toHaveLength(1);
  });
});
