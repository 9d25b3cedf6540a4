import { expect, test } from '@playwright/test';
import { PORT, raw } from './raw-request';

const reader = (n: string) =>
  `Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1 ${n}`;
const ARTICLE = 'jingle-xiandai-nongye';
const ORIGIN = `http://127.0.0.1:${PORT}`;

// The view limits count per minute of the server's clock, which read NEWS_TEST_NOW at the instant
// E2E_CLOCK_ANCHOR (playwright.config.ts). Resolves when at least `needed` ms of the server's
// current minute remain, waiting for the next minute to begin if they do not.
async function minuteWithRoomFor(needed: number): Promise<void> {
  const start = Date.parse(process.env.NEWS_TEST_NOW ?? '');
  const anchor = Number(process.env.E2E_CLOCK_ANCHOR);
  const intoMinute = (((start + Date.now() - anchor) % 60_000) + 60_000) % 60_000;
  if (60_000 - intoMinute < needed) {
    await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 100));
  }
}

test('spoofed X-Forwarded-For values from one client share one rate limit', async () => {
  // 70 requests must fall in one minute of the limit, however busy the machine.
  test.setTimeout(120_000);
  await minuteWithRoomFor(45_000);
  const statuses: number[] = [];
  for (let i = 0; i < 70; i += 1) {
    const response = await raw('POST', `/api/views/${ARTICLE}`, {
      'user-agent': reader('spoofer'),
      'x-forwarded-for': `203.0.113.${i}, 198.51.100.${i}`,
    });
    statuses.push(response.status);
  }
  expect(statuses.slice(0, 60).every((status) => status === 204)).toBe(true);
  expect(statuses.slice(60).every((status) => status === 429)).toBe(true);
});

test('cross-site view POSTs are refused, same-origin and same-site ones accepted', async () => {
  const post = async (headers: Record<string, string>) =>
    (await raw('POST', `/api/views/${ARTICLE}`, { 'user-agent': reader('origin'), ...headers }))
      .status;
  expect(await post({ origin: 'https://elsewhere.example' })).toBe(403);
  expect(await post({ 'sec-fetch-site': 'cross-site' })).toBe(403);
  expect(await post({ origin: 'null' })).toBe(403);
  expect(await post({ origin: ORIGIN, 'sec-fetch-site': 'same-origin' })).toBe(204);
  expect(await post({ 'sec-fetch-site': 'same-site' })).toBe(204);
  expect(await post({})).toBe(204);
});

const ROUTES = [
  '/',
  '/articles/chengdu-wuhou-minzu-tuanjie',
  '/category/qinggan/gushi',
  '/tags/%E6%B0%91%E6%97%8F%E5%9B%A2%E7%BB%93',
  '/search?q=x',
  '/hot',
  '/no-such-page',
  '/api/health',
  `/api/views/${ARTICLE}`,
  '/feed.xml',
  '/category/qinggan/gushi/feed.xml',
  '/sitemap.xml',
  '/sitemaps/0.xml',
  '/news-sitemap.xml',
  '/robots.txt',
  `/og/${ARTICLE}.png?v=1`,
  '/icon.png',
];
const ALLOW: Record<string, string> = {
  '/api/health': 'GET, HEAD, POST, OPTIONS',
  [`/api/views/${ARTICLE}`]: 'POST, OPTIONS',
};

test('unsupported methods get 405 with a correct Allow header on every route', async () => {
  for (const route of ROUTES) {
    const allow = ALLOW[route] ?? 'GET, HEAD, OPTIONS';
    for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH', 'PROPFIND', 'PURGE']) {
      const response = await raw(method, route);
      expect(response.status, `${method} ${route}`).toBe(405);
      expect(response.headers.allow, `${method} ${route}`).toBe(allow);
    }
    // Methods Node's HTTP parser does not know never reach any JavaScript.
    expect((await raw('TRACK', route)).status, `TRACK ${route}`).toBe(400);
    const options = await raw('OPTIONS', route);
    expect(options.status, `OPTIONS ${route}`).toBe(204);
    expect(options.headers.allow, `OPTIONS ${route}`).toBe(allow);
  }
});

test('bad paths get a short 4xx', async () => {
  const long = 'a'.repeat(10_000);
  for (const [path, status] of [
    [`/${long}`, 414],
    [`/articles/${long}`, 414],
    [`/articles/${'a'.repeat(1000)}`, 404],
    [`/tags/${'%E9%95%BF'.repeat(100)}`, 404],
    ['/%00', 400],
    ['/articles/a%00b', 400],
    ['/tags/%00', 400],
    ['/category/%0A', 400],
    ['/og/%00.png', 400],
    ['/%E0%A4%A', 400],
  ] as const) {
    const response = await raw('GET', path);
    expect(response.status, path.slice(0, 40)).toBe(status);
    expect(response.body.length, path.slice(0, 40)).toBeLessThan(100);
  }
});
