import {
  combine360,
  nextState,
  review360Pairs,
  reviewGroupOf,
  score360,
  stepDeadline,
  type Policy,
  type ReviewGroup,
  type ReviewMember,
  type ReviewRelation,
} from '@cbccvc/rules';
import { appendAudit, badInput, conflict, deadlinePassed, forbidden, isUniqueViolation, notFound, pgArrayLiteral, sqlRows, sqlRun } from '@cbccvc/platform';
import { formatMonth, parseId, parseMonth, policyOf, requireText, rescoreOrderedText, resolveChain, storeNotifications } from '@cbccvc/organization';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { emitRatingRecorded } from './events';
import { audit as auditForm, hasCommenter, loadForm, policyOfForm, scoreOf, toForm, viaRules, type Context, type Form } from './forms';

/**
 * 360° rounds (document 004, DOMAIN §8) where the jurisdiction's policy has them: one round per
 * unit-month with its sub-units; the rules decide who rates whom; each rating is a re-score on
 * 0–100 with an opinion. Ratings are visible to the ratee's decider only (and to their rater); the
 * round's minutes (biên bản số) are compiled when it closes and reach the unit once every member
 * is decided. The decision grades the mean of the self score and the 360° score (`combine360`).
 */

export interface Round {
  id: string;
  unitId: string;
  month: string;
  state: 'OPEN' | 'CLOSED';
  headId: string | null;
  openedAt: Date;
  closesAt: Date;
  closedAt: Date | null;
  minutes: Minutes | null;
  version: number;
}

export interface MinutesEntry {
  personId: string;
  fullName: string;
  group: ReviewGroup;
  ratingsExpected: number;
  ratingsGiven: number;
  score360: number | null;
  selfScore: number | null;
  combinedScore: number | null;
  rescoreSuggested: boolean;
  /** The raters' opinions without their names, as the minutes publish them. */
  opinions: string[];
}

export interface Minutes {
  compiledAt: string;
  entries: MinutesEntry[];
}

export interface Assignment {
  roundId: string;
  raterId: string;
  rateeId: string;
  relation: ReviewRelation;
  score: number | null;
  comment: string | null;
  ratedAt: Date | null;
}

type Row = Record<string, unknown>;
const toRound = (r: Row): Round => ({
  id: r.id as string,
  unitId: r.unit_id as string,
  month: r.month as string,
  state: r.state as Round['state'],
  headId: (r.head_id as string | null) ?? null,
  openedAt: new Date(r.opened_at as string),
  closesAt: new Date(r.closes_at as string),
  closedAt: r.closed_at ? new Date(r.closed_at as string) : null,
  minutes: (r.minutes as Minutes | null) ?? null,
  version: Number(r.version),
});
const toAssignment = (r: Row): Assignment => ({
  roundId: r.round_id as string,
  raterId: r.rater_id as string,
  rateeId: r.ratee_id as string,
  relation: r.relation as ReviewRelation,
  score: r.score == null ? null : Number(r.score),
  comment: (r.comment as string | null) ?? null,
  ratedAt: r.rated_at ? new Date(r.rated_at as string) : null,
});

const audit = (ctx: Context, em: EntityManager, action: string, id: string, after: unknown) =>
  appendAudit(em, 'evaluation', { at: ctx.clock.now(), actor: ctx.principal.username, action, entityType: 'ReviewRound', entityId: id, before: null, after });

async function policyOfUnit(ctx: Context, unitId: string): Promise<{ unit: NonNullable<Awaited<ReturnType<Context['loaders']['unit']['load']>>>; policy: Policy }> {
  const unit = await ctx.loaders.unit.load(unitId);
  if (!unit) throw notFound('unitId', 'unit', unitId);
  return { unit, policy: await policyOf(ctx, unit.jurisdictionId) };
}

export async function roundOf(ctx: Context, unitId: string, month: string): Promise<Round | null> {
  const [row] = await sqlRows(ctx.em, 'select * from evaluation.review_round where unit_id = ? and month = ?', [unitId, month]);
  return row ? toRound(row) : null;
}

async function loadRound(ctx: Context, field: string, id: string): Promise<Round> {
  const [row] = await sqlRows(ctx.em, 'select * from evaluation.review_round where id = ?', [parseId(field, id)]);
  if (!row) throw notFound(field, '360° round', id);
  return toRound(row);
}

/** The round's head and its administrators (the monthly workflow among them) run it: they close it. */
async function runsRound(ctx: Context, round: Pick<Round, 'unitId' | 'headId'>, callerId: string | null): Promise<boolean> {
  if (callerId && callerId === round.headId) return true;
  const unit = await ctx.loaders.unit.load(round.unitId);
  return Boolean(unit && (await ctx.access.administers(unit)));
}

/** Whoever runs the round, and the deciders and commenters of its members: the round's references are theirs. */
async function superviseRound(ctx: Context, round: Pick<Round, 'id' | 'unitId' | 'headId'>, callerId: string | null): Promise<boolean> {
  if (await runsRound(ctx, round, callerId)) return true;
  if (!callerId) return false;
  const [superior] = await sqlRows(ctx.em, 'select 1 from evaluation.review_member where round_id = ? and (decider_id = ? or commenter_id = ?) limit 1', [round.id, callerId, callerId]);
  return Boolean(superior);
}

/**
 * Opens the round of a unit for a month (idempotent): its members are the people of the unit and
 * of its sub-units, each in their group with the month's evaluation chain; the rules pair raters
 * and ratees. Opened by the unit's head or an administrator of the unit (the monthly workflow in
 * production). Refused where the policy has no 360° rounds.
 */
export async function openRound(ctx: Context, unitIdText: string, monthText: string): Promise<Round> {
  const unitId = parseId('unitId', unitIdText);
  const month = parseMonth('month', monthText);
  const { unit, policy } = await policyOfUnit(ctx, unitId);
  const people = await sqlRows(
    ctx.em,
    `with recursive part as (
       select id from organization.unit where id = ?
       union all
       select u.id from organization.unit u join part on u.parent_id = part.id where u.kind = 'SUB_UNIT' and u.closed_at is null
     )
     select p.id, p.unit_id, po.rank from organization.person p join organization.position po on po.id = p.position_id
      where p.active and p.unit_id in (select id from part) order by p.unit_id, po.sort_order, p.full_name, p.id`,
    [unit.id],
  );
  const caller = await ctx.access.caller();
  const headId = (people.find((p) => p.unit_id === unit.id && p.rank === 'HEAD')?.id as string | undefined) ?? null;
  if (!(caller && caller.id === headId) && !(await ctx.access.administers(unit))) {
    throw forbidden(`Only the head or an administrator of "${unit.name}" opens its 360° round`);
  }
  if (!policy.review360.enabled) throw badInput('unitId', `the policy of this jurisdiction (${policy.name}) has no 360° rounds`);
  if (unit.kind === 'SUB_UNIT' || unit.kind === 'EXTERNAL_AUTHORITY') throw badInput('unitId', 'a sub-unit takes part in the round of its parent unit');
  const existing = await roundOf(ctx, unit.id, month.text);
  if (existing) return existing;
  if (people.length < 2) throw badInput('unitId', `"${unit.name}" has fewer than two members: there is nobody to rate`);
  const members: ReviewMember[] = [];
  for (const p of people) {
    const person = await ctx.loaders.person.load(p.id as string);
    const chain = await resolveChain(ctx, person!, month);
    members.push({
      id: p.id as string,
      unitId: p.unit_id as string,
      group: reviewGroupOf(p.rank as 'HEAD' | 'DEPUTY' | 'STAFF', p.unit_id === unit.id),
      commenterId: chain.commenterId,
      deciderId: chain.deciderId,
    });
  }
  const pairs = viaRules('unitId', () => review360Pairs(members, headId));
  const deadline = stepDeadline(month.year, month.month, policy.calendar.regular.comment ? 'comment' : 'decide', ctx.clock.now().toISOString(), { policy }).deadline;
  const id = randomUUID();
  try {
    await ctx.em.transactional(async (inner) => {
      const em = inner as EntityManager;
      await sqlRun(
        em,
        `insert into evaluation.review_round (id, unit_id, month, state, head_id, opened_by, opened_at, closes_at) values (?, ?, ?, 'OPEN', ?, ?, ?, ?)`,
        [id, unit.id, month.text, headId, ctx.principal.username, ctx.clock.now(), deadline],
      );
      await sqlRun(
        em,
        `insert into evaluation.review_member (round_id, person_id, month, review_group, part_unit_id, commenter_id, decider_id)
         select ?, "id", ?, "group", "unitId", "commenterId", "deciderId" from json_to_recordset(?::json) as x("id" uuid, "group" text, "unitId" uuid, "commenterId" uuid, "deciderId" uuid)`,
        [id, month.text, JSON.stringify(members)],
      );
      await sqlRun(
        em,
        `insert into evaluation.review_rating (round_id, rater_id, ratee_id, relation)
         select ?, "raterId", "rateeId", "relation" from json_to_recordset(?::json) as x("raterId" uuid, "rateeId" uuid, "relation" text)`,
        [id, JSON.stringify(pairs)],
      );
      await audit(ctx, em, 'review.open', id, { unitId: unit.id, month: month.text, members: members.length, pairs: pairs.length });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const raced = await roundOf(ctx, unit.id, month.text);
      if (raced) return raced;
      throw conflict(`some members of "${unit.name}" already take part in another 360° round of ${month.text}`);
    }
    throw error;
  }
  return (await roundOf(ctx, unit.id, month.text))!;
}

/** A rater rates a ratee the rules assigned them: a re-score on 0–100 and an opinion. */
export async function rate(ctx: Context, roundId: string, rateeIdText: string, score: number, commentText: string | null | undefined): Promise<Assignment> {
  const round = await loadRound(ctx, 'roundId', roundId);
  const rateeId = parseId('personId', rateeIdText);
  const caller = await ctx.access.caller();
  const [pair] = caller
    ? await sqlRows(ctx.em, 'select * from evaluation.review_rating where round_id = ? and rater_id = ? and ratee_id = ?', [round.id, caller.id, rateeId])
    : [];
  if (!pair) throw forbidden('You do not rate this person in this 360° round');
  if (round.state !== 'OPEN') throw badInput('roundId', 'the 360° round is closed');
  if (ctx.clock.now() >= round.closesAt) throw deadlinePassed(`The 360° round closed for ratings at ${round.closesAt.toISOString()}`, round.closesAt.toISOString());
  const { policy } = await policyOfUnit(ctx, round.unitId);
  viaRules('score', () => score360([score], policy));
  // 70.1 × 100 is 7009.999999999999 in binary: compare with a tolerance, not exactly.
  if (Math.abs(score * 100 - Math.round(score * 100)) > 1e-6) throw badInput('score', 'must have at most 2 decimals');
  const comment = commentText == null || commentText.trim() === '' ? null : requireText('comment', commentText, 2000);
  const [form] = await sqlRows(ctx.em, `select state from evaluation.form where person_id = ? and month = ?`, [rateeId, round.month]);
  if (!form || form.state === 'DRAFT') throw badInput('personId', 'this person has not submitted a self-assessment yet: there is nothing to rate');
  const [row] = await ctx.em.transactional(async (inner) => {
    const em = inner as EntityManager;
    // Only while the round is open, checked in the same statement: a close meanwhile wins.
    const updated = await sqlRows(
      em,
      `update evaluation.review_rating set score = ?, comment = ?, rated_at = ? where round_id = ? and rater_id = ? and ratee_id = ?
          and exists (select 1 from evaluation.review_round where id = ? and state = 'OPEN') returning *`,
      [score, comment, ctx.clock.now(), round.id, caller!.id, rateeId, round.id],
    );
    if (updated.length === 0) throw badInput('roundId', 'the 360° round closed meanwhile');
    await audit(ctx, em, 'review.rate', round.id, { raterId: caller!.id, rateeId, score, comment });
    return updated;
  });
  emitRatingRecorded({ unitId: round.unitId, month: round.month }, await progressOf(ctx, round));
  return toAssignment(row!);
}

/**
 * Closes the round and compiles its minutes: per member, the ratings expected and given, the 360°
 * score, the self score, their combination and whether a re-score is suggested, and the opinions
 * without names. By whoever runs the round, at any time (the workflow at the deadline or as soon as
 * everyone has rated). Closing twice changes nothing.
 */
export async function closeRound(ctx: Context, roundId: string): Promise<Round> {
  const round = await loadRound(ctx, 'roundId', roundId);
  const caller = await ctx.access.caller();
  if (!(await runsRound(ctx, round, caller?.id ?? null))) throw forbidden('Only the head or an administrator of the unit closes its 360° round');
  if (round.state === 'CLOSED') return round;
  const { policy } = await policyOfUnit(ctx, round.unitId);
  const members = await sqlRows(
    ctx.em,
    `select m.person_id, m.review_group, p.full_name from evaluation.review_member m join organization.person p on p.id = m.person_id
      where m.round_id = ? order by m.review_group, p.full_name, p.id`,
    [round.id],
  );
  const ratings = (await sqlRows(ctx.em, 'select * from evaluation.review_rating where round_id = ? order by ratee_id, rated_at', [round.id])).map(toAssignment);
  const entries: MinutesEntry[] = [];
  for (const m of members) {
    const mine = ratings.filter((r) => r.rateeId === m.person_id);
    const given = mine.filter((r) => r.score !== null);
    const s360 = score360(given.map((r) => r.score!), policy);
    const [formRow] = await sqlRows(ctx.em, 'select * from evaluation.form where person_id = ? and month = ?', [m.person_id, round.month]);
    const self = formRow && formRow.state !== 'DRAFT' ? (await scoreOf(ctx, toForm(formRow)))?.score ?? null : null;
    const combined = self !== null && s360 !== null ? combine360(self, s360, policy) : null;
    entries.push({
      personId: m.person_id as string,
      fullName: m.full_name as string,
      group: m.review_group as ReviewGroup,
      ratingsExpected: mine.length,
      ratingsGiven: given.length,
      score360: s360,
      selfScore: self,
      combinedScore: combined?.score ?? null,
      rescoreSuggested: combined?.rescoreSuggested ?? false,
      opinions: given.map((r) => r.comment).filter((c): c is string => c !== null),
    });
  }
  const minutes: Minutes = { compiledAt: ctx.clock.now().toISOString(), entries };
  const changed = await ctx.em.transactional(async (inner) => {
    const em = inner as EntityManager;
    const n = await sqlRun(
      em,
      `update evaluation.review_round set state = 'CLOSED', closed_at = ?, closed_by = ?, minutes = ?::jsonb, version = version + 1 where id = ? and version = ?`,
      [ctx.clock.now(), ctx.principal.username, JSON.stringify(minutes), round.id, round.version],
    );
    if (n === 1) await audit(ctx, em, 'review.close', round.id, { ratings: ratings.filter((r) => r.score !== null).length, of: ratings.length });
    return n;
  });
  if (changed !== 1) return loadRound(ctx, 'roundId', round.id);
  return { ...round, state: 'CLOSED', closedAt: ctx.clock.now(), minutes, version: round.version + 1 };
}

/** Members, raters, and whoever runs the round see it (who rates whom, progress); nobody else. */
export async function readableRound(ctx: Context, round: Round | null): Promise<Round | null> {
  if (!round) return null;
  const caller = await ctx.access.caller();
  if (await superviseRound(ctx, round, caller?.id ?? null)) return round;
  if (caller) {
    const [involved] = await sqlRows(
      ctx.em,
      `select 1 from evaluation.review_member where round_id = ? and person_id = ? union all select 1 from evaluation.review_rating where round_id = ? and rater_id = ? limit 1`,
      [round.id, caller.id, round.id, caller.id],
    );
    if (involved) return round;
  }
  throw forbidden('Only the members of the unit’s 360° round, its raters, deciders and administrators see it');
}

export async function membersOf(ctx: Context, round: Round) {
  const found = await sqlRows(
    ctx.em,
    `select m.person_id, m.review_group,
            (select count(*) from evaluation.review_rating r where r.round_id = m.round_id and r.ratee_id = m.person_id)::int as expected,
            (select count(*) from evaluation.review_rating r where r.round_id = m.round_id and r.ratee_id = m.person_id and r.score is not null)::int as given
       from evaluation.review_member m join organization.person p on p.id = m.person_id
      where m.round_id = ? order by m.review_group, p.full_name, p.id`,
    [round.id],
  );
  return found.map((r) => ({ personId: r.person_id as string, group: r.review_group as ReviewGroup, ratingsExpected: Number(r.expected), ratingsGiven: Number(r.given) }));
}

export async function progressOf(ctx: Context, round: Round) {
  const [row] = await sqlRows(ctx.em, 'select count(*)::int as expected, count(score)::int as given from evaluation.review_rating where round_id = ?', [round.id]);
  return { expected: Number(row!.expected), given: Number(row!.given) };
}

export async function assignmentsOf(ctx: Context, round: Round): Promise<Assignment[]> {
  const caller = await ctx.access.caller();
  if (!caller) return [];
  return (await sqlRows(ctx.em, 'select * from evaluation.review_rating where round_id = ? and rater_id = ? order by relation, ratee_id', [round.id, caller.id])).map(toAssignment);
}

/**
 * The decision is made: some member is decided and no submitted form of a member still awaits its
 * decision (a member who never submitted does not hold the minutes back).
 */
async function decisionMade(ctx: Context, round: Round): Promise<boolean> {
  const [row] = await sqlRows(
    ctx.em,
    `select count(*) filter (where f.state in ('SELF_SUBMITTED', 'COMMENTED'))::int as awaiting,
            count(*) filter (where f.state in ('DECIDED', 'PUBLISHED'))::int as decided
       from evaluation.review_member m join evaluation.form f on f.person_id = m.person_id and f.month = m.month
      where m.round_id = ?`,
    [round.id],
  );
  return Number(row!.awaiting) === 0 && Number(row!.decided) > 0;
}

/**
 * The minutes: null while the round is open. Whoever runs the round reads them as soon as they are
 * compiled; the members and raters once the decision is made ("published to the unit").
 */
export async function minutesOf(ctx: Context, round: Round): Promise<(Minutes & { published: boolean }) | null> {
  if (!round.minutes) return null;
  const published = await decisionMade(ctx, round);
  const caller = await ctx.access.caller();
  if (published || (await superviseRound(ctx, round, caller?.id ?? null))) return { ...round.minutes, published };
  return null;
}

/** The ratings of one ratee with their raters' names: for the ratee's decider only. */
export async function ratingsFor(ctx: Context, roundId: string, personIdText: string): Promise<Assignment[]> {
  const round = await loadRound(ctx, 'roundId', roundId);
  const personId = parseId('personId', personIdText);
  const caller = await ctx.access.caller();
  const [member] = await sqlRows(ctx.em, 'select decider_id from evaluation.review_member where round_id = ? and person_id = ?', [round.id, personId]);
  if (!member) throw notFound('personId', 'member of this 360° round', personIdText);
  if (!caller || caller.id !== member.decider_id) throw forbidden('The ratings and opinions of a 360° round are for the decider of the person rated');
  return (await sqlRows(ctx.em, 'select * from evaluation.review_rating where round_id = ? and ratee_id = ? order by relation, rater_id', [round.id, personId])).map(toAssignment);
}

/**
 * For the decision: the 360° score of each person whose month has a round (null without one).
 * A round still open is refused: its minutes are the decider's reference.
 */
export async function scores360(ctx: Context, month: string, personIds: string[], policy: Policy): Promise<Map<string, number | null>> {
  const result = new Map<string, number | null>();
  if (!policy.review360.enabled || personIds.length === 0) return result;
  const found = await sqlRows(
    ctx.em,
    `select m.person_id, r.state, p.full_name, array_remove(array_agg(x.score), null) as scores
       from evaluation.review_member m join evaluation.review_round r on r.id = m.round_id
       join organization.person p on p.id = m.person_id
       left join evaluation.review_rating x on x.round_id = m.round_id and x.ratee_id = m.person_id
      where m.month = ? and m.person_id = any(?::uuid[])
      group by m.person_id, r.state, p.full_name`,
    [month, pgArrayLiteral(personIds)],
  );
  for (const row of found) {
    if (row.state !== 'CLOSED') throw badInput('input.personIds', `the 360° round of ${row.full_name as string} is still open: close it first, its minutes are the reference of the decision`);
    result.set(row.person_id as string, score360((row.scores as string[]).map(Number), policy));
  }
  return result;
}

/** Whole days a re-score may stay open, as for any reopening (DOMAIN §7). */
const RESCORE_DAYS = { min: 1, max: 30 };

/**
 * The superior orders a re-score (đề nghị chấm lại, document 004 art. 6.1, DOMAIN §8): where the
 * policy has 360° rounds, once the person's round of the month has closed and their self score and
 * 360° score are more than `policy.review360.divergenceThreshold` apart (`combine360`, on the
 * current self score: a re-scored form that still diverges may be sent back again), and only before
 * the decision. Ordered by the person's direct superior — the commenter —, their decider, or the
 * head of the round's unit (thủ trưởng trực tiếp hoặc thủ trưởng cơ quan, đơn vị). The
 * self-assessment goes back to DRAFT with its deadline lifted for `days` days (the reopening
 * columns, so the monthly cycle reminds and closes it like any reopening); the form's change, its
 * audit entry and the person's notification are one transaction. Every refusal writes nothing.
 */
export async function orderRescore(ctx: Context, formIdText: string, reasonText: string, days: number): Promise<Form> {
  const form = await loadForm(ctx, 'formId', formIdText);
  const caller = await ctx.access.caller();
  const [round] = await sqlRows(
    ctx.em,
    `select r.id, r.state, r.head_id from evaluation.review_member m join evaluation.review_round r on r.id = m.round_id
      where m.person_id = ? and m.month = ?`,
    [form.personId, form.month],
  );
  const superiors = [form.commenterId, form.deciderId, (round?.head_id as string | null | undefined) ?? null].filter((id): id is string => id !== null);
  if (!caller || caller.id === form.personId || !superiors.includes(caller.id)) {
    throw forbidden('Chỉ thủ trưởng trực tiếp (người nhận xét, người quyết định đánh giá) hoặc thủ trưởng cơ quan, đơn vị của người được đánh giá mới được đề nghị chấm lại');
  }
  const reason = reasonText.trim().replace(/\s+/g, ' ');
  if (!reason) throw badInput('reason', 'cần nêu lý do đề nghị chấm lại');
  if (reason.length > 1000) throw badInput('reason', 'lý do đề nghị chấm lại tối đa 1000 ký tự');
  if (!Number.isInteger(days) || days < RESCORE_DAYS.min || days > RESCORE_DAYS.max) {
    throw badInput('days', `thời hạn chấm lại phải là số ngày nguyên từ ${RESCORE_DAYS.min} đến ${RESCORE_DAYS.max}`);
  }
  const month = formatMonth(form.month);
  const policy = await policyOfForm(ctx, form);
  if (!policy.review360.enabled) throw badInput('formId', `quy định đánh giá của địa phương (${policy.name}) không có đánh giá 360°: không có căn cứ đề nghị chấm lại`);
  if (form.state === 'DECIDED' || form.state === 'PUBLISHED') throw badInput('formId', `phiếu đánh giá ${month} đã được quyết định đánh giá, xếp loại: không còn đề nghị chấm lại được`);
  if (form.state === 'DRAFT') throw badInput('formId', `phiếu tự đánh giá ${month} chưa được gửi (hoặc đang được chấm lại): chưa có điểm tự chấm để đề nghị chấm lại`);
  if (!round) throw badInput('formId', `người được đánh giá không tham gia đợt đánh giá 360° nào ${month}`);
  if (round.state !== 'CLOSED') throw badInput('formId', `đợt đánh giá 360° ${month} chưa kết thúc: chỉ đề nghị chấm lại sau khi đã lập biên bản số`);
  const given = await sqlRows(ctx.em, 'select score from evaluation.review_rating where round_id = ? and ratee_id = ? and score is not null', [round.id, form.personId]);
  const s360 = score360(given.map((r) => Number(r.score)), policy);
  if (s360 === null) throw badInput('formId', `chưa có ai chấm điểm 360° cho người được đánh giá ${month}: không có căn cứ đề nghị chấm lại`);
  const self = (await scoreOf(ctx, form))?.score ?? null;
  if (self === null) throw badInput('formId', `điểm tự chấm ${month} chưa tính được (kết quả thực hiện nhiệm vụ chưa đủ): chưa so sánh được với điểm 360°`);
  const threshold = policy.review360.divergenceThreshold;
  if (!combine360(self, s360, policy).rescoreSuggested) {
    throw badInput('formId', `điểm tự chấm (${self}) và điểm đánh giá 360° (${s360}) không chênh lệch quá ${threshold} điểm: không có căn cứ đề nghị chấm lại`);
  }
  const state = viaRules('formId', () => nextState(form.state, 'reopen', { policy, hasCommenter: hasCommenter(form), reopenTo: 'DRAFT' }));
  const until = new Date(ctx.clock.now().getTime() + days * 86_400_000);
  const text = rescoreOrderedText({ month: form.month, reason, until, selfScore: self, score360: s360 });
  return ctx.em.transactional(async (inner) => {
    const em = inner as EntityManager;
    const [row] = await sqlRows(
      em,
      `update evaluation.form set state = ?, reopened_until = ?, reopen_reason = ?, version = version + 1 where id = ? and version = ? returning *`,
      [state, until, reason, form.id, form.version],
    );
    if (!row) throw conflict('Phiếu đánh giá vừa có thay đổi: đề nghị tải lại và thực hiện lại');
    const after = toForm(row);
    await auditForm(ctx, em, 'form.rescore', form.id, form, { ...after, reason, days, selfScore: self, score360: s360, divergenceThreshold: threshold, orderedBy: caller.id });
    // Keyed by the form's version: each order is told once, a later order again.
    await storeNotifications(em, [{ personId: form.personId, key: `rescore/${form.id}/v${form.version}`, kind: 'RESCORE_ORDERED', ...text, deadline: until }], { clock: ctx.clock });
    return after;
  });
}
