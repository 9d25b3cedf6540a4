import 'server-only';
// Reads one search index file (lib/search/search-db.ts) for the ranking: what it needs of every
// document is loaded once (lengths, lower-cased titles, slugs: about 20 MB at 100,000 articles);
// posting lists and texts are read per query from the file, which the operating system caches
// once for every process that opens it.
import Database from 'better-sqlite3';
import { decodePostings, type Postings, type RankSource } from './postings';
import { SEARCH_DB_FORMAT } from './search-db';

export type SearchFile = {
  source: RankSource;
  /** A document's plain text, for its excerpt. */
  text(doc: number): string;
  /** Which documents these slugs are, as the ranking's visibility flags. */
  visibleSet(slugs: Iterable<string>): Uint8Array;
  setVisible(visible: Uint8Array): void;
  close(): void;
};

export function openSearchFile(file: string): SearchFile {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const meta = Object.fromEntries(
    (db.prepare('SELECT name, value FROM meta').all() as { name: string; value: string }[]).map(
      (row) => [row.name, row.value],
    ),
  );
  if (meta.format !== SEARCH_DB_FORMAT) {
    db.close();
    throw new Error(`${file} has search index format ${meta.format}, expected ${SEARCH_DB_FORMAT}`);
  }
  const count = Number(meta.count);
  const maxId = Number(meta.nextId);
  const titleLengths = new Uint32Array(maxId);
  const bodyLengths = new Uint32Array(maxId);
  const slugs = new Array<string>(maxId).fill('');
  const titles = new Array<string>(maxId).fill('');
  const idBySlug = new Map<string, number>();
  type Row = { id: number; slug: string; title: string; title_len: number; body_len: number };
  const rows = db.prepare('SELECT id, slug, title, title_len, body_len FROM docs').iterate();
  for (const row of rows as IterableIterator<Row>) {
    titleLengths[row.id] = row.title_len;
    bodyLengths[row.id] = row.body_len;
    slugs[row.id] = row.slug;
    titles[row.id] = row.title.toLowerCase();
    idBySlug.set(row.slug, row.id);
  }
  const readPostings = db.prepare('SELECT data FROM postings WHERE term = ?').pluck();
  const readText = db.prepare('SELECT text FROM docs WHERE id = ?').pluck();
  const text = (doc: number) => (readText.get(doc) as string | undefined) ?? '';
  let visible: Uint8Array = new Uint8Array(maxId);
  return {
    source: {
      count,
      maxId,
      avgTitle: count ? Number(meta.titleTotal) / count || 1 : 1,
      avgBody: count ? Number(meta.bodyTotal) / count || 1 : 1,
      titleLength: (doc) => titleLengths[doc] as number,
      bodyLength: (doc) => bodyLengths[doc] as number,
      postings(term): Postings | undefined {
        const data = readPostings.get(term) as Buffer | undefined;
        return data ? decodePostings(data) : undefined;
      },
      lowerTitle: (doc) => titles[doc] as string,
      lowerText: (doc) => text(doc).toLowerCase(),
      visible: (doc) => visible[doc] === 1,
      slug: (doc) => slugs[doc] as string,
    },
    text,
    visibleSet(visibleSlugs) {
      const flags = new Uint8Array(maxId);
      for (const slug of visibleSlugs) {
        const id = idBySlug.get(slug);
        if (id !== undefined) flags[id] = 1;
      }
      return flags;
    },
    setVisible(flags) {
      visible = flags;
    },
    close: () => db.close(),
  };
}
