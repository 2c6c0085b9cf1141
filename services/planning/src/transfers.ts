import type { EntityManager } from '@mikro-orm/postgresql';
import { appendAudit, oncePerRequest } from '@cbccvc/platform';
import type { Context } from './context';
import { rows, run } from './sql';

/**
 * Transfers hand over open work (DOMAIN §7): the plans (and their tasks) of a transferred person,
 * from the transfer's month on, move to the person's new unit, where its leaders approve and review
 * them; a month already decided stays. Applied from the organization's chain-change log, once per
 * request, before plans are listed.
 */
export const applyTransfers = oncePerRequest((ctx: Context) => applyPending(ctx));

async function applyPending(ctx: Context): Promise<number> {
  const [state] = await rows(ctx.em, `select s.revision, (select max(revision) from organization.chain_change) as latest from planning.transfer_sync s where s.id = 1`, []);
  if (!state || state.latest == null || Number(state.latest) <= Number(state.revision)) return 0;
  return ctx.em.transactional(async (inner) => {
    const em = inner as EntityManager;
    const [locked] = await rows(em, `select revision from planning.transfer_sync where id = 1 for update`, []);
    const changes = await rows(em, `select revision, from_month, person_ids::text[] as person_ids from organization.chain_change where revision > ? order by revision`, [Number(locked!.revision)]);
    let moved = 0;
    for (const change of changes) {
      const plans = await rows(
        em,
        `update planning.plan pl set unit_id = pe.unit_id from organization.person pe
          where pl.person_id = pe.id and pe.id = any(?::uuid[]) and pl.month >= ? and pl.unit_id <> pe.unit_id
            -- nothing decided moves: the month's evaluation already decided keeps its plan where it was
            and not exists (select 1 from evaluation.form f where f.person_id = pl.person_id and f.month = pl.month and f.state in ('DECIDED', 'PUBLISHED'))
          returning pl.id, pl.person_id, pl.month, pl.unit_id`,
        [`{${(change.person_ids as string[]).join(',')}}`, change.from_month],
      );
      for (const plan of plans) {
        await run(em, `update planning.task set unit_id = ? where plan_id = ?`, [plan.unit_id, plan.id]);
        await appendAudit(em, 'planning', { at: ctx.clock.now(), actor: ctx.principal.username, action: 'plan.transfer', entityType: 'Plan', entityId: plan.id as string, before: null, after: { unitId: plan.unit_id, personId: plan.person_id, month: plan.month } });
      }
      moved += plans.length;
    }
    if (changes.length) await run(em, `update planning.transfer_sync set revision = ? where id = 1`, [Number(changes[changes.length - 1]!.revision)]);
    return moved;
  });
}
