/**
 * Workflow code (bundled by the Temporal worker into its deterministic sandbox). No Node built-ins,
 * no I/O, no clock but the workflow's: every "what happens when" comes from packages/rules, every
 * effect is an activity. Lint forbids Node built-ins here (eslint.config.mjs).
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  ParentClosePolicy,
  condition,
  defineQuery,
  defineSignal,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  startChild,
} from '@temporalio/workflow';
import { cycleSchedule, dueEvents, localMonthOf, nextEvents, policies, reopenedSchedule, review360Reminders, type CycleEvent } from '@cbccvc/rules';
import type { Activities, LaunchResult, MonthlyCycleInput, Review360Progress, RoundRef } from './activity-types';

const activities = proxyActivities<Activities>({
  // Activities page through a jurisdiction in batches and heartbeat; a lost worker is noticed fast.
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Deterministic ids: one cycle per jurisdiction and month, one round per unit and month. */
export const cycleWorkflowId = (jurisdictionId: string, month: string) => `cycle/${jurisdictionId}/${month}`;
export const review360WorkflowId = (unitId: string, month: string) => `review360/${unitId}/${month}`;

export const ratingRecordedSignal = defineSignal<[Review360Progress]>('ratingRecorded');
export const cycleProgressQuery = defineQuery<CycleSummary>('progress');

export interface CycleSummary {
  month: string;
  handled: string[];
  notified: number;
  rounds: number;
  /** The next instant the cycle wakes at, or null once the month is over. */
  nextAt: string | null;
}

/** Now, as the workflow sees it (replayed identically). */
const nowIso = () => new Date(Date.now()).toISOString();

/**
 * The calendar of one jurisdiction's month made to happen: sleeps until each event of the policy's
 * schedule (reminders, closes, escalations), handles it, and adds the own reminders and close of
 * anybody reopened meanwhile. Idempotent activities make a retried or replayed event harmless.
 */
export async function monthlyCycle(input: MonthlyCycleInput): Promise<CycleSummary> {
  const policy = policies[input.policyId];
  const [year, month] = input.month.split('-').map(Number) as [number, number];
  const schedule: CycleEvent[] = cycleSchedule(year, month, policy);
  const known = new Set(schedule.map((e) => e.key));
  const summary: CycleSummary = { month: input.month, handled: [], notified: 0, rounds: 0, nextAt: null };
  setHandler(cycleProgressQuery, () => summary);

  // Handled by key, not by time window: an actor reopened at an event gets own events at or just
  // after that instant, and a cycle catching up after an outage must not skip any of them.
  const handled = new Set<string>();
  for (;;) {
    const now = nowIso();
    const due = dueEvents(schedule, null, now).filter((e) => !handled.has(e.key));
    for (const event of due) {
      const result = await activities.handleCycleEvent({ ...input, event });
      handled.add(event.key);
      summary.handled.push(event.key);
      summary.notified += result.notified;
      // Months started before 360° rounds were orchestrated replay without child workflows.
      if (patched('review360-rounds-as-children')) {
        const started = await Promise.all(result.rounds.map((round) => startRound(round, input)));
        summary.rounds += started.reduce((a, b) => a + b, 0);
      }
      for (const reopened of result.reopened) {
        const own = reopenedSchedule({ year, month, step: reopened.step, actorId: reopened.actorId, reopenedAt: event.at, reopenedUntil: reopened.reopenedUntil }, policy);
        for (const e of own) {
          if (!known.has(e.key)) {
            known.add(e.key);
            schedule.push(e);
          }
        }
      }
    }
    if (due.length) continue; // new own events may already be due
    const next = nextEvents(schedule, now).filter((e) => !handled.has(e.key));
    summary.nextAt = next[0]?.at ?? null;
    if (!next.length) return summary;
    await sleep(Math.max(0, Date.parse(next[0]!.at) - Date.now()));
  }
}

async function startRound(round: RoundRef, input: MonthlyCycleInput): Promise<number> {
  try {
    await startChild(review360Round, {
      workflowId: review360WorkflowId(round.unitId, input.month),
      args: [{ ...round, policyId: input.policyId }],
      // The round outlives a cycle that is terminated or reset: it has its own deadline.
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
    return 1;
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return 0;
    throw error;
  }
}

/**
 * One 360° round: invites its raters, reminds those who have not rated, and closes at its deadline
 * or as soon as everyone has rated (the evaluation subgraph signals each rating), then has the
 * digital minutes compiled.
 */
export async function review360Round(input: RoundRef & { policyId: MonthlyCycleInput['policyId'] }): Promise<Review360Progress> {
  const policy = policies[input.policyId];
  let progress: Review360Progress = { given: 0, expected: 1 };
  const everyoneRated = () => progress.given >= progress.expected;
  setHandler(ratingRecordedSignal, (latest) => {
    if (latest.given >= progress.given) progress = latest;
  });
  await activities.inviteReview360({ roundId: input.roundId });
  for (const at of review360Reminders(input.openedAt, input.closesAt, policy)) {
    if (await condition(everyoneRated, Math.max(0, Date.parse(at) - Date.now()))) break;
    const reported = await activities.remindReview360({ roundId: input.roundId, at });
    // A signal may have arrived while the activity ran: keep the most advanced count.
    if (reported.given >= progress.given) progress = reported;
  }
  if (!everyoneRated()) await condition(everyoneRated, Math.max(0, Date.parse(input.closesAt) - Date.now()));
  return activities.closeReview360({ roundId: input.roundId });
}

/**
 * Started by the monthly Schedule shortly after a month opens (Hà Nội time): one cycle per
 * jurisdiction, each with its deterministic id, so a second launch starts nothing twice.
 */
export async function launchMonthlyCycles(): Promise<LaunchResult> {
  const month = localMonthOf(nowIso());
  const result: LaunchResult = { month, started: [], alreadyRunning: [] };
  // All starts in one workflow task: fewer events than one task per child.
  const jurisdictions = await activities.listJurisdictions();
  await Promise.all(
    jurisdictions.map(async (jurisdiction) => {
      const workflowId = cycleWorkflowId(jurisdiction.id, month);
      try {
        await startChild(monthlyCycle, {
          workflowId,
          args: [{ jurisdictionId: jurisdiction.id, month, policyId: jurisdiction.policyId }],
          parentClosePolicy: ParentClosePolicy.ABANDON,
        });
        result.started.push(workflowId);
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        result.alreadyRunning.push(workflowId);
      }
    }),
  );
  result.started.sort();
  result.alreadyRunning.sort();
  return result;
}

/**
 * The daily sweep of password deadlines (DOMAIN §2): every account issued with a temporary password
 * and not changed in time is locked. One activity pages through all accounts with heartbeats, so
 * 250,000 accounts issued at once cost one short history a day.
 */
export async function passwordDeadlineSweep(input: { rolloutDate: string | null }): Promise<{ checked: number; locked: number }> {
  return activities.lockExpiredAccounts({ rolloutDate: input.rolloutDate });
}
