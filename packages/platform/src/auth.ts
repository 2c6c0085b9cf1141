import { createPublicKey, type KeyObject } from 'node:crypto';
import { GraphQLError } from 'graphql';
import Keycloak from 'keycloak-connect';
import { unauthenticated } from './errors';

// keycloak-connect ships no types for its token class; this is the part we use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const KeycloakToken = require('keycloak-connect/middleware/auth-utils/token') as new (
  raw: string,
  clientId: string,
) => { content: Record<string, unknown> };

export const Blocks = ['PARTY', 'GOVERNMENT', 'SCHOOL'] as const;
export type Block = (typeof Blocks)[number];

/** Realm roles, as defined in deploy/keycloak/realm-export.json. */
export const Role = {
  CITY_ADMIN: 'city-admin',
  BLOCK_ADMIN_PARTY: 'block-admin-party',
  BLOCK_ADMIN_GOVERNMENT: 'block-admin-government',
  BLOCK_ADMIN_SCHOOL: 'block-admin-school',
  UNIT_FOCAL_POINT: 'unit-focal-point',
  EVALUATOR: 'evaluator',
  EMPLOYEE: 'employee',
  ANALYST: 'analyst',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export const blockAdminRole: Record<Block, Role> = {
  PARTY: Role.BLOCK_ADMIN_PARTY,
  GOVERNMENT: Role.BLOCK_ADMIN_GOVERNMENT,
  SCHOOL: Role.BLOCK_ADMIN_SCHOOL,
};

/** Who is calling, as read from a validated access token. */
export interface Principal {
  subject: string;
  username: string;
  roles: ReadonlySet<string>;
  /** The caller's own unit (the `unit_id` claim), which anchors block-admin and focal-point scope. */
  unitId: string | null;
  block: Block | null;
  /** When the identity provider issued the token (seconds since the epoch, the `iat` claim). */
  issuedAt: number;
  /** The raw bearer token, forwarded by the gateway to the subgraphs. */
  token: string;
}

export const hasRole = (principal: Principal, role: Role): boolean => principal.roles.has(role);

/** The blocks a principal administers (the 2026 ward model gives one office two blocks). */
export const administeredBlocks = (principal: Principal): Block[] =>
  Blocks.filter((block) => principal.roles.has(blockAdminRole[block]));

export interface TokenVerifier {
  /** Resolves the principal, or rejects with an UNAUTHENTICATED GraphQL error. */
  verify(rawToken: string): Promise<Principal>;
}

export interface KeycloakVerifierOptions {
  /** Base URL of the Keycloak server (or the development identity provider), e.g. http://localhost:8080 */
  authServerUrl: string;
  realm: string;
  /** The audience every access token must carry (the gateway's client id). */
  audience: string;
}

/**
 * Validates bearer tokens with keycloak-connect's grant manager: issuer, expiry, `typ`, audience,
 * and the RS256 signature against the realm's JWKS (fetched and cached by keycloak-connect).
 */
export function createKeycloakTokenVerifier(options: KeycloakVerifierOptions): TokenVerifier {
  const keycloak = new Keycloak(
    {},
    {
      realm: options.realm,
      'auth-server-url': options.authServerUrl,
      resource: options.audience,
      'bearer-only': true,
      'verify-token-audience': true,
      'ssl-required': 'external',
      'confidential-port': 0,
    } as unknown as Keycloak.KeycloakConfig,
  );
  const grantManager = keycloak.grantManager as unknown as {
    validateToken(token: unknown, expectedType: string): Promise<{ content: Record<string, unknown> }>;
    rotation: { getJWK(kid: string): Promise<string | KeyObject> };
  };
  rememberSigningKeys(grantManager.rotation);

  // A token verified once is remembered until it expires: the signature cannot change without the
  // string changing, and every request of a session presents the same token to every process.
  const verified = new Map<string, { principal: Principal; expiresAt: number }>();
  const maxRemembered = 50_000;

  return {
    async verify(rawToken) {
      const known = verified.get(rawToken);
      if (known) {
        if (known.expiresAt * 1000 > Date.now()) return known.principal;
        verified.delete(rawToken);
      }
      const token = new KeycloakToken(rawToken, options.audience);
      // keycloak-connect treats a token without `exp` as never expiring; Keycloak always sets it.
      if (typeof token.content?.exp !== 'number') throw unauthenticated('Invalid token (no expiry)');
      let principal: Principal;
      try {
        const valid = await grantManager.validateToken(token, 'Bearer');
        principal = principalFromClaims(valid.content, rawToken);
      } catch (error) {
        if (error instanceof GraphQLError) throw error;
        const reason = error instanceof Error ? error.message : 'invalid token';
        throw unauthenticated(reason.startsWith('failed to load public key') ? 'Invalid token (unknown signing key)' : capitalise(reason));
      }
      if (verified.size >= maxRemembered) verified.delete(verified.keys().next().value!);
      verified.set(rawToken, { principal, expiresAt: token.content.exp as number });
      return principal;
    },
  };
}

/**
 * keycloak-connect converts the realm's signing key from JWK to PEM on every verification (ASN.1
 * and big-number arithmetic in JavaScript, then PEM parsing: ~0.3 ms, measured as much CPU as the
 * rest of a submission, in the gateway and again in the subgraph). The key of each key id is
 * converted once and kept as a KeyObject (renewed every five minutes from keycloak-connect's copy of
 * the JWKS, which it refetches for an unknown key id: a key is trusted as long as keycloak-connect
 * trusts it); keycloak-connect still checks every signature, with that key.
 */
function rememberSigningKeys(rotation: { getJWK(kid: string): Promise<string | KeyObject> }): void {
  const fetchKey = rotation.getJWK.bind(rotation);
  const keys = new Map<string, { key: Promise<KeyObject>; at: number }>();
  rotation.getJWK = (kid) => {
    const known = keys.get(kid);
    if (known && Date.now() - known.at < 300_000) return known.key;
    const key = fetchKey(kid).then((pem) => (typeof pem === 'string' ? createPublicKey(pem) : pem));
    keys.set(kid, { key, at: Date.now() });
    // A key id that fails (unknown, JWKS unreachable) is asked for again next time.
    key.catch(() => {
      if (keys.get(kid)?.key === key) keys.delete(kid);
    });
    return key;
  };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function principalFromClaims(claims: Record<string, unknown>, rawToken: string): Principal {
  const subject = typeof claims.sub === 'string' ? claims.sub : '';
  if (!subject) throw unauthenticated('Invalid token (no subject)');
  const realmAccess = claims.realm_access as { roles?: unknown } | undefined;
  const roles = Array.isArray(realmAccess?.roles) ? realmAccess.roles.filter((r): r is string => typeof r === 'string') : [];
  const block = typeof claims.block === 'string' && (Blocks as readonly string[]).includes(claims.block) ? (claims.block as Block) : null;
  return {
    subject,
    username: typeof claims.preferred_username === 'string' ? claims.preferred_username : subject,
    roles: new Set(roles),
    unitId: typeof claims.unit_id === 'string' && claims.unit_id ? claims.unit_id : null,
    block,
    issuedAt: typeof claims.iat === 'number' ? claims.iat : 0,
    token: rawToken,
  };
}

/** Reads `Authorization: Bearer …`; a missing or malformed header is UNAUTHENTICATED (HTTP 401). */
export async function authenticate(verifier: TokenVerifier, authorization: string | undefined): Promise<Principal> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) throw unauthenticated('Authentication required: send an access token as "Authorization: Bearer <token>"');
  return verifier.verify(match[1]!);
}
