import { oncePerRequest } from '@cbccvc/platform';
import { parseMonth, resolveChain } from '@cbccvc/organization';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit, rows, run, toForm, type Context, type Form } from './forms';

/**
 * The chain of a month is the one in force when the step is taken (DOMAIN §3): a focal point's
 * change, an assignment of who is in charge, a concurrent post or a transfer reaches every form
 * whose step has not been taken yet, and never rewrites a step already taken. The organization
 * subgraph publishes those changes as a log (`organization.chain_change`); before a step that
 * depends on the chain, evaluation applies what it has not applied yet:
 * - the commenter follows while the comment is not given (DRAFT, SELF_SUBMITTED);
 * - the decider follows while the decision is not taken;
 * - a transferred person's open form moves to the new unit (its old unit kept for a handover comment).
 * Each form moved is audited (`form.chain`).
 */
/** Once per request: every step and listing that depends on the chain calls it. */
export const applyChainChanges = oncePerRequest((ctx: Context) => applyPending(ctx));

async function applyPending(ctx: Context): Promise<number> {
  const [state] = await rows(
    ctx.em,
    `select s.revision, (select max(revision) from organization.chain_change) as latest from evaluation.chain_sync s where s.id = 1`,
    [],
  );
  if (!state || state.latest == null || Number(state.latest) <= Number(state.revision)) return 0;
  return ctx.em.transactional(async (inner) => {
    const em = inner as EntityManager;
    // One applier at a time; whoever waited finds the work done.
    const [locked] = await rows(em, `select revision from evaluation.chain_sync where id = 1 for update`, []);
    const changes = await rows(
      em,
      `select revision, from_month, person_ids::text[] as person_ids, unit_ids::text[] as unit_ids, reason from organization.chain_change
        where revision > ? order by revision`,
      [Number(locked!.revision)],
    );
    if (changes.length === 0) return 0;
    let moved = 0;
    const seen = new Set<string>();
    for (const change of changes) {
      const forms = (await rows(
        em,
        `select f.* from evaluation.form f join organization.person p on p.id = f.person_id
          where f.month >= ? and f.state in ('DRAFT', 'SELF_SUBMITTED', 'COMMENTED')
            and (f.person_id = any(?::uuid[]) or f.unit_id = any(?::uuid[]) or p.unit_id = any(?::uuid[]))
          order by f.month, f.person_id`,
        [change.from_month, `{${(change.person_ids as string[]).join(',')}}`, `{${(change.unit_ids as string[]).join(',')}}`, `{${(change.unit_ids as string[]).join(',')}}`],
      )).map(toForm);
      for (const form of forms) {
        if (seen.has(form.id)) continue;
        seen.add(form.id);
        if (await follow(ctx, em, form, change.reason as string)) moved += 1;
      }
    }
    await run(em, `update evaluation.chain_sync set revision = ? where id = 1`, [Number(changes[changes.length - 1]!.revision)]);
    return moved;
  });
}

/** Moves one open form onto the chain in force now; false when nothing changes. */
async function follow(ctx: Context, em: EntityManager, form: Form, reason: string): Promise<boolean> {
  const person = await ctx.loaders.person.load(form.personId);
  if (!person) return false;
  const chain = await resolveChain({ em, loaders: ctx.loaders }, person, parseMonth('month', form.month)).catch(() => null);
  if (!chain) return false;
  const commentOpen = form.state === 'DRAFT' || form.state === 'SELF_SUBMITTED';
  const next = {
    unitId: chain.unitId,
    commenterId: commentOpen ? chain.commenterId : form.commenterId,
    commenterAuthorityId: commentOpen ? chain.commenterAuthorityUnitId : form.commenterAuthorityId,
    commenterActingForId: commentOpen ? chain.commenterActingForId : form.commenterActingForId,
    deciderId: chain.deciderId,
    deciderAuthorityId: chain.deciderAuthorityUnitId,
    deciderActingForId: chain.deciderActingForId,
  };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((key) => next[key] !== form[key]);
  if (changed.length === 0) return false;
  // A form moved to another unit keeps its old unit: that unit's leader may still add a comment.
  const handoverUnitId = next.unitId !== form.unitId ? form.unitId : form.handoverUnitId;
  await run(
    em,
    `update evaluation.form set unit_id = ?, commenter_id = ?, commenter_authority_id = ?, commenter_acting_for = ?, decider_id = ?,
        decider_authority_id = ?, decider_acting_for = ?, handover_unit_id = ?, version = version + 1
      where id = ? and version = ?`,
    [next.unitId, next.commenterId, next.commenterAuthorityId, next.commenterActingForId, next.deciderId, next.deciderAuthorityId, next.deciderActingForId,
      handoverUnitId, form.id, form.version],
  );
  await audit(ctx, em, 'form.chain', form.id, Object.fromEntries(changed.map((k) => [k, form[k]])), { ...Object.fromEntries(changed.map((k) => [k, next[k]])), reason });
  return true;
}
