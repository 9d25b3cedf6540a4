import { expect, test } from '@playwright/test';

// 最新文章 (滚动) on the home page, as people.cn and thepaper.cn have it: the newest articles in
// time order, with their channel and time, without repeating 头条 and 要闻.
test('the home page lists 最新文章 newest first, without 头条 and 要闻', async ({ page }) => {
  await page.goto('/');
  const latest = page.getByRole('region', { name: '最新文章' });
  await expect(latest).toBeVisible();
  const items = latest.getByRole('listitem');
  await expect(items).not.toHaveCount(0);
  // The newest story of the sample site at the suite's clock, in 时政 > 法治 at 2024-01-24 10:00.
  await expect(items.first()).toContainText('多措并举助企发展 打造一流法治化营商环境');
  await expect(items.first()).toContainText('[法治]');
  await expect(items.first()).toContainText('1月24日 10:00');

  const titles = await items.getByRole('link').allTextContents();
  const above = [
    ...(await page.getByTestId('headlines').getByRole('link').allTextContents()),
    ...(await page.getByRole('region', { name: '要闻' }).getByRole('link').allTextContents()),
  ];
  expect(above.length).toBeGreaterThan(1);
  for (const title of titles) expect(above, title).not.toContain(title);

  const times = await latest
    .locator('time')
    .evaluateAll((nodes) => nodes.map((node) => Date.parse(node.getAttribute('datetime') ?? '')));
  expect(times).toHaveLength(titles.length);
  expect([...times].sort((a, b) => b - a)).toEqual(times);
});
