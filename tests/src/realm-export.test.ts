import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blockAdminRole, Blocks, Role } from '@cbccvc/platform';

/**
 * The realm export is the source of truth for identity (ARCHITECTURE.md). Keycloak cannot run here,
 * so these checks hold it to what the code relies on: role names, block groups, clients, the claims
 * the token verifier reads, and that no secret is written into it.
 */
const root = join(__dirname, '..', '..');
const text = readFileSync(join(root, 'deploy', 'keycloak', 'realm-export.json'), 'utf8');
const realm = JSON.parse(text) as {
  realm: string;
  roles: { realm: { name: string }[] };
  groups: Group[];
  clients: Client[];
  passwordPolicy: string;
  bruteForceProtected: boolean;
  requiredActions: { alias: string; enabled: boolean }[];
  components: Record<string, { config: Record<string, string[]> }[]>;
};
interface Group { name: string; realmRoles?: string[]; subGroups?: Group[] }
interface Client {
  clientId: string;
  publicClient?: boolean;
  secret?: string;
  serviceAccountsEnabled?: boolean;
  attributes?: Record<string, string>;
  protocolMappers?: { name: string; protocolMapper: string; config: Record<string, string> }[];
}
const group = (path: string): Group | undefined => {
  let groups = realm.groups;
  let found: Group | undefined;
  for (const name of path.split('/').filter(Boolean)) {
    found = groups.find((g) => g.name === name);
    groups = found?.subGroups ?? [];
  }
  return found;
};
const client = (id: string) => realm.clients.find((c) => c.clientId === id)!;

describe('deploy/keycloak/realm-export.json', () => {
  it('defines realm hanoi with every role the code checks', () => {
    expect(realm.realm).toBe('hanoi');
    expect(realm.roles.realm.map((r) => r.name).sort()).toEqual(Object.values(Role).sort());
  });

  it('has one group per block granting employee, and admin groups granting the block-admin roles', () => {
    for (const block of Blocks) {
      expect(group(`/blocks/${block.toLowerCase()}`)?.realmRoles).toEqual([Role.EMPLOYEE]);
      expect(group(`/admins/${block.toLowerCase()}`)?.realmRoles).toEqual([blockAdminRole[block]]);
    }
    expect(group('/admins/city')?.realmRoles).toEqual([Role.CITY_ADMIN]);
  });

  it('has the portal as a public PKCE client whose tokens carry unit_id, block and the gateway audience', () => {
    const portal = client('cbccvc-portal');
    expect(portal.publicClient).toBe(true);
    expect(portal.attributes?.['pkce.code.challenge.method']).toBe('S256');
    const mappers = portal.protocolMappers ?? [];
    const claim = (name: string) => mappers.find((m) => m.config['claim.name'] === name);
    expect(claim('unit_id')?.config['access.token.claim']).toBe('true');
    expect(claim('block')?.config['access.token.claim']).toBe('true');
    expect(mappers.find((m) => m.protocolMapper === 'oidc-audience-mapper')?.config['included.client.audience']).toBe('cbccvc-api');
  });

  it('has the dashboards and admin clients as service accounts, with secrets only as placeholders', () => {
    expect(client('cbccvc-dashboards').serviceAccountsEnabled).toBe(true);
    expect(client('cbccvc-admin').serviceAccountsEnabled).toBe(true);
    expect(client('cbccvc-api')).toBeDefined();
    for (const c of realm.clients.filter((c) => c.secret !== undefined)) expect(c.secret).toMatch(/^\$\{[A-Z_]+\}$/);
  });

  it('lets the admin service account manage users and list the members of a realm role (whom the workflows notify)', () => {
    const users = (JSON.parse(text) as { users: { serviceAccountClientId?: string; clientRoles?: Record<string, string[]> }[] }).users;
    const account = users.find((u) => u.serviceAccountClientId === 'cbccvc-admin')!;
    expect(account.clientRoles!['realm-management']).toEqual(expect.arrayContaining(['manage-users', 'view-users', 'query-groups', 'view-realm']));
  });

  it('enforces a password policy, brute-force protection and the UPDATE_PASSWORD action', () => {
    expect(realm.passwordPolicy).toMatch(/length\(\d+\)/);
    expect(realm.bruteForceProtected).toBe(true);
    expect(realm.requiredActions.find((a) => a.alias === 'UPDATE_PASSWORD')?.enabled).toBe(true);
  });

  it('lets only administrators edit the unit_id and block attributes that drive authorisation', () => {
    const profile = JSON.parse(realm.components['org.keycloak.userprofile.UserProfileProvider']![0]!.config['kc.user.profile.config']![0]!) as {
      attributes: { name: string; permissions: { edit: string[] } }[];
    };
    for (const name of ['unit_id', 'block']) {
      expect(profile.attributes.find((a) => a.name === name)?.permissions.edit).toEqual(['admin']);
    }
  });
});
