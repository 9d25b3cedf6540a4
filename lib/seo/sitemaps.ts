import 'server-only';
import { SitemapBuilder, type ISitemapField } from 'next-sitemap';
import { absoluteUrl, siteConfig } from '@/config/site';
import { perPublication } from '@/lib/cache/per-publication';
import { now } from '@/lib/clock';
import {
  articleLinks,
  getAllTags,
  getCategories,
  getListLastModified,
  getPublishedCount,
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

// The general sitemap: the home page, categories and tags, then every published article newest
// first, each in both editions, split into files of at most SITEMAP_SIZE URLs (50,000 by the
// protocol). A file reads only its own articles from the catalog, a batch at a time; nothing but the
// list entries (one per category and tag) is kept between requests.

/** The entries before the articles, kept per state of publication. */
function headEntries(): SitemapEntry[] {
  return perPublication('sitemap-head', () =>
    listEntries(
      getListLastModified(),
      getCategories(),
      getAllTags().map(({ tag }) => tag),
      siteConfig.url,
    ),
  );
}

/** Entries before editions: the list entries and then one per published article. */
function entryCount(): number {
  return headEntries().length + getPublishedCount();
}

export function sitemapChunkCount(): number {
  return Math.max(1, Math.ceil((entryCount() * 2) / siteConfig.sitemapSize));
}

/** Articles a sitemap file reads and writes at a time while it streams. */
const STREAM_BATCH = 1000;

/**
 * One general sitemap file as XML, streamed: it reads and writes STREAM_BATCH articles at a time,
 * each batch going on from the last one's final article, so a 50,000-URL file never sits in
 * memory whole and its last batch costs what its first did. Undefined past the last.
 */
export function sitemapStream(index: number): ReadableStream<Uint8Array> | undefined {
  if (!Number.isInteger(index) || index < 0 || index >= sitemapChunkCount()) return undefined;
  const size = siteConfig.sitemapSize;
  // The file's URLs [start, end); each entry is two (withEditions), so it holds the entries
  // [first, last), less the first URL when it starts on an entry's second.
  const start = index * size;
  const end = Math.min(start + size, entryCount() * 2);
  const first = Math.floor(start / 2);
  const last = Math.ceil(end / 2);
  const head = headEntries();
  const articlesFrom = Math.max(0, first - head.length);
  const articles = articleLinks(
    articlesFrom,
    Math.max(0, last - head.length) - articlesFrom,
    STREAM_BATCH,
  );
  const builder = new SitemapBuilder();
  const empty = builder.buildSitemapXml([]);
  const close = '</urlset>';
  const open = empty.slice(0, empty.length - close.length);
  // Each URL's <url> element: the list entries through next-sitemap's builder, the articles
  // (nearly all of a file) written directly, the same bytes (sitemap-entries.test.ts).
  const parts: Iterator<string[]> = (function* () {
    const listed = withEditions(head.slice(first, last), siteConfig.url);
    if (listed.length > 0)
      yield listed.map((url) => {
        const xml = builder.buildSitemapXml([url as ISitemapField]);
        return xml.slice(open.length, xml.length - close.length);
      });
    for (const links of articles) yield articleUrlsXml(links, siteConfig.url);
  })();
  const encoder = new TextEncoder();
  let skip = start - first * 2;
  let left = end - start;
  let opened = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!opened) {
        opened = true;
        controller.enqueue(encoder.encode(open));
        return;
      }
      const next = left > 0 ? parts.next() : undefined;
      if (!next || next.done) {
        controller.enqueue(encoder.encode(close));
        controller.close();
        return;
      }
      const urls = next.value.slice(skip, skip + left);
      skip = 0;
      left -= urls.length;
      controller.enqueue(encoder.encode(urls.join('')));
    },
  });
}

/** The sitemap index as XML. */
export function sitemapIndexXml(): string {
  return new SitemapBuilder().buildSitemapIndexXml(sitemapIndexUrls());
}

function hasNews(): boolean {
  return getPublishedSince(now().getTime() - NEWS_WINDOW_MS, 1).length > 0;
}

/** The sitemap index's entries; the news sitemap only while it has articles. */
export function sitemapIndexUrls(): string[] {
  return sitemapFilePaths(sitemapChunkCount(), hasNews()).map((path) => absoluteUrl(path));
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
