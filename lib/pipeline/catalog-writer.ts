// Build time: adds a content version to the catalog of its CONTENT_INDEX_DIR
// (lib/content/catalog-schema.ts, docs/adr/027-on-disk-catalog.md). Only the articles that
// changed since the newest version get rows; every other row is shared.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { CATALOG_FORMAT, CATALOG_SCHEMA, OPEN_SEQ, listsOf } from '../content/catalog-schema';
import type { ArticleSummary, ContentIndex } from '../content/types';

export type CatalogWriteResult = { seq: number; added: number; closed: number; reused: boolean };

export function openCatalogForWrite(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(CATALOG_SCHEMA);
  const format = db.prepare("SELECT value FROM meta WHERE name = 'format'").pluck().get() as
    string | undefined;
  if (format === undefined)
    db.prepare("INSERT INTO meta (name, value) VALUES ('format', ?)").run(CATALOG_FORMAT);
  else if (format !== CATALOG_FORMAT)
    throw new Error(`${file}: catalog format ${format}, this code writes ${CATALOG_FORMAT}`);
  return db;
}

function hashOf(json: string): string {
  return createHash('sha256').update(json).digest('hex').slice(0, 32);
}

/**
 * The version `id` with this index: its sequence number, reused when the catalog has it already
 * (a version's id is the hash of what it holds). One transaction: readers see all of it or none.
 */
export function writeCatalogVersion(
  file: string,
  id: string,
  index: ContentIndex,
): CatalogWriteResult {
  const db = openCatalogForWrite(file);
  try {
    const known = db.prepare('SELECT seq FROM versions WHERE id = ?').pluck().get(id) as
      number | undefined;
    if (known !== undefined) return { seq: known, added: 0, closed: 0, reused: true };
    const open = new Map(
      (
        db.prepare('SELECT rid, slug, hash FROM articles WHERE to_seq = ?').all(OPEN_SEQ) as {
          rid: number;
          slug: string;
          hash: string;
        }[]
      ).map((row) => [row.slug, row]),
    );
    const insertVersion = db.prepare(
      'INSERT INTO versions (id, categories, pages) VALUES (?, ?, ?)',
    );
    const close = db.prepare('UPDATE articles SET to_seq = ? WHERE rid = ?');
    const closeLists = db.prepare('UPDATE article_lists SET to_seq = ? WHERE rid = ?');
    const insert = db.prepare(
      `INSERT INTO articles (slug, from_seq, to_seq, hash, summary, date_ms, category, notice,
        draft, featured, lastmod, lastmod_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertList = db.prepare(
      `INSERT INTO article_lists (list, date_ms, slug, rid, from_seq, to_seq, draft, lastmod_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let added = 0;
    let closed = 0;
    const seq = db.transaction(() => {
      const seq = Number(
        insertVersion.run(id, JSON.stringify(index.categories), JSON.stringify(index.pages))
          .lastInsertRowid,
      );
      const add = (article: ArticleSummary, json: string, hash: string) => {
        const date = Date.parse(article.date);
        const lastmod = Date.parse(article.lastModified);
        const rid = Number(
          insert.run(
            article.slug,
            seq,
            OPEN_SEQ,
            hash,
            json,
            date,
            article.category,
            article.notice ? 1 : 0,
            article.draft ? 1 : 0,
            article.featured ? 1 : 0,
            article.lastModified,
            lastmod,
          ).lastInsertRowid,
        );
        for (const list of listsOf(article))
          insertList.run(
            list,
            date,
            article.slug,
            rid,
            seq,
            OPEN_SEQ,
            article.draft ? 1 : 0,
            lastmod,
          );
        added += 1;
      };
      const seen = new Set<string>();
      for (const article of index.articles) {
        seen.add(article.slug);
        const json = JSON.stringify(article);
        const hash = hashOf(json);
        const row = open.get(article.slug);
        if (row?.hash === hash) continue;
        if (row) {
          close.run(seq, row.rid);
          closeLists.run(seq, row.rid);
          closed += 1;
        }
        add(article, json, hash);
      }
      for (const [slug, row] of open) {
        if (seen.has(slug)) continue;
        close.run(seq, row.rid);
        closeLists.run(seq, row.rid);
        closed += 1;
      }
      return seq;
    })();
    return { seq, added, closed, reused: false };
  } finally {
    db.close();
  }
}

/**
 * Deletes the versions not in `kept` from the catalog, and the rows no kept version shows. Rows
 * of the newest version stay open for the next build to compare with, unless nothing keeps them.
 */
export function pruneCatalog(file: string, kept: ReadonlySet<string>): number {
  const db = openCatalogForWrite(file);
  try {
    return db.transaction(() => {
      const versions = db.prepare('SELECT seq, id FROM versions').all() as {
        seq: number;
        id: string;
      }[];
      const keep = versions.filter((version) => kept.has(version.id)).map((v) => v.seq);
      const drop = versions.filter((version) => !kept.has(version.id));
      if (drop.length === 0) return 0;
      const deleteVersion = db.prepare('DELETE FROM versions WHERE seq = ?');
      for (const version of drop) deleteVersion.run(version.seq);
      const shown =
        keep.length === 0
          ? '0'
          : keep.map((seq) => `(from_seq <= ${seq} AND to_seq > ${seq})`).join(' OR ');
      const gone = db
        .prepare(`SELECT rid FROM articles WHERE NOT (${shown})`)
        .pluck()
        .all() as number[];
      const deleteRow = db.prepare('DELETE FROM articles WHERE rid = ?');
      const deleteLists = db.prepare('DELETE FROM article_lists WHERE rid = ?');
      for (const rid of gone) {
        deleteRow.run(rid);
        deleteLists.run(rid);
      }
      return gone.length;
    })();
  } finally {
    db.close();
  }
}
