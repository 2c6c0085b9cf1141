import { randomBytes } from 'node:crypto';
import { createDatabase, dropDatabase } from '@cbccvc/platform';

/** A fresh database per test file on the server set up by tests/global-setup.mjs. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (tests/global-setup.mjs)');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const url = await createDatabase(server, name);
  return { url, drop: () => dropDatabase(server, name) };
}
