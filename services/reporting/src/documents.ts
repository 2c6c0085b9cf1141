import { decidedByText, type Grade } from '@cbccvc/rules';
import { forbidden, notFound, sqlRows } from '@cbccvc/platform';
import { parseId, parseMonth } from '@cbccvc/organization';
import type { Context } from './context';
import { freshness } from './projection';
import { resolveScope, type ScopeInput } from './scope';
import type { AnnouncementDocument, SummaryDocument, SummaryRow } from './documents/model';

/**
 * The official documents (DOMAIN §9, document 003) as data, from the reporting read models: the
 * unit summary list (01A/1A), the unit's announcement (02A/2A) and the announcement of the cadres an
 * external authority decides (3A). Their files are made in `documents/`.
 */

const points = (kpi: unknown) => (kpi == null ? null : (Math.round(Number(kpi) * 70 * 100) / 100).toFixed(2).replace('.', ','));

async function agencyOf(ctx: Context, unitId: string): Promise<{ unitName: string; agencyName: string; place: string }> {
  const unit = await ctx.loaders.unit.load(unitId);
  if (!unit) throw notFound('unitId', 'unit', unitId);
  const parent = unit.parentId ? await ctx.loaders.unit.load(unit.parentId) : null;
  const jurisdiction = await ctx.loaders.jurisdiction.load(unit.jurisdictionId);
  return { unitName: unit.name, agencyName: (parent?.name ?? jurisdiction?.name ?? unit.name).toUpperCase(), place: jurisdiction?.name.replace(/^(Phường|Xã|Quận|Huyện|Thị xã)\s+/u, '') ?? 'Hà Nội' };
}

/**
 * The names of the deciders of `results` decided by someone acting for another, and of those they
 * acted for, by id: from organization's read side (one batched query), as the names of people are
 * not in the read model but the subject's.
 */
async function actingForNames(ctx: Context, results: Record<string, unknown>[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const r of results) {
    if (r.decider_acting_for == null || r.decider_id == null) continue;
    ids.add(r.decider_id as string);
    ids.add(r.decider_acting_for as string);
  }
  const people = await ctx.loaders.person.loadMany([...ids]);
  const names = new Map<string, string>();
  for (const person of people) if (person && !(person instanceof Error)) names.set(person.id, person.fullName);
  return names;
}

/** Form 01A of a unit's month: for its leaders, its block administrators and analysts. */
export async function summaryDocument(ctx: Context, unitIdText: string, monthText: string): Promise<SummaryDocument> {
  const unitId = parseId('unitId', unitIdText);
  const month = parseMonth('month', monthText).text;
  await resolveScope(ctx, { unitId });
  const { unitName, agencyName, place } = await agencyOf(ctx, unitId);
  const found = await sqlRows(
    ctx.em,
    // Column 4 is the result of the self-assessment as the decision fixed it (DOMAIN §8); where none
    // was fixed (a form not decided yet, or decided before events carried it) the stated grade.
    `select full_name, position_name, rank, staff_kind, state, coalesce(self_grade, stated_grade) as self_grade, final_grade, kpi,
            decider_id, decider_acting_for
       from reporting.result where unit_id = ? and month = ? order by sort_order, full_name, person_id`,
    [unitId, month],
  );
  const decided = (r: Record<string, unknown>) => r.state === 'DECIDED' || r.state === 'PUBLISHED';
  const names = await actingForNames(ctx, found.filter(decided));
  // Decided by someone acting for the default decider (quyền): the note says so (DOMAIN §3).
  const note = (r: Record<string, unknown>): string | null => {
    const decider = names.get(r.decider_id as string);
    const actedFor = names.get(r.decider_acting_for as string);
    return decided(r) && decider && actedFor ? decidedByText(decider, actedFor) : null;
  };
  const row = (r: Record<string, unknown>, number: string, blankGrade: boolean): SummaryRow => ({
    number,
    fullName: r.full_name as string,
    positionName: r.position_name as string,
    taskResult: decided(r) ? points(r.kpi) : null,
    selfGrade: (r.self_grade as Grade | null) ?? null,
    // The head's grade is decided one level up: its cells stay blank (document 003's note).
    finalGrade: blankGrade || !decided(r) ? null : ((r.final_grade as Grade | null) ?? null),
    note: note(r),
  });
  const heads = found.filter((r) => r.rank === 'HEAD').map((r, i) => row(r, `1.${i + 1}`, true));
  const deputies = found.filter((r) => r.rank === 'DEPUTY').map((r, i) => row(r, `2.${i + 1}`, false));
  const staffRows = found.filter((r) => r.rank === 'STAFF');
  const staff = staffRows.filter((r) => !String(r.staff_kind).startsWith('CONTRACT')).map((r, i) => row(r, String(i + 1), false));
  const contract = staffRows.filter((r) => String(r.staff_kind).startsWith('CONTRACT')).map((r, i) => row(r, String(i + 1), false));
  const rewardProposals = [...deputies, ...staff, ...contract].filter((r) => r.finalGrade === 'A').map((r, i) => ({ ...r, number: String(i + 1) }));
  const fresh = await freshness(ctx.em);
  return { agencyName, unitName, month, leaders: { heads, deputies }, staff, contract, rewardProposals, dataAsOf: (fresh.appliedAt ?? ctx.clock.now()).toISOString(), place };
}

/**
 * Form 02A of a unit's month, once the block aggregator has published it: for the unit's members
 * (published to the unit) and whoever reads the unit's reports. Null before publication.
 */
export async function announcementDocument(ctx: Context, unitIdText: string, monthText: string): Promise<AnnouncementDocument | null> {
  const unitId = parseId('unitId', unitIdText);
  const month = parseMonth('month', monthText).text;
  const unit = await ctx.loaders.unit.load(unitId);
  if (!unit) throw notFound('unitId', 'unit', unitIdText);
  const caller = await ctx.access.caller();
  const callerUnit = caller ? await ctx.loaders.unit.load(caller.unitId) : null;
  if (!callerUnit?.path.includes(`/${unit.id}/`)) {
    await resolveScope(ctx, { unitId }).catch((error: unknown) => {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      if (code !== 'FORBIDDEN') throw error;
      throw forbidden(`The announcement of "${unit.name}" is published to its members, its leaders, block administrators and analysts`);
    });
  }
  const found = await sqlRows(
    ctx.em,
    `select full_name, position_name, state, final_grade, quota_explanation from reporting.result where unit_id = ? and month = ? order by sort_order, full_name, person_id`,
    [unitId, month],
  );
  if (found.length === 0 || found.some((r) => r.state !== 'PUBLISHED')) return null;
  const { agencyName, place } = await agencyOf(ctx, unitId);
  const fresh = await freshness(ctx.em);
  return {
    kind: '2A',
    issuerName: agencyName,
    scopeName: unit.name,
    month,
    rows: found.map((r, i) => ({
      number: i + 1,
      fullName: r.full_name as string,
      positionName: r.position_name as string,
      finalGrade: r.final_grade as Grade,
      // Why the quota graded this A-band score B: the person sees why in the announcement (DOMAIN).
      quotaExplanation: (r.quota_explanation as string | null) ?? null,
    })),
    dataAsOf: (fresh.appliedAt ?? ctx.clock.now()).toISOString(),
    place,
  };
}

/**
 * Form 3A: the announcement of the cadres whose grade an external authority decides (Ban Thường vụ
 * Thành ủy: their forms have no decider person), within a scope, once decided; each row with the
 * number and date of the authority's collective decision as recorded by the account acting for it
 * (none for a result fixed otherwise, e.g. by the month close, or projected before events carried it).
 */
/**
 * 3A's readers: those who read the scope's reports, and the accounts recording the external
 * authorities' decisions (the city Party organisation board publishes 3A, DOMAIN §7) — city-wide,
 * for the cadres their authorities decide.
 */
async function cadresScope(ctx: Context, scopeInput: ScopeInput | null | undefined): Promise<{ where: string; params: unknown[] }> {
  const wide = ctx.access.isCityAdmin || ctx.principal.roles.has('analyst');
  const caller = wide ? null : await ctx.access.caller();
  const authorities = caller
    ? (await sqlRows(ctx.em, `select authority_unit_id from organization.authority_delegate where person_id = ?`, [caller.id])).map((r) => r.authority_unit_id as string)
    : [];
  if (authorities.length === 0 || scopeInput?.unitId || scopeInput?.block) return resolveScope(ctx, scopeInput);
  const jurisdictionId = scopeInput?.jurisdictionId ?? null;
  return {
    where: `decider_authority_id = any(?::uuid[]) and (?::uuid is null or jurisdiction_id = ?::uuid)`,
    params: [`{${authorities.join(',')}}`, jurisdictionId, jurisdictionId],
  };
}

export async function cadresAnnouncementDocument(ctx: Context, scopeInput: ScopeInput | null | undefined, monthText: string): Promise<AnnouncementDocument> {
  const month = parseMonth('month', monthText).text;
  const scope = await cadresScope(ctx, scopeInput);
  const found = await sqlRows(
    ctx.em,
    `select full_name, position_name, unit_name, final_grade, decision_number, decision_date from reporting.result
      where month = ? and decider_id is null and state in ('DECIDED', 'PUBLISHED') and ${scope.where}
      order by unit_path, sort_order, full_name, person_id`,
    [month, ...scope.params],
  );
  const fresh = await freshness(ctx.em);
  return {
    kind: '3A',
    issuerName: 'BAN TỔ CHỨC THÀNH ỦY',
    scopeName: 'cán bộ diện Ban Thường vụ Thành ủy quản lý',
    month,
    rows: found.map((r, i) => ({
      number: i + 1,
      fullName: r.full_name as string,
      positionName: r.position_name as string,
      unitName: r.unit_name as string,
      finalGrade: r.final_grade as Grade,
      decisionNumber: (r.decision_number as string | null) ?? null,
      decisionDate: (r.decision_date as string | null) ?? null,
    })),
    dataAsOf: (fresh.appliedAt ?? ctx.clock.now()).toISOString(),
    place: 'Hà Nội',
  };
}
