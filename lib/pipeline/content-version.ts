// Build time: turns the build cache's entries for the current source files into a content
// version (summaries, search index; the bodies are already written) and makes it the live one
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
  CATALOG_FILE,
  CURRENT_FILE,
  VERSIONS_DIR,
  versionFiles,
  type CurrentVersion,
} from '../content/paths';
import type { ArticleSummary, CategoryInfo, ContentIndex, SitePage } from '../content/types';
import { lockFile, unlockFile } from '../file-lock';
import type { BuildCache, CacheMeta } from './build-cache';
import { pruneCatalog, writeCatalogVersion, type CatalogWriteResult } from './catalog-writer';
import { revisionsAfterFirst, type Revision } from './git-history';
import { lastModified } from './last-modified';
import { writeSearchIndex, type SearchWriteResult } from './search-writer';

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
  const json = JSON.stringify(index);
  const version = createHash('sha256')
    .update(input.code)
    .update('\0')
    .update(json)
    .digest('hex')
    .slice(0, 16);
  const files = versionFiles(version);
  const live = readCurrentVersion();
  let search: SearchWriteResult | undefined;
  mkdirSync(path.dirname(CATALOG_FILE), { recursive: true });
  // Before the version's files: a server that finds the version live finds its rows too. Rows
  // of a version the catalog has already (the same id) are reused as they are.
  const catalog = writeCatalogVersion(CATALOG_FILE, version, index);
  // index.json is written last: a version directory without it is incomplete.
  if (!existsSync(files.index)) {
    rmSync(files.dir, { recursive: true, force: true });
    mkdirSync(files.dir, { recursive: true });
    const previous =
      live && live.version !== version ? versionFiles(live.version).search : undefined;
    const summaries = new Map(articleSources.map(({ key, summary }) => [key, summary]));
    search = writeSearchIndex(
      files.search,
      articleSources.map(({ key, summary }) => ({ key, slug: summary.slug })),
      (key) => {
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
      { code: input.code, ...(previous ? { previous } : {}) },
    );
    writeFileSync(
      path.join(files.dir, 'bodies.txt'),
      [...index.articles, ...index.pages].map((a) => a.body).join('\n'),
    );
    writeAtomically(files.index, json);
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
  // The catalog's rows of the deleted versions that no kept version shows go with them.
  if (existsSync(CATALOG_FILE)) pruneCatalog(CATALOG_FILE, kept);
  // Bodies only go with a version: without one deleted, no body is left unnamed (and a publish
  // at 100,000 articles does not stat every body file).
  if (deleted === 0) return;
  const wanted = new Set<string>();
  for (const name of kept) {
    try {
      for (const hash of readFileSync(path.join(VERSIONS_DIR, name, 'bodies.txt'), 'utf8').split(
        '\n',
      ))
        if (hash) wanted.add(hash);
    } catch {
      // An incomplete version names no bodies; its own build writes them again.
      return;
    }
  }
  if (!existsSync(BODY_DIR)) return;
  // A body written moments ago may belong to a version still being built (contentlayer2 dev).
  const cutoff = Date.now() - BODY_GRACE_MS;
  for (const shard of readdirSync(BODY_DIR)) {
    const dir = path.join(BODY_DIR, shard);
    for (const file of readdirSync(dir)) {
      if (wanted.has(file.replace(/\.html$/, ''))) continue;
      const body = path.join(dir, file);
      if (statSync(body).mtimeMs < cutoff) rmSync(body, { force: true });
    }
  }
}
