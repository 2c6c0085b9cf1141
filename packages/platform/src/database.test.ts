import { randomBytes } from 'node:crypto';
import { createDatabase, createPool, dropDatabase } from './database';

describe('createPool', () => {
  const name = `t_${randomBytes(6).toString('hex')}`;
  let url: string;

  beforeAll(async () => {
    url = await createDatabase(process.env.TEST_DATABASE_URL!, name);
  });

  afterAll(async () => {
    await dropDatabase(process.env.TEST_DATABASE_URL!, name);
  });

  it('survives the server closing an idle connection and opens a new one for the next query', async () => {
    const warnings: unknown[] = [];
    const pool = createPool(url, 2, { warn: (...args: unknown[]) => warnings.push(args) } as never);
    try {
      const { rows } = await pool.query<{ pid: number }>('select pg_backend_pid() as pid');
      const idle = rows[0]!.pid;
      // What a server restart or an administrator's terminate does to an idle connection.
      const admin = createPool(url, 1);
      await admin.query('select pg_terminate_backend($1)', [idle]);
      await admin.end();
      for (let i = 0; i < 50 && warnings.length === 0; i += 1) await new Promise((done) => setTimeout(done, 20));
      expect(warnings).toHaveLength(1);
      const again = await pool.query<{ pid: number }>('select pg_backend_pid() as pid');
      expect(again.rows[0]!.pid).not.toBe(idle);
    } finally {
      await pool.end();
    }
  });
});
