// The catalog's versions share rows: a new version costs the articles it changed, and pruning a
// version deletes only the rows no kept version shows.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { OPEN_SEQ } from '../content/catalog-schema';
import { summary } from '../content/test-fixtures';
import type { ContentIndex } from '../content/types';
import {
  pruneCatalog,
  readOpenState,
  writeCatalogChanges,
  writeCatalogVersion,
  type CatalogArticle,
} from './catalog-writer';

const categories = [{ path: 'shehui', name: '社会', description: '', order: 1 }];
const index = (articles: ContentIndex['articles']): ContentIndex => ({
  articles,
  categories,
  pages: [],
});

function shown(file: string, seq: number): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT a.slug || ':' || json_extract(a.summary, '$.title') FROM article_lists l
          JOIN articles a ON a.rid = l.rid WHERE l.list = 's' AND l.from_seq <= ? AND l.to_seq > ?
          ORDER BY l.date_ms DESC, l.slug`,
      )
      .pluck()
      .all(seq, seq) as string[];
  } finally {
    db.close();
  }
}

function rows(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM articles').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('the catalog', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'catalog-')), 'catalog.db');
  const a = summary({ slug: 'a', date: '2024-01-20T00:00:00.000Z' });
  const b = summary({ slug: 'b', date: '2024-01-21T00:00:00.000Z' });
  const c = summary({ slug: 'c', date: '2024-01-22T00:00:00.000Z' });

  it('adds rows only for what a version changed, and keeps every version as it was', () => {
    const v1 = writeCatalogVersion(file, 'v1', index([a, b]));
    expect(v1).toEqual({ seq: 1, added: 2, closed: 0, reused: false });
    // b corrected, c added, a unchanged: a's row is shared.
    const v2 = writeCatalogVersion(file, 'v2', index([a, { ...b, title: 'b2' }, c]));
    expect(v2).toEqual({ seq: 2, added: 2, closed: 1, reused: false });
    // a removed.
    const v3 = writeCatalogVersion(file, 'v3', index([{ ...b, title: 'b2' }, c]));
    expect(v3).toEqual({ seq: 3, added: 0, closed: 1, reused: false });
    expect(writeCatalogVersion(file, 'v2', index([]))).toEqual({
      seq: 2,
      added: 0,
      closed: 0,
      reused: true,
    });
    expect(shown(file, 1)).toEqual(['b:b', 'a:a']);
    expect(shown(file, 2)).toEqual(['c:c', 'b:b2', 'a:a']);
    expect(shown(file, 3)).toEqual(['c:c', 'b:b2']);
    expect(rows(file)).toBe(4);
  });

  it('refuses a version with two articles of one slug, and writes nothing of it', () => {
    const before = rows(file);
    expect(() =>
      writeCatalogVersion(file, 'twice', index([c, { ...c, title: 'c again' }, a])),
    ).toThrow('c: two articles of this version have this slug');
    expect(rows(file)).toBe(before);
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT COUNT(*) FROM versions WHERE id = 'twice'").pluck().get()).toBe(0);
    db.close();
  });

  it('deletes a pruned version and the rows only it showed', () => {
    // b's first state goes, but its body is b's correction's too: still named.
    expect(pruneCatalog(file, new Set(['v2', 'v3']))).toEqual({ rows: 1, unusedBodies: [] });
    expect(shown(file, 2)).toEqual(['c:c', 'b:b2', 'a:a']);
    expect(shown(file, 3)).toEqual(['c:c', 'b:b2']);
    expect(pruneCatalog(file, new Set(['v3']))).toEqual({ rows: 1, unusedBodies: ['body-of-a'] });
    expect(shown(file, 3)).toEqual(['c:c', 'b:b2']);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM articles WHERE to_seq = ?').pluck().get(OPEN_SEQ)).toBe(
      2,
    );
    expect(db.prepare('SELECT id FROM versions').pluck().all()).toEqual(['v3']);
    db.close();
    // The next version compares with the open rows: only the change is added.
    expect(writeCatalogVersion(file, 'v4', index([{ ...b, title: 'b2' }, c, a]))).toEqual({
      seq: 4,
      added: 1,
      closed: 0,
      reused: false,
    });
  });
});

describe('a version as the change of the open one', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'catalog-delta-')), 'catalog.db');
  const row = (slug: string, title = slug): CatalogArticle => ({
    slug,
    hash: `hash-${slug}-${title}`,
    summary: () => summary({ slug, title }),
    source: { path: `articles/${slug}.md`, key: `key-${slug}-${title}`, revisions: '' },
  });
  const whole = (articles: CatalogArticle[]) => ({
    articles,
    categories,
    pages: [],
    code: 'code',
    sum: 'f'.repeat(64),
  });
  /** Every article of the version, which a change must not read. */
  const unread: Iterable<CatalogArticle> = {
    [Symbol.iterator]() {
      throw new Error('the whole version was read');
    },
  };

  it('closes the rows of the files it changed and adds theirs, reading no other row', () => {
    writeCatalogChanges(file, 'v1', whole([row('a'), row('b'), row('c')]));
    const open = readOpenState(file, 'code');
    expect(open?.version).toBe('v1');
    expect([...(open?.rows.keys() ?? [])].sort()).toEqual([
      'articles/a.md',
      'articles/b.md',
      'articles/c.md',
    ]);
    expect(readOpenState(file, 'other code')).toBeUndefined();
    // b corrected, c deleted, d added.
    const v2 = writeCatalogChanges(file, 'v2', {
      ...whole([]),
      articles: unread,
      delta: {
        base: 'v1',
        closed: ['articles/b.md', 'articles/c.md'],
        added: [row('b', 'b2'), row('d')],
      },
    });
    expect(v2).toEqual({ seq: 2, added: 2, closed: 2, reused: false });
    expect(shown(file, 2)).toEqual(['a:a', 'b:b2', 'd:d']);
    expect(shown(file, 1)).toEqual(['a:a', 'b:b', 'c:c']);
    // A slug an unchanged file has: refused.
    expect(() =>
      writeCatalogChanges(file, 'v3', {
        ...whole([]),
        articles: unread,
        delta: { base: 'v2', closed: [], added: [row('a', 'a twin')] },
      }),
    ).toThrow('a: two articles of this version have this slug');
  });

  it('is compared whole when the open rows are of another version', () => {
    // The open rows are v2's, not v1's: the change of v1 is not applied to them.
    const v3 = writeCatalogChanges(file, 'v3', {
      ...whole([row('a'), row('b')]),
      delta: { base: 'v1', closed: ['articles/c.md'], added: [] },
    });
    expect(v3).toMatchObject({ added: 1, closed: 2 });
    expect(shown(file, 3)).toEqual(['a:a', 'b:b']);
    // Pruning the newest version leaves open rows that are no version's.
    pruneCatalog(file, new Set(['v2']));
    expect(readOpenState(file, 'code')).toBeUndefined();
  });
});
