import { describe, expect, it } from 'vitest';
import { summary } from '@/lib/content/test-fixtures';
import { breadcrumbJsonLd, newsArticleJsonLd, serializeJsonLd } from './json-ld';

const site = {
  name: '服务粉丝',
  url: 'https://news.example.com',
  logo: 'https://news.example.com/logo.png',
  description: '描述',
  slogan: '我们一直在努力',
  locale: 'zh-CN',
};

describe('serializeJsonLd', () => {
  const nasty = '标题</script><script>alert("x")</script>\u2028行\u2029段 & \'引号\'';
  const json = serializeJsonLd({ headline: nasty });

  it('cannot close the script element or open a tag', () => {
    expect(json).not.toMatch(/<|>/);
    expect(json).toContain('\\u003c/script\\u003e');
  });
  it('escapes line and paragraph separators', () => {
    expect(json).not.toMatch(/[\u2028\u2029]/);
    expect(json).toContain('\\u2028');
  });
  it('is still valid JSON that round-trips exactly', () => {
    expect(JSON.parse(json)).toEqual({ headline: nasty });
  });
});

describe('newsArticleJsonLd', () => {
  const article = summary({
    slug: 'a',
    title: '成都</script>',
    date: '2024-01-24T00:00:00.000Z',
    updated: '2024-01-25T01:00:00.000Z',
    authors: ['张晓雨'],
    tags: ['民族团结', '成都'],
    excerpt: '摘要',
  });
  const data = newsArticleJsonLd(article, {
    site,
    section: '故事',
    image: 'https://news.example.com/og.png',
  });

  it('carries the required fields with +08:00 dates', () => {
    expect(data).toMatchObject({
      '@type': 'NewsArticle',
      headline: '成都</script>',
      datePublished: '2024-01-24T08:00:00+08:00',
      dateModified: '2024-01-25T09:00:00+08:00',
      author: [{ '@type': 'Person', name: '张晓雨' }],
      publisher: { '@type': 'Organization', name: '服务粉丝', logo: { url: site.logo } },
      image: ['https://news.example.com/og.png'],
      articleSection: '故事',
      keywords: '民族团结,成都',
      inLanguage: 'zh-CN',
      mainEntityOfPage: { '@id': 'https://news.example.com/articles/a' },
      isAccessibleForFree: true,
    });
  });
  it('credits the source organisation when there are no reporters', () => {
    const noAuthors = newsArticleJsonLd(
      { ...article, authors: [], source: '新华每日电讯' },
      { site, section: '故事', image: 'x' },
    );
    expect(noAuthors.author).toEqual([{ '@type': 'Organization', name: '新华每日电讯' }]);
  });
});

describe('breadcrumbJsonLd', () => {
  it('numbers absolute items in order', () => {
    expect(
      breadcrumbJsonLd(
        [
          { label: '首页', href: '/' },
          { label: '情感', href: '/category/qinggan' },
        ],
        site.url,
      ),
    ).toEqual({
      '@context': 'https://schema.org',
      '@type': 'BreadcrumbList',
      itemListElement: [
        { '@type': 'ListItem', position: 1, name: '首页', item: 'https://news.example.com/' },
        {
          '@type': 'ListItem',
          position: 2,
          name: '情感',
          item: 'https://news.example.com/category/qinggan',
        },
      ],
    });
  });
});
