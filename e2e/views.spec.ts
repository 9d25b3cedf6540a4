import { expect, test, type APIRequestContext } from '@playwright/test';
import { startOwnServer } from './own-server';

const PORT = Number(process.env.E2E_PORT || 3210);

// Playwright's own Chromium says HeadlessChrome and is rightly treated as a bot; readers here
// get real browser user agents, one per simulated visitor.
const reader = (n: number | string) =>
  `Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1 reader-${n}`;

async function view(request: APIRequestContext, slug: string, ua: string) {
  return (await request.post(`/api/views/${slug}`, { headers: { 'user-agent': ua } })).status();
}

test.describe.configure({ mode: 'serial' });

test('the view API answers every kind of request correctly', async ({ request }) => {
  expect(await view(request, 'jingle-xiandai-nongye', reader('api'))).toBe(204);
  expect((await request.get('/api/views/jingle-xiandai-nongye')).status()).toBe(405);
  expect((await request.delete('/api/views/jingle-xiandai-nongye')).status()).toBe(405);
  expect(await view(request, 'no-such-article', reader('api'))).toBe(404);
  expect(await view(request, 'chunyun-shouri-jianwen', reader('api'))).toBe(404);
  expect(await view(request, '..%2F..%2Fetc%2Fpasswd', reader('api'))).toBe(404);
  expect(await view(request, 'a'.repeat(5000), reader('api'))).toBe(404);
  expect(await view(request, '%FF%FE', reader('api'))).toBe(400);
  const big = await request.post('/api/views/jingle-xiandai-nongye', {
    headers: { 'user-agent': reader('big') },
    data: 'x'.repeat(64 * 1024),
  });
  expect(big.status()).toBe(204);
  for (const bot of [
    'Mozilla/5.0 (compatible; Baiduspider/2.0)',
    'Sogou web spider/4.0',
    'Mozilla/5.0 (compatible; Bytespider)',
  ]) {
    expect(await view(request, 'jingle-xiandai-nongye', bot)).toBe(204);
  }
});

test('one visitor is rate limited past 60 views a minute', async ({ request }) => {
  const statuses: number[] = [];
  for (let i = 0; i < 65; i += 1)
    statuses.push(await view(request, 'zhejiang-linhai-baogong-xunjian', reader('busy')));
  expect(statuses.slice(0, 60).every((status) => status === 204)).toBe(true);
  expect(statuses.at(-1)).toBe(429);
});

test('the beacon sends one view when a reader opens an article', async ({ browser }) => {
  const context = await browser.newContext({ userAgent: reader('beacon') });
  const page = await context.newPage();
  const beacon = page.waitForResponse((response) =>
    response.url().includes('/api/views/jinchang-chengxiang-ronghe'),
  );
  await page.goto('/articles/jinchang-chengxiang-ronghe');
  expect((await beacon).status()).toBe(204);
  await context.close();
});

test('one address changing its User-Agent on every view is refused past the per-address limit', async ({
  request,
}) => {
  test.setTimeout(120_000);
  // A server of its own: the limit is per address, and every test speaks from 127.0.0.1.
  const { base, stop } = await startOwnServer(PORT + 4);
  try {
    const statuses: number[] = [];
    for (let batch = 0; batch < 500; batch += 25) {
      statuses.push(
        ...(await Promise.all(
          Array.from({ length: 25 }, async (_, i) =>
            (
              await request.post(`${base}/api/views/zhejiang-linhai-baogong-xunjian`, {
                headers: { 'user-agent': reader(`nat-${batch + i}`) },
              })
            ).status(),
          ),
        )),
      );
    }
    const refused = statuses.filter((status) => status === 429).length;
    const counted = statuses.filter((status) => status === 204).length;
    console.log(
      `500 views from one address with 500 User-Agents: ${counted} counted, ${refused} refused`,
    );
    // The default limit is 120 a minute (README, SECURITY.md); a minute boundary inside the run
    // may let up to twice that through.
    expect(counted + refused).toBe(500);
    expect(refused).toBeGreaterThanOrEqual(260);
  } finally {
    stop();
  }
});
