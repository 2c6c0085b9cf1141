/**
 * Where integration tests can run a Temporal server, decided synchronously when a test file loads
 * (jest cannot turn a test into "skipped" once it runs, so the choice must precede `describe`):
 *
 * 1. `TEMPORAL_ADDRESS` set: that server (`TestWorkflowEnvironment.createFromExistingServer`, real
 *    time — a dev server from `temporal server start-dev`, or the compose stack);
 * 2. `TEMPORAL_TEST_SERVER_PATH` set: that `temporal-test-server` binary, with time skipping;
 * 3. otherwise the SDK's own time-skipping test server, which it downloads once and caches: a child
 *    process tries `TestWorkflowEnvironment.createTimeSkipping()` (bounded by
 *    `TEMPORAL_PROBE_TIMEOUT_MS`, 60 s by default; it fails in well under a second without
 *    internet) and the tests are skipped, saying why, when it cannot start one.
 *
 * `TEMPORAL_INTEGRATION=skip` skips without probing.
 */
import { spawnSync } from 'node:child_process';

export type IntegrationTarget =
  | { kind: 'existing'; address: string; namespace: string; label: string }
  | { kind: 'time-skipping'; executablePath: string | null; label: string }
  | { kind: 'unavailable'; reason: string };

let decided: IntegrationTarget | undefined;

export function integrationTarget(env: NodeJS.ProcessEnv = process.env): IntegrationTarget {
  decided ??= decide(env);
  return decided;
}

function decide(env: NodeJS.ProcessEnv): IntegrationTarget {
  const address = env.TEMPORAL_ADDRESS?.trim();
  if (address) {
    const namespace = env.TEMPORAL_NAMESPACE?.trim() || 'default';
    return { kind: 'existing', address, namespace, label: `the server at ${address} (namespace ${namespace}), real time` };
  }
  const executablePath = env.TEMPORAL_TEST_SERVER_PATH?.trim() || null;
  if (executablePath) return { kind: 'time-skipping', executablePath, label: `the time-skipping test server ${executablePath}` };
  if (env.TEMPORAL_INTEGRATION === 'skip') return { kind: 'unavailable', reason: 'TEMPORAL_INTEGRATION=skip' };

  const timeout = Number(env.TEMPORAL_PROBE_TIMEOUT_MS) || 60_000;
  const probe = `
    const { TestWorkflowEnvironment } = require(${JSON.stringify(require.resolve('@temporalio/testing'))});
    TestWorkflowEnvironment.createTimeSkipping().then(
      (env) => env.teardown().then(() => process.exit(0)),
      (error) => { process.stderr.write(String(error && error.message || error)); process.exit(3); },
    );`;
  const run = spawnSync(process.execPath, ['-e', probe], { timeout, encoding: 'utf8' });
  if (run.status === 0) return { kind: 'time-skipping', executablePath: null, label: "the SDK's time-skipping test server" };
  const why = run.error ? run.error.message : run.signal ? `no answer within ${timeout} ms` : (run.stderr || `exit code ${run.status}`).trim();
  return { kind: 'unavailable', reason: `no TEMPORAL_ADDRESS or TEMPORAL_TEST_SERVER_PATH, and the SDK's time-skipping test server could not start: ${why.replace(/\s+/g, ' ').slice(0, 600)}` };
}

/** The banner a skipped integration test file prints. */
export function skippedBanner(file: string, reason: string): string {
  const line = '='.repeat(100);
  return [
    line,
    `SKIPPED: ${file} — Temporal integration tests did not run.`,
    `Why: ${reason}`,
    'Run them with TEMPORAL_ADDRESS=host:port (e.g. `temporal server start-dev`), or TEMPORAL_TEST_SERVER_PATH=/path/to/temporal-test-server,',
    'or where the SDK can download its test server. Replay tests of the committed histories ran regardless (replay.test.ts).',
    line,
  ].join('\n');
}
