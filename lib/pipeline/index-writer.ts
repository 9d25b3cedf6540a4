// Build time: the version writer's side of the content build. The compile step
// (compile-entry.ts) turns each changed file into a build-cache entry; this writes a version of
// the entries (contentlayer2 dev's onSuccess) and says which entries can be used as they are.
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BODY_DIR, bodyFile } from '../content/paths';
import { env } from '../env';
import {
  BUILD_CACHE_FILE,
  cacheKey,
  contentHash,
  openBuildCache,
  type CacheEntry,
  type EntryInfo,
} from './build-cache';
import { buildCodeVersion, compileCodeVersion } from './build-version';
import {
  compileArticle,
  compileCategory,
  compilePage,
  imagesVersion,
  type GeneratedArticle,
  type GeneratedCategory,
  type GeneratedPage,
} from './compile-entry';
import { publishContentVersion, type Source } from './content-version';
import { readGitHistory } from './git-history';
import { readImageCatalog } from './images';

/**
 * The content build's two code versions, with the pictures it knows (the catalog itself too):
 * `compile`, of the compile step, is in every build-cache key; `code`, of the whole build, the
 * version writer included, is in every version id and article fingerprint. A change to the writer
 * then writes the archive's versions again from the cache, recompiling nothing.
 */
export async function contentBuildCode(configPath?: string) {
  const images = await readImageCatalog(path.join(process.cwd(), 'public'));
  const pictures = imagesVersion(images);
  return {
    compile: `${compileCodeVersion(configPath)}-${pictures}`,
    code: `${buildCodeVersion(configPath)}-${pictures}`,
    images,
  };
}

// Where it was defined first; the content check opens it too (build-cache.ts).
export { BUILD_CACHE_FILE };

/**
 * `contentlayer2 dev` calls this (the Contentlayer config's onSuccess) after every save: the
 * documents it validated become a new content version, compiling only files the cache lacks.
 */
export async function writeContentIndex(input: {
  articles: GeneratedArticle[];
  categories: GeneratedCategory[];
  pages?: GeneratedPage[];
}): Promise<void> {
  const contentDir = path.resolve(env.contentDir);
  const { compile, code, images } = await contentBuildCode();
  const cache = openBuildCache(BUILD_CACHE_FILE);
  try {
    const sources: Source[] = [];
    const fresh: { key: string; path: string; entry: CacheEntry }[] = [];
    const docs = [
      ...input.articles.map((doc) => ({ doc, kind: 'article' as const })),
      ...input.categories.map((doc) => ({ doc, kind: 'category' as const })),
      ...(input.pages ?? []).map((doc) => ({ doc, kind: 'page' as const })),
    ];
    for (const { doc, kind } of docs) {
      const file = doc._raw.sourceFilePath;
      const text = await readFile(path.join(contentDir, file), 'utf8');
      const key = cacheKey(compile, file, contentHash(text));
      sources.push({ path: file, key });
      if (isComplete(cache.entry(key))) continue;
      const entry =
        kind === 'article'
          ? await compileArticle(doc as GeneratedArticle, text, images)
          : kind === 'page'
            ? await compilePage(doc as GeneratedPage, text, images)
            : compileCategory(doc as GeneratedCategory);
      fresh.push({ key, path: file, entry });
    }
    cache.put(contentDir, fresh);
    publishContentVersion({
      code,
      sources,
      cache,
      entries: cache.index(contentDir),
      history: readGitHistory(contentDir),
    });
    cache.retain(contentDir, new Set(sources.map((source) => source.key)));
  } finally {
    cache.close();
  }
}

/** A cached entry that can be used as it is: one with a body has its body file. */
export function isComplete(
  entry: EntryInfo | undefined,
  hasBody: (hash: string) => boolean = (hash) => existsSync(bodyFile(hash)),
): boolean {
  return entry !== undefined && (entry.body === '' || hasBody(entry.body));
}

/**
 * The hashes of the body files on disk, from one listing of each shard: at 100,000 articles a
 * tenth of the time of asking for each file.
 */
export function bodiesOnDisk(): Set<string> {
  const found = new Set<string>();
  if (!existsSync(BODY_DIR)) return found;
  for (const shard of readdirSync(BODY_DIR, { withFileTypes: true })) {
    if (!shard.isDirectory()) continue;
    for (const file of readdirSync(path.join(BODY_DIR, shard.name))) {
      if (file.endsWith('.html')) found.add(file.slice(0, -'.html'.length));
    }
  }
  return found;
}
