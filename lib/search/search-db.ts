// Pure: the layout of the on-disk search index (one SQLite file per content version), shared by
// the content build that writes it (lib/pipeline/search-writer.ts) and the server that reads it
// (lib/search/sqlite-engine.ts). A change to this layout or to the tokenizer changes the content
// build's code version (lib/pipeline/build-version.ts), so an old file is never updated in place.
export const SEARCH_DB_FORMAT = '2';

export const SEARCH_DB_SCHEMA = `
  CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
  -- One row per article (drafts and scheduled ones too: the server decides per query who may see
  -- them). Ids are never reused within one file's history; the text is what excerpts are cut from.
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
  -- One row per index term: its documents and frequencies (lib/search/postings.ts encodes them).
  CREATE TABLE postings (term TEXT PRIMARY KEY, data BLOB NOT NULL);
`;

/** meta 'docs': every document's id, slug, title and term lengths, as parallel arrays. */
export type SearchDocList = {
  ids: number[];
  slugs: string[];
  titles: string[];
  titleLengths: number[];
  bodyLengths: number[];
};

export type SearchDbMeta = {
  format: string;
  /** The content build's code version the file was written with. */
  code: string;
  /** Documents in the index. */
  count: number;
  /** Ids are below this. */
  nextId: number;
  titleTotal: number;
  bodyTotal: number;
};
