import { describe, expect, it } from 'vitest';
import { summary } from '@/lib/content/test-fixtures';
import type { ArticleSummary, ContentIndex } from '@/lib/content/types';
import { nextPublicAt, publicSnapshot, snapshotChanges } from './changes';

const index = (...articles: ArticleSummary[]): ContentIndex => ({
  articles,
  categories: [],
  pages: [{ slug: 'about', url: '/pages/about', title: '关于我们', order: 1, body: 'p1' }],
});
const noon = Date.parse('2024-01-25T12:00:00+08:00');
const old = summary({ slug: 'old', date: '2024-01-24T08:00:00+08:00' });
const draft = summary({ slug: 'draft', date: '2024-01-24T08:00:00+08:00', draft: true });
const scheduled = summary({ slug: 'later', date: '2024-01-25T18:00:00+08:00' });

describe('publicSnapshot', () => {
  it('holds public articles and site pages, never drafts or articles dated later', () => {
    expect(Object.keys(publicSnapshot(index(old, draft, scheduled), noon)).sort()).toEqual([
      '/articles/old',
      '/pages/about',
    ]);
  });
  it('takes in a scheduled article once its time has come', () => {
    const evening = Date.parse('2024-01-25T18:00:00+08:00');
    expect(Object.keys(publicSnapshot(index(old, draft, scheduled), evening))).toContain(
      '/articles/later',
    );
    expect(nextPublicAt(index(old, draft, scheduled), noon)).toBe(evening);
    expect(nextPublicAt(index(old, draft, scheduled), evening)).toBeUndefined();
  });
});

describe('snapshotChanges', () => {
  const before = publicSnapshot(index(old, draft, scheduled), noon);
  it('names nothing when nothing a reader sees changed', () => {
    expect(snapshotChanges(before, publicSnapshot(index({ ...old }, draft), noon))).toEqual([]);
  });
  it('names a new article, a correction and a removal, and nothing else', () => {
    const fresh = summary({ slug: 'fresh', date: '2024-01-25T11:00:00+08:00' });
    const corrected = { ...old, title: 'old（更正）', body: 'corrected' };
    const removedPage = { ...index(), pages: [] };
    const after = publicSnapshot({ ...removedPage, articles: [corrected, fresh, draft] }, noon);
    expect(snapshotChanges(before, after).map(({ path, action }) => [path, action])).toEqual([
      ['/articles/fresh', 'updated'],
      ['/articles/old', 'updated'],
      ['/pages/about', 'removed'],
    ]);
  });
  it('treats an article turned into a draft or moved to a later date as removed', () => {
    const hidden = publicSnapshot(index({ ...old, draft: true }), noon);
    expect(snapshotChanges(before, hidden)).toEqual([
      { path: '/articles/old', action: 'removed', fingerprint: before['/articles/old'] },
    ]);
    const moved = publicSnapshot(index({ ...old, date: '2024-02-01T08:00:00+08:00' }), noon);
    expect(snapshotChanges(before, moved).map((change) => change.action)).toEqual(['removed']);
  });
  it('sees a body-only correction by its commit, and not a release that renders bodies anew', () => {
    const rendered = publicSnapshot(
      index({ ...old, body: 'new-hash', excerpt: '新摘' }, draft),
      noon,
    );
    expect(snapshotChanges(before, rendered)).toEqual([]);
    const revisions = [{ date: '2024-01-25T11:00:00+08:00', subject: '更正：第三段人名' }];
    const corrected = { ...old, body: 'new-hash', revisions, lastModified: revisions[0]!.date };
    const after = publicSnapshot(index(corrected, draft, scheduled), noon);
    expect(snapshotChanges(before, after).map((change) => change.path)).toEqual(['/articles/old']);
  });
});
