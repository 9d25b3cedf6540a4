import { expect, test, type Page } from '@playwright/test';

const SEED_TITLE = '成都市武侯区：办好群众身边关键小事，建设中华民族共有精神家园';

async function searchFromHeader(page: Page, query: string) {
  await page.goto('/');
  await page.getByRole('searchbox', { name: '搜索文章' }).fill(query);
  await page.getByRole('search').getByRole('button', { name: '搜索' }).click();
  await expect(page).toHaveURL(/\/search\?q=/);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`search from the header (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    test.use({ javaScriptEnabled });

    test('finds the seed article with highlighted matches', async ({ page }) => {
      await searchFromHeader(page, '民族团结');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('搜索：民族团结');
      await expect(page.getByTestId('search-count')).toContainText(/找到 \d+ 篇相关文章/);
      const results = page.getByTestId('search-results').getByRole('listitem');
      await expect(results.getByRole('link', { name: SEED_TITLE })).toBeVisible();
      await expect(page.locator('[data-testid="search-results"] mark').first()).toHaveText(
        '民族团结',
      );
    });
  });
}

test('the exact phrase ranks first, and a traditional query finds simplified text', async ({
  page,
}) => {
  await page.goto('/search?q=' + encodeURIComponent('铸牢中华民族共同体意识'));
  await expect(page.getByTestId('search-results').getByRole('heading').first()).toHaveText(
    SEED_TITLE,
  );
  await page.goto('/search?q=' + encodeURIComponent('民族團結'));
  await expect(
    page.getByTestId('search-results').getByRole('link', { name: SEED_TITLE }),
  ).toBeVisible();
});

test('results paginate (LIST_PAGE_SIZE=3 in the test build; 20 by default)', async ({ page }) => {
  await page.goto('/search?q=' + encodeURIComponent('2023年'));
  await expect(page.getByTestId('search-count')).toContainText(/第 1\/\d+ 页/);
  const first = await page.getByTestId('search-results').getByRole('heading').allTextContents();
  expect(first).toHaveLength(3);
  await page
    .getByRole('navigation', { name: '分页' })
    .getByRole('link', { name: '下一页' })
    .click();
  await expect(page).toHaveURL(/page=2/);
  const second = await page.getByTestId('search-results').getByRole('heading').allTextContents();
  expect(second.length).toBeGreaterThan(0);
  expect(second.filter((title) => first.includes(title))).toEqual([]);
});

test('the empty state helps, drafts are never found, bad input is harmless', async ({
  page,
  request,
}) => {
  await page.goto('/search?q=' + encodeURIComponent('zzqxvw'));
  await expect(page.getByTestId('search-empty')).toContainText('没有找到');
  await expect(page.getByTestId('hot-list').getByRole('listitem').first()).toBeVisible();

  await page.goto('/search?q=' + encodeURIComponent('春运首日见闻'));
  await expect(page.locator('main')).not.toContainText('春运首日见闻（草稿）');

  await page.goto('/search');
  await expect(page.getByTestId('search-empty')).toContainText('请输入');

  const nasty = '<img src=x onerror=alert(1)>.*+?^${}()|[]\\';
  const response = await page.goto('/search?q=' + encodeURIComponent(nasty));
  expect(response?.status()).toBe(200);
  // No markup from the query: the only pictures are the results' own thumbnails (issue 14).
  expect(await page.locator('main img[onerror], main img[src="x"]').count()).toBe(0);
  for (const src of await page
    .locator('main img')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('src')))) {
    expect(src).toMatch(/^\/_next\/image\?url=%2Fimages%2F/);
  }

  await page.goto('/search?q=' + encodeURIComponent('长'.repeat(150)));
  await expect(page.locator('main')).toContainText('搜索词过长');
  expect((await request.get('/search?q=%E0%A4%A')).status()).toBeLessThan(500);

  const robots = await page
    .locator('meta[name="robots"]')
    .evaluateAll((tags) => tags.map((tag) => tag.getAttribute('content')));
  expect(robots.join(' ')).toContain('noindex');
});
