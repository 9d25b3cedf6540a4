import { describe, expect, it } from 'vitest';
import { documentLanguage } from './document.mjs';

const page = (island: string, body = '') =>
  `<!DOCTYPE html><html lang="zh-CN"><head><title>t</title></head><body><div hidden=""><!--$--><!--/$--></div><div id="iabc" class="contents"${island}>${body}</div></body></html>`;

describe('documentLanguage', () => {
  it('marks a 繁體 page’s document zh-Hant', () => {
    expect(documentLanguage(page(' lang="zh-Hant"'))).toMatch(
      /^<!DOCTYPE html><html lang="zh-Hant">/,
    );
  });

  it('leaves a 简体 page alone, even when its text has a zh-Hant passage', () => {
    const html = page('', '<p lang="zh-Hant">繁體</p><div id="x" class="contents" lang="zh-Hant">');
    expect(documentLanguage(html)).toBe(html);
  });
});
