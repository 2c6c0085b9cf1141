import { randomUUID } from 'node:crypto';
import { criteriaFramework, defaultEvaluationChain, policies, type ChainUnit, type CriteriaFormId } from '@cbccvc/rules';
import { executeBound, type Orm } from '@cbccvc/platform';
import type { SeedData } from '@cbccvc/organization';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A month of self-assessments for generated data: every person's form on the framework of their
 * position, fully scored (mostly full marks, some criteria a little lower), in DRAFT, with the
 * default evaluation chain — derived in memory by packages/rules from the generated tree, exactly
 * as the organization subgraph derives it, so a city loads in seconds.
 */
export async function loadEvaluationSeed(orm: Orm, org: SeedData, options: { month: string; seed?: number }): Promise<{ forms: number }> {
  const policy = policies.hanoi2026;
  const positions = new Map(org.positions.map((p) => [p.id, p]));
  const units = new Map(org.units.map((u) => [u.id, u]));
  const members = new Map<string, { id: string; rank: string }[]>();
  for (const person of org.people) {
    const list = members.get(person.unitId) ?? [];
    list.push({ id: person.id, rank: positions.get(person.positionId)!.rank });
    members.set(person.unitId, list);
  }
  const chainUnits = new Map<string, ChainUnit>();
  const chainUnit = (id: string): ChainUnit => {
    let unit = chainUnits.get(id);
    if (!unit) {
      const seedUnit = units.get(id)!;
      const people = members.get(id) ?? [];
      unit = {
        id,
        headId: people.find((p) => p.rank === 'HEAD')?.id ?? null,
        deputyIds: people.filter((p) => p.rank === 'DEPUTY').map((p) => p.id),
        staffCount: people.length,
        external: seedUnit.kind === 'EXTERNAL_AUTHORITY',
        parent: seedUnit.parentId ? chainUnit(seedUnit.parentId) : null,
      };
      chainUnits.set(id, unit);
    }
    return unit;
  };

  let state = (options.seed ?? 20260601) >>> 0;
  const random = () => {
    // xorshift32: deterministic and cheap.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };

  const rows = org.people.map((person) => {
    const position = positions.get(person.positionId)!;
    const framework = criteriaFramework(position.criteriaForm as CriteriaFormId);
    const scores: Record<string, number> = {};
    for (const criterion of framework.groups.flatMap((g) => g.criteria)) {
      // Most criteria at full marks; about one in six a quarter to one point lower.
      const lower = random() < 0.16 ? Math.min(criterion.max, Math.ceil(random() * 4) * 0.25) : 0;
      scores[criterion.code] = Math.round((criterion.max - lower) * 100) / 100;
    }
    const chain = defaultEvaluationChain({ id: person.id, rank: position.rank }, chainUnit(person.unitId), {
      delegateCommentMinStaff: policy.chain.delegateCommentMinStaff,
    });
    return {
      id: randomUUID(),
      personId: person.id,
      unitId: person.unitId,
      criteriaForm: framework.form,
      frameworkVersion: framework.version,
      scores,
      commenterId: chain.commenterId,
      deciderId: chain.deciderId,
    };
  });

  const em = orm.em.fork() as EntityManager;
  for (let start = 0; start < rows.length; start += 5000) {
    await executeBound(
      em,
      `insert into evaluation.form (id, person_id, unit_id, month, criteria_form, framework_version, state, scores, commenter_id, decider_id)
       select "id", "personId", "unitId", ?, "criteriaForm", "frameworkVersion", 'DRAFT', "scores", "commenterId", "deciderId"
         from json_to_recordset(?::json) as x("id" uuid, "personId" uuid, "unitId" uuid, "criteriaForm" text, "frameworkVersion" text,
              "scores" jsonb, "commenterId" uuid, "deciderId" uuid)
       on conflict (person_id, month) do nothing`,
      [options.month, JSON.stringify(rows.slice(start, start + 5000))],
    );
  }
  return { forms: rows.length };
}
