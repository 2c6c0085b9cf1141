import * as ExcelJS from 'exceljs';
import type { EntityManager } from '@mikro-orm/postgresql';
import { closeMonth } from '@cbccvc/evaluation';
import { rebuild } from '@cbccvc/reporting';
import { criteriaFramework, policies } from '@cbccvc/rules';
import { planAndComplete, selfAssess, tokenOf, waitForProjection } from './support/month';
import { ok, startTestSystem, type TestSystem } from './support/system';

/**
 * DOMAIN §8: the result of the self-assessment (form 01A column 4) is the stated grade only where the
 * policy lets it prevail (Quảng Trị 2019), else the band of the self score — in the reporting
 * subgraph's official 01A too (as data and XLSX), whose read model is fed only by the evaluation
 * outbox. Under Hà Nội 2026, in two new justice offices of the demo ward (staff only, each decided by
 * its head): in the first, decided through `decideEvaluations`, s1 scores 100 and states B (self-grade
 * A) and s2 scores in the B band and states A (self-grade B); in the second, decided by the set-based
 * month close, s3 scores 100 and states B (self-grade A). Clock: 10 May 2026.
 */
let t: TestSystem;
const month = '2026-05';
type Key = 'head1' | 's1' | 's2' | 'head2' | 's3';
const people = {} as Record<Key, { id: string; token: string; name: string }>;
const offices = {} as Record<'api' | 'close', string>;
const form03 = criteriaFramework('FORM_03');
const marks = (less: number) => form03.groups.flatMap((g) => g.criteria).map((c, i) => ({ code: c.code, score: i < less ? Math.max(0, c.max - 2) : c.max }));

type Form = { state: string; score: number; band: string; statedGrade: string; selfGrade: string; finalGrade: string };
const readForm = async (key: Key) =>
  (await ok(t.gql<{ evaluationForm: Form }>(people[key].token, `query($p: ID!) { evaluationForm(personId: $p, month: "${month}") { state score band statedGrade selfGrade finalGrade } }`, { p: people[key].id }))).evaluationForm;

beforeAll(async () => {
  t = await startTestSystem({ wardPolicyId: 'hanoi2026' });
  const city = await t.login('admin.thanhpho');
  const ward = t.seed.jurisdictions.find((j) => j.parentId)!.id;
  const committee = t.seed.units.find((u) => u.kind === 'PEOPLES_COMMITTEE' && u.jurisdictionId === ward)!;
  const position = (code: string) => t.seed.positions.find((p) => p.code === code)!.id;
  const newOffice = async (code: string, name: string) =>
    (await ok(t.gql<{ createUnit: { id: string } }>(city, 'mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }', { i: { parentId: committee.id, code, name, kind: 'OFFICE' } }))).createUnit.id;
  offices.api = await newOffice('PNV', 'Phòng Nội vụ');
  offices.close = await newOffice('PTP', 'Phòng Tư pháp');
  const create: [Key, 'api' | 'close', string, string][] = [
    ['head1', 'api', 'TRUONG_PHONG', 'Bùi Văn Trưởng'],
    ['s1', 'api', 'CHUYEN_VIEN', 'An Thị Một'],
    ['s2', 'api', 'CHUYEN_VIEN', 'Cao Văn Hai'],
    ['head2', 'close', 'TRUONG_PHONG', 'Đỗ Văn Trưởng'],
    ['s3', 'close', 'CHUYEN_VIEN', 'Lê Thị Ba'],
  ];
  for (const [key, office, code, name] of create) {
    const { createPerson } = await ok(t.gql<{ createPerson: { id: string } }>(city, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', { i: { unitId: offices[office], positionId: position(code), name, staffKind: 'CIVIL_SERVANT' } }));
    await ok(t.gql(city, 'mutation($p: ID!) { issueAccount(personId: $p) { account { username } } }', { p: createPerson.id }));
    people[key] = { id: createPerson.id, token: await tokenOf(t, createPerson.id), name };
  }

  await planAndComplete(t, people.s1, offices.api, month, people.head1.token, { size: 2 });
  await planAndComplete(t, people.s2, offices.api, month, people.head1.token, { size: 2, late: true });
  await planAndComplete(t, people.s3, offices.close, month, people.head2.token, { size: 2 });
  await selfAssess(t, people.s1, month, marks(0), 'B'); // 100
  await selfAssess(t, people.s2, month, marks(6), 'A'); // below 90 with a late task: the B band
  await selfAssess(t, people.s3, month, marks(0), 'B'); // 100
  expect(await readForm('s1')).toMatchObject({ score: 100, band: 'A', statedGrade: 'B', selfGrade: 'A' });
  expect(await readForm('s2')).toMatchObject({ band: 'B', statedGrade: 'A', selfGrade: 'B' });
  expect(await readForm('s3')).toMatchObject({ score: 100, band: 'A', statedGrade: 'B', selfGrade: 'A' });

  await ok(t.gql(people.head1.token, `mutation($u: ID!) { decideEvaluations(input: { unitId: $u, month: "${month}", reason: "Họp xét tháng 5" }) { cap } }`, { u: offices.api }));
  const close = await closeMonth(t.system.orm.em.fork() as EntityManager, month, new Date('2026-05-10T03:00:00Z'), () => policies.hanoi2026);
  expect(close.decided).toBe(1);
  expect(await readForm('s1')).toMatchObject({ state: 'DECIDED', finalGrade: 'A', selfGrade: 'A' });
  expect(await readForm('s2')).toMatchObject({ state: 'DECIDED', finalGrade: 'B', selfGrade: 'B' });
  expect(await readForm('s3')).toMatchObject({ state: 'DECIDED', finalGrade: 'A', selfGrade: 'A' });
  await waitForProjection(t);
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

type Row = { fullName: string; selfGrade: string | null; finalGrade: string | null };
const summaryListOf = async (office: 'api' | 'close', token: string) =>
  (await ok(t.gql<{ summaryList: { staff: Row[] } }>(token, `query($u: ID!) { summaryList(unitId: $u, month: "${month}") { staff { fullName selfGrade finalGrade } } }`, { u: offices[office] }))).summaryList.staff;
const unitSummaryOf = async (office: 'api' | 'close', token: string) =>
  (await ok(t.gql<{ unitSummary: { rows: Row[] } }>(token, `query($u: ID!) { unitSummary(unitId: $u, month: "${month}") { rows { fullName selfGrade finalGrade } } }`, { u: offices[office] }))).unitSummary.rows;
const selfGrades = (rows: Row[]) => Object.fromEntries(rows.filter((r) => r.finalGrade !== null).map((r) => [r.fullName, r.selfGrade]));

describe('the self-grade of the official 01A is the result of the self-assessment (Hà Nội 2026)', () => {
  it('as data: the band of the self score, not the stated grade, as the evaluation subgraph’s unitSummary says', async () => {
    const api = await summaryListOf('api', people.head1.token);
    expect(api).toEqual([
      { fullName: 'An Thị Một', selfGrade: 'A', finalGrade: 'A' },
      { fullName: 'Cao Văn Hai', selfGrade: 'B', finalGrade: 'B' },
    ]);
    expect(selfGrades(api)).toEqual(selfGrades(await unitSummaryOf('api', people.head1.token)));
    // Decided by the month close.
    const closed = await summaryListOf('close', people.head2.token);
    expect(closed).toEqual([{ fullName: 'Lê Thị Ba', selfGrade: 'A', finalGrade: 'A' }]);
    expect(selfGrades(closed)).toEqual(selfGrades(await unitSummaryOf('close', people.head2.token)));
  });

  it('as XLSX: column 4 (cá nhân tự xếp loại) read back', async () => {
    const columnFour = async (office: 'api' | 'close', token: string) => {
      const { officialDocument } = await ok(t.gql<{ officialDocument: { filename: string; base64: string } }>(
        token, `query($u: ID!) { officialDocument(kind: SUMMARY_01A, format: XLSX, month: "${month}", unitId: $u) { filename base64 } }`, { u: offices[office] }));
      expect(officialDocument.filename).toMatch(/\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(officialDocument.base64, 'base64') as never);
      const sheet = workbook.worksheets[0]!;
      const found: Record<string, string> = {};
      sheet.eachRow((row) => {
        const name = row.getCell(2).text;
        if (Object.values(people).some((p) => name.startsWith(p.name))) found[Object.values(people).find((p) => name.startsWith(p.name))!.name] = row.getCell(4).text;
      });
      return found;
    };
    expect(await columnFour('api', people.head1.token)).toEqual({ 'An Thị Một': 'HTXSNV', 'Cao Văn Hai': 'HTTNV' });
    expect(await columnFour('close', people.head2.token)).toEqual({ 'Lê Thị Ba': 'HTXSNV' });
  });

  it('kept by a rebuild of the read models from the outbox', async () => {
    await rebuild(t.system.orm.em.fork() as never);
    expect(selfGrades(await summaryListOf('api', people.head1.token))).toEqual({ 'An Thị Một': 'A', 'Cao Văn Hai': 'B' });
    expect(selfGrades(await summaryListOf('close', people.head2.token))).toEqual({ 'Lê Thị Ba': 'A' });
  });
});
