import { criteriaFramework, formScore, policies } from '@cbccvc/rules';
import { ok, outcome, startTestSystem, type TestSystem } from './support/system';

/**
 * The first steps of a month's evaluation through the gateway (issue 5, in progress): DOMAIN.md
 * §10 example 1 as a real month of a real unit — planning's KPI, the self-assessment on form 03,
 * the comment — with the server's deadlines and the read and write permissions.
 */
let t: TestSystem;
const tokens: Record<string, string> = {};
const as = (username: string) => tokens[username]!;
const person = (username: string) => t.seed.demoUsers.find((u) => u.username === username)!.personId;


beforeAll(async () => {
  t = await startTestSystem();
  for (const username of ['nhanvien', 'phophong', 'truongphong', 'daumoi', 'admin.chinhquyen', 'admin.dang']) tokens[username] = await t.login(username);
  // Example 1's items in planning: sizes 2, 1, 1, all completed; the first failed review once, the third was late once.
  const unit = t.seed.people.find((p) => p.id === person('nhanvien'))!.unitId;
  const created = await ok(t.gql<{ createCatalogueVersion: { items: { id: string }[] } }>(as('daumoi'), 'mutation($i: CatalogueVersionInput!) { createCatalogueVersion(input: $i) { items { id } } }', {
    i: { unitId: unit, effectiveFrom: '2026-01', standardUnit: 'Văn bản', items: [{ code: 'VB01', name: 'Dự thảo văn bản', complexityGroup: 'Nhóm I', unitOfMeasure: 'văn bản', factor: 1 }] },
  }));
  const item = created.createCatalogueVersion.items[0]!.id;
  const { createPlan } = await ok(t.gql<{ createPlan: { id: string } }>(as('nhanvien'), 'mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }', { i: { unitId: unit, personId: person('nhanvien'), month: '2026-05' } }));
  const tasks: string[] = [];
  for (const quantity of [2, 1, 1]) {
    const { addTask } = await ok(t.gql<{ addTask: { id: string } }>(as('nhanvien'), 'mutation($i: AddTaskInput!) { addTask(input: $i) { id } }', { i: { planId: createPlan.id, catalogueItemId: item, quantity, assignedOn: '2026-05-04' } }));
    tasks.push(addTask.id);
  }
  await ok(t.gql(as('nhanvien'), 'mutation($id: ID!) { submitPlan(id: $id, expectedVersion: 1) { id } }', { id: createPlan.id }));
  await ok(t.gql(as('phophong'), 'mutation($id: ID!) { approvePlan(id: $id, expectedVersion: 2) { id } }', { id: createPlan.id }));
  for (const id of tasks) await ok(t.gql(as('nhanvien'), 'mutation($id: ID!) { completeTask(id: $id, expectedVersion: 1, input: { completedOn: "2026-05-08", evidence: "Số 1/VHXH" }) { id } }', { id }));
  await ok(t.gql(as('phophong'), 'mutation($t: ID!) { recordQualityReview(taskId: $t, passed: false) { id } }', { t: tasks[0] }));
  await ok(t.gql(as('phophong'), 'mutation($t: ID!) { recordDelay(taskId: $t) { id } }', { t: tasks[2] }));
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

const formFields = 'id state form version general taskPoints score band statedDiffersFromBand commenter { id } decider { id } deadline';
type Form = { id: string; state: string; form: string; version: number; general: number | null; taskPoints: number | null; score: number | null; band: string | null; statedDiffersFromBand: boolean; commenter: { id: string } | null; decider: { id: string } | null; deadline: string };
const framework = criteriaFramework('FORM_03');
/** Full marks but one point less on 1.1, 2.1 and 3: general criteria 27, as in example 1. */
const example1Scores = framework.groups.flatMap((g) => g.criteria).map((c) => ({ code: c.code, score: ['1.1', '2.1', '3'].includes(c.code) ? c.max - 1 : c.max }));
const save = `mutation($id: ID!, $v: Int!, $i: SelfAssessmentInput!) { saveSelfAssessment(id: $id, expectedVersion: $v, input: $i) { ${formFields} } }`;
let form: Form;

describe('the self-assessment', () => {
  it('opens on the form of the person’s position, with their commenter and decider', async () => {
    form = (await ok(t.gql<{ openEvaluationForm: Form }>(as('nhanvien'), `mutation { openEvaluationForm(month: "2026-05") { ${formFields} } }`))).openEvaluationForm;
    expect(form).toMatchObject({ state: 'DRAFT', form: 'FORM_03', commenter: { id: person('phophong') }, decider: { id: person('truongphong') }, deadline: '2026-05-24T17:00:00Z' });
  });

  it('computes example 1 through packages/rules: 92.63, band A', async () => {
    const saved = (await ok(t.gql<{ saveSelfAssessment: Form }>(as('nhanvien'), save, { id: form.id, v: form.version, i: { scores: example1Scores, statedGrade: 'B' } }))).saveSelfAssessment;
    const expected = formScore({ framework, scores: Object.fromEntries(example1Scores.map((s) => [s.code, s.score])), kpi: 0.9375, statedGrade: 'B' }, policies.hanoi2026);
    expect(saved).toMatchObject({ general: 27, taskPoints: 65.63, score: 92.63, band: 'A', statedDiffersFromBand: true });
    expect(expected.score).toBe(92.63);
    form = saved;
  });

  it('refuses scores out of range, deductions above the criterion, other people and stale versions', async () => {
    const tooHigh = example1Scores.map((s) => (s.code === '1.1' ? { ...s, score: 3 } : s));
    expect(outcome(await t.gql(as('nhanvien'), save, { id: form.id, v: form.version, i: { scores: tooHigh } }))).toBe('BAD_USER_INPUT');
    const deduction = await t.gql(as('nhanvien'), save, { id: form.id, v: form.version, i: { scores: example1Scores, deductions: [{ code: '1.8', points: 2, reason: 'Vi phạm' }] } });
    expect(outcome(deduction)).toBe('BAD_USER_INPUT');
    expect(outcome(await t.gql(as('phophong'), save, { id: form.id, v: form.version, i: { scores: example1Scores } }))).toBe('FORBIDDEN');
    expect(outcome(await t.gql(as('nhanvien'), save, { id: form.id, v: form.version - 1, i: { scores: example1Scores } }))).toBe('CONFLICT');
  });

  it('is submitted by the person only', async () => {
    const submit = `mutation($id: ID!, $v: Int!) { submitSelfAssessment(id: $id, expectedVersion: $v) { ${formFields} } }`;
    expect(outcome(await t.gql(as('phophong'), submit, { id: form.id, v: form.version }))).toBe('FORBIDDEN');
    form = (await ok(t.gql<{ submitSelfAssessment: Form }>(as('nhanvien'), submit, { id: form.id, v: form.version }))).submitSelfAssessment;
    expect(form).toMatchObject({ state: 'SELF_SUBMITTED', deadline: '2026-05-25T17:00:00Z' });
  });
});

describe('the comment', () => {
  it('comes from the commenter only', async () => {
    const comment = `mutation($id: ID!, $v: Int!) { commentEvaluation(id: $id, expectedVersion: $v, input: { comment: "Hoàn thành tốt; cần chú ý chất lượng báo cáo" }) { ${formFields} } }`;
    expect(outcome(await t.gql(as('truongphong'), comment, { id: form.id, v: form.version }))).toBe('FORBIDDEN');
    form = (await ok(t.gql<{ commentEvaluation: Form }>(as('phophong'), comment, { id: form.id, v: form.version }))).commentEvaluation;
    expect(form.state).toBe('COMMENTED');
  });
});

describe('the decision under the quota', () => {
  const decisionFields = 'cap needsChoice { id } exceeded exceededExplanation members { person { id } score band grade explanation }';
  type Proposal = { cap: number; exceeded: boolean; exceededExplanation: string | null; members: { person: { id: string }; score: number; band: string; grade: string; explanation: string | null }[] };
  let unit: string;

  beforeAll(async () => {
    unit = t.seed.people.find((p) => p.id === person('nhanvien'))!.unitId;
    // A second person of the office with a perfect month: the A band twice in a group of fewer than 5.
    const item = (await ok(t.gql<{ catalogue: { items: { id: string }[] } }>(as('daumoi'), 'query($u: ID!) { catalogue(unitId: $u, month: "2026-05") { items { id } } }', { u: unit }))).catalogue.items[0]!.id;
    const { createPlan } = await ok(t.gql<{ createPlan: { id: string } }>(as('daumoi'), 'mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }', { i: { unitId: unit, personId: person('daumoi'), month: '2026-05' } }));
    const { addTask } = await ok(t.gql<{ addTask: { id: string } }>(as('daumoi'), 'mutation($i: AddTaskInput!) { addTask(input: $i) { id } }', { i: { planId: createPlan.id, catalogueItemId: item, quantity: 3, assignedOn: '2026-05-04' } }));
    await ok(t.gql(as('daumoi'), 'mutation($id: ID!) { submitPlan(id: $id, expectedVersion: 1) { id } }', { id: createPlan.id }));
    await ok(t.gql(as('phophong'), 'mutation($id: ID!) { approvePlan(id: $id, expectedVersion: 2) { id } }', { id: createPlan.id }));
    await ok(t.gql(as('daumoi'), 'mutation($id: ID!) { completeTask(id: $id, expectedVersion: 1, input: { completedOn: "2026-05-06", evidence: "Số 2/VHXH" }) { id } }', { id: addTask.id }));
    const own = (await ok(t.gql<{ openEvaluationForm: Form }>(as('daumoi'), `mutation { openEvaluationForm(month: "2026-05") { ${formFields} } }`))).openEvaluationForm;
    const full = framework.groups.flatMap((g) => g.criteria).map((c) => ({ code: c.code, score: c.max }));
    const saved = (await ok(t.gql<{ saveSelfAssessment: Form }>(as('daumoi'), save, { id: own.id, v: own.version, i: { scores: full } }))).saveSelfAssessment;
    expect(saved.score).toBe(100);
    const submitted = await ok(t.gql<{ submitSelfAssessment: Form }>(as('daumoi'), `mutation($id: ID!, $v: Int!) { submitSelfAssessment(id: $id, expectedVersion: $v) { ${formFields} } }`, { id: own.id, v: saved.version }));
    await ok(t.gql(as('phophong'), 'mutation($id: ID!, $v: Int!) { commentEvaluation(id: $id, expectedVersion: $v, input: { comment: "Xuất sắc" }) { id } }', { id: own.id, v: submitted.submitSelfAssessment.version }));
  });

  it('is previewed with the cap, the grades and why someone in the A band gets B', async () => {
    const { previewDecision } = await ok(t.gql<{ previewDecision: Proposal }>(as('truongphong'), `query($i: DecisionInput!) { previewDecision(input: $i) { ${decisionFields} } }`, { i: { unitId: unit, month: '2026-05' } }));
    expect(previewDecision.cap).toBe(1);
    const grade = (id: string) => previewDecision.members.find((m) => m.person.id === id)!;
    expect(grade(person('daumoi'))).toMatchObject({ score: 100, band: 'A', grade: 'A', explanation: null });
    expect(grade(person('nhanvien'))).toMatchObject({ score: 92.63, band: 'A', grade: 'B' });
    // Two people in the head's scope: fewer than 5, so one A, and it goes to the higher score.
    expect(grade(person('nhanvien')).explanation).toMatch(/dưới 5 người \(2 người\) được tối đa 1 người loại A/);
  });

  it('is made only by the decider, refuses a broken cap, and needs a reason', async () => {
    const mutation = `mutation($i: DecisionInput!) { decideEvaluations(input: $i) { ${decisionFields} } }`;
    expect(outcome(await t.gql(as('phophong'), mutation, { i: { unitId: unit, month: '2026-05', personIds: [person('nhanvien')], reason: 'x' } }))).toBe('FORBIDDEN');
    // Choosing the lower score for A as well would give two A where the cap is one.
    const broken = await t.gql(as('truongphong'), mutation, { i: { unitId: unit, month: '2026-05', reason: 'Họp xét tháng 5', chosen: [person('nhanvien')] } });
    expect(outcome(broken)).toBe('QUOTA_EXCEEDED');
    expect(broken.errors![0]!.extensions).toMatchObject({ group: 'Toàn bộ phạm vi', cap: 1, scopeCap: 1, granted: 0 });
    const noReason = await t.gql(as('truongphong'), mutation, { i: { unitId: unit, month: '2026-05' } });
    expect(noReason.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    const decided = await ok(t.gql<{ decideEvaluations: Proposal }>(as('truongphong'), mutation, { i: { unitId: unit, month: '2026-05', reason: 'Họp xét tháng 5' } }));
    expect(decided.decideEvaluations.members.map((m) => m.grade).sort()).toEqual(['A', 'B']);
  });

  it('fixes the score: later changes in planning move the live KPI, not the decision', async () => {
    const query = `query($p: ID!) { evaluationForm(personId: $p, month: "2026-05") { state finalScore finalGrade decisionReason score } }`;
    const before = await ok(t.gql<{ evaluationForm: { state: string; finalScore: number; finalGrade: string; decisionReason: string } }>(as('nhanvien'), query, { p: person('nhanvien') }));
    expect(before.evaluationForm).toMatchObject({ state: 'DECIDED', finalScore: 92.63, finalGrade: 'B', decisionReason: 'Họp xét tháng 5' });
    const plan = await ok(t.gql<{ personPlan: { tasks: { id: string }[] } }>(as('phophong'), 'query($p: ID!) { personPlan(personId: $p, month: "2026-05") { tasks { id } } }', { p: person('nhanvien') }));
    await ok(t.gql(as('phophong'), 'mutation($t: ID!) { recordDelay(taskId: $t) { id } }', { t: plan.personPlan.tasks[1]!.id }));
    const after = await ok(t.gql<{ evaluationForm: { finalScore: number; score: number } }>(as('nhanvien'), query, { p: person('nhanvien') }));
    expect(after.evaluationForm.finalScore).toBe(92.63);
    expect(after.evaluationForm.score).toBeLessThan(92.63);
  });
});

describe('publication and the unit summary', () => {
  it('are refused until every member is decided, and to anyone but the block aggregator', async () => {
    const unit = t.seed.people.find((p) => p.id === person('nhanvien'))!.unitId;
    const publish = 'mutation($u: ID!) { publishUnitMonth(unitId: $u, month: "2026-05") { state } }';
    expect(outcome(await t.gql(as('truongphong'), publish, { u: unit }))).toBe('FORBIDDEN');
    const early = await t.gql(as('admin.chinhquyen'), publish, { u: unit });
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unitId' });
    expect(early.errors![0]!.message).toMatch(/not decided yet/);
  });

  it('publishes a decided unit and lists it in the 01A layout', async () => {
    // A one-person team under the office: its member is decided by the office head.
    const office = t.seed.people.find((p) => p.id === person('nhanvien'))!.unitId;
    const city = await t.login('admin.thanhpho');
    const { createUnit } = await ok(t.gql<{ createUnit: { id: string } }>(city, 'mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }', { i: { parentId: office, code: 'TVH', name: 'Tổ văn hóa', kind: 'SUB_UNIT' } }));
    const staffPosition = t.seed.positions.find((p) => p.code === 'CHUYEN_VIEN')!.id;
    const { createPerson } = await ok(t.gql<{ createPerson: { id: string } }>(city, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', { i: { unitId: createUnit.id, positionId: staffPosition, name: 'Đinh Thị Tổ', staffKind: 'PUBLIC_EMPLOYEE' } }));
    const { issueAccount } = await ok(t.gql<{ issueAccount: { account: { username: string } } }>(city, 'mutation($p: ID!) { issueAccount(personId: $p) { account { username } } }', { p: createPerson.id }));
    const member = await t.devUser(issueAccount.account.username);
    const token = await t.system.devIdentityProvider.issueToken({ ...member, passwordTemporary: false });
    // Ad hoc work sized by the direct leader (the office head: the team has no deputy), done in full.
    const { createPlan } = await ok(t.gql<{ createPlan: { id: string } }>(token, 'mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }', { i: { unitId: createUnit.id, personId: createPerson.id, month: '2026-05' } }));
    const { addTask } = await ok(t.gql<{ addTask: { id: string } }>(as('truongphong'), 'mutation($i: AddTaskInput!) { addTask(input: $i) { id } }', { i: { planId: createPlan.id, title: 'Tổ chức ngày hội văn hóa', size: 2, assignedOn: '2026-05-04' } }));
    await ok(t.gql(token, 'mutation($id: ID!) { submitPlan(id: $id, expectedVersion: 1) { id } }', { id: createPlan.id }));
    await ok(t.gql(as('truongphong'), 'mutation($id: ID!) { approvePlan(id: $id, expectedVersion: 2) { id } }', { id: createPlan.id }));
    await ok(t.gql(token, 'mutation($id: ID!) { completeTask(id: $id, expectedVersion: 1, input: { completedOn: "2026-05-07", evidence: "Kế hoạch số 5" }) { id } }', { id: addTask.id }));
    const own = (await ok(t.gql<{ openEvaluationForm: Form }>(token, `mutation { openEvaluationForm(month: "2026-05") { ${formFields} } }`))).openEvaluationForm;
    expect(own.commenter).toBeNull();
    const saved = await ok(t.gql<{ saveSelfAssessment: Form }>(token, save, { id: own.id, v: own.version, i: { scores: example1Scores, statedGrade: 'A' } }));
    await ok(t.gql(token, 'mutation($id: ID!, $v: Int!) { submitSelfAssessment(id: $id, expectedVersion: $v) { state } }', { id: own.id, v: saved.saveSelfAssessment.version }));
    // The decider lowers criterion 1.2 by one point, with a reason: 26 + 70 = 96.
    const self12 = example1Scores.find((x) => x.code === '1.2')!.score;
    const finalScores = [{ personId: createPerson.id, scores: [{ code: '1.2', score: self12 - 1, reason: 'Chưa chủ động báo cáo tiến độ' }] }];
    const tooHigh = [{ personId: createPerson.id, scores: [{ code: '1.2', score: 9, reason: 'x' }] }];
    const noReason = [{ personId: createPerson.id, scores: [{ code: '1.2', score: self12 - 1, reason: ' ' }] }];
    const decideTeam = 'mutation($u: ID!, $f: [FinalScoresInput!]) { decideEvaluations(input: { unitId: $u, month: "2026-05", reason: "Họp xét", finalScores: $f }) { cap granted members { score band grade explanation } } }';
    expect(outcome(await t.gql(as('truongphong'), decideTeam, { u: createUnit.id, f: tooHigh }))).toBe('BAD_USER_INPUT');
    const missing = await t.gql(as('truongphong'), decideTeam, { u: createUnit.id, f: noReason });
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.finalScores[0].scores[0].reason' });
    // The team is in the office head's scope (the head decides it, within his unit's subtree): three
    // people, fewer than 5, cap 1 — and that A is already granted. 96 is in the A band but graded B.
    const decided = await ok(t.gql<{ decideEvaluations: { cap: number; granted: number; members: { score: number; band: string; grade: string; explanation: string }[] } }>(as('truongphong'), decideTeam, { u: createUnit.id, f: finalScores }));
    expect(decided.decideEvaluations).toMatchObject({ cap: 1, granted: 1, members: [{ score: 96, band: 'A', grade: 'B' }] });
    const fixed = await ok(t.gql<{ evaluationForm: { finalScore: number; finalGrade: string; quotaExplanation: string; finalScores: { code: string; score: number }[]; scoreChanges: unknown[] } }>(
      token, 'query($p: ID!) { evaluationForm(personId: $p, month: "2026-05") { finalScore finalGrade quotaExplanation finalScores { code score } scoreChanges { code from to reason } } }', { p: createPerson.id }));
    expect(fixed.evaluationForm).toMatchObject({ finalScore: 96, finalGrade: 'B', scoreChanges: [{ code: '1.2', from: self12, to: self12 - 1, reason: 'Chưa chủ động báo cáo tiến độ' }] });
    expect(fixed.evaluationForm.quotaExplanation).toMatch(/^Điểm 96 đạt mức A, nhưng .*tối đa 1 người loại A.*đã có 1 người được xếp loại A/);
    expect(fixed.evaluationForm.finalScores.find((x) => x.code === '1.2')!.score).toBe(self12 - 1);
    const announcement = 'query($u: ID!) { unitAnnouncement(unitId: $u, month: "2026-05") { unitName title rows { number fullName finalScore finalGrade gradeLabel quotaExplanation } totals { grade count } rewardProposals { fullName } } }';
    expect((await ok(t.gql<{ unitAnnouncement: unknown }>(as('admin.chinhquyen'), announcement, { u: createUnit.id }))).unitAnnouncement).toBeNull(); // not yet published
    const published = await ok(t.gql<{ publishUnitMonth: { state: string }[] }>(as('admin.chinhquyen'), 'mutation($u: ID!) { publishUnitMonth(unitId: $u, month: "2026-05") { state } }', { u: createUnit.id }));
    // Form 02A: published to the team, the leaders above it and the administrators.
    const announced = await ok(t.gql<{ unitAnnouncement: Record<string, unknown> }>(token, announcement, { u: createUnit.id }));
    expect(announced.unitAnnouncement).toEqual({
      unitName: 'Tổ văn hóa',
      title: 'THÔNG BÁO Kết quả đánh giá, xếp loại cán bộ, công chức, viên chức và người lao động tháng 05/2026',
      rows: [{ number: 1, fullName: 'Đinh Thị Tổ', finalScore: 96, finalGrade: 'B', gradeLabel: 'Hoàn thành tốt nhiệm vụ', quotaExplanation: fixed.evaluationForm.quotaExplanation }],
      totals: [{ grade: 'A', count: 0 }, { grade: 'B', count: 1 }, { grade: 'C', count: 0 }, { grade: 'D', count: 0 }],
      rewardProposals: [],
    });
    expect(outcome(await t.gql(as('truongphong'), announcement, { u: createUnit.id }))).toBe('OK');
    expect(outcome(await t.gql(as('nhanvien'), announcement, { u: createUnit.id }))).toBe('FORBIDDEN'); // staff of the office, not of the team
    expect(outcome(await t.gql(as('admin.dang'), announcement, { u: createUnit.id }))).toBe('FORBIDDEN'); // another block
    expect(published.publishUnitMonth.map((f) => f.state)).toEqual(['PUBLISHED']);
    const summary = await ok(t.gql<{ unitSummary: { published: boolean; rows: { section: string; number: number; fullName: string; taskPoints: number; selfGrade: string; finalGrade: string }[]; rewardProposals: { fullName: string }[] } }>(
      as('admin.chinhquyen'),
      'query($u: ID!) { unitSummary(unitId: $u, month: "2026-05") { published rows { section number fullName taskPoints selfGrade finalGrade } rewardProposals { fullName } } }',
      { u: createUnit.id },
    ));
    // Self: 27 general + 70 task points = 97, band A (the stated A agrees); final B by the quota.
    expect(summary.unitSummary).toEqual({
      published: true,
      rows: [{ section: 'STAFF', number: 1, fullName: 'Đinh Thị Tổ', taskPoints: 70, selfGrade: 'A', finalGrade: 'B' }],
      rewardProposals: [],
    });
    expect(outcome(await t.gql(token, 'query($u: ID!) { unitSummary(unitId: $u, month: "2026-05") { published } }', { u: createUnit.id }))).toBe('FORBIDDEN');
  });

  it('lets the person keep an opinion or appeal; the next level answers, and the decision stands until changed', async () => {
    const city = await t.login('admin.thanhpho');
    const [row] = (await t.system.orm.em.getConnection().execute(
      `select f.id, f.person_id, a.username from evaluation.form f join organization.person p on p.id = f.person_id
         join organization.account a on a.person_id = p.id where p.full_name = 'Đinh Thị Tổ'`,
    )) as { id: string; person_id: string; username: string }[];
    const member = await t.devUser(row!.username);
    const token = await t.system.devIdentityProvider.issueToken({ ...member, passwordTemporary: false });
    const file = 'mutation($f: ID!, $k: AppealKind!) { appealEvaluation(formId: $f, kind: $k, text: "Tôi đề nghị xem xét lại") { id status } }';
    expect(outcome(await t.gql(as('nhanvien'), file, { f: row!.id, k: 'APPEAL' }))).toBe('FORBIDDEN');
    const opinion = await ok(t.gql<{ appealEvaluation: { status: string } }>(token, file, { f: row!.id, k: 'OPINION' }));
    expect(opinion.appealEvaluation.status).toBe('UPHELD');
    const appeal = await ok(t.gql<{ appealEvaluation: { id: string; status: string } }>(token, file, { f: row!.id, k: 'APPEAL' }));
    expect(appeal.appealEvaluation.status).toBe('OPEN');
    const state = async () => (await ok(t.gql<{ evaluationForm: { state: string; finalGrade: string | null } }>(token, 'query($p: ID!) { evaluationForm(personId: $p, month: "2026-05") { state finalGrade } }', { p: row!.person_id }))).evaluationForm;
    // One open appeal per person and month.
    const second = await t.gql(token, file, { f: row!.id, k: 'APPEAL' });
    expect(second.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'formId' });
    expect(await state()).toEqual({ state: 'PUBLISHED', finalGrade: 'B' }); // stands meanwhile
    const answer = 'mutation($a: ID!) { answerAppeal(appealId: $a, status: CHANGED, outcome: "Xem xét lại điểm tiêu chí 2.1") { status decidedBy } }';
    expect(outcome(await t.gql(as('truongphong'), answer, { a: appeal.appealEvaluation.id }))).toBe('FORBIDDEN'); // the decider is not the next level
    const answered = await ok(t.gql<{ answerAppeal: { status: string; decidedBy: string } }>(city, answer, { a: appeal.appealEvaluation.id }));
    expect(answered.answerAppeal).toEqual({ status: 'CHANGED', decidedBy: 'admin.thanhpho' });
    expect(await state()).toEqual({ state: 'SELF_SUBMITTED', finalGrade: null }); // back to the decider
    // Re-decided within the same group's cap: the one A of the scope is held by another member, so
    // 96 stays B; the new decision answers the appeal, and both are audited.
    const redecide = 'mutation($p: ID!) { decideEvaluations(input: { month: "2026-05", personIds: [$p], reason: "Xét lại theo kiến nghị" }) { cap granted members { grade } } }';
    const again = await ok(t.gql<{ decideEvaluations: { cap: number; granted: number; members: { grade: string }[] } }>(as('truongphong'), redecide, { p: row!.person_id }));
    expect(again.decideEvaluations).toEqual({ cap: 1, granted: 1, members: [{ grade: 'B' }] });
    const linked = await ok(t.gql<{ evaluationForm: { state: string; finalGrade: string; answersAppeal: { id: string; status: string } } }>(
      token, 'query($p: ID!) { evaluationForm(personId: $p, month: "2026-05") { state finalGrade answersAppeal { id status } } }', { p: row!.person_id }));
    expect(linked.evaluationForm).toEqual({ state: 'DECIDED', finalGrade: 'B', answersAppeal: { id: appeal.appealEvaluation.id, status: 'CHANGED' } });
    const audits = (await t.system.orm.em.getConnection().execute(`select action from evaluation.audit_log where entity_id = ? order by id`, [row!.id])) as { action: string }[];
    expect(audits.map((a) => a.action).slice(-3)).toEqual(['appeal.changed', 'form.decide', 'appeal.redecided']);
  });

  it('takes a Party cell comment from Party members only', async () => {
    const city = await t.login('admin.thanhpho');
    const [row] = (await t.system.orm.em.getConnection().execute(
      `select f.id, f.version, p.id as person_id, p.version as person_version, a.username from evaluation.form f join organization.person p on p.id = f.person_id
         join organization.account a on a.person_id = p.id where p.full_name = 'Đinh Thị Tổ'`,
    )) as { id: string; version: number; person_id: string; person_version: number; username: string }[];
    const token = await t.system.devIdentityProvider.issueToken({ ...(await t.devUser(row!.username)), passwordTemporary: false });
    const attach = 'mutation($f: ID!, $v: Int!) { attachPartyCellComment(formId: $f, expectedVersion: $v, comment: "Chi bộ khu dân cư số 3: gương mẫu") { partyCellComment } }';
    expect(outcome(await t.gql(token, attach, { f: row!.id, v: row!.version }))).toBe('BAD_USER_INPUT');
    await ok(t.gql(city, 'mutation($id: ID!, $v: Int!) { updatePerson(id: $id, expectedVersion: $v, input: { partyMember: true }) { id } }', { id: row!.person_id, v: row!.person_version }));
    const attached = await ok(t.gql<{ attachPartyCellComment: { partyCellComment: string } }>(token, attach, { f: row!.id, v: row!.version }));
    expect(attached.attachPartyCellComment.partyCellComment).toMatch(/Chi bộ/);
  });
});

describe('the demo walk-through', () => {
  it("has logins for the head's own chain: the People's Committee chair decides the office head, the vice chair comments", async () => {
    const chain = await ok(t.gql<{ evaluationChain: { commenter: { id: string } | null; decider: { id: string } | null } }>(
      as('admin.chinhquyen'), 'query($p: ID!) { evaluationChain(personId: $p, month: "2026-05") { commenter { id } decider { id } } }', { p: person('truongphong') }));
    expect(chain.evaluationChain).toEqual({ commenter: { id: person('phochutich') }, decider: { id: person('chutich') } });
    expect(outcome(await t.gql(await t.login('chutich'), '{ me { username } }'))).toBe('OK');
  });
});

describe('reading', () => {
  it('is for the person, the commenter, the decider and administrators in scope', async () => {
    const query = `query($p: ID!) { evaluationForm(personId: $p, month: "2026-05") { state } }`;
    for (const [who, expected] of [['nhanvien', 'OK'], ['phophong', 'OK'], ['truongphong', 'OK'], ['admin.chinhquyen', 'OK'], ['daumoi', 'FORBIDDEN'], ['admin.dang', 'FORBIDDEN']] as const) {
      expect([who, outcome(await t.gql(as(who), query, { p: person('nhanvien') }))]).toEqual([who, expected]);
    }
  });

  it('shows a unit head who has not submitted yet, and is on the Person entity', async () => {
    const unit = t.seed.people.find((p) => p.id === person('nhanvien'))!.unitId;
    const status = await ok(t.gql<{ unitEvaluationStatus: { person: { id: string }; state: string | null }[] }>(as('truongphong'), 'query($u: ID!) { unitEvaluationStatus(unitId: $u, month: "2026-05") { person { id } state } }', { u: unit }));
    expect(status.unitEvaluationStatus.find((r) => r.person.id === person('nhanvien'))!.state).toBe('DECIDED');
    expect(status.unitEvaluationStatus.filter((r) => r.state === null).length).toBe(status.unitEvaluationStatus.length - 2);
    expect(outcome(await t.gql(as('nhanvien'), 'query($u: ID!) { unitEvaluationStatus(unitId: $u, month: "2026-05") { state } }', { u: unit }))).toBe('FORBIDDEN');
    const across = await ok(t.gql<{ person: { name: string; evaluationForm: { score: number } } }>(as('truongphong'), 'query($p: ID!) { person(id: $p) { name evaluationForm(month: "2026-05") { score } } }', { p: person('nhanvien') }));
    expect(across.person.evaluationForm.score).toBeLessThan(92.63); // the live figure after the late delay
  });
});

describe('deadlines', () => {
  afterAll(() => t.clock.set('2026-05-10T03:00:00Z'));

  it('refuse every step of a month before it begins (00:00 on the 1st, local time)', async () => {
    const unit = t.seed.people.find((p) => p.id === person('nhanvien'))!.unitId;
    // 10 May: June has not begun. Opening a draft is harmless; saving, deciding, publishing are refused.
    const june = (await ok(t.gql<{ openEvaluationForm: Form }>(as('nhanvien'), `mutation { openEvaluationForm(month: "2026-06") { ${formFields} } }`))).openEvaluationForm;
    const early = await t.gql(as('nhanvien'), save, { id: june.id, v: june.version, i: { scores: example1Scores } });
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(early.errors![0]!.message).toMatch(/chưa bắt đầu.*01\/06\/2026/);
    const decide = await t.gql(as('truongphong'), 'query($u: ID!) { previewDecision(input: { unitId: $u, month: "2026-06" }) { cap } }', { u: unit });
    expect(decide.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.month' });
    const publish = await t.gql(as('admin.chinhquyen'), 'mutation($u: ID!) { publishUnitMonth(unitId: $u, month: "2026-06") { state } }', { u: unit });
    expect(publish.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
    // At its first instant (31 May 17:00 UTC = 1 June 00:00 in Hà Nội) the month has begun.
    t.clock.set('2026-05-31T17:00:00Z');
    expect(outcome(await t.gql(as('nhanvien'), save, { id: june.id, v: june.version, i: { scores: example1Scores } }))).toBe('OK');
    t.clock.set('2026-05-10T03:00:00Z');
  });

  it('refuse a decision after the 27th (local time)', async () => {
    const unit = t.seed.people.find((p) => p.id === person('nhanvien'))!.unitId;
    t.clock.set('2026-05-27T17:00:00Z');
    const late = await t.gql(as('truongphong'), 'query($u: ID!) { previewDecision(input: { unitId: $u, month: "2026-05" }) { cap } }', { u: unit });
    expect(outcome(late)).toBe('DEADLINE_PASSED');
    expect(late.errors![0]!.extensions).toMatchObject({ deadline: '2026-05-27T17:00:00Z' });
    t.clock.set('2026-05-10T03:00:00Z');
  });

  it('refuse a self-assessment after the 24th (local time)', async () => {
    const own = (await ok(t.gql<{ openEvaluationForm: Form }>(as('phophong'), `mutation { openEvaluationForm(month: "2026-05") { ${formFields} } }`))).openEvaluationForm;
    t.clock.set('2026-05-24T17:00:00Z'); // the first late instant: 00:00 on the 25th in Hà Nội
    const framework02 = criteriaFramework(own.form as 'FORM_02');
    const scores = framework02.groups.flatMap((g) => g.criteria).map((c) => ({ code: c.code, score: c.max }));
    const late = await t.gql(as('phophong'), save, { id: own.id, v: own.version, i: { scores } });
    expect(outcome(late)).toBe('DEADLINE_PASSED');
    // The authority (the head, who decides the deputy) reopens it for two days; the submission goes through.
    const reopen = `mutation($id: ID!, $v: Int!) { reopenEvaluation(id: $id, expectedVersion: $v, to: DRAFT, reason: "Đi công tác", days: 2) { version deadline } }`;
    expect(outcome(await t.gql(as('phophong'), reopen, { id: own.id, v: own.version }))).toBe('FORBIDDEN');
    const reopened = await ok(t.gql<{ reopenEvaluation: { version: number; deadline: string } }>(as('truongphong'), reopen, { id: own.id, v: own.version }));
    // The form says until when it is open again: two days from the reopening, not the passed 25th.
    expect(reopened.reopenEvaluation.deadline).toBe('2026-05-26T17:00:00Z');
    const saved = await ok(t.gql<{ saveSelfAssessment: { version: number } }>(as('phophong'), save, { id: own.id, v: reopened.reopenEvaluation.version, i: { scores } }));
    expect(outcome(await t.gql(as('phophong'), 'mutation($id: ID!, $v: Int!) { submitSelfAssessment(id: $id, expectedVersion: $v) { state } }', { id: own.id, v: saved.saveSelfAssessment.version }))).toBe('OK');
  });

  it("decide a leader after the people they manage, with the unit-results factor from their grades", async () => {
    // Still the 25th: the deputy's month in planning, the factors from the head, then the decision.
    const unit = t.seed.people.find((p) => p.id === person('phophong'))!.unitId;
    const item = (await ok(t.gql<{ catalogue: { items: { id: string }[] } }>(as('phophong'), 'query($u: ID!) { catalogue(unitId: $u, month: "2026-05") { items { id } } }', { u: unit }))).catalogue.items[0]!.id;
    const { createPlan } = await ok(t.gql<{ createPlan: { id: string } }>(as('phophong'), 'mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }', { i: { unitId: unit, personId: person('phophong'), month: '2026-05' } }));
    const { addTask } = await ok(t.gql<{ addTask: { id: string } }>(as('phophong'), 'mutation($i: AddTaskInput!) { addTask(input: $i) { id } }', { i: { planId: createPlan.id, catalogueItemId: item, quantity: 2, assignedOn: '2026-05-04' } }));
    await ok(t.gql(as('phophong'), 'mutation($id: ID!) { submitPlan(id: $id, expectedVersion: 1) { id } }', { id: createPlan.id }));
    await ok(t.gql(as('truongphong'), 'mutation($id: ID!) { approvePlan(id: $id, expectedVersion: 2) { id } }', { id: createPlan.id }));
    await ok(t.gql(as('phophong'), 'mutation($id: ID!) { completeTask(id: $id, expectedVersion: 1, input: { completedOn: "2026-05-08", evidence: "Số 9/VHXH" }) { id } }', { id: addTask.id }));
    const preview = 'query($u: ID!, $p: ID!) { previewDecision(input: { unitId: $u, month: "2026-05", personIds: [$p] }) { members { score band grade } } }';
    const pending = await t.gql(as('truongphong'), preview, { u: unit, p: person('phophong') });
    expect(pending.errors![0]!.message).toMatch(/\(LEADER_FACTORS, UNIT_RESULTS\)/);
    await ok(t.gql(as('truongphong'), 'mutation($p: ID!) { setLeaderFactors(input: { personId: $p, month: "2026-05", organisation: 1, unity: 0.5, reason: "Có đơn thư về đoàn kết" }) { month } }', { p: person('phophong') }));
    // Everyone the deputy comments on (two people) scores at the HTNV level or above: d = 100 %; KPI = 5.5 / 6.
    // The head's scope (four people, cap 1) already has its A: 94.17 is in the A band, graded B.
    const { previewDecision } = await ok(t.gql<{ previewDecision: { members: { score: number; band: string; grade: string }[] } }>(as('truongphong'), preview, { u: unit, p: person('phophong') }));
    expect(previewDecision.members).toEqual([{ score: 94.17, band: 'A', grade: 'B' }]);
  });
});

describe('the permission matrix', () => {
  type Actor = 'nhanvien' | 'phophong' | 'truongphong' | 'daumoi' | 'admin.chinhquyen' | 'admin.dang' | 'admin.thanhpho' | 'phantich';
  const actors: Actor[] = ['nhanvien', 'phophong', 'truongphong', 'daumoi', 'admin.chinhquyen', 'admin.dang', 'admin.thanhpho', 'phantich'];
  let formId: string;
  let appealId: string;
  let unit: string;
  beforeAll(async () => {
    for (const username of ['admin.thanhpho', 'phantich']) tokens[username] ??= await t.login(username);
    unit = t.seed.people.find((p) => p.id === person('nhanvien'))!.unitId;
    const [form] = (await t.system.orm.em.getConnection().execute(`select id from evaluation.form where person_id = ? and month = '2026-05'`, [person('nhanvien')])) as { id: string }[];
    formId = form!.id;
    const [appeal] = (await t.system.orm.em.getConnection().execute(`select id from evaluation.appeal where kind = 'APPEAL' limit 1`)) as { id: string }[];
    appealId = appeal!.id;
  });

  // Only the person edits, submits, appeals and attaches; only the commenter comments; only the decider
  // decides and reopens; the block aggregator (or a city admin) publishes; the next level answers
  // appeals. The permitted callers succeed above; here every other caller is refused and nothing changes.
  const operations: { name: string; allowed: Actor[]; run: (token: string) => Promise<import('./support/system').GraphQLResponse> }[] = [
    { name: 'saveSelfAssessment', allowed: ['nhanvien'], run: (tk) => t.gql(tk, save, { id: formId, v: 1, i: { scores: example1Scores } }) },
    { name: 'submitSelfAssessment', allowed: ['nhanvien'], run: (tk) => t.gql(tk, 'mutation($id: ID!) { submitSelfAssessment(id: $id, expectedVersion: 1) { id } }', { id: formId }) },
    { name: 'commentEvaluation', allowed: ['phophong'], run: (tk) => t.gql(tk, 'mutation($id: ID!) { commentEvaluation(id: $id, expectedVersion: 1, input: { comment: "x" }) { id } }', { id: formId }) },
    {
      name: 'decideEvaluations', allowed: ['truongphong'],
      run: (tk) => t.gql(tk, 'mutation($u: ID!, $p: ID!) { decideEvaluations(input: { unitId: $u, month: "2026-05", personIds: [$p], reason: "x" }) { cap } }', { u: unit, p: person('nhanvien') }),
    },
    { name: 'reopenEvaluation', allowed: ['truongphong'], run: (tk) => t.gql(tk, 'mutation($id: ID!) { reopenEvaluation(id: $id, expectedVersion: 1, to: COMMENTED, reason: "x", days: 1) { id } }', { id: formId }) },
    { name: 'publishUnitMonth', allowed: ['admin.chinhquyen', 'admin.thanhpho'], run: (tk) => t.gql(tk, 'mutation($u: ID!) { publishUnitMonth(unitId: $u, month: "2026-05") { id } }', { u: unit }) },
    { name: 'appealEvaluation', allowed: ['nhanvien'], run: (tk) => t.gql(tk, 'mutation($f: ID!) { appealEvaluation(formId: $f, kind: APPEAL, text: "x") { id } }', { f: formId }) },
    { name: 'answerAppeal', allowed: ['admin.thanhpho'], run: (tk) => t.gql(tk, 'mutation($a: ID!) { answerAppeal(appealId: $a, status: DISMISSED, outcome: "x") { id } }', { a: appealId }) },
    {
      name: 'publishCriteriaFramework', allowed: ['admin.thanhpho'],
      run: (tk) => t.gql(tk, 'mutation($i: CriteriaFrameworkInput!) { publishCriteriaFramework(input: $i) { version } }', {
        i: { form: 'FORM_04', version: 'matrix', effectiveFrom: '2027-01', title: framework.title, appliesTo: framework.appliesTo, groups: framework.groups.map((g) => ({ code: g.code, title: g.title, max: g.max, criteria: g.criteria.map((c) => ({ ...c })) })) },
      }),
    },
    { name: 'openReviewRound', allowed: ['truongphong', 'admin.chinhquyen', 'admin.thanhpho'], run: (tk) => t.gql(tk, 'mutation($u: ID!) { openReviewRound(unitId: $u, month: "2026-05") { id } }', { u: unit }) },
    { name: 'attachPartyCellComment', allowed: ['nhanvien'], run: (tk) => t.gql(tk, 'mutation($f: ID!) { attachPartyCellComment(formId: $f, expectedVersion: 1, comment: "x") { id } }', { f: formId }) },
  ];
  const refusals = operations.flatMap((op) => actors.filter((a) => !op.allowed.includes(a)).map((actor) => ({ op: op.name, actor, run: op.run })));
  it.each(refusals)('$op is refused to $actor', async ({ actor, run }) => {
    expect(outcome(await run(as(actor)))).toBe('FORBIDDEN');
  });

  it('refuses a 360° round where the policy has none (Hà Nội 2026), even to the head', async () => {
    const refused = await t.gql(as('truongphong'), 'mutation($u: ID!) { openReviewRound(unitId: $u, month: "2026-05") { id } }', { u: unit });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unitId' });
    expect(refused.errors![0]!.message).toMatch(/no 360° rounds/);
  });
});
