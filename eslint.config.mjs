// Lint: typescript-eslint's recommended type-aware rules, plus the project's own bans.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/generated/**', 'portal/src/gql/**', 'tests/output/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/*', '../*/src/*', '../../*/src/*'], message: 'Import other packages by name through their index.ts' }] }],
    },
  },
  {
    // The rules engine is pure: no Node built-ins, no clock.
    files: ['packages/rules/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'crypto', 'http', 'os'], message: 'packages/rules is pure: no Node built-ins' }] }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time is an input: no Date.now() in rules' }],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox and is bundled by webpack: no Node
    // built-ins, no database, no activity/worker/client SDK. Effects go through activities
    // (workflows/src/activities.ts) and reach the workflow as types only (activity-types.ts).
    files: ['workflows/src/workflows.ts', 'workflows/src/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message: 'Workflow code runs in the Temporal sandbox: no Node built-ins (use an activity)' })),
            ...['@temporalio/activity', '@temporalio/worker', '@temporalio/client'].map((name) => ({
              name,
              message: 'Workflow code imports only @temporalio/workflow and @temporalio/common',
            })),
            ...['@cbccvc/platform', '@cbccvc/organization', '@cbccvc/evaluation', '@cbccvc/planning', 'pg'].map((name) => ({
              name,
              message: 'Workflow code does no I/O: call an activity (types from ./activity-types)',
            })),
          ],
          patterns: [
            { group: ['node:*'], message: 'Workflow code runs in the Temporal sandbox: no Node built-ins (use an activity)' },
            { group: ['@mikro-orm/*', 'pg/*', 'pg-*', '@temporalio/activity/*', '@temporalio/worker/*', '@temporalio/client/*'], message: 'Workflow code does no I/O: call an activity' },
            { group: ['**/src/*', '../*/src/*', '../../*/src/*'], message: 'Import other packages by name through their index.ts' },
            { group: ['./activities', './temporal', '../activities', '../temporal', '@cbccvc/workflows'], message: 'Workflow code must not import the activity implementations or the worker: only types from ./activity-types' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
