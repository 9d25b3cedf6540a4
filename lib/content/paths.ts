// Pure: where the content build leaves its output for the server. Kept apart from the index
// writer so that the server bundle never pulls in build-time code (Markdown, git, search
// indexing). The ignore comments stop Turbopack from tracing every generated file as a
// dependency of the server.
import path from 'node:path';

export const CONTENT_INDEX_DIR = path.join(
  /* turbopackIgnore: true */ process.cwd(),
  '.contentlayer',
  'app',
);
export const CONTENT_INDEX_FILE = path.join(CONTENT_INDEX_DIR, 'index.json');
export const BODY_DIR = path.join(CONTENT_INDEX_DIR, 'bodies');
export const SEARCH_INDEX_FILE = path.join(CONTENT_INDEX_DIR, 'search.json');
/** The site documents' bodies (关于我们 …), one HTML file per page. */
export const PAGE_BODY_DIR = path.join(CONTENT_INDEX_DIR, 'pages');
