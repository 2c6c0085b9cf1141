import { randomUUID } from 'node:crypto';
import { outcome, startTestSystem, type TestSystem } from './support/system';

/**
 * The role × operation × scope matrix for units, people and accounts: every mutation, tried by
 * each kind of caller on a unit of each block, on the focal point's own unit and on another ward.
 */
type Target = 'party' | 'government' | 'focalUnit' | 'school' | 'otherWard';
type Actor = 'admin.thanhpho' | 'admin.dang' | 'admin.chinhquyen' | 'admin.truonghoc' | 'daumoi' | 'truongphong' | 'nhanvien';

const actors: Actor[] = ['admin.thanhpho', 'admin.dang', 'admin.chinhquyen', 'admin.truonghoc', 'daumoi', 'truongphong', 'nhanvien'];
const targets: Target[] = ['party', 'government', 'focalUnit', 'school', 'otherWard'];

/** What each administrator may administer (DOMAIN.md §1: a block admin only inside its block and ward). */
const administers: Record<Actor, Target[]> = {
  'admin.thanhpho': ['party', 'government', 'focalUnit', 'school', 'otherWard'],
  'admin.dang': ['party'],
  'admin.chinhquyen': ['government', 'focalUnit', 'school'],
  'admin.truonghoc': ['school'],
  daumoi: [],
  truongphong: [],
  nhanvien: [],
};

interface Fixture {
  base: string;
  child: string;
  childVersion: number;
  person: string;
  personVersion: number;
  accountId?: string;
  accountVersion?: number;
}

let t: TestSystem;
let cityToken: string;
const baseUnit = {} as Record<Target, string>;

async function asCity<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await t.gql<T>(cityToken, query, variables);
  if (response.errors) throw new Error(`fixture failed: ${JSON.stringify(response.errors)}`);
  return response.data!;
}

/** A fresh child unit and a fresh person in the target unit (plus an account when asked). */
async function fixture(target: Target, account?: 'issued' | 'locked'): Promise<Fixture> {
  const base = baseUnit[target];
  const suffix = randomUUID().slice(0, 8);
  const { createUnit } = await asCity<{ createUnit: { id: string; version: number } }>(
    'mutation($input: CreateUnitInput!) { createUnit(input: $input) { id version } }',
    { input: { parentId: base, code: `FX-${suffix}`, name: `Bộ phận ${suffix}`, kind: 'SUB_UNIT' } },
  );
  const { createPerson } = await asCity<{ createPerson: { id: string; version: number } }>(
    'mutation($input: CreatePersonInput!) { createPerson(input: $input) { id version } }',
    { input: { unitId: base, positionId: staffPosition, name: `Nguyễn Văn ${suffix}`, staffKind: 'CIVIL_SERVANT' } },
  );
  const result: Fixture = { base, child: createUnit.id, childVersion: createUnit.version, person: createPerson.id, personVersion: createPerson.version };
  if (account) {
    const { issueAccount } = await asCity<{ issueAccount: { account: { id: string; version: number } } }>(
      'mutation($id: ID!) { issueAccount(personId: $id) { account { id version } } }',
      { id: createPerson.id },
    );
    result.accountId = issueAccount.account.id;
    result.accountVersion = issueAccount.account.version;
    if (account === 'locked') {
      const { lockAccount } = await asCity<{ lockAccount: { version: number } }>(
        'mutation($id: ID!, $v: Int!) { lockAccount(id: $id, expectedVersion: $v, reason: "kiểm thử") { version } }',
        { id: result.accountId, v: result.accountVersion },
      );
      result.accountVersion = lockAccount.version;
    }
  }
  return result;
}

let staffPosition: string;

interface Operation {
  name: string;
  /** Roles beyond administrators allowed on the focal point's own unit. */
  focalPointMayOnOwnUnit?: boolean;
  headMayOnOwnUnit?: boolean;
  account?: 'issued' | 'locked';
  run(token: string, f: Fixture): Promise<string>;
}

const operations: Operation[] = [
  {
    name: 'createUnit',
    run: async (token, f) =>
      outcome(await t.gql(token, 'mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }', {
        i: { parentId: f.base, code: `N-${randomUUID().slice(0, 8)}`, name: 'Bộ phận mới', kind: 'SUB_UNIT' },
      })),
  },
  {
    name: 'updateUnit',
    run: async (token, f) =>
      outcome(await t.gql(token, 'mutation($id: ID!, $v: Int!) { updateUnit(id: $id, expectedVersion: $v, input: { name: "Tên mới" }) { id } }', { id: f.child, v: f.childVersion })),
  },
  {
    name: 'closeUnit',
    run: async (token, f) => outcome(await t.gql(token, 'mutation($id: ID!, $v: Int!) { closeUnit(id: $id, expectedVersion: $v) { closedAt } }', { id: f.child, v: f.childVersion })),
  },
  {
    name: 'createPerson',
    run: async (token, f) =>
      outcome(await t.gql(token, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', {
        i: { unitId: f.base, positionId: staffPosition, name: 'Trần Thị Mới', staffKind: 'CIVIL_SERVANT' },
      })),
  },
  {
    name: 'updatePerson',
    focalPointMayOnOwnUnit: true,
    run: async (token, f) =>
      outcome(await t.gql(token, 'mutation($id: ID!, $v: Int!) { updatePerson(id: $id, expectedVersion: $v, input: { email: "moi@hadong.hanoi.gov.vn" }) { id } }', { id: f.person, v: f.personVersion })),
  },
  {
    name: 'transferPerson',
    run: async (token, f) =>
      outcome(await t.gql(token, 'mutation($id: ID!, $v: Int!, $to: ID!) { transferPerson(id: $id, expectedVersion: $v, input: { toUnitId: $to, reason: "luân chuyển" }) { id } }', {
        id: f.person, v: f.personVersion, to: f.child,
      })),
  },
  {
    name: 'issueAccount',
    run: async (token, f) => outcome(await t.gql(token, 'mutation($id: ID!) { issueAccount(personId: $id) { temporaryPassword } }', { id: f.person })),
  },
  {
    name: 'lockAccount',
    account: 'issued',
    run: async (token, f) =>
      outcome(await t.gql(token, 'mutation($id: ID!, $v: Int!) { lockAccount(id: $id, expectedVersion: $v, reason: "nghỉ việc") { status } }', { id: f.accountId, v: f.accountVersion })),
  },
  {
    name: 'unlockAccount',
    account: 'locked',
    run: async (token, f) => outcome(await t.gql(token, 'mutation($id: ID!, $v: Int!) { unlockAccount(id: $id, expectedVersion: $v) { temporaryPassword } }', { id: f.accountId, v: f.accountVersion })),
  },
  {
    name: 'resetAccount',
    account: 'issued',
    run: async (token, f) => outcome(await t.gql(token, 'mutation($id: ID!, $v: Int!) { resetAccount(id: $id, expectedVersion: $v) { temporaryPassword } }', { id: f.accountId, v: f.accountVersion })),
  },
  {
    name: 'setEvaluationChainOverride',
    focalPointMayOnOwnUnit: true,
    run: async (token, f) =>
      outcome(await t.gql(token, 'mutation($p: ID!, $i: EvaluationChainOverrideInput!) { setEvaluationChainOverride(personId: $p, input: $i) { overridden } }', {
        p: f.person, i: { effectiveFrom: '2026-05', reason: 'phân công lại' },
      })),
  },
  // Last: it replaces the focal point of the unit it targets.
  {
    name: 'setFocalPoint',
    // The unit's head names its focal point (document 002 §3).
    headMayOnOwnUnit: true,
    run: async (token, f) => outcome(await t.gql(token, 'mutation($u: ID!, $p: ID!) { setFocalPoint(unitId: $u, personId: $p) { id } }', { u: f.base, p: f.person })),
  },
];

function expected(actor: Actor, operation: Operation, target: Target): 'OK' | 'FORBIDDEN' {
  if (administers[actor].includes(target)) return 'OK';
  if (operation.focalPointMayOnOwnUnit && actor === 'daumoi' && target === 'focalUnit') return 'OK';
  if (operation.headMayOnOwnUnit && actor === 'truongphong' && target === 'focalUnit') return 'OK';
  return 'FORBIDDEN';
}

beforeAll(async () => {
  t = await startTestSystem();
  cityToken = await t.login('admin.thanhpho');
  const unitNamed = (pattern: RegExp) => t.seed.units.find((unit) => pattern.test(unit.name) && unit.kind !== 'EXTERNAL_AUTHORITY')!.id;
  baseUnit.party = unitNamed(/^Văn phòng Đảng ủy/);
  baseUnit.government = unitNamed(/Kinh tế/);
  baseUnit.focalUnit = t.seed.people.find((p) => p.id === t.seed.demoUsers.find((u) => u.username === 'daumoi')!.personId)!.unitId;
  baseUnit.school = t.seed.units.find((unit) => unit.kind === 'SCHOOL')!.id;
  staffPosition = t.seed.positions.find((p) => p.rank === 'STAFF' && p.criteriaForm === 'FORM_03')!.id;
  // Another ward with one government unit, written directly: no mutation creates jurisdictions.
  const connection = t.system.orm.em.getConnection();
  const city = t.seed.jurisdictions.find((j) => j.kind === 'CITY')!.id;
  const ward = randomUUID();
  const unit = randomUUID();
  await connection.execute(`insert into organization.jurisdiction values (?, 'KH', 'Phường Kiến Hưng', 'WARD', ?, 'hanoi2026')`, [ward, city]);
  await connection.execute(
    `insert into organization.unit (id, jurisdiction_id, parent_id, block, kind, code, name, path, search_text) values (?, ?, null, 'GOVERNMENT', 'OFFICE', 'KH-VHXH', 'Phòng Văn hóa - Xã hội phường Kiến Hưng', ?, 'phong van hoa xa hoi')`,
    [unit, ward, `/${unit}/`],
  );
  baseUnit.otherWard = unit;
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

describe.each(operations)('$name', (operation) => {
  const cases = actors.flatMap((actor) => targets.map((target) => ({ actor, target, expected: expected(actor, operation, target) })));
  it.each(cases)('$actor on $target → $expected', async ({ actor, target, expected: want }) => {
    const f = await fixture(target, operation.account);
    const got = await operation.run(await t.login(actor), f);
    expect(got).toBe(want);
  });
});

describe('reading is scoped too', () => {
  it('lets staff read their own unit but not another unit', async () => {
    const token = await t.login('nhanvien');
    const own = await t.gql(token, 'query($u: ID!) { people(filter: { unitId: $u }) { totalCount } }', { u: baseUnit.focalUnit });
    expect(outcome(own)).toBe('OK');
    const other = await t.gql(token, 'query($u: ID!) { people(filter: { unitId: $u }) { totalCount } }', { u: baseUnit.party });
    expect(outcome(other)).toBe('FORBIDDEN');
  });

  it('lists accounts by status only inside the administered blocks', async () => {
    const party = await t.gql<{ accounts: { totalCount: number; nodes: { person: { unit: { block: string } } }[] } }>(
      await t.login('admin.dang'),
      '{ accounts(filter: { status: ACTIVE }, first: 500) { totalCount nodes { status person { unit { block } } } } }',
    );
    expect(outcome(party)).toBe('OK');
    expect(party.data!.accounts.totalCount).toBeGreaterThan(0);
    expect(new Set(party.data!.accounts.nodes.map((n) => n.person.unit.block))).toEqual(new Set(['PARTY']));
    const staff = await t.gql(await t.login('nhanvien'), '{ accounts(filter: { status: LOCKED }) { totalCount } }');
    expect(outcome(staff)).toBe('FORBIDDEN');
  });

  it('hides account details of other people from non-administrators', async () => {
    const someone = t.seed.demoUsers.find((u) => u.username === 'phophong')!.personId;
    const response = await t.gql<{ person: { account: unknown } }>(await t.login('nhanvien'), 'query($id: ID!) { person(id: $id) { name account { username } } }', { id: someone });
    expect(outcome(response)).toBe('OK');
    expect(response.data!.person.account).toBeNull();
  });

  it('lets a head read the subtree of the unit they lead', async () => {
    const response = await t.gql(await t.login('truongphong'), 'query($u: ID!) { people(filter: { unitId: $u, includeSubunits: true }) { totalCount } }', { u: baseUnit.focalUnit });
    expect(outcome(response)).toBe('OK');
    const staff = await t.gql(await t.login('nhanvien'), 'query($u: ID!) { people(filter: { unitId: $u, includeSubunits: true }) { totalCount } }', { u: baseUnit.focalUnit });
    expect(outcome(staff)).toBe('FORBIDDEN');
  });
});
