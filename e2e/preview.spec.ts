// Draft preview links (issue 23 §2, docs/adr/022-draft-preview-links.md): the link an editor gets
// from `npm run preview-link` opens the draft, marked and uncached; any other link is the site's
// 404; the draft stays out of everything readers and crawlers see.
import { execFileSync } from 'node:child_process';
import { expect, test, type APIResponse } from '@playwright/test';
import { signPreview } from '../lib/preview/token';
import { startOwnServer } from './own-server';
import { OWN_PORTS } from './ports';
import { E2E_PREVIEW_SECRET } from './preview-secret';

const DRAFT = 'chunyun-shouri-jianwen';
const DRAFT_TITLE = '春运首日见闻（草稿）';
const SCHEDULED = 'chunjie-gengxin-anpai';
/** The suite's clock (package.json test:e2e): the server's and the command's. */
const TEST_NOW = process.env.NEWS_TEST_NOW ?? '2024-01-25T12:00:00+08:00';

/** What `npm run preview-link -- <slug> [--hours N]` prints on stdout, run as an editor would. */
function previewLink(baseURL: string, slug: string, ...args: string[]): string {
  return execFileSync(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'scripts/editor/preview-link.ts', slug, ...args],
    {
      env: {
        ...process.env,
        PREVIEW_SECRET: E2E_PREVIEW_SECRET,
        SITE_URL: baseURL,
        NEWS_TEST_NOW: TEST_NOW,
      },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  ).trim();
}

function nonceOf(response: APIResponse): string | undefined {
  return /'nonce-([^']+)'/.exec(response.headers()['content-security-policy'] ?? '')?.[1];
}

/** The marks every preview response carries, and the cache marks none may carry. */
/** A page's response (page.goto) or a request's. */
type Answer = { status(): number; headers(): Record<string, string> };

function expectPreviewHeaders(response: Answer | null) {
  const headers = response?.headers() ?? {};
  expect(response?.status()).toBe(200);
  expect(headers['cache-control']).toBe('private, no-store');
  expect(headers['x-robots-tag']).toMatch(/noindex/);
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-nextjs-cache']).toBeUndefined();
  expect(headers['x-nextjs-prerender']).toBeUndefined();
  expect(headers['x-nextjs-stale-time']).toBeUndefined();
}

test('a draft opens from the link the command prints: banner, noindex, never cached', async ({
  page,
  request,
  baseURL,
}) => {
  const url = previewLink(baseURL as string, DRAFT);
  expect(url).toMatch(new RegExp(`^${baseURL}/preview/${DRAFT}/[0-9a-z]+\\.[A-Za-z0-9_-]{43}$`));

  const response = await page.goto(url);
  expectPreviewHeaders(response);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(DRAFT_TITLE);
  // The article's own components: its meta line and body.
  await expect(page.locator('article .article-body')).toContainText('春运首日');
  await expect(page.getByTestId('preview-banner')).toHaveText(
    /预览稿件 · 尚未发布 · 链接将于 2024年1月27日 12:00 失效/,
  );
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'no-referrer');
  await expect(page).toHaveTitle(/^【预览】春运首日见闻/);
  // Nothing that would publish the draft's address: no canonical, share card or share links.
  expect(await page.locator('link[rel="canonical"], meta[property="og:url"]').count()).toBe(0);
  expect(await page.locator('details.share, a[href$="/weibo"]').count()).toBe(0);

  // Rendered again for the second request: another nonce, still no cache marks.
  const first = await request.get(url);
  const second = await request.get(url);
  expectPreviewHeaders(first);
  expectPreviewHeaders(second);
  expect(nonceOf(first)).toBeTruthy();
  expect(nonceOf(second)).not.toBe(nonceOf(first));
  expect(await second.text()).toContain('data-testid="preview-banner"');
});

test('a preview counts no view: the page has no view beacon, the article page has', async ({
  request,
  baseURL,
}) => {
  const preview = await (await request.get(previewLink(baseURL as string, DRAFT))).text();
  const article = await (await request.get('/articles/chengdu-wuhou-minzu-tuanjie')).text();
  // The address the page script counts a view at, on the article element of the page that has it.
  expect(article).toContain('data-view="/api/views/chengdu-wuhou-minzu-tuanjie"');
  expect(preview).not.toContain('data-view=');
  expect(preview).not.toContain('/api/views/');
});

test('a scheduled article previews with its publication time; --hours sets the expiry', async ({
  page,
  baseURL,
}) => {
  const url = previewLink(baseURL as string, SCHEDULED, '--hours', '2');
  expectPreviewHeaders(await page.goto(url));
  await expect(page.getByTestId('preview-banner')).toHaveText(
    /预览稿件 · 定时发布：2024年1月26日 08:00 · 链接将于 2024年1月25日 14:00 失效/,
  );
  // Not public yet.
  expect((await page.request.get(`/articles/${SCHEDULED}`)).status()).toBe(404);
});

test('a tampered, expired, forged or unknown link is the same 404 as any other', async ({
  request,
  baseURL,
}) => {
  const url = new URL(previewLink(baseURL as string, DRAFT));
  const token = url.pathname.split('/').pop() as string;
  const [expiry, signature] = token.split('.') as [string, string];
  const at = Date.parse(TEST_NOW);
  const flipped = (signature.startsWith('A') ? 'B' : 'A') + signature.slice(1);
  const bad = {
    tampered: `/preview/${DRAFT}/${expiry}.${flipped}`,
    'expiry moved': `/preview/${DRAFT}/${(Number.parseInt(expiry, 36) + 3600).toString(36)}.${signature}`,
    'other slug': `/preview/${SCHEDULED}/${token}`,
    expired: `/preview/${DRAFT}/${signPreview(E2E_PREVIEW_SECRET, DRAFT, new Date(at - 60_000))}`,
    'other secret': `/preview/${DRAFT}/${signPreview('x'.repeat(48), DRAFT, new Date(at + 3600_000))}`,
    'no such article': `/preview/no-such-draft/${signPreview(E2E_PREVIEW_SECRET, 'no-such-draft', new Date(at + 3600_000))}`,
    'no token': `/preview/${DRAFT}`,
    garbage: `/preview/${DRAFT}/${'A'.repeat(150)}`,
    'extra segment': `/preview/${DRAFT}/${token}/x`,
  };
  const reference = await request.get('/articles/no-such-article');
  expect(reference.status()).toBe(404);
  const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
  const referenceTitle = title(await reference.text());
  for (const [name, path] of Object.entries(bad)) {
    const response = await request.get(path);
    expect(response.status(), name).toBe(404);
    const html = await response.text();
    expect(title(html), name).toBe(referenceTitle);
    expect(html, name).toContain('抱歉，您访问的页面不存在');
    expect(html, name).not.toContain('春运首日见闻');
    expect(html, name).not.toContain('preview-banner');
    for (const header of ['cache-control', 'content-type', 'x-robots-tag', 'referrer-policy'])
      expect(response.headers()[header], `${name}: ${header}`).toBe(reference.headers()[header]);
  }
  // The untouched link still works.
  expectPreviewHeaders(await request.get(url.pathname));
});

test('a previewed draft stays out of sitemaps, feeds, search and lists', async ({
  request,
  baseURL,
}) => {
  expectPreviewHeaders(await request.get(previewLink(baseURL as string, DRAFT)));
  const pages = [
    '/',
    '/sitemap.xml',
    '/sitemaps/0.xml',
    '/news-sitemap.xml',
    '/feed.xml',
    '/category/shehui/feed.xml',
    '/category/shehui',
    '/category/shehui/minsheng',
    '/tags',
    '/hot',
    `/search?q=${encodeURIComponent('春运首日见闻')}`,
  ];
  for (const path of pages) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const text = await response.text();
    expect(text, path).not.toContain(DRAFT);
    expect(text, path).not.toContain(DRAFT_TITLE);
    expect(text, path).not.toContain('/preview/');
  }
  // Its tag has no published article: no tag page either.
  expect((await request.get(`/tags/${encodeURIComponent('春运')}`)).status()).toBe(404);
});

test('another instance with the same secret opens the link; one without PREVIEW_SECRET does not', async ({
  baseURL,
}) => {
  // Two servers start from copies of the build: however long a busy machine takes.
  test.setTimeout(120_000);
  const path = new URL(previewLink(baseURL as string, DRAFT)).pathname;
  // Another machine: its own process and build copy, sharing nothing with the suite's server but
  // the secret and the content version.
  const started = await Promise.allSettled([
    startOwnServer(OWN_PORTS.previewOther, { PREVIEW_SECRET: E2E_PREVIEW_SECRET }),
    startOwnServer(OWN_PORTS.previewOff, { PREVIEW_SECRET: '' }),
  ]);
  const [other, off] = started.map((result) => {
    if (result.status === 'fulfilled') return result.value;
    // Neither outlives the test when the other failed to start.
    for (const each of started) if (each.status === 'fulfilled') each.value.stop();
    throw result.reason;
  }) as [Awaited<ReturnType<typeof startOwnServer>>, Awaited<ReturnType<typeof startOwnServer>>];
  try {
    const opened = await fetch(`${other.base}${path}`);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('cache-control')).toBe('private, no-store');
    expect(await opened.text()).toContain('data-testid="preview-banner"');

    const refused = await fetch(`${off.base}${path}`);
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain('春运首日见闻');
  } finally {
    other.stop();
    off.stop();
  }
});
