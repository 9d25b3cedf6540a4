import 'server-only';
// The one place that chooses the site's search engine (the search page asks only this). Another
// backend implements `SearchEngine` (lib/search/engine.ts) and is chosen here; see
// docs/adr/014-search-index-on-disk.md for what a search server would need.
import type { SearchEngine } from './engine';
import { sqliteSearch } from './sqlite-engine';

export const siteSearch: SearchEngine = sqliteSearch;
