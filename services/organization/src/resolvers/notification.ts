import { badInput, forbidden, notFound, pgArrayLiteral, sqlRows, sqlRun } from '@cbccvc/platform';
import type { NotificationResolvers } from '../generated/resolvers-types';
import type { Context } from '../context';
import { parseId } from '../input';

export const Notification: NotificationResolvers = {
  deadline: (notification) => notification.deadline?.toISOString() ?? null,
  createdAt: (notification) => notification.createdAt.toISOString(),
  readAt: (notification) => notification.readAt?.toISOString() ?? null,
};

const MAX_MARKED = 500;

/**
 * `markNotificationsRead`: the caller's own notifications only. A malformed id is BAD_USER_INPUT, an
 * unknown one NOT_FOUND, another person's FORBIDDEN (nothing is marked then); returns how many of
 * them were unread until now.
 */
export async function markNotificationsRead(ctx: Context, ids: readonly string[]): Promise<number> {
  if (ids.length > MAX_MARKED) throw badInput('ids', `at most ${MAX_MARKED} at a time`);
  const wanted = [...new Set(ids.map((id) => parseId('ids', id)))];
  const caller = await ctx.access.caller();
  if (!caller) throw forbidden('Only a person with an active account has notifications');
  if (wanted.length === 0) return 0;
  const rows = await sqlRows(ctx.em, 'select id, person_id from organization.notification where id = any(?::uuid[])', [pgArrayLiteral(wanted)]);
  const owner = new Map(rows.map((row) => [String(row.id), String(row.person_id)]));
  if ([...owner.values()].some((personId) => personId !== caller.id)) throw forbidden('You may mark only your own notifications as read');
  const unknown = wanted.find((id) => !owner.has(id));
  if (unknown) throw notFound('ids', 'notification', unknown);
  return sqlRun(
    ctx.em,
    'update organization.notification set read_at = ? where id = any(?::uuid[]) and person_id = ? and read_at is null',
    [ctx.clock.now(), pgArrayLiteral(wanted), caller.id],
  );
}
