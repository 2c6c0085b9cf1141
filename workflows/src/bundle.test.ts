/**
 * The worker bundles workflows.ts with webpack into Temporal's deterministic sandbox: it must bundle,
 * and the bundler must refuse workflow code that imports a Node built-in (lint refuses it earlier:
 * lint.test.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { silentLogger } from './testing/history-recorder';

describe('bundleWorkflowCode', () => {
  it('bundles workflows.ts with every workflow in it', async () => {
    const { code } = await bundleWorkflowCode({ workflowsPath: path.join(__dirname, 'workflows.ts'), logger: silentLogger });
    for (const workflow of ['monthlyCycle', 'review360Round', 'launchMonthlyCycles', 'passwordDeadlineSweep']) {
      expect([workflow, new RegExp(`function ${workflow}\\b`).test(code)]).toEqual([workflow, true]);
    }
    // The rules engine is bundled in (pure code); activities, the worker and the database are not.
    expect(code).toMatch(/function cycleSchedule\b/);
    expect(code).not.toMatch(/function createActivities\b|@mikro-orm|node_modules\/pg\//);
  }, 60_000);

  // 'fs' is on Temporal's list of disallowed modules; 'node:fs' is a scheme webpack cannot read.
  it.each([
    ['node:fs', /Reading from "node:fs" is not handled/],
    ['fs', /importing the following disallowed modules:\s*- 'fs'/],
  ])('refuses workflow code that imports %s', async (specifier, explanation) => {
    // Inside the package, so that webpack resolves @temporalio/workflow as it does for workflows.ts.
    const dir = mkdtempSync(path.join(__dirname, '..', '.bundle-test-'));
    try {
      const file = path.join(dir, 'workflows.ts');
      writeFileSync(file, `import { readFileSync } from '${specifier}';\nexport async function readsAFile(): Promise<string> {\n  return readFileSync('/etc/hostname', 'utf8');\n}\n`);
      // Temporal's bundler throws the disallowed modules it found; webpack's own failures are logged.
      const logged: string[] = [];
      const logger = { ...silentLogger, error: (message: string, meta?: unknown) => void logged.push(`${message} ${JSON.stringify(meta ?? '')}`) };
      const error = await bundleWorkflowCode({ workflowsPath: file, logger }).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(error).toBeInstanceOf(Error);
      expect([error!.message, ...logged].join('\n')).toMatch(explanation);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
