/**
 * Replays every committed history (workflows/histories/*.json, never regenerated here) against the
 * current workflow code. A change to workflows.ts that a running execution could not survive — an
 * activity added, removed or reordered, a sleep turned into an activity, a child started
 * elsewhere — fails here with a DeterminismViolationError: guard such a change with `patched()`.
 */
import path from 'node:path';
import { Worker, bundleWorkflowCode, type ReplayResult, type WorkflowBundle } from '@temporalio/worker';
import { silentLogger } from './testing/history-recorder';
import { historyProblems } from './testing/history-checks';
import { committedHistories, quietRuntime } from './testing/replay-support';

const histories = committedHistories();
const results = new Map<string, ReplayResult>();
let bundle: WorkflowBundle;

beforeAll(async () => {
  quietRuntime();
  bundle = await bundleWorkflowCode({ workflowsPath: path.join(__dirname, 'workflows.ts'), logger: silentLogger });
  // One replay worker for every history.
  const replayed = Worker.runReplayHistories(
    { workflowBundle: bundle, replayName: 'committed-histories' },
    histories.map((h) => ({ history: h.json, workflowId: h.workflowId })),
  );
  let i = 0;
  for await (const result of replayed) results.set(histories[i++]!.file, result);
}, 120_000);

describe('committed histories', () => {
  it('cover every workflow type and its main paths', () => {
    const types = new Set(histories.map((h) => h.workflowType));
    expect([...types].sort()).toEqual(['launchMonthlyCycles', 'monthlyCycle', 'passwordDeadlineSweep', 'review360Round']);
    const has = (type: string) => histories.some((h) => h.json.events.some((e) => e.eventType === `EVENT_TYPE_${type}`));
    // Patch marker of review360-rounds-as-children, a child started, a child already running, a
    // child completing, a rating signal, a round closed early (its reminder timer canceled).
    for (const type of [
      'MARKER_RECORDED',
      'CHILD_WORKFLOW_EXECUTION_STARTED',
      'START_CHILD_WORKFLOW_EXECUTION_FAILED',
      'CHILD_WORKFLOW_EXECUTION_COMPLETED',
      'WORKFLOW_EXECUTION_SIGNALED',
      'TIMER_CANCELED',
    ]) {
      expect([type, has(type)]).toEqual([type, true]);
    }
    // A history exported from a server may stop mid-run (a month in flight); each type has a complete one.
    const completed = histories.filter((h) => h.json.events[h.json.events.length - 1]!.eventType === 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
    expect([...new Set(completed.map((h) => h.workflowType))].sort()).toEqual([...types].sort());
  });

  it.each(histories.map((h) => h.file))('%s is a well-formed history', (file) => {
    expect(historyProblems(histories.find((h) => h.file === file)!.json)).toEqual([]);
  });

  it.each(histories.map((h) => h.file))('%s replays against the current workflow code', (file) => {
    const result = results.get(file);
    expect(result).toBeDefined();
    expect(result!.error).toBeUndefined();
  });

  it('replay one at a time as well (Worker.runReplayHistory, the call to use on a history from a server)', async () => {
    const sweep = histories.find((h) => h.workflowType === 'passwordDeadlineSweep')!;
    await expect(Worker.runReplayHistory({ workflowBundle: bundle, replayName: 'one-history' }, sweep.json, sweep.workflowId)).resolves.toBeUndefined();
  });
});
