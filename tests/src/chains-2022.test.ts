import { criteriaFramework } from '@cbccvc/rules';
import { ok, outcome, startTestSystem, type TestSystem } from './support/system';
import { planAndComplete, selfAssess, tokenOf } from './support/month';

/**
 * The 2022 delegation (document 001, DOMAIN §3) through the gateway, the demo ward under `hanoi2022`:
 * in a unit of 20 or more staff the head delegates the comment to the deputy in charge and still
 * decides; the deputy comments between the self-assessment and the decision, by the decision's
 * deadline (2022 has no comment deadline of its own). A smaller unit has no comment step.
 */
let t: TestSystem;
let city: string;
const month = '2026-05';
const user = (username: string) => t.seed.demoUsers.find((u) => u.username === username)!.personId;
const unitOf = (personId: string) => t.seed.people.find((p) => p.id === personId)!.unitId;
const members = (unitId: string) => t.seed.people.filter((p) => p.unitId === unitId);
const rankOf = (personId: string) => t.seed.positions.find((pos) => pos.id === t.seed.people.find((p) => p.id === personId)!.positionId)!.rank;
const chainQuery = 'query($p: ID!) { evaluationChain(personId: $p, month: "2026-05") { commenter { id } decider { id } basis } }';
type Chain = { evaluationChain: { commenter: { id: string } | null; decider: { id: string } | null; basis: string } };

beforeAll(async () => {
  t = await startTestSystem({ wardPolicyId: 'hanoi2022' });
  city = await t.login('admin.thanhpho');
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

it('a unit of 20 or more: the deputy in charge comments and the head decides', async () => {
  expect(members(unitOf(user('nhanvien'))).length).toBeGreaterThanOrEqual(20);
  const { evaluationChain } = await ok(t.gql<Chain>(city, chainQuery, { p: user('nhanvien') }));
  expect([evaluationChain.commenter?.id, evaluationChain.decider?.id]).toEqual([user('phophong'), user('truongphong')]);
  expect(evaluationChain.basis).toMatch(/ủy quyền từ 20/);
});

it('a unit below 20: no comment step, the head decides', async () => {
  const office = t.seed.units.find((u) => u.code.endsWith('UBND-KTHTDT'))!.id;
  expect(members(office).length).toBeLessThan(20);
  const staff = members(office).find((p) => rankOf(p.id) === 'STAFF')!.id;
  const head = members(office).find((p) => rankOf(p.id) === 'HEAD')!.id;
  const { evaluationChain } = await ok(t.gql<Chain>(city, chainQuery, { p: staff }));
  expect([evaluationChain.commenter, evaluationChain.decider?.id]).toEqual([null, head]);
  expect(evaluationChain.basis).toMatch(/dưới 20/);
});

it('the delegated deputy comments by the decision deadline, and only then does the head decide', async () => {
  const staff = { id: user('nhanvien'), token: await tokenOf(t, user('nhanvien')) };
  const deputy = await t.login('phophong');
  const head = await t.login('truongphong');
  await planAndComplete(t, staff, unitOf(staff.id), month, deputy, { size: 1 });
  const scores = criteriaFramework('FORM_03').groups.flatMap((g) => g.criteria).map((c) => ({ code: c.code, score: c.max }));
  const form = await selfAssess<{ id: string; version: number; state: string; deadline: string }>(t, staff, month, scores, 'B', 'id version state deadline');
  // Waiting for the comment, due when the decision is due: before 28 May, Hanoi time.
  expect([form.state, form.deadline]).toEqual(['SELF_SUBMITTED', '2026-05-27T17:00:00Z']);
  const decide = 'mutation($p: ID!) { decideEvaluations(input: { month: "2026-05", personIds: [$p], reason: "Quyết định" }) { members { grade } } }';
  const early = await t.gql(head, decide, { p: staff.id });
  expect(outcome(early)).not.toBe('OK');
  expect(outcome(await t.gql(head, 'mutation($id: ID!, $v: Int!) { commentEvaluation(id: $id, expectedVersion: $v, input: { comment: "x" }) { state } }', { id: form.id, v: form.version }))).toBe('FORBIDDEN');
  const commented = await ok(t.gql<{ commentEvaluation: { state: string } }>(deputy, 'mutation($id: ID!, $v: Int!) { commentEvaluation(id: $id, expectedVersion: $v, input: { comment: "Hoàn thành tốt nhiệm vụ" }) { state } }', { id: form.id, v: form.version }));
  expect(commented.commentEvaluation.state).toBe('COMMENTED');
  await ok(t.gql(head, decide, { p: staff.id }));
  const { evaluationForm } = await ok(t.gql<{ evaluationForm: { state: string; comment: string } }>(city, 'query($p: ID!) { evaluationForm(personId: $p, month: "2026-05") { state comment } }', { p: staff.id }));
  expect(evaluationForm).toEqual({ state: 'DECIDED', comment: 'Hoàn thành tốt nhiệm vụ' });
});
