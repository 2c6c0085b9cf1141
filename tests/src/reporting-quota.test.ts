import * as ExcelJS from 'exceljs';
import { rebuild } from '@cbccvc/reporting';
import { criteriaFramework } from '@cbccvc/rules';
import { pdfText, planAndComplete, selfAssess, tokenOf, waitForProjection } from './support/month';
import { ok, startTestSystem, type TestSystem } from './support/system';

/**
 * DOMAIN: "The person graded B by the quota sees why on their form and in the announcement" — in
 * the reporting subgraph's official announcement too (02A as data, XLSX and PDF), whose read model is
 * fed only by the evaluation outbox. The month of tests/src/reporting.test.ts without its contract
 * worker: a new justice office (head, two civil servants); s1 scores 100 and s2 91.17 (band A) in a
 * group under 5 that gets one A, so the quota grades s2 B; the head decides the staff, the
 * committee decides the head, the block aggregator publishes. Clock: 10 May 2026.
 */
let t: TestSystem;
let office: string;
const month = '2026-05';
type Key = 'head' | 's1' | 's2';
const people = {} as Record<Key, { id: string; token: string; name: string }>;
const form03 = criteriaFramework('FORM_03');
const form02 = criteriaFramework('FORM_02');
const marks = (framework: ReturnType<typeof criteriaFramework>, less: number) =>
  framework.groups.flatMap((g) => g.criteria).map((c, i) => ({ code: c.code, score: i < less ? Math.max(0, c.max - 1) : c.max }));

/** Why the quota graded s2 B, as the evaluation subgraph stored it on the form. */
let explanation: string;

beforeAll(async () => {
  t = await startTestSystem();
  const city = await t.login('admin.thanhpho');
  const blockAdmin = await t.login('admin.chinhquyen');
  const ward = t.seed.jurisdictions.find((j) => j.parentId)!.id;
  const committee = t.seed.units.find((u) => u.kind === 'PEOPLES_COMMITTEE' && u.jurisdictionId === ward)!;
  office = (await ok(t.gql<{ createUnit: { id: string } }>(city, 'mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }', { i: { parentId: committee.id, code: 'PNV', name: 'Phòng Nội vụ', kind: 'OFFICE' } }))).createUnit.id;
  const position = (code: string) => t.seed.positions.find((p) => p.code === code)!.id;
  const create: [Key, string, string, string][] = [
    ['head', 'TRUONG_PHONG', 'Bùi Văn Trưởng', 'CIVIL_SERVANT'],
    ['s1', 'CHUYEN_VIEN', 'An Thị Một', 'CIVIL_SERVANT'],
    ['s2', 'CHUYEN_VIEN', 'Cao Văn Hai', 'PUBLIC_EMPLOYEE'],
  ];
  for (const [key, code, name, staffKind] of create) {
    const { createPerson } = await ok(t.gql<{ createPerson: { id: string } }>(city, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', { i: { unitId: office, positionId: position(code), name, staffKind } }));
    await ok(t.gql(city, 'mutation($p: ID!) { issueAccount(personId: $p) { account { username } } }', { p: createPerson.id }));
    people[key] = { id: createPerson.id, token: await tokenOf(t, createPerson.id), name };
  }
  // The committee's chairman decides the head; the deputy in charge (if any) comments on the head.
  const chairman = t.seed.people.find((p) => p.unitId === committee.id && t.seed.positions.find((x) => x.id === p.positionId)!.rank === 'HEAD')!;
  const chain = await ok(t.gql<{ evaluationChain: { commenter: { id: string } | null } }>(city, `query($p: ID!) { evaluationChain(personId: $p, month: "${month}") { commenter { id } } }`, { p: people.head.id }));
  const chairmanToken = await tokenOf(t, chairman.id);
  const commenterToken = chain.evaluationChain.commenter ? await tokenOf(t, chain.evaluationChain.commenter.id) : null;

  await planAndComplete(t, people.s1, office, month, people.head.token, { size: 2 });
  await planAndComplete(t, people.s2, office, month, people.head.token, { size: 2, late: true });
  await planAndComplete(t, people.head, office, month, commenterToken ?? chairmanToken, { size: 1 });
  await selfAssess(t, people.s1, month, marks(form03, 0), 'A'); // 100
  await selfAssess(t, people.s2, month, marks(form03, 3), 'B'); // 27 + 64.17 = 91.17 → band A, but a group under 5 gets one A
  const headForm = (await selfAssess(t, people.head, month, marks(form02, 0), 'A')).id;
  await ok(t.gql(people.head.token, `mutation($u: ID!) { decideEvaluations(input: { unitId: $u, month: "${month}", reason: "Họp xét tháng 5" }) { cap } }`, { u: office }));
  if (commenterToken) {
    const [form] = (await t.system.orm.em.fork().getConnection().execute(`select version from evaluation.form where id = ?`, [headForm])) as { version: number }[];
    await ok(t.gql(commenterToken, 'mutation($id: ID!, $v: Int!) { commentEvaluation(id: $id, expectedVersion: $v, input: { comment: "Lãnh đạo phòng tốt" }) { id } }', { id: headForm, v: form!.version }));
  }
  await ok(t.gql(chairmanToken, `mutation($p: ID!) { setLeaderFactors(input: { personId: $p, month: "${month}", organisation: 1, unity: 1, reason: "Đoàn kết tốt" }) { month } }`, { p: people.head.id }));
  await ok(t.gql(chairmanToken, `mutation($u: ID!, $p: ID!) { decideEvaluations(input: { unitId: $u, month: "${month}", personIds: [$p], reason: "Thường trực xét" }) { cap } }`, { u: office, p: people.head.id }));
  await ok(t.gql(blockAdmin, `mutation($u: ID!) { publishUnitMonth(unitId: $u, month: "${month}") { state } }`, { u: office }));
  await waitForProjection(t);

  const { evaluationForm } = await ok(t.gql<{ evaluationForm: { finalScore: number; finalGrade: string; quotaExplanation: string | null } }>(
    people.s2.token, `query($p: ID!) { evaluationForm(personId: $p, month: "${month}") { finalScore finalGrade quotaExplanation } }`, { p: people.s2.id }));
  expect(evaluationForm).toMatchObject({ finalScore: 91.17, finalGrade: 'B' });
  expect(evaluationForm.quotaExplanation).toMatch(/^Điểm 91,17 đạt mức A, nhưng .*: xếp loại B theo tỷ lệ\.$/);
  explanation = evaluationForm.quotaExplanation!;
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

type Line = { number: number; fullName: string; finalGrade: string; quotaExplanation: string | null };
const announcementQuery = `query($u: ID!) { announcement(unitId: $u, month: "${month}") { rows { number fullName finalGrade quotaExplanation } } }`;

describe('the person graded B by the quota sees why in the official announcement 02A', () => {
  it('as data: on their row only, as the evaluation subgraph’s announcement says', async () => {
    const { announcement } = await ok(t.gql<{ announcement: { rows: Line[] } }>(people.s2.token, announcementQuery, { u: office }));
    const byName = new Map(announcement.rows.map((r) => [r.fullName, r]));
    expect(byName.get('Cao Văn Hai')).toMatchObject({ finalGrade: 'B', quotaExplanation: explanation });
    expect(byName.get('An Thị Một')).toMatchObject({ finalGrade: 'A', quotaExplanation: null });
    expect(byName.get('Bùi Văn Trưởng')).toMatchObject({ quotaExplanation: null });
    const { unitAnnouncement } = await ok(t.gql<{ unitAnnouncement: { rows: { fullName: string; quotaExplanation: string | null }[] } }>(
      people.s2.token, `query($u: ID!) { unitAnnouncement(unitId: $u, month: "${month}") { rows { fullName quotaExplanation } } }`, { u: office }));
    expect(Object.fromEntries(announcement.rows.map((r) => [r.fullName, r.quotaExplanation]))).toEqual(Object.fromEntries(unitAnnouncement.rows.map((r) => [r.fullName, r.quotaExplanation])));
  });

  it('as XLSX: a "Ghi chú" column with the explanation on their row', async () => {
    const { officialDocument } = await ok(t.gql<{ officialDocument: { filename: string; base64: string } }>(
      people.s2.token, `query($u: ID!) { officialDocument(kind: ANNOUNCEMENT_02A, format: XLSX, month: "${month}", unitId: $u) { filename base64 } }`, { u: office }));
    expect(officialDocument.filename).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(officialDocument.base64, 'base64') as never);
    const sheet = workbook.worksheets[0]!;
    const rowOf = (name: string) => { let found: ExcelJS.Row | undefined; sheet.eachRow((row) => { if (row.getCell(2).text === name) found = row; }); return found!; };
    let header: ExcelJS.Row | undefined;
    sheet.eachRow((row) => { if (row.getCell(1).text === 'STT') header = row; });
    expect([1, 2, 3, 4, 5].map((c) => header!.getCell(c).text)).toEqual(['STT', 'Họ và tên', 'Chức vụ', 'Xếp loại', 'Ghi chú']);
    expect([4, 5].map((c) => rowOf('Cao Văn Hai').getCell(c).text)).toEqual(['Hoàn thành tốt nhiệm vụ', explanation]);
    expect([4, 5].map((c) => rowOf('An Thị Một').getCell(c).text)).toEqual(['Hoàn thành xuất sắc nhiệm vụ', '']);
    expect(rowOf('Bùi Văn Trưởng').getCell(5).text).toBe('');
  });

  it('as PDF: the "Ghi chú" column and the explanation', async () => {
    const { officialDocument } = await ok(t.gql<{ officialDocument: { contentType: string; base64: string } }>(
      people.s2.token, `query($u: ID!) { officialDocument(kind: ANNOUNCEMENT_02A, format: PDF, month: "${month}", unitId: $u) { contentType base64 } }`, { u: office }));
    expect(officialDocument.contentType).toBe('application/pdf');
    const text = await pdfText(Buffer.from(officialDocument.base64, 'base64'));
    expect(text).toContain('STT\tHọ và tên\tChức vụ\tXếp loại\tGhi chú');
    expect(text).toContain('Cao Văn Hai');
    expect(text.replace(/\s+/g, ' ')).toContain(explanation); // wrapped over the cell's lines
  });

  it('kept by a rebuild of the read models from the outbox', async () => {
    await rebuild(t.system.orm.em.fork() as never);
    const { announcement } = await ok(t.gql<{ announcement: { rows: Line[] } }>(people.s2.token, announcementQuery, { u: office }));
    expect(announcement.rows.find((r) => r.fullName === 'Cao Văn Hai')!.quotaExplanation).toBe(explanation);
    expect(announcement.rows.filter((r) => r.quotaExplanation !== null)).toHaveLength(1);
  });
});
