import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { migrations } from '@cbccvc/evaluation';
import { openSeededDatabase, startCluster, stopProcesses } from './support';

/**
 * `npm run bench:portal` (issue 15), over the city seed of `npm run seed -- --scale city`:
 * 1. the initial JavaScript of the staff landing page, gzipped (target ≤ 250 KB);
 * 2. a cold load of the landing page to interactive — its next step shown — with Chromium's CPU
 *    throttled 4× over loopback, the cache disabled, the session already open (target ≤ 2 s);
 * 3. the live score on the self-assessment: from a keystroke to the new score on screen (target
 *    ≤ 50 ms), unthrottled and throttled 4×.
 */
const root = join(__dirname, '..', '..', '..');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const verdict = (value: number, target: number) => `(target ≤ ${target}; ratio ${(value / target).toFixed(2)}) ${value <= target ? 'MET' : 'NOT MET'}`;

async function main(): Promise<void> {
  // 1. What index.html loads before anything else: its module script and the chunks it preloads.
  const dist = join(root, 'portal', 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const gzipped = initial.reduce((sum, file) => sum + gzipSync(readFileSync(join(dist, file)), { level: 9 }).length, 0) / 1024;
  console.log(`\nbench:portal\ninitial JavaScript of the landing page: ${initial.length} file(s), ${gzipped.toFixed(1)} KB gzipped ${verdict(gzipped, 250)}`);

  const { dataDir, databaseUrl, orm, close } = await openSeededDatabase('evaluation', migrations);
  // Repeatable: the demo staff member's form of the latest month back to its self-assessed draft.
  await orm.em.fork().getConnection().execute(
    `update evaluation.form set state = 'DRAFT', submitted_at = null, commented_at = null, final_score = null, final_grade = null, kpi = null, decided_at = null
      where person_id = (select person_id from organization.account where username = 'nhanvien') and month = (select max(month) from evaluation.form)`,
  );
  const cluster = await startCluster({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const portal = `http://127.0.0.1:${cluster.ports.gateway}`;
    const password = readFileSync(join(dataDir, 'demo-password'), 'utf8').trim();
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(portal);
    await page.waitForSelector('#username');
    await page.fill('#username', 'nhanvien');
    await page.fill('#password', password);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=next-step]');

    // 2. Cold loads: no cache, CPU 4× slower, the tab's session kept (the refresh token).
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const loads: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const started = Date.now();
      await page.reload();
      await page.waitForSelector('[data-testid=next-step]');
      loads.push(Date.now() - started);
    }
    console.log(`cold load of the landing page to its next step, CPU 4× throttled: median ${median(loads)} ms of ${loads.join(', ')} ${verdict(median(loads), 2000)}`);

    // 3. Keystroke → score on screen, measured in the page.
    await page.goto(`${portal}/tu-danh-gia`);
    await page.waitForSelector('[data-testid=score]');
    const field = page.locator('input[aria-label^="Điểm tiêu chí"]').first();
    const max = Number(await field.getAttribute('aria-valuemax'));
    await page.evaluate(() => {
      const w = globalThis as unknown as { keyAt: number; delays: number[] };
      w.delays = [];
      const g = globalThis as unknown as { document: { addEventListener(t: string, f: () => void, c: boolean): void; querySelector(s: string): unknown } };
      g.document.addEventListener('keydown', () => { w.keyAt = performance.now(); }, true);
      const Observer = (globalThis as unknown as { MutationObserver: new (f: () => void) => { observe(n: unknown, o: object): void } }).MutationObserver;
      new Observer(() => w.delays.push(performance.now() - w.keyAt)).observe(g.document.querySelector('[data-testid=score]'), { childList: true, characterData: true, subtree: true });
    });
    for (const rate of [1, 4]) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      await page.evaluate(() => { (globalThis as unknown as { delays: number[] }).delays = []; });
      for (let i = 0; i < 20; i += 1) {
        await field.click();
        await page.keyboard.press('Control+A');
        // Alternate between the maximum and a quarter point less: each keystroke changes the score.
        await page.keyboard.type(String(i % 2 ? max : max - 0.25).replace('.', ','));
        await page.waitForTimeout(60);
      }
      const delays = await page.evaluate(() => (globalThis as unknown as { delays: number[] }).delays);
      console.log(`live score, keystroke to the new score on screen, CPU ${rate}×: median ${median(delays).toFixed(1)} ms, max ${Math.max(...delays).toFixed(1)} ms over ${delays.length} updates ${verdict(median(delays), 50)}`);
    }
    await context.close();
  } finally {
    await browser.close();
    await stopProcesses(cluster.children);
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
