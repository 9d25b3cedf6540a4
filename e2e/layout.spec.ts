import { expect, test, type Page } from '@playwright/test';

// Every page type, with the channel-bar link it must mark as the current page (if any).
const PAGES: { name: string; url: string; current?: string }[] = [
  { name: 'home', url: '/', current: '/' },
  { name: 'article', url: '/articles/chengdu-wuhou-minzu-tuanjie', current: '/category/qinggan' },
  { name: 'category', url: '/category/shehui', current: '/category/shehui' },
  { name: 'sub-channel', url: '/category/qinggan/gushi', current: '/category/qinggan' },
  { name: 'category page 2', url: '/category/shehui/page/2', current: '/category/shehui' },
  { name: 'tag', url: '/tags/%E6%B0%91%E6%97%8F%E5%9B%A2%E7%BB%93' },
  { name: 'tag index', url: '/tags' },
  { name: 'search', url: `/search?q=${encodeURIComponent('民族团结')}` },
  { name: 'hot', url: '/hot', current: '/hot' },
  { name: 'about', url: '/pages/about' },
  { name: 'not found', url: '/no-such-page' },
];
const CHANNELS = ['首页', '时政', '社会', '财经', '文化', '情感', '热门'];

/**
 * Brings every picture into view, so that lazy ones start loading, and waits until each shown
 * picture has loaded, before a full-page screenshot.
 */
async function loadEverything(page: Page) {
  await page.evaluate(async () => {
    for (const image of Array.from(document.images)) {
      image.scrollIntoView({ block: 'center' });
      // One frame: the browser sees the picture near the viewport and starts loading it.
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    window.scrollTo(0, 0);
  });
  await expect
    .poll(
      () =>
        page.evaluate(() =>
          Array.from(document.images)
            // Shown pictures only: one in a closed <details> (the share panel's QR code) has a box
            // but is never rendered, so a lazy one never loads.
            .filter((image) => image.checkVisibility())
            .filter((image) => !(image.complete && image.naturalWidth > 0))
            .map((image) => image.currentSrc || image.src),
        ),
      // Until they have loaded, however long a busy machine takes to render one (the QR code
      // is drawn per request): the test fails on a picture that never loads, not a slow one.
      { timeout: 60_000 },
    )
    .toEqual([]);
}

for (const width of [320, 390, 1280]) {
  for (const { name, url, current } of PAGES) {
    test(`${name} at ${width} px: fits, marks its channel, reaches every channel, footer at the bottom`, async ({
      page,
    }, testInfo) => {
      await page.setViewportSize({ width, height: width < 800 ? 740 : 900 });
      const response = await page.goto(url);
      expect(response?.status()).toBe(name === 'not found' ? 404 : 200);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, 'horizontal overflow').toBeLessThanOrEqual(0);

      const bar = page.getByRole('navigation', { name: '栏目导航' });
      const marked = bar.locator('a[aria-current="page"]');
      if (current) {
        await expect(marked.first()).toBeVisible();
        await expect(marked.first()).toHaveAttribute('href', current);
      } else {
        await expect(marked).toHaveCount(0);
      }

      // Every channel is a visible link inside the screen: in the bar, or in the 栏目 menu.
      const menu = bar.locator('details');
      if (await menu.isVisible()) await menu.locator('summary').click();
      for (const channel of CHANNELS) {
        const link = bar.getByRole('link', { name: channel, exact: true }).locator('visible=true');
        await expect(link.first(), channel).toBeVisible();
        const box = await link.first().boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= width, `${channel} on screen`).toBe(true);
      }
      if (await menu.isVisible()) await menu.locator('summary').click();
      const search = page.getByRole('search', { name: '站内搜索' });
      const searchBox = await search.boundingBox();
      expect(searchBox && searchBox.x + searchBox.width <= width, 'search box fits').toBe(true);

      // The footer ends the page, and on a short page it sits at the bottom of the window.
      const { footerBottom, pageHeight, windowHeight } = await page.evaluate(() => ({
        footerBottom: document.querySelector('body > footer')!.getBoundingClientRect().bottom,
        pageHeight: document.documentElement.scrollHeight,
        windowHeight: window.innerHeight,
      }));
      expect(Math.round(footerBottom)).toBe(pageHeight);
      expect(pageHeight).toBeGreaterThanOrEqual(windowHeight);

      if (width !== 320) {
        // Screenshots of every page type at 390 and 1280 px, kept with the test results.
        await loadEverything(page);
        const file = testInfo.outputPath(`${name.replace(/\s+/g, '-')}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        await testInfo.attach(`${name} at ${width} px`, { path: file, contentType: 'image/png' });
      }
    });
  }
}

// Issue 24: a phone's first frame styles, lays out and paints the first screen, not the blocks
// far below it (content-visibility: auto), which are rendered as the reader scrolls near them.
test('article on a phone: the related list, side lists and footer wait until scrolled near', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 740 });
  await page.goto('/articles/chengdu-wuhou-minzu-tuanjie');
  const blocks = ['.related-box', '.page-grid > aside', 'body > footer'];
  const skipped = () =>
    page.evaluate(
      (selectors) =>
        selectors.map((selector) => {
          const block = document.querySelector(selector)!;
          const first = block.querySelector('a, h2, p')!;
          return {
            selector,
            contentVisibility: getComputedStyle(block).contentVisibility,
            // Skipped content is not rendered but stays in the page (find in page, focus, screen
            // readers): only this option of checkVisibility() tells it apart.
            rendered: first.checkVisibility({ contentVisibilityAuto: true }),
            inPage: first.checkVisibility(),
          };
        }),
      blocks,
    );
  expect(await skipped()).toEqual(
    blocks.map((selector) => ({
      selector,
      contentVisibility: 'auto',
      rendered: false,
      inPage: true,
    })),
  );
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect
    .poll(async () => (await skipped()).map((block) => block.rendered))
    .toEqual([true, true, true]);
  // The footer's links are still read and reached without scrolling: by name, in the page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.locator('body > footer').getByRole('link').first()).toBeAttached();

  // On a wide screen the side lists stand beside the article, in the first screen.
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(
    await page.evaluate(
      () => getComputedStyle(document.querySelector('.page-grid > aside')!).contentVisibility,
    ),
  ).toBe('visible');
});
