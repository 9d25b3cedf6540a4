// Build time: what the content build makes of one Contentlayer document (a small summary for
// lists, one body file per article, search terms), so that no list page ever loads every body.
// This is the compile step, and its code (with what it imports) is the build cache's key
// (compileCodeVersion in build-version.ts): what a version is made of these entries is the
// version writer's (index-writer.ts, content-version.ts), whose changes recompile nothing.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bodyFile } from '../content/paths';
import { pageUrl, type ImageInfo } from '../content/rules';
import type { ArticleSummary, CategoryInfo, SitePage } from '../content/types';
import { termCounts } from '../search/term-counts';
import type { CacheEntry } from './build-cache';
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

/**
 * An article's summary as its file alone gives it. What git adds (corrections, 最后更新) is the
 * version writer's (withHistory in content-version.ts): the same file compiles to the same entry.
 */
export function toSummary(
  doc: GeneratedArticle,
  body: CompiledBody,
  images: ReadonlyMap<string, ImageInfo> = new Map(),
): ArticleSummary {
  const revisions: ArticleSummary['revisions'] = [];
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
  const summary = toSummary(doc, body, images);
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

export function compileCategory(doc: GeneratedCategory): CacheEntry {
  return { kind: 'category', category: toCategory(doc) };
}
