import { expect, type Page } from '@playwright/test';

/**
 * Waits until the page script (lib/render/page-script.mjs) has run, which is after the first
 * paint: Escape closes an open 栏目 menu only once it has (the menu is on every page, open or
 * hidden at any width). Escape is pressed again until it does.
 */
export async function pageScriptRan(page: Page) {
  const menu = page.locator('details.nav-menu');
  await menu.evaluate((details: HTMLDetailsElement) => (details.open = true));
  await expect
    .poll(async () => {
      await page.keyboard.press('Escape');
      return menu.evaluate((details: HTMLDetailsElement) => details.open);
    })
    .toBe(false);
}

/** In the page: whether React or the App Router's runtime is in it. */
export const reactInPage = () =>
  Boolean((window as { next?: unknown }).next) ||
  Object.keys(document.body).some((key) => key.startsWith('__react'));
