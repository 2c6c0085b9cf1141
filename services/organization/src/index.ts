export { entities } from './entities';
export { migrations } from './migrations';
export { startOrganizationService, organizationTypeDefs, type OrganizationServiceOptions } from './service';
export { DevIdentityProviderAdapter } from './identity/dev-identity-provider';
export type { IdentityProvider } from './identity/identity-provider';
export { KeycloakAdminIdentityProvider } from './identity/keycloak-admin';
export { isEmpty, loadSeed } from './seed/load';
export { generateSeed, type Scale, type SeedData } from './seed/generate';
export { demoPassword } from './seed/demo-password';
// The read side other subgraphs use in-process over the shared database (never to write).
export { Access, CallerCache } from './access';
export { createLoaders, record, type Loaders } from './loaders';
export { resolveChain, lastDayOf, type ResolvedChain } from './chain';
export { authoritiesActedForBy } from './authority';
export { policyOf } from './policy';
export { parseId, parseOptionalId, parseMonth, parseDate, requireText, pageSize } from './input';
export type { Person as PersonRecord, Unit as UnitRecord } from './entities';
// Notifications: stored per person, e-mailed when SMTP is configured (the workflow worker calls these).
export {
  accountLockedText,
  blockAdminsOf,
  emailNotifications,
  emailText,
  emailUnsentNotifications,
  escalationText,
  formatDeadline,
  formatMonth,
  missedText,
  monthOpenedText,
  notificationKinds,
  quotaRedecisionText,
  reminderText,
  rescoreOrderedText,
  review360InviteText,
  storeNotifications,
  type EmailOptions,
  type EmailOutcome,
  type NewNotification,
  type NotificationKind,
  type NotificationRecord,
  type NotificationText,
  type StoredNotification,
} from './notifications';
