import 'server-only';
// Reads one search index file (lib/search/search-db.ts) for the ranking. A process keeps in
// memory only what a query reads for many documents: two term lengths (BM25, every posting) and
// a title signature (the phrase-in-title test), 16 bytes a document: 16 MB at 1,000,000
// articles. Posting lists, slugs, titles, publication and texts are read per query from the
// file, which the operating system caches once for every process that opens it.
import Database from 'better-sqlite3';
import { decodePostings, type Postings, type RankSource } from './postings';
import { LENGTHS_META, SEARCH_DB_FORMAT, SIGNATURES_META, titleSignature } from './search-db';

export type SearchFile = {
  source: RankSource;
  /** A document's plain text, for its excerpt. */
  text(doc: number): string;
  /**
   * Which documents readers may find at `now` (not drafts, due by then; every one when `all`,
   * as in a preview), as the ranking's visibility flags.
   */
  visibleAt(now: number, all: boolean): Uint8Array;
  setVisible(visible: Uint8Array): void;
  close(): void;
};

/** Ids a statement takes at a time (SQLite's limit on parameters is far above). */
const BATCH = 500;
/** Slugs kept between queries (ties and result pages ask again for the same few documents). */
const SLUGS_KEPT = 20_000;

export function openSearchFile(file: string): SearchFile {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const meta = Object.fromEntries(
    (
      db
        .prepare('SELECT name, value FROM meta WHERE name NOT IN (?, ?)')
        .all(LENGTHS_META, SIGNATURES_META) as {
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
  const readBlob = db.prepare('SELECT value FROM meta WHERE name = ?').pluck();
  // Copied into aligned buffers: typed-array views need 4-byte alignment, a blob has none.
  const pairs = (name: string) => {
    const stored = readBlob.get(name) as Buffer;
    const values = new Uint32Array(maxId * 2);
    new Uint8Array(values.buffer).set(stored.subarray(0, values.length * 4));
    return values;
  };
  const lengths = pairs(LENGTHS_META);
  const signatures = pairs(SIGNATURES_META);
  const readPostings = db.prepare('SELECT data FROM postings WHERE term = ?').pluck();
  const readText = db.prepare('SELECT text FROM docs WHERE id = ?').pluck();
  const readSlug = db.prepare('SELECT slug FROM doc_info WHERE id = ?').pluck();
  const text = (doc: number) => (readText.get(doc) as string | undefined) ?? '';
  const slugs = new Map<number, string>();
  const slug = (doc: number) => {
    let known = slugs.get(doc);
    if (known === undefined) {
      known = (readSlug.get(doc) as string | undefined) ?? '';
      if (slugs.size >= SLUGS_KEPT) slugs.clear();
      slugs.set(doc, known);
    }
    return known;
  };
  const statements = new Map<string, Database.Statement>();
  /** `SELECT id FROM <from> WHERE id IN (…size ids…) AND <test>`, prepared once per shape. */
  const idsWhere = (from: string, test: string, size: number) => {
    const key = `${from}|${test}|${size}`;
    let statement = statements.get(key);
    if (!statement) {
      const ids = Array.from({ length: size }, () => '?').join(',');
      statement = db.prepare(`SELECT id FROM ${from} WHERE id IN (${ids}) AND ${test}`).pluck();
      statements.set(key, statement);
    }
    return statement;
  };
  const matching = (docs: number[], from: string, test: string, value: string) => {
    const found = new Set<number>();
    for (let at = 0; at < docs.length; at += BATCH) {
      const batch = docs.slice(at, at + BATCH);
      for (const id of idsWhere(from, test, batch.length).all(...batch, value) as number[])
        found.add(id);
    }
    return found;
  };
  // The phrase tests run in SQLite (instr over the stored text, no string copied into
  // JavaScript): ten times faster, which bounds a rare phrase's query. SQLite's lower() folds
  // ASCII only, so a body phrase with other letters that have case is tested here instead;
  // titles are stored lower-cased by JavaScript, as the phrase is.
  const asciiCaseOnly = (phrase: string) =>
    Array.from(phrase).every(
      (char) => char.charCodeAt(0) < 128 || char.toLowerCase() === char.toUpperCase(),
    );
  const readShown = db.prepare('SELECT id FROM doc_info WHERE draft = 0 AND date_ms <= ?').pluck();
  const readAll = db.prepare('SELECT id FROM doc_info').pluck();
  let visible: Uint8Array = new Uint8Array(maxId);
  return {
    source: {
      count,
      maxId,
      avgTitle: count ? Number(meta.titleTotal) / count || 1 : 1,
      avgBody: count ? Number(meta.bodyTotal) / count || 1 : 1,
      titleLength: (doc) => lengths[doc * 2] as number,
      bodyLength: (doc) => lengths[doc * 2 + 1] as number,
      postings(term): Postings | undefined {
        const data = readPostings.get(term) as Buffer | undefined;
        return data ? decodePostings(data) : undefined;
      },
      withTitlePhrase(docs, phrase) {
        // Only the titles whose signature has every bit of the phrase's can hold it: usually
        // well under 1 in 100 of the documents that hold every word.
        const [low, high] = titleSignature(phrase);
        const possible = docs.filter(
          (doc) =>
            ((signatures[doc * 2] as number) & low) >>> 0 === low &&
            ((signatures[doc * 2 + 1] as number) & high) >>> 0 === high,
        );
        if (possible.length === 0) return new Set();
        return matching(possible, 'doc_info', 'instr(title_lower, ?) > 0', phrase);
      },
      withPhrase(docs, phrase) {
        if (docs.length === 0) return new Set();
        if (asciiCaseOnly(phrase))
          return matching(docs, 'docs', 'instr(lower(text), ?) > 0', phrase);
        return new Set(docs.filter((doc) => text(doc).toLowerCase().includes(phrase)));
      },
      visible: (doc) => visible[doc] === 1,
      slug,
    },
    text,
    visibleAt(now, all) {
      const flags = new Uint8Array(maxId);
      const ids = (all ? readAll.iterate() : readShown.iterate(now)) as IterableIterator<number>;
      for (const id of ids) flags[id] = 1;
      return flags;
    },
    setVisible(flags) {
      visible = flags;
    },
    close: () => db.close(),
  };
}
