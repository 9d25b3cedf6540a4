// Build time and scripts: reads of the on-disk catalog (lib/content/catalog-schema.ts,
// docs/adr/027-on-disk-catalog.md) outside a server. lib/content/catalog.ts is the server's,
// server-only and per request; these read whole versions, for tests and the content build's
// garbage collection (the publisher's search engine push reads what changed: lib/push/catalog-look.ts).
import Database from 'better-sqlite3';
import type { ArticleSummary, CategoryInfo, ContentIndex, SitePage } from '../content/types';

function openForRead(file: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true });
}

/**
 * The whole of version `id` as one index: every article it holds (drafts and scheduled ones too),
 * by slug, with its categories and site pages; undefined when the catalog does not have it. Its
 * cost is the archive's (every summary parsed): tests and tools only.
 */
export function readCatalogIndex(file: string, id: string): ContentIndex | undefined {
  const db = openForRead(file);
  try {
    const version = db
      .prepare('SELECT seq, categories, pages FROM versions WHERE id = ?')
      .get(id) as { seq: number; categories: string; pages: string } | undefined;
    if (!version) return undefined;
    const articles: ArticleSummary[] = [];
    for (const summary of db
      .prepare('SELECT summary FROM articles WHERE from_seq <= ? AND to_seq > ? ORDER BY slug')
      .pluck()
      .iterate(version.seq, version.seq) as IterableIterator<string>)
      articles.push(JSON.parse(summary) as ArticleSummary);
    return {
      articles,
      categories: JSON.parse(version.categories) as CategoryInfo[],
      pages: JSON.parse(version.pages) as SitePage[],
    };
  } finally {
    db.close();
  }
}

/**
 * The body hashes the versions `ids` name, their articles' and their site pages'; undefined when
 * one of them is not in the catalog (its bodies are unknown, so none may be deleted). SQLite
 * takes each hash out of the summary's JSON: no summary is parsed here.
 */
export function catalogBodies(file: string, ids: Iterable<string>): Set<string> | undefined {
  const db = openForRead(file);
  try {
    const version = db.prepare('SELECT seq, pages FROM versions WHERE id = ?');
    const wanted = new Set<string>();
    const seqs: number[] = [];
    for (const id of ids) {
      const row = version.get(id) as { seq: number; pages: string } | undefined;
      if (!row) return undefined;
      seqs.push(row.seq);
      for (const page of JSON.parse(row.pages) as SitePage[]) wanted.add(page.body);
    }
    if (seqs.length === 0) return wanted;
    // One pass over the rows however many versions: most rows are shared by all of them.
    const shown = seqs.map(() => '(from_seq <= ? AND to_seq > ?)').join(' OR ');
    const bodies = db
      .prepare(`SELECT json_extract(summary, '$.body') FROM articles WHERE ${shown}`)
      .pluck()
      .iterate(...seqs.flatMap((seq) => [seq, seq])) as IterableIterator<string | null>;
    for (const body of bodies) if (body) wanted.add(body);
    return wanted;
  } finally {
    db.close();
  }
}
