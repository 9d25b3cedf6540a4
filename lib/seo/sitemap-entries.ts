// Pure: every URL search engines should find, with lastmod from the content, never the build.
import { HREFLANG, hantHref, languageAlternates } from '@/lib/edition/edition';
import { articleUrl, categoryUrl, tagUrl } from '@/lib/content/rules';
import { listIndex } from '@/lib/content/queries';
import type { ArticleSummary, CategoryInfo } from '@/lib/content/types';

export type SitemapEntry = {
  loc: string;
  lastmod?: string;
  changefreq?: string;
  priority?: number;
  /** hreflang alternates, written as <xhtml:link> after the entry's own fields. */
  alternateRefs?: { href: string; hreflang: string }[];
};

function newest(articles: ArticleSummary[]): string | undefined {
  let best: string | undefined;
  for (const article of articles) {
    const modified = article.lastModified;
    if (!best || Date.parse(modified) > Date.parse(best)) best = modified;
  }
  return best;
}

export function sitemapEntries(
  publishedNewestFirst: ArticleSummary[],
  categories: CategoryInfo[],
  siteUrl: string,
): SitemapEntry[] {
  const absolute = (path: string) => new URL(path, siteUrl).toString();
  const withLastmod = (
    loc: string,
    articles: ArticleSummary[],
    rest: Omit<SitemapEntry, 'loc'>,
  ) => {
    const lastmod = newest(articles);
    return { loc: absolute(loc), ...(lastmod ? { lastmod } : {}), ...rest };
  };
  // One pass for every list: thousands of tags must not each walk the archive.
  const lists = listIndex(publishedNewestFirst);
  return [
    withLastmod('/', publishedNewestFirst, { changefreq: 'hourly', priority: 1 }),
    ...categories
      .map((category) => ({ category, articles: lists.byCategory.get(category.path) ?? [] }))
      .filter(({ articles }) => articles.length > 0)
      .map(({ category, articles }) =>
        withLastmod(categoryUrl(category.path), articles, { changefreq: 'hourly', priority: 0.7 }),
      ),
    ...lists.tags.map(({ tag }) =>
      withLastmod(tagUrl(tag), lists.byTag.get(tag) ?? [], {
        changefreq: 'daily',
        priority: 0.5,
      }),
    ),
    ...publishedNewestFirst.map((article) => articleEntry(article, siteUrl)),
  ];
}

/**
 * The files the sitemap index and robots.txt list: the general sitemap's chunks, and the news
 * sitemap only while it has entries (an empty one is invalid, see news-sitemap.ts).
 */
export function sitemapFilePaths(chunkCount: number, withNews: boolean): string[] {
  return [
    ...Array.from({ length: chunkCount }, (_, index) => `/sitemaps/${index}.xml`),
    ...(withNews ? ['/news-sitemap.xml'] : []),
  ];
}

/**
 * Each page in both editions (docs/adr/021): the 简体 URL, then the 繁體 one, each naming both
 * and x-default as hreflang alternates, as search engines ask every language version to.
 */
export function withEditions(entries: SitemapEntry[], siteUrl: string): SitemapEntry[] {
  const origin = new URL(siteUrl).origin;
  return entries.flatMap((entry) => {
    const path = entry.loc.slice(origin.length) || '/';
    const alternateRefs = Object.entries(languageAlternates(path, origin)).map(
      ([hreflang, href]) => ({ href, hreflang }),
    );
    const hant = `${origin}${hantHref(path)}`;
    return [
      { ...entry, alternateRefs },
      { ...entry, loc: hant, alternateRefs },
    ];
  });
}

/** An article's sitemap entry (as sitemapEntries writes it). */
export function articleEntry(
  article: Pick<ArticleSummary, 'slug' | 'lastModified'>,
  siteUrl: string,
): SitemapEntry {
  return {
    loc: new URL(articleUrl(article.slug), siteUrl).toString(),
    lastmod: article.lastModified,
    changefreq: 'weekly',
    priority: 0.8,
  };
}

/**
 * The `<url>` elements of these articles, both editions, one string per URL: exactly what
 * next-sitemap's builder writes for `withEditions(links.map(articleEntry))`, written directly.
 * A 50,000-URL sitemap file is 26 MB of XML; through URL objects and the builder's generic
 * field loop it took about 230 ms of CPU, this takes a fraction. Slugs are [a-z0-9-] (the
 * content check refuses others) and lastmod is the pipeline's ISO date, so nothing needs escaping.
 */
export function articleUrlsXml(
  links: readonly Pick<ArticleSummary, 'slug' | 'lastModified'>[],
  siteUrl: string,
): string[] {
  const origin = new URL(siteUrl).origin;
  const urls: string[] = [];
  for (const link of links) {
    const path = articleUrl(link.slug);
    const hans = `${origin}${path}`;
    const hant = `${origin}${hantHref(path)}`;
    // languageAlternates' order: zh-Hans, zh-Hant, x-default.
    const rest =
      `${link.lastModified ? `<lastmod>${link.lastModified}</lastmod>` : ''}` +
      '<changefreq>weekly</changefreq><priority>0.8</priority>' +
      `<xhtml:link rel="alternate" hreflang="${HREFLANG.hans}" href="${hans}"/>` +
      `<xhtml:link rel="alternate" hreflang="${HREFLANG.hant}" href="${hant}"/>` +
      `<xhtml:link rel="alternate" hreflang="x-default" href="${hans}"/></url>\n`;
    urls.push(`<url><loc>${hans}</loc>${rest}`, `<url><loc>${hant}</loc>${rest}`);
  }
  return urls;
}

/**
 * The entries before the articles (as sitemapEntries writes them): the home page, the categories
 * that have articles and every tag, each with the newest lastModified of its articles.
 */
export function listEntries(
  lastModified: {
    all?: string;
    categories: ReadonlyMap<string, string>;
    tags: ReadonlyMap<string, string>;
  },
  categories: CategoryInfo[],
  tags: string[],
  siteUrl: string,
): SitemapEntry[] {
  const absolute = (path: string) => new URL(path, siteUrl).toString();
  const entry = (loc: string, lastmod: string | undefined, rest: Omit<SitemapEntry, 'loc'>) => ({
    loc: absolute(loc),
    ...(lastmod ? { lastmod } : {}),
    ...rest,
  });
  return [
    entry('/', lastModified.all, { changefreq: 'hourly', priority: 1 }),
    ...categories
      .filter((category) => lastModified.categories.has(category.path))
      .map((category) =>
        entry(categoryUrl(category.path), lastModified.categories.get(category.path), {
          changefreq: 'hourly',
          priority: 0.7,
        }),
      ),
    ...tags.map((tag) =>
      entry(tagUrl(tag), lastModified.tags.get(tag), { changefreq: 'daily', priority: 0.5 }),
    ),
  ];
}
