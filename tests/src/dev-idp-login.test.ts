import { createHash, randomBytes } from 'node:crypto';
import { ok, startTestSystem, type TestSystem } from './support/system';

/**
 * The development identity provider's browser login (issue 15, foundation 3), as a public client
 * uses it: authorization code + PKCE (S256), the Vietnamese login page, the forced password change
 * at first login, refresh tokens rotated, logout ending the session — the contract Keycloak keeps.
 */
let t: TestSystem;
let realm: string;
let portal: string;
const clientId = 'cbccvc-portal';

beforeAll(async () => {
  t = await startTestSystem();
  realm = t.system.devIdentityProvider.realmUrl;
  portal = new URL(t.system.gatewayUrl).origin;
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

const verifier = () => randomBytes(32).toString('base64url');
const challengeOf = (v: string) => createHash('sha256').update(v).digest('base64url');
const authParams = (challenge: string, extra: Record<string, string> = {}) => ({
  client_id: clientId, redirect_uri: `${portal}/dang-nhap`, response_type: 'code', scope: 'openid', state: 'st-1',
  code_challenge: challenge, code_challenge_method: 'S256', ...extra,
});
const postForm = (url: string, form: Record<string, string>) =>
  fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });

/** Logs in on the login page; the code from the redirect. */
async function codeFor(username: string, password: string, challenge: string): Promise<string> {
  const response = await postForm(`${realm}/protocol/openid-connect/auth`, { ...authParams(challenge), username, password });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(`${portal}/dang-nhap`);
  expect(location.searchParams.get('state')).toBe('st-1');
  return location.searchParams.get('code')!;
}

const token = (form: Record<string, string>) => postForm(`${realm}/protocol/openid-connect/token`, { client_id: clientId, ...form });

it('serves a Vietnamese login page for a valid request, and refuses a foreign redirect or a missing PKCE', async () => {
  const page = await fetch(`${realm}/protocol/openid-connect/auth?${new URLSearchParams(authParams(challengeOf(verifier())))}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('Tên đăng nhập');
  expect(html).toContain('Mật khẩu');
  expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  const foreign = await fetch(`${realm}/protocol/openid-connect/auth?${new URLSearchParams(authParams('x', { redirect_uri: 'https://evil.example/cb' }))}`);
  expect([foreign.status, (await foreign.text()).includes('redirect_uri')]).toEqual([400, true]);
  const noPkce = await fetch(`${realm}/protocol/openid-connect/auth?${new URLSearchParams({ ...authParams('x'), code_challenge_method: 'plain' })}`);
  expect(noPkce.status).toBe(400);
});

it('a wrong password shows the form again with the reason; no code is issued', async () => {
  const response = await postForm(`${realm}/protocol/openid-connect/auth`, { ...authParams(challengeOf(verifier())), username: 'nhanvien', password: 'sai-mat-khau' });
  expect(response.status).toBe(401);
  expect(await response.text()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
});

it('trades a code once, only with its verifier, for tokens the gateway accepts; refresh tokens rotate; logout ends the session', async () => {
  const v = verifier();
  const code = await codeFor('nhanvien', t.demoPassword, challengeOf(v));
  const wrong = await token({ grant_type: 'authorization_code', code, redirect_uri: `${portal}/dang-nhap`, code_verifier: verifier() });
  expect(wrong.status).toBe(400);
  // The failed attempt used the code up: a code is tried once.
  const reused = await token({ grant_type: 'authorization_code', code, redirect_uri: `${portal}/dang-nhap`, code_verifier: v });
  expect(reused.status).toBe(400);

  const v2 = verifier();
  const code2 = await codeFor('nhanvien', t.demoPassword, challengeOf(v2));
  const issued = (await (await token({ grant_type: 'authorization_code', code: code2, redirect_uri: `${portal}/dang-nhap`, code_verifier: v2 })).json()) as { access_token: string; refresh_token: string; id_token: string };
  const me = await ok(t.gql<{ me: { username: string } }>(issued.access_token, '{ me { username } }'));
  expect(me.me.username).toBe('nhanvien');
  const idClaims = JSON.parse(Buffer.from(issued.id_token.split('.')[1]!, 'base64url').toString()) as { aud: string; typ: string };
  expect([idClaims.aud, idClaims.typ]).toEqual([clientId, 'ID']);

  const refreshed = await token({ grant_type: 'refresh_token', refresh_token: issued.refresh_token });
  expect(refreshed.status).toBe(200);
  const next = (await refreshed.json()) as { refresh_token: string };
  expect((await token({ grant_type: 'refresh_token', refresh_token: issued.refresh_token })).status).toBe(400);

  expect((await postForm(`${realm}/protocol/openid-connect/logout`, { client_id: clientId, refresh_token: next.refresh_token })).status).toBe(204);
  expect((await token({ grant_type: 'refresh_token', refresh_token: next.refresh_token })).status).toBe(400);
});

it('an account issued with a temporary password changes it at first login, under the realm’s password policy', async () => {
  const city = await t.login('admin.thanhpho');
  const unitId = t.seed.people.find((p) => p.id === t.seed.demoUsers.find((u) => u.username === 'nhanvien')!.personId)!.unitId;
  const positionId = t.seed.positions.find((p) => p.code === 'CHUYEN_VIEN')!.id;
  const { createPerson } = await ok(t.gql<{ createPerson: { id: string } }>(city, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', { i: { unitId, positionId, name: 'Đỗ Thu Hà', staffKind: 'CIVIL_SERVANT' } }));
  const { issueAccount } = await ok(t.gql<{ issueAccount: { temporaryPassword: string; account: { username: string } } }>(city, 'mutation($p: ID!) { issueAccount(personId: $p, username: "ha.dt") { temporaryPassword account { username } } }', { p: createPerson.id }));
  const v = verifier();
  const auth = `${realm}/protocol/openid-connect/auth`;
  const form = { ...authParams(challengeOf(v)), username: 'ha.dt', password: issueAccount.temporaryPassword };
  const asked = await postForm(auth, form);
  expect([asked.status, (await asked.text()).includes('Đổi mật khẩu')]).toEqual([200, true]);
  const weak = await postForm(auth, { ...form, password_new: 'ngan', password_confirm: 'ngan' });
  expect([weak.status, (await weak.text()).includes('ít nhất 10 ký tự')]).toEqual([400, true]);
  const mismatch = await postForm(auth, { ...form, password_new: 'MatKhauMoi2026', password_confirm: 'MatKhauMoi2027' });
  expect([mismatch.status, (await mismatch.text()).includes('không khớp')]).toEqual([400, true]);
  const changed = await postForm(auth, { ...form, password_new: 'MatKhauMoi2026', password_confirm: 'MatKhauMoi2026' });
  expect(changed.status).toBe(302);
  // The new password is the password now; the temporary one no longer works.
  expect((await postForm(auth, { ...authParams(challengeOf(verifier())), username: 'ha.dt', password: 'MatKhauMoi2026' })).status).toBe(302);
  expect((await postForm(auth, { ...authParams(challengeOf(verifier())), username: 'ha.dt', password: issueAccount.temporaryPassword })).status).toBe(401);
});
