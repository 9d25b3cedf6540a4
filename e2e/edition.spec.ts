import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

// The 繁體 edition (docs/adr/021-traditional-chinese-edition.md): every page again under
// /zh-hant, converted on the server with OpenCC's Taiwan phrase tables.
const SLUG = 'chengdu-wuhou-minzu-tuanjie';

// A 繁體 page's first render builds OpenCC's dictionaries (seconds on a loaded machine).
test.describe.configure({ timeout: 90_000 });
const HANS = `/articles/${SLUG}`;
const HANT = `/zh-hant/articles/${SLUG}`;

async function alternates(page: Page) {
  return page
    .locator('head link[rel="alternate"][hreflang]')
    .evaluateAll((links) =>
      Object.fromEntries(
        links.map((link) => [
          link.getAttribute('hreflang'),
          new URL(link.getAttribute('href') ?? '').pathname,
        ]),
      ),
    );
}

test('the 简/繁 switch keeps the reader on the article, both ways', async ({ page }) => {
  await page.goto(HANS);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.locator('a.edition-switch').click();
  await expect(page).toHaveURL(new RegExp(`${HANT}$`));
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
  await expect(page.locator('h1')).toContainText('成都市武侯區');
  await expect(page.locator('a.edition-switch')).toHaveText('简体');
  await page.locator('a.edition-switch').click();
  await expect(page).toHaveURL(new RegExp(`${HANS}$`));
  await expect(page.locator('h1')).toContainText('成都市武侯区');
});

test('a 繁體 article: phrases converted, hreflang, canonical, JSON-LD and its own links', async ({
  page,
}) => {
  await page.goto(HANT);
  const body = page.locator('.article-body');
  // Phrase level: 网络主播 is 網路主播 in Taiwan, not the character-by-character 網絡主播.
  await expect(body).toContainText('網路主播');
  await expect(body).not.toContainText('网络');
  await expect(page).toHaveTitle(/服務粉絲$/);
  const expected = { 'zh-Hans': HANS, 'zh-Hant': HANT, 'x-default': HANS };
  expect(await alternates(page)).toEqual(expected);
  const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
  expect(new URL(canonical ?? '').pathname).toBe(HANT);
  const ld = await page
    .locator('script[type="application/ld+json"]')
    .evaluateAll((scripts) => scripts.map((script) => JSON.parse(script.textContent ?? '{}')));
  const article = ld.find((data) => data['@type'] === 'NewsArticle');
  expect(article.inLanguage).toBe('zh-Hant');
  expect(new URL(article.url).pathname).toBe(HANT);
  expect(article.headline).toContain('武侯區');
  // Every link to one of the site's pages stays in the 繁體 edition, but for the switch.
  const hrefs = await page
    .locator('a[href^="/"]:not(.edition-switch)')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  // (The Weibo share link and the feed of a channel have one URL for both editions.)
  const pages = hrefs
    .filter((href) => !/\/(weibo|qr\.svg|feed\.xml)$/.test(href))
    .filter((href) => /^\/(articles|category|tags|pages|hot|search)\b|^\/$/.test(href));
  expect(pages).toEqual([]);
  expect(hrefs).toContain('/zh-hant');
  expect(hrefs.filter((href) => href.startsWith('/zh-hant/articles/')).length).toBeGreaterThan(3);
  // Pictures are the same files in both editions.
  const cover = await page.locator('article img').first().getAttribute('src');
  expect(cover).not.toContain('zh-hant');

  await page.goto(HANS);
  expect(await alternates(page)).toEqual(expected);
});

test('code, URLs and names marked translate="no" are left as written', async ({ page }) => {
  await page.goto('/zh-hant/pages/about');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
  await expect(page.locator('h1')).toHaveText('關於我們');
  const body = page.locator('main');
  await expect(body).toContainText('綜合性新聞網站');
  await expect(body.locator('code', { hasText: 'search?q=' })).toHaveText('/search?q=网络');
  await expect(body.locator('span[translate="no"]')).toHaveText('钟发');
  await expect(body).not.toContainText('鍾發');
});

test('search from a 繁體 page: a 繁體 query finds 简体 articles, shown in 繁體', async ({
  page,
}) => {
  await page.goto('/zh-hant');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
  const box = page.locator('#site-search');
  await box.fill('民族團結');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/zh-hant\/search\?q=/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
  const results = page.getByTestId('search-results');
  await expect(results).toContainText('團結');
  await expect(results).not.toContainText('团结');
  const links = await results
    .locator('a[href]')
    .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
  expect(links.filter((href) => href.includes('/articles/')).length).toBeGreaterThan(0);
  for (const href of links.filter((href) => href.includes('/articles/'))) {
    expect(href).toMatch(/^\/zh-hant\/articles\//);
  }
});

test('every page type exists in 繁體', async ({ request }) => {
  for (const url of [
    '/zh-hant',
    '/zh-hant/category/shehui',
    '/zh-hant/category/qinggan/gushi',
    `/zh-hant/tags/${encodeURIComponent('民族团结')}`,
    '/zh-hant/tags',
    '/zh-hant/hot',
    '/zh-hant/pages/about',
    `/zh-hant/search?q=${encodeURIComponent('成都')}`,
  ]) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(200);
    const html = await response.text();
    expect(html, url).toMatch(/^<!DOCTYPE html><html lang="zh-Hant"/);
  }
});

test('the 繁體 feed is well-formed RSS in zh-Hant, linking the 繁體 pages', async ({ request }) => {
  const response = await request.get('/zh-hant/feed.xml');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/rss+xml');
  const xml = await response.text();
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'feed-')), 'feed.xml');
  writeFileSync(file, xml);
  // Throws, with xmllint's message, when the feed is not well-formed.
  execFileSync('xmllint', ['--noout', file], { stdio: 'pipe' });
  expect(xml).toContain('<language>zh-Hant</language>');
  expect(xml).toContain('成都市武侯區');
  expect(xml).toMatch(new RegExp(`<link>[^<]*${HANT}</link>`));
  expect(xml).not.toMatch(/<link>https?:\/\/[^/<]+\/articles\//);
  // Every page links the feed of its own edition.
  const html = await (await request.get('/zh-hant')).text();
  expect(html).toMatch(
    /<link rel="alternate" type="application\/rss\+xml"[^>]*\/zh-hant\/feed\.xml"/,
  );
});

test('the sitemap lists both editions with hreflang alternates after lastmod', async ({
  request,
}) => {
  const xml = await (await request.get('/sitemaps/0.xml')).text();
  const origin = /<loc>(https?:\/\/[^/<]+)/.exec(xml)?.[1] ?? '';
  const alternatesXml =
    `<xhtml:link rel="alternate" hreflang="zh-Hans" href="${origin}${HANS}"/>` +
    `<xhtml:link rel="alternate" hreflang="zh-Hant" href="${origin}${HANT}"/>` +
    `<xhtml:link rel="alternate" hreflang="x-default" href="${origin}${HANS}"/>`;
  for (const loc of [HANS, HANT]) {
    expect(xml).toMatch(
      new RegExp(
        `<url><loc>${origin}${loc}</loc><lastmod>[^<]+</lastmod>(?:<changefreq>[^<]+</changefreq>)?(?:<priority>[^<]+</priority>)?${alternatesXml.replaceAll('?', '\\?')}</url>`,
      ),
    );
  }
});

test('unknown 繁體 URLs are 404s, as cheap as the 简体 ones', async ({ request }) => {
  for (const url of [
    '/zh-hant/articles/no-such-article',
    '/zh-hant/category/no-such-channel',
    `/zh-hant/tags/${encodeURIComponent('没有这个标签')}`,
    '/zh-hant/pages/no-such-page',
    '/zh-hant/no-such-path',
    `/zh-hant/articles/${SLUG}/qr.svg`,
    '/zh-hant/category/shehui/feed.xml',
    '/zh-hant/sitemap.xml',
    '/zh-hant/zh-hant',
  ]) {
    expect((await request.get(url)).status(), url).toBe(404);
  }
});
