// The tag list and every list's newest lastModified (the sitemap's list entries) come from the
// stats the build writes per list, corrected for scheduled articles not due yet
// (lib/content/catalog.ts): at every moment they must be what counting the published articles
// gives, and a version writes stats only for the lists it changed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeCatalogVersion } from '@/lib/pipeline/catalog-writer';
import { listsOf } from './catalog-schema';
import { summary } from './test-fixtures';
import type { ArticleSummary, ContentIndex } from './types';

const dir = mkdtempSync(path.join(tmpdir(), 'list-stats-'));
const file = path.join(dir, 'catalog.db');
const at = (day: number, hour = 8) =>
  `2024-01-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;
const categories = [
  { path: 'shehui', name: '社会', description: '', order: 1 },
  { path: 'shehui/minsheng', name: '民生', description: '', order: 1 },
];
const version = (articles: ArticleSummary[]): ContentIndex => ({ articles, categories, pages: [] });

const a = summary({ slug: 'a', date: at(3), tags: ['教育', '民生'], category: 'shehui' });
const b = summary({ slug: 'b', date: at(4), tags: ['教育'], draft: true });
// Due on the 20th, with a lastModified later than every other article's.
const c = summary({ slug: 'c', date: at(20), tags: ['民生', '预告'], category: 'shehui/minsheng' });
const d = summary({
  slug: 'd',
  date: at(5),
  updated: at(9),
  tags: ['科技'],
  category: 'shehui/minsheng',
});
const e = summary({ slug: 'e', date: at(6), tags: ['科技', '教育'] });
const v1 = version([a, b, c, d]);
// a corrected (one tag fewer, updated), b no longer a draft, d removed, e new.
const corrected = summary({
  slug: 'a',
  date: at(3),
  updated: at(10),
  tags: ['教育'],
  category: 'shehui',
});
const v2 = version([corrected, { ...b, draft: false }, c, e]);

/** The same, worked out from the articles themselves. */
function expected(index: ContentIndex, now: number, all: boolean) {
  const stats = new Map<string, { count: number; lastmod: string }>();
  for (const article of index.articles) {
    if (!all && (article.draft || Date.parse(article.date) > now)) continue;
    for (const list of listsOf(article)) {
      const known = stats.get(list);
      const lastmod =
        known && Date.parse(known.lastmod) >= Date.parse(article.lastModified)
          ? known.lastmod
          : article.lastModified;
      stats.set(list, { count: (known?.count ?? 0) + 1, lastmod });
    }
  }
  const tags = [...stats]
    .filter(([list]) => list.startsWith('t:'))
    .map(([list, { count }]) => ({ tag: list.slice(2), count }))
    .sort((x, y) => (x.tag < y.tag ? -1 : 1));
  const lastmods = new Map([...stats].map(([list, { lastmod }]) => [list, lastmod]));
  return { tags, lastmods };
}

describe('list stats', () => {
  beforeAll(() => {
    writeCatalogVersion(file, 'v1', v1);
    writeCatalogVersion(file, 'v2', v2);
    vi.stubEnv('CONTENT_INDEX_DIR', dir);
    vi.resetModules();
  });
  afterAll(() => vi.unstubAllEnvs());

  it('give what counting the published articles gives, before and after a scheduled one is due', async () => {
    const catalog = await import('./catalog');
    for (const [seq, index] of [
      [1, v1],
      [2, v2],
    ] as const) {
      for (const now of [Date.parse(at(15)), Date.parse(at(25))]) {
        for (const all of [false, true]) {
          const scope = { seq, now, all };
          const want = expected(index, now, all);
          const label = `version ${seq}, ${new Date(now).toISOString()}, all ${all}`;
          expect(
            catalog.tagCountsOf(scope).sort((x, y) => (x.tag < y.tag ? -1 : 1)),
            label,
          ).toEqual(want.tags);
          const lastmods = new Map([
            ...catalog.listLastModified('c:', 'c;', scope),
            ...catalog.listLastModified('t:', 't;', scope),
            ...catalog.listLastModified('', '\u0001', scope),
          ]);
          expect(lastmods, label).toEqual(
            new Map(
              [...want.lastmods].filter(
                ([list]) => list === '' || list.startsWith('c:') || list.startsWith('t:'),
              ),
            ),
          );
        }
      }
    }
  });

  it('are written for the lists a version changed, the others shared', () => {
    const db = new Database(file, { readonly: true });
    const written = db
      .prepare('SELECT list FROM list_stats WHERE from_seq = 2 ORDER BY list')
      .pluck()
      .all();
    db.close();
    // 科技 lost d and gained e, with the same count and an older lastModified: a new row.
    // 预告 (c alone, unchanged) and c's category keep their rows from version 1.
    expect(written).toEqual([
      '',
      'c:shehui',
      'c:shehui/minsheng',
      's',
      't:教育',
      't:民生',
      't:科技',
    ]);
  });
});
