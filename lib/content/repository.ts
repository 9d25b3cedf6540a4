import 'server-only';
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { siteConfig, type NavItem } from '@/config/site';
import { now } from '@/lib/clock';
import { relatedArticles, relatedIndex, type RelatedIndex } from './related';
import { BODY_DIR, CONTENT_INDEX_FILE, PAGE_BODY_DIR } from './paths';
import { categoryUrl } from './rules';
import {
  byNewest,
  categoryTrail,
  firstPublishedIndex,
  isPublished,
  childCategories,
  headlines,
  inCategory,
  sortCategories,
  tagCounts,
  topLevelCategories,
  withTag,
} from './queries';
import type {
  ArticleDetail,
  ArticleSummary,
  CategoryInfo,
  ContentIndex,
  Crumb,
  SitePage,
} from './types';

type Loaded = {
  index: ContentIndex;
  mtimeMs: number;
  /** Every non-draft article, newest first; the published ones are a suffix of it. */
  candidates: ArticleSummary[];
  bySlug: Map<string, ArticleSummary>;
  published?: {
    from: number;
    list: ArticleSummary[];
    slugs?: ReadonlySet<string>;
    related?: RelatedIndex;
  };
};
// On globalThis, not in a module variable: the proxy and every route bundle of the same process
// share one parsed index instead of each holding its own copy.
const slot = globalThis as typeof globalThis & { [key: symbol]: Loaded | undefined };
const KEY = Symbol.for('news.content-index');

// Loaded once per server process; in development it is reloaded when `contentlayer2 dev`
// rewrites it, so a saved Markdown file shows up without a restart.
function load(): Loaded {
  const loaded = slot[KEY];
  if (loaded && process.env.NODE_ENV === 'production') return loaded;
  let mtimeMs: number;
  try {
    mtimeMs = statSync(CONTENT_INDEX_FILE).mtimeMs;
  } catch {
    throw new Error(
      `Content index missing at ${CONTENT_INDEX_FILE}. Run "npm run content" first.`,
    );
  }
  if (!loaded || loaded.mtimeMs !== mtimeMs) {
    const index = JSON.parse(readFileSync(CONTENT_INDEX_FILE, 'utf8')) as ContentIndex;
    const candidates = index.articles.filter((article) => !article.draft).sort(byNewest);
    slot[KEY] = { index, mtimeMs, candidates, bySlug: new Map(candidates.map((a) => [a.slug, a])) };
  }
  return slot[KEY] as Loaded;
}

function contentIndex(): ContentIndex {
  return load().index;
}

// `npm run dev` previews drafts and scheduled articles, marked as such; builds never do.
const PREVIEW = process.env.NODE_ENV === 'development';

function previewList(): ArticleSummary[] {
  const at = now().getTime();
  return [...load().index.articles].sort(byNewest).map((article) => {
    if (article.draft) return { ...article, status: 'draft' as const };
    if (Date.parse(article.date) > at) return { ...article, status: 'scheduled' as const };
    return article;
  });
}

/** Published articles, newest first, as of the server clock. */
export function getPublishedArticles(): ArticleSummary[] {
  if (PREVIEW) return previewList();
  const state = load();
  const from = firstPublishedIndex(state.candidates, now());
  if (state.published?.from !== from) {
    state.published = { from, list: state.candidates.slice(from) };
  }
  return state.published.list;
}

/** The slugs of published articles, for checks over many documents at once (search hits). */
export function getPublishedSlugs(): ReadonlySet<string> {
  if (PREVIEW) return new Set(previewList().map((article) => article.slug));
  const list = getPublishedArticles();
  const published = load().published as NonNullable<Loaded['published']>;
  published.slugs ??= new Set(list.map((article) => article.slug));
  return published.slugs;
}

export function getArticleSummary(slug: string): ArticleSummary | undefined {
  if (PREVIEW) return previewList().find((article) => article.slug === slug);
  const article = load().bySlug.get(slug);
  return article && isPublished(article, now()) ? article : undefined;
}

export async function getArticle(slug: string): Promise<ArticleDetail | undefined> {
  const summary = getArticleSummary(slug);
  if (!summary) return undefined;
  const html = await readFile(path.join(BODY_DIR, `${summary.slug}.html`), 'utf8');
  return { ...summary, html };
}

export function getCategories(): CategoryInfo[] {
  return sortCategories(contentIndex().categories);
}

export function getTopCategories(): CategoryInfo[] {
  return topLevelCategories(contentIndex().categories);
}

export function getCategory(categoryPath: string): CategoryInfo | undefined {
  return contentIndex().categories.find((category) => category.path === categoryPath);
}

export function getCategoryTrail(categoryPath: string): CategoryInfo[] {
  return categoryTrail(contentIndex().categories, categoryPath);
}

/** 当前位置：首页 > 情感 > 故事, for a category or an article in it. */
export function getCategoryCrumbs(categoryPath: string): Crumb[] {
  return [
    { label: '首页', href: '/' },
    ...getCategoryTrail(categoryPath).map((category) => ({
      label: category.name,
      href: categoryUrl(category.path),
    })),
  ];
}

export function getChildCategories(categoryPath: string): CategoryInfo[] {
  return childCategories(contentIndex().categories, categoryPath);
}

export function getCategoryArticles(categoryPath: string): ArticleSummary[] {
  return inCategory(getPublishedArticles(), categoryPath);
}

export function getTagArticles(tag: string): ArticleSummary[] {
  return withTag(getPublishedArticles(), tag);
}

export function getAllTags(): { tag: string; count: number }[] {
  return tagCounts(getPublishedArticles());
}

export function getLatest(limit: number = siteConfig.listSize, excludeSlug?: string): ArticleSummary[] {
  const latest: ArticleSummary[] = [];
  for (const article of getPublishedArticles()) {
    if (latest.length >= limit) break;
    if (article.slug !== excludeSlug) latest.push(article);
  }
  return latest;
}

export function getHeadlines(limit = 3): ArticleSummary[] {
  return headlines(getPublishedArticles(), limit);
}

export function getRelated(article: ArticleSummary): ArticleSummary[] {
  const list = getPublishedArticles();
  if (PREVIEW) return relatedArticles(article, list, siteConfig.relatedSize);
  const published = load().published as NonNullable<Loaded['published']>;
  published.related ??= relatedIndex(list);
  return relatedArticles(article, list, siteConfig.relatedSize, published.related);
}

export function getCategoryNames(): Record<string, string> {
  return Object.fromEntries(contentIndex().categories.map((category) => [category.path, category.name]));
}

/** The channel bar: 首页, the top-level channels with their sub-channels, 热门. */
export function getNavigation(): NavItem[] {
  return [
    { label: '首页', href: '/' },
    ...getTopCategories().map((category) => {
      const children = getChildCategories(category.path).map((child) => ({
        label: child.name,
        href: categoryUrl(child.path),
      }));
      return {
        label: category.name,
        href: categoryUrl(category.path),
        ...(children.length > 0 ? { children } : {}),
      };
    }),
    { label: '热门', href: '/hot' },
  ];
}

/** The channel an article or category belongs to, as its link in the channel bar. */
export function channelHref(categoryPath: string): string {
  return categoryUrl(categoryPath.split('/')[0] ?? categoryPath);
}

/**
 * 上一篇 (older) and 下一篇 (newer) within the article's channel, in the order of the channel's
 * list page.
 */
export function getNeighbours(article: ArticleSummary): {
  previous?: ArticleSummary;
  next?: ArticleSummary;
} {
  const list = getCategoryArticles(article.category.split('/')[0] ?? article.category);
  const index = list.findIndex((candidate) => candidate.slug === article.slug);
  if (index === -1) return {};
  const previous = list[index + 1];
  const next = index > 0 ? list[index - 1] : undefined;
  return { ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
}

/** 关于我们, 联系我们, 版权声明 …, in footer order. */
export function getSitePages(): SitePage[] {
  return contentIndex().pages ?? [];
}

export async function getSitePage(slug: string): Promise<(SitePage & { html: string }) | undefined> {
  const page = getSitePages().find((candidate) => candidate.slug === slug);
  if (!page) return undefined;
  return { ...page, html: await readFile(path.join(PAGE_BODY_DIR, `${page.slug}.html`), 'utf8') };
}
