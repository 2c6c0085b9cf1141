/**
 * Who evaluates whom by default (DOMAIN.md §3, documents 001 and 003): the commenter (step 3) and
 * the decider (step 4) of a person, from their post, their unit's place in the tree, the ward's
 * Party committee, the city's external authorities and who is in charge of what. The unit focal
 * point (or an administrator) overrides the result per person; this function only derives the
 * default. Bases are Vietnamese: they are shown to the people evaluated.
 */
export type ChainRank = 'HEAD' | 'DEPUTY' | 'STAFF';

export type ChainUnitKind =
  | 'PARTY_COMMITTEE' | 'PEOPLES_COUNCIL' | 'PEOPLES_COMMITTEE' | 'FATHERLAND_FRONT' | 'MASS_ORGANISATION'
  | 'ADVISORY_BODY' | 'OFFICE' | 'SERVICE_UNIT' | 'SCHOOL' | 'SUB_UNIT' | 'EXTERNAL_AUTHORITY';

/** The authorities outside the ward that decide (DOMAIN §3). */
export const EXTERNAL_AUTHORITY_ROLES = ['CITY_PARTY_STANDING_COMMITTEE', 'CITY_STANDING_BOARD', 'CITY_GOVERNMENT_PARTY_COMMITTEE'] as const;
export type ExternalAuthorityRole = (typeof EXTERNAL_AUTHORITY_ROLES)[number];

export interface ChainUnit {
  id: string;
  kind: ChainUnitKind;
  /** null while the post is vacant */
  headId: string | null;
  /** Deputies in order of seniority; in a Party committee the first is the Standing Deputy Secretary. */
  deputyIds: string[];
  /** Everyone working in the unit that month, leaders included ("từ 20 CBCCVC, LĐHĐ trở lên"). */
  staffCount: number;
  /** Which external authority the unit is, when its kind is EXTERNAL_AUTHORITY. */
  authority?: ExternalAuthorityRole | null;
  parent: ChainUnit | null;
}

/** What a chain needs beyond the person's own lineage. */
export interface ChainContext {
  /** The ward's Party committee (Đảng ủy phường) with its Secretary and deputies, if any. */
  partyCommittee: ChainUnit | null;
  /** The external authority units of the city, by role. */
  authorities: Partial<Record<ExternalAuthorityRole, string>>;
  /** Leader → the units and people they are in charge of that month (phụ trách lĩnh vực, data). */
  inCharge: ReadonlyMap<string, { readonly unitIds: readonly string[]; readonly personIds: readonly string[] }>;
}

export const emptyChainContext: ChainContext = Object.freeze({ partyCommittee: null, authorities: Object.freeze({}), inCharge: new Map() });

export interface DefaultChain {
  commenterId: string | null;
  /** A collective commenter recorded by the external authority's account (the ward Party Secretary's). */
  commenterAuthorityUnitId: string | null;
  deciderId: string | null;
  /** Set when the decider is an external authority rather than a person of the ward. */
  deciderAuthorityUnitId: string | null;
  basis: string;
}

export interface ChainOptions {
  /**
   * A unit with at least this many staff has the deputy in charge comment on its members and the
   * head decide (document 001: 20). Document 003 (2026) has the deputy in charge comment in every
   * unit, which is the value 1.
   */
  delegateCommentMinStaff: number;
  /**
   * `ward2026`: the table of document 003 (the ward's Party Secretary, Standing Deputy, Fatherland
   * Front chair and People's Committee chair evaluate the posts it names). `tree2022`: document 001,
   * every head evaluated by the head of the unit above.
   */
  table: 'ward2026' | 'tree2022';
}

interface Chosen {
  id: string | null;
  why: string;
}

export function defaultEvaluationChain(
  person: { id: string; rank: ChainRank },
  unit: ChainUnit,
  context: ChainContext,
  options: ChainOptions,
): DefaultChain {
  if (!Number.isInteger(options.delegateCommentMinStaff) || options.delegateCommentMinStaff < 0) {
    throw new RangeError('delegateCommentMinStaff must be a non-negative integer');
  }
  const chain = options.table === 'ward2026' ? ward2026(person, unit, context) : null;
  return oneStep(person.id, chain ?? tree(person, unit, context, options));
}

/** Nobody evaluates themself; where commenter and decider are one person, it is one step. */
function oneStep(personId: string, chain: DefaultChain): DefaultChain {
  const commenterId = chain.commenterId === personId ? null : chain.commenterId;
  if (commenterId !== null && commenterId === chain.deciderId) {
    return { ...chain, commenterId: null, basis: `${chain.basis}; nhận xét và quyết định là một bước` };
  }
  return { ...chain, commenterId };
}

const viRank = (rank: ChainRank): string => (rank === 'HEAD' ? 'cấp trưởng' : rank === 'DEPUTY' ? 'cấp phó' : 'công chức, viên chức, người lao động');

/** Document 003's table; null where it names nobody special, so that the tree rule applies. */
function ward2026(person: { id: string; rank: ChainRank }, unit: ChainUnit, context: ChainContext): DefaultChain | null {
  const parent = unit.parent;
  const committee = context.partyCommittee;
  const secretary: Chosen = committee?.headId && committee.headId !== person.id
    ? { id: committee.headId, why: 'Bí thư Đảng ủy phường' }
    : { id: null, why: 'chưa có Bí thư Đảng ủy phường' };
  const standingDeputy: Chosen = committee?.deputyIds.find((id) => id !== person.id)
    ? { id: committee.deputyIds.find((id) => id !== person.id)!, why: 'Phó Bí thư Thường trực Đảng ủy' }
    : { id: null, why: 'chưa có Phó Bí thư Thường trực' };
  const external = (role: ExternalAuthorityRole, name: string, commenter: Chosen | 'collective'): DefaultChain => {
    const authority = context.authorities[role] ?? nearestExternal(unit);
    const commented = commenter === 'collective' ? 'tập thể nhận xét (ghi nhận bởi tài khoản của cấp có thẩm quyền)' : `${commenter.why} nhận xét`;
    return {
      commenterId: commenter === 'collective' ? null : commenter.id,
      commenterAuthorityUnitId: commenter === 'collective' ? authority : null,
      deciderId: null,
      deciderAuthorityUnitId: authority,
      basis: `${commented}; ${name} quyết định (cấp ngoài phường)`,
    };
  };
  const by = (commenter: Chosen | null, decider: Chosen, basis: string): DefaultChain => ({
    commenterId: commenter?.id ?? null,
    commenterAuthorityUnitId: null,
    deciderId: decider.id,
    deciderAuthorityUnitId: null,
    basis: `${basis}: ${commenter?.id ? `${commenter.why} nhận xét, ` : commenter ? `không có bước nhận xét riêng (${commenter.why}), ` : ''}${decider.id ? `${decider.why} quyết định` : `${decider.why}, chưa xác định người quyết định`}`,
  });
  const head = (u: ChainUnit, why: string): Chosen => (u.headId && u.headId !== person.id ? { id: u.headId, why } : { id: null, why: `${why} khuyết` });

  switch (unit.kind) {
    case 'PARTY_COMMITTEE':
      if (unit !== committee && unit.id !== committee?.id) return null;
      if (person.rank === 'HEAD') return external('CITY_PARTY_STANDING_COMMITTEE', 'Ban Thường vụ Thành ủy', 'collective');
      if (person.rank === 'DEPUTY') return external('CITY_STANDING_BOARD', 'Thường trực Thành ủy', secretary);
      return null;
    case 'PEOPLES_COMMITTEE':
      if (person.rank === 'HEAD') return external('CITY_GOVERNMENT_PARTY_COMMITTEE', 'Ban Thường vụ Đảng ủy UBND Thành phố', secretary);
      if (person.rank === 'DEPUTY') return by(null, head(unit, 'Chủ tịch UBND'), 'Phó Chủ tịch UBND');
      return null;
    case 'PEOPLES_COUNCIL':
      if (person.rank === 'DEPUTY') return by(null, head(unit, 'Chủ tịch HĐND'), 'Phó Chủ tịch HĐND');
      return null;
    case 'MASS_ORGANISATION': {
      if (person.rank === 'HEAD') return by(standingDeputy, secretary, 'người đứng đầu tổ chức chính trị - xã hội');
      const front = ancestorOfKind(unit, 'FATHERLAND_FRONT');
      return by(head(unit, 'người đứng đầu tổ chức'), front ? head(front, 'Chủ tịch Ủy ban MTTQ') : { id: null, why: 'không có Ủy ban MTTQ' }, `${viRank(person.rank)} của tổ chức chính trị - xã hội`);
    }
  }
  if (person.rank !== 'HEAD' || !parent) return null;
  if (parent.kind === 'PARTY_COMMITTEE' && (parent === committee || parent.id === committee?.id)) {
    return by(standingDeputy, secretary, 'người đứng đầu cơ quan tham mưu, MTTQ, Trung tâm Chính trị');
  }
  if (parent.kind === 'PEOPLES_COUNCIL') return by(null, head(parent, 'Chủ tịch HĐND'), 'Trưởng ban HĐND');
  if (parent.kind === 'PEOPLES_COMMITTEE') {
    const viceChair = inCharge(parent.deputyIds, [person.id, unit.id], context, person.id, 'Phó Chủ tịch phụ trách lĩnh vực');
    return by(viceChair, head(parent, 'Chủ tịch UBND'), `người đứng đầu ${unit.kind === 'SCHOOL' ? 'trường học' : 'phòng, đơn vị sự nghiệp'} thuộc UBND`);
  }
  return null;
}

/** Document 001's tree: a member is evaluated in their unit, a head by the unit above. */
function tree(person: { id: string; rank: ChainRank }, unit: ChainUnit, context: ChainContext, options: ChainOptions): DefaultChain {
  if (person.rank === 'HEAD') return chainOfHead(person.id, unit, context);
  const decider = deciderOf(unit, person.id);
  // In a committee of the People's Council the head comments on and decides everyone (document 003).
  if (person.rank === 'DEPUTY' || (unit.parent?.kind === 'PEOPLES_COUNCIL' && options.table === 'ward2026')) {
    return { commenterId: null, commenterAuthorityUnitId: null, ...decider, basis: `${decider.basis}; cấp trưởng nhận xét và quyết định trực tiếp` };
  }
  if (unit.staffCount < options.delegateCommentMinStaff) {
    return { commenterId: null, commenterAuthorityUnitId: null, ...decider, basis: `${decider.basis}; không có bước nhận xét riêng (đơn vị ${unit.staffCount} người, dưới ${options.delegateCommentMinStaff})` };
  }
  const deputy = inCharge(unit.deputyIds, [person.id, unit.id], context, person.id, 'cấp phó phụ trách');
  if (!deputy.id) return { commenterId: null, commenterAuthorityUnitId: null, ...decider, basis: `${decider.basis}; không có bước nhận xét riêng (${deputy.why})` };
  const delegated = options.delegateCommentMinStaff > 1 ? ` (đơn vị ${unit.staffCount} người, ủy quyền từ ${options.delegateCommentMinStaff})` : '';
  return { commenterId: deputy.id, commenterAuthorityUnitId: null, ...decider, basis: `${decider.basis}; ${deputy.why} nhận xét${delegated}` };
}

/** A head is commented on by the parent's deputy in charge and decided by the parent's head. */
function chainOfHead(personId: string, unit: ChainUnit, context: ChainContext): DefaultChain {
  const parent = unit.parent;
  if (!parent) {
    return { commenterId: null, commenterAuthorityUnitId: null, deciderId: null, deciderAuthorityUnitId: null, basis: 'người đứng đầu đơn vị gốc: chưa cấu hình người quyết định' };
  }
  if (parent.kind === 'EXTERNAL_AUTHORITY') {
    return {
      commenterId: null,
      commenterAuthorityUnitId: null,
      deciderId: null,
      deciderAuthorityUnitId: parent.id,
      basis: 'người đứng đầu cơ quan cấp phường: cấp có thẩm quyền ngoài phường quyết định, sau nhận xét của tập thể',
    };
  }
  const decider = deciderOf(parent, personId);
  const commenter = inCharge(parent.deputyIds, [personId, unit.id], context, personId, 'cấp phó phụ trách của đơn vị cấp trên');
  return {
    commenterId: commenter.id,
    commenterAuthorityUnitId: null,
    ...decider,
    basis: `người đứng đầu đơn vị: ${commenter.id ? `${commenter.why} nhận xét, ` : ''}${decider.basis}`,
  };
}

/** The head of the unit decides; a vacant head passes the decision up the tree. */
function deciderOf(unit: ChainUnit, personId: string): Pick<DefaultChain, 'deciderId' | 'deciderAuthorityUnitId' | 'basis'> {
  for (let current: ChainUnit | null = unit, hops = 0; current; current = current.parent, hops += 1) {
    if (current.kind === 'EXTERNAL_AUTHORITY') {
      return { deciderId: null, deciderAuthorityUnitId: current.id, basis: 'cấp có thẩm quyền ngoài phường quyết định' };
    }
    if (current.headId && current.headId !== personId) {
      return {
        deciderId: current.headId,
        deciderAuthorityUnitId: null,
        basis: hops === 0 ? 'cấp trưởng của đơn vị quyết định' : 'cấp trưởng của đơn vị khuyết: cấp trưởng của đơn vị cấp trên quyết định',
      };
    }
  }
  return { deciderId: null, deciderAuthorityUnitId: null, basis: 'không có cấp trưởng nào ở các cấp trên: chưa cấu hình người quyết định' };
}

/**
 * The leader in charge (phụ trách) among `candidates` (seniority order): the one whose assignment
 * names the person or their unit. Without an assignment, a single candidate is in charge by
 * default; among several, nobody is guessed — never simply the most senior (DOMAIN §3).
 */
function inCharge(candidates: readonly string[], targets: readonly string[], context: ChainContext, personId: string, label: string): Chosen {
  const others = candidates.filter((id) => id !== personId);
  const assigned = others.find((id) => {
    const scope = context.inCharge.get(id);
    return scope !== undefined && targets.some((t) => scope.personIds.includes(t) || scope.unitIds.includes(t));
  });
  if (assigned) return { id: assigned, why: `${label} (theo phân công)` };
  if (others.length === 1) return { id: others[0]!, why: `${label} (cấp phó duy nhất)` };
  if (others.length === 0) return { id: null, why: 'đơn vị không có cấp phó' };
  return { id: null, why: `chưa phân công ${label}` };
}

function ancestorOfKind(unit: ChainUnit, kind: ChainUnitKind): ChainUnit | null {
  for (let current = unit.parent; current; current = current.parent) if (current.kind === kind) return current;
  return null;
}

function nearestExternal(unit: ChainUnit): string | null {
  for (let current: ChainUnit | null = unit; current; current = current.parent) if (current.kind === 'EXTERNAL_AUTHORITY') return current.id;
  return null;
}

/** The "acting for" of a decision, as forms and documents print it (DOMAIN §3: quyền, phụ trách thay). */
export function decidedByText(deciderName: string, actingForName: string): string {
  return `${deciderName.trim()} quyết định thay (quyền) ${actingForName.trim()}`;
}
