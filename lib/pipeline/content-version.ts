// Build time: turns the build cache's entries for the current source files into a content
// version (catalog rows, search index; the bodies are already written) and makes it the live one
// with a rename, so a running server switches from one complete version to the next and never
// sees half of one (docs/adr/013-publishing-without-a-rebuild.md). The version's id is a hash of
// what it holds: the same sources and code give the same id, with a warm cache or a cold one.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import {
  BODY_DIR,
  bodyFile,
  CATALOG_FILE,
  CURRENT_FILE,
  SEARCH_SEGMENTS_DIR,
  VERSIONS_DIR,
  versionFiles,
  type CurrentVersion,
  type VersionComplete,
} from '../content/paths';
import type { ArticleSummary, CategoryInfo, SitePage } from '../content/types';
import { lockFile, unlockFile } from '../file-lock';
import type { BuildCache, EntryInfo } from './build-cache';
import { catalogBodies } from './catalog-reader';
import {
  pruneCatalog,
  readOpenState,
  writeCatalogChanges,
  type CatalogWriteResult,
  type OpenChangeState,
  type OpenRow,
  type OpenState,
} from './catalog-writer';
import { revisionsAfterFirst, type Revision } from './git-history';
import { lastModified } from './last-modified';
import { segmentsNamed, writeSearchVersion, type SearchWriteResult } from './search-writer';

export type Source = { path: string; key: string };

/** A body file younger than this is never deleted (a build may be writing its version). */
const BODY_GRACE_MS = 10 * 60_000;

function writeAtomically(file: string, data: string) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}

export function readCurrentVersion(): CurrentVersion | undefined {
  try {
    return JSON.parse(readFileSync(CURRENT_FILE, 'utf8')) as CurrentVersion;
  } catch {
    return undefined;
  }
}

/** Adds what git knows (corrections, 最后更新) to a compiled article. */
export function withHistory(
  summary: ArticleSummary,
  history: Revision[] | undefined,
): ArticleSummary {
  const revisions = revisionsAfterFirst(history);
  return {
    ...summary,
    revisions,
    lastModified: lastModified({ date: summary.date, updated: summary.updated, revisions }),
  };
}

/**
 * An article of a version, named by its source's key and git history (its `revisions` tag), its
 * summary unread.
 */
export type VersionArticle = {
  path: string;
  key: string;
  revisions: string;
  slug: string;
  hash: string;
};

/** What a version holds: its articles by fingerprint, its categories and site pages whole. */
export type VersionContent = {
  articles: VersionArticle[];
  categories: CategoryInfo[];
  pages: SitePage[];
};

/**
 * An article's fingerprint: the whole build's code (the writer's: how a row is made of a summary),
 * its source's build-cache key (the file's bytes and path, the compile code) and the revisions git
 * adds to it. Everything its catalog row holds follows from these three.
 */
export function articleHash(code: string, key: string, history: Revision[] | undefined): string {
  return createHash('sha256')
    .update(code)
    .update('\0')
    .update(key)
    .update('\0')
    .update(JSON.stringify(revisionsAfterFirst(history)))
    .digest('hex')
    .slice(0, 32);
}

/**
 * A short tag of the revisions git adds to an article, kept in its catalog row: '' for none (most
 * articles), so that comparing a file's history with its row's hashes only corrected articles.
 */
export function revisionsTag(history: Revision[] | undefined): string {
  const revisions = revisionsAfterFirst(history);
  if (revisions.length === 0) return '';
  return createHash('sha256').update(JSON.stringify(revisions)).digest('hex').slice(0, 32);
}

/** What `versionContent` needs of the build cache's entries (BuildCache.index, or one by one). */
export type EntryLookup = { get(key: string): EntryInfo | undefined };
/** Each file's commits (a Map, or the build cache's store, file by file). */
export type HistoryLookup = { get(path: string): Revision[] | undefined };

/**
 * The sources' content in path order: the same input, the same result. Only categories and site
 * pages (a few) are read from the cache; an article is its key and history, so a publish does
 * not read the summaries of an archive it did not change. An article whose file has the same key
 * and revisions as its open row (`open`, the newest version's) takes that row's slug and hash
 * without asking the cache or hashing.
 */
export function versionContent(
  code: string,
  sources: Source[],
  entries: EntryLookup,
  cache: Pick<BuildCache, 'meta'>,
  history: HistoryLookup,
  open?: ReadonlyMap<string, OpenRow>,
  /** The files whose history may differ from their open rows' (undefined: any file's). */
  touched?: ReadonlySet<string>,
): VersionContent {
  const content: VersionContent = { articles: [], categories: [], pages: [] };
  for (const source of inPathOrder(sources)) {
    const { path: file, key } = source;
    const row = open?.get(file);
    if (
      row?.key === key &&
      ((touched && !touched.has(file)) || row.revisions === revisionsTag(history.get(file)))
    ) {
      const { revisions, slug, hash } = row;
      content.articles.push({ path: file, key, revisions, slug, hash });
      continue;
    }
    const entry = entries.get(key);
    if (!entry) throw new Error(`${file}: not in the build cache after compiling`);
    if (entry.kind === 'article') {
      const commits = history.get(file);
      content.articles.push({
        path: file,
        key,
        revisions: revisionsTag(commits),
        slug: entry.slug,
        hash: articleHash(code, key, commits),
      });
      continue;
    }
    const meta = cache.meta(key);
    if (meta?.kind === 'category') content.categories.push(meta.category);
    else if (meta?.kind === 'page') content.pages.push(meta.page);
    else throw new Error(`${file}: not in the build cache after compiling`);
  }
  // Footer order.
  content.pages.sort(
    (a, b) => a.order - b.order || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0),
  );
  return content;
}

/** The sources by path: as they are when already sorted (a listing is), without a second copy. */
function inPathOrder(sources: Source[]): Source[] {
  for (let at = 1; at < sources.length; at += 1) {
    if ((sources[at - 1] as Source).path >= (sources[at] as Source).path)
      return [...sources].sort((a, b) => (a.path < b.path ? -1 : 1));
  }
  return sources;
}

const SUM_BITS = 256;

/** An article's part of its version's sum. */
function articleTerm(article: { path: string; hash: string }): bigint {
  const digest = createHash('sha256').update(`${article.path}\0${article.hash}`).digest('hex');
  return BigInt(`0x${digest}`);
}

const sumHex = (sum: bigint) => sum.toString(16).padStart(SUM_BITS / 4, '0');

/**
 * The sum (mod 2^256) of the articles' hashes with their paths: what a version's id is made of.
 * A sum rather than a hash of the list, so that the next version's is the change's arithmetic
 * (`changedSum`) and a publish hashes the files it changed, not the archive; the same articles
 * give the same sum however the version was reached.
 */
export function articlesSum(articles: Iterable<{ path: string; hash: string }>): string {
  let sum = 0n;
  for (const article of articles) sum = BigInt.asUintN(SUM_BITS, sum + articleTerm(article));
  return sumHex(sum);
}

/** `sum` with the articles `removed` taken out and `added` put in. */
export function changedSum(
  sum: string,
  removed: Iterable<{ path: string; hash: string }>,
  added: Iterable<{ path: string; hash: string }>,
): string {
  let result = BigInt(`0x${sum}`);
  for (const article of removed) result = BigInt.asUintN(SUM_BITS, result - articleTerm(article));
  for (const article of added) result = BigInt.asUintN(SUM_BITS, result + articleTerm(article));
  return sumHex(result);
}

/** The id of a version: a hash of the code and of what it holds (its articles' sum). */
export function versionId(
  code: string,
  content: Pick<VersionContent, 'categories' | 'pages'> & {
    articles: { length: number } | VersionArticle[];
  },
  sum: string = articlesSum(content.articles as VersionArticle[]),
): string {
  return createHash('sha256')
    .update(code)
    .update('\0')
    .update(`${sum}\0${content.articles.length}\0`)
    .update(JSON.stringify(content.categories))
    .update('\0')
    .update(JSON.stringify(content.pages))
    .digest('hex')
    .slice(0, 16);
}

/** A version as the change of the open one: the articles of files changed or added, the rows that go. */
export type VersionChange = { base: string; sum: string; added: VersionArticle[]; gone: OpenRow[] };

/** The articles whose open row (by file) differs, and the rows they replace. */
function changedArticles(rows: ReadonlyMap<string, OpenRow>, articles: readonly VersionArticle[]) {
  const added: VersionArticle[] = [];
  const gone: OpenRow[] = [];
  let kept = 0;
  for (const article of articles) {
    const row = rows.get(article.path);
    if (row?.hash === article.hash) {
      kept += 1;
      continue;
    }
    added.push(article);
    if (row) gone.push(row);
  }
  return { added, gone, kept };
}

/** What changed since the open version, by file: its rows that go and the articles that come. */
export function changeSince(
  open: { version: string; sum: string; rows: ReadonlyMap<string, OpenRow> },
  articles: readonly VersionArticle[],
): VersionChange {
  const { added, gone, kept } = changedArticles(open.rows, articles);
  // Files removed since: only looked for when some are (the count says so).
  if (kept + gone.length < open.rows.size) {
    const present = new Set(articles.map((article) => article.path));
    for (const row of open.rows.values()) if (!present.has(row.path)) gone.push(row);
  }
  return { base: open.version, sum: changedSum(open.sum, gone, added), added, gone };
}

/**
 * A publish of the changed files alone (`change` of publishContentVersion) met what only the whole
 * comparison handles: a category or site page among them, an open version that moved, a search
 * index it cannot change. Nothing it wrote is wrong; the caller writes the version whole.
 */
export class NeedsWholeVersion extends Error {}

/** The change of the open version made of the changed files' articles and the removed files. */
function changeOfFiles(
  open: OpenChangeState,
  articles: readonly VersionArticle[],
  removed: readonly string[],
): VersionChange {
  const { added, gone } = changedArticles(open.rows, articles);
  for (const file of removed) {
    const row = open.rows.get(file);
    // A removed file with no open row was a category's or a site page's.
    if (!row) throw new NeedsWholeVersion(`${file}: removed, and not an article`);
    gone.push(row);
  }
  return { base: open.version, sum: changedSum(open.sum, gone, added), added, gone };
}

export type VersionResult = {
  version: string;
  /** False when the sources and code were those of the live version already. */
  switched: boolean;
  search?: SearchWriteResult;
  catalog?: CatalogWriteResult;
  /**
   * The build-cache keys of the open rows this version replaced (when it was written as their
   * change): entries no source of the version has any more.
   */
  replaced?: string[];
};

/** Writes the version of these sources (unless it exists), makes it live, and tidies up. */
export function publishContentVersion(input: {
  code: string;
  sources: Source[];
  cache: BuildCache;
  /** The cache's entries of the sources' content directory (BuildCache.index), or a lookup. */
  entries: EntryLookup;
  history: HistoryLookup;
  /**
   * The commit `history` runs to, and the files whose history changed since the commit it ran to
   * before (`since`): when that is the open version's, only those files' histories are read.
   */
  historyHead?: string;
  historyChanged?: { since: string; files: ReadonlySet<string> };
  /** The catalog's open state (readOpenState) when the caller has read it already. */
  open?: OpenState;
  /**
   * `sources` are only the files changed since the open version's sources (its `sources` commit)
   * and those whose history changed (`historyChanged`, required); `removed` the files gone since.
   * `open`: readOpenChange's, with the rows of all of them. Every other article is the open
   * version's as it is: the publish reads and writes the change, not the archive.
   */
  change?: { open: OpenChangeState; removed: readonly string[] };
  /** The git commit the sources are exactly at (source-changes.ts), if they are. */
  sourcesAt?: string;
}): VersionResult {
  const { cache, code, history } = input;
  // The newest version's rows by file: what did not change is taken from them, unread.
  const open = input.change?.open ?? input.open ?? readOpenState(CATALOG_FILE, code);
  const touched =
    open && input.historyChanged?.since === open.history ? input.historyChanged.files : undefined;
  if (input.change && !touched)
    throw new NeedsWholeVersion('the history of the files is not known since the open version');
  const content = versionContent(
    code,
    input.sources,
    input.entries,
    cache,
    history,
    open?.rows,
    touched,
  );
  if (input.change && (content.categories.length > 0 || content.pages.length > 0))
    throw new NeedsWholeVersion('a category or site page changed');
  const change = input.change
    ? changeOfFiles(input.change.open, content.articles, input.change.removed)
    : open && changeSince(open, content.articles);
  const sum = change?.sum ?? articlesSum(content.articles);
  // A change of files holds the open version's categories and pages and its other articles.
  const whole = input.change
    ? {
        articles: {
          length:
            input.change.open.count - (change?.gone.length ?? 0) + (change?.added.length ?? 0),
        },
        categories: input.change.open.categories,
        pages: input.change.open.pages,
      }
    : content;
  const count = whole.articles.length;
  const version = versionId(code, whole, sum);
  const files = versionFiles(version);
  const live = readCurrentVersion();
  let search: SearchWriteResult | undefined;
  // A changed article's summary is read once, for its catalog row, and then taken by its search
  // document (so a cold build holds the archive's summaries no longer than it has to).
  const summaries = new Map<string, ArticleSummary>();
  const summaryOf = (article: VersionArticle): ArticleSummary => {
    const known = summaries.get(article.key);
    if (known) return known;
    const meta = cache.meta(article.key);
    if (meta?.kind !== 'article') throw new Error(`${article.path}: not in the build cache`);
    const summary = withHistory(meta.summary, history.get(article.path));
    summaries.set(article.key, summary);
    return summary;
  };
  const catalogArticle = (article: VersionArticle) => ({
    slug: article.slug,
    hash: article.hash,
    summary: () => summaryOf(article),
    source: { path: article.path, key: article.key, revisions: article.revisions },
  });
  // A document is its source's key: a file whose history alone changed keeps its document (and
  // its build-cache entry).
  const goneKeys = new Set(change?.gone.map((row) => row.key));
  const addedKeys = new Set(change?.added.map((article) => article.key));
  mkdirSync(path.dirname(CATALOG_FILE), { recursive: true });
  // Before the version's files: a server that finds the version live finds its rows too. Rows
  // of a version the catalog has already (the same id) are reused as they are.
  const catalog = writeCatalogChanges(CATALOG_FILE, version, {
    articles: (function* () {
      // Read only when the delta cannot be used: a change of files has no other articles.
      if (input.change) throw new NeedsWholeVersion('the open version moved');
      for (const article of content.articles) yield catalogArticle(article);
    })(),
    categories: whole.categories,
    pages: whole.pages,
    code,
    sum,
    history: input.historyHead ?? '',
    ...(input.sourcesAt ? { sources: input.sourcesAt } : {}),
    ...(change
      ? {
          delta: {
            base: change.base,
            closed: change.gone.map((row) => row.path),
            added: change.added.map(catalogArticle),
          },
        }
      : {}),
  });
  // complete.json is written last: a version directory without it is incomplete.
  if (!existsSync(files.complete)) {
    rmSync(files.dir, { recursive: true, force: true });
    mkdirSync(files.dir, { recursive: true });
    const previous =
      live && live.version !== version ? versionFiles(live.version).search : undefined;
    // The articles a document may be asked for by key: the change's, or (compared whole) any.
    let byKey = new Map(change?.added.map((article) => [article.key, article]));
    const articleOf = (key: string) => {
      if (!input.change && !byKey.has(key) && byKey.size < content.articles.length)
        byKey = new Map(content.articles.map((article) => [article.key, article]));
      return byKey.get(key);
    };
    search = writeSearchVersion({
      manifestFile: files.search,
      segmentsDir: SEARCH_SEGMENTS_DIR,
      docs: () => {
        if (input.change) throw new NeedsWholeVersion('the search index needs every document');
        return content.articles.map(({ key, slug }) => ({ key, slug }));
      },
      load: (key) => {
        const found = cache.search(key);
        const article = articleOf(key);
        if (!found || !article)
          throw new Error(`search text missing from the build cache for ${key}`);
        const summary = summaryOf(article);
        summaries.delete(key);
        return {
          title: summary.title,
          tags: summary.tags,
          date: Date.parse(summary.date),
          draft: summary.draft,
          ...found,
        };
      },
      code,
      ...(previous ? { previous } : {}),
      ...(change
        ? {
            delta: {
              previous: versionFiles(change.base).search,
              removed: change.gone.filter((row) => !addedKeys.has(row.key)),
              added: change.added.filter((article) => !goneKeys.has(article.key)),
            },
          }
        : {}),
    });
    const complete: VersionComplete = {
      id: version,
      articles: count,
      writtenAt: new Date().toISOString(),
    };
    writeAtomically(files.complete, `${JSON.stringify(complete)}\n`);
  }
  const switched = live?.version !== version;
  if (switched) {
    const current: CurrentVersion = { version, publishedAt: new Date().toISOString() };
    writeAtomically(CURRENT_FILE, `${JSON.stringify(current)}\n`);
  }
  collectGarbage(version, live?.version);
  const replaced = change?.gone.filter((row) => !addedKeys.has(row.key)).map((row) => row.key);
  return {
    version,
    switched,
    catalog,
    ...(search ? { search } : {}),
    ...(replaced ? { replaced } : {}),
  };
}

/**
 * Deletes the versions nothing uses: every one but the live version, the one live before it (a
 * server switches within seconds, and an operator may want it back) and those a running server
 * holds (lib/content/reload.ts share-locks the version it serves; a version made live again by
 * hand and still served is kept however old it is). Then the bodies no kept version names.
 */
export function collectGarbage(live: string, previous?: string): void {
  if (!existsSync(VERSIONS_DIR)) return;
  const kept = new Set([live, ...(previous ? [previous] : [])]);
  let deleted = 0;
  for (const name of readdirSync(VERSIONS_DIR)) {
    if (name.endsWith('.tmp') || kept.has(name)) continue;
    const files = versionFiles(name);
    // Taken exclusively while deleting: a server cannot start to hold it meanwhile.
    const fd = lockFile(files.inUse, 'exclusive');
    if (fd === undefined) {
      kept.add(name);
      continue;
    }
    try {
      rmSync(files.dir, { recursive: true, force: true });
      deleted += 1;
    } finally {
      unlockFile(fd);
    }
  }
  // The catalog's rows of the deleted versions that no kept version shows go with them, and the
  // bodies only they named: the change's, found through the catalog's index of bodies.
  const pruned = existsSync(CATALOG_FILE) ? pruneCatalog(CATALOG_FILE, kept) : undefined;
  collectSearchSegments(kept);
  const cutoff = Date.now() - BODY_GRACE_MS;
  // A body written moments ago may belong to a version still being built (contentlayer2 dev).
  const removeOld = (body: string) => {
    const stat = statSync(body, { throwIfNoEntry: false });
    if (stat && stat.mtimeMs < cutoff) rmSync(body, { force: true });
  };
  for (const hash of pruned?.unusedBodies ?? []) removeOld(bodyFile(hash));
  if (deleted > 0) sweepBodies(kept, removeOld);
}

/** When the body folder was last swept whole (its mtime). */
const SWEPT_FILE = path.join(BODY_DIR, '.swept');
const SWEEP_EVERY_MS = 24 * 60 * 60_000;

/**
 * Once a day, every body file no kept version names goes: those the per-publish collection cannot
 * know of (left by a build that failed before its version was written). It lists the whole
 * folder and reads every kept version's bodies from the catalog: the archive's cost, once a day.
 */
function sweepBodies(kept: ReadonlySet<string>, removeOld: (body: string) => void): void {
  if (!existsSync(BODY_DIR) || !existsSync(CATALOG_FILE)) return;
  const swept = statSync(SWEPT_FILE, { throwIfNoEntry: false });
  if (swept && Date.now() - swept.mtimeMs < SWEEP_EVERY_MS) return;
  // The kept versions' rows name their bodies (a summary's `body`, a site page's in its version's
  // row). A kept version the catalog does not have names none that we know of: nothing goes.
  const wanted = catalogBodies(CATALOG_FILE, kept);
  if (!wanted) return;
  for (const shard of readdirSync(BODY_DIR, { withFileTypes: true })) {
    if (!shard.isDirectory()) continue;
    const dir = path.join(BODY_DIR, shard.name);
    for (const file of readdirSync(dir)) {
      if (!wanted.has(file.replace(/\.html$/, ''))) removeOld(path.join(dir, file));
    }
  }
  writeFileSync(SWEPT_FILE, '');
}

/**
 * Deletes the search segments no kept version names: those merged into a bigger one, and those
 * of deleted versions. A few files, so it runs on every publish; a file younger than the grace
 * may be a segment of a version still being written.
 */
function collectSearchSegments(kept: ReadonlySet<string>): void {
  if (!existsSync(SEARCH_SEGMENTS_DIR)) return;
  const named = segmentsNamed(
    [...kept].map((name) => versionFiles(name).search),
    SEARCH_SEGMENTS_DIR,
  );
  if (!named) return;
  const cutoff = Date.now() - BODY_GRACE_MS;
  for (const file of readdirSync(SEARCH_SEGMENTS_DIR)) {
    if (named.has(file)) continue;
    const segment = path.join(SEARCH_SEGMENTS_DIR, file);
    if (statSync(segment).mtimeMs < cutoff) rmSync(segment, { force: true });
  }
}
