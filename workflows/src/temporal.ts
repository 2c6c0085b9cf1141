import { Client, Connection, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import { NativeConnection, Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { PolicyId } from '@cbccvc/rules';
import type { Logger } from '@cbccvc/platform';
import { createActivities, type ActivityDeps } from './activities';
import { cycleWorkflowId, launchMonthlyCycles, monthlyCycle, passwordDeadlineSweep, ratingRecordedSignal, review360WorkflowId } from './workflows';
import type { Review360Progress } from './activity-types';

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  /** Temporal Cloud: an API key turns TLS on. A secret: never defaulted. */
  apiKey: string | null;
  /** One password deadline for every account issued before it (a roll-out), or null. */
  passwordRolloutDate: string | null;
}

export function readTemporalConfig(env: NodeJS.ProcessEnv): TemporalConfig | null {
  const address = env.TEMPORAL_ADDRESS?.trim();
  if (!address) return null;
  const rollout = env.PASSWORD_ROLLOUT_DATE?.trim() || null;
  if (rollout && Number.isNaN(Date.parse(rollout))) throw new Error('PASSWORD_ROLLOUT_DATE must be an ISO-8601 instant, e.g. 2026-12-01T00:00:00+07:00');
  return {
    address,
    namespace: env.TEMPORAL_NAMESPACE?.trim() || 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE?.trim() || 'cbccvc',
    apiKey: env.TEMPORAL_API_KEY?.trim() || null,
    passwordRolloutDate: rollout ? new Date(rollout).toISOString() : null,
  };
}

/** The workflow code bundled once per process (the worker's sandbox runs this bundle). */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), logger: quietBundlerLogger });
}

const quietBundlerLogger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} } as never;

export interface RunningOrchestration {
  stop(): Promise<void>;
}

/**
 * A client of the configured Temporal; `TEMPORAL_ADDRESS=local` starts the SDK's development server
 * (it downloads the Temporal CLI, so it needs internet access the first time).
 */
export async function connectTemporal(config: TemporalConfig, logger: Logger, closers: (() => Promise<void>)[]): Promise<Client> {
  if (config.address === 'local') {
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({ server: { namespace: config.namespace } });
    closers.push(() => env.teardown());
    config.address = env.address;
    logger.info({ address: env.address }, 'started the local Temporal development server');
  }
  const tls = config.apiKey ? {} : undefined;
  const connection = await Connection.connect({ address: config.address, tls, apiKey: config.apiKey ?? undefined, connectTimeout: '5 seconds' });
  closers.push(() => connection.close());
  return new Client({ connection, namespace: config.namespace });
}

/** The evaluation subgraph's notice to a running 360° round: a rating came in. */
export async function signalRating(client: Client, round: { unitId: string; month: string }, progress: Review360Progress): Promise<void> {
  await client.workflow.getHandle(review360WorkflowId(round.unitId, round.month)).signal(ratingRecordedSignal, progress);
}

/** Runs a worker with the activities and installs the schedules. */
export async function startOrchestration(config: TemporalConfig, deps: ActivityDeps, client: Client, logger: Logger): Promise<RunningOrchestration> {
  const tls = config.apiKey ? {} : undefined;
  const connection = await NativeConnection.connect({ address: config.address, tls, apiKey: config.apiKey ?? undefined });
  const worker = await Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    workflowBundle: await bundleWorkflows(),
    activities: createActivities(deps),
  });
  const running = worker.run();
  await installSchedules(client, config);
  logger.info({ address: config.address, namespace: config.namespace, taskQueue: config.taskQueue }, 'orchestration on: worker running, schedules installed');
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

/**
 * The two schedules, created once and updated on later starts: the monthly launcher at 00:05 on the
 * 1st (Hà Nội) and the daily password sweep at 01:00.
 */
export async function installSchedules(client: Client, config: Pick<TemporalConfig, 'taskQueue' | 'passwordRolloutDate'>): Promise<void> {
  const schedules = [
    {
      scheduleId: 'monthly-cycle-launcher',
      spec: { calendars: [{ dayOfMonth: 1, hour: 0, minute: 5 }], timezone: 'Asia/Ho_Chi_Minh' },
      action: { type: 'startWorkflow' as const, workflowType: launchMonthlyCycles, args: [] as [], taskQueue: config.taskQueue },
    },
    {
      scheduleId: 'password-deadline-sweep',
      spec: { calendars: [{ hour: 1, minute: 0 }], timezone: 'Asia/Ho_Chi_Minh' },
      action: { type: 'startWorkflow' as const, workflowType: passwordDeadlineSweep, args: [{ rolloutDate: config.passwordRolloutDate }] as [{ rolloutDate: string | null }], taskQueue: config.taskQueue },
    },
  ];
  for (const schedule of schedules) {
    try {
      await client.schedule.create({ ...schedule, policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' } } as never);
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await client.schedule.getHandle(schedule.scheduleId).update((previous) => ({ ...previous, spec: schedule.spec, action: schedule.action }) as never);
    }
  }
}

/** Starts (or finds) the cycle of a jurisdiction's month by hand: the same id, so never twice. */
export async function startMonthlyCycle(client: Client, taskQueue: string, input: { jurisdictionId: string; month: string; policyId: PolicyId }): Promise<string> {
  const workflowId = cycleWorkflowId(input.jurisdictionId, input.month);
  const handle = await client.workflow.start(monthlyCycle, {
    workflowId,
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
  });
  return handle.firstExecutionRunId;
}
