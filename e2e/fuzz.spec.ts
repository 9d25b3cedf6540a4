import { expect, test } from '@playwright/test';
import { raw } from './raw-request';

// A bounded fuzz of the routes: a few hundred odd requests, none of which may cause a 5xx or come
// back with its payload as live markup.
const BASES = [
  '/',
  '/articles/',
  '/articles/chengdu-wuhou-minzu-tuanjie/',
  '/category/',
  '/category/qinggan/',
  '/category/qinggan/page/',
  '/tags/',
  '/search/',
  '/og/',
  '/sitemaps/',
  '/feeds/category/',
  '/api/views/',
];
const SEGMENTS = [
  '%',
  '%Z',
  '%E0%A4%A',
  '%FF%FE',
  '%C0%AE%C0%AE%2F',
  '..',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '....//....//etc/passwd',
  '..%5C..%5Cwindows',
  '%00',
  'a%00.png',
  'x'.repeat(300),
  '%E9%95%BF'.repeat(90),
  '0',
  '-1',
  '99999999999999999999',
  '1e9',
  '<script>alert(1)</script>',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '"><img/src=x/onerror=alert(1)>',
  '%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E',
  "'%22%3E%3Csvg%20onload=alert(1)%3E",
  'javascript:alert(1)',
  '%E6%B0%91%E6%97%8F',
];
const QUERIES = [
  '?q=<script>alert(1)</script>',
  '?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '?q=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
  '?q=%00',
  '?q=%',
  '?q[]=a&q[]=b',
  '?page=-1',
  '?page=1e309',
  '?page=%FF',
  '?v=%3Cscript%3E',
  `?q=${'长'.repeat(3000)}`.replace(/长/g, '%E9%95%BF'),
];
const METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS', 'TRACE', 'PUT', 'DELETE', 'PATCH'];
// Live markup a reflected payload would create; escaped text (&lt;script&gt;) is harmless.
const LIVE = /<script>alert|<img[ /]src=x[ /]onerror|<svg[ /]onload/i;

async function probe(method: string, path: string) {
  const response = await raw(method, path, {
    'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36',
  });
  expect(response.status, `${method} ${path.slice(0, 120)}`).toBeLessThan(500);
  expect(response.body, `${method} ${path.slice(0, 120)}`).not.toMatch(LIVE);
}

test('odd paths and queries never cause a 5xx or reflect markup', async () => {
  test.setTimeout(180_000);
  let count = 0;
  for (const base of BASES) {
    for (const segment of SEGMENTS) {
      await probe('GET', base + segment);
      count += 1;
    }
  }
  for (const path of [
    '/search',
    '/',
    '/hot',
    '/category/qinggan',
    '/og/jingle-xiandai-nongye.png',
  ]) {
    for (const query of QUERIES) {
      await probe('GET', path + query);
      count += 1;
    }
  }
  expect(count).toBeGreaterThan(300);
});

test('odd methods never cause a 5xx', async () => {
  for (const path of ['/', '/articles/chengdu-wuhou-minzu-tuanjie', '/api/health', '/feed.xml']) {
    for (const method of METHODS) await probe(method, path);
    await probe('POST', `/api/views/${'%3Cscript%3E'}`);
  }
});

test('the search page shows a script payload as text', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(
    `/search?q=${encodeURIComponent('<script>alert(1)</script><img src=x onerror=alert(2)>')}`,
  );
  await expect(page.getByRole('heading', { level: 1 })).toContainText('<script>alert(1)</script>');
  expect(dialogs).toEqual([]);
});
