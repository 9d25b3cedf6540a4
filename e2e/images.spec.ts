import { expect, test } from '@playwright/test';

const ARTICLE = '/articles/chengdu-wuhou-minzu-tuanjie';

test('the optimiser serves the type the browser accepts', async ({ page, request }) => {
  await page.goto(ARTICLE);
  const srcset = await page.locator('article > figure img').getAttribute('srcset');
  const url = srcset?.split(',')[0]?.trim().split(' ')[0];
  expect(url).toMatch(/^\/_next\/image\?url=%2Fimages%2F/);
  for (const [accept, type] of [
    ['image/avif,image/webp,image/apng,image/*,*/*;q=0.8', 'image/avif'],
    ['image/webp,image/*,*/*;q=0.8', 'image/webp'],
  ]) {
    const response = await request.get(url as string, { headers: { accept: accept as string } });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe(type);
    expect((await response.body()).length).toBeGreaterThan(500);
  }
});

test('the cover loads first, pictures below it lazily, each with its size and caption', async ({
  page,
}) => {
  await page.goto(ARTICLE);
  const cover = page.locator('article > figure');
  const img = cover.locator('img');
  await expect(img).toHaveAttribute('fetchpriority', 'high');
  await expect(img).not.toHaveAttribute('loading', /./);
  await expect(img).toHaveAttribute('width', '1600');
  await expect(img).toHaveAttribute('height', '900');
  await expect(img).toHaveAttribute('sizes', /./);
  await expect(cover.locator('figcaption')).toContainText('示意图');
  const inBody = page.locator('.article-body figure');
  await expect(inBody.locator('figcaption')).toContainText('示意图');
  await expect(inBody.locator('img')).toHaveAttribute('loading', 'lazy');
  await expect(inBody.locator('img')).toHaveAttribute('decoding', 'async');
  await expect(inBody.locator('img')).toHaveAttribute('srcset', /\/_next\/image\?url=.* 640w/);
  await expect(inBody.locator('img')).toHaveAttribute('width', '1200');
  expect(await img.evaluate((node: HTMLImageElement) => node.naturalWidth)).toBeGreaterThan(0);
});

for (const url of [
  '/',
  ARTICLE,
  '/category/shehui',
  '/tags/%E6%B0%91%E6%97%8F%E5%9B%A2%E7%BB%93',
  `/search?q=${encodeURIComponent('民族团结')}`,
]) {
  test(`every picture on ${url} has its width and height; only the cover is not lazy`, async ({
    page,
  }) => {
    await page.goto(url);
    const images = await page.locator('main img').evaluateAll((nodes) =>
      nodes.map((node) => ({
        width: node.getAttribute('width'),
        height: node.getAttribute('height'),
        loading: node.getAttribute('loading'),
        priority: node.getAttribute('fetchpriority'),
        src: node.getAttribute('src'),
      })),
    );
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      expect(Number(image.width), image.src ?? '').toBeGreaterThan(0);
      expect(Number(image.height), image.src ?? '').toBeGreaterThan(0);
      // Through the optimiser; the share panel's QR code is an SVG of its own.
      expect(image.src).toMatch(/^\/_next\/image\?|^\/articles\/[^/]+\/qr\.svg$/);
      expect(image.priority === 'high' || image.loading === 'lazy', image.src ?? '').toBe(true);
    }
    expect(images.filter((image) => image.priority === 'high').length).toBeLessThanOrEqual(1);
  });
}

test('lists show a thumbnail for articles with a cover and none for those without', async ({
  page,
}) => {
  await page.goto('/category/caijing');
  const items = page.locator('main section li article');
  const withCover = items.filter({ hasText: '现代农业产业的静乐实践' });
  const without = items.filter({ hasText: '2023年金昌城乡融合加快推进' });
  await expect(withCover.locator('img')).toHaveCount(1);
  await expect(without.locator('img')).toHaveCount(0);
  await page.goto('/');
  await expect(page.getByTestId('headlines').locator('img')).toHaveAttribute(
    'fetchpriority',
    'high',
  );
});
