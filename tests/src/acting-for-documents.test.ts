import * as ExcelJS from 'exceljs';
import { criteriaFramework } from '@cbccvc/rules';
import { ok, startTestSystem, type TestSystem } from './support/system';
import { pdfText, planAndComplete, selfAssess, tokenOf, waitForProjection, type Member } from './support/month';

/**
 * Documents show "acting for" (DOMAIN §3, quyền): in the demo culture office the head is away in May
 * 2026 and the chain override of the month names a deputy who decides for them. A staff member is
 * taken through plan, self-assessment, the comment of the deputy in charge and the acting deputy's
 * decision; another through the head's own decision. The unit summary list (01A) of the evaluation
 * subgraph and the reporting 01A (data, XLSX, PDF) then say who decided for whom on the first row
 * only. Clock: 10 May 2026.
 */
let t: TestSystem;
const month = '2026-05';
const user = (username: string) => t.seed.demoUsers.find((u) => u.username === username)!.personId;
const nameOf = (personId: string) => t.seed.people.find((p) => p.id === personId)!.fullName;
const rankOf = (personId: string) => t.seed.positions.find((pos) => pos.id === t.seed.people.find((p) => p.id === personId)!.positionId)!.rank;
const full = criteriaFramework('FORM_03').groups.flatMap((g) => g.criteria).map((c) => ({ code: c.code, score: c.max }));
const decide = 'mutation($i: DecisionInput!) { decideEvaluations(input: $i) { members { person { id } grade } } }';

let unitId: string;
let staff: Member;
let other: Member;
let actingDeputy: string;
/** The note as the form words it, built here from the names of the seed. */
let expectedNote: string;

async function formOf(personId: string) {
  const query = 'query($p: ID!, $m: String!) { evaluationForm(personId: $p, month: $m) { id version state decider { id } deciderActingFor { id } } }';
  return (await ok(t.gql<{ evaluationForm: { id: string; version: number; state: string; decider: { id: string } | null; deciderActingFor: { id: string } | null } }>(
    await t.login('admin.thanhpho'), query, { p: personId, m: month }))).evaluationForm;
}

async function commentOn(personId: string) {
  const form = await formOf(personId);
  await ok(t.gql(await t.login('phophong'), 'mutation($id: ID!, $v: Int!, $i: CommentInput!) { commentEvaluation(id: $id, expectedVersion: $v, input: $i) { state } }', {
    id: form.id, v: form.version, i: { comment: 'Hoàn thành tốt nhiệm vụ' },
  }));
}

beforeAll(async () => {
  t = await startTestSystem();
  const head = user('truongphong');
  staff = { id: user('nhanvien'), token: await tokenOf(t, user('nhanvien')) };
  unitId = t.seed.people.find((p) => p.id === staff.id)!.unitId;
  actingDeputy = t.seed.people.find((p) => p.unitId === unitId && rankOf(p.id) === 'DEPUTY' && p.id !== user('phophong'))!.id;
  const otherId = t.seed.people.find((p) => p.unitId === unitId && rankOf(p.id) === 'STAFF' && p.id !== staff.id && p.id !== user('daumoi'))!.id;
  other = { id: otherId, token: await tokenOf(t, otherId) };
  expectedNote = `${nameOf(actingDeputy)} quyết định thay (quyền) ${nameOf(head)}`;

  // The focal point names the deputy acting for the head, for May only (as chains.test.ts does).
  await ok(t.gql(await t.login('daumoi'), 'mutation($p: ID!, $i: EvaluationChainOverrideInput!) { setEvaluationChainOverride(personId: $p, input: $i) { overridden } }', {
    p: staff.id, i: { effectiveFrom: month, untilMonth: month, acting: true, deciderId: actingDeputy, reason: 'Trưởng phòng đi học tập trung tháng 5' },
  }));
  const phophong = await t.login('phophong');
  await planAndComplete(t, staff, unitId, month, phophong, { size: 1 });
  await selfAssess(t, staff, month, full, 'B');
  const form = await formOf(staff.id);
  expect([form.decider?.id, form.deciderActingFor?.id]).toEqual([actingDeputy, head]);
  await commentOn(staff.id);
  await ok(t.gql(await tokenOf(t, actingDeputy), decide, { i: { month, personIds: [staff.id], reason: 'Quyền Trưởng phòng quyết định' } }));
  expect((await formOf(staff.id)).state).toBe('DECIDED');

  // Another member of the office, decided by the head in person: no note.
  await planAndComplete(t, other, unitId, month, phophong, { size: 1 });
  await selfAssess(t, other, month, full, 'B');
  await commentOn(other.id);
  await ok(t.gql(await t.login('truongphong'), decide, { i: { month, personIds: [other.id], reason: 'Trưởng phòng quyết định' } }));
  const otherForm = await formOf(other.id);
  expect([otherForm.state, otherForm.decider?.id, otherForm.deciderActingFor]).toEqual(['DECIDED', head, null]);
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

describe('form 01A says who decided for whom', () => {
  it("evaluation's unit summary list: decidedBy on the acting deputy's decision only", async () => {
    const { unitSummary } = await ok(t.gql<{ unitSummary: { rows: { person: { id: string }; finalGrade: string | null; decidedBy: string | null }[] } }>(
      await t.login('admin.chinhquyen'), 'query($u: ID!, $m: String!) { unitSummary(unitId: $u, month: $m) { rows { person { id } finalGrade decidedBy } } }', { u: unitId, m: month }));
    const row = (id: string) => unitSummary.rows.find((r) => r.person.id === id)!;
    expect(row(staff.id).decidedBy).toBe(expectedNote);
    expect(row(staff.id).finalGrade).not.toBeNull();
    expect(row(other.id).decidedBy).toBeNull();
    expect(unitSummary.rows.filter((r) => r.decidedBy !== null).map((r) => r.person.id)).toEqual([staff.id]);
    // The unit's leaders read the same.
    const asHead = await ok(t.gql<{ unitSummary: { rows: { person: { id: string }; decidedBy: string | null }[] } }>(
      await t.login('truongphong'), 'query($u: ID!, $m: String!) { unitSummary(unitId: $u, month: $m) { rows { person { id } decidedBy } } }', { u: unitId, m: month }));
    expect(asHead.unitSummary.rows.find((r) => r.person.id === staff.id)!.decidedBy).toBe(expectedNote);
  });

  it("reporting's 01A prints the same text in its note column (Ghi chú)", async () => {
    await waitForProjection(t);
    const admin = await t.login('admin.chinhquyen');
    const rowFields = 'fullName finalGrade note';
    type Row = { fullName: string; finalGrade: string | null; note: string | null };
    const { summaryList } = await ok(t.gql<{ summaryList: { heads: Row[]; deputies: Row[]; staff: Row[]; contract: Row[] } }>(
      admin, `query($u: ID!, $m: String!) { summaryList(unitId: $u, month: $m) { heads { ${rowFields} } deputies { ${rowFields} } staff { ${rowFields} } contract { ${rowFields} } } }`, { u: unitId, m: month }));
    const rows = [...summaryList.heads, ...summaryList.deputies, ...summaryList.staff, ...summaryList.contract];
    expect(summaryList.staff.find((r) => r.fullName === nameOf(staff.id))).toMatchObject({ note: expectedNote });
    expect(rows.filter((r) => r.note !== null).map((r) => r.fullName)).toEqual([nameOf(staff.id)]);
    expect(summaryList.staff.find((r) => r.fullName === nameOf(other.id))!.note).toBeNull();

    const file = async (format: 'XLSX' | 'PDF') =>
      Buffer.from((await ok(t.gql<{ officialDocument: { base64: string } }>(admin, `query($u: ID!) { officialDocument(kind: SUMMARY_01A, format: ${format}, month: "${month}", unitId: $u) { base64 } }`, { u: unitId })))
        .officialDocument.base64, 'base64');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await file('XLSX')) as never);
    const ws = workbook.worksheets[0]!;
    expect(ws.getCell('I9').text).toBe('Ghi chú');
    // The people's lines (numbered, below the header's three rows) with a note: theirs in II (and
    // in IV when proposed for reward), nobody else's.
    const noted: { name: string; note: string }[] = [];
    ws.eachRow((row) => {
      if (row.number > 11 && /^\d/.test(row.getCell(1).text) && row.getCell(9).text !== '') noted.push({ name: row.getCell(2).text, note: row.getCell(9).text });
    });
    expect(noted.length).toBeGreaterThanOrEqual(1);
    for (const line of noted) {
      expect(line.name.startsWith(`${nameOf(staff.id)} (`)).toBe(true);
      expect(line.note).toBe(expectedNote);
    }

    const text = (await pdfText(await file('PDF'))).replace(/\s+/g, ' ');
    expect(text).toContain('Ghi chú');
    expect(text).toContain(expectedNote);
  });
});
