import { randomUUID } from 'node:crypto';
import { policies } from '@cbccvc/rules';
import { createLoaders, policyOf } from '@cbccvc/organization';
import { ok, outcome, startTestSystem, type TestSystem } from './support/system';

/**
 * The quota base as a per-jurisdiction policy setting (DOMAIN §6, "Base (policy setting)"): the city
 * administrator sets B_BAND for the demo ward; nobody else may; the act is audited; every subgraph's
 * `policyOf` then reads the ward's policy with that base.
 */
let t: TestSystem;
let city: string;
let wardId: string;
const person = (username: string) => t.seed.demoUsers.find((u) => u.username === username)!.personId;
const unitOf = (personId: string) => t.seed.people.find((p) => p.id === personId)!.unitId;

const setBase = 'mutation($j: ID!, $b: QuotaBaseSetting!, $r: String!) { setJurisdictionQuotaBase(jurisdictionId: $j, base: $b, reason: $r) { id policyId quotaBase } }';
const jurisdictions = 'query { jurisdictions { id kind policyId quotaBase } }';
const trailQuery = 'query($id: ID!) { auditTrail(entityId: $id) { action actor entityType before after } }';
type Trail = { auditTrail: { action: string; actor: string; entityType: string; before: string | null; after: string | null }[] };
type Scopes = { quotaGroups: { quotaBase: string; percent: number | null }[] };
const scopesQuery = 'query($u: ID!) { quotaGroups(unitId: $u, month: "2026-05") { quotaBase percent } }';

const baseOf = async (jurisdictionId: string): Promise<string | null> =>
  (await ok(t.gql<{ jurisdictions: { id: string; quotaBase: string | null }[] }>(city, jurisdictions))).jurisdictions.find((j) => j.id === jurisdictionId)!.quotaBase;
const storedBase = async (jurisdictionId: string): Promise<string | null> =>
  ((await t.system.orm.em.getConnection().execute('select quota_base from organization.jurisdiction where id = ?', [jurisdictionId])) as { quota_base: string | null }[])[0]!.quota_base;
const auditRows = async (): Promise<number> =>
  ((await t.system.orm.em.getConnection().execute(`select count(*)::int as n from organization.audit_log where entity_type = 'Jurisdiction'`)) as { n: number }[])[0]!.n;
/** `policyOf` as every subgraph calls it: over fresh request loaders. */
const policyNow = (jurisdictionId: string) => policyOf({ loaders: createLoaders(t.system.orm.em.fork()) }, jurisdictionId);

beforeAll(async () => {
  t = await startTestSystem();
  city = await t.login('admin.thanhpho');
  wardId = t.seed.jurisdictions.find((j) => j.kind === 'WARD')!.id;
  // A form of the ward's month, so that the evaluation subgraph has a quota scope to show.
  await ok(t.gql(await t.login('nhanvien'), 'mutation { openEvaluationForm(month: "2026-05") { id } }'));
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

describe('the quota base of a jurisdiction', () => {
  it('is the preset’s until a jurisdiction sets its own', async () => {
    expect(await baseOf(wardId)).toBe('GRADED_B');
    expect(await storedBase(wardId)).toBeNull();
    expect(await policyNow(wardId)).toBe(policies.hanoi2026);
    const scopes = await ok(t.gql<Scopes>(city, scopesQuery, { u: unitOf(person('nhanvien')) }));
    expect(scopes.quotaGroups.length).toBeGreaterThan(0);
    expect(scopes.quotaGroups.every((s) => s.quotaBase === 'GRADED_B')).toBe(true);
  });

  it('is refused to a block administrator, a unit head and a staff member, and nothing changes', async () => {
    for (const username of ['admin.chinhquyen', 'admin.dang', 'truongphong', 'nhanvien']) {
      const response = await t.gql(await t.login(username), setBase, { j: wardId, b: 'B_BAND', r: 'Áp dụng cách hiểu "đạt loại B trở lên"' });
      expect(outcome(response)).toBe('FORBIDDEN');
      expect(response.errors![0]!.message).toMatch(/quản trị viên thành phố/);
      expect(response.data ?? null).toBeNull();
    }
    expect(await storedBase(wardId)).toBeNull();
    expect(await auditRows()).toBe(0);
    expect(await policyNow(wardId)).toBe(policies.hanoi2026);
  });

  it('refuses bad input with a coded error naming the field, and writes nothing', async () => {
    const malformed = await t.gql(city, setBase, { j: 'not-an-id', b: 'B_BAND', r: 'Lý do' });
    expect(outcome(malformed)).toBe('BAD_USER_INPUT');
    expect(malformed.errors![0]!.extensions!.field).toBe('jurisdictionId');
    const noReason = await t.gql(city, setBase, { j: wardId, b: 'B_BAND', r: '   ' });
    expect(outcome(noReason)).toBe('BAD_USER_INPUT');
    expect(noReason.errors![0]!.extensions!.field).toBe('reason');
    const unknown = await t.gql(city, setBase, { j: randomUUID(), b: 'B_BAND', r: 'Lý do' });
    expect(outcome(unknown)).toBe('NOT_FOUND');
    expect(unknown.errors![0]!.extensions!.field).toBe('jurisdictionId');
    // Not a value of the enum: the gateway refuses it before any subgraph runs.
    const badBase = await t.gql(city, setBase, { j: wardId, b: 'NONE', r: 'Lý do' });
    expect(badBase.errors?.length).toBeGreaterThan(0);
    expect(badBase.data ?? null).toBeNull();
    expect(await storedBase(wardId)).toBeNull();
    expect(await auditRows()).toBe(0);
  });

  it('is set by the city administrator, audited, and read by policyOf and the evaluation subgraph', async () => {
    const set = await ok(t.gql<{ setJurisdictionQuotaBase: { id: string; policyId: string; quotaBase: string } }>(city, setBase, {
      j: wardId, b: 'B_BAND', r: '  Nghị quyết của Ban Thường vụ:   tính trên số đạt loại B trở lên ',
    }));
    expect(set.setJurisdictionQuotaBase).toEqual({ id: wardId, policyId: 'hanoi2026', quotaBase: 'B_BAND' });
    expect(await storedBase(wardId)).toBe('B_BAND');
    expect(await baseOf(wardId)).toBe('B_BAND');
    // The city keeps its preset's.
    const cityId = t.seed.jurisdictions.find((j) => j.kind === 'CITY')!.id;
    expect(await baseOf(cityId)).toBe('GRADED_B');

    const { auditTrail } = await ok(t.gql<Trail>(city, trailQuery, { id: wardId }));
    expect(auditTrail).toHaveLength(1);
    expect(auditTrail[0]).toMatchObject({ action: 'jurisdiction.quotaBase', actor: 'admin.thanhpho', entityType: 'Jurisdiction' });
    expect(JSON.parse(auditTrail[0]!.before!)).toMatchObject({ id: wardId, policyId: 'hanoi2026', quotaBase: null });
    expect(JSON.parse(auditTrail[0]!.after!)).toMatchObject({ id: wardId, quotaBase: 'B_BAND', reason: 'Nghị quyết của Ban Thường vụ: tính trên số đạt loại B trở lên' });
    // A jurisdiction's trail is the city administrator's.
    expect(outcome(await t.gql(await t.login('admin.chinhquyen'), trailQuery, { id: wardId }))).toBe('FORBIDDEN');

    const policy = await policyNow(wardId);
    expect(policy.quota!.base).toBe('B_BAND');
    expect({ ...policy, quota: { ...policy.quota!, base: 'GRADED_B' } }).toEqual(policies.hanoi2026);
    expect(Object.isFrozen(policy) && Object.isFrozen(policy.quota)).toBe(true);
    // Built once per (preset, base): the next request gets the very same object; the preset is untouched.
    expect(await policyNow(wardId)).toBe(policy);
    expect(policies.hanoi2026.quota!.base).toBe('GRADED_B');

    const scopes = await ok(t.gql<Scopes>(city, scopesQuery, { u: unitOf(person('nhanvien')) }));
    expect(scopes.quotaGroups.length).toBeGreaterThan(0);
    expect(scopes.quotaGroups.every((s) => s.quotaBase === 'B_BAND' && s.percent === 20)).toBe(true);
  });

  it('audits concurrent settings one after the other, each with the true value before it', async () => {
    const before = await auditRows();
    await Promise.all([
      ok(t.gql(city, setBase, { j: wardId, b: 'GRADED_B', r: 'Theo văn bản' })),
      ok(t.gql(city, setBase, { j: wardId, b: 'B_BAND', r: 'Theo nghị quyết' })),
    ]);
    expect(await auditRows()).toBe(before + 2);
    const { auditTrail } = await ok(t.gql<Trail>(city, trailQuery, { id: wardId }));
    const [last, first] = auditTrail.map((e) => ({ before: JSON.parse(e.before!).quotaBase, after: JSON.parse(e.after!).quotaBase }));
    expect(last!.before).toBe(first!.after);
    expect(await storedBase(wardId)).toBe(last!.after);
    expect((await policyNow(wardId)).quota!.base).toBe(last!.after);
    await ok(t.gql(city, setBase, { j: wardId, b: 'B_BAND', r: 'Theo nghị quyết' }));
  });

  it('is refused where the policy has no quota, which has no base to show', async () => {
    const id = randomUUID();
    await t.system.orm.em.getConnection().execute(
      `insert into organization.jurisdiction (id, code, name, kind, parent_id, policy_id) values (?, 'QT', 'Quảng Trị (thử)', 'EXTERNAL', null, 'quangTri2019')`,
      [id],
    );
    expect(await baseOf(id)).toBeNull();
    const response = await t.gql(city, setBase, { j: id, b: 'B_BAND', r: 'Lý do' });
    expect(outcome(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!.field).toBe('base');
    expect(await storedBase(id)).toBeNull();
    expect((await policyNow(id)).quota).toBeNull();
    expect(await policyNow(id)).toBe(policies.quangTri2019);
  });
});
