// Pure: what kind of page or answer a request path asks for, as a short fixed name for metrics
// labels and log lines. A fixed set, whatever the path: a label per URL would grow the metrics
// without bound (every unknown URL a new series).

export const ROUTE_KINDS = [
  'home',
  'article',
  'share',
  'category',
  'tag',
  'tags',
  'hot',
  'search',
  'preview',
  'page',
  'feed',
  'sitemap',
  'card',
  'views',
  'health',
  'static',
  'image',
  'next',
  'other',
] as const;
export type RouteKind = (typeof ROUTE_KINDS)[number];

/** A file in public/ or the build's assets: a name with an extension, outside the routes above. */
const FILE = /\/[^/]+\.[a-z0-9]{1,8}$/i;

/** The kind of `path` (a request target; the query is ignored). */
export function routeKind(target: string): RouteKind {
  const query = target.indexOf('?');
  const path = query === -1 ? target : target.slice(0, query);
  // The 繁體 edition's pages are the same kinds as their 简体 pages.
  if (path === '/zh-hant' || path.startsWith('/zh-hant/')) return routeKind(path.slice(8) || '/');
  if (path === '/') return 'home';
  if (path.startsWith('/articles/'))
    return /^\/articles\/[^/]+\/(qr\.svg|weibo)\/?$/.test(path) ? 'share' : 'article';
  if (path.startsWith('/category/')) return path.endsWith('/feed.xml') ? 'feed' : 'category';
  if (path === '/tags' || path === '/tags/') return 'tags';
  if (path.startsWith('/tags/')) return 'tag';
  if (path === '/hot') return 'hot';
  if (path === '/search') return 'search';
  if (path.startsWith('/preview/')) return 'preview';
  if (path.startsWith('/pages/')) return 'page';
  if (path === '/feed.xml' || path.startsWith('/feeds/')) return 'feed';
  if (
    path === '/sitemap.xml' ||
    path === '/news-sitemap.xml' ||
    path === '/robots.txt' ||
    path.startsWith('/sitemaps/')
  )
    return 'sitemap';
  if (path.startsWith('/og/')) return 'card';
  if (path.startsWith('/api/views/')) return 'views';
  if (path === '/api/health') return 'health';
  if (path.startsWith('/_next/static/')) return 'static';
  if (path === '/_next/image') return 'image';
  if (path.startsWith('/_next/')) return 'next';
  if (FILE.test(path)) return 'static';
  return 'other';
}

/**
 * The path as the request log may keep it: a draft preview's token is a credential
 * (docs/adr/022-draft-preview-links.md), so its link is logged without it.
 */
export function loggedPath(path: string): string {
  return path.replace(/^(\/preview\/[^/]*\/)[^/].*$/, '$1…');
}
