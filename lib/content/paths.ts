// Pure: where the content build leaves its output for the server. Kept apart from the build code
// so that the server bundle never pulls in build-time code (Markdown, git, search indexing). The
// ignore comments stop Turbopack from tracing every generated file as a dependency of the server.
//
// <CONTENT_INDEX_DIR>/current.json           which version is live (replaced by a rename)
// <CONTENT_INDEX_DIR>/catalog.db             every version's articles and lists, rows shared by
//                                             versions (docs/adr/027-on-disk-catalog.md)
// <CONTENT_INDEX_DIR>/versions/<id>/search.json its search index: the segments it names
// <CONTENT_INDEX_DIR>/versions/<id>/complete.json  written last: the version is whole (ADR 013)
// <CONTENT_INDEX_DIR>/search/<name>.db           search index segments, shared by versions
//                                             (docs/adr/014-search-index-on-disk.md)
// <CONTENT_INDEX_DIR>/versions/<id>/in-use.lock  share-locked by every server serving it
// <CONTENT_INDEX_DIR>/bodies/<hh>/<hash>.html   article bodies by content hash, shared by versions
// <CONTENT_INDEX_DIR>/sitemaps/<n>-<name>.xml(.gz) general sitemap files as served, written by the
//                                             server, named by their bytes (lib/seo/sitemap-files.ts)
import path from 'node:path';
import { env } from '../env';

export const CONTENT_INDEX_DIR = path.resolve(
  /* turbopackIgnore: true */ process.cwd(),
  env.contentIndexDir,
);
export const CURRENT_FILE = path.join(CONTENT_INDEX_DIR, 'current.json');
export const CATALOG_FILE = path.join(CONTENT_INDEX_DIR, 'catalog.db');
export const VERSIONS_DIR = path.join(CONTENT_INDEX_DIR, 'versions');
export const BODY_DIR = path.join(CONTENT_INDEX_DIR, 'bodies');
export const SEARCH_SEGMENTS_DIR = path.join(CONTENT_INDEX_DIR, 'search');
export const SITEMAP_FILES_DIR = path.join(CONTENT_INDEX_DIR, 'sitemaps');

/** What current.json says. */
export type CurrentVersion = {
  version: string;
  /** When this machine made it live (ISO 8601). */
  publishedAt: string;
};

/**
 * What complete.json says. A few bytes whatever the archive: its summaries are the catalog's
 * rows, which are written before it.
 */
export type VersionComplete = {
  id: string;
  /** How many articles the version holds (drafts and scheduled ones included). */
  articles: number;
  /** When this machine finished writing it (ISO 8601). */
  writtenAt: string;
};

export function versionFiles(version: string) {
  const dir = path.join(VERSIONS_DIR, version);
  return {
    dir,
    /**
     * Renamed into place after every other part of the version (its catalog rows, its search
     * index): a directory without it is a version still being written, or left half-written by
     * a build that failed, and no server switches to it.
     */
    complete: path.join(dir, 'complete.json'),
    search: path.join(dir, 'search.json'),
    /** flock'ed shared by each server process serving the version: never deleted while held. */
    inUse: path.join(dir, 'in-use.lock'),
  };
}

/** A compiled body, named by the hash of its HTML. */
export function bodyFile(hash: string): string {
  return path.join(BODY_DIR, hash.slice(0, 2), `${hash}.html`);
}
