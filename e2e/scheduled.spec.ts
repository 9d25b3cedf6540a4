import { expect, test } from '@playwright/test';

// The sample site notice chunjie-gengxin-anpai and the story chunyun-keyunzhan-yanchang-fuwu are
// dated 2024-01-26 08:00 (+08:00). The suite's server runs with the clock at 2024-01-25 12:00,
// before them. That they appear where they belong once due, without a rebuild, is tested in
// freshness.spec.ts.
const SCHEDULED = [
  {
    slug: 'chunjie-gengxin-anpai',
    title: '编者按：春节期间本站更新安排',
    tag: '/tags/%E7%BD%91%E7%AB%99%E5%85%AC%E5%91%8A',
  },
  {
    slug: 'chunyun-keyunzhan-yanchang-fuwu',
    title: '春运返乡高峰临近 多地客运站延长服务时间',
    tag: `/tags/${encodeURIComponent('交通出行')}`,
  },
];

test('a scheduled article is absent everywhere before its time', async ({ page, request }) => {
  for (const { slug, title, tag } of SCHEDULED) {
    expect((await request.get(`/articles/${slug}`)).status()).toBe(404);
    expect((await request.get(tag)).status()).toBe(404);
    await page.goto('/');
    await expect(page.locator('body')).not.toContainText(title);
    for (const feed of ['/feed.xml', '/sitemaps/0.xml', '/news-sitemap.xml']) {
      expect(await (await request.get(feed)).text(), feed).not.toContain(slug);
    }
    expect((await request.post(`/api/views/${slug}`)).status()).toBe(404);
  }
});
