import { expect, test } from '@playwright/test';

const SEED = '/articles/chengdu-wuhou-minzu-tuanjie';
const SEED_TITLE = '成都市武侯区：办好群众身边关键小事，建设中华民族共有精神家园';

// 最新文章 (滚动) is a running list of everything new, as on every portal: it may show a story a
// channel block shows too (issue 23 brought it back; it never repeats 头条 or 要闻, which
// e2e/home-lists.spec.ts checks). Everything else on the page keeps the rule below.
const OUTSIDE_LATEST = (links: Element[]) =>
  links
    .filter((link) => !link.closest('[data-testid="home-latest"]'))
    .map((link) => link.getAttribute('href'));

test('the home page shows no article more than twice outside 最新文章, and its sidebar repeats nothing of 要闻', async ({
  page,
}) => {
  await page.goto('/');
  // Links a reader sees: thumbnails beside their own title are hidden from the count.
  const hrefs = await page
    .locator('main a[href^="/articles/"]:not([aria-hidden="true"])')
    .evaluateAll(OUTSIDE_LATEST);
  const counts = new Map<string, number>();
  for (const href of hrefs) counts.set(href as string, (counts.get(href as string) ?? 0) + 1);
  expect([...counts].filter(([, count]) => count > 2)).toEqual([]);
  expect(counts.size).toBeGreaterThanOrEqual(9);
  // Nothing in the main column twice.
  const main = await page
    .locator('main > div > div:not(aside) a[href^="/articles/"]:not([aria-hidden="true"])')
    .evaluateAll(OUTSIDE_LATEST);
  expect(new Set(main).size).toBe(main.length);
  await expect(page.getByRole('region', { name: '要闻' }).getByRole('listitem')).not.toHaveCount(0);
  await expect(page.getByTestId('home-latest').getByRole('listitem')).not.toHaveCount(0);
  await expect(
    page.getByTestId('tag-cloud').getByRole('link', { name: '全部标签' }),
  ).toHaveAttribute('href', '/tags');
});

test('channel blocks on the home page are the same length, and an odd last one spans the row', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  const blocks = page.locator('main section[aria-labelledby^="cat-"]');
  const lengths = await blocks.evaluateAll((nodes) =>
    nodes.map((node) => node.querySelectorAll('li').length),
  );
  expect(lengths.length).toBeGreaterThan(1);
  expect(new Set(lengths).size).toBe(1);
  const boxes = await blocks.evaluateAll((nodes) =>
    nodes.map((node) => node.getBoundingClientRect().toJSON() as DOMRect),
  );
  const grid = await blocks.first().evaluate((node) => node.parentElement!.getBoundingClientRect());
  // Each row is filled from edge to edge.
  const rows = new Map<number, number>();
  for (const box of boxes)
    rows.set(Math.round(box.top), (rows.get(Math.round(box.top)) ?? 0) + box.width);
  for (const [, filled] of rows) expect(filled).toBeGreaterThan(grid.width - 40);
});

test('an article page leaves itself out of the hot list and links 上一篇 and 下一篇 in its channel', async ({
  page,
}) => {
  await page.goto(SEED);
  await expect(page.getByTestId('hot-list')).not.toContainText(SEED_TITLE);
  await page.goto('/articles/zuimei-tielu-ren-xinjiang');
  const pager = page.getByRole('navigation', { name: '社会频道的上一篇和下一篇' });
  await expect(pager.getByRole('link')).toHaveText([
    '小手牵大手 民族团结润童心',
    '浙江临海：心系保供巡检忙',
  ]);
  await expect(pager).toContainText('上一篇：小手牵大手');
  await expect(pager).toContainText('下一篇：浙江临海');
  await page.goto('/articles/zhejiang-linhai-baogong-xunjian');
  await expect(page.getByRole('navigation', { name: /上一篇和下一篇/ })).toContainText(
    '下一篇：没有了',
  );
});

test('a category page marks its channel and lists its sub-channels; a sub-channel marks itself', async ({
  page,
}) => {
  await page.goto('/category/qinggan');
  await expect(page.getByRole('list', { name: '子栏目' }).getByRole('link')).toHaveText(['故事']);
  await page.goto('/category/qinggan/gushi');
  const bar = page.getByRole('navigation', { name: '栏目导航' });
  await expect(bar.locator('[aria-current="page"]').first()).toHaveText('情感');
  await expect(
    page.getByRole('list', { name: '子栏目' }).getByRole('link', { name: '故事' }),
  ).toHaveAttribute('aria-current', 'page');
});

test('a tag page has 首页 > 标签 > its tag, and the tag index lists every tag', async ({
  page,
}) => {
  await page.goto('/tags/%E6%B0%91%E6%97%8F%E5%9B%A2%E7%BB%93');
  const crumbs = page.getByRole('navigation', { name: '当前位置' });
  await expect(crumbs).toHaveText(/当前位置：\s*首页\s*>\s*标签\s*>\s*民族团结/);
  await crumbs.getByRole('link', { name: '标签' }).click();
  await expect(page).toHaveURL(/\/tags$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('全部标签');
  const index = page.getByTestId('tag-index');
  await expect(index.getByRole('link', { name: /^民族团结/ })).toHaveAttribute(
    'href',
    '/tags/%E6%B0%91%E6%97%8F%E5%9B%A2%E7%BB%93',
  );
  await expect(index.getByRole('link').first()).toContainText('民族团结');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the share panel opens: the link, Weibo and a QR code of the canonical URL', async ({
    page,
    baseURL,
  }) => {
    await page.goto(SEED);
    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    expect(canonical).toBe(`${baseURL}${SEED}`);
    await page.locator('details.share > summary').click();
    await expect(page.getByLabel(/复制链接/)).toHaveValue(canonical as string);
    // The page links to the site's own short redirect, which sends the reader on to Weibo.
    const weibo = page.getByRole('link', { name: '分享到微博' });
    const hop = await page.request.get((await weibo.getAttribute('href')) as string, {
      maxRedirects: 0,
    });
    expect(hop.status()).toBe(302);
    const href = new URL(hop.headers()['location'] as string);
    expect(href.origin + href.pathname).toBe('https://service.weibo.com/share/share.php');
    expect(href.searchParams.get('url')).toBe(canonical);
    expect(href.searchParams.get('title')).toBe(SEED_TITLE);
    const qr = page.getByRole('img', { name: '本文链接的二维码' });
    await expect(qr).toBeVisible();
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    const svg = await page.request.get((await qr.getAttribute('src')) as string);
    expect(svg.headers()['content-type']).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toMatch(/<path d="M\d+ \d+h\d+/);
    expect((await page.request.get('/articles/no-such-article/qr.svg')).status()).toBe(404);
    expect((await page.request.get('/articles/no-such-article/weibo')).status()).toBe(404);
  });

  test('the phone menu opens every channel and its sub-channels', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto('/');
    const bar = page.getByRole('navigation', { name: '栏目导航' });
    await bar.locator('summary').click();
    await expect(bar.getByRole('link', { name: '故事', exact: true })).toBeVisible();
    await expect(bar.getByRole('link', { name: '民生', exact: true })).toBeVisible();
  });
});

test('printing an article keeps the article, its meta line and its URL, without navigation or lists', async ({
  page,
  baseURL,
}) => {
  await page.goto(SEED);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('article p').first()).toBeVisible();
  await expect(page.getByText(`本文链接：${baseURL}${SEED}`)).toBeVisible();
  for (const hidden of [
    page.getByRole('navigation', { name: '栏目导航' }),
    page.getByRole('navigation', { name: '当前位置' }),
    page.getByTestId('hot-list'),
    page.getByTestId('related'),
    page.locator('body > footer'),
    page.locator('details.share'),
  ]) {
    await expect(hidden).toBeHidden();
  }
});

test('the footer links the site documents and the 备案 numbers to their record sites', async ({
  page,
}) => {
  await page.goto('/');
  const footer = page.locator('body > footer');
  for (const [title, href] of [
    ['关于我们', '/pages/about'],
    ['联系我们', '/pages/contact'],
    ['版权声明', '/pages/copyright'],
  ]) {
    await expect(footer.getByRole('link', { name: title })).toHaveAttribute('href', href as string);
  }
  await expect(footer.getByRole('link', { name: '京ICP备2024000001号-1' })).toHaveAttribute(
    'href',
    'https://beian.miit.gov.cn/',
  );
  await expect(footer.getByRole('link', { name: '京公网安备 11010502000001号' })).toHaveAttribute(
    'href',
    'https://beian.mps.gov.cn/#/query/webSearch?code=11010502000001',
  );
  await footer.getByRole('link', { name: '版权声明' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('版权声明');
  await expect(page.locator('main article')).toContainText('示意图');
});

// Before issue 14 the article page loaded 135,915 bytes of JavaScript (gzip -9, module scripts);
// since ADR 030 it loads none but the page script inline in its HTML.
const PAGE_SCRIPT_MAX = 2048;

test('an article page loads no script file: its one script is inline and under 2 KB', async ({
  page,
}) => {
  const files: string[] = [];
  page.on('request', (sent) => {
    if (sent.resourceType() === 'script') files.push(sent.url());
  });
  const beacon = page.waitForRequest(/\/api\/views\//);
  await page.goto(SEED);
  // The page script has run: it counted the view.
  await beacon;
  expect(files).toEqual([]);
  const inline = await page.evaluate(() =>
    [...document.querySelectorAll('script:not([src])')]
      .filter((script) => !(script as HTMLScriptElement).type)
      .map((script) => script.textContent ?? ''),
  );
  expect(inline).toHaveLength(1);
  expect(Buffer.byteLength(inline[0] as string)).toBeLessThanOrEqual(PAGE_SCRIPT_MAX);
});
