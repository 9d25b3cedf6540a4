// Pure: the layout of the on-disk search index, shared by the content build that writes it
// (lib/pipeline/search-writer.ts) and the server that reads it (lib/search/sqlite-source.ts).
// A content version's index is a manifest (versions/<id>/search.json) naming segments: SQLite
// files in <CONTENT_INDEX_DIR>/search/, each written once and never changed, shared by every
// version that names them, plus the ids of the documents of those segments the version no longer
// holds. A publish writes a segment of its new and changed documents and a manifest, not the
// archive (docs/adr/014-search-index-on-disk.md). A change to this layout or to the tokenizer
// changes the content build's code version (lib/pipeline/build-version.ts), so a segment written
// by other code is never named by a new version.
export const SEARCH_DB_FORMAT = '6';

export const SEARCH_DB_SCHEMA = `
  CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
  -- One row per article (drafts and scheduled ones too: the server decides per query who may see
  -- them). Ids are unique across the segments of a chain of versions (a new segment's ids follow
  -- the last one's) and never reused; the text is what excerpts are cut from.
  CREATE TABLE docs (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    tags TEXT NOT NULL,
    text TEXT NOT NULL,
    title_len INTEGER NOT NULL,
    body_len INTEGER NOT NULL
  );
  CREATE INDEX docs_slug ON docs (slug);
  -- What a query asks of a document besides its postings, in narrow rows read by id: its slug
  -- (the tie-breaker, and the result), its title lower-cased (the phrase-in-title tier) and when
  -- readers may find it (not a draft, due by now). A server holds none of it in memory, so its
  -- memory does not grow with the archive (docs/adr/014-search-index-on-disk.md).
  CREATE TABLE doc_info (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    title_lower TEXT NOT NULL,
    draft INTEGER NOT NULL,
    date_ms INTEGER NOT NULL
  );
  CREATE INDEX doc_info_shown ON doc_info (draft, date_ms);
  -- One row per index term: its documents and frequencies, and per block of 64 postings the
  -- most one of them scores, before idf, at the averages of meta 'block_averages'
  -- (lib/search/postings.ts encodes them).
  CREATE TABLE postings (term TEXT PRIMARY KEY, data BLOB NOT NULL);
`;

/**
 * meta 'block_averages', JSON [title, body]: the average term lengths the posting lists' block
 * bounds were computed at (the segment's own). A version with other averages scales them
 * (boundScale in lib/search/postings.ts).
 */
export const BLOCK_AVERAGES_META = 'block_averages';

/**
 * A segment's page size. A common word's list at 1,000,000 articles is megabytes in overflow
 * pages, each read on its own: with 4 KB pages reading it was most of a query's time.
 */
export const SEGMENT_PAGE_SIZE = 65_536;

/**
 * meta 'lengths', a BLOB: every document's title and body length in terms (BM25 reads both for
 * every posting), as little-endian uint32 pairs indexed by id less the segment's firstId; 8 bytes
 * a document.
 */
export const LENGTHS_META = 'lengths';

/**
 * meta 'title_signatures', a BLOB: per document, 64 bits, one set for each character of its
 * lower-cased title (hashed), as little-endian uint32 pairs indexed by id. A title can hold a
 * phrase only if its signature has every bit of the phrase's, so the phrase-in-title test reads
 * from the file only the few titles that pass (8 bytes a document), indexed as 'lengths'.
 */
export const SIGNATURES_META = 'title_signatures';

/** The 64-bit signature of a lower-cased text, as two uint32 halves. */
export function titleSignature(text: string): [number, number] {
  let low = 0;
  let high = 0;
  for (const char of text) {
    // Knuth's multiplicative hash of the code point, its top 6 bits: one of 64.
    const bit = Math.imul(char.codePointAt(0) as number, 0x9e3779b1) >>> 26;
    if (bit < 32) low |= 1 << bit;
    else high |= 1 << (bit - 32);
  }
  return [low >>> 0, high >>> 0];
}

/** One segment as a manifest names it: its file is `<name>.db` in the segments folder. */
export type SegmentInfo = {
  name: string;
  /** Its documents' ids are in [firstId, nextId), some of them unused. */
  firstId: number;
  nextId: number;
  /** Documents in the file, those the version no longer holds included. */
  count: number;
};

/** versions/<id>/search.json: the version's segments, oldest first, and what it leaves out. */
export type SearchManifest = {
  format: string;
  /** The content build's code version the segments were written with. */
  code: string;
  segments: SegmentInfo[];
  /** Ids in those segments that are not documents of this version (removed or changed since). */
  deleted: number[];
  /** The version's documents: BM25's N. */
  count: number;
  /** Ids are below this. */
  nextId: number;
  /** Sums of the version's documents' title and body lengths, for BM25's averages. */
  titleTotal: number;
  bodyTotal: number;
};

/** A segment's file in the segments folder. */
export const segmentFileName = (name: string) => `${name}.db`;
