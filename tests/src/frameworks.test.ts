import { criteriaFramework } from '@cbccvc/rules';
import { ok, outcome, startTestSystem, type TestSystem } from './support/system';

/**
 * Criteria frameworks as versioned data (issue 5, point 1): the 2026 forms from document 003 are in
 * the database; a city administrator publishes a new version for a future month; forms opened for
 * that month use it, a month already started keeps its version. The test clock reads 10 May 2026.
 */
let t: TestSystem;
const tokens: Record<string, string> = {};
const as = (username: string) => tokens[username]!;

beforeAll(async () => {
  t = await startTestSystem();
  for (const username of ['nhanvien', 'admin.thanhpho', 'admin.chinhquyen']) tokens[username] = await t.login(username);
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

const publish = `mutation($i: CriteriaFrameworkInput!) { publishCriteriaFramework(input: $i) { form version effectiveFrom groups { code max criteria { code max } } } }`;
const form03 = criteriaFramework('FORM_03');
/** Form 03 of 2027: criterion 1.1 split in two (same group total), a new wording for 1.2. */
function form03v2027(effectiveFrom: string) {
  return {
    form: 'FORM_03',
    version: 'hanoi2027',
    effectiveFrom,
    title: form03.title,
    appliesTo: form03.appliesTo,
    groups: form03.groups.map((g) => ({
      code: g.code,
      title: g.title,
      max: g.max,
      criteria: g.criteria.flatMap((c) => {
        if (c.code === '1.1') return [{ code: '1.1', text: c.text, max: c.max / 2 }, { code: '1.1b', text: 'Chủ động chuyển đổi số trong công việc được giao.', max: c.max / 2 }];
        if (c.code === '1.2') return [{ code: c.code, text: `${c.text} (sửa đổi 2027)`, max: c.max }];
        return [{ code: c.code, text: c.text, max: c.max }];
      }),
    })),
  };
}

describe('criteria frameworks', () => {
  it('holds the 2026 forms of document 003 as data, in force from April 2026', async () => {
    const { criteriaFramework: served } = await ok(t.gql<{ criteriaFramework: { version: string; effectiveFrom: string; groups: { criteria: { code: string; text: string; max: number }[] }[] } }>(
      as('nhanvien'), '{ criteriaFramework(form: FORM_03, month: "2026-05") { version effectiveFrom groups { criteria { code text max } } } }'));
    expect(served).toMatchObject({ version: 'hanoi2026', effectiveFrom: '2026-04' });
    expect(served.groups.flatMap((g) => g.criteria)).toEqual(form03.groups.flatMap((g) => g.criteria).map((c) => ({ code: c.code, text: c.text, max: c.max })));
    const before = await t.gql(as('nhanvien'), '{ criteriaFramework(form: FORM_03, month: "2026-03") { version } }');
    expect(outcome(before)).toBe('BAD_USER_INPUT');
  });

  it('are published by a city administrator only, for a future month, when consistent', async () => {
    expect(outcome(await t.gql(as('admin.chinhquyen'), publish, { i: form03v2027('2026-07') }))).toBe('FORBIDDEN');
    expect(outcome(await t.gql(as('nhanvien'), publish, { i: form03v2027('2026-07') }))).toBe('FORBIDDEN');
    const current = await t.gql(as('admin.thanhpho'), publish, { i: form03v2027('2026-05') });
    expect(current.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.effectiveFrom' });
    const inconsistent = form03v2027('2026-07');
    inconsistent.groups[0]!.criteria[0]!.max += 1; // group 1 no longer adds up to its maximum
    const refused = await t.gql(as('admin.thanhpho'), publish, { i: inconsistent });
    expect(outcome(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.message).toMatch(/group 1/);
    const { publishCriteriaFramework } = await ok(t.gql<{ publishCriteriaFramework: { version: string; effectiveFrom: string } }>(as('admin.thanhpho'), publish, { i: form03v2027('2026-07') }));
    expect(publishCriteriaFramework).toMatchObject({ version: 'hanoi2027', effectiveFrom: '2026-07' });
    expect(outcome(await t.gql(as('admin.thanhpho'), publish, { i: form03v2027('2026-09') }))).toBe('CONFLICT'); // the version name is taken
    const versions = await ok(t.gql<{ criteriaFrameworkVersions: { version: string; effectiveFrom: string; publishedBy: string }[] }>(as('nhanvien'), '{ criteriaFrameworkVersions(form: FORM_03) { version effectiveFrom publishedBy } }'));
    expect(versions.criteriaFrameworkVersions).toEqual([
      { version: 'hanoi2026', effectiveFrom: '2026-04', publishedBy: 'document 003' },
      { version: 'hanoi2027', effectiveFrom: '2026-07', publishedBy: 'admin.thanhpho' },
    ]);
  });

  it('apply from their month: a form opened for July uses the new version and is scored with it; June keeps 2026', async () => {
    const open = (month: string) => t.gql<{ openEvaluationForm: { id: string; version: number; frameworkVersion: string } }>(as('nhanvien'), `mutation { openEvaluationForm(month: "${month}") { id version frameworkVersion } }`);
    const june = (await ok(open('2026-06'))).openEvaluationForm;
    const july = (await ok(open('2026-07'))).openEvaluationForm;
    expect(june.frameworkVersion).toBe('hanoi2026');
    expect(july.frameworkVersion).toBe('hanoi2027');
    const save = 'mutation($id: ID!, $v: Int!, $i: SelfAssessmentInput!) { saveSelfAssessment(id: $id, expectedVersion: $v, input: $i) { general } }';
    const full2026 = form03.groups.flatMap((g) => g.criteria).map((c) => ({ code: c.code, score: c.max }));
    const full2027 = form03v2027('2026-07').groups.flatMap((g) => g.criteria).map((c) => ({ code: c.code, score: c.max }));
    // July's form needs the new criterion 1.1b; June's form does not know it. Each is self-assessed
    // in its own month (a month starts when it starts).
    try {
      t.clock.set('2026-07-02T03:00:00Z');
      const july2026 = await t.gql(as('nhanvien'), save, { id: july.id, v: july.version, i: { scores: full2026 } });
      expect(july2026.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scores' });
      expect((await ok(t.gql<{ saveSelfAssessment: { general: number } }>(as('nhanvien'), save, { id: july.id, v: july.version, i: { scores: full2027 } }))).saveSelfAssessment.general).toBe(30);
      t.clock.set('2026-06-02T03:00:00Z');
      const june2027 = await t.gql(as('nhanvien'), save, { id: june.id, v: june.version, i: { scores: full2027 } });
      expect(june2027.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scores' });
      expect((await ok(t.gql<{ saveSelfAssessment: { general: number } }>(as('nhanvien'), save, { id: june.id, v: june.version, i: { scores: full2026 } }))).saveSelfAssessment.general).toBe(30);
    } finally {
      t.clock.set('2026-05-10T03:00:00Z');
    }
  });

  it('cannot be published for a month whose forms are already opened (it has started for those people)', async () => {
    const opened = await t.gql(as('nhanvien'), 'mutation { openEvaluationForm(month: "2026-10") { id } }');
    expect(outcome(opened)).toBe('OK');
    const late = { ...form03v2027('2026-10'), version: 'hanoi2027b' };
    const refused = await t.gql(as('admin.thanhpho'), publish, { i: late });
    expect(outcome(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.message).toMatch(/2026-10/);
  });
});
