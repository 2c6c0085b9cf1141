/** Runs ESLint's Node API in a child Node process (see eslint-runner.js for why). */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

export interface LintMessage {
  filePath: string;
  line: number;
  column: number;
  ruleId: string | null;
  severity: number;
  message: string;
}

export type LintCase =
  | { kind: 'text'; code: string; filePath: string }
  | { kind: 'files'; files: string[] }
  | { kind: 'config'; filePath: string; rule: string };

/** One result per case: the messages for 'text' and 'files', the rule's configuration for 'config'. */
export async function lintInChildProcess(cwd: string, cases: LintCase[]): Promise<unknown[]> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(__dirname, 'eslint-runner.js'), JSON.stringify({ cwd, cases })], {
    cwd,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as unknown[];
}
