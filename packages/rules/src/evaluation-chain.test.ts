import { defaultEvaluationChain, policies, type ChainContext, type ChainUnit, type ChainUnitKind } from './index';

// A ward shaped like document 003's: ids name the posts, so each expectation reads as the table does.
const unit = (id: string, kind: ChainUnitKind, parent: ChainUnit | null, headId: string | null, deputyIds: string[], staff = 0): ChainUnit => ({
  id, kind, headId, deputyIds, staffCount: (headId ? 1 : 0) + deputyIds.length + staff, parent,
});
const btvtu: ChainUnit = { ...unit('btvtu', 'EXTERNAL_AUTHORITY', null, null, []), authority: 'CITY_PARTY_STANDING_COMMITTEE' };
const btvUbndTp: ChainUnit = { ...unit('btvUbndTp', 'EXTERNAL_AUTHORITY', null, null, []), authority: 'CITY_GOVERNMENT_PARTY_COMMITTEE' };
const dangUy = unit('dangUy', 'PARTY_COMMITTEE', btvtu, 'biThu', ['phoBiThuTT', 'phoBiThu']);
const banXdd = unit('banXdd', 'ADVISORY_BODY', dangUy, 'truongBanXdd', ['phoBanXdd'], 3);
const mttq = unit('mttq', 'FATHERLAND_FRONT', dangUy, 'chuTichMttq', ['phoMttq'], 1);
const phuNu = unit('phuNu', 'MASS_ORGANISATION', mttq, 'chuTichPhuNu', ['phoPhuNu'], 2);
const hdnd = unit('hdnd', 'PEOPLES_COUNCIL', btvUbndTp, 'chuTichHdnd', ['phoHdnd']);
const banPhapChe = unit('banPhapChe', 'SUB_UNIT', hdnd, 'truongBanPc', ['phoBanPc'], 1);
const ubnd = unit('ubnd', 'PEOPLES_COMMITTEE', btvUbndTp, 'chuTich', ['phoChuTich1', 'phoChuTich2']);
const vhxh = unit('vhxh', 'OFFICE', ubnd, 'truongPhong', ['phoPhong1', 'phoPhong2'], 17);
const truong = unit('truongMn', 'SCHOOL', ubnd, 'hieuTruong', ['phoHieuTruong'], 30);

const context: ChainContext = {
  partyCommittee: dangUy,
  authorities: { CITY_PARTY_STANDING_COMMITTEE: 'btvtu', CITY_STANDING_BOARD: 'ttTu', CITY_GOVERNMENT_PARTY_COMMITTEE: 'btvUbndTp' },
  // The vice chair in charge of culture and education is the second one, not the most senior.
  inCharge: new Map([
    ['phoChuTich2', { unitIds: ['vhxh', 'truongMn'], personIds: [] }],
    ['phoChuTich1', { unitIds: ['ktht'], personIds: [] }],
    ['phoPhong2', { unitIds: ['vhxh'], personIds: [] }],
    ['phoPhong1', { unitIds: [], personIds: ['cvDacBiet'] }],
  ]),
};
const ward = { delegateCommentMinStaff: policies.hanoi2026.chain.delegateCommentMinStaff, table: policies.hanoi2026.chain.table };
const district = { delegateCommentMinStaff: policies.hanoi2022.chain.delegateCommentMinStaff, table: policies.hanoi2022.chain.table };
const chain = (id: string, rank: 'HEAD' | 'DEPUTY' | 'STAFF', of: ChainUnit, options = ward, ctx = context) => defaultEvaluationChain({ id, rank }, of, ctx, options);
const steps = (c: ReturnType<typeof chain>) => ({
  commenter: c.commenterId ?? c.commenterAuthorityUnitId,
  decider: c.deciderId ?? c.deciderAuthorityUnitId,
});

describe('document 003: who evaluates whom in a 2026 ward (DOMAIN.md §3 table)', () => {
  it.each([
    ['the ward Party Secretary', 'biThu', 'HEAD', dangUy, { commenter: 'btvtu', decider: 'btvtu' }],
    ['the Standing Deputy Party Secretary', 'phoBiThuTT', 'DEPUTY', dangUy, { commenter: 'biThu', decider: 'ttTu' }],
    ["the Deputy Secretary–People's Committee chair", 'chuTich', 'HEAD', ubnd, { commenter: 'biThu', decider: 'btvUbndTp' }],
    ['the head of a Party advisory body', 'truongBanXdd', 'HEAD', banXdd, { commenter: 'phoBiThuTT', decider: 'biThu' }],
    ['the Fatherland Front chair', 'chuTichMttq', 'HEAD', mttq, { commenter: 'phoBiThuTT', decider: 'biThu' }],
    ['the head of a socio-political organisation', 'chuTichPhuNu', 'HEAD', phuNu, { commenter: 'phoBiThuTT', decider: 'biThu' }],
    ['a deputy of a Party unit (one step)', 'phoBanXdd', 'DEPUTY', banXdd, { commenter: null, decider: 'truongBanXdd' }],
    ['staff of a Party unit (the only deputy is in charge)', 'cvXdd', 'STAFF', banXdd, { commenter: 'phoBanXdd', decider: 'truongBanXdd' }],
    ['a deputy of a socio-political organisation', 'phoPhuNu', 'DEPUTY', phuNu, { commenter: 'chuTichPhuNu', decider: 'chuTichMttq' }],
    ['staff of a socio-political organisation', 'cvPhuNu', 'STAFF', phuNu, { commenter: 'chuTichPhuNu', decider: 'chuTichMttq' }],
    ["the People's Council vice chair", 'phoHdnd', 'DEPUTY', hdnd, { commenter: null, decider: 'chuTichHdnd' }],
    ["the head of a People's Council committee", 'truongBanPc', 'HEAD', banPhapChe, { commenter: null, decider: 'chuTichHdnd' }],
    ["a deputy of a People's Council committee (one step)", 'phoBanPc', 'DEPUTY', banPhapChe, { commenter: null, decider: 'truongBanPc' }],
    ["staff of a People's Council committee (one step)", 'cvBanPc', 'STAFF', banPhapChe, { commenter: null, decider: 'truongBanPc' }],
    ["a People's Committee vice chair (one step)", 'phoChuTich1', 'DEPUTY', ubnd, { commenter: null, decider: 'chuTich' }],
    ['an office head: the vice chair in charge of the field, not the most senior', 'truongPhong', 'HEAD', vhxh, { commenter: 'phoChuTich2', decider: 'chuTich' }],
    ["a school principal: a unit under the People's Committee", 'hieuTruong', 'HEAD', truong, { commenter: 'phoChuTich2', decider: 'chuTich' }],
    ['a deputy of an office (one step)', 'phoPhong1', 'DEPUTY', vhxh, { commenter: null, decider: 'truongPhong' }],
    ['staff of an office: the deputy assigned to the unit', 'cv', 'STAFF', vhxh, { commenter: 'phoPhong2', decider: 'truongPhong' }],
    ['staff named in a deputy assignment', 'cvDacBiet', 'STAFF', vhxh, { commenter: 'phoPhong1', decider: 'truongPhong' }],
    ['a vice principal (one step)', 'phoHieuTruong', 'DEPUTY', truong, { commenter: null, decider: 'hieuTruong' }],
    ['a teacher', 'giaoVien', 'STAFF', truong, { commenter: 'phoHieuTruong', decider: 'hieuTruong' }],
  ] as const)('%s', (_label, id, rank, of, expected) => {
    expect(steps(chain(id, rank, of))).toEqual(expected);
  });

  it('records the collective comment on the Party Secretary as the authority’s, not a person’s', () => {
    const c = chain('biThu', 'HEAD', dangUy);
    expect(c).toMatchObject({ commenterId: null, commenterAuthorityUnitId: 'btvtu', deciderId: null, deciderAuthorityUnitId: 'btvtu' });
    expect(c.basis).toMatch(/tập thể/);
  });

  it('guesses nobody among several unassigned vice chairs: the chair comments and decides in one step', () => {
    const c = chain('truongPhongKt', 'HEAD', unit('ktht2', 'OFFICE', ubnd, 'truongPhongKt', []));
    expect(steps(c)).toEqual({ commenter: null, decider: 'chuTich' });
    expect(c.basis).toMatch(/chưa phân công Phó Chủ tịch phụ trách/);
  });

  it('takes the external authority from the tree when the city has not named its role', () => {
    const c = chain('phoBiThuTT', 'DEPUTY', dangUy, ward, { ...context, authorities: {} });
    expect(steps(c)).toEqual({ commenter: 'biThu', decider: 'btvtu' });
  });

  it('nobody comments on their own evaluation: the Standing Deputy of a committee without a Secretary has no commenter', () => {
    const vacant = unit('dangUy', 'PARTY_COMMITTEE', btvtu, null, ['phoBiThuTT']);
    const c = chain('truongBanXdd', 'HEAD', { ...banXdd, parent: vacant }, ward, { ...context, partyCommittee: vacant });
    expect(c.commenterId).toBe('phoBiThuTT');
    expect(c.deciderId).toBeNull();
    const own = chain('phoBiThuTT', 'DEPUTY', vacant, ward, { ...context, partyCommittee: vacant });
    expect(own.commenterId).toBeNull();
  });
});

describe('document 001: the 2022 tree', () => {
  const office = (staff: number, deputies = ['phoVP1']) => unit('vanPhong', 'OFFICE', dangUy, 'chanhVP', deputies, staff);

  it('a unit of 20 or more staff has the deputy in charge comment and the head decide', () => {
    expect(steps(chain('cv', 'STAFF', office(18), district))).toEqual({ commenter: 'phoVP1', decider: 'chanhVP' });
  });

  it('below 20 staff the head comments and decides directly', () => {
    const c = chain('cv', 'STAFF', office(17), district);
    expect(steps(c)).toEqual({ commenter: null, decider: 'chanhVP' });
    expect(c.basis).toMatch(/dưới 20/);
  });

  it("a unit head: the parent's deputy in charge comments, the parent's head decides", () => {
    const c = chain('chanhVP', 'HEAD', office(25), district, { ...context, inCharge: new Map([['phoBiThu', { unitIds: ['vanPhong'], personIds: [] }]]) });
    expect(steps(c)).toEqual({ commenter: 'phoBiThu', decider: 'biThu' });
  });

  it('the 2022 school block: the Education office head decides for a principal placed under it', () => {
    const phongGd = unit('phongGd', 'OFFICE', ubnd, 'truongPhongGd', ['phoPhongGd']);
    const school = unit('th', 'SCHOOL', phongGd, 'hieuTruong', ['phoHieuTruong', 'phoHieuTruong2'], 40);
    expect(steps(chain('hieuTruong', 'HEAD', school, district))).toEqual({ commenter: 'phoPhongGd', decider: 'truongPhongGd' });
    expect(steps(chain('phoHieuTruong', 'DEPUTY', school, district))).toEqual({ commenter: null, decider: 'hieuTruong' });
  });

  it('the head of a ward body is decided by the external authority', () => {
    expect(chain('biThu', 'HEAD', dangUy, district)).toMatchObject({ commenterId: null, deciderId: null, deciderAuthorityUnitId: 'btvtu' });
  });

  it('a vacant head passes the decision up the tree', () => {
    const c = chain('cv', 'STAFF', unit('vanPhong', 'OFFICE', dangUy, null, ['phoVP1'], 25), district);
    expect(c.deciderId).toBe('biThu');
    expect(c.basis).toMatch(/khuyết/);
  });

  it('never makes a person their own commenter', () => {
    expect(chain('phoVP1', 'STAFF', office(25, ['phoVP1', 'phoVP2']), district).commenterId).toBe('phoVP2');
  });

  it('refuses a negative delegation threshold', () => {
    expect(() => chain('cv', 'STAFF', office(5), { ...district, delegateCommentMinStaff: -1 })).toThrow(RangeError);
  });
});
