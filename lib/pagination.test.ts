import { describe, expect, it } from 'vitest';
import { paginate, splitPagedSegments } from './pagination';

describe('paginate', () => {
  const items = Array.from({ length: 45 }, (_, index) => index);
  it('slices pages of the given size', () => {
    expect(paginate(items, 1, 20)?.items).toHaveLength(20);
    expect(paginate(items, 3, 20)).toMatchObject({
      items: [40, 41, 42, 43, 44],
      totalPages: 3,
      total: 45,
    });
  });
  it('refuses pages out of range', () => {
    expect(paginate(items, 0, 20)).toBeNull();
    expect(paginate(items, 4, 20)).toBeNull();
    expect(paginate(items, 1.5, 20)).toBeNull();
  });
  it('has one (empty) first page for no items', () => {
    expect(paginate([], 1, 20)).toMatchObject({ items: [], totalPages: 1 });
  });
});

describe('splitPagedSegments', () => {
  it('reads a trailing page number', () => {
    expect(splitPagedSegments(['qinggan', 'gushi', 'page', '2'])).toEqual({
      path: ['qinggan', 'gushi'],
      page: 2,
    });
    expect(splitPagedSegments(['qinggan'])).toEqual({ path: ['qinggan'], page: 1 });
  });
  it('refuses page/1, zero, junk and huge numbers', () => {
    for (const bad of ['1', '0', '02', 'x', '-1', '9999999']) {
      expect(splitPagedSegments(['qinggan', 'page', bad])).toBeNull();
    }
  });
});
