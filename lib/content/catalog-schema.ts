// Pure: the on-disk catalog of a CONTENT_INDEX_DIR (docs/adr/027-on-disk-catalog.md), shared by
// the content build that writes it (lib/pipeline/catalog-writer.ts) and the server that reads it
// per request (lib/content/catalog.ts).
//
// Every content version has a sequence number. A row of `articles` holds one state of one article
// and is part of the versions from_seq <= seq < to_seq: a new version closes the rows of the
// articles it changed or removed and adds rows for the new states, so it costs what changed and
// shares every other row with the versions before it. `article_lists` repeats, per row, each
// list the article is in, in list order (newest first), so that a list page, its count and a
// neighbour are one index range:
//   ''          every article (drafts and scheduled ones too: the filters decide)
//   's'         the stories: every article but site notices
//   'f'         featured stories
//   'n'         site notices
//   'c:<path>'  a category's stories, its subcategories' included
//   't:<tag>'   an article's tags
//
// `list_stats` holds, per list and per state (rows shared by versions the same way), what the tag
// list, the sitemap's list entries and 最后更新 need of a whole list: the number of its articles
// that are not drafts, scheduled ones included, and the newest lastModified among them. The
// build writes it for the lists a version changed; the server corrects it for the few scheduled
// articles not due yet, so a list's count never walks the list.
//
// `list_marks` lets a deep page seek instead of walking every row before it (LIMIT/OFFSET over
// half a million rows took 365 ms): per list and state, its non-draft articles counted from the
// oldest, every LIST_MARK-th one's key (date_ms, slug) with n, the number of non-draft articles
// older than it (n = LIST_MARK, 2·LIST_MARK, …). Counted from the oldest, a new article (the
// newest) changes no mark: a publish writes at most one, and walks only the articles newer than
// the newest mark. Only a change deep in a list (a removal, a backdated article, a draft)
// rewrites the marks newer than it. A page at offset k starts at the mark at or just newer than
// the article k + (scheduled articles not due yet) from the newest, and skips fewer than
// LIST_MARK rows from there (lib/content/catalog.ts).
//
// A content build compares its sources with the newest version's rows by file: an open row names
// its source file (`path`), the build-cache key of the bytes it was made from (`key`) and a tag of
// the git revisions it shows (`revisions`), read from one partial index of the open rows. An
// article whose file and revisions are the open row's is not looked at again: a publish reads and
// writes the rows of the files it changed (lib/pipeline/content-version.ts). meta 'open-version'
// names the version the open rows are of; `versions.articles_sum` is what its id was made from.
/** to_seq of a row that is still part of the newest version. */
export const OPEN_SEQ = Number.MAX_SAFE_INTEGER;
export const CATALOG_FORMAT = '6';
/** Articles between two marks of a list (see above). */
export const LIST_MARK = 1000;

export const CATALOG_SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS versions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  categories TEXT NOT NULL,
  pages TEXT NOT NULL,
  -- The sum of its articles' hashes (lib/pipeline/content-version.ts, versionId); '' when the
  -- version was written whole by a tool that gives none.
  articles_sum TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS articles (
  rid INTEGER PRIMARY KEY,
  slug TEXT NOT NULL,
  from_seq INTEGER NOT NULL,
  to_seq INTEGER NOT NULL,
  -- A fingerprint of the row (the source's build-cache key and git history): an unchanged article
  -- keeps its open row without its summary being read (lib/pipeline/catalog-writer.ts).
  hash TEXT NOT NULL,
  summary TEXT NOT NULL,
  date_ms INTEGER NOT NULL,
  category TEXT NOT NULL,
  notice INTEGER NOT NULL,
  draft INTEGER NOT NULL,
  featured INTEGER NOT NULL,
  lastmod TEXT NOT NULL,
  lastmod_ms INTEGER NOT NULL,
  body TEXT NOT NULL,
  -- Its source file, the build-cache key of the file's bytes and a tag of its git revisions ('' for
  -- none after the first): what a content build compares with, file by file. '' from a tool that
  -- writes rows without sources (they are then compared by slug and hash only).
  path TEXT NOT NULL DEFAULT '',
  key TEXT NOT NULL DEFAULT '',
  revisions TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS articles_body ON articles (body);
CREATE INDEX IF NOT EXISTS articles_slug ON articles (slug, from_seq);
CREATE INDEX IF NOT EXISTS articles_open ON articles (to_seq, from_seq);
CREATE INDEX IF NOT EXISTS articles_open_path
  ON articles (path, key, revisions, slug, hash) WHERE to_seq = ${OPEN_SEQ};
CREATE INDEX IF NOT EXISTS articles_from ON articles (from_seq);
CREATE INDEX IF NOT EXISTS articles_category ON articles (category, date_ms DESC, slug);
CREATE TABLE IF NOT EXISTS article_lists (
  list TEXT NOT NULL,
  date_ms INTEGER NOT NULL,
  slug TEXT NOT NULL,
  rid INTEGER NOT NULL,
  from_seq INTEGER NOT NULL,
  to_seq INTEGER NOT NULL,
  draft INTEGER NOT NULL,
  lastmod_ms INTEGER NOT NULL,
  -- The article's lastModified as written: a sitemap file reads its 50,000 links from the
  -- covering index alone (joined to the articles' rows, the file took 5 times as long).
  lastmod TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS lists_order
  ON article_lists (list, date_ms DESC, slug, from_seq, to_seq, draft, rid, lastmod_ms, lastmod);
CREATE INDEX IF NOT EXISTS lists_row ON article_lists (rid);
CREATE INDEX IF NOT EXISTS articles_due ON articles (date_ms);
CREATE TABLE IF NOT EXISTS list_stats (
  list TEXT NOT NULL,
  from_seq INTEGER NOT NULL,
  to_seq INTEGER NOT NULL,
  count INTEGER NOT NULL,
  lastmod_ms INTEGER NOT NULL,
  lastmod TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS list_stats_order ON list_stats (list, from_seq, to_seq);
CREATE INDEX IF NOT EXISTS list_stats_open ON list_stats (to_seq);
CREATE TABLE IF NOT EXISTS list_marks (
  list TEXT NOT NULL,
  n INTEGER NOT NULL,
  from_seq INTEGER NOT NULL,
  to_seq INTEGER NOT NULL,
  date_ms INTEGER NOT NULL,
  slug TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS list_marks_order
  ON list_marks (list, n, from_seq, to_seq, date_ms, slug);
CREATE INDEX IF NOT EXISTS list_marks_open ON list_marks (list, to_seq);
`;

/** The lists an article is in (see above). */
export function listsOf(article: {
  category: string;
  tags: string[];
  notice?: boolean;
  featured: boolean;
}): string[] {
  const lists = [''];
  if (article.notice) lists.push('n');
  else {
    lists.push('s');
    if (article.featured) lists.push('f');
    // The category and each of its ancestors: qinggan/gushi is listed under qinggan too.
    for (let cut = article.category.length; cut > 0; cut = article.category.lastIndexOf('/', cut - 1))
      lists.push(`c:${article.category.slice(0, cut)}`);
  }
  for (const tag of new Set(article.tags)) lists.push(`t:${tag}`);
  return lists;
}
