import 'server-only';
import { readFileSync, statSync } from 'node:fs';
import { getArticleSummary, getPublishedSlugs } from '@/lib/content/repository';
import { SEARCH_INDEX_FILE } from '@/lib/content/paths';
import type { SearchEngine } from './engine';
import { excerptSegments } from './highlight';
import { searchIndex, type SearchIndex } from './index';
import { normalizeQuery, queryWords } from './tokenize';

type Loaded = { index: SearchIndex; mtimeMs: number };
// On globalThis, not in a module variable: instrumentation.ts warms the index at server start
// from its own bundle, and the route bundles must find that same copy instead of parsing another.
const slot = globalThis as typeof globalThis & { [key: symbol]: Loaded | undefined };
const KEY = Symbol.for('news.search-index');

// Loaded once per server process (reloaded in development when the content changes).
function index(): SearchIndex {
  const loaded = slot[KEY];
  if (loaded && process.env.NODE_ENV === 'production') return loaded.index;
  const mtimeMs = statSync(SEARCH_INDEX_FILE).mtimeMs;
  if (loaded?.mtimeMs === mtimeMs) return loaded.index;
  const fresh = {
    index: JSON.parse(readFileSync(SEARCH_INDEX_FILE, 'utf8')) as SearchIndex,
    mtimeMs,
  };
  slot[KEY] = fresh;
  return fresh.index;
}

/** Parses the index and loads the segmenter's dictionary ahead of the first query. */
export function warmSearchIndex(): void {
  index();
  queryWords(normalizeQuery('民族團結'));
}

export const localSearch: SearchEngine = {
  async search(query, requestedPage, pageSize) {
    const data = index();
    // Publication is checked per query, so drafts never leak and a scheduled article is
    // searchable the moment it is due.
    const published = getPublishedSlugs();
    const hits = searchIndex(data, query, (slug) => published.has(slug));
    const totalPages = Math.max(1, Math.ceil(hits.length / pageSize));
    const page = Math.min(requestedPage, totalPages);
    const normalized = normalizeQuery(query);
    const needles = [normalized.replace(/\s+/g, ''), ...queryWords(normalized)];
    const results = hits.slice((page - 1) * pageSize, page * pageSize).flatMap((hit) => {
      const article = getArticleSummary(data.slugs[hit.doc] as string);
      return article
        ? [{ article, excerpt: excerptSegments(data.texts[hit.doc] ?? '', needles) }]
        : [];
    });
    return { total: hits.length, page, totalPages, results };
  },
};
