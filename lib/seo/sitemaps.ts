import 'server-only';
import { createHash } from 'node:crypto';
import { SitemapBuilder, type ISitemapField } from 'next-sitemap';
import { absoluteUrl, siteConfig } from '@/config/site';
import { perPublication } from '@/lib/cache/per-publication';
import { now } from '@/lib/clock';
import { toShanghaiIso } from '@/lib/format/date';
import {
  articleLinksUp,
  getAllTags,
  getCategories,
  getListLastModified,
  getPublishedCount,
  getPublishedRangeStamp,
  getPublishedSince,
} from '@/lib/content/repository';
import { NEWS_WINDOW_MS } from './news-sitemap';
import {
  articleUrlsXml,
  listEntries,
  sitemapFilePaths,
  withEditions,
  type SitemapEntry,
} from './sitemap-entries';

// The general sitemap: every published article oldest first, each in both editions, then the
// home page, categories and tags, split into files of at most SITEMAP_SIZE URLs (50,000 by the
// protocol). Counted from the oldest, a file keeps its articles while newer ones are published:
// a publish changes the last file or two (and a correction the file of the article it
// corrects), so every other file keeps its bytes, which lib/seo/sitemap-files.ts keeps on disk
// by their stamp. A file reads only its own articles from the catalog, a batch at a time.

/** The entries after the articles, kept per state of publication. */
function listEntriesOf(): SitemapEntry[] {
  return perPublication('sitemap-head', () =>
    listEntries(
      getListLastModified(),
      getCategories(),
      getAllTags().map(({ tag }) => tag),
      siteConfig.url,
    ),
  );
}

/** Entries before editions: one per published article, then the list entries. */
function entryCount(): number {
  return getPublishedCount() + listEntriesOf().length;
}

export function sitemapChunkCount(): number {
  return Math.max(1, Math.ceil((entryCount() * 2) / siteConfig.sitemapSize));
}

/** Articles a sitemap file reads and writes at a time. */
const STREAM_BATCH = 1000;

/** One general sitemap file. */
export type SitemapFile = {
  /**
   * Names the file's bytes: two states with the same stamp write the same file. Undefined in a
   * preview (drafts shown), whose files are written per request.
   */
  stamp: string | undefined;
  /** The newest lastmod in it (the sitemap index gives it, so crawlers skip what is unchanged). */
  lastModified?: string;
  /** The XML, a piece at a time: a 50,000-URL file never sits in memory whole. */
  pieces: () => Generator<string, void, undefined>;
};

const listLastModifiedMs = (entry: SitemapEntry) => (entry.lastmod ? Date.parse(entry.lastmod) : 0);

/** The general sitemap file `index`; undefined past the last. */
export function sitemapFile(index: number): SitemapFile | undefined {
  if (!Number.isInteger(index) || index < 0 || index >= sitemapChunkCount()) return undefined;
  const size = siteConfig.sitemapSize;
  // The file's URLs [start, end); each entry is two (withEditions), so it holds the entries
  // [first, last), less the first URL when it starts on an entry's second.
  const start = index * size;
  const end = Math.min(start + size, entryCount() * 2);
  const first = Math.floor(start / 2);
  const last = Math.ceil(end / 2);
  const published = getPublishedCount();
  const articles = Math.max(0, Math.min(last, published) - first);
  const lists = listEntriesOf().slice(
    Math.max(0, first - published),
    Math.max(0, last - published),
  );
  const named = perPublication(`sitemap-stamp:${index}`, () => {
    const range = articles > 0 ? getPublishedRangeStamp(first, articles) : undefined;
    if (articles > 0 && !range) return undefined;
    const newest = Math.max(range?.lastModifiedMs ?? 0, ...lists.map(listLastModifiedMs));
    return {
      // Everything the bytes follow from but the code (lib/seo/sitemap-files.ts adds the
      // build): the origin, the split, the articles' rows and the list entries.
      stamp: createHash('sha256')
        .update(JSON.stringify([siteConfig.url, size, start, end, range?.stamp ?? '', lists]))
        .digest('hex')
        .slice(0, 32),
      ...(newest > 0 ? { lastModified: toShanghaiIso(new Date(newest)) } : {}),
    };
  });
  // Read now, in the state the stamp was worked out in, whenever the file is written.
  const links = articleLinksUp(first, articles, STREAM_BATCH);
  const builder = new SitemapBuilder();
  const empty = builder.buildSitemapXml([]);
  const close = '</urlset>';
  const open = empty.slice(0, empty.length - close.length);
  return {
    stamp: named?.stamp,
    ...(named?.lastModified ? { lastModified: named.lastModified } : {}),
    pieces: function* () {
      yield open;
      let skip = start - first * 2;
      let left = end - start;
      const take = (urls: string[]) => {
        const kept = urls.slice(skip, skip + left);
        skip = 0;
        left -= kept.length;
        return kept.join('');
      };
      // The articles' <url> elements (nearly all of a file) written directly, the list entries
      // through next-sitemap's builder: the same bytes (sitemap-entries.test.ts).
      for (const batch of links()) yield take(articleUrlsXml(batch, siteConfig.url));
      if (lists.length > 0)
        yield take(
          withEditions(lists, siteConfig.url).map((url) => {
            const xml = builder.buildSitemapXml([url as ISitemapField]);
            return xml.slice(open.length, xml.length - close.length);
          }),
        );
      yield close;
    },
  };
}

/**
 * The sitemap index as XML: every file with the newest lastmod in it. Counted from the oldest,
 * the older files keep theirs across publishes, so a crawler fetches again only what changed.
 * Written directly: next-sitemap's builder writes no lastmod in an index.
 */
export function sitemapIndexXml(): string {
  const entries = sitemapFilePaths(sitemapChunkCount(), hasNews()).map((path) => {
    const file = /^\/sitemaps\/(\d+)\.xml$/.exec(path);
    const lastmod = file ? sitemapFile(Number(file[1]))?.lastModified : undefined;
    return `<sitemap><loc>${absoluteUrl(path)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</sitemap>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries,
    '</sitemapindex>',
  ].join('\n');
}

function hasNews(): boolean {
  return getPublishedSince(now().getTime() - NEWS_WINDOW_MS, 1).length > 0;
}

/** robots.txt: everything but the API, the index, and the news sitemap while it has articles. */
export function robotsTxt(): string {
  const sitemaps = [
    absoluteUrl('/sitemap.xml'),
    ...(hasNews() ? [absoluteUrl('/news-sitemap.xml')] : []),
  ];
  return [
    'User-Agent: *',
    'Allow: /',
    'Disallow: /api/',
    '',
    ...sitemaps.map((url) => `Sitemap: ${url}`),
    '',
  ].join('\n');
}
