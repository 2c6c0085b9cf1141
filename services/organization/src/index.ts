export { entities } from './entities';
export { migrations } from './migrations';
export { startOrganizationService, organizationTypeDefs, type OrganizationServiceOptions } from './service';
export { DevIdentityProviderAdapter } from './identity/dev-identity-provider';
export type { IdentityProvider } from './identity/identity-provider';
export { KeycloakAdminIdentityProvider } from './identity/keycloak-admin';
export { isEmpty, loadSeed } from './seed/load';
export { generateSeed, type Scale, type SeedData } from './seed/generate';
export { demoPassword } from './seed/demo-password';
