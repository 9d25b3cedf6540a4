import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { summary } from '@/lib/content/test-fixtures';
import { buildNewsSitemap, newsSitemapArticles } from './news-sitemap';

const at = new Date('2024-01-24T12:00:00.000Z');
const hoursAgo = (hours: number) => new Date(at.getTime() - hours * 3600_000).toISOString();
const options = { at, siteUrl: 'https://news.example.com', publicationName: '服务粉丝' };

describe('news sitemap', () => {
  it('includes an article exactly 48 hours old and excludes one a second older', () => {
    const list = [
      summary({ slug: 'edge', date: hoursAgo(48) }),
      summary({ slug: 'old', date: new Date(at.getTime() - 48 * 3600_000 - 1000).toISOString() }),
    ];
    expect(newsSitemapArticles(list, at).map((a) => a.slug)).toEqual(['edge']);
  });

  it('keeps at most 1,000 of 1,001 fresh articles, the newest', () => {
    const list = Array.from({ length: 1001 }, (_, i) =>
      summary({ slug: `a-${i}`, date: new Date(at.getTime() - i * 60_000).toISOString() }),
    );
    const kept = newsSitemapArticles(list, at);
    expect(kept).toHaveLength(1000);
    expect(kept.at(-1)?.slug).toBe('a-999');
  });

  it('writes readable UTF-8 Chinese, escaped markup, +08:00 dates and the publication', () => {
    const xml = buildNewsSitemap(
      [summary({ slug: 'x', title: '武侯区 <民族> & “团结”', date: hoursAgo(1) })],
      options,
    );
    expect(xml).toContain('<news:title>武侯区 &lt;民族&gt; &amp; “团结”</news:title>');
    expect(xml).not.toMatch(/&#\d+;/);
    const parsed = new XMLParser().parse(xml ?? '');
    const url = parsed.urlset.url;
    expect(url.loc).toBe('https://news.example.com/articles/x');
    expect(url['news:news']['news:publication']).toEqual({
      'news:name': '服务粉丝',
      'news:language': 'zh-cn',
    });
    expect(url['news:news']['news:publication_date']).toBe('2024-01-24T19:00:00+08:00');
  });

  it('is not written when nothing is fresh: an empty urlset is invalid', () => {
    expect(buildNewsSitemap([], options)).toBeUndefined();
    expect(
      buildNewsSitemap([summary({ slug: 'old', date: hoursAgo(49) })], options),
    ).toBeUndefined();
    const xml = buildNewsSitemap([summary({ slug: 'new', date: hoursAgo(47) })], options);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml ?? '');
    expect(parsed.urlset['@_xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(parsed.urlset.url.loc).toBe('https://news.example.com/articles/new');
  });
});
