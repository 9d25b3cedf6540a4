import { expect, test, type Page } from '@playwright/test';
import { pageScriptRan } from './page-script';

// Every page and route handler carries the security headers; pages carry a Content-Security-
// Policy under which the page script runs and counts the view, and an injected script does not
// run.
const PAGES = [
  '/',
  '/articles/chengdu-wuhou-minzu-tuanjie',
  '/category/shehui',
  '/tags/%E6%B0%91%E6%97%8F%E5%9B%A2%E7%BB%93',
  '/hot',
  '/search?q=%E6%88%90%E9%83%BD',
  '/articles/no-such-article',
];
const ROUTES = [
  '/feed.xml',
  '/category/shehui/feed.xml',
  '/sitemap.xml',
  '/sitemaps/0.xml',
  '/news-sitemap.xml',
  '/robots.txt',
  '/api/health',
  '/og/chengdu-wuhou-minzu-tuanjie.png',
];

test('every page and route handler sends the security headers, and HSTS only over https', async ({
  request,
}) => {
  for (const url of [...PAGES, ...ROUTES]) {
    const response = await request.get(url, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers['x-content-type-options'], url).toBe('nosniff');
    expect(headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
    expect(headers['x-frame-options'], url).toBe('SAMEORIGIN');
    expect(headers['permissions-policy'], url).toContain('camera=()');
    // The test server's SITE_URL is http.
    expect(headers['strict-transport-security'], url).toBeUndefined();
    const policy = headers['content-security-policy'] ?? '';
    // One policy, never two (a second would be enforced beside the first).
    expect(policy, url).not.toContain(',');
    expect(policy, url).toMatch(/frame-ancestors '(self|none)'/);
    expect(policy, url).not.toContain('unsafe-inline');
    if (PAGES.includes(url)) expect(policy, url).toMatch(/script-src 'self' '(sha256|nonce)-/);
    else expect(policy, url).toContain("default-src 'none'");
  }
});

async function violations(page: Page) {
  const found: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => found.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportViolation: (text: string) => void }).reportViolation(
        `${event.violatedDirective} ${event.blockedURI}`,
      ),
    );
  });
  return found;
}

test("the page script runs under each page's policy, and counts the view", async ({ page }) => {
  const found = await violations(page);
  for (const url of PAGES) {
    await page.goto(url);
    await pageScriptRan(page);
  }
  expect(found).toEqual([]);
  // A reader's browser (Playwright's own user agent is not counted).
  const context = await page.context().browser()!.newContext({
    userAgent:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  });
  const reader = await context.newPage();
  const beacon = reader.waitForRequest((request) => request.url().includes('/api/views/'));
  await reader.goto('/articles/zhejiang-linhai-baogong-xunjian');
  expect((await beacon).method()).toBe('POST');
  await context.close();
});

test('the policy stops a script injected into a page', async ({ page }) => {
  const found = await violations(page);
  for (const url of ['/articles/chengdu-wuhou-minzu-tuanjie', '/search?q=%E6%88%90%E9%83%BD']) {
    await page.goto(url);
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.body.append(script);
      return Boolean((window as { __injected?: boolean }).__injected);
    });
    expect(ran, url).toBe(false);
  }
  await expect.poll(() => found.length).toBeGreaterThanOrEqual(2);
  expect(found.every((text) => text.startsWith('script-src'))).toBe(true);
});
