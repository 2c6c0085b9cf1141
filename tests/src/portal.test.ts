import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { criteriaFramework, gradeLabels } from '@cbccvc/rules';
import { ok, startTestSystem, type TestSystem } from './support/system';
import { planAndComplete, selfAssess, tokenOf } from './support/month';

/**
 * The portal in real Chromium (issue 15) over the real system — gateway, subgraphs, PostgreSQL and
 * the development identity provider's login page — at desktop and phone sizes: a staff member logs
 * in with the authorization code + PKCE flow, sees this month's next step and deadline in Hà Nội
 * time, reads notifications and logs out; a new account changes its temporary password at first
 * login. axe-core finds no serious violation on any screen. Screenshots go to tests/output/.
 * Chromium is Debian's (`.ci/run` installs it); CHROMIUM_PATH overrides its path.
 */
jest.setTimeout(60_000);

let t: TestSystem;
let browser: Browser;
let portal: string;
const output = join(__dirname, '..', 'output');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const sizes = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 360, height: 740 } },
] as const;

beforeAll(async () => {
  t = await startTestSystem();
  portal = new URL(t.system.gatewayUrl).origin;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  mkdirSync(output, { recursive: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

/** axe-core's serious and critical violations of the page (run through the DevTools protocol, which the page's CSP does not govern). */
async function seriousViolations(page: Page): Promise<string[]> {
  // Colour transitions (a button enabled a moment ago) settle first: axe judges what stays on screen.
  await page.waitForTimeout(400);
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[]; failureSummary: string }[] }[] }> } }).axe.run());
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary.split('\n').slice(1, 2).join('')}`).join('; ')}`);
}

async function logIn(page: Page, username: string, password: string, screenshot?: string): Promise<void> {
  await page.goto(portal);
  await page.waitForSelector('#username');
  expect(await page.title()).toContain('Đăng nhập');
  if (screenshot) await page.screenshot({ path: join(output, screenshot) });
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
}

describe.each(sizes)('a staff member’s landing page ($name)', ({ name, viewport }) => {
  it('logs in through the identity provider, shows the month’s next step and deadline, the notifications, and logs out', async () => {
    const context = await browser.newContext({ viewport, locale: 'vi-VN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
    await logIn(page, 'nhanvien', t.demoPassword, `portal-login-${name}.png`);
    await page.waitForSelector('h2:has-text("Tháng 5/2026")');
    // The test system's clock is 10 May 2026: the self-assessment is due before 25 May, Hà Nội time,
    // that is until 23:59 on the 24th, 14 days and some hours away.
    expect(await page.textContent('[data-testid=next-step]')).toContain('Tự chấm điểm');
    const text = await page.textContent('body');
    expect(text).toContain('Hạn: đến 23:59 24/05/2026');
    expect(text).toContain('còn 14 ngày');
    expect(text).toContain(t.seed.people.find((p) => p.id === t.seed.demoUsers.find((u) => u.username === 'nhanvien')!.personId)!.fullName);
    await page.screenshot({ path: join(output, `portal-this-month-${name}.png`), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    await page.click('a[href="/thong-bao"]');
    await page.waitForSelector('h2:has-text("Thông báo")');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(output, `portal-notifications-${name}.png`), fullPage: true });

    await page.click('button:has-text("Đăng xuất")');
    await page.waitForSelector('#username');
    expect(errors).toEqual([]);
    await context.close();
  });
});

it('a new account changes its temporary password at first login and lands in the portal', async () => {
  const city = await t.login('admin.thanhpho');
  const unitId = t.seed.people.find((p) => p.id === t.seed.demoUsers.find((u) => u.username === 'nhanvien')!.personId)!.unitId;
  const positionId = t.seed.positions.find((p) => p.code === 'CHUYEN_VIEN')!.id;
  const { createPerson } = await ok(t.gql<{ createPerson: { id: string } }>(city, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', { i: { unitId, positionId, name: 'Vũ Minh Châu', staffKind: 'CIVIL_SERVANT' } }));
  const { issueAccount } = await ok(t.gql<{ issueAccount: { temporaryPassword: string } }>(city, 'mutation($p: ID!) { issueAccount(personId: $p, username: "chau.vm") { temporaryPassword } }', { p: createPerson.id }));
  const context = await browser.newContext({ viewport: sizes[1].viewport, locale: 'vi-VN' });
  const page = await context.newPage();
  await logIn(page, 'chau.vm', issueAccount.temporaryPassword);
  await page.waitForSelector('#password-new');
  expect(await seriousViolations(page)).toEqual([]);
  await page.fill('#password', issueAccount.temporaryPassword);
  await page.fill('#password-new', 'ChauVuMinh2026');
  await page.fill('#password-confirm', 'ChauVuMinh2026');
  await page.screenshot({ path: join(output, 'portal-change-password-phone.png') });
  await page.click('button[type=submit]');
  await page.waitForSelector('h2:has-text("Tháng 5/2026")');
  await page.waitForSelector('main >> text=Vũ Minh Châu');
  // The identity provider holds the new password as permanent now.
  const [row] = (await t.system.orm.em.fork().getConnection().execute(`select idp_user_id from organization.account where username = 'chau.vm'`)) as { idp_user_id: string }[];
  expect((await t.system.devIdentityProvider.store.findById(row!.idp_user_id))?.passwordTemporary).toBe(false);
  await context.close();
});

it('self-assessment on a phone: every criterion scored, the live score and band from packages/rules, saved and submitted', async () => {
  const personId = t.seed.demoUsers.find((u) => u.username === 'nhanvien')!.personId;
  const unitId = t.seed.people.find((p) => p.id === personId)!.unitId;
  // One task of size 1 planned, approved and completed on time: KPI 1, task results 70 of 70.
  await planAndComplete(t, { id: personId, token: await tokenOf(t, personId) }, unitId, '2026-05', await t.login('phophong'), { size: 1 });
  const criteria = criteriaFramework('FORM_03').groups.flatMap((g) => g.criteria);
  const context = await browser.newContext({ viewport: sizes[1].viewport, locale: 'vi-VN' });
  const page = await context.newPage();
  await logIn(page, 'nhanvien', t.demoPassword);
  await page.waitForSelector('h2:has-text("Tháng 5/2026")');
  await page.click('a[href="/tu-danh-gia"]');
  await page.waitForSelector('h2:has-text("Tự đánh giá")');
  const vi = (n: number) => String(n).replace('.', ',');
  for (const c of criteria) await page.getByLabel(`Điểm tiêu chí ${c.code}`, { exact: true }).fill(vi(c.max));
  // Full marks: 30 + 70.
  const scoreIs = (text: string) => page.waitForFunction(`document.querySelector('[data-testid=score]')?.textContent === '${text}'`);
  await scoreIs('100');
  expect(await page.textContent('[data-testid=band]')).toBe(gradeLabels.A);
  // A quarter point less on the first criterion: 99,75 — still the A band.
  const first = criteria[0]!;
  await page.getByLabel(`Điểm tiêu chí ${first.code}`, { exact: true }).fill(vi(first.max - 0.25));
  await scoreIs('99,75');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: join(output, 'portal-self-assessment-phone.png') });
  await page.click('button:has-text("Gửi phiếu tự đánh giá")');
  await page.waitForSelector('[data-testid=form-state]');
  const { evaluationForm } = await ok(t.gql<{ evaluationForm: { state: string; score: number; scores: { code: string; score: number }[] } }>(await t.login('admin.thanhpho'),
    'query($p: ID!) { evaluationForm(personId: $p, month: "2026-05") { state score scores { code score } } }', { p: personId }));
  expect(evaluationForm.state).toBe('SELF_SUBMITTED');
  expect(evaluationForm.score).toBe(99.75);
  expect(evaluationForm.scores.find((x) => x.code === first.code)!.score).toBe(first.max - 0.25);
  await context.close();
});

it('a staff member plans from the catalogue on a phone; the deputy in charge approves it, comments on the self-assessment and sees the unit’s status at a desktop', async () => {
  const personId = t.seed.demoUsers.find((u) => u.username === 'daumoi')!.personId;
  const unitId = t.seed.people.find((p) => p.id === personId)!.unitId;
  await ok(t.gql(await t.login('truongphong'), 'mutation($i: CatalogueVersionInput!) { createCatalogueVersion(input: $i) { id } }', {
    i: { unitId, effectiveFrom: '2026-05', standardUnit: 'Một hồ sơ thẩm định thông thường', items: [{ code: 'VH01', name: 'Thẩm định hồ sơ di tích', complexityGroup: '2', unitOfMeasure: 'hồ sơ', factor: 1.5 }] },
  }));
  const phone = await browser.newContext({ viewport: sizes[1].viewport, locale: 'vi-VN' });
  const staff = await phone.newPage();
  await logIn(staff, 'daumoi', t.demoPassword);
  await staff.waitForSelector('h2:has-text("Tháng 5/2026")');
  await staff.click('a[href="/ke-hoach"]');
  await staff.click('button:has-text("Lập kế hoạch tháng")');
  // As a keyboard user does: type to search the catalogue, Enter to pick.
  await staff.getByLabel('Sản phẩm, công việc').click();
  await staff.keyboard.type('VH01');
  await staff.keyboard.press('Enter');
  await staff.getByLabel('Số lượng').fill('2');
  await staff.click('button:has-text("Thêm")');
  // 2 hồ sơ × 1,5 = 3 standard units.
  await staff.waitForSelector('text=3 đơn vị chuẩn');
  expect(await seriousViolations(staff)).toEqual([]);
  await staff.screenshot({ path: join(output, 'portal-plan-phone.png') });
  await staff.click('button:has-text("Gửi lãnh đạo phê duyệt")');
  await staff.waitForSelector('[data-testid=plan-status]:has-text("Chờ lãnh đạo phê duyệt")');

  const desktop = await browser.newContext({ viewport: sizes[0].viewport, locale: 'vi-VN' });
  const leader = await desktop.newPage();
  await logIn(leader, 'phophong', t.demoPassword);
  await leader.waitForSelector('h2:has-text("Tháng 5/2026")');
  await leader.click('a[href="/viec-can-xu-ly"]');
  await leader.waitForSelector(`[data-testid="plan-${personId}"]`);
  await leader.click(`[data-testid="plan-${personId}"] button:has-text("Phê duyệt")`);
  await leader.waitForSelector(`[data-testid="plan-${personId}"]`, { state: 'detached' });
  const planned = await ok(t.gql<{ personPlan: { status: string; plannedSize: number } }>(await t.login('admin.thanhpho'), 'query($p: ID!) { personPlan(personId: $p, month: "2026-05") { status plannedSize } }', { p: personId }));
  expect(planned.personPlan).toEqual({ status: 'APPROVED', plannedSize: 3 });

  // The self-assessment through the API; its comment in the browser.
  const scores = criteriaFramework('FORM_03').groups.flatMap((g) => g.criteria).map((c) => ({ code: c.code, score: c.max }));
  await selfAssess(t, { id: personId, token: await tokenOf(t, personId) }, '2026-05', scores, 'B');
  await leader.reload();
  await leader.waitForSelector(`[data-testid="form-${personId}"]`);
  // Other forms may await the same deputy (the self-assessment test's): this one's field, by its person.
  await leader.locator(`[data-testid="form-${personId}"] textarea`).fill('Hoàn thành tốt nhiệm vụ đầu mối của phòng');
  const send = leader.locator(`[data-testid="form-${personId}"] button:has-text("Gửi ý kiến nhận xét")`);
  await send.waitFor();
  expect(await send.isEnabled()).toBe(true);
  expect(await seriousViolations(leader)).toEqual([]);
  await leader.screenshot({ path: join(output, 'portal-approvals-desktop.png'), fullPage: true });
  await send.click();
  await leader.waitForSelector(`[data-testid="form-${personId}"]`, { state: 'detached' });
  const { evaluationForm } = await ok(t.gql<{ evaluationForm: { state: string; comment: string } }>(await t.login('admin.thanhpho'), 'query($p: ID!) { evaluationForm(personId: $p, month: "2026-05") { state comment } }', { p: personId }));
  expect(evaluationForm).toEqual({ state: 'COMMENTED', comment: 'Hoàn thành tốt nhiệm vụ đầu mối của phòng' });

  // The unit's status: the focal point's row as the steps just taken left it; a colleague who did nothing.
  await leader.click('a[href="/tinh-hinh"]');
  await leader.waitForSelector('[data-testid=status-counts]');
  const name = (id: string) => t.seed.people.find((p) => p.id === id)!.fullName;
  const rowOf = (id: string) => leader.locator('tr', { hasText: name(id) });
  expect(await rowOf(personId).textContent()).toContain('Đã duyệt');
  expect(await rowOf(personId).textContent()).toContain('Đã nhận xét');
  const idle = t.seed.people.find((p) => p.unitId === unitId && !t.seed.demoUsers.some((u) => u.personId === p.id) && t.seed.positions.find((x) => x.id === p.positionId)!.rank === 'STAFF')!.id;
  expect(await rowOf(idle).textContent()).toContain('Chưa lập');
  expect(await rowOf(idle).textContent()).toContain('Cần kế hoạch hoặc cho không đánh giá');
  expect(await seriousViolations(leader)).toEqual([]);
  await leader.screenshot({ path: join(output, 'portal-unit-status-desktop.png'), fullPage: true });
  await phone.close();
  await desktop.close();
});

it('a head decides a duty group in the browser: the cap, a tie at the boundary chosen, the decision saved; then the unit’s 01A on screen and as XLSX and PDF', async () => {
  const city = await t.login('admin.thanhpho');
  const ubnd = t.seed.units.find((u) => u.kind === 'PEOPLES_COMMITTEE')!;
  const { createUnit } = await ok(t.gql<{ createUnit: { id: string } }>(city, 'mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }', { i: { parentId: ubnd.id, code: 'HD-UBND-TC', name: 'Phòng Tài chính', kind: 'OFFICE' } }));
  const office = createUnit.id;
  const position = (code: string) => t.seed.positions.find((p) => p.code === code)!.id;
  const make = async (code: string, name: string, username: string) => {
    const { createPerson } = await ok(t.gql<{ createPerson: { id: string } }>(city, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', { i: { unitId: office, positionId: position(code), name, staffKind: 'CIVIL_SERVANT' } }));
    await ok(t.gql(city, 'mutation($p: ID!, $u: String!) { issueAccount(personId: $p, username: $u) { account { id } } }', { p: createPerson.id, u: username }));
    return { id: createPerson.id, token: await tokenOf(t, createPerson.id) };
  };
  const head = await make('TRUONG_PHONG', 'Hoàng Văn Nam', 'nam.hv');
  // Six staff: two tied at 96 for the one A that ⌊6 × 20 % ÷ 120 %⌋ = 1 allows (GRADED_B), four in the B band.
  const scores = [96, 96, 88, 85, 80, 75];
  const names = ['Lê Thị Hoa', 'Trần Văn Bình', 'Phạm Thu Trang', 'Ngô Văn Tú', 'Đinh Thị Lan', 'Bùi Văn Hải'];
  const form03 = criteriaFramework('FORM_03').groups.flatMap((g) => g.criteria);
  const general = (total: number) => {
    let less = 30 - total;
    return form03.map((c) => {
      const cut = Math.min(c.max, less);
      less -= cut;
      return { code: c.code, score: c.max - cut };
    });
  };
  const staff = [];
  for (const [i, score] of scores.entries()) {
    const member = await make('CHUYEN_VIEN', names[i]!, `tc.${i}`);
    await planAndComplete(t, member, office, '2026-05', head.token, { size: 1 });
    await selfAssess(t, member, '2026-05', general(score - 70), 'B');
    staff.push({ ...member, score, name: names[i]! });
  }
  // The head logs in with a password of their own.
  const [account] = (await t.system.orm.em.fork().getConnection().execute(`select idp_user_id from organization.account where username = 'nam.hv'`)) as { idp_user_id: string }[];
  await t.system.devIdentityProvider.store.setPassword(account!.idp_user_id, 'NamHoang2026', false);

  const context = await browser.newContext({ viewport: sizes[0].viewport, locale: 'vi-VN', acceptDownloads: true });
  const page = await context.newPage();
  await logIn(page, 'nam.hv', 'NamHoang2026');
  await page.waitForSelector('h2:has-text("Tháng 5/2026")');
  await page.click('a[href="/quyet-dinh"]');
  await page.waitForSelector('[data-testid=caps]');
  expect(await page.textContent('[data-testid=caps]')).toContain('Chỉ tiêu loại A của nhóm: 1');
  await page.click('button:has-text("Xem trước kết quả")');
  await page.waitForSelector('text=bằng điểm ở ranh giới chỉ tiêu');
  const [first, second] = staff;
  await page.getByLabel(first!.name, { exact: true }).check();
  await page.click('button:has-text("Xem trước kết quả")');
  await page.waitForSelector(`[data-testid="grade-${first!.id}"]:has-text("${gradeLabels.A}")`);
  expect(await page.textContent(`[data-testid="grade-${second!.id}"]`)).toBe(gradeLabels.B);
  await page.getByLabel('Căn cứ quyết định').fill('Kết quả đánh giá, xếp loại tháng 5/2026 của phòng');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: join(output, 'portal-decide-desktop.png'), fullPage: true });
  await page.click('button:has-text("Quyết định xếp loại")');
  await page.waitForSelector('text=Đã quyết định 6 người');
  const grades = await Promise.all(staff.map(async (s) => (await ok(t.gql<{ evaluationForm: { finalGrade: string } }>(city, 'query($p: ID!) { evaluationForm(personId: $p, month: "2026-05") { finalGrade } }', { p: s.id }))).evaluationForm.finalGrade));
  expect(grades).toEqual(['A', 'B', 'B', 'B', 'B', 'B']);

  // The unit's 01A on screen, then as the official files.
  await page.click('a[href="/mau-01a"]');
  await page.waitForSelector(`td:has-text("${first!.name}")`);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: join(output, 'portal-01a-desktop.png'), fullPage: true });
  for (const [button, extension, magic] of [['Tải Excel (XLSX)', '.xlsx', 'PK'], ['Tải PDF', '.pdf', '%PDF']] as const) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`button:has-text("${button}")`)]);
    expect(download.suggestedFilename().endsWith(extension)).toBe(true);
    const path = await download.path();
    expect(readFileSync(path).subarray(0, magic.length).toString('latin1')).toBe(magic);
  }
  await context.close();
});
