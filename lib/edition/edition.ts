// Pure: the site's two editions, 简体 (the original, at the site's own URLs) and 繁體 (the same
// pages converted on the server, under /zh-hant), and how a URL of one maps to the other
// (docs/adr/021-traditional-chinese-edition.md).

export type Edition = 'hans' | 'hant';

/** The path prefix of the 繁體 edition. */
export const HANT_PREFIX = '/zh-hant';

/** BCP 47 tags: <html lang>, hreflang, JSON-LD inLanguage, the feeds' <language>. */
export const EDITION_LANG: Record<Edition, string> = { hans: 'zh-CN', hant: 'zh-Hant' };
/** hreflang of each edition (the language of the text, whatever the reader's region). */
export const HREFLANG: Record<Edition, string> = { hans: 'zh-Hans', hant: 'zh-Hant' };

// Pages that exist in both editions. Files (pictures, social cards, QR codes, sitemaps) and the
// views API have one URL for both.
const PAGE_PATH =
  /^\/(?:$|hot$|search$|tags$|feed\.xml$|articles\/[^/]+$|category\/|tags\/|pages\/)/;
const ONE_URL = /\/(?:qr\.svg|weibo|feed\.xml)$/;

function split(href: string): [string, string] {
  const at = href.search(/[?#]/);
  return at === -1 ? [href, ''] : [href.slice(0, at), href.slice(at)];
}

/** Whether `path` (site-relative, without query) is a page that has a 繁體 edition. */
export function hasHantEdition(path: string): boolean {
  return PAGE_PATH.test(path) && !(ONE_URL.test(path) && path !== '/feed.xml');
}

/** The 繁體 URL of a site-relative href; anything else (files, other sites, anchors) unchanged. */
export function hantHref(href: string): string {
  if (!href.startsWith('/') || href.startsWith('//')) return href;
  const [path, rest] = split(href);
  if (path === HANT_PREFIX || path.startsWith(`${HANT_PREFIX}/`)) return href;
  if (!hasHantEdition(path)) return href;
  return `${HANT_PREFIX}${path === '/' ? '' : path}${rest}`;
}

/** The 简体 URL of a site-relative href of either edition. */
export function hansHref(href: string): string {
  if (href === HANT_PREFIX || href.startsWith(`${HANT_PREFIX}?`)) return `/${href.slice(8)}`;
  return href.startsWith(`${HANT_PREFIX}/`) ? href.slice(HANT_PREFIX.length) : href;
}

/** The href of `path` (a 简体 site path) in `edition`. */
export function editionHref(path: string, edition: Edition): string {
  return edition === 'hant' ? hantHref(path) : path;
}

/** hreflang alternates of a 简体 page path, as absolute URLs: zh-Hans, zh-Hant and x-default. */
export function languageAlternates(path: string, origin: string): Record<string, string> {
  const hans = new URL(path, origin).toString();
  return {
    [HREFLANG.hans]: hans,
    [HREFLANG.hant]: new URL(hantHref(path), origin).toString(),
    'x-default': hans,
  };
}
