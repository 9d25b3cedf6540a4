import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { raw } from './raw-request';

// The build the tests run against (playwright.config.ts starts `next start` in this checkout).
const DIST = path.join(process.cwd(), process.env.NEXT_DIST_DIR || '.next');

// A prerendered tag page may be named by the tag itself, % and all (50%增长.html): such a name is
// read as it is.
function decoded(file: string): string {
  try {
    return decodeURIComponent(file);
  } catch {
    return file;
  }
}

function filesNamed(token: string): string[] {
  return (readdirSync(DIST, { recursive: true }) as string[]).filter(
    (file) => decoded(file).includes(token) || file.includes(token),
  );
}

test('unknown articles, tags, categories, pages, site documents, cards and sitemaps store nothing', async ({
  request,
}) => {
  const token = `zzunknown${Date.now()}`;
  const urls = Array.from({ length: 20 }, (_, n) => [
    `/articles/${token}-${n}`,
    `/articles/${token}-${n}/qr.svg`,
    `/articles/chengdu-wuhou-minzu-tuanjie/${token}-${n}`,
    `/tags/${token}-${n}`,
    `/tags/${encodeURIComponent(`未知标签${token}${n}`)}`,
    `/category/${token}-${n}`,
    `/category/shehui/${token}-${n}`,
    `/category/shehui/page/${900 + n}`,
    `/category/${token}-${n}/feed.xml`,
    `/og/${token}-${n}.png`,
    `/pages/${token}-${n}`,
    `/sitemaps/${900 + n}.xml`,
  ]).flat();
  for (const url of urls) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(404);
  }
  expect(filesNamed(token)).toEqual([]);
  expect(filesNamed('/category/shehui/page/9')).toEqual([]);
  expect(filesNamed('/sitemaps/9')).toEqual([]);
});

test("a 404 never shows another request's address", async () => {
  const token = `zzasked${Date.now()}`;
  // Through the proxy (an unknown article) and past it (a path no route or proxy rule matches),
  // one after the other and at once: Next renders the one 404 page for both, and shares a render
  // between requests that arrive together.
  for (const [first, second] of [
    [`/articles/${token}-first`, `/articles/${token}-second`],
    [`/${token}-third`, `/${token}-fourth`],
    [`/articles/${token}-fifth`, `/${token}-sixth`],
  ] as const) {
    for (const url of [first, second]) expect((await raw('GET', url)).status, url).toBe(404);
    const pages = [
      await raw('GET', second),
      ...(await Promise.all([raw('GET', `${first}?q=mine`), raw('GET', `${second}?q=yours`)])),
    ];
    for (const page of pages) {
      expect(page.status).toBe(404);
      expect(page.body).toContain('页面不存在');
      // No address at all: the React payload, where Next writes the path it was asked segment by
      // segment (and its query), is not in the page (docs/adr/030-no-react-in-the-browser.md).
      expect(page.body, `${second} after ${first}`).not.toContain(token);
      expect(page.body).not.toContain('__next_f');
      // Its own policy for its own scripts, as any cached page has.
      expect(page.headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
    }
    // Nor is the payload served on its own: no page asks for it, and one rendered for a request
    // would carry that request's address to whoever asked at the same moment.
    const payloads = await Promise.all([
      raw('GET', `${first}?q=mine`, { rsc: '1' }),
      raw('GET', second, { rsc: '1' }),
      raw('GET', second, { 'next-router-prefetch': '1' }),
    ]);
    for (const payload of payloads) {
      expect(payload.status).toBe(404);
      expect(payload.body).toBe('404 Not Found\n');
    }
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const url of [
    '/articles/no-such-article',
    '/tags/没有这个标签',
    '/category/shehui/page/99',
  ]) {
    test(`the 404 of ${url} is the site's Chinese page, with search and the latest articles`, async ({
      page,
    }) => {
      const response = await page.goto(url);
      expect(response?.status()).toBe(404);
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('抱歉，您访问的页面不存在');
      await expect(page.locator('meta[name="robots"]').first()).toHaveAttribute(
        'content',
        /noindex/,
      );
      const main = page.locator('main');
      await expect(main.getByRole('search')).toBeVisible();
      await expect(main.getByRole('heading', { name: '最新文章' })).toBeVisible();
      expect(await main.getByRole('link').count()).toBeGreaterThan(5);
      // The stylesheet is there: the page is styled, not a bare shell.
      expect(await page.locator('link[rel="stylesheet"]').count()).toBeGreaterThan(0);
    });
  }
});
