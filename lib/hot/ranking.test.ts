import { describe, expect, it } from 'vitest';
import { summary } from '@/lib/content/test-fixtures';
import { hotArticles, rankingState } from './ranking';

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
        ['c', { score: 5, views: 5 }],
        ['a', { score: 9, views: 9 }],
        ['ghost', { score: 100, views: 100 }],
      ]),
    );
    expect(items.map((item) => [item.article.slug, item.views])).toEqual([
      ['a', 9],
      ['c', 5],
      ['b', undefined],
      ['d', undefined],
    ]);
  });
  it("gives the same list from each article's position, walking only the viewed ones", () => {
    const scores = new Map([
      ['c', { score: 5, views: 5 }],
      ['a', { score: 9, views: 9 }],
      ['ghost', { score: 100, views: 100 }],
      ['d', { score: 5, views: 0 }],
    ]);
    const positions = new Map(list.map((article, position) => [article.slug, position]));
    for (const exclude of [undefined, 'a', 'b']) {
      expect(hotArticles(list, 4, scores, exclude, positions)).toEqual(
        hotArticles(list, 4, scores, exclude),
      );
    }
  });
  it('orders by decayed score but shows the window count', () => {
    const items = hotArticles(
      list,
      2,
      new Map([
        ['c', { score: 9, views: 3 }],
        ['a', { score: 2, views: 20 }],
      ]),
    );
    expect(items.map((item) => [item.article.slug, item.views])).toEqual([
      ['c', 3],
      ['a', 20],
    ]);
  });
  it('leaves out the article being read, ranked or not', () => {
    const scores = new Map([['a', { score: 9, views: 9 }]]);
    expect(hotArticles(list, 3, scores, 'a').map((item) => item.article.slug)).toEqual([
      'b',
      'd',
      'c',
    ]);
    expect(hotArticles(list, 3, scores, 'b').map((item) => item.article.slug)).toEqual([
      'a',
      'd',
      'c',
    ]);
  });
});

describe('rankingState', () => {
  const item = { article: list[0] as (typeof list)[number], views: 3 };
  it('ranks when either window has read articles', () => {
    expect(rankingState([[], [item]])).toBe('ranked');
    expect(rankingState([undefined, [item]])).toBe('ranked');
  });
  it('says why there is no ranking: no views yet, or no view store', () => {
    expect(rankingState([[], []])).toBe('no-views');
    expect(rankingState([undefined, undefined])).toBe('unavailable');
  });
});

describe('hotArticles and site notices', () => {
  const notice = summary({ slug: 'n', date: '2024-01-06T00:00:00Z', featured: true, notice: true });
  it('never ranks a notice, however read, nor fills with one', () => {
    const published = [notice, ...list];
    const scores = new Map([
      ['n', { score: 100, views: 100 }],
      ['c', { score: 1, views: 1 }],
    ]);
    const ranked = hotArticles(published, 3, scores);
    expect(ranked.map((item) => item.article.slug)).toEqual(['c', 'b', 'd']);
    const positions = new Map(published.map((article, index) => [article.slug, index]));
    expect(hotArticles(published, 3, scores, undefined, positions)).toEqual(ranked);
    expect(hotArticles(published, 5).map((item) => item.article.slug)).not.toContain('n');
  });
});
