import { combine360, formScore, gradeOf, poolCap, type Grade, type Policy, type PoolStanding } from '@cbccvc/rules';
import { computeMonthKpis } from '@cbccvc/planning';
import { appendAudit, badInput, forbidden, notFound } from '@cbccvc/platform';
import { parseId, parseMonth, policyOf, quotaRedecisionText, requireText, storeNotifications } from '@cbccvc/organization';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomUUID } from 'node:crypto';
import { applyChainChanges } from './chain-sync';
import { rows, run, toForm, type Context } from './forms';
import { frameworkVersion } from './frameworks';
import { scores360 } from './review360';

const audit = (ctx: Context, em: EntityManager, action: string, id: string, before: unknown, after: unknown) =>
  appendAudit(em, 'evaluation', { at: ctx.clock.now(), actor: ctx.principal.username, action, entityType: 'QuotaGroup', entityId: id, before, after });

/**
 * Quota scopes and duty groups (DOMAIN §6). A scope is everyone a decider decides in a month within
 * the decider's own unit and its subtree (the members outside it, by configured chains, form one more
 * scope of the decider, never one per unit); the focal point or the block admin may split it into
 * duty groups before its first decision. Everyone of the scope not in a named group is in its
 * default group. The caps count every member decided — and a member reopened or appealed keeps
 * counting with the decision it had until decided again, so no batch or re-decision can take a
 * group or its scope past its cap.
 */
export interface ScopeMember {
  formId: string;
  personId: string;
  fullName: string;
  unitId: string;
  state: string;
  finalScore: number | null;
  finalGrade: Grade | null;
  /** The grade that counts against the caps: the decision, or while reopened the one it replaces. */
  counted: Grade | null;
  /**
   * Not decided yet: whether their current score (self-assessment with the live KPI) reaches the B
   * band — the base counts people's scores, not only decisions; null while it cannot be computed.
   */
  currentReachesB?: boolean | null;
  groupId: string;
  version: number;
}

export interface QuotaGroupRecord {
  id: string;
  name: string;
  isDefault: boolean;
  raisedReason: string | null;
  members: ScopeMember[];
}

export interface QuotaScopeRecord {
  key: string;
  month: string;
  deciderId: string | null;
  unitId: string | null;
  name: string;
  groups: QuotaGroupRecord[];
  members: ScopeMember[];
}

export const DEFAULT_GROUP_NAME = 'Toàn bộ phạm vi';
export const REST_GROUP_NAME = 'Các thành viên còn lại';

/** The default group's id is derived from its scope, so it exists before any row does. */
export function defaultGroupId(month: string, scopeKey: string): string {
  const h = createHash('sha256').update(`quota-group|${month}|${scopeKey}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const gradeOrNull = (v: unknown): Grade | null => (v == null ? null : (v as Grade));

/** Every scope of a decider in a month, with its groups and members. */
export async function scopesOfDecider(em: EntityManager, deciderId: string, month: string): Promise<QuotaScopeRecord[]> {
  const [decider] = await rows(em, `select p.unit_id, p.full_name, u.name as unit_name from organization.person p join organization.unit u on u.id = p.unit_id where p.id = ?`, [deciderId]);
  if (!decider) return [];
  const deciderUnit = decider.unit_id as string;
  const forms = await rows(
    em,
    `select f.id, f.person_id, f.unit_id, f.state, f.final_score, f.final_grade, f.prior_final_grade, f.version, p.full_name, u.path, u.name as unit_name
       from evaluation.form f
       join organization.person p on p.id = f.person_id
       join organization.unit u on u.id = f.unit_id
      where f.decider_id = ? and f.month = ? and f.person_id <> ?
        -- exempt this month (không đánh giá tháng): outside the quota scope
        and not exists (select 1 from evaluation.exemption e where e.person_id = f.person_id and e.month = f.month)
      order by p.full_name, f.person_id`,
    [deciderId, month, deciderId],
  );
  const byScope: ScopeForms = new Map();
  for (const f of forms) {
    const inSubtree = (f.path as string).includes(`/${deciderUnit}/`);
    const key = `${deciderId}@${inSubtree ? deciderUnit : 'outside'}`;
    let scope = byScope.get(key);
    const unitName = inSubtree ? (decider.unit_name as string) : `ngoài ${decider.unit_name as string}`;
    if (!scope) byScope.set(key, (scope = { deciderId, unitId: deciderUnit, name: `${unitName} — thẩm quyền của ${decider.full_name as string}`, forms: [] }));
    scope.forms.push(f);
  }
  return assemble(em, month, byScope);
}

/**
 * The scopes of the authorities outside the ward (decider_id null: City Party Standing Committee,
 * City Standing Board, …) in a month: one per kind of post across the city (DOMAIN §6), e.g. every
 * ward Party Secretary. Their decisions are the city's (issue 14); the month close takes them for history.
 */
export async function externalScopes(em: EntityManager, month: string, authorityUnitId: string | null = null): Promise<QuotaScopeRecord[]> {
  const forms = await rows(
    em,
    `select f.id, f.person_id, f.unit_id, f.state, f.final_score, f.final_grade, f.prior_final_grade, f.version, p.full_name, po.code, po.name as position_name
       from evaluation.form f
       join organization.person p on p.id = f.person_id
       join organization.position po on po.id = p.position_id
      where f.decider_id is null and f.month = ? and (?::uuid is null or f.decider_authority_id = ?::uuid)
        and not exists (select 1 from evaluation.exemption e where e.person_id = f.person_id and e.month = f.month)
      order by po.sort_order, p.full_name, f.person_id`,
    [month, authorityUnitId, authorityUnitId],
  );
  const byScope: ScopeForms = new Map();
  for (const f of forms) {
    const key = `external:${f.code as string}`;
    let scope = byScope.get(key);
    if (!scope) byScope.set(key, (scope = { deciderId: null, unitId: f.unit_id as string, name: `${f.position_name as string} — thẩm quyền cấp trên, toàn thành phố`, forms: [] }));
    scope.forms.push(f);
  }
  return assemble(em, month, byScope);
}

type ScopeForms = Map<string, { deciderId: string | null; unitId: string; name: string; forms: Record<string, unknown>[] }>;

/** The scopes' duty groups and members, from their forms and the groups split from them. */
async function assemble(em: EntityManager, month: string, byScope: ScopeForms): Promise<QuotaScopeRecord[]> {
  const keys = [...byScope.keys()];
  if (keys.length === 0) return [];
  const groupRows = await rows(em, `select * from evaluation.quota_group where month = ? and scope_key in (?) order by name`, [month, keys]);
  const memberRows = await rows(
    em,
    `select m.person_id, m.group_id, g.scope_key from evaluation.quota_group_member m join evaluation.quota_group g on g.id = m.group_id where g.month = ? and g.scope_key in (?)`,
    [month, keys],
  );
  // A named group holds its members only within its own scope (a member who moved scope is in the new one's rest).
  const memberGroup = new Map(memberRows.map((r) => [`${r.scope_key as string}|${r.person_id as string}`, r.group_id as string]));
  return keys.map((key) => {
    const scope = byScope.get(key)!;
    const defaultId = defaultGroupId(month, key);
    const named = groupRows.filter((g) => g.scope_key === key && !g.is_default);
    const defaultRow = groupRows.find((g) => g.scope_key === key && g.is_default);
    const members: ScopeMember[] = scope.forms.map((f) => {
      const decided = f.state === 'DECIDED' || f.state === 'PUBLISHED';
      const groupId = memberGroup.get(`${key}|${f.person_id as string}`) ?? defaultId;
      return {
        formId: f.id as string,
        personId: f.person_id as string,
        fullName: f.full_name as string,
        unitId: f.unit_id as string,
        state: f.state as string,
        finalScore: f.final_score == null ? null : Number(f.final_score),
        finalGrade: gradeOrNull(f.final_grade),
        counted: decided ? gradeOrNull(f.final_grade) : gradeOrNull(f.prior_final_grade),
        groupId,
        version: Number(f.version),
      };
    });
    const groups: QuotaGroupRecord[] = named.map((g) => ({
      id: g.id as string,
      name: g.name as string,
      isDefault: false,
      raisedReason: (g.raised_reason as string | null) ?? null,
      members: members.filter((m) => m.groupId === g.id),
    }));
    const rest = members.filter((m) => m.groupId === defaultId);
    if (named.length === 0 || rest.length > 0) {
      groups.push({
        id: defaultId,
        name: named.length === 0 ? DEFAULT_GROUP_NAME : REST_GROUP_NAME,
        isDefault: true,
        raisedReason: (defaultRow?.raised_reason as string | null) ?? null,
        members: rest,
      });
    }
    return { key, month, deciderId: scope.deciderId, unitId: scope.unitId, name: scope.name, groups, members };
  });
}

/**
 * The current scores of a scope's undecided, submitted staff (self-assessment with the month's KPI,
 * set-based): whether each reaches the B band, for the base of the caps — DOMAIN §6 counts the
 * people whose score reaches the B band, not only the decisions, so a group decided before another
 * of its scope is not held to a smaller cap. Leaders wait for the people they manage: theirs count
 * once decided. A score that cannot be computed yet (a pending KPI, an open 360° round) is left out.
 */
export async function withCurrentScores(ctx: Context, scope: QuotaScopeRecord, policy: Policy, batchFormIds: ReadonlySet<string> = new Set()): Promise<void> {
  const others = scope.members.filter((m) => m.counted === null && !batchFormIds.has(m.formId) && (m.state === 'SELF_SUBMITTED' || m.state === 'COMMENTED'));
  for (const m of others) m.currentReachesB = null;
  if (others.length === 0 || policy.quota === null) return;
  const forms = (await rows(
    ctx.em,
    `select f.* from evaluation.form f join organization.person p on p.id = f.person_id join organization.position po on po.id = p.position_id
      where f.id = any(?::uuid[]) and po.rank = 'STAFF'`,
    [`{${others.map((m) => m.formId).join(',')}}`],
  )).map(toForm);
  if (forms.length === 0) return;
  const personIds = forms.map((f) => f.personId);
  const kpis = new Map((await computeMonthKpis(ctx.em, scope.month, () => policy, () => false, { personIds })).map((r) => [r.personId, r.kpi]));
  const from360 = await scores360(ctx, scope.month, personIds, policy).catch(() => null);
  for (const form of forms) {
    const kpi = kpis.get(form.personId) ?? null;
    if (kpi === null || (policy.review360.enabled && from360 === null)) continue;
    try {
      const framework = await frameworkVersion(ctx.em, form.criteriaForm, form.frameworkVersion);
      const own = formScore({ framework, scores: form.scores, deductions: Object.fromEntries(form.deductions.map((d) => [d.code, d.points])), kpi, statedGrade: form.statedGrade }, policy);
      const s360 = from360?.get(form.personId) ?? null;
      const score = s360 === null ? own.score! : combine360(own.score!, s360, policy).score;
      const band = gradeOf(score, policy, { anyCriterionZero: own.anyCriterionZero });
      others.find((m) => m.formId === form.id)!.currentReachesB = band === 'A' || band === 'B';
    } catch {
      // A form that cannot be scored yet (its framework changed, a score out of range) is left out of the base.
    }
  }
}

/** What a pool holds outside a decision on `batch` (ids of the people being decided). */
function poolStanding(members: ScopeMember[], batch: Set<string>, raised: boolean): PoolStanding {
  let reachingB = 0;
  let granted = 0;
  for (const m of members) {
    if (batch.has(m.personId)) continue;
    if (m.counted === null) {
      if (m.currentReachesB) reachingB++;
      continue;
    }
    if (m.counted === 'A' || m.counted === 'B') reachingB++;
    if (m.counted === 'A') granted++;
  }
  return { size: members.length, reachingB, granted, raised };
}

/** A scope's cap is raised only when every one of its groups is: splitting never raises the scope's A. */
const scopeRaised = (scope: QuotaScopeRecord, raisedGroupId?: string) =>
  scope.groups.every((g) => g.raisedReason !== null || g.id === raisedGroupId);

export function standingFor(scope: QuotaScopeRecord, group: QuotaGroupRecord, batch: Set<string>, raising: boolean) {
  const groupStanding = poolStanding(group.members, batch, raising || group.raisedReason !== null);
  if (scope.groups.length === 1) return { group: groupStanding, scope: null };
  return { group: groupStanding, scope: poolStanding(scope.members, batch, scopeRaised(scope, raising ? group.id : undefined)) };
}

export interface PoolView {
  size: number;
  base: number;
  cap: number | null;
  granted: number;
  undecided: number;
  overCap: boolean;
}

/** A pool's cap as it stands now: every member with a counted decision in the base. */
export function poolView(members: ScopeMember[], raised: boolean, policy: Policy): PoolView {
  const standing = poolStanding(members, new Set(), raised);
  const cap = poolCap(standing.size, standing.reachingB, policy, raised);
  return {
    size: standing.size,
    base: standing.reachingB,
    cap,
    granted: standing.granted,
    undecided: members.filter((m) => m.counted === null).length,
    overCap: cap !== null && standing.granted > cap,
  };
}

export function groupView(scope: QuotaScopeRecord, group: QuotaGroupRecord, policy: Policy) {
  return { ...group, scopeKey: scope.key, ...poolView(group.members, group.raisedReason !== null, policy) };
}
export type GroupView = ReturnType<typeof groupView>;

export function scopeView(scope: QuotaScopeRecord, policy: Policy) {
  return {
    ...scope,
    ...poolView(scope.members, scopeRaised(scope), policy),
    raised: scopeRaised(scope),
    quotaBase: policy.quota?.base ?? 'NONE',
    percent: policy.quota ? policy.quota.percent : null,
    groupViews: scope.groups.map((g) => groupView(scope, g, policy)),
  };
}
export type ScopeView = ReturnType<typeof scopeView>;

async function policyOfUnit(ctx: Context, unitId: string | null): Promise<Policy> {
  const unit = unitId ? await ctx.loaders.unit.load(unitId) : null;
  if (!unit) throw notFound('unitId', 'unit', unitId ?? '');
  return policyOf(ctx, unit.jurisdictionId);
}

/**
 * Who sees a decider's scopes: the decider and administrators of the scope's unit with every member's
 * decided score and grade; its focal point and the leaders above it the groups, members and counts —
 * a member's grade is for the people who may read their form (before publication, not for peers).
 */
async function readScopes(ctx: Context, deciderId: string, unitId: string | null): Promise<'detailed' | 'counts'> {
  const caller = await ctx.access.caller();
  if (caller?.id === deciderId || ctx.access.isCityAdmin) return 'detailed';
  const unit = unitId ? await ctx.loaders.unit.load(unitId) : null;
  if (unit && (await ctx.access.administers(unit))) return 'detailed';
  if (unit && ((await ctx.access.isFocalPointOf(unit.id)) || (await ctx.access.canReadMembersOf(unit, true)))) return 'counts';
  throw forbidden('Chỉ người có thẩm quyền quyết định, đầu mối của đơn vị, lãnh đạo và quản trị viên khối mới xem được nhóm tỷ lệ');
}

const withoutGrades = (view: ScopeView): ScopeView => ({
  ...view,
  groupViews: view.groupViews.map((g) => ({ ...g, members: g.members.map((m) => ({ ...m, finalScore: null, finalGrade: null, counted: null })) })),
});

/** `quotaGroups(unitId | deciderId, month)`: the scopes (and their groups) of a decider, or of the deciders of a unit. */
export async function quotaGroups(ctx: Context, args: { unitId?: string | null; deciderId?: string | null; externalAuthorities?: boolean | null; month: string }): Promise<ScopeView[]> {
  const month = parseMonth('month', args.month).text;
  await applyChainChanges(ctx);
  if (args.externalAuthorities) {
    // The city answers for the authorities outside the wards (as it reopens their forms), and the
    // accounts recording an authority's decisions see that authority's scopes.
    const caller = await ctx.access.caller();
    const actsFor = caller ? await rows(ctx.em, `select authority_unit_id from organization.authority_delegate where person_id = ?`, [caller.id]) : [];
    if (!ctx.access.isCityAdmin && actsFor.length === 0) throw forbidden('Chỉ quản trị viên thành phố và tài khoản ghi nhận quyết định của cấp có thẩm quyền ngoài phường mới xem được các nhóm tỷ lệ này');
    const views: ScopeView[] = [];
    const authorities = ctx.access.isCityAdmin ? [null] : actsFor.map((r) => r.authority_unit_id as string);
    for (const authority of authorities) {
      for (const scope of await externalScopes(ctx.em, month, authority)) views.push(scopeView(scope, await policyOfUnit(ctx, scope.unitId)));
    }
    return views;
  }
  let deciderIds: string[];
  if (args.deciderId) deciderIds = [parseId('deciderId', args.deciderId)];
  else if (args.unitId) {
    const unitId = parseId('unitId', args.unitId);
    const unit = await ctx.loaders.unit.load(unitId);
    if (!unit) throw notFound('unitId', 'unit', args.unitId);
    deciderIds = (await rows(ctx.em, `select distinct f.decider_id from evaluation.form f where f.month = ? and f.unit_id = ? and f.decider_id is not null`, [month, unitId])).map((r) => r.decider_id as string);
  } else throw badInput('unitId', 'Cần chọn đơn vị (unitId) hoặc người có thẩm quyền quyết định (deciderId)');
  const views: ScopeView[] = [];
  for (const deciderId of deciderIds) {
    for (const scope of await scopesOfDecider(ctx.em, deciderId, month)) {
      if (args.unitId && !scope.members.some((m) => m.unitId === args.unitId) && scope.unitId !== args.unitId) continue;
      const access = await readScopes(ctx, deciderId, scope.unitId);
      const policy = await policyOfUnit(ctx, scope.unitId);
      await withCurrentScores(ctx, scope, policy);
      const view = scopeView(scope, policy);
      views.push(access === 'detailed' ? view : withoutGrades(view));
    }
  }
  return views;
}

export interface SplitInput {
  deciderId: string;
  month: string;
  /** The scope's unit when the decider has more than one scope (default: the decider's own unit). */
  unitId?: string | null;
  groups: { name: string; personIds: string[] }[];
}

/**
 * The focal point or the block admin of the scope's unit splits a scope into duty groups (nhóm có
 * nhiệm vụ tương đồng), before anyone in it is decided; everyone not named stays in the rest.
 * A new split replaces the previous one. Audited.
 */
export async function splitQuotaScope(ctx: Context, input: SplitInput): Promise<ScopeView> {
  const deciderId = parseId('input.deciderId', input.deciderId);
  const month = parseMonth('input.month', input.month).text;
  const scopes = await scopesOfDecider(ctx.em, deciderId, month);
  const wantedUnit = input.unitId ? parseId('input.unitId', input.unitId) : null;
  const [decider] = await rows(ctx.em, 'select unit_id from organization.person where id = ?', [deciderId]);
  const scope = scopes.find((s) => s.key === `${deciderId}@${wantedUnit ?? (decider?.unit_id as string | undefined)}`);
  if (!scope) throw notFound('input.deciderId', 'quota scope', `${input.deciderId} ${month}`);
  const unit = (await ctx.loaders.unit.load(scope.unitId!))!;
  if (!((await ctx.access.administers(unit)) || (await ctx.access.isFocalPointOf(unit.id)))) {
    throw forbidden(`Chỉ đầu mối của "${unit.name}" hoặc quản trị viên khối mới chia nhóm tỷ lệ`);
  }
  if (scope.members.some((m) => m.counted !== null)) {
    throw badInput('input.groups', `Phạm vi "${scope.name}" đã có người được quyết định xếp loại tháng ${month}: không chia lại nhóm được nữa`);
  }
  if (input.groups.length === 0) throw badInput('input.groups', 'Cần ít nhất một nhóm');
  const names = new Set<string>();
  const assigned = new Map<string, number>();
  const groups = input.groups.map((g, index) => {
    const name = requireText(`input.groups[${index}].name`, g.name, 200);
    if (names.has(name) || name === DEFAULT_GROUP_NAME || name === REST_GROUP_NAME) throw badInput(`input.groups[${index}].name`, `Tên nhóm "${name}" bị trùng`);
    names.add(name);
    if (g.personIds.length === 0) throw badInput(`input.groups[${index}].personIds`, `Nhóm "${name}" chưa có thành viên`);
    const personIds = g.personIds.map((id, i) => {
      const personId = parseId(`input.groups[${index}].personIds[${i}]`, id);
      if (!scope.members.some((m) => m.personId === personId)) throw badInput(`input.groups[${index}].personIds[${i}]`, 'Người này không thuộc phạm vi tỷ lệ của người có thẩm quyền trong tháng');
      if (assigned.has(personId)) throw badInput(`input.groups[${index}].personIds[${i}]`, 'Một người chỉ thuộc một nhóm');
      assigned.set(personId, index);
      return personId;
    });
    return { id: randomUUID(), name, personIds };
  });
  await ctx.em.transactional(async (inner) => {
    const em = inner as EntityManager;
    await lockScope(em, month, scope.key);
    // Checked again under the scope's lock: a decision cannot slip in between.
    const [decided] = await rows(em, `select count(*)::int as n from evaluation.form where decider_id = ? and month = ? and (state in ('DECIDED', 'PUBLISHED') or prior_final_grade is not null) and id in (?)`, [deciderId, month, scope.members.map((m) => m.formId)]);
    if ((decided!.n as number) > 0) throw badInput('input.groups', `Phạm vi "${scope.name}" vừa có người được quyết định: không chia nhóm được nữa`);
    const before = scope.groups.map((g) => ({ name: g.name, personIds: g.members.map((m) => m.personId) }));
    await run(em, `delete from evaluation.quota_group where month = ? and scope_key = ? and not is_default`, [month, scope.key]);
    // A member who came from another scope (a changed chain) leaves the group they had there.
    await run(em, `delete from evaluation.quota_group_member where month = ? and person_id = any(?::uuid[])`, [month, `{${scope.members.map((m) => m.personId).join(',')}}`]);
    const now = ctx.clock.now();
    for (const g of groups) {
      await run(em, `insert into evaluation.quota_group (id, month, scope_key, name, created_by, created_at) values (?, ?, ?, ?, ?, ?)`, [g.id, month, scope.key, g.name, ctx.principal.username, now]);
      await run(em, `insert into evaluation.quota_group_member (month, person_id, group_id) select ?, unnest(?::uuid[]), ?`, [month, `{${g.personIds.join(',')}}`, g.id]);
    }
    await audit(ctx, em, 'quota.split', scope.key, { groups: before }, { month, groups: groups.map(({ name, personIds }) => ({ name, personIds })) });
  });
  const after = (await scopesOfDecider(ctx.em, deciderId, month)).find((s) => s.key === scope.key)!;
  return scopeView(after, await policyOfUnit(ctx, after.unitId));
}

/** Decisions and splits of one scope take turns: the caps are checked against what is committed. */
export const lockScope = (em: EntityManager, month: string, scopeKey: string) =>
  rows(em, `select pg_advisory_xact_lock(hashtext('evaluation.quota:' || ? || ':' || ?))`, [month, scopeKey]);

/** Records a raise of a group's percentage (the default group gets its row then). */
export async function recordRaise(ctx: Context, em: EntityManager, scope: QuotaScopeRecord, group: QuotaGroupRecord, reason: string): Promise<void> {
  if (group.raisedReason !== null) return;
  const now = ctx.clock.now();
  if (group.isDefault) {
    await run(
      em,
      `insert into evaluation.quota_group (id, month, scope_key, name, is_default, raised_reason, raised_by, raised_at, created_by, created_at)
       values (?, ?, ?, ?, true, ?, ?, ?, ?, ?)
       on conflict (id) do update set raised_reason = excluded.raised_reason, raised_by = excluded.raised_by, raised_at = excluded.raised_at, version = evaluation.quota_group.version + 1`,
      [group.id, scope.month, scope.key, group.name, reason, ctx.principal.username, now, ctx.principal.username, now],
    );
  } else {
    await run(em, `update evaluation.quota_group set raised_reason = ?, raised_by = ?, raised_at = ?, version = version + 1 where id = ?`, [reason, ctx.principal.username, now, group.id]);
  }
  await audit(ctx, em, 'quota.raise', group.id, null, { scope: scope.key, group: group.name, reason });
}

/**
 * After a change of a decider's membership in a month (a form opened into a scope already decided,
 * a transfer, an exemption): the caps are computed again, and where one fell below the A already
 * granted the decider is told — once per state of the pool — and must re-decide (audited). Further
 * decisions of that pool are refused meanwhile (QUOTA_EXCEEDED).
 */
export async function reviewCapsAfterMembershipChange(ctx: Context, em: EntityManager, deciderId: string | null, month: string): Promise<void> {
  if (!deciderId) return;
  // Nothing decided yet in the decider's month (the common case): no cap can fall below an A.
  const [any] = await rows(em, `select 1 from evaluation.form where decider_id = ? and month = ? and (state in ('DECIDED', 'PUBLISHED') or prior_final_grade is not null) limit 1`, [deciderId, month]);
  if (!any) return;
  for (const scope of await scopesOfDecider(em, deciderId, month)) {
    await lockScope(em, month, scope.key);
    const policy = await policyOfUnit(ctx, scope.unitId);
    await withCurrentScores({ ...ctx, em } as Context, scope, policy);
    const view = scopeView(scope, policy);
    const pools = [
      ...(view.overCap ? [{ name: `phạm vi "${scope.name}"`, key: scope.key, pool: view }] : []),
      ...view.groupViews.filter((g) => g.overCap && view.groupViews.length > 1).map((g) => ({ name: `nhóm "${g.name}"`, key: g.id, pool: g })),
    ];
    for (const { name, key, pool } of pools) {
      const text = quotaRedecisionText({ month, pool: name, cap: pool.cap!, granted: pool.granted, size: pool.size });
      const stored = await storeNotifications(em, [{ personId: deciderId, key: `quota-over-cap/${month}/${key}/${pool.size}/${pool.granted}`, kind: 'QUOTA_REDECISION', ...text }], { clock: ctx.clock });
      if (stored.length) await audit(ctx, em, 'quota.overCap', key, null, { month, pool: name, size: pool.size, cap: pool.cap, granted: pool.granted });
    }
  }
}
