import { createHash, randomBytes } from 'node:crypto';
import express, { type Express, type Request, type Response } from 'express';
import type { DevUser, DevUserStore } from './dev-identity-provider';
import type { Logger } from './logger';

/**
 * The browser login of the development identity provider, as Keycloak serves it to a public client:
 * OIDC authorization code with PKCE (S256 only), a Vietnamese login page, the forced password change
 * at first login (UPDATE_PASSWORD), refresh tokens and logout. Codes, refresh tokens and sessions
 * live in memory: a restart logs everyone out, which is fine for development.
 */
export interface LoginFlowOptions {
  realmPath: string;
  clients: string[];
  store: DevUserStore;
  /** Origins a redirect_uri may point at; empty: loopback hosts only (http://localhost, 127.0.0.1). */
  redirectOrigins: string[];
  accessLifetimeSeconds: number;
  refreshLifetimeSeconds?: number;
  issueToken(user: DevUser, options: { clientId: string; claims?: Record<string, unknown> }): Promise<string>;
  logger: Logger;
}

interface PendingCode {
  userId: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string | null;
  sessionId: string;
  expires: number;
}

interface RefreshGrant {
  userId: string;
  clientId: string;
  sessionId: string;
  expires: number;
}

/** The realm's password policy (deploy/keycloak): 10 characters, upper and lower case, a digit, not the username. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 10) return 'Mật khẩu cần ít nhất 10 ký tự.';
  if (!/[A-ZÀ-Ỹ]/.test(password) || !/[a-zà-ỹ]/.test(password)) return 'Mật khẩu cần có cả chữ hoa và chữ thường.';
  if (!/\d/.test(password)) return 'Mật khẩu cần có ít nhất một chữ số.';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'Mật khẩu không được chứa tên đăng nhập.';
  return null;
}

const token = (): string => randomBytes(32).toString('base64url');
const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Query or form parameters of the authorization request, carried through the login form. */
const AUTH_PARAMS = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method'] as const;
type AuthParams = Partial<Record<(typeof AUTH_PARAMS)[number], string>>;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} — Đánh giá, xếp loại CBCCVC</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f0f2f5; margin: 0; color: #1f1f1f; }
  main { max-width: 380px; margin: 8vh auto; background: #fff; padding: 28px 24px; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  h1 { font-size: 20px; margin: 0 0 4px; } p.sub { margin: 0 0 20px; color: #595959; font-size: 14px; }
  label { display: block; margin: 14px 0 6px; font-weight: 600; font-size: 14px; }
  input[type=text], input[type=password], input[type=email] { width: 100%; box-sizing: border-box; padding: 10px; font-size: 16px; border: 1px solid #8c8c8c; border-radius: 6px; }
  button { margin-top: 20px; width: 100%; padding: 11px; font-size: 16px; background: #0b57d0; color: #fff; border: 0; border-radius: 6px; cursor: pointer; }
  .error { background: #fff1f0; border: 1px solid #ffa39e; color: #a8071a; padding: 10px; border-radius: 6px; font-size: 14px; }
  .note { font-size: 13px; color: #595959; margin-top: 16px; }
</style></head>
<body><main>${body}</main></body></html>`;
}

const hidden = (params: AuthParams): string =>
  AUTH_PARAMS.filter((k) => params[k] !== undefined).map((k) => `<input type="hidden" name="${k}" value="${escape(params[k]!)}">`).join('');

function loginPage(params: AuthParams, action: string, error?: string, username = ''): string {
  return page('Đăng nhập', `
    <h1>Đăng nhập</h1>
    <p class="sub">Hệ thống đánh giá, xếp loại cán bộ, công chức, viên chức hằng tháng</p>
    ${error ? `<div class="error" role="alert">${escape(error)}</div>` : ''}
    <form method="post" action="${escape(action)}">
      ${hidden(params)}
      <label for="username">Tên đăng nhập</label>
      <input id="username" name="username" type="text" autocomplete="username" value="${escape(username)}" required autofocus>
      <label for="password">Mật khẩu</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <button type="submit">Đăng nhập</button>
    </form>
    <p class="note">Quên mật khẩu? Liên hệ quản trị khối của đơn vị để được cấp lại mật khẩu tạm thời.</p>`);
}

function changePasswordPage(params: AuthParams, action: string, username: string, error?: string): string {
  return page('Đổi mật khẩu', `
    <h1>Đổi mật khẩu</h1>
    <p class="sub">Tài khoản <strong>${escape(username)}</strong> đang dùng mật khẩu tạm thời: hãy đặt mật khẩu mới để tiếp tục.</p>
    ${error ? `<div class="error" role="alert">${escape(error)}</div>` : ''}
    <form method="post" action="${escape(action)}">
      ${hidden(params)}
      <input type="hidden" name="username" value="${escape(username)}">
      <label for="password">Mật khẩu tạm thời</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <label for="password-new">Mật khẩu mới</label>
      <input id="password-new" name="password_new" type="password" autocomplete="new-password" required>
      <label for="password-confirm">Nhập lại mật khẩu mới</label>
      <input id="password-confirm" name="password_confirm" type="password" autocomplete="new-password" required>
      <button type="submit">Đổi mật khẩu và đăng nhập</button>
    </form>
    <p class="note">Ít nhất 10 ký tự, có chữ hoa, chữ thường và chữ số, không chứa tên đăng nhập.</p>`);
}

function errorPage(message: string): string {
  return page('Không đăng nhập được', `<h1>Không đăng nhập được</h1><div class="error" role="alert">${escape(message)}</div>`);
}

export interface LoginFlow {
  /** The token endpoint's browser grants (authorization_code, refresh_token); false for any other grant. */
  grant(body: Record<string, string | undefined>, res: Response): Promise<boolean>;
}

export function mountLoginFlow(app: Express, options: LoginFlowOptions): LoginFlow {
  const codes = new Map<string, PendingCode>();
  const refreshTokens = new Map<string, RefreshGrant>();
  const refreshLifetime = options.refreshLifetimeSeconds ?? 1800;
  const base = `${options.realmPath}/protocol/openid-connect`;

  const allowedRedirect = (uri: string | undefined): boolean => {
    if (!uri) return false;
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return false;
    }
    if (options.redirectOrigins.length) return options.redirectOrigins.includes(url.origin);
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  };

  /** The authorization request, checked as Keycloak does before any login page is shown. */
  const checkRequest = (params: AuthParams): string | null => {
    if (!params.client_id || !options.clients.includes(params.client_id)) return 'Ứng dụng không hợp lệ (client_id).';
    if (!allowedRedirect(params.redirect_uri)) return 'Địa chỉ quay lại không hợp lệ (redirect_uri).';
    if (params.response_type !== 'code') return 'Chỉ hỗ trợ response_type=code.';
    if (!params.code_challenge || params.code_challenge_method !== 'S256') return 'Cần PKCE với code_challenge_method=S256.';
    return null;
  };

  const paramsOf = (source: Record<string, unknown>): AuthParams =>
    Object.fromEntries(AUTH_PARAMS.filter((k) => typeof source[k] === 'string').map((k) => [k, source[k] as string]));

  const redirectWithCode = (res: Response, params: AuthParams, user: DevUser): void => {
    const code = token();
    codes.set(code, {
      userId: user.id,
      clientId: params.client_id!,
      redirectUri: params.redirect_uri!,
      challenge: params.code_challenge!,
      nonce: params.nonce ?? null,
      sessionId: token(),
      expires: Date.now() + 60_000,
    });
    const target = new URL(params.redirect_uri!);
    target.searchParams.set('code', code);
    if (params.state) target.searchParams.set('state', params.state);
    res.redirect(302, target.toString());
  };

  // The login form posts here and is then redirected to the client: form-action allows both.
  const html = (res: Response, status: number, body: string, params?: AuthParams): void => {
    const back = params?.redirect_uri && allowedRedirect(params.redirect_uri) ? ` ${new URL(params.redirect_uri).origin}` : '';
    res.status(status).set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Frame-Options': 'DENY',
      'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'${back}; frame-ancestors 'none'`,
    }).send(body);
  };

  app.get(`${base}/auth`, (req: Request, res: Response) => {
    const params = paramsOf(req.query as Record<string, unknown>);
    const problem = checkRequest(params);
    if (problem) return html(res, 400, errorPage(problem));
    html(res, 200, loginPage(params, `${base}/auth`), params);
  });

  app.post(`${base}/auth`, express.urlencoded({ extended: false }), async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const params = paramsOf(body);
    const problem = checkRequest(params);
    if (problem) return html(res, 400, errorPage(problem));
    const username = (body.username ?? '').trim();
    try {
      const outcome = await options.store.authenticate(username, body.password ?? '', { allowTemporary: true });
      if ('error' in outcome) {
        const message = outcome.description === 'Account disabled'
          ? 'Tài khoản đã bị khóa. Liên hệ quản trị khối của đơn vị để được mở khóa và cấp mật khẩu mới.'
          : 'Tên đăng nhập hoặc mật khẩu không đúng.';
        return html(res, 401, loginPage(params, `${base}/auth`, message, username), params);
      }
      if (outcome.passwordTemporary) {
        // The forced change at first login: only with both new passwords, else the form.
        if (body.password_new === undefined) return html(res, 200, changePasswordPage(params, `${base}/auth`, outcome.username), params);
        if (body.password_new !== body.password_confirm) return html(res, 400, changePasswordPage(params, `${base}/auth`, outcome.username, 'Hai lần nhập mật khẩu mới không khớp nhau.'), params);
        const weak = passwordProblem(body.password_new, outcome.username);
        if (weak) return html(res, 400, changePasswordPage(params, `${base}/auth`, outcome.username, weak), params);
        if (body.password_new === body.password) return html(res, 400, changePasswordPage(params, `${base}/auth`, outcome.username, 'Mật khẩu mới phải khác mật khẩu tạm thời.'), params);
        await options.store.setPassword(outcome.id, body.password_new, false);
      }
      redirectWithCode(res, params, outcome);
    } catch (error) {
      options.logger.error({ err: error }, 'login failed');
      html(res, 500, errorPage('Hệ thống đăng nhập đang gặp sự cố: hãy thử lại sau ít phút.'));
    }
  });

  /** The token endpoint's browser grants; false when the grant is not one of them. */
  const grant = async (body: Record<string, string | undefined>, res: Response): Promise<boolean> => {
    if (body.grant_type !== 'authorization_code' && body.grant_type !== 'refresh_token') return false;
    const fail = (status: number, error: string, description: string) => res.status(status).json({ error, error_description: description });
    let userId: string;
    let sessionId: string;
    let nonce: string | null = null;
    if (body.grant_type === 'authorization_code') {
      const pending = body.code ? codes.get(body.code) : undefined;
      if (body.code) codes.delete(body.code); // a code is used once, whatever happens next
      if (!pending || pending.expires < Date.now()) return (fail(400, 'invalid_grant', 'Code not valid'), true);
      if (pending.clientId !== body.client_id) return (fail(400, 'invalid_grant', 'Code not issued to this client'), true);
      if (pending.redirectUri !== body.redirect_uri) return (fail(400, 'invalid_grant', 'Incorrect redirect_uri'), true);
      if (!body.code_verifier || s256(body.code_verifier) !== pending.challenge) return (fail(400, 'invalid_grant', 'PKCE verification failed'), true);
      ({ userId, sessionId, nonce } = pending);
    } else {
      const held = body.refresh_token ? refreshTokens.get(body.refresh_token) : undefined;
      if (body.refresh_token) refreshTokens.delete(body.refresh_token); // rotated: each refresh token is used once
      if (!held || held.expires < Date.now() || held.clientId !== body.client_id) return (fail(400, 'invalid_grant', 'Invalid refresh token'), true);
      ({ userId, sessionId } = held);
    }
    const user = await options.store.findById(userId);
    if (!user || !user.enabled) return (fail(400, 'invalid_grant', 'Account disabled'), true);
    const refresh = token();
    refreshTokens.set(refresh, { userId, clientId: body.client_id!, sessionId, expires: Date.now() + refreshLifetime * 1000 });
    res.set('Cache-Control', 'no-store').json({
      access_token: await options.issueToken(user, { clientId: body.client_id!, claims: { sid: sessionId } }),
      expires_in: options.accessLifetimeSeconds,
      refresh_token: refresh,
      refresh_expires_in: refreshLifetime,
      id_token: await options.issueToken(user, { clientId: body.client_id!, claims: { aud: body.client_id, typ: 'ID', sid: sessionId, ...(nonce ? { nonce } : {}) } }),
      token_type: 'Bearer',
      session_state: sessionId,
      scope: 'openid profile email',
    });
    return true;
  };

  /** Ends the session of a refresh token (POST, as the portal logs out) or redirects after it (GET). */
  const endSession = (refresh: string | undefined): void => {
    const held = refresh ? refreshTokens.get(refresh) : undefined;
    if (!held) return;
    for (const [key, value] of refreshTokens) if (value.sessionId === held.sessionId) refreshTokens.delete(key);
  };
  app.post(`${base}/logout`, express.urlencoded({ extended: false }), (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    endSession(body.refresh_token);
    res.status(204).end();
  });
  app.get(`${base}/logout`, (req: Request, res: Response) => {
    const target = typeof req.query.post_logout_redirect_uri === 'string' ? req.query.post_logout_redirect_uri : undefined;
    if (target && allowedRedirect(target)) return res.redirect(302, target);
    html(res, 200, page('Đã đăng xuất', '<h1>Đã đăng xuất</h1><p class="sub">Bạn có thể đóng cửa sổ này.</p>'));
  });

  return { grant };
}

/** Cross-origin access for the portal's origins (Keycloak's "web origins"), on the endpoints a browser calls. */
export function allowWebOrigins(app: Express, paths: string[], origins: string[] | null): void {
  app.use(paths, (req: Request, res: Response, next) => {
    const origin = req.headers.origin;
    const loopback = typeof origin === 'string' && /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(origin);
    if (typeof origin === 'string' && (origins ? origins.includes(origin) : loopback)) {
      res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Methods': 'POST, GET, OPTIONS', 'Access-Control-Allow-Headers': 'Content-Type', Vary: 'Origin' });
    }
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next();
  });
}
