import { createLogger } from '@cbccvc/platform';
import { policies, type PolicyId } from '@cbccvc/rules';
import { connectTemporal, readTemporalConfig, startMonthlyCycle } from '@cbccvc/workflows';

/**
 * `npm run cycle:start -- --jurisdiction <id> --month YYYY-MM [--policy hanoi2026]`: starts the
 * monthly cycle of a jurisdiction by hand (a month the schedule missed, or a test month). The
 * workflow id is `cycle/<jurisdiction>/<month>`, so running it again finds the same workflow.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const jurisdictionId = value('--jurisdiction');
  const month = value('--month');
  const policyId = (value('--policy') ?? 'hanoi2026') as PolicyId;
  if (!jurisdictionId || !month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || !(policyId in policies)) {
    throw new Error(`usage: npm run cycle:start -- --jurisdiction <id> --month YYYY-MM [--policy ${Object.keys(policies).join('|')}]`);
  }
  const config = readTemporalConfig(process.env);
  if (!config) throw new Error('TEMPORAL_ADDRESS is not set: there is no Temporal to start the cycle in');
  const closers: (() => Promise<void>)[] = [];
  try {
    const client = await connectTemporal(config, createLogger('cycle', 'warn'), closers);
    const runId = await startMonthlyCycle(client, config.taskQueue, { jurisdictionId, month, policyId });
    console.log(`cycle/${jurisdictionId}/${month} is running (run ${runId})`);
  } finally {
    for (const close of closers.reverse()) await close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
