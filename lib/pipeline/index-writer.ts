// Build time: what the content build makes of one Contentlayer document (a small summary for
// lists, one body file per article, search terms), so that no list page ever loads every body.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bodyFile } from '../content/paths';
import type { ArticleSummary, CategoryInfo } from '../content/types';
import { env } from '../env';
import { termCounts } from '../search/postings';
import { cacheKey, openBuildCache, type CacheEntry } from './build-cache';
import { buildCodeVersion } from './build-version';
import { publishContentVersion, type Source } from './content-version';
import { readGitHistoryState, revisionsAfterFirst, type Revision } from './git-history';
import { lastModified } from './last-modified';
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
  draft?: boolean;
  featured?: boolean;
  related?: string[];
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

export function toSummary(
  doc: GeneratedArticle,
  body: CompiledBody,
  history: Revision[] = [],
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
    ...(doc.cover ? { cover: doc.cover, coverAlt: doc.coverAlt ?? '' } : {}),
    draft: doc.draft ?? false,
    featured: doc.featured ?? false,
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
): Promise<CacheEntry> {
  const split = splitFrontMatter(sourceText);
  const body = await compileBody(split ? split.body : sourceText);
  await writeBody(body.html);
  const summary = toSummary(doc, body);
  return {
    kind: 'article',
    summary,
    text: body.text,
    counts: termCounts(summary.title, summary.tags, body.text),
  };
}

export function compileCategory(doc: GeneratedCategory): CacheEntry {
  return { kind: 'category', category: toCategory(doc) };
}

/** The build cache of this project (one per checkout; entries say which content directory). */
export const BUILD_CACHE_FILE = path.join(
  process.cwd(),
  '.contentlayer',
  'cache',
  'build-cache.db',
);

/**
 * `contentlayer2 dev` calls this (the Contentlayer config's onSuccess) after every save: the
 * documents it validated become a new content version, compiling only files the cache lacks.
 */
export async function writeContentIndex(input: {
  articles: GeneratedArticle[];
  categories: GeneratedCategory[];
}): Promise<void> {
  const contentDir = path.resolve(env.contentDir);
  const code = buildCodeVersion();
  const cache = openBuildCache(BUILD_CACHE_FILE);
  try {
    const sources: Source[] = [];
    const fresh: { key: string; path: string; entry: CacheEntry }[] = [];
    const docs = [
      ...input.articles.map((doc) => ({ doc, kind: 'article' as const })),
      ...input.categories.map((doc) => ({ doc, kind: 'category' as const })),
    ];
    for (const { doc, kind } of docs) {
      const file = doc._raw.sourceFilePath;
      const text = await readFile(path.join(contentDir, file), 'utf8');
      const key = cacheKey(code, file, text);
      sources.push({ path: file, key });
      const meta = cache.meta(key);
      if (meta && (meta.kind !== 'article' || existsSync(bodyFile(meta.summary.body)))) continue;
      fresh.push({
        key,
        path: file,
        entry:
          kind === 'article'
            ? await compileArticle(doc as GeneratedArticle, text)
            : compileCategory(doc as GeneratedCategory),
      });
    }
    cache.put(contentDir, fresh);
    const history = readGitHistoryState(contentDir);
    publishContentVersion({ code, sources, cache, history: new Map(history.history) });
    cache.retain(contentDir, new Set(sources.map((source) => source.key)));
  } finally {
    cache.close();
  }
}
