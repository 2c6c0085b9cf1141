import type { Block } from '@cbccvc/platform';

/**
 * The identity-provider port: every account operation of the organization subgraph goes through
 * it. Adapters: Keycloak's Admin REST API (keycloak-admin.ts) and the development identity
 * provider (dev-identity-provider.ts).
 */
export interface NewIdentity {
  username: string;
  email: string | null;
  firstName: string;
  lastName: string;
  block: Block;
  unitId: string;
  /** Shown once to the administrator; the holder must replace it at first login (UPDATE_PASSWORD). */
  temporaryPassword: string;
}

export interface IdentityProvider {
  /** Creates an enabled user in the block's group with a temporary password; returns its id. */
  createUser(identity: NewIdentity): Promise<{ userId: string }>;
  disableUser(userId: string): Promise<void>;
  enableUser(userId: string): Promise<void>;
  /** Sets a new temporary password, so the UPDATE_PASSWORD required action applies again. */
  resetPassword(userId: string, temporaryPassword: string): Promise<void>;
  /** After a transfer: the token claims (`unit_id`, `block`) and the block group follow the person. */
  moveUser(userId: string, to: { unitId: string; block: Block }): Promise<void>;
  /** The user's effective realm roles (direct, through groups and composites). */
  realmRoles(userId: string): Promise<string[]>;
  /** Ends every session of the user, so a lock or a reset takes effect before tokens expire. */
  logout(userId: string): Promise<void>;
  /**
   * The ids of the users who hold a realm role, directly or through a group (subgroups included),
   * each once: e.g. the block administrators, whom missed steps are escalated to. Composite roles
   * are not unfolded (the realm export grants the block-admin roles directly or by group only).
   */
  usersWithRealmRole(role: string): Promise<string[]>;
}

/** The username is taken in the identity provider. */
export class IdentityConflictError extends Error {
  constructor(readonly username: string) {
    super(`username ${username} already exists in the identity provider`);
    this.name = 'IdentityConflictError';
  }
}

/** The identity provider could not be reached or refused the request; nothing was changed locally. */
export class IdentityProviderError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'IdentityProviderError';
  }
}

/** Keycloak group path of each block; the realm export in deploy/keycloak defines the same groups. */
export const blockGroupPath: Record<Block, string> = {
  PARTY: '/blocks/party',
  GOVERNMENT: '/blocks/government',
  SCHOOL: '/blocks/school',
};
