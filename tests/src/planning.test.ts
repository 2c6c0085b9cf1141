import { taskResult, policies } from '@cbccvc/rules';
import { ok, outcome, startTestSystem, type GraphQLResponse, type TestSystem } from './support/system';

/**
 * A month of a small unit through the gateway: catalogue, plans, approvals, completions, a quality
 * failure, delays, an excused delay, the freeze after the decision deadline, and the KPI — which
 * must equal what packages/rules gives for the same items.
 */
let t: TestSystem;
const month = '2026-05';
const person = (username: string) => t.seed.demoUsers.find((u) => u.username === username)!.personId;
const unitOf = (personId: string) => t.seed.people.find((p) => p.id === personId)!.unitId;
let unit: string;
const tokens: Record<string, string> = {};
const as = (username: string) => tokens[username]!;


beforeAll(async () => {
  t = await startTestSystem();
  unit = unitOf(person('nhanvien'));
  for (const username of ['nhanvien', 'phophong', 'truongphong', 'daumoi', 'admin.dang', 'admin.chinhquyen', 'phantich', 'admin.thanhpho']) {
    tokens[username] = await t.login(username);
  }
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

const createCatalogue = `mutation($i: CatalogueVersionInput!) { createCatalogueVersion(input: $i) { id effectiveFrom items { id code factor } } }`;
const catalogueInput = (effectiveFrom: string) => ({
  unitId: unit,
  effectiveFrom,
  standardUnit: 'Văn bản hành chính thông thường',
  items: [
    { code: 'VB01', name: 'Dự thảo văn bản hành chính', complexityGroup: 'Nhóm I', unitOfMeasure: 'văn bản', factor: 1 },
    { code: 'BC01', name: 'Báo cáo chuyên đề', complexityGroup: 'Nhóm II', unitOfMeasure: 'báo cáo', factor: 2.5 },
  ],
});
type Items = { id: string; code: string; factor: number }[];
let items: Items;
let planId: string;
const taskIds: Record<string, string> = {};

describe('the catalogue', () => {
  it('is maintained by the focal point, not by staff', async () => {
    expect(outcome(await t.gql(as('nhanvien'), createCatalogue, { i: catalogueInput('2026-01') }))).toBe('FORBIDDEN');
    const created = await ok(t.gql<{ createCatalogueVersion: { items: Items } }>(as('daumoi'), createCatalogue, { i: catalogueInput('2026-01') }));
    items = created.createCatalogueVersion.items;
    expect(items.map((i) => [i.code, i.factor])).toEqual([['BC01', 2.5], ['VB01', 1]]);
  });

  it('refuses a duplicate code with the field named', async () => {
    const input = catalogueInput('2026-02');
    input.items.push({ ...input.items[0]!, code: 'vb01' });
    const response = await t.gql(as('truongphong'), createCatalogue, { i: input });
    expect(outcome(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!.field).toBe('input.items[2].code');
  });

  it('imports a spreadsheet all or nothing, reporting every bad row', async () => {
    const mutation = `mutation($i: CatalogueImportInput!) { importCatalogue(input: $i) { version { effectiveFrom items { code factor } } errors { row column message } } }`;
    const bad = '\uFEFFMã,Tên sản phẩm/công việc,Nhóm độ phức tạp,Đơn vị tính,Hệ số quy đổi\r\nTD01,Tiếp dân,Nhóm I,buổi,1\r\n,Thiếu mã,Nhóm I,văn bản,-2\r\n';
    const refused = await ok(t.gql<{ importCatalogue: { version: unknown; errors: { row: number; column: string }[] } }>(as('daumoi'), mutation, {
      i: { unitId: unit, effectiveFrom: '2026-03', standardUnit: 'Văn bản', format: 'CSV', contentBase64: Buffer.from(bad).toString('base64') },
    }));
    expect(refused.importCatalogue.version).toBeNull();
    expect(refused.importCatalogue.errors.map((e) => [e.row, e.column])).toEqual([[3, 'Mã'], [3, 'Hệ số quy đổi']]);
    const march = await ok(t.gql<{ catalogue: { effectiveFrom: string } }>(as('daumoi'), 'query($u: ID!) { catalogue(unitId: $u, month: "2026-03") { effectiveFrom } }', { u: unit }));
    expect(march.catalogue.effectiveFrom).toBe('2026-01'); // nothing of the bad file was written

    const good = bad.replace(',Thiếu mã,Nhóm I,văn bản,-2', 'TD02,Tiếp công dân định kỳ,Nhóm II,buổi,"1,5"');
    const imported = await ok(t.gql<{ importCatalogue: { version: { items: { code: string; factor: number }[] }; errors: unknown[] } }>(as('daumoi'), mutation, {
      i: { unitId: unit, effectiveFrom: '2026-03', standardUnit: 'Văn bản', format: 'CSV', contentBase64: Buffer.from(good).toString('base64') },
    }));
    expect(imported.importCatalogue.errors).toEqual([]);
    expect(imported.importCatalogue.version.items).toEqual([{ code: 'TD01', factor: 1 }, { code: 'TD02', factor: 1.5 }]);
  });

  it('offers a downloadable XLSX template that imports as it is', async () => {
    const { catalogueTemplate } = await ok(t.gql<{ catalogueTemplate: { filename: string; contentBase64: string } }>(as('daumoi'), '{ catalogueTemplate(format: XLSX) { filename contentBase64 } }'));
    expect(catalogueTemplate.filename).toMatch(/\.xlsx$/);
    expect(Buffer.from(catalogueTemplate.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
    const imported = await ok(t.gql<{ importCatalogue: { version: { items: { code: string }[] }; errors: unknown[] } }>(
      as('truongphong'),
      'mutation($i: CatalogueImportInput!) { importCatalogue(input: $i) { version { items { code } } errors { row } } }',
      { i: { unitId: unit, effectiveFrom: '2026-08', standardUnit: 'Văn bản', format: 'XLSX', contentBase64: catalogueTemplate.contentBase64 } },
    ));
    expect(imported.importCatalogue.errors).toEqual([]);
    expect(imported.importCatalogue.version.items.map((i) => i.code)).toEqual(['BC01', 'VB01']);
    const notXlsx = await ok(t.gql<{ importCatalogue: { version: unknown; errors: { row: number }[] } }>(
      as('truongphong'),
      'mutation($i: CatalogueImportInput!) { importCatalogue(input: $i) { version { id } errors { row message } } }',
      { i: { unitId: unit, effectiveFrom: '2026-09', standardUnit: 'Văn bản', format: 'XLSX', contentBase64: Buffer.from('không phải tệp Excel').toString('base64') } },
    ));
    expect(notXlsx.importCatalogue.version).toBeNull();
    expect(notXlsx.importCatalogue.errors).toHaveLength(1);
  });

  it('measures a month with the catalogue in force for it', async () => {
    // March imported a new version: a May task from the January catalogue is refused.
    await ok(t.gql(as('daumoi'), createCatalogue, { i: { ...catalogueInput('2026-04') } }));
    const april = await ok(t.gql<{ catalogue: { effectiveFrom: string; items: Items } }>(as('nhanvien'), 'query($u: ID!) { catalogue(unitId: $u, month: "2026-05") { effectiveFrom items { id code factor } } }', { u: unit }));
    expect(april.catalogue.effectiveFrom).toBe('2026-04');
    const januaryItem = items[0]!.id;
    items = april.catalogue.items;
    const plan = await ok(t.gql<{ createPlan: { id: string; status: string } }>(as('nhanvien'), 'mutation($i: CreatePlanInput!) { createPlan(input: $i) { id status } }', {
      i: { unitId: unit, personId: person('nhanvien'), month },
    }));
    planId = plan.createPlan.id;
    expect(plan.createPlan.status).toBe('DRAFT');
    const stale = await t.gql(as('nhanvien'), 'mutation($i: AddTaskInput!) { addTask(input: $i) { id } }', { i: { planId, catalogueItemId: januaryItem } });
    expect(outcome(stale)).toBe('BAD_USER_INPUT');
    expect(stale.errors![0]!.extensions!.field).toBe('input.catalogueItemId');
  });
});

const addTask = 'mutation($i: AddTaskInput!) { addTask(input: $i) { id size arising version } }';
type Added = { addTask: { id: string; size: number; arising: boolean; version: number } };
const item = (code: string) => items.find((i) => i.code === code)!.id;

describe('plans', () => {
  it('take catalogue tasks from the person and ad hoc work from the direct leader', async () => {
    const vb = await ok(t.gql<Added>(as('nhanvien'), addTask, { i: { planId, catalogueItemId: item('VB01'), quantity: 2, assignedOn: '2026-05-04' } }));
    expect(vb.addTask.size).toBe(2);
    taskIds.vb = vb.addTask.id;
    const bc = await ok(t.gql<Added>(as('nhanvien'), addTask, { i: { planId, catalogueItemId: item('BC01'), quantity: 1, assignedOn: '2026-05-04' } }));
    expect(bc.addTask.size).toBe(2.5);
    taskIds.bc = bc.addTask.id;
    expect(outcome(await t.gql(as('nhanvien'), addTask, { i: { planId, title: 'Việc tự đặt', size: 5 } }))).toBe('FORBIDDEN');
    const adHoc = await ok(t.gql<Added>(as('phophong'), addTask, { i: { planId, title: 'Hỗ trợ đoàn kiểm tra', size: 1.5, assignedOn: '2026-05-05' } }));
    expect(adHoc.addTask.size).toBe(1.5);
    taskIds.adHoc = adHoc.addTask.id;
  });

  it('accept a directing leader only from the unit line, never the person', async () => {
    const otherHead = t.seed.people.find((p) => p.unitId !== unit && t.seed.positions.find((pos) => pos.id === p.positionId)!.rank === 'HEAD' && !t.seed.units.find((u) => u.id === unit)!.path.includes(p.unitId))!;
    const outside = await t.gql(as('phophong'), addTask, { i: { planId, catalogueItemId: item('VB01'), directedById: otherHead.id } });
    expect(outside.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.directedById' });
    const self = await t.gql(as('phophong'), addTask, { i: { planId, catalogueItemId: item('VB01'), directedById: person('nhanvien') } });
    expect(self.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.directedById' });
  });

  it('refuse bad quantities and dates with the field named', async () => {
    const negative = await t.gql(as('nhanvien'), addTask, { i: { planId, catalogueItemId: item('VB01'), quantity: -1 } });
    expect(negative.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.quantity' });
    const outside = await t.gql(as('nhanvien'), addTask, { i: { planId, catalogueItemId: item('VB01'), assignedOn: '2026-06-02' } });
    expect(outside.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.assignedOn' });
    const unknown = await t.gql(as('nhanvien'), addTask, { i: { planId, catalogueItemId: '2a4f6c8e-0000-4000-8000-000000000000' } });
    expect(outcome(unknown)).toBe('NOT_FOUND');
  });

  it('go to the direct leader, who returns or approves them; the unit sees who has not submitted', async () => {
    const version = async () => (await ok(t.gql<{ plan: { version: number } }>(as('nhanvien'), 'query($id: ID!) { plan(id: $id) { version } }', { id: planId }))).plan.version;
    await ok(t.gql(as('nhanvien'), 'mutation($id: ID!, $v: Int!) { submitPlan(id: $id, expectedVersion: $v) { status } }', { id: planId, v: await version() }));
    const waiting = await ok(t.gql<{ plansToApprove: { id: string }[] }>(as('phophong'), 'query { plansToApprove(month: "2026-05") { id } }'));
    expect(waiting.plansToApprove.map((p) => p.id)).toEqual([planId]);
    expect(outcome(await t.gql(as('nhanvien'), 'mutation($id: ID!, $v: Int!) { approvePlan(id: $id, expectedVersion: $v) { status } }', { id: planId, v: await version() }))).toBe('FORBIDDEN');
    const returned = await ok(t.gql<{ returnPlan: { status: string; returnReason: string } }>(as('phophong'), 'mutation($id: ID!, $v: Int!) { returnPlan(id: $id, expectedVersion: $v, reason: "Bổ sung thời hạn") { status returnReason } }', { id: planId, v: await version() }));
    expect(returned.returnPlan).toEqual({ status: 'RETURNED', returnReason: 'Bổ sung thời hạn' });
    await ok(t.gql(as('nhanvien'), 'mutation($id: ID!, $v: Int!) { submitPlan(id: $id, expectedVersion: $v) { status } }', { id: planId, v: await version() }));
    const approved = await ok(t.gql<{ approvePlan: { status: string } }>(as('phophong'), 'mutation($id: ID!, $v: Int!) { approvePlan(id: $id, expectedVersion: $v) { status } }', { id: planId, v: await version() }));
    expect(approved.approvePlan.status).toBe('APPROVED');
    const stale = await t.gql(as('phophong'), 'mutation($id: ID!) { returnPlan(id: $id, expectedVersion: 1, reason: "x") { status } }', { id: planId });
    expect(outcome(stale)).toBe('BAD_USER_INPUT'); // an approved plan cannot be returned

    const status = await ok(t.gql<{ unitPlanStatus: { person: { id: string }; status: string | null }[] }>(as('truongphong'), 'query($u: ID!) { unitPlanStatus(unitId: $u, month: "2026-05") { person { id } status } }', { u: unit }));
    expect(status.unitPlanStatus.find((row) => row.person.id === person('nhanvien'))!.status).toBe('APPROVED');
    expect(status.unitPlanStatus.filter((row) => row.status === null).length).toBe(status.unitPlanStatus.length - 1);
  });

  it("gather the unit's tasks in the unit's plan, opened by the head", async () => {
    const create = 'mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }';
    expect(outcome(await t.gql(as('nhanvien'), create, { i: { unitId: unit, month, note: 'Kế hoạch tháng 5' } }))).toBe('FORBIDDEN');
    const created = await ok(t.gql<{ createPlan: { id: string } }>(as('truongphong'), create, { i: { unitId: unit, month, note: 'Kế hoạch tháng 5' } }));
    const { unitPlan } = await ok(t.gql<{ unitPlan: { id: string; person: null; plannedSize: number; tasks: unknown[] } }>(as('nhanvien'), 'query($u: ID!) { unitPlan(unitId: $u, month: "2026-05") { id person { id } plannedSize tasks { id } } }', { u: unit }));
    expect(unitPlan).toMatchObject({ id: created.createPlan.id, person: null, plannedSize: 6 });
    expect(unitPlan.tasks).toHaveLength(3);
  });

  it('mark tasks added after approval as arising, added by the leader only', async () => {
    expect(outcome(await t.gql(as('nhanvien'), addTask, { i: { planId, catalogueItemId: item('BC01'), quantity: 10000 } }))).toBe('FORBIDDEN');
    const arising = await ok(t.gql<Added>(as('phophong'), addTask, { i: { planId, catalogueItemId: item('BC01'), assignedOn: '2026-05-08' } }));
    expect(arising.addTask.arising).toBe(true);
    taskIds.arising = arising.addTask.id;
  });
});

const complete = 'mutation($id: ID!, $v: Int!, $i: CompleteTaskInput!) { completeTask(id: $id, expectedVersion: $v, input: $i) { completedOn version } }';
const taskVersion = async (id: string) =>
  (await ok(t.gql<{ plan: { tasks: { id: string; version: number }[] } }>(as('nhanvien'), 'query($id: ID!) { plan(id: $id) { tasks { id version } } }', { id: planId }))).plan.tasks.find((x) => x.id === id)!.version;

describe('results', () => {
  it('are recorded by the person with evidence, never before the task was assigned', async () => {
    const early = await t.gql(as('nhanvien'), complete, { id: taskIds.vb, v: await taskVersion(taskIds.vb!), i: { completedOn: '2026-05-01', evidence: 'Số 12/VHXH' } });
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.completedOn' });
    for (const [key, day] of [['vb', '2026-05-06'], ['bc', '2026-05-07'], ['adHoc', '2026-05-08']] as const) {
      await ok(t.gql(as('nhanvien'), complete, { id: taskIds[key], v: await taskVersion(taskIds[key]!), i: { completedOn: day, evidence: 'https://vanban.hanoi.gov.vn/12', note: 'Đã trình' } }));
    }
    expect(outcome(await t.gql(as('phophong'), complete, { id: taskIds.arising, v: 1, i: { completedOn: '2026-05-09', evidence: 'x' } }))).toBe('FORBIDDEN');
  });

  it('take quality failures and delays from the direct leader, excuses only from the authority', async () => {
    const review = 'mutation($t: ID!, $p: Boolean!) { recordQualityReview(taskId: $t, passed: $p, note: "Sai nội dung chính") { id passed } }';
    expect(outcome(await t.gql(as('nhanvien'), review, { t: taskIds.bc, p: true }))).toBe('FORBIDDEN');
    await ok(t.gql(as('phophong'), review, { t: taskIds.bc, p: false }));
    await ok(t.gql(as('phophong'), review, { t: taskIds.bc, p: true }));
    const notDone = await t.gql(as('phophong'), review, { t: taskIds.arising, p: true });
    expect(outcome(notDone)).toBe('BAD_USER_INPUT');
    const delay = 'mutation($t: ID!) { recordDelay(taskId: $t, note: "Chậm 2 ngày") { id } }';
    await ok(t.gql(as('phophong'), delay, { t: taskIds.vb }));
    const adHocDelay = await ok(t.gql<{ recordDelay: { id: string } }>(as('phophong'), delay, { t: taskIds.adHoc }));
    const excuse = 'mutation($d: ID!) { excuseDelay(delayId: $d, reason: "Chờ ý kiến của cơ quan khác") { excused excusedBy } }';
    expect(outcome(await t.gql(as('phophong'), excuse, { d: adHocDelay.recordDelay.id }))).toBe('FORBIDDEN');
    const excused = await ok(t.gql<{ excuseDelay: { excused: boolean; excusedBy: string } }>(as('truongphong'), excuse, { d: adHocDelay.recordDelay.id }));
    expect(excused.excuseDelay).toEqual({ excused: true, excusedBy: 'truongphong' });
  });
});

const kpiQuery = 'query($p: ID!) { kpi(personId: $p, month: "2026-05") { quantity quality timeliness kpi points leader pending assignedSize completedSize items { size completed qualityFailures delays } } }';
type Kpi = { quantity: number; quality: number; timeliness: number; kpi: number | null; points: number | null; leader: boolean; pending: string[]; assignedSize: number; completedSize: number; items: { size: number; completed: boolean; qualityFailures: number; delays: number }[] };

describe('the KPI', () => {
  it('equals what packages/rules gives for the same items, with every item listed', async () => {
    const { kpi } = await ok(t.gql<{ kpi: Kpi }>(as('nhanvien'), kpiQuery, { p: person('nhanvien') }));
    const expected = taskResult(
      [
        { size: 2, completed: true, qualityFailures: 0, delays: 1 },
        { size: 2.5, completed: true, qualityFailures: 1, delays: 0 },
        { size: 1.5, completed: true, qualityFailures: 0, delays: 0 }, // its delay was excused
        { size: 2.5, completed: false },
      ],
      undefined,
      policies.hanoi2026,
    )!;
    expect(kpi).toMatchObject({ quantity: expected.quantity, quality: expected.quality, timeliness: expected.timeliness, kpi: expected.kpi, leader: false, pending: [] });
    expect(kpi.points).toBeCloseTo(expected.kpi * 70, 4);
    expect(kpi.assignedSize).toBe(8.5);
    expect(kpi.completedSize).toBe(6);
    expect(kpi.items.map((i) => [i.size, i.completed, i.qualityFailures, i.delays]).sort()).toEqual(
      [[2, true, 0, 1], [2.5, true, 1, 0], [1.5, true, 0, 0], [2.5, false, 0, 0]].sort(),
    );
  });

  it('lists the weekly schedule', async () => {
    const { weekSchedule } = await ok(t.gql<{ weekSchedule: { id: string }[] }>(as('nhanvien'), 'query($p: ID!) { weekSchedule(personId: $p, weekStart: "2026-05-04") { id } }', { p: person('nhanvien') }));
    expect(weekSchedule.map((x) => x.id).sort()).toEqual([taskIds.vb, taskIds.bc, taskIds.adHoc, taskIds.arising].sort());
    const tuesday = await t.gql(as('nhanvien'), 'query($p: ID!) { weekSchedule(personId: $p, weekStart: "2026-05-05") { id } }', { p: person('nhanvien') });
    expect(tuesday.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'weekStart' });
    const yearZero = await t.gql(as('nhanvien'), 'query($p: ID!) { weekSchedule(personId: $p, weekStart: "0000-01-03") { id } }', { p: person('nhanvien') });
    expect(yearZero.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'weekStart' });
  });

  it('resolves Person and Unit references in the planning subgraph through _entities', async () => {
    const response = await ok(t.gql<{ _entities: { id: string; kpi?: { assignedSize: number }; catalogue?: { effectiveFrom: string } }[] }>(
      as('truongphong'),
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id kpi(month: "2026-05") { assignedSize } } ... on Unit { id catalogue(month: "2026-05") { effectiveFrom } } } }',
      { r: [{ __typename: 'Person', id: person('nhanvien') }, { __typename: 'Unit', id: unit }] },
      t.system.planningUrl!,
    ));
    expect(response._entities).toEqual([
      { id: person('nhanvien'), kpi: { assignedSize: 8.5 } },
      { id: unit, catalogue: { effectiveFrom: '2026-04' } },
    ]);
  });

  it('is on the Person entity across the supergraph', async () => {
    const response = await ok(t.gql<{ person: { name: string; kpi: { kpi: number } } }>(as('truongphong'), 'query($p: ID!) { person(id: $p) { name kpi(month: "2026-05") { kpi } } }', { p: person('nhanvien') }));
    expect(response.person.kpi.kpi).toBeGreaterThan(0);
    expect(response.person.name.length).toBeGreaterThan(0);
  });

  it('is visible to the unit, block admins and analysts, not to other units or blocks', async () => {
    for (const [who, expected] of [['truongphong', 'OK'], ['admin.chinhquyen', 'OK'], ['phantich', 'OK'], ['admin.thanhpho', 'OK'], ['admin.dang', 'FORBIDDEN']] as const) {
      expect([who, outcome(await t.gql(as(who), kpiQuery, { p: person('nhanvien') }))]).toEqual([who, expected]);
    }
  });

  it("of a leader stays pending until the unit's results exist, and the factors come from the authority", async () => {
    const set = 'mutation($i: LeaderFactorsInput!) { setLeaderFactors(input: $i) { organisation unity } }';
    const input = { personId: person('phophong'), month, organisation: 0.5, unity: 1, reason: 'Chậm triển khai kế hoạch' };
    expect(outcome(await t.gql(as('phophong'), set, { i: input }))).toBe('FORBIDDEN');
    expect(outcome(await t.gql(as('truongphong'), set, { i: { ...input, unity: 0.7 } }))).toBe('BAD_USER_INPUT');
    await ok(t.gql(as('truongphong'), set, { i: input }));
    const { kpi } = await ok(t.gql<{ kpi: Kpi & { organisation: number; unity: number } }>(as('truongphong'), 'query($p: ID!) { kpi(personId: $p, month: "2026-05") { leader kpi organisation unity pending } }', { p: person('phophong') }));
    expect(kpi).toMatchObject({ leader: true, kpi: null, organisation: 0.5, unity: 1 });
    expect(kpi.pending).toContain('UNIT_RESULTS');
    // A pending KPI is never fixed for a decision.
    const snapshot = await t.gql(as('truongphong'), 'mutation($p: ID!) { snapshotKpi(personId: $p, month: "2026-05") { id } }', { p: person('phophong') });
    expect(snapshot.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(snapshot.errors![0]!.message).toMatch(/pending: .*UNIT_RESULTS/);
  });

  it('can be fixed for the decision by the authority, and the snapshot never changes', async () => {
    const snap = await ok(t.gql<{ snapshotKpi: { id: string; kpi: number } }>(as('truongphong'), 'mutation($p: ID!) { snapshotKpi(personId: $p, month: "2026-05") { id kpi } }', { p: person('nhanvien') }));
    expect(outcome(await t.gql(as('phophong'), 'mutation($p: ID!) { snapshotKpi(personId: $p, month: "2026-05") { id } }', { p: person('nhanvien') }))).toBe('FORBIDDEN');
    // Completing the arising task raises the live KPI; the snapshot keeps the old figure.
    await ok(t.gql(as('nhanvien'), complete, { id: taskIds.arising, v: await taskVersion(taskIds.arising!), i: { completedOn: '2026-05-09', evidence: 'Số 15/VHXH' } }));
    const live = await ok(t.gql<{ kpi: { kpi: number } }>(as('nhanvien'), kpiQuery, { p: person('nhanvien') }));
    expect(live.kpi.kpi).toBeGreaterThan(snap.snapshotKpi.kpi);
    const again = await ok(t.gql<{ kpiSnapshot: { kpi: number } }>(as('nhanvien'), 'query($id: ID!) { kpiSnapshot(id: $id) { kpi } }', { id: snap.snapshotKpi.id }));
    expect(again.kpiSnapshot.kpi).toBe(snap.snapshotKpi.kpi);
  });
});

describe('after the decision deadline', () => {
  afterAll(() => t.clock.set('2026-05-10T03:00:00Z'));

  it('freezes the month until the authority reopens it', async () => {
    t.clock.set('2026-05-28T01:00:00Z'); // the decision deadline was 2026-05-27T17:00Z
    const late = await t.gql(as('phophong'), 'mutation($t: ID!) { recordDelay(taskId: $t) { id } }', { t: taskIds.vb });
    expect(outcome(late)).toBe('DEADLINE_PASSED');
    expect(outcome(await t.gql(as('phophong'), 'mutation { reopenMonth(personId: "' + person('nhanvien') + '", month: "2026-05", reason: "Bổ sung", days: 2) { id } }'))).toBe('FORBIDDEN');
    await ok(t.gql(as('truongphong'), 'mutation($p: ID!) { reopenMonth(personId: $p, month: "2026-05", reason: "Bổ sung minh chứng", days: 2) { until } }', { p: person('nhanvien') }));
    expect(outcome(await t.gql(as('phophong'), 'mutation($t: ID!) { recordDelay(taskId: $t) { id } }', { t: taskIds.vb }))).toBe('OK');
  });
});

describe('the permission matrix', () => {
  type Actor = 'nhanvien' | 'phophong' | 'truongphong' | 'daumoi' | 'admin.chinhquyen' | 'admin.dang' | 'admin.thanhpho' | 'phantich';
  const actors: Actor[] = ['nhanvien', 'phophong', 'truongphong', 'daumoi', 'admin.chinhquyen', 'admin.dang', 'admin.thanhpho', 'phantich'];
  let delayId: string;
  beforeAll(async () => {
    delayId = (await ok(t.gql<{ recordDelay: { id: string } }>(as('phophong'), 'mutation($t: ID!) { recordDelay(taskId: $t) { id } }', { t: taskIds.vb }))).recordDelay.id;
  });

  // Who may: the person (self), the direct leader, the authority, the unit's focal point or head.
  // Every other caller, administrators and analysts included, is refused with FORBIDDEN. The
  // permitted callers succeed in the month above; here the refusals are checked, which change nothing.
  const operations: { name: string; allowed: Actor[]; run: (token: string) => Promise<GraphQLResponse> }[] = [
    { name: 'createCatalogueVersion', allowed: ['daumoi', 'truongphong'], run: (tk) => t.gql(tk, createCatalogue, { i: catalogueInput('2026-09') }) },
    { name: 'addTask (ad hoc)', allowed: ['phophong'], run: (tk) => t.gql(tk, addTask, { i: { planId, title: 'Việc đột xuất', size: 1 } }) },
    { name: 'submitPlan', allowed: ['nhanvien'], run: (tk) => t.gql(tk, 'mutation($id: ID!) { submitPlan(id: $id, expectedVersion: 1) { id } }', { id: planId }) },
    { name: 'approvePlan', allowed: ['phophong'], run: (tk) => t.gql(tk, 'mutation($id: ID!) { approvePlan(id: $id, expectedVersion: 1) { id } }', { id: planId }) },
    { name: 'returnPlan', allowed: ['phophong'], run: (tk) => t.gql(tk, 'mutation($id: ID!) { returnPlan(id: $id, expectedVersion: 1, reason: "x") { id } }', { id: planId }) },
    { name: 'completeTask', allowed: ['nhanvien'], run: (tk) => t.gql(tk, complete, { id: taskIds.vb, v: 1, i: { completedOn: '2026-05-06', evidence: 'x' } }) },
    { name: 'recordQualityReview', allowed: ['phophong'], run: (tk) => t.gql(tk, 'mutation($t: ID!) { recordQualityReview(taskId: $t, passed: true) { id } }', { t: taskIds.vb }) },
    { name: 'recordDelay', allowed: ['phophong'], run: (tk) => t.gql(tk, 'mutation($t: ID!) { recordDelay(taskId: $t) { id } }', { t: taskIds.vb }) },
    { name: 'excuseDelay', allowed: ['truongphong'], run: (tk) => t.gql(tk, 'mutation($d: ID!) { excuseDelay(delayId: $d, reason: "x") { id } }', { d: delayId }) },
    {
      name: 'setLeaderFactors', allowed: ['truongphong'],
      run: (tk) => t.gql(tk, 'mutation($i: LeaderFactorsInput!) { setLeaderFactors(input: $i) { month } }', { i: { personId: person('phophong'), month, organisation: 1, unity: 1, reason: 'x' } }),
    },
    { name: 'reopenMonth', allowed: ['truongphong'], run: (tk) => t.gql(tk, 'mutation($p: ID!) { reopenMonth(personId: $p, month: "2026-05", reason: "x", days: 1) { id } }', { p: person('nhanvien') }) },
    { name: 'snapshotKpi', allowed: ['truongphong'], run: (tk) => t.gql(tk, 'mutation($p: ID!) { snapshotKpi(personId: $p, month: "2026-05") { id } }', { p: person('nhanvien') }) },
  ];
  const refusals = operations.flatMap((op) => actors.filter((a) => !op.allowed.includes(a)).map((actor) => ({ op: op.name, actor, run: op.run })));
  it.each(refusals)('$op is refused to $actor', async ({ actor, run }) => {
    expect(outcome(await run(as(actor)))).toBe('FORBIDDEN');
  });

  const readers: Record<Actor, string> = {
    nhanvien: 'OK', phophong: 'OK', truongphong: 'OK', daumoi: 'OK', 'admin.chinhquyen': 'OK', 'admin.thanhpho': 'OK', phantich: 'OK', 'admin.dang': 'FORBIDDEN',
  };
  it.each(actors)("reading the person's plan and the unit's plan status as %s", async (actor) => {
    const plan = await t.gql(as(actor), 'query($p: ID!) { personPlan(personId: $p, month: "2026-05") { status } }', { p: person('nhanvien') });
    const status = await t.gql(as(actor), 'query($u: ID!) { unitPlanStatus(unitId: $u, month: "2026-05") { status } }', { u: unit });
    expect([outcome(plan), outcome(status)]).toEqual([readers[actor], readers[actor]]);
  });
});
