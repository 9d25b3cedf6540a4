import 'server-only';
// The server's reads of the on-disk catalog (lib/content/catalog-schema.ts,
// docs/adr/027-on-disk-catalog.md): one read-only connection per process, prepared statements,
// every query filtered on the sequence number of the version this process serves. Nothing here
// holds a list of the archive: a page reads its rows per request or per cache fill.
import Database from 'better-sqlite3';
import { listsOf } from './catalog-schema';
import { CATALOG_FILE } from './paths';
import type { ArticleSummary, CategoryInfo, SitePage } from './types';

/** Which articles a query sees: the version's, and of them the published ones (or all of them). */
export type Scope = { seq: number; now: number; all: boolean };

const VISIBLE = 'from_seq <= @seq AND to_seq > @seq';
const SHOWN = `${VISIBLE} AND (@all OR (draft = 0 AND date_ms <= @now))`;
const UP = `list = @list AND ${SHOWN}`;

/** A published slice of a list from a mark on (catalog-schema.ts): `columns` of its rows. */
const fromMark = (columns: string) =>
  `SELECT ${columns} FROM article_lists l
    WHERE l.list = @list AND (l.date_ms < @date OR (l.date_ms = @date AND l.slug >= @slug))
      AND l.from_seq <= @seq AND l.to_seq > @seq AND l.draft = 0 AND l.date_ms <= @now
    ORDER BY l.date_ms DESC, l.slug LIMIT @limit OFFSET @offset`;

function statements(db: Database.Database) {
  return {
    version: db.prepare('SELECT seq, categories, pages FROM versions WHERE id = ?'),
    bySlug: db.prepare(
      `SELECT summary, draft, date_ms FROM articles WHERE slug = @slug AND ${VISIBLE}`,
    ),
    // The page is chosen in the covering index alone, then joined: with the join outside,
    // SQLite reads every skipped row's article too (the last page of a 51,000-article channel:
    // 69 ms against 7 ms).
    list: db.prepare(
      `SELECT a.summary, a.draft, a.date_ms FROM (
          SELECT l.rid, l.date_ms, l.slug FROM article_lists l
          WHERE l.list = @list AND l.from_seq <= @seq AND l.to_seq > @seq
            AND (@all OR (l.draft = 0 AND l.date_ms <= @now)) AND l.date_ms >= @since
          ORDER BY l.date_ms DESC, l.slug LIMIT @limit OFFSET @offset
        ) p JOIN articles a ON a.rid = p.rid
        ORDER BY p.date_ms DESC, p.slug`,
    ),
    // The same from a list mark on (catalog-schema.ts): rows at or older than the mark.
    listFrom: db.prepare(
      `SELECT a.summary, a.draft, a.date_ms FROM (${fromMark('l.rid, l.date_ms, l.slug')}) p
        JOIN articles a ON a.rid = p.rid ORDER BY p.date_ms DESC, p.slug`,
    ),
    markAtOrAbove: db.prepare(
      `SELECT n, date_ms, slug FROM list_marks
        WHERE list = @list AND n >= @n AND from_seq <= @seq AND to_seq > @seq ORDER BY n LIMIT 1`,
    ),
    nonDrafts: db
      .prepare(
        'SELECT count FROM list_stats WHERE list = @list AND from_seq <= @seq AND to_seq > @seq',
      )
      .pluck(),
    notDueIn: db
      .prepare(
        `SELECT COUNT(*) FROM article_lists WHERE list = @list AND date_ms > @now
          AND from_seq <= @seq AND to_seq > @seq AND draft = 0`,
      )
      .pluck(),
    count: db.prepare(
      `SELECT COUNT(*) FROM article_lists WHERE list = @list AND ${SHOWN}`,
    ),
    // Oldest first (the sitemap files' order, lib/seo/sitemaps.ts): the same index read
    // backwards. The published rows are the oldest non-drafts, which the marks count.
    linksUpAt: db.prepare(
      `SELECT slug, lastmod, date_ms FROM article_lists
        WHERE ${UP} ORDER BY date_ms, slug DESC LIMIT @limit OFFSET @offset`,
    ),
    linksUpFrom: db.prepare(
      `SELECT slug, lastmod, date_ms FROM article_lists
        WHERE ${UP} AND date_ms >= @date AND NOT (date_ms = @date AND slug > @slug)
        ORDER BY date_ms, slug DESC LIMIT @limit OFFSET @offset`,
    ),
    linksUpAfter: db.prepare(
      `SELECT slug, lastmod, date_ms FROM article_lists
        WHERE ${UP} AND date_ms >= @date AND NOT (date_ms = @date AND slug >= @slug)
        ORDER BY date_ms, slug DESC LIMIT @limit`,
    ),
    markAtOrBelow: db.prepare(
      `SELECT n, date_ms, slug FROM list_marks
        WHERE list = @list AND n <= @n AND from_seq <= @seq AND to_seq > @seq
        ORDER BY n DESC LIMIT 1`,
    ),
    // What a run of a list holds, in one pass over its index entries: how many rows, the newest
    // version that wrote one of them (see rangeStamp) and their newest lastModified.
    rangeStamp: db.prepare(
      `SELECT COUNT(*) AS count, MAX(from_seq) AS newest, MAX(lastmod_ms) AS lastmod_ms
        FROM article_lists
        WHERE list = @list AND from_seq <= @seq AND to_seq > @seq AND draft = 0
          AND date_ms >= @fromDate AND NOT (date_ms = @fromDate AND slug > @fromSlug)
          AND date_ms <= @toDate AND NOT (date_ms = @toDate AND slug < @toSlug)`,
    ),
    catalogId: db.prepare("SELECT value FROM meta WHERE name = 'catalog-id'").pluck(),
    older: db.prepare(
      `SELECT a.summary, a.draft, a.date_ms FROM article_lists l JOIN articles a ON a.rid = l.rid
        WHERE l.list = @list AND (l.date_ms < @date OR (l.date_ms = @date AND l.slug > @slug))
          AND l.from_seq <= @seq AND l.to_seq > @seq AND (@all OR (l.draft = 0 AND l.date_ms <= @now))
        ORDER BY l.date_ms DESC, l.slug LIMIT 1`,
    ),
    newer: db.prepare(
      `SELECT a.summary, a.draft, a.date_ms FROM article_lists l JOIN articles a ON a.rid = l.rid
        WHERE l.list = @list AND (l.date_ms > @date OR (l.date_ms = @date AND l.slug < @slug))
          AND l.from_seq <= @seq AND l.to_seq > @seq AND (@all OR (l.draft = 0 AND l.date_ms <= @now))
        ORDER BY l.date_ms ASC, l.slug DESC LIMIT 1`,
    ),
    exactCategory: db.prepare(
      `SELECT summary, draft, date_ms FROM articles WHERE category = @category AND notice = 0
        AND ${SHOWN} ORDER BY date_ms DESC, slug LIMIT @limit`,
    ),
    listStats: db.prepare(
      `SELECT list, COUNT(*) AS count, MAX(lastmod_ms) AS lastmod_ms FROM article_lists
        WHERE list >= @from AND list < @to AND ${SHOWN} GROUP BY list`,
    ),
    lastmodOf: db.prepare(
      `SELECT a.lastmod FROM article_lists l JOIN articles a ON a.rid = l.rid
        WHERE l.list = @list AND l.lastmod_ms = @lastmod_ms
          AND l.from_seq <= @seq AND l.to_seq > @seq AND (@all OR (l.draft = 0 AND l.date_ms <= @now))
        LIMIT 1`,
    ),
    // The build's per-list stats (lib/content/catalog-schema.ts), and the scheduled articles
    // not due yet, whose lists are counted exactly instead.
    statsIn: db.prepare(
      `SELECT list, count, lastmod FROM list_stats
        WHERE list >= @from AND list < @to AND from_seq <= @seq AND to_seq > @seq`,
    ),
    notDue: db
      .prepare(`SELECT summary FROM articles WHERE date_ms > @now AND draft = 0 AND ${VISIBLE}`)
      .pluck(),
    listStat: db.prepare(
      `SELECT COUNT(*) AS count, MAX(lastmod_ms) AS lastmod_ms FROM article_lists
        WHERE list = @list AND ${SHOWN}`,
    ),
    nextDue: db
      .prepare(
        `SELECT MIN(date_ms) FROM articles WHERE ${VISIBLE} AND draft = 0 AND date_ms > @now`,
      )
      .pluck(),
    changed: db.prepare(
      `SELECT summary, from_seq, to_seq FROM articles
        WHERE (from_seq > @low AND from_seq <= @high) OR (to_seq > @low AND to_seq <= @high)`,
    ),
  };
}

type Open = { db: Database.Database; statements: ReturnType<typeof statements> };
// On globalThis, like the content state: every route bundle of the process shares one handle.
const slot = globalThis as typeof globalThis & { [key: symbol]: Open | undefined };
const KEY = Symbol.for('news.content-catalog');

function open(): Open {
  const known = slot[KEY];
  if (known) return known;
  const db = new Database(CATALOG_FILE, { readonly: true, fileMustExist: true });
  // A small page cache: the operating system's holds the file once for every process.
  db.pragma('cache_size = -8000');
  const fresh = { db, statements: statements(db) };
  slot[KEY] = fresh;
  return fresh;
}

const q = () => open().statements;

type Row = { summary: string; draft: number; date_ms: number };

/** A row as the app's summary; in a preview scope, drafts and scheduled articles are marked. */
function toSummary(row: Row, scope: Scope): ArticleSummary {
  const article = JSON.parse(row.summary) as ArticleSummary;
  if (!scope.all) return article;
  if (row.draft) return { ...article, status: 'draft' };
  if (row.date_ms > scope.now) return { ...article, status: 'scheduled' };
  return article;
}

export type CatalogVersion = { seq: number; categories: CategoryInfo[]; pages: SitePage[] };

/** The version's number and its small parts (categories, site pages); undefined when unknown. */
export function catalogVersion(id: string): CatalogVersion | undefined {
  const row = q().version.get(id) as
    | { seq: number; categories: string; pages: string }
    | undefined;
  if (!row) return undefined;
  return {
    seq: row.seq,
    categories: JSON.parse(row.categories) as CategoryInfo[],
    pages: JSON.parse(row.pages) as SitePage[],
  };
}

export function articleBySlug(slug: string, scope: Scope): ArticleSummary | undefined {
  const row = q().bySlug.get({ slug, seq: scope.seq }) as Row | undefined;
  if (!row) return undefined;
  if (!scope.all && (row.draft || row.date_ms > scope.now)) return undefined;
  return toSummary(row, scope);
}

/**
 * Where the published article at `offset` (from the newest) of a list is found by a seek: the
 * mark at or just newer than it, and how many rows to skip from there (catalog-schema.ts).
 * Undefined near the top of the list (no mark there, or only marks not due yet) and in a preview
 * (drafts are not counted by marks).
 */
function seek(
  list: string,
  scope: Scope,
  offset: number,
): { date: number; slug: string; skip: number } | undefined {
  if (scope.all || offset === 0) return undefined;
  const params = { list, seq: scope.seq, now: scope.now };
  const nonDrafts = q().nonDrafts.get(params) as number | undefined;
  if (!nonDrafts) return undefined;
  // Scheduled articles not due yet are the newest of the non-drafts: the published ones follow.
  const notDue = q().notDueIn.get(params) as number;
  const target = nonDrafts - 1 - (offset + notDue);
  if (target < 0) return undefined;
  const mark = q().markAtOrAbove.get({ ...params, n: target }) as
    | { n: number; date_ms: number; slug: string }
    | undefined;
  if (!mark || mark.n > nonDrafts - 1 - notDue) return undefined;
  return { date: mark.date_ms, slug: mark.slug, skip: mark.n - target };
}

/** A slice of a list (catalog-schema.ts), newest first; `since` leaves out older articles. */
export function listSlice(
  list: string,
  scope: Scope,
  offset: number,
  limit: number,
  since = Number.MIN_SAFE_INTEGER,
): ArticleSummary[] {
  const from = since === Number.MIN_SAFE_INTEGER ? seek(list, scope, offset) : undefined;
  const rows = from
    ? q().listFrom.all({ list, ...scope, ...from, offset: from.skip, limit })
    : q().list.all({ list, ...scope, all: scope.all ? 1 : 0, since, offset, limit });
  return (rows as Row[]).map((row) => toSummary(row, scope));
}

/** An article as a sitemap lists it, and where in its list it is. */
export type ArticleLink = { slug: string; lastModified: string; date: number };

/**
 * A slice of a list's published articles as links, oldest first: from `position` (the number of
 * published articles older than the first), or just after `after`. A slice counted from the
 * oldest keeps its articles while newer ones are published: the sitemap files' order. A
 * position is found from the mark at or just older than it (fewer than LIST_MARK rows walked).
 */
export function listLinksUp(
  list: string,
  scope: Scope,
  limit: number,
  from: { position: number } | { after: ArticleLink },
): ArticleLink[] {
  const params = { list, ...scope, all: scope.all ? 1 : 0, limit };
  let rows: unknown[];
  if ('after' in from) {
    rows = q().linksUpAfter.all({ ...params, date: from.after.date, slug: from.after.slug });
  } else {
    // Marks count non-drafts: a preview (drafts shown) walks from the oldest.
    const mark = scope.all
      ? undefined
      : (q().markAtOrBelow.get({ list, seq: scope.seq, n: from.position }) as
          | { n: number; date_ms: number; slug: string }
          | undefined);
    rows = mark
      ? q().linksUpFrom.all({
          ...params,
          date: mark.date_ms,
          slug: mark.slug,
          offset: from.position - mark.n,
        })
      : q().linksUpAt.all({ ...params, offset: from.position });
  }
  return (rows as { slug: string; lastmod: string; date_ms: number }[]).map((row) => ({
    slug: row.slug,
    lastModified: row.lastmod,
    date: row.date_ms,
  }));
}

/**
 * A stamp of the published articles of a list at positions [position, position + count) counted
 * from the oldest (listLinksUp), with their newest lastModified (ms), or undefined when the list
 * has fewer or in a preview. Two states with the same stamp hold the same rows there, so the
 * same links: the stamp names the first and the last article, how many rows lie between them
 * and the newest version that wrote one. Rows are never changed once written, and a row a later
 * state shows that an earlier one does not was written after the earlier one: with the same
 * newest writer and the same bounds, the later state's rows are among the earlier one's, and as
 * many. One pass over the run's index entries (10–20 ms for 25,000 at 1,000,000 articles), where
 * writing its links costs about 100 ms.
 */
export function rangeStamp(
  list: string,
  scope: Scope,
  position: number,
  count: number,
): { stamp: string; lastModifiedMs: number } | undefined {
  if (scope.all || count < 1) return undefined;
  const [first] = listLinksUp(list, scope, 1, { position });
  const [last] = listLinksUp(list, scope, 1, { position: position + count - 1 });
  if (!first || !last) return undefined;
  const row = q().rangeStamp.get({
    list,
    seq: scope.seq,
    fromDate: first.date,
    fromSlug: first.slug,
    toDate: last.date,
    toSlug: last.slug,
  }) as { count: number; newest: number | null; lastmod_ms: number | null };
  if (row.count !== count) return undefined;
  // The catalog's own id: a catalog written afresh numbers its versions from 1 again.
  const catalog = (q().catalogId.get() as string | undefined) ?? 'none';
  return {
    stamp: [catalog, first.date, first.slug, last.date, last.slug, count, row.newest].join(':'),
    lastModifiedMs: row.lastmod_ms ?? 0,
  };
}

/** How many articles of a list are published: the build's count less those not due yet. */
export function listCount(list: string, scope: Scope): number {
  if (scope.all) return q().count.pluck().get({ list, ...scope, all: 1 }) as number;
  const params = { list, seq: scope.seq, now: scope.now };
  const nonDrafts = (q().nonDrafts.get(params) as number | undefined) ?? 0;
  return nonDrafts - (nonDrafts > 0 ? (q().notDueIn.get(params) as number) : 0);
}

/** The articles just older and just newer than `article` in a list. */
export function listNeighbours(
  list: string,
  article: ArticleSummary,
  scope: Scope,
): { older?: ArticleSummary; newer?: ArticleSummary } {
  const params = {
    list,
    ...scope,
    all: scope.all ? 1 : 0,
    date: Date.parse(article.date),
    slug: article.slug,
  };
  const older = q().older.get(params) as Row | undefined;
  const newer = q().newer.get(params) as Row | undefined;
  return {
    ...(older ? { older: toSummary(older, scope) } : {}),
    ...(newer ? { newer: toSummary(newer, scope) } : {}),
  };
}

const sharedTagStatements = new Map<number, Database.Statement>();

/**
 * The articles sharing most of `tags`, then the newest: among the newest `perTag` of each tag,
 * so that a common tag costs the same at any size of the archive. Only the `limit` best are
 * read whole.
 */
export function sharedTagSlice(
  tags: string[],
  exclude: string,
  scope: Scope,
  perTag: number,
  limit: number,
): ArticleSummary[] {
  if (tags.length === 0) return [];
  let statement = sharedTagStatements.get(tags.length);
  if (!statement) {
    const one = (i: number) =>
      `SELECT * FROM (SELECT rid, date_ms, slug FROM article_lists WHERE list = @t${i}
        AND from_seq <= @seq AND to_seq > @seq AND (@all OR (draft = 0 AND date_ms <= @now))
        ORDER BY date_ms DESC, slug LIMIT @perTag)`;
    statement = open().db.prepare(
      `SELECT a.summary, a.draft, a.date_ms FROM (
         SELECT rid, date_ms, slug, COUNT(*) AS overlap FROM (
           ${tags.map((_, i) => one(i)).join(' UNION ALL ')}
         ) WHERE slug != @exclude GROUP BY rid ORDER BY overlap DESC, date_ms DESC, slug
         LIMIT @limit
       ) s JOIN articles a ON a.rid = s.rid ORDER BY s.overlap DESC, s.date_ms DESC, s.slug`,
    );
    sharedTagStatements.set(tags.length, statement);
  }
  const params: Record<string, unknown> = {
    ...scope,
    all: scope.all ? 1 : 0,
    exclude,
    perTag,
    limit,
  };
  tags.forEach((tag, i) => (params[`t${i}`] = `t:${tag}`));
  return (statement.all(params) as Row[]).map((row) => toSummary(row, scope));
}

/** The newest stories of exactly this category (not its subcategories). */
export function exactCategorySlice(category: string, scope: Scope, limit: number): ArticleSummary[] {
  return (
    q().exactCategory.all({ category, ...scope, all: scope.all ? 1 : 0, limit }) as Row[]
  ).map((row) => toSummary(row, scope));
}

type ListStat = { count: number; lastmod: string };

/**
 * Per list in [from, to) (e.g. every 't:' list), how many published articles it has and their
 * newest lastModified: the build's stats, but for the lists of scheduled articles not due yet,
 * which are counted from their rows. A preview counts every list from its rows.
 */
function listStats(from: string, to: string, scope: Scope): Map<string, ListStat> {
  const params = { ...scope, all: scope.all ? 1 : 0 };
  const found = new Map<string, ListStat>();
  const exact = (list: string, lastmodMs: number | null, count: number) => {
    if (count === 0 || lastmodMs === null) return;
    const lastmod = q()
      .lastmodOf.pluck()
      .get({ ...params, list, lastmod_ms: lastmodMs }) as string | undefined;
    if (lastmod) found.set(list, { count, lastmod });
  };
  if (scope.all) {
    for (const row of q().listStats.all({ ...params, from, to }) as {
      list: string;
      count: number;
      lastmod_ms: number;
    }[])
      exact(row.list, row.lastmod_ms, row.count);
    return found;
  }
  for (const row of q().statsIn.all({ ...params, from, to }) as ({ list: string } & ListStat)[])
    found.set(row.list, { count: row.count, lastmod: row.lastmod });
  const pending = new Set<string>();
  for (const summary of q().notDue.all(params) as string[])
    for (const list of listsOf(JSON.parse(summary) as ArticleSummary))
      if (list >= from && list < to) pending.add(list);
  for (const list of pending) {
    found.delete(list);
    const row = q().listStat.get({ ...params, list }) as {
      count: number;
      lastmod_ms: number | null;
    };
    exact(list, row.lastmod_ms, row.count);
  }
  return found;
}

export function tagCountsOf(scope: Scope): { tag: string; count: number }[] {
  return [...listStats('t:', 't;', scope)].map(([list, { count }]) => ({
    tag: list.slice(2),
    count,
  }));
}

/**
 * Per list in [from, to) (e.g. every 'c:' list), the newest lastModified of its articles, as
 * the articles give it.
 */
export function listLastModified(from: string, to: string, scope: Scope): Map<string, string> {
  return new Map([...listStats(from, to, scope)].map(([list, { lastmod }]) => [list, lastmod]));
}

/** When the next scheduled article of the version falls due (ms), or undefined. */
export function nextDue(seq: number, at: number): number | undefined {
  return (q().nextDue.get({ seq, now: at }) as number | null) ?? undefined;
}

/** The articles of `before` and of `after` that differ between the two versions. */
export function changedArticles(
  before: number,
  after: number,
): { before: ArticleSummary[]; after: ArticleSummary[] } {
  const low = Math.min(before, after);
  const high = Math.max(before, after);
  const shows = (row: { from_seq: number; to_seq: number }, seq: number) =>
    row.from_seq <= seq && row.to_seq > seq;
  const rows = q().changed.all({ low, high }) as {
    summary: string;
    from_seq: number;
    to_seq: number;
  }[];
  const pick = (seq: number, other: number) =>
    rows
      .filter((row) => shows(row, seq) && !shows(row, other))
      .map((row) => JSON.parse(row.summary) as ArticleSummary);
  return { before: pick(before, after), after: pick(after, before) };
}
