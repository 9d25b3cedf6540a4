import { describe, expect, it } from 'vitest';
import { summary } from '@/lib/content/test-fixtures';
import { hotArticles } from './hot';

const list = [
  summary({ slug: 'a', date: '2024-01-05T00:00:00Z' }),
  summary({ slug: 'b', date: '2024-01-04T00:00:00Z', featured: true }),
  summary({ slug: 'c', date: '2024-01-03T00:00:00Z' }),
  summary({ slug: 'd', date: '2024-01-02T00:00:00Z', featured: true }),
];

describe('hotArticles', () => {
  it('falls back to featured, then newest, with no counts', () => {
    const items = hotArticles(list, 3);
    expect(items.map((item) => item.article.slug)).toEqual(['b', 'd', 'a']);
    expect(items.every((item) => item.views === undefined)).toBe(true);
  });
  it('ranks viewed articles first and fills the rest', () => {
    const items = hotArticles(
      list,
      4,
      new Map([
        ['c', 5],
        ['a', 9],
        ['ghost', 100],
      ]),
    );
    expect(items.map((item) => [item.article.slug, item.views])).toEqual([
      ['a', 9],
      ['c', 5],
      ['b', undefined],
      ['d', undefined],
    ]);
  });
});
