import { Context as ActivityContext } from '@temporalio/activity';
import {
  accountsToLock,
  actorsForEvent,
  monthDeadlines,
  policies,
  type CycleEvent,
  type FormStep,
  type PolicyId,
} from '@cbccvc/rules';
import { groupBy, sqlRows, sqlRun, type Block, type Clock, type Logger, type Mailer, type Principal } from '@cbccvc/platform';
import {
  CallerCache,
  blockAdminsOf,
  emailNotifications,
  emailUnsentNotifications,
  escalationText,
  missedText,
  monthOpenedText,
  reminderText,
  review360InviteText,
  accountLockedText,
  storeNotifications,
  type IdentityProvider,
  type NewNotification,
} from '@cbccvc/organization';
import { createPlanningContext } from '@cbccvc/planning';
import { closeRound, openMonthForms, openRound, progressOf, recordMissed, reopenedForms, stepActors, type EvaluationContext, type StepActor } from '@cbccvc/evaluation';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Activities, CycleEventResult, MonthlyCycleInput, Review360Progress, RoundRef } from './activity-types';

export interface ActivityDeps {
  orm: MikroORM;
  identityProvider: IdentityProvider;
  /** null when no SMTP server is configured: notifications are stored and shown, not e-mailed. */
  mailer: Mailer | null;
  clock: Clock;
  logger: Logger;
}

/** The workflows act in the subgraphs' code as this principal: a city administrator with no person record. */
const systemPrincipal: Principal = {
  subject: 'system:workflows',
  username: 'system:workflows',
  roles: new Set(['city-admin']),
  unitId: null,
  block: null,
  issuedAt: 0,
  token: '',
};

const BATCH = 5_000;

function resumeFrom(): string | null {
  try {
    const details = ActivityContext.current().info.heartbeatDetails as { after?: string } | undefined;
    return details?.after ?? null;
  } catch {
    return null;
  }
}

/** Tells Temporal the activity is alive (and where it got to) when it runs inside one. */
function heartbeat(details?: unknown): void {
  try {
    ActivityContext.current().heartbeat(details);
  } catch {
    // Called outside an activity (a script or a test of the function itself): nothing to report.
  }
}

/**
 * The activities, built from their dependencies. Each one is idempotent: notifications carry a key
 * per person and event and are stored once; missed steps are recorded once; rounds are opened and
 * closed once; accounts are locked once. Running one twice leaves the same state.
 */
export function createActivities(deps: ActivityDeps): Activities {
  const callers = new CallerCache();
  const contextFor = (em: EntityManager): EvaluationContext => createPlanningContext(systemPrincipal, em, { clock: deps.clock, logger: deps.logger, callers });
  const fork = () => deps.orm.em.fork() as EntityManager;

  async function notify(em: EntityManager, list: NewNotification[]): Promise<number> {
    let stored = 0;
    for (let i = 0; i < list.length; i += BATCH) {
      const fresh = await storeNotifications(em, list.slice(i, i + BATCH), { clock: deps.clock });
      stored += fresh.length;
      if (deps.mailer) await emailNotifications(em, deps.mailer, fresh, { logger: deps.logger });
      heartbeat({ notified: i + BATCH });
    }
    return stored;
  }

  async function blockAdmins(em: EntityManager, jurisdictionId: string, blocks: Iterable<string>): Promise<Map<string, string[]>> {
    const admins = new Map<string, string[]>();
    for (const block of new Set(blocks)) admins.set(block, await blockAdminsOf(em, deps.identityProvider, jurisdictionId, block as Block));
    return admins;
  }

  async function handleCycleEvent(input: MonthlyCycleInput & { event: CycleEvent }): Promise<CycleEventResult> {
    const { event, jurisdictionId, month } = input;
    const em = fork();
    const result: CycleEventResult = { concerned: 0, notified: 0, rounds: [], reopened: [] };
    const keyOf = (suffix = '') => `${jurisdictionId}/${event.key}${suffix}`;

    if (event.kind === 'OPEN' && event.step === 'plan') {
      // Everyone's form of the month, so that missing steps are visible from day one.
      await openMonthForms(contextFor(em), jurisdictionId, month, (done) => heartbeat({ formsOpened: done }));
      const everyone = await stepActors(em, jurisdictionId, month, 'selfAssessment');
      const [year, monthNumber] = month.split('-').map(Number) as [number, number];
      const text = monthOpenedText({ month, deadline: monthDeadlines(year, monthNumber, policies[input.policyId]).selfAssessment });
      result.concerned = everyone.length;
      result.notified = await notify(em, everyone.map((a) => ({ personId: a.id, key: keyOf(), kind: 'MONTH_OPENED', ...text })));
      return result;
    }
    if (event.kind === 'OPEN' && event.step === 'review360') {
      result.rounds = await openRounds(em, jurisdictionId, month);
      result.concerned = result.rounds.length;
      return result;
    }
    const step = event.step as FormStep;
    const actors = await stepActors(em, jurisdictionId, month, step);
    const concerned = actorsForEvent(event, actors);
    result.concerned = concerned.length;
    const deadline = new Date(event.reopenedUntil ?? event.deadline!);
    const notifications: NewNotification[] = [];

    if (event.kind === 'REMIND' || event.kind === 'CLOSE') {
      if (event.kind === 'CLOSE') await recordMissed(em, jurisdictionId, month, step, event.deadline!, concerned.map((a) => a.id), deps.clock.now());
      const text = event.kind === 'REMIND' ? reminderText({ step, month, deadline, daysBefore: event.daysBefore ?? 0 }) : missedText({ step, month, deadline });
      const kind = event.kind === 'REMIND' ? 'REMINDER' : 'MISSED_STEP';
      if (step === 'publication') {
        // The block aggregators publish: each hears once, about all their units.
        const admins = await blockAdmins(em, jurisdictionId, concerned.map((a) => a.block));
        for (const personId of new Set([...admins.values()].flat())) notifications.push({ personId, key: keyOf(), kind, deadline, ...text });
      } else {
        for (const actor of concerned) notifications.push({ personId: actor.id, key: keyOf(), kind, deadline, ...text });
      }
    } else if (event.kind === 'ESCALATE_SUPERIOR' || event.kind === 'ESCALATE_NEXT_AUTHORITY') {
      // One message per superior listing how many of theirs missed the step.
      const bySuperior = groupBy(concerned.filter((a) => a.superiorId), (a) => a.superiorId!);
      for (const [superiorId, missed] of bySuperior) {
        notifications.push({ personId: superiorId, key: keyOf(), kind: 'ESCALATION', deadline, ...escalationText({ who: missed.map((a) => a.name), step, month, deadline }) });
      }
    } else if (event.kind === 'ESCALATE_BLOCK_ADMIN') {
      const admins = await blockAdmins(em, jurisdictionId, concerned.map((a) => a.block));
      for (const [block, missed] of groupBy(concerned, (a) => a.block)) {
        for (const personId of admins.get(block) ?? []) {
          notifications.push({ personId, key: keyOf(`/${block}`), kind: 'ESCALATION', deadline, ...escalationText({ who: missed.map((a) => a.name), step, month, deadline }) });
        }
      }
    }
    result.notified = await notify(em, notifications);
    // E-mails that failed before (SMTP down, a crash between storing and sending) are sent now.
    if (deps.mailer) await emailUnsentNotifications(em, deps.mailer, { since: new Date(deps.clock.now().getTime() - 7 * 86_400_000), limit: 10_000 }, { logger: deps.logger });
    result.reopened = await reopenedForms(em, jurisdictionId, month, deps.clock.now());
    return result;
  }

  /** Opens the round of every unit of the jurisdiction that has one (not sub-units: they join their parent's). */
  async function openRounds(em: EntityManager, jurisdictionId: string, month: string): Promise<RoundRef[]> {
    const units = await sqlRows(
      em,
      `select u.id from organization.unit u
        where u.jurisdiction_id = ? and u.closed_at is null and u.kind not in ('SUB_UNIT', 'EXTERNAL_AUTHORITY')
          and (select count(*) from organization.person p where p.unit_id = u.id and p.active) >= 2
        order by u.id`,
      [jurisdictionId],
    );
    const rounds: RoundRef[] = [];
    for (const [index, unit] of units.entries()) {
      // One unit's bad data (someone without an assignment) must not hold back the others' rounds.
      try {
        const round = await openRound(contextFor(fork()), unit.id as string, month);
        rounds.push({ roundId: round.id, unitId: round.unitId, openedAt: round.openedAt.toISOString(), closesAt: round.closesAt.toISOString() });
      } catch (error) {
        deps.logger.warn({ err: error, unitId: unit.id, month }, 'the 360° round of a unit could not be opened');
      }
      heartbeat({ opened: index + 1 });
    }
    return rounds;
  }

  async function raters(em: EntityManager, roundId: string, onlyPending: boolean): Promise<{ month: string; raterIds: string[]; closesAt: Date }> {
    const [round] = await sqlRows(em, 'select month, closes_at from evaluation.review_round where id = ?', [roundId]);
    if (!round) throw new Error(`360° round ${roundId} does not exist`);
    const found = await sqlRows(
      em,
      `select distinct r.rater_id from evaluation.review_rating r join organization.person p on p.id = r.rater_id
        where r.round_id = ? and p.active ${onlyPending ? 'and r.score is null' : ''} order by r.rater_id`,
      [roundId],
    );
    return { month: round.month as string, raterIds: found.map((r) => r.rater_id as string), closesAt: new Date(round.closes_at as string) };
  }

  async function progress(em: EntityManager, roundId: string): Promise<Review360Progress> {
    const round = { id: roundId } as Parameters<typeof progressOf>[1];
    return progressOf(contextFor(em), round);
  }

  return {
    handleCycleEvent,

    async inviteReview360({ roundId }) {
      const em = fork();
      const { month, raterIds, closesAt } = await raters(em, roundId, false);
      const text = review360InviteText({ month, deadline: closesAt });
      return notify(em, raterIds.map((personId) => ({ personId, key: `review360/${roundId}/invite`, kind: 'REVIEW_360_INVITE', deadline: closesAt, ...text })));
    },

    async remindReview360({ roundId, at }) {
      const em = fork();
      const { month, raterIds, closesAt } = await raters(em, roundId, true);
      const text = reminderText({ step: 'review360', month, deadline: closesAt, daysBefore: Math.max(1, Math.ceil((closesAt.getTime() - Date.parse(at)) / 86_400_000)) });
      await notify(em, raterIds.map((personId) => ({ personId, key: `review360/${roundId}/remind/${at}`, kind: 'REMINDER', deadline: closesAt, ...text })));
      return progress(em, roundId);
    },

    async closeReview360({ roundId }) {
      const em = fork();
      await closeRound(contextFor(em), roundId);
      return progress(em, roundId);
    },

    async listJurisdictions() {
      const found = await sqlRows(fork(), `select id, policy_id from organization.jurisdiction where parent_id is not null order by id`);
      return found.map((j) => ({ id: j.id as string, policyId: j.policy_id as PolicyId }));
    },

    async lockExpiredAccounts({ rolloutDate }) {
      const em = fork();
      const now = deps.clock.now();
      // A retried sweep resumes after the last account its previous attempt reported.
      let after = resumeFrom() ?? '00000000-0000-0000-0000-000000000000';
      let checked = 0;
      let locked = 0;
      // Block administrators per jurisdiction and block, asked of the identity provider once a sweep.
      const adminsOf = new Map<string, string[]>();
      for (;;) {
        const page = await sqlRows(
          em,
          `select a.id, a.person_id, a.idp_user_id, a.username, coalesce(a.temporary_password_at, a.issued_at) as issued_at,
                  u.jurisdiction_id, u.block, j.policy_id
             from organization.account a join organization.person p on p.id = a.person_id
             join organization.unit u on u.id = p.unit_id join organization.jurisdiction j on j.id = u.jurisdiction_id
            where a.status = 'PENDING_PASSWORD_CHANGE' and a.id > ? order by a.id limit ?`,
          [after, BATCH],
        );
        if (page.length === 0) return { checked, locked };
        after = page.at(-1)!.id as string;
        checked += page.length;
        const due = page.filter((a) =>
          accountsToLock([{ issuedAt: new Date(a.issued_at as string).toISOString(), passwordChangedAt: null, locked: false }], now.toISOString(), policies[a.policy_id as PolicyId], rolloutDate).length === 1,
        );
        for (const [index, account] of due.entries()) {
          // The identity provider first: if it fails, the row stays pending and a retry takes it again
          // (disabling a disabled user and ending no sessions change nothing).
          await deps.identityProvider.disableUser(account.idp_user_id as string);
          await deps.identityProvider.logout(account.idp_user_id as string);
          const changed = await sqlRun(
            em,
            `update organization.account set status = 'LOCKED', locked_at = ?, locked_reason = ?, version = version + 1 where id = ? and status = 'PENDING_PASSWORD_CHANGE'`,
            [now, 'Quá hạn đổi mật khẩu lần đầu', account.id],
          );
          if (changed === 1) {
            locked += 1;
            await sqlRun(
              em,
              `insert into organization.audit_log (at, actor, action, entity_type, entity_id, before, after) values (?, ?, 'account.lock', 'Account', ?, null, ?::jsonb)`,
              [now, systemPrincipal.username, account.id, JSON.stringify({ status: 'LOCKED', reason: 'password deadline' })],
            );
          }
          const text = accountLockedText({ username: account.username as string, passwordChangeDays: policies[account.policy_id as PolicyId].accounts.passwordChangeDays });
          const adminsKey = `${account.jurisdiction_id as string}/${account.block as string}`;
          let admins = adminsOf.get(adminsKey);
          if (!admins) adminsOf.set(adminsKey, (admins = await blockAdminsOf(em, deps.identityProvider, account.jurisdiction_id as string, account.block as Block)));
          await notify(em, [account.person_id as string, ...admins].map((personId) => ({ personId, key: `account-locked/${account.id}/${account.issued_at as string}`, kind: 'ACCOUNT_LOCKED', ...text })));
          if (index % 100 === 99) heartbeat({ after, checked, locked });
        }
        heartbeat({ after, checked, locked });
      }
    },
  };
}

export type { StepActor };
