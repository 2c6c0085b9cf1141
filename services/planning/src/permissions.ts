import { monthDeadlines } from '@cbccvc/rules';
import { deadlinePassed, forbidden, hasRole, notFound, Role } from '@cbccvc/platform';
import { authoritiesActedForBy, parseId, parseMonth, policyOf, resolveChain, type PersonRecord, type ResolvedChain, type UnitRecord } from '@cbccvc/organization';
import type { Context } from './context';
import { rows } from './sql';

/**
 * Who may do what in planning (issue 4, point 5), on top of organization's scope rules:
 * - the person edits their own plan until it is approved and records their own completions;
 * - the direct leader (the commenter of the evaluation chain, else the decider) approves plans,
 *   reviews quality, records delays and sizes ad hoc work;
 * - only the authority (the decider) excuses, reopens a month and sets a leader's factors;
 * - the focal point or the head of a unit maintains its catalogue;
 * - reading: the person, their unit, leaders of the subtree, their chain, block admins (their
 *   block), city admins and analysts (read-only).
 */
export interface Subject {
  person: PersonRecord;
  unit: UnitRecord;
  month: { year: number; month: number; text: string };
}

export async function subjectOf(ctx: Context, field: string, personId: string, month: string): Promise<Subject> {
  const person = await ctx.loaders.person.load(parseId(field, personId));
  if (!person) throw notFound(field, 'person', personId);
  const unit = (await ctx.loaders.unit.load(person.unitId))!;
  return { person, unit, month: parseMonth('month', month) };
}

const chains = new WeakMap<Context, Map<string, Promise<ResolvedChain>>>();
/** The evaluation chain of the subject's month, resolved once per request. */
export function chainOf(ctx: Context, subject: Subject): Promise<ResolvedChain> {
  let perRequest = chains.get(ctx);
  if (!perRequest) chains.set(ctx, (perRequest = new Map()));
  const key = `${subject.person.id}/${subject.month.text}`;
  let chain = perRequest.get(key);
  if (!chain) perRequest.set(key, (chain = resolveChain(ctx, subject.person, subject.month)));
  return chain;
}

export async function isSelf(ctx: Context, personId: string): Promise<boolean> {
  return (await ctx.access.caller())?.id === personId;
}

export async function canRead(ctx: Context, subject: Subject): Promise<boolean> {
  if (hasRole(ctx.principal, Role.ANALYST)) return true;
  if (await ctx.access.canReadPerson(subject.person)) return true;
  const caller = await ctx.access.caller();
  if (!caller) return false;
  const chain = await chainOf(ctx, subject).catch(() => null);
  if (chain === null) return false;
  return chain.commenterId === caller.id || chain.deciderId === caller.id || (await actsForChainAuthority(ctx, chain, caller.id, 'any'));
}

/** Is `personId` an account recording the decisions of the chain's external authority (DOMAIN §3)? */
async function actsForChainAuthority(ctx: Context, chain: ResolvedChain, personId: string, which: 'leader' | 'decider' | 'any'): Promise<boolean> {
  const authority = which === 'decider' ? chain.deciderAuthorityUnitId : which === 'leader' ? (chain.commenterId ? null : (chain.commenterAuthorityUnitId ?? chain.deciderAuthorityUnitId)) : (chain.commenterAuthorityUnitId ?? chain.deciderAuthorityUnitId);
  if (!authority) return false;
  return (await authoritiesActedForBy(ctx.em, personId)).includes(authority);
}

export async function requireRead(ctx: Context, subject: Subject): Promise<void> {
  if (!(await canRead(ctx, subject))) {
    throw forbidden(`You may not see the plans and results of ${subject.person.fullName}`);
  }
}

export async function requireSelf(ctx: Context, subject: Subject, action: string): Promise<void> {
  if (!(await isSelf(ctx, subject.person.id))) throw forbidden(`Only ${subject.person.fullName} may ${action}`);
}

export async function isDirectLeader(ctx: Context, subject: Subject): Promise<boolean> {
  const caller = await ctx.access.caller();
  if (!caller) return false;
  const chain = await chainOf(ctx, subject);
  const leader = chain.commenterId ?? (chain.commenterAuthorityUnitId ? null : chain.deciderId);
  if (leader) return leader === caller.id;
  // A post whose leader is an authority outside the ward: the account acting for it.
  return actsForChainAuthority(ctx, chain, caller.id, 'leader');
}

export async function requireDirectLeader(ctx: Context, subject: Subject, action: string): Promise<void> {
  if (!(await isDirectLeader(ctx, subject))) {
    throw forbidden(`Only the direct leader of ${subject.person.fullName} in ${subject.month.text} may ${action}`);
  }
}

/** The decider; where the decider is an external authority, a city administrator acts for it. */
export async function requireAuthority(ctx: Context, subject: Subject, action: string): Promise<void> {
  const caller = await ctx.access.caller();
  const chain = await chainOf(ctx, subject);
  if (caller && chain.deciderId === caller.id) return;
  if (chain.deciderAuthorityUnitId && (ctx.access.isCityAdmin || (caller && (await actsForChainAuthority(ctx, chain, caller.id, 'decider'))))) return;
  throw forbidden(`Only the authority deciding the evaluation of ${subject.person.fullName} in ${subject.month.text} may ${action}`);
}

/** The focal point or the head of the unit maintains its catalogue. */
export async function requireCatalogueMaintainer(ctx: Context, unit: UnitRecord): Promise<void> {
  if (await ctx.access.isFocalPointOf(unit.id)) return;
  const caller = await ctx.access.caller();
  if (caller?.unitId === unit.id) {
    const position = await ctx.loaders.position.load(caller.positionId);
    if (position?.rank === 'HEAD') return;
  }
  throw forbidden(`Only the focal point or the head of "${unit.name}" may maintain its catalogue`);
}

/** Units whose plans the caller may see as a whole (the unit's own plan, its status list). */
export async function requireReadUnit(ctx: Context, unit: UnitRecord): Promise<void> {
  if (hasRole(ctx.principal, Role.ANALYST)) return;
  if (await ctx.access.canReadMembersOf(unit as never, false)) return;
  throw forbidden(`You may not see the plans of "${unit.name}"`);
}

/**
 * After the month's decision deadline (policy of the person's jurisdiction) the month's plans and
 * results are frozen, unless the authority has reopened the month for that person.
 */
export async function requireOpenMonth(ctx: Context, subject: Subject): Promise<void> {
  const policy = await policyOf(ctx, subject.unit.jurisdictionId);
  const deadline = monthDeadlines(subject.month.year, subject.month.month, policy).decision;
  const now = ctx.clock.now();
  if (now.getTime() < Date.parse(deadline)) return;
  const reopened = await rows(
    ctx.em,
    'select 1 from planning.month_reopening where person_id = ? and month = ? and until > ? limit 1',
    [subject.person.id, subject.month.text, now],
  );
  if (reopened.length) return;
  throw deadlinePassed(`${subject.month.text} is closed for ${subject.person.fullName} since ${deadline}: the authority may reopen it`, deadline);
}
