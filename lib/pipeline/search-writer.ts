// Build time: writes a content version's search index (lib/search/search-db.ts) as segments.
// A new version names the segments of the version before, leaves out the documents whose source
// changed or went, and adds one segment of the new and changed ones: publishing one article
// writes a segment of one document and a manifest, not the archive. Small segments are merged
// into bigger ones as they pile up (each new document is rewritten a few times over its life,
// never in a merge of more than MAX_MERGE documents), and a segment that holds mostly removed
// documents is rewritten without them.
// However a version was reached, it holds the same documents, terms and frequencies, and ranks
// the same as a cold build (tested in search-writer.test.ts).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  type BoundLengths,
  decodePostings,
  encodePostings,
  type Postings,
} from '../search/postings';
import { termCounts, termLengths, type TermCounts } from '../search/term-counts';
import {
  BLOCK_AVERAGES_META,
  LENGTHS_META,
  SEARCH_DB_FORMAT,
  SEARCH_DB_SCHEMA,
  SEGMENT_PAGE_SIZE,
  segmentFileName,
  SIGNATURES_META,
  titleSignature,
  type SearchManifest,
  type SegmentInfo,
} from '../search/search-db';

/** A document of the version: the build cache's key of its source file (same key, same document). */
export type SearchKey = { key: string; slug: string };
/** What a document adds to the index; asked only for documents the previous version lacks. */
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

export type SearchWriteResult = {
  added: number;
  removed: number;
  fromPrevious: boolean;
  /** Segments the version names. */
  segments: number;
  /** Documents written to disk by this version: the new segment's and any merge's. */
  written: number;
};

/** New postings waiting to be written; flushed before they take too much memory. */
const FLUSH_POSTINGS = 4_000_000;
/** A newer segment is merged into the one before it once it is at least 1/MERGE_RATIO its size. */
const MERGE_RATIO = 4;
/** More segments than this and the newest two are merged whatever their sizes (within MAX_MERGE). */
const MAX_SEGMENTS = 10;
/**
 * No merge writes more documents than this (about 3 s here): the segments above it stay as they
 * are until the next cold build (every release that changes the pipeline's code starts one), so
 * no publish waits for a rewrite of the archive.
 */
export const MAX_MERGE = 20_000;
/**
 * A segment of at least this many documents is written in pages of SEGMENT_PAGE_SIZE: its common
 * words' lists span many pages. A smaller one keeps 4 KB pages: each of its tables and indexes
 * takes at least a page, so 64 KB pages made a one-article segment 640 KB.
 */
const LARGE_SEGMENT = 4096;
/** Terms a merge reads at a time. */
const TERMS_PAGE = 5000;
/** A segment whose documents are at least this share removed is rewritten without them. */
const PURGE_SHARE = 1 / 3;

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

/** The manifest at `file` if it was written by this code and every segment it names is there. */
export function readSearchManifest(
  file: string | undefined,
  segmentsDir: string,
  code?: string,
): SearchManifest | undefined {
  if (!file) return undefined;
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as SearchManifest;
    if (manifest.format !== SEARCH_DB_FORMAT) return undefined;
    if (code !== undefined && manifest.code !== code) return undefined;
    for (const segment of manifest.segments)
      if (!existsSync(path.join(segmentsDir, segmentFileName(segment.name)))) return undefined;
    return manifest;
  } catch {
    return undefined;
  }
}

function writeAtomically(file: string, data: string) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}

/**
 * Writes one segment file from scratch with `build`, unless a file of that name (the same
 * content: names are hashes of what goes in) is there already.
 */
function writeSegmentFile(
  file: string,
  documents: number,
  build: (db: Database.Database) => void,
): void {
  if (existsSync(file)) return;
  const temporary = `${file}.${process.pid}.tmp`;
  rmSync(temporary, { force: true });
  const db = new Database(temporary);
  try {
    // A half-written file is never used (it is renamed into place when complete), so nothing
    // needs journalling while it is written.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -65536');
    db.pragma(`page_size = ${documents >= LARGE_SEGMENT ? SEGMENT_PAGE_SIZE : 4096}`);
    db.exec(SEARCH_DB_SCHEMA);
    build(db);
    // Readers open it read-only: no WAL files beside it.
    db.pragma('journal_mode = DELETE');
    db.close();
    renameSync(temporary, file);
  } catch (error) {
    if (db.open) db.close();
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * A segment's meta rows. Lengths and title signatures are what a server loads of every document,
 * each in one value read at once (row by row it took seconds at 100,000 articles): 16 bytes a
 * document, the rest stays on disk.
 */
function setSegmentMeta(
  db: Database.Database,
  segment: {
    code: string;
    count: number;
    firstId: number;
    nextId: number;
    lengths: Uint32Array;
    signatures: Uint32Array;
    blockAverages: BoundLengths;
  },
) {
  const statement = db.prepare('INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)');
  const values: [string, string | Buffer][] = [
    ['format', SEARCH_DB_FORMAT],
    ['code', segment.code],
    ['count', String(segment.count)],
    ['firstId', String(segment.firstId)],
    ['nextId', String(segment.nextId)],
    [LENGTHS_META, Buffer.from(segment.lengths.buffer)],
    [SIGNATURES_META, Buffer.from(segment.signatures.buffer)],
    [
      BLOCK_AVERAGES_META,
      JSON.stringify([segment.blockAverages.avgTitle, segment.blockAverages.avgBody]),
    ],
  ];
  for (const [name, value] of values) statement.run(name, value);
}

/**
 * Lists of one term that follow each other in id order, as one encoded list, less the `gone` ids;
 * undefined when nothing is left.
 */
function joinPostings(
  lists: Postings[],
  bounds: BoundLengths,
  gone?: ReadonlySet<number>,
): Buffer | undefined {
  let size = 0;
  for (const list of lists) for (const doc of list.docs) if (!gone?.has(doc)) size += 1;
  if (size === 0) return undefined;
  const docsOut = new Uint32Array(size);
  const titleOut = new Uint16Array(size);
  const bodyOut = new Uint16Array(size);
  let at = 0;
  for (const list of lists)
    for (let i = 0; i < list.docs.length; i += 1) {
      if (gone?.has(list.docs[i] as number)) continue;
      docsOut[at] = list.docs[i] as number;
      titleOut[at] = list.titleTf[i] as number;
      bodyOut[at] = list.bodyTf[i] as number;
      at += 1;
    }
  return encodePostings(docsOut, titleOut, bodyOut, bounds);
}

/** What a segment's block bounds are computed with: its documents' lengths and averages. */
function boundLengths(
  lengths: Uint32Array,
  firstId: number,
  totals: { count: number; titleTotal: number; bodyTotal: number },
): BoundLengths {
  const { count, titleTotal, bodyTotal } = totals;
  return {
    lengths,
    firstId,
    avgTitle: count ? titleTotal / count || 1 : 1,
    avgBody: count ? bodyTotal / count || 1 : 1,
  };
}

/** Writes a segment of `added` (ids from `firstId`, in that order); returns its next id. */
function writeNewSegment(
  db: Database.Database,
  added: SearchKey[],
  load: (key: string) => SearchDocContent,
  code: string,
  firstId: number,
  flushPostings: number,
): { nextId: number; titleTotal: number; bodyTotal: number } {
  let titleTotal = 0;
  let bodyTotal = 0;
  const size = added.length;
  const lengths = new Uint32Array(size * 2);
  const signatures = new Uint32Array(size * 2);
  const writePostings = db.prepare('INSERT INTO postings (term, data) VALUES (?, ?)');
  let pending = new Map<string, PostingBuffer>();
  let pendingCount = 0;
  // A large segment's postings go out in runs, one per flush, to a temporary table (outside the
  // segment's file), and each term's runs are joined once at the end: ids only grow, so the runs
  // in order keep each list in id order. Extending each list in the file at every flush had
  // rewritten the common terms' lists once per flush, a cost that grew with the square of the
  // segment (1,000,000 documents: about 66 flushes).
  let runs = 0;
  let insertRun: Database.Statement | undefined;
  const encode = (add: PostingBuffer, bounds?: BoundLengths) =>
    encodePostings(
      add.docs.subarray(0, add.length),
      add.titleTf.subarray(0, add.length),
      add.bodyTf.subarray(0, add.length),
      bounds,
    );
  // Block bounds need every document's lengths: lists are written whole only at the end.
  const bounds = () => boundLengths(lengths, firstId, { count: size, titleTotal, bodyTotal });
  const flush = (last: boolean) => {
    if (last && runs === 0) {
      const all = bounds();
      for (const [term, add] of pending) writePostings.run(term, encode(add, all));
    } else {
      if (!insertRun) {
        db.exec(
          'CREATE TEMP TABLE runs (term TEXT NOT NULL, run INTEGER NOT NULL, data BLOB NOT NULL, ' +
            'PRIMARY KEY (term, run)) WITHOUT ROWID',
        );
        insertRun = db.prepare('INSERT INTO temp.runs (term, run, data) VALUES (?, ?, ?)');
      }
      for (const [term, add] of pending) insertRun.run(term, runs, encode(add));
      runs += 1;
    }
    pending = new Map();
    pendingCount = 0;
  };
  const joinRuns = () => {
    const termsAfter = db
      .prepare(
        `SELECT DISTINCT term FROM temp.runs WHERE term > ? ORDER BY term LIMIT ${TERMS_PAGE}`,
      )
      .pluck();
    const runsOf = db.prepare('SELECT data FROM temp.runs WHERE term = ? ORDER BY run').pluck();
    const all = bounds();
    // A page of terms at a time: a connection cannot write while a statement of it is reading.
    for (let after = ''; ;) {
      const page = termsAfter.all(after) as string[];
      for (const term of page) {
        const joined = joinPostings((runsOf.all(term) as Buffer[]).map(decodePostings), all);
        if (joined) writePostings.run(term, joined);
      }
      if (page.length < TERMS_PAGE) break;
      after = page[page.length - 1] as string;
    }
    db.exec('DROP TABLE temp.runs');
  };
  const insertDoc = db.prepare(
    'INSERT INTO docs (id, key, slug, title, tags, text, title_len, body_len) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertInfo = db.prepare(
    'INSERT INTO doc_info (id, slug, title_lower, draft, date_ms) VALUES (?, ?, ?, ?, ?)',
  );
  added.forEach(({ key, slug }, at) => {
    const doc = load(key);
    const counts = doc.counts ?? termCounts(doc.title, doc.tags, doc.text);
    const termLength = termLengths(counts);
    const id = firstId + at;
    insertDoc.run(
      id,
      key,
      slug,
      doc.title,
      JSON.stringify(doc.tags),
      doc.text,
      termLength.title,
      termLength.body,
    );
    const lowerTitle = doc.title.toLowerCase();
    insertInfo.run(id, slug, lowerTitle, doc.draft ? 1 : 0, doc.date);
    lengths.set([termLength.title, termLength.body], at * 2);
    signatures.set(titleSignature(lowerTitle), at * 2);
    titleTotal += termLength.title;
    bodyTotal += termLength.body;
    for (const [term, [inTitle, inBody]] of Object.entries(counts)) {
      let buffer = pending.get(term);
      if (!buffer) {
        buffer = new PostingBuffer();
        pending.set(term, buffer);
      }
      buffer.push(id, inTitle, inBody);
      pendingCount += 1;
    }
    if (pendingCount >= flushPostings) flush(false);
  });
  flush(true);
  if (runs > 0) joinRuns();
  const nextId = firstId + size;
  setSegmentMeta(db, {
    code,
    count: size,
    firstId,
    nextId,
    lengths,
    signatures,
    blockAverages: bounds(),
  });
  return { nextId, titleTotal, bodyTotal };
}

/**
 * Merges consecutive segments into one, leaving out the `deleted` ids. Ids are kept, so the
 * manifests of other versions and the ids of every other segment stay as they are.
 */
function mergeSegments(
  db: Database.Database,
  inputs: { file: string; info: SegmentInfo }[],
  deleted: ReadonlySet<number>,
  code: string,
): number {
  const firstId = (inputs[0] as (typeof inputs)[number]).info.firstId;
  const nextId = (inputs[inputs.length - 1] as (typeof inputs)[number]).info.nextId;
  const gone = [...deleted].filter((id) => id >= firstId && id < nextId);
  db.exec('CREATE TEMP TABLE gone (id INTEGER PRIMARY KEY)');
  const insertGone = db.prepare('INSERT INTO temp.gone (id) VALUES (?)');
  for (const id of gone) insertGone.run(id);
  const goneSet = new Set(gone);
  const schemas = inputs.map((_, at) => `s${at}`);
  inputs.forEach(({ file }, at) => db.prepare(`ATTACH DATABASE ? AS s${at}`).run(file));
  let count = 0;
  const lengths = new Uint32Array((nextId - firstId) * 2);
  const signatures = new Uint32Array((nextId - firstId) * 2);
  db.transaction(() => {
    for (const schema of schemas) {
      count += db
        .prepare(
          `INSERT INTO docs SELECT * FROM ${schema}.docs WHERE id NOT IN (SELECT id FROM temp.gone)`,
        )
        .run().changes;
      db.prepare(
        `INSERT INTO doc_info SELECT * FROM ${schema}.doc_info WHERE id NOT IN (SELECT id FROM temp.gone)`,
      ).run();
      const blob = (name: string) => {
        const stored = db
          .prepare(`SELECT value FROM ${schema}.meta WHERE name = ?`)
          .pluck()
          .get(name) as Buffer;
        const values = new Uint32Array(stored.length / 4);
        new Uint8Array(values.buffer).set(stored);
        return values;
      };
      const from = Number(
        db.prepare(`SELECT value FROM ${schema}.meta WHERE name = 'firstId'`).pluck().get(),
      );
      lengths.set(blob(LENGTHS_META), (from - firstId) * 2);
      signatures.set(blob(SIGNATURES_META), (from - firstId) * 2);
    }
    for (const id of gone) {
      lengths.fill(0, (id - firstId) * 2, (id - firstId) * 2 + 2);
      signatures.fill(0, (id - firstId) * 2, (id - firstId) * 2 + 2);
    }
    let titleTotal = 0;
    let bodyTotal = 0;
    for (let at = 0; at < lengths.length; at += 2) {
      titleTotal += lengths[at] as number;
      bodyTotal += lengths[at + 1] as number;
    }
    const bounds = boundLengths(lengths, firstId, { count, titleTotal, bodyTotal });
    // Every term of any input, each list the inputs' lists one after the other: the inputs are
    // consecutive in id, so the result stays in id order.
    // Read a page at a time: a connection cannot write while a statement of it is reading.
    const termsAfter = db
      .prepare(
        `SELECT term FROM (${schemas
          .map((schema) => `SELECT term FROM ${schema}.postings WHERE term > @after`)
          .join(' UNION ')}) ORDER BY term LIMIT ${TERMS_PAGE}`,
      )
      .pluck();
    const terms = function* () {
      let after = '';
      for (;;) {
        const page = termsAfter.all({ after }) as string[];
        yield* page;
        if (page.length < TERMS_PAGE) return;
        after = page[page.length - 1] as string;
      }
    };
    const reads = schemas.map((schema) =>
      db.prepare(`SELECT data FROM ${schema}.postings WHERE term = ?`).pluck(),
    );
    const write = db.prepare('INSERT INTO postings (term, data) VALUES (?, ?)');
    for (const term of terms()) {
      const lists = reads.flatMap((read) => {
        const data = read.get(term) as Buffer | undefined;
        return data ? [decodePostings(data)] : [];
      });
      const joined = joinPostings(lists, bounds, goneSet);
      if (joined) write.run(term, joined);
    }
    setSegmentMeta(db, {
      code,
      count,
      firstId,
      nextId,
      lengths,
      signatures,
      blockAverages: bounds,
    });
  })();
  for (const schema of schemas) db.exec(`DETACH DATABASE ${schema}`);
  return count;
}

// An array, not spread arguments: a cold build's first segment names every document, and a call
// with 250,000 arguments overflows the stack.
const hashOf = (parts: readonly (string | number)[]) =>
  createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);

/** Ids of `deleted` in the segment's range. */
/**
 * The manifest's deletions and length sums with these documents left out, each found by its
 * slug and key (docs_slug), newest segment first; undefined when one is not a live document of
 * the manifest (then the version is compared whole).
 */
function markRemoved(
  manifest: SearchManifest,
  removed: readonly SearchKey[],
  fileOf: (info: SegmentInfo) => string,
): { deleted: Set<number>; titleTotal: number; bodyTotal: number; removed: number } | undefined {
  const deleted = new Set(manifest.deleted);
  let { titleTotal, bodyTotal } = manifest;
  const left = new Map(removed.map((doc) => [doc.key, doc]));
  for (const info of [...manifest.segments].reverse()) {
    if (left.size === 0) break;
    const db = new Database(fileOf(info), { readonly: true, fileMustExist: true });
    try {
      const find = db.prepare(
        'SELECT id, title_len, body_len FROM docs WHERE slug = ? AND key = ?',
      );
      for (const doc of [...left.values()]) {
        for (const row of find.all(doc.slug, doc.key) as {
          id: number;
          title_len: number;
          body_len: number;
        }[]) {
          if (deleted.has(row.id)) continue;
          deleted.add(row.id);
          titleTotal -= row.title_len;
          bodyTotal -= row.body_len;
          left.delete(doc.key);
        }
      }
    } finally {
      db.close();
    }
  }
  if (left.size > 0) return undefined;
  return { deleted, titleTotal, bodyTotal, removed: removed.length };
}

function deletedIn(info: SegmentInfo, deleted: ReadonlySet<number>): number[] {
  return [...deleted].filter((id) => id >= info.firstId && id < info.nextId);
}

/**
 * Writes the search index of a version: its manifest at `manifestFile`, and the segments it
 * needs and the previous version (`previous`, its manifest) lacks in `segmentsDir`.
 */
export function writeSearchVersion(input: {
  manifestFile: string;
  segmentsDir: string;
  /** Every document of the version (a function: called only when `delta` cannot be used). */
  docs: readonly SearchKey[] | (() => readonly SearchKey[]);
  load: (key: string) => SearchDocContent;
  code: string;
  previous?: string;
  /**
   * This version as a change of another (its manifest, `previous`): the documents it leaves out
   * and those it adds. Used when that manifest can be read and holds every document `removed`
   * names; then `docs` is not read.
   */
  delta?: { previous: string; removed: readonly SearchKey[]; added: readonly SearchKey[] };
  /** Postings held in memory before a run of them is written (tests set it low). */
  flushPostings?: number;
}): SearchWriteResult {
  const { manifestFile, segmentsDir, load, code } = input;
  let all: readonly SearchKey[] | undefined;
  const docs = () => (all ??= typeof input.docs === 'function' ? input.docs() : input.docs);
  mkdirSync(segmentsDir, { recursive: true });
  const fileOf = (info: SegmentInfo) => path.join(segmentsDir, segmentFileName(info.name));
  const base = input.delta && readSearchManifest(input.delta.previous, segmentsDir, code);
  const marked = base && input.delta ? markRemoved(base, input.delta.removed, fileOf) : undefined;
  const previous = marked ? base : readSearchManifest(input.previous, segmentsDir, code);
  let segments = previous?.segments ?? [];
  const deleted = new Set(marked?.deleted ?? previous?.deleted ?? []);
  let nextId = previous?.nextId ?? 1;
  let titleTotal = marked?.titleTotal ?? previous?.titleTotal ?? 0;
  let bodyTotal = marked?.bodyTotal ?? previous?.bodyTotal ?? 0;
  let removed = marked?.removed ?? 0;
  let fresh: readonly SearchKey[] | undefined = marked && input.delta?.added;

  // Otherwise the documents the previous version holds, by key; those this version lacks are
  // left out (at 1,000,000 documents about 10 s).
  const wanted = new Set(fresh ? [] : docs().map((doc) => doc.key));
  const existing = new Set<string>();
  for (const info of fresh ? [] : segments) {
    const db = new Database(fileOf(info), { readonly: true, fileMustExist: true });
    try {
      const readLengths = db.prepare('SELECT title_len, body_len FROM docs WHERE id = ?');
      for (const { key, id } of db
        .prepare('SELECT key, id FROM docs')
        .iterate() as IterableIterator<{
        key: string;
        id: number;
      }>) {
        if (deleted.has(id)) continue;
        if (wanted.has(key)) {
          existing.add(key);
          continue;
        }
        const row = readLengths.get(id) as { title_len: number; body_len: number };
        titleTotal -= row.title_len;
        bodyTotal -= row.body_len;
        deleted.add(id);
        removed += 1;
      }
    } finally {
      db.close();
    }
  }

  fresh ??= docs().filter((doc) => !existing.has(doc.key));
  // Ids in slug order, so that the same additions give the same segment.
  const added = [...fresh].sort((a, b) =>
    a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : a.key < b.key ? -1 : 1,
  );
  let written = 0;
  if (added.length > 0) {
    const firstId = nextId;
    const name = `${firstId}-${hashOf([code, firstId, ...added.map((doc) => doc.key)])}`;
    let totals = { titleTotal: 0, bodyTotal: 0 };
    const info: SegmentInfo = {
      name,
      firstId,
      nextId: firstId + added.length,
      count: added.length,
    };
    const file = fileOf(info);
    if (existsSync(file)) {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      const sums = db
        .prepare('SELECT SUM(title_len) AS titleTotal, SUM(body_len) AS bodyTotal FROM docs')
        .get() as { titleTotal: number; bodyTotal: number };
      db.close();
      totals = sums;
    } else {
      writeSegmentFile(file, added.length, (db) => {
        totals = db.transaction(() =>
          writeNewSegment(db, added, load, code, firstId, input.flushPostings ?? FLUSH_POSTINGS),
        )();
      });
      written += added.length;
    }
    titleTotal += totals.titleTotal;
    bodyTotal += totals.bodyTotal;
    nextId = info.nextId;
    segments = [...segments, info];
  }

  // Merges: a segment mostly of removed documents on its own; the newest two while the newer is
  // not much smaller than the one before it, or while there are too many.
  const live = (info: SegmentInfo) => info.count - deletedIn(info, deleted).length;
  const merge = (from: number, to: number) => {
    const inputs = segments.slice(from, to + 1);
    const first = inputs[0] as SegmentInfo;
    const last = inputs[inputs.length - 1] as SegmentInfo;
    const gone = inputs.flatMap((info) => deletedIn(info, deleted));
    const name = `${first.firstId}-${hashOf([code, ...inputs.map((info) => info.name), 'without', ...gone])}`;
    const info: SegmentInfo = {
      name,
      firstId: first.firstId,
      nextId: last.nextId,
      count: inputs.reduce((sum, one) => sum + one.count, 0) - gone.length,
    };
    writeSegmentFile(fileOf(info), info.count, (db) => {
      written += mergeSegments(
        db,
        inputs.map((one) => ({ file: fileOf(one), info: one })),
        deleted,
        code,
      );
    });
    for (const id of gone) deleted.delete(id);
    segments = [...segments.slice(0, from), info, ...segments.slice(to + 1)];
  };
  // A segment none of whose documents is left is dropped, its ids with it.
  segments = segments.filter((info) => {
    if (live(info) > 0) return true;
    for (const id of deletedIn(info, deleted)) deleted.delete(id);
    return false;
  });
  for (let at = 0; at < segments.length; at += 1) {
    const info = segments[at] as SegmentInfo;
    const left = live(info);
    if (left <= MAX_MERGE && (info.count - left) / info.count >= PURGE_SHARE) merge(at, at);
  }
  for (;;) {
    const last = segments[segments.length - 1];
    const before = segments[segments.length - 2];
    if (!last || !before || live(last) + live(before) > MAX_MERGE) break;
    if (live(last) * MERGE_RATIO < live(before) && segments.length <= MAX_SEGMENTS) break;
    merge(segments.length - 2, segments.length - 1);
  }
  const manifest: SearchManifest = {
    format: SEARCH_DB_FORMAT,
    code,
    segments,
    deleted: [...deleted].sort((a, b) => a - b),
    count: marked && base ? base.count - removed + added.length : docs().length,
    nextId,
    titleTotal,
    bodyTotal,
  };
  writeAtomically(manifestFile, `${JSON.stringify(manifest)}\n`);
  return {
    added: added.length,
    removed,
    fromPrevious: previous !== undefined,
    segments: segments.length,
    written,
  };
}

/** The segment files any of these manifests name (what garbage collection keeps). */
export function segmentsNamed(manifests: string[], segmentsDir: string): Set<string> | undefined {
  const names = new Set<string>();
  for (const file of manifests) {
    if (!existsSync(file)) continue;
    const manifest = readSearchManifest(file, segmentsDir);
    // A manifest that cannot be read may still name segments: keep everything this time.
    if (!manifest) return undefined;
    for (const segment of manifest.segments) names.add(segmentFileName(segment.name));
  }
  return names;
}
