import { codedError, forbidden, Role } from '@cbccvc/platform';
import type { Context } from './context';

const administrativeRoles = new Set<string>([Role.CITY_ADMIN, Role.BLOCK_ADMIN_PARTY, Role.BLOCK_ADMIN_GOVERNMENT, Role.BLOCK_ADMIN_SCHOOL]);

/**
 * A block administrator acts on the people of its block, but never on an administrator: resetting
 * the city admin's password (whose record sits in some ward office) would hand over the city. Only
 * a city administrator touches administrators' records and accounts. Roles live in the identity
 * provider, so they are read from it.
 */
export async function requireMayActOnHolder(ctx: Context, personId: string, what: string): Promise<void> {
  if (ctx.access.isCityAdmin) return;
  const account = await ctx.loaders.accountOfPerson.load(personId);
  if (!account) return;
  const roles = await ctx.identityProvider.realmRoles(account.idpUserId).catch(() => {
    throw codedError('IDENTITY_PROVIDER_UNAVAILABLE', 'The identity provider could not say whether this person is an administrator; nothing was changed.');
  });
  if (roles.some((role) => administrativeRoles.has(role))) {
    throw forbidden(`Only a city administrator may ${what}`);
  }
}
