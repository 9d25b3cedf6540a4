import { describe, expect, it } from 'vitest';
import { summary } from '@/lib/content/test-fixtures';
import { relatedArticles, relatedIndex } from './related';

const at = (day: number) => `2024-01-${String(day).padStart(2, '0')}T00:00:00.000Z`;

describe('relatedArticles', () => {
  const base = summary({
    slug: 'base',
    tags: ['民族团结', '成都'],
    category: 'qinggan/gushi',
    related: ['pick-b', 'pick-a', 'missing'],
  });
  const others = [
    summary({ slug: 'newest-same-cat', category: 'qinggan/gushi', date: at(20) }),
    summary({ slug: 'two-tags', tags: ['成都', '民族团结'], date: at(10) }),
    summary({ slug: 'one-tag-new', tags: ['成都'], date: at(19) }),
    summary({ slug: 'one-tag-old', tags: ['民族团结'], date: at(5) }),
    summary({ slug: 'pick-a', date: at(1) }),
    summary({ slug: 'pick-b', date: at(2) }),
    summary({ slug: 'unrelated', category: 'caijing', date: at(21) }),
  ].sort((a, b) => Date.parse(b.date) - Date.parse(a.date));

  it('puts editors picks first in their order, then tag overlap, then same category', () => {
    expect(relatedArticles(base, [base, ...others], 6).map((a) => a.slug)).toEqual([
      'pick-b',
      'pick-a',
      'two-tags',
      'one-tag-new',
      'one-tag-old',
      'newest-same-cat',
    ]);
  });
  it('never returns the article itself, and respects the limit', () => {
    const withSelfPick = { ...base, related: ['base'] };
    const result = relatedArticles(withSelfPick, [base, ...others], 3);
    expect(result).toHaveLength(3);
    expect(result.map((a) => a.slug)).not.toContain('base');
  });
  it('only returns articles from the published list it is given', () => {
    const published = others.filter((a) => a.slug !== 'pick-b');
    expect(relatedArticles(base, published, 6).map((a) => a.slug)).not.toContain('pick-b');
  });
  it('gives the same answer with an index built once for many pages', () => {
    const published = [base, ...others];
    const index = relatedIndex(published);
    for (const article of published) {
      expect(relatedArticles(article, published, 6, index)).toEqual(
        relatedArticles(article, published, 6),
      );
    }
    expect(
      relatedArticles(base, published, 6, index)
        .map((a) => a.slug)
        .slice(0, 2),
    ).toEqual(['pick-b', 'pick-a']);
  });
});
