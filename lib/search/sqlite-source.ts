import 'server-only';
// Reads a content version's search index (lib/search/search-db.ts: a manifest naming segments)
// for the ranking. A process keeps in memory only what a query reads for many documents: two
// term lengths (BM25, every posting) and a title signature (the phrase-in-title test), 16 bytes a
// document in two arrays per content version, copied from the segments when a version is opened:
// 16 MB at 1,000,000 articles. Posting lists, slugs, titles, publication and texts are read per
// query from the files, which the operating system caches once for every process.
// Segments are opened once and shared by the versions that name them, so a switch to a version
// that adds one article opens one small file.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { bit, bitmap, setBit } from './bitmap';
import { boundScale, decodePostings, type Postings, type RankSource } from './postings';
import {
  BLOCK_AVERAGES_META,
  LENGTHS_META,
  SEARCH_DB_FORMAT,
  segmentFileName,
  SIGNATURES_META,
  titleSignature,
  type SearchManifest,
} from './search-db';

export type SearchFile = {
  source: RankSource;
  /** A document's plain text, for its excerpt. */
  text(doc: number): string;
  /**
   * Which documents readers may find at `now` (not drafts, due by then; every one when `all`,
   * as in a preview), as the ranking's bitmap (RankSource.visible).
   */
  visibleAt(now: number, all: boolean): Uint32Array;
  setVisible(visible: Uint32Array): void;
  /** The segment files it reads. */
  readonly segments: readonly string[];
  close(): void;
};

/** Ids a statement takes at a time (SQLite's limit on parameters is far above). */
const BATCH = 500;
/** Slugs kept between queries (ties and result pages ask again for the same few documents). */
const SLUGS_KEPT = 20_000;

/** One segment file, open read-only. */
export type Segment = {
  readonly file: string;
  readonly firstId: number;
  readonly nextId: number;
  /** The averages its lists' block bounds were computed at. */
  readonly blockAverages: { avgTitle: number; avgBody: number };
  /**
   * Copies its documents' term lengths and title signatures into a version's arrays, each two
   * uint32 a document at 2·id (read again for each version that names the segment, not kept: the
   * version's copy is the one queries read).
   */
  readPairs(lengths: Uint32Array, signatures: Uint32Array): void;
  postings(term: string): Postings | undefined;
  text(doc: number): string;
  slug(doc: number): string;
  /** Which of `docs` pass `test` (SQL over `from`, with `value` as its one parameter). */
  matching(docs: number[], from: 'docs' | 'doc_info', test: string, value: string): number[];
  shown(now: number, all: boolean): IterableIterator<number>;
  close(): void;
};

export function openSegment(file: string): Segment {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const meta = Object.fromEntries(
    (
      db
        .prepare('SELECT name, value FROM meta WHERE name NOT IN (?, ?)')
        .all(LENGTHS_META, SIGNATURES_META) as { name: string; value: string }[]
    ).map((row) => [row.name, row.value]),
  );
  if (meta.format !== SEARCH_DB_FORMAT) {
    db.close();
    throw new Error(`${file} has search index format ${meta.format}, expected ${SEARCH_DB_FORMAT}`);
  }
  const firstId = Number(meta.firstId);
  const nextId = Number(meta.nextId);
  const [avgTitle, avgBody] = JSON.parse(meta[BLOCK_AVERAGES_META] ?? '[1,1]') as [number, number];
  const readBlob = db.prepare('SELECT value FROM meta WHERE name = ?').pluck();
  const copyPairs = (name: string, into: Uint32Array) => {
    const stored = readBlob.get(name) as Buffer;
    const bytes = (nextId - firstId) * 8;
    // Into an aligned array: typed-array views need 4-byte alignment, a blob has none.
    new Uint8Array(into.buffer, into.byteOffset + firstId * 8, bytes).set(
      stored.subarray(0, bytes),
    );
  };
  const readPostings = db.prepare('SELECT data FROM postings WHERE term = ?').pluck();
  const readText = db.prepare('SELECT text FROM docs WHERE id = ?').pluck();
  const readSlug = db.prepare('SELECT slug FROM doc_info WHERE id = ?').pluck();
  const readShown = db.prepare('SELECT id FROM doc_info WHERE draft = 0 AND date_ms <= ?').pluck();
  const readAll = db.prepare('SELECT id FROM doc_info').pluck();
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
  return {
    file,
    firstId,
    nextId,
    blockAverages: { avgTitle, avgBody },
    readPairs(lengths, signatures) {
      copyPairs(LENGTHS_META, lengths);
      copyPairs(SIGNATURES_META, signatures);
    },
    postings(term) {
      const data = readPostings.get(term) as Buffer | undefined;
      return data ? decodePostings(data) : undefined;
    },
    text: (doc) => (readText.get(doc) as string | undefined) ?? '',
    slug: (doc) => (readSlug.get(doc) as string | undefined) ?? '',
    matching(docs, from, test, value) {
      const found: number[] = [];
      for (let at = 0; at < docs.length; at += BATCH) {
        const batch = docs.slice(at, at + BATCH);
        found.push(...(idsWhere(from, test, batch.length).all(...batch, value) as number[]));
      }
      return found;
    },
    shown: (now, all) =>
      (all ? readAll.iterate() : readShown.iterate(now)) as IterableIterator<number>,
    close: () => db.close(),
  };
}

/** Segments open in this process, by file; a version's reader takes those it names from here. */
export type SegmentPool = Map<string, Segment>;

/**
 * Opens the search index whose manifest is `manifestFile`, its segments in `segmentsDir`. With a
 * `pool`, segments already open there are used and those opened are added to it, and the pool's
 * owner closes them; without one, `close` closes them.
 */
export function openSearchVersion(
  manifestFile: string,
  segmentsDir: string,
  pool?: SegmentPool,
): SearchFile {
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as SearchManifest;
  if (manifest.format !== SEARCH_DB_FORMAT) {
    throw new Error(
      `${manifestFile} has search index format ${manifest.format}, expected ${SEARCH_DB_FORMAT}`,
    );
  }
  const opened = pool ?? new Map<string, Segment>();
  const segments = manifest.segments.map(({ name }) => {
    const file = path.join(segmentsDir, segmentFileName(name));
    let open = opened.get(file);
    if (!open) {
      open = openSegment(file);
      opened.set(file, open);
    }
    return open;
  });
  const { count, nextId: maxId } = manifest;
  const lengths = new Uint32Array(maxId * 2);
  const signatures = new Uint32Array(maxId * 2);
  for (const segment of segments) segment.readPairs(lengths, signatures);
  // The ids the version leaves out, a bit each, when there are any.
  const deleted = manifest.deleted.length > 0 ? bitmap(maxId) : undefined;
  for (const id of manifest.deleted) if (deleted) setBit(deleted, id);
  const isDeleted = (id: number) => deleted !== undefined && bit(deleted, id) === 1;
  const hasDeleted = segments.map(
    (segment) =>
      deleted !== undefined &&
      manifest.deleted.some((id) => id >= segment.firstId && id < segment.nextId),
  );
  // Documents are asked for in id order (a posting list at a time), so the last segment found
  // is usually the one asked for next.
  let last = 0;
  const segmentIndexOf = (doc: number): number => {
    const known = segments[last];
    if (known && doc >= known.firstId && doc < known.nextId) return last;
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((segments[middle] as Segment).firstId <= doc) low = middle;
      else high = middle - 1;
    }
    last = low;
    return low;
  };
  const segmentOf = (doc: number) => segments[segmentIndexOf(doc)] as Segment;
  /** `docs` by the segment that holds each, in segment order. */
  const bySegment = (docs: number[]) => {
    const groups = new Map<Segment, number[]>();
    for (const doc of docs) {
      const segment = segmentOf(doc);
      const group = groups.get(segment);
      if (group) group.push(doc);
      else groups.set(segment, [doc]);
    }
    return groups;
  };
  const matching = (docs: number[], from: 'docs' | 'doc_info', test: string, value: string) => {
    const found = new Set<number>();
    for (const [segment, group] of bySegment(docs))
      for (const id of segment.matching(group, from, test, value)) found.add(id);
    return found;
  };
  const slugs = new Map<number, string>();
  const slug = (doc: number) => {
    let known = slugs.get(doc);
    if (known === undefined) {
      known = segmentOf(doc).slug(doc);
      if (slugs.size >= SLUGS_KEPT) slugs.clear();
      slugs.set(doc, known);
    }
    return known;
  };
  const text = (doc: number) => segmentOf(doc).text(doc);
  // The phrase tests run in SQLite (instr over the stored text, no string copied into
  // JavaScript): ten times faster, which bounds a rare phrase's query. SQLite's lower() folds
  // ASCII only, so a body phrase with other letters that have case is tested here instead;
  // titles are stored lower-cased by JavaScript, as the phrase is.
  const asciiCaseOnly = (phrase: string) =>
    Array.from(phrase).every(
      (char) => char.charCodeAt(0) < 128 || char.toLowerCase() === char.toUpperCase(),
    );
  let visible = bitmap(maxId);
  const averages = {
    avgTitle: count ? manifest.titleTotal / count || 1 : 1,
    avgBody: count ? manifest.bodyTotal / count || 1 : 1,
  };
  return {
    segments: segments.map((segment) => segment.file),
    source: {
      count,
      maxId,
      ...averages,
      lengths,
      postings(term): Postings | undefined {
        const lists: Postings[] = [];
        let size = 0;
        let blocks = 0;
        segments.forEach((segment, at) => {
          let list = segment.postings(term);
          if (!list) return;
          // The segment's bounds at this version's averages.
          const scale = boundScale(segment.blockAverages, averages);
          if (scale !== 1) {
            const bound = Float64Array.from(list.blockBound, (value) => value * scale);
            list = { ...list, blockBound: bound };
          }
          if (hasDeleted[at] && deleted) {
            const keep: number[] = [];
            for (let i = 0; i < list.docs.length; i += 1)
              if (!isDeleted(list.docs[i] as number)) keep.push(i);
            if (keep.length < list.docs.length) {
              const from = list;
              // The blocks stay: a bound over more documents still bounds those left.
              list = {
                ...from,
                docs: Uint32Array.from(keep, (i) => from.docs[i] as number),
                titleTf: Uint16Array.from(keep, (i) => from.titleTf[i] as number),
                bodyTf: Uint16Array.from(keep, (i) => from.bodyTf[i] as number),
              };
            }
          }
          if (list.docs.length === 0) return;
          lists.push(list);
          size += list.docs.length;
          blocks += list.blockLast.length;
        });
        if (lists.length <= 1) return lists[0];
        // Segments are in id order, so their lists one after the other are too.
        const joined: Postings = {
          docs: new Uint32Array(size),
          titleTf: new Uint16Array(size),
          bodyTf: new Uint16Array(size),
          blockLast: new Uint32Array(blocks),
          blockBound: new Float64Array(2 * blocks),
        };
        let at = 0;
        let block = 0;
        for (const list of lists) {
          joined.docs.set(list.docs, at);
          joined.titleTf.set(list.titleTf, at);
          joined.bodyTf.set(list.bodyTf, at);
          joined.blockLast.set(list.blockLast, block);
          joined.blockBound.set(list.blockBound, 2 * block);
          at += list.docs.length;
          block += list.blockLast.length;
        }
        return joined;
      },
      titleCandidates(bits, phrase) {
        // Only the titles whose signature has every bit of the phrase's can hold it: all of
        // those that do, and of the others usually well under 1 in 100.
        const [low, high] = titleSignature(phrase);
        let left = 0;
        for (let at = 0; at < bits.length; at += 1) {
          let word = (bits[at] as number) | 0;
          let keep = word;
          while (word !== 0) {
            const bit = word & -word;
            word ^= bit;
            const doc = (at << 5) + 31 - Math.clz32(bit);
            if (
              ((signatures[2 * doc] as number) & low) >>> 0 === low &&
              ((signatures[2 * doc + 1] as number) & high) >>> 0 === high
            )
              left += 1;
            else keep &= ~bit;
          }
          bits[at] = keep;
        }
        return left;
      },
      withTitlePhrase(docs, phrase) {
        if (docs.length === 0) return new Set();
        return matching(docs, 'doc_info', 'instr(title_lower, ?) > 0', phrase);
      },
      withPhrase(docs, phrase) {
        if (docs.length === 0) return new Set();
        // Without letters that have case the text need not be lower-cased (a copy of each text).
        if (!/[a-z]/.test(phrase) && asciiCaseOnly(phrase))
          return matching(docs, 'docs', 'instr(text, ?) > 0', phrase);
        if (asciiCaseOnly(phrase))
          return matching(docs, 'docs', 'instr(lower(text), ?) > 0', phrase);
        return new Set(docs.filter((doc) => text(doc).toLowerCase().includes(phrase)));
      },
      get visible() {
        return visible;
      },
      slug,
    },
    text,
    visibleAt(now, all) {
      const shown = bitmap(maxId);
      for (const segment of segments)
        for (const id of segment.shown(now, all)) if (!isDeleted(id)) setBit(shown, id);
      return shown;
    },
    setVisible(flags) {
      visible = flags;
    },
    close() {
      if (pool) return;
      for (const segment of segments) segment.close();
    },
  };
}
