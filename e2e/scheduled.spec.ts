import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// The sample article chunjie-gengxin-anpai is dated 2024-01-26 08:00 (+08:00). The suite's
// server runs with the clock at 2024-01-25 12:00, before it; a second server on a copy of the
// same build runs with the clock after it. No rebuild happens in between.
const SLUG = 'chunjie-gengxin-anpai';
const TITLE = '编者按：春节期间本站更新安排';
const TAG = '/tags/%E7%BD%91%E7%AB%99%E5%85%AC%E5%91%8A';

const PORT = Number(process.env.E2E_PORT || 3210) + 1;

// The second server copies the build first, before this suite's server caches the 404 it serves
// while the article is not yet due.
test.describe.configure({ mode: 'serial' });

test.describe('after its time, without a rebuild', () => {
  let server: ChildProcess;
  let distDir: string;
  const base = `http://127.0.0.1:${PORT}`;

  test.beforeAll(async () => {
    distDir = mkdtempSync(path.join(process.cwd(), '.next-scheduled-'));
    rmSync(distDir, { recursive: true, force: true });
    cpSync(path.join(process.cwd(), '.next'), distDir, { recursive: true });
    server = spawn(
      process.execPath,
      ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(PORT)],
      {
        env: {
          ...process.env,
          NEXT_DIST_DIR: path.basename(distDir),
          NEWS_TEST_NOW: '2024-01-26T09:00:00+08:00',
        },
        stdio: 'ignore',
      },
    );
    for (let attempt = 0; attempt < 100; attempt += 1) {
      try {
        if ((await fetch(`${base}/robots.txt`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('second server did not start');
  });

  test.afterAll(() => {
    server?.kill();
    rmSync(distDir, { recursive: true, force: true });
  });

  test('renders on demand and is listed', async ({ page }) => {
    test.setTimeout(120_000);
    // A 404 cached while it was not yet due stays fresh for the route's 30-second revalidation
    // time, then regenerates: the article appears within about half a minute of its time.
    await expect
      .poll(async () => (await page.goto(`${base}/articles/${SLUG}`))?.status(), {
        timeout: 90_000,
        intervals: [2_000],
      })
      .toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
    // The home page regenerates on the same 30-second schedule and lists it among the newest.
    await expect
      .poll(
        async () => {
          await page.goto(`${base}/`);
          return page.getByRole('region', { name: '最新文章' }).first().textContent();
        },
        { timeout: 60_000, intervals: [2_000] },
      )
      .toContain(TITLE);
  });
});

test('a scheduled article is absent everywhere before its time', async ({ page, request }) => {
  expect((await request.get(`/articles/${SLUG}`)).status()).toBe(404);
  expect((await request.get(TAG)).status()).toBe(404);
  await page.goto('/');
  await expect(page.locator('body')).not.toContainText(TITLE);
  for (const feed of ['/feed.xml', '/sitemaps/0.xml', '/news-sitemap.xml']) {
    expect(await (await request.get(feed)).text(), feed).not.toContain(SLUG);
  }
  expect((await request.post(`/api/views/${SLUG}`)).status()).toBe(404);
});
