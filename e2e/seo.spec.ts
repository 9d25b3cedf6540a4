import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';

const SEED = '/articles/chengdu-wuhou-minzu-tuanjie';
const SEED_TITLE = '成都市武侯区：办好群众身边关键小事，建设中华民族共有精神家园';
// The generated social card is for articles without a cover (the seed article has one since
// issue 14, and shares its cover): the sample article that has none.
const NO_COVER = '/articles/jinchang-chengxiang-ronghe';

async function meta(page: Page, key: string): Promise<string | null> {
  const byProperty = page.locator(`meta[property="${key}"]`);
  if ((await byProperty.count()) > 0) return byProperty.first().getAttribute('content');
  return page.locator(`meta[name="${key}"]`).first().getAttribute('content');
}

async function jsonLd(page: Page): Promise<Record<string, unknown>[]> {
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  return blocks.map((text) => JSON.parse(text) as Record<string, unknown>);
}

const absolute = /^https?:\/\/[^/\s]+(\/|$)/;

for (const url of ['/', SEED, '/category/qinggan', '/tags/%E6%B0%91%E6%97%8F%E5%9B%A2%E7%BB%93']) {
  test(`every meta tag is present and absolute on ${decodeURIComponent(url)}`, async ({ page }) => {
    await page.goto(url);
    await expect(page).toHaveTitle(url === '/' ? '服务粉丝 - 我们一直在努力' : / - 服务粉丝$/);
    expect(await meta(page, 'description')).toBeTruthy();
    expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toMatch(absolute);
    expect(await meta(page, 'og:url')).toMatch(absolute);
    expect(await meta(page, 'og:image')).toMatch(absolute);
    expect(await meta(page, 'og:locale')).toBe('zh_CN');
    expect(await meta(page, 'og:title')).toBeTruthy();
    expect(await meta(page, 'twitter:card')).toBe('summary_large_image');
    expect(await meta(page, 'twitter:image')).toMatch(absolute);
    expect(await meta(page, 'robots')).toContain('max-image-preview:large');
    const feed = page.locator('link[rel="alternate"][type="application/rss+xml"]').first();
    expect(await feed.getAttribute('href')).toMatch(/^https?:\/\/[^/]+\/feed\.xml$/);
  });
}

test('article metadata and JSON-LD', async ({ page }) => {
  await page.goto(SEED);
  await expect(page).toHaveTitle(`${SEED_TITLE} - 服务粉丝`);
  expect(await meta(page, 'og:type')).toBe('article');
  expect(await meta(page, 'article:published_time')).toBe('2024-01-24T08:00:00+08:00');
  expect(await meta(page, 'article:modified_time')).toMatch(/\+08:00$/);
  expect(await meta(page, 'article:section')).toBe('故事');
  expect(await page.locator('meta[property="article:tag"]').count()).toBeGreaterThanOrEqual(2);

  const blocks = await jsonLd(page);
  const article = blocks.find((block) => block['@type'] === 'NewsArticle');
  expect(article).toMatchObject({
    headline: SEED_TITLE,
    datePublished: '2024-01-24T08:00:00+08:00',
    author: [{ '@type': 'Person', name: '张晓雨' }],
    articleSection: '故事',
    inLanguage: 'zh-CN',
    isAccessibleForFree: true,
    publisher: { '@type': 'Organization', name: '服务粉丝' },
  });
  expect(String(article?.dateModified)).toMatch(/\+08:00$/);
  expect(String((article?.image as string[])[0])).toMatch(absolute);
  expect(String((article?.publisher as { logo: { url: string } }).logo.url)).toMatch(
    /\/logo\.png$/,
  );
  const crumbs = blocks.find((block) => block['@type'] === 'BreadcrumbList');
  const names = (crumbs?.itemListElement as { name: string }[]).map((item) => item.name);
  expect(names).toEqual(['首页', '情感', '故事']);
});

test('home page has WebSite and Organization JSON-LD', async ({ page }) => {
  await page.goto('/');
  const types = (await jsonLd(page)).map((block) => block['@type']);
  expect(types).toEqual(expect.arrayContaining(['WebSite', 'NewsMediaOrganization']));
});

test('paginated listings are noindex, follow and canonical to themselves; 404 is noindex', async ({
  page,
}) => {
  await page.goto('/category/shehui/page/2');
  expect(await meta(page, 'robots')).toMatch(/noindex/);
  expect(await meta(page, 'robots')).toMatch(/follow/);
  expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toMatch(
    /\/category\/shehui\/page\/2$/,
  );
  await page.goto('/articles/no-such-article');
  const robots = await page
    .locator('meta[name="robots"]')
    .evaluateAll((tags) => tags.map((tag) => tag.getAttribute('content') ?? ''));
  expect(robots.some((content) => content.includes('noindex'))).toBe(true);
  expect(robots.filter((content) => /(^|,\s*)index(,|$)/.test(content))).toEqual([]);
});

test('RSS feeds parse and carry full content', async ({ request }) => {
  const parser = new XMLParser({ ignoreAttributes: false });
  const response = await request.get('/feed.xml');
  expect(response.headers()['content-type']).toContain('application/rss+xml');
  const rss = parser.parse(await response.text()).rss;
  expect(rss['@_version']).toBe('2.0');
  const items = [rss.channel.item].flat();
  expect(items).toHaveLength(9);
  const seed = items.find((item: { title: string }) => item.title === SEED_TITLE);
  expect(seed.description).toContain('1月23日');
  expect(seed['content:encoded']).toContain('<p>');
  expect(seed['content:encoded']).not.toMatch(/<script/i);
  expect(seed.category).toBe('故事');
  expect(new Date(seed.pubDate).toISOString()).toBe('2024-01-24T00:00:00.000Z');
  expect(JSON.stringify(items)).not.toContain('春运首日见闻');

  const category = parser.parse(await (await request.get('/category/qinggan/feed.xml')).text()).rss;
  expect([category.channel.item].flat().map((item: { title: string }) => item.title)).toEqual([
    SEED_TITLE,
  ]);
  expect((await request.get('/category/nope/feed.xml')).status()).toBe(404);
});

test('Google News sitemap holds the last 48 hours and validates', async ({ request }) => {
  const xml = await (await request.get('/news-sitemap.xml')).text();
  expect(xml).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
  expect(xml).toContain(`<news:title>${SEED_TITLE}</news:title>`);
  const parsed = new XMLParser().parse(xml);
  const urls = [parsed.urlset.url].flat();
  expect(urls.length).toBeGreaterThan(0);
  for (const url of urls) {
    expect(url['news:news']['news:publication']).toEqual({
      'news:name': '服务粉丝',
      'news:language': 'zh-cn',
    });
    expect(url['news:news']['news:publication_date']).toMatch(/\+08:00$/);
  }
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'news-')), 'news.xml');
  writeFileSync(file, xml);
  const schema = fileURLToPath(new URL('./schemas/sitemap-with-news.xsd', import.meta.url));
  execFileSync('xmllint', ['--noout', '--schema', schema, file], { stdio: 'pipe' });
  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toMatch(/^Sitemap: https?:\/\/[^\s]+\/news-sitemap\.xml$/m);
});

test('social card is a 1200×630 PNG, cached immutably', async ({ page, request }) => {
  await page.goto(NO_COVER);
  const image = (await meta(page, 'og:image')) as string;
  const response = await request.get(new URL(image).pathname + new URL(image).search);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('image/png');
  expect(response.headers()['cache-control']).toContain('immutable');
  const png = await response.body();
  expect(png.readUInt32BE(16)).toBe(1200);
  expect(png.readUInt32BE(20)).toBe(630);
  expect((await request.get('/og/no-such-article.png')).status()).toBe(404);
});

test('a social card under a missing or stale version is sent on to the current one', async ({
  page,
  request,
}) => {
  await page.goto(NO_COVER);
  const image = new URL((await meta(page, 'og:image')) as string);
  const current = image.pathname + image.search;
  for (const stale of [image.pathname, `${image.pathname}?v=old`, `${image.pathname}?v=`]) {
    const response = await request.get(stale, { maxRedirects: 0 });
    expect([301, 308], stale).toContain(response.status());
    expect(new URL(response.headers()['location'] ?? '', image).pathname).toBe(image.pathname);
    expect(response.headers()['location'], stale).toContain(image.search);
    expect(response.headers()['cache-control'] ?? '', stale).not.toContain('immutable');
  }
  expect((await request.get(current, { maxRedirects: 0 })).headers()['cache-control']).toContain(
    'immutable',
  );
});

test('an article with a cover shares its cover', async ({ page }) => {
  await page.goto(SEED);
  expect(await meta(page, 'og:image')).toMatch(/\/images\/2024\/01\/chengdu-wuhou-shiliu\.jpg$/);
});
