import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AdminCode, FEEDS } from '@cde/contracts';
import { freePort, startService, type ServiceProcess } from '@cde/testing/runtime';
import { chromium, type Browser, type Page } from 'playwright-core';
import { request } from 'undici';
import { eventually, Pipeline } from './pipeline-harness';

/**
 * The dashboard in a real headless Chromium (Debian's, driven by playwright-core) over a real pipeline: the scopes
 * feeds through Debezium, the feed service and the exporter to the receiver. Sign in, open a feed, filter, open an
 * item and its diff, resync the feed and watch its progress to the end, retry a parked item; anonymous and forged
 * API calls get 401. Screenshots go to the run dir's test-results (git-ignored).
 */
describe('admin dashboard', () => {
  // scopesWebsite streams (immediate) here: a parked item then goes out again as soon as it is retried.
  const pipeline = new Pipeline({
    feedService: 'scopes-feed',
    feeds: ['scopesWebsite', 'scopesCustomerGroup'],
    feedServiceEnv: { CDE_FEED_MODES: 'scopesWebsite=immediate' },
  });
  const keysDir = mkdtempSync(path.join(tmpdir(), 'cde-admin-'));
  let password = '';
  const shots = path.join(process.env['CDE_RUN_DIR'] ?? 'tmp', 'test-results/admin-screenshots');
  const table = `\`${pipeline.stateDb}\`.\`${FEEDS.scopesWebsite.stateTable}\``;
  let admin: ServiceProcess;
  let base = '';
  let browser: Browser;
  let page: Page;

  const shot = (name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await pipeline.start();
    await pipeline.waitSettled('scopesWebsite', 180_000);
    // The local credential as `./dev` makes it: a password for the person, its scrypt hash for the app.
    execFileSync(path.resolve(__dirname, '../../../node_modules/.bin/tsx'), [
      path.resolve(__dirname, '../../../tools/dev/devkit.ts'),
      'admin-credential',
      '--dir',
      keysDir,
    ]);
    password = readFileSync(path.join(keysDir, 'admin-password'), 'utf8');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    admin = startService('admin', {
      CDE_ADMIN_PORT: String(port),
      CDE_ADMIN_PASSWORD_HASH_FILE: path.join(keysDir, 'admin-password.scrypt'),
      CDE_ADMIN_SESSION_KEY_FILE: path.join(keysDir, 'admin-session.key'),
      CDE_ADMIN_EXPORTER_GROUP: pipeline.exporterGroup,
      CDE_FEED_DB_NAME: pipeline.stateDb,
      CDE_FEED_DB_USER: 'root',
      CDE_FEED_DB_PASSWORD: '',
      CDE_RECEIVER_URL: pipeline.base,
      CDE_RECEIVER_API_KEY: pipeline.apiKey,
    });
    await admin.waitForLine(/admin listening on/, 90_000);
    browser = await chromium.launch({
      executablePath: process.env['CDE_CHROMIUM'] ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(30_000);
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await admin?.stop();
    await pipeline.stop();
    rmSync(keysDir, { recursive: true, force: true });
  });

  it('refuses anonymous and forged API calls with 401', async () => {
    const call = async (path: string, init: { method?: 'GET' | 'POST'; cookie?: string } = {}) => {
      const res = await request(`${base}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          'content-type': 'application/json',
          ...(init.cookie ? { cookie: `cde_admin_session=${init.cookie}` } : {}),
        },
        body: init.method === 'POST' ? JSON.stringify({ action: 'resync', feed: 'all' }) : undefined,
      });
      const body = (await res.body.json()) as { code?: string };
      return { status: res.statusCode, code: body.code };
    };
    const forged = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{"sub":"admin","csrf":"x","via":"local","aud":"cde-admin","exp":9999999999}').toString('base64url')}.AAAA`;
    for (const path of ['/api/overview', '/api/session', '/api/feeds/scopesWebsite/items', '/api/jobs'])
      expect(await call(path)).toEqual({ status: 401, code: AdminCode.Unauthorized });
    expect((await call('/api/actions', { method: 'POST' })).status).toBe(401);
    expect((await call('/api/overview', { cookie: forged })).status).toBe(401);
    expect((await call('/api/actions', { method: 'POST', cookie: forged })).status).toBe(401);
    const wrong = await request(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'admin', password: 'wrong' }),
    });
    expect(wrong.statusCode).toBe(401);
    await wrong.body.dump();
  });

  it('signs in and shows every feed', async () => {
    await page.goto(base);
    await page.getByTestId('sign-in-user').fill('admin');
    await page.getByTestId('sign-in-password').fill(password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('feed-link-scopesWebsite').waitFor();
    await expect(page.getByTestId('user').textContent()).resolves.toBe('admin (local)');
    const items = Number(await page.getByTestId('scopesWebsite-items').textContent());
    expect(items).toBeGreaterThan(0);
    await shot('1-overview');
  });

  it('opens a feed, filters it, and opens an item with its history and diff', async () => {
    await page.getByTestId('feed-link-scopesWebsite').click();
    await page.getByTestId('item-row').first().waitFor();
    await page.getByTestId('filter-state').selectOption('accepted');
    await page.getByTestId('filter-apply').click();
    await page.waitForFunction("document.querySelectorAll('[data-testid=item-row]').length > 0");
    const states = await page.getByTestId('item-state').allTextContents();
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(['accepted']));
    await shot('2-feed-filtered');
    await page.getByTestId('item-row').first().click();
    await page.getByTestId('item').waitFor({ state: 'visible' });
    await page.getByTestId('diff-summary').filter({ hasText: /./ }).waitFor();
    await shot('3-item-diff');
    const receiverJson = await page.getByTestId('receiver-json').textContent();
    expect({ diff: await page.getByTestId('diff-summary').textContent(), receiverJson }).toEqual({
      diff: 'in sync: no difference',
      receiverJson: expect.stringContaining('"websiteCode"') as unknown,
    });
    const history = await page.getByTestId('history').textContent();
    expect(history).toMatch(/assembled/);
    expect(history).toMatch(/answered: accepted \(200\)/);
  });

  it('starts a resync of the feed and follows its progress to the end', async () => {
    await page.getByTestId('resync-feed').click();
    const row = page
      .locator('[data-testid=activity-row][data-status=complete]')
      .filter({ hasText: 'scopesWebsite' });
    await row.first().waitFor({ timeout: 180_000 });
    expect(await row.first().textContent()).toMatch(/Complete: processed \d+/);
    await shot('4-resync-complete');
  });

  it('retries a parked item until the receiver accepts it again', async () => {
    const [first] = (await pipeline.shop.query(
      `SELECT feed_id FROM ${table} ORDER BY id LIMIT 1`,
    )) as unknown as [{ feed_id: string }[]];
    const feedId = first[0]!.feed_id;
    // The retry budget spent, as the dead-letter retry leaves an item after its last failed attempt.
    await pipeline.shop.query(
      `UPDATE ${table} SET parked = 1, status = 2, attempts = 5, errors = ? WHERE feed_id = ?`,
      ['HTTP 503 (test)', feedId],
    );
    await page.getByTestId('home').click();
    await page.getByTestId('feed-link-scopesWebsite').click();
    await page.getByTestId('filter-state').selectOption('parked');
    await page.getByTestId('filter-apply').click();
    await page.locator(`[data-testid=item-row][data-feed-id="${feedId}"]`).waitFor();
    await shot('5-parked');
    await page.getByTestId('retry-parked').click();
    const accepted = await eventually(async () => {
      const [rows] = (await pipeline.shop.query(`SELECT parked, status FROM ${table} WHERE feed_id = ?`, [
        feedId,
      ])) as unknown as [{ parked: number; status: number }[]];
      return Number(rows[0]?.parked) === 0 && Number(rows[0]?.status) === 200;
    }, 120_000);
    expect(accepted).toBe(true);
    await page.getByTestId('filter-state').selectOption('accepted');
    await page.getByTestId('filter-apply').click();
    await page.locator(`[data-testid=item-row][data-feed-id="${feedId}"]`).waitFor();
    await shot('6-retried');
  });
});
