import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import {
  createDatabase,
  createKeycloakTokenVerifier,
  createPool,
  createLogger,
  dropDatabase,
  DevUserStore,
  startDevIdentityProvider,
  type DevIdentityProvider,
  type ListeningServer,
} from '@cbccvc/platform';
import { readConfig } from './config';
import { readCommittedSupergraph } from './composition';
import { startGateway } from './gateway';

describe('configuration of the all-in-one process', () => {
  it('runs on embedded defaults with no variables at all', () => {
    const config = readConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.keycloak).toBeUndefined();
    expect([...config.services]).toEqual(['organization', 'planning', 'evaluation', 'reporting', 'gateway', 'worker']);
    expect(config.temporal).toBeNull(); // orchestration off until TEMPORAL_ADDRESS is set
  });

  it('reads Temporal only when TEMPORAL_ADDRESS is set, and needs it for a worker-only production process', () => {
    const config = readConfig({ TEMPORAL_ADDRESS: 'temporal:7233', PASSWORD_ROLLOUT_DATE: '2026-12-01T00:00:00+07:00' });
    expect(config.temporal).toEqual({ address: 'temporal:7233', namespace: 'default', taskQueue: 'cbccvc', apiKey: null, passwordRolloutDate: '2026-11-30T17:00:00.000Z' });
    expect(() => readConfig({ TEMPORAL_ADDRESS: 'temporal:7233', PASSWORD_ROLLOUT_DATE: 'soon' })).toThrow('PASSWORD_ROLLOUT_DATE');
    const production = { NODE_ENV: 'production', SERVICES: 'worker', KEYCLOAK_URL: 'https://sso.example.vn', DATABASE_URL: 'postgres://db/cbccvc' };
    expect(() => readConfig(production)).toThrow('TEMPORAL_ADDRESS is required');
    // The worker locks accounts in Keycloak: it needs the admin secret, which has no default.
    expect(() => readConfig({ ...production, TEMPORAL_ADDRESS: 'temporal:7233' })).toThrow('KEYCLOAK_ADMIN_CLIENT_SECRET is required');
  });

  it('requires the Keycloak admin secret once Keycloak is configured: no secret has a default', () => {
    expect(() => readConfig({ KEYCLOAK_URL: 'https://sso.example.vn' })).toThrow('KEYCLOAK_ADMIN_CLIENT_SECRET is required');
    const config = readConfig({ KEYCLOAK_URL: 'https://sso.example.vn', KEYCLOAK_ADMIN_CLIENT_SECRET: 's3cret' });
    expect(config.keycloak).toEqual({ url: 'https://sso.example.vn', adminClientId: 'cbccvc-admin', adminClientSecret: 's3cret' });
  });

  it('reads a development clock (CLOCK_AT) with its offset, and refuses it in production', () => {
    expect(readConfig({}).clockAt).toBeNull();
    expect(readConfig({ CLOCK_AT: '2026-12-20T09:00+07:00' }).clockAt!.toISOString()).toBe('2026-12-20T02:00:00.000Z');
    expect(() => readConfig({ CLOCK_AT: '2026-12-20 09:00' })).toThrow(/CLOCK_AT must be an instant with its offset/);
    expect(() => readConfig({ CLOCK_AT: '2026-13-40T09:00Z' })).toThrow(/CLOCK_AT/);
    const production = { NODE_ENV: 'production', KEYCLOAK_URL: 'https://sso', KEYCLOAK_ADMIN_CLIENT_SECRET: 'x', DATABASE_URL: 'postgres://db/x' };
    expect(readConfig(production).clockAt).toBeNull();
    expect(() => readConfig({ ...production, CLOCK_AT: '2026-12-20T09:00+07:00' })).toThrow(/refused when NODE_ENV=production/);
  });

  it('refuses production without a real identity provider and database', () => {
    expect(() => readConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' })).toThrow(/KEYCLOAK_URL is required/);
    expect(() => readConfig({ NODE_ENV: 'production', KEYCLOAK_URL: 'https://sso', KEYCLOAK_ADMIN_CLIENT_SECRET: 'x' })).toThrow(/DATABASE_URL is required/);
  });

  it('lets a gateway-only process run without database or admin secret, but not without Keycloak', () => {
    expect(() => readConfig({ SERVICES: 'gateway' })).toThrow(/KEYCLOAK_URL is required/);
    const config = readConfig({ SERVICES: 'gateway', KEYCLOAK_URL: 'https://sso', ORGANIZATION_URL: 'http://org:4001/graphql' });
    expect([...config.services]).toEqual(['gateway']);
    expect(() => readConfig({ SERVICES: 'gateway,analytics' })).toThrow(/unknown service "analytics"/);
  });
});

describe('the gateway in production mode', () => {
  let idp: DevIdentityProvider;
  let gateway: ListeningServer;
  let pool: Pool;
  const name = `t_${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    const url = await createDatabase(process.env.TEST_DATABASE_URL!, name);
    pool = createPool(url, 2);
    const logger = createLogger('test', 'silent');
    idp = await startDevIdentityProvider({ port: 0, realm: 'hanoi', audience: 'cbccvc-api', clients: ['cbccvc-portal'], store: new DevUserStore(pool), nodeEnv: 'test', logger });
    gateway = await startGateway({
      supergraphSdl: readCommittedSupergraph(),
      // Nothing listens there: these tests never reach a subgraph.
      subgraphUrls: { organization: 'http://127.0.0.1:9/graphql' },
      verifier: createKeycloakTokenVerifier({ authServerUrl: idp.authServerUrl, realm: 'hanoi', audience: 'cbccvc-api' }),
      logger,
      port: 0,
      production: true,
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await idp?.close();
    await pool?.end();
    await dropDatabase(process.env.TEST_DATABASE_URL!, name);
  });

  const token = () =>
    idp.issueToken({ id: 'u1', username: 'u1', email: null, firstName: 'A', lastName: 'B', enabled: true, passwordTemporary: false, roles: ['employee'], groups: [], unitId: null, block: null });

  it('refuses introspection', async () => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` },
      body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
    });
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0]!.message).toMatch(/introspection/i);
  });

  it('masks a failing subgraph call as an internal error without details', async () => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` },
      body: JSON.stringify({ query: '{ me { username } }' }),
    });
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(Object.keys(body.errors[0]!.extensions)).toEqual(['code']);
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
  });

  it('serves no landing page', async () => {
    const response = await fetch(`${gateway.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toMatch(/<html/i);
  });

  it('the development identity provider refuses to start in production', async () => {
    await expect(
      startDevIdentityProvider({ port: 0, realm: 'hanoi', audience: 'a', clients: ['c'], store: new DevUserStore(pool), nodeEnv: 'production', logger: createLogger('test', 'silent') }),
    ).rejects.toThrow(/refuses to run with NODE_ENV=production/);
  });
});
