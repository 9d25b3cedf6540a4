// Build time: what the content build made of each source file, keyed by the file's path and
// bytes and the build code's version (lib/pipeline/build-version.ts), in one SQLite file. A file
// whose key is here is not parsed, validated or compiled again; its body file must exist too.
// Several build workers write into it at once (WAL, one transaction per batch).
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ArticleSummary, CategoryInfo, SitePage } from '../content/types';
import type { TermCounts } from '../search/term-counts';

/** An article as compiled, before its git history is added (revisions, lastModified). */
export type CachedArticle = {
  kind: 'article';
  summary: ArticleSummary;
  /** Plain paragraphs, one per line (search and excerpts). */
  text: string;
  counts: TermCounts;
};
export type CachedCategory = { kind: 'category'; category: CategoryInfo };
/** A site document (关于我们 …); its body is written like an article's. */
export type CachedPage = { kind: 'page'; page: SitePage };
export type CacheEntry = CachedArticle | CachedCategory | CachedPage;
/** What every version needs of an entry; the text and counts are read only for new documents. */
export type CacheMeta = { kind: 'article'; summary: ArticleSummary } | CachedCategory | CachedPage;

/** A source file's bytes, by their hash alone: what the stat records keep (source-hashes.ts). */
export function contentHash(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A file's build-cache key from its content hash (not its bytes: a file whose stat record holds
 * is not read, lib/pipeline/source-hashes.ts), its path and the build code's version.
 */
export function cacheKey(code: string, file: string, hash: string): string {
  return createHash('sha256')
    .update(code)
    .update('\0')
    .update(file)
    .update('\0')
    .update(hash)
    .digest('hex');
}

/** What a file's stat said when its bytes had `hash` (lib/pipeline/source-hashes.ts). */
export type StatRecord = { path: string; stat: string; hash: string };
/** A file's check facts (lib/pipeline/check.ts), for its bytes and the checker's version. */
export type CheckRecord = { path: string; hash: string; version: string; facts: string };

/** The build cache of this project (one per checkout; entries say which content directory). */
export const BUILD_CACHE_FILE = path.join(
  process.cwd(),
  '.contentlayer',
  'cache',
  'build-cache.db',
);

export type BuildCache = ReturnType<typeof openBuildCache>;

/** What a publish needs of every entry, read for all of them in one scan: not its summary. */
export type EntryInfo = {
  kind: CacheEntry['kind'];
  /** An article's slug ('' for the rest). */
  slug: string;
  /** The hash of its body file ('' when it has none). */
  body: string;
};

function bodyOfEntry(entry: CacheEntry): string {
  return entry.kind === 'article'
    ? entry.summary.body
    : entry.kind === 'page'
      ? entry.page.body
      : '';
}

export function openBuildCache(file: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 60000');
  // A cache written before entries had their kind, slug and body columns is dropped: its rows
  // are compiled again (as after any change to the build code, whose version is in every key).
  const columns = db.prepare("SELECT name FROM pragma_table_info('entries')").pluck().all();
  if (columns.length > 0 && !columns.includes('body')) db.exec('DROP TABLE entries');
  db.exec(`
    CREATE TABLE IF NOT EXISTS entries (
      key TEXT PRIMARY KEY,
      -- The content directory the file came from: one cache serves several (benchmarks).
      root TEXT NOT NULL,
      path TEXT NOT NULL,
      kind TEXT NOT NULL,
      slug TEXT NOT NULL,
      body TEXT NOT NULL,
      meta TEXT NOT NULL,
      text TEXT,
      counts TEXT
    );
    -- By content directory, with what index() and retain() read: one scan of this index, not a
    -- row lookup per entry (100,000 entries: 0.11 s against 0.4 s through an index of root alone).
    DROP INDEX IF EXISTS entries_root;
    CREATE INDEX IF NOT EXISTS entries_info ON entries (root, key, kind, slug, body);
    CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    -- Git's index for the content directory: a file whose stat is the same is not read again.
    CREATE TABLE IF NOT EXISTS sources (
      root TEXT NOT NULL,
      path TEXT NOT NULL,
      stat TEXT NOT NULL,
      hash TEXT NOT NULL,
      PRIMARY KEY (root, path)
    ) WITHOUT ROWID;
    -- The content check's facts of each file (docs/adr/028-incremental-content-check.md).
    CREATE TABLE IF NOT EXISTS checks (
      root TEXT NOT NULL,
      path TEXT NOT NULL,
      hash TEXT NOT NULL,
      version TEXT NOT NULL,
      facts TEXT NOT NULL,
      PRIMARY KEY (root, path)
    ) WITHOUT ROWID;
  `);
  const hasKey = db.prepare('SELECT 1 FROM entries WHERE key = ?').pluck();
  const readMeta = db.prepare('SELECT meta FROM entries WHERE key = ?').pluck();
  const readSearch = db.prepare('SELECT text, counts FROM entries WHERE key = ?');
  const write = db.prepare(
    `INSERT OR REPLACE INTO entries (key, root, path, kind, slug, body, meta, text, counts)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const keysOf = db.prepare('SELECT key FROM entries WHERE root = ?').pluck();
  const infoOf = db.prepare('SELECT key, kind, slug, body FROM entries WHERE root = ?');
  const infoOfKey = db.prepare('SELECT kind, slug, body FROM entries WHERE key = ?');
  const remove = db.prepare('DELETE FROM entries WHERE key = ?');
  const readState = db.prepare('SELECT value FROM state WHERE name = ?').pluck();
  const writeState = db.prepare('INSERT OR REPLACE INTO state (name, value) VALUES (?, ?)');
  const readSources = db.prepare('SELECT path, stat, hash FROM sources WHERE root = ?');
  const writeSource = db.prepare(
    'INSERT OR REPLACE INTO sources (root, path, stat, hash) VALUES (?, ?, ?, ?)',
  );
  const removeSource = db.prepare('DELETE FROM sources WHERE root = ? AND path = ?');
  const readChecks = db.prepare('SELECT path, hash, version, facts FROM checks WHERE root = ?');
  const writeCheck = db.prepare(
    'INSERT OR REPLACE INTO checks (root, path, hash, version, facts) VALUES (?, ?, ?, ?, ?)',
  );
  const removeCheck = db.prepare('DELETE FROM checks WHERE root = ? AND path = ?');
  return {
    has: (key: string) => hasKey.get(key) !== undefined,
    meta(key: string): CacheMeta | undefined {
      const raw = readMeta.get(key) as string | undefined;
      return raw === undefined ? undefined : (JSON.parse(raw) as CacheMeta);
    },
    search(key: string): { text: string; counts: TermCounts } | undefined {
      const row = readSearch.get(key) as { text: string | null; counts: string | null } | undefined;
      if (!row || row.text === null || row.counts === null) return undefined;
      return { text: row.text, counts: JSON.parse(row.counts) as TermCounts };
    },
    /**
     * Every entry of this content directory by key, with its kind, slug and body: one scan of the
     * table, no summary parsed (a publish of one file reads the summaries of what changed only).
     */
    index(root: string): Map<string, EntryInfo> {
      const found = new Map<string, EntryInfo>();
      for (const row of infoOf.iterate(root) as Iterable<EntryInfo & { key: string }>) {
        found.set(row.key, { kind: row.kind, slug: row.slug, body: row.body });
      }
      return found;
    },
    entry: (key: string) => infoOfKey.get(key) as EntryInfo | undefined,
    put: db.transaction(
      (root: string, entries: { key: string; path: string; entry: CacheEntry }[]) => {
        for (const { key, path: file, entry } of entries) {
          const slug = entry.kind === 'article' ? entry.summary.slug : '';
          const columns = [key, root, file, entry.kind, slug, bodyOfEntry(entry)] as const;
          if (entry.kind === 'article') {
            const meta: CacheMeta = { kind: 'article', summary: entry.summary };
            write.run(...columns, JSON.stringify(meta), entry.text, JSON.stringify(entry.counts));
          } else {
            write.run(...columns, JSON.stringify(entry), null, null);
          }
        }
      },
    ),
    /** Forgets this content directory's entries that no current file has. */
    retain: db.transaction((root: string, keep: ReadonlySet<string>) => {
      let removed = 0;
      for (const key of keysOf.all(root) as string[]) {
        if (keep.has(key)) continue;
        remove.run(key);
        removed += 1;
      }
      return removed;
    }),
    /** This content directory's stat records, by path. */
    statRecords(root: string): Map<string, StatRecord> {
      const records = new Map<string, StatRecord>();
      for (const row of readSources.iterate(root) as Iterable<StatRecord>) {
        records.set(row.path, row);
      }
      return records;
    },
    /** Writes new stat records and forgets those of files that are gone, in one transaction. */
    putStatRecords: db.transaction(
      (root: string, records: readonly StatRecord[], gone: readonly string[]) => {
        for (const { path: file, stat, hash } of records) writeSource.run(root, file, stat, hash);
        for (const file of gone) removeSource.run(root, file);
      },
    ),
    /** This content directory's check records, one at a time (a large archive: no array of them). */
    checkRecords: (root: string) => readChecks.iterate(root) as IterableIterator<CheckRecord>,
    /** Writes new check records and forgets those of files that are gone, in one transaction. */
    putCheckRecords: db.transaction(
      (root: string, records: readonly CheckRecord[], gone: readonly string[]) => {
        for (const { path: file, hash, version, facts } of records)
          writeCheck.run(root, file, hash, version, facts);
        for (const file of gone) removeCheck.run(root, file);
      },
    ),
    state: (name: string) => readState.get(name) as string | undefined,
    setState: (name: string, value: string) => void writeState.run(name, value),
    close: () => db.close(),
  };
}
