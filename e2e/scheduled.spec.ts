import { expect, test } from '@playwright/test';

// The sample article chunjie-gengxin-anpai is dated 2024-01-26 08:00 (+08:00). The suite's
// server runs with the clock at 2024-01-25 12:00, before it. That it appears everywhere once due,
// without a rebuild, is tested in freshness.spec.ts.
const SLUG = 'chunjie-gengxin-anpai';
const TITLE = '编者按：春节期间本站更新安排';
const TAG = '/tags/%E7%BD%91%E7%AB%99%E5%85%AC%E5%91%8A';

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
