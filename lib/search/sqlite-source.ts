import 'server-only';
// Reads one search index file (lib/search/search-db.ts) for the ranking: what it needs of every
// document is loaded once (lengths, lower-cased titles, slugs: about 20 MB at 100,000 articles);
// posting lists and texts are read per query from the file, which the operating system caches
// once for every process that opens it.
import Database from 'better-sqlite3';
import { decodePostings, type Postings, type RankSource } from './postings';
import { SEARCH_DB_FORMAT, type SearchDocList } from './search-db';

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
    (
      db.prepare("SELECT name, value FROM meta WHERE name != 'docs'").all() as {
        name: string;
        value: string;
      }[]
    ).map((row) => [row.name, row.value]),
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
  const list = JSON.parse(
    db.prepare("SELECT value FROM meta WHERE name = 'docs'").pluck().get() as string,
  ) as SearchDocList;
  list.ids.forEach((id, index) => {
    const slug = list.slugs[index] as string;
    titleLengths[id] = list.titleLengths[index] as number;
    bodyLengths[id] = list.bodyLengths[index] as number;
    slugs[id] = slug;
    titles[id] = (list.titles[index] as string).toLowerCase();
    idBySlug.set(slug, id);
  });
  const readPostings = db.prepare('SELECT data FROM postings WHERE term = ?').pluck();
  const readText = db.prepare('SELECT text FROM docs WHERE id = ?').pluck();
  const text = (doc: number) => (readText.get(doc) as string | undefined) ?? '';
  // The phrase test runs in SQLite (instr over the stored text, no string copied into
  // JavaScript): ten times faster, which bounds a rare phrase's query. SQLite's lower() folds
  // ASCII only, so a phrase with other letters that have case is tested here instead.
  const withPhraseSql = new Map<number, Database.Statement>();
  const phraseStatement = (size: number) => {
    let statement = withPhraseSql.get(size);
    if (!statement) {
      const ids = Array.from({ length: size }, () => '?').join(',');
      statement = db
        .prepare(`SELECT id FROM docs WHERE id IN (${ids}) AND instr(lower(text), ?) > 0`)
        .pluck();
      withPhraseSql.set(size, statement);
    }
    return statement;
  };
  const asciiCaseOnly = (phrase: string) =>
    Array.from(phrase).every(
      (char) => char.charCodeAt(0) < 128 || char.toLowerCase() === char.toUpperCase(),
    );
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
      withPhrase(docs, phrase) {
        if (docs.length === 0) return new Set();
        if (asciiCaseOnly(phrase))
          return new Set(phraseStatement(docs.length).all(...docs, phrase) as number[]);
        return new Set(docs.filter((doc) => text(doc).toLowerCase().includes(phrase)));
      },
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
