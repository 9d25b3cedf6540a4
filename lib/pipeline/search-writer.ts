// Build time: writes a content version's search index (lib/search/search-db.ts). A new version
// starts from a copy of the previous version's file and changes only the documents whose source
// changed, so publishing one article rewrites the posting lists of its own terms, not the index;
// without a usable previous file every document is added. Either way the file holds the same
// documents, terms and frequencies, and ranks the same (tested in search-writer.test.ts).
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import {
  decodePostings,
  encodePostings,
  termCounts,
  termLengths,
  type TermCounts,
} from '../search/postings';
import {
  LENGTHS_META,
  SEARCH_DB_FORMAT,
  SEARCH_DB_SCHEMA,
  SIGNATURES_META,
  titleSignature,
  type SearchDbMeta,
} from '../search/search-db';

/** A document of the version: the build cache's key of its source file (same key, same document). */
export type SearchKey = { key: string; slug: string };
/** What a document adds to the index; asked only for documents the previous file lacks. */
export type SearchDocContent = {
  title: string;
  tags: string[];
  text: string;
  /** When it is due (ms since the epoch) and whether it is a draft: who may find it when. */
  date: number;
  draft: boolean;
  /** The term counts when the build already has them (else counted here). */
  counts?: TermCounts;
};

export type SearchWriteResult = { added: number; removed: number; fromPrevious: boolean };

/** New postings waiting to be merged into the file; flushed before they take too much memory. */
const FLUSH_POSTINGS = 4_000_000;

class PostingBuffer {
  docs = new Uint32Array(4);
  titleTf = new Uint16Array(4);
  bodyTf = new Uint16Array(4);
  length = 0;
  push(doc: number, titleTf: number, bodyTf: number) {
    if (this.length === this.docs.length) {
      const grow = <T extends Uint32Array | Uint16Array>(array: T): T => {
        const bigger = new (array.constructor as new (size: number) => T)(array.length * 2);
        bigger.set(array);
        return bigger;
      };
      this.docs = grow(this.docs);
      this.titleTf = grow(this.titleTf);
      this.bodyTf = grow(this.bodyTf);
    }
    this.docs[this.length] = doc;
    this.titleTf[this.length] = Math.min(0xffff, titleTf);
    this.bodyTf[this.length] = Math.min(0xffff, bodyTf);
    this.length += 1;
  }
}

export function readSearchMeta(db: Database.Database): SearchDbMeta | undefined {
  try {
    const rows = db
      .prepare('SELECT name, value FROM meta WHERE name NOT IN (?, ?)')
      .all(LENGTHS_META, SIGNATURES_META) as {
      name: string;
      value: string;
    }[];
    const meta = Object.fromEntries(rows.map((row) => [row.name, row.value]));
    return {
      format: meta.format ?? '',
      code: meta.code ?? '',
      count: Number(meta.count),
      nextId: Number(meta.nextId),
      titleTotal: Number(meta.titleTotal),
      bodyTotal: Number(meta.bodyTotal),
    };
  } catch {
    return undefined;
  }
}

/** Whether `file` is a complete index written by this code, so it can be carried forward. */
function reusable(file: string | undefined, code: string): file is string {
  if (!file || !existsSync(file)) return false;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const meta = readSearchMeta(db);
    return meta?.format === SEARCH_DB_FORMAT && meta.code === code;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

export function writeSearchIndex(
  file: string,
  docs: SearchKey[],
  load: (key: string) => SearchDocContent,
  options: { code: string; previous?: string },
): SearchWriteResult {
  const temporary = `${file}.tmp`;
  rmSync(temporary, { force: true });
  const fromPrevious = reusable(options.previous, options.code);
  if (fromPrevious) copyFileSync(options.previous as string, temporary);
  const db = new Database(temporary);
  try {
    // A half-written file is never used (it is renamed into place when complete), so nothing
    // needs journalling while it is written.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -65536');
    if (!fromPrevious) {
      db.exec(SEARCH_DB_SCHEMA);
      db.prepare('INSERT INTO meta (name, value) VALUES (?, ?)').run('format', SEARCH_DB_FORMAT);
    }
    const result = db.transaction(() => update(db, docs, load, options.code))();
    const { freelist_count: free } = db.prepare('PRAGMA freelist_count').get() as {
      freelist_count: number;
    };
    const { page_count: pages } = db.prepare('PRAGMA page_count').get() as { page_count: number };
    // Copy-and-update leaves free pages behind; compact when they are a third of the file.
    if (free * 3 > pages) db.exec('VACUUM');
    // Readers open it read-only: no WAL files beside it.
    db.pragma('journal_mode = DELETE');
    db.close();
    renameSync(temporary, file);
    return { ...result, fromPrevious };
  } catch (error) {
    if (db.open) db.close();
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** A uint32 pair per id below `size`: the previous file's, less the removed, plus the added. */
function pairsBlob(
  size: number,
  previous: Buffer | undefined,
  removed: ReadonlySet<number>,
  added: ReadonlyMap<number, [number, number]>,
): Buffer {
  const pairs = new Uint32Array(size * 2);
  if (previous) {
    const bytes = Math.min(pairs.length * 4, previous.length - (previous.length % 4));
    new Uint8Array(pairs.buffer).set(previous.subarray(0, bytes));
    for (const id of removed) pairs.fill(0, id * 2, id * 2 + 2);
  }
  for (const [id, pair] of added) pairs.set(pair, id * 2);
  return Buffer.from(pairs.buffer);
}

function update(
  db: Database.Database,
  docs: SearchKey[],
  load: (key: string) => SearchDocContent,
  code: string,
) {
  const meta = readSearchMeta(db);
  let nextId = Number.isFinite(meta?.nextId) ? (meta?.nextId as number) : 1;
  let titleTotal = Number.isFinite(meta?.titleTotal) ? (meta?.titleTotal as number) : 0;
  let bodyTotal = Number.isFinite(meta?.bodyTotal) ? (meta?.bodyTotal as number) : 0;
  const existing = new Map(
    (db.prepare('SELECT key, id FROM docs').all() as { key: string; id: number }[]).map((row) => [
      row.key,
      row.id,
    ]),
  );
  const wanted = new Set(docs.map((doc) => doc.key));

  // Removed documents: their terms are counted again from the stored text (the same tokenizer
  // wrote them: the code version matched), so the file needs no per-document term lists.
  const removedIds = new Set<number>();
  const touched = new Set<string>();
  const readDoc = db.prepare(
    'SELECT title, tags, text, title_len, body_len FROM docs WHERE id = ?',
  );
  const deleteDoc = db.prepare('DELETE FROM docs WHERE id = ?');
  const deleteInfo = db.prepare('DELETE FROM doc_info WHERE id = ?');
  for (const [key, id] of existing) {
    if (wanted.has(key)) continue;
    const row = readDoc.get(id) as {
      title: string;
      tags: string;
      text: string;
      title_len: number;
      body_len: number;
    };
    for (const term of Object.keys(
      termCounts(row.title, JSON.parse(row.tags) as string[], row.text),
    ))
      touched.add(term);
    titleTotal -= row.title_len;
    bodyTotal -= row.body_len;
    removedIds.add(id);
    deleteDoc.run(id);
    deleteInfo.run(id);
  }

  const readPostings = db.prepare('SELECT data FROM postings WHERE term = ?').pluck();
  const writePostings = db.prepare('INSERT OR REPLACE INTO postings (term, data) VALUES (?, ?)');
  const deletePostings = db.prepare('DELETE FROM postings WHERE term = ?');
  let pending = new Map<string, PostingBuffer>();
  let pendingCount = 0;
  const flush = (terms: Iterable<string>) => {
    for (const term of terms) {
      const data = readPostings.get(term) as Buffer | undefined;
      const add = pending.get(term);
      const old = data ? decodePostings(data) : undefined;
      let keep = old?.docs.length ?? 0;
      if (old && removedIds.size > 0) {
        keep = 0;
        for (const doc of old.docs) if (!removedIds.has(doc)) keep += 1;
      }
      const size = keep + (add?.length ?? 0);
      if (size === 0) {
        deletePostings.run(term);
        continue;
      }
      const docsOut = new Uint32Array(size);
      const titleOut = new Uint16Array(size);
      const bodyOut = new Uint16Array(size);
      let at = 0;
      if (old && keep === old.docs.length) {
        docsOut.set(old.docs);
        titleOut.set(old.titleTf);
        bodyOut.set(old.bodyTf);
        at = keep;
      } else if (old) {
        for (let i = 0; i < old.docs.length; i += 1) {
          if (removedIds.has(old.docs[i] as number)) continue;
          docsOut[at] = old.docs[i] as number;
          titleOut[at] = old.titleTf[i] as number;
          bodyOut[at] = old.bodyTf[i] as number;
          at += 1;
        }
      }
      if (add) {
        docsOut.set(add.docs.subarray(0, add.length), at);
        titleOut.set(add.titleTf.subarray(0, add.length), at);
        bodyOut.set(add.bodyTf.subarray(0, add.length), at);
      }
      writePostings.run(term, encodePostings(docsOut, titleOut, bodyOut));
    }
    pending = new Map();
    pendingCount = 0;
  };

  const insertDoc = db.prepare(
    'INSERT INTO docs (id, key, slug, title, tags, text, title_len, body_len) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertInfo = db.prepare(
    'INSERT INTO doc_info (id, slug, title_lower, draft, date_ms) VALUES (?, ?, ?, ?, ?)',
  );
  // The lengths and title signatures of the documents kept, carried over; the added ones are
  // set below.
  const readBlob = db.prepare('SELECT value FROM meta WHERE name = ?').pluck();
  const previousLengths = readBlob.get(LENGTHS_META) as Buffer | undefined;
  const previousSignatures = readBlob.get(SIGNATURES_META) as Buffer | undefined;
  const lengthsOf = new Map<number, [number, number]>();
  const signaturesOf = new Map<number, [number, number]>();
  // Ids in slug order, so that the same additions give the same file.
  const added = docs
    .filter((doc) => !existing.has(doc.key))
    .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : a.key < b.key ? -1 : 1));
  for (const { key, slug } of added) {
    const doc = load(key);
    const counts = doc.counts ?? termCounts(doc.title, doc.tags, doc.text);
    const lengths = termLengths(counts);
    const id = nextId;
    nextId += 1;
    insertDoc.run(
      id,
      key,
      slug,
      doc.title,
      JSON.stringify(doc.tags),
      doc.text,
      lengths.title,
      lengths.body,
    );
    const lowerTitle = doc.title.toLowerCase();
    insertInfo.run(id, slug, lowerTitle, doc.draft ? 1 : 0, doc.date);
    lengthsOf.set(id, [lengths.title, lengths.body]);
    signaturesOf.set(id, titleSignature(lowerTitle));
    titleTotal += lengths.title;
    bodyTotal += lengths.body;
    for (const [term, [inTitle, inBody]] of Object.entries(counts)) {
      let buffer = pending.get(term);
      if (!buffer) {
        buffer = new PostingBuffer();
        pending.set(term, buffer);
      }
      buffer.push(id, inTitle, inBody);
      pendingCount += 1;
    }
    if (pendingCount >= FLUSH_POSTINGS) {
      for (const term of pending.keys()) touched.delete(term);
      flush([...pending.keys()]);
    }
  }
  flush(new Set([...touched, ...pending.keys()]));

  const count = (db.prepare('SELECT count(*) FROM docs').pluck().get() as number) ?? 0;
  const setMeta = db.prepare('INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)');
  const values: Omit<SearchDbMeta, 'format'> = { code, count, nextId, titleTotal, bodyTotal };
  for (const [name, value] of Object.entries(values)) setMeta.run(name, String(value));
  // What a server loads of every document, each in one value read at once (row by row it took
  // seconds at 100,000 articles): 16 bytes a document, the rest stays on disk.
  setMeta.run(LENGTHS_META, pairsBlob(nextId, previousLengths, removedIds, lengthsOf));
  setMeta.run(SIGNATURES_META, pairsBlob(nextId, previousSignatures, removedIds, signaturesOf));
  return { added: added.length, removed: removedIds.size };
}
