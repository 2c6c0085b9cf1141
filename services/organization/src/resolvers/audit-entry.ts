import type { AuditEntryResolvers } from '../generated/resolvers-types';

export const AuditEntry: AuditEntryResolvers = {
  id: (entry) => String(entry.id),
  at: (entry) => entry.at.toISOString(),
  before: (entry) => (entry.before == null ? null : JSON.stringify(entry.before)),
  after: (entry) => (entry.after == null ? null : JSON.stringify(entry.after)),
};
