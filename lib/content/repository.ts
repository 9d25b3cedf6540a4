import 'server-only';
// The content this process serves, read from the on-disk catalog per request
// (lib/content/catalog.ts, docs/adr/027-on-disk-catalog.md). A process holds only its version's
// number, categories and site pages, and small values kept per state of publication (list
// counts, the tag list); never a list of every article.
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cache } from 'react';
import { siteConfig, type NavItem } from '@/config/site';
import { now } from '@/lib/clock';
import {
  articleBySlug,
  catalogVersion,
  changedArticles,
  exactCategorySlice,
  listCount,
  listLastModified,
  listLinksUp,
  listNeighbours,
  listSlice,
  nextDue,
  rangeStamp,
  sharedTagSlice,
  tagCountsOf,
  type ArticleLink,
  type Scope,
} from './catalog';
import { relatedArticles } from './related';
import { CURRENT_FILE, bodyFile, versionFiles, type CurrentVersion } from './paths';
import { categoryUrl } from './rules';
import { byNewest, categoryTrail, childCategories, sortCategories, topLevelCategories } from './queries';
import type { Page } from '@/lib/pagination';
import type { ArticleDetail, ArticleSummary, CategoryInfo, Crumb, SitePage } from './types';

/** One content version as this process holds it: its number and its small parts. */
export type ContentState = {
  version: string;
  publishedAt: string;
  /** current.json's identity when this version was read (inode, time, size). */
  stamp: string;
  /** The version's sequence number in the catalog. */
  seq: number;
  categories: CategoryInfo[];
  byPath: Map<string, CategoryInfo>;
  pages: SitePage[];
  /** Values kept until an article falls due (see publication()). */
  publication?: Publication;
  /** Stamps of runs of published articles, kept for the version (getPublishedRangeStamp). */
  rangeStamps?: Map<string, { stamp: string; lastModifiedMs: number }>;
};

type Publication = {
  key: string;
  /** The moment it was worked out: what was due then is published in it. */
  at: number;
  /** When the next scheduled article falls due: the key changes then. */
  until: number;
  values: Map<string, unknown>;
};

// On globalThis, not in a module variable: the proxy and every route bundle of the same process
// share one state.
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

function readCurrent(): CurrentVersion {
  try {
    return JSON.parse(readFileSync(CURRENT_FILE, 'utf8')) as CurrentVersion;
  } catch {
    throw missing();
  }
}

function stateOf(current: CurrentVersion, stamp: string): ContentState {
  // complete.json is the last file a content build writes (ADR 013): without it the version is
  // incomplete (ENOENT), however the catalog stands.
  statSync(versionFiles(current.version).complete);
  const found = catalogVersion(current.version);
  if (!found)
    throw new Error(
      `content version ${current.version} is not in the catalog: run "npm run content" again`,
    );
  return {
    ...current,
    stamp,
    seq: found.seq,
    categories: found.categories,
    byPath: new Map(found.categories.map((category) => [category.path, category])),
    pages: found.pages,
  };
}

// Read once per server process and then replaced when a new version is published
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
  const state = stateOf(current, stamp);
  slot[KEY] = state;
  return state;
}

// One state for the whole of a render: a page awaits between its reads (the view store, the
// hot list), and a switch to another version meanwhile would otherwise give it the article of one
// version and the lists of the next, under the first one's version tag (lib/cache/page-cache.ts).
// React's cache is per request in server components, shared by generateMetadata and the page;
// elsewhere (route handlers, the reload watcher, scripts) it is a plain call: the live state.
const renderState = cache(load);

/** The content version this render reads: the one live when the request first read it. */
export function getContentState(): ContentState {
  return renderState();
}

export type ContentChange = {
  before: ContentState;
  after: ContentState;
  /** The articles that differ between the two, as each version has them. */
  changed: { before: ArticleSummary[]; after: ArticleSummary[] };
};

/**
 * Reads the live version again when current.json has changed: a row of the catalog and a query
 * for what changed, whatever the size of the archive. Returns the versions before and after a
 * switch, or undefined.
 */
export async function reloadContent(): Promise<ContentChange | undefined> {
  const before = slot[KEY];
  if (!before) {
    load();
    return undefined;
  }
  const stamp = stampOf();
  if (before.stamp === stamp) return undefined;
  const current = JSON.parse(readFileSync(CURRENT_FILE, 'utf8')) as CurrentVersion;
  if (current.version === before.version) {
    before.stamp = stamp;
    return undefined;
  }
  const after = stateOf(current, stamp);
  const changed = changedArticles(before.seq, after.seq);
  slot[KEY] = after;
  return { before, after, changed };
}

/** Reads the live version ahead of the first request. */
export function warmContent(): void {
  const state = load();
  publication(state);
}

// `npm run dev` previews drafts and scheduled articles, marked as such; builds never do.
const PREVIEW = process.env.NODE_ENV === 'development';

function scope(state = renderState()): Scope {
  return { seq: state.seq, now: now().getTime(), all: PREVIEW };
}

/**
 * The state of publication: the version and the articles due by now. Its key changes when
 * another version is served or a scheduled article falls due, and values kept with it
 * (perPublication) are dropped then.
 */
function publication(state = renderState()): Publication {
  const at = now().getTime();
  const known = state.publication;
  if (known && at < known.until) return known;
  const due = nextDue(state.seq, at);
  const fresh: Publication = {
    key: `${state.version}:${state.seq}:${at}`,
    at,
    until: PREVIEW ? at + 1000 : (due ?? Number.POSITIVE_INFINITY),
    values: new Map(),
  };
  state.publication = fresh;
  return fresh;
}

/** A value kept until the published articles change (another version, or one falls due). */
export function perPublicationValue<T>(key: string, compute: () => T): T {
  const { values } = publication();
  if (!values.has(key)) {
    const value = compute();
    values.set(key, value);
    // A failure is not remembered: the next request tries again.
    if (value instanceof Promise) value.catch(() => values.delete(key));
  }
  return values.get(key) as T;
}

export function getArticleSummary(slug: string): ArticleSummary | undefined {
  return articleBySlug(slug, scope());
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
  return articleBySlug(slug, { ...scope(), all: true });
}

export async function getPreviewArticle(slug: string): Promise<ArticleDetail | undefined> {
  const summary = getPreviewSummary(slug);
  if (!summary) return undefined;
  return { ...summary, html: await readFile(bodyFile(summary.body), 'utf8') };
}

export function getCategories(): CategoryInfo[] {
  return sortCategories(renderState().categories);
}

export function getTopCategories(): CategoryInfo[] {
  return topLevelCategories(renderState().categories);
}

export function getCategory(categoryPath: string): CategoryInfo | undefined {
  return renderState().byPath.get(categoryPath);
}

export function getCategoryTrail(categoryPath: string): CategoryInfo[] {
  return categoryTrail(renderState().categories, categoryPath);
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
  return childCategories(renderState().categories, categoryPath);
}

/** How many articles a list has now (kept per state of publication: the proxy asks often). */
function countOf(list: string): number {
  return perPublicationValue(`count:${list}`, () => listCount(list, scope()));
}

function pageOf(list: string, page: number, size: number): Page<ArticleSummary> | null {
  const total = countOf(list);
  const totalPages = Math.max(1, Math.ceil(total / size));
  if (!Number.isInteger(page) || page < 1 || page > totalPages) return null;
  return { items: listSlice(list, scope(), (page - 1) * size, size), page, totalPages, total };
}

const categoryList = (path: string) => `c:${path}`;
const tagList = (tag: string) => `t:${tag}`;

/** A page of a category's published articles with its subcategories', newest first. */
export function getCategoryPage(
  categoryPath: string,
  page: number,
  size = siteConfig.pageSize,
): Page<ArticleSummary> | null {
  return pageOf(categoryList(categoryPath), page, size);
}

/** The newest `limit` articles of a category and its subcategories. */
export function getCategoryArticles(categoryPath: string, limit: number): ArticleSummary[] {
  return listSlice(categoryList(categoryPath), scope(), 0, limit);
}

export function getCategoryCount(categoryPath: string): number {
  return countOf(categoryList(categoryPath));
}

/** A page of a tag's published articles, newest first. */
export function getTagPage(tag: string, page: number, size = siteConfig.pageSize): Page<ArticleSummary> | null {
  return pageOf(tagList(tag), page, size);
}

/** Every tag with its number of published articles, most used first. */
export function getAllTags(): { tag: string; count: number }[] {
  return perPublicationValue('tags', () =>
    tagCountsOf(scope()).sort(
      (a, b) => b.count - a.count || a.tag.localeCompare(b.tag, siteConfig.locale),
    ),
  );
}

/** The newest published articles, site notices included, from `offset`. */
export function getNewestArticles(limit: number, offset = 0): ArticleSummary[] {
  return listSlice('', scope(), offset, limit);
}

export type { ArticleLink };

/**
 * The published articles from `position` on, oldest first (position 0 is the oldest), `count`
 * of them, as links (slug and lastModified) `batch` at a time: what a sitemap file needs, read
 * as it is written, each batch going on from the last (docs/adr/027-on-disk-catalog.md). The
 * state of publication is the one live when this is called, however much later the walk runs or
 * how long the client takes to read the file: a file stored under a state's stamp holds that
 * state's articles, even when a switch comes between.
 */
export function articleLinksUp(
  position: number,
  count: number,
  batch: number,
): () => Generator<ArticleLink[], void, undefined> {
  const at = scope();
  return function* () {
    let last: ArticleLink | undefined;
    for (let left = count; left > 0; ) {
      const links = listLinksUp('', at, Math.min(batch, left), last ? { after: last } : { position });
      if (links.length === 0) return;
      yield links;
      left -= links.length;
      last = links.at(-1);
    }
  };
}

/**
 * A stamp of the published articles at [position, position + count) from the oldest: equal in
 * two states only when they list the same articles with the same lastModified there
 * (catalog.ts, rangeStamp); with the newest lastModified among them. Undefined in a preview.
 */
const RANGE_STAMPS_KEPT = 1000;

export function getPublishedRangeStamp(
  position: number,
  count: number,
): { stamp: string; lastModifiedMs: number } | undefined {
  // Kept for the version, not only for the state of publication: the published articles are the
  // oldest, so a run of them counted from the oldest holds the same rows whatever falls due
  // later, and the sitemap index need not read every file's run again each time one does.
  const state = renderState();
  const key = `${position}:${count}`;
  const known = state.rangeStamps?.get(key);
  if (known) return known;
  const found = rangeStamp('', scope(state), position, count);
  if (found) {
    // A few per sitemap file: more only while scheduled articles keep falling due.
    if ((state.rangeStamps?.size ?? 0) >= RANGE_STAMPS_KEPT) state.rangeStamps?.clear();
    (state.rangeStamps ??= new Map()).set(key, found);
  }
  return found;
}

export function getPublishedCount(): number {
  return countOf('');
}

/** Published articles of the last `ms` milliseconds, newest first (the news sitemap). */
export function getPublishedSince(since: number, limit: number): ArticleSummary[] {
  return listSlice('', scope(), 0, limit, since);
}

/**
 * The state of publication for an index that holds every article's date and draft flag (the
 * search index's visibility): its key, the moment it was worked out, and whether everything is
 * shown (a preview).
 */
export function publicationMoment(): { key: string; at: number; all: boolean } {
  const { key, at } = publication();
  return { key, at, all: PREVIEW };
}

/** Per category path and per tag, the newest lastModified of its published articles. */
export function getListLastModified(): { categories: Map<string, string>; tags: Map<string, string>; all?: string } {
  const at = scope();
  const strip = (found: Map<string, string>) =>
    new Map([...found].map(([list, lastmod]) => [list.slice(2), lastmod]));
  return {
    categories: strip(listLastModified('c:', 'c;', at)),
    tags: strip(listLastModified('t:', 't;', at)),
    ...((): { all?: string } => {
      const all = listLastModified('', '\u0001', at).get('');
      return all ? { all } : {};
    })(),
  };
}

export function getLatest(limit: number = siteConfig.listSize, excludeSlug?: string): ArticleSummary[] {
  return listSlice('s', scope(), 0, limit + 1)
    .filter((article) => article.slug !== excludeSlug)
    .slice(0, limit);
}

/** 公告: the site notices of the last weeks, newest first (siteConfig.notices). */
export function getNotices(): ArticleSummary[] {
  const at = now().getTime();
  const { limit, days } = siteConfig.notices;
  return listSlice('n', scope(), 0, limit, at - days * 24 * 3600 * 1000);
}

/** Featured articles newest first; the newest article when none is. Never a notice. */
export function getHeadlines(limit = 3): ArticleSummary[] {
  const featured = listSlice('f', scope(), 0, limit);
  return featured.length > 0 ? featured : listSlice('s', scope(), 0, 1);
}

/** Featured stories, newest first. */
export function getFeatured(limit: number): ArticleSummary[] {
  return listSlice('f', scope(), 0, limit);
}

/** How many articles each tag contributes to 相关阅读's candidates: the newest of each. */
const RELATED_PER_TAG = 200;

/**
 * 相关阅读: the scoring of lib/content/related.ts over a bounded set of candidates read from the
 * catalog: the editors' picks, the newest articles of each of the article's tags, and the
 * newest of its own category.
 */
export function getRelated(article: ArticleSummary): ArticleSummary[] {
  const at = scope();
  const limit = siteConfig.relatedSize;
  const candidates = new Map<string, ArticleSummary>();
  const add = (other: ArticleSummary | undefined) => {
    if (other && !candidates.has(other.slug)) candidates.set(other.slug, other);
  };
  for (const slug of article.related) add(articleBySlug(slug, at));
  // The best by shared tags, with room for site notices and picks that relatedArticles skips.
  for (const other of sharedTagSlice([...new Set(article.tags)], article.slug, at, RELATED_PER_TAG, limit * 3 + 5))
    add(other);
  for (const other of exactCategorySlice(article.category, at, limit + 1)) add(other);
  return relatedArticles(article, [...candidates.values()].sort(byNewest), limit);
}

export function getCategoryNames(): Record<string, string> {
  return Object.fromEntries(renderState().categories.map((category) => [category.path, category.name]));
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
 * list page: two indexed queries.
 */
export function getNeighbours(article: ArticleSummary): {
  previous?: ArticleSummary;
  next?: ArticleSummary;
} {
  // Site notices are in no channel list.
  if (article.notice) return {};
  const channel = article.category.split('/')[0] ?? article.category;
  const { older, newer } = listNeighbours(categoryList(channel), article, scope());
  return { ...(older ? { previous: older } : {}), ...(newer ? { next: newer } : {}) };
}

/** 关于我们, 联系我们, 版权声明 …, in footer order. */
export function getSitePages(): SitePage[] {
  return renderState().pages;
}

export async function getSitePage(slug: string): Promise<(SitePage & { html: string }) | undefined> {
  const page = getSitePages().find((candidate) => candidate.slug === slug);
  if (!page) return undefined;
  return { ...page, html: await readFile(bodyFile(page.body), 'utf8') };
}
