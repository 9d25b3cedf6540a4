import { describe, expect, it } from 'vitest';
import { compileBody } from './compile-body';

const renderMarkdown = async (markdown: string) => (await compileBody(markdown)).html;

describe('article Markdown', () => {
  it('renders GFM tables and lists', async () => {
    const html = await renderMarkdown('| 地区 | 数量 |\n| --- | --- |\n| 武侯 | 8 |\n\n- 一\n- 二');
    expect(html).toContain('<table>');
    expect(html).toContain('<li>一</li>');
  });
  it('gives headings anchors, Chinese included', async () => {
    const html = await renderMarkdown('## 铸牢共同体意识');
    expect(html).toContain('id="h-铸牢共同体意识"');
    expect(html).toContain('href="#h-铸牢共同体意识"');
  });
  it('names each heading anchor after its heading and keeps it in the tab order', async () => {
    const html = await renderMarkdown('## 铸牢**共同体**意识');
    expect(html).toMatch(/<a [^>]*aria-label="本节链接：铸牢共同体意识"[^>]*>#<\/a>/);
    expect(html).not.toMatch(/<a [^>]*(tabindex|aria-hidden)/);
  });
  it('prefixes heading ids, so that no heading repeats an id of the page or names a global', async () => {
    const html = await renderMarkdown('## main\n\n## __next_f\n\n## site-search\n\n## main');
    expect(html).not.toMatch(/id="(main|__next_f|site-search)"/);
    expect(html).toContain('id="h-main"');
    expect(html).toContain('id="h-main-1"');
    expect(html).toContain('id="h-__next_f"');
  });
  it('keeps translate="no", the 繁體 edition’s mark for a fixed name, and no other value', async () => {
    const html = await renderMarkdown(
      '记者<span translate="no">于谦</span>报道，<span translate="yes">网络</span>',
    );
    expect(html).toContain('<span translate="no">于谦</span>');
    expect(html).toContain('<span>网络</span>');
  });
  it('turns an image with a title into a figure with a caption', async () => {
    const html = await renderMarkdown('![石榴树](/images/a.jpg "社区里的石榴树")');
    expect(html).toMatch(
      /<figure><img src="\/images\/a.jpg" alt="石榴树"[^>]*><figcaption>社区里的石榴树<\/figcaption><\/figure>/,
    );
  });
  it('gives a picture of the site its width and height, and leaves unknown ones without', async () => {
    const sizes = (src: string) =>
      src === '/images/图.jpg' ? { width: 1200, height: 800, bytes: 1 } : undefined;
    const known = await compileBody('![图](/images/%E5%9B%BE.jpg "图注")', sizes);
    expect(known.html).toContain('width="1200" height="800" loading="lazy" decoding="async"');
    const unknown = await compileBody('![图](/images/b.jpg "图注")', sizes);
    expect(unknown.html).not.toContain('width=');
  });
  it.each([
    ['<script>alert(1)</script>', /<script/i],
    ['<img src="x" onerror="alert(1)">', /onerror/i],
    ['<a href="javascript:alert(1)">x</a>', /javascript:/i],
    ['[x](javascript:alert(1))', /javascript:/i],
    ['<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ['<svg><script>alert(1)</script></svg>', /<script|<svg/i],
    ['<div style="background:url(javascript:alert(1))">x</div>', /style=|javascript:/i],
    ['<p onclick="alert(1)">点我</p>', /onclick/i],
  ])('sanitises %s', async (input, forbidden) => {
    const html = await renderMarkdown(`正文\n\n${input}\n`);
    expect(html).not.toMatch(forbidden);
  });
  it('keeps harmless HTML such as <sup>', async () => {
    expect(await renderMarkdown('水<sub>2</sub>')).toContain('<sub>2</sub>');
  });
});
