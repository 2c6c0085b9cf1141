import { randomBytes, randomUUID, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { promisify } from 'node:util';
import express from 'express';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type KeyLike } from 'jose';
import type { Pool } from 'pg';
import type { Block } from './auth';
import { ensureDir } from './database';
import type { Logger } from './logger';
import { listen, mountHealth, type ListeningServer } from './http';
import { allowWebOrigins, mountLoginFlow } from './dev-identity-login';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, length: number, options: object) => Promise<Buffer>;

/**
 * The development identity provider: a stand-in for Keycloak on machines where Keycloak cannot run.
 * It serves Keycloak's URL layout (`/realms/<realm>/protocol/openid-connect/certs` and `/token`) and
 * signs RS256 tokens shaped like Keycloak's, so the gateway and subgraphs validate them with the very
 * same keycloak-connect code they use against a real Keycloak. It refuses to run in production.
 */
export interface DevUser {
  id: string;
  username: string;
  email: string | null;
  firstName: string;
  lastName: string;
  enabled: boolean;
  /** Keycloak's UPDATE_PASSWORD required action: such a user cannot obtain tokens yet. */
  passwordTemporary: boolean;
  roles: string[];
  groups: string[];
  unitId: string | null;
  block: Block | null;
}

export type NewDevUser = Omit<DevUser, 'id'> & { password: string };

/** Users of the development identity provider, kept in PostgreSQL (schema `dev_idp`). */
export class DevUserStore {
  constructor(private readonly pool: Pool) {}

  async migrate(): Promise<void> {
    await this.pool.query(`
      create schema if not exists dev_idp;
      create table if not exists dev_idp.users (
        id uuid primary key,
        username text not null unique,
        email text,
        first_name text not null,
        last_name text not null,
        enabled boolean not null,
        password_hash text not null,
        password_temporary boolean not null,
        roles text[] not null,
        groups text[] not null,
        unit_id text,
        block text
      );`);
  }

  async create(user: NewDevUser): Promise<DevUser> {
    const id = randomUUID();
    try {
      await this.pool.query(
        `insert into dev_idp.users (id, username, email, first_name, last_name, enabled, password_hash,
           password_temporary, roles, groups, unit_id, block)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
        [id, user.username, user.email, user.firstName, user.lastName, user.enabled, await hashPassword(user.password),
          user.passwordTemporary, user.roles, user.groups, user.unitId, user.block],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new DevUserConflict(user.username);
      throw error;
    }
    const { password: _password, ...rest } = user;
    return { id, ...rest };
  }

  async update(id: string, patch: Partial<Pick<DevUser, 'enabled' | 'roles' | 'groups' | 'unitId' | 'block' | 'email'>>): Promise<void> {
    const columns: Record<string, string> = { enabled: 'enabled', roles: 'roles', groups: 'groups', unitId: 'unit_id', block: 'block', email: 'email' };
    const entries = Object.entries(patch).filter(([key]) => key in columns);
    if (entries.length === 0) return;
    const sets = entries.map(([key], i) => `${columns[key]} = $${i + 2}`).join(', ');
    const result = await this.pool.query(`update dev_idp.users set ${sets} where id = $1`, [id, ...entries.map(([, v]) => v)]);
    if (result.rowCount === 0) throw new DevUserNotFound(id);
  }

  async setPassword(id: string, password: string, temporary: boolean): Promise<void> {
    const result = await this.pool.query(
      'update dev_idp.users set password_hash = $2, password_temporary = $3 where id = $1',
      [id, await hashPassword(password), temporary],
    );
    if (result.rowCount === 0) throw new DevUserNotFound(id);
  }

  /** The ids of the users holding a realm role (Keycloak: GET roles/{role}/users). */
  async idsWithRole(role: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>('select id from dev_idp.users where $1 = any(roles) order by username', [role]);
    return rows.map((row) => row.id);
  }

  async findById(id: string): Promise<DevUser | null> {
    const { rows } = await this.pool.query('select * from dev_idp.users where id = $1', [id]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  /** Checks a password grant the way Keycloak does; returns the user or the OAuth error to send. */
  async authenticate(username: string, password: string, options: { allowTemporary?: boolean } = {}): Promise<DevUser | { error: string; description: string }> {
    const { rows } = await this.pool.query('select * from dev_idp.users where lower(username) = lower($1)', [username]);
    const row = rows[0];
    const invalid = { error: 'invalid_grant', description: 'Invalid user credentials' };
    if (!row || !(await verifyPassword(password, row.password_hash))) return invalid;
    const user = toUser(row);
    if (!user.enabled) return { error: 'invalid_grant', description: 'Account disabled' };
    // The password grant cannot change a temporary password; the login page can (UPDATE_PASSWORD).
    if (user.passwordTemporary && !options.allowTemporary) return { error: 'invalid_grant', description: 'Account is not fully set up' };
    return user;
  }
}

export class DevUserConflict extends Error {
  constructor(readonly username: string) {
    super(`User exists with same username: ${username}`);
  }
}
export class DevUserNotFound extends Error {
  constructor(readonly id: string) {
    super(`User not found: ${id}`);
  }
}

function toUser(row: Record<string, unknown>): DevUser {
  return {
    id: row.id as string,
    username: row.username as string,
    email: (row.email as string | null) ?? null,
    firstName: row.first_name as string,
    lastName: row.last_name as string,
    enabled: row.enabled as boolean,
    passwordTemporary: row.password_temporary as boolean,
    roles: row.roles as string[],
    groups: row.groups as string[],
    unitId: (row.unit_id as string | null) ?? null,
    block: (row.block as Block | null) ?? null,
  };
}

// A development-strength scrypt (N = 2^12): cheap enough to seed demo users quickly.
const scryptOptions = { N: 4096, r: 8, p: 1 };
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32, scryptOptions);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}
async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [, salt, hash] = stored.split('$');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, scryptOptions);
  return timingSafeEqual(actual, expected);
}

export interface DevIdentityProviderOptions {
  port: number;
  host?: string;
  realm: string;
  /** The `aud` put into every access token (the gateway's client id). */
  audience: string;
  /** Client ids allowed to use the password grant (the portal, the dashboards). */
  clients: string[];
  /** Origins of the portal (redirect URIs and web origins); absent: loopback hosts only. */
  portalOrigins?: string[];
  store: DevUserStore;
  /** Where the signing key is kept so that tokens survive a restart; in memory when absent. */
  keyFile?: string;
  tokenLifetimeSeconds?: number;
  nodeEnv: string;
  logger: Logger;
}

export interface DevIdentityProvider extends ListeningServer {
  /** Base URL, used as KEYCLOAK_URL by the gateway and subgraphs. */
  authServerUrl: string;
  realmUrl: string;
  store: DevUserStore;
  /** Signs a token for a user as the token endpoint would; tests use `claims` to craft bad tokens. */
  issueToken(user: DevUser, options?: { clientId?: string; lifetimeSeconds?: number; claims?: Record<string, unknown> }): Promise<string>;
}

export async function startDevIdentityProvider(options: DevIdentityProviderOptions): Promise<DevIdentityProvider> {
  if (options.nodeEnv === 'production') {
    throw new Error('The development identity provider refuses to run with NODE_ENV=production: set KEYCLOAK_URL');
  }
  await options.store.migrate();
  const key = await loadOrCreateSigningKey(options.keyFile);
  const lifetime = options.tokenLifetimeSeconds ?? 300;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  // The realm URL (and so the token issuer) must use the host the server is reached at.
  let realmUrl = '';

  const issueToken: DevIdentityProvider['issueToken'] = async (user, issue = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const clientId = issue.clientId ?? options.clients[0]!;
    return new SignJWT({
      exp: now + (issue.lifetimeSeconds ?? lifetime),
      iat: now,
      jti: randomUUID(),
      iss: realmUrl,
      aud: options.audience,
      sub: user.id,
      typ: 'Bearer',
      azp: clientId,
      sid: randomUUID(),
      scope: 'openid profile email',
      email_verified: Boolean(user.email),
      name: `${user.lastName} ${user.firstName}`.trim(),
      given_name: user.firstName,
      family_name: user.lastName,
      preferred_username: user.username,
      ...(user.email ? { email: user.email } : {}),
      realm_access: { roles: user.roles },
      ...(user.unitId ? { unit_id: user.unitId } : {}),
      ...(user.block ? { block: user.block } : {}),
      // Last, so that tests can craft a token with any claim wrong.
      ...issue.claims,
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
      .sign(key.privateKey);
  };

  const realmPath = `/realms/${options.realm}`;
  allowWebOrigins(app, [`${realmPath}/protocol/openid-connect/token`, `${realmPath}/protocol/openid-connect/logout`], options.portalOrigins ?? null);
  const login = mountLoginFlow(app, {
    realmPath,
    clients: options.clients,
    store: options.store,
    redirectOrigins: options.portalOrigins ?? [],
    accessLifetimeSeconds: lifetime,
    issueToken,
    logger: options.logger,
  });
  app.get(`${realmPath}/protocol/openid-connect/certs`, (_req, res) => {
    res.json({ keys: [key.publicJwk] });
  });
  app.get(`${realmPath}/.well-known/openid-configuration`, (_req, res) => {
    res.json({
      issuer: realmUrl,
      authorization_endpoint: `${realmUrl}/protocol/openid-connect/auth`,
      token_endpoint: `${realmUrl}/protocol/openid-connect/token`,
      end_session_endpoint: `${realmUrl}/protocol/openid-connect/logout`,
      jwks_uri: `${realmUrl}/protocol/openid-connect/certs`,
      grant_types_supported: ['authorization_code', 'refresh_token', 'password'],
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });
  app.post(`${realmPath}/protocol/openid-connect/token`, express.urlencoded({ extended: false }), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    if (!body.client_id || !options.clients.includes(body.client_id)) {
      res.status(401).json({ error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' });
      return;
    }
    try {
      if (await login.grant(body, res)) return;
    } catch (error) {
      options.logger.error({ err: error }, 'token endpoint failed');
      res.status(500).json({ error: 'server_error' });
      return;
    }
    if (body.grant_type !== 'password') {
      res.status(400).json({ error: 'unsupported_grant_type', error_description: 'Unsupported grant_type' });
      return;
    }
    if (!body.username || !body.password) {
      res.status(401).json({ error: 'invalid_request', error_description: 'Missing parameter: username' });
      return;
    }
    try {
      const outcome = await options.store.authenticate(body.username, body.password);
      if ('error' in outcome) {
        res.status(outcome.description === 'Invalid user credentials' ? 401 : 400).json({ error: outcome.error, error_description: outcome.description });
        return;
      }
      res.set('Cache-Control', 'no-store').json({
        access_token: await issueToken(outcome, { clientId: body.client_id }),
        expires_in: lifetime,
        token_type: 'Bearer',
        scope: 'openid profile email',
      });
    } catch (error) {
      options.logger.error({ err: error }, 'token endpoint failed');
      res.status(500).json({ error: 'server_error' });
    }
  });
  mountHealth(app, 'dev-identity-provider');

  const server = await listen(httpServer, options.port, options.host);
  realmUrl = `${server.url}${realmPath}`;
  options.logger.warn({ realmUrl }, 'development identity provider running: do not use in production');
  return { ...server, authServerUrl: server.url, realmUrl, store: options.store, issueToken };
}

interface SigningKey {
  kid: string;
  privateKey: KeyLike | Uint8Array;
  publicJwk: JWK;
}

async function loadOrCreateSigningKey(keyFile: string | undefined): Promise<SigningKey> {
  let privateJwk: JWK;
  if (keyFile && existsSync(keyFile)) {
    privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  } else {
    const pair = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    privateJwk = { ...(await exportJWK(pair.privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
    if (keyFile) {
      ensureDir(keyFile);
      writeFileSync(keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
    }
  }
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  return { kid: privateJwk.kid!, privateKey: await importJWK(privateJwk, 'RS256'), publicJwk };
}
