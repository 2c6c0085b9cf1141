/**
 * Records Temporal workflow histories without a Temporal server, by driving the real workflow code
 * through the SDK's own replayer one workflow task at a time:
 *
 *   1. the history so far ends with WorkflowTaskScheduled and WorkflowTaskStarted (at first it is
 *      just WorkflowExecutionStarted and those two); the replayer replays it and runs that last
 *      workflow task live, exactly as a worker polling a server would;
 *   2. a workflow interceptor bundled with the code (`recorder-interceptors.ts`) reports, through a
 *      sink that is called during replay too, the commands that last activation issued and the SDK
 *      flags it used;
 *   3. the recorder plays the server: it appends WorkflowTaskCompleted and the event each command
 *      becomes (ActivityTaskScheduled, TimerStarted, TimerCanceled, StartChildWorkflowExecution-
 *      Initiated, MarkerRecorded + the search-attribute upsert Core adds for a patch,
 *      WorkflowExecutionCompleted), then the next thing that happens in the scenario (an activity
 *      completes with its scripted result, a timer fires, a child starts or already exists, a child
 *      completes, a signal arrives), then the next WorkflowTaskScheduled/Started; repeat until the
 *      workflow completes.
 *
 * Event times are simulated: the workflow's clock (`Date.now()` in workflow code) is the event time
 * of WorkflowTaskStarted, so timers fire and activities finish on the scenario's calendar. Everything
 * is derived from the scenario (ids from hashes), so recording twice writes identical files.
 *
 * The events are written in the proto JSON form that `temporal workflow show --output json` prints
 * (and `historyFromJSON` reads); `toCanonicalJson` round-trips them through the protobuf History
 * message so that a field name or value the proto does not know fails the recording instead of
 * being dropped silently.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { JSONToPayload, historyFromJSON, historyToJSON, payloadToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { Worker, bundleWorkflowCode, type InjectedSinks, type ReplayHistoriesIterable, type WorkflowBundle } from '@temporalio/worker';
import type { RecordedActivation, RecorderSinks } from './recorder-interceptors';

/** Proto JSON (the `temporal workflow show --output json` form) of one history event. */
export interface JsonHistoryEvent {
  eventId: string;
  eventTime: string;
  eventType: string;
  taskId: string;
  [attributes: string]: unknown;
}
export interface JsonHistory {
  events: JsonHistoryEvent[];
}
type Json = Record<string, unknown>;

export interface ScriptedActivity {
  result: unknown;
  /** How long the attempt ran (default one second). */
  durationMs?: number;
}

export type ScriptedChild =
  | {
      outcome: 'started';
      /**
       * The child's completion, recorded in this history when the parent is still open then:
       * scripted, or 'asRecorded' when the child is a later scenario of the same batch (the parent
       * is then recorded again with the child's actual completion time and result).
       */
      completes?: { at: string; result: unknown } | 'asRecorded';
    }
  | { outcome: 'alreadyExists' };

export interface Scenario {
  /** File name under workflows/histories/ (without .json). */
  name: string;
  description: string;
  workflowType: string;
  workflowId: string;
  args: unknown[];
  /** When the server accepted the start (the first WorkflowTaskStarted follows a few ms later). */
  startedAt: string;
  /**
   * Started by another workflow as a child: its id, run and the initiating event, or the name of
   * a scenario recorded earlier in the same batch whose history started this one (then `args` and
   * `startedAt` are taken from that history, so parent and child agree event for event).
   */
  parent?: { workflowId: string; runId: string; initiatedEventId: number } | { scenario: string };
  /** Started by a Temporal Schedule: its id and the nominal time of the action. */
  schedule?: { scheduleId: string; nominalTime: string };
  /** The activity's outcome for these arguments, scheduled at `at`. */
  activity(activityType: string, args: unknown[], at: string): ScriptedActivity;
  /** The outcome of starting a child workflow. */
  child?(workflowId: string, workflowType: string, args: unknown[]): ScriptedChild;
  /** Signals sent to the workflow (each must arrive before the workflow completes). */
  signals?: { at: string; name: string; args: unknown[] }[];
}

export interface RecordedHistory {
  scenario: Scenario;
  /** Canonical proto JSON, as committed under workflows/histories/. */
  json: JsonHistory;
  /** The same history as the protobuf message the replayer takes. */
  history: temporal.api.history.v1.IHistory;
  /** What the workflow returned. */
  result: unknown;
}

export const NAMESPACE = 'default';
export const TASK_QUEUE = 'cbccvc';
const NAMESPACE_ID = uuidFrom('namespace', NAMESPACE);
const IDENTITY = '1@cbccvc-worker';
const STICKY_QUEUE = `${IDENTITY}-${uuidFrom('sticky', IDENTITY).replace(/-/g, '')}`;
const SDK_NAME = 'temporal-typescript';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SDK_VERSION = (require('@temporalio/worker/package.json') as { version: string }).version;
/**
 * Core's internal flags (sdk-core `CoreInternalFlags`, internal_flags.rs in @temporalio/core-bridge):
 * a worker writes all it knows in a new execution's first WorkflowTaskCompleted. They matter on
 * replay: with UpsertSearchAttributeOnPatch (2) Core expects the TemporalChangeVersion upsert after
 * each patch marker, with IdAndTypeDeterminismChecks (1) it compares activity and child types.
 */
const CORE_FLAGS = [1, 2, 3];
const PATCH_MARKER_NAME = 'core_patch';
const PATCH_DETAILS_KEY = 'patch-data';
const CHANGE_VERSION_SEARCH_ATTRIBUTE = 'TemporalChangeVersion';

/** Simulated latencies, in microseconds. */
const LATENCY = {
  schedulePoll: 3_100,
  taskRun: 6_400,
  command: 17,
  activityPickup: 4_300,
  childStart: 9_200,
  childClose: 5_300,
  afterEvent: 11,
};

const { EventType } = temporal.api.enums.v1;
const eventTypeName = (t: temporal.api.enums.v1.EventType) => EventType[t];

/** A deterministic UUID (version 4 layout) named by its purpose, so recordings are reproducible. */
export function uuidFrom(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const WORKFLOWS_ROOT = path.resolve(__dirname, '../..');

/** The real workflow code with the recorder's interceptor: only the recorder runs this bundle. */
export function bundleForRecording(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({
    workflowsPath: path.join(WORKFLOWS_ROOT, 'src/workflows.ts'),
    workflowInterceptorModules: [path.join(WORKFLOWS_ROOT, 'src/testing/recorder-interceptors.ts')],
    logger: silentLogger,
  });
}

export const silentLogger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

// ---------------------------------------------------------------------------------------------
// Formatting helpers (proto JSON)

function timeJson(us: number): string {
  const ms = Math.floor(us / 1000);
  const micros = String(Math.round(us - ms * 1000)).padStart(3, '0');
  return new Date(ms).toISOString().replace('Z', `${micros}Z`);
}

function durationJson(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(3)}s`;
}

/** Microseconds since the epoch of an RFC 3339 instant (proto JSON times carry up to nanoseconds). */
export function usOf(iso: string): number {
  const fraction = /\.(\d+)Z$/.exec(iso)?.[1] ?? '';
  return Date.parse(iso.replace(/\.\d+Z$/, 'Z')) * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}
const isoOf = (us: number) => new Date(Math.floor(us / 1000)).toISOString();

const base64 = (bytes: number[] | Uint8Array) => Buffer.from(bytes).toString('base64');

/** A value encoded by the SDK's default payload converter, in proto JSON. */
export function payloadJson(value: unknown): Json {
  return payloadToJSON(defaultPayloadConverter.toPayload(value)) as Json;
}

/** Commands reach us with bytes as `{ $bytes: number[] }` and int64 as strings (see recorder-interceptors). */
interface CommandPayload {
  metadata?: Record<string, { $bytes: number[] }>;
  data?: { $bytes: number[] };
}
function commandPayloadJson(p: CommandPayload): Json {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) metadata[k] = base64(v.$bytes);
  return p.data && p.data.$bytes.length ? { metadata, data: base64(p.data.$bytes) } : { metadata };
}
function decodeCommandPayload(p: CommandPayload): unknown {
  return defaultPayloadConverter.fromPayload({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Uint8Array.from(v.$bytes)])),
    data: Uint8Array.from(p.data?.$bytes ?? []),
  });
}
interface CommandDuration {
  seconds?: string | number;
  nanos?: number;
}
const commandDurationMs = (d: CommandDuration | null | undefined) => (d ? Number(d.seconds ?? 0) * 1000 + Math.round((d.nanos ?? 0) / 1e6) : 0);
const commandDurationJson = (d: CommandDuration | null | undefined) => durationJson(commandDurationMs(d));

// ---------------------------------------------------------------------------------------------
// The recorder

interface PendingItem {
  atUs: number;
  order: number;
  apply(): void;
}

type CommandJson = Record<string, Json | undefined>;

/** Replays histories on one long-lived replay worker and returns each replay's activations. */
class Replayer {
  private queue: { history: temporal.api.history.v1.IHistory; workflowId: string }[] = [];
  private wake: (() => void) | null = null;
  private closed = false;
  private activations: RecordedActivation[] = [];
  private readonly results: AsyncIterableIterator<{ error?: unknown }>;

  constructor(workflowBundle: WorkflowBundle) {
    // Sinks are not called during replay unless asked to: every task but the last one is a replay.
    const sinks: InjectedSinks<RecorderSinks> = {
      recorder: { activation: { fn: (_info, a) => void this.activations.push(a), callDuringReplay: true } },
    };
    const histories: ReplayHistoriesIterable = { [Symbol.asyncIterator]: () => this.pull() };
    this.results = Worker.runReplayHistories({ workflowBundle, replayName: 'history-recorder', sinks }, histories);
  }

  /** Hands the replay worker each history as it is pushed. */
  private async *pull(): AsyncGenerator<{ history: temporal.api.history.v1.IHistory; workflowId: string }> {
    for (;;) {
      while (!this.queue.length && !this.closed) await new Promise<void>((resolve) => (this.wake = resolve));
      const next = this.queue.shift();
      if (!next) return;
      yield next;
    }
  }

  async replay(history: temporal.api.history.v1.IHistory, workflowId: string): Promise<RecordedActivation[]> {
    this.activations = [];
    this.queue.push({ history, workflowId });
    this.wake?.();
    const next = await this.results.next();
    if (next.done) throw new Error('the replay worker stopped');
    if (next.value.error) throw next.value.error;
    return this.activations;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    await this.results.return?.(undefined);
  }
}

/**
 * Records every scenario's history, in order (one replay worker for all of them). A child scenario
 * links to its parent among those recorded before it or those given in `linkedTo`.
 */
export async function recordHistories(
  scenarios: readonly Scenario[],
  options: { workflowBundle?: WorkflowBundle; linkedTo?: readonly RecordedHistory[] } = {},
): Promise<RecordedHistory[]> {
  const replayer = new Replayer(options.workflowBundle ?? (await bundleForRecording()));
  try {
    const recorded: RecordedHistory[] = [];
    const completions = new Map<string, ChildCompletion>();
    const record = (scenario: Scenario) => new Recording(linkToParent(scenario, [...(options.linkedTo ?? []), ...recorded]), replayer, completions).run();
    for (const scenario of scenarios) {
      const child = await record(scenario);
      recorded.push(child);
      const parent = scenario.parent && 'scenario' in scenario.parent ? recorded.findIndex((r) => r.scenario.name === (scenario.parent as { scenario: string }).scenario) : -1;
      if (parent < 0) continue;
      // The parent heard of this child's completion: record it again with the actual one.
      const last = child.json.events[child.json.events.length - 1]!;
      if (last.eventType !== 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED') continue;
      completions.set(scenario.workflowId, { atUs: usOf(last.eventTime) + LATENCY.childClose, result: child.result });
      const again = await record(recorded[parent]!.scenario);
      const link = linkToParent(scenario, [again]);
      if (link.runId !== linkToParent(scenario, recorded).runId || link.startedAt !== linkToParent(scenario, recorded).startedAt) {
        throw new Error(`${recorded[parent]!.scenario.name}: recording it again changed how it started ${scenario.workflowId}`);
      }
      recorded[parent] = again;
    }
    return recorded;
  } finally {
    await replayer.close();
  }
}

type ResolvedScenario = Scenario & { parent?: { workflowId: string; runId: string; initiatedEventId: number }; runId?: string };

/** Takes a child's start (run id, time, arguments) from the history of the parent that started it. */
function linkToParent(scenario: Scenario, recorded: readonly RecordedHistory[]): ResolvedScenario {
  const parent = scenario.parent;
  if (!parent || !('scenario' in parent)) return scenario as ResolvedScenario;
  const source = recorded.find((r) => r.scenario.name === parent.scenario);
  if (!source) throw new Error(`${scenario.name}: its parent ${parent.scenario} must be recorded before it`);
  const events = source.json.events;
  const started = events.find((e) => e.eventType === 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED')!.workflowExecutionStartedEventAttributes as Json;
  const childStarted = events.find(
    (e) => e.eventType === 'EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED' && ((e.childWorkflowExecutionStartedEventAttributes as Json).workflowExecution as Json).workflowId === scenario.workflowId,
  );
  if (!childStarted) throw new Error(`${scenario.name}: ${parent.scenario} did not start ${scenario.workflowId}`);
  const attributes = childStarted.childWorkflowExecutionStartedEventAttributes as Json;
  const initiated = events[Number(attributes.initiatedEventId) - 1]!.startChildWorkflowExecutionInitiatedEventAttributes as Json;
  const args = ((initiated.input as { payloads?: Json[] }).payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(JSONToPayload(p)));
  return {
    ...scenario,
    args,
    startedAt: childStarted.eventTime.replace(/(\.\d{3})\d*Z$/, '$1Z'),
    parent: { workflowId: String(started.workflowId), runId: String(started.originalExecutionRunId), initiatedEventId: Number(attributes.initiatedEventId) },
    runId: String((attributes.workflowExecution as Json).runId),
  };
}

interface ChildCompletion {
  atUs: number;
  result: unknown;
}

class Recording {
  private readonly events: JsonHistoryEvent[] = [];
  private readonly runId: string;
  private nowUs: number;
  private taskId = 1_048_576;
  private pending: PendingItem[] = [];
  private order = 0;
  private completed = false;
  private result: unknown = undefined;
  private readonly recordedLangFlags = new Set<number>();
  private firstTask = true;
  private readonly patches: string[] = [];
  private readonly timers = new Map<number, { startedEventId: number }>();
  private lastWftScheduled = 0;
  private lastWftStarted = 0;
  private readonly signals: { at: string; name: string; args: unknown[] }[];

  constructor(
    private readonly scenario: ResolvedScenario,
    private readonly replayer: Replayer,
    private readonly childCompletions: ReadonlyMap<string, ChildCompletion> = new Map(),
  ) {
    this.runId = scenario.runId ?? uuidFrom('run', scenario.workflowId, scenario.startedAt);
    this.nowUs = usOf(scenario.startedAt);
    this.signals = [...(scenario.signals ?? [])];
    for (const signal of this.signals) this.at(usOf(signal.at), () => this.signal(signal));
  }

  async run(): Promise<RecordedHistory> {
    this.started();
    this.workflowTask();
    for (let round = 0; !this.completed; round++) {
      if (round > 10_000) throw new Error(`${this.scenario.name}: the workflow does not complete`);
      const activations = await this.replayer.replay(historyFromJSON({ events: this.events }), this.scenario.workflowId);
      const live = activations.filter((a) => !a.isReplaying);
      if (!live.length) throw new Error(`${this.scenario.name}: the last workflow task produced no live activation`);
      const commands = live.flatMap((a) => JSON.parse(a.commands) as CommandJson[]);
      const flags = live[live.length - 1]!.flags;
      if (!flags) throw new Error('the SDK no longer keeps its flags in __TEMPORAL_ACTIVATOR__.knownFlags: update recorder-interceptors.ts');
      this.taskCompleted(flags, commands);
      if (this.completed) break;
      this.nextHappening();
      this.workflowTask();
    }
    const leftover = this.signals.filter((s) => !this.sentSignals.has(s));
    if (leftover.length) throw new Error(`${this.scenario.name}: the workflow completed before signal(s) at ${leftover.map((s) => s.at).join(', ')}`);
    const json = toCanonicalJson({ events: this.events });
    return { scenario: this.scenario, json, history: historyFromJSON(json), result: this.result };
  }

  // --- events -----------------------------------------------------------------------------------

  private add(type: temporal.api.enums.v1.EventType, attributes: Json, atUs = this.nowUs): number {
    const eventId = this.events.length + 1;
    const name = eventTypeName(type)!;
    const key = name.replace(/^EVENT_TYPE_/, '').toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()) + 'EventAttributes';
    this.events.push({ eventId: String(eventId), eventTime: timeJson(atUs), eventType: name, taskId: String(this.taskId++), [key]: attributes });
    return eventId;
  }

  private at(atUs: number, apply: () => void): void {
    this.pending.push({ atUs, order: this.order++, apply });
  }

  private started(): void {
    const s = this.scenario;
    const attributes: Json = {
      workflowType: { name: s.workflowType },
      ...(s.parent && {
        parentWorkflowNamespace: NAMESPACE,
        parentWorkflowExecution: { workflowId: s.parent.workflowId, runId: s.parent.runId },
        parentInitiatedEventId: String(s.parent.initiatedEventId),
      }),
      taskQueue: { name: TASK_QUEUE, kind: 'TASK_QUEUE_KIND_NORMAL' },
      input: { payloads: s.args.map(payloadJson) },
      workflowRunTimeout: '0s',
      workflowTaskTimeout: '10s',
      originalExecutionRunId: this.runId,
      ...(!s.parent && !s.schedule && { identity: IDENTITY }),
      firstExecutionRunId: this.runId,
      attempt: 1,
      firstWorkflowTaskBackoff: '0s',
      header: {},
      ...(s.schedule && {
        searchAttributes: {
          indexedFields: {
            TemporalScheduledStartTime: { ...payloadJson(s.schedule.nominalTime), metadata: { ...(payloadJson(s.schedule.nominalTime).metadata as Json), type: base64(Buffer.from('Datetime')) } },
            TemporalScheduledById: { ...payloadJson(s.schedule.scheduleId), metadata: { ...(payloadJson(s.schedule.scheduleId).metadata as Json), type: base64(Buffer.from('Keyword')) } },
          },
        },
      }),
      workflowId: s.workflowId,
      ...(s.parent && { rootWorkflowExecution: { workflowId: s.parent.workflowId, runId: s.parent.runId } }),
    };
    this.add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, attributes);
  }

  /** WorkflowTaskScheduled and WorkflowTaskStarted: the workflow's "now" is the latter's time. */
  private workflowTask(): void {
    this.nowUs += LATENCY.afterEvent;
    const sticky = this.firstTask ? { name: TASK_QUEUE, kind: 'TASK_QUEUE_KIND_NORMAL' } : { name: STICKY_QUEUE, kind: 'TASK_QUEUE_KIND_STICKY', normalName: TASK_QUEUE };
    this.lastWftScheduled = this.add(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, { taskQueue: sticky, startToCloseTimeout: '10s', attempt: 1 });
    this.nowUs += LATENCY.schedulePoll;
    this.lastWftStarted = this.add(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, {
      scheduledEventId: String(this.lastWftScheduled),
      identity: IDENTITY,
      requestId: uuidFrom('wft', this.runId, String(this.lastWftScheduled)),
      historySizeBytes: String(historySize(this.events) + 64),
    });
  }

  private taskCompleted(flags: number[], commands: CommandJson[]): void {
    this.nowUs += LATENCY.taskRun;
    const newLang = flags.filter((f) => !this.recordedLangFlags.has(f));
    for (const f of newLang) this.recordedLangFlags.add(f);
    const sdkMetadata: Json = this.firstTask
      ? { coreUsedFlags: CORE_FLAGS, ...(newLang.length && { langUsedFlags: newLang }), sdkName: SDK_NAME, sdkVersion: SDK_VERSION }
      : newLang.length
        ? { langUsedFlags: newLang }
        : {};
    this.firstTask = false;
    const completedId = this.add(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, {
      scheduledEventId: String(this.lastWftScheduled),
      startedEventId: String(this.lastWftStarted),
      identity: IDENTITY,
      sdkMetadata,
      meteringMetadata: {},
    });
    // Core sends the terminal command last (CoreInternalFlags::MoveTerminalCommands).
    const terminal = commands.filter((c) => c.completeWorkflowExecution || c.failWorkflowExecution);
    for (const command of [...commands.filter((c) => !terminal.includes(c)), ...terminal.slice(0, 1)]) {
      this.nowUs += LATENCY.command;
      this.command(command, completedId);
    }
  }

  private command(command: CommandJson, completedId: number): void {
    const [kind, body] = Object.entries(command).find(([k, v]) => k !== 'eventGroupMarkers' && v != null) as [string, Json];
    switch (kind) {
      case 'scheduleActivity':
        return this.scheduleActivity(body, completedId);
      case 'startTimer': {
        const seq = Number(body.seq);
        const ms = commandDurationMs(body.startToFireTimeout as CommandDuration);
        const startedEventId = this.add(EventType.EVENT_TYPE_TIMER_STARTED, { timerId: String(seq), startToFireTimeout: durationJson(ms), workflowTaskCompletedEventId: String(completedId) });
        this.timers.set(seq, { startedEventId });
        const fireUs = this.nowUs + ms * 1000;
        this.at(fireUs, () => {
          if (!this.timers.delete(seq)) return; // canceled meanwhile
          this.add(EventType.EVENT_TYPE_TIMER_FIRED, { timerId: String(seq), startedEventId: String(startedEventId) });
        });
        return;
      }
      case 'cancelTimer': {
        const seq = Number(body.seq);
        const timer = this.timers.get(seq);
        if (!timer) throw new Error(`${this.scenario.name}: cancelTimer for unknown timer ${seq}`);
        this.timers.delete(seq);
        this.add(EventType.EVENT_TYPE_TIMER_CANCELED, { timerId: String(seq), startedEventId: String(timer.startedEventId), workflowTaskCompletedEventId: String(completedId), identity: IDENTITY });
        return;
      }
      case 'setPatchMarker': {
        const patchId = String(body.patchId);
        this.add(EventType.EVENT_TYPE_MARKER_RECORDED, {
          markerName: PATCH_MARKER_NAME,
          details: { [PATCH_DETAILS_KEY]: { payloads: [payloadJson({ id: patchId, deprecated: Boolean(body.deprecated) })] } },
          workflowTaskCompletedEventId: String(completedId),
        });
        // Core upserts TemporalChangeVersion with every patch so far (UpsertSearchAttributeOnPatch).
        if (!this.patches.includes(patchId)) this.patches.push(patchId);
        const value = payloadJson([...this.patches].sort());
        this.nowUs += LATENCY.command;
        this.add(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES, {
          workflowTaskCompletedEventId: String(completedId),
          searchAttributes: { indexedFields: { [CHANGE_VERSION_SEARCH_ATTRIBUTE]: { ...value, metadata: { ...(value.metadata as Json), type: base64(Buffer.from('KeywordList')) } } } },
        });
        return;
      }
      case 'startChildWorkflowExecution':
        return this.startChild(body, completedId);
      case 'completeWorkflowExecution': {
        const result = body.result as CommandPayload | undefined;
        this.result = result ? decodeCommandPayload(result) : undefined;
        this.add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, { ...(result && { result: { payloads: [commandPayloadJson(result)] } }), workflowTaskCompletedEventId: String(completedId) });
        this.completed = true;
        return;
      }
      default:
        throw new Error(`${this.scenario.name}: the recorder does not know the command ${kind} (${JSON.stringify(body).slice(0, 300)})`);
    }
  }

  private scheduleActivity(body: Json, completedId: number): void {
    const activityType = String(body.activityType);
    const args = ((body.arguments as CommandPayload[] | undefined) ?? []).map(decodeCommandPayload);
    const retry = body.retryPolicy as { initialInterval?: CommandDuration; backoffCoefficient?: number; maximumInterval?: CommandDuration; maximumAttempts?: number } | undefined;
    const scheduledId = this.add(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, {
      activityId: String(body.activityId),
      activityType: { name: activityType },
      taskQueue: { name: TASK_QUEUE, kind: 'TASK_QUEUE_KIND_NORMAL' },
      header: {},
      input: { payloads: ((body.arguments as CommandPayload[] | undefined) ?? []).map(commandPayloadJson) },
      scheduleToCloseTimeout: commandDurationJson(body.scheduleToCloseTimeout as CommandDuration),
      scheduleToStartTimeout: commandDurationJson(body.scheduleToStartTimeout as CommandDuration),
      startToCloseTimeout: commandDurationJson(body.startToCloseTimeout as CommandDuration),
      heartbeatTimeout: commandDurationJson(body.heartbeatTimeout as CommandDuration),
      workflowTaskCompletedEventId: String(completedId),
      ...(retry && {
        retryPolicy: {
          initialInterval: commandDurationJson(retry.initialInterval),
          backoffCoefficient: retry.backoffCoefficient ?? 2,
          maximumInterval: commandDurationJson(retry.maximumInterval),
          ...(retry.maximumAttempts && { maximumAttempts: retry.maximumAttempts }),
        },
      }),
      useWorkflowBuildId: true,
    });
    const scripted = this.scenario.activity(activityType, args, isoOf(this.nowUs));
    const startedUs = this.nowUs + LATENCY.activityPickup;
    const doneUs = startedUs + (scripted.durationMs ?? 1000) * 1000;
    this.at(doneUs, () => {
      // The server writes ActivityTaskStarted when the attempt ends, with the time it started.
      const startedId = this.add(
        EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED,
        { scheduledEventId: String(scheduledId), identity: IDENTITY, requestId: uuidFrom('activity', this.runId, String(scheduledId)), attempt: 1 },
        startedUs,
      );
      this.add(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, {
        result: { payloads: [payloadJson(scripted.result)] },
        scheduledEventId: String(scheduledId),
        startedEventId: String(startedId),
        identity: IDENTITY,
      });
    });
  }

  private startChild(body: Json, completedId: number): void {
    const workflowId = String(body.workflowId);
    const workflowType = String(body.workflowType);
    const input = (body.input as CommandPayload[] | undefined) ?? [];
    const parentClosePolicy = temporal.api.enums.v1.ParentClosePolicy[Number(body.parentClosePolicy ?? 0)] ?? 'PARENT_CLOSE_POLICY_UNSPECIFIED';
    const initiatedEventId = this.add(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED, {
      namespace: NAMESPACE,
      workflowId,
      workflowType: { name: workflowType },
      taskQueue: { name: TASK_QUEUE, kind: 'TASK_QUEUE_KIND_NORMAL' },
      input: { payloads: input.map(commandPayloadJson) },
      workflowRunTimeout: commandDurationJson(body.workflowRunTimeout as CommandDuration),
      workflowTaskTimeout: body.workflowTaskTimeout ? commandDurationJson(body.workflowTaskTimeout as CommandDuration) : '10s',
      // PARENT_CLOSE_POLICY_UNSPECIFIED is stored as the server's default, TERMINATE.
      parentClosePolicy: parentClosePolicy === 'PARENT_CLOSE_POLICY_UNSPECIFIED' ? 'PARENT_CLOSE_POLICY_TERMINATE' : parentClosePolicy,
      workflowTaskCompletedEventId: String(completedId),
      workflowIdReusePolicy: 'WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE',
      header: {},
      memo: {},
      searchAttributes: {},
      namespaceId: NAMESPACE_ID,
    });
    const args = input.map(decodeCommandPayload);
    const outcome = this.scenario.child?.(workflowId, workflowType, args);
    if (!outcome) throw new Error(`${this.scenario.name}: no scripted outcome for child ${workflowId}`);
    this.at(this.nowUs + LATENCY.childStart, () => {
      if (outcome.outcome === 'alreadyExists') {
        this.add(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED, {
          namespace: NAMESPACE,
          workflowId,
          workflowType: { name: workflowType },
          cause: 'START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS',
          initiatedEventId: String(initiatedEventId),
          workflowTaskCompletedEventId: String(completedId),
          namespaceId: NAMESPACE_ID,
        });
        return;
      }
      const runId = uuidFrom('run', workflowId, isoOf(this.nowUs));
      const execution = { workflowId, runId };
      const startedEventId = this.add(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED, {
        namespace: NAMESPACE,
        initiatedEventId: String(initiatedEventId),
        workflowExecution: execution,
        workflowType: { name: workflowType },
        header: {},
        namespaceId: NAMESPACE_ID,
      });
      const completes = outcome.completes === 'asRecorded' ? this.childCompletions.get(workflowId) : outcome.completes && { atUs: usOf(outcome.completes.at), result: outcome.completes.result };
      if (completes) {
        const { atUs, result } = completes;
        this.at(atUs, () => {
          this.add(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED, {
            result: { payloads: [payloadJson(result)] },
            namespace: NAMESPACE,
            workflowExecution: execution,
            workflowType: { name: workflowType },
            initiatedEventId: String(initiatedEventId),
            startedEventId: String(startedEventId),
            namespaceId: NAMESPACE_ID,
          });
        });
      }
    });
  }

  private readonly sentSignals = new Set<object>();
  private signal(signal: { at: string; name: string; args: unknown[] }): void {
    this.sentSignals.add(signal);
    this.add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, {
      signalName: signal.name,
      input: { payloads: signal.args.map(payloadJson) },
      identity: IDENTITY,
      header: {},
    });
  }

  /** Advances the clock to the earliest pending happening (and any at the same instant) and writes it. */
  private nextHappening(): void {
    if (!this.pending.length) throw new Error(`${this.scenario.name}: the workflow waits for nothing the scenario provides`);
    this.pending.sort((a, b) => a.atUs - b.atUs || a.order - b.order);
    const first = this.pending.shift()!;
    this.nowUs = Math.max(this.nowUs + LATENCY.afterEvent, first.atUs);
    const before = this.events.length;
    first.apply();
    // A canceled timer's firing writes nothing: move on to the next happening.
    if (this.events.length === before) return this.nextHappening();
  }
}

/** The encoded size of the events so far (what WorkflowTaskStarted reports as historySizeBytes). */
function historySize(events: JsonHistoryEvent[]): number {
  return temporal.api.history.v1.History.encode(historyFromJSON({ events })).finish().length;
}

/**
 * The canonical proto JSON of a history (what `historyToJSON` prints), checking that every field
 * written here survived the trip through the protobuf message: a misspelt field or a malformed
 * value would otherwise be dropped without a word.
 */
export function toCanonicalJson(history: JsonHistory): JsonHistory {
  const canonical = JSON.parse(historyToJSON(historyFromJSON(history))) as JsonHistory;
  const missing: string[] = [];
  const isDefault = (v: unknown) => v === 0 || v === false || v === '' || v === '0' || (Array.isArray(v) && !v.length);
  const walk = (mine: unknown, theirs: unknown, at: string) => {
    if (mine === null || typeof mine !== 'object' || Array.isArray(mine)) return;
    for (const [k, v] of Object.entries(mine)) {
      const other = (theirs as Record<string, unknown> | undefined)?.[k];
      if (other === undefined && !isDefault(v)) missing.push(`${at}.${k}`);
      else walk(v, other, `${at}.${k}`);
    }
  };
  history.events.forEach((e, i) => walk(e, canonical.events[i], `events[${i}]`));
  if (missing.length) throw new Error(`fields lost in the protobuf round trip: ${missing.slice(0, 10).join(', ')}`);
  return canonical;
}
