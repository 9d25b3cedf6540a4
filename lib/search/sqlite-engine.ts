import 'server-only';
// The search engine: the content version's on-disk index (lib/search/search-db.ts), opened
// read-only. Every instance on a machine reads the same files, so the operating system's page
// cache holds them once; a process keeps only what ranking touches per document (lengths, title
// signatures) and reads posting lists, titles, slugs and texts per query
// (docs/adr/014-search-index-on-disk.md).
import { getArticleSummary, getContentState, publicationMoment } from '@/lib/content/repository';
import { SEARCH_SEGMENTS_DIR, versionFiles } from '@/lib/content/paths';
import type { SearchEngine } from './engine';
import { excerptSegments } from './highlight';
import { parseQuery, rankPage } from './postings';
import { openSearchVersion, type SearchFile, type SegmentPool } from './sqlite-source';

type Open = SearchFile & { version: string };

// On globalThis, like the content index: instrumentation.ts opens it at start from its own
// bundle, and the search route must find that same handle.
const slot = globalThis as typeof globalThis & { [key: symbol]: Open | undefined };
const KEY = Symbol.for('news.search-index');
const POOL = Symbol.for('news.search-segments');
const pools = globalThis as typeof globalThis & { [POOL]?: SegmentPool };

/**
 * The index of the content version this process serves; reopened when the version changes. The
 * segments the new version shares with the old one stay open; the others are closed.
 */
function index(): Open {
  const { version } = getContentState();
  const open = slot[KEY];
  if (open?.version === version) return open;
  const pool = (pools[POOL] ??= new Map());
  const fresh = {
    ...openSearchVersion(versionFiles(version).search, SEARCH_SEGMENTS_DIR, pool),
    version,
  };
  slot[KEY] = fresh;
  // Queries run synchronously, so none is using the old version's segments now.
  const kept = new Set(fresh.segments);
  for (const [file, segment] of pool) {
    if (kept.has(file)) continue;
    segment.close();
    pool.delete(file);
  }
  return fresh;
}

const VISIBLE = Symbol.for('news.search-visible');
const flags = globalThis as typeof globalThis & {
  [VISIBLE]?: { key: string; open: Open; visible: Uint32Array };
};

/**
 * Marks the documents readers may find (a bit each), once per state of publication: it changes
 * when another version is served or a scheduled article falls due. The index holds each
 * document's date and draft flag, so this is one query of the file, not a list held in memory.
 */
function visibility(open: Open): Uint32Array {
  const { key, at, all } = publicationMoment();
  const known = flags[VISIBLE];
  if (known?.open === open && known.key === key) return known.visible;
  const visible = open.visibleAt(at, all);
  flags[VISIBLE] = { key, open, visible };
  return visible;
}

/** Opens the index and loads the segmenter's dictionary ahead of the first query. */
export function warmSearchIndex(): void {
  index();
  parseQuery('民族團結');
}

export const sqliteSearch: SearchEngine = {
  async search(query, requestedPage, pageSize) {
    const open = index();
    // Publication is checked per query, so drafts never leak and a scheduled article is
    // searchable the moment it is due.
    open.setVisible(visibility(open));
    const ranked = rankPage(open.source, query, requestedPage, pageSize);
    const { query: normalized, words } = parseQuery(query);
    const needles = [normalized.replace(/\s+/g, ''), ...words];
    const results = ranked.docs.flatMap((doc) => {
      const article = getArticleSummary(open.source.slug(doc));
      return article ? [{ article, excerpt: excerptSegments(open.text(doc), needles) }] : [];
    });
    return { total: ranked.total, page: ranked.page, totalPages: ranked.totalPages, results };
  },
};
