import { describe, expect, it } from 'vitest';
import { changedTags } from './changes';
import { summary } from './test-fixtures';
import type { ContentIndex } from './types';

const categories = [{ path: 'qinggan', name: '情感', description: '', order: 1 }];
const a = summary({ slug: 'a', category: 'qinggan/gushi', tags: ['成都'], body: 'h1' });
const b = summary({ slug: 'b', category: 'qinggan', tags: ['民族团结'], body: 'h2' });
const index = (...articles: (typeof a)[]): ContentIndex => ({ articles, categories, pages: [] });

describe('changedTags', () => {
  it('names nothing when nothing changed', () => {
    expect(changedTags(index(a, b), index({ ...a }, { ...b }))).toEqual([]);
  });
  it('expires only the article page when only its body changed', () => {
    expect(changedTags(index(a, b), index({ ...a, body: 'h3' }, b))).toEqual(['article:a']);
  });
  it('expires the lists, its category with ancestors and its tags for a new article', () => {
    expect(changedTags(index(b), index(a, b))).toEqual([
      'article:a',
      'category:qinggan',
      'category:qinggan%2Fgushi',
      'lists',
      'tag:%E6%88%90%E9%83%BD',
    ]);
  });
  it('expires the lists of both the old and the new tags of a retagged article, and of a removed one', () => {
    expect(changedTags(index(a, b), index({ ...a, tags: ['新疆'] }))).toEqual([
      'article:a',
      'article:b',
      'category:qinggan',
      'category:qinggan%2Fgushi',
      'lists',
      'tag:%E6%88%90%E9%83%BD',
      'tag:%E6%96%B0%E7%96%86',
      'tag:%E6%B0%91%E6%97%8F%E5%9B%A2%E7%BB%93',
    ]);
  });
  it('expires every list when a category changes (names are in every navigation)', () => {
    const renamed = {
      articles: [a],
      categories: [{ ...categories[0]!, name: '情感故事' }],
      pages: [],
    };
    expect(changedTags(index(a), renamed)).toEqual(['lists']);
  });
  it('expires every list when a site document changes (they are named in every footer)', () => {
    const about = { slug: 'about', url: '/pages/about', title: '关于我们', order: 1, body: 'p1' };
    const withAbout = { ...index(a), pages: [about] };
    expect(changedTags(withAbout, { ...withAbout, pages: [{ ...about, body: 'p2' }] })).toEqual([
      'lists',
    ]);
  });
});
