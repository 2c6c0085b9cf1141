#!/usr/bin/env node
/**
 * `npm run demo:walkthrough`: the README's walk-through of one unit done for you, step by step, over
 * the running `npm start` (fresh data directory): the culture office of the demo ward from the
 * staff member's self-assessment to publication and an appeal, each step by the demo user whose step
 * it is. It prints what each step did; it stops at the first refusal, with the system's message.
 *
 * Options (environment): GATEWAY_URL (http://127.0.0.1:4000/graphql), IDP_URL
 * (http://127.0.0.1:4080/realms/hanoi), DATA_DIR (.data, for the demo password), MONTH (YYYY-MM, the
 * month of the demo data: this month in Hanoi, or CLOCK_AT's).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
const idp = process.env.IDP_URL ?? 'http://127.0.0.1:4080/realms/hanoi';
const dataDir = process.env.DATA_DIR ?? join(process.cwd(), '.data');
const password = readFileSync(join(dataDir, 'demo-password'), 'utf8').trim();
const month = process.env.MONTH ?? new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);

const tokens = new Map();
async function token(username) {
  if (!tokens.has(username)) {
    const body = new URLSearchParams({ grant_type: 'password', client_id: 'cbccvc-portal', username, password });
    const response = await fetch(`${idp}/protocol/openid-connect/token`, { method: 'POST', body });
    const json = await response.json();
    if (!json.access_token) throw new Error(`no token for ${username}: ${JSON.stringify(json)}`);
    tokens.set(username, json.access_token);
  }
  return tokens.get(username);
}

async function gql(username, query, variables = {}) {
  const response = await fetch(gateway, {
    method: 'POST',
    headers: { authorization: `Bearer ${await token(username)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const json = await response.json();
  if (json.errors) {
    const [error] = json.errors;
    throw new Error(`${username}: ${error.extensions?.code ?? 'ERROR'} — ${error.message}${error.extensions?.field ? ` (${error.extensions.field})` : ''}`);
  }
  return json.data;
}

let stepNumber = 0;
const step = (who, what) => process.stdout.write(`\n${++stepNumber}. ${who}: ${what}\n`);
const say = (text) => process.stdout.write(`   ${text}\n`);

const formFields = 'id version state score band finalScore finalGrade deadline person { id name position { rank } } unit { id }';
const formOf = async (username, personId) =>
  (await gql(username, `query($p: ID!, $m: String!) { evaluationForm(personId: $p, month: $m) { ${formFields} } }`, { p: personId, m: month })).evaluationForm;
const awaiting = async (username) => (await gql(username, `query($m: String!) { formsAwaitingMe(month: $m) { ${formFields} } }`, { m: month })).formsAwaitingMe;

async function submitOwn(username) {
  const { me } = await gql(username, '{ me { person { id name } } }');
  const form = await formOf(username, me.person.id);
  if (form.state === 'DRAFT') {
    await gql(username, 'mutation($id: ID!, $v: Int!) { submitSelfAssessment(id: $id, expectedVersion: $v) { state } }', { id: form.id, v: form.version });
  }
  say(`${me.person.name} submitted the self-assessment of ${month} (score ${form.score ?? 'pending its KPI'}, due ${form.deadline})`);
  return { personId: me.person.id, formId: form.id };
}

async function commentAll(username, forms, text) {
  for (const form of forms) {
    await gql(username, 'mutation($id: ID!, $v: Int!, $c: String!) { commentEvaluation(id: $id, expectedVersion: $v, input: { comment: $c }) { state } }', { id: form.id, v: form.version, c: text });
  }
  say(`commented on ${forms.length}: ${forms.map((f) => f.person.name).join(', ')}`);
}

/** Decides `personIds` (one duty group), choosing among equal scores at the boundary where the quota asks. */
async function decide(username, personIds, reason) {
  const input = { month, personIds, reason };
  const proposal = (await gql(username, 'query($i: DecisionInput!) { previewDecision(input: $i) { needsChoice { id } cap granted } }', { i: input })).previewDecision;
  let chosen;
  for (let k = proposal.needsChoice.length - 1; proposal.needsChoice.length && k >= 1; k -= 1) {
    chosen = proposal.needsChoice.slice(0, k).map((p) => p.id);
    const again = (await gql(username, 'query($i: DecisionInput!) { previewDecision(input: $i) { needsChoice { id } cap granted } }', { i: { ...input, chosen } })).previewDecision;
    if (again.needsChoice.length === 0) break;
  }
  const { decideEvaluations } = await gql(username, 'mutation($i: DecisionInput!) { decideEvaluations(input: $i) { cap granted members { person { name } score grade } } }', { i: { ...input, chosen } });
  for (const m of decideEvaluations.members) say(`${m.person.name}: ${m.score} → ${m.grade}`);
  say(`A quota of the group: ${decideEvaluations.cap ?? 'none'}, A granted: ${decideEvaluations.granted}`);
}

async function leaderFactors(username, personId) {
  await gql(username, 'mutation($p: ID!, $m: String!) { setLeaderFactors(input: { personId: $p, month: $m, organisation: 1, unity: 1, reason: "Tổ chức thực hiện tốt, đoàn kết" }) { month } }', { p: personId, m: month });
}

async function main() {
  process.stdout.write(`The culture office of Phường Hà Đông through ${month}, on ${gateway}\n`);

  step('nhanvien (staff)', 'submits the self-assessment drafted from the month\'s results');
  const staff = await submitOwn('nhanvien');
  const { unitId } = { unitId: (await formOf('nhanvien', staff.personId)).unit.id };

  step('daumoi (focal point)', "sees the unit's status: who is still to submit");
  const { unitEvaluationStatus } = await gql('daumoi', 'query($u: ID!, $m: String!) { unitEvaluationStatus(unitId: $u, month: $m) { person { name } state needsPlanOrExemption } }', { u: unitId, m: month });
  const missing = unitEvaluationStatus.filter((r) => r.state === 'DRAFT' || r.state === null);
  say(`${unitEvaluationStatus.length} members; still to submit: ${missing.map((r) => r.person.name).join(', ') || 'nobody'}`);

  step('phophong (deputy in charge)', 'submits their own self-assessment and comments on the staff');
  await submitOwn('phophong');
  await commentAll('phophong', await awaiting('phophong'), 'Hoàn thành tốt nhiệm vụ được giao, đúng tiến độ.');

  step('truongphong (head)', 'submits their own self-assessment');
  const head = await submitOwn('truongphong');

  step('phochutich (vice chair in charge of the field)', "comments on the head's self-assessment");
  await commentAll('phochutich', (await awaiting('phochutich')).filter((f) => f.person.id === head.personId), 'Lãnh đạo phòng hoàn thành tốt nhiệm vụ.');

  step('truongphong (head)', 'decides the staff under the quota, then the deputies (leaders after the people they manage)');
  const mine = await awaiting('truongphong');
  await decide('truongphong', mine.filter((f) => f.person.position.rank === 'STAFF').map((f) => f.person.id), 'Kết quả đánh giá, xếp loại tháng của phòng');
  const deputies = mine.filter((f) => f.person.position.rank === 'DEPUTY');
  for (const d of deputies) await leaderFactors('truongphong', d.person.id);
  await decide('truongphong', deputies.map((f) => f.person.id), 'Kết quả đánh giá, xếp loại cấp phó');

  step('chutich (People\'s Committee chair)', 'sets the head\'s leader factors and decides the head');
  await leaderFactors('chutich', head.personId);
  await decide('chutich', [head.personId], 'Kết quả đánh giá, xếp loại trưởng phòng');

  step('admin.chinhquyen (government block administrator)', 'publishes the unit (form 02A)');
  const { publishUnitMonth } = await gql('admin.chinhquyen', 'mutation($u: ID!, $m: String!) { publishUnitMonth(unitId: $u, month: $m) { id } }', { u: unitId, m: month });
  say(`${publishUnitMonth.length} results published`);

  step('nhanvien (staff)', 'appeals the published result');
  const published = await formOf('nhanvien', staff.personId);
  const { appealEvaluation } = await gql('nhanvien', 'mutation($f: ID!) { appealEvaluation(formId: $f, kind: APPEAL, text: "Đề nghị xem xét lại kết quả xếp loại: tôi đã hoàn thành vượt tiến độ các nhiệm vụ") { id status } }', { f: published.id });
  say(`appeal ${appealEvaluation.id}: ${appealEvaluation.status} (result ${published.finalScore} → ${published.finalGrade})`);

  step('chutich (the next level)', 'answers the appeal: the decision is to be taken again');
  await gql('chutich', 'mutation($a: ID!) { answerAppeal(appealId: $a, status: CHANGED, outcome: "Đề nghị trưởng phòng xem xét, quyết định lại") { status } }', { a: appealEvaluation.id });

  step('truongphong (head)', 'decides again; the block administrator publishes the change');
  await decide('truongphong', [staff.personId], 'Quyết định lại sau kiến nghị');
  await gql('admin.chinhquyen', 'mutation($u: ID!, $m: String!) { publishUnitMonth(unitId: $u, month: $m) { id } }', { u: unitId, m: month });
  const final = await formOf('nhanvien', staff.personId);
  say(`nhanvien's result: ${final.finalScore} → ${final.finalGrade} (${final.state})`);
  process.stdout.write('\nDone: the whole unit decided, published, and an appeal answered.\n');
}

main().catch((error) => {
  process.stderr.write(`\nstopped: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
