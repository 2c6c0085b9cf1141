/**
 * `npm run histories:record` — writes workflows/histories/<scenario>.json for every scenario of
 * scenarios.ts that has no committed history yet (`--all` re-records every one, `--only a,b` the
 * named ones) and the index workflows/histories/README.md.
 *
 * A committed history is what running workflows look like: re-recording one after changing the
 * workflow code hides exactly the non-determinism the replay test exists to catch. Re-record only
 * when the recorder itself was wrong, or when no execution of the old code can still be running.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { recordHistories, type JsonHistory, type RecordedHistory, type Scenario } from './history-recorder';
import { HISTORIES_DIR, quietRuntime } from './replay-support';
import { scenarios } from './scenarios';

/** Counts of a history's events by kind, for the index and the README. */
export function summarize(json: JsonHistory): { events: number; workflowTasks: number; activities: number; timers: number; children: number; signals: number } {
  const count = (type: string) => json.events.filter((e) => e.eventType === `EVENT_TYPE_${type}`).length;
  return {
    events: json.events.length,
    workflowTasks: count('WORKFLOW_TASK_COMPLETED'),
    activities: count('ACTIVITY_TASK_SCHEDULED'),
    timers: count('TIMER_STARTED'),
    children: count('START_CHILD_WORKFLOW_EXECUTION_INITIATED'),
    signals: count('WORKFLOW_EXECUTION_SIGNALED'),
  };
}

function readCommitted(name: string): JsonHistory {
  return JSON.parse(readFileSync(path.join(HISTORIES_DIR, `${name}.json`), 'utf8')) as JsonHistory;
}

export async function main(argv: readonly string[]): Promise<void> {
  const all = argv.includes('--all');
  const onlyIndex = argv.indexOf('--only');
  const only = onlyIndex >= 0 ? new Set((argv[onlyIndex + 1] ?? '').split(',').filter(Boolean)) : null;
  if (only) for (const name of only) if (!scenarios.some((s) => s.name === name)) throw new Error(`no scenario named ${name}`);
  const wanted = (s: Scenario) => (only ? only.has(s.name) : all || !existsSync(path.join(HISTORIES_DIR, `${s.name}.json`)));

  // A child scenario is linked to its parent's history: record the parent too unless it is committed.
  const chosen = scenarios.filter(wanted);
  const toRecord = scenarios.filter((s) => wanted(s) || chosen.some((c) => c.parent && 'scenario' in c.parent && c.parent.scenario === s.name && !existsSync(path.join(HISTORIES_DIR, `${s.name}.json`))));
  if (!toRecord.length) {
    console.log('Every scenario has a committed history (use --all or --only <name,...> to re-record).');
    return;
  }
  quietRuntime();
  // Committed parents stand in for recorded ones, so a new child links to the history on disk.
  const committedParents: RecordedHistory[] = scenarios
    .filter((s) => !toRecord.includes(s) && existsSync(path.join(HISTORIES_DIR, `${s.name}.json`)))
    .map((s) => ({ scenario: s, json: readCommitted(s.name), history: historyFromJSON(readCommitted(s.name)), result: undefined }));
  const recorded = await recordHistories(toRecord, { linkedTo: committedParents });
  mkdirSync(HISTORIES_DIR, { recursive: true });
  for (const r of recorded.filter((r) => wanted(r.scenario) || !existsSync(path.join(HISTORIES_DIR, `${r.scenario.name}.json`)))) {
    writeFileSync(path.join(HISTORIES_DIR, `${r.scenario.name}.json`), `${JSON.stringify(r.json, null, 2)}\n`);
    const s = summarize(r.json);
    console.log(`${r.scenario.name}.json: ${s.events} events, ${s.workflowTasks} workflow tasks, ${s.activities} activities, ${s.timers} timers, ${s.children} children, ${s.signals} signals`);
  }
  writeIndex();
}

/** workflows/histories/README.md: what each committed history covers. */
function writeIndex(): void {
  const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort();
  const rows = files.map((file) => {
    const name = file.replace(/\.json$/, '');
    const json = readCommitted(name);
    const started = json.events[0]!.workflowExecutionStartedEventAttributes as { workflowType: { name: string } };
    const s = summarize(json);
    const description = scenarios.find((x) => x.name === name)?.description ?? '(no scenario in scenarios.ts: recorded from a server)';
    return `| \`${file}\` | \`${started.workflowType.name}\` | ${s.events} | ${s.workflowTasks} | ${s.activities} | ${s.timers} | ${s.children} | ${s.signals} | ${description} |`;
  });
  const text = [
    '# Committed workflow histories',
    '',
    'Each file is a workflow history in the proto JSON form that `temporal workflow show --output json` prints (complete, or',
    'a run still in progress when exported from a server).',
    '`workflows/src/replay.test.ts` replays every one of them against the current workflow code (`Worker.runReplayHistories`):',
    'a change to `workflows/src/workflows.ts` that would break a running execution fails that test with a `DeterminismViolationError`.',
    '',
    'The files without a server were written by `npm run histories:record` (`workflows/src/testing/`: the real workflow code driven',
    'through the replayer one workflow task at a time, the scenario of `scenarios.ts` playing the server). Files recorded from a real',
    'server are added as they are; see the main README, "Workflow histories".',
    '',
    'Never re-record a committed file because the code changed: guard the change with `patched()` instead.',
    '',
    '| file | workflow | events | workflow tasks | activities | timers | children | signals | scenario |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
  ].join('\n');
  writeFileSync(path.join(HISTORIES_DIR, 'README.md'), text);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
