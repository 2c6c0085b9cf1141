#!/usr/bin/env node
// Applies (or, with --check, verifies) the block-admin permission model of realm-export.json through
// Keycloak's Admin REST API: the policies and permissions of the `admin-permissions` client
// (fine-grained admin permissions V2, Keycloak >= 26.2).
//
// Why this exists: a realm import carries the same model, but importing the admin-permissions
// client has had version-specific bugs (see README.md, "What is import-verified"). This script is
// the fallback and the check. It reads the model from realm-export.json (single source of truth),
// resolves groups by PATH on the running server, creates what is missing and never deletes.
//
//   KEYCLOAK_URL=http://localhost:8080 KC_BOOTSTRAP_ADMIN_USERNAME=… KC_BOOTSTRAP_ADMIN_PASSWORD=… \
//     node deploy/keycloak/apply-admin-permissions.mjs [--check] [--realm-file path]
//
// Node >= 20, no dependencies. The admin password is sent only to the master realm's token endpoint
// and is never printed.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const check = args.includes('--check');
const fileArg = args.indexOf('--realm-file');
const realmFile = fileArg >= 0 ? args[fileArg + 1] : join(dirname(fileURLToPath(import.meta.url)), 'realm-export.json');

const baseUrl = (process.env.KEYCLOAK_URL ?? 'http://localhost:8080').replace(/\/+$/, '');
const adminUser = process.env.KC_BOOTSTRAP_ADMIN_USERNAME;
const adminPassword = process.env.KC_BOOTSTRAP_ADMIN_PASSWORD;
if (!adminUser || !adminPassword) {
  console.error('KC_BOOTSTRAP_ADMIN_USERNAME and KC_BOOTSTRAP_ADMIN_PASSWORD are required (a master-realm admin).');
  process.exit(2);
}

// ---- The model, from the realm export --------------------------------------------------------
const realm = JSON.parse(readFileSync(realmFile, 'utf8'));
const realmName = process.env.KEYCLOAK_REALM ?? realm.realm;
const permissionsClient = realm.clients.find((c) => c.clientId === 'admin-permissions');
if (!permissionsClient?.authorizationSettings?.policies) throw new Error(`${realmFile}: no admin-permissions policies`);

const pathById = new Map();
const walk = (group) => {
  pathById.set(group.id, group.path);
  (group.subGroups ?? []).forEach(walk);
};
realm.groups.forEach(walk);

const parse = (value) => (value === undefined ? [] : JSON.parse(value));
const model = permissionsClient.authorizationSettings.policies.map((p) => {
  if (p.type === 'group') return { kind: 'policy/group', name: p.name, description: p.description, logic: p.logic, groupPaths: parse(p.config.groups).map((g) => g.path) };
  if (p.type === 'user') return { kind: 'policy/user', name: p.name, description: p.description, logic: p.logic, users: parse(p.config.users) };
  if (p.type === 'scope') {
    const groupPaths = parse(p.config.resources).map((id) => {
      const path = pathById.get(id);
      if (!path) throw new Error(`${p.name}: resource ${id} is not a group of the export`);
      return path;
    });
    return { kind: 'permission/scope', name: p.name, description: p.description, resourceType: p.resourceType, groupPaths, scopes: parse(p.config.scopes), policies: parse(p.config.applyPolicies) };
  }
  throw new Error(`${p.name}: unsupported policy type ${p.type}`);
});

// ---- Admin REST API ----------------------------------------------------------------------------
async function token() {
  const response = await fetch(`${baseUrl}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: adminUser, password: adminPassword }),
  });
  if (!response.ok) throw new Error(`master-realm token request refused (HTTP ${response.status})`);
  return (await response.json()).access_token;
}
const bearer = await token();
const adminBase = `${baseUrl}/admin/realms/${encodeURIComponent(realmName)}`;

async function api(method, path, body) {
  const response = await fetch(`${adminBase}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

const realmRep = await api('GET', '');
if (!realmRep.adminPermissionsEnabled) {
  if (check) {
    console.error(`realm ${realmName}: adminPermissionsEnabled is false`);
    process.exit(1);
  }
  await api('PUT', '', { adminPermissionsEnabled: true });
  console.log(`realm ${realmName}: admin permissions enabled`);
}

const [client] = await api('GET', '/clients?clientId=admin-permissions');
if (!client) throw new Error(`realm ${realmName} has no admin-permissions client`);
const rs = `/clients/${client.id}/authz/resource-server`;

const groupIds = new Map();
async function groupId(path) {
  if (!groupIds.has(path)) {
    const segments = path.split('/').filter(Boolean).map(encodeURIComponent).join('/');
    groupIds.set(path, (await api('GET', `/group-by-path/${segments}`)).id);
  }
  return groupIds.get(path);
}

const existing = new Map();
for (const listPath of [`${rs}/policy?first=0&max=1000`, `${rs}/permission?first=0&max=1000`]) {
  for (const p of (await api('GET', listPath)) ?? []) existing.set(p.name, p.id);
}

let missing = 0;
for (const item of model) {
  if (existing.has(item.name)) {
    console.log(`ok       ${item.name}`);
    continue;
  }
  missing += 1;
  if (check) {
    console.log(`MISSING  ${item.name}`);
    continue;
  }
  let body;
  if (item.kind === 'policy/group') {
    const groups = await Promise.all(item.groupPaths.map(async (path) => ({ id: await groupId(path), extendChildren: false })));
    body = { name: item.name, description: item.description, logic: item.logic, decisionStrategy: 'UNANIMOUS', groups };
  } else if (item.kind === 'policy/user') {
    body = { name: item.name, description: item.description, logic: item.logic, decisionStrategy: 'UNANIMOUS', users: item.users };
  } else {
    const resources = await Promise.all(item.groupPaths.map(groupId));
    const policies = item.policies.map((name) => {
      if (!existing.has(name)) throw new Error(`${item.name}: policy ${name} does not exist`);
      return existing.get(name);
    });
    // FGAP V2 accepts only the UNANIMOUS decision strategy for permissions.
    body = { name: item.name, description: item.description, resourceType: item.resourceType, resources, scopes: item.scopes, policies, decisionStrategy: 'UNANIMOUS' };
  }
  const created = await api('POST', `${rs}/${item.kind}`, body);
  existing.set(item.name, created.id);
  console.log(`created  ${item.name}`);
}

if (check && missing > 0) {
  console.error(`${missing} policies/permissions of the model are missing in realm ${realmName}`);
  process.exit(1);
}
