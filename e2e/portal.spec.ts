import { expect, test } from '@playwright/test';

const SEED = '/articles/chengdu-wuhou-minzu-tuanjie';
const SEED_TITLE = '成都市武侯区：办好群众身边关键小事，建设中华民族共有精神家园';

test('home page: headline, latest, hot and category blocks', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('headlines').getByRole('link', { name: SEED_TITLE })).toBeVisible();
  // Issue 14: 要闻 instead of a 最新文章 list that repeated the channel blocks.
  const top = page.getByRole('region', { name: '要闻' });
  await expect(top.getByRole('listitem')).not.toHaveCount(0);
  await expect(page.getByTestId('hot-list').getByRole('listitem')).toHaveCount(9);
  // 情感's only article is the 头条: no article appears twice in the main column (issue 14).
  await expect(page.getByRole('region', { name: '情感', exact: true })).toHaveCount(0);
  for (const name of ['时政', '社会', '财经', '文化']) {
    await expect(page.getByRole('region', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('navigation', { name: '栏目导航' }).getByRole('link')).toHaveText([
    '首页',
    '时政',
    '社会',
    '财经',
    '文化',
    '情感',
    '热门',
  ]);
  // Drafts are nowhere on the page.
  await expect(page.locator('body')).not.toContainText('春运首日见闻');
});

test('article page: breadcrumb, meta line, body, related and both lists', async ({ page }) => {
  const response = await page.goto(SEED);
  expect(response?.status()).toBe(200);
  const crumbs = page.getByRole('navigation', { name: '当前位置' });
  await expect(crumbs).toHaveText(/当前位置：\s*首页\s*>\s*情感\s*>\s*故事/);
  await expect(crumbs.getByRole('link', { name: '情感' })).toHaveAttribute(
    'href',
    '/category/qinggan',
  );
  await expect(crumbs.getByRole('link', { name: '故事' })).toHaveAttribute(
    'href',
    '/category/qinggan/gushi',
  );
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
  const meta = page.locator('article p').first();
  await expect(meta).toContainText('日期：2024年1月24日 08:00');
  await expect(meta).toContainText('来源：新华每日电讯');
  await expect(meta).toContainText('编辑：新华每日电讯');
  await expect(meta).toContainText('记者：张晓雨');
  await expect(meta).toContainText(/阅读约 \d+ 分钟/);
  const body = page.locator('.article-body');
  await expect(body).toContainText(
    '1月23日，第十一批全国民族团结进步示范区示范单位授牌活动在京举行。',
  );
  await expect(body).toContainText('（新华每日电讯记者张晓雨）');
  await expect(page.getByTestId('byline')).toContainText('记者：张晓雨');

  const related = page.getByTestId('related').getByRole('listitem');
  // Editors' picks first, in their order, each with an excerpt; at most six items.
  const picks = [
    '2023年金昌城乡融合加快推进',
    '小手牵大手 民族团结润童心',
    '2023年“最美铁路人”亮相 新疆一人获此称号',
    '现代农业产业的静乐实践',
  ];
  for (const [index, title] of picks.entries()) {
    await expect(related.nth(index).getByRole('heading')).toHaveText(title);
  }
  await expect(related.nth(0)).toContainText('城乡空间');
  expect(await related.count()).toBeLessThanOrEqual(6);
  await expect(page.getByTestId('related')).not.toContainText(SEED_TITLE);
  await expect(page.getByTestId('hot-list').getByRole('listitem')).not.toHaveCount(0);
  await expect(page.getByTestId('latest-list').getByRole('listitem')).not.toHaveCount(0);
  await expect(page.getByTestId('latest-list')).not.toContainText(SEED_TITLE);

  await page.getByRole('link', { name: '民族团结', exact: true }).click();
  await expect(page).toHaveURL(/\/tags\/%E6%B0%91%E6%97%8F%E5%9B%A2%E7%BB%93$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('标签：民族团结');
});

test('a Chinese tag page works by encoded and raw URL', async ({ page, request }) => {
  for (const url of ['/tags/%E6%B0%91%E6%97%8F%E5%9B%A2%E7%BB%93', '/tags/民族团结']) {
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('标签：民族团结');
    await expect(page.locator('main h2').getByRole('link', { name: SEED_TITLE })).toBeVisible();
  }
  expect((await request.get('/tags/%E4%B8%8D%E5%AD%98%E5%9C%A8')).status()).toBe(404);
});

test('category pages include subcategories and paginate statically', async ({ page }) => {
  await page.goto('/category/shehui');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('社会');
  await expect(page.getByRole('list', { name: '子栏目' }).getByRole('link')).toHaveText([
    '民生',
    '人物',
    '教育',
  ]);
  const pager = page.getByRole('navigation', { name: '分页' });
  await expect(pager).toBeVisible();
  const firstPage = await page.locator('main h2 a').allTextContents();
  await pager.getByRole('link', { name: '下一页' }).click();
  await expect(page).toHaveURL(/\/category\/shehui\/page\/2$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('第 2 页');
  const secondPage = await page.locator('main h2 a').allTextContents();
  expect(secondPage.length).toBeGreaterThan(0);
  expect(secondPage.filter((title) => firstPage.includes(title))).toEqual([]);
  const robots = page.locator('meta[name="robots"]');
  await expect(robots).toHaveAttribute('content', /noindex/);
});

test('an older article outside the prebuilt set renders on first request, then from the cache', async ({
  request,
}) => {
  // The e2e build prebuilds only the newest 3 articles (PRERENDER_ARTICLES=3); this one is older.
  const url = '/articles/jinchang-chengxiang-ronghe';
  const first = await request.get(url);
  expect(first.status()).toBe(200);
  const html = await first.text();
  expect(html).toContain('当前位置');
  expect(html).toContain('相关阅读');
  const again = await request.get(url);
  expect(again.status()).toBe(200);
  expect(again.headers()['x-nextjs-cache']).toMatch(/HIT|STALE/);
});

test('category and tag lists page through to their end, each article once, then 404', async ({
  page,
  request,
}) => {
  // The sample's biggest tag (民族团结) fits on one page; the category takes several.
  for (const [start, atLeast] of [
    ['/category/shehui', 2],
    ['/tags/%E6%B0%91%E6%97%8F%E5%9B%A2%E7%BB%93', 1],
  ] as const) {
    await page.goto(start);
    const seen: string[] = [];
    let pages = 1;
    for (;;) {
      seen.push(...(await page.locator('main h2 a').allTextContents()));
      const next = page
        .getByRole('navigation', { name: '分页' })
        .getByRole('link', { name: '下一页' });
      if ((await next.count()) === 0) break;
      await next.click();
      pages += 1;
    }
    expect(pages, start).toBeGreaterThanOrEqual(atLeast);
    expect(new Set(seen).size, start).toBe(seen.length);
    if (pages > 1) expect(page.url(), start).toMatch(new RegExp(`/page/${pages}$`));
    expect((await request.get(`${start}/page/${pages + 1}`)).status(), start).toBe(404);
  }
});

test('unknown pages answer a real 404 in Chinese; malformed URLs a 400', async ({
  page,
  request,
}) => {
  const response = await page.goto('/articles/no-such-article');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('抱歉，您访问的页面不存在');
  expect((await request.get('/articles/chunyun-shouri-jianwen')).status()).toBe(404);
  expect((await request.get('/category/nope')).status()).toBe(404);
  expect((await request.get('/category/shehui/page/1')).status()).toBe(404);
  expect((await request.get('/category/shehui/page/99')).status()).toBe(404);
  expect((await request.get('/tags/%E0%A4%A')).status()).toBe(400);
});

test('pages fit a 360 px phone without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const url of ['/', SEED, '/category/shehui']) {
    await page.goto(url);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow, url).toBeLessThanOrEqual(0);
  }
});
