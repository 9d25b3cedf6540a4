// A deep page of a list seeks to a mark (catalog-schema.ts) instead of walking every row before
// it. The marks a version holds must be exactly those counting its articles gives, whatever
// changes led to it (new articles, backdated ones, removals, drafts, corrections), and every
// page read through them must be the page that reading the whole list gives.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeCatalogChanges } from '@/lib/pipeline/catalog-writer';
import { listsOf } from './catalog-schema';
import { summary } from './test-fixtures';
import type { ArticleSummary } from './types';

const dir = mkdtempSync(path.join(tmpdir(), 'list-marks-'));
const file = path.join(dir, 'catalog.db');
const EVERY = 3;
const DAY = 24 * 3600_000;
const start = Date.parse('2024-01-01T00:00:00Z');
const categories = [
  { path: 'shehui', name: '社会', description: '', order: 1 },
  { path: 'shehui/minsheng', name: '民生', description: '', order: 1 },
  { path: 'keji', name: '科技', description: '', order: 2 },
];

let seed = 17;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

let made = 0;
function article(day: number, overrides: Partial<ArticleSummary> = {}): ArticleSummary {
  made += 1;
  return summary({
    slug: `a${String(made).padStart(3, '0')}`,
    // Some on the same day and hour: ties go by slug.
    date: new Date(start + day * DAY + (made % 3) * 3600_000).toISOString(),
    category: pick(['shehui', 'shehui/minsheng', 'keji']),
    tags: [pick(['教育', '民生', '科技'])],
    draft: random() < 0.1,
    ...overrides,
  });
}

/** Each version's articles, by seq (1, 2, …). */
const versions: ArticleSummary[][] = [];
/**
 * Writes the next version as a content build does: as the change of the one before (the files
 * whose article changed, ADR 032), so that the stats and marks a change works out from the open
 * ones are checked against counting; the first version whole.
 */
function publish(articles: ArticleSummary[]) {
  const before = new Map((versions.at(-1) ?? []).map((a) => [a.slug, JSON.stringify(a)]));
  versions.push(articles);
  const id = `v${versions.length}`;
  const row = (a: ArticleSummary) => ({
    slug: a.slug,
    hash: JSON.stringify(a),
    summary: () => a,
    source: { path: `articles/${a.slug}.md`, key: JSON.stringify(a), revisions: '' },
  });
  const changed = articles.filter((a) => before.get(a.slug) !== JSON.stringify(a));
  const kept = new Set(articles.filter((a) => !changed.includes(a)).map((a) => a.slug));
  const { seq } = writeCatalogChanges(
    file,
    id,
    {
      articles: articles.map(row),
      categories,
      pages: [],
      ...(versions.length > 1
        ? {
            delta: {
              base: `v${versions.length - 1}`,
              closed: [...before.keys()]
                .filter((slug) => !kept.has(slug))
                .map((slug) => `articles/${slug}.md`),
              added: changed.map(row),
            },
          }
        : {}),
    },
    EVERY,
  );
  expect(seq).toBe(versions.length);
}

/** A list's published articles at `now`, newest first, worked out from the articles. */
function shown(articles: ArticleSummary[], list: string, now: number): ArticleSummary[] {
  return articles
    .filter((a) => !a.draft && Date.parse(a.date) <= now && listsOf(a).includes(list))
    .sort(
      (x, y) =>
        Date.parse(y.date) - Date.parse(x.date) || (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0),
    );
}

/** The marks a list should have: every EVERY-th non-draft article, counted from the oldest. */
function expectedMarks(articles: ArticleSummary[], list: string) {
  const oldestFirst = shown(articles, list, Number.MAX_SAFE_INTEGER).reverse();
  return oldestFirst.flatMap((a, n) =>
    n > 0 && n % EVERY === 0 ? [{ n, date_ms: Date.parse(a.date), slug: a.slug }] : [],
  );
}

const allLists = (articles: ArticleSummary[]) => [...new Set(articles.flatMap(listsOf))].sort();

describe('list marks', () => {
  beforeAll(() => {
    // Version 1: 60 articles over 30 days; then changes of every kind, one version each.
    let articles = Array.from({ length: 60 }, (_, i) => article(Math.floor(i / 2)));
    publish(articles);
    for (let step = 0; step < 24; step += 1) {
      const kind = step % 6;
      if (kind === 0 || kind === 1) articles = [...articles, article(40 + step)];
      else if (kind === 2) articles = [...articles, article(Math.floor(random() * 30))];
      else if (kind === 3) articles = articles.filter((_, i) => i !== Math.floor(random() * 40));
      else if (kind === 4)
        articles = articles.map((a, i) => (i === 7 + step ? { ...a, draft: !a.draft } : a));
      // A correction: the same place in its lists, another state of the article, corrected
      // later (a sitemap's lastmod).
      else
        articles = articles.map((a, i) =>
          i === step
            ? {
                ...a,
                title: `${a.title}（更正）`,
                lastModified: new Date(start + 300 * DAY + step * 3600_000).toISOString(),
              }
            : a,
        );
      publish(articles);
    }
    // Scheduled: due on day 100.
    publish([...articles, article(100, { draft: false, category: 'keji', tags: ['科技'] })]);
    vi.stubEnv('CONTENT_INDEX_DIR', dir);
    vi.resetModules();
  });
  afterAll(() => vi.unstubAllEnvs());

  it('are, in every version, every third non-draft article of each list counted from the oldest', () => {
    const db = new Database(file, { readonly: true });
    const marksAt = db.prepare(
      `SELECT n, date_ms, slug FROM list_marks
        WHERE list = ? AND from_seq <= ? AND to_seq > ? ORDER BY n`,
    );
    versions.forEach((articles, i) => {
      const seq = i + 1;
      for (const list of allLists(articles))
        expect(marksAt.all(list, seq, seq), `${list} at ${seq}`).toEqual(
          expectedMarks(articles, list),
        );
    });
    db.close();
  });

  it('come with stats, in every version, that counting the non-draft articles of each list gives', () => {
    const db = new Database(file, { readonly: true });
    const statsAt = db.prepare(
      `SELECT count, lastmod_ms, lastmod FROM list_stats
        WHERE list = ? AND from_seq <= ? AND to_seq > ?`,
    );
    versions.forEach((articles, i) => {
      const seq = i + 1;
      for (const list of allLists(articles)) {
        const listed = shown(articles, list, Number.MAX_SAFE_INTEGER);
        const newest = listed.reduce<ArticleSummary | undefined>(
          (found, a) =>
            !found || Date.parse(a.lastModified) > Date.parse(found.lastModified) ? a : found,
          undefined,
        );
        expect(statsAt.all(list, seq, seq), `${list} at ${seq}`).toEqual(
          newest
            ? [
                {
                  count: listed.length,
                  lastmod_ms: Date.parse(newest.lastModified),
                  lastmod: newest.lastModified,
                },
              ]
            : [],
        );
      }
    });
    db.close();
  });

  it('are shared by versions: a new article at the top of a list writes no mark but its own', () => {
    const db = new Database(file, { readonly: true });
    // Versions 8 and 14 (steps 6 and 12) add the newest article of the archive.
    for (const seq of [8, 14]) {
      const written = db
        .prepare('SELECT list, n FROM list_marks WHERE from_seq = ?')
        .all(seq) as { list: string; n: number }[];
      const closed = db.prepare('SELECT COUNT(*) FROM list_marks WHERE to_seq = ?').pluck();
      expect(closed.get(seq), `version ${seq}`).toBe(0);
      for (const { list, n } of written) {
        const count = shown(versions[seq - 1] ?? [], list, Number.MAX_SAFE_INTEGER).length;
        // Only the newest article can have become a mark.
        expect(n, `${list} at ${seq}`).toBe(count - 1);
      }
    }
    db.close();
  });

  it('stamp a run of articles alike in two states only when the states list the same links there', async () => {
    const catalog = await import('./catalog');
    const at = [start + 20 * DAY, start + 60 * DAY, start + 200 * DAY];
    // Per stamp, the links it was given for: never two different runs.
    const runs = new Map<string, string>();
    let shared = 0;
    versions.forEach((articles, i) => {
      // A run's stamp, once its articles are all published, stays the same while later ones
      // fall due (repository.ts keeps it for the version).
      const earlier = new Map<string, string>();
      for (const now of at) {
        const up = shown(articles, '', now).reverse();
        for (const count of [3, 7, 25]) {
          for (let position = 0; position < up.length + count; position += 2) {
            const found = catalog.rangeStamp('', { seq: i + 1, now, all: false }, position, count);
            const stamp = found?.stamp;
            const where = `${position}+${count}`;
            if (earlier.has(where))
              expect(stamp, `${where} at ${i + 1}, later`).toBe(earlier.get(where));
            else if (stamp) earlier.set(where, stamp);
            const run = up.slice(position, position + count);
            if (run.length < count) {
              expect(stamp, `past the end at ${i + 1}`).toBeUndefined();
              continue;
            }
            const links = JSON.stringify(run.map((a) => [a.slug, a.lastModified]));
            expect(stamp, `${position}+${count} at ${i + 1}`).toBeDefined();
            expect(found?.lastModifiedMs).toBe(
              Math.max(...run.map((a) => Date.parse(a.lastModified))),
            );
            const known = runs.get(stamp as string);
            if (known === undefined) runs.set(stamp as string, links);
            else {
              expect(links, `${position}+${count} at ${i + 1}, ${new Date(now).toISOString()}`).toBe(
                known,
              );
              shared += 1;
            }
          }
        }
      }
    });
    // Runs older than a version's changes keep their stamp: most lookups find one already seen.
    expect(shared).toBeGreaterThan(runs.size);
    // A preview (drafts shown) has none.
    expect(catalog.rangeStamp('', { seq: 1, now: at[2] as number, all: true }, 0, 3)).toBeUndefined();
  });

  it('give every page of every list the articles reading the whole list gives', async () => {
    const catalog = await import('./catalog');
    const at = [start + 20 * DAY, start + 60 * DAY, start + 200 * DAY];
    versions.forEach((articles, i) => {
      for (const now of at) {
        const scope = { seq: i + 1, now, all: false };
        for (const list of allLists(articles)) {
          const want = shown(articles, list, now).map((a) => a.slug);
          expect(catalog.listCount(list, scope), `${list} at ${i + 1}`).toBe(want.length);
          for (const size of [2, 5]) {
            for (let offset = 0; offset < want.length + size; offset += size) {
              const label = `${list} at ${i + 1}, ${new Date(now).toISOString()}, ${offset}`;
              const page = want.slice(offset, offset + size);
              expect(
                catalog.listSlice(list, scope, offset, size).map((a) => a.slug),
                label,
              ).toEqual(page);
            }
            // Sitemap files read lists from the oldest, from a mark at or just older.
            const up = [...want].reverse();
            for (let position = 0; position < up.length + size; position += size)
              expect(
                catalog.listLinksUp(list, scope, size, { position }).map((a) => a.slug),
                `${list} at ${i + 1}, ${new Date(now).toISOString()}, from the oldest ${position}`,
              ).toEqual(up.slice(position, position + size));
          }
        }
      }
    });
  });
});
