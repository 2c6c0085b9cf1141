import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '@cbccvc/platform';
import { AuditEntry } from './entities';

/** Plain JSON copy of a record for the audit log (dates as ISO strings, no ORM internals). */
export const snapshot = (record: object | null): unknown => (record ? JSON.parse(JSON.stringify({ ...record })) : null);

/**
 * Appends an audit entry inside the caller's transaction, so a change and its audit record are
 * written together or not at all.
 */
export function audit(
  em: EntityManager,
  principal: Principal,
  at: Date,
  action: string,
  entityType: string,
  entityId: string,
  before: object | null,
  after: object | null,
): void {
  em.create(AuditEntry, {
    at,
    actor: principal.username,
    action,
    entityType,
    entityId,
    before: snapshot(before),
    after: snapshot(after),
  } as AuditEntry);
}
