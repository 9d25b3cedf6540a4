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
import type { ArticleSummary, CategoryInfo, ContentIndex, SitePage } from '../content/types';
import { lockFile, unlockFile } from '../file-lock';
import type { BuildCache, CacheMeta } from './build-cache';
import { catalogBodies } from './catalog-reader';
import { pruneCatalog, writeCatalogVersion, type CatalogWriteResult } from './catalog-writer';
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

/** The summaries and categories of the sources, in path order: the same input, the same bytes. */
export function assembleIndex(
  sources: Source[],
  metas: ReadonlyMap<string, CacheMeta | undefined>,
  history: ReadonlyMap<string, Revision[]>,
): { index: ContentIndex; articleSources: (Source & { summary: ArticleSummary })[] } {
  const articles: ArticleSummary[] = [];
  const categories: CategoryInfo[] = [];
  const pages: SitePage[] = [];
  const articleSources: (Source & { summary: ArticleSummary })[] = [];
  for (const source of [...sources].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const meta = metas.get(source.key);
    if (!meta) throw new Error(`${source.path}: not in the build cache after compiling`);
    if (meta.kind === 'category') {
      categories.push(meta.category);
    } else if (meta.kind === 'page') {
      pages.push(meta.page);
    } else {
      const summary = withHistory(meta.summary, history.get(source.path));
      articles.push(summary);
      articleSources.push({ ...source, summary });
    }
  }
  // Footer order.
  pages.sort((a, b) => a.order - b.order || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  return { index: { articles, categories, pages }, articleSources };
}

/**
 * The id of a version: a hash of the code and of the index, fed to the hash a summary at a time.
 * The bytes are those of JSON.stringify(index), which at a million articles (about 900 MB) would
 * be longer than V8's longest string; so ids are the ones that one string gave.
 */
export function versionId(code: string, index: ContentIndex): string {
  const hash = createHash('sha256').update(code).update('\0').update('{"articles":[');
  index.articles.forEach((article, i) => {
    if (i > 0) hash.update(',');
    hash.update(JSON.stringify(article));
  });
  hash.update(`],"categories":${JSON.stringify(index.categories)}`);
  hash.update(`,"pages":${JSON.stringify(index.pages)}}`);
  return hash.digest('hex').slice(0, 16);
}

export type VersionResult = {
  version: string;
  /** False when the sources and code were those of the live version already. */
  switched: boolean;
  search?: SearchWriteResult;
  catalog?: CatalogWriteResult;
};

/** Writes the version of these sources (unless it exists), makes it live, and tidies up. */
export function publishContentVersion(input: {
  code: string;
  sources: Source[];
  cache: BuildCache;
  /** The cache's entries for the sources, when the caller has read them already. */
  metas?: ReadonlyMap<string, CacheMeta | undefined>;
  history: ReadonlyMap<string, Revision[]>;
}): VersionResult {
  const metas =
    input.metas ??
    new Map(input.sources.map((source) => [source.key, input.cache.meta(source.key)]));
  const { index, articleSources } = assembleIndex(input.sources, metas, input.history);
  const version = versionId(input.code, index);
  const files = versionFiles(version);
  const live = readCurrentVersion();
  let search: SearchWriteResult | undefined;
  mkdirSync(path.dirname(CATALOG_FILE), { recursive: true });
  // Before the version's files: a server that finds the version live finds its rows too. Rows
  // of a version the catalog has already (the same id) are reused as they are.
  const catalog = writeCatalogVersion(CATALOG_FILE, version, index);
  // complete.json is written last: a version directory without it is incomplete.
  if (!existsSync(files.complete)) {
    rmSync(files.dir, { recursive: true, force: true });
    mkdirSync(files.dir, { recursive: true });
    const previous =
      live && live.version !== version ? versionFiles(live.version).search : undefined;
    const summaries = new Map(articleSources.map(({ key, summary }) => [key, summary]));
    search = writeSearchVersion({
      manifestFile: files.search,
      segmentsDir: SEARCH_SEGMENTS_DIR,
      docs: articleSources.map(({ key, summary }) => ({ key, slug: summary.slug })),
      load: (key) => {
        const found = input.cache.search(key);
        const summary = summaries.get(key);
        if (!found || !summary)
          throw new Error(`search text missing from the build cache for ${key}`);
        return {
          title: summary.title,
          tags: summary.tags,
          date: Date.parse(summary.date),
          draft: summary.draft,
          ...found,
        };
      },
      code: input.code,
      ...(previous ? { previous } : {}),
    });
    const complete: VersionComplete = {
      id: version,
      articles: index.articles.length,
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
  return { version, switched, catalog, ...(search ? { search } : {}) };
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
