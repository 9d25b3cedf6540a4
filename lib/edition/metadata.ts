// Pure: a 简体 page's Next.js Metadata for its 繁體 edition — every text converted, its own URLs
// (canonical, og:url, the site feed) moved to /zh-hant, the hreflang alternates kept as they are
// (they name both editions), and the OpenGraph locale zh_TW.
import type { Metadata } from 'next';
import { hantHref } from './edition';
import { toHant } from './hant';

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:\/\//i;

export function hantMetadata(metadata: Metadata, origin: string): Metadata {
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') {
      if (key === 'locale') return 'zh_TW';
      if (value.startsWith(`${origin}/`)) return `${origin}${hantHref(value.slice(origin.length))}`;
      return ABSOLUTE.test(value) ? value : toHant(value);
    }
    if (Array.isArray(value)) return value.map((item) => walk(item));
    if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, k === 'languages' ? v : walk(v, k)]),
      );
    }
    return value; // URL objects (metadataBase) and anything else, as they are.
  };
  return walk(metadata) as Metadata;
}
