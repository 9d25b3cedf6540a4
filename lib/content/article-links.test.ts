// A sitemap file walks the catalog oldest first, a batch at a time, each batch going on from the
// last one's final article (repository.ts, articleLinksUp): whatever the batch size and starting
// position, it lists the same articles in the same order as one slice of the list read from the
// oldest, ties on the date included.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeCatalogVersion } from '@/lib/pipeline/catalog-writer';
import { summary } from './test-fixtures';
import type { ContentIndex } from './types';

const dir = mkdtempSync(path.join(tmpdir(), 'article-links-'));
const day = (n: number) => `2024-01-${String(n).padStart(2, '0')}T08:00:00.000Z`;
// Three articles share a date (ordered by slug), one is a draft and one is due in the future:
// neither of those two is listed.
const articles = [
  summary({ slug: 'a1', date: day(3) }),
  summary({ slug: 'b2', date: day(5) }),
  summary({ slug: 'c3', date: day(5) }),
  summary({ slug: 'a4', date: day(5) }),
  summary({ slug: 'd5', date: day(7), updated: day(9) }),
  summary({ slug: 'e6', date: day(8), draft: true }),
  summary({ slug: 'f7', date: '2999-01-01T00:00:00.000Z' }),
  summary({ slug: 'g8', date: day(1) }),
  summary({ slug: 'h9', date: day(2) }),
];

const categories = [{ path: 'shehui', name: '社会', description: '', order: 1 }];

/** Writes a version of these articles and makes it live. */
function publish(id: string, these: ContentIndex['articles']) {
  mkdirSync(path.join(dir, 'versions', id), { recursive: true });
  writeCatalogVersion(path.join(dir, 'catalog.db'), id, { articles: these, categories, pages: [] });
  writeFileSync(path.join(dir, 'versions', id, 'complete.json'), JSON.stringify({ id }));
  writeFileSync(
    path.join(dir, 'current.json'),
    JSON.stringify({ version: id, publishedAt: new Date().toISOString() }),
  );
}

describe('article links for sitemaps', () => {
  beforeAll(() => {
    publish('v1', articles);
    vi.stubEnv('CONTENT_INDEX_DIR', dir);
    vi.resetModules();
  });
  afterAll(() => vi.unstubAllEnvs());

  it('lists, batch after batch, what one slice of the articles from the oldest lists', async () => {
    const repository = await import('./repository');
    const all = repository.getNewestArticles(100).reverse();
    expect(all.map((article) => article.slug)).toEqual(['g8', 'h9', 'a1', 'c3', 'b2', 'a4', 'd5']);
    for (const batch of [1, 2, 3, 100]) {
      for (let position = 0; position <= all.length; position += 1) {
        for (const count of [0, 1, 4, all.length]) {
          const walked = [...repository.articleLinksUp(position, count, batch)()];
          expect(walked.every((links) => links.length <= batch)).toBe(true);
          expect(
            walked.flat().map(({ slug, lastModified }) => ({ slug, lastModified })),
            `position ${position}, count ${count}, batch ${batch}`,
          ).toEqual(
            all
              .slice(position, position + count)
              .map(({ slug, lastModified }) => ({ slug, lastModified })),
          );
        }
      }
    }
  });

  it('reads the state it was asked in, even when another version goes live before the walk', async () => {
    const repository = await import('./repository');
    const before = repository.getNewestArticles(100).reverse();
    // A sitemap file's stamp and its reader are taken together; the file is written later.
    const walk = repository.articleLinksUp(0, before.length, 2);
    publish(
      'v2',
      articles.filter((article) => article.slug !== 'g8'),
    );
    expect(repository.getNewestArticles(100).map((article) => article.slug)).not.toContain('g8');
    expect([...walk()].flat().map((link) => link.slug)).toEqual(before.map((a) => a.slug));
  });
});
