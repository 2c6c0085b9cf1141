import { criteriaFramework } from '@cbccvc/rules';
import { rescoreOrderedText } from '@cbccvc/organization';
import { planAndComplete, selfAssess, tokenOfUser } from './support/month';
import { ok, outcome, startTestSystem, type GraphQLResponse, type TestSystem } from './support/system';

/**
 * The 360° policy rules of document 004 (DOMAIN §8, issue 13 point 6) through the gateway:
 *
 * - the result of the self-assessment (form 01A column 4, `EvaluationForm.selfGrade`) is the stated
 *   self-grade where the policy lets it prevail (Quảng Trị 2019) and the band of the self score under
 *   the Hanoi policies;
 * - on a divergence beyond the threshold the superior orders a re-score (`orderRescore`): the form
 *   goes back to DRAFT with its deadline lifted, one audit entry, one notification to the person,
 *   who then re-scores and submits again; every refusal is coded and changes nothing.
 *
 * Every expected number is worked out by hand below (form 03: group 1 max 15, group 2 max 10,
 * group 3 max 5; KPI 1 → 70 task points; Quảng Trị bands A ≥ 90, B 75–< 90, C 50–< 75; Hanoi bands
 * A ≥ 90, B 70–< 90; threshold 10 points).
 */

const month = '2026-05';
const framework = criteriaFramework('FORM_03');
const criteria = framework.groups.flatMap((g) => g.criteria);
/** Scores per criterion by the criterion's group: `[group 1, group 2, group 3]` points each (full marks where null). */
const scoresOf = (each: [number | null, number | null, number | null]) =>
  criteria.map((c) => {
    const given = each[Number(c.code.split('.')[0]) - 1];
    return { code: c.code, score: given ?? c.max };
  });
/** 30 general points: 30 + 70 = 100. */
const fullMarks = scoresOf([null, null, null]);
/** Group 1: 8 criteria × 1 = 8; group 2: 4 × 1 = 4; group 3: 3 → 15 general points: 15 + 70 = 85. */
const general15 = scoresOf([1, 1, 3]);
/** Group 1: 8 × 1 = 8; group 2: 4 × 0.5 = 2; group 3: 1 → 11 general points: 11 + 70 = 81. */
const general11 = scoresOf([1, 0.5, 1]);

const formFields = 'id state version score band statedGrade statedDiffersFromBand selfGrade';
type Form = { id: string; state: string; version: number; score: number | null; band: string | null; statedGrade: string | null; statedDiffersFromBand: boolean; selfGrade: string | null };
const saveMutation = `mutation($id: ID!, $v: Int!, $i: SelfAssessmentInput!) { saveSelfAssessment(id: $id, expectedVersion: $v, input: $i) { ${formFields} } }`;
const submitMutation = `mutation($id: ID!, $v: Int!) { submitSelfAssessment(id: $id, expectedVersion: $v) { ${formFields} } }`;
const rescoreMutation = `mutation($f: ID!, $r: String!, $d: Int!) { orderRescore(formId: $f, reason: $r, days: $d) { ${formFields} } }`;
const summaryQuery = `query($u: ID!) { unitSummary(unitId: $u, month: "${month}") { rows { person { id } selfGrade } } }`;
type Summary = { unitSummary: { rows: { person: { id: string }; selfGrade: string | null }[] } };

/** The error's code and field, for refusals. */
const refusal = (response: GraphQLResponse) => ({ code: outcome(response), field: response.errors?.[0]?.extensions?.field ?? null });

type Person = { id: string; token: string; username: string };

/** A person with an account and a fresh token, in `unitId`, on the position with `code`. */
async function createMember(t: TestSystem, admin: string, unitId: string, code: string, name: string): Promise<Person> {
  const positionId = t.seed.positions.find((p) => p.code === code)!.id;
  const { createPerson } = await ok(t.gql<{ createPerson: { id: string } }>(admin, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', { i: { unitId, positionId, name, staffKind: 'CIVIL_SERVANT' } }));
  const { issueAccount } = await ok(t.gql<{ issueAccount: { account: { username: string } } }>(admin, 'mutation($p: ID!) { issueAccount(personId: $p) { account { username } } }', { p: createPerson.id }));
  const username = issueAccount.account.username;
  const token = await tokenOfUser(t, username);
  return { id: createPerson.id, token, username };
}

/** One ad hoc task of size 2 sized by `leader`, approved and completed in full: KPI 1, 70 task points. */
const completeMonth = (t: TestSystem, unitId: string, person: Person, leader: string) =>
  planAndComplete(t, person, unitId, month, leader, { size: 2, title: 'Thẩm định văn bản', evidence: 'Văn bản thẩm định' });

const readForm = async (t: TestSystem, token: string, personId: string) =>
  (await ok(t.gql<{ evaluationForm: Form }>(token, `query($p: ID!) { evaluationForm(personId: $p, month: "${month}") { ${formFields} } }`, { p: personId }))).evaluationForm;

describe('under the Quảng Trị 2019 policy (360° rounds, the stated self-grade prevails)', () => {
  let t: TestSystem;
  let office: string;
  /** An office with its head (the decider), a deputy (configured as the staff's commenter: their direct superior) and three staff. */
  const people: Record<'head' | 'deputy' | 's1' | 's2' | 's3', Person> = {} as never;
  const forms: Record<'s1' | 's2' | 's3', Form> = {} as never;
  let roundId: string;
  const reason = 'Điểm tự chấm cao hơn nhiều so với kết quả đánh giá 360°';

  const sql = async <R>(query: string, params: unknown[] = []) => (await t.system.orm.em.getConnection().execute(query, params)) as R[];
  /** What a refused order must leave untouched: the forms, the audit log and the notifications. */
  const snapshot = async () => ({
    forms: await sql<{ id: string; state: string; version: number; reopened_until: Date | null }>(`select id, state, version, reopened_until from evaluation.form where month = ? and unit_id = ? order by id`, [month, office]),
    audit: Number((await sql<{ n: string }>(`select count(*) as n from evaluation.audit_log`))[0]!.n),
    notifications: Number((await sql<{ n: string }>(`select count(*) as n from organization.notification`))[0]!.n),
  });
  const order = (token: string, formId: string, why: string, days: number) => t.gql(token, rescoreMutation, { f: formId, r: why, d: days });
  const comment = async (key: 's1' | 's2' | 's3') => {
    const form = await readForm(t, people.deputy.token, people[key].id);
    const { commentEvaluation } = await ok(t.gql<{ commentEvaluation: Form }>(people.deputy.token, `mutation($id: ID!, $v: Int!) { commentEvaluation(id: $id, expectedVersion: $v, input: { comment: "Đã xem xét" }) { ${formFields} } }`, { id: form.id, v: form.version }));
    return commentEvaluation;
  };
  const rescoreNotices = async (key: 's1' | 's2' | 's3') =>
    (await ok(t.gql<{ me: { notifications: { kind: string; title: string; body: string; deadline: string }[] } }>(people[key].token, '{ me { notifications { kind title body deadline } } }'))).me.notifications.filter((n) => n.kind === 'RESCORE_ORDERED');

  beforeAll(async () => {
    t = await startTestSystem({ wardPolicyId: 'quangTri2019' });
    const city = await t.login('admin.thanhpho');
    const committee = t.seed.units.find((u) => u.kind === 'PEOPLES_COMMITTEE' && u.jurisdictionId !== t.seed.jurisdictions[0]!.id)!;
    office = (await ok(t.gql<{ createUnit: { id: string } }>(city, 'mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }', { i: { parentId: committee.id, code: 'PNV', name: 'Phòng Nội vụ', kind: 'OFFICE' } }))).createUnit.id;
    people.head = await createMember(t, city, office, 'TRUONG_PHONG', 'Trần Văn Thủ');
    people.deputy = await createMember(t, city, office, 'PHO_TRUONG_PHONG', 'Trần Thị Phó');
    people.s1 = await createMember(t, city, office, 'CHUYEN_VIEN', 'Phạm Thị Một');
    people.s2 = await createMember(t, city, office, 'CHUYEN_VIEN', 'Phạm Văn Hai');
    people.s3 = await createMember(t, city, office, 'CHUYEN_VIEN', 'Phạm Thị Ba');
    for (const key of ['s1', 's2', 's3'] as const) {
      await completeMonth(t, office, people[key], people.head.token);
      // Below 20 staff Quảng Trị has no delegated comment by default: the unit configures the deputy in charge.
      await ok(t.gql(city, 'mutation($p: ID!, $c: ID!) { setEvaluationChainOverride(personId: $p, input: { effectiveFrom: "2026-05", commenterId: $c, reason: "Phó trưởng phòng phụ trách" }) { overridden } }', { p: people[key].id, c: people.deputy.id }));
    }
    roundId = (await ok(t.gql<{ openReviewRound: { id: string } }>(people.head.token, `mutation($u: ID!) { openReviewRound(unitId: $u, month: "${month}") { id } }`, { u: office }))).openReviewRound.id;
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('shows the stated self-grade as the result of the self-assessment, and the band where none was stated', async () => {
    forms.s1 = await selfAssess<Form>(t, people.s1, month, fullMarks, 'A', formFields);
    forms.s2 = await selfAssess<Form>(t, people.s2, month, fullMarks, 'B', formFields);
    forms.s3 = await selfAssess<Form>(t, people.s3, month, general15, null, formFields);
    // s1: 100, band A, states A → A. s2: 100, band A, states B → B (stated prevails). s3: 85, band B, states nothing → B.
    expect(forms.s1).toMatchObject({ state: 'SELF_SUBMITTED', score: 100, band: 'A', statedGrade: 'A', statedDiffersFromBand: false, selfGrade: 'A' });
    expect(forms.s2).toMatchObject({ state: 'SELF_SUBMITTED', score: 100, band: 'A', statedGrade: 'B', statedDiffersFromBand: true, selfGrade: 'B' });
    expect(forms.s3).toMatchObject({ state: 'SELF_SUBMITTED', score: 85, band: 'B', statedGrade: null, statedDiffersFromBand: false, selfGrade: 'B' });
    // The decider (the head) sees the same on the form.
    expect((await readForm(t, people.head.token, people.s2.id)).selfGrade).toBe('B');
    // Form 01A column 4: the leaders have no form of the month, so no self-grade.
    const { unitSummary } = await ok(t.gql<Summary>(people.head.token, summaryQuery, { u: office }));
    const column4 = Object.fromEntries(unitSummary.rows.map((r) => [r.person.id, r.selfGrade]));
    expect(column4).toEqual({ [people.head.id]: null, [people.deputy.id]: null, [people.s1.id]: 'A', [people.s2.id]: 'B', [people.s3.id]: 'B' });
    // The deputy in charge comments on every staff member's self-assessment.
    for (const key of ['s1', 's2', 's3'] as const) forms[key] = await comment(key);
    expect([forms.s1.state, forms.s2.state, forms.s3.state]).toEqual(['COMMENTED', 'COMMENTED', 'COMMENTED']);
  });

  it('refuses a re-score while the round is open', async () => {
    const rate = 'mutation($r: ID!, $p: ID!, $s: Float!) { rateInReview(roundId: $r, personId: $p, score: $s) { score } }';
    // s1's 360° score: (70 + 72 + 74) / 3 = 72, 28 points below the self score 100. s2's: 98, 2 below 100. s3 is not rated.
    await ok(t.gql(people.s2.token, rate, { r: roundId, p: people.s1.id, s: 70 }));
    await ok(t.gql(people.s3.token, rate, { r: roundId, p: people.s1.id, s: 72 }));
    await ok(t.gql(people.head.token, rate, { r: roundId, p: people.s1.id, s: 74 }));
    await ok(t.gql(people.s1.token, rate, { r: roundId, p: people.s2.id, s: 98 }));
    const before = await snapshot();
    const refused = await order(people.head.token, forms.s1.id, reason, 3);
    expect(refusal(refused)).toEqual({ code: 'BAD_USER_INPUT', field: 'formId' });
    expect(refused.errors![0]!.message).toMatch(/chưa kết thúc/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses anyone but the superiors, bad days or reason, and forms without a divergence, changing nothing', async () => {
    await ok(t.gql(people.head.token, 'mutation($r: ID!) { closeReviewRound(roundId: $r) { state } }', { r: roundId }));
    // 09:00 on 26 May in Hanoi: the self-assessment (before the 25th) and comment (before the 26th) deadlines have passed.
    t.clock.set('2026-05-26T02:00:00Z');
    const before = await snapshot();
    const blockAdmin = await t.login('admin.chinhquyen');
    const outsider = await t.login('nhanvien');
    for (const token of [people.s2.token, people.s3.token, people.s1.token, blockAdmin, outsider]) {
      expect(refusal(await order(token, forms.s1.id, reason, 3))).toEqual({ code: 'FORBIDDEN', field: null });
    }
    for (const days of [0, 31, -2]) expect(refusal(await order(people.head.token, forms.s1.id, reason, days))).toEqual({ code: 'BAD_USER_INPUT', field: 'days' });
    expect(refusal(await order(people.deputy.token, forms.s1.id, '   ', 3))).toEqual({ code: 'BAD_USER_INPUT', field: 'reason' });
    // s2: |100 − 98| = 2 ≤ 10; s3: nobody rated, no 360° score.
    const close = await order(people.head.token, forms.s2.id, reason, 3);
    expect(refusal(close)).toEqual({ code: 'BAD_USER_INPUT', field: 'formId' });
    expect(close.errors![0]!.message).toBe('formId: điểm tự chấm (100) và điểm đánh giá 360° (98) không chênh lệch quá 10 điểm: không có căn cứ đề nghị chấm lại');
    expect(refusal(await order(people.deputy.token, forms.s3.id, reason, 3))).toEqual({ code: 'BAD_USER_INPUT', field: 'formId' });
    expect(outcome(await order(people.head.token, '00000000-0000-4000-8000-000000000000', reason, 3))).toBe('NOT_FOUND');
    expect(await snapshot()).toEqual(before);
  });

  it('sends a diverging self-assessment back to DRAFT on the direct superior’s order: audited, the person notified', async () => {
    const before = await snapshot();
    const { orderRescore } = await ok(t.gql<{ orderRescore: Form }>(people.deputy.token, rescoreMutation, { f: forms.s1.id, r: reason, d: 3 }));
    expect(orderRescore).toMatchObject({ id: forms.s1.id, state: 'DRAFT', version: forms.s1.version + 1, score: 100 });
    // 26 May 02:00 UTC + 3 days = 29 May 02:00 UTC, 09:00 in Hanoi.
    const [stored] = await sql<{ state: string; reopened_until: Date; reopen_reason: string }>('select state, reopened_until, reopen_reason from evaluation.form where id = ?', [forms.s1.id]);
    expect({ ...stored, reopened_until: new Date(stored!.reopened_until).toISOString() }).toEqual({ state: 'DRAFT', reopened_until: '2026-05-29T02:00:00.000Z', reopen_reason: reason });
    const audit = await sql<{ actor: string; before: { state: string }; after: { state: string; reason: string; days: number; selfScore: number; score360: number } }>(
      `select actor, before, after from evaluation.audit_log where entity_id = ? and action = 'form.rescore'`, [forms.s1.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(people.deputy.username);
    expect(audit[0]!.before.state).toBe('COMMENTED');
    expect(audit[0]!.after).toMatchObject({ state: 'DRAFT', reason, days: 3, selfScore: 100, score360: 72 });
    const after = await snapshot();
    expect(after.audit).toBe(before.audit + 1);
    expect(after.notifications).toBe(before.notifications + 1);
    expect(after.forms.filter((f) => f.id !== forms.s1.id)).toEqual(before.forms.filter((f) => f.id !== forms.s1.id));
    // The person reads it (Vietnamese, the deadline in Hanoi time).
    expect(await rescoreNotices('s1')).toEqual([
      {
        kind: 'RESCORE_ORDERED',
        title: 'Đề nghị chấm lại điểm tự đánh giá tháng 05/2026',
        body: [
          'Thủ trưởng đề nghị đồng chí chấm lại điểm tự đánh giá tháng 05/2026: Điểm tự chấm cao hơn nhiều so với kết quả đánh giá 360°.',
          'Điểm tự chấm: 100; điểm đánh giá 360°: 72.',
          'Hạn: trước 09:00 ngày 29/05/2026 (giờ Hà Nội).',
          'Phiếu tự đánh giá đã được mở lại: đề nghị đồng chí chấm lại và gửi lại phiếu trong thời hạn trên.',
        ].join('\n'),
        deadline: '2026-05-29T02:00:00.000Z',
      },
    ]);
    const [row] = await sql<{ n: string }>(`select count(*) as n from organization.notification where person_id = ? and kind = 'RESCORE_ORDERED'`, [people.s1.id]);
    expect(Number(row!.n)).toBe(1);
    // Ordered again while the form is being re-scored: refused, nothing more written.
    const again = await snapshot();
    expect(refusal(await order(people.head.token, forms.s1.id, reason, 3))).toEqual({ code: 'BAD_USER_INPUT', field: 'formId' });
    expect(await snapshot()).toEqual(again);
  });

  it('lets the person re-score and submit after the deadline; the decider may order again while it still diverges', async () => {
    const draft = await readForm(t, people.s1.token, people.s1.id);
    // 15 + 70 = 85, band B, states B: |85 − 72| = 13 is still more than 10.
    const first = (await ok(t.gql<{ saveSelfAssessment: Form }>(people.s1.token, saveMutation, { id: draft.id, v: draft.version, i: { scores: general15, statedGrade: 'B' } }))).saveSelfAssessment;
    expect(first).toMatchObject({ state: 'DRAFT', score: 85, band: 'B', selfGrade: 'B' });
    const submitted = (await ok(t.gql<{ submitSelfAssessment: Form }>(people.s1.token, submitMutation, { id: draft.id, v: first.version }))).submitSelfAssessment;
    expect(submitted).toMatchObject({ state: 'SELF_SUBMITTED', score: 85 });
    // An hour later the head (the decider) orders once more, for 1 day: 26 May 03:00 UTC + 1 day, 10:00 on 27 May in Hanoi.
    t.clock.set('2026-05-26T03:00:00Z');
    const before = await snapshot();
    const { orderRescore } = await ok(t.gql<{ orderRescore: Form }>(people.head.token, rescoreMutation, { f: draft.id, r: 'Vẫn chênh lệch 13 điểm.', d: 1 }));
    expect(orderRescore).toMatchObject({ state: 'DRAFT', version: submitted.version + 1 });
    const after = await snapshot();
    expect([after.audit - before.audit, after.notifications - before.notifications]).toEqual([1, 1]);
    const notices = await rescoreNotices('s1');
    expect(notices.map((n) => n.deadline)).toEqual(['2026-05-27T03:00:00.000Z', '2026-05-29T02:00:00.000Z']); // newest first
    expect(notices[0]!.body).toBe([
      'Thủ trưởng đề nghị đồng chí chấm lại điểm tự đánh giá tháng 05/2026: Vẫn chênh lệch 13 điểm.',
      'Điểm tự chấm: 85; điểm đánh giá 360°: 72.',
      'Hạn: trước 10:00 ngày 27/05/2026 (giờ Hà Nội).',
      'Phiếu tự đánh giá đã được mở lại: đề nghị đồng chí chấm lại và gửi lại phiếu trong thời hạn trên.',
    ].join('\n'));
    // 11 + 70 = 81, band B: |81 − 72| = 9 ≤ 10, nothing left to order on.
    const saved = (await ok(t.gql<{ saveSelfAssessment: Form }>(people.s1.token, saveMutation, { id: draft.id, v: orderRescore.version, i: { scores: general11, statedGrade: 'B' } }))).saveSelfAssessment;
    expect(saved).toMatchObject({ score: 81, band: 'B', selfGrade: 'B' });
    expect((await ok(t.gql<{ submitSelfAssessment: Form }>(people.s1.token, submitMutation, { id: draft.id, v: saved.version }))).submitSelfAssessment.state).toBe('SELF_SUBMITTED');
    const settled = await snapshot();
    const refused = await order(people.head.token, draft.id, 'Chấm lại lần nữa', 3);
    expect(refusal(refused)).toEqual({ code: 'BAD_USER_INPUT', field: 'formId' });
    expect(refused.errors![0]!.message).toContain('(81) và điểm đánh giá 360° (72)');
    expect(await snapshot()).toEqual(settled);
    // The commenter comments again within the reopening; s2 was never reopened and stays closed.
    expect((await comment('s1')).state).toBe('COMMENTED');
    expect(outcome(await t.gql(people.s2.token, saveMutation, { id: forms.s2.id, v: forms.s2.version, i: { scores: fullMarks } }))).toBe('BAD_USER_INPUT');
  });

  it('refuses a re-score once the form is decided; form 01A keeps the self-assessment’s result', async () => {
    await ok(t.gql(people.head.token, `mutation($u: ID!) { decideEvaluations(input: { unitId: $u, month: "${month}", reason: "Tham khảo biên bản số" }) { members { person { id } } } }`, { u: office }));
    expect((await readForm(t, people.head.token, people.s1.id)).state).toBe('DECIDED');
    const before = await snapshot();
    const refused = await order(people.head.token, forms.s1.id, 'Chênh lệch lớn', 3);
    expect(refusal(refused)).toEqual({ code: 'BAD_USER_INPUT', field: 'formId' });
    expect(refused.errors![0]!.message).toMatch(/đã được quyết định/);
    expect(await snapshot()).toEqual(before);
    // Decided: s1 re-scored to 81 and states B → B; s2 states B → B; s3 states nothing, 85 with the KPI fixed at the decision → B.
    const { unitSummary } = await ok(t.gql<Summary>(people.head.token, summaryQuery, { u: office }));
    const column4 = Object.fromEntries(unitSummary.rows.map((r) => [r.person.id, r.selfGrade]));
    expect(column4).toEqual({ [people.head.id]: null, [people.deputy.id]: null, [people.s1.id]: 'B', [people.s2.id]: 'B', [people.s3.id]: 'B' });
  });
});

describe('under the Hanoi 2026 policy (no 360° rounds, the self-grade is the band of the self score)', () => {
  let t: TestSystem;
  let unit: string;
  let member: Person;
  let form: Form;

  beforeAll(async () => {
    t = await startTestSystem();
    const demo = (username: string) => t.seed.demoUsers.find((u) => u.username === username)!.personId;
    unit = t.seed.people.find((p) => p.id === demo('nhanvien'))!.unitId;
    const token = await t.login('nhanvien');
    member = { id: demo('nhanvien'), token, username: 'nhanvien' };
    await completeMonth(t, unit, member, await t.login('phophong'));
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('shows the band of the self score, not the stated grade, on the form and in form 01A', async () => {
    form = await selfAssess<Form>(t, member, month, fullMarks, 'B', formFields);
    // 30 + 70 = 100: band A; the stated B does not prevail.
    expect(form).toMatchObject({ score: 100, band: 'A', statedGrade: 'B', statedDiffersFromBand: true, selfGrade: 'A' });
    const decider = await t.login('truongphong');
    expect((await readForm(t, decider, member.id)).selfGrade).toBe('A');
    const { unitSummary } = await ok(t.gql<Summary>(decider, summaryQuery, { u: unit }));
    expect(unitSummary.rows.find((r) => r.person.id === member.id)!.selfGrade).toBe('A');
    // Nobody else of the unit has a form this month: no self-grade.
    expect(unitSummary.rows.filter((r) => r.person.id !== member.id).every((r) => r.selfGrade === null)).toBe(true);
  });

  it('has no re-score to order: the policy has no 360° review', async () => {
    const refused = await t.gql(await t.login('truongphong'), rescoreMutation, { f: form.id, r: 'Chênh lệch lớn', d: 3 });
    expect(refusal(refused)).toEqual({ code: 'BAD_USER_INPUT', field: 'formId' });
    expect(refused.errors![0]!.message).toMatch(/không có đánh giá 360°/);
    expect((await readForm(t, member.token, member.id)).state).toBe('SELF_SUBMITTED');
  });
});

describe('the re-score notification text', () => {
  it('writes scores the Vietnamese way and the deadline in Hanoi time; the scores only when known', () => {
    const text = rescoreOrderedText({ month: '2026-12', reason: ' Chênh lệch lớn với biên bản số. ', until: '2026-12-11T17:00:00Z', selfScore: 95.5, score360: 72.25 });
    expect(text).toEqual({
      title: 'Đề nghị chấm lại điểm tự đánh giá tháng 12/2026',
      body: [
        'Thủ trưởng đề nghị đồng chí chấm lại điểm tự đánh giá tháng 12/2026: Chênh lệch lớn với biên bản số.',
        'Điểm tự chấm: 95,5; điểm đánh giá 360°: 72,25.',
        // 17:00 UTC on the 11th is midnight starting the 12th in Hanoi.
        'Hạn: trước 00:00 ngày 12/12/2026 (tức hết ngày 11/12/2026, giờ Hà Nội).',
        'Phiếu tự đánh giá đã được mở lại: đề nghị đồng chí chấm lại và gửi lại phiếu trong thời hạn trên.',
      ].join('\n'),
    });
    expect(rescoreOrderedText({ month: '2026-12', reason: 'Chênh lệch', until: '2026-12-11T17:00:00Z' }).body).not.toContain('Điểm tự chấm:');
    expect(() => rescoreOrderedText({ month: '2026-12', reason: '  ', until: '2026-12-11T17:00:00Z' })).toThrow(/^reason/);
  });
});
