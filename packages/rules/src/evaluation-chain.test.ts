import { defaultEvaluationChain, policies, type ChainUnit } from './index';

const external: ChainUnit = { id: 'btvtu', headId: null, deputyIds: [], staffCount: 0, external: true, parent: null };
const committee: ChainUnit = { id: 'dangUy', headId: 'biThu', deputyIds: ['phoBiThuTT', 'phoBiThu2'], staffCount: 3, external: false, parent: external };
const office = (staffCount: number, overrides: Partial<ChainUnit> = {}): ChainUnit => ({
  id: 'vanPhong', headId: 'chanhVP', deputyIds: ['phoVP1', 'phoVP2'], staffCount, external: false, parent: committee, ...overrides,
});
const by2022 = { delegateCommentMinStaff: policies.hanoi2022.chain.delegateCommentMinStaff };
const by2026 = { delegateCommentMinStaff: policies.hanoi2026.chain.delegateCommentMinStaff };

describe('default evaluation chain (DOMAIN.md §3)', () => {
  it('2022: a unit of 20 or more staff has the deputy in charge comment and the head decide', () => {
    const chain = defaultEvaluationChain({ id: 'cv', rank: 'STAFF' }, office(20), by2022);
    expect(chain).toMatchObject({ commenterId: 'phoVP1', deciderId: 'chanhVP', deciderAuthorityUnitId: null });
  });

  it('2022: below 20 staff the head comments and decides directly', () => {
    const chain = defaultEvaluationChain({ id: 'cv', rank: 'STAFF' }, office(19), by2022);
    expect(chain.commenterId).toBeNull();
    expect(chain.deciderId).toBe('chanhVP');
    expect(chain.basis).toMatch(/below 20/);
  });

  it('2026: the deputy in charge comments in a unit of any size', () => {
    expect(defaultEvaluationChain({ id: 'cv', rank: 'STAFF' }, office(3), by2026).commenterId).toBe('phoVP1');
  });

  it('a unit without a deputy has no separate comment step', () => {
    const chain = defaultEvaluationChain({ id: 'cv', rank: 'STAFF' }, office(25, { deputyIds: [] }), by2022);
    expect(chain.commenterId).toBeNull();
    expect(chain.basis).toMatch(/no deputy/);
  });

  it('a deputy is evaluated by the head directly', () => {
    const chain = defaultEvaluationChain({ id: 'phoVP1', rank: 'DEPUTY' }, office(25), by2026);
    expect(chain).toMatchObject({ commenterId: null, deciderId: 'chanhVP' });
  });

  it("a unit head: the parent's deputy in charge comments, the parent's head decides", () => {
    const chain = defaultEvaluationChain({ id: 'chanhVP', rank: 'HEAD' }, office(25), by2026);
    expect(chain).toMatchObject({ commenterId: 'phoBiThuTT', deciderId: 'biThu' });
  });

  it('the head of a ward body is decided by the external authority', () => {
    const chain = defaultEvaluationChain({ id: 'biThu', rank: 'HEAD' }, committee, by2026);
    expect(chain).toMatchObject({ commenterId: null, deciderId: null, deciderAuthorityUnitId: 'btvtu' });
  });

  it('a vacant head passes the decision up the tree', () => {
    const chain = defaultEvaluationChain({ id: 'cv', rank: 'STAFF' }, office(5, { headId: null }), by2026);
    expect(chain.deciderId).toBe('biThu');
    expect(chain.basis).toMatch(/vacant/);
  });

  it('never makes a person their own commenter', () => {
    const chain = defaultEvaluationChain({ id: 'phoVP1', rank: 'STAFF' }, office(25), by2026);
    expect(chain.commenterId).toBe('phoVP2');
  });

  it('refuses a negative delegation threshold', () => {
    expect(() => defaultEvaluationChain({ id: 'cv', rank: 'STAFF' }, office(5), { delegateCommentMinStaff: -1 })).toThrow(RangeError);
  });
});
