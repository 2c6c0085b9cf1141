import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SMTPServer } from 'smtp-server';
import { ConfigError, createMailer, fixedClock, readMailerConfig, type ClosableMailer } from '@cbccvc/platform';
import { monthDeadlines } from '@cbccvc/rules';
import {
  accountLockedText,
  blockAdminsOf,
  DevIdentityProviderAdapter,
  emailNotifications,
  emailUnsentNotifications,
  escalationText,
  formatDeadline,
  formatMonth,
  missedText,
  monthOpenedText,
  reminderText,
  review360InviteText,
  storeNotifications,
  type NewNotification,
} from '@cbccvc/organization';
import { ok, outcome, startTestSystem, type TestSystem } from './support/system';

/*
 * Notifications (issue 6, point 4): the Vietnamese texts and their local-time deadlines, idempotent
 * storage, reading and marking through the gateway (the person only), the block administrators of
 * a jurisdiction, and e-mail through a real SMTP exchange with an in-process SMTP server.
 */

let t: TestSystem;
const person = (username: string) => t.seed.demoUsers.find((u) => u.username === username)!.personId;
const em = () => t.system.orm.em.fork() as EntityManager;
const sql = (text: string, params: unknown[] = []) => t.system.orm.em.getConnection().execute(text, params) as Promise<Record<string, unknown>[]>;

beforeAll(async () => {
  t = await startTestSystem();
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

describe('Vietnamese texts, deadlines in Hanoi local time', () => {
  it('reads a "before day N" deadline as local midnight, naming the last day too', () => {
    // The first late instant of "before the 25th" (packages/rules): local 00:00 on the 25th.
    expect(formatDeadline('2026-11-24T17:00:00Z')).toBe('trước 00:00 ngày 25/11/2026 (tức hết ngày 24/11/2026, giờ Hà Nội)');
    expect(formatDeadline(new Date('2026-12-31T17:00:00Z'))).toBe('trước 00:00 ngày 01/01/2027 (tức hết ngày 31/12/2026, giờ Hà Nội)');
    // Any other instant (a reopening until some hour) in local hours and minutes.
    expect(formatDeadline('2026-11-12T08:30:00Z')).toBe('trước 15:30 ngày 12/11/2026 (giờ Hà Nội)');
    expect(formatDeadline('2026-11-12T16:59:59Z')).toBe('trước 23:59:59 ngày 12/11/2026 (giờ Hà Nội)');
    // The calendar's own deadlines (DOMAIN §10, example 6).
    const may = monthDeadlines(2026, 5);
    expect(formatDeadline(may.selfAssessment)).toContain('trước 00:00 ngày 25/05/2026');
    expect(formatDeadline(may.publication)).toContain('trước 00:00 ngày 05/06/2026');
    expect(() => formatDeadline('not a date')).toThrow(RangeError);
    expect(formatMonth('2026-11')).toBe('tháng 11/2026');
    expect(() => formatMonth('2026-13')).toThrow(RangeError);
  });

  it('reminds of a step with the official terms, the deadline and the days left', () => {
    const deadline = monthDeadlines(2026, 11).selfAssessment;
    const three = reminderText({ step: 'selfAssessment', month: '2026-11', deadline, daysBefore: 3 });
    expect(three.title).toBe('Nhắc việc: tự đánh giá, xếp loại tháng 11/2026 (còn 3 ngày, kể cả hôm nay)');
    expect(three.body).toContain('Thời hạn: trước 00:00 ngày 25/11/2026 (tức hết ngày 24/11/2026, giờ Hà Nội)');
    expect(three.body).toContain('cấp có thẩm quyền mở lại');
    expect(reminderText({ step: 'comment', month: '2026-11', deadline: '2026-11-25T17:00:00Z', daysBefore: 1 }).title)
      .toBe('Nhắc việc: cho ý kiến nhận xét tháng 11/2026 (hôm nay là ngày cuối)');
    expect(reminderText({ step: 'decision', month: '2026-11', deadline: '2026-11-27T17:00:00Z' }).title).toBe('Nhắc việc: quyết định đánh giá, xếp loại tháng 11/2026');
    expect(reminderText({ step: 'publication', month: '2026-11', deadline: '2026-12-04T17:00:00Z', daysBefore: 2 }).body).toContain('công khai kết quả đánh giá, xếp loại');
    expect(reminderText({ step: 'review360', month: '2026-11', deadline: '2026-11-20T17:00:00Z' }).body).toContain('đánh giá 360°');
    expect(() => reminderText({ step: 'selfAssessment', month: '2026-11', deadline, daysBefore: -1 })).toThrow(RangeError);
    expect(() => reminderText({ step: 'nope' as never, month: '2026-11', deadline })).toThrow(RangeError);
  });

  it('tells the actor of a missed step, and escalates to the next authority for a decision', () => {
    const self = missedText({ step: 'selfAssessment', month: '2026-05', deadline: '2026-05-24T17:00:00Z' });
    expect(self.title).toBe('Quá hạn: tự đánh giá, xếp loại tháng 05/2026');
    expect(self.body).toContain('(trước 00:00 ngày 25/05/2026 (tức hết ngày 24/05/2026, giờ Hà Nội))');
    expect(self.body).toContain('cấp trên trực tiếp');
    expect(missedText({ step: 'decision', month: '2026-05', deadline: '2026-05-27T17:00:00Z' }).body).toContain('cấp có thẩm quyền cấp trên');
  });

  it('escalates by name, by a list (at most 50 names) or by a count, worded for the addressee', () => {
    const one = escalationText({ who: 'Nguyễn Văn An', step: 'comment', month: '2026-11', deadline: '2026-11-25T17:00:00Z' });
    expect(one.title).toBe('Chậm hạn: Nguyễn Văn An chưa hoàn thành cho ý kiến nhận xét tháng 11/2026');
    expect(one.body).toContain('Đồng chí Nguyễn Văn An chưa hoàn thành cho ý kiến nhận xét tháng 11/2026 (thời hạn: trước 00:00 ngày 26/11/2026');
    const many = Array.from({ length: 60 }, (_, i) => `Người số ${i + 1}`);
    const list = escalationText({ who: many, step: 'selfAssessment', month: '2026-11' });
    expect(list.title).toBe('Chậm hạn: 60 người do đồng chí quản lý chưa hoàn thành tự đánh giá, xếp loại tháng 11/2026');
    expect(list.body).toContain('- Người số 50\n- … và 10 người khác');
    expect(list.body).not.toContain('Người số 51');
    const admin = escalationText({ missed: 7, audience: 'BLOCK_ADMIN', step: 'selfAssessment', month: '2026-11' });
    expect(admin.title).toBe('Chậm hạn: 7 người trong khối do đồng chí quản trị chưa hoàn thành tự đánh giá, xếp loại tháng 11/2026');
    expect(escalationText({ missed: 2, audience: 'NEXT_AUTHORITY', step: 'decision', month: '2026-11' }).body).toContain('quyết định đánh giá, xếp loại');
    expect(() => escalationText({ who: [], step: 'comment', month: '2026-11' })).toThrow(RangeError);
  });

  it('words the account lock, the month opening and the 360° invitation', () => {
    const locked = accountLockedText({ username: 'nhanvien', passwordChangeDays: 5 });
    expect(locked.title).toBe('Tài khoản nhanvien đã bị khóa');
    expect(locked.body).toContain('mật khẩu tạm thời không được đổi trong 5 ngày');
    expect(locked.body).toContain('"Quên mật khẩu"');
    expect(accountLockedText({ username: 'nhanvien', reason: 'Nghỉ hưu' }).body).toContain('Lý do: Nghỉ hưu');
    const opened = monthOpenedText({ month: '2026-11', deadline: monthDeadlines(2026, 11).selfAssessment });
    expect(opened.title).toBe('Bắt đầu kỳ đánh giá, xếp loại tháng 11/2026');
    expect(opened.body).toContain('tự đánh giá, xếp loại trước 00:00 ngày 25/11/2026');
    expect(monthOpenedText({ month: '2026-11' }).body).toContain('đúng thời hạn');
    const invite = review360InviteText({ month: '2026-11', deadline: '2026-11-20T10:00:00Z', unit: 'Phòng Văn hóa - Xã hội' });
    expect(invite.title).toBe('Mời tham gia đánh giá 360° tháng 11/2026');
    expect(invite.body).toContain('tại Phòng Văn hóa - Xã hội');
    expect(invite.body).toContain('Thời hạn: trước 17:00 ngày 20/11/2026 (giờ Hà Nội)');
  });
});

const notification = (personId: string, key: string, extra: Partial<NewNotification> = {}): NewNotification => ({
  personId,
  key,
  kind: 'REMINDER',
  ...reminderText({ step: 'selfAssessment', month: '2026-05', deadline: '2026-05-24T17:00:00Z', daysBefore: 3 }),
  deadline: new Date('2026-05-24T17:00:00Z'),
  ...extra,
});
/** Stored before the notifications the gateway tests read, so those are the newest. */
const early = fixedClock('2026-05-01T00:00:00Z');
const count = async (where: string, params: unknown[]) => Number((await sql(`select count(*)::int as n from organization.notification where ${where}`, params))[0]!.n);

describe('storing notifications', () => {
  it('stores a (person, key) once: a second run stores and returns nothing', async () => {
    const list = [notification(person('nhanvien'), 'test/store-once'), notification(person('daumoi'), 'test/store-once')];
    const first = await storeNotifications(em(), list, { clock: early });
    expect(first.map((n) => n.personId)).toEqual([person('nhanvien'), person('daumoi')]);
    expect(first.every((n) => /^[0-9a-f-]{36}$/.test(n.id))).toBe(true);
    const second = await storeNotifications(em(), list, { clock: early });
    expect(second).toEqual([]);
    expect(await count('key = ?', ['test/store-once'])).toBe(2);
  });

  it('stores a repeated item of one list once and keeps the first', async () => {
    const stored = await storeNotifications(em(), [
      notification(person('phophong'), 'test/repeated', { title: 'Thứ nhất' }),
      notification(person('phophong'), 'test/repeated', { title: 'Thứ hai' }),
    ], { clock: early });
    expect(stored.map((n) => n.title)).toEqual(['Thứ nhất']);
    expect((await sql('select title from organization.notification where key = ?', ['test/repeated'])).map((r) => r.title)).toEqual(['Thứ nhất']);
  });

  it('stores more than one batch (5,000) and is idempotent across batches', async () => {
    const people = t.seed.people.map((p) => p.id);
    const list = Array.from({ length: 5_100 }, (_, i) => notification(people[i % people.length]!, `test/bulk/${Math.floor(i / people.length)}`));
    const stored = await storeNotifications(em(), list);
    expect(stored).toHaveLength(5_100);
    expect(await storeNotifications(em(), list)).toHaveLength(0);
    expect(await count("key like 'test/bulk/%'", [])).toBe(5_100);
    await sql("delete from organization.notification where key like 'test/bulk/%'");
  });

  it('refuses a malformed item before writing anything', async () => {
    const good = notification(person('nhanvien'), 'test/refused');
    await expect(storeNotifications(em(), [good, { ...good, key: 'test/refused-2', kind: 'GOSSIP' as never }])).rejects.toThrow(/notifications\[1\]\.kind/);
    await expect(storeNotifications(em(), [{ ...good, personId: 'nobody' }])).rejects.toThrow(/personId/);
    await expect(storeNotifications(em(), [{ ...good, deadline: 'soon' }])).rejects.toThrow(/deadline/);
    expect(await count("key like 'test/refused%'", [])).toBe(0);
  });
});

describe('reading and marking notifications through the gateway', () => {
  type Item = { id: string; kind: string; title: string; body: string; deadline: string | null; createdAt: string; readAt: string | null; link: string | null };
  const fields = 'id kind title body deadline link createdAt readAt';
  let older: string;
  let newer: string;
  let someoneElses: string;

  beforeAll(async () => {
    const at = fixedClock('2026-05-20T01:00:00Z');
    [older] = (await storeNotifications(em(), [notification(person('nhanvien'), 'test/read/1')], { clock: at })).map((n) => n.id) as [string];
    at.set('2026-05-21T01:00:00Z');
    const missed = missedText({ step: 'selfAssessment', month: '2026-05', deadline: '2026-05-24T17:00:00Z' });
    [newer] = (await storeNotifications(em(), [notification(person('nhanvien'), 'test/read/2', { kind: 'MISSED_STEP', ...missed, link: '/danh-gia/2026-05' })], { clock: at })).map((n) => n.id) as [string];
    [someoneElses] = (await storeNotifications(em(), [notification(person('daumoi'), 'test/read/3')], { clock: at })).map((n) => n.id) as [string];
  });

  it('gives the person their own notifications, newest first, through me and through person(id)', async () => {
    const token = await t.login('nhanvien');
    const { me } = await ok(t.gql<{ me: { notifications: Item[]; unreadNotificationCount: number } }>(token, `{ me { notifications { ${fields} } unreadNotificationCount } }`));
    const mine = me.notifications.filter((n) => n.id === older || n.id === newer);
    expect(mine.map((n) => n.id)).toEqual([newer, older]);
    expect(mine[0]).toEqual({
      id: newer,
      kind: 'MISSED_STEP',
      title: 'Quá hạn: tự đánh giá, xếp loại tháng 05/2026',
      body: expect.stringContaining('trước 00:00 ngày 25/05/2026') as unknown as string,
      deadline: '2026-05-24T17:00:00.000Z',
      link: '/danh-gia/2026-05',
      createdAt: '2026-05-21T01:00:00.000Z',
      readAt: null,
    });
    expect(me.notifications.map((n) => n.id)).not.toContain(someoneElses);
    expect(me.unreadNotificationCount).toBe(me.notifications.length);
    const { person: viaPerson } = await ok(t.gql<{ person: { notifications: Item[] } }>(token, 'query($id: ID!) { person(id: $id) { notifications(first: 1) { id } } }', { id: person('nhanvien') }));
    expect(viaPerson.notifications.map((n) => n.id)).toEqual([newer]);
  });

  it('refuses anybody else, the unit head and the city administrator included, with FORBIDDEN', async () => {
    for (const username of ['daumoi', 'truongphong', 'admin.thanhpho', 'admin.chinhquyen']) {
      const token = await t.login(username);
      const response = await t.gql(token, 'query($id: ID!) { person(id: $id) { name notifications { id title } } }', { id: person('nhanvien') });
      expect({ username, code: outcome(response) }).toEqual({ username, code: 'FORBIDDEN' });
      expect(JSON.stringify(response.data ?? null)).not.toContain('Quá hạn');
    }
    const other = await t.login('daumoi');
    const { me } = await ok(t.gql<{ me: { notifications: Item[] } }>(other, '{ me { notifications { id } } }'));
    expect(me.notifications.map((n) => n.id)).toContain(someoneElses);
    expect(me.notifications.map((n) => n.id)).not.toContain(older);
    expect(me.notifications.map((n) => n.id)).not.toContain(newer);
  });

  it('refuses first above 500 or below 1 with BAD_USER_INPUT', async () => {
    const token = await t.login('nhanvien');
    for (const first of [501, 0]) {
      const response = await t.gql(token, 'query($f: Int) { me { notifications(first: $f) { id } } }', { f: first });
      expect(outcome(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions!.field).toBe('first');
    }
  });

  it("marks the caller's own notifications read, refusing others' ids and bad ids without marking anything", async () => {
    const mark = 'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }';
    const owner = await t.login('nhanvien');
    const intruder = await t.login('daumoi');
    const forbidden = await t.gql(intruder, mark, { ids: [someoneElses, older] });
    expect(outcome(forbidden)).toBe('FORBIDDEN');
    const malformed = await t.gql(owner, mark, { ids: [older, 'not-an-id'] });
    expect(outcome(malformed)).toBe('BAD_USER_INPUT');
    expect(malformed.errors![0]!.extensions!.field).toBe('ids');
    expect(outcome(await t.gql(owner, mark, { ids: [older, randomUUID()] }))).toBe('NOT_FOUND');
    expect(outcome(await t.gql(owner, mark, { ids: Array.from({ length: 501 }, () => randomUUID()) }))).toBe('BAD_USER_INPUT');
    expect(await count('id = any(?::uuid[]) and read_at is not null', [`{${older},${someoneElses}}`])).toBe(0);

    expect(await ok(t.gql<{ markNotificationsRead: number }>(owner, mark, { ids: [older, older] }))).toEqual({ markNotificationsRead: 1 });
    // Already read: nothing changes the second time.
    expect(await ok(t.gql<{ markNotificationsRead: number }>(owner, mark, { ids: [older, newer] }))).toEqual({ markNotificationsRead: 1 });
    expect(await ok(t.gql<{ markNotificationsRead: number }>(owner, mark, { ids: [] }))).toEqual({ markNotificationsRead: 0 });
    const { me } = await ok(t.gql<{ me: { all: Item[]; unread: Item[] } }>(owner, '{ me { all: notifications { id readAt } unread: notifications(unreadOnly: true) { id } } }'));
    // The system's clock (tests/support: 2026-05-10T03:00:00Z) dates the reading.
    expect(me.all.find((n) => n.id === older)?.readAt).toBe(t.clock.now().toISOString());
    expect(me.unread.map((n) => n.id)).not.toContain(older);
    expect(me.unread.map((n) => n.id)).not.toContain(newer);
    expect(await count('id = ? and read_at is null', [someoneElses])).toBe(1);
  });
});

describe('block administrators of a jurisdiction', () => {
  it('finds admin.chinhquyen for the ward government block, and both school admins, through the identity provider', async () => {
    const idp = new DevIdentityProviderAdapter(t.system.devIdentityProvider.store);
    const ward = t.seed.jurisdictions.find((j) => j.kind === 'WARD')!.id;
    const city = t.seed.jurisdictions.find((j) => j.kind === 'CITY')!.id;
    expect(await idp.usersWithRealmRole('block-admin-school')).toHaveLength(2);
    expect(await blockAdminsOf(em(), idp, ward, 'GOVERNMENT')).toEqual([person('admin.chinhquyen')]);
    expect(await blockAdminsOf(em(), idp, ward, 'PARTY')).toEqual([person('admin.dang')]);
    expect((await blockAdminsOf(em(), idp, ward, 'SCHOOL')).sort()).toEqual([person('admin.chinhquyen'), person('admin.truonghoc')].sort());
    // Their own units are in the ward: they administer nothing in the city's own jurisdiction.
    expect(await blockAdminsOf(em(), idp, city, 'GOVERNMENT')).toEqual([]);
    // A locked account administers nothing.
    await sql("update organization.account set status = 'LOCKED' where person_id = ?", [person('admin.truonghoc')]);
    try {
      expect(await blockAdminsOf(em(), idp, ward, 'SCHOOL')).toEqual([person('admin.chinhquyen')]);
    } finally {
      await sql("update organization.account set status = 'ACTIVE' where person_id = ?", [person('admin.truonghoc')]);
    }
    await expect(blockAdminsOf(em(), idp, 'ward', 'SCHOOL')).rejects.toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// E-mail through a real SMTP exchange
// ---------------------------------------------------------------------------------------------

interface Received {
  from: string | undefined;
  to: string[];
  user: string | undefined;
  raw: string;
}

const SMTP_USER = 'thongbao';
const SMTP_PASSWORD = 'Mật khẩu: p@ss/word';

/** An in-process SMTP server that requires authentication and keeps what it receives. */
async function startSmtpServer() {
  const received: Received[] = [];
  const rejecting = new Set<string>();
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (rejecting.has(address.address)) callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, rejecting, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Decodes RFC 2047 encoded words (adjacent ones joined before UTF-8 decoding). */
function decodeHeader(value: string): string {
  const parts = value.split(/(=\?[^?]+\?[QqBb]\?[^?]*\?=)/);
  let out = '';
  let bytes: Buffer[] = [];
  const flush = () => {
    out += Buffer.concat(bytes).toString('utf8');
    bytes = [];
  };
  parts.forEach((part, i) => {
    const word = /^=\?([^?]+)\?([QqBb])\?([^?]*)\?=$/.exec(part);
    if (word) {
      const text = word[3]!;
      bytes.push(word[2]!.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1'));
    } else if (/^\s*$/.test(part) && i > 0 && i < parts.length - 1) {
      // whitespace between two encoded words is not part of the text
    } else {
      flush();
      out += part;
    }
  });
  flush();
  return out;
}

/** Headers (unfolded, decoded) and the text body (transfer-decoded, UTF-8) of a received message. */
function parseMessage(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const body = raw.slice(split + 4);
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  const bytes = encoding === 'base64'
    ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
    : encoding === 'quoted-printable'
      ? Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1')
      : Buffer.from(body, 'utf8');
  return { headers, text: bytes.toString('utf8').replace(/\r\n/g, '\n').replace(/\n+$/, '') };
}

describe('the mailer configuration', () => {
  it('is off without SMTP_URL, and fails fast (never echoing the password) when half or badly configured', () => {
    expect(readMailerConfig({})).toBeUndefined();
    expect(createMailer(undefined)).toBeNull();
    expect(() => readMailerConfig({ SMTP_FROM: 'no-reply@hanoi.gov.vn' })).toThrow(/SMTP_URL is required/);
    expect(() => readMailerConfig({ SMTP_URL: 'smtp://u:secret@mail.hanoi.gov.vn:587' })).toThrow(/SMTP_FROM is required/);
    const errors = ['http://u:secret@mail.hanoi.gov.vn', 'smtp//u:secret@', 'smtp://u:secret@mail.hanoi.gov.vn'].map((url) => {
      try {
        readMailerConfig({ SMTP_URL: url, SMTP_FROM: url.startsWith('smtp://') ? 'not an address' : 'no-reply@hanoi.gov.vn' });
        return null;
      } catch (error) {
        return error;
      }
    });
    for (const error of errors) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).not.toContain('secret');
    }
    expect(readMailerConfig({ SMTP_URL: 'smtps://u:secret@mail.hanoi.gov.vn', SMTP_FROM: '"Hệ thống đánh giá" <no-reply@hanoi.gov.vn>', SMTP_TIMEOUT_MS: '5000' }))
      .toEqual({ url: 'smtps://u:secret@mail.hanoi.gov.vn', from: '"Hệ thống đánh giá" <no-reply@hanoi.gov.vn>', timeoutMs: 5000, maxConnections: 4 });
  });
});

describe('e-mail through SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let mailer: ClosableMailer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const config = readMailerConfig({
      SMTP_URL: `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:${smtp.port}`,
      SMTP_FROM: '"Hệ thống đánh giá CBCCVC" <no-reply@hadong.hanoi.gov.vn>',
      SMTP_TIMEOUT_MS: '5000',
    });
    mailer = createMailer(config)!;
  });
  afterAll(async () => {
    mailer?.close();
    await smtp?.close();
  });

  it('sends a Vietnamese message in UTF-8 with the configured sender, after authenticating', async () => {
    const text = reminderText({ step: 'selfAssessment', month: '2026-11', deadline: '2026-11-24T17:00:00Z', daysBefore: 3 });
    await mailer.send('an.nguyenvan@hadong.hanoi.gov.vn', text.title, text.body);
    const message = smtp.received.at(-1)!;
    expect(message.user).toBe(SMTP_USER);
    expect(message.from).toBe('no-reply@hadong.hanoi.gov.vn');
    expect(message.to).toEqual(['an.nguyenvan@hadong.hanoi.gov.vn']);
    const { headers, text: body } = parseMessage(message.raw);
    expect(decodeHeader(headers.get('subject')!)).toBe('Nhắc việc: tự đánh giá, xếp loại tháng 11/2026 (còn 3 ngày, kể cả hôm nay)');
    expect(decodeHeader(headers.get('from')!)).toBe('Hệ thống đánh giá CBCCVC <no-reply@hadong.hanoi.gov.vn>');
    expect(headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8$/i);
    expect(body).toBe(text.body);
  });

  it('refuses a recipient list or a header trick without contacting the server', async () => {
    const before = smtp.received.length;
    await expect(mailer.send('a@hanoi.gov.vn, b@hanoi.gov.vn', 'x', 'y')).rejects.toThrow(/single e-mail address/);
    await expect(mailer.send('a@hanoi.gov.vn\r\nBcc: b@hanoi.gov.vn', 'x', 'y')).rejects.toThrow(/single e-mail address/);
    expect(smtp.received.length).toBe(before);
  });

  it('e-mails newly stored notifications once, skips people without an address, and retries a failed one later', async () => {
    const [withMail, bouncing, withoutMail] = [person('nhanvien'), person('phophong'), person('truongphong')];
    await sql('update organization.person set email = ? where id = ?', ['nhanvien@hadong.hanoi.gov.vn', withMail]);
    await sql('update organization.person set email = ? where id = ?', ['phophong@hadong.hanoi.gov.vn', bouncing]);
    await sql('update organization.person set email = null where id = ?', [withoutMail]);
    smtp.rejecting.add('phophong@hadong.hanoi.gov.vn');
    const text = escalationText({ who: ['Nguyễn Văn An', 'Trần Thị Bình'], step: 'selfAssessment', month: '2026-11', deadline: '2026-11-24T17:00:00Z' });
    const list = [withMail, bouncing, withoutMail].map((personId) => notification(personId, 'test/mail/escalation', { kind: 'ESCALATION', ...text, link: 'https://danhgia.hanoi.gov.vn/thong-bao' }));
    const fresh = await storeNotifications(em(), list, { clock: fixedClock('2026-11-26T00:30:00Z') });
    expect(fresh).toHaveLength(3);
    const before = smtp.received.length;
    const warnings: unknown[] = [];
    const logger = { warn: (...args: unknown[]) => warnings.push(args) } as never;

    const clock = fixedClock('2026-11-26T01:00:00Z');
    expect(await emailNotifications(em(), mailer, fresh, { logger, clock })).toEqual({ sent: 1, failed: 1 });
    const delivered = smtp.received.slice(before);
    expect(delivered.map((m) => m.to)).toEqual([['nhanvien@hadong.hanoi.gov.vn']]);
    const { headers, text: body } = parseMessage(delivered[0]!.raw);
    expect(decodeHeader(headers.get('subject')!)).toBe('Chậm hạn: 2 người do đồng chí quản lý chưa hoàn thành tự đánh giá, xếp loại tháng 11/2026');
    expect(body).toContain('- Nguyễn Văn An\n- Trần Thị Bình');
    expect(body).toContain('thời hạn: trước 00:00 ngày 25/11/2026 (tức hết ngày 24/11/2026, giờ Hà Nội)');
    expect(body).toContain('Xem chi tiết: https://danhgia.hanoi.gov.vn/thong-bao');
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings)).not.toContain('phophong@');
    const emailedAt = async (personId: string) =>
      (await sql(`select to_json(emailed_at) #>> '{}' as at from organization.notification where person_id = ? and key = ?`, [personId, 'test/mail/escalation']))[0]!.at;
    expect(new Date(String(await emailedAt(withMail))).toISOString()).toBe('2026-11-26T01:00:00.000Z');
    expect(await emailedAt(bouncing)).toBeNull();
    expect(await emailedAt(withoutMail)).toBeNull();

    // Storing again stores nothing, so nothing is e-mailed again; the same list sends only the failed one.
    expect(await storeNotifications(em(), list)).toEqual([]);
    expect(await emailNotifications(em(), mailer, [], { logger })).toEqual({ sent: 0, failed: 0 });
    smtp.rejecting.delete('phophong@hadong.hanoi.gov.vn');
    expect(await emailNotifications(em(), mailer, fresh, { logger, clock })).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received.slice(before).map((m) => m.to[0])).toEqual(['nhanvien@hadong.hanoi.gov.vn', 'phophong@hadong.hanoi.gov.vn']);
    expect(await emailedAt(bouncing)).not.toBeNull();
    expect(await emailNotifications(em(), mailer, fresh, { logger, clock })).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received.length).toBe(before + 2);
    // Without SMTP nothing is sent and nothing is marked.
    expect(await emailNotifications(em(), null, fresh)).toEqual({ sent: 0, failed: 0 });
  });

  it('sweeps unsent notifications since an instant, and sends each once even from concurrent sweeps', async () => {
    const people = [person('nhanvien'), person('phophong')];
    // Far in the future, so that no other test's notification falls inside the sweep's window.
    const at = fixedClock('2090-01-02T00:00:00Z');
    const text = monthOpenedText({ month: '2090-01', deadline: monthDeadlines(2090, 1).selfAssessment });
    await storeNotifications(em(), people.map((p) => notification(p, 'test/mail/sweep', { kind: 'MONTH_OPENED', ...text })), { clock: at });
    const before = smtp.received.length;
    const since = new Date('2090-01-01T00:00:00Z');
    const outcomes = await Promise.all([1, 2, 3].map(() => emailUnsentNotifications(em(), mailer, { since }, { concurrency: 2 })));
    expect(outcomes.reduce((sum, o) => sum + o.sent, 0)).toBe(2);
    expect(outcomes.reduce((sum, o) => sum + o.failed, 0)).toBe(0);
    const delivered = smtp.received.slice(before);
    expect(delivered.map((m) => m.to[0]).sort()).toEqual(['nhanvien@hadong.hanoi.gov.vn', 'phophong@hadong.hanoi.gov.vn']);
    expect(decodeHeader(parseMessage(delivered[0]!.raw).headers.get('subject')!)).toBe('Bắt đầu kỳ đánh giá, xếp loại tháng 01/2090');
    expect(await emailUnsentNotifications(em(), mailer, { since })).toEqual({ sent: 0, failed: 0 });
  });
});
