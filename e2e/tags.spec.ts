import { expect, test } from '@playwright/test';
import { raw } from './raw-request';

// Tags hold whatever editors type: ASCII punctuation that means something in a URL, spaces and
// full-width symbols. The sample articles carry one of each (content/articles/2024/01): the first
// four on articles the build prerenders, the rest on older ones rendered on demand.
const TAGS = [
  '50%增长',
  'R&D',
  '互联网+',
  '#两会#',
  '电力/能源',
  '怎么保供?',
  '迎峰 度冬',
  '占比30%',
  '农业/农村',
  '谁来种地?',
  '产学研&合作',
  '数字+乡村',
  '#城乡融合#',
  '城乡 一体化',
  '＃共同富裕＃',
  '增长１０％',
  '乡村　振兴',
];

const heading = (tag: string) => `标签：${tag}`;

// By its address: an accessible name folds the ideographic space into a plain one.
const linkTo = (tag: string) => `a[href="/tags/${encodeURIComponent(tag)}"]`;

test('every tag linked from /tags answers with its page, by its encoded URL', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await page.goto('/tags');
  const index = page.getByTestId('tag-index');
  const hrefs: string[] = [];
  for (const tag of TAGS) {
    const link = index.locator(linkTo(tag));
    expect(await link.evaluate((a) => a.firstChild?.textContent), tag).toBe(tag);
    hrefs.push((await link.getAttribute('href')) as string);
  }
  for (const [n, href] of hrefs.entries()) {
    const tag = TAGS[n] as string;
    // A tab each, as a reader opens them.
    const tab = await context.newPage();
    const response = await tab.goto(href);
    expect(response?.status(), tag).toBe(200);
    await expect(tab.getByRole('heading', { level: 1 }), tag).toHaveText(heading(tag));
    await tab.close();
  }
});

test('tag links on an article page reach their pages in the browser', async ({ page }) => {
  test.setTimeout(180_000);
  for (const [article, tags] of [
    ['duocuo-bingju-fazhi-yingshang-huanjing', ['50%增长', 'R&D', '互联网+', '#两会#']],
    ['jinchang-chengxiang-ronghe', ['＃共同富裕＃', '增长１０％', '乡村　振兴', '城乡 一体化']],
  ] as const) {
    for (const tag of tags) {
      await page.goto(`/articles/${article}`);
      await page.locator('article').locator(linkTo(tag)).click();
      await expect(page.getByRole('heading', { level: 1 }), tag).toHaveText(heading(tag));
      expect(new URL(page.url()).pathname, tag).toBe(`/tags/${encodeURIComponent(tag)}`);
    }
  }
});

test('a tag typed or pasted unescaped reaches its page', async ({ page }) => {
  test.setTimeout(120_000);
  // What Chromium sends for these: a bare % stays a bare %, / stays a path separator, the
  // space and the full-width symbols are escaped. (# and ? cannot be typed: they end the path.)
  for (const tag of TAGS.filter((tag) => !/[#?]/.test(tag))) {
    const response = await page.goto(`/tags/${tag}`);
    expect(response?.status(), tag).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }), tag).toHaveText(heading(tag));
  }
  // The same, byte for byte, without a browser: the redirect names the canonical URL.
  const bare = await raw('GET', '/tags/50%%E5%A2%9E%E9%95%BF');
  expect(bare.status).toBe(308);
  expect(bare.headers.location).toMatch(/\/tags\/50%25%E5%A2%9E%E9%95%BF$/);
  const slash = await raw('GET', '/tags/%E7%94%B5%E5%8A%9B/%E8%83%BD%E6%BA%90');
  expect(slash.status).toBe(308);
  expect(slash.headers.location).toMatch(/\/tags\/%E7%94%B5%E5%8A%9B%2F%E8%83%BD%E6%BA%90$/);
});

test('tags with symbols are reached by other encodings of the same URL', async ({ request }) => {
  // + and & need no escape in a path; full-width symbols are escaped as UTF-8 either way.
  for (const path of [
    '/tags/R&D',
    '/tags/%E4%BA%92%E8%81%94%E7%BD%91+',
    '/tags/%E8%BF%8E%E5%B3%B0%20%E5%BA%A6%E5%86%AC',
    '/tags/%E5%A2%9E%E9%95%BF%EF%BC%91%EF%BC%90%EF%BC%85',
  ]) {
    expect((await request.get(path)).status(), path).toBe(200);
  }
});

test('an unknown tag with the same symbols is a plain 404, broken UTF-8 a short 400', async () => {
  for (const tag of ['60%增长', 'R&D2', '#三会#', '电力/燃气', '乡村　振兴２']) {
    const response = await raw('GET', `/tags/${encodeURIComponent(tag)}`);
    expect(response.status, tag).toBe(404);
    // The one site-wide 404 page (proxy.ts), not a tag page rendered for the bad URL.
    expect(response.body, tag).toContain('页面不存在');
    expect(response.body, tag).not.toContain(heading(tag));
  }
  // A bare % is escaped (as for a known tag), and the escaped URL is a 404 like any other.
  const bare = await raw('GET', '/tags/60%%E5%A2%9E%E9%95%BF');
  expect(bare.status).toBe(308);
  expect(bare.body.length).toBeLessThan(100);
  const escaped = await raw('GET', bare.headers.location as string);
  expect(escaped.status).toBe(404);
  expect(escaped.body).toContain('页面不存在');
  const malformed = await raw('GET', '/tags/%E0%A4%A');
  expect(malformed.status).toBe(400);
  expect(malformed.body.length).toBeLessThan(100);
});
