import { criteriaFramework } from '@cbccvc/rules';
import { ok, outcome, startTestSystem, type TestSystem } from './support/system';

/**
 * Quota scopes and duty groups through the gateway (issue 13, DOMAIN §6 and §10 example 4): a new
 * finance office of the demo ward — a head and twelve staff with example 4's scores, built from real
 * plans and self-assessments — decided by its head. Unsplit, the scope of twelve grades one A; split
 * into three duty groups of four, still one A in all (not three); a B reopened and decided alone
 * cannot take a second A. Clock: 10 May 2026.
 */
let t: TestSystem;
let city: string;
let blockAdmin: string;
let office: string;
const month = '2026-05';
const form03 = criteriaFramework('FORM_03');
/** Example 4's twelve scores, best first. */
const scores = [99, 97, 96, 94, 92, 91, 88, 80, 77, 71, 69, 30];
const staff: { id: string; token: string; score: number; formId: string }[] = [];
let head: { id: string; token: string };
const byScore = (score: number) => staff.find((s) => s.score === score)!;

async function tokenOf(personId: string): Promise<string> {
  const [row] = (await t.system.orm.em.fork().getConnection().execute(`select username from organization.account where person_id = ?`, [personId])) as { username: string }[];
  return t.system.devIdentityProvider.issueToken({ ...(await t.devUser(row!.username)), passwordTemporary: false });
}

/** A person of the current `office` on the post `code`, with an account and a token. */
async function person(code: string, name: string) {
  const positionId = t.seed.positions.find((p) => p.code === code)!.id;
  const { createPerson } = await ok(t.gql<{ createPerson: { id: string } }>(city, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', { i: { unitId: office, positionId, name, staffKind: 'CIVIL_SERVANT' } }));
  await ok(t.gql(city, 'mutation($p: ID!) { issueAccount(personId: $p) { account { username } } }', { p: createPerson.id }));
  return { id: createPerson.id, token: await tokenOf(createPerson.id) };
}

/** Criterion scores adding up to `general` (full marks less the rest, criterion by criterion). */
function generalScores(general: number) {
  let less = 30 - general;
  return form03.groups.flatMap((g) => g.criteria).map((c) => {
    const cut = Math.min(c.max, less);
    less -= cut;
    return { code: c.code, score: c.max - cut };
  });
}

/**
 * A month whose score is `score`: KPI 1 (one task done) and general = score − 70 for the B band and
 * above; 69 = KPI 0.75 (sizes 3 and 1, the second not done: 52.5) + 16.5; 30 = KPI 0 (nothing done) + 30.
 */
async function monthOf(person: { id: string; token: string }, score: number): Promise<string> {
  const { createPlan } = await ok(t.gql<{ createPlan: { id: string } }>(person.token, 'mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }', { i: { unitId: office, personId: person.id, month } }));
  const sizes = score >= 70 ? [[1, true]] : score === 69 ? [[3, true], [1, false]] : [[1, false]];
  const tasks: [string, boolean][] = [];
  for (const [size, done] of sizes as [number, boolean][]) {
    const { addTask } = await ok(t.gql<{ addTask: { id: string } }>(head.token, 'mutation($i: AddTaskInput!) { addTask(input: $i) { id } }', { i: { planId: createPlan.id, title: 'Thẩm định dự toán', size, assignedOn: '2026-05-04' } }));
    tasks.push([addTask.id, done]);
  }
  await ok(t.gql(person.token, 'mutation($id: ID!) { submitPlan(id: $id, expectedVersion: 1) { id } }', { id: createPlan.id }));
  await ok(t.gql(head.token, 'mutation($id: ID!) { approvePlan(id: $id, expectedVersion: 2) { id } }', { id: createPlan.id }));
  for (const [id, done] of tasks) {
    if (done) await ok(t.gql(person.token, 'mutation($id: ID!) { completeTask(id: $id, expectedVersion: 1, input: { completedOn: "2026-05-07", evidence: "Tờ trình số 3" }) { id } }', { id }));
  }
  const general = score >= 70 ? score - 70 : score === 69 ? 16.5 : 30;
  const { openEvaluationForm } = await ok(t.gql<{ openEvaluationForm: { id: string; version: number } }>(person.token, `mutation { openEvaluationForm(month: "${month}") { id version } }`));
  const saved = await ok(t.gql<{ saveSelfAssessment: { version: number; score: number } }>(person.token, 'mutation($id: ID!, $v: Int!, $i: SelfAssessmentInput!) { saveSelfAssessment(id: $id, expectedVersion: $v, input: $i) { version score } }', {
    id: openEvaluationForm.id, v: openEvaluationForm.version, i: { scores: generalScores(general) },
  }));
  expect(saved.saveSelfAssessment.score).toBe(score);
  await ok(t.gql(person.token, 'mutation($id: ID!, $v: Int!) { submitSelfAssessment(id: $id, expectedVersion: $v) { id } }', { id: openEvaluationForm.id, v: saved.saveSelfAssessment.version }));
  return openEvaluationForm.id;
}

/** Runs `body` with `office` and `head` set to a new office of the committee and its new head. */
async function inNewOffice(code: string, name: string, headName: string, body: () => Promise<void>): Promise<void> {
  const ward = t.seed.jurisdictions.find((j) => j.parentId)!.id;
  const committee = t.seed.units.find((u) => u.kind === 'PEOPLES_COMMITTEE' && u.jurisdictionId === ward)!;
  const saved = { office, head };
  office = (await ok(t.gql<{ createUnit: { id: string } }>(city, 'mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }', { i: { parentId: committee.id, code, name, kind: 'OFFICE' } }))).createUnit.id;
  try {
    head = await person('TRUONG_PHONG', headName);
    await body();
  } finally {
    ({ office, head } = saved);
  }
}

/**
 * The current `head`'s own month: one task done, directed by their direct leader; full marks on form
 * 02, submitted (and commented where the chain has a commenter). Returns the token of their decider.
 */
async function leaderMonth(): Promise<string> {
  const chain = await ok(t.gql<{ evaluationChain: { commenter: { id: string } | null; decider: { id: string } } }>(city, 'query($p: ID!) { evaluationChain(personId: $p, month: "2026-05") { commenter { id } decider { id } } }', { p: head.id }));
  const deciderToken = await tokenOf(chain.evaluationChain.decider.id);
  const commenterToken = chain.evaluationChain.commenter ? await tokenOf(chain.evaluationChain.commenter.id) : null;
  const { createPlan } = await ok(t.gql<{ createPlan: { id: string } }>(head.token, 'mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }', { i: { unitId: office, personId: head.id, month } }));
  const approver = commenterToken ?? deciderToken;
  const { addTask } = await ok(t.gql<{ addTask: { id: string } }>(approver, 'mutation($i: AddTaskInput!) { addTask(input: $i) { id } }', { i: { planId: createPlan.id, title: 'Điều hành phòng', size: 1, assignedOn: '2026-05-04' } }));
  await ok(t.gql(head.token, 'mutation($id: ID!) { submitPlan(id: $id, expectedVersion: 1) { id } }', { id: createPlan.id }));
  await ok(t.gql(approver, 'mutation($id: ID!) { approvePlan(id: $id, expectedVersion: 2) { id } }', { id: createPlan.id }));
  await ok(t.gql(head.token, 'mutation($id: ID!) { completeTask(id: $id, expectedVersion: 1, input: { completedOn: "2026-05-07", evidence: "Báo cáo tháng" }) { id } }', { id: addTask.id }));
  const { openEvaluationForm } = await ok(t.gql<{ openEvaluationForm: { id: string; version: number } }>(head.token, `mutation { openEvaluationForm(month: "${month}") { id version } }`));
  const full = criteriaFramework('FORM_02').groups.flatMap((g) => g.criteria).map((c) => ({ code: c.code, score: c.max }));
  const saved = await ok(t.gql<{ saveSelfAssessment: { version: number } }>(head.token, 'mutation($id: ID!, $v: Int!, $i: SelfAssessmentInput!) { saveSelfAssessment(id: $id, expectedVersion: $v, input: $i) { version } }', { id: openEvaluationForm.id, v: openEvaluationForm.version, i: { scores: full } }));
  const submitted = await ok(t.gql<{ submitSelfAssessment: { version: number } }>(head.token, 'mutation($id: ID!, $v: Int!) { submitSelfAssessment(id: $id, expectedVersion: $v) { version } }', { id: openEvaluationForm.id, v: saved.saveSelfAssessment.version }));
  if (commenterToken) await ok(t.gql(commenterToken, 'mutation($id: ID!, $v: Int!) { commentEvaluation(id: $id, expectedVersion: $v, input: { comment: "Điều hành tốt" }) { id } }', { id: openEvaluationForm.id, v: submitted.submitSelfAssessment.version }));
  return deciderToken;
}

beforeAll(async () => {
  t = await startTestSystem();
  city = await t.login('admin.thanhpho');
  blockAdmin = await t.login('admin.chinhquyen');
  const ward = t.seed.jurisdictions.find((j) => j.parentId)!.id;
  const committee = t.seed.units.find((u) => u.kind === 'PEOPLES_COMMITTEE' && u.jurisdictionId === ward)!;
  office = (await ok(t.gql<{ createUnit: { id: string } }>(city, 'mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }', { i: { parentId: committee.id, code: 'PTCKH', name: 'Phòng Tài chính - Kế hoạch', kind: 'OFFICE' } }))).createUnit.id;
  head = await person('TRUONG_PHONG', 'Lê Văn Trưởng');
  const names = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Lan', 'Minh', 'Nam', 'Oanh', 'Phúc'];
  for (const [i, score] of scores.entries()) {
    const p = await person('CHUYEN_VIEN', `Nguyễn Thị ${names[i]}`);
    staff.push({ ...p, score, formId: await monthOf(p, score) });
  }
}, 180_000);
afterAll(async () => {
  await t?.stop();
});

const proposalFields = 'group { id name } quotaBase cap base granted scopeCap scopeBase scopeGranted room undecidedOutside exceeded exceededExplanation members { person { id } score band grade explanation }';
type Proposal = {
  group: { id: string; name: string }; quotaBase: string; cap: number; base: number; granted: number; scopeCap: number; scopeBase: number; scopeGranted: number; room: number;
  undecidedOutside: number; exceeded: boolean; exceededExplanation: string | null; members: { person: { id: string }; score: number; band: string; grade: string; explanation: string | null }[];
};
const preview = (token: string, input: Record<string, unknown>) =>
  t.gql<{ previewDecision: Proposal }>(token, `query($i: DecisionInput!) { previewDecision(input: $i) { ${proposalFields} } }`, { i: { month, ...input } });
const decide = (token: string, input: Record<string, unknown>) =>
  t.gql<{ decideEvaluations: Proposal }>(token, `mutation($i: DecisionInput!) { decideEvaluations(input: $i) { ${proposalFields} } }`, { i: { month, reason: 'Họp xét tháng 5', ...input } });
const gradesOf = (p: Proposal) => Object.fromEntries(p.members.map((m) => [staff.find((s) => s.id === m.person.id)!.score, m.grade]));
const scopeFields = 'key name size base cap granted undecided overCap quotaBase percent raised groups { id name default size base cap granted undecided overCap members { person { id } state finalGrade countedGrade } }';
type Scope = {
  key: string; name: string; size: number; base: number; cap: number; granted: number; undecided: number; overCap: boolean; quotaBase: string; percent: number; raised: boolean;
  groups: { id: string; name: string; default: boolean; size: number; base: number; cap: number; granted: number; undecided: number; overCap: boolean; members: { person: { id: string }; state: string; finalGrade: string | null; countedGrade: string | null }[] }[];
};
const scopesOf = (token: string, args: string) => t.gql<{ quotaGroups: Scope[] }>(token, `query { quotaGroups(${args}, month: "${month}") { ${scopeFields} } }`);

describe('a scope of twelve, unsplit (DOMAIN §10 example 4)', () => {
  it('is data: the head decides everyone of the office, listed with its caps and base', async () => {
    const { quotaGroups } = await ok(scopesOf(head.token, `deciderId: "${head.id}"`));
    expect(quotaGroups).toHaveLength(1);
    const [scope] = quotaGroups;
    // Nobody decided yet: the base counts the current scores — 10 of 12 reach the B band → ⌊10/6⌋ = 1.
    expect(scope).toMatchObject({ size: 12, base: 10, cap: 1, granted: 0, undecided: 12, overCap: false, quotaBase: 'GRADED_B', percent: 20, raised: false });
    expect(scope!.name).toMatch(/Phòng Tài chính - Kế hoạch/);
    expect(scope!.groups.map((g) => [g.name, g.default, g.size])).toEqual([['Toàn bộ phạm vi', true, 12]]);
    expect(new Set(scope!.groups[0]!.members.map((m) => m.person.id))).toEqual(new Set(staff.map((s) => s.id)));
    // The same scope from the unit; other blocks' administrators do not see it.
    expect((await ok(scopesOf(blockAdmin, `unitId: "${office}"`))).quotaGroups.map((s) => s.key)).toEqual([scope!.key]);
    expect(outcome(await scopesOf(await t.login('admin.dang'), `deciderId: "${head.id}"`))).toBe('FORBIDDEN');
  });

  it('grades one A: 10 reach the B band, ⌊10/6⌋ = 1', async () => {
    const { previewDecision } = await ok(preview(head.token, { unitId: office }));
    expect(previewDecision).toMatchObject({ quotaBase: 'GRADED_B', cap: 1, base: 10, granted: 0, room: 1, exceeded: false });
    expect(gradesOf(previewDecision)).toEqual({ 99: 'A', 97: 'B', 96: 'B', 94: 'B', 92: 'B', 91: 'B', 88: 'B', 80: 'B', 77: 'B', 71: 'B', 69: 'C', 30: 'D' });
    const of97 = previewDecision.members.find((m) => m.person.id === byScore(97).id)!;
    expect(of97.explanation).toMatch(/^Điểm 97 đạt mức A, nhưng nhóm "Toàn bộ phạm vi" được tối đa 1 người loại A \(10 người đạt từ mức B trở lên; .*⌊10 × 20\/\(100 \+ 20\)⌋ = 1\)/);
    expect(previewDecision.members.find((m) => m.person.id === byScore(88).id)!.explanation).toBeNull(); // B by its band
  });

  it('raised to 25 % with a reason, grades two: ⌊10/5⌋ = 2', async () => {
    const { previewDecision } = await ok(preview(head.token, { unitId: office, raisedReason: 'Đơn vị hoàn thành xuất sắc kế hoạch quý' }));
    expect(previewDecision).toMatchObject({ cap: 2, room: 2 });
    expect(gradesOf(previewDecision)).toMatchObject({ 99: 'A', 97: 'A', 96: 'B' });
    const blank = await preview(head.token, { unitId: office, raisedReason: '   ' });
    expect(blank.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.raisedReason' });
  });
});

describe('split into three duty groups of four', () => {
  let groups: Record<string, string>;
  const plan = [
    { name: 'Ngân sách', scores: [99, 94, 88, 71] },
    { name: 'Kế hoạch', scores: [97, 92, 80, 69] },
    { name: 'Tổng hợp', scores: [96, 91, 77, 30] },
  ];
  const split = (token: string, groupsInput: { name: string; personIds: string[] }[]) =>
    t.gql<{ splitQuotaScope: Scope }>(token, `mutation($i: SplitQuotaScopeInput!) { splitQuotaScope(input: $i) { ${scopeFields} } }`, { i: { deciderId: head.id, month, groups: groupsInput } });
  const input = () => plan.map((g) => ({ name: g.name, personIds: g.scores.map((s) => byScore(s).id) }));

  it('is for the focal point or the block administrator only, with every member once', async () => {
    expect(outcome(await split(head.token, input()))).toBe('FORBIDDEN'); // the decider does not shape his own quota
    expect(outcome(await split(byScore(99).token, input()))).toBe('FORBIDDEN');
    const twice = input();
    twice[1]!.personIds[0] = twice[0]!.personIds[0]!;
    expect((await split(blockAdmin, twice)).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.groups[1].personIds[0]' });
    const stranger = input();
    stranger[2]!.personIds.push(head.id); // the head is decided one level up: not in this scope
    expect((await split(blockAdmin, stranger)).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.groups[2].personIds[4]' });
    const [{ n }] = (await t.system.orm.em.fork().getConnection().execute(`select count(*)::int as n from evaluation.quota_group`)) as { n: number }[];
    expect(n).toBe(0); // refusals wrote nothing
  });

  it("is the unit focal point's too, and a new split replaces the previous one", async () => {
    // The focal point of the office (a staff member named by the city) splits it in two first.
    const focal = byScore(30);
    await ok(t.gql(city, 'mutation($u: ID!, $p: ID!) { setFocalPoint(unitId: $u, personId: $p) { id } }', { u: office, p: focal.id }));
    const halves = [{ name: 'Nửa đầu', personIds: scores.slice(0, 6).map((x) => byScore(x).id) }];
    const { splitQuotaScope } = await ok(split(await tokenOf(focal.id), halves));
    expect(splitQuotaScope.groups.map((g) => [g.name, g.size])).toEqual([['Nửa đầu', 6], ['Các thành viên còn lại', 6]]);
  });

  it('is audited and lists the groups', async () => {
    const { splitQuotaScope } = await ok(split(blockAdmin, input()));
    expect(splitQuotaScope.groups.map((g) => [g.name, g.default, g.size]).sort()).toEqual([['Kế hoạch', false, 4], ['Ngân sách', false, 4], ['Tổng hợp', false, 4]]);
    groups = Object.fromEntries(splitQuotaScope.groups.map((g) => [g.name, g.id]));
    const audit = (await t.system.orm.em.fork().getConnection().execute(`select actor, before, after from evaluation.audit_log where action = 'quota.split' order by id`)) as { actor: string; before: { groups: { name: string }[] }; after: { groups: { name: string; personIds: string[] }[] } }[];
    expect(audit).toHaveLength(2);
    expect(audit[1]!.actor).toBe('admin.chinhquyen');
    expect(audit[1]!.before.groups.map((g) => g.name)).toEqual(['Nửa đầu', 'Các thành viên còn lại']);
    expect(audit[1]!.after.groups.map((g) => g.personIds.length)).toEqual([4, 4, 4]);
  });

  it('makes a decision name its group when its forms span several', async () => {
    const spanning = await decide(head.token, { unitId: office });
    expect(spanning.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.groupId' });
  });

  it('grades one A in all, not three: each group of four may have one, the scope of twelve only one', async () => {
    const first = (await ok(decide(head.token, { groupId: groups['Ngân sách'] }))).decideEvaluations;
    // Group: 4 people → cap 1. Scope: 10 of its 12 reach the B band (the others' current scores counted) → ⌊10/6⌋ = 1.
    expect(first).toMatchObject({ group: { name: 'Ngân sách' }, cap: 1, granted: 0, scopeCap: 1, scopeBase: 10, scopeGranted: 0, room: 1 });
    expect(gradesOf(first)).toEqual({ 99: 'A', 94: 'B', 88: 'B', 71: 'B' });
    const second = (await ok(decide(head.token, { groupId: groups['Kế hoạch'] }))).decideEvaluations;
    expect(second).toMatchObject({ cap: 1, granted: 0, scopeCap: 1, scopeGranted: 1, room: 0 });
    expect(gradesOf(second)).toEqual({ 97: 'B', 92: 'B', 80: 'B', 69: 'C' });
    expect(second.members.find((m) => m.person.id === byScore(97).id)!.explanation).toMatch(/cả phạm vi .* được tối đa 1 người loại A.*1 người trong phạm vi được xếp loại A/);
    const third = (await ok(decide(head.token, { groupId: groups['Tổng hợp'] }))).decideEvaluations;
    expect(gradesOf(third)).toEqual({ 96: 'B', 91: 'B', 77: 'B', 30: 'D' });
    const { quotaGroups } = await ok(scopesOf(head.token, `deciderId: "${head.id}"`));
    expect(quotaGroups[0]).toMatchObject({ size: 12, base: 10, cap: 1, granted: 1, undecided: 0, overCap: false });
    expect(Object.fromEntries(quotaGroups[0]!.groups.map((g) => [g.name, g.granted]))).toEqual({ 'Ngân sách': 1, 'Kế hoạch': 0, 'Tổng hợp': 0 });
  });

  it('is refused once the scope has decisions', async () => {
    const late = await split(blockAdmin, input());
    expect(late.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.groups' });
  });

  it('tells the person graded B by the quota why, on their form', async () => {
    const form = await ok(t.gql<{ evaluationForm: { finalGrade: string; quotaExplanation: string | null; quotaGroupId: string } }>(
      byScore(97).token, `query($p: ID!) { evaluationForm(personId: $p, month: "${month}") { finalGrade quotaExplanation quotaGroupId } }`, { p: byScore(97).id }));
    expect(form.evaluationForm).toMatchObject({ finalGrade: 'B', quotaGroupId: groups['Kế hoạch'] });
    expect(form.evaluationForm.quotaExplanation).toMatch(/^Điểm 97 đạt mức A/);
  });

  it("shows the members' grades to the decider and administrators only; the leaders above see the counts", async () => {
    const ward = t.seed.jurisdictions.find((j) => j.parentId)!.id;
    const committee = t.seed.units.find((u) => u.kind === 'PEOPLES_COMMITTEE' && u.jurisdictionId === ward)!;
    const chairman = t.seed.people.find((p) => p.unitId === committee.id && t.seed.positions.find((x) => x.id === p.positionId)!.rank === 'HEAD')!;
    const members = (scopes: Scope[]) => scopes[0]!.groups.flatMap((g) => g.members);
    const above = (await ok(scopesOf(await tokenOf(chairman.id), `unitId: "${office}"`))).quotaGroups;
    expect(above[0]).toMatchObject({ size: 12, granted: 1 });
    expect(members(above).every((m) => m.finalGrade === null && m.countedGrade === null)).toBe(true);
    const admin = (await ok(scopesOf(blockAdmin, `unitId: "${office}"`))).quotaGroups;
    expect(members(admin).filter((m) => m.finalGrade === 'A').map((m) => m.person.id)).toEqual([byScore(99).id]);
    expect(outcome(await scopesOf(byScore(99).token, `unitId: "${office}"`))).toBe('FORBIDDEN'); // a member: not their peers' grades
  });
});

describe('a re-decision after a reopening', () => {
  const reopen = async (score: number) => {
    const [row] = (await t.system.orm.em.fork().getConnection().execute(`select version from evaluation.form where id = ?`, [byScore(score).formId])) as { version: number }[];
    return ok(t.gql(head.token, 'mutation($id: ID!, $v: Int!) { reopenEvaluation(id: $id, expectedVersion: $v, to: SELF_SUBMITTED, reason: "Xem xét lại", days: 3) { state } }', { id: byScore(score).formId, v: row!.version }));
  };

  it('cannot take a B decided alone to a second A: the cap counts every member decided', async () => {
    await reopen(97);
    const alone = (await ok(decide(head.token, { personIds: [byScore(97).id] }))).decideEvaluations;
    expect(alone).toMatchObject({ group: { name: 'Kế hoạch' }, cap: 1, granted: 0, scopeCap: 1, scopeGranted: 1, room: 0 });
    expect(gradesOf(alone)).toEqual({ 97: 'B' });
  });

  it('refuses to choose it for A with QUOTA_EXCEEDED naming the group, both caps and the A granted, and changes nothing', async () => {
    await reopen(97);
    const [before] = (await t.system.orm.em.fork().getConnection().execute(`select state, version from evaluation.form where id = ?`, [byScore(97).formId])) as { state: string; version: number }[];
    const refused = await decide(head.token, { personIds: [byScore(97).id], chosen: [byScore(97).id] });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', group: 'Kế hoạch', cap: 1, scopeCap: 1, granted: 0, scopeGranted: 1 });
    expect(refused.errors![0]!.message).toMatch(/Vượt chỉ tiêu loại A/);
    const [after] = (await t.system.orm.em.fork().getConnection().execute(`select state, version from evaluation.form where id = ?`, [byScore(97).formId])) as { state: string; version: number }[];
    expect(after).toEqual(before);
  });

  it('keeps a reopened A counted until it is decided again, and gives it back within the cap', async () => {
    await reopen(99);
    const { quotaGroups } = await ok(scopesOf(head.token, `deciderId: "${head.id}"`));
    const member = quotaGroups[0]!.groups.flatMap((g) => g.members).find((m) => m.person.id === byScore(99).id)!;
    expect(member).toMatchObject({ state: 'SELF_SUBMITTED', finalGrade: null, countedGrade: 'A' });
    expect(quotaGroups[0]!.granted).toBe(1);
    // 97 (still reopened) cannot take the A meanwhile.
    expect(gradesOf((await ok(preview(head.token, { personIds: [byScore(97).id] }))).previewDecision)).toEqual({ 97: 'B' });
    const again = (await ok(decide(head.token, { personIds: [byScore(99).id] }))).decideEvaluations;
    expect(again).toMatchObject({ granted: 0, scopeGranted: 0, room: 1 });
    expect(gradesOf(again)).toEqual({ 99: 'A' });
    // 97, still reopened, is decided again: B, the scope's one A held.
    expect(gradesOf((await ok(decide(head.token, { personIds: [byScore(97).id] }))).decideEvaluations)).toEqual({ 97: 'B' });
  });
});

describe('a re-decision after the decision deadline', () => {
  afterAll(() => t.clock.set('2026-05-10T03:00:00Z'));

  it('is taken while the reopening lasts, within the same caps; without one the deadline holds', async () => {
    t.clock.set('2026-05-28T03:00:00Z'); // the 28th in Hà Nội: decisions were due before it
    const late = await preview(head.token, { groupId: undefined, unitId: office });
    expect(outcome(late)).toBe('DEADLINE_PASSED');
    const [row] = (await t.system.orm.em.fork().getConnection().execute(`select version from evaluation.form where id = ?`, [byScore(96).formId])) as { version: number }[];
    await ok(t.gql(head.token, 'mutation($id: ID!, $v: Int!) { reopenEvaluation(id: $id, expectedVersion: $v, to: SELF_SUBMITTED, reason: "Xét lại sau kiến nghị", days: 2) { state } }', { id: byScore(96).formId, v: row!.version }));
    const again = (await ok(decide(head.token, { personIds: [byScore(96).id] }))).decideEvaluations;
    expect(again).toMatchObject({ scopeCap: 1, scopeGranted: 1, room: 0 });
    expect(gradesOf(again)).toEqual({ 96: 'B' });
  });
});

describe('a change of membership after the first decision', () => {
  it('recomputes the caps; where one falls below the A granted the decider is told and must re-decide', async () => {
    // Another office: its head decides four people — fewer than 5, cap 1: 95 → A.
    await inNewOffice('PKT', 'Phòng Kinh tế', 'Phạm Văn Kinh', async () => {
      const team: { id: string; token: string; score: number; formId: string }[] = [];
      for (const [i, score] of [95, 85, 80, 75].entries()) {
        const p = await person('CHUYEN_VIEN', `Trần Thị Tế ${i + 1}`);
        team.push({ ...p, score, formId: await monthOf(p, score) });
      }
      const first = (await ok(decide(head.token, { unitId: office }))).decideEvaluations;
      expect(first).toMatchObject({ cap: 1, room: 1 });
      expect(Object.fromEntries(first.members.map((m) => [team.find((x) => x.id === m.person.id)!.score, m.grade]))).toEqual({ 95: 'A', 85: 'B', 80: 'B', 75: 'B' });
      const told = async () =>
        (await ok(t.gql<{ me: { notifications: { kind: string; body: string }[] } }>(head.token, '{ me { notifications { kind body } } }'))).me.notifications.filter((n) => n.kind === 'QUOTA_REDECISION');
      expect(await told()).toEqual([]);

      // A fifth person joins and submits: five people, all reaching B → cap ⌊5/6⌋ = 0, below the 1 A.
      const fifth = await person('CHUYEN_VIEN', 'Trần Thị Tế 5');
      await monthOf(fifth, 72);
      const notices = await told();
      expect(notices).toHaveLength(1);
      expect(notices[0]!.body).toMatch(/nay 5 người\): chỉ tiêu loại A còn 0 người, nhưng đã có 1 người được xếp loại A/);
      const over = (await ok(scopesOf(head.token, `deciderId: "${head.id}"`))).quotaGroups[0]!;
      expect(over).toMatchObject({ size: 5, base: 5, cap: 0, granted: 1, overCap: true }); // 4 decided + the newcomer's current 72
      const audits = (await t.system.orm.em.fork().getConnection().execute(`select after from evaluation.audit_log where action = 'quota.overCap' and entity_id = ?`, [over.key])) as { after: { cap: number; granted: number } }[];
      expect(audits.map((a) => [a.after.cap, a.after.granted])).toEqual([[0, 1]]);

      // The newcomer (72) can be decided — no A, nothing made worse — and the pool stays over its cap;
      // choosing an A there is refused.
      const chosen = await decide(head.token, { personIds: [fifth.id], chosen: [fifth.id] });
      expect(outcome(chosen)).toBe('BAD_USER_INPUT'); // 72 is not in the A band: nothing to choose
      const newcomer = (await ok(decide(head.token, { personIds: [fifth.id] }))).decideEvaluations;
      expect(newcomer).toMatchObject({ cap: 0, granted: 1, room: 0, members: [{ grade: 'B' }] });
      expect((await ok(scopesOf(head.token, `deciderId: "${head.id}"`))).quotaGroups[0]).toMatchObject({ size: 5, base: 5, cap: 0, granted: 1, overCap: true });
      // The A reopened and decided again: ⌊5/6⌋ = 0, so 95 is B now.
      const [{ version }] = (await t.system.orm.em.fork().getConnection().execute(`select version from evaluation.form where id = ?`, [team[0]!.formId])) as { version: number }[];
      await ok(t.gql(head.token, 'mutation($id: ID!, $v: Int!) { reopenEvaluation(id: $id, expectedVersion: $v, to: SELF_SUBMITTED, reason: "Nhóm có thêm người", days: 2) { state } }', { id: team[0]!.formId, v: version }));
      const stillCounted = (await ok(scopesOf(head.token, `deciderId: "${head.id}"`))).quotaGroups[0]!;
      expect(stillCounted).toMatchObject({ granted: 1, overCap: true }); // the reopened A counts until decided again
      const again = (await ok(decide(head.token, { personIds: [team[0]!.id] }))).decideEvaluations;
      expect(again).toMatchObject({ cap: 0, granted: 0, members: [{ grade: 'B' }] });
      expect((await ok(scopesOf(head.token, `deciderId: "${head.id}"`))).quotaGroups[0]).toMatchObject({ size: 5, cap: 0, granted: 0, overCap: false });
    });
  });
});

describe("a leader's unit-results factor d (document 003 III.3.3a)", () => {
  it('is 50 % when someone the leader manages scores below the HTNV level (here 30 < 50)', async () => {
    const deciderToken = await leaderMonth();
    await ok(t.gql(deciderToken, 'mutation($p: ID!) { setLeaderFactors(input: { personId: $p, month: "2026-05", organisation: 1, unity: 1, reason: "Tổ chức tốt" }) { month } }', { p: head.id }));
    const { previewDecision } = await ok(t.gql<{ previewDecision: { members: { person: { id: string }; score: number }[] } }>(
      deciderToken, 'query($p: ID!) { previewDecision(input: { month: "2026-05", personIds: [$p] }) { members { person { id } score } } }', { p: head.id }));
    // a = b = c = đ = e = 1, d = 0.5: KPI = 5.5/6, 70 × 5.5/6 = 64.1666…; with full general criteria (30): 94.17 (d = 1 would give 100).
    expect(previewDecision.members).toEqual([{ person: { id: head.id }, score: 94.17 }]);
  });
});

describe('not evaluated this month (DOMAIN §7)', () => {
  it('exempts by the decider only, with a reason from the list; outside the quota, not holding back publication, in 01A with the reason, out of d', async () => {
    await inNewOffice('PVH', 'Phòng Văn hóa', 'Đỗ Văn Hóa', async () => {
      const s1 = await person('CHUYEN_VIEN', 'Vũ Thị Một');
      const s2 = await person('CHUYEN_VIEN', 'Vũ Thị Hai');
      const leave = await person('CHUYEN_VIEN', 'Vũ Thị Thai Sản');
      await monthOf(s1, 95);
      await monthOf(s2, 85);
      // She opened her form before her leave: a draft that would hold the decisions back.
      await ok(t.gql(leave.token, `mutation { openEvaluationForm(month: "${month}") { id } }`));
      const exempt = 'mutation($p: ID!, $r: ExemptionReason!, $n: String) { exemptFromEvaluation(personId: $p, month: "2026-05", reason: $r, note: $n) { reason text note decidedBy } }';
      expect(outcome(await t.gql(s1.token, exempt, { p: leave.id, r: 'MATERNITY_LEAVE' }))).toBe('FORBIDDEN');
      expect(outcome(await t.gql(leave.token, exempt, { p: leave.id, r: 'MATERNITY_LEAVE' }))).toBe('FORBIDDEN'); // nobody exempts themself
      const noNote = await t.gql(head.token, exempt, { p: leave.id, r: 'OTHER' });
      expect(noNote.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
      // Before: the unit's status says she needs a plan or an exemption (no task this month).
      const status = async () =>
        (await ok(t.gql<{ unitEvaluationStatus: { person: { id: string }; needsPlanOrExemption: boolean; exemption: { reason: string } | null }[] }>(
          head.token, 'query($u: ID!) { unitEvaluationStatus(unitId: $u, month: "2026-05") { person { id } needsPlanOrExemption exemption { reason } } }', { u: office }))).unitEvaluationStatus;
      const needing = (rows: Awaited<ReturnType<typeof status>>) => rows.filter((r) => r.needsPlanOrExemption).map((r) => r.person.id);
      expect(needing(await status())).toEqual(expect.arrayContaining([leave.id]));
      expect(needing(await status())).not.toContain(s1.id);
      const count = async () => ((await t.system.orm.em.fork().getConnection().execute(`select count(*)::int as n from evaluation.exemption`)) as { n: number }[])[0]!.n;
      expect(await count()).toBe(0); // refusals wrote nothing
      const granted = await ok(t.gql<{ exemptFromEvaluation: { reason: string; text: string } }>(head.token, exempt, { p: leave.id, r: 'MATERNITY_LEAVE' }));
      expect(granted.exemptFromEvaluation).toMatchObject({ reason: 'MATERNITY_LEAVE', text: 'Nghỉ thai sản' });
      const audits = (await t.system.orm.em.fork().getConnection().execute(`select actor from evaluation.audit_log where action = 'exemption.grant' and entity_id = ?`, [leave.id])) as { actor: string }[];
      expect(audits).toHaveLength(1);
      const after = await status();
      expect(needing(after)).not.toContain(leave.id);
      expect(after.find((r) => r.person.id === leave.id)!.exemption).toEqual({ reason: 'MATERNITY_LEAVE' });

      // Outside the scope: two people (fewer than 5 → cap 1), so 95 is A.
      const { quotaGroups } = await ok(scopesOf(head.token, `deciderId: "${head.id}"`));
      expect(quotaGroups[0]).toMatchObject({ size: 2 });
      const decided = (await ok(decide(head.token, { unitId: office }))).decideEvaluations;
      expect(decided.members.map((m) => m.grade).sort()).toEqual(['A', 'B']);
      const refusedLater = await t.gql(head.token, exempt, { p: s1.id, r: 'LONG_SICK_LEAVE' });
      expect(refusedLater.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personId' }); // decided: reopen first

      // The head's own decision is not held back by her draft, and her score is not in his d.
      const deciderToken = await leaderMonth();
      await ok(t.gql(deciderToken, 'mutation($p: ID!) { setLeaderFactors(input: { personId: $p, month: "2026-05", organisation: 1, unity: 1, reason: "Tốt" }) { month } }', { p: head.id }));
      const { decideEvaluations } = await ok(t.gql<{ decideEvaluations: { members: { score: number }[] } }>(
        deciderToken, 'mutation($p: ID!) { decideEvaluations(input: { month: "2026-05", personIds: [$p], reason: "Thường trực xét" }) { members { score } } }', { p: head.id }));
      // d = 100 %: the two he decided score ≥ 50; the exempt draft is left out. 30 + 70 = 100.
      expect(decideEvaluations.members).toEqual([{ score: 100 }]);

      // Published without her; 01A lists her with the reason and no grade.
      const blockAdminToken = blockAdmin;
      await ok(t.gql(blockAdminToken, 'mutation($u: ID!) { publishUnitMonth(unitId: $u, month: "2026-05") { state } }', { u: office }));
      const summary = await ok(t.gql<{ unitSummary: { published: boolean; rows: { fullName: string; finalGrade: string | null; exemption: string | null }[] } }>(
        blockAdminToken, 'query($u: ID!) { unitSummary(unitId: $u, month: "2026-05") { published rows { fullName finalGrade exemption } } }', { u: office }));
      const row = summary.unitSummary.rows.find((r) => r.fullName === 'Vũ Thị Thai Sản')!;
      expect(row).toEqual({ fullName: 'Vũ Thị Thai Sản', finalGrade: null, exemption: 'Nghỉ thai sản' });
      expect(summary.unitSummary.rows.filter((r) => r.exemption === null && r.fullName.startsWith('Vũ')).map((r) => r.finalGrade).sort()).toEqual(['A', 'B']);
    });
  });
});

describe('the scopes of the external authorities', () => {
  it('are one per kind of post across the city, for city administrators', async () => {
    // Heads decided by an authority outside the ward (e.g. the City Party Standing Committee) open their forms.
    const heads = t.seed.people.filter((p) => t.seed.positions.find((x) => x.id === p.positionId)!.rank === 'HEAD');
    const external: { id: string; code: string }[] = [];
    for (const p of heads) {
      const chain = await ok(t.gql<{ evaluationChain: { decider: { id: string } | null; deciderAuthority: { id: string } | null } }>(
        city, 'query($p: ID!) { evaluationChain(personId: $p, month: "2026-05") { decider { id } deciderAuthority { id } } }', { p: p.id }));
      if (chain.evaluationChain.decider === null && chain.evaluationChain.deciderAuthority !== null) external.push({ id: p.id, code: t.seed.positions.find((x) => x.id === p.positionId)!.code });
    }
    expect(external.length).toBeGreaterThan(1);
    for (const p of external) await ok(t.gql(await tokenOf(p.id), `mutation { openEvaluationForm(month: "${month}") { id } }`));
    const { quotaGroups } = await ok(t.gql<{ quotaGroups: { key: string; decider: { id: string } | null; size: number; groups: { members: { person: { id: string } }[] }[] }[] }>(
      city, `query { quotaGroups(externalAuthorities: true, month: "${month}") { key decider { id } size groups { members { person { id } } } } }`));
    const expected = new Map<string, string[]>();
    for (const p of external) expected.set(`external:${p.code}`, [...(expected.get(`external:${p.code}`) ?? []), p.id]);
    expect(new Map(quotaGroups.map((s) => [s.key, s.groups.flatMap((g) => g.members.map((m) => m.person.id)).sort()]))).toEqual(new Map([...expected].map(([k, ids]) => [k, ids.sort()])));
    expect(quotaGroups.every((s) => s.decider === null)).toBe(true);
    expect(outcome(await t.gql(blockAdmin, `query { quotaGroups(externalAuthorities: true, month: "${month}") { key } }`))).toBe('FORBIDDEN');
  });
});

describe('a raise to 25 % decided', () => {
  it('is recorded on the group with its reason, audited, and counts for its later decisions', async () => {
    await inNewOffice('PTP', 'Phòng Tư pháp', 'Hồ Văn Pháp', async () => {
      // Five in the A band: ⌊5/6⌋ = 0 at 20 %, ⌊5/5⌋ = 1 raised.
      const team: { id: string; token: string; score: number }[] = [];
      for (const [i, score] of [96, 95, 94, 93, 92].entries()) {
        const p = await person('CHUYEN_VIEN', `Lý Thị Pháp ${i + 1}`);
        await monthOf(p, score);
        team.push({ ...p, score });
      }
      const of = (score: number) => team.find((x) => x.score === score)!;
      const plain = (await ok(preview(head.token, { unitId: office }))).previewDecision;
      expect(plain).toMatchObject({ cap: 0, room: 0 });
      // The first four decided with the raise: the fifth's current score is in the base (5 → cap 1).
      const reason = 'Đơn vị dẫn đầu khối thi đua quý II';
      const first = (await ok(decide(head.token, { personIds: [96, 95, 94, 93].map((s) => of(s).id), raisedReason: reason }))).decideEvaluations;
      expect(first).toMatchObject({ cap: 1, room: 1 });
      expect(first.members.filter((m) => m.grade === 'A').map((m) => m.person.id)).toEqual([of(96).id]);
      const { quotaGroups } = await ok(t.gql<{ quotaGroups: { raised: boolean; cap: number; groups: { raisedReason: string | null }[] }[] }>(head.token, `query { quotaGroups(deciderId: "${head.id}", month: "${month}") { raised cap groups { raisedReason } } }`));
      expect(quotaGroups[0]).toEqual({ raised: true, cap: 1, groups: [{ raisedReason: reason }] });
      const audits = (await t.system.orm.em.fork().getConnection().execute(`select after from evaluation.audit_log where action = 'quota.raise' and after->>'reason' = ?`, [reason])) as { after: { reason: string } }[];
      expect(audits).toHaveLength(1);
      // The last one, decided later without repeating the raise, is still under the raised cap: no A left, B.
      const last = (await ok(decide(head.token, { personIds: [of(92).id] }))).decideEvaluations;
      expect(last).toMatchObject({ cap: 1, granted: 1, room: 0, members: [{ grade: 'B' }] });
    });
  });
});
