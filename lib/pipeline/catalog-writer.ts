// Build time: adds a content version to the catalog of its CONTENT_INDEX_DIR
// (lib/content/catalog-schema.ts, docs/adr/027-on-disk-catalog.md). Only the articles that
// changed since the newest version get rows; every other row is shared.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import {
  CATALOG_FORMAT,
  CATALOG_SCHEMA,
  LIST_MARK,
  OPEN_SEQ,
  listsOf,
} from '../content/catalog-schema';
import type { ArticleSummary, ContentIndex, SitePage } from '../content/types';

export type CatalogWriteResult = { seq: number; added: number; closed: number; reused: boolean };

export function openCatalogForWrite(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const format = db.prepare("SELECT value FROM meta WHERE name = 'format'").pluck().get() as
    string | undefined;
  if (format !== undefined && format !== CATALOG_FORMAT) {
    // Written by older code: none of its versions is this code's (the code is part of every
    // version id), so the catalog starts again rather than be migrated.
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    console.warn(
      `${file}: catalog format ${format}, this code writes ${CATALOG_FORMAT}: written afresh`,
    );
    return openCatalogForWrite(file);
  }
  db.exec(CATALOG_SCHEMA);
  if (format === undefined) {
    db.prepare("INSERT INTO meta (name, value) VALUES ('format', ?)").run(CATALOG_FORMAT);
    // Names this catalog among those a CONTENT_INDEX_DIR has had: one written afresh numbers its
    // versions from 1 again, and what the server keeps on disk by version (the sitemap files,
    // lib/seo/sitemap-files.ts) must not be taken for this one's.
    db.prepare("INSERT INTO meta (name, value) VALUES ('catalog-id', ?)").run(
      randomBytes(8).toString('hex'),
    );
  }
  return db;
}

function hashOf(json: string): string {
  return createHash('sha256').update(json).digest('hex').slice(0, 32);
}

/** Where an article's row came from: its file, the file's build-cache key, its revisions' tag. */
export type ArticleSource = { path: string; key: string; revisions: string };

/** An open row as a content build compares with it, by file. */
export type OpenRow = ArticleSource & { slug: string; hash: string };

/**
 * The newest version's rows, by file, what its id was made from, the git commit its rows'
 * revisions were read at, and the commit its sources were exactly at ('' when they were not a
 * commit's: source-changes.ts).
 */
export type OpenState = {
  version: string;
  sum: string;
  history: string;
  sources: string;
  rows: Map<string, OpenRow>;
};

/** The open version as a change of it needs it: its rows of some files, and what else it holds. */
export type OpenChangeState = OpenState & {
  /** Its articles. */
  count: number;
  categories: ContentIndex['categories'];
  pages: ContentIndex['pages'];
};

// The literal OPEN_SEQ: a partial index is used only for its own WHERE, not a parameter. Named:
// without statistics SQLite takes the index of to_seq and reads every row (at 100,000 articles
// 1.1 s against about 0.1 s).
const OPEN_ROWS = `articles INDEXED BY articles_open_path WHERE to_seq = ${OPEN_SEQ}`;

/**
 * Reads the open state with `read` when the open rows are one version's, written by this code
 * (`code`) with every row's source; otherwise undefined.
 */
function withOpenState<T>(
  file: string,
  code: string,
  read: (db: Database.Database, head: Omit<OpenState, 'rows'>) => T,
): T | undefined {
  if (!existsSync(file)) return undefined;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const meta = db.prepare('SELECT value FROM meta WHERE name = ?').pluck();
    if (meta.get('format') !== CATALOG_FORMAT || meta.get('open-code') !== code) return undefined;
    const version = meta.get('open-version') as string | undefined;
    if (!version) return undefined;
    const sum = db
      .prepare('SELECT articles_sum FROM versions WHERE id = ?')
      .pluck()
      .get(version) as string | undefined;
    if (!sum) return undefined;
    if (db.prepare(`SELECT 1 FROM ${OPEN_ROWS} AND path = '' LIMIT 1`).get()) return undefined;
    const history = (meta.get('open-history') as string | undefined) ?? '';
    const sources = (meta.get('open-sources') as string | undefined) ?? '';
    return read(db, { version, sum, history, sources });
  } catch {
    return undefined;
  } finally {
    db?.close();
  }
}

/**
 * The open rows of the catalog by source file (readOpenState's condition): one read of a covering
 * index (at 1,000,000 articles about 3 s with the objects it makes, where the rows themselves are
 * 28 GB). Otherwise undefined: the build compares the whole version.
 */
export function readOpenState(file: string, code: string): OpenState | undefined {
  return withOpenState(file, code, (db, head) => {
    const rows = new Map<string, OpenRow>();
    for (const row of db
      .prepare(`SELECT path, key, revisions, slug, hash FROM ${OPEN_ROWS}`)
      .iterate() as IterableIterator<OpenRow>)
      rows.set(row.path, row);
    return { ...head, rows };
  });
}

/**
 * The open state with the rows of `paths` only (a publish of those files' changes), the number
 * of open rows, and the open version's categories and pages.
 */
export function readOpenChange(
  file: string,
  code: string,
  /** The files whose rows are read, given the open state (undefined: none is read, no state). */
  pathsOf: (head: Omit<OpenState, 'rows'>) => Iterable<string> | undefined,
): OpenChangeState | undefined {
  return withOpenState(file, code, (db, head) => {
    const paths = pathsOf(head);
    if (!paths) return undefined;
    const version = db
      .prepare('SELECT categories, pages FROM versions WHERE id = ?')
      .get(head.version) as { categories: string; pages: string };
    const rowOf = db.prepare(
      `SELECT path, key, revisions, slug, hash FROM ${OPEN_ROWS} AND path = ?`,
    );
    const rows = new Map<string, OpenRow>();
    for (const path of paths) {
      const row = rowOf.get(path) as OpenRow | undefined;
      if (row) rows.set(path, row);
    }
    const count = db.prepare(`SELECT count(*) FROM ${OPEN_ROWS}`).pluck().get() as number;
    return {
      ...head,
      rows,
      count,
      categories: JSON.parse(version.categories) as ContentIndex['categories'],
      pages: JSON.parse(version.pages) as ContentIndex['pages'],
    };
  });
}

/** An article of a version as the catalog writer needs it. */
export type CatalogArticle = {
  slug: string;
  /**
   * A fingerprint of everything its row holds: a row whose open state has the same one is shared.
   * A content build gives the source's cache key with its git history (content-version.ts).
   */
  hash: string;
  /** Read only for an article whose row changes. */
  summary: () => ArticleSummary;
  /** Its source (a content build's): kept in its row for the next build to compare with. */
  source?: ArticleSource;
};

/** A version as the change of the open one (readOpenState): the files it changed, and no more. */
export type CatalogDelta = {
  /** The open version this is a change of: when the open rows are another's, `articles` is used. */
  base: string;
  /** Files whose open row goes: changed or removed since `base`. */
  closed: readonly string[];
  /** The rows of the changed and added files. */
  added: readonly CatalogArticle[];
};

export type CatalogInput = {
  /** Every article of the version: read unless `delta` can be used. */
  articles: Iterable<CatalogArticle>;
  categories: ContentIndex['categories'];
  pages: ContentIndex['pages'];
  /** The content build's code and the sum of the version's article hashes (its id's input). */
  code?: string;
  sum?: string;
  /** The git commit the articles' revisions were read at. */
  history?: string;
  /** The git commit the sources were exactly at (source-changes.ts), if they were. */
  sources?: string;
  delta?: CatalogDelta;
};

/** The version `id` with this whole index (tests, tools): each article's hash is its JSON's. */
export function writeCatalogVersion(
  file: string,
  id: string,
  index: ContentIndex,
): CatalogWriteResult {
  return writeCatalogChanges(file, id, {
    articles: index.articles.map((article) => ({
      slug: article.slug,
      hash: hashOf(JSON.stringify(article)),
      summary: () => article,
    })),
    categories: index.categories,
    pages: index.pages,
  });
}

/**
 * The version `id` with these articles: its sequence number, reused when the catalog has it
 * already (a version's id is the hash of what it holds). Only articles whose hash differs from
 * their open row's are read and written. One transaction: readers see all of it or none.
 */
export function writeCatalogChanges(
  file: string,
  id: string,
  index: CatalogInput,
  /** Articles between two marks of a list (catalog-schema.ts); tests use a few. */
  markEvery = LIST_MARK,
): CatalogWriteResult {
  const db = openCatalogForWrite(file);
  try {
    const known = db.prepare('SELECT seq FROM versions WHERE id = ?').pluck().get(id) as
      number | undefined;
    if (known !== undefined) return { seq: known, added: 0, closed: 0, reused: true };
    const setMeta = db.prepare('INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)');
    const openVersion = db.prepare("SELECT value FROM meta WHERE name = 'open-version'").pluck();
    const delta = index.delta && openVersion.get() === index.delta.base ? index.delta : undefined;
    const insertVersion = db.prepare(
      'INSERT INTO versions (id, categories, pages, articles_sum) VALUES (?, ?, ?, ?)',
    );
    const close = db.prepare('UPDATE articles SET to_seq = ? WHERE rid = ?');
    const closeLists = db.prepare('UPDATE article_lists SET to_seq = ? WHERE rid = ?');
    const listsOfRow = db.prepare(
      'SELECT list, date_ms, slug, draft, lastmod_ms, lastmod FROM article_lists WHERE rid = ?',
    );
    // The lists whose articles changed, with what changed in each: their stats and marks are
    // worked out again.
    const changedLists = new Map<string, ListChange>();
    const changed = (list: string, entry: ListEntry, sign: 1 | -1) => {
      let change = changedLists.get(list);
      if (!change) {
        change = { oldest: entry, members: new Map(), count: 0, closedLastmod: -Infinity };
        changedLists.set(list, change);
      } else if (olderThan(entry, change.oldest)) change.oldest = entry;
      const member = `${entry.date_ms}\0${entry.slug}\0${entry.draft}`;
      change.members.set(member, (change.members.get(member) ?? 0) + sign);
      if (entry.draft) return;
      change.count += sign;
      if (sign < 0) change.closedLastmod = Math.max(change.closedLastmod, entry.lastmod_ms);
      else if (!change.added || entry.lastmod_ms > change.added.lastmod_ms) change.added = entry;
    };
    const closeRow = (rid: number, seq: number) => {
      for (const row of listsOfRow.all(rid) as ({ list: string } & ListEntry)[])
        changed(row.list, row, -1);
      close.run(seq, rid);
      closeLists.run(seq, rid);
      closed += 1;
    };
    const insert = db.prepare(
      `INSERT INTO articles (slug, from_seq, to_seq, hash, summary, date_ms, category, notice,
        draft, featured, lastmod, lastmod_ms, body, path, key, revisions)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertList = db.prepare(
      `INSERT INTO article_lists
        (list, date_ms, slug, rid, from_seq, to_seq, draft, lastmod_ms, lastmod)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let added = 0;
    let closed = 0;
    const seq = db.transaction(() => {
      const seq = Number(
        insertVersion.run(
          id,
          JSON.stringify(index.categories),
          JSON.stringify(index.pages),
          index.sum ?? '',
        ).lastInsertRowid,
      );
      const add = (article: ArticleSummary, json: string, hash: string, source?: ArticleSource) => {
        const date = Date.parse(article.date);
        const lastmod = Date.parse(article.lastModified);
        const rid = Number(
          insert.run(
            article.slug,
            seq,
            OPEN_SEQ,
            hash,
            json,
            date,
            article.category,
            article.notice ? 1 : 0,
            article.draft ? 1 : 0,
            article.featured ? 1 : 0,
            article.lastModified,
            lastmod,
            article.body,
            source?.path ?? '',
            source?.key ?? '',
            source?.revisions ?? '',
          ).lastInsertRowid,
        );
        for (const list of listsOf(article)) {
          changed(
            list,
            {
              date_ms: date,
              slug: article.slug,
              draft: article.draft ? 1 : 0,
              lastmod_ms: lastmod,
              lastmod: article.lastModified,
            },
            1,
          );
          insertList.run(
            list,
            date,
            article.slug,
            rid,
            seq,
            OPEN_SEQ,
            article.draft ? 1 : 0,
            lastmod,
            article.lastModified,
          );
        }
        added += 1;
      };
      // Two open rows for one slug would each stay open (the next version closes one): the
      // content check refuses a duplicate slug, and the writer does not trust what it is given.
      const twice = (slug: string) =>
        new Error(`${slug}: two articles of this version have this slug`);
      const seen = new Set<string>();
      const addArticle = (article: CatalogArticle) => {
        const summary = article.summary();
        add(summary, JSON.stringify(summary), article.hash, article.source);
      };
      if (delta) {
        // The rows of the files changed since the open version, and only those.
        const rowsOf = db
          .prepare(
            `SELECT rid FROM articles INDEXED BY articles_open_path
              WHERE path = ? AND to_seq = ${OPEN_SEQ}`,
          )
          .pluck();
        for (const file of delta.closed)
          for (const rid of rowsOf.all(file) as number[]) closeRow(rid, seq);
        const openOfSlug = db
          .prepare(
            'SELECT 1 FROM articles INDEXED BY articles_slug WHERE slug = ? AND to_seq = ? LIMIT 1',
          )
          .pluck();
        for (const article of delta.added) {
          if (seen.has(article.slug) || openOfSlug.get(article.slug, OPEN_SEQ) !== undefined)
            throw twice(article.slug);
          seen.add(article.slug);
          addArticle(article);
        }
      } else {
        // Read from the partial index of open rows, which covers slug and hash.
        const open = new Map(
          (
            db
              .prepare(
                `SELECT rid, slug, hash FROM articles INDEXED BY articles_open_path
                  WHERE to_seq = ${OPEN_SEQ}`,
              )
              .all() as {
              rid: number;
              slug: string;
              hash: string;
            }[]
          ).map((row) => [row.slug, row]),
        );
        for (const article of index.articles) {
          if (seen.has(article.slug)) throw twice(article.slug);
          seen.add(article.slug);
          const row = open.get(article.slug);
          if (row?.hash === article.hash) continue;
          if (row) closeRow(row.rid, seq);
          addArticle(article);
        }
        for (const [slug, row] of open) if (!seen.has(slug)) closeRow(row.rid, seq);
      }
      setMeta.run('open-version', id);
      setMeta.run('open-code', index.code ?? '');
      setMeta.run('open-history', index.history ?? '');
      setMeta.run('open-sources', index.sources ?? '');
      // A change of the open version: the open stats are that version's, and what changed is
      // added to them (a whole list is counted only when its newest lastmod went).
      const counts = writeListStats(db, seq, changedLists, delta !== undefined);
      writeListMarks(db, seq, changedLists, counts, markEvery, delta !== undefined);
      return seq;
    })();
    return { seq, added, closed, reused: false };
  } finally {
    db.close();
  }
}

/**
 * The stats of each changed list at `seq` (count of articles not drafts, newest lastModified), as
 * rows shared by versions: a list whose stats did not change keeps its open row. `fromOpen`: the
 * open stats are those of the version `seq` is a change of, so a list's new stats are its open
 * ones and the change, and a list is counted (in its covering index) only when the article with
 * its newest lastmod went and none newer came. Otherwise each changed list is counted once.
 */
function writeListStats(
  db: Database.Database,
  seq: number,
  lists: ReadonlyMap<string, ListChange>,
  fromOpen: boolean,
): Map<string, number> {
  const counts = new Map<string, number>();
  const shown = 'list = @list AND from_seq <= @seq AND to_seq > @seq AND draft = 0';
  const stats = db.prepare(
    `SELECT COUNT(*) AS count, MAX(lastmod_ms) AS lastmod_ms FROM article_lists WHERE ${shown}`,
  );
  const lastmodOf = db
    .prepare(
      `SELECT a.lastmod FROM article_lists l JOIN articles a ON a.rid = l.rid
        WHERE l.${shown.replaceAll(' AND ', ' AND l.')} AND l.lastmod_ms = @lastmod_ms LIMIT 1`,
    )
    .pluck();
  const openRow = db.prepare(
    'SELECT rowid, count, lastmod_ms, lastmod FROM list_stats WHERE list = ? AND to_seq = ?',
  );
  const closeStats = db.prepare('UPDATE list_stats SET to_seq = ? WHERE rowid = ?');
  const insertStats = db.prepare(
    `INSERT INTO list_stats (list, from_seq, to_seq, count, lastmod_ms, lastmod)
      VALUES (?, ?, ?, ?, ?, ?)`,
  );
  type Stats = { count: number; lastmod_ms: number; lastmod: string };
  for (const [list, change] of lists) {
    const before = openRow.get(list, OPEN_SEQ) as (Stats & { rowid: number }) | undefined;
    const old = before?.lastmod_ms ?? -Infinity;
    const added = change.added?.lastmod_ms ?? -Infinity;
    let now: Stats | undefined;
    if (fromOpen && (change.closedLastmod < old || change.closedLastmod <= added)) {
      const count = (before?.count ?? 0) + change.count;
      const newest = change.added && added >= old ? change.added : before;
      now =
        count > 0 && newest
          ? { count, lastmod_ms: newest.lastmod_ms, lastmod: newest.lastmod }
          : undefined;
    } else {
      const counted = stats.get({ list, seq }) as { count: number; lastmod_ms: number | null };
      now =
        counted.count > 0 && counted.lastmod_ms !== null
          ? {
              count: counted.count,
              lastmod_ms: counted.lastmod_ms,
              lastmod: lastmodOf.get({ list, seq, lastmod_ms: counted.lastmod_ms }) as string,
            }
          : undefined;
    }
    counts.set(list, now?.count ?? 0);
    if (before && now && before.count === now.count && before.lastmod_ms === now.lastmod_ms)
      continue;
    if (before) closeStats.run(seq, before.rowid);
    if (now) insertStats.run(list, seq, OPEN_SEQ, now.count, now.lastmod_ms, now.lastmod);
  }
  return counts;
}

/** Where an article is in its lists: newest first, then by slug. */
type ListKey = { date_ms: number; slug: string };
/** An article's entry in a list, as its stats and marks count it. */
type ListEntry = ListKey & { draft: number; lastmod_ms: number; lastmod: string };
/**
 * What a version changed in a list: its oldest change, the entries it closed (-1) and added (+1)
 * by place and draft, the change to its count of non-drafts, the newest lastmod among the
 * non-drafts it closed and the newest non-draft it added.
 */
type ListChange = {
  oldest: ListKey;
  members: Map<string, number>;
  count: number;
  closedLastmod: number;
  added?: ListEntry;
};

/** Whether `a` comes after `b` in a list (is older): by date, then by slug as far as it can tell. */
function olderThan(a: ListKey, b: ListKey): boolean {
  return a.date_ms < b.date_ms || (a.date_ms === b.date_ms && a.slug > b.slug);
}

/**
 * The marks of each changed list at `seq` (catalog-schema.ts). The marks older than the list's
 * oldest change stay as they are (rows shared with the versions before); the list is walked from
 * the newest of them, oldest first, and the marks from there are written where they differ. A
 * new article at the top of a list walks fewer than `every` rows.
 */
function writeListMarks(
  db: Database.Database,
  seq: number,
  changes: ReadonlyMap<string, ListChange>,
  counts: ReadonlyMap<string, number>,
  every: number,
  /** The open marks are those of the version `seq` is a change of. */
  fromOpen: boolean,
): void {
  const openMarks = db.prepare(
    'SELECT rowid, n, date_ms, slug FROM list_marks WHERE list = ? AND to_seq = ? ORDER BY n',
  );
  const inList = 'list = @list AND from_seq <= @seq AND to_seq > @seq AND draft = 0';
  const walkAll = db
    .prepare(`SELECT date_ms, slug FROM article_lists WHERE ${inList} ORDER BY date_ms, slug DESC`)
    .raw();
  const walkNewer = db
    .prepare(
      `SELECT date_ms, slug FROM article_lists
        WHERE ${inList} AND (date_ms > @date OR (date_ms = @date AND slug < @slug))
        ORDER BY date_ms, slug DESC`,
    )
    .raw();
  const closeMark = db.prepare('UPDATE list_marks SET to_seq = ? WHERE rowid = ?');
  const insertMark = db.prepare(
    `INSERT INTO list_marks (list, n, from_seq, to_seq, date_ms, slug)
      VALUES (?, ?, ?, ?, ?, ?)`,
  );
  type Mark = { rowid: number; n: number } & ListKey;
  for (const [list, change] of changes) {
    // The same articles in the same places (a correction that moved nothing): the same marks.
    if (fromOpen && [...change.members.values()].every((net) => net === 0)) continue;
    const { oldest } = change;
    const marks = openMarks.all(list, OPEN_SEQ) as Mark[];
    // Kept: the marks dated before every change, as long as they run every, 2·every, …
    // unbroken. (A mark of the same instant as a change is written again: the order of slugs is
    // SQLite's, which JavaScript's comparison of strings need not match.)
    let kept = 0;
    while (kept < marks.length) {
      const mark = marks[kept] as Mark;
      if (mark.n !== (kept + 1) * every || mark.date_ms >= oldest.date_ms) break;
      kept += 1;
    }
    const from = marks[kept - 1];
    const fresh: { n: number; date: number; slug: string }[] = [];
    if ((counts.get(list) ?? 0) > every) {
      const rows = (
        from
          ? walkNewer.iterate({ list, seq, date: from.date_ms, slug: from.slug })
          : walkAll.iterate({ list, seq })
      ) as IterableIterator<[number, string]>;
      // How many non-draft articles are older than the next row.
      let older = from ? from.n + 1 : 0;
      for (const [date, slug] of rows) {
        if (older > 0 && older % every === 0) fresh.push({ n: older, date, slug });
        older += 1;
      }
    }
    const stale = new Map(marks.slice(kept).map((mark) => [mark.n, mark]));
    for (const mark of fresh) {
      const before = stale.get(mark.n);
      stale.delete(mark.n);
      if (before?.date_ms === mark.date && before.slug === mark.slug) continue;
      if (before) closeMark.run(seq, before.rowid);
      insertMark.run(list, mark.n, seq, OPEN_SEQ, mark.date, mark.slug);
    }
    for (const mark of stale.values()) closeMark.run(seq, mark.rowid);
  }
}

export type PruneResult = {
  /** Article rows deleted. */
  rows: number;
  /**
   * The bodies the deleted rows and versions named that nothing left in the catalog names: the
   * only body files that may have become unused.
   */
  unusedBodies: string[];
};

/**
 * Deletes the versions not in `kept` from the catalog, and the rows no kept version shows. Rows
 * of the newest version stay open for the next build to compare with, unless nothing keeps them.
 * It reads only rows that may go: closed ones (the history since the last prune) and open ones
 * newer than every kept version, each found by its index, so a publish does not walk the archive.
 */
export function pruneCatalog(file: string, kept: ReadonlySet<string>): PruneResult {
  const db = openCatalogForWrite(file);
  try {
    return db.transaction((): PruneResult => {
      const versions = db.prepare('SELECT seq, id, pages FROM versions').all() as {
        seq: number;
        id: string;
        pages: string;
      }[];
      const keep = versions.filter((version) => kept.has(version.id));
      const drop = versions.filter((version) => !kept.has(version.id));
      if (drop.length === 0) return { rows: 0, unusedBodies: [] };
      const deleteVersion = db.prepare('DELETE FROM versions WHERE seq = ?');
      for (const version of drop) deleteVersion.run(version.seq);
      const shown =
        keep.length === 0
          ? '0'
          : keep.map(({ seq }) => `(from_seq <= ${seq} AND to_seq > ${seq})`).join(' OR ');
      const newest = Math.max(0, ...keep.map(({ seq }) => seq));
      // The open rows of a dropped version newer than every kept one go (below), and the rows it
      // closed stay closed: the open rows are no version's any more, and the next build compares
      // its whole version with them.
      if (drop.some(({ seq }) => seq > newest))
        db.prepare("DELETE FROM meta WHERE name = 'open-version'").run();
      const gone = [
        ...(db
          .prepare(`SELECT rid, body FROM articles WHERE to_seq < ? AND NOT (${shown})`)
          .all(OPEN_SEQ) as { rid: number; body: string }[]),
        ...(db
          .prepare('SELECT rid, body FROM articles WHERE from_seq > ? AND to_seq = ?')
          .all(newest, OPEN_SEQ) as { rid: number; body: string }[]),
      ];
      const deleteRow = db.prepare('DELETE FROM articles WHERE rid = ?');
      const deleteLists = db.prepare('DELETE FROM article_lists WHERE rid = ?');
      for (const { rid } of gone) {
        deleteRow.run(rid);
        deleteLists.run(rid);
      }
      db.prepare(`DELETE FROM list_stats WHERE NOT (${shown})`).run();
      db.prepare(`DELETE FROM list_marks WHERE NOT (${shown})`).run();
      // A body may be shared: by another state of the article, another article or a site page.
      const pageBodies = (list: typeof versions) =>
        list.flatMap((version) => (JSON.parse(version.pages) as SitePage[]).map((p) => p.body));
      const keptPages = new Set(pageBodies(keep));
      const named = db.prepare('SELECT 1 FROM articles WHERE body = ? LIMIT 1').pluck();
      const candidates = new Set([...gone.map((row) => row.body), ...pageBodies(drop)]);
      const unusedBodies = [...candidates].filter(
        (body) => body !== '' && !keptPages.has(body) && named.get(body) === undefined,
      );
      return { rows: gone.length, unusedBodies };
    })();
  } finally {
    db.close();
  }
}
