import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { pageScriptRan, reactInPage } from './page-script';

// Page weight in bytes (not timings): the article page's HTML with all its lists stays under
// 10 KB gzipped, and carries no React payload: the browser runs no React
// (docs/adr/030-no-react-in-the-browser.md; before the static islands of ADR 011 the payload
// was 45.8 KB).
const SEED = '/articles/chengdu-wuhou-minzu-tuanjie';
const HTML_GZIP_MAX = 10 * 1024;

function inlinePayload(html: string): string {
  return [...html.matchAll(/<script[^>]*>self\.__next_f\.push\(([\s\S]*?)\)<\/script>/g)]
    .map((match) => match[1])
    .join('');
}

test('the article page: HTML under 10 KB gzipped, no inline payload', async ({ request }) => {
  const html = await (await request.get(SEED)).text();
  // Everything a reader sees is in the HTML: body, 相关阅读, 热门文章 and 最新文章.
  for (const part of [
    'data-testid="related"',
    'data-testid="hot-list"',
    'data-testid="latest-list"',
  ]) {
    expect(html).toContain(part);
  }
  expect(gzipSync(html).length).toBeLessThanOrEqual(HTML_GZIP_MAX);
  expect(inlinePayload(html)).toBe('');
  expect(html).not.toContain('__next_f');
  // The article body is in the page once (its second paragraph, since the first is also the
  // page's description).
  const paragraphs = [...html.matchAll(/<p>([^<]{30,})<\/p>/g)].map((match) => match[1] as string);
  expect(paragraphs.length).toBeGreaterThan(2);
  expect(html.split((paragraphs[1] as string).slice(0, 30))).toHaveLength(2);
});

test('other page types stay light too', async ({ request }) => {
  // The 繁體 edition too (docs/adr/021): its hreflang links, switch and longer links included.
  for (const url of ['/', '/category/shehui', '/hot', '/zh-hant', `/zh-hant${SEED}`]) {
    const html = await (await request.get(url)).text();
    expect(gzipSync(html).length, url).toBeLessThanOrEqual(HTML_GZIP_MAX);
    expect(inlinePayload(html), url).toBe('');
  }
});

// Next names 130 KB of script chunks in every page, which the browser fetched beside the
// stylesheet and the cover and ran to hydrate three small client components. Pages carry the page
// script instead (lib/render/page-script.mjs): cached ones from the cache handler, the search page
// on its way out (lib/http/page-script-response.ts). It runs after the first paint.
for (const url of [SEED, '/', '/category/shehui', `/search?q=${encodeURIComponent('民族团结')}`]) {
  test(`${url}: no script file is loaded and no React runs; the page script runs after the first paint`, async ({
    page,
  }) => {
    const files: string[] = [];
    page.on('request', (sent) => {
      if (sent.resourceType() === 'script') files.push(sent.url());
    });
    const beacon = url === SEED ? page.waitForRequest(/\/api\/views\//) : undefined;
    await page.goto(url);
    await pageScriptRan(page);
    if (beacon) {
      await beacon;
      const paint = await page.evaluate(
        () => performance.getEntriesByName('first-paint')[0]?.startTime ?? Infinity,
      );
      // The beacon's timing entry is added when its answer has arrived: waited for, not assumed.
      await expect
        .poll(() =>
          page.evaluate(
            () =>
              performance
                .getEntriesByType('resource')
                .find((entry) => new URL(entry.name).pathname.startsWith('/api/views/'))
                ?.startTime ?? -1,
          ),
        )
        .toBeGreaterThan(paint);
    }
    expect(files).toEqual([]);
    expect(await page.evaluate(reactInPage)).toBe(false);
  });
}
