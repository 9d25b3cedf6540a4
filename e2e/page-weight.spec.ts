import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

// Page weight in bytes (not timings): the article page's HTML with all its lists stays under
// 10 KB gzipped, and the React payload inlined in it under half of the 45.8 KB it was before the
// static islands (docs/adr/011-static-islands.md).
const SEED = '/articles/chengdu-wuhou-minzu-tuanjie';
const HTML_GZIP_MAX = 10 * 1024;
const PAYLOAD_MAX = 22 * 1024;

function inlinePayload(html: string): string {
  return [...html.matchAll(/<script[^>]*>self\.__next_f\.push\(([\s\S]*?)\)<\/script>/g)]
    .map((match) => match[1])
    .join('');
}

test('the article page: HTML under 10 KB gzipped, inline payload under half of before', async ({
  request,
}) => {
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
  expect(inlinePayload(html).length).toBeLessThanOrEqual(PAYLOAD_MAX);
  // The article body is in the page once: not a second time in the payload (its second
  // paragraph, since the first is also the page's description).
  const paragraphs = [...html.matchAll(/<p>([^<]{30,})<\/p>/g)].map((match) => match[1] as string);
  expect(paragraphs.length).toBeGreaterThan(2);
  expect(inlinePayload(html)).not.toContain((paragraphs[1] as string).slice(0, 30));
});

test('other page types stay light too', async ({ request }) => {
  // The 繁體 edition too (docs/adr/021): its hreflang links, switch and longer links included.
  for (const url of ['/', '/category/shehui', '/hot', '/zh-hant', `/zh-hant${SEED}`]) {
    const html = await (await request.get(url)).text();
    expect(gzipSync(html).length, url).toBeLessThanOrEqual(HTML_GZIP_MAX);
    expect(inlinePayload(html).length, url).toBeLessThanOrEqual(PAYLOAD_MAX);
  }
});

// Next names every script chunk in the <head>, so on a fast link the browser fetched and ran
// 130 KB of JavaScript before painting anything, and Lighthouse charged the download to the
// LCP. Pages add the chunks after their first paint (lib/render/late-scripts.mjs): cached ones
// from the cache handler, the search page on its way out (lib/http/late-scripts-response.ts).
for (const url of [SEED, '/', '/category/shehui', `/search?q=${encodeURIComponent('民族团结')}`]) {
  test(`${url}: no script chunk is requested before the first paint, and the page hydrates`, async ({
    page,
  }) => {
    const beacon = url === SEED ? page.waitForRequest(/\/api\/views\//) : undefined;
    await page.goto(url);
    // Hydrated: React has attached to the page's root, so every chunk has been fetched and run.
    // (Waiting for a quiet network instead read the timings before a delayed first paint had
    // added any chunk.)
    await expect
      .poll(() =>
        page.evaluate(() => Object.keys(document.body).some((key) => key.startsWith('__react'))),
      )
      .toBe(true);
    const timings = await page.evaluate(() => ({
      paint: performance.getEntriesByName('first-paint')[0]?.startTime ?? Infinity,
      chunks: performance
        .getEntriesByType('resource')
        .filter((entry) => /\/_next\/static\/.+\.js$/.test(new URL(entry.name).pathname))
        .map((entry) => entry.startTime),
    }));
    expect(timings.chunks.length).toBeGreaterThan(0);
    expect(Math.min(...timings.chunks)).toBeGreaterThan(timings.paint);
    if (beacon) await beacon;
  });
}
