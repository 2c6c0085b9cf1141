/**
 * Who evaluates whom by default (DOMAIN.md §3, documents 001 and 003). The unit focal point can
 * override the result per person; this function only derives the default from position and tree.
 */
export type ChainRank = 'HEAD' | 'DEPUTY' | 'STAFF';

export interface ChainUnit {
  id: string;
  /** null while the post is vacant */
  headId: string | null;
  /** Deputies in order of seniority; the first is the deputy in charge unless overridden. */
  deputyIds: string[];
  /** Everyone working in the unit that month, leaders included ("từ 20 CBCCVC, LĐHĐ trở lên"). */
  staffCount: number;
  /** An external authority (e.g. Ban Thường vụ Thành ủy) decides instead of a person. */
  external: boolean;
  parent: ChainUnit | null;
}

export interface DefaultChain {
  commenterId: string | null;
  deciderId: string | null;
  /** Set when the decider is an external authority unit rather than a person of the ward. */
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
}

export function defaultEvaluationChain(
  person: { id: string; rank: ChainRank },
  unit: ChainUnit,
  options: ChainOptions,
): DefaultChain {
  if (!Number.isInteger(options.delegateCommentMinStaff) || options.delegateCommentMinStaff < 0) {
    throw new RangeError('delegateCommentMinStaff must be a non-negative integer');
  }
  if (person.rank === 'HEAD') return chainOfHead(person.id, unit);

  const decider = deciderOf(unit, person.id);
  if (person.rank === 'DEPUTY') {
    return { commenterId: null, ...decider, basis: `${decider.basis}; the head comments and decides directly` };
  }
  const deputyInCharge = unit.deputyIds.find((id) => id !== person.id) ?? null;
  if (deputyInCharge && unit.staffCount >= options.delegateCommentMinStaff) {
    return {
      commenterId: deputyInCharge,
      ...decider,
      basis: `${decider.basis}; the deputy in charge comments (unit of ${unit.staffCount} staff, delegation from ${options.delegateCommentMinStaff})`,
    };
  }
  const why = deputyInCharge ? `unit of ${unit.staffCount} staff, below ${options.delegateCommentMinStaff}` : 'the unit has no deputy';
  return { commenterId: null, ...decider, basis: `${decider.basis}; no separate comment step (${why})` };
}

/** A head is commented on by the parent's deputy in charge and decided by the parent's head. */
function chainOfHead(personId: string, unit: ChainUnit): DefaultChain {
  const parent = unit.parent;
  if (!parent) {
    return { commenterId: null, deciderId: null, deciderAuthorityUnitId: null, basis: 'head of a root unit: no decider configured' };
  }
  if (parent.external) {
    return {
      commenterId: null,
      deciderId: null,
      deciderAuthorityUnitId: parent.id,
      basis: 'head of a ward-level body: decided by the external authority, after a collective assessment',
    };
  }
  const decider = deciderOf(parent, personId);
  const commenterId = parent.deputyIds.find((id) => id !== personId) ?? null;
  return {
    commenterId,
    ...decider,
    basis: `head of a unit: ${commenterId ? "the parent unit's deputy in charge comments and " : ''}${decider.basis}`,
  };
}

/** The head of the unit decides; a vacant head passes the decision up the tree. */
function deciderOf(unit: ChainUnit, personId: string): Omit<DefaultChain, 'commenterId'> {
  for (let current: ChainUnit | null = unit, hops = 0; current; current = current.parent, hops += 1) {
    if (current.external) {
      return { deciderId: null, deciderAuthorityUnitId: current.id, basis: 'the external authority decides' };
    }
    if (current.headId && current.headId !== personId) {
      return {
        deciderId: current.headId,
        deciderAuthorityUnitId: null,
        basis: hops === 0 ? 'the head of the unit decides' : 'the head of the unit is vacant: the head of a parent unit decides',
      };
    }
  }
  return { deciderId: null, deciderAuthorityUnitId: null, basis: 'no head found up the tree: no decider configured' };
}
