import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

// One page of every type the site renders.
const PAGES: Record<string, string> = {
  home: '/',
  article: '/articles/chengdu-wuhou-minzu-tuanjie',
  category: '/category/qinggan',
  'category page 2': '/category/shehui/page/2',
  'sub-channel': '/category/qinggan/gushi',
  tag: '/tags/%E6%B0%91%E6%97%8F%E5%9B%A2%E7%BB%93',
  'search results': `/search?q=${encodeURIComponent('民族团结')}`,
  hot: '/hot',
  'tag index': '/tags',
  'site document': '/pages/about',
  'not found': '/no-such-page',
};

test('every page type is valid HTML for the Nu HTML checker', async ({ request }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'vnu-'));
  const files: string[] = [];
  for (const [name, url] of Object.entries(PAGES)) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(name === 'not found' ? 404 : 200);
    const file = path.join(dir, `${name.replace(/\s+/g, '-')}.html`);
    writeFileSync(file, await response.text());
    files.push(file);
  }
  const jar = createRequire(import.meta.url)('vnu-jar') as string;
  // --exit-zero-always: the messages are judged below, with their page and line.
  const output = execFileSync(
    'java',
    ['-jar', jar, '--format', 'json', '--stdout', '--exit-zero-always', ...files],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const { messages } = JSON.parse(output) as {
    messages: { type: string; url: string; lastLine?: number; message: string }[];
  };
  const errors = messages
    .filter((message) => message.type === 'error')
    .map((message) => `${path.basename(message.url)}:${message.lastLine}: ${message.message}`);
  expect(errors).toEqual([]);
});

for (const width of [390, 1280]) {
  for (const [name, url] of Object.entries(PAGES)) {
    test(`axe finds nothing on the ${name} page at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(url);
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(
        violations.map((violation) => ({
          id: violation.id,
          impact: violation.impact,
          nodes: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
        })),
      ).toEqual([]);
    });
  }
}

test('the search page has one of each id and two search forms with their own names', async ({
  page,
}) => {
  await page.goto(PAGES['search results'] as string);
  const ids = await page.locator('[id]').evaluateAll((nodes) => nodes.map((node) => node.id));
  expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  const names = await page
    .getByRole('search')
    .evaluateAll((forms) => forms.map((form) => form.getAttribute('aria-label')));
  expect(names).toHaveLength(2);
  expect(names.every(Boolean)).toBe(true);
  expect(new Set(names).size).toBe(2);
});

for (const [name, url] of Object.entries(PAGES)) {
  test(`no two landmarks share a name on the ${name} page`, async ({ page }) => {
    await page.goto(url);
    const named = await page
      .locator('section[aria-labelledby], section[aria-label], nav, aside, form[role="search"]')
      .evaluateAll((nodes) =>
        nodes.map((node) => {
          const labelledBy = node.getAttribute('aria-labelledby');
          const label = labelledBy
            ? document.getElementById(labelledBy)?.textContent
            : node.getAttribute('aria-label');
          return `${node.tagName}:${label ?? ''}`;
        }),
      );
    const labelled = named.filter((entry) => !entry.endsWith(':'));
    expect(labelled.filter((entry, index) => labelled.indexOf(entry) !== index)).toEqual([]);
  });
}

test('social cards have alt text for Twitter too', async ({ page }) => {
  for (const url of [PAGES.home, PAGES.article] as string[]) {
    await page.goto(url);
    const alt = page.locator('meta[name="twitter:image:alt"]');
    await expect(alt).toHaveCount(1);
    expect(await alt.getAttribute('content')).toBeTruthy();
  }
});

test('/favicon.ico is an icon', async ({ request }) => {
  const response = await request.get('/favicon.ico');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
  expect((await response.body()).readUInt16LE(2)).toBe(1);
});
