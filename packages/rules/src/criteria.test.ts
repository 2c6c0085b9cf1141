import * as fc from 'fast-check';
import {
  criteriaFramework,
  criteriaFrameworks2026,
  generalScore,
  gradeOf,
  monthlyScore,
  policies,
  validateFramework,
} from './index';
import type { CriteriaFormId, CriteriaFramework } from './index';

const FORMS: CriteriaFormId[] = ['FORM_01', 'FORM_02', 'FORM_03', 'FORM_04'];

const criteriaOf = (f: CriteriaFramework) => f.groups.flatMap((g) => g.criteria);
const fullMarks = (f: CriteriaFramework): Record<string, number> =>
  Object.fromEntries(criteriaOf(f).map((item) => [item.code, item.max]));
/** A mutable deep copy (the presets are frozen). */
const copy = (f: CriteriaFramework): CriteriaFramework => JSON.parse(JSON.stringify(f)) as CriteriaFramework;

/** DOMAIN §4, group by group: [group code, group max, criterion maxima in order]. */
const LEADER: [string, number, number[]][] = [
  ['1', 5, [1, 1, 1, 1, 0.5, 0.5]],
  ['2', 5, [1, 1, 1, 1, 0.5, 0.5]],
  ['3', 16, Array<number>(16).fill(1)],
  ['4', 2, [1, 1]],
  ['5', 2, [1, 1]],
];
const EXPECTED: Record<CriteriaFormId, [string, number, number[]][]> = {
  FORM_01: LEADER,
  FORM_02: LEADER,
  FORM_03: [
    ['1', 15, [2, 2, 2, 2, 2, 2, 2, 1]],
    ['2', 10, [3, 2, 2, 3]],
    ['3', 5, [5]],
  ],
  FORM_04: [
    ['1', 15, [3, 3, 3, 3, 3]],
    ['2', 10, [3, 3, 2, 2]],
    ['3', 5, [5]],
  ],
};

describe('criteria frameworks 2026', () => {
  it('has forms 01–04, each consistent', () => {
    expect(criteriaFrameworks2026.map((f) => f.form)).toEqual(FORMS);
    for (const f of criteriaFrameworks2026) {
      expect(validateFramework(f)).toEqual([]);
      expect(f.version).toBe('hanoi2026');
      expect(f.effectiveFrom).toBe('2026-04');
      expect([f.generalMax, f.taskResultsMax]).toEqual([30, 70]);
    }
  });

  it('has the group and criterion maxima of DOMAIN §4, summing to 30', () => {
    for (const form of FORMS) {
      const f = criteriaFramework(form);
      const actual = f.groups.map((g) => [g.code, g.max, g.criteria.map((item) => item.max)]);
      expect(actual).toEqual(EXPECTED[form]);
      expect(f.groups.reduce((s, g) => s + g.max, 0)).toBe(30);
    }
    expect(criteriaOf(criteriaFramework('FORM_02')).length).toBe(32);
    expect(criteriaOf(criteriaFramework('FORM_03')).length).toBe(13);
    expect(criteriaOf(criteriaFramework('FORM_04')).length).toBe(10);
  });

  it('numbers leader sub-items 3.1.1–3.5.4 under sections 3.1–3.5 with their maxima', () => {
    const g3 = criteriaFramework('FORM_02').groups[2];
    expect(g3.sections?.map((s) => [s.code, s.max])).toEqual([
      ['3.1', 4],
      ['3.2', 3],
      ['3.3', 2],
      ['3.4', 3],
      ['3.5', 4],
    ]);
    expect(g3.criteria.map((item) => item.code)).toEqual([
      '3.1.1', '3.1.2', '3.1.3', '3.1.4', '3.2.1', '3.2.2', '3.2.3', '3.3.1', '3.3.2',
      '3.4.1', '3.4.2', '3.4.3', '3.5.1', '3.5.2', '3.5.3', '3.5.4',
    ]);
  });

  it('carries the document texts', () => {
    const f02 = criteriaFramework('FORM_02');
    const item = (f: CriteriaFramework, code: string) => criteriaOf(f).find((x) => x.code === code);
    expect(item(f02, '1.5')).toEqual({
      code: '1.5',
      text: 'Tích cực nghiên cứu, học tập các chủ trương, nghị quyết của Đảng, chính sách, pháp luật của Nhà nước; thường xuyên bồi dưỡng, cập nhật kiến thức mới và vận dụng sáng tạo vào thực tiễn.',
      max: 0.5,
    });
    expect(item(f02, '3.5.4')?.text).toContain('trong phạm vi thẩm quyền, không né tránh');
    expect(item(criteriaFramework('FORM_03'), '1.8')?.text).toBe(
      'Gần gũi, sâu sát với cơ sở; thực hiện tốt việc giữ mối liên hệ với cấp uỷ và Nhân dân nơi cư trú.',
    );
    expect(item(criteriaFramework('FORM_03'), '2.1')?.text.split('\n')).toHaveLength(5); // heading + 4 bullets
    expect(item(criteriaFramework('FORM_04'), '2.2')?.text).toBe('Xây dựng kế hoạch công tác cá nhân theo quy định.');
    expect(item(criteriaFramework('FORM_04'), '3')?.text).toMatch(/^Tinh thần tự phê bình, tự soi, tự sửa của cá nhân;/);
    // Form 01 repeats form 02 word for word.
    expect(criteriaFramework('FORM_01').groups).toEqual(f02.groups);
    expect(criteriaFramework('FORM_01').title).toMatch(/^Mẫu số 01 – /);
    for (const f of criteriaFrameworks2026) {
      for (const x of criteriaOf(f)) {
        expect(x.text).not.toMatch(/[<>\u3000-\u9fff]/); // no HTML left over, no garbled CJK
        expect(x.text).not.toMatch(/^\s|\s$|\s{2}/);
      }
    }
  });

  it('is deep-frozen and shares no objects between forms', () => {
    const f = criteriaFrameworks2026[2];
    expect(Object.isFrozen(criteriaFrameworks2026)).toBe(true);
    expect(Object.isFrozen(f.groups[0].criteria[0])).toBe(true);
    expect(() => {
      (f.groups[0].criteria[0] as { max: number }).max = 30;
    }).toThrow(TypeError);
    expect(criteriaFrameworks2026[0].groups[0]).not.toBe(criteriaFrameworks2026[1].groups[0]);
  });

  it('looks a form up, in a given list too', () => {
    expect(criteriaFramework('FORM_04').form).toBe('FORM_04');
    const later = { ...copy(criteriaFrameworks2026[2]), version: 'later', effectiveFrom: '2027-01' };
    expect(criteriaFramework('FORM_03', [later]).version).toBe('later');
    expect(() => criteriaFramework('FORM_01', [later])).toThrow(/^form must be one of FORM_03 \(got "FORM_01"\)$/);
    expect(() => criteriaFramework('FORM_05' as CriteriaFormId)).toThrow(RangeError);
    expect(() => criteriaFramework('FORM_01', null as unknown as CriteriaFramework[])).toThrow(/^frameworks /);
  });
});

describe('validateFramework', () => {
  it('reports a criterion that breaks its group sum, and the total', () => {
    const f = copy(criteriaFramework('FORM_03'));
    f.groups[0].criteria[7].max = 2; // 1.8: 1 → 2
    const problems = validateFramework(f);
    expect(problems).toContain('group 1: criteria sum to 16, not the group max 15');
    f.groups[0].max = 16;
    expect(validateFramework(f)).toEqual(['groups sum to 31, not generalMax 30']);
  });

  it('reports duplicate codes, misplaced codes, bad sections and bad metadata', () => {
    const f = copy(criteriaFramework('FORM_02'));
    f.groups[0].criteria[1].code = '1.1';
    f.groups[1].criteria[0].code = '9.1';
    f.groups[2].sections![0].max = 5;
    f.groups[3].criteria[0].max = 0.333;
    f.effectiveFrom = '2026-13';
    (f as { generalMax: number }).generalMax = 31;
    const problems = validateFramework(f);
    expect(problems).toEqual(
      expect.arrayContaining([
        'criterion 1.1: code must be non-empty and unique',
        'criterion 9.1: code must be 2 or start with 2.',
        'section 3.1: criteria sum to 4, not the section max 5',
        'criterion 4.1.max must be a positive number in hundredths',
        'effectiveFrom must be YYYY-MM',
        'generalMax must be 30 and taskResultsMax 70',
      ]),
    );
    expect(validateFramework({ ...copy(criteriaFramework('FORM_04')), groups: [] })).toEqual(['groups must be a non-empty array']);
  });
});

describe('generalScore', () => {
  it('gives 30 for full marks on every form, group by group', () => {
    for (const f of criteriaFrameworks2026) {
      const r = generalScore(f, { scores: fullMarks(f) });
      expect(r.total).toBe(30);
      expect(r.anyCriterionZero).toBe(false);
      expect(r.byGroup).toEqual(Object.fromEntries(f.groups.map((g) => [g.code, g.max])));
    }
  });

  it('reaches DOMAIN §10 example 1: form 03, general 27 → score 92.63, band A', () => {
    const f = criteriaFramework('FORM_03');
    const r = generalScore(f, { scores: { ...fullMarks(f), '2.1': 2, '2.4': 2, '3': 4 } });
    expect(r).toEqual({ total: 27, byGroup: { '1': 15, '2': 8, '3': 4 }, anyCriterionZero: false });
    expect(monthlyScore(r.total, 0.9375)).toBe(92.63);
    expect(gradeOf(monthlyScore(r.total, 0.9375))).toBe('A');
    // The same 27 through a deduction of 3 on item 3.
    expect(generalScore(f, { scores: fullMarks(f), deductions: { '3': 3 } }).total).toBe(27);
  });

  it('adds quarter points exactly', () => {
    const f = criteriaFramework('FORM_02');
    const scores = Object.fromEntries(criteriaOf(f).map((item) => [item.code, item.max === 1 ? 0.75 : 0.25]));
    // 28 items of max 1 at 0.75 + 4 items of max 0.5 at 0.25 = 21 + 1
    expect(generalScore(f, { scores }).total).toBe(22);
    const group1 = { '1.1': 0.1, '1.2': 0.2, '1.3': 0, '1.4': 0, '1.5': 0, '1.6': 0 };
    const tenths = generalScore(f, { scores: { ...scores, ...group1 } }, { step: 0.05 });
    expect(0.1 + 0.2).not.toBe(0.3); // what a float sum would give
    expect(tenths.byGroup['1']).toBe(0.3);
    expect(tenths.total).toBe(18.8); // 22 − 3.5 + 0.3
    expect(tenths.anyCriterionZero).toBe(true);
  });

  it('caps each deduction at its criterion: never below 0, never into other criteria', () => {
    const f = criteriaFramework('FORM_03');
    // 1.8 (max 1) scored 0.5, deducted its full maximum: that criterion counts 0, the others stay.
    const r = generalScore(f, { scores: { ...fullMarks(f), '1.8': 0.5 }, deductions: { '1.8': 1 } });
    expect(r.total).toBe(29);
    expect(r.byGroup['1']).toBe(14);
    expect(r.anyCriterionZero).toBe(true);
    expect(gradeOf(95, policies.quangTri2019, { anyCriterionZero: r.anyCriterionZero })).toBe('C');
    // A deduction may use hundredths even when scores move in quarters.
    expect(generalScore(f, { scores: fullMarks(f), deductions: { '1.1': 0.05 } }).total).toBe(29.95);
    // All scores 0 with deductions: 0, not negative.
    const zeros = Object.fromEntries(criteriaOf(f).map((item) => [item.code, 0]));
    const deductions = Object.fromEntries(criteriaOf(f).map((item) => [item.code, item.max]));
    expect(generalScore(f, { scores: zeros, deductions })).toEqual({
      total: 0,
      byGroup: { '1': 0, '2': 0, '3': 0 },
      anyCriterionZero: true,
    });
    expect(() => generalScore(f, { scores: fullMarks(f), deductions: { '1.8': 1.25 } })).toThrow(
      /^deductions\["1\.8"\] must be a number from 0 to 1 in hundredths \(got 1\.25\)$/,
    );
  });

  it('rejects every invalid input with a RangeError naming the field', () => {
    const f = criteriaFramework('FORM_03');
    const full = fullMarks(f);
    const cases: [string, () => unknown][] = [
      ['input', () => generalScore(f, null as unknown as { scores: Record<string, number> })],
      ['scores', () => generalScore(f, { scores: [] as unknown as Record<string, number> })],
      ['scores', () => generalScore(f, {} as { scores: Record<string, number> })],
      ['scores["1.1"]', () => generalScore(f, { scores: { ...full, '1.1': undefined as unknown as number } })],
      ['scores["2.3"]', () => generalScore(f, { scores: { ...full, '2.3': 2.01 } })],
      ['scores["2.3"]', () => generalScore(f, { scores: { ...full, '2.3': -0.25 } })],
      ['scores["2.3"]', () => generalScore(f, { scores: { ...full, '2.3': 0.3 } })],
      ['scores["2.3"]', () => generalScore(f, { scores: { ...full, '2.3': Number.NaN } })],
      ['scores["2.3"]', () => generalScore(f, { scores: { ...full, '2.3': Infinity } })],
      ['scores["2.3"]', () => generalScore(f, { scores: { ...full, '2.3': '1' as unknown as number } })],
      ['scores["2.3"]', () => generalScore(f, { scores: { ...full, '2.3': 1.5 } }, { step: 1 })],
      ['scores["3.1"]', () => generalScore(f, { scores: { ...full, '3.1': 1 } })],
      ['deductions', () => generalScore(f, { scores: full, deductions: null as unknown as Record<string, number> })],
      ['deductions["1.9"]', () => generalScore(f, { scores: full, deductions: { '1.9': 1 } })],
      ['deductions["1.1"]', () => generalScore(f, { scores: full, deductions: { '1.1': -1 } })],
      ['deductions["1.1"]', () => generalScore(f, { scores: full, deductions: { '1.1': 2.5 } })],
      ['deductions["1.1"]', () => generalScore(f, { scores: full, deductions: { '1.1': 0.005 } })],
      ['deductions["1.1"]', () => generalScore(f, { scores: full, deductions: { '1.1': Number.NaN } })],
      ['options', () => generalScore(f, { scores: full }, 'x' as unknown as { step: number })],
      ['options.step', () => generalScore(f, { scores: full }, { step: 0 })],
      ['options.step', () => generalScore(f, { scores: full }, { step: -0.25 })],
      ['options.step', () => generalScore(f, { scores: full }, { step: 0.125 })],
      ['options.step', () => generalScore(f, { scores: full }, { step: Number.NaN })],
    ];
    for (const [field, run] of cases) {
      let error: unknown;
      try {
        run();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RangeError);
      expect([field, (error as Error).message.startsWith(`${field} `)]).toEqual([field, true]);
    }
    // Missing score: named, and says why.
    const { '1.1': _omitted, ...missing } = full;
    expect(_omitted).toBe(2);
    expect(() => generalScore(f, { scores: missing })).toThrow(/^scores\["1\.1"\] is required/);
    // A criterion of another form is not one of this form.
    expect(() => generalScore(criteriaFramework('FORM_04'), { scores: full })).toThrow(
      /^scores\["1\.6"\] is not a criterion of FORM_04$/,
    );
  });
});

describe('generalScore properties', () => {
  /** A form, a score per criterion on the quarter grid, and optional deductions in hundredths. */
  const inputArb = fc.constantFrom(...criteriaFrameworks2026).chain((f) => {
    const items = criteriaOf(f);
    return fc.record({
      framework: fc.constant(f),
      quarters: fc.tuple(...items.map((item) => fc.integer({ min: 0, max: item.max * 4 }))),
      cents: fc.tuple(...items.map((item) => fc.option(fc.integer({ min: 0, max: item.max * 100 }), { nil: undefined }))),
    });
  });

  it('any valid input gives 0 ≤ total ≤ 30 and total = Σ scores − Σ deductions applied', () => {
    fc.assert(
      fc.property(inputArb, ({ framework, quarters, cents }) => {
        const items = criteriaOf(framework);
        const scores: Record<string, number> = {};
        const deductions: Record<string, number> = {};
        let expectedCents = 0;
        let zero = false;
        items.forEach((item, i) => {
          scores[item.code] = quarters[i] / 4;
          const d = cents[i] ?? 0;
          if (cents[i] !== undefined) deductions[item.code] = d / 100;
          const net = Math.max(0, quarters[i] * 25 - d); // a deduction counts up to the points given
          expectedCents += net;
          if (net === 0) zero = true;
        });
        const r = generalScore(framework, { scores, deductions });
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.total).toBeLessThanOrEqual(30);
        expect(r.total).toBe(expectedCents / 100);
        expect(r.anyCriterionZero).toBe(zero);
        const groupCents = Object.values(r.byGroup).reduce((s, v) => s + Math.round(v * 100), 0);
        expect(groupCents).toBe(Math.round(r.total * 100));
      }),
    );
  });

  it('when no deduction exceeds its score, total = Σ scores − Σ deductions exactly', () => {
    fc.assert(
      fc.property(inputArb, ({ framework, quarters, cents }) => {
        const items = criteriaOf(framework);
        const scores: Record<string, number> = {};
        const deductions: Record<string, number> = {};
        let sumScores = 0;
        let sumDeductions = 0;
        items.forEach((item, i) => {
          scores[item.code] = quarters[i] / 4;
          sumScores += quarters[i] * 25;
          const d = Math.min(cents[i] ?? 0, quarters[i] * 25);
          deductions[item.code] = d / 100;
          sumDeductions += d;
        });
        const r = generalScore(framework, { scores, deductions });
        expect(r.total).toBe((sumScores - sumDeductions) / 100);
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.total).toBeLessThanOrEqual(30);
      }),
    );
  });
});
