/**
 * eslint.config.mjs bans Node built-ins, the database, the subgraphs' code and the activity/worker/
 * client SDK from workflow code (workflows/src/workflows.ts and workflows/src/workflows/**): the
 * bundler would refuse some of them only when the worker starts (bundle.test.ts) and pull others
 * into the sandbox. ESLint's Node API runs in one child process for the whole file
 * (testing/eslint-runner.js: jest cannot load the ESM flat config in its module sandbox).
 */
import path from 'node:path';
import { lintInChildProcess, type LintCase, type LintMessage } from './testing/eslint-child';

const root = path.resolve(__dirname, '../..');
const filePath = 'workflows/src/workflows.ts';

const builtIns = [
  "import { readFileSync } from 'fs';",
  "import { randomUUID } from 'node:crypto';",
  "import { setTimeout as wait } from 'timers/promises';",
  'export const used: unknown[] = [readFileSync, randomUUID, wait];',
  '',
].join('\n');

const effects = [
  "import { sqlRows } from '@cbccvc/platform';",
  "import { storeNotifications } from '@cbccvc/organization';",
  "import { openRound } from '@cbccvc/evaluation';",
  "import { createPlanningContext } from '@cbccvc/planning';",
  "import pg from 'pg';",
  "import { MikroORM } from '@mikro-orm/core';",
  "import { EntityManager } from '@mikro-orm/postgresql';",
  "import { Context } from '@temporalio/activity';",
  "import { Worker } from '@temporalio/worker';",
  "import { Client } from '@temporalio/client';",
  "import { createActivities } from './activities';",
];

const allowed = [
  "import { sleep } from '@temporalio/workflow';",
  "import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';",
  "import { cycleSchedule } from '@cbccvc/rules';",
  "import type { Activities } from './activity-types';",
  'export type A = Activities;',
  'export const used: unknown[] = [sleep, WorkflowExecutionAlreadyStartedError, cycleSchedule];',
  '',
].join('\n');

const cases: LintCase[] = [
  { kind: 'text', code: builtIns, filePath },
  { kind: 'text', code: `${effects.join('\n')}\nexport const used: unknown[] = [sqlRows, storeNotifications, openRound, createPlanningContext, pg, MikroORM, EntityManager, Context, Worker, Client, createActivities];\n`, filePath },
  { kind: 'text', code: allowed, filePath },
  { kind: 'config', filePath: 'workflows/src/workflows/monthly/cycle.ts', rule: 'no-restricted-imports' },
  { kind: 'config', filePath: 'workflows/src/activities.ts', rule: 'no-restricted-imports' },
  { kind: 'files', files: [filePath] },
];
let results: unknown[];

beforeAll(async () => {
  results = await lintInChildProcess(root, cases);
}, 120_000);

const restricted = (i: number) => (results[i] as LintMessage[]).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${m.line}: ${m.message}`);

describe('the lint rule for workflow code', () => {
  it("refuses Node built-ins, with or without 'node:'", () => {
    expect(restricted(0)).toEqual([
      expect.stringMatching(/^1: 'fs' .*no Node built-ins/),
      expect.stringMatching(/^2: 'node:crypto' .*no Node built-ins/),
      expect.stringMatching(/^3: 'timers\/promises' .*no Node built-ins/),
    ]);
  });

  it('refuses the database, the subgraphs, the activities and the activity/worker/client SDK', () => {
    expect(restricted(1).map((m) => Number(m.split(':')[0]))).toEqual(effects.map((_, i) => i + 1));
  });

  it('lets workflow code import the workflow SDK, the rules and the activity contract', () => {
    expect(restricted(2)).toEqual([]);
  });

  it('applies to every file under workflows/src/workflows/ too, and not to the activities', () => {
    expect(JSON.stringify(results[3])).toMatch(/no Node built-ins/);
    expect(JSON.stringify(results[4])).not.toMatch(/no Node built-ins/);
  });

  it('finds nothing to say about the real workflows.ts', () => {
    expect((results[5] as LintMessage[]).map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`)).toEqual([]);
  });
});
