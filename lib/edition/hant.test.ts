import { describe, expect, it } from 'vitest';
import { hansHref, hantHref, languageAlternates } from './edition';
import { hantFeed, hantHtml, hantJsonLd, toHans, toHant } from './hant';

describe('toHant', () => {
  it('converts whole phrases with the Taiwan tables, not character by character', () => {
    expect(toHant('我们的软件在网络上下载')).toBe('我們的軟體在網路上下載');
    expect(toHant('头发很干净')).toBe('頭髮很乾淨');
  });

  it('leaves text without Chinese characters alone', () => {
    expect(toHant('5G, 2024 & <b>')).toBe('5G, 2024 & <b>');
  });

  it('folds a 繁體 query back to 简体 for the index', () => {
    expect(toHans('軟體 網路 經濟')).toBe('软件 网络 经济');
  });
});

describe('hantHtml', () => {
  it('converts text and people-read attributes, never URLs, ids, classes or values', () => {
    const html =
      '<p class="网络" id="h-软件"><a href="/tags/软件" title="软件">软件</a>' +
      '<img src="/images/网络.jpg" alt="网络"><input value="软件" placeholder="搜索软件"></p>';
    expect(hantHtml(html)).toBe(
      '<p class="网络" id="h-软件"><a href="/zh-hant/tags/软件" title="軟體">軟體</a>' +
        '<img src="/images/网络.jpg" alt="網路"><input value="软件" placeholder="搜尋軟體"></p>',
    );
  });

  it('leaves code blocks and inline code as they are', () => {
    const html =
      '<p>软件</p><pre><code>const 软件 = "网络";</code></pre><p><code>网络</code>网络</p>';
    expect(hantHtml(html)).toBe(
      '<p>軟體</p><pre><code>const 软件 = "网络";</code></pre><p><code>网络</code>網路</p>',
    );
  });

  it('leaves names editors marked translate="no", nested markup included', () => {
    const html = '<p>记者<span translate="no">于谦<b>干</b></span>报道软件</p>';
    expect(hantHtml(html)).toBe('<p>記者<span translate="no">于谦<b>干</b></span>報道軟體</p>');
  });

  it('points the site’s pages to the 繁體 edition, and nothing else', () => {
    const html =
      '<a href="/">首页</a><a href="/articles/a-b?x=1&amp;y=2#c">文</a><a href="/og/a.png">图</a>' +
      '<a href="https://example.com/articles/x">外</a><form action="/search"></form>' +
      '<a href="/articles/a/qr.svg">码</a><a href="/sitemap.xml">图</a><a href="#main">跳</a>' +
      '<a href="/articles/a" hreflang="zh-Hans" lang="zh-Hans">简体</a>';
    expect(hantHtml(html)).toBe(
      '<a href="/zh-hant">首頁</a><a href="/zh-hant/articles/a-b?x=1&amp;y=2#c">文</a>' +
        '<a href="/og/a.png">圖</a><a href="https://example.com/articles/x">外</a>' +
        '<form action="/zh-hant/search"></form><a href="/articles/a/qr.svg">碼</a>' +
        '<a href="/sitemap.xml">圖</a><a href="#main">跳</a>' +
        '<a href="/articles/a" hreflang="zh-Hans" lang="zh-Hans">简体</a>',
    );
  });

  it('converts JSON-LD text, moves its own URLs and says the language', () => {
    const json =
      '{"@type":"NewsArticle","headline":"软件","url":"https://s.cn/articles/x","inLanguage":"zh-CN","image":["https://s.cn/og/x.png"]}';
    const out = JSON.parse(hantJsonLd(json, 'https://s.cn')) as Record<string, unknown>;
    expect(out).toEqual({
      '@type': 'NewsArticle',
      headline: '軟體',
      url: 'https://s.cn/zh-hant/articles/x',
      inLanguage: 'zh-Hant',
      image: ['https://s.cn/og/x.png'],
    });
    const html = `<script type="application/ld+json">${json}</script><p>软件</p>`;
    expect(hantHtml(html, 'https://s.cn')).toContain('"headline":"軟體"');
    expect(hantHtml(html, 'https://s.cn')).toContain('<p>軟體</p>');
  });

  it('gives the share box the 繁體 address of the page', () => {
    expect(hantHtml('<input readonly value="https://s.cn/articles/x">', 'https://s.cn')).toBe(
      '<input readonly value="https://s.cn/zh-hant/articles/x">',
    );
  });

  it('keeps escaped attribute values escaped', () => {
    const html = '<a href="/search?q=%E8%BD%AF" title="a &quot;软件&quot; &lt;b&gt;">x</a>';
    expect(hantHtml(html)).toBe(
      '<a href="/zh-hant/search?q=%E8%BD%AF" title="a &quot;軟體&quot; &lt;b>">x</a>',
    );
  });
});

describe('edition URLs', () => {
  it('maps pages both ways and gives hreflang alternates', () => {
    expect(hantHref('/')).toBe('/zh-hant');
    expect(hantHref('/zh-hant/hot')).toBe('/zh-hant/hot');
    expect(hantHref('/feed.xml')).toBe('/zh-hant/feed.xml');
    expect(hantHref('/category/shizheng/feed.xml')).toBe('/category/shizheng/feed.xml');
    expect(hansHref('/zh-hant')).toBe('/');
    expect(hansHref('/zh-hant?q=1')).toBe('/?q=1');
    expect(hansHref('/zh-hant/articles/x')).toBe('/articles/x');
    expect(languageAlternates('/tags/经济', 'https://s.cn')).toEqual({
      'zh-Hans': 'https://s.cn/tags/%E7%BB%8F%E6%B5%8E',
      'zh-Hant': 'https://s.cn/zh-hant/tags/%E7%BB%8F%E6%B5%8E',
      'x-default': 'https://s.cn/tags/%E7%BB%8F%E6%B5%8E',
    });
  });
});

describe('hantFeed', () => {
  it('converts a feed’s text and bodies, moves its page links, keeps files and code', () => {
    const xml =
      '<rss><channel><title><![CDATA[服务粉丝]]></title><link>https://s.cn/</link>' +
      '<language>zh-CN</language><item><link>https://s.cn/articles/%E8%BD%AF</link>' +
      '<content:encoded><![CDATA[<p>软件<code>软件</code><img src="https://s.cn/images/a.jpg"></p>]]></content:encoded>' +
      '</item></channel></rss>';
    expect(hantFeed(xml, 'https://s.cn')).toBe(
      '<rss><channel><title><![CDATA[服務粉絲]]></title><link>https://s.cn/zh-hant</link>' +
        '<language>zh-Hant</language><item><link>https://s.cn/zh-hant/articles/%E8%BD%AF</link>' +
        '<content:encoded><![CDATA[<p>軟體<code>软件</code><img src="https://s.cn/images/a.jpg"></p>]]></content:encoded>' +
        '</item></channel></rss>',
    );
  });
});
