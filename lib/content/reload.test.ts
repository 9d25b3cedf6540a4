// A server process switching content versions (lib/content/repository.ts, reloadContent): the
// article, its lists, values kept per published list (feeds, sitemaps) and search all answer from
// the new version, and the pages it changed are named for expiry.
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeCatalogVersion } from '@/lib/pipeline/catalog-writer';
import { writeSearchVersion } from '@/lib/pipeline/search-writer';
import { summary } from './test-fixtures';
import type { ArticleSummary, ContentIndex } from './types';

const dir = mkdtempSync(path.join(tmpdir(), 'content-versions-'));
const categories = [{ path: 'shehui', name: '社会', description: '社会新闻', order: 1 }];

const completeFile = (version: string) => path.join(dir, 'versions', version, 'complete.json');

/** Writes a version as a content build does, and makes it live; `complete: false` stops before
 * its last file, as a build that failed or one copied in two steps would. */
function publish(
  version: string,
  articles: (ArticleSummary & { text: string })[],
  { complete = true } = {},
) {
  const versionDir = path.join(dir, 'versions', version);
  mkdirSync(versionDir, { recursive: true });
  for (const article of articles) {
    const body = path.join(dir, 'bodies', article.body.slice(0, 2), `${article.body}.html`);
    mkdirSync(path.dirname(body), { recursive: true });
    writeFileSync(body, `<p>${article.text}</p>`);
  }
  writeSearchVersion({
    manifestFile: path.join(versionDir, 'search.json'),
    segmentsDir: path.join(dir, 'search'),
    docs: articles.map((article) => ({ key: `${article.slug}:${article.body}`, slug: article.slug })),
    load: (key) => {
      const article = articles.find((a) => `${a.slug}:${a.body}` === key) as (typeof articles)[0];
      return {
        title: article.title,
        tags: article.tags,
        text: article.text,
        date: Date.parse(article.date),
        draft: article.draft,
      };
    },
    code: 'test',
  });
  const index: ContentIndex = {
    articles: articles.map((article) => {
      const summary: Partial<typeof article> = { ...article };
      delete summary.text;
      return summary as ArticleSummary;
    }),
    categories,
    pages: [],
  };
  writeCatalogVersion(path.join(dir, 'catalog.db'), version, index);
  // Last, as a content build writes it: the version is complete.
  if (complete) writeFileSync(completeFile(version), JSON.stringify({ id: version }));
  writeFileSync(path.join(dir, 'current.tmp'), JSON.stringify({ version, publishedAt: new Date().toISOString() }));
  renameSync(path.join(dir, 'current.tmp'), path.join(dir, 'current.json'));
}

const old = summary({
  slug: 'old-news',
  title: '旧闻',
  category: 'shehui',
  tags: ['民生'],
  body: 'aa11',
});

describe('a new content version in a running process', () => {
  beforeAll(() => {
    vi.stubEnv('CONTENT_INDEX_DIR', dir);
    // As in production: the version is read once, then only reloadContent switches it.
    vi.stubEnv('NODE_ENV', 'production');
    vi.resetModules();
    publish('v1', [{ ...old, text: '一篇旧闻。' }]);
  });
  afterAll(() => vi.unstubAllEnvs());

  it('is served everywhere once loaded, and names the pages it changes', async () => {
    const repository = await import('./repository');
    const { perPublication } = await import('@/lib/cache/per-publication');
    const { sqliteSearch } = await import('@/lib/search/sqlite-engine');
    const feed = vi.fn(() =>
      repository
        .getNewestArticles(50)
        .map((a) => a.slug)
        .join(','),
    );

    expect(repository.getContentState().version).toBe('v1');
    expect(perPublication('feed', feed)).toBe('old-news');
    expect(perPublication('feed', feed)).toBe('old-news');
    expect(feed).toHaveBeenCalledTimes(1);
    expect((await sqliteSearch.search('独角兽', 1, 20)).total).toBe(0);

    const fresh = summary({
      slug: 'breaking',
      title: '突发：独角兽现身',
      category: 'shehui',
      tags: ['突发'],
      date: '2024-01-24T06:00:00.000Z',
      body: 'bb22',
    });
    publish('v2', [
      { ...old, title: '旧闻（更正）', text: '一篇旧闻。' },
      { ...fresh, text: '独角兽今晨现身。' },
    ]);
    expect(repository.getContentState().version).toBe('v1');
    const change = await repository.reloadContent();
    expect(change?.before.version).toBe('v1');
    expect(change?.after.version).toBe('v2');
    expect(await repository.reloadContent()).toBeUndefined();

    expect(repository.getArticleSummary('breaking')?.title).toBe('突发：独角兽现身');
    expect((await repository.getArticle('breaking'))?.html).toBe('<p>独角兽今晨现身。</p>');
    expect(repository.getCategoryPage('shehui', 1, 20)?.items.map((a) => a.slug)).toEqual([
      'breaking',
      'old-news',
    ]);
    expect(repository.getTagPage('突发', 1, 20)?.items.map((a) => a.slug)).toEqual(['breaking']);
    expect(repository.getNeighbours(fresh)).toEqual({
      previous: expect.objectContaining({ slug: 'old-news' }),
    });
    expect(repository.getRelated({ ...fresh, tags: ['突发', '民生'] }).map((a) => a.slug)).toEqual([
      'old-news',
    ]);
    expect(repository.getAllTags()).toEqual([
      { tag: '民生', count: 1 },
      { tag: '突发', count: 1 },
    ]);
    // Kept per published list, so computed again for the new version.
    expect(perPublication('feed', feed)).toBe('breaking,old-news');
    expect(feed).toHaveBeenCalledTimes(2);
    const found = await sqliteSearch.search('独角兽', 1, 20);
    expect(found.results.map((result) => result.article.slug)).toEqual(['breaking']);

    const { changedTags } = await import('./changes');
    const { before, after, changed } = change!;
    expect(
      changedTags(
        { articles: changed.before, categories: before.categories, pages: before.pages },
        { articles: changed.after, categories: after.categories, pages: after.pages },
      ),
    ).toEqual([
      'article:breaking',
      'article:old-news',
      'category:shehui',
      'lists',
      'tag:%E6%B0%91%E7%94%9F',
      'tag:%E7%AA%81%E5%8F%91',
    ]);

    // A version live before it is complete (its rows and search index there, complete.json not
    // yet) is not switched to: the process serves the version before until it is.
    publish('v3', [{ ...old, title: '旧闻（再更正）', text: '一篇旧闻。' }], { complete: false });
    await expect(repository.reloadContent()).rejects.toThrow(/ENOENT/);
    expect(repository.getContentState().version).toBe('v2');
    expect(repository.getArticleSummary('breaking')?.title).toBe('突发：独角兽现身');
    writeFileSync(completeFile('v3'), JSON.stringify({ id: 'v3' }));
    expect((await repository.reloadContent())?.after.version).toBe('v3');
    expect(repository.getArticleSummary('old-news')?.title).toBe('旧闻（再更正）');
    expect(repository.getArticleSummary('breaking')).toBeUndefined();
  });

  it('gives a render the version it began with, through a switch in the middle of it', async () => {
    // React's server build, as Next gives it to server components, with a request's cache set
    // the way its renderer sets one for each render (a render awaits between its reads; a switch
    // meanwhile must not give it one version's article and the next one's lists).
    const require = createRequire(import.meta.url);
    const serverReact = require(
      path.join(path.dirname(require.resolve('react')), 'react.react-server.js'),
    );
    vi.doMock('react', () => serverReact);
    vi.resetModules();
    const repository = await import('./repository');
    const internals = serverReact.__SERVER_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE;
    const render = () => {
      const caches = new Map<() => unknown, unknown>();
      internals.A = {
        getCacheForType: (create: () => unknown) => {
          if (!caches.has(create)) caches.set(create, create());
          return caches.get(create);
        },
      };
    };
    try {
      render();
      expect(repository.getContentState().version).toBe('v3');
      expect(repository.getArticleSummary('old-news')?.title).toBe('旧闻（再更正）');
      const fresh = summary({ slug: 'later', title: '稍后', category: 'shehui', body: 'cc33' });
      publish('v4', [
        { ...old, title: '旧闻（三更）', text: '一篇旧闻。' },
        { ...fresh, text: '稍后的消息。' },
      ]);
      expect((await repository.reloadContent())?.after.version).toBe('v4');
      // The same render, after the switch: still v3, its article and its lists.
      expect(repository.getContentState().version).toBe('v3');
      expect(repository.getArticleSummary('old-news')?.title).toBe('旧闻（再更正）');
      expect(repository.getArticleSummary('later')).toBeUndefined();
      expect(repository.getNewestArticles(10).map((a) => a.slug)).toEqual(['old-news']);
      // The next render reads v4.
      render();
      expect(repository.getContentState().version).toBe('v4');
      expect(repository.getArticleSummary('old-news')?.title).toBe('旧闻（三更）');
      expect(repository.getNewestArticles(10).map((a) => a.slug)).toEqual(['later', 'old-news']);
      // Outside a render (route handlers, the watcher): the live version.
      internals.A = null;
      expect(repository.getContentState().version).toBe('v4');
    } finally {
      internals.A = null;
      vi.doUnmock('react');
    }
  });
});
