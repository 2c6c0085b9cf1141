import type { EntityManager } from '@mikro-orm/postgresql';
import {
  blockAdminRole,
  Blocks,
  createLogger,
  pgArrayLiteral,
  sqlRows,
  sqlRun,
  systemClock,
  type Block,
  type Clock,
  type Logger,
  type Mailer,
} from '@cbccvc/platform';
import type { CycleAudience, CycleStep } from '@cbccvc/rules';
import type { IdentityProvider } from './identity/identity-provider';
import { record } from './loaders';

/**
 * Notifications (issue 6, point 4): stored per person in `organization.notification`, read through
 * the supergraph (`me { notifications }`, `Person.notifications`), and e-mailed when SMTP is
 * configured. The monthly-cycle worker calls these functions from its activities:
 *
 *     const text = reminderText({ step: 'selfAssessment', month: '2026-11', deadline, daysBefore: 3 });
 *     const fresh = await storeNotifications(em, people.map((personId) => ({ personId, key, kind: 'REMINDER', ...text, deadline })));
 *     await emailNotifications(em, mailer, fresh, { logger });
 *
 * `(personId, key)` is the idempotency key: a retried activity or a replayed workflow stores nothing
 * twice, and what is not stored anew is not e-mailed again.
 */

export const notificationKinds = ['REMINDER', 'MISSED_STEP', 'ESCALATION', 'ACCOUNT_LOCKED', 'MONTH_OPENED', 'REVIEW_360_INVITE', 'RESCORE_ORDERED', 'QUOTA_REDECISION'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export interface NewNotification {
  personId: string;
  /** Unique per person, e.g. the cycle event's key `hn-ward-07/2026-11/self/remind-3d` (at most 300 characters). */
  key: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** The deadline the notification is about; an ISO-8601 string is accepted too (Temporal payloads are JSON). */
  deadline?: Date | string | null;
  /** Where to act, shown under the text (in the e-mail as given: make it absolute there). */
  link?: string | null;
}

/** A notification that `storeNotifications` has just stored, with its id. */
export type StoredNotification = NewNotification & { id: string };

/** A stored row (the GraphQL `Notification`). */
export interface NotificationRecord {
  id: string;
  personId: string;
  key: string;
  kind: NotificationKind;
  title: string;
  body: string;
  deadline: Date | null;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
  emailedAt: Date | null;
}

/** One statement per batch: large enough for a ward's month in one go, small enough for one JSON parameter. */
const BATCH_SIZE = 5000;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Row = Record<string, unknown>;

/**
 * A statement with real bind parameters that returns rows (MikroORM's `execute` inlines parameters,
 * which a multi-megabyte JSON batch must not go through): the pattern of `executeBound`, in the
 * entity manager's transaction when it has one.
 */
async function boundRows(em: EntityManager, sql: string, params: readonly unknown[]): Promise<Row[]> {
  const query = em.getConnection().getKnex().raw(sql, params as never[]);
  const transaction = em.getTransactionContext();
  if (transaction) query.transacting(transaction);
  const result = (await query) as { rows?: Row[] };
  return result.rows ?? [];
}

function toInstant(field: string, value: Date | string): Date {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw new RangeError(`${field}: ${String(value)} is not an instant`);
  return date;
}

interface CheckedNotification {
  person_id: string;
  key: string;
  kind: NotificationKind;
  title: string;
  body: string;
  deadline: string | null;
  link: string | null;
}

function checkNotification(n: NewNotification, i: number): CheckedNotification {
  const at = `notifications[${i}]`;
  if (typeof n?.personId !== 'string' || !uuidPattern.test(n.personId)) throw new RangeError(`${at}.personId: ${String(n?.personId)} is not a person id`);
  if (typeof n.key !== 'string' || n.key.length === 0 || n.key.length > 300) throw new RangeError(`${at}.key: must be 1–300 characters`);
  if (!(notificationKinds as readonly string[]).includes(n.kind)) throw new RangeError(`${at}.kind: must be one of ${notificationKinds.join(', ')}`);
  if (typeof n.title !== 'string' || n.title.trim().length === 0 || n.title.length > 300) throw new RangeError(`${at}.title: must be 1–300 characters`);
  if (typeof n.body !== 'string' || n.body.length > 20_000) throw new RangeError(`${at}.body: must be text of at most 20,000 characters`);
  if (n.link != null && (typeof n.link !== 'string' || n.link.length > 2000)) throw new RangeError(`${at}.link: must be text of at most 2,000 characters`);
  return {
    person_id: n.personId.toLowerCase(),
    key: n.key,
    kind: n.kind,
    title: n.title,
    body: n.body,
    deadline: n.deadline == null ? null : toInstant(`${at}.deadline`, n.deadline).toISOString(),
    link: n.link ?? null,
  };
}

/**
 * Stores notifications in bulk (one `insert … select from json_to_recordset(…)` per 5,000, with bound
 * parameters) and returns, in input order, only those stored now: a `(personId, key)` already stored,
 * or repeated in the list, is skipped (`on conflict do nothing`), so running it twice stores nothing
 * new. Without a transaction on `em` each batch commits on its own; a retry is safe either way.
 * Throws (RangeError) on a malformed item before writing anything; an unknown person fails its batch.
 */
export async function storeNotifications(
  em: EntityManager,
  list: readonly NewNotification[],
  options: { clock?: Clock } = {},
): Promise<StoredNotification[]> {
  const checked = list.map(checkNotification);
  const unique = new Map<string, { item: NewNotification; row: CheckedNotification }>();
  checked.forEach((row, i) => {
    const id = `${row.person_id}\u0000${row.key}`;
    if (!unique.has(id)) unique.set(id, { item: list[i]!, row });
  });
  const createdAt = (options.clock ?? systemClock).now();
  const entries = [...unique.entries()];
  const ids = new Map<string, string>();
  for (let start = 0; start < entries.length; start += BATCH_SIZE) {
    const batch = entries.slice(start, start + BATCH_SIZE).map(([, { row }]) => row);
    const rows = await boundRows(
      em,
      `insert into organization.notification (id, person_id, key, kind, title, body, deadline, link, created_at)
       select gen_random_uuid(), r.person_id, r.key, r.kind, r.title, r.body, r.deadline, r.link, ?::timestamptz
         from json_to_recordset(?::json) as r(person_id uuid, key text, kind text, title text, body text, deadline timestamptz, link text)
       on conflict (person_id, key) do nothing
       returning id, person_id, key`,
      [createdAt.toISOString(), JSON.stringify(batch)],
    );
    for (const row of rows) ids.set(`${String(row.person_id)}\u0000${String(row.key)}`, String(row.id));
  }
  return entries.flatMap(([id, { item }]) => {
    const stored = ids.get(id);
    return stored === undefined ? [] : [{ ...item, id: stored }];
  });
}

export interface EmailOptions {
  /** Where a failed send is reported (warn); by default a logger named `notifications`. */
  logger?: Logger;
  clock?: Clock;
  /** Messages sent at once (each holds a database connection while it is sent), default 4. */
  concurrency?: number;
}

export interface EmailOutcome {
  /** Messages the SMTP server accepted (their notifications now have `emailed_at`). */
  sent: number;
  /** Messages that failed: logged, left with `emailed_at` null for a later retry. */
  failed: number;
}

interface Pending {
  id: string;
  personId: string;
  email: string;
  title: string;
  body: string;
  link: string | null;
}

const pendingColumns = 'n.id, n.person_id, n.title, n.body, n.link, p.email';
const toPending = (row: Row): Pending => record<Pending>(row);

/**
 * E-mails the given notifications to the people who have an e-mail address, once: each is claimed
 * (`for update skip locked`, so two workers never send the same one), sent, and marked `emailed_at`
 * in one short transaction. A failed send (bad address, SMTP down) is logged and rolled back, so the
 * notification stays unsent for a later call (this one with the same list, or `emailUnsentNotifications`);
 * it never throws for one bad message. Without a mailer (SMTP not configured) nothing happens. Call it
 * after the notifications are committed.
 */
export async function emailNotifications(
  em: EntityManager,
  mailer: Mailer | null,
  list: readonly NewNotification[],
  options: EmailOptions = {},
): Promise<EmailOutcome> {
  if (!mailer || list.length === 0) return { sent: 0, failed: 0 };
  const keys = [...new Map(list.map((n) => [`${n.personId.toLowerCase()}\u0000${n.key}`, { person_id: n.personId.toLowerCase(), key: n.key }])).values()];
  const pending: Pending[] = [];
  for (let start = 0; start < keys.length; start += BATCH_SIZE) {
    const rows = await boundRows(
      em,
      `select ${pendingColumns}
         from json_to_recordset(?::json) as r(person_id uuid, key text)
         join organization.notification n on n.person_id = r.person_id and n.key = r.key
         join organization.person p on p.id = n.person_id
        where n.emailed_at is null and p.email is not null and p.email <> ''
        order by n.created_at, n.id`,
      [JSON.stringify(keys.slice(start, start + BATCH_SIZE))],
    );
    pending.push(...rows.map(toPending));
  }
  return sendAll(em, mailer, pending, options);
}

/**
 * The retry sweep: e-mails up to `limit` (default 1,000) notifications created at or after `since`
 * that are still unsent and whose person has an e-mail address, oldest first.
 */
export async function emailUnsentNotifications(
  em: EntityManager,
  mailer: Mailer | null,
  window: { since: Date; limit?: number },
  options: EmailOptions = {},
): Promise<EmailOutcome> {
  if (!mailer) return { sent: 0, failed: 0 };
  const limit = window.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) throw new RangeError('limit: must be a whole number from 1 to 100,000');
  const rows = await sqlRows(
    em,
    `select ${pendingColumns}
       from organization.notification n join organization.person p on p.id = n.person_id
      where n.emailed_at is null and n.created_at >= ? and p.email is not null and p.email <> ''
      order by n.created_at, n.id limit ?`,
    [toInstant('since', window.since), limit],
  );
  return sendAll(em, mailer, rows.map(toPending), options);
}

const mailFooter =
  'Thư này do Hệ thống đánh giá, xếp loại cán bộ, công chức, viên chức hằng tháng gửi tự động; đề nghị không trả lời thư này.';

/** The e-mail text of a notification: its body, the link if any, and the footer. */
export function emailText(notification: { body: string; link?: string | null }): string {
  return [notification.body, notification.link ? `Xem chi tiết: ${notification.link}` : null, `--\n${mailFooter}`]
    .filter((part): part is string => part !== null)
    .join('\n\n');
}

let defaultLogger: Logger | undefined;

async function sendAll(em: EntityManager, mailer: Mailer, pending: Pending[], options: EmailOptions): Promise<EmailOutcome> {
  const logger = options.logger ?? (defaultLogger ??= createLogger('notifications'));
  const clock = options.clock ?? systemClock;
  // Inside the caller's transaction there is one connection: one message at a time on it.
  const concurrency = em.getTransactionContext() ? 1 : Math.max(1, Math.min(options.concurrency ?? 4, 32));
  const outcome: EmailOutcome = { sent: 0, failed: 0 };
  let next = 0;
  const worker = async () => {
    while (next < pending.length) {
      const notification = pending[next++]!;
      try {
        const sent = await em.transactional(async (tem) => {
          const claimed = await sqlRows(tem, 'select id from organization.notification where id = ? and emailed_at is null for update skip locked', [notification.id]);
          if (claimed.length === 0) return false; // sent meanwhile, or being sent by another worker
          await mailer.send(notification.email, notification.title, emailText(notification));
          await sqlRun(tem, 'update organization.notification set emailed_at = ? where id = ?', [clock.now(), notification.id]);
          return true;
        });
        if (sent) outcome.sent += 1;
      } catch (error) {
        outcome.failed += 1;
        // The address is personal data: the log names the notification and the person, not the address.
        logger.warn(
          { notificationId: notification.id, personId: notification.personId, err: error instanceof Error ? error.message : String(error) },
          'notification e-mail failed; left unsent for a later retry',
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, pending.length) }, worker));
  return outcome;
}

/** One person's notifications, newest first. */
export async function listNotifications(
  em: EntityManager,
  personId: string,
  options: { unreadOnly: boolean; first: number },
): Promise<NotificationRecord[]> {
  const rows = await sqlRows(
    em,
    `select id, person_id, key, kind, title, body, link, ${instants}
       from organization.notification where person_id = ?${options.unreadOnly ? ' and read_at is null' : ''}
      order by created_at desc, id desc limit ?`,
    [personId, options.first],
  );
  return rows.map(toRecord);
}

/**
 * Timestamps as ISO-8601 text with their offset (`to_json`), whatever the session's time zone: the
 * driver hands raw timestamps to MikroORM's `execute` as PostgreSQL's own text, which `Date` does not
 * read reliably.
 */
const instants = ['deadline', 'created_at', 'read_at', 'emailed_at'].map((column) => `to_json(${column}) #>> '{}' as ${column}`).join(', ');
const instant = (value: unknown): Date | null => (value == null ? null : new Date(String(value)));

function toRecord(row: Row): NotificationRecord {
  const base = record<NotificationRecord>(row);
  return { ...base, deadline: instant(row.deadline), createdAt: instant(row.created_at)!, readAt: instant(row.read_at), emailedAt: instant(row.emailed_at) };
}

export async function countUnread(em: EntityManager, personId: string): Promise<number> {
  const [row] = await sqlRows(em, 'select count(*)::int as count from organization.notification where person_id = ? and read_at is null', [personId]);
  return Number(row?.count ?? 0);
}

/**
 * The people who administer `block` in a jurisdiction: the holders of the block's admin role in the
 * identity provider (`blockAdminRole`), whose person record works in a unit of that jurisdiction —
 * the same reading of "the admin's own district/ward" as the access checks — active, with an account
 * that is not locked. Sorted by name.
 */
export async function blockAdminsOf(em: EntityManager, idp: IdentityProvider, jurisdictionId: string, block: Block): Promise<string[]> {
  if (!uuidPattern.test(jurisdictionId)) throw new RangeError(`jurisdictionId: ${jurisdictionId} is not a jurisdiction id`);
  if (!(Blocks as readonly string[]).includes(block)) throw new RangeError(`block: must be one of ${Blocks.join(', ')}`);
  const idpUserIds = await idp.usersWithRealmRole(blockAdminRole[block]);
  if (idpUserIds.length === 0) return [];
  const rows = await sqlRows(
    em,
    `select p.id from organization.account a
       join organization.person p on p.id = a.person_id
       join organization.unit u on u.id = p.unit_id
      where a.idp_user_id = any(?::text[]) and u.jurisdiction_id = ? and p.active and a.status <> 'LOCKED'
      order by p.full_name, p.id`,
    [pgArrayLiteral(idpUserIds), jurisdictionId.toLowerCase()],
  );
  return rows.map((row) => String(row.id));
}

// ---------------------------------------------------------------------------------------------
// Vietnamese texts
// ---------------------------------------------------------------------------------------------

/** A notification's text: `title` (also the e-mail subject) and `body`. */
export interface NotificationText {
  title: string;
  body: string;
}

/** Hanoi local time: Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving time). */
const HANOI_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (local: Date) => `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;

/**
 * A deadline in Hanoi local time, unambiguous about midnight. Deadlines are the first instant at
 * which a step is late (packages/rules `monthDeadlines`: "before the 25th" = local 00:00 of the 25th),
 * so 2026-11-24T17:00:00Z reads "trước 00:00 ngày 25/11/2026 (tức hết ngày 24/11/2026, giờ Hà Nội)";
 * any other instant reads "trước 15:30 ngày 12/11/2026 (giờ Hà Nội)".
 */
export function formatDeadline(deadline: Date | string): string {
  const ms = toInstant('deadline', deadline).getTime();
  const local = new Date(ms + HANOI_OFFSET_MS);
  const [h, m, s] = [local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds()];
  if (h === 0 && m === 0 && s === 0 && local.getUTCMilliseconds() === 0) {
    return `trước 00:00 ngày ${localDay(local)} (tức hết ngày ${localDay(new Date(local.getTime() - DAY_MS))}, giờ Hà Nội)`;
  }
  return `trước ${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''} ngày ${localDay(local)} (giờ Hà Nội)`;
}

/** "2026-11" → "tháng 11/2026". */
export function formatMonth(month: string): string {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw new RangeError(`month: "${month}" is not a month in the form YYYY-MM`);
  return `tháng ${match[2]}/${match[1]}`;
}

/** Each step's name in the documents' words, and what the person has to do in it. */
const STEPS: Readonly<Record<CycleStep, { name: string; todo: string }>> = {
  plan: { name: 'lập kế hoạch công tác', todo: 'lập kế hoạch công tác và gửi lãnh đạo trực tiếp phê duyệt' },
  review360: { name: 'đánh giá 360°', todo: 'đánh giá 360° những người được phân công (đồng nghiệp cùng nhóm, cấp trên)' },
  selfAssessment: { name: 'tự đánh giá, xếp loại', todo: 'tự đánh giá, chấm điểm theo khung tiêu chí, tự xếp loại và gửi phiếu đánh giá' },
  comment: { name: 'cho ý kiến nhận xét', todo: 'cho ý kiến nhận xét đối với phiếu tự đánh giá của những người được phân công' },
  decision: { name: 'quyết định đánh giá, xếp loại', todo: 'quyết định điểm và mức xếp loại, trong tỷ lệ quy định, cho những người thuộc thẩm quyền' },
  publication: { name: 'công khai kết quả đánh giá, xếp loại', todo: 'tổng hợp và công khai kết quả đánh giá, xếp loại của khối' },
};

function stepOf(step: CycleStep): { name: string; todo: string } {
  const known = STEPS[step];
  if (!known) throw new RangeError(`step: must be one of ${Object.keys(STEPS).join(', ')}`);
  return known;
}

/**
 * A reminder before a step's deadline. `daysBefore` as in the cycle's REMIND events: 1 = the last
 * day, 3 = three days left counting today; null or 0 leaves the countdown out.
 */
export function reminderText(input: { step: CycleStep; month: string; deadline: Date | string; daysBefore?: number | null }): NotificationText {
  const { name, todo } = stepOf(input.step);
  const month = formatMonth(input.month);
  const days = input.daysBefore ?? 0;
  if (!Number.isInteger(days) || days < 0) throw new RangeError('daysBefore: must be a whole number of days ≥ 0');
  const left = days === 0 ? '' : days === 1 ? 'hôm nay là ngày cuối' : `còn ${days} ngày, kể cả hôm nay`;
  return {
    title: `Nhắc việc: ${name} ${month}${left ? ` (${left})` : ''}`,
    body: [
      `Đồng chí chưa hoàn thành việc ${todo} ${month}.`,
      `Thời hạn: ${formatDeadline(input.deadline)}${left ? `; ${left}` : ''}.`,
      'Quá thời hạn, hệ thống không tiếp nhận nữa, trừ khi cấp có thẩm quyền mở lại cho đồng chí.',
    ].join('\n'),
  };
}

/** To the actor who missed a step. */
export function missedText(input: { step: CycleStep; month: string; deadline: Date | string }): NotificationText {
  const { name } = stepOf(input.step);
  const month = formatMonth(input.month);
  const reportedTo = input.step === 'decision' ? 'cấp có thẩm quyền cấp trên' : 'cấp trên trực tiếp và tài khoản quản trị khối';
  return {
    title: `Quá hạn: ${name} ${month}`,
    body: [
      `Đã hết thời hạn ${name} ${month} (${formatDeadline(input.deadline)}) mà đồng chí chưa hoàn thành.`,
      `Việc chậm được báo cáo ${reportedTo} theo quy định.`,
      'Nếu có lý do chính đáng, đề nghị đồng chí báo cáo cấp có thẩm quyền để được xem xét mở lại.',
    ].join('\n'),
  };
}

const MAX_LISTED = 50;

/** Whom the escalation is about, as the addressee sees them (cycle.ts `CycleAudience`). */
const ESCALATED: Partial<Record<CycleAudience, { some: string; ask: string }>> = {
  SUPERIOR: {
    some: 'người do đồng chí quản lý',
    ask: 'Đề nghị đồng chí đôn đốc thực hiện; trường hợp có lý do chính đáng, cấp có thẩm quyền có thể mở lại bước này cho từng người (được ghi nhật ký).',
  },
  NEXT_AUTHORITY: {
    some: 'người có thẩm quyền quyết định thuộc cấp dưới của đồng chí',
    ask: 'Đề nghị đồng chí chỉ đạo hoàn thành, hoặc xem xét mở lại bước này cho từng người (được ghi nhật ký).',
  },
  BLOCK_ADMIN: {
    some: 'người trong khối do đồng chí quản trị',
    ask: 'Đề nghị đồng chí đôn đốc các đơn vị trong khối thực hiện và tổng hợp báo cáo theo quy định.',
  },
};
const DEFAULT_ESCALATED = ESCALATED.SUPERIOR!;

/**
 * To a superior, the next authority or the block admin (`audience`, as in the cycle's events): who
 * missed a step, by name (`who`: one name or a list, at most 50 listed, then how many more) or as a
 * number (`missed`).
 */
export function escalationText(input: {
  step: CycleStep;
  month: string;
  who?: string | readonly string[] | null;
  missed?: number | null;
  audience?: CycleAudience | null;
  deadline?: Date | string | null;
}): NotificationText {
  const { name } = stepOf(input.step);
  const month = formatMonth(input.month);
  const { some, ask } = (input.audience && ESCALATED[input.audience]) || DEFAULT_ESCALATED;
  const who = (input.who == null ? [] : typeof input.who === 'string' ? [input.who] : [...input.who]).map((w) => w.trim()).filter(Boolean);
  const count = who.length > 0 ? who.length : input.missed ?? 0;
  if (!Number.isInteger(count) || count < 1) throw new RangeError('who or missed: must name or count at least one person');
  const when = input.deadline == null ? '' : ` (thời hạn: ${formatDeadline(input.deadline)})`;
  if (who.length === 1) {
    return {
      title: `Chậm hạn: ${who[0]} chưa hoàn thành ${name} ${month}`,
      body: [`Đồng chí ${who[0]} chưa hoàn thành ${name} ${month}${when}.`, ask].join('\n'),
    };
  }
  const title = `Chậm hạn: ${count} ${some} chưa hoàn thành ${name} ${month}`;
  if (who.length === 0) {
    return { title, body: [`Có ${count} ${some} chưa hoàn thành ${name} ${month}${when}.`, ask].join('\n') };
  }
  const listed = who.slice(0, MAX_LISTED).map((w) => `- ${w}`);
  if (who.length > MAX_LISTED) listed.push(`- … và ${who.length - MAX_LISTED} người khác`);
  return { title, body: [`Các đồng chí sau chưa hoàn thành ${name} ${month}${when}:`, ...listed, ask].join('\n') };
}

/**
 * To the holder of a locked account: with `passwordChangeDays`, the automatic lock for a temporary
 * password left unchanged (DOMAIN §2); otherwise the administrator's `reason`, if any.
 */
export function accountLockedText(input: { username: string; passwordChangeDays?: number | null; reason?: string | null }): NotificationText {
  const username = input.username.trim();
  if (!username) throw new RangeError('username: must not be empty');
  const days = input.passwordChangeDays ?? null;
  const why =
    days !== null
      ? `Tài khoản ${username} đã bị khóa tự động do mật khẩu tạm thời không được đổi trong ${days} ngày kể từ khi cấp.`
      : `Tài khoản ${username} đã bị khóa${input.reason ? `. Lý do: ${input.reason.trim()}` : ''}.`;
  return {
    title: `Tài khoản ${username} đã bị khóa`,
    body: [
      why,
      'Để mở khóa, đề nghị đồng chí liên hệ tài khoản quản trị khối của đơn vị (cấp lại mật khẩu), hoặc dùng chức năng "Quên mật khẩu" nếu tài khoản đã đăng ký địa chỉ e-mail.',
    ].join('\n'),
  };
}

/**
 * At the month's opening: plan, record results, self-assess — before `deadline` (the self-assessment
 * deadline) when given, else "đúng thời hạn".
 */
export function monthOpenedText(input: { month: string; deadline?: Date | string | null }): NotificationText {
  const month = formatMonth(input.month);
  const by = input.deadline == null ? 'đúng thời hạn' : formatDeadline(input.deadline);
  return {
    title: `Bắt đầu kỳ đánh giá, xếp loại ${month}`,
    body: [
      `Kỳ đánh giá, xếp loại ${month} đã bắt đầu.`,
      `Đề nghị đồng chí lập kế hoạch công tác tháng, cập nhật kết quả thực hiện sản phẩm, công việc trong tháng và tự đánh giá, xếp loại ${by}.`,
    ].join('\n'),
  };
}

/** An invitation to rate the people of one's 360° round (DOMAIN §8). */
export function review360InviteText(input: { month: string; deadline: Date | string; unit?: string | null }): NotificationText {
  const month = formatMonth(input.month);
  const where = input.unit ? ` tại ${input.unit}` : '';
  return {
    title: `Mời tham gia đánh giá 360° ${month}`,
    body: [
      `Đồng chí được mời tham gia đánh giá 360° ${month}${where}: chấm điểm và nhận xét những người được phân công (đồng nghiệp cùng nhóm, cấp trên).`,
      'Ý kiến đánh giá là căn cứ tham khảo để cấp có thẩm quyền quyết định đánh giá, xếp loại.',
      `Thời hạn: ${formatDeadline(input.deadline)}.`,
    ].join('\n'),
  };
}

/**
 * To the person whose self-assessment their superior sent back for re-scoring after a 360° round
 * (document 004 art. 6.1, DOMAIN §8): why, and until when the self-assessment is reopened.
 */
export function rescoreOrderedText(input: { month: string; reason: string; until: Date | string; score360?: number | null; selfScore?: number | null }): NotificationText {
  const month = formatMonth(input.month);
  const reason = input.reason.trim().replace(/[.;:]+$/, '');
  if (!reason) throw new RangeError('reason: must not be empty');
  const scores =
    input.selfScore != null && input.score360 != null
      ? [`Điểm tự chấm: ${formatPoints(input.selfScore)}; điểm đánh giá 360°: ${formatPoints(input.score360)}.`]
      : [];
  return {
    title: `Đề nghị chấm lại điểm tự đánh giá ${month}`,
    body: [
      `Thủ trưởng đề nghị đồng chí chấm lại điểm tự đánh giá ${month}: ${reason}.`,
      ...scores,
      `Hạn: ${formatDeadline(input.until)}.`,
      'Phiếu tự đánh giá đã được mở lại: đề nghị đồng chí chấm lại và gửi lại phiếu trong thời hạn trên.',
    ].join('\n'),
  };
}

/** A score as Vietnamese writes it: 86, 72,5 or 64,35. */
const formatPoints = (points: number): string => String(Math.round(points * 100) / 100).replace('.', ',');

/** To a decider: a change of membership left a quota scope or duty group with more A than its cap (DOMAIN §6). */
export function quotaRedecisionText(input: { month: string; pool: string; cap: number; granted: number; size: number }): NotificationText {
  const month = formatMonth(input.month);
  return {
    title: `Cần quyết định lại xếp loại ${month}: vượt chỉ tiêu loại A`,
    body: [
      `Thành phần của ${input.pool} đã thay đổi (nay ${input.size} người): chỉ tiêu loại A còn ${input.cap} người, nhưng đã có ${input.granted} người được xếp loại A.`,
      'Đề nghị đồng chí mở lại và quyết định lại xếp loại của những người đã xếp loại A trong nhóm; các quyết định khác của nhóm bị tạm dừng cho đến khi đó.',
    ].join('\n'),
  };
}
