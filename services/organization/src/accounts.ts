import { randomInt } from 'node:crypto';
import { badInput, codedError } from '@cbccvc/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit } from './audit';
import type { Context } from './context';
import { Account, type Person } from './entities';
import { IdentityConflictError } from './identity/identity-provider';
import { parseId, parseUsername, requireText, searchKey } from './input';
import { loadPerson } from './people';
import { policyOf } from './policy';
import { requireMayActOnHolder } from './privileged';
import { loadUnit } from './units';
import { checkVersion, newId, write } from './write';

export interface AccountWithPassword {
  account: Account;
  temporaryPassword: string;
}

const day = 24 * 60 * 60 * 1000;

/** Any identity-provider failure other than a username clash: the change is refused, nothing saved. */
function identityProviderDown(error: unknown): never {
  if (error instanceof IdentityConflictError) throw badInput('username', `username "${error.username}" is already taken`);
  throw codedError('IDENTITY_PROVIDER_UNAVAILABLE', 'The identity provider did not accept the change; nothing was saved. Try again later.');
}

/** Passwords handed out by administrators: 14 characters from an unambiguous alphabet, all classes present. */
export function temporaryPassword(): string {
  const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789'];
  const all = classes.join('');
  const chars = classes.map((set) => set[randomInt(set.length)]!);
  while (chars.length < 14) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/** The customary Vietnamese account name: given name + initials of the others ("Nguyễn Văn An" → "annv"). */
export function suggestedUsername(fullName: string): string {
  const words = searchKey(fullName).replace(/[^a-z ]/g, '').split(' ').filter(Boolean);
  const given = words.pop() ?? 'user';
  return `${given}${words.map((w) => w[0]).join('')}`.padEnd(3, '0');
}

async function freeUsername(em: EntityManager, base: string): Promise<string> {
  const rows = (await em.getConnection().execute(
    `select lower(username) as username from organization.account where lower(username) like ?`,
    [`${base}%`],
  )) as { username: string }[];
  const taken = new Set(rows.map((row) => row.username));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

export async function issueAccount(ctx: Context, personId: string, requestedUsername?: string | null): Promise<AccountWithPassword> {
  const person = await loadPerson(ctx.em, 'personId', personId);
  const unit = await loadUnit(ctx.em, 'personId', person.unitId);
  await ctx.access.requireAdmin(unit, 'issue accounts');
  if (!person.active) throw badInput('personId', `${person.fullName} is no longer active`);
  if (await ctx.em.findOne(Account, { personId: person.id })) {
    throw badInput('personId', `${person.fullName} already has an account: reset it instead`);
  }
  let username: string;
  if (requestedUsername != null) {
    username = parseUsername('username', requestedUsername);
    if ((await freeUsername(ctx.em, username)) !== username) throw badInput('username', `username "${username}" is already taken`);
  } else {
    username = await freeUsername(ctx.em, suggestedUsername(person.fullName));
  }
  const password = temporaryPassword();
  const { firstName, lastName } = splitName(person);
  const { userId } = await ctx.identityProvider
    .createUser({ username, email: person.email, firstName, lastName, block: unit.block, unitId: unit.id, temporaryPassword: password })
    .catch(identityProviderDown);
  const policy = await policyOf(ctx, unit.jurisdictionId);
  const now = ctx.clock.now();
  try {
    const account = await write(ctx, async (em) => {
      const created = em.create(Account, {
        id: newId(),
        personId: person.id,
        username,
        idpUserId: userId,
        status: 'PENDING_PASSWORD_CHANGE',
        issuedAt: now,
        temporaryPasswordAt: now,
        passwordChangeDeadline: new Date(now.getTime() + policy.accounts.passwordChangeDays * day),
        lockedAt: null,
        lockedReason: null,
        version: 1,
      });
      audit(em, ctx.principal, now, 'account.issue', 'Account', created.id, null, created);
      return created;
    });
    return { account, temporaryPassword: password };
  } catch (error) {
    // The user exists in the identity provider but not here: disable it so it cannot be used.
    await ctx.identityProvider.disableUser(userId).catch(() => undefined);
    throw error;
  }
}

/** Vietnamese order: family name first, given name last. */
function splitName(person: Person): { firstName: string; lastName: string } {
  const words = person.fullName.split(' ');
  const firstName = words.pop() ?? person.fullName;
  return { firstName, lastName: words.join(' ') };
}

async function loadAccountForAdmin(ctx: Context, em: EntityManager, id: string, expectedVersion: number, action: string): Promise<Account> {
  const account = await em.findOne(Account, { id: parseId('id', id) });
  if (!account) throw codedError('NOT_FOUND', `id: account ${id} does not exist`, { field: 'id' });
  const person = await loadPerson(em, 'id', account.personId);
  await ctx.access.requireAdmin(await loadUnit(em, 'id', person.unitId), action);
  await requireMayActOnHolder(ctx, person.id, `${action} of administrators`);
  checkVersion(account, expectedVersion, `Account "${account.username}"`);
  return account;
}

export async function lockAccount(ctx: Context, id: string, expectedVersion: number, reasonText: string): Promise<Account> {
  const reason = requireText('reason', reasonText, 500);
  return write(ctx, async (em) => {
    const account = await loadAccountForAdmin(ctx, em, id, expectedVersion, 'lock accounts');
    if (account.status === 'LOCKED') throw badInput('id', `account "${account.username}" is already locked`);
    const before = { ...account };
    const now = ctx.clock.now();
    Object.assign(account, { status: 'LOCKED', lockedAt: now, lockedReason: reason });
    audit(em, ctx.principal, now, 'account.lock', 'Account', account.id, before, account);
    await em.flush();
    // Last, inside the transaction: if the identity provider refuses, nothing is committed here.
    await ctx.identityProvider.disableUser(account.idpUserId).catch(identityProviderDown);
    await ctx.identityProvider.logout(account.idpUserId).catch(identityProviderDown);
    return account;
  });
}

/** Unlock and reset both hand out a new temporary password (DOMAIN.md §2: unlock is a reset). */
export async function resetAccount(ctx: Context, id: string, expectedVersion: number, mode: 'unlock' | 'reset'): Promise<AccountWithPassword> {
  const password = temporaryPassword();
  const account = await write(ctx, async (em) => {
    const account = await loadAccountForAdmin(ctx, em, id, expectedVersion, `${mode} accounts`);
    if (mode === 'unlock' && account.status !== 'LOCKED') throw badInput('id', `account "${account.username}" is not locked`);
    const person = await loadPerson(em, 'id', account.personId);
    const policy = await policyOf(ctx, (await loadUnit(em, 'id', person.unitId)).jurisdictionId);
    const before = { ...account };
    const now = ctx.clock.now();
    Object.assign(account, {
      status: 'PENDING_PASSWORD_CHANGE',
      temporaryPasswordAt: now,
      passwordChangeDeadline: new Date(now.getTime() + policy.accounts.passwordChangeDays * day),
      lockedAt: null,
      lockedReason: null,
    });
    audit(em, ctx.principal, now, `account.${mode}`, 'Account', account.id, before, account);
    await em.flush();
    await ctx.identityProvider.resetPassword(account.idpUserId, password).catch(identityProviderDown);
    if (before.status === 'LOCKED') await ctx.identityProvider.enableUser(account.idpUserId).catch(identityProviderDown);
    // Sessions opened with the old password end now, so no token issued before the reset lives on.
    await ctx.identityProvider.logout(account.idpUserId).catch(identityProviderDown);
    return account;
  });
  return { account, temporaryPassword: password };
}

/**
 * A holder can only obtain a token after replacing the temporary password (UPDATE_PASSWORD), so
 * their first request with a token issued after that password was handed out proves the change:
 * the account becomes ACTIVE. An older token (from before a reset) proves nothing.
 */
export async function confirmPasswordChanged(ctx: Context, account: Account): Promise<Account> {
  if (account.status !== 'PENDING_PASSWORD_CHANGE') return account;
  if (account.temporaryPasswordAt && ctx.principal.issuedAt * 1000 < account.temporaryPasswordAt.getTime()) return account;
  return write(ctx, async (em) => {
    const current = await em.findOneOrFail(Account, { id: account.id });
    if (current.status !== 'PENDING_PASSWORD_CHANGE') return current;
    const before = { ...current };
    Object.assign(current, { status: 'ACTIVE', passwordChangeDeadline: null });
    audit(em, ctx.principal, ctx.clock.now(), 'account.activate', 'Account', current.id, before, current);
    return current;
  });
}
