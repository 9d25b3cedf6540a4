import { describe, expect, it } from 'vitest';
import {
  byNewest,
  categoryTrail,
  childCategories,
  firstPublishedIndex,
  headlines,
  inCategory,
  listIndex,
  isPublished,
  publishedNewestFirst,
  tagCounts,
  topLevelCategories,
  withTag,
} from './queries';
import { summary } from './test-fixtures';
import type { CategoryInfo } from './types';

const now = new Date('2024-01-24T12:00:00Z');
const articles = [
  summary({ slug: 'old', date: '2024-01-01T00:00:00Z', category: 'qinggan', tags: ['成都'] }),
  summary({ slug: 'new', date: '2024-01-24T00:00:00Z', category: 'qinggan/gushi', tags: ['成都', '民族团结'] }),
  summary({ slug: 'draft', date: '2024-01-10T00:00:00Z', draft: true, category: 'qinggan' }),
  summary({ slug: 'future', date: '2024-02-01T00:00:00Z', category: 'qinggan' }),
  summary({ slug: 'other', date: '2024-01-20T00:00:00Z', category: 'qinggan-x' }),
];

describe('publication', () => {
  it('excludes drafts and future articles, newest first', () => {
    expect(publishedNewestFirst(articles, now).map((a) => a.slug)).toEqual(['new', 'other', 'old']);
  });
  it('publishes exactly at the scheduled time', () => {
    const future = articles[3]!;
    expect(isPublished(future, new Date('2024-01-31T23:59:59Z'))).toBe(false);
    expect(isPublished(future, new Date('2024-02-01T00:00:00Z'))).toBe(true);
  });
  it('finds where published articles begin in a newest-first list', () => {
    const sorted = articles.filter((a) => !a.draft).sort(byNewest);
    expect(firstPublishedIndex(sorted, now)).toBe(1);
    expect(firstPublishedIndex(sorted, new Date('2030-01-01'))).toBe(0);
    expect(firstPublishedIndex(sorted, new Date('2000-01-01'))).toBe(sorted.length);
  });
});

describe('lists', () => {
  const published = publishedNewestFirst(articles, now);
  it('includes subcategories but not categories that merely share a prefix', () => {
    expect(inCategory(published, 'qinggan').map((a) => a.slug)).toEqual(['new', 'old']);
  });
  it('filters by tag and counts tags', () => {
    expect(withTag(published, '民族团结').map((a) => a.slug)).toEqual(['new']);
    expect(tagCounts(published)).toEqual([
      { tag: '成都', count: 2 },
      { tag: '民族团结', count: 1 },
    ]);
  });
  it('indexes every category and tag list once, the same lists as filtering the archive', () => {
    const index = listIndex(published);
    for (const path of ['qinggan', 'qinggan/gushi', 'qinggan-x', 'nope']) {
      expect(index.byCategory.get(path) ?? [], path).toEqual(inCategory(published, path));
    }
    for (const tag of ['成都', '民族团结', 'nope']) {
      expect(index.byTag.get(tag) ?? [], tag).toEqual(withTag(published, tag));
    }
    expect(index.tags).toEqual(tagCounts(published));
  });
  it('uses featured headlines, or the newest article when none is featured', () => {
    expect(headlines(published, 3).map((a) => a.slug)).toEqual(['new']);
    const featured = published.map((a) => (a.slug === 'old' ? { ...a, featured: true } : a));
    expect(headlines(featured, 3).map((a) => a.slug)).toEqual(['old']);
  });
});

describe('categories', () => {
  const categories: CategoryInfo[] = [
    { path: 'qinggan', name: '情感', description: '', order: 2 },
    { path: 'qinggan/gushi', name: '故事', description: '', order: 1, parent: 'qinggan' },
    { path: 'shizheng', name: '时政', description: '', order: 1 },
  ];
  it('orders top-level categories and children', () => {
    expect(topLevelCategories(categories).map((c) => c.name)).toEqual(['时政', '情感']);
    expect(childCategories(categories, 'qinggan').map((c) => c.name)).toEqual(['故事']);
  });
  it('builds the breadcrumb trail from the path', () => {
    expect(categoryTrail(categories, 'qinggan/gushi').map((c) => c.name)).toEqual(['情感', '故事']);
    expect(categoryTrail(categories, 'nope')).toEqual([]);
  });
});
