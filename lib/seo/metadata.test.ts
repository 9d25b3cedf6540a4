import { describe, expect, it } from 'vitest';
import { summary } from '@/lib/content/test-fixtures';
import { articleMetadata, pageMetadata } from './metadata';

const site = {
  name: '服务粉丝',
  url: 'https://news.example.com',
  defaultImage: 'https://news.example.com/og-default.png',
  locale: 'zh-CN',
};

describe('pageMetadata', () => {
  it('canonicalises page 2 to itself and marks it noindex, follow', () => {
    const meta = pageMetadata(site, {
      title: '情感',
      description: 'd',
      path: '/category/qinggan/page/2',
      noindex: true,
    });
    expect(meta.alternates?.canonical).toBe('https://news.example.com/category/qinggan/page/2');
    expect(meta.robots).toEqual({ index: false, follow: true });
  });
  it('has absolute OpenGraph and Twitter cards in zh_CN', () => {
    const meta = pageMetadata(site, { title: '情感', description: 'd', path: '/category/qinggan' });
    expect(meta.openGraph).toMatchObject({
      locale: 'zh_CN',
      url: 'https://news.example.com/category/qinggan',
    });
    expect(meta.twitter).toMatchObject({ card: 'summary_large_image' });
    expect(meta.twitter).toMatchObject({
      images: [{ url: 'https://news.example.com/og-default.png', alt: '服务粉丝' }],
    });
    expect(meta.robots).toBeUndefined();
  });
});

describe('articleMetadata', () => {
  it('describes the article with times in +08:00, section and tags', () => {
    const article = summary({
      slug: 'a',
      title: 'T',
      excerpt: '摘要',
      tags: ['成都'],
      date: '2024-01-24T00:00:00Z',
    });
    const meta = articleMetadata(site, article, {
      section: '故事',
      image: 'https://news.example.com/og/a.png',
    });
    expect(meta.description).toBe('摘要');
    expect(meta.alternates?.canonical).toBe('https://news.example.com/articles/a');
    expect(meta.openGraph).toMatchObject({
      type: 'article',
      publishedTime: '2024-01-24T08:00:00+08:00',
      modifiedTime: '2024-01-24T08:00:00+08:00',
      section: '故事',
      tags: ['成都'],
    });
    expect(meta.twitter).toMatchObject({
      images: [{ url: 'https://news.example.com/og/a.png', alt: 'T' }],
    });
  });
});
