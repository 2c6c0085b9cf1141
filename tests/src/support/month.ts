import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ok, type TestSystem } from './system';

/**
 * Steps of a person's month through the gateway, shared by the end-to-end tests: tokens for new
 * accounts, a task planned and completed, a self-assessment submitted, and waiting for the
 * reporting read models.
 */

/** A person taking part in the month: their id and a token of their own. */
export interface Member {
  id: string;
  token: string;
}

/** A token for the account `username`, signed by the development identity provider, with no password change due. */
export async function tokenOfUser(t: TestSystem, username: string): Promise<string> {
  return t.system.devIdentityProvider.issueToken({ ...(await t.devUser(username)), passwordTemporary: false });
}

/** A token for the account of the person `personId` (see `tokenOfUser`). */
export async function tokenOf(t: TestSystem, personId: string): Promise<string> {
  const [row] = (await t.system.orm.em.fork().getConnection().execute(`select username from organization.account where person_id = ?`, [personId])) as { username: string }[];
  return tokenOfUser(t, row!.username);
}

/** Polls `reportingFreshness` (as the city administrator) until the projector has no pending events. */
export async function waitForProjection(t: TestSystem): Promise<void> {
  const city = await t.login('admin.thanhpho');
  for (let i = 0; i < 100; i += 1) {
    const { reportingFreshness } = await ok(t.gql<{ reportingFreshness: { pendingEvents: number } }>(city, '{ reportingFreshness { pendingEvents } }'));
    if (reportingFreshness.pendingEvents === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the projector did not catch up');
}

/** The PDF's text by pdf.js (ES modules only), in a child process. */
export function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, '..', '..', '..', 'services', 'reporting', 'src', 'documents', 'pdf-text.mjs')], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve((JSON.parse(stdout) as { pages: string[] }).pages.join('\n')),
    );
    child.stdin!.end(pdf);
  });
}

/** The one task of a month's plan: its size, whether the approver records it late, its title and the evidence of its completion. */
export interface Task {
  size: number;
  late?: boolean;
  title?: string;
  evidence?: string;
}

/**
 * `person` creates their plan of `month` in `unitId`; the `approver` adds one task of the given size
 * (assigned on 4 May 2026); the person submits, the approver approves, the person completes it (on
 * 7 May 2026); when `late`, the approver then records a delay.
 */
export async function planAndComplete(t: TestSystem, person: Member, unitId: string, month: string, approver: string, task: Task): Promise<void> {
  const { size, late = false, title = 'Thẩm định hồ sơ', evidence = 'Hồ sơ số 12' } = task;
  const { createPlan } = await ok(t.gql<{ createPlan: { id: string } }>(person.token, 'mutation($i: CreatePlanInput!) { createPlan(input: $i) { id } }', { i: { unitId, personId: person.id, month } }));
  const { addTask } = await ok(t.gql<{ addTask: { id: string } }>(approver, 'mutation($i: AddTaskInput!) { addTask(input: $i) { id } }', { i: { planId: createPlan.id, title, size, assignedOn: '2026-05-04' } }));
  await ok(t.gql(person.token, 'mutation($id: ID!) { submitPlan(id: $id, expectedVersion: 1) { id } }', { id: createPlan.id }));
  await ok(t.gql(approver, 'mutation($id: ID!) { approvePlan(id: $id, expectedVersion: 2) { id } }', { id: createPlan.id }));
  await ok(t.gql(person.token, 'mutation($id: ID!, $e: String!) { completeTask(id: $id, expectedVersion: 1, input: { completedOn: "2026-05-07", evidence: $e }) { id } }', { id: addTask.id, e: evidence }));
  if (late) await ok(t.gql(approver, 'mutation($t: ID!) { recordDelay(taskId: $t) { id } }', { t: addTask.id }));
}

/**
 * `person` opens their evaluation form of `month`, saves the `scores` with the `statedGrade` and
 * submits it; the submitted form, with the GraphQL `fields` asked for (its id by default).
 */
export async function selfAssess<F extends { id: string } = { id: string }>(
  t: TestSystem,
  person: Member,
  month: string,
  scores: { code: string; score: number }[],
  statedGrade: string | null,
  fields = 'id',
): Promise<F> {
  const { openEvaluationForm } = await ok(t.gql<{ openEvaluationForm: { id: string; version: number } }>(person.token, `mutation { openEvaluationForm(month: "${month}") { id version } }`));
  const saved = await ok(t.gql<{ saveSelfAssessment: { version: number } }>(person.token, 'mutation($id: ID!, $v: Int!, $i: SelfAssessmentInput!) { saveSelfAssessment(id: $id, expectedVersion: $v, input: $i) { version } }', { id: openEvaluationForm.id, v: openEvaluationForm.version, i: { scores, statedGrade } }));
  const submitted = await ok(t.gql<{ submitSelfAssessment: F }>(person.token, `mutation($id: ID!, $v: Int!) { submitSelfAssessment(id: $id, expectedVersion: $v) { ${fields} } }`, { id: openEvaluationForm.id, v: saved.saveSelfAssessment.version }));
  return submitted.submitSelfAssessment;
}
