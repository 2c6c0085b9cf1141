import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { inspect, isDeepStrictEqual } from 'node:util';
import { IdentityConflictError, IdentityProviderError, type NewIdentity } from './identity-provider';
import { KeycloakAdminIdentityProvider } from './keycloak-admin';

/*
 * The adapter runs against a real HTTP server that replays recorded Keycloak exchanges
 * (src/identity/recordings/*.json) strictly in order. Each incoming request must equal the recorded
 * one — method, path with query, the recorded headers (content type, bearer token) and the parsed
 * JSON or form body — and gets the recorded response. `verify()` fails the test with a diff for every
 * request that did not match (including requests beyond the recording) and for every recorded
 * exchange that was never consumed.
 */

interface RecordedRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

interface RecordedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Keeps the client waiting this long before answering (timeouts). */
  delayMs?: number;
}

interface Exchange {
  note?: string;
  request: RecordedRequest;
  response: RecordedResponse;
}

interface SeenRequest {
  exchange: number;
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  body: unknown;
}

interface Mismatch {
  actual: SeenRequest;
  expected: SeenRequest | { exchange: number; expected: string };
}

const recordingsDir = join(__dirname, 'recordings');

class Replay {
  readonly mismatches: Mismatch[] = [];
  private next = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    readonly name: string,
    private readonly exchanges: Exchange[],
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(name: string): Promise<Replay> {
    const exchanges = JSON.parse(readFileSync(join(recordingsDir, name), 'utf8')) as Exchange[];
    // The handler needs the replay, which needs the server's port: a box breaks the cycle.
    const box: { replay?: Replay } = {};
    const server = createServer((req, res) => {
      void box.replay!.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const replay = new Replay(name, exchanges, server, `http://127.0.0.1:${port}`);
    box.replay = replay;
    running.push(replay);
    return replay;
  }

  /**
   * Runs the operation, then verifies the exchanges before anything else is asserted, so a request
   * that strays from the recording fails the test with its diff rather than with the adapter's error.
   */
  async run<T>(operation: () => Promise<T>): Promise<T> {
    const outcome = await operation().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    this.verify();
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** Like `run`, for an operation that must be rejected: verifies, then returns the rejection. */
  async rejection(operation: () => Promise<unknown>): Promise<unknown> {
    return rejectionOf(this.run(operation));
  }

  /** Every request matched its recorded exchange and every exchange was consumed. */
  verify(): void {
    for (const { actual, expected } of this.mismatches) {
      expect(actual).toEqual(expected);
    }
    const unconsumed = this.exchanges.slice(this.next).map((e) => `${e.request.method} ${e.request.path}`);
    expect({ recording: this.name, unconsumed }).toEqual({ recording: this.name, unconsumed: [] });
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const index = this.next;
    const exchange = this.exchanges[index];
    this.next = Math.min(this.next + 1, this.exchanges.length);

    const headerNames = Object.keys(exchange?.request.headers ?? {}).map((name) => name.toLowerCase());
    const actual: SeenRequest = {
      exchange: index,
      method: req.method ?? '',
      path: req.url ?? '',
      headers: Object.fromEntries(
        (headerNames.length > 0 ? headerNames : ['content-type', 'authorization']).map((name) => [name, header(req, name)]),
      ),
      body: parseBody(raw, header(req, 'content-type')),
    };

    if (exchange === undefined) {
      this.mismatches.push({ actual, expected: { exchange: index, expected: 'no further request was recorded' } });
      res.writeHead(418, { 'content-type': 'application/json' }).end('{"error":"unexpected request"}');
      return;
    }
    const expected: SeenRequest = {
      exchange: index,
      method: exchange.request.method,
      path: exchange.request.path,
      headers: Object.fromEntries(Object.entries(exchange.request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      body: exchange.request.body ?? null,
    };
    if (!isDeepStrictEqual(actual, expected)) {
      this.mismatches.push({ actual, expected });
      res.writeHead(418, { 'content-type': 'application/json' }).end('{"error":"request does not match the recording"}');
      return;
    }

    const { status, headers = {}, body, delayMs } = exchange.response;
    const answer = (): void => {
      if (res.destroyed) return;
      const resolved = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('{{baseUrl}}', this.baseUrl)]));
      const payload = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, resolved).end(payload);
    };
    if (delayMs === undefined) {
      answer();
    } else {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        answer();
      }, delayMs);
      this.timers.add(timer);
    }
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw.length === 0) return null;
  if (contentType?.startsWith('application/json')) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return { unparseableJson: raw };
    }
  }
  if (contentType?.startsWith('application/x-www-form-urlencoded')) {
    const params = new URLSearchParams(raw);
    const keys = [...new Set(params.keys())];
    if (keys.some((key) => params.getAll(key).length > 1)) return { repeatedFormFields: raw };
    return Object.fromEntries(keys.map((key) => [key, params.get(key)]));
  }
  return { rawBody: raw };
}

const running: Replay[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((replay) => replay.stop()));
  jest.restoreAllMocks();
});

// Values shared with the recordings.
const CLIENT_SECRET = 'Jx9kQ2vLr8TzW4mNc7HbP1sYdE6fGa3U';
const USER = '5b0e2f4a-9c3d-4e7f-8a1b-2c6d0e9f4a71';
const NEW_USER = 'e3a7c1d2-6b4f-4f0e-9d8c-1a2b3c4d5e6f';
const UNIT_A = '7d1c2b3a-0e9f-4a8b-b7c6-d5e4f3a2b1c0';
const UNIT_B = '2a4b6c8d-0e1f-4a3b-8c5d-7e9f1a3b5c7d';
const UNIT_C = '9e8d7c6b-5a4f-4e3d-a2c1-b0a9f8e7d6c5';
const PASSWORD = 'Tạm#Thời-2025!xQ';
const PASSWORD2 = 'Mới@Đổi-7731!kZ';

const identity: NewIdentity = {
  username: 'an.nguyenvan',
  email: 'an.nguyenvan@hanoi.gov.vn',
  firstName: 'Văn An',
  lastName: 'Nguyễn',
  block: 'GOVERNMENT',
  unitId: UNIT_A,
  temporaryPassword: PASSWORD,
};

function adapter(replay: { baseUrl: string }, options: { timeoutMs?: number; baseUrl?: string; pageSize?: number } = {}): KeycloakAdminIdentityProvider {
  return new KeycloakAdminIdentityProvider({
    baseUrl: options.baseUrl ?? replay.baseUrl,
    realm: 'cbccvc',
    clientId: 'organization-service',
    clientSecret: CLIENT_SECRET,
    timeoutMs: options.timeoutMs,
    pageSize: options.pageSize,
  });
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to be rejected, but it resolved');
    },
    (error: unknown) => error,
  );
}

/** Neither the client secret nor any password may surface anywhere in an error. */
function expectNoSecrets(error: unknown): void {
  const e = error as Error;
  const surfaces = [e.message, e.stack ?? '', String(e), JSON.stringify(e), JSON.stringify(Object.entries(e))];
  for (const secret of [CLIENT_SECRET, PASSWORD, PASSWORD2]) {
    for (const surface of surfaces) expect(surface).not.toContain(secret);
  }
}

describe('KeycloakAdminIdentityProvider', () => {
  describe('createUser', () => {
    it('fetches a service-account token, posts the user representation and returns the id from Location', async () => {
      const replay = await Replay.start('create-user.json');
      // A trailing slash on the base URL is tolerated.
      const result = await replay.run(() => adapter(replay, { baseUrl: `${replay.baseUrl}/` }).createUser(identity));
      expect(result).toEqual({ userId: NEW_USER });
    });

    it('omits the email when the person has none and puts the user in the block group', async () => {
      const replay = await Replay.start('create-user-without-email.json');
      const result = await replay.run(() =>
        adapter(replay).createUser({
          ...identity,
          username: 'binh.tranthi',
          email: null,
          firstName: 'Thị Bình',
          lastName: 'Trần',
          block: 'SCHOOL',
          unitId: UNIT_C,
        }),
      );
      expect(result).toEqual({ userId: NEW_USER });
    });

    it('maps 409 (username taken) to IdentityConflictError', async () => {
      const replay = await Replay.start('create-user-conflict.json');
      const error = await replay.rejection(() => adapter(replay).createUser(identity));
      expect(error).toBeInstanceOf(IdentityConflictError);
      expect((error as IdentityConflictError).username).toBe('an.nguyenvan');
      expectNoSecrets(error);
    });

    it('maps a Keycloak 500 to IdentityProviderError with the status and Keycloak’s error', async () => {
      const replay = await Replay.start('server-error.json');
      const error = await replay.rejection(() => adapter(replay).createUser(identity));
      expect(error).toBeInstanceOf(IdentityProviderError);
      expect((error as IdentityProviderError).status).toBe(500);
      expect((error as Error).message).toContain('HTTP 500');
      expect((error as Error).message).toContain('unknown_error');
      expectNoSecrets(error);
    });
  });

  describe('disableUser / enableUser', () => {
    it('disables the user with PUT { enabled: false }', async () => {
      const replay = await Replay.start('disable-user.json');
      await expect(replay.run(() => adapter(replay).disableUser(USER))).resolves.toBeUndefined();
    });

    it('enables the user with PUT { enabled: true }', async () => {
      const replay = await Replay.start('enable-user.json');
      await expect(replay.run(() => adapter(replay).enableUser(USER))).resolves.toBeUndefined();
    });
  });

  describe('logout', () => {
    it('ends every session of the user with POST /users/{id}/logout', async () => {
      const replay = await Replay.start('logout.json');
      await expect(replay.run(() => adapter(replay).logout(USER))).resolves.toBeUndefined();
    });
  });

  describe('realmRoles', () => {
    it('reads the effective realm roles (groups and composites included)', async () => {
      const replay = await Replay.start('realm-roles.json');
      await expect(replay.run(() => adapter(replay).realmRoles(USER))).resolves.toEqual(['employee', 'block-admin-party', 'default-roles-cbccvc']);
    });
  });

  describe('usersWithRealmRole', () => {
    it('pages the direct role members, then the members of every group holding the role and of its subgroups, each user once', async () => {
      const replay = await Replay.start('users-with-realm-role.json');
      const ids = await replay.run(() => adapter(replay, { pageSize: 2 }).usersWithRealmRole('block-admin-government'));
      expect(ids).toEqual([
        '8c4d2e1f-3a5b-4c6d-9e7f-0a1b2c3d4e51',
        '1f2e3d4c-5b6a-4978-8a9b-c0d1e2f3a452',
        'b7a6c5d4-e3f2-4a1b-9c8d-7e6f5a4b3c53',
        '0e9d8c7b-6a5f-4e4d-8c3b-2a1f0e9d8c54',
        '5a4b3c2d-1e0f-4a9b-b8c7-d6e5f4a3b255',
      ]);
    });

    it('maps an unknown role (404) to IdentityProviderError(404) naming the role', async () => {
      const replay = await Replay.start('users-with-realm-role-not-found.json');
      const error = await replay.rejection(() => adapter(replay, { pageSize: 2 }).usersWithRealmRole('block-admin-nowhere'));
      expect(error).toBeInstanceOf(IdentityProviderError);
      expect((error as IdentityProviderError).status).toBe(404);
      expect((error as Error).message).toContain('realm role block-admin-nowhere not found in Keycloak');
      expectNoSecrets(error);
    });

    it('explains a refusal (403): the service account needs view-realm to read a role’s members', async () => {
      const replay = await Replay.start('users-with-realm-role-forbidden.json');
      const error = await replay.rejection(() => adapter(replay, { pageSize: 2 }).usersWithRealmRole('block-admin-government'));
      expect(error).toBeInstanceOf(IdentityProviderError);
      expect((error as IdentityProviderError).status).toBe(403);
      expect((error as Error).message).toMatch(/HTTP 403.*view-realm/);
      expectNoSecrets(error);
    });
  });

  describe('resetPassword', () => {
    it('sets a temporary password', async () => {
      const replay = await Replay.start('reset-password.json');
      await expect(replay.run(() => adapter(replay).resetPassword(USER, PASSWORD2))).resolves.toBeUndefined();
    });

    it('reports a password-policy refusal (400) with Keycloak’s description, without the password', async () => {
      const replay = await Replay.start('reset-password-policy.json');
      const error = await replay.rejection(() => adapter(replay).resetPassword(USER, PASSWORD2));
      expect(error).toBeInstanceOf(IdentityProviderError);
      expect((error as IdentityProviderError).status).toBe(400);
      expect((error as Error).message).toContain('Invalid password: minimum length 16.');
      expectNoSecrets(error);
    });
  });

  describe('moveUser', () => {
    it('rewrites unit_id and block (keeping the other fields) and swaps the block group', async () => {
      const replay = await Replay.start('move-user.json');
      await expect(replay.run(() => adapter(replay).moveUser(USER, { unitId: UNIT_B, block: 'SCHOOL' }))).resolves.toBeUndefined();
    });

    it('caches the group id and leaves the membership alone when the block does not change', async () => {
      const replay = await Replay.start('move-user-cached-group.json');
      const kc = adapter(replay);
      await replay.run(async () => {
        await kc.moveUser(USER, { unitId: UNIT_B, block: 'PARTY' });
        await kc.moveUser(USER, { unitId: UNIT_C, block: 'PARTY' });
      });
    });

    it('maps 404 on the user to IdentityProviderError(404) naming the user', async () => {
      const replay = await Replay.start('move-user-not-found.json');
      const error = await replay.rejection(() => adapter(replay).moveUser(USER, { unitId: UNIT_B, block: 'SCHOOL' }));
      expect(error).toBeInstanceOf(IdentityProviderError);
      expect((error as IdentityProviderError).status).toBe(404);
      expect((error as Error).message).toContain(USER);
    });
  });

  describe('service-account token', () => {
    it('is cached: two calls, one token request', async () => {
      const replay = await Replay.start('token-cached.json');
      const kc = adapter(replay);
      await replay.run(async () => {
        await kc.disableUser(USER);
        await kc.resetPassword(USER, PASSWORD2);
      });
    });

    it('is requested once for concurrent calls', async () => {
      const replay = await Replay.start('token-shared.json');
      const kc = adapter(replay);
      await expect(replay.run(() => Promise.all([kc.disableUser(USER), kc.disableUser(USER)]))).resolves.toEqual([
        undefined,
        undefined,
      ]);
    });

    it('is renewed shortly before expires_in runs out', async () => {
      const replay = await Replay.start('token-expiry.json');
      const kc = adapter(replay);
      const realNow = Date.now.bind(Date);
      let offsetMs = 0;
      jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offsetMs);
      await replay.run(async () => {
        await kc.disableUser(USER);
        offsetMs = 275_000; // expires_in is 300 s; the token is dropped 30 s early
        await kc.enableUser(USER);
      });
    });

    it('is refreshed once and the call retried after a 401', async () => {
      const replay = await Replay.start('token-refresh-on-401.json');
      await expect(replay.run(() => adapter(replay).disableUser(USER))).resolves.toBeUndefined();
    });

    it('is refreshed only once: a second 401 is an IdentityProviderError(401)', async () => {
      const replay = await Replay.start('token-rejected-twice.json');
      const error = await replay.rejection(() => adapter(replay).disableUser(USER));
      expect(error).toBeInstanceOf(IdentityProviderError);
      expect((error as IdentityProviderError).status).toBe(401);
    });

    it('reports refused client credentials without the client secret', async () => {
      const replay = await Replay.start('token-invalid-client.json');
      const error = await replay.rejection(() => adapter(replay).createUser(identity));
      expect(error).toBeInstanceOf(IdentityProviderError);
      expect((error as IdentityProviderError).status).toBe(401);
      expect((error as Error).message).toContain('unauthorized_client');
      expect((error as Error).message).toContain('Invalid client or Invalid client credentials');
      expectNoSecrets(error);
    });
  });

  describe('errors', () => {
    it('maps 404 on a user to IdentityProviderError(404) naming the user id', async () => {
      const replay = await Replay.start('user-not-found.json');
      const error = await replay.rejection(() => adapter(replay).resetPassword(USER, PASSWORD2));
      expect(error).toBeInstanceOf(IdentityProviderError);
      expect((error as IdentityProviderError).status).toBe(404);
      expect((error as Error).message).toContain(USER);
      expect((error as Error).message).toContain('User not found');
      expectNoSecrets(error);
    });

    it('encodes the user id as one path segment', async () => {
      const replay = await Replay.start('encoded-user-id.json');
      const error = await replay.rejection(() => adapter(replay).disableUser('../../master/users/admin?x=1'));
      expect((error as IdentityProviderError).status).toBe(404);
    });

    it('maps 503 to IdentityProviderError with the status', async () => {
      const replay = await Replay.start('service-unavailable.json');
      const error = await replay.rejection(() => adapter(replay).enableUser(USER));
      expect(error).toBeInstanceOf(IdentityProviderError);
      expect((error as IdentityProviderError).status).toBe(503);
      expect((error as Error).message).toContain('HTTP 503');
      expect((error as Error).message).not.toContain('<html>');
    });

    it('maps a refused connection to IdentityProviderError', async () => {
      // A port that was just free: nothing listens on it any more.
      const probe = createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const { port } = probe.address() as AddressInfo;
      await new Promise<void>((resolve) => probe.close(() => resolve()));

      const error = await rejectionOf(adapter({ baseUrl: `http://127.0.0.1:${port}` }).createUser(identity));
      expect(error).toBeInstanceOf(IdentityProviderError);
      expect((error as IdentityProviderError).status).toBeUndefined();
      expect((error as Error).message).toContain('ECONNREFUSED');
      expectNoSecrets(error);
    });

    it('maps a timeout to IdentityProviderError', async () => {
      const replay = await Replay.start('timeout.json');
      const started = Date.now();
      const error = await replay.rejection(() => adapter(replay, { timeoutMs: 300 }).enableUser(USER));
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(error).toBeInstanceOf(IdentityProviderError);
      expect((error as Error).message).toContain('300 ms');
    });

    it('scrubs the client secret and the password even when a proxy echoes them back', async () => {
      const replay = await Replay.start('proxy-echoes-request.json');
      const error = await replay.rejection(() => adapter(replay).resetPassword(USER, PASSWORD2));
      expect(error).toBeInstanceOf(IdentityProviderError);
      expect((error as IdentityProviderError).status).toBe(502);
      expect((error as Error).message).toContain('[redacted]');
      expectNoSecrets(error);
    });

    it('does not expose the client secret when the adapter itself is inspected or serialized', () => {
      const kc = adapter({ baseUrl: 'http://keycloak:8080' });
      expect(inspect(kc, { depth: 5, showHidden: true })).not.toContain(CLIENT_SECRET);
      expect(JSON.stringify(kc)).not.toContain(CLIENT_SECRET);
    });
  });

  describe('the replay harness', () => {
    it('fails verification with a diff when a request differs from the recording', async () => {
      const replay = await Replay.start('disable-user.json');
      await rejectionOf(adapter(replay).enableUser(USER)); // body { enabled: true } ≠ recorded { enabled: false }
      expect(() => replay.verify()).toThrow(/"enabled": false/);
      expect(replay.mismatches).toHaveLength(1);
    });

    it('fails verification on requests beyond the recording and on unconsumed exchanges', async () => {
      const extra = await Replay.start('disable-user.json');
      const kc = adapter(extra);
      await kc.disableUser(USER);
      await rejectionOf(kc.disableUser(USER));
      expect(() => extra.verify()).toThrow(/no further request was recorded/);

      const short = await Replay.start('token-cached.json');
      await adapter(short).disableUser(USER);
      expect(() => short.verify()).toThrow(/unconsumed/);
    });
  });
});
