import { criteriaFramework } from '@cbccvc/rules';
import { ok, outcome, startTestSystem, type TestSystem } from './support/system';
import { planAndComplete, selfAssess, tokenOf, waitForProjection, type Member } from './support/month';

/**
 * Who evaluates whom through the gateway (issue 14, DOMAIN §3 and §7) on the demo ward: the table of
 * document 003 post by post; the vice chair in charge of the field as data the government block's
 * administrator edits; an external authority deciding in the system with its collective decision;
 * someone acting for an absent decider; a concurrent post; a transfer on the 15th; the focal point.
 * Expected evaluators are read from the generated ward (posts and units), never from the chain code.
 * Clock: 10 May 2026 unless a test moves it.
 */
let t: TestSystem;
let city: string;
const month = '2026-05';
const user = (username: string) => t.seed.demoUsers.find((u) => u.username === username)!.personId;
const unitOfKind = (kind: string, code?: string) => t.seed.units.find((u) => u.kind === kind && (!code || u.code.endsWith(code)))!;
const positionOf = (personId: string) => t.seed.positions.find((p) => p.id === t.seed.people.find((x) => x.id === personId)!.positionId)!;
/** The holder of a post in a unit (the demo ward has one head and, mostly, one deputy per unit). */
const holder = (unitId: string, rank: 'HEAD' | 'DEPUTY' | 'STAFF', nth = 0) =>
  t.seed.people.filter((p) => p.unitId === unitId && t.seed.positions.find((pos) => pos.id === p.positionId)!.rank === rank)[nth]!.id;
const external = (code: string) => t.seed.units.find((u) => u.kind === 'EXTERNAL_AUTHORITY' && u.code === code)!.id;
const full = (form: 'FORM_01' | 'FORM_02' | 'FORM_03') => criteriaFramework(form).groups.flatMap((g) => g.criteria).map((c) => ({ code: c.code, score: c.max }));

const chainQuery = `query($p: ID!, $m: String!) { evaluationChain(personId: $p, month: $m) {
  commenter { id } decider { id } commenterAuthority { id } deciderAuthority { id } commenterActingFor { id } deciderActingFor { id } basis overridden } }`;
interface Chain {
  commenter: { id: string } | null;
  decider: { id: string } | null;
  commenterAuthority: { id: string } | null;
  deciderAuthority: { id: string } | null;
  commenterActingFor: { id: string } | null;
  deciderActingFor: { id: string } | null;
  basis: string;
  overridden: boolean;
}
const chainOf = async (personId: string, m = month) => (await ok(t.gql<{ evaluationChain: Chain }>(city, chainQuery, { p: personId, m }))).evaluationChain;
const steps = (c: Chain) => ({ commenter: c.commenter?.id ?? c.commenterAuthority?.id ?? null, decider: c.decider?.id ?? c.deciderAuthority?.id ?? null });

const formQuery = `query($p: ID!, $m: String!) { evaluationForm(personId: $p, month: $m) {
  id version state unit { id } commenter { id } decider { id } deciderAuthority { id } deciderActingFor { id }
  commentReference { number date authority { id } } decisionReference { number date recordedBy authority { id } }
  handover { fromUnit { id } comment commentedBy { id } } } }`;
interface FormView {
  id: string;
  version: number;
  state: string;
  unit: { id: string };
  commenter: { id: string } | null;
  decider: { id: string } | null;
  deciderAuthority: { id: string } | null;
  deciderActingFor: { id: string } | null;
  commentReference: { number: string; date: string; authority: { id: string } } | null;
  decisionReference: { number: string; date: string; recordedBy: string; authority: { id: string } } | null;
  handover: { fromUnit: { id: string }; comment: string | null; commentedBy: { id: string } | null } | null;
}
const formOf = async (personId: string) => (await ok(t.gql<{ evaluationForm: FormView }>(city, formQuery, { p: personId, m: month }))).evaluationForm;
const member = async (personId: string): Promise<Member> => ({ id: personId, token: await tokenOf(t, personId) });
const openForm = async (m: Member) => (await ok(t.gql<{ openEvaluationForm: { id: string } }>(m.token, `mutation { openEvaluationForm(month: "${month}") { id } }`))).openEvaluationForm;
const comment = (token: string, form: FormView, text: string, reference?: { number: string; date: string }) =>
  t.gql<{ commentEvaluation: { state: string } }>(token, 'mutation($id: ID!, $v: Int!, $i: CommentInput!) { commentEvaluation(id: $id, expectedVersion: $v, input: $i) { state } }', {
    id: form.id, v: form.version, i: { comment: text, reference },
  });
const decideQuery = 'mutation($i: DecisionInput!) { decideEvaluations(input: $i) { members { person { id } grade } } }';

beforeAll(async () => {
  t = await startTestSystem();
  city = await t.login('admin.thanhpho');
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

describe('document 003: who evaluates whom in the ward (DOMAIN §3 table)', () => {
  const du = () => unitOfKind('PARTY_COMMITTEE').id;
  const ubnd = () => unitOfKind('PEOPLES_COMMITTEE').id;
  const hdnd = () => unitOfKind('PEOPLES_COUNCIL').id;
  const mttq = () => unitOfKind('FATHERLAND_FRONT').id;
  const phuNu = () => unitOfKind('MASS_ORGANISATION', '-PN').id;
  const xdd = () => unitOfKind('ADVISORY_BODY', '-XDD').id;
  const banPhapChe = () => unitOfKind('SUB_UNIT', 'HDND-PC').id;
  const school = () => unitOfKind('SCHOOL').id;
  const secretary = () => holder(du(), 'HEAD');
  const standingDeputy = () => holder(du(), 'DEPUTY');
  const chair = () => holder(ubnd(), 'HEAD');

  it.each([
    ['the ward Party Secretary: a collective comment, the City Party Standing Committee decides', () => secretary(), () => ({ commenter: external('BTVTU'), decider: external('BTVTU') })],
    ['the Standing Deputy Secretary: the Secretary comments, the City Standing Board decides', () => standingDeputy(), () => ({ commenter: secretary(), decider: external('TTTU') })],
    ["the People's Committee chair: the Secretary comments, the Party committee of the City People's Committee decides", () => chair(), () => ({ commenter: secretary(), decider: external('BTV-DU-UBNDTP') })],
    ['the head of a Party advisory body', () => holder(xdd(), 'HEAD'), () => ({ commenter: standingDeputy(), decider: secretary() })],
    ['the Fatherland Front chair', () => holder(mttq(), 'HEAD'), () => ({ commenter: standingDeputy(), decider: secretary() })],
    ['the head of a socio-political organisation', () => holder(phuNu(), 'HEAD'), () => ({ commenter: standingDeputy(), decider: secretary() })],
    ['a deputy of a socio-political organisation: its head comments, the Fatherland Front chair decides', () => holder(phuNu(), 'DEPUTY'), () => ({ commenter: holder(phuNu(), 'HEAD'), decider: holder(mttq(), 'HEAD') })],
    ['a deputy of a Party unit: its head, in one step', () => holder(xdd(), 'DEPUTY'), () => ({ commenter: null, decider: holder(xdd(), 'HEAD') })],
    ["the People's Council vice chair: the chair, in one step", () => holder(hdnd(), 'DEPUTY'), () => ({ commenter: null, decider: holder(hdnd(), 'HEAD') })],
    ["the head of a People's Council committee: the Council chair, no comment", () => holder(banPhapChe(), 'HEAD'), () => ({ commenter: null, decider: holder(hdnd(), 'HEAD') })],
    ["a deputy of a People's Council committee: its head, in one step", () => holder(banPhapChe(), 'DEPUTY'), () => ({ commenter: null, decider: holder(banPhapChe(), 'HEAD') })],
    ["a vice chair of the People's Committee: the chair, in one step", () => holder(ubnd(), 'DEPUTY'), () => ({ commenter: null, decider: chair() })],
    ['an office head: the vice chair in charge of the field comments, the chair decides', () => user('truongphong'), () => ({ commenter: user('phochutich'), decider: user('chutich') })],
    ["a school principal: the school is under the People's Committee, whose chair decides", () => holder(school(), 'HEAD'), () => ({ commenter: user('phochutich'), decider: chair() })],
    ['a vice principal: the principal, in one step', () => holder(school(), 'DEPUTY'), () => ({ commenter: null, decider: holder(school(), 'HEAD') })],
    ['a staff member of an office: the deputy in charge comments, the head decides', () => user('nhanvien'), () => ({ commenter: user('phophong'), decider: user('truongphong') })],
  ] as const)('%s', async (_label, who, expected) => {
    const chain = await chainOf(who());
    expect(steps(chain)).toEqual(expected());
    expect(chain.overridden).toBe(false);
  });

  it('places a school in the school block under the People\'s Committee: the block administers, the tree decides', async () => {
    const { unit } = await ok(t.gql<{ unit: { block: string; parent: { kind: string } } }>(city, 'query($id: ID!) { unit(id: $id) { block parent { kind } } }', { id: school() }));
    expect(unit).toEqual({ block: 'SCHOOL', parent: { kind: 'PEOPLES_COMMITTEE' } });
    // A block administrator of schools may still create a school there, and nothing else of another block.
    const schoolAdmin = await t.login('admin.truonghoc');
    const made = await t.gql(schoolAdmin, 'mutation($i: CreateUnitInput!) { createUnit(input: $i) { id block } }', { i: { parentId: ubnd(), code: 'HD-MN-99', name: 'Trường Mầm non Thử', kind: 'SCHOOL', block: 'SCHOOL' } });
    expect(outcome(made)).toBe('OK');
    const office = await t.gql(schoolAdmin, 'mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }', { i: { parentId: ubnd(), code: 'HD-X-99', name: 'Phòng Thử', kind: 'OFFICE', block: 'SCHOOL' } });
    expect(outcome(office)).toBe('BAD_USER_INPUT');
  });
});

describe('the vice chair in charge of the field is data the government block administrator edits', () => {
  const setInCharge = 'mutation($l: ID!, $i: InChargeInput!) { setInCharge(leaderId: $l, input: $i) { effectiveFrom units { id } } }';
  let viceChair2: string;
  const ubnd = () => unitOfKind('PEOPLES_COMMITTEE').id;
  const culture = () => t.seed.people.find((p) => p.id === user('truongphong'))!.unitId;
  const economy = () => unitOfKind('OFFICE', 'KTHTDT').id;

  beforeAll(async () => {
    const government = await t.login('admin.chinhquyen');
    const positionId = t.seed.positions.find((p) => p.code === 'PHO_CHU_TICH')!.id;
    const { createPerson } = await ok(t.gql<{ createPerson: { id: string } }>(government, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', {
      i: { unitId: ubnd(), positionId, name: 'Lê Minh Thành', staffKind: 'CADRE' },
    }));
    viceChair2 = createPerson.id;
  });

  it('a second vice chair changes nothing until assigned: the one in charge comments, never the most senior by default', async () => {
    expect(steps(await chainOf(user('truongphong')))).toEqual({ commenter: user('phochutich'), decider: user('chutich') });
  });

  it('refuses the focal point, another block and a unit outside the Committee, and changes nothing', async () => {
    const input = { effectiveFrom: month, unitIds: [culture()], reason: 'Phân công lĩnh vực văn hóa - xã hội' };
    expect(outcome(await t.gql(await t.login('daumoi'), setInCharge, { l: viceChair2, i: input }))).toBe('FORBIDDEN');
    expect(outcome(await t.gql(await t.login('admin.dang'), setInCharge, { l: viceChair2, i: input }))).toBe('FORBIDDEN');
    const outside = await t.gql(await t.login('admin.chinhquyen'), setInCharge, { l: viceChair2, i: { ...input, unitIds: [unitOfKind('ADVISORY_BODY', '-XDD').id] } });
    expect(outcome(outside)).toBe('BAD_USER_INPUT');
    expect(outside.errors![0]!.extensions!.field).toBe('input.unitIds[0]');
    const notLeader = await t.gql(await t.login('admin.chinhquyen'), setInCharge, { l: user('nhanvien'), i: input });
    expect(outcome(notLeader)).toBe('BAD_USER_INPUT');
    const { person } = await ok(t.gql<{ person: { inCharge: unknown } }>(city, 'query($id: ID!) { person(id: $id) { inCharge(month: "2026-05") { effectiveFrom } } }', { id: viceChair2 }));
    expect(person.inCharge).toBeNull();
  });

  it("moves the open form of the office head whose comment is not given, and leaves a comment already given", async () => {
    // The culture office head's form is open; the economy office head's is already commented on.
    const head = await member(user('truongphong'));
    await openForm(head);
    const economyHead = await member(t.seed.people.find((p) => p.unitId === economy() && positionOf(p.id).rank === 'HEAD')!.id);
    await selfAssess(t, economyHead, month, full('FORM_02'), 'B');
    const commented = await formOf(economyHead.id);
    expect(commented.commenter?.id).toBe(user('phochutich'));
    expect((await ok(comment(await t.login('phochutich'), commented, 'Hoàn thành tốt lĩnh vực kinh tế'))).commentEvaluation.state).toBe('COMMENTED');

    const set = await ok(t.gql<{ setInCharge: { effectiveFrom: string; units: { id: string }[] } }>(await t.login('admin.chinhquyen'), setInCharge, {
      l: viceChair2, i: { effectiveFrom: month, unitIds: [culture(), economy()], reason: 'Phân công lại lĩnh vực' },
    }));
    expect(set.setInCharge).toEqual({ effectiveFrom: month, units: expect.arrayContaining([{ id: culture() }, { id: economy() }]) });
    const chain = await chainOf(user('truongphong'));
    expect(steps(chain)).toEqual({ commenter: viceChair2, decider: user('chutich') });
    expect(chain.basis).toMatch(/theo phân công/);
    expect((await formOf(user('truongphong'))).commenter?.id).toBe(viceChair2);
    // The step taken stays as it was taken.
    const after = await formOf(economyHead.id);
    expect([after.state, after.commenter?.id, after.decider?.id]).toEqual(['COMMENTED', user('phochutich'), user('chutich')]);
    const audits = (await t.system.orm.em.fork().getConnection().execute(`select action, after from evaluation.audit_log where entity_id = ? order by id`, [(await formOf(user('truongphong'))).id])) as { action: string; after: { commenterId?: string } }[];
    expect(audits.find((a) => a.action === 'form.chain')?.after.commenterId).toBe(viceChair2);
    // The old vice chair no longer sees it awaiting them; the new one will once submitted.
    const awaiting = await ok(t.gql<{ formsAwaitingMe: { id: string }[] }>(await t.login('phochutich'), `{ formsAwaitingMe(month: "${month}") { id } }`));
    expect(awaiting.formsAwaitingMe.map((f) => f.id)).not.toContain((await formOf(user('truongphong'))).id);
  });
});

describe('external authorities decide in the system, with their collective decision', () => {
  const du = () => unitOfKind('PARTY_COMMITTEE').id;
  let secretary: Member;
  let standingDeputy: Member;
  let delegate: string;

  beforeAll(async () => {
    secretary = await member(holder(du(), 'HEAD'));
    standingDeputy = await member(holder(du(), 'DEPUTY'));
    delegate = await t.login('bantochuc');
  });

  it("the Standing Deputy: planned by the Secretary, commented by the Secretary, decided for the City Standing Board", async () => {
    await planAndComplete(t, standingDeputy, du(), month, secretary.token, { size: 2 });
    await selfAssess(t, standingDeputy, month, full('FORM_01'), 'B');
    expect((await ok(comment(secretary.token, await formOf(standingDeputy.id), 'Đồng chí hoàn thành tốt nhiệm vụ'))).commentEvaluation.state).toBe('COMMENTED');
    await ok(t.gql(delegate, 'mutation($p: ID!) { setLeaderFactors(input: { personId: $p, month: "2026-05", organisation: 1, unity: 1, reason: "Theo kết luận tập thể" }) { month } }', { p: standingDeputy.id }));
    const input = { month, authorityUnitId: external('TTTU'), personIds: [standingDeputy.id], reason: 'Thường trực Thành ủy thống nhất', collectiveDecision: { number: '45-TB/TU', date: '2026-05-09' } };
    // Only an account acting for the authority records its decision, and never without its reference.
    expect(outcome(await t.gql(city, decideQuery, { i: input }))).toBe('FORBIDDEN');
    const noReference = await t.gql(delegate, decideQuery, { i: { ...input, collectiveDecision: null } });
    expect([outcome(noReference), noReference.errors![0]!.extensions!.field]).toEqual(['BAD_USER_INPUT', 'input.collectiveDecision']);
    const future = await t.gql(delegate, decideQuery, { i: { ...input, collectiveDecision: { number: '45-TB/TU', date: '2026-05-11' } } });
    expect([outcome(future), future.errors![0]!.extensions!.field]).toEqual(['BAD_USER_INPUT', 'input.collectiveDecision.date']);
    expect((await formOf(standingDeputy.id)).state).toBe('COMMENTED');
    await ok(t.gql(delegate, decideQuery, { i: input }));
    const decided = await formOf(standingDeputy.id);
    expect(decided.state).toBe('DECIDED');
    expect(decided.decisionReference).toEqual({ number: '45-TB/TU', date: '2026-05-09', recordedBy: 'bantochuc', authority: { id: external('TTTU') } });
  });

  it('the Secretary: a collective comment and the City Party Standing Committee’s decision, recorded by its account', async () => {
    await planAndComplete(t, secretary, du(), month, delegate, { size: 3 });
    await selfAssess(t, secretary, month, full('FORM_01'), 'A');
    const awaiting = await ok(t.gql<{ formsAwaitingMe: { id: string }[] }>(delegate, `{ formsAwaitingMe(month: "${month}") { id } }`));
    const form = await formOf(secretary.id);
    expect(awaiting.formsAwaitingMe.map((f) => f.id)).toContain(form.id);
    expect(outcome(await comment(await t.login('admin.dang'), form, 'Nhận xét'))).toBe('FORBIDDEN');
    const unreferenced = await comment(delegate, form, 'Tập thể Ban Thường vụ nhận xét');
    expect([outcome(unreferenced), unreferenced.errors![0]!.extensions!.field]).toEqual(['BAD_USER_INPUT', 'input.reference']);
    await ok(comment(delegate, form, 'Tập thể Ban Thường vụ Đảng ủy và đồng chí Thành ủy viên phụ trách nhận xét: hoàn thành xuất sắc', { number: '12-BB/ĐU', date: '2026-05-08' }));
    const commented = await formOf(secretary.id);
    expect(commented.commentReference).toEqual({ number: '12-BB/ĐU', date: '2026-05-08', authority: { id: external('BTVTU') } });
    await ok(t.gql(delegate, 'mutation($p: ID!) { setLeaderFactors(input: { personId: $p, month: "2026-05", organisation: 1, unity: 1, reason: "Theo kết luận tập thể" }) { month } }', { p: secretary.id }));
    await ok(t.gql(delegate, decideQuery, { i: { month, authorityUnitId: external('BTVTU'), personIds: [secretary.id], reason: 'Ban Thường vụ Thành ủy quyết định', collectiveDecision: { number: '125-QĐ/TU', date: '2026-05-10' } } }));
    const decided = await formOf(secretary.id);
    expect([decided.state, decided.decisionReference?.number, decided.deciderAuthority?.id]).toEqual(['DECIDED', '125-QĐ/TU', external('BTVTU')]);
  });

  it('form 3A lists them with the collective decisions, for the city', async () => {
    await waitForProjection(t);
    const jurisdictionId = t.seed.units.find((u) => u.id === du())!.jurisdictionId;
    const { cadresAnnouncement } = await ok(t.gql<{ cadresAnnouncement: { rows: { fullName: string; decisionNumber: string | null; decisionDate: string | null }[] } }>(city,
      'query($j: ID!) { cadresAnnouncement(scope: { jurisdictionId: $j }, month: "2026-05") { rows { fullName decisionNumber decisionDate } } }', { j: jurisdictionId }));
    const name = (id: string) => t.seed.people.find((p) => p.id === id)!.fullName;
    expect(cadresAnnouncement.rows).toEqual(expect.arrayContaining([
      { fullName: name(secretary.id), decisionNumber: '125-QĐ/TU', decisionDate: '2026-05-10' },
      { fullName: name(standingDeputy.id), decisionNumber: '45-TB/TU', decisionDate: '2026-05-09' },
    ]));
    // The account recording the authorities' decisions publishes 3A city-wide; staff may not read it.
    const board = await ok(t.gql<{ cadresAnnouncement: { rows: { fullName: string; decisionNumber: string | null }[] } }>(delegate,
      '{ cadresAnnouncement(month: "2026-05") { rows { fullName decisionNumber } } }'));
    // One unit (the Party committee): the Secretary's post ranks before the Standing Deputy's.
    expect(board.cadresAnnouncement.rows).toEqual([
      { fullName: name(secretary.id), decisionNumber: '125-QĐ/TU' },
      { fullName: name(standingDeputy.id), decisionNumber: '45-TB/TU' },
    ]);
    expect(outcome(await t.gql(await t.login('nhanvien'), '{ cadresAnnouncement(month: "2026-05") { rows { fullName } } }'))).toBe('FORBIDDEN');
  });
});

describe('acting for an absent decider, and the focal point', () => {
  it('the override of the month names who acts for the head; the form says so, and the acting decider decides', async () => {
    const focal = await t.login('daumoi');
    const deputy2 = t.seed.people.find((p) => p.unitId === t.seed.people.find((x) => x.id === user('nhanvien'))!.unitId && positionOf(p.id).rank === 'DEPUTY' && p.id !== user('phophong'))!.id;
    const staff = await member(user('nhanvien'));
    await openForm(staff);
    await ok(t.gql(focal, 'mutation($p: ID!, $i: EvaluationChainOverrideInput!) { setEvaluationChainOverride(personId: $p, input: $i) { overridden } }', {
      p: staff.id, i: { effectiveFrom: month, untilMonth: month, acting: true, deciderId: deputy2, reason: 'Trưởng phòng đi học tập trung tháng 5' },
    }));
    const may = await chainOf(staff.id);
    expect([may.decider?.id, may.deciderActingFor?.id, may.commenter?.id]).toEqual([deputy2, user('truongphong'), user('phophong')]);
    expect(steps(await chainOf(staff.id, '2026-06'))).toEqual({ commenter: user('phophong'), decider: user('truongphong') });
    const form = await formOf(staff.id);
    expect([form.decider?.id, form.deciderActingFor?.id]).toEqual([deputy2, user('truongphong')]);

    await planAndComplete(t, staff, form.unit.id, month, await t.login('phophong'), { size: 1 });
    await selfAssess(t, staff, month, full('FORM_03'), 'B');
    await ok(comment(await t.login('phophong'), await formOf(staff.id), 'Hoàn thành tốt'));
    // The absent head no longer decides; the deputy acting for them does.
    expect(outcome(await t.gql(await t.login('truongphong'), decideQuery, { i: { month, personIds: [staff.id], reason: 'Quyết định' } }))).toBe('FORBIDDEN');
    await ok(t.gql(await tokenOf(t, deputy2), decideQuery, { i: { month, personIds: [staff.id], reason: 'Quyền Trưởng phòng quyết định' } }));
    expect((await formOf(staff.id)).state).toBe('DECIDED');
  });

  it("the unit's head names the focal point, who configures deputies and staff and sees the unit's status", async () => {
    const unitId = t.seed.people.find((p) => p.id === user('truongphong'))!.unitId;
    const setFocal = 'mutation($u: ID!, $p: ID!) { setFocalPoint(unitId: $u, personId: $p) { focalPoint { id } } }';
    expect(outcome(await t.gql(await t.login('nhanvien'), setFocal, { u: unitId, p: user('daumoi') }))).toBe('FORBIDDEN');
    const named = await ok(t.gql<{ setFocalPoint: { focalPoint: { id: string } } }>(await t.login('truongphong'), setFocal, { u: unitId, p: user('daumoi') }));
    expect(named.setFocalPoint.focalPoint.id).toBe(user('daumoi'));
    const focal = await t.login('daumoi');
    const override = 'mutation($p: ID!, $c: ID) { setEvaluationChainOverride(personId: $p, input: { effectiveFrom: "2026-06", commenterId: $c, reason: "Phân công" }) { overridden } }';
    expect(outcome(await t.gql(focal, override, { p: user('phophong'), c: null }))).toBe('OK');
    expect(outcome(await t.gql(focal, override, { p: user('truongphong'), c: null }))).toBe('FORBIDDEN');
    const status = await ok(t.gql<{ unitEvaluationStatus: { person: { id: string } }[] }>(focal, 'query($u: ID!) { unitEvaluationStatus(unitId: $u, month: "2026-05") { person { id } } }', { u: unitId }));
    expect(status.unitEvaluationStatus.map((r) => r.person.id)).toEqual(expect.arrayContaining([user('nhanvien'), user('truongphong')]));
  });
});

describe('a concurrent post', () => {
  it("the People's Committee chair, also Deputy Party Secretary, is evaluated once, on the main post", async () => {
    const ubnd = unitOfKind('PEOPLES_COMMITTEE').id;
    const du = unitOfKind('PARTY_COMMITTEE').id;
    const chair = user('chutich');
    const before = await chainOf(chair);
    const deputySecretary = t.seed.positions.find((p) => p.code === 'PHO_BI_THU')!.id;
    const add = 'mutation($p: ID!, $i: ConcurrentPostInput!) { addConcurrentPost(personId: $p, input: $i) { concurrentPosts { unit { id } position { code } } } }';
    // Both blocks are concerned: a government block administrator alone may not.
    expect(outcome(await t.gql(await t.login('admin.chinhquyen'), add, { p: chair, i: { unitId: du, positionId: deputySecretary, effectiveDate: '2026-05-01' } }))).toBe('FORBIDDEN');
    const added = await ok(t.gql<{ addConcurrentPost: { concurrentPosts: { unit: { id: string }; position: { code: string } }[] } }>(city, add, {
      p: chair, i: { unitId: du, positionId: deputySecretary, effectiveDate: '2026-05-01' },
    }));
    expect(added.addConcurrentPost.concurrentPosts).toEqual([{ unit: { id: du }, position: { code: 'PHO_BI_THU' } }]);
    expect(steps(await chainOf(chair))).toEqual(steps(before));
    // The Standing Deputy stays the first deputy of the committee: the heads of its advisory bodies keep their commenter.
    expect(steps(await chainOf(holder(unitOfKind('ADVISORY_BODY', '-XDD').id, 'HEAD'))).commenter).toBe(holder(du, 'DEPUTY'));
    // One form, in the main unit; the Secretary, leading the concurrent post, adds its tasks to the same plan.
    const me = await member(chair);
    const form = await openForm(me);
    expect((await formOf(chair)).id).toBe(form.id);
    expect((await formOf(chair)).unit.id).toBe(ubnd);
    const secretary = await tokenOf(t, holder(du, 'HEAD'));
    const { createPlan } = await ok(t.gql<{ createPlan: { id: string } }>(me.token, 'mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }', { i: { unitId: ubnd, personId: chair, month } }));
    expect(outcome(await t.gql(secretary, 'mutation($i: AddTaskInput!) { addTask(input: $i) { id } }', { i: { planId: createPlan.id, title: 'Chỉ đạo công tác xây dựng Đảng', size: 1, assignedOn: '2026-05-04' } }))).toBe('OK');
  });
});

describe('a transfer on the 15th hands over the open form; nothing decided moves', () => {
  afterAll(() => t.clock.set('2026-05-10T03:00:00Z'));

  it('moves the open form to the new unit and chain; the old head may add a comment; a decided form stays', async () => {
    const culture = t.seed.people.find((p) => p.id === user('truongphong'))!.unitId;
    const economy = unitOfKind('OFFICE', 'KTHTDT').id;
    const demo = new Set(t.seed.demoUsers.map((u) => u.personId));
    const [movingId, decidedId] = t.seed.people.filter((p) => p.unitId === culture && positionOf(p.id).code === 'CHUYEN_VIEN' && !demo.has(p.id)).map((p) => p.id);
    const moving = await member(movingId!);
    await openForm(moving);
    await ok(t.gql(moving.token, 'mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }', { i: { unitId: culture, personId: movingId, month } }));
    // The other one's month is decided before the transfer.
    const decidedMember = await member(decidedId!);
    await planAndComplete(t, decidedMember, culture, month, await t.login('phophong'), { size: 1 });
    await selfAssess(t, decidedMember, month, full('FORM_03'), 'B');
    await ok(comment(await t.login('phophong'), await formOf(decidedId!), 'Hoàn thành tốt'));
    await ok(t.gql(await t.login('truongphong'), decideQuery, { i: { month, personIds: [decidedId], reason: 'Quyết định' } }));

    t.clock.set('2026-05-15T03:00:00Z');
    const government = await t.login('admin.chinhquyen');
    const transfer = 'mutation($id: ID!, $v: Int!, $to: ID!) { transferPerson(id: $id, expectedVersion: $v, input: { toUnitId: $to, effectiveDate: "2026-05-15", reason: "Điều động" }) { id } }';
    const versionOf = async (id: string) => (await ok(t.gql<{ person: { version: number } }>(city, 'query($id: ID!) { person(id: $id) { version } }', { id }))).person.version;
    await ok(t.gql(government, transfer, { id: movingId, v: await versionOf(movingId!), to: economy }));
    await ok(t.gql(government, transfer, { id: decidedId, v: await versionOf(decidedId!), to: economy }));

    const economyHead = t.seed.people.find((p) => p.unitId === economy && positionOf(p.id).rank === 'HEAD')!.id;
    const economyDeputy = t.seed.people.find((p) => p.unitId === economy && positionOf(p.id).rank === 'DEPUTY')!.id;
    const moved = await formOf(movingId!);
    expect([moved.unit.id, moved.commenter?.id, moved.decider?.id, moved.handover?.fromUnit.id]).toEqual([economy, economyDeputy, economyHead, culture]);
    // The open plan went too: the new unit's leaders approve it.
    const { personPlan } = await ok(t.gql<{ personPlan: { unit: { id: string } } }>(city, 'query($p: ID!) { personPlan(personId: $p, month: "2026-05") { unit { id } } }', { p: movingId }));
    expect(personPlan.unit.id).toBe(economy);
    const decidedPlan = await ok(t.gql<{ personPlan: { unit: { id: string } } }>(city, 'query($p: ID!) { personPlan(personId: $p, month: "2026-05") { unit { id } } }', { p: decidedId }));
    expect(decidedPlan.personPlan.unit.id).toBe(culture);
    const stayed = await formOf(decidedId!);
    expect([stayed.state, stayed.unit.id, stayed.decider?.id, stayed.handover]).toEqual(['DECIDED', culture, user('truongphong'), null]);

    const handover = 'mutation($id: ID!, $v: Int!, $c: String!) { addHandoverComment(formId: $id, expectedVersion: $v, comment: $c) { handover { comment commentedBy { id } } } }';
    expect(outcome(await t.gql(await tokenOf(t, economyHead), handover, { id: moved.id, v: moved.version, c: 'x' }))).toBe('FORBIDDEN');
    expect(outcome(await t.gql(await t.login('nhanvien'), handover, { id: moved.id, v: moved.version, c: 'x' }))).toBe('FORBIDDEN');
    const added = await ok(t.gql<{ addHandoverComment: { handover: { comment: string; commentedBy: { id: string } } } }>(await t.login('truongphong'), handover, {
      id: moved.id, v: moved.version, c: 'Nửa đầu tháng hoàn thành tốt nhiệm vụ tại Phòng Văn hóa - Xã hội',
    }));
    expect(added.addHandoverComment.handover).toEqual({ comment: 'Nửa đầu tháng hoàn thành tốt nhiệm vụ tại Phòng Văn hóa - Xã hội', commentedBy: { id: user('truongphong') } });
    // The new unit's leaders see it awaiting them once submitted; the old head no longer decides it.
    const status = await ok(t.gql<{ unitEvaluationStatus: { person: { id: string } }[] }>(await tokenOf(t, economyHead), 'query($u: ID!) { unitEvaluationStatus(unitId: $u, month: "2026-05") { person { id } } }', { u: economy }));
    expect(status.unitEvaluationStatus.map((r) => r.person.id)).toContain(movingId);
  });
});
