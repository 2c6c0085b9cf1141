import { hasCommentStep, policies, type ActorStepState, type FormStep } from '@cbccvc/rules';
import { pgArrayLiteral, sqlRows, sqlRun } from '@cbccvc/platform';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * What the monthly cycle workflow needs to know about a step of a jurisdiction's month, read
 * set-based from the forms: each actor with whether they have done their part and any reopening.
 * Which of them to remind, record as missing or escalate is decided by packages/rules
 * (`actorsForEvent`); this module only reads and records.
 */
export interface StepActor extends ActorStepState {
  /** Full name (for a publication: the unit's name), as notifications list it. */
  name: string;
  /** The unit of the actor (for a publication: the unit itself). */
  unitId: string;
  block: string;
  /** Whom to tell when the actor misses the step: their direct leader, or the next authority. */
  superiorId: string | null;
}

const people = `
  select p.id, p.full_name, p.unit_id, u.block from organization.person p join organization.unit u on u.id = p.unit_id
   where p.active and u.jurisdiction_id = ? and u.closed_at is null`;

/** The head of a unit, or of its parent when the person is that head: who hears about a person with no form. */
const headOf = (personColumn: string, unitColumn: string) => `(
  select h.id from organization.person h join organization.position hp on hp.id = h.position_id
   where h.active and hp.rank = 'HEAD' and h.id <> ${personColumn}
     and h.unit_id in (${unitColumn}, (select parent_id from organization.unit where id = ${unitColumn}))
   order by (h.unit_id = ${unitColumn}) desc limit 1)`;

export async function stepActors(em: EntityManager, jurisdictionId: string, month: string, step: FormStep): Promise<StepActor[]> {
  const asActors = (found: Record<string, unknown>[]): StepActor[] =>
    found.map((r) => ({
      id: r.id as string,
      done: Boolean(r.done),
      reopenedUntil: r.reopened_until ? new Date(r.reopened_until as string).toISOString() : null,
      name: r.name as string,
      unitId: r.unit_id as string,
      block: r.block as string,
      superiorId: (r.superior_id as string | null) ?? null,
    }));
  if (step === 'selfAssessment') {
    return asActors(await sqlRows(
      em,
      `with people as (${people})
       select people.id, people.full_name as name, people.unit_id, people.block, coalesce(f.state <> 'DRAFT', false) as done,
              case when f.state = 'DRAFT' then f.reopened_until end as reopened_until,
              coalesce(f.commenter_id, f.decider_id, ${headOf('people.id', 'people.unit_id')}) as superior_id
         from people left join evaluation.form f on f.person_id = people.id and f.month = ?
        order by people.id`,
      [jurisdictionId, month],
    ));
  }
  if (step === 'comment' || step === 'decision') {
    // The commenters (deciders) of the jurisdiction's forms — for an external authority, the accounts
    // recording its decisions; one still has work while a form awaits them.
    const actorColumn = step === 'comment' ? 'f.commenter_id' : 'f.decider_id';
    const authorityColumn = step === 'comment' ? 'f.commenter_authority_id' : 'f.decider_authority_id';
    const awaiting = step === 'comment' ? `f.state = 'SELF_SUBMITTED'` : `f.state in ('SELF_SUBMITTED', 'COMMENTED')`;
    return asActors(await sqlRows(
      em,
      `with forms as (
         select actor.id as actor_id, f.decider_id, f.state, f.reopened_until, ${awaiting} as awaiting
           from evaluation.form f join organization.unit u on u.id = f.unit_id
          cross join lateral (
            select ${actorColumn} as id where ${actorColumn} is not null
             union all
            select d.person_id from organization.authority_delegate d where ${actorColumn} is null and d.authority_unit_id = ${authorityColumn}
          ) actor
          where u.jurisdiction_id = ? and f.month = ? and f.state <> 'DRAFT'
       )
       select forms.actor_id as id, a.full_name as name, a.unit_id, u.block, not bool_or(forms.awaiting) as done,
              max(forms.reopened_until) filter (where forms.awaiting) as reopened_until,
              ${step === 'comment' ? 'min(forms.decider_id::text)::uuid' : `coalesce((select f2.decider_id from evaluation.form f2 where f2.person_id = forms.actor_id and f2.month = ?), ${headOf('forms.actor_id', 'a.unit_id')})`} as superior_id
         from forms join organization.person a on a.id = forms.actor_id join organization.unit u on u.id = a.unit_id
        group by forms.actor_id, a.full_name, a.unit_id, u.block
        order by forms.actor_id`,
      step === 'comment' ? [jurisdictionId, month] : [jurisdictionId, month, month],
    ));
  }
  // Publication: each unit with forms this month; done once every member is published.
  return asActors(await sqlRows(
    em,
    `select u.id, u.name, u.id as unit_id, u.block, bool_and(f.state = 'PUBLISHED') as done, null as reopened_until, null as superior_id
       from evaluation.form f join organization.unit u on u.id = f.unit_id
      where u.jurisdiction_id = ? and f.month = ?
      group by u.id, u.name, u.block
     having bool_and(f.state in ('DECIDED', 'PUBLISHED'))
      order by u.id`,
    [jurisdictionId, month],
  ));
}

/** Records who missed a step at its close; recording twice changes nothing. Returns how many were new. */
export async function recordMissed(em: EntityManager, jurisdictionId: string, month: string, step: FormStep, deadline: string, actorIds: string[], at: Date): Promise<number> {
  if (actorIds.length === 0) return 0;
  return sqlRun(
    em,
    `insert into evaluation.missed_step (jurisdiction_id, month, step, actor_id, deadline, recorded_at)
     select ?, ?, ?, actor_id, ?, ? from unnest(?::uuid[]) as actor_id
     on conflict (month, step, actor_id) do nothing`,
    [jurisdictionId, month, step, deadline, at, pgArrayLiteral(actorIds)],
  );
}

/** A reopened form's step and actor, for the workflow's personal reminders and close. */
export interface ReopenedForm {
  step: FormStep;
  actorId: string;
  reopenedUntil: string;
}

/** Forms of the jurisdiction's month reopened until after `now`, with the step they were reopened to. */
export async function reopenedForms(em: EntityManager, jurisdictionId: string, month: string, now: Date): Promise<ReopenedForm[]> {
  const found = await sqlRows(
    em,
    `select f.state, f.person_id, f.commenter_id, f.decider_id, f.reopened_until
       from evaluation.form f join organization.unit u on u.id = f.unit_id
      where u.jurisdiction_id = ? and f.month = ? and f.reopened_until > ? and f.state in ('DRAFT', 'SELF_SUBMITTED', 'COMMENTED')
      order by f.person_id`,
    [jurisdictionId, month, now],
  );
  // A policy without a comment deadline (2022) has the delegated deputy comment by the decision's: that step's schedule.
  const [jurisdiction] = await sqlRows(em, `select policy_id from organization.jurisdiction where id = ?`, [jurisdictionId]);
  const policy = policies[(jurisdiction?.policy_id as keyof typeof policies | undefined) ?? 'hanoi2026'] ?? policies.hanoi2026;
  const commentStep = hasCommentStep(policy, Number(month.slice(5, 7)));
  return found.map((r) => {
    const until = new Date(r.reopened_until as string).toISOString();
    if (r.state === 'DRAFT') return { step: 'selfAssessment' as const, actorId: r.person_id as string, reopenedUntil: until };
    if (r.state === 'SELF_SUBMITTED' && r.commenter_id) return { step: commentStep ? ('comment' as const) : ('decision' as const), actorId: r.commenter_id as string, reopenedUntil: until };
    return { step: 'decision' as const, actorId: r.decider_id as string, reopenedUntil: until };
  });
}
