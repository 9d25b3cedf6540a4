import { expect, test, type APIRequestContext } from '@playwright/test';
import { startOwnServer } from './own-server';
import { OWN_PORTS } from './ports';
import { scheduledClock } from './scheduled-clock';

// The caching model's promises (docs/adr/007-caching-model.md), on servers of their own so that
// no other test's traffic refreshes a page in between: what a reader gets on the FIRST request
// after a quiet minute is at most 60 seconds old.
const QUIET_MS = 60_000;

const reader = (n: number) =>
  `Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1 quiet-${n}`;

/** The title of the first item of a ranked list (by its data-testid) in a page's HTML. */
async function firstRanked(request: APIRequestContext, url: string, testId: string) {
  const html = await (await request.get(url)).text();
  const list = html.slice(html.indexOf(`data-testid="${testId}"`));
  return /<li[\s\S]*?<a[^>]*>([^<]+)<\/a>/.exec(list)?.[1];
}

test('views show in 热门 and 阅读 on the first request after a quiet minute', async ({
  request,
}) => {
  test.setTimeout(180_000);
  const target = { slug: 'jingle-xiandai-nongye', title: '现代农业产业的静乐实践' };
  const { base, stop } = await startOwnServer(OWN_PORTS.freshnessViews);
  try {
    const pages = [
      { url: `${base}/`, list: 'hot-list' },
      { url: `${base}/articles/chengdu-wuhou-minzu-tuanjie`, list: 'hot-list' },
      { url: `${base}/hot`, list: 'hot-day', before: 'hot-picks' },
    ];
    // Every page is rendered and cached before the views, with another article first (热门排行,
    // without views yet, shows featured and newest articles instead of empty rankings).
    for (const { url, list, before } of pages) {
      const first = await firstRanked(request, url, before ?? list);
      expect(first, url).toBeTruthy();
      expect(first, url).not.toContain(target.title);
    }
    await request.get(`${base}/articles/${target.slug}`);
    for (let n = 0; n < 30; n += 1) {
      const response = await request.post(`${base}/api/views/${target.slug}`, {
        headers: { 'user-agent': reader(n) },
      });
      expect(response.status()).toBe(204);
    }
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    for (const { url, list } of pages) {
      expect(await firstRanked(request, url, list), url).toContain(target.title);
    }
    const article = await (await request.get(`${base}/articles/${target.slug}`)).text();
    expect(article).toMatch(/data-testid="view-count"[^>]*>阅读 (<!-- -->)?30</);
  } finally {
    stop();
  }
});

test('a scheduled article is listed everywhere within 60 s of its time, without a rebuild', async ({
  request,
}) => {
  test.setTimeout(180_000);
  // chunyun-keyunzhan-yanchang-fuwu, a story, and chunjie-gengxin-anpai, a site notice, are
  // dated 2024-01-26 08:00 (+08:00); this server's clock reads SCHEDULED_LEAD_MS before that at a
  // real instant this test knows (e2e/scheduled-clock.ts), and runs on.
  const slug = 'chunyun-keyunzhan-yanchang-fuwu';
  const notice = 'chunjie-gengxin-anpai';
  const clock = scheduledClock();
  const { base, stop } = await startOwnServer(OWN_PORTS.freshnessScheduled, clock.env);
  try {
    const urls = [
      '/category/shehui',
      '/category/shehui/minsheng',
      '/',
      '/feed.xml',
      '/category/shehui/feed.xml',
      '/news-sitemap.xml',
      '/sitemaps/0.xml',
    ].map((url) => `${base}${url}`);
    // The notice is in the home page's 公告, the feed and the sitemaps, and in no channel list.
    const noticeUrls = ['/', '/feed.xml', '/news-sitemap.xml', '/sitemaps/0.xml'].map(
      (url) => `${base}${url}`,
    );
    for (const url of urls) {
      const text = await (await request.get(url)).text();
      expect(text, url).not.toContain(slug);
      expect(text, url).not.toContain(notice);
    }
    expect((await request.get(`${base}/articles/${slug}`)).status()).toBe(404);
    expect((await request.get(`${base}/articles/${notice}`)).status()).toBe(404);
    expect(Date.now(), 'the article was seen missing before it fell due').toBeLessThan(clock.due);
    // Until it is due; then one quiet minute.
    await new Promise((resolve) => setTimeout(resolve, clock.due - Date.now() + QUIET_MS));
    for (const url of urls) {
      const response = await request.get(url);
      expect(response.status(), url).toBe(200);
      const text = await response.text();
      expect(text, url).toContain(slug);
      expect(text.includes(notice), url).toBe(noticeUrls.includes(url));
    }
    expect((await request.get(`${base}/articles/${slug}`)).status()).toBe(200);
    expect((await request.get(`${base}/articles/${notice}`)).status()).toBe(200);
  } finally {
    stop();
  }
});

test('every page type states a bounded staleness', async ({ request }) => {
  const bounded = /^(public, )?s-maxage=(\d+), stale-while-revalidate=(\d+)$/;
  for (const url of [
    '/',
    '/articles/chengdu-wuhou-minzu-tuanjie',
    '/category/shehui',
    '/tags/%E6%B0%91%E6%97%8F%E5%9B%A2%E7%BB%93',
    '/hot',
    '/feed.xml',
    '/sitemap.xml',
    '/sitemaps/0.xml',
    '/news-sitemap.xml',
    '/robots.txt',
  ]) {
    const header = (await request.get(url)).headers()['cache-control'] ?? '';
    const match = bounded.exec(header);
    expect(match, `${url}: ${header}`).not.toBeNull();
    // What a cache may serve, fresh plus stale, is at most 30 seconds.
    expect(Number(match?.[2]) + Number(match?.[3]), url).toBeLessThanOrEqual(30);
  }
});
