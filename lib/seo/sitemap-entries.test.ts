import { describe, expect, it } from 'vitest';
import { summary } from '@/lib/content/test-fixtures';
import { SitemapBuilder, type ISitemapField } from 'next-sitemap';
import {
  articleEntry,
  articleUrlsXml,
  sitemapEntries,
  sitemapFilePaths,
  withEditions,
} from './sitemap-entries';

describe('sitemapEntries', () => {
  const articles = [
    summary({
      slug: 'b',
      date: '2024-01-24T00:00:00Z',
      category: 'qinggan/gushi',
      tags: ['民族团结'],
      updated: '2024-02-01T02:00:00Z',
    }),
    summary({
      slug: 'a',
      date: '2024-01-20T00:00:00Z',
      category: 'caijing',
      tags: ['民族团结', 'A&B'],
    }),
  ];
  const categories = [
    { path: 'qinggan', name: '情感', description: '', order: 1 },
    { path: 'qinggan/gushi', name: '故事', description: '', order: 1, parent: 'qinggan' },
    { path: 'wenhua', name: '文化', description: '', order: 2 },
    { path: 'caijing', name: '财经', description: '', order: 3 },
  ];
  const entries = sitemapEntries(articles, categories, 'https://news.example.com');
  const locs = entries.map((entry) => entry.loc);

  it('lists home, non-empty categories, tags and articles with absolute URLs', () => {
    expect(locs).toEqual([
      'https://news.example.com/',
      'https://news.example.com/category/qinggan',
      'https://news.example.com/category/qinggan/gushi',
      'https://news.example.com/category/caijing',
      'https://news.example.com/tags/%E6%B0%91%E6%97%8F%E5%9B%A2%E7%BB%93',
      'https://news.example.com/tags/A%26B',
      'https://news.example.com/articles/b',
      'https://news.example.com/articles/a',
    ]);
  });
  it('takes lastmod from updated or date in +08:00, not the build time', () => {
    expect(entries.find((e) => e.loc.endsWith('/articles/b'))?.lastmod).toBe(
      '2024-02-01T10:00:00+08:00',
    );
    expect(entries.find((e) => e.loc.endsWith('/articles/a'))?.lastmod).toBe(
      '2024-01-20T08:00:00+08:00',
    );
    expect(entries[0]?.lastmod).toBe('2024-02-01T10:00:00+08:00');
  });
});

describe('withEditions', () => {
  it('lists each page in 简体 and 繁體, both naming both editions and x-default', () => {
    const [hans, hant] = withEditions(
      [{ loc: 'https://news.example.com/tags/A%26B', lastmod: '2024-01-20T08:00:00+08:00' }],
      'https://news.example.com',
    );
    const alternateRefs = [
      { hreflang: 'zh-Hans', href: 'https://news.example.com/tags/A%26B' },
      { hreflang: 'zh-Hant', href: 'https://news.example.com/zh-hant/tags/A%26B' },
      { hreflang: 'x-default', href: 'https://news.example.com/tags/A%26B' },
    ];
    expect(hans).toEqual({
      loc: 'https://news.example.com/tags/A%26B',
      lastmod: '2024-01-20T08:00:00+08:00',
      alternateRefs,
    });
    expect(hant).toEqual({ ...hans, loc: 'https://news.example.com/zh-hant/tags/A%26B' });
    expect(
      withEditions([{ loc: 'https://news.example.com/' }], 'https://news.example.com')[1]?.loc,
    ).toBe('https://news.example.com/zh-hant');
  });
});

describe('sitemapFilePaths', () => {
  it('lists the news sitemap only while it has entries', () => {
    expect(sitemapFilePaths(2, true)).toEqual([
      '/sitemaps/0.xml',
      '/sitemaps/1.xml',
      '/news-sitemap.xml',
    ]);
    expect(sitemapFilePaths(1, false)).toEqual(['/sitemaps/0.xml']);
  });
});

describe('articleUrlsXml', () => {
  it("writes exactly what next-sitemap's builder writes for the articles in both editions", () => {
    const links = [
      { slug: 'chengdu-wuhou-minzu-tuanjie', lastModified: '2024-01-24T10:00:00+08:00' },
      { slug: 'a1', lastModified: '2024-01-25T09:30:00.000Z' },
      { slug: '2024-liang-hui', lastModified: '' },
    ];
    for (const siteUrl of [
      'https://news.example.com',
      'http://127.0.0.1:3210/',
      'https://例子.中国',
    ]) {
      const builder = new SitemapBuilder();
      const empty = builder.buildSitemapXml([]);
      const whole = builder.buildSitemapXml(
        withEditions(
          links.map((link) => articleEntry(link, siteUrl)),
          siteUrl,
        ) as ISitemapField[],
      );
      const body = whole.slice(
        empty.length - '</urlset>'.length,
        whole.length - '</urlset>'.length,
      );
      expect(articleUrlsXml(links, siteUrl).join(''), siteUrl).toBe(body);
    }
  });
});
