import { criteriaFramework } from '@cbccvc/rules';
import { planAndComplete, selfAssess, tokenOfUser } from './support/month';
import { ok, outcome, startTestSystem, type GraphQLResponse, type TestSystem } from './support/system';

/**
 * The bonus split (thu nhập tăng thêm, DOMAIN.md §9) through the gateway: coefficients that do not
 * rank the grades (A > B > C ≥ D) are refused naming the field; every proposal and confirmation is
 * audited in its transaction; and one split is confirmed per unit and month, whatever the
 * concurrency. Two new offices of the demo ward each get a decided May 2026 — a head and two civil
 * servants, one graded A and one B — so each test has an unconfirmed unit-month of its own.
 * Clock: 10 May 2026.
 */
let t: TestSystem;
let city: string;
let blockAdmin: string;
const month = '2026-05';
const form03 = criteriaFramework('FORM_03');
const marks = (less: number) => form03.groups.flatMap((g) => g.criteria).map((c, i) => ({ code: c.code, score: i < less ? Math.max(0, c.max - 1) : c.max }));

interface Member {
  id: string;
  token: string;
  username: string;
}
interface Office {
  id: string;
  head: Member;
  a: Member;
  b: Member;
}
let audited: Office;
let raced: Office;
let crowded: Office;

const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => (await t.system.orm.em.fork().getConnection().execute(text, params)) as T[];

async function member(unitId: string, positionCode: string, name: string): Promise<Member> {
  const positionId = t.seed.positions.find((p) => p.code === positionCode)!.id;
  const { createPerson } = await ok(t.gql<{ createPerson: { id: string } }>(city, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', { i: { unitId, positionId, name, staffKind: 'CIVIL_SERVANT' } }));
  await ok(t.gql(city, 'mutation($p: ID!) { issueAccount(personId: $p) { account { username } } }', { p: createPerson.id }));
  const [row] = await sql<{ username: string }>('select username from organization.account where person_id = ?', [createPerson.id]);
  const token = await tokenOfUser(t, row!.username);
  return { id: createPerson.id, token, username: row!.username };
}

/** Plans one task, has it approved and completed, then self-assesses and submits. */
async function work(who: Member, unitId: string, head: Member, less: number, stated: string): Promise<void> {
  await planAndComplete(t, who, unitId, month, head.token, { size: 1 });
  await selfAssess(t, who, month, marks(less), stated);
}

/** A new office of the ward whose head has decided May: one A (score 100), one B (score 88). */
async function decidedOffice(code: string, name: string, surname: string): Promise<Office> {
  const ward = t.seed.jurisdictions.find((j) => j.parentId)!.id;
  const committee = t.seed.units.find((u) => u.kind === 'PEOPLES_COMMITTEE' && u.jurisdictionId === ward)!;
  const { createUnit } = await ok(t.gql<{ createUnit: { id: string } }>(city, 'mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }', { i: { parentId: committee.id, code, name, kind: 'OFFICE' } }));
  const head = await member(createUnit.id, 'TRUONG_PHONG', `${surname} Văn Trưởng`);
  const a = await member(createUnit.id, 'CHUYEN_VIEN', `${surname} Thị An`);
  const b = await member(createUnit.id, 'CHUYEN_VIEN', `${surname} Văn Bình`);
  await work(a, createUnit.id, head, 0, 'A'); // 30 + 70 = 100 → A
  await work(b, createUnit.id, head, 12, 'B'); // 18 + 70 = 88 → B
  await ok(t.gql(head.token, `mutation($u: ID!) { decideEvaluations(input: { unitId: $u, month: "${month}", reason: "Họp xét tháng 5" }) { cap } }`, { u: createUnit.id }));
  return { id: createUnit.id, head, a, b };
}

/** Until the read model holds both members' decided grades. */
async function waitForDecided(office: Office): Promise<void> {
  for (let i = 0; i < 150; i += 1) {
    const rows = await sql<{ person_id: string; final_grade: string }>(`select person_id, final_grade from reporting.result where unit_id = ? and month = ? and state = 'DECIDED'`, [office.id, month]);
    if (rows.length === 2) {
      expect(Object.fromEntries(rows.map((r) => [r.person_id, r.final_grade]))).toEqual({ [office.a.id]: 'A', [office.b.id]: 'B' });
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the projector did not apply the decisions');
}

const propose = (coefficients: Record<'A' | 'B' | 'C' | 'D', number>, pool = 10_000_000) =>
  `mutation($u: ID!) { proposeBonusSplit(input: { unitId: $u, month: "${month}", pool: ${pool}, coefficients: { A: ${coefficients.A}, B: ${coefficients.B}, C: ${coefficients.C}, D: ${coefficients.D} } }) { id version confirmedAt shares { person { id } grade amount } } }`;
type Proposed = { proposeBonusSplit: { id: string; version: number; confirmedAt: string | null; shares: { person: { id: string }; grade: string; amount: number }[] } };
const confirm = 'mutation($id: ID!, $v: Int!) { confirmBonusSplit(id: $id, expectedVersion: $v) { id confirmedBy confirmedAt version } }';
type AuditRow = { actor: string; action: string; entity_type: string; entity_id: string; at: Date; before: Record<string, unknown> | null; after: Record<string, unknown> | null };
const auditOf = (ids: string[]) =>
  sql<AuditRow>(`select actor, action, entity_type, entity_id, at, before, after from reporting.audit_log where entity_id in (${ids.map(() => '?').join(', ')}) order by id`, ids);
const error = (response: GraphQLResponse) => response.errors?.[0];

beforeAll(async () => {
  t = await startTestSystem();
  city = await t.login('admin.thanhpho');
  blockAdmin = await t.login('admin.chinhquyen');
  audited = await decidedOffice('PTC', 'Phòng Tài chính', 'Lê');
  raced = await decidedOffice('PKT', 'Phòng Kinh tế', 'Phạm');
  crowded = await decidedOffice('PVH', 'Phòng Văn hóa', 'Vũ');
  for (const office of [audited, raced, crowded]) await waitForDecided(office);
}, 180_000);
afterAll(async () => {
  await t?.stop();
});

describe('the bonus split', () => {
  it('refuses coefficients that do not rank the grades, naming the coefficient, in Vietnamese, writing nothing', async () => {
    const before = await sql<{ proposals: string; audits: string }>(`select (select count(*) from reporting.bonus_proposal) as proposals, (select count(*) from reporting.audit_log) as audits`);
    const equal = await t.gql(audited.head.token, propose({ A: 1.2, B: 1.2, C: 1, D: 0 }), { u: audited.id });
    expect(outcome(equal)).toBe('BAD_USER_INPUT');
    expect(error(equal)!.extensions!.field).toBe('input.coefficients.B');
    expect(error(equal)!.message).toContain('Hệ số của loại A phải lớn hơn hệ số của loại B');
    expect(equal.data ?? null).toBeNull();

    const bAboveC = await t.gql(blockAdmin, propose({ A: 2, B: 1, C: 1.5, D: 0 }), { u: audited.id });
    expect([outcome(bAboveC), error(bAboveC)!.extensions!.field]).toEqual(['BAD_USER_INPUT', 'input.coefficients.C']);
    expect(error(bAboveC)!.message).toContain('Hệ số của loại B phải lớn hơn hệ số của loại C');
    const dAboveC = await t.gql(blockAdmin, propose({ A: 2, B: 1.5, C: 1, D: 1.1 }), { u: audited.id });
    expect([outcome(dAboveC), error(dAboveC)!.extensions!.field]).toEqual(['BAD_USER_INPUT', 'input.coefficients.D']);
    expect(error(dAboveC)!.message).toContain('Hệ số của loại C phải lớn hơn hoặc bằng hệ số của loại D');
    const negative = await t.gql(blockAdmin, propose({ A: 2, B: 1.5, C: 1, D: -1 }), { u: audited.id });
    expect([outcome(negative), error(negative)!.extensions!.field]).toEqual(['BAD_USER_INPUT', 'input.coefficients.D']);
    const fractionalPool = await t.gql(blockAdmin, propose({ A: 2, B: 1.5, C: 1, D: 0 }, 1000.5), { u: audited.id });
    expect([outcome(fractionalPool), error(fractionalPool)!.extensions!.field]).toEqual(['BAD_USER_INPUT', 'input.pool']);

    expect(await sql(`select (select count(*) from reporting.bonus_proposal) as proposals, (select count(*) from reporting.audit_log) as audits`)).toEqual(before);
  });

  it('audits the proposal and its confirmation: who, when, before and after', async () => {
    // 3 : 2 of 10 000 000 between the A and the B: 6 000 000 and 4 000 000.
    const { proposeBonusSplit: proposal } = await ok(t.gql<Proposed>(blockAdmin, propose({ A: 3, B: 2, C: 1, D: 0 }), { u: audited.id }));
    expect(Object.fromEntries(proposal.shares.map((s) => [s.person.id, [s.grade, s.amount]]))).toEqual({ [audited.a.id]: ['A', 6_000_000], [audited.b.id]: ['B', 4_000_000] });
    const { confirmBonusSplit: confirmed } = await ok(t.gql<{ confirmBonusSplit: { confirmedBy: string; confirmedAt: string; version: number } }>(audited.head.token, confirm, { id: proposal.id, v: proposal.version }));
    expect(confirmed).toMatchObject({ confirmedBy: audited.head.username, confirmedAt: '2026-05-10T03:00:00.000Z', version: 2 });

    const trail = await auditOf([proposal.id]);
    expect(trail.map((e) => [e.action, e.actor, e.entity_type, e.entity_id, new Date(e.at).toISOString()])).toEqual([
      ['bonus.propose', 'admin.chinhquyen', 'BonusProposal', proposal.id, '2026-05-10T03:00:00.000Z'],
      ['bonus.confirm', audited.head.username, 'BonusProposal', proposal.id, '2026-05-10T03:00:00.000Z'],
    ]);
    const [proposed, confirmation] = trail;
    expect(proposed!.before).toBeNull();
    expect(proposed!.after).toMatchObject({ id: proposal.id, unitId: audited.id, month, pool: 10_000_000, coefficients: { A: 3, B: 2, C: 1, D: 0 }, proposedBy: 'admin.chinhquyen', confirmedBy: null, confirmedAt: null, version: 1 });
    expect((proposed!.after!.shares as { personId: string; amount: number }[]).map((s) => [s.personId, s.amount]).sort()).toEqual([[audited.a.id, 6_000_000], [audited.b.id, 4_000_000]].sort());
    expect(confirmation!.before).toMatchObject({ id: proposal.id, confirmedBy: null, confirmedAt: null, version: 1 });
    expect(confirmation!.after).toMatchObject({ id: proposal.id, confirmedBy: audited.head.username, confirmedAt: '2026-05-10T03:00:00.000Z', version: 2 });

    // The trail is readable with the proposal, by whoever reads the proposal.
    const { bonusProposal } = await ok(t.gql<{ bonusProposal: { history: { action: string; actor: string; at: string; before: string | null; after: string }[] } }>(
      audited.head.token, 'query($id: ID!) { bonusProposal(id: $id) { history { action actor at before after } } }', { id: proposal.id }));
    expect(bonusProposal.history.map((h) => [h.action, h.actor, h.at])).toEqual([
      ['bonus.propose', 'admin.chinhquyen', '2026-05-10T03:00:00.000Z'],
      ['bonus.confirm', audited.head.username, '2026-05-10T03:00:00.000Z'],
    ]);
    expect(bonusProposal.history[0]!.before).toBeNull();
    expect(JSON.parse(bonusProposal.history[1]!.after)).toMatchObject({ confirmedBy: audited.head.username, version: 2 });
    expect(outcome(await t.gql(raced.head.token, 'query($id: ID!) { bonusProposal(id: $id) { history { action } } }', { id: proposal.id }))).toBe('FORBIDDEN');
  });

  it('confirms exactly one of two proposals confirmed at once; the other is a CONFLICT and leaves nothing behind', async () => {
    const first = (await ok(t.gql<Proposed>(raced.head.token, propose({ A: 3, B: 2, C: 1, D: 0 }), { u: raced.id }))).proposeBonusSplit;
    const second = (await ok(t.gql<Proposed>(raced.head.token, propose({ A: 1.5, B: 1.2, C: 1, D: 0 }), { u: raced.id }))).proposeBonusSplit;
    const responses = await Promise.all([first, second].map((p) => t.gql<{ confirmBonusSplit: { id: string } }>(raced.head.token, confirm, { id: p.id, v: p.version })));
    expect(responses.map(outcome).sort()).toEqual(['CONFLICT', 'OK']);
    const lost = responses.find((r) => outcome(r) === 'CONFLICT')!;
    expect(error(lost)!.message).toBe('Đơn vị đã có một phương án phân chia thu nhập tăng thêm tháng 05/2026 được xác nhận: không thể xác nhận thêm phương án khác');
    const winner = responses.find((r) => outcome(r) === 'OK')!.data!.confirmBonusSplit.id;
    const loser = winner === first.id ? second.id : first.id;

    // The database holds one confirmed split of the unit-month; the loser is as it was proposed.
    const rows = await sql<{ id: string; confirmed_by: string | null; version: number }>(`select id, confirmed_by, version from reporting.bonus_proposal where unit_id = ? and month = ? order by id`, [raced.id, month]);
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.confirmed_by !== null).map((r) => r.id)).toEqual([winner]);
    expect(rows.find((r) => r.id === loser)).toMatchObject({ confirmed_by: null, version: 1 });
    // Audited: two proposals, one confirmation — the winner's (the loser's was rolled back).
    expect((await auditOf([first.id, second.id])).map((e) => [e.action, e.entity_id])).toEqual([
      ['bonus.propose', first.id],
      ['bonus.propose', second.id],
      ['bonus.confirm', winner],
    ]);

    // Afterwards, in turn: still a CONFLICT for the other proposal, and for a new one.
    expect(outcome(await t.gql(raced.head.token, confirm, { id: loser, v: 1 }))).toBe('CONFLICT');
    const third = (await ok(t.gql<Proposed>(raced.head.token, propose({ A: 2, B: 1, C: 0.5, D: 0 }), { u: raced.id }))).proposeBonusSplit;
    expect(outcome(await t.gql(raced.head.token, confirm, { id: third.id, v: 1 }))).toBe('CONFLICT');
    expect(await sql(`select count(*)::int as n from reporting.bonus_proposal where unit_id = ? and month = ? and confirmed_at is not null`, [raced.id, month])).toEqual([{ n: 1 }]);
  });

  it('confirms exactly one of six proposals confirmed at once', async () => {
    // More requests in flight than the service's early check can separate: the index decides.
    const proposals: Proposed['proposeBonusSplit'][] = [];
    for (let i = 0; i < 6; i += 1) proposals.push((await ok(t.gql<Proposed>(crowded.head.token, propose({ A: 2 + i, B: 1, C: 0.5, D: 0 }), { u: crowded.id }))).proposeBonusSplit);
    const responses = await Promise.all(proposals.map((p) => t.gql(crowded.head.token, confirm, { id: p.id, v: p.version })));
    expect(responses.map(outcome).sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    const confirmed = await sql<{ id: string }>(`select id from reporting.bonus_proposal where unit_id = ? and month = ? and confirmed_at is not null`, [crowded.id, month]);
    expect(confirmed).toHaveLength(1);
    const confirmations = (await auditOf(proposals.map((p) => p.id))).filter((e) => e.action === 'bonus.confirm');
    expect(confirmations.map((e) => e.entity_id)).toEqual([confirmed[0]!.id]);
  });

  it('is held by the database itself, not only by the service’s check', async () => {
    // Whatever writes to the table — another process, a script — cannot confirm a second split.
    const [loser] = await sql<{ id: string }>(`select id from reporting.bonus_proposal where unit_id = ? and month = ? and confirmed_at is null limit 1`, [raced.id, month]);
    await expect(sql(`update reporting.bonus_proposal set confirmed_at = now(), confirmed_by = 'script' where id = ?`, [loser!.id])).rejects.toThrow(/bonus_proposal_one_confirmed_idx/);
    // Unconfirmed proposals of the unit-month may be any number: the index covers confirmed ones only.
    expect(await sql(`select count(*)::int as n from reporting.bonus_proposal where unit_id = ? and month = ? and confirmed_at is null`, [raced.id, month])).toEqual([{ n: 2 }]);
  });
});
