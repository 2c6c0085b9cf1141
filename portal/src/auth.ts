/**
 * OIDC authorization code + PKCE (S256) against the realm's public portal client: Keycloak in a
 * deployment, the development identity provider under `npm start`. The access token lives in
 * memory; the refresh token in sessionStorage (this tab only), so a reload keeps the session and
 * closing the tab ends it.
 */
export interface PortalConfig {
  issuer: string;
  clientId: string;
  serverTime: string;
}

interface Tokens {
  accessToken: string;
  refreshToken: string;
  idToken: string | null;
  expiresAt: number;
}

const REFRESH_KEY = 'cbccvc.refresh';
const PENDING_KEY = 'cbccvc.pending';

let config: PortalConfig | null = null;
/** The server's clock minus the browser's (a development clock may set the server apart). */
let clockOffset = 0;
let tokens: Tokens | null = null;
let refreshing: Promise<Tokens | null> | null = null;

export async function loadConfig(): Promise<PortalConfig> {
  if (!config) {
    const response = await fetch('/portal-config.json', { cache: 'no-store' });
    if (!response.ok) throw new Error('Không tải được cấu hình của cổng (portal-config.json)');
    config = (await response.json()) as PortalConfig;
    clockOffset = Date.parse(config.serverTime) - Date.now();
  }
  return config;
}

/** Now, on the server's clock: deadlines count down on it. */
export const serverNow = (): Date => new Date(Date.now() + clockOffset);

const base64url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const randomString = (): string => base64url(crypto.getRandomValues(new Uint8Array(32)));
const redirectUri = (): string => `${window.location.origin}/dang-nhap`;
const endpoint = (c: PortalConfig, name: 'auth' | 'token' | 'logout') => `${c.issuer}/protocol/openid-connect/${name}`;

/** Sends the browser to the login page; it comes back to /dang-nhap with a code. */
export async function login(returnTo = window.location.pathname): Promise<never> {
  const c = await loadConfig();
  const verifier = randomString();
  const state = randomString();
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(endpoint(c, 'auth'));
  url.search = new URLSearchParams({
    client_id: c.clientId, redirect_uri: redirectUri(), response_type: 'code', scope: 'openid profile email',
    state, code_challenge: challenge, code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
  return new Promise<never>(() => undefined);
}

async function tokenRequest(params: Record<string, string>): Promise<Tokens> {
  const c = await loadConfig();
  const response = await fetch(endpoint(c, 'token'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: c.clientId, ...params }).toString(),
  });
  const body = (await response.json()) as { access_token?: string; refresh_token?: string; id_token?: string; expires_in?: number; error_description?: string };
  if (!response.ok || !body.access_token || !body.refresh_token) throw new Error(body.error_description ?? 'Đăng nhập không thành công');
  const next: Tokens = { accessToken: body.access_token, refreshToken: body.refresh_token, idToken: body.id_token ?? null, expiresAt: Date.now() + (body.expires_in ?? 60) * 1000 };
  sessionStorage.setItem(REFRESH_KEY, next.refreshToken);
  tokens = next;
  return next;
}

/** On /dang-nhap: trades the code for tokens; returns where to go next. */
export async function completeLogin(search: string): Promise<string> {
  const query = new URLSearchParams(search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as { verifier: string; state: string; returnTo: string } | null;
  sessionStorage.removeItem(PENDING_KEY);
  if (!pending || query.get('state') !== pending.state || !query.get('code')) throw new Error('Phiên đăng nhập không hợp lệ hoặc đã hết hạn: hãy đăng nhập lại');
  await tokenRequest({ grant_type: 'authorization_code', code: query.get('code')!, redirect_uri: redirectUri(), code_verifier: pending.verifier });
  return pending.returnTo.startsWith('/dang-nhap') ? '/' : pending.returnTo;
}

/** A valid access token, refreshed shortly before it expires; null when there is no session. */
export async function accessToken(): Promise<string | null> {
  if (tokens && tokens.expiresAt - Date.now() > 20_000) return tokens.accessToken;
  const refresh = tokens?.refreshToken ?? sessionStorage.getItem(REFRESH_KEY);
  if (!refresh) return null;
  refreshing ??= tokenRequest({ grant_type: 'refresh_token', refresh_token: refresh })
    .catch(() => {
      sessionStorage.removeItem(REFRESH_KEY);
      tokens = null;
      return null;
    })
    .finally(() => {
      refreshing = null;
    });
  return (await refreshing)?.accessToken ?? null;
}

export async function logout(): Promise<void> {
  const c = await loadConfig();
  const refresh = tokens?.refreshToken ?? sessionStorage.getItem(REFRESH_KEY);
  tokens = null;
  sessionStorage.removeItem(REFRESH_KEY);
  if (refresh) {
    await fetch(endpoint(c, 'logout'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: c.clientId, refresh_token: refresh }).toString(),
    }).catch(() => undefined);
  }
}
