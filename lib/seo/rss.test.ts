import { execFileSync } from 'node:child_process';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { summary } from '@/lib/content/test-fixtures';
import { absolutizeHtml, buildRss } from './rss';

const channel = {
  title: '服务粉丝',
  description: '描述',
  siteUrl: 'https://news.example.com',
  feedUrl: 'https://news.example.com/feed.xml',
  link: 'https://news.example.com/',
  copyright: '© 2024 服务粉丝',
  image: 'https://news.example.com/logo.png',
  language: 'zh-CN',
};

describe('buildRss', () => {
  const article = {
    ...summary({
      slug: 'a',
      title: '民族团结 & 进步',
      category: 'qinggan/gushi',
      authors: ['张晓雨'],
      excerpt: '摘要',
    }),
    html: '<p>正文<a href="/articles/b">链接</a><img src="/images/x.png" alt=""></p>',
  };
  const xml = buildRss(channel, [article], { 'qinggan/gushi': '故事' });
  const item = new XMLParser({ ignoreAttributes: false }).parse(xml).rss.channel.item;

  it('carries title, link, summary, date, category and author', () => {
    expect(item.title).toBe('民族团结 & 进步');
    expect(item.link).toBe('https://news.example.com/articles/a');
    expect(item.description).toBe('摘要');
    expect(new Date(item.pubDate).toISOString()).toBe('2024-01-24T00:00:00.000Z');
    expect(item.category).toBe('故事');
    expect(JSON.stringify(item)).toContain('张晓雨');
  });
  it('puts the full body, with absolute links, in content:encoded', () => {
    expect(item['content:encoded']).toContain('href="https://news.example.com/articles/b"');
    expect(item['content:encoded']).toContain('src="https://news.example.com/images/x.png"');
  });
});

describe('buildRss with hostile text', () => {
  const body = '<p>a ]]> b ]]> c\u0001\uFFFF\uD800</p>';
  const article = {
    ...summary({ slug: 'a', title: '标题 ]]> 一 ]]> 二\u0008', excerpt: '摘要 ]]> ]]>\u000B' }),
    html: body,
  };
  const xml = buildRss(channel, [article, { ...article, slug: 'b' }], {});

  it('stays well-formed XML with several "]]>" and characters XML forbids (xmllint)', () => {
    expect(() =>
      execFileSync('xmllint', ['--noout', '-'], { input: xml, stdio: ['pipe', 'pipe', 'pipe'] }),
    ).not.toThrow();
  });
  it('gives readers the text back exactly, less the forbidden characters', () => {
    const items = new XMLParser().parse(xml).rss.channel.item as Record<string, string>[];
    expect(items[0]?.title).toBe('标题 ]]> 一 ]]> 二');
    expect(items[0]?.description).toBe('摘要 ]]> ]]>');
    expect(items[1]?.['content:encoded']).toBe('<p>a ]]> b ]]> c</p>');
  });
});

describe('absolutizeHtml', () => {
  it('leaves protocol-relative and absolute URLs alone', () => {
    expect(absolutizeHtml('<a href="//cdn.example/x">', 'https://s')).toBe(
      '<a href="//cdn.example/x">',
    );
    expect(absolutizeHtml('<a href="#top">', 'https://s')).toBe('<a href="#top">');
  });
});
