// Pure: what a search backend provides. The default reads the content version's index on disk
// (lib/search/sqlite-engine.ts); a Meilisearch, Elasticsearch or Typesense backend with a Chinese
// analyzer would implement the same and be chosen in lib/search/site-search.ts (what it must do
// about publication and content versions: docs/adr/014-search-index-on-disk.md).
import type { ArticleSummary } from '@/lib/content/types';
import type { Segment } from './highlight';

export const QUERY_MAX = 100;
/**
 * Results a query pages through, at most (the total found is still said): a page beyond them
 * would have to put a whole common word's documents in order, a second of work per request.
 * Portals stop sooner (Baidu at 76 pages); a reader who pages this far needs another word.
 */
export const RESULTS_MAX = 1000;

export type SearchResult = { article: ArticleSummary; excerpt: Segment[] };
export type SearchPage = {
  total: number;
  page: number;
  totalPages: number;
  results: SearchResult[];
};

export interface SearchEngine {
  search(query: string, page: number, pageSize: number): Promise<SearchPage>;
}

/** Trims, and cuts a query longer than QUERY_MAX characters (the page says it did). */
export function cleanQuery(raw: string | string[] | undefined): {
  query: string;
  truncated: boolean;
} {
  const text = ((Array.isArray(raw) ? raw[0] : raw) ?? '')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim();
  const chars = Array.from(text);
  return { query: chars.slice(0, QUERY_MAX).join('').trim(), truncated: chars.length > QUERY_MAX };
}
