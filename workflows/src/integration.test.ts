/**
 * The workflows on a real Temporal server, their activities replaced by plain functions that record
 * their calls (the workflows' collaborators; the real activities are tested against PostgreSQL).
 *
 * Runs where a server is at hand (see testing/temporal-availability.ts: TEMPORAL_ADDRESS, a
 * TEMPORAL_TEST_SERVER_PATH binary, or the SDK's downloadable time-skipping test server); otherwise
 * the whole file is reported as skipped, with a banner saying why. The decision is taken when the
 * file loads, before `describe`, because jest cannot skip a test once it has started.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Context } from '@temporalio/activity';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { cycleSchedule, localMonthOf, policies, reopenedSchedule, sortEvents, type CycleEvent, type PolicyId } from '@cbccvc/rules';
import type { Activities, CycleEventResult, LaunchResult, MonthlyCycleInput, Review360Progress } from './activity-types';
import { silentLogger } from './testing/history-recorder';
import { quietRuntime } from './testing/replay-support';
import { integrationTarget, skippedBanner } from './testing/temporal-availability';
import type { launchMonthlyCycles, monthlyCycle, review360Round } from './workflows';

const target = integrationTarget();
if (target.kind === 'unavailable') console.warn(skippedBanner('workflows/src/integration.test.ts', target.reason));
const describeWithServer = target.kind === 'unavailable' ? describe.skip : describe;

const DAY = 86_400_000;

interface Recorded {
  events: { key: string; scheduledAt: number }[];
  rounds: string[];
}

/** The activities as plain functions recording their calls, answering as `answers` says. */
function fakeActivities(recorded: Recorded, answers: { reopenAt?: (event: CycleEvent) => CycleEventResult['reopened']; jurisdictions?: { id: string; policyId: PolicyId }[] } = {}): Activities {
  return {
    async handleCycleEvent({ event }) {
      recorded.events.push({ key: event.key, scheduledAt: Context.current().info.scheduledTimestampMs });
      return { concerned: 1, notified: 1, rounds: [], reopened: answers.reopenAt?.(event) ?? [] };
    },
    async inviteReview360({ roundId }) {
      recorded.rounds.push(`invite ${roundId}`);
      return 3;
    },
    async remindReview360({ roundId, at }) {
      recorded.rounds.push(`remind ${roundId} ${at}`);
      return { given: 1, expected: 3 };
    },
    async closeReview360({ roundId }) {
      recorded.rounds.push(`close ${roundId}`);
      return { given: 3, expected: 3 };
    },
    async listJurisdictions() {
      return answers.jurisdictions ?? [];
    },
    async lockExpiredAccounts() {
      return { checked: 0, locked: 0 };
    },
  };
}

describeWithServer(`workflows on ${target.kind === 'unavailable' ? 'a Temporal server' : target.label}`, () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundle;
  const taskQueue = `integration-${randomUUID()}`;
  const started: string[] = [];

  beforeAll(async () => {
    quietRuntime();
    env =
      target.kind === 'existing'
        ? await TestWorkflowEnvironment.createFromExistingServer({ address: target.address, namespace: target.namespace })
        : await TestWorkflowEnvironment.createTimeSkipping(target.kind === 'time-skipping' && target.executablePath ? { server: { executable: { type: 'existing-path', path: target.executablePath } } } : undefined);
    bundle = await bundleWorkflowCode({ workflowsPath: path.join(__dirname, 'workflows.ts'), logger: silentLogger });
  }, 300_000);

  afterAll(async () => {
    // Cycles started by the launcher outlive it (ABANDON): do not leave them on a shared server.
    for (const workflowId of started) await env?.client.workflow.getHandle(workflowId).terminate('integration test over').catch(() => undefined);
    await env?.teardown();
  }, 60_000);

  const worker = (activities: Activities) => Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities });

  it('monthlyCycle handles every event of the month in order, and a reopened actor’s own events', async () => {
    const recorded: Recorded = { events: [], rounds: [] };
    const policy = policies.hanoi2026;
    const now = await env.currentTimeMs();
    // With time skipping, next month's cycle runs through its weeks of timers in seconds. In real
    // time, a month long past: every event is due at once (and nobody can be reopened beyond now).
    const timeSkipping = env.supportsTimeSkipping;
    const month = timeSkipping ? localMonthOf(new Date(Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() + 1, 15)).toISOString()) : localMonthOf(new Date(now - 70 * DAY).toISOString());
    const [year, m] = month.split('-').map(Number) as [number, number];
    const schedule = cycleSchedule(year, m, policy);
    const selfClose = schedule.find((e) => e.kind === 'CLOSE' && e.step === 'selfAssessment')!;
    const reopened = { step: 'selfAssessment' as const, actorId: randomUUID(), reopenedUntil: new Date(Date.parse(selfClose.at) + 3 * DAY).toISOString() };
    const own = timeSkipping ? reopenedSchedule({ year, month: m, step: reopened.step, actorId: reopened.actorId, reopenedAt: selfClose.at, reopenedUntil: reopened.reopenedUntil }, policy) : [];
    const input: MonthlyCycleInput = { jurisdictionId: randomUUID(), month, policyId: 'hanoi2026' };

    const summary = await (await worker(fakeActivities(recorded, { reopenAt: (e) => (timeSkipping && e.key === selfClose.key ? [reopened] : []) }))).runUntil(
      env.client.workflow.execute<typeof monthlyCycle>('monthlyCycle', { taskQueue, workflowId: `cycle/${input.jurisdictionId}/${month}`, args: [input] }),
    );

    const expected = sortEvents([...schedule, ...own]);
    expect(recorded.events.map((e) => e.key)).toEqual(expected.map((e) => e.key));
    expect(summary.handled).toEqual(expected.map((e) => e.key));
    expect(summary.nextAt).toBeNull();
    // Nothing is handled before its time.
    recorded.events.forEach((e, i) => expect([e.key, e.scheduledAt >= Date.parse(expected[i]!.at)]).toEqual([e.key, true]));
  }, 300_000);

  it('review360Round closes as soon as everyone has rated, without reminding anybody', async () => {
    const recorded: Recorded = { events: [], rounds: [] };
    const now = await env.currentTimeMs();
    const roundId = randomUUID();
    const round = { roundId, unitId: randomUUID(), openedAt: new Date(now).toISOString(), closesAt: new Date(now + 10 * DAY).toISOString(), policyId: 'quangTri2019' as PolicyId };
    const result = await (await worker(fakeActivities(recorded))).runUntil(async () => {
      const handle = await env.client.workflow.start<typeof review360Round>('review360Round', { taskQueue, workflowId: `review360/${round.unitId}/test`, args: [round] });
      await handle.signal<[Review360Progress]>('ratingRecorded', { given: 3, expected: 3 });
      return handle.result();
    });
    expect(result).toEqual({ given: 3, expected: 3 });
    expect(recorded.rounds).toEqual([`invite ${roundId}`, `close ${roundId}`]);
  }, 300_000);

  it('launchMonthlyCycles starts one cycle per jurisdiction, and nothing twice', async () => {
    const recorded: Recorded = { events: [], rounds: [] };
    const jurisdictions = [
      { id: randomUUID(), policyId: 'hanoi2026' as PolicyId },
      { id: randomUUID(), policyId: 'quangTri2019' as PolicyId },
    ];
    const run = await worker(fakeActivities(recorded, { jurisdictions }));
    const [first, second] = await run.runUntil(async () => {
      const a = await env.client.workflow.execute<typeof launchMonthlyCycles>('launchMonthlyCycles', { taskQueue, workflowId: `launch-${randomUUID()}` });
      started.push(...a.started);
      const b = await env.client.workflow.execute<typeof launchMonthlyCycles>('launchMonthlyCycles', { taskQueue, workflowId: `launch-${randomUUID()}` });
      return [a, b] as [LaunchResult, LaunchResult];
    });
    const ids = jurisdictions.map((j) => `cycle/${j.id}/${first.month}`);
    expect(first.started).toEqual(ids);
    expect(first.alreadyRunning).toEqual([]);
    expect(second).toEqual({ month: first.month, started: [], alreadyRunning: ids });
  }, 300_000);
});

