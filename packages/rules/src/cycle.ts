/**
 * Decision logic of the monthly cycle workflow (DOMAIN §2, §7, §8): which timed events a month has
 * for one jurisdiction (open, reminders, closes, escalations), which of them are due, who among the
 * actors of a step is reminded or has missed it (reopened steps included), and which accounts the
 * daily sweep locks for an unchanged temporary password.
 *
 * The Temporal workflow imports only this: plain data in, plain data out, ISO-8601 UTC instants, no
 * clock, no Node built-ins, so that a replay computes exactly what the first run did. Every date
 * comes from `monthDeadlines`/`deadlineMs` (calendar.ts): one place for the calendar.
 */
import { deadlineMs, isoInstant, monthDeadlines } from './calendar';
import { checkArray, checkId, checkObject, invalid } from './errors';
import { FormStep, instantMs } from './evaluation';
import { Policy, defaultPolicy } from './policy';

export type { EscalationRule, ReminderRule } from './policy';

/** The form steps plus the two things that only open: the month's plans and the 360° round. */
export type CycleStep = 'plan' | 'review360' | FormStep;

export type CycleEventKind =
  | 'OPEN'
  | 'REMIND'
  | 'CLOSE'
  | 'ESCALATE_SUPERIOR'
  | 'ESCALATE_NEXT_AUTHORITY'
  | 'ESCALATE_BLOCK_ADMIN';

/** Who the event is addressed to (the workflow resolves the people). */
export type CycleAudience = 'ACTOR' | 'SUPERIOR' | 'BLOCK_ADMIN' | 'NEXT_AUTHORITY' | 'BLOCK_AGGREGATOR';

export interface CycleEvent {
  /** When it happens (ISO-8601 UTC, whole seconds). */
  readonly at: string;
  readonly kind: CycleEventKind;
  readonly step: CycleStep;
  readonly audience: CycleAudience;
  /**
   * Stable and unique within one jurisdiction's month (prefix the jurisdiction for a global id), e.g.
   * `2026-11/self/remind-3d`: the same inputs always give the same key, so it is an idempotency key.
   */
  readonly key: string;
  /** The step's general deadline (first late instant); null for OPEN. */
  readonly deadline: string | null;
  /** REMIND only: whole days before the deadline; null otherwise. */
  readonly daysBefore: number | null;
  /** Set only on a reopened actor's own events (`reopenedSchedule`); null on the month's events. */
  readonly actorId: string | null;
  readonly reopenedUntil: string | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Process order: ties at one instant are broken by step, then kind, then key (deterministic). */
const STEP_ORDER: readonly CycleStep[] = ['plan', 'review360', 'selfAssessment', 'comment', 'decision', 'publication'];
/** A step is closed (who missed it recorded) before anybody is told about it. */
const KIND_ORDER: readonly CycleEventKind[] = [
  'OPEN',
  'REMIND',
  'CLOSE',
  'ESCALATE_SUPERIOR',
  'ESCALATE_NEXT_AUTHORITY',
  'ESCALATE_BLOCK_ADMIN',
];
const FORM_STEPS: readonly FormStep[] = ['selfAssessment', 'comment', 'decision', 'publication'];

/** Short, stable codes used in keys (changing one would change every idempotency key). */
const STEP_CODE: Readonly<Record<CycleStep, string>> = {
  plan: 'plan',
  review360: 'review360',
  selfAssessment: 'self',
  comment: 'comment',
  decision: 'decision',
  publication: 'publication',
};
const KIND_CODE: Readonly<Record<Exclude<CycleEventKind, 'REMIND'>, string>> = {
  OPEN: 'open',
  CLOSE: 'close',
  ESCALATE_SUPERIOR: 'escalate-superior',
  ESCALATE_NEXT_AUTHORITY: 'escalate-next-authority',
  ESCALATE_BLOCK_ADMIN: 'escalate-block-admin',
};

function checkPolicy(value: unknown): Policy {
  if (value === undefined) return defaultPolicy;
  const p = checkObject('policy', value);
  if (typeof p.calendar !== 'object' || p.calendar === null) throw invalid('policy', 'must be a Policy');
  const reminders = checkObject('policy.reminders', p.reminders);
  const days = checkArray('policy.reminders.daysBefore', reminders.daysBefore);
  days.forEach((d, i) => {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 1 || d > 31) {
      throw invalid(`policy.reminders.daysBefore[${i}]`, 'must be a whole number of days from 1 to 31', d);
    }
  });
  // Two equal entries would give two events with one key.
  if (new Set(days).size !== days.length) throw invalid('policy.reminders.daysBefore', 'must not repeat a day');
  const hour = reminders.localHour;
  if (typeof hour !== 'number' || !Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw invalid('policy.reminders.localHour', 'must be a whole hour from 0 to 23', hour);
  }
  const escalation = checkObject('policy.escalation', p.escalation);
  const after = escalation.blockAdminAfterDays;
  if (after !== null && (typeof after !== 'number' || !Number.isInteger(after) || after < 1 || after > 31)) {
    throw invalid('policy.escalation.blockAdminAfterDays', 'must be null or a whole number of days from 1 to 31', after);
  }
  const last = escalation.blockAdminAfterLastStepDays;
  if (typeof last !== 'number' || !Number.isInteger(last) || last < 1 || last > 31) {
    throw invalid('policy.escalation.blockAdminAfterLastStepDays', 'must be a whole number of days from 1 to 31', last);
  }
  return value as Policy;
}

/** An instant for output: whole seconds as calendar.ts writes them, milliseconds only when present. */
function toIso(ms: number): string {
  return ms % 1000 === 0 ? isoInstant(ms) : new Date(ms).toISOString();
}

function monthKey(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

function compareEvents(a: CycleEvent, b: CycleEvent): number {
  return (
    instantMs('at', a.at) - instantMs('at', b.at) ||
    STEP_ORDER.indexOf(a.step) - STEP_ORDER.indexOf(b.step) ||
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    // Plain code-unit order: localeCompare would depend on the machine's ICU data.
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** Sorts events (e.g. the month's schedule merged with reopened actors' own) into processing order. */
export function sortEvents(events: readonly CycleEvent[]): CycleEvent[] {
  checkArray('events', events);
  return [...events].sort(compareEvents);
}

/** The instant the month opens: local midnight starting day 1 ("before day 1"). */
export function monthOpensAt(year: number, month: number, policy: Policy = defaultPolicy): string {
  const p = checkPolicy(policy);
  monthDeadlines(year, month, p); // validates year and month
  return isoInstant(deadlineMs(year, month, { beforeDay: 1, monthOffset: 0 }, p));
}

/**
 * Reminder instants for a deadline: `localHour` on the local day `d − 1` days before the last local
 * day on which the step is still on time (so 1 = that last day, 3 = two days earlier). Kept only when
 * strictly before the deadline and not before `fromMs` (the month's opening, or a reopening).
 */
function reminderInstants(deadline: number, fromMs: number, policy: Policy): { days: number; at: number }[] {
  const offset = policy.calendar.utcOffsetMinutes * 60_000;
  const lastLocalDay = Math.floor((deadline - 1 + offset) / DAY);
  const result: { days: number; at: number }[] = [];
  for (const days of policy.reminders.daysBefore) {
    const at = (lastLocalDay - (days - 1)) * DAY + policy.reminders.localHour * HOUR - offset;
    if (at >= fromMs && at < deadline) result.push({ days, at });
  }
  return result;
}

interface StepTimes {
  step: FormStep;
  deadline: number;
  /** When the block admin hears of who still missed the step. */
  blockAdminAt: number;
}

/** The month's form steps with their deadlines (the comment step only when the policy has one). */
function stepTimes(year: number, month: number, policy: Policy): StepTimes[] {
  const deadlines = monthDeadlines(year, month, policy);
  const steps = FORM_STEPS.flatMap((step) => {
    const d = deadlines[step];
    return d === null ? [] : [{ step, deadline: instantMs(step, d) }];
  });
  const { blockAdminAfterDays, blockAdminAfterLastStepDays } = policy.escalation;
  return steps.map((s, i) => ({
    ...s,
    // "Then to the block admin": one step later by default, else the policy's fixed delay.
    blockAdminAt:
      blockAdminAfterDays !== null
        ? s.deadline + blockAdminAfterDays * DAY
        : i + 1 < steps.length
          ? steps[i + 1].deadline
          : s.deadline + blockAdminAfterLastStepDays * DAY,
  }));
}

/** Publication is the block aggregator's step; every other step is the person's own. */
const actorAudience = (step: FormStep): CycleAudience => (step === 'publication' ? 'BLOCK_AGGREGATOR' : 'ACTOR');

/** A decider who misses the decision goes to the next authority (DOMAIN §7), anyone else to their superior. */
const missEscalation = (step: FormStep): { kind: 'ESCALATE_SUPERIOR' | 'ESCALATE_NEXT_AUTHORITY'; audience: CycleAudience } =>
  step === 'decision'
    ? { kind: 'ESCALATE_NEXT_AUTHORITY', audience: 'NEXT_AUTHORITY' }
    : { kind: 'ESCALATE_SUPERIOR', audience: 'SUPERIOR' };

/**
 * The month's timed events for one jurisdiction, sorted: OPEN (plans, forms, and the 360° round when
 * the policy runs one) at the month's opening; for each step REMIND on `reminders.daysBefore` at
 * `reminders.localHour` (skipped before the opening), CLOSE and the escalation of the missing actors
 * (superior; next authority for the decision) at the deadline, and ESCALATE_BLOCK_ADMIN one step
 * later (or after `escalation.blockAdminAfterDays`).
 */
export function cycleSchedule(year: number, month: number, policy: Policy = defaultPolicy): CycleEvent[] {
  const p = checkPolicy(policy);
  const opens = instantMs('opens', monthOpensAt(year, month, p));
  const ym = monthKey(year, month);
  const events: CycleEvent[] = [];
  const base = { daysBefore: null, actorId: null, reopenedUntil: null };
  const opening: CycleStep[] = p.review360.enabled ? ['plan', 'selfAssessment', 'review360'] : ['plan', 'selfAssessment'];
  for (const step of opening) {
    events.push({ ...base, at: isoInstant(opens), kind: 'OPEN', step, audience: 'ACTOR', key: `${ym}/${STEP_CODE[step]}/open`, deadline: null });
  }
  for (const { step, deadline, blockAdminAt } of stepTimes(year, month, p)) {
    const code = `${ym}/${STEP_CODE[step]}`;
    const common = { ...base, step, deadline: isoInstant(deadline) };
    for (const r of reminderInstants(deadline, opens, p)) {
      events.push({ ...common, at: isoInstant(r.at), kind: 'REMIND', audience: actorAudience(step), key: `${code}/remind-${r.days}d`, daysBefore: r.days });
    }
    const miss = missEscalation(step);
    events.push(
      { ...common, at: isoInstant(deadline), kind: 'CLOSE', audience: actorAudience(step), key: `${code}/${KIND_CODE.CLOSE}` },
      { ...common, at: isoInstant(deadline), kind: miss.kind, audience: miss.audience, key: `${code}/${KIND_CODE[miss.kind]}` },
      { ...common, at: isoInstant(blockAdminAt), kind: 'ESCALATE_BLOCK_ADMIN', audience: 'BLOCK_ADMIN', key: `${code}/${KIND_CODE.ESCALATE_BLOCK_ADMIN}` },
    );
  }
  return events.sort(compareEvents);
}

/** The first and last instants of the month's schedule (the window every event lies in). */
export function cycleWindow(year: number, month: number, policy: Policy = defaultPolicy): { opensAt: string; closesAt: string } {
  const p = checkPolicy(policy);
  const opensAt = monthOpensAt(year, month, p);
  const last = Math.max(...stepTimes(year, month, p).map((s) => Math.max(s.deadline, s.blockAdminAt)));
  return { opensAt, closesAt: isoInstant(last) };
}

export interface ReopenedStep {
  year: number;
  month: number;
  step: FormStep;
  actorId: string;
  /** When the authority reopened it: reminders before this instant are skipped. */
  reopenedAt: string;
  /** The actor's own deadline (exclusive, as `stepDeadline` reads it). */
  reopenedUntil: string;
}

/**
 * The events of one actor's reopened step: REMIND before their own deadline (same days and hour as
 * the month, not before the reopening), and CLOSE with the superior's (next authority's) escalation at
 * it. The block admin gets their own escalation only when the month's ESCALATE_BLOCK_ADMIN for the
 * step fell inside the reopening (the actor was not counted missing then), the same interval later.
 * Keys carry the actor and the reopened deadline, so a second reopening gets new keys.
 */
export function reopenedSchedule(reopened: ReopenedStep, policy: Policy = defaultPolicy): CycleEvent[] {
  const r = checkObject('reopened', reopened);
  const p = checkPolicy(policy);
  const actorId = checkId('actorId', r.actorId);
  const from = instantMs('reopenedAt', r.reopenedAt);
  const until = instantMs('reopenedUntil', r.reopenedUntil);
  if (until <= from) throw invalid('reopenedUntil', 'must be after reopenedAt', r.reopenedUntil);
  const year = reopened.year;
  const month = reopened.month;
  const times = stepTimes(year, month, p).find((s) => s.step === r.step);
  if (!times) {
    if (!(FORM_STEPS as readonly unknown[]).includes(r.step)) throw invalid('step', `must be one of ${FORM_STEPS.join(', ')}`, r.step);
    throw invalid('step', `comment is not a step under policy ${p.id} in ${monthKey(year, month)}`);
  }
  const step = times.step;
  const untilIso = toIso(until);
  const code = `${monthKey(year, month)}/${STEP_CODE[step]}/reopened/${actorId}/${untilIso}`;
  const common = { step, deadline: isoInstant(times.deadline), daysBefore: null, actorId, reopenedUntil: untilIso };
  const events: CycleEvent[] = reminderInstants(until, from, p).map((x) => ({
    ...common,
    at: toIso(x.at),
    kind: 'REMIND',
    audience: actorAudience(step),
    key: `${code}/remind-${x.days}d`,
    daysBefore: x.days,
  }));
  const miss = missEscalation(step);
  events.push(
    { ...common, at: untilIso, kind: 'CLOSE', audience: actorAudience(step), key: `${code}/${KIND_CODE.CLOSE}` },
    { ...common, at: untilIso, kind: miss.kind, audience: miss.audience, key: `${code}/${KIND_CODE[miss.kind]}` },
  );
  if (until > times.blockAdminAt) {
    const at = until + (times.blockAdminAt - times.deadline);
    events.push({ ...common, at: toIso(at), kind: 'ESCALATE_BLOCK_ADMIN', audience: 'BLOCK_ADMIN', key: `${code}/${KIND_CODE.ESCALATE_BLOCK_ADMIN}` });
  }
  return events.sort(compareEvents);
}

function checkEvents(schedule: readonly CycleEvent[]): { event: CycleEvent; ms: number }[] {
  return checkArray('schedule', schedule).map((e, i) => {
    const event = checkObject(`schedule[${i}]`, e) as unknown as CycleEvent;
    return { event, ms: instantMs(`schedule[${i}].at`, event.at) };
  });
}

/**
 * The events at the earliest instant at or after `now` (all of them when several share it); empty
 * when nothing is left. The workflow sleeps until their `at`. Together with `dueEvents`:
 *
 *     let handled = null;
 *     for (;;) { for (const e of dueEvents(s, handled, now)) act(e); handled = now;
 *                const next = nextEvents(s, now); if (!next.length) break; await sleepUntil(next[0].at); }
 */
export function nextEvents(schedule: readonly CycleEvent[], nowIso: string): CycleEvent[] {
  const now = instantMs('now', nowIso);
  const later = checkEvents(schedule).filter((e) => e.ms >= now);
  if (later.length === 0) return [];
  const first = Math.min(...later.map((e) => e.ms));
  return later.filter((e) => e.ms === first).map((e) => e.event).sort(compareEvents);
}

/**
 * The events with `from < at ≤ to`, in order: `from` is the instant already handled (null = from the
 * beginning), `to` is now. Consecutive calls (null, t1], (t1, t2], … neither repeat nor miss an event.
 */
export function dueEvents(schedule: readonly CycleEvent[], fromIso: string | null, toIso: string): CycleEvent[] {
  const from = fromIso === null ? -Infinity : instantMs('from', fromIso);
  const to = instantMs('to', toIso);
  if (to < from) throw invalid('to', 'must not be before from', toIso);
  return checkEvents(schedule)
    .filter((e) => e.ms > from && e.ms <= to)
    .map((e) => e.event)
    .sort(compareEvents);
}

/** One actor's state for one step (a person's self-assessment, a commenter's or decider's forms, an aggregator's publication). */
export interface ActorStepState {
  id: string;
  done: boolean;
  /** The authority reopened the step for this actor until this instant (exclusive); null when not. */
  reopenedUntil?: string | null;
}

/** OPEN: before the deadline; REOPENED: past it but inside a reopening; MISSED: past both, not done. */
export type ActorStatus = 'DONE' | 'OPEN' | 'REOPENED' | 'MISSED';

function reopenedMs(actor: ActorStepState, field: string): number | null {
  const until = actor.reopenedUntil;
  return until === undefined || until === null ? null : instantMs(`${field}.reopenedUntil`, until);
}

function checkActor(value: unknown, field: string): ActorStepState {
  const a = checkObject(field, value);
  checkId(`${field}.id`, a.id);
  if (typeof a.done !== 'boolean') throw invalid(`${field}.done`, 'must be a boolean', a.done);
  return a as unknown as ActorStepState;
}

function statusAt(actor: ActorStepState, deadline: number, at: number, field: string): ActorStatus {
  if (actor.done) return 'DONE';
  if (at < deadline) return 'OPEN';
  const until = reopenedMs(actor, field);
  // Same reading as stepDeadline: late at `deadline`, unless reopened until a later instant.
  return until !== null && until > at ? 'REOPENED' : 'MISSED';
}

/** One actor's status at `at` for a step whose general deadline is `deadline`. */
export function actorStatus(actor: ActorStepState, deadlineIso: string, atIso: string): ActorStatus {
  const a = checkActor(actor, 'actor');
  return statusAt(a, instantMs('deadline', deadlineIso), instantMs('at', atIso), 'actor');
}

function byStatus<T extends ActorStepState>(actors: readonly T[], deadlineIso: string, atIso: string, wanted: readonly ActorStatus[]): T[] {
  const deadline = instantMs('deadline', deadlineIso);
  const at = instantMs('at', atIso);
  return checkArray('actors', actors).filter((a, i) =>
    wanted.includes(statusAt(checkActor(a, `actors[${i}]`), deadline, at, `actors[${i}]`)),
  ) as T[];
}

/** Who missed the step at `at`: not done, past the deadline and outside any reopening. Input order kept. */
export function missedActors<T extends ActorStepState>(actors: readonly T[], deadlineIso: string, atIso: string): T[] {
  return byStatus(actors, deadlineIso, atIso, ['MISSED']);
}

/** Who should be reminded at `at`: not done and still allowed to act (before the deadline or reopened). */
export function actorsToRemind<T extends ActorStepState>(actors: readonly T[], deadlineIso: string, atIso: string): T[] {
  return byStatus(actors, deadlineIso, atIso, ['OPEN', 'REOPENED']);
}

/**
 * The actors an event concerns: OPEN everybody; REMIND those still allowed to act; CLOSE and the
 * escalations those who missed the step at the event's instant. A reopened actor's event concerns
 * only that actor and only while their reopening is the one it was made for (a changed reopening
 * has its own events, so stale ones fall silent).
 */
export function actorsForEvent<T extends ActorStepState>(event: CycleEvent, actors: readonly T[]): T[] {
  const e = checkObject('event', event) as unknown as CycleEvent;
  const list = checkArray('actors', actors) as readonly T[];
  if (e.kind === 'OPEN') return [...list];
  if (e.deadline === null) throw invalid('event.deadline', `is required for ${e.kind}`);
  let concerned: readonly T[] = list;
  if (e.actorId !== null) {
    const until = instantMs('event.reopenedUntil', e.reopenedUntil);
    concerned = list.filter((a, i) => a.id === e.actorId && reopenedMs(checkActor(a, `actors[${i}]`), `actors[${i}]`) === until);
  }
  return e.kind === 'REMIND' ? actorsToRemind(concerned, e.deadline, e.at) : missedActors(concerned, e.deadline, e.at);
}

/**
 * The first instant an account is late to change its temporary password (DOMAIN §2): `issuedAt`
 * plus `accounts.passwordChangeDays` whole days of 24 h (as organization stores it). A roll-out date
 * is the one deadline for every account issued before it; it never shortens the policy's days, so
 * an account issued near or after it still gets them: the later of the two.
 */
export function passwordDeadline(issuedAtIso: string, policy: Policy = defaultPolicy, rolloutDateIso?: string | null): string {
  const days = passwordDays(policy);
  return toIso(passwordDeadlineMs(instantMs('issuedAt', issuedAtIso), days, rolloutMs(rolloutDateIso)));
}

function passwordDays(policy: unknown): number {
  const p = policy === undefined ? defaultPolicy : (checkObject('policy', policy) as unknown as Policy);
  const days: unknown = p.accounts?.passwordChangeDays;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1) {
    throw invalid('policy.accounts.passwordChangeDays', 'must be a whole number of days ≥ 1', days);
  }
  return days;
}

function rolloutMs(value: string | null | undefined): number | null {
  return value === undefined || value === null ? null : instantMs('rolloutDate', value);
}

function passwordDeadlineMs(issued: number, days: number, rollout: number | null): number {
  const own = issued + days * DAY;
  return rollout === null ? own : Math.max(own, rollout);
}

export interface AccountPasswordState {
  /** When the current temporary password was issued (the account's issue, or its last reset). */
  issuedAt: string;
  /** When the holder last changed their password; null when never. */
  passwordChangedAt: string | null;
  locked: boolean;
}

/**
 * The accounts the daily sweep locks at `now`: not locked, temporary password not changed since it
 * was issued, and `now` at or past the password deadline. Input order kept; the caller's own fields
 * (ids) come back untouched.
 */
export function accountsToLock<T extends AccountPasswordState>(
  accounts: readonly T[],
  nowIso: string,
  policy: Policy = defaultPolicy,
  rolloutDateIso?: string | null,
): T[] {
  const now = instantMs('now', nowIso);
  const rollout = rolloutMs(rolloutDateIso);
  const days = passwordDays(policy);
  return checkArray('accounts', accounts).filter((value, i) => {
    const a = checkObject(`accounts[${i}]`, value);
    const issued = instantMs(`accounts[${i}].issuedAt`, a.issuedAt);
    if (typeof a.locked !== 'boolean') throw invalid(`accounts[${i}].locked`, 'must be a boolean', a.locked);
    const changed = a.passwordChangedAt === null || a.passwordChangedAt === undefined ? null : instantMs(`accounts[${i}].passwordChangedAt`, a.passwordChangedAt);
    if (a.locked) return false;
    // A change before the last reset does not count: the reset issued a new temporary password.
    if (changed !== null && changed >= issued) return false;
    return now >= passwordDeadlineMs(issued, days, rollout);
  }) as T[];
}

/**
 * The reminders of a 360° round to the raters who have not rated yet: the month's reminder days and
 * hour before the round's close, none before it opened. The round closes at `closesAt` or as soon as
 * everyone has rated.
 */
export function review360Reminders(openedAtIso: string, closesAtIso: string, policy: Policy = defaultPolicy): string[] {
  const p = checkPolicy(policy);
  const opened = instantMs('openedAt', openedAtIso);
  const closes = instantMs('closesAt', closesAtIso);
  if (closes <= opened) throw invalid('closesAt', 'must be after openedAt', closesAtIso);
  return reminderInstants(closes, opened, p)
    .map((r) => r.at)
    .sort((a, b) => a - b)
    .map(toIso);
}

/** The month ('YYYY-MM') an instant falls in, in the policy's local time (Hà Nội: UTC+7). */
export function localMonthOf(atIso: string, policy: Policy = defaultPolicy): string {
  const p = checkPolicy(policy);
  return toIso(instantMs('at', atIso) + p.calendar.utcOffsetMinutes * 60_000).slice(0, 7);
}
