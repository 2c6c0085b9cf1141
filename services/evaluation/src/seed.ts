import { randomUUID } from 'node:crypto';
import {
  criteriaFramework, defaultEvaluationChain, hasCommentStep, monthDeadlines, policies, type ChainContext, type ChainUnit, type CriteriaFormId, type Grade,
} from '@cbccvc/rules';
import { executeBound, sqlRows, sqlRun, type Orm } from '@cbccvc/platform';
import type { SeedData } from '@cbccvc/organization';
import type { EntityManager } from '@mikro-orm/postgresql';
import { closeMonth, type MonthClose } from './month-close';

/** The longest history the seed produces (as the planning seed). */
const MAX_HISTORY_MONTHS = 24;

const COMMENTS: readonly string[] = [
  'Nhất trí với nội dung tự đánh giá.',
  'Hoàn thành các nhiệm vụ được giao đúng tiến độ, bảo đảm chất lượng.',
  'Nhất trí với kết quả tự đánh giá, đề nghị cấp có thẩm quyền xem xét.',
  'Chủ động, trách nhiệm trong công việc; cần nâng cao chất lượng văn bản tham mưu.',
  'Thực hiện tốt nhiệm vụ chuyên môn; cần chủ động hơn trong phối hợp công tác.',
  'Có tinh thần trách nhiệm, chấp hành tốt kỷ luật, kỷ cương hành chính.',
];

export interface EvaluationSeedResult {
  /** Forms inserted, every month together. */
  forms: number;
  /** Forms published (the past months). */
  published: number;
  /** The close of every past month, in calendar order, and how long it took. */
  closes: { month: string; close: MonthClose; seconds: number }[];
}

/**
 * Evaluation forms for generated data, for the `months` months (default 1) ending at `month`: every
 * person's form on the framework of their position, fully scored (mostly full marks, some criteria a
 * little lower), with the default evaluation chain — derived in memory by packages/rules from the
 * generated tree, exactly as the organization subgraph derives it, so a city loads in seconds.
 *
 * The last month stays open: its forms are in DRAFT. A past month is over: everyone submitted their
 * self-assessment (with a stated grade) before the deadline, the commenter commented where there is
 * one, the month was decided by `closeMonth` as the deciders would (quota per group, leaders after
 * the people they manage, the external authorities deciding the ward-level heads), and every unit
 * whose members are all decided was published — so the month's planning data must be loaded first.
 */
export async function loadEvaluationSeed(
  orm: Orm,
  org: SeedData,
  options: {
    month: string;
    months?: number;
    seed?: number;
    onProgress?: (done: number, total: number) => void;
    /**
     * People of the last month who have already done their part at `at` (the demo's colleagues, so
     * that a newcomer can take one whole unit through the month by hand): self-assessment submitted
     * (stated grade B), and commented on where they have a commenter person.
     */
    ahead?: { personIds: string[]; at: string };
  },
): Promise<EvaluationSeedResult> {
  const months = monthsEndingAt(options.month, options.months ?? 1);
  const policy = policies.hanoi2026;
  const positions = new Map(org.positions.map((p) => [p.id, p]));
  const units = new Map(org.units.map((u) => [u.id, u]));
  const members = new Map<string, { id: string; rank: string; order: [number, string, string] }[]>();
  for (const person of org.people) {
    const list = members.get(person.unitId) ?? [];
    const position = positions.get(person.positionId)!;
    list.push({ id: person.id, rank: position.rank, order: [position.sortOrder, person.fullName, person.id] });
    members.set(person.unitId, list);
  }
  // Leaders in the order the organization subgraph lists them: post, name, id.
  const chainOrder = (a: { order: [number, string, string] }, b: { order: [number, string, string] }) =>
    a.order[0] - b.order[0] || (a.order[1] < b.order[1] ? -1 : a.order[1] > b.order[1] ? 1 : 0) || (a.order[2] < b.order[2] ? -1 : 1);
  const chainUnits = new Map<string, ChainUnit>();
  const chainUnit = (id: string): ChainUnit => {
    const known = chainUnits.get(id);
    if (known) return known;
    const seedUnit = units.get(id)!;
    const people = [...(members.get(id) ?? [])].sort(chainOrder);
    const unit: ChainUnit = {
      id,
      kind: seedUnit.kind,
      authority: seedUnit.authority ?? null,
      headId: people.find((p) => p.rank === 'HEAD')?.id ?? null,
      deputyIds: people.filter((p) => p.rank === 'DEPUTY').map((p) => p.id),
      staffCount: people.length,
      parent: seedUnit.parentId ? chainUnit(seedUnit.parentId) : null,
    };
    chainUnits.set(id, unit);
    return unit;
  };
  // The same context the organization subgraph reads: the ward's Party committee, the authorities, who is in charge.
  const committees = new Map(org.units.filter((u) => u.kind === 'PARTY_COMMITTEE').map((u) => [u.jurisdictionId, u.id]));
  const authorities = Object.fromEntries(org.units.filter((u) => u.authority).map((u) => [u.authority!, u.id]));
  const inCharge = new Map(org.inCharge.map((a) => [a.leaderId, { unitIds: a.unitIds, personIds: a.personIds }]));
  // Who evaluates whom and on which framework: the same every month.
  const people = org.people.map((person) => {
    const position = positions.get(person.positionId)!;
    const unit = chainUnit(person.unitId);
    const committee = committees.get(units.get(person.unitId)!.jurisdictionId);
    const context: ChainContext = { partyCommittee: committee ? chainUnit(committee) : null, authorities, inCharge };
    const chain = defaultEvaluationChain({ id: person.id, rank: position.rank }, unit, context, policy.chain);
    return {
      person, framework: criteriaFramework(position.criteriaForm as CriteriaFormId), commenterId: chain.commenterId, deciderId: chain.deciderId,
      commenterAuthorityId: chain.commenterAuthorityUnitId, deciderAuthorityId: chain.deciderAuthorityUnitId,
    };
  });

  const em = orm.em.fork() as EntityManager;
  const result: EvaluationSeedResult = { forms: 0, published: 0, closes: [] };
  const last = months[months.length - 1]!;
  options.onProgress?.(0, months.length);
  for (const [index, month] of months.entries()) {
    const past = month !== last;
    // The last month keeps the stream the single-month seed always had; a past month has its own.
    const random = xorshift(past ? (options.seed ?? 20260601) ^ Math.imul(serialOf(month), 0x9e3779b1) : (options.seed ?? 20260601));
    const year = Number(month.slice(0, 4));
    const monthNumber = Number(month.slice(5, 7));
    const deadlines = monthDeadlines(year, monthNumber, policy);
    const commentStep = hasCommentStep(policy, monthNumber);
    const hour = 3_600_000;
    const rows = people.map(({ person, framework, commenterId, deciderId, commenterAuthorityId, deciderAuthorityId }) => {
      const scores: Record<string, number> = {};
      let general = 0;
      for (const criterion of framework.groups.flatMap((g) => g.criteria)) {
        // Most criteria at full marks; about one in six a quarter to one point lower.
        const lower = random() < 0.16 ? Math.min(criterion.max, Math.ceil(random() * 4) * 0.25) : 0;
        scores[criterion.code] = Math.round((criterion.max - lower) * 100) / 100;
        general += scores[criterion.code]!;
      }
      const row = {
        id: randomUUID(),
        personId: person.id,
        unitId: person.unitId,
        criteriaForm: framework.form,
        frameworkVersion: framework.version,
        scores,
        commenterId,
        deciderId,
        commenterAuthorityId,
        deciderAuthorityId,
      };
      if (!past) return row;
      // Submitted one to four days before the deadline, in office hours; commented on the last day.
      const submittedAt = new Date(Date.parse(deadlines.selfAssessment) - (1 + Math.floor(random() * 4)) * 24 * hour - (7 + random() * 3) * hour);
      const commented = commentStep && (commenterId !== null || commenterAuthorityId !== null);
      const statedGrade: Grade = general >= 29 && random() < 0.6 ? 'A' : random() < 0.97 ? 'B' : 'C';
      return {
        ...row,
        state: commented ? 'COMMENTED' : 'SELF_SUBMITTED',
        statedGrade,
        submittedAt: submittedAt.toISOString(),
        comment: commented ? COMMENTS[Math.floor(random() * COMMENTS.length)]! : null,
        commentedAt: commented ? new Date(Date.parse(deadlines.comment!) - (7 + random() * 3) * hour).toISOString() : null,
      };
    });

    for (let start = 0; start < rows.length; start += 5000) {
      const batch = JSON.stringify(rows.slice(start, start + 5000));
      if (past) {
        await executeBound(
          em,
          `insert into evaluation.form (id, person_id, unit_id, month, criteria_form, framework_version, state, scores, stated_grade, commenter_id, decider_id,
                  commenter_authority_id, decider_authority_id, comment, submitted_at, commented_at)
           select "id", "personId", "unitId", ?, "criteriaForm", "frameworkVersion", "state", "scores", "statedGrade", "commenterId", "deciderId",
                  "commenterAuthorityId", "deciderAuthorityId", "comment", "submittedAt", "commentedAt"
             from json_to_recordset(?::json) as x("id" uuid, "personId" uuid, "unitId" uuid, "criteriaForm" text, "frameworkVersion" text, "state" text,
                  "scores" jsonb, "statedGrade" text, "commenterId" uuid, "deciderId" uuid, "commenterAuthorityId" uuid, "deciderAuthorityId" uuid, "comment" text, "submittedAt" timestamptz, "commentedAt" timestamptz)
           on conflict (person_id, month) do nothing`,
          [month, batch],
        );
      } else {
        await executeBound(
          em,
          `insert into evaluation.form (id, person_id, unit_id, month, criteria_form, framework_version, state, scores, commenter_id, decider_id, commenter_authority_id, decider_authority_id)
           select "id", "personId", "unitId", ?, "criteriaForm", "frameworkVersion", 'DRAFT', "scores", "commenterId", "deciderId", "commenterAuthorityId", "deciderAuthorityId"
             from json_to_recordset(?::json) as x("id" uuid, "personId" uuid, "unitId" uuid, "criteriaForm" text, "frameworkVersion" text,
                  "scores" jsonb, "commenterId" uuid, "deciderId" uuid, "commenterAuthorityId" uuid, "deciderAuthorityId" uuid)
           on conflict (person_id, month) do nothing`,
          [month, batch],
        );
      }
    }
    result.forms += rows.length;
    if (!past && options.ahead && options.ahead.personIds.length) {
      await sqlRun(
        em,
        `update evaluation.form set state = case when commenter_id is not null then 'COMMENTED' else 'SELF_SUBMITTED' end, stated_grade = 'B',
                submitted_at = ?, comment = case when commenter_id is not null then ? end, commented_at = case when commenter_id is not null then ?::timestamptz end
          where month = ? and person_id = any(?::uuid[]) and state = 'DRAFT'`,
        [options.ahead.at, COMMENTS[0], options.ahead.at, month, `{${options.ahead.personIds.join(',')}}`],
      );
    }

    if (past) {
      await sqlRows(em, 'analyze evaluation.form');
      // Decided the day before the decision deadline, published two days before the publication's.
      const started = performance.now();
      const close = await closeMonth(em, month, new Date(Date.parse(deadlines.decision) - 31 * hour), () => policy, { externalAuthorities: true, chooseTies: true });
      result.closes.push({ month, close, seconds: (performance.now() - started) / 1000 });
      result.published += await sqlRun(
        em,
        `update evaluation.form f set state = 'PUBLISHED', published_at = ?, version = f.version + 1
          where f.month = ? and f.state = 'DECIDED'
            and not exists (select 1 from evaluation.form o where o.unit_id = f.unit_id and o.month = f.month and o.state not in ('DECIDED', 'PUBLISHED'))`,
        [new Date(Date.parse(deadlines.publication) - 32 * hour), month],
      );
    }
    options.onProgress?.(index + 1, months.length);
  }
  return result;
}

/** The `count` months ending at `last`, in calendar order. */
function monthsEndingAt(last: string, count: number): string[] {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(last)) throw new Error(`month must be 'YYYY-MM', got ${JSON.stringify(last)}`);
  if (!Number.isInteger(count) || count < 1 || count > MAX_HISTORY_MONTHS) {
    throw new Error(`months must be a whole number from 1 to ${MAX_HISTORY_MONTHS}, got ${String(count)}`);
  }
  const serial = serialOf(last);
  const months: string[] = [];
  for (let s = serial - count + 1; s <= serial; s++) months.push(`${Math.floor(s / 12)}-${String((s % 12) + 1).padStart(2, '0')}`);
  return months;
}

const serialOf = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** xorshift32: deterministic and cheap. */
function xorshift(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}
