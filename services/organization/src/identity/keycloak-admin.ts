import type { Block } from '@cbccvc/platform';
import {
  blockGroupPath,
  IdentityConflictError,
  IdentityProviderError,
  type IdentityProvider,
  type NewIdentity,
} from './identity-provider';

/**
 * The identity-provider port implemented on Keycloak's Admin REST API (Keycloak ≥ 23; written
 * against 26). The service authenticates as a confidential client with a service account
 * (client_credentials grant); its service account needs the realm-management role `manage-users`
 * (which also lets it read users and look groups up by path).
 *
 * The realm must let administrators write the `unit_id` and `block` user attributes (declared in
 * the user profile, or unmanaged attributes enabled for administrators), and map them into tokens.
 *
 * Neither the client secret, the access token nor any password ever appears in an error message:
 * they are kept in ES private fields (invisible to `util.inspect`/`JSON.stringify`) and every error
 * message is scrubbed of them before it is thrown. This adapter does not log.
 */
export interface KeycloakAdminOptions {
  /** Keycloak's base URL, e.g. `http://keycloak:8080` (include a path prefix such as `/auth` if used). */
  baseUrl: string;
  realm: string;
  clientId: string;
  clientSecret: string;
  /** Injected for tests; defaults to Node's global fetch. */
  fetch?: typeof fetch;
  /** Per-request timeout (connect + response + body), default 10 s. */
  timeoutMs?: number;
  /** Page size (`max`) of the paged list endpoints, default 100. */
  pageSize?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_PAGE_SIZE = 100;
/** A cached token is dropped this long before Keycloak's `expires_in` runs out (at most half its life). */
const TOKEN_EXPIRY_MARGIN_MS = 30_000;
/** Keycloak's detail is quoted into error messages, cut to this length. */
const MAX_DETAIL_LENGTH = 300;
const BLOCK_GROUP_PREFIX = '/blocks/';

/** The subset of Keycloak's UserRepresentation this adapter reads and writes. */
interface UserRepresentation {
  id?: string;
  username?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  enabled?: boolean;
  emailVerified?: boolean;
  attributes?: Record<string, string[]>;
  [other: string]: unknown;
}

/** Keycloak's GroupRepresentation as returned by `users/{id}/groups` and `group-by-path`. */
interface GroupRepresentation {
  id: string;
  name: string;
  path: string;
  /** Keycloak ≥ 23 on group listings; when absent the children are asked for. */
  subGroupCount?: number;
}

interface TokenResponse {
  access_token?: unknown;
  expires_in?: unknown;
}

interface CachedToken {
  value: string;
  /** Epoch milliseconds after which the token is no longer used. */
  usableUntil: number;
}

interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
}

interface AdminRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below `{baseUrl}/admin/realms/{realm}`, already encoded. */
  path: string;
  body?: unknown;
  /** What the request is about, for error messages: "user 1234", "group /blocks/party". */
  subject: string;
  /** Values that must never appear in an error message for this request (passwords). */
  secrets?: readonly string[];
}

const enc = encodeURIComponent;

export class KeycloakAdminIdentityProvider implements IdentityProvider {
  readonly #baseUrl: string;
  readonly #realm: string;
  readonly #clientId: string;
  readonly #clientSecret: string;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;
  readonly #pageSize: number;

  #token: CachedToken | null = null;
  #tokenRequest: Promise<CachedToken> | null = null;
  /** Group path → group id; groups of the realm export are stable, so they are looked up once. */
  readonly #groupIds = new Map<string, string>();

  constructor(options: KeycloakAdminOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#realm = options.realm;
    this.#clientId = options.clientId;
    this.#clientSecret = options.clientSecret;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  }

  async createUser(identity: NewIdentity): Promise<{ userId: string }> {
    const representation: UserRepresentation = {
      username: identity.username,
      ...(identity.email === null ? {} : { email: identity.email }),
      firstName: identity.firstName,
      lastName: identity.lastName,
      enabled: true,
      emailVerified: false,
      requiredActions: ['UPDATE_PASSWORD'],
      credentials: [{ type: 'password', value: identity.temporaryPassword, temporary: true }],
      groups: [blockGroupPath[identity.block]],
      attributes: { unit_id: [identity.unitId], block: [identity.block] },
    };
    const request: AdminRequest = {
      method: 'POST',
      path: '/users',
      body: representation,
      subject: `new user ${identity.username}`,
      secrets: [identity.temporaryPassword],
    };
    const result = await this.#admin(request);
    if (result.status === 409) throw new IdentityConflictError(identity.username);
    this.#expectSuccess(request, result);

    const location = result.headers.get('location');
    const userId = location === null ? null : lastPathSegment(location, this.#baseUrl);
    if (!userId) {
      throw this.#error(`Keycloak created ${request.subject} but answered without a usable Location header`, result.status);
    }
    return { userId };
  }

  async disableUser(userId: string): Promise<void> {
    await this.#setEnabled(userId, false);
  }

  async enableUser(userId: string): Promise<void> {
    await this.#setEnabled(userId, true);
  }

  async resetPassword(userId: string, temporaryPassword: string): Promise<void> {
    await this.#call({
      method: 'PUT',
      path: `${userPath(userId)}/reset-password`,
      // Keycloak adds the UPDATE_PASSWORD required action for a temporary credential.
      body: { type: 'password', value: temporaryPassword, temporary: true },
      subject: `user ${userId}`,
      secrets: [temporaryPassword],
    });
  }

  async moveUser(userId: string, to: { unitId: string; block: Block }): Promise<void> {
    const subject = `user ${userId}`;
    const current = parseJson<UserRepresentation>(await this.#call({ method: 'GET', path: userPath(userId), subject }));
    if (current === null || typeof current !== 'object') {
      throw this.#error(`Keycloak answered GET ${subject} without a user representation`);
    }
    const targetPath = blockGroupPath[to.block];
    const targetGroupId = await this.#groupId(targetPath);

    // Since Keycloak 24 a user update that carries `attributes` is not partial: the root attributes
    // (username, email, firstName, lastName) must be sent again or they are cleared. `enabled`,
    // `emailVerified` and `requiredActions` are left out, so they stay as they are.
    const update: UserRepresentation = {
      ...pick(current, ['username', 'email', 'firstName', 'lastName']),
      attributes: { ...(current.attributes ?? {}), unit_id: [to.unitId], block: [to.block] },
    };
    await this.#call({ method: 'PUT', path: userPath(userId), body: update, subject });

    const groups = parseJson<GroupRepresentation[]>(
      await this.#call({ method: 'GET', path: `${userPath(userId)}/groups`, subject }),
    );
    if (!Array.isArray(groups)) throw this.#error(`Keycloak answered GET ${subject} groups without a list`);

    // Join the target group before leaving the old one, so the person is never without a block.
    if (!groups.some((group) => group.id === targetGroupId)) {
      try {
        await this.#call({
          method: 'PUT',
          path: `${userPath(userId)}/groups/${enc(targetGroupId)}`,
          subject: `membership of user ${userId} in group ${targetPath}`,
        });
      } catch (error) {
        // The group may have been recreated under a new id: look it up again next time.
        if (error instanceof IdentityProviderError && error.status === 404) this.#groupIds.delete(targetPath);
        throw error;
      }
    }
    for (const group of groups) {
      if (group.id !== targetGroupId && typeof group.path === 'string' && group.path.startsWith(BLOCK_GROUP_PREFIX)) {
        await this.#call({
          method: 'DELETE',
          path: `${userPath(userId)}/groups/${enc(group.id)}`,
          subject: `membership of user ${userId} in group ${group.path}`,
        });
      }
    }
  }

  async logout(userId: string): Promise<void> {
    await this.#call({ method: 'POST', path: `${userPath(userId)}/logout`, subject: `user ${userId}` });
  }

  async realmRoles(userId: string): Promise<string[]> {
    const subject = `user ${userId}`;
    const roles = parseJson<{ name?: unknown }[]>(await this.#call({ method: 'GET', path: `${userPath(userId)}/role-mappings/realm/composite`, subject }));
    if (!Array.isArray(roles)) throw this.#error(`Keycloak answered the role lookup of ${subject} without a list`);
    return roles.map((role) => role.name).filter((name): name is string => typeof name === 'string');
  }

  /**
   * `roles/{role}/users` lists only the users the role is mapped to directly; the realm export grants
   * the block-admin roles through the `/admins/*` groups, so the groups holding the role are walked
   * too (`roles/{role}/groups`, then each group's members and its subgroups, which inherit the role).
   * Every list is paged with `first`/`max`. Reading a realm role's members needs the service account
   * to hold realm-management `view-realm` besides `view-users`/`query-groups`.
   */
  async usersWithRealmRole(role: string): Promise<string[]> {
    const subject = `realm role ${role}`;
    const ids = new Set<string>();
    const addUsers = (users: UserRepresentation[]) => {
      for (const user of users) if (typeof user.id === 'string' && user.id.length > 0) ids.add(user.id);
    };
    try {
      addUsers(await this.#pages<UserRepresentation>(`/roles/${enc(role)}/users`, `users of ${subject}`));
      const queue = await this.#pages<GroupRepresentation>(`/roles/${enc(role)}/groups`, `groups of ${subject}`);
      const seen = new Set<string>();
      while (queue.length > 0) {
        const group = queue.shift()!;
        if (typeof group.id !== 'string' || seen.has(group.id)) continue;
        seen.add(group.id);
        const label = `group ${typeof group.path === 'string' ? group.path : group.id}`;
        addUsers(await this.#pages<UserRepresentation>(`/groups/${enc(group.id)}/members`, `members of ${label}`));
        if (group.subGroupCount !== 0) {
          queue.push(...(await this.#pages<GroupRepresentation>(`/groups/${enc(group.id)}/children`, `subgroups of ${label}`)));
        }
      }
    } catch (error) {
      if (error instanceof IdentityProviderError && error.status === 403) {
        throw this.#error(`${error.message}; the service account needs realm-management view-realm to read the members of a realm role`, 403);
      }
      throw error;
    }
    return [...ids];
  }

  /** Every element of a paged Admin API list (`first`/`max`, brief representations). */
  async #pages<T>(path: string, subject: string): Promise<T[]> {
    const all: T[] = [];
    for (let first = 0; ; first += this.#pageSize) {
      const page = parseJson<T[]>(
        await this.#call({ method: 'GET', path: `${path}?first=${first}&max=${this.#pageSize}&briefRepresentation=true`, subject }),
      );
      if (!Array.isArray(page)) throw this.#error(`Keycloak answered GET ${subject} without a list`);
      all.push(...page);
      if (page.length < this.#pageSize) return all;
    }
  }

  async #setEnabled(userId: string, enabled: boolean): Promise<void> {
    // Without `attributes` in the body Keycloak keeps every other field of the user as it is.
    await this.#call({ method: 'PUT', path: userPath(userId), body: { enabled }, subject: `user ${userId}` });
  }

  async #groupId(path: string): Promise<string> {
    const cached = this.#groupIds.get(path);
    if (cached !== undefined) return cached;
    const segments = path.split('/').filter((segment) => segment.length > 0).map(enc).join('/');
    const group = parseJson<GroupRepresentation>(
      await this.#call({ method: 'GET', path: `/group-by-path/${segments}`, subject: `group ${path}` }),
    );
    if (group === null || typeof group.id !== 'string' || group.id.length === 0) {
      throw this.#error(`Keycloak answered the lookup of group ${path} without a group id`);
    }
    this.#groupIds.set(path, group.id);
    return group.id;
  }

  /** An admin call that must succeed (2xx). */
  async #call(request: AdminRequest): Promise<HttpResult> {
    const result = await this.#admin(request);
    this.#expectSuccess(request, result);
    return result;
  }

  #expectSuccess(request: AdminRequest, result: HttpResult): void {
    if (result.status >= 200 && result.status < 300) return;
    const detail = keycloakDetail(result);
    const what = result.status === 404 ? `${request.subject} not found in Keycloak` : `Keycloak refused ${request.method} ${request.subject}`;
    throw this.#error(`${what} (HTTP ${result.status}${detail ? `: ${detail}` : ''})`, result.status, request.secrets);
  }

  /** Sends an admin request with the service account's token; on a 401 the token is renewed once. */
  async #admin(request: AdminRequest): Promise<HttpResult> {
    const url = `${this.#baseUrl}/admin/realms/${enc(this.#realm)}${request.path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);

    let token = await this.#accessToken();
    for (let attempt = 0; ; attempt += 1) {
      const result = await this.#send(
        url,
        { method: request.method, headers: { ...headers, authorization: `Bearer ${token.value}` }, body },
        `${request.method} ${request.subject}`,
        request.secrets,
      );
      if (result.status !== 401 || attempt > 0) return result;
      // The token was revoked or Keycloak restarted with new keys: fetch a fresh one and retry once.
      if (this.#token === token) this.#token = null;
      token = await this.#accessToken();
    }
  }

  async #accessToken(): Promise<CachedToken> {
    const cached = this.#token;
    if (cached !== null && Date.now() < cached.usableUntil) return cached;
    // Concurrent callers share one token request.
    this.#tokenRequest ??= this.#requestToken().finally(() => {
      this.#tokenRequest = null;
    });
    return this.#tokenRequest;
  }

  async #requestToken(): Promise<CachedToken> {
    const url = `${this.#baseUrl}/realms/${enc(this.#realm)}/protocol/openid-connect/token`;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.#clientId,
      client_secret: this.#clientSecret,
    });
    const requestedAt = Date.now();
    const result = await this.#send(
      url,
      {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      },
      `token request for client ${this.#clientId}`,
    );
    if (result.status !== 200) {
      const detail = keycloakDetail(result);
      throw this.#error(
        `Keycloak refused the service-account token for client ${this.#clientId} (HTTP ${result.status}${detail ? `: ${detail}` : ''})`,
        result.status,
      );
    }
    const parsed = parseJson<TokenResponse>(result);
    if (parsed === null || typeof parsed.access_token !== 'string' || parsed.access_token.length === 0) {
      throw this.#error(`Keycloak answered the token request for client ${this.#clientId} without an access token`, result.status);
    }
    const lifetimeMs = typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in * 1000 : 60_000;
    const token: CachedToken = {
      value: parsed.access_token,
      usableUntil: requestedAt + lifetimeMs - Math.min(TOKEN_EXPIRY_MARGIN_MS, lifetimeMs / 2),
    };
    this.#token = token;
    return token;
  }

  /** One HTTP exchange with a timeout; transport failures become IdentityProviderError. */
  async #send(url: string, init: RequestInit, what: string, secrets?: readonly string[]): Promise<HttpResult> {
    const signal = AbortSignal.timeout(this.#timeoutMs);
    try {
      const response = await this.#fetch(url, { ...init, signal, redirect: 'manual' });
      // The body is always read, so the connection goes back to the pool; the timeout covers it too.
      const text = await response.text();
      return { status: response.status, headers: response.headers, text };
    } catch (error) {
      if (isAbort(error)) {
        throw this.#error(`Keycloak did not answer ${what} within ${this.#timeoutMs} ms`, undefined, secrets);
      }
      throw this.#error(`could not reach Keycloak at ${this.#baseUrl} for ${what} (${transportCode(error)})`, undefined, secrets);
    }
  }

  /** Builds the error with every secret of the exchange scrubbed from its message. */
  #error(message: string, status?: number, secrets: readonly string[] = []): IdentityProviderError {
    let safe = message;
    for (const secret of [this.#clientSecret, ...secrets]) {
      if (secret.length > 0) safe = safe.split(secret).join('[redacted]');
    }
    return new IdentityProviderError(safe, status);
  }
}

const userPath = (userId: string): string => `/users/${enc(userId)}`;

/** The id at the end of Keycloak's `Location: {baseUrl}/admin/realms/{realm}/users/{id}`. */
function lastPathSegment(location: string, baseUrl: string): string | null {
  let pathname: string;
  try {
    pathname = new URL(location, baseUrl).pathname;
  } catch {
    return null;
  }
  const last = pathname.split('/').filter((segment) => segment.length > 0).pop();
  if (last === undefined) return null;
  try {
    return decodeURIComponent(last);
  } catch {
    return null;
  }
}

function parseJson<T>(result: HttpResult): T | null {
  if (result.text.length === 0) return null;
  try {
    return JSON.parse(result.text) as T;
  } catch {
    return null;
  }
}

/** Keycloak's explanation: `errorMessage` (ErrorRepresentation) or `error`/`error_description` (OAuth2 style). */
function keycloakDetail(result: HttpResult): string {
  const body = parseJson<Record<string, unknown>>(result);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return '';
  const parts: string[] = [];
  for (const key of ['errorMessage', 'error', 'error_description']) {
    const value = body[key];
    if (typeof value === 'string' && value.length > 0 && !parts.includes(value)) parts.push(value);
  }
  const detail = parts.join(' – ');
  return detail.length > MAX_DETAIL_LENGTH ? `${detail.slice(0, MAX_DETAIL_LENGTH)}…` : detail;
}

function pick(source: UserRepresentation, keys: readonly (keyof UserRepresentation & string)[]): UserRepresentation {
  const picked: UserRepresentation = {};
  for (const key of keys) {
    if (source[key] !== undefined && source[key] !== null) picked[key] = source[key];
  }
  return picked;
}

// Errors are inspected structurally: a fetch from another realm (vm contexts, test runners) throws
// errors that are not `instanceof` this realm's Error.
function errorName(error: unknown): string | undefined {
  const name = (error as { name?: unknown } | null | undefined)?.name;
  return typeof name === 'string' ? name : undefined;
}

function isAbort(error: unknown): boolean {
  const name = errorName(error);
  return name === 'TimeoutError' || name === 'AbortError';
}

/** The system error code behind a failed fetch (ECONNREFUSED, ENOTFOUND, …) — never the request. */
function transportCode(error: unknown): string {
  const cause = (error as { cause?: unknown } | null | undefined)?.cause;
  const nested = (cause as { errors?: unknown } | null | undefined)?.errors;
  const candidates: unknown[] = [cause, ...(Array.isArray(nested) ? nested : [])];
  for (const candidate of candidates) {
    const code = (candidate as { code?: unknown } | null | undefined)?.code;
    if (typeof code === 'string' && code.length > 0) return code;
  }
  return errorName(error) ?? 'network error';
}
