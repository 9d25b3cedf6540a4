// Build time only (called by Contentlayer's onSuccess): splits the generated documents into a
// small summary index for lists and one body file per article, so that no list page ever
// loads every body.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BODY_DIR, CONTENT_INDEX_FILE, PAGE_BODY_DIR, SEARCH_INDEX_FILE } from '../content/paths';
import { pageUrl } from '../content/rules';
import type { ImageInfo } from '../content/rules';
import type { ArticleSummary, CategoryInfo, ContentIndex, SitePage } from '../content/types';
import { env } from '../env';
import { buildSearchIndex, type SearchIndex } from '../search/index';
import { readGitHistory, revisionsAfterFirst, type Revision } from './git-history';
import { lastModified } from './last-modified';
import { readImageCatalog } from './images';
import { compileBody, type CompiledBody } from './markdown/compile-body';
import { autoExcerpt, readingMinutes, truncateText } from './text';

type GeneratedArticle = {
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
  body: { raw: string };
  _raw: { sourceFilePath: string };
};

type GeneratedCategory = { path: string; name: string; description: string; order: number };

type GeneratedPage = {
  slug: string;
  title: string;
  description?: string;
  order?: number;
  body: { raw: string };
};

function toPage(doc: GeneratedPage): SitePage {
  return {
    slug: doc.slug,
    url: pageUrl(doc.slug),
    title: doc.title.trim(),
    ...(doc.description ? { description: doc.description } : {}),
    order: doc.order ?? 100,
  };
}

/** The cover's fields, when its file exists: a list never shows a broken picture. */
function coverOf(doc: GeneratedArticle, images: Map<string, ImageInfo>) {
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
  images: Map<string, ImageInfo> = new Map(),
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
    related: doc.related ?? [],
    readingTime: readingMinutes(body.text),
    revisions,
    lastModified: lastModified({ date: doc.date, updated: doc.updated, revisions }),
    file: doc._raw.sourceFilePath,
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

export async function readGeneratedDocuments() {
  return {
    articles: await readJsonList<GeneratedArticle>(
      path.join(GENERATED_DIR, 'Article', '_index.json'),
    ),
    categories: await readJsonList<GeneratedCategory>(
      path.join(GENERATED_DIR, 'Category', '_index.json'),
    ),
    pages: await readJsonList<GeneratedPage>(path.join(GENERATED_DIR, 'Page', '_index.json')),
  };
}

/** What the content build's worker thread prepared beside Contentlayer (scripts/content-build.ts). */
export type Prepared = { bodies: Map<string, CompiledBody>; search: SearchIndex };

// `contentlayer2 dev` calls onSuccess on every save: recompile only the bodies that changed.
const compiledCache = new Map<string, CompiledBody>();
async function compileCached(raw: string, images: Map<string, ImageInfo>): Promise<CompiledBody> {
  let compiled = compiledCache.get(raw);
  if (!compiled) {
    compiled = await compileBody(raw, (src) => images.get(src));
    compiledCache.set(raw, compiled);
  }
  return compiled;
}

export async function writeContentIndex(
  input: { articles: GeneratedArticle[]; categories: GeneratedCategory[]; pages?: GeneratedPage[] },
  prepared?: Prepared,
): Promise<void> {
  const history = readGitHistory(path.resolve(env.contentDir));
  const images = await readImageCatalog(path.join(process.cwd(), 'public'));
  const bodies = new Map<GeneratedArticle, CompiledBody>();
  let allPrepared = Boolean(prepared);
  for (const doc of input.articles) {
    const ready = prepared?.bodies.get(doc._raw.sourceFilePath);
    if (!ready) allPrepared = false;
    bodies.set(doc, ready ?? (await compileCached(doc.body.raw, images)));
  }
  const pages = input.pages ?? [];
  const pageBodies = new Map<string, CompiledBody>();
  for (const doc of pages) pageBodies.set(doc.slug, await compileCached(doc.body.raw, images));
  if (!prepared) {
    const live = new Set([...input.articles, ...pages].map((doc) => doc.body.raw));
    for (const raw of compiledCache.keys()) if (!live.has(raw)) compiledCache.delete(raw);
  }
  const bodyOf = (doc: GeneratedArticle) => bodies.get(doc) as CompiledBody;
  const index: ContentIndex = {
    articles: input.articles.map((doc) =>
      toSummary(doc, bodyOf(doc), history.get(doc._raw.sourceFilePath), images),
    ),
    categories: input.categories.map(toCategory),
    pages: pages.map(toPage).sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug)),
  };
  await rm(PAGE_BODY_DIR, { recursive: true, force: true });
  await mkdir(PAGE_BODY_DIR, { recursive: true });
  for (const [slug, body] of pageBodies) {
    await writeFile(path.join(PAGE_BODY_DIR, `${slug}.html`), body.html);
  }
  await rm(BODY_DIR, { recursive: true, force: true });
  await mkdir(BODY_DIR, { recursive: true });
  const queue = [...input.articles];
  // A bounded pool: 10,000 parallel writes would exhaust file descriptors.
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      for (let doc = queue.pop(); doc; doc = queue.pop()) {
        await writeFile(path.join(BODY_DIR, `${doc.slug}.html`), bodyOf(doc).html);
      }
    }),
  );
  // Drafts are indexed too (dev previews search them); the server filters by publication at query time.
  const search =
    prepared && allPrepared
      ? prepared.search
      : buildSearchIndex(
          input.articles.map((doc) => ({
            slug: doc.slug,
            title: doc.title,
            tags: doc.tags ?? [],
            text: bodyOf(doc).text,
          })),
        );
  await writeFile(`${SEARCH_INDEX_FILE}.tmp`, JSON.stringify(search));
  await rename(`${SEARCH_INDEX_FILE}.tmp`, SEARCH_INDEX_FILE);
  // Rename so a running dev server never reads a half-written index.
  await writeFile(`${CONTENT_INDEX_FILE}.tmp`, JSON.stringify(index));
  await rename(`${CONTENT_INDEX_FILE}.tmp`, CONTENT_INDEX_FILE);
}
