import { MockActivityEnvironment } from '@temporalio/testing';
import { combine360, criteriaFramework, cycleSchedule, policies } from '@cbccvc/rules';
import { DevIdentityProviderAdapter } from '@cbccvc/organization';
import { createLogger } from '@cbccvc/platform';
import { createActivities } from '@cbccvc/workflows';
import { ok, outcome, startTestSystem, type TestSystem } from './support/system';

/**
 * A 360° round under the Quảng Trị 2019 policy (document 004, DOMAIN §8), as a real month of a
 * real unit through the gateway: a new justice office (head and three staff) plans and completes
 * its work, self-assesses, rates itself in the round, the head closes it and decides with the
 * combined scores, and the digital minutes reach the unit after the decision. Clock: 10 May 2026.
 */
let t: TestSystem;
let city: string;
let office: string;
const people: Record<'head' | 's1' | 's2' | 's3', { id: string; token: string }> = {} as never;
const month = '2026-05';
let roundId: string;

const framework = criteriaFramework('FORM_03');
const fullMarks = framework.groups.flatMap((g) => g.criteria).map((c) => ({ code: c.code, score: c.max }));

beforeAll(async () => {
  t = await startTestSystem({ wardPolicyId: 'quangTri2019' });
  city = await t.login('admin.thanhpho');
  const committee = t.seed.units.find((u) => u.kind === 'PEOPLES_COMMITTEE' && u.jurisdictionId !== t.seed.jurisdictions[0]!.id)!;
  office = (await ok(t.gql<{ createUnit: { id: string } }>(city, 'mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }', { i: { parentId: committee.id, code: 'PTP', name: 'Phòng Tư pháp', kind: 'OFFICE' } }))).createUnit.id;
  const position = (code: string) => t.seed.positions.find((p) => p.code === code)!.id;
  const names = { head: ['TRUONG_PHONG', 'Lê Văn Trưởng'], s1: ['CHUYEN_VIEN', 'Hoàng Thị Một'], s2: ['CHUYEN_VIEN', 'Hoàng Văn Hai'], s3: ['CHUYEN_VIEN', 'Hoàng Thị Ba'] } as const;
  for (const [key, [code, name]] of Object.entries(names)) {
    const { createPerson } = await ok(t.gql<{ createPerson: { id: string } }>(city, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', { i: { unitId: office, positionId: position(code), name, staffKind: 'CIVIL_SERVANT' } }));
    const { issueAccount } = await ok(t.gql<{ issueAccount: { account: { username: string } } }>(city, 'mutation($p: ID!) { issueAccount(personId: $p) { account { username } } }', { p: createPerson.id }));
    const token = await t.system.devIdentityProvider.issueToken({ ...(await t.devUser(issueAccount.account.username)), passwordTemporary: false });
    people[key as keyof typeof people] = { id: createPerson.id, token };
  }
  // Each staff member's month in planning: ad hoc work sized by the head, approved and done in full.
  for (const key of ['s1', 's2', 's3'] as const) {
    const { createPlan } = await ok(t.gql<{ createPlan: { id: string } }>(people[key].token, 'mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }', { i: { unitId: office, personId: people[key].id, month } }));
    const { addTask } = await ok(t.gql<{ addTask: { id: string } }>(people.head.token, 'mutation($i: AddTaskInput!) { addTask(input: $i) { id } }', { i: { planId: createPlan.id, title: 'Thẩm định văn bản', size: 2, assignedOn: '2026-05-04' } }));
    await ok(t.gql(people[key].token, 'mutation($id: ID!) { submitPlan(id: $id, expectedVersion: 1) { id } }', { id: createPlan.id }));
    await ok(t.gql(people.head.token, 'mutation($id: ID!) { approvePlan(id: $id, expectedVersion: 2) { id } }', { id: createPlan.id }));
    await ok(t.gql(people[key].token, 'mutation($id: ID!) { completeTask(id: $id, expectedVersion: 1, input: { completedOn: "2026-05-07", evidence: "Văn bản thẩm định" }) { id } }', { id: addTask.id }));
  }
}, 90_000);
afterAll(async () => {
  await t?.stop();
});

const roundFields = 'id state closesAt members { person { id } group ratingsExpected ratingsGiven } progress { expected given } myAssignments { ratee { id } relation score } minutes { published entries { person { id } fullName ratingsGiven score360 selfScore combinedScore rescoreSuggested opinions } }';
type Round = {
  id: string;
  state: string;
  closesAt: string;
  members: { person: { id: string }; group: string; ratingsExpected: number; ratingsGiven: number }[];
  progress: { expected: number; given: number };
  myAssignments: { ratee: { id: string }; relation: string; score: number | null }[];
  minutes: { published: boolean; entries: { person: { id: string }; fullName: string; ratingsGiven: number; score360: number | null; selfScore: number | null; combinedScore: number | null; rescoreSuggested: boolean; opinions: string[] }[] } | null;
};
const rateMutation = 'mutation($r: ID!, $p: ID!, $s: Float!, $c: String) { rateInReview(roundId: $r, personId: $p, score: $s, comment: $c) { ratee { id } relation score } }';
const readRound = (token: string) => t.gql<{ reviewRound: Round | null }>(token, `query($u: ID!) { reviewRound(unitId: $u, month: "${month}") { ${roundFields} } }`, { u: office });

describe('a 360° round under the Quảng Trị 2019 policy', () => {
  it('is opened by the head of the unit, with its members in their groups and who rates whom from the rules', async () => {
    const open = `mutation($u: ID!) { openReviewRound(unitId: $u, month: "${month}") { ${roundFields} } }`;
    expect(outcome(await t.gql(people.s1.token, open, { u: office }))).toBe('FORBIDDEN');
    const round = (await ok(t.gql<{ openReviewRound: Round }>(people.head.token, open, { u: office }))).openReviewRound;
    roundId = round.id;
    expect(round.state).toBe('OPEN');
    expect(round.closesAt).toBe('2026-05-25T17:00:00Z'); // the comment deadline: before the 26th
    const group = (id: string) => round.members.find((m) => m.person.id === id)!.group;
    expect([group(people.head.id), group(people.s1.id), group(people.s2.id), group(people.s3.id)]).toEqual(['LEADERSHIP', 'STAFF', 'STAFF', 'STAFF']);
    // 6 staff peer ratings, 3 staff rating the head, the head rating 3 staff, and the head's own
    // commenter and decider (the committee's leaders, outside the round) rating the head.
    expect(round.progress).toEqual({ expected: 14, given: 0 });
    expect(round.myAssignments.map((a) => a.relation).sort()).toEqual(['DIRECT_SUPERIOR', 'DIRECT_SUPERIOR', 'DIRECT_SUPERIOR']);
    // Opening again returns the same round.
    expect((await ok(t.gql<{ openReviewRound: Round }>(people.head.token, open, { u: office }))).openReviewRound.id).toBe(roundId);
  });

  it('takes ratings of submitted self-assessments only, from the raters the rules assigned, on 0–100', async () => {
    expect(outcome(await t.gql(people.s2.token, rateMutation, { r: roundId, p: people.s1.id, s: 70 }))).toBe('BAD_USER_INPUT'); // nothing submitted yet
    for (const key of ['s1', 's2', 's3'] as const) {
      const { openEvaluationForm } = await ok(t.gql<{ openEvaluationForm: { id: string; version: number } }>(people[key].token, `mutation { openEvaluationForm(month: "${month}") { id version } }`));
      const saved = await ok(t.gql<{ saveSelfAssessment: { version: number; score: number } }>(people[key].token, 'mutation($id: ID!, $v: Int!, $i: SelfAssessmentInput!) { saveSelfAssessment(id: $id, expectedVersion: $v, input: $i) { version score } }', { id: openEvaluationForm.id, v: openEvaluationForm.version, i: { scores: fullMarks, statedGrade: 'A' } }));
      expect(saved.saveSelfAssessment.score).toBe(100);
      await ok(t.gql(people[key].token, 'mutation($id: ID!, $v: Int!) { submitSelfAssessment(id: $id, expectedVersion: $v) { state } }', { id: openEvaluationForm.id, v: saved.saveSelfAssessment.version }));
    }
    expect(outcome(await t.gql(people.s1.token, rateMutation, { r: roundId, p: people.s1.id, s: 90 }))).toBe('FORBIDDEN'); // nobody rates themself
    const outsider = await t.login('nhanvien');
    expect(outcome(await t.gql(outsider, rateMutation, { r: roundId, p: people.s1.id, s: 90 }))).toBe('FORBIDDEN');
    expect(outcome(await t.gql(people.s2.token, rateMutation, { r: roundId, p: people.s1.id, s: 101 }))).toBe('BAD_USER_INPUT');
    // Colleagues and the head find s1's month weaker than s1 does: 360° score 72, 28 points below the self score.
    await ok(t.gql(people.s2.token, rateMutation, { r: roundId, p: people.s1.id, s: 70, c: 'Còn chậm tiến độ thẩm định' }));
    await ok(t.gql(people.s3.token, rateMutation, { r: roundId, p: people.s1.id, s: 64.35, c: 'Cần phối hợp tốt hơn' })); // 64.35 × 100 is not exact in binary: still 2 decimals
    await ok(t.gql(people.head.token, rateMutation, { r: roundId, p: people.s1.id, s: 74 }));
    // s2 is rated by a peer who agrees with the self score.
    await ok(t.gql(people.s1.token, rateMutation, { r: roundId, p: people.s2.id, s: 98, c: 'Hoàn thành xuất sắc' }));
    // A rater may change their rating while the round is open.
    const changed = await ok(t.gql<{ rateInReview: { score: number; relation: string } }>(people.s3.token, rateMutation, { r: roundId, p: people.s1.id, s: 72, c: 'Cần phối hợp tốt hơn với các phòng' }));
    expect(changed.rateInReview).toEqual({ ratee: { id: people.s1.id }, relation: 'PEER', score: 72 });
  });

  it('shows ratings and opinions with names to the ratee’s decider only', async () => {
    const ratings = `query($r: ID!, $p: ID!) { reviewRatings(roundId: $r, personId: $p) { rater { id } relation score comment } }`;
    const forDecider = await ok(t.gql<{ reviewRatings: { rater: { id: string }; score: number | null; comment: string | null }[] }>(people.head.token, ratings, { r: roundId, p: people.s1.id }));
    expect(forDecider.reviewRatings.filter((r) => r.score !== null).map((r) => [r.rater.id, r.score]).sort()).toEqual(
      [[people.head.id, 74], [people.s2.id, 70], [people.s3.id, 72]].sort(),
    );
    for (const token of [people.s2.token, people.s1.token, await t.login('admin.chinhquyen'), city]) {
      expect(outcome(await t.gql(token, ratings, { r: roundId, p: people.s1.id }))).toBe('FORBIDDEN');
    }
    // Members see the round and its progress, not the minutes while it is open.
    const seen = (await ok(readRound(people.s2.token))).reviewRound!;
    expect(seen.progress).toEqual({ expected: 14, given: 4 });
    expect(seen.minutes).toBeNull();
    expect(outcome(await readRound(await t.login('nhanvien')))).toBe('FORBIDDEN');
  });

  it('must be closed before the decision; ratings stop at its deadline', async () => {
    const preview = `query($u: ID!) { previewDecision(input: { unitId: $u, month: "${month}" }) { cap } }`;
    const refused = await t.gql(people.head.token, preview, { u: office });
    expect(outcome(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.message).toMatch(/360° round .* still open/);
    t.clock.set('2026-05-25T17:00:00Z');
    try {
      expect(outcome(await t.gql(people.s3.token, rateMutation, { r: roundId, p: people.s2.id, s: 95 }))).toBe('DEADLINE_PASSED');
    } finally {
      t.clock.set('2026-05-10T03:00:00Z');
    }
  });

  it('is closed, rated and its ratings read by nobody else (the permission matrix)', async () => {
    const others: [string, string][] = [];
    for (const username of ['nhanvien', 'truongphong', 'phophong', 'admin.dang', 'admin.truonghoc', 'phantich']) others.push([username, await t.login(username)]);
    const members: [string, string][] = [['s1', people.s1.token], ['s2', people.s2.token], ['s3', people.s3.token]];
    const close = 'mutation($r: ID!) { closeReviewRound(roundId: $r) { id } }';
    const ratings = 'query($r: ID!, $p: ID!) { reviewRatings(roundId: $r, personId: $p) { score } }';
    for (const [who, token] of [...others, ...members]) {
      expect([who, outcome(await t.gql(token, close, { r: roundId }))]).toEqual([who, 'FORBIDDEN']);
      expect([who, outcome(await t.gql(token, ratings, { r: roundId, p: people.s2.id }))]).toEqual([who, 'FORBIDDEN']);
    }
    for (const [who, token] of [...others, ['admin.chinhquyen', await t.login('admin.chinhquyen')] as [string, string], ['city', city] as [string, string]]) {
      expect([who, outcome(await t.gql(token, rateMutation, { r: roundId, p: people.s2.id, s: 90 }))]).toEqual([who, 'FORBIDDEN']);
    }
    expect((await ok(readRound(people.s2.token))).reviewRound!.progress.given).toBe(4); // nothing changed
  });

  it('closes by the head and compiles the digital minutes, first for whoever runs the round', async () => {
    const close = `mutation($r: ID!) { closeReviewRound(roundId: $r) { ${roundFields} } }`;
    expect(outcome(await t.gql(people.s2.token, close, { r: roundId }))).toBe('FORBIDDEN');
    const closed = (await ok(t.gql<{ closeReviewRound: Round }>(people.head.token, close, { r: roundId }))).closeReviewRound;
    expect(closed.state).toBe('CLOSED');
    const s1 = closed.minutes!.entries.find((e) => e.person.id === people.s1.id)!;
    expect(s1).toMatchObject({ fullName: 'Hoàng Thị Một', ratingsGiven: 3, score360: 72, selfScore: 100, combinedScore: 86, rescoreSuggested: true });
    expect(new Set(s1.opinions)).toEqual(new Set(['Cần phối hợp tốt hơn với các phòng', 'Còn chậm tiến độ thẩm định']));
    expect(closed.minutes!.published).toBe(false);
    expect((await ok(readRound(people.s2.token))).reviewRound!.minutes).toBeNull(); // not published before the decision
    expect(outcome(await t.gql(people.s2.token, rateMutation, { r: roundId, p: people.s3.id, s: 90 }))).toBe('BAD_USER_INPUT'); // closed
  });

  it('feeds the decision: the mean of self and 360° scores is graded, with the re-score suggestion', async () => {
    const fields = 'cap members { person { id } score selfScore score360 rescoreSuggested band grade }';
    const { previewDecision } = await ok(t.gql<{ previewDecision: { cap: number; members: { person: { id: string }; score: number; selfScore: number; score360: number | null; rescoreSuggested: boolean; band: string; grade: string }[] } }>(
      people.head.token, `query($u: ID!) { previewDecision(input: { unitId: $u, month: "${month}" }) { ${fields} } }`, { u: office }));
    const member = (key: 's1' | 's2' | 's3') => previewDecision.members.find((m) => m.person.id === people[key].id)!;
    const expected = combine360(100, 72, policies.quangTri2019);
    expect(member('s1')).toMatchObject({ score: expected.score, selfScore: 100, score360: 72, rescoreSuggested: true, band: 'B' }); // 86: band B under 90/75/50
    expect(member('s2')).toMatchObject({ score: 99, selfScore: 100, score360: 98, rescoreSuggested: false, band: 'A' });
    expect(member('s3')).toMatchObject({ score: 100, selfScore: 100, score360: null, rescoreSuggested: false, band: 'A' }); // nobody rated s3
    await ok(t.gql(people.head.token, `mutation($u: ID!) { decideEvaluations(input: { unitId: $u, month: "${month}", reason: "Tham khảo biên bản số", chosen: [] }) { cap } }`, { u: office }));
    const decided = await ok(t.gql<{ evaluationForm: { state: string; finalScore: number; score360: number; finalGrade: string } }>(people.s1.token, `query($p: ID!) { evaluationForm(personId: $p, month: "${month}") { state finalScore score360 finalGrade } }`, { p: people.s1.id }));
    expect(decided.evaluationForm).toEqual({ state: 'DECIDED', finalScore: 86, score360: 72, finalGrade: 'B' });
  });

  it('publishes the minutes to the unit once its members are decided', async () => {
    const seen = (await ok(readRound(people.s3.token))).reviewRound!;
    expect(seen.minutes!.published).toBe(true);
    const s1 = seen.minutes!.entries.find((e) => e.person.id === people.s1.id)!;
    expect(s1).toMatchObject({ score360: 72, combinedScore: 86, rescoreSuggested: true });
  });
});

describe('the 360° activities of the workflows, each run twice', () => {
  it('open every eligible unit’s round once, invite its raters once, and close it once', async () => {
    const activities = createActivities({ orm: t.system.orm, identityProvider: new DevIdentityProviderAdapter(t.system.devIdentityProvider.store), mailer: null, clock: t.clock, logger: createLogger('test', 'silent') });
    const run = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R> => new MockActivityEnvironment().run(fn, ...args);
    const ward = t.seed.jurisdictions.find((j) => j.parentId)!.id;
    const open = cycleSchedule(2026, 6, policies.quangTri2019).find((e) => e.step === 'review360' && e.kind === 'OPEN')!;
    const input = { jurisdictionId: ward, month: '2026-06', policyId: 'quangTri2019' as const, event: open };
    const first = await run(activities.handleCycleEvent, input);
    expect(first.rounds.length).toBeGreaterThan(1);
    expect(first.rounds.map((r) => r.unitId)).toContain(office);
    const second = await run(activities.handleCycleEvent, input);
    expect(second.rounds.map((r) => r.roundId)).toEqual(first.rounds.map((r) => r.roundId));
    const round = first.rounds.find((r) => r.unitId === office)!;
    const invited = await run(activities.inviteReview360, { roundId: round.roundId });
    expect(invited).toBeGreaterThanOrEqual(4);
    expect(await run(activities.inviteReview360, { roundId: round.roundId })).toBe(0);
    const closed = await run(activities.closeReview360, { roundId: round.roundId });
    expect(closed).toEqual({ given: 0, expected: 14 });
    expect(await run(activities.closeReview360, { roundId: round.roundId })).toEqual(closed);
    const [state] = (await t.system.orm.em.fork().getConnection().execute(`select state, minutes is not null as compiled from evaluation.review_round where id = ?`, [round.roundId])) as { state: string; compiled: boolean }[];
    expect(state).toEqual({ state: 'CLOSED', compiled: true });
  });
});
