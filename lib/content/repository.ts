import 'server-only';
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { siteConfig, type NavItem } from '@/config/site';
import { now } from '@/lib/clock';
import { relatedArticles, relatedIndex, type RelatedIndex } from './related';
import { CURRENT_FILE, bodyFile, versionFiles, type CurrentVersion } from './paths';
import { categoryUrl } from './rules';
import {
  byNewest,
  categoryTrail,
  firstPublishedIndex,
  isPublished,
  childCategories,
  headlines,
  listIndex,
  recentNotices,
  sortCategories,
  topLevelCategories,
  type ListIndex,
} from './queries';
import type {
  ArticleDetail,
  ArticleSummary,
  CategoryInfo,
  ContentIndex,
  Crumb,
  SitePage,
} from './types';

type Published = {
  from: number;
  list: ArticleSummary[];
  related?: RelatedIndex;
  lists?: ListIndex;
};

/** One content version as this process holds it. */
export type ContentState = {
  version: string;
  publishedAt: string;
  /** current.json's identity when this version was read (inode, time, size). */
  stamp: string;
  index: ContentIndex;
  /** Every non-draft article, newest first; the published ones are a suffix of it. */
  candidates: ArticleSummary[];
  bySlug: Map<string, ArticleSummary>;
  categories: Map<string, CategoryInfo>;
  published?: Published;
  /** Every article, drafts included, by slug: built on the first signed preview request. */
  all?: Map<string, ArticleSummary>;
};
// On globalThis, not in a module variable: the proxy and every route bundle of the same process
// share one parsed index instead of each holding its own copy.
const slot = globalThis as typeof globalThis & { [key: symbol]: ContentState | undefined };
const KEY = Symbol.for('news.content-index');

const missing = () =>
  new Error(`Content index missing at ${CURRENT_FILE}. Run "npm run content" first.`);

function stampOf(): string {
  try {
    const stat = statSync(CURRENT_FILE);
    return `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  } catch {
    throw missing();
  }
}

function stateOf(current: CurrentVersion, stamp: string, index: ContentIndex): ContentState {
  const candidates = index.articles.filter((article) => !article.draft).sort(byNewest);
  return {
    ...current,
    stamp,
    index,
    candidates,
    bySlug: new Map(candidates.map((article) => [article.slug, article])),
    categories: new Map(index.categories.map((category) => [category.path, category])),
  };
}

function readCurrent(): CurrentVersion {
  try {
    return JSON.parse(readFileSync(CURRENT_FILE, 'utf8')) as CurrentVersion;
  } catch {
    throw missing();
  }
}

// Loaded once per server process and then replaced when a new version is published
// (lib/content/reload.ts watches for it); in development it is checked on every call, so a saved
// Markdown file shows up without a restart.
function load(): ContentState {
  const loaded = slot[KEY];
  if (loaded && process.env.NODE_ENV === 'production') return loaded;
  const stamp = stampOf();
  if (loaded?.stamp === stamp) return loaded;
  const current = readCurrent();
  if (loaded?.version === current.version) {
    loaded.stamp = stamp;
    return loaded;
  }
  const index = JSON.parse(readFileSync(versionFiles(current.version).index, 'utf8')) as ContentIndex;
  const state = stateOf(current, stamp, index);
  slot[KEY] = state;
  return state;
}

/** The content version this process serves. */
export function getContentState(): ContentState {
  return load();
}

/**
 * Reads the live version again when current.json has changed, without blocking requests on the
 * file read (parsing the index still takes the event loop for a moment: about a second at
 * 100,000 articles). Returns the versions before and after a switch, or undefined.
 */
export async function reloadContent(): Promise<{ before: ContentState; after: ContentState } | undefined> {
  const before = slot[KEY];
  if (!before) {
    load();
    return undefined;
  }
  const stamp = stampOf();
  if (before.stamp === stamp) return undefined;
  const current = JSON.parse(await readFile(CURRENT_FILE, 'utf8')) as CurrentVersion;
  if (current.version === before.version) {
    before.stamp = stamp;
    return undefined;
  }
  const text = await readFile(versionFiles(current.version).index, 'utf8');
  // Another reload may have finished while this one read.
  if (slot[KEY] !== before) return undefined;
  const after = stateOf(current, stamp, JSON.parse(text) as ContentIndex);
  // Lists are ready before the first request sees the new version.
  warm(after);
  slot[KEY] = after;
  return { before, after };
}

function warm(state: ContentState): void {
  const from = firstPublishedIndex(state.candidates, now());
  const list = state.candidates.slice(from);
  state.published = { from, list, lists: listIndex(list), related: relatedIndex(list) };
}

/** Loads the live version and builds its lists ahead of the first request. */
export function warmContent(): void {
  warm(load());
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

function published(): Published {
  const state = load();
  const from = firstPublishedIndex(state.candidates, now());
  if (state.published?.from !== from) {
    state.published = { from, list: state.candidates.slice(from) };
  }
  return state.published;
}

/**
 * Published articles, newest first, as of the server clock. The same array until an article
 * falls due or another content version is loaded: values derived from it can be kept per array
 * (lib/cache/per-publication.ts).
 */
export function getPublishedArticles(): ArticleSummary[] {
  if (PREVIEW) return previewList();
  return published().list;
}

// Category and tag lists are built once per published list, so a list page or the proxy's check
// of a deep page number costs a map lookup and a slice, not a pass over the archive.
function lists(): ListIndex {
  if (PREVIEW) return listIndex(previewList());
  const state = published();
  state.lists ??= listIndex(state.list);
  return state.lists;
}

export function getArticleSummary(slug: string): ArticleSummary | undefined {
  if (PREVIEW) return previewList().find((article) => article.slug === slug);
  const article = load().bySlug.get(slug);
  return article && isPublished(article, now()) ? article : undefined;
}

export async function getArticle(slug: string): Promise<ArticleDetail | undefined> {
  const summary = getArticleSummary(slug);
  if (!summary) return undefined;
  const html = await readFile(bodyFile(summary.body), 'utf8');
  return { ...summary, html };
}

/**
 * Any article of the live version, draft and scheduled ones too, marked as such: for a signed
 * preview link only (lib/preview/links.ts), never for a list. Every machine holds the same drafts:
 * they are part of the content version (docs/adr/022-draft-preview-links.md).
 */
export function getPreviewSummary(slug: string): ArticleSummary | undefined {
  const state = load();
  state.all ??= new Map(state.index.articles.map((article) => [article.slug, article]));
  const article = state.all.get(slug);
  if (!article) return undefined;
  if (article.draft) return { ...article, status: 'draft' };
  if (Date.parse(article.date) > now().getTime()) return { ...article, status: 'scheduled' };
  return article;
}

export async function getPreviewArticle(slug: string): Promise<ArticleDetail | undefined> {
  const summary = getPreviewSummary(slug);
  if (!summary) return undefined;
  return { ...summary, html: await readFile(bodyFile(summary.body), 'utf8') };
}

export function getCategories(): CategoryInfo[] {
  return sortCategories(contentIndex().categories);
}

export function getTopCategories(): CategoryInfo[] {
  return topLevelCategories(contentIndex().categories);
}

export function getCategory(categoryPath: string): CategoryInfo | undefined {
  return load().categories.get(categoryPath);
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

/** A category's published articles with its subcategories', newest first. */
export function getCategoryArticles(categoryPath: string): ArticleSummary[] {
  return lists().byCategory.get(categoryPath) ?? [];
}

export function getTagArticles(tag: string): ArticleSummary[] {
  return lists().byTag.get(tag) ?? [];
}

export function getAllTags(): { tag: string; count: number }[] {
  return lists().tags;
}

export function getLatest(limit: number = siteConfig.listSize, excludeSlug?: string): ArticleSummary[] {
  const latest: ArticleSummary[] = [];
  for (const article of getPublishedArticles()) {
    if (latest.length >= limit) break;
    if (article.slug !== excludeSlug && !article.notice) latest.push(article);
  }
  return latest;
}

/** 公告: the site notices of the last weeks, newest first (siteConfig.notices). */
export function getNotices(): ArticleSummary[] {
  return recentNotices(getPublishedArticles(), now(), siteConfig.notices);
}

export function getHeadlines(limit = 3): ArticleSummary[] {
  return headlines(getPublishedArticles(), limit);
}

/** Each published article's place in getPublishedArticles(), by slug. */
export function getPublishedPositions(): ReadonlyMap<string, number> {
  if (PREVIEW) return relatedIndex(previewList()).bySlug;
  const state = published();
  state.related ??= relatedIndex(state.list);
  return state.related.bySlug;
}

export function getRelated(article: ArticleSummary): ArticleSummary[] {
  if (PREVIEW) return relatedArticles(article, previewList(), siteConfig.relatedSize);
  const state = published();
  state.related ??= relatedIndex(state.list);
  return relatedArticles(article, state.list, siteConfig.relatedSize, state.related);
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
  return { ...page, html: await readFile(bodyFile(page.body), 'utf8') };
}
