import { expect, test } from '@playwright/test';

// 联系我们 shows the newsroom's details from config/site.ts (siteConfig.contact), not a placeholder.
test('the contact page lists the newsroom address, telephone and a mailbox per kind of letter', async ({
  page,
}) => {
  await page.goto('/pages/contact');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('联系我们');
  const details = page.getByTestId('contact-details');
  await expect(details).toContainText('服务粉丝新闻网编辑部');
  await expect(details).toContainText('北京市东城区示例大街 1 号');
  await expect(details.getByRole('link', { name: /010-12345678/ })).toHaveAttribute(
    'href',
    'tel:010-12345678',
  );
  for (const [label, address] of [
    ['新闻线索邮箱', 'tips@example.com'],
    ['投稿邮箱', 'tougao@example.com'],
    ['更正与投诉邮箱', 'jiucuo@example.com'],
    ['版权与合作邮箱', 'hezuo@example.com'],
  ] as const) {
    await expect(details).toContainText(label);
    await expect(details.getByRole('link', { name: address })).toHaveAttribute(
      'href',
      `mailto:${address}`,
    );
  }
  await expect(page.locator('article')).not.toContainText('由网站运营方在部署时填写');
});
