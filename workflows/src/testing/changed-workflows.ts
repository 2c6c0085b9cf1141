/**
 * Deliberately changed copies of the workflows, bundled by determinism.test.ts only, to show what
 * the replay of the committed histories catches. Each keeps the real workflow's name, so that it
 * replays that workflow's histories:
 *
 * - monthlyCycle waits a minute's "grace period" before handling the month's first events: a timer
 *   where the history has an activity — a DeterminismViolationError;
 * - passwordDeadlineSweep calls its activity by a new name — a DeterminismViolationError;
 * - review360Round no longer reminds: it waits for the close straight away — its first timer still
 *   matches (Temporal does not compare a timer's duration), but when it fires the code closes the
 *   round where the history reminded the raters — a DeterminismViolationError;
 * - launchMonthlyCycles adds an activity the right way, behind `patched()`: executions recorded
 *   before the change replay without it, so its histories still replay.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, condition, patched, proxyActivities, setHandler, sleep, startChild, defineSignal } from '@temporalio/workflow';
import { cycleSchedule, dueEvents, localMonthOf, nextEvents, policies } from '@cbccvc/rules';
import type { Activities, LaunchResult, MonthlyCycleInput, Review360Progress, RoundRef } from '../activity-types';

interface Renamed {
  lockAccountsPastDeadline(input: { rolloutDate: string | null }): Promise<{ checked: number; locked: number }>;
  recordLaunch(result: LaunchResult): Promise<void>;
}

const options = {
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
} as const;
const activities = proxyActivities<Activities>(options);
const renamed = proxyActivities<Renamed>(options);
const nowIso = () => new Date(Date.now()).toISOString();

export async function monthlyCycle(input: MonthlyCycleInput): Promise<{ handled: string[] }> {
  const policy = policies[input.policyId];
  const [year, month] = input.month.split('-').map(Number) as [number, number];
  const schedule = cycleSchedule(year, month, policy);
  const handled: string[] = [];
  await sleep('1 minute'); // the change
  let handledUntil: string | null = null;
  for (;;) {
    const now = nowIso();
    for (const event of dueEvents(schedule, handledUntil, now)) {
      await activities.handleCycleEvent({ ...input, event });
      handled.push(event.key);
    }
    handledUntil = now;
    const next = nextEvents(schedule, now);
    if (!next.length) return { handled };
    await sleep(Math.max(0, Date.parse(next[0]!.at) - Date.now()));
  }
}

export async function passwordDeadlineSweep(input: { rolloutDate: string | null }): Promise<{ checked: number; locked: number }> {
  return renamed.lockAccountsPastDeadline({ rolloutDate: input.rolloutDate });
}

export async function review360Round(input: RoundRef & { policyId: MonthlyCycleInput['policyId'] }): Promise<Review360Progress> {
  let progress: Review360Progress = { given: 0, expected: 1 };
  setHandler(defineSignal<[Review360Progress]>('ratingRecorded'), (latest) => {
    if (latest.given >= progress.given) progress = latest;
  });
  await activities.inviteReview360({ roundId: input.roundId });
  await condition(() => progress.given >= progress.expected, Math.max(0, Date.parse(input.closesAt) - Date.now())); // the change: no reminders
  return activities.closeReview360({ roundId: input.roundId });
}

export async function launchMonthlyCycles(): Promise<LaunchResult> {
  const month = localMonthOf(nowIso());
  const result: LaunchResult = { month, started: [], alreadyRunning: [] };
  const jurisdictions = await activities.listJurisdictions();
  await Promise.all(
    jurisdictions.map(async (jurisdiction) => {
      const workflowId = `cycle/${jurisdiction.id}/${month}`;
      try {
        await startChild('monthlyCycle', {
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
  if (patched('record-launch')) await renamed.recordLaunch(result); // the change, guarded
  return result;
}
