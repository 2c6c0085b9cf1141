/**
 * The replay of committed histories catches non-deterministic changes: the same histories that
 * replay against workflows.ts (replay.test.ts) fail against deliberately changed copies of the
 * workflows (testing/changed-workflows.ts), except where the change is guarded by `patched()`.
 */
import path from 'node:path';
import { Worker, bundleWorkflowCode, type ReplayResult, type WorkflowBundle } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { silentLogger } from './testing/history-recorder';
import { committedHistories, quietRuntime } from './testing/replay-support';

const histories = committedHistories();
const results = new Map<string, ReplayResult>();
let bundle: WorkflowBundle;

beforeAll(async () => {
  quietRuntime();
  bundle = await bundleWorkflowCode({ workflowsPath: path.join(__dirname, 'testing/changed-workflows.ts'), logger: silentLogger });
  const replayed = Worker.runReplayHistories(
    { workflowBundle: bundle, replayName: 'changed-workflows' },
    histories.map((h) => ({ history: h.json, workflowId: h.workflowId })),
  );
  let i = 0;
  for await (const result of replayed) results.set(histories[i++]!.file, result);
}, 120_000);

/**
 * What each committed history makes of the changes: a review360Round that closed early never
 * reached a reminder, so dropping reminders does not touch it — replay guards only the paths the
 * committed histories went through, which is why they cover every workflow's main paths.
 */
function expectation(workflowType: string, file: string): 'violation' | 'replays' {
  if (workflowType === 'launchMonthlyCycles') return 'replays';
  if (file === 'review360-round-closes-early.json') return 'replays';
  return 'violation';
}
const cases = histories.map((h) => [h.file, expectation(h.workflowType, h.file)] as const);

describe('replaying committed histories against changed workflow code', () => {
  it.each(cases.filter(([, e]) => e === 'violation').map(([file]) => file))('%s: the change is a DeterminismViolationError', (file) => {
    const error = results.get(file)?.error;
    expect(error).toBeInstanceOf(DeterminismViolationError);
    expect((error as Error).message).toMatch(/TMPRL1100|[Nn]ondeterminism/);
  });

  it.each(cases.filter(([, e]) => e === 'replays').map(([file]) => file))('%s: untouched by the change (or the change is behind patched()), still replays', (file) => {
    expect(results.get(file)).toBeDefined();
    expect(results.get(file)!.error).toBeUndefined();
  });

  it('covers every kind of change on at least one history', () => {
    const violated = new Set(histories.filter((h) => expectation(h.workflowType, h.file) === 'violation').map((h) => h.workflowType));
    expect([...violated].sort()).toEqual(['monthlyCycle', 'passwordDeadlineSweep', 'review360Round']);
  });

  it('runReplayHistory throws the DeterminismViolationError itself', async () => {
    const sweep = histories.find((h) => h.workflowType === 'passwordDeadlineSweep')!;
    await expect(Worker.runReplayHistory({ workflowBundle: bundle, replayName: 'one-history' }, sweep.json, sweep.workflowId)).rejects.toThrow(DeterminismViolationError);
  });
});
