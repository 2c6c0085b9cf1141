/**
 * Workflow interceptor bundled (only) into the history recorder's copy of the workflow code. After
 * every activation it reports, through a sink called even during replay, whether the activation was
 * a replay, its jobs, the commands the workflow code issued and the SDK flags it used — the raw
 * material from which `history-recorder.ts` writes the events a server would have written.
 */
import { proxySinks, workflowInfo, type Sinks, type WorkflowInterceptors } from '@temporalio/workflow';

export interface RecordedActivation {
  isReplaying: boolean;
  jobs: string[];
  /** `coresdk.workflow_commands.IWorkflowCommand[]`, serialised with {@link encodeCommands}. */
  commands: string;
  /**
   * The SDK's lang flags known after the activation (history's and newly used ones), read from the
   * SDK's internal activator; null if an SDK upgrade moved them (the recorder then refuses to guess).
   */
  flags: number[] | null;
}

export interface RecorderSinks extends Sinks {
  recorder: { activation(recorded: RecordedActivation): void };
}

const { recorder } = proxySinks<RecorderSinks>();

/** JSON that survives the sandbox boundary: bytes as arrays, 64-bit integers as decimal strings. */
function encodeCommands(commands: unknown): string {
  return JSON.stringify(commands, (_key, value: unknown) => {
    if (ArrayBuffer.isView(value)) return { $bytes: Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
    if (value !== null && typeof value === 'object' && 'low' in value && 'high' in value && 'unsigned' in value) return String(value);
    return value;
  });
}

interface ActivatorView {
  knownFlags?: unknown;
}

let jobsOfActivation: string[] = [];

export const interceptors = (): WorkflowInterceptors => ({
  internals: [
    {
      activate(input, next) {
        const jobs = (input.activation.jobs ?? []).map((job) => Object.keys(job).find((k) => k !== 'eventGroupMarkers' && (job as Record<string, unknown>)[k] != null) ?? '?');
        jobsOfActivation.push(...jobs);
        return next(input);
      },
      concludeActivation(input, next) {
        const output = next(input);
        const known = (globalThis as { __TEMPORAL_ACTIVATOR__?: ActivatorView }).__TEMPORAL_ACTIVATOR__?.knownFlags;
        recorder.activation({
          isReplaying: workflowInfo().unsafe.isReplaying,
          jobs: jobsOfActivation,
          commands: encodeCommands(output.commands),
          flags: known instanceof Set ? [...(known as Set<number>)].sort((a, b) => a - b) : null,
        });
        jobsOfActivation = [];
        return output;
      },
    },
  ],
});
