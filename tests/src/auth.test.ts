import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { outcome, startTestSystem, type TestSystem } from './support/system';

const meQuery = '{ me { username roles person { name unit { name block } } } }';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => {
  await t?.stop();
});

describe('tokens at the gateway', () => {
  it('answers a valid token with the caller, their person and unit', async () => {
    const response = await t.gql<{ me: { username: string; roles: string[]; person: { name: string; unit: { block: string } } } }>(
      await t.login('admin.dang'),
      meQuery,
    );
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data!.me.username).toBe('admin.dang');
    expect(response.data!.me.roles).toContain('block-admin-party');
    expect(response.data!.me.person.unit.block).toBe('PARTY');
  });

  it('refuses a request without a token with UNAUTHENTICATED and HTTP 401', async () => {
    const response = await t.gql(null, meQuery);
    expect(response.status).toBe(401);
    expect(outcome(response)).toBe('UNAUTHENTICATED');
  });

  it('refuses a malformed authorization header', async () => {
    const response = await fetch(t.system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic YWRtaW46YWRtaW4=' },
      body: JSON.stringify({ query: meQuery }),
    });
    expect(response.status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const user = await t.devUser('admin.dang');
    const token = await t.system.devIdentityProvider!.issueToken(user, { lifetimeSeconds: -60 });
    const response = await t.gql(token, meQuery);
    expect(response.status).toBe(401);
    expect(response.errors![0]!.message).toMatch(/expired/i);
  });

  it('refuses a token signed by a key that is not the realm key', async () => {
    const user = await t.devUser('admin.dang');
    const genuine = await t.system.devIdentityProvider!.issueToken(user);
    const claims = JSON.parse(Buffer.from(genuine.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const kid = (await exportJWK(publicKey)).n!.slice(0, 16);
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
    const response = await t.gql(forged, meQuery);
    expect(response.status).toBe(401);
    expect(outcome(response)).toBe('UNAUTHENTICATED');
  });

  it('refuses a realm-signed token whose signature was tampered with', async () => {
    const token = await t.login('nhanvien');
    const [header, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { realm_access: { roles: string[] } };
    claims.realm_access.roles.push('city-admin');
    const escalated = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${token.split('.')[2]}`;
    const response = await t.gql(escalated, meQuery);
    expect(response.status).toBe(401);
  });

  it('refuses a token for another audience', async () => {
    const user = await t.devUser('admin.dang');
    const token = await t.system.devIdentityProvider!.issueToken(user, { claims: { aud: 'some-other-api' } });
    const response = await t.gql(token, meQuery);
    expect(response.status).toBe(401);
    expect(response.errors![0]!.message).toMatch(/audience/i);
  });

  it('refuses a token from another issuer', async () => {
    const user = await t.devUser('admin.dang');
    const token = await t.system.devIdentityProvider!.issueToken(user, { claims: { iss: 'http://evil.example/realms/hanoi' } });
    const response = await t.gql(token, meQuery);
    expect(response.status).toBe(401);
  });

  it('refuses an ID token or refresh token used as an access token (typ)', async () => {
    const user = await t.devUser('admin.dang');
    const token = await t.system.devIdentityProvider!.issueToken(user, { claims: { typ: 'Refresh' } });
    expect((await t.gql(token, meQuery)).status).toBe(401);
  });
});

describe('the subgraph validates tokens itself (zero trust)', () => {
  it('refuses a direct call without a token', async () => {
    const response = await t.gql(null, meQuery, undefined, t.system.organizationUrl);
    expect(response.status).toBe(401);
    expect(outcome(response)).toBe('UNAUTHENTICATED');
  });

  it('refuses a direct call with a wrong-audience token', async () => {
    const user = await t.devUser('admin.dang');
    const token = await t.system.devIdentityProvider!.issueToken(user, { claims: { aud: 'some-other-api' } });
    expect((await t.gql(token, meQuery, undefined, t.system.organizationUrl)).status).toBe(401);
  });

  it('serves a direct call with a valid token', async () => {
    const response = await t.gql<{ me: { username: string } }>(await t.login('nhanvien'), meQuery, undefined, t.system.organizationUrl);
    expect(response.status).toBe(200);
    expect(response.data!.me.username).toBe('nhanvien');
  });
});

describe('the development identity provider behaves like Keycloak', () => {
  it('refuses wrong passwords and unknown clients with OAuth errors', async () => {
    const url = `${t.system.devIdentityProvider!.realmUrl}/protocol/openid-connect/token`;
    const wrong = await fetch(url, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', client_id: 'cbccvc-portal', username: 'admin.dang', password: 'nope' }) });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toBe('invalid_grant');
    const client = await fetch(url, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', client_id: 'unknown', username: 'admin.dang', password: t.demoPassword }) });
    expect(client.status).toBe(401);
    expect(((await client.json()) as { error: string }).error).toBe('invalid_client');
  });

  it('publishes the signing key as a JWKS', async () => {
    const response = await fetch(`${t.system.devIdentityProvider!.realmUrl}/protocol/openid-connect/certs`);
    const jwks = (await response.json()) as { keys: { kty: string; alg: string; d?: string }[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    expect(jwks.keys[0]!.d).toBeUndefined();
  });
});

describe('gateway hardening', () => {
  it('serves /health on every process', async () => {
    for (const url of [t.system.gatewayUrl, t.system.organizationUrl, `${t.system.devIdentityProvider!.authServerUrl}/graphql`]) {
      const response = await fetch(url.replace(/\/graphql$/, '/health'));
      expect(response.status).toBe(200);
      expect(((await response.json()) as { status: string }).status).toBe('ok');
    }
  });

  it('refuses over-deep queries before executing them', async () => {
    const deep = `{ me { person { unit { parent { parent { parent { parent { parent { parent { parent { parent { parent { name } } } } } } } } } } } } }`;
    const response = await t.gql(await t.login('nhanvien'), deep);
    expect(response.status).toBe(400);
    expect(outcome(response)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors![0]!.message).toMatch(/depth/);
  });

  it('refuses alias flooding', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: me { username }`).join(' ');
    const response = await t.gql(await t.login('nhanvien'), `{ ${aliases} }`);
    expect(outcome(response)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors![0]!.message).toMatch(/aliases/);
  });

  it('applies CSRF prevention to simple GET requests', async () => {
    const response = await fetch(`${t.system.gatewayUrl}?query=${encodeURIComponent('{ me { username } }')}`, {
      headers: { authorization: `Bearer ${await t.login('nhanvien')}` },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/i);
  });

  it('never answers malformed input with HTTP 500', async () => {
    const response = await fetch(t.system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await t.login('nhanvien')}` },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
  });
});
