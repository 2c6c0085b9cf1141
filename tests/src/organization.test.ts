import { randomUUID } from 'node:crypto';
import { ok, outcome, startTestSystem, type TestSystem } from './support/system';

let t: TestSystem;
let city: string;
const person = (username: string) => t.seed.demoUsers.find((u) => u.username === username)!.personId;
const unitOf = (personId: string) => t.seed.people.find((p) => p.id === personId)!.unitId;


beforeAll(async () => {
  t = await startTestSystem();
  city = await t.login('admin.thanhpho');
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

const createUnit = 'mutation($i: CreateUnitInput!) { createUnit(input: $i) { id version name path: ancestors { id } } }';
const staffPosition = () => t.seed.positions.find((p) => p.code === 'CHUYEN_VIEN')!.id;

describe('bad input is refused with a coded error naming the field, and nothing is written', () => {
  it('refuses an empty unit name', async () => {
    const response = await t.gql(city, createUnit, { i: { parentId: unitOf(person('daumoi')), code: 'X1', name: '   ', kind: 'SUB_UNIT' } });
    expect(response.status).toBe(200);
    expect(outcome(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!.field).toBe('input.name');
  });

  it('answers an unknown id with NOT_FOUND and a malformed id with BAD_USER_INPUT', async () => {
    const unknown = await t.gql(city, createUnit, { i: { parentId: randomUUID(), code: 'X2', name: 'Tổ mới', kind: 'SUB_UNIT' } });
    expect(outcome(unknown)).toBe('NOT_FOUND');
    expect(unknown.errors![0]!.message).toMatch(/input.parentId/);
    const malformed = await t.gql(city, 'query { person(id: "1; drop table x") { name } }');
    expect(outcome(malformed)).toBe('BAD_USER_INPUT');
  });

  it('refuses to make a unit its own ancestor', async () => {
    const base = unitOf(person('daumoi'));
    const parent = (await ok(t.gql<{ createUnit: { id: string; version: number } }>(city, createUnit, { i: { parentId: base, code: 'CY1', name: 'Tổ A', kind: 'SUB_UNIT' } }))).createUnit;
    const child = (await ok(t.gql<{ createUnit: { id: string } }>(city, createUnit, { i: { parentId: parent.id, code: 'CY2', name: 'Tổ A1', kind: 'SUB_UNIT' } }))).createUnit;
    const response = await t.gql(city, 'mutation($id: ID!, $v: Int!, $p: ID!) { updateUnit(id: $id, expectedVersion: $v, input: { parentId: $p }) { id } }', { id: parent.id, v: parent.version, p: child.id });
    expect(outcome(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toMatch(/own ancestor/);
    const self = await t.gql(city, 'mutation($id: ID!, $v: Int!) { updateUnit(id: $id, expectedVersion: $v, input: { parentId: $id }) { id } }', { id: parent.id, v: parent.version });
    expect(outcome(self)).toBe('BAD_USER_INPUT');
  });

  it('moves a subtree and rewrites the paths below it', async () => {
    const base = unitOf(person('daumoi'));
    const other = t.seed.units.find((u) => /Kinh tế/.test(u.name))!.id;
    const a = (await ok(t.gql<{ createUnit: { id: string; version: number } }>(city, createUnit, { i: { parentId: base, code: 'MV1', name: 'Tổ chuyển', kind: 'SUB_UNIT' } }))).createUnit;
    const b = (await ok(t.gql<{ createUnit: { id: string } }>(city, createUnit, { i: { parentId: a.id, code: 'MV2', name: 'Nhóm con', kind: 'SUB_UNIT' } }))).createUnit;
    await ok(t.gql(city, 'mutation($id: ID!, $v: Int!, $p: ID!) { updateUnit(id: $id, expectedVersion: $v, input: { parentId: $p }) { id } }', { id: a.id, v: a.version, p: other }));
    const moved = await ok(t.gql<{ unit: { ancestors: { id: string }[] } }>(city, 'query($id: ID!) { unit(id: $id) { ancestors { id } } }', { id: b.id }));
    expect(moved.unit.ancestors.map((u) => u.id)).toContain(other);
    expect(moved.unit.ancestors.map((u) => u.id)).not.toContain(base);
  });

  it('refuses a duplicate username and leaves no account behind', async () => {
    const created = (await ok(t.gql<{ createPerson: { id: string } }>(city, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', {
      i: { unitId: unitOf(person('daumoi')), positionId: staffPosition(), name: 'Lê Văn Trùng', staffKind: 'CIVIL_SERVANT' },
    }))).createPerson;
    const response = await t.gql(city, 'mutation($p: ID!) { issueAccount(personId: $p, username: "nhanvien") { temporaryPassword } }', { p: created.id });
    expect(outcome(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!.field).toBe('username');
    const check = await ok(t.gql<{ person: { account: unknown } }>(city, 'query($id: ID!) { person(id: $id) { account { id } } }', { id: created.id }));
    expect(check.person.account).toBeNull();
  });

  it('refuses a month that is not YYYY-MM', async () => {
    const response = await t.gql(city, 'query($p: ID!) { evaluationChain(personId: $p, month: "2026-13") { basis } }', { p: person('nhanvien') });
    expect(outcome(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!.field).toBe('month');
  });

  it('refuses to close a unit that still has members', async () => {
    const unit = unitOf(person('daumoi'));
    const { unit: current } = await ok(t.gql<{ unit: { version: number } }>(city, 'query($id: ID!) { unit(id: $id) { version } }', { id: unit }));
    const response = await t.gql(city, 'mutation($id: ID!, $v: Int!) { closeUnit(id: $id, expectedVersion: $v) { id } }', { id: unit, v: current.version });
    expect(outcome(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toMatch(/active member/);
  });
});

describe('optimistic locking', () => {
  it('refuses a stale version with CONFLICT', async () => {
    const created = (await ok(t.gql<{ createUnit: { id: string; version: number } }>(city, createUnit, { i: { parentId: unitOf(person('daumoi')), code: 'OL1', name: 'Tổ khóa', kind: 'SUB_UNIT' } }))).createUnit;
    const update = 'mutation($id: ID!, $v: Int!, $n: String!) { updateUnit(id: $id, expectedVersion: $v, input: { name: $n }) { version name } }';
    const first = await ok(t.gql<{ updateUnit: { version: number } }>(city, update, { id: created.id, v: created.version, n: 'Tên 1' }));
    expect(first.updateUnit.version).toBe(created.version + 1);
    const stale = await t.gql(city, update, { id: created.id, v: created.version, n: 'Tên 2' });
    expect(outcome(stale)).toBe('CONFLICT');
    const { unit } = await ok(t.gql<{ unit: { name: string } }>(city, 'query($id: ID!) { unit(id: $id) { name } }', { id: created.id }));
    expect(unit.name).toBe('Tên 1');
  });

  it('lets exactly one of two concurrent edits of the same version win', async () => {
    const created = (await ok(t.gql<{ createUnit: { id: string; version: number } }>(city, createUnit, { i: { parentId: unitOf(person('daumoi')), code: 'OL2', name: 'Tổ đua', kind: 'SUB_UNIT' } }))).createUnit;
    const update = 'mutation($id: ID!, $v: Int!, $n: String!) { updateUnit(id: $id, expectedVersion: $v, input: { name: $n }) { version } }';
    const results = await Promise.all(['Tên A', 'Tên B', 'Tên C'].map((n) => t.gql(city, update, { id: created.id, v: created.version, n })));
    const outcomes = results.map(outcome).sort();
    expect(outcomes.filter((o) => o === 'OK')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'CONFLICT')).toHaveLength(2);
  });
});

describe('the evaluation chain', () => {
  const chainQuery = 'query($p: ID!, $m: String!) { evaluationChain(personId: $p, month: $m) { commenter { id } decider { id } deciderAuthority { name } basis overridden } }';
  type Chain = { evaluationChain: { commenter: { id: string } | null; decider: { id: string } | null; deciderAuthority: { name: string } | null; basis: string; overridden: boolean } };

  it('has the deputy in charge comment and the head decide for staff of a large office', async () => {
    const { evaluationChain } = await ok(t.gql<Chain>(city, chainQuery, { p: person('nhanvien'), m: '2026-05' }));
    expect(evaluationChain.decider?.id).toBe(person('truongphong'));
    expect(evaluationChain.commenter?.id).toBe(person('phophong'));
    expect(evaluationChain.overridden).toBe(false);
  });

  it("has a unit head decided by the parent unit's head", async () => {
    const { evaluationChain } = await ok(t.gql<Chain>(city, chainQuery, { p: person('truongphong'), m: '2026-05' }));
    const ubnd = t.seed.units.find((u) => u.kind === 'PEOPLES_COMMITTEE')!;
    const chair = t.seed.people.find((p) => p.unitId === ubnd.id && t.seed.positions.find((pos) => pos.id === p.positionId)!.rank === 'HEAD')!;
    expect(evaluationChain.decider?.id).toBe(chair.id);
  });

  it('has the ward Party Secretary decided by the external authority', async () => {
    const committee = t.seed.units.find((u) => u.kind === 'PARTY_COMMITTEE')!;
    const secretary = t.seed.people.find((p) => p.unitId === committee.id && t.seed.positions.find((pos) => pos.id === p.positionId)!.rank === 'HEAD')!;
    const { evaluationChain } = await ok(t.gql<Chain>(city, chainQuery, { p: secretary.id, m: '2026-05' }));
    expect(evaluationChain.decider).toBeNull();
    expect(evaluationChain.deciderAuthority?.name).toBe('Ban Thường vụ Thành ủy');
  });

  it('applies the focal point override from its month on, and is audited', async () => {
    const focal = await t.login('daumoi');
    // The office's second deputy takes over the field of culture.
    const deputy = t.seed.people.find(
      (p) => p.unitId === unitOf(person('nhanvien')) && p.id !== person('phophong') && t.seed.positions.find((pos) => pos.id === p.positionId)!.rank === 'DEPUTY',
    )!.id;
    const mutation = 'mutation($p: ID!, $c: ID!) { setEvaluationChainOverride(personId: $p, input: { effectiveFrom: "2026-06", commenterId: $c, reason: "Phó phòng phụ trách lĩnh vực văn hóa" }) { overridden commenter { id } } }';
    const set = await t.gql<{ setEvaluationChainOverride: { overridden: boolean; commenter: { id: string } } }>(focal, mutation, { p: person('nhanvien'), c: deputy });
    expect(outcome(set)).toBe('OK');
    expect(set.data!.setEvaluationChainOverride.commenter.id).toBe(deputy);
    // A focal point never makes themself an evaluator, names no non-leader, and leaves the head's chain to admins.
    expect(outcome(await t.gql(focal, mutation, { p: person('nhanvien'), c: person('daumoi') }))).toBe('FORBIDDEN');
    const staffMember = t.seed.people.find((p) => p.unitId === unitOf(person('nhanvien')) && ![person('nhanvien'), person('daumoi')].includes(p.id) && t.seed.positions.find((pos) => pos.id === p.positionId)!.rank === 'STAFF')!.id;
    expect(outcome(await t.gql(focal, mutation, { p: person('nhanvien'), c: staffMember }))).toBe('BAD_USER_INPUT');
    expect(outcome(await t.gql(focal, mutation, { p: person('truongphong'), c: person('phophong') }))).toBe('FORBIDDEN');
    // Nor does an administrator configure their own (admin.chinhquyen is a specialist of this office).
    const self = await t.gql(await t.login('admin.chinhquyen'), mutation, { p: person('admin.chinhquyen'), c: deputy });
    expect(outcome(self)).toBe('FORBIDDEN');
    expect(self.errors![0]!.message).toMatch(/Không ai tự cấu hình/);
    const may = await ok(t.gql<Chain>(city, chainQuery, { p: person('nhanvien'), m: '2026-05' }));
    expect(may.evaluationChain.overridden).toBe(false);
    const july = await ok(t.gql<Chain>(city, chainQuery, { p: person('nhanvien'), m: '2026-07' }));
    expect(july.evaluationChain.overridden).toBe(true);
    expect(july.evaluationChain.commenter?.id).toBe(deputy);
    expect(july.evaluationChain.decider?.id).toBe(person('truongphong'));
    const trail = await ok(t.gql<{ auditTrail: { action: string; actor: string }[] }>(city, 'query($id: ID!) { auditTrail(entityId: $id) { action actor } }', { id: person('nhanvien') }));
    expect(trail.auditTrail[0]).toEqual({ action: 'evaluationChain.override', actor: 'daumoi' });
  });

  it('refuses a month before the person was assigned', async () => {
    const response = await t.gql(city, chainQuery, { p: person('nhanvien'), m: '2025-06' });
    expect(outcome(response)).toBe('BAD_USER_INPUT');
  });
});

describe('transfers', () => {
  it('keeps history, moves the account claim, and ends the old unit’s access', async () => {
    const focalUnit = unitOf(person('daumoi'));
    const created = (await ok(t.gql<{ createPerson: { id: string; version: number } }>(city, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id version } }', {
      i: { unitId: focalUnit, positionId: staffPosition(), name: 'Phạm Thị Luân', staffKind: 'CIVIL_SERVANT', email: 'luan@hadong.hanoi.gov.vn' },
    }))).createPerson;
    const issued = await ok(t.gql<{ issueAccount: { account: { username: string; status: string; passwordChangeDeadline: string } } }>(
      city, 'mutation($p: ID!) { issueAccount(personId: $p) { account { username status passwordChangeDeadline } temporaryPassword } }', { p: created.id }));
    expect(issued.issueAccount.account.status).toBe('PENDING_PASSWORD_CHANGE');
    // Five days after issue (the fixed test clock says 2026-05-10T03:00Z).
    expect(issued.issueAccount.account.passwordChangeDeadline).toBe('2026-05-15T03:00:00.000Z');

    const target = t.seed.units.find((u) => /Kinh tế/.test(u.name))!;
    const moved = await ok(t.gql<{ transferPerson: { unit: { id: string }; transfers: { fromUnit: { id: string }; toUnit: { id: string }; effectiveDate: string }[] } }>(
      city,
      'mutation($id: ID!, $v: Int!, $to: ID!) { transferPerson(id: $id, expectedVersion: $v, input: { toUnitId: $to, effectiveDate: "2026-06-01", reason: "Điều động" }) { unit { id } transfers { fromUnit { id } toUnit { id } effectiveDate } } }',
      { id: created.id, v: created.version, to: target.id },
    ));
    expect(moved.transferPerson.unit.id).toBe(target.id);
    expect(moved.transferPerson.transfers).toEqual([{ fromUnit: { id: focalUnit }, toUnit: { id: target.id }, effectiveDate: '2026-06-01' }]);

    // The old unit's focal point can no longer read the person.
    const focalRead = await t.gql(await t.login('daumoi'), 'query($id: ID!) { person(id: $id) { name } }', { id: created.id });
    expect(outcome(focalRead)).toBe('FORBIDDEN');
    // The identity provider's unit claim follows the person.
    const [row] = (await t.system.orm.em.getConnection().execute('select unit_id from dev_idp.users where username = ?', [issued.issueAccount.account.username])) as { unit_id: string }[];
    expect(row!.unit_id).toBe(target.id);
    // The May chain is still that of the old unit; June's is the new unit's.
    const may = await ok(t.gql<{ evaluationChain: { decider: { id: string } } }>(city, 'query($p: ID!) { evaluationChain(personId: $p, month: "2026-05") { decider { id } } }', { p: created.id }));
    expect(may.evaluationChain.decider.id).toBe(person('truongphong'));
    const june = await ok(t.gql<{ evaluationChain: { decider: { id: string } } }>(city, 'query($p: ID!) { evaluationChain(personId: $p, month: "2026-06") { decider { id } } }', { p: created.id }));
    expect(june.evaluationChain.decider.id).not.toBe(person('truongphong'));
  });
});

describe('a transferred evaluator', () => {
  it('stops evaluating the old unit from the transfer month on, history kept', async () => {
    const unit = unitOf(person('daumoi'));
    const create = 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id version } }';
    const deputyPosition = t.seed.positions.find((p) => p.code === 'PHO_TRUONG_PHONG')!.id;
    const deputy = (await ok(t.gql<{ createPerson: { id: string; version: number } }>(city, create, { i: { unitId: unit, positionId: deputyPosition, name: 'Lý Văn Chuyển', staffKind: 'CIVIL_SERVANT' } }))).createPerson;
    const staff = (await ok(t.gql<{ createPerson: { id: string } }>(city, create, { i: { unitId: unit, positionId: staffPosition(), name: 'Ngô Thị Ở', staffKind: 'CIVIL_SERVANT' } }))).createPerson;
    await ok(t.gql(city, 'mutation($p: ID!, $c: ID!) { setEvaluationChainOverride(personId: $p, input: { effectiveFrom: "2026-05", commenterId: $c, reason: "Phụ trách" }) { overridden } }', { p: staff.id, c: deputy.id }));
    const commenter = async (month: string) =>
      (await ok(t.gql<{ evaluationChain: { commenter: { id: string } | null } }>(city, 'query($p: ID!, $m: String!) { evaluationChain(personId: $p, month: $m) { commenter { id } } }', { p: staff.id, m: month }))).evaluationChain.commenter?.id;
    expect(await commenter('2026-07')).toBe(deputy.id);
    const target = t.seed.units.find((u) => /Kinh tế/.test(u.name))!.id;
    await ok(t.gql(city, 'mutation($id: ID!, $v: Int!, $to: ID!) { transferPerson(id: $id, expectedVersion: $v, input: { toUnitId: $to, effectiveDate: "2026-07-01" }) { id } }', { id: deputy.id, v: deputy.version, to: target }));
    expect(await commenter('2026-06')).toBe(deputy.id);
    expect(await commenter('2026-07')).toBe(person('phophong'));
  });
});

describe('administrators', () => {
  it("cannot be reset, locked, edited or transferred by a block admin: only by a city admin", async () => {
    const cityAdmin = person('admin.thanhpho');
    const blockAdmin = await t.login('admin.chinhquyen');
    const [account] = (await t.system.orm.em.getConnection().execute('select id, version from organization.account where person_id = ?', [cityAdmin])) as { id: string; version: number }[];
    const reset = await t.gql(blockAdmin, 'mutation($id: ID!, $v: Int!) { resetAccount(id: $id, expectedVersion: $v) { temporaryPassword } }', { id: account!.id, v: account!.version });
    expect(outcome(reset)).toBe('FORBIDDEN');
    expect(outcome(await t.gql(blockAdmin, 'mutation($id: ID!, $v: Int!) { lockAccount(id: $id, expectedVersion: $v, reason: "x") { id } }', { id: account!.id, v: account!.version }))).toBe('FORBIDDEN');
    const { person: record } = await ok(t.gql<{ person: { version: number } }>(city, 'query($id: ID!) { person(id: $id) { version } }', { id: cityAdmin }));
    expect(outcome(await t.gql(blockAdmin, 'mutation($id: ID!, $v: Int!) { updatePerson(id: $id, expectedVersion: $v, input: { email: "takeover@example.com" }) { id } }', { id: cityAdmin, v: record.version }))).toBe('FORBIDDEN');
    expect(outcome(await t.gql(city, 'mutation($id: ID!, $v: Int!) { resetAccount(id: $id, expectedVersion: $v) { temporaryPassword } }', { id: account!.id, v: account!.version }))).toBe('OK');
  });
});

describe('accounts', () => {
  it('stop working for their holder once locked', async () => {
    const created = (await ok(t.gql<{ createPerson: { id: string } }>(city, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', {
      i: { unitId: unitOf(person('daumoi')), positionId: staffPosition(), name: 'Hoàng Văn Khóa', staffKind: 'CIVIL_SERVANT' },
    }))).createPerson;
    const issued = await ok(t.gql<{ issueAccount: { account: { id: string; version: number; username: string } } }>(city, 'mutation($p: ID!) { issueAccount(personId: $p) { account { id version username } } }', { p: created.id }));
    const user = await t.devUser(issued.issueAccount.account.username);
    const token = await t.system.devIdentityProvider.issueToken({ ...user, passwordTemporary: false });
    expect((await ok(t.gql<{ me: { person: { id: string } | null } }>(token, '{ me { person { id } } }'))).me.person?.id).toBe(created.id);
    await ok(t.gql(city, 'mutation($id: ID!, $v: Int!) { lockAccount(id: $id, expectedVersion: $v, reason: "Nghỉ việc") { id } }', { id: issued.issueAccount.account.id, v: issued.issueAccount.account.version }));
    await new Promise((done) => setTimeout(done, 3100)); // the caller cache forgets after 3 s
    expect((await ok(t.gql<{ me: { person: unknown } }>(token, '{ me { person { id } } }'))).me.person).toBeNull();
  });

  it('are served one connection per mutation: a burst of writes never wedges the pool', async () => {
    const token = await t.login('daumoi');
    const mutation = 'mutation($p: ID!, $m: String!) { setEvaluationChainOverride(personId: $p, input: { effectiveFrom: $m, reason: "Phân công" }) { overridden } }';
    const months = Array.from({ length: 30 }, (_, i) => `${2027 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const started = Date.now();
    const results = await Promise.all(months.map((m) => t.gql(token, mutation, { p: person('nhanvien'), m })));
    expect(results.map(outcome).filter((o) => o !== 'OK')).toEqual([]);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('issues with a temporary password the holder must change, then becomes ACTIVE at first use', async () => {
    const created = (await ok(t.gql<{ createPerson: { id: string } }>(city, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', {
      i: { unitId: unitOf(person('daumoi')), positionId: staffPosition(), name: 'Đỗ Minh Khoa', staffKind: 'CIVIL_SERVANT' },
    }))).createPerson;
    const issued = await ok(t.gql<{ issueAccount: { account: { username: string }; temporaryPassword: string } }>(
      city, 'mutation($p: ID!) { issueAccount(personId: $p) { account { username } temporaryPassword } }', { p: created.id }));
    expect(issued.issueAccount.account.username).toBe('khoadm');
    expect(issued.issueAccount.temporaryPassword).toMatch(/^[A-Za-z0-9]{14}$/);
    // Like Keycloak, the temporary password does not yield a token until it is changed.
    const url = `${t.system.devIdentityProvider!.realmUrl}/protocol/openid-connect/token`;
    const attempt = await fetch(url, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', client_id: 'cbccvc-portal', username: 'khoadm', password: issued.issueAccount.temporaryPassword }) });
    expect(((await attempt.json()) as { error_description: string }).error_description).toBe('Account is not fully set up');
    // The holder changes it (UPDATE_PASSWORD), logs in, and the account becomes ACTIVE.
    const user = await t.devUser('khoadm');
    await t.system.devIdentityProvider!.store.setPassword(user.id, 'Mật-khẩu-mới-2026', false);
    // A token older than the temporary password (say, from before a reset) proves nothing.
    const issuedAtClock = Math.floor(t.clock.now().getTime() / 1000);
    const stale = await t.system.devIdentityProvider!.issueToken(user, { claims: { iat: issuedAtClock - 60 } });
    const before = await ok(t.gql<{ me: { account: { status: string } } }>(stale, '{ me { account { status } } }'));
    expect(before.me.account.status).toBe('PENDING_PASSWORD_CHANGE');
    const token = await t.system.devIdentityProvider!.issueToken(user, { claims: { iat: issuedAtClock + 60 } });
    const me = await ok(t.gql<{ me: { account: { status: string } } }>(token, '{ me { account { status } } }'));
    expect(me.me.account.status).toBe('ACTIVE');
  });

  it('locks in the identity provider too, and unlocks with a new temporary password', async () => {
    const created = (await ok(t.gql<{ createPerson: { id: string } }>(city, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', {
      i: { unitId: unitOf(person('daumoi')), positionId: staffPosition(), name: 'Vũ Thị Hoa', staffKind: 'CIVIL_SERVANT' },
    }))).createPerson;
    const issued = await ok(t.gql<{ issueAccount: { account: { id: string; version: number; username: string } } }>(city, 'mutation($p: ID!) { issueAccount(personId: $p) { account { id version username } } }', { p: created.id }));
    const { id, version, username } = issued.issueAccount.account;
    const locked = await ok(t.gql<{ lockAccount: { status: string; lockedReason: string; version: number } }>(city, 'mutation($id: ID!, $v: Int!) { lockAccount(id: $id, expectedVersion: $v, reason: "Nghỉ hưu") { status lockedReason version } }', { id, v: version }));
    expect(locked.lockAccount).toMatchObject({ status: 'LOCKED', lockedReason: 'Nghỉ hưu' });
    expect((await t.devUser(username)).enabled).toBe(false);
    const byStatus = await ok(t.gql<{ accounts: { nodes: { username: string }[] } }>(city, '{ accounts(filter: { status: LOCKED }, first: 500) { nodes { username } } }'));
    expect(byStatus.accounts.nodes.map((n) => n.username)).toContain(username);
    const unlocked = await ok(t.gql<{ unlockAccount: { account: { status: string } } }>(city, 'mutation($id: ID!, $v: Int!) { unlockAccount(id: $id, expectedVersion: $v) { account { status } temporaryPassword } }', { id, v: locked.lockAccount.version }));
    expect(unlocked.unlockAccount.account.status).toBe('PENDING_PASSWORD_CHANGE');
    const user = await t.devUser(username);
    expect(user.enabled).toBe(true);
    expect(user.passwordTemporary).toBe(true);
  });
});

describe('federation', () => {
  it('resolves Person and Unit references in one batch through _entities', async () => {
    const people = t.seed.people.slice(0, 5);
    const response = await t.gql<{ _entities: { id: string; name?: string }[] }>(
      city,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id name } ... on Unit { id name } } }',
      { r: [...people.map((p) => ({ __typename: 'Person', id: p.id })), { __typename: 'Unit', id: people[0]!.unitId }] },
      t.system.organizationUrl,
    );
    expect(outcome(response)).toBe('OK');
    expect(response.data!._entities.map((e) => e.id)).toEqual([...people.map((p) => p.id), people[0]!.unitId]);
    expect(response.data!._entities[0]!.name).toBe(people[0]!.fullName);
  });

  it('resolves Jurisdiction, Position and Account references, accounts only for administrators', async () => {
    const jurisdiction = t.seed.jurisdictions[0]!;
    const position = t.seed.positions[0]!;
    const [account] = (await t.system.orm.em.getConnection().execute('select id, username from organization.account where username = ?', ['nhanvien'])) as { id: string; username: string }[];
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Jurisdiction { id name } ... on Position { id code } ... on Account { id username } } }';
    const r = [{ __typename: 'Jurisdiction', id: jurisdiction.id }, { __typename: 'Position', id: position.id }, { __typename: 'Account', id: account!.id }];
    const asAdmin = await t.gql<{ _entities: Record<string, string>[] }>(city, query, { r }, t.system.organizationUrl);
    expect(asAdmin.data!._entities).toEqual([
      { id: jurisdiction.id, name: jurisdiction.name },
      { id: position.id, code: position.code },
      { id: account!.id, username: 'nhanvien' },
    ]);
    const asColleague = await t.gql<{ _entities: (Record<string, string> | null)[] }>(await t.login('daumoi'), query, { r }, t.system.organizationUrl);
    expect(asColleague.data!._entities[2]).toBeNull();
  });

  it('resolves references to the public organisation chart but guards personal details', async () => {
    const other = t.seed.people.find((p) => p.unitId !== unitOf(person('nhanvien')))!;
    const token = await t.login('nhanvien');
    const query = (fields: string) => `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { ${fields} } } }`;
    const name = await t.gql<{ _entities: { name: string }[] }>(token, query('id name'), { r: [{ __typename: 'Person', id: other.id }] }, t.system.organizationUrl);
    expect(name.data!._entities[0]!.name).toBe(other.fullName);
    const email = await t.gql(token, query('id email'), { r: [{ __typename: 'Person', id: other.id }] }, t.system.organizationUrl);
    expect(outcome(email)).toBe('FORBIDDEN');
    const malformed = await t.gql(token, query('id'), { r: [{ __typename: 'Person', id: 'not-an-id' }] }, t.system.organizationUrl);
    expect(outcome(malformed)).toBe('BAD_USER_INPUT');
  });

  it('guards the personal details of unit leaders reached through the unit tree', async () => {
    const token = await t.login('nhanvien');
    const names = await t.gql<{ units: { nodes: { head: { name: string } | null }[] } }>(token, '{ units(first: 50) { nodes { head { name } } } }');
    expect(outcome(names)).toBe('OK');
    const details = await t.gql(token, '{ units(first: 50) { nodes { head { email evaluationChain(month: "2026-05") { basis } } } } }');
    expect(outcome(details)).toBe('FORBIDDEN');
  });
});

describe('search and paging', () => {
  it('finds people by name without diacritics and pages by cursor', async () => {
    const query = 'query($u: ID!, $after: String) { people(filter: { unitId: $u }, first: 7, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }';
    type Page = { people: { totalCount: number; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const unit = unitOf(person('daumoi'));
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const page: Page = await ok(t.gql<Page>(city, query, { u: unit, after }));
      total = page.people.totalCount;
      seen.push(...page.people.nodes.map((n) => n.id));
      if (!page.people.pageInfo.hasNextPage) break;
      after = page.people.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(total);
    const someone = t.seed.people.find((p) => p.unitId === unit)!;
    const folded = someone.fullName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    const found = await ok(t.gql<{ people: { nodes: { id: string }[] } }>(city, 'query($u: ID!, $s: String!) { people(filter: { unitId: $u, search: $s }) { nodes { id } } }', { u: unit, s: folded }));
    expect(found.people.nodes.map((n) => n.id)).toContain(someone.id);
  });

  it('searches units by name', async () => {
    const found = await ok(t.gql<{ units: { nodes: { name: string }[] } }>(city, '{ units(filter: { search: "van hoa" }) { nodes { name } } }'));
    expect(found.units.nodes.some((u) => /Văn hóa/.test(u.name))).toBe(true);
  });
});
