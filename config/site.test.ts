import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteConfig } from './site';

describe('siteConfig', () => {
  it('holds the same colours as the stylesheet, so the OG card and theme-color match the site', () => {
    const css = readFileSync(path.join(__dirname, '..', 'app', 'globals.css'), 'utf8');
    const theme = (name: string) =>
      new RegExp(`--color-${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(css)?.[1]?.toLowerCase();
    expect(theme('brand')).toBe(siteConfig.colors.brand);
    expect(theme('brand-dark')).toBe(siteConfig.colors.brandDark);
    expect(theme('ink')).toBe(siteConfig.colors.ink);
    expect(theme('muted')).toBe(siteConfig.colors.muted);
  });
});
