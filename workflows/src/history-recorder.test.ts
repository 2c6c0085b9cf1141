/**
 * The history recorder (testing/history-recorder.ts) itself: what it writes is a well-formed history
 * that Temporal's replayer accepts, the same every time, in the form `temporal workflow show
 * --output json` prints; and it refuses what it cannot write faithfully.
 */
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { historyProblems } from './testing/history-checks';
import { bundleForRecording, recordHistories, silentLogger, toCanonicalJson, type JsonHistory, type RecordedHistory, type Scenario } from './testing/history-recorder';
import { quietRuntime } from './testing/replay-support';
import { scenarios } from './testing/scenarios';

const picked = scenarios.filter((s) => ['password-deadline-sweep', 'review360-round-closes-early'].includes(s.name));
let recorderBundle: WorkflowBundle;
let first: RecordedHistory[];
let second: RecordedHistory[];

beforeAll(async () => {
  quietRuntime();
  recorderBundle = await bundleForRecording();
  first = await recordHistories(picked, { workflowBundle: recorderBundle });
  second = await recordHistories(picked, { workflowBundle: recorderBundle });
}, 120_000);

describe('the history recorder', () => {
  it('writes well-formed histories, in canonical proto JSON', () => {
    for (const r of first) {
      expect([r.scenario.name, historyProblems(r.json)]).toEqual([r.scenario.name, []]);
      expect(JSON.parse(historyToJSON(r.history))).toEqual(r.json);
    }
  });

  it('writes the same history every time (ids and times come from the scenario)', () => {
    expect(second.map((r) => r.json)).toEqual(first.map((r) => r.json));
  });

  it('records what the workflow returned', () => {
    expect(first.map((r) => r.result)).toEqual([{ given: 8, expected: 8 }, { checked: 251_406, locked: 1_187 }]);
  });

  it('writes histories that the real workflow code replays, bundled without the recorder', async () => {
    const bundle = await bundleWorkflowCode({ workflowsPath: path.join(__dirname, 'workflows.ts'), logger: silentLogger });
    for (const r of first) await Worker.runReplayHistory({ workflowBundle: bundle }, r.json, r.scenario.workflowId);
  }, 60_000);

  it('refuses a field the History proto does not know instead of dropping it', () => {
    const [sweep] = first.filter((r) => r.scenario.name === 'password-deadline-sweep');
    const broken = structuredClone(sweep!.json) as JsonHistory;
    (broken.events[4]!.activityTaskScheduledEventAttributes as Record<string, unknown>).startToCloseTimout = '10s';
    expect(() => toCanonicalJson(broken)).toThrow(/startToCloseTimout/);
  });

  it('refuses a scenario whose signal would reach a completed workflow', async () => {
    const late: Scenario = { ...picked.find((s) => s.name === 'password-deadline-sweep')!, signals: [{ at: '2027-01-01T00:00:00Z', name: 'nobodyListens', args: [] }] };
    await expect(recordHistories([late], { workflowBundle: recorderBundle })).rejects.toThrow(/completed before signal/);
  });
});
