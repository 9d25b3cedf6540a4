import { expect, test, type APIRequestContext } from '@playwright/test';
import { startOwnServer } from './own-server';
import { OWN_PORTS } from './ports';

// Site notices (front matter `type: notice`) are shown as 公告 and left out of every list: the
// channel blocks, the channel pages, 最新, 相关阅读 and 热门. The sample notice is dated
// 2024-01-26 08:00 (+08:00): this server's clock is a day later, so it is published.
const NOTICE = { slug: 'chunjie-gengxin-anpai', title: '编者按：春节期间本站更新安排' };
// A story of the same time and channel (社会 > 民生), which the lists do show.
const STORY = {
  slug: 'chunyun-keyunzhan-yanchang-fuwu',
  title: '春运返乡高峰临近 多地客运站延长服务时间',
};
const VIEWED = { slug: 'jingle-xiandai-nongye', title: '现代农业产业的静乐实践' };

const reader = (n: number) =>
  `Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1 notice-${n}`;

/** The part of a page's HTML from an element with this data-testid to the end of its section. */
function part(html: string, testId: string): string {
  const start = html.indexOf(`data-testid="${testId}"`);
  return start === -1 ? '' : html.slice(start, html.indexOf('</section>', start));
}

/** The page once it shows `ready` (a page the build rendered is regenerated on a first request). */
async function pageShowing(request: APIRequestContext, url: string, ready: string) {
  let html = '';
  await expect
    .poll(
      async () => {
        html = await (await request.get(url)).text();
        return html.includes(ready);
      },
      { message: `${url} shows ${ready}`, timeout: 60_000 },
    )
    .toBe(true);
  return html;
}

// One server of its own for both tests, in this order: nobody else's views may reach it.
test.describe.configure({ mode: 'serial' });
let server: Awaited<ReturnType<typeof startOwnServer>>;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startOwnServer(OWN_PORTS.notices, { NEWS_TEST_NOW: '2024-01-27T12:00:00+08:00' });
});
test.afterAll(() => server?.stop());

test('热门排行 on a site without views says so and shows featured and newest articles', async ({
  request,
}) => {
  // Once rendered at this server's clock (the build's copy is of the day before).
  const html = await pageShowing(request, `${server.base}/hot`, STORY.title);
  expect(part(html, 'hot-note')).toContain('暂无足够阅读数据，先看看最新/推荐文章');
  // No empty ranking boxes; the featured article first, then the newest (not the notice).
  expect(html).not.toContain('data-testid="hot-day"');
  const picks = part(html, 'hot-picks');
  const titles = [...picks.matchAll(/<h3[^>]*><a[^>]*>([^<]+)<\/a>/g)].map((match) => match[1]);
  expect(titles[0]).toBe('成都市武侯区：办好群众身边关键小事，建设中华民族共有精神家园');
  expect(titles).toContain(STORY.title);
  expect(titles).not.toContain(NOTICE.title);
  expect(titles.length).toBeGreaterThanOrEqual(8);
});

test('a site notice is a 公告 on the home page and in no list, even when most read', async ({
  request,
}) => {
  test.setTimeout(180_000);
  const { base } = server;
  {
    // Read more than anything else before any list is ranked.
    for (let n = 0; n < 6; n += 1) {
      const headers = { 'user-agent': reader(n) };
      expect((await request.post(`${base}/api/views/${NOTICE.slug}`, { headers })).status()).toBe(
        204,
      );
      if (n < 2) await request.post(`${base}/api/views/${VIEWED.slug}`, { headers });
    }
    const home = await pageShowing(request, `${base}/`, 'data-testid="notices"');
    expect(part(home, 'notices')).toContain(NOTICE.title);
    expect(part(home, 'home-latest')).toContain(STORY.title);
    expect(part(home, 'home-latest')).not.toContain(NOTICE.title);
    expect(part(home, 'hot-list')).toContain(VIEWED.title);
    expect(part(home, 'hot-list')).not.toContain(NOTICE.title);
    // Once in the 公告 line; nowhere else on the page (头条, 要闻, the channel blocks).
    expect(home.split(NOTICE.title).length - 1).toBe(1);

    for (const url of ['/category/shehui', '/category/shehui/minsheng']) {
      const html = await pageShowing(request, `${base}${url}`, STORY.slug);
      expect(html, url).not.toContain(NOTICE.slug);
    }
    const hot = await pageShowing(request, `${base}/hot`, VIEWED.title);
    expect(hot).not.toContain(NOTICE.title);

    // 相关阅读 of a story in the notice's channel: filled from that channel, without the notice.
    const story = await (
      await request.get(`${base}/articles/jieli-yuanzang-jiangong-gaoyuan`)
    ).text();
    expect(part(story, 'related')).toContain(STORY.title);
    expect(part(story, 'related')).not.toContain(NOTICE.title);

    // The notice itself is a page like any other.
    const notice = await request.get(`${base}/articles/${NOTICE.slug}`);
    expect(notice.status()).toBe(200);
    expect(await notice.text()).toContain(`<h1`);
  }
});
