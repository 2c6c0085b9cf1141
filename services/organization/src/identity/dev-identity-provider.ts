import { DevUserConflict, DevUserNotFound, Role, type DevUserStore } from '@cbccvc/platform';
import { blockGroupPath, IdentityConflictError, IdentityProviderError, type IdentityProvider } from './identity-provider';

/**
 * Adapter for the development identity provider (packages/platform): writes straight into its user
 * store, with the same effects the Keycloak adapter has on a realm (group, attributes, temporary
 * password with UPDATE_PASSWORD, enabled flag).
 */
export class DevIdentityProviderAdapter implements IdentityProvider {
  constructor(private readonly store: DevUserStore) {}

  async createUser(identity: Parameters<IdentityProvider['createUser']>[0]): Promise<{ userId: string }> {
    try {
      const user = await this.store.create({
        username: identity.username,
        email: identity.email,
        firstName: identity.firstName,
        lastName: identity.lastName,
        enabled: true,
        passwordTemporary: true,
        password: identity.temporaryPassword,
        // What membership of a block group grants in the realm export.
        roles: [Role.EMPLOYEE],
        groups: [blockGroupPath[identity.block]],
        unitId: identity.unitId,
        block: identity.block,
      });
      return { userId: user.id };
    } catch (error) {
      throw translate(error, identity.username);
    }
  }

  disableUser(userId: string): Promise<void> {
    return this.store.update(userId, { enabled: false }).catch((error: unknown) => Promise.reject(translate(error)));
  }

  enableUser(userId: string): Promise<void> {
    return this.store.update(userId, { enabled: true }).catch((error: unknown) => Promise.reject(translate(error)));
  }

  resetPassword(userId: string, temporaryPassword: string): Promise<void> {
    return this.store.setPassword(userId, temporaryPassword, true).catch((error: unknown) => Promise.reject(translate(error)));
  }

  /** The development provider issues no refresh tokens and keeps no sessions: nothing to end. */
  async logout(userId: string): Promise<void> {
    if (!(await this.store.findById(userId))) throw new IdentityProviderError(`user ${userId} not found`, 404);
  }

  async realmRoles(userId: string): Promise<string[]> {
    const user = await this.store.findById(userId);
    if (!user) throw new IdentityProviderError(`user ${userId} not found`, 404);
    return user.roles;
  }

  /**
   * The development provider keeps each user's effective realm roles in `dev_idp.users.roles` (what
   * Keycloak would give directly and through groups), so one query answers. The store exposes no
   * listing, so its (private) pool is read here; a `DevUserStore.usersWithRole` would be the tidier home.
   */
  async usersWithRealmRole(role: string): Promise<string[]> {
    return this.store.idsWithRole(role).catch((error: unknown) => Promise.reject(translate(error)));
  }

  async moveUser(userId: string, to: Parameters<IdentityProvider['moveUser']>[1]): Promise<void> {
    const user = await this.store.findById(userId);
    if (!user) throw new IdentityProviderError(`user ${userId} not found`, 404);
    const groups = user.groups.filter((group) => !group.startsWith('/blocks/')).concat(blockGroupPath[to.block]);
    await this.store.update(userId, { unitId: to.unitId, block: to.block, groups }).catch((error: unknown) => Promise.reject(translate(error)));
  }
}

function translate(error: unknown, username?: string): Error {
  if (error instanceof DevUserConflict) return new IdentityConflictError(username ?? error.username);
  if (error instanceof DevUserNotFound) return new IdentityProviderError(error.message, 404);
  return new IdentityProviderError(error instanceof Error ? error.message : 'identity provider failed');
}
