// Build time: what the content build makes of one Contentlayer document (a small summary for
// lists, one body file per article, search terms), so that no list page ever loads every body.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BODY_DIR, bodyFile } from '../content/paths';
import { pageUrl, type ImageInfo } from '../content/rules';
import type { ArticleSummary, CategoryInfo, SitePage } from '../content/types';
import { env } from '../env';
import { termCounts } from '../search/postings';
import {
  BUILD_CACHE_FILE,
  cacheKey,
  contentHash,
  openBuildCache,
  type CacheEntry,
  type EntryInfo,
} from './build-cache';
import { buildCodeVersion } from './build-version';
import { publishContentVersion, type Source } from './content-version';
import { readGitHistoryState, revisionsAfterFirst, type Revision } from './git-history';
import { lastModified } from './last-modified';
import { readImageCatalog } from './images';
import { compileBody, type CompiledBody } from './markdown/compile-body';
import { splitFrontMatter } from './front-matter';
import { autoExcerpt, readingMinutes, truncateText } from './text';

export type GeneratedArticle = {
  slug: string;
  url: string;
  title: string;
  date: string;
  updated?: string;
  category: string;
  source: string;
  editor?: string;
  authors?: string[];
  tags?: string[];
  summary?: string;
  cover?: string;
  coverAlt?: string;
  coverCaption?: string;
  draft?: boolean;
  featured?: boolean;
  related?: string[];
  type?: 'article' | 'notice';
  body: { raw: string };
  _raw: { sourceFilePath: string };
};

export type GeneratedCategory = {
  path: string;
  name: string;
  description: string;
  order: number;
  _raw: { sourceFilePath: string };
};

export type GeneratedPage = {
  slug: string;
  title: string;
  description?: string;
  order?: number;
  body: { raw: string };
  _raw: { sourceFilePath: string };
};

function toPage(doc: GeneratedPage, body: CompiledBody): SitePage {
  return {
    slug: doc.slug,
    url: pageUrl(doc.slug),
    title: doc.title.trim(),
    ...(doc.description ? { description: doc.description } : {}),
    order: doc.order ?? 100,
    body: bodyHash(body.html),
  };
}

/** The cover's fields, when its file exists: a list never shows a broken picture. */
function coverOf(doc: GeneratedArticle, images: ReadonlyMap<string, ImageInfo>) {
  const info = doc.cover ? images.get(doc.cover) : undefined;
  if (!doc.cover || !info) return {};
  return {
    cover: doc.cover,
    coverAlt: doc.coverAlt ?? '',
    ...(doc.coverCaption ? { coverCaption: doc.coverCaption } : {}),
    coverWidth: info.width,
    coverHeight: info.height,
  };
}

export function toSummary(
  doc: GeneratedArticle,
  body: CompiledBody,
  history: Revision[] = [],
  images: ReadonlyMap<string, ImageInfo> = new Map(),
): ArticleSummary {
  const revisions = revisionsAfterFirst(history);
  return {
    slug: doc.slug,
    url: doc.url,
    title: doc.title.trim(),
    date: doc.date,
    ...(doc.updated ? { updated: doc.updated } : {}),
    category: doc.category,
    source: doc.source,
    ...(doc.editor ? { editor: doc.editor } : {}),
    authors: doc.authors ?? [],
    tags: [...new Set((doc.tags ?? []).map((tag) => tag.trim()).filter(Boolean))],
    excerpt: doc.summary?.trim() ? truncateText(doc.summary) : autoExcerpt(body.text.split('\n')),
    hasSummary: Boolean(doc.summary?.trim()),
    ...coverOf(doc, images),
    draft: doc.draft ?? false,
    featured: doc.featured ?? false,
    ...(doc.type === 'notice' ? { notice: true as const } : {}),
    related: doc.related ?? [],
    readingTime: readingMinutes(body.text),
    revisions,
    lastModified: lastModified({ date: doc.date, updated: doc.updated, revisions }),
    file: doc._raw.sourceFilePath,
    body: bodyHash(body.html),
  };
}

export function toCategory(doc: GeneratedCategory): CategoryInfo {
  const cut = doc.path.lastIndexOf('/');
  return {
    path: doc.path,
    name: doc.name,
    description: doc.description,
    order: doc.order,
    ...(cut > 0 ? { parent: doc.path.slice(0, cut) } : {}),
  };
}

const GENERATED_DIR = path.join(process.cwd(), '.contentlayer', 'generated');

async function readJsonList<T>(file: string): Promise<T[]> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T[];
  } catch (error) {
    // No documents of a type means Contentlayer writes no file for it.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** What Contentlayer generated (validated, with computed fields) in `generatedDir`. */
export async function readGeneratedDocuments(generatedDir = GENERATED_DIR) {
  return {
    articles: await readJsonList<GeneratedArticle>(
      path.join(generatedDir, 'Article', '_index.json'),
    ),
    categories: await readJsonList<GeneratedCategory>(
      path.join(generatedDir, 'Category', '_index.json'),
    ),
    pages: await readJsonList<GeneratedPage>(path.join(generatedDir, 'Page', '_index.json')),
  };
}

/** The name of a compiled body's file: the hash of its HTML. */
export function bodyHash(html: string): string {
  return createHash('sha256').update(html).digest('hex').slice(0, 32);
}

/** Writes a body unless a file of that hash is there (bodies are named by what they hold). */
export async function writeBody(html: string): Promise<string> {
  const hash = bodyHash(html);
  const file = bodyFile(hash);
  if (!existsSync(file)) {
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, html);
    await rename(temporary, file);
  }
  return hash;
}

/**
 * One article from Contentlayer's document and the source file's text: its body compiled once
 * into HTML (written to its file) and plain text, its summary, and its search terms.
 */
export async function compileArticle(
  doc: GeneratedArticle,
  sourceText: string,
  images: ReadonlyMap<string, ImageInfo>,
): Promise<CacheEntry> {
  const body = await compileSource(sourceText, images);
  const summary = toSummary(doc, body, [], images);
  return {
    kind: 'article',
    summary,
    text: body.text,
    counts: termCounts(summary.title, summary.tags, body.text),
  };
}

/** A site document (关于我们 …): its body compiled and written like an article's. */
export async function compilePage(
  doc: GeneratedPage,
  sourceText: string,
  images: ReadonlyMap<string, ImageInfo>,
): Promise<CacheEntry> {
  return { kind: 'page', page: toPage(doc, await compileSource(sourceText, images)) };
}

async function compileSource(sourceText: string, images: ReadonlyMap<string, ImageInfo>) {
  const split = splitFrontMatter(sourceText);
  const body = await compileBody(split ? split.body : sourceText, (src) => images.get(src));
  await writeBody(body.html);
  return body;
}

/**
 * The pictures under public/ as part of every cache key: a compiled body holds its figures'
 * sizes and a summary its cover's, so a changed or added picture compiles everything again.
 */
export function imagesVersion(images: ReadonlyMap<string, ImageInfo>): string {
  const hash = createHash('sha256');
  for (const [src, info] of [...images].sort(([a], [b]) => (a < b ? -1 : 1)))
    hash.update(`${src}\0${info.width}\0${info.height}\0${info.bytes}\n`);
  return hash.digest('hex').slice(0, 16);
}

/** The content build's code version and the pictures it knows, with the catalog itself. */
export async function contentBuildCode(configPath?: string) {
  const images = await readImageCatalog(path.join(process.cwd(), 'public'));
  return { code: `${buildCodeVersion(configPath)}-${imagesVersion(images)}`, images };
}

export function compileCategory(doc: GeneratedCategory): CacheEntry {
  return { kind: 'category', category: toCategory(doc) };
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
  const { code, images } = await contentBuildCode();
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
      const key = cacheKey(code, file, contentHash(text));
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
    const history = readGitHistoryState(contentDir);
    publishContentVersion({
      code,
      sources,
      cache,
      entries: cache.index(contentDir),
      history: new Map(history.history),
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
