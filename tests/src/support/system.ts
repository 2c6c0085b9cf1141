import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createLogger, fixedClock, type DevIdentityProvider, type DevUser, type Orm } from '@cbccvc/platform';
import { generateSeed, loadSeed, type SeedData } from '@cbccvc/organization';
import { readConfig, startSystem, type RunningSystem } from '@cbccvc/gateway';
import { createTestDatabase } from './database';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

/** Both services in one process, as `npm start` runs them: every part is present. */
export type FullSystem = RunningSystem & { gatewayUrl: string; organizationUrl: string; orm: Orm; devIdentityProvider: DevIdentityProvider };

export interface TestSystem {
  system: FullSystem;
  seed: SeedData;
  demoPassword: string;
  clock: ReturnType<typeof fixedClock>;
  /** A real token from the development identity provider's token endpoint (password grant). */
  login(username: string): Promise<string>;
  /** Signs a token directly, for crafting expired or otherwise bad tokens. */
  devUser(username: string): Promise<DevUser>;
  gql<T = Record<string, unknown>>(token: string | null, query: string, variables?: Record<string, unknown>, url?: string): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/**
 * The whole system as `npm start` runs it (gateway, organization subgraph, development identity
 * provider) on port 0, over a fresh database with the demo ward loaded, under `wardPolicyId` if given.
 */
export async function startTestSystem(options: { wardPolicyId?: string } = {}): Promise<TestSystem> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'cbccvc-test-data-'));
  const config = readConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    GATEWAY_PORT: '0',
    ORGANIZATION_PORT: '0',
    DEV_IDP_PORT: '0',
    PLANNING_PORT: '0',
    EVALUATION_PORT: '0',
    REPORTING_PORT: '0',
  });
  const clock = fixedClock('2026-05-10T03:00:00Z');
  const system = (await startSystem(config, createLogger('test', process.env.LOG_LEVEL ?? 'silent'), clock)) as FullSystem;
  const seed = generateSeed('demo');
  // The demo ward under another rules preset (e.g. Quảng Trị 2019 for 360° rounds).
  if (options.wardPolicyId) for (const j of seed.jurisdictions) if (j.parentId) (j as { policyId: string }).policyId = options.wardPolicyId;
  const demoPassword = randomBytes(9).toString('base64url');
  await loadSeed(system.orm, seed, { devUsers: system.devIdentityProvider!.store, demoPassword });
  const idp = system.devIdentityProvider!;
  const tokens = new Map<string, string>();

  const gql: TestSystem['gql'] = async (token, query, variables, url = system.gatewayUrl) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse, 'status'>;
    return { status: response.status, ...body } as never;
  };

  return {
    system,
    seed,
    demoPassword,
    clock,
    async login(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const response = await fetch(`${idp.realmUrl}/protocol/openid-connect/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'password', client_id: 'cbccvc-portal', username, password: demoPassword }),
      });
      const body = (await response.json()) as { access_token?: string; error_description?: string };
      if (!body.access_token) throw new Error(`login ${username} failed: ${body.error_description}`);
      tokens.set(username, body.access_token);
      return body.access_token;
    },
    async devUser(username) {
      const [row] = (await system.orm.em.getConnection().execute('select id from dev_idp.users where username = ?', [username])) as { id: string }[];
      return (await idp.store.findById(row!.id))!;
    },
    gql,
    async stop() {
      await system.close();
      await database.drop();
    },
  };
}

/** The data of a response that must succeed; its errors otherwise, as the failure. */
export async function ok<T>(response: Promise<GraphQLResponse<T>>): Promise<T> {
  const settled = await response;
  if (settled.errors) throw new Error(JSON.stringify(settled.errors));
  return settled.data!;
}

/** The first error code of a response, or 'OK'. */
export const outcome = (response: GraphQLResponse): string => response.errors?.[0]?.extensions?.code ?? 'OK';
