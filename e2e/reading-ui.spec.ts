import { expect, test, type Page } from '@playwright/test';

// The page defects of issue 23 §5 that a reader sees and touches: the header, the lead headline,
// search results, heading anchors, 相关阅读, the 栏目 menu and the share panel.
const SEED = '/articles/chengdu-wuhou-minzu-tuanjie';
const SLOGAN = '我们一直在努力';

type Box = { x: number; y: number; width: number; height: number };

/** The page script (lib/render/page-script.mjs) has run: it has added the share panel's copy button. */
async function controlsReady(page: Page) {
  await expect(page.locator('.share-copy > button')).toBeAttached();
}

for (const width of [320, 390, 768, 1280]) {
  test(`the slogan shows at most once at ${width} px, and once from 640 px up`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/');
    const shown = page.locator('header').getByText(SLOGAN, { exact: true }).locator('visible=true');
    await expect(shown).toHaveCount(width >= 640 ? 1 : 0);
  });
}

test('at 320 px the lead headline leaves its picture in view; at 1280 px the title is over it', async ({
  page,
}) => {
  const overlap = async () => {
    const lead = page.getByTestId('headlines');
    const picture = (await lead.locator('img').boundingBox()) as Box;
    const title = (await lead.locator('h2 span').boundingBox()) as Box;
    const covered = Math.max(
      0,
      Math.min(picture.y + picture.height, title.y + title.height) - Math.max(picture.y, title.y),
    );
    return covered / picture.height;
  };
  await page.setViewportSize({ width: 320, height: 740 });
  await page.goto('/');
  expect(await overlap()).toBeLessThanOrEqual(0.25);
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(await overlap()).toBeGreaterThan(0);
});

for (const width of [320, 390]) {
  test(`search results at ${width} px: the snippet runs the width of the page, not a column beside the picture`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 740 });
    await page.goto(`/search?q=${encodeURIComponent('民族团结')}`);
    const results = page.getByTestId('search-results').locator('article');
    await expect(results.first()).toBeVisible();
    const snippets = await results.evaluateAll((articles) =>
      articles.map((article) => {
        const snippet = article.querySelector('h2 + p') as HTMLElement;
        return {
          width: snippet.getBoundingClientRect().width,
          lines: Math.round(
            snippet.getBoundingClientRect().height /
              parseFloat(getComputedStyle(snippet).lineHeight),
          ),
          thumbnail: Boolean(article.querySelector('.thumb img')),
        };
      }),
    );
    expect(snippets.some((snippet) => snippet.thumbnail)).toBe(true);
    for (const snippet of snippets) {
      // Beside a 112 px thumbnail it was 51% of the width at 320 px and 60% at 390 px.
      expect(snippet.width).toBeGreaterThanOrEqual(0.75 * width);
      expect(snippet.lines).toBeLessThanOrEqual(8);
    }
  });
}

test('search without a query: one search box and a way to browse instead', async ({ page }) => {
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/search');
    await expect(page.getByRole('search')).toHaveCount(1);
    const prompt = page.getByTestId('search-empty');
    await expect(prompt).toContainText('请输入关键词');
    await expect(prompt).not.toContainText('试试更短的关键词');
    await expect(prompt.getByRole('link', { name: '时政', exact: true })).toHaveAttribute(
      'href',
      '/category/shizheng',
    );
  }
  // With a query the header's box is there again, beside the page's own.
  await page.goto(`/search?q=${encodeURIComponent('民族团结')}`);
  await expect(page.getByRole('search')).toHaveCount(2);
});

test('heading anchors on site documents are out of sight until hovered or focused, and reachable by keyboard', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/pages/about');
  const heading = page.locator('.article-body h2').first();
  const name = (await heading.innerText()).replace(/#$/, '').trim();
  const anchor = page.getByRole('link', { name: `本节链接：${name}` });
  const opacity = () => anchor.evaluate((node) => getComputedStyle(node).opacity);
  const underline = () => anchor.evaluate((node) => getComputedStyle(node).textDecorationLine);
  await expect(anchor).toHaveAttribute('href', /^#h-/);
  expect(await opacity()).toBe('0');
  expect(await underline()).toBe('none');
  await heading.hover();
  await expect.poll(opacity).toBe('1');
  await page.mouse.move(0, 0);
  await expect.poll(opacity).toBe('0');
  // Tab through the page until the anchor has focus: it is in the tab order, and then shown.
  for (let i = 0; i < 60; i += 1) {
    if (await anchor.evaluate((node) => node === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  await expect(anchor).toBeFocused();
  await expect.poll(opacity).toBe('1');
});

for (const width of [390, 1280]) {
  test(`相关阅读 at ${width} px: every row lines up, with a picture or without`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(SEED);
    const rows = await page
      .getByTestId('related')
      .locator('article')
      .evaluateAll((articles) =>
        articles.map((article) => {
          const title = article.querySelector('h3')!.getBoundingClientRect();
          const thumb = article.querySelector('.thumb')?.getBoundingClientRect();
          return {
            left: Math.round(title.left),
            right: Math.round(title.right),
            thumb: thumb && { left: Math.round(thumb.left), width: Math.round(thumb.width) },
            picture: Boolean(article.querySelector('.thumb img')),
          };
        }),
      );
    // The seed's related articles include one without a cover (2023年金昌城乡融合加快推进).
    expect(rows.some((row) => !row.picture)).toBe(true);
    expect(rows.some((row) => row.picture)).toBe(true);
    const first = rows[0]!;
    for (const row of rows) {
      expect(row.left).toBe(first.left);
      expect(row.right).toBe(first.right);
      expect(row.thumb).toEqual(first.thumb);
    }
  });
}

test.describe('the 栏目 menu on a phone', () => {
  test.use({ viewport: { width: 390, height: 800 } });

  test('every link in it is at least 44 px high', async ({ page }) => {
    await page.goto('/');
    await page.locator('details.nav-menu > summary').click();
    const links = page.locator('details.nav-menu li a');
    await expect(links.first()).toBeVisible();
    const heights = await links.evaluateAll((nodes) =>
      nodes.map((node) => [node.textContent, node.getBoundingClientRect().height] as const),
    );
    expect(heights.length).toBeGreaterThan(8);
    expect(heights.filter(([, height]) => height < 44)).toEqual([]);
  });

  test('Escape closes it and gives focus back to 栏目', async ({ page }) => {
    await page.goto(SEED);
    await controlsReady(page);
    const menu = page.locator('details.nav-menu');
    const summary = menu.locator('summary');
    await summary.click();
    await expect(menu).toHaveAttribute('open', '');
    await page.locator('details.nav-menu li a').first().focus();
    await page.keyboard.press('Escape');
    await expect(menu).not.toHaveAttribute('open');
    await expect(summary).toBeFocused();
  });

  test('the page behind it is shaded, and a tap on the shade closes it where it is', async ({
    page,
  }) => {
    await page.goto('/');
    const menu = page.locator('details.nav-menu');
    await menu.locator('summary').click();
    const shade = await menu
      .locator('summary')
      .evaluate((node) => getComputedStyle(node, '::before').backgroundColor);
    expect(shade).toMatch(/^rgba\(0, 0, 0, 0\.\d+\)$/);
    // Below the menu, over what would otherwise be a link of the page.
    const list = (await menu.locator('ul').boundingBox()) as Box;
    await page.mouse.click(200, Math.min(list.y + list.height + 40, 790));
    await expect(menu).not.toHaveAttribute('open');
    expect(new URL(page.url()).pathname).toBe('/');
  });
});

test.describe('the share panel', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('复制链接 puts the canonical URL on the clipboard and says 已复制', async ({ page }) => {
    await page.goto(SEED);
    await controlsReady(page);
    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    await page.locator('details.share > summary').click();
    const status = page.locator('.share-copy > [aria-live]');
    await expect(status).toHaveAttribute('aria-live', 'polite');
    await expect(status).toHaveText('');
    await page.getByRole('button', { name: '复制链接' }).click();
    await expect(status).toHaveText('已复制');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(canonical);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the share panel shows the link to copy by hand, and no button that would do nothing', async ({
    page,
    baseURL,
  }) => {
    await page.goto(SEED);
    await page.locator('details.share > summary').click();
    await expect(page.getByLabel(/复制链接/)).toHaveValue(`${baseURL}${SEED}`);
    await expect(page.getByRole('button', { name: '复制链接' })).toBeHidden();
  });

  test('the 栏目 menu opens and closes with its summary', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto('/');
    const menu = page.locator('details.nav-menu');
    await menu.locator('summary').click();
    await expect(menu.getByRole('link', { name: '法治' })).toBeVisible();
    await menu.locator('summary').click();
    await expect(menu).not.toHaveAttribute('open');
  });
});
