// Pure: schema.org structured data, serialised so that no title can break out of <script>.
import type { ArticleSummary } from '@/lib/content/types';
import { toShanghaiIso } from '@/lib/format/date';

export type JsonLd = Record<string, unknown>;

const UNSAFE = /[<>&\u2028\u2029]/g;
const ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** JSON for an inline <script type="application/ld+json">: still valid JSON, never markup. */
export function serializeJsonLd(data: JsonLd | JsonLd[]): string {
  return JSON.stringify(data).replace(UNSAFE, (char) => ESCAPES[char] ?? char);
}

export type SiteInfo = {
  name: string;
  url: string;
  logo: string;
  description: string;
  slogan: string;
  locale: string;
};

export function organizationJsonLd(site: SiteInfo): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsMediaOrganization',
    name: site.name,
    url: `${site.url}/`,
    logo: { '@type': 'ImageObject', url: site.logo },
  };
}

export function websiteJsonLd(site: SiteInfo): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: site.name,
    alternateName: site.slogan,
    description: site.description,
    url: `${site.url}/`,
    inLanguage: site.locale,
    publisher: { '@type': 'Organization', name: site.name },
  };
}

export function newsArticleJsonLd(
  article: ArticleSummary,
  options: { site: SiteInfo; section: string; image: string },
): JsonLd {
  const { site } = options;
  const url = new URL(article.url, site.url).toString();
  const publisher = {
    '@type': 'Organization',
    name: site.name,
    url: `${site.url}/`,
    logo: { '@type': 'ImageObject', url: site.logo },
  };
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.excerpt,
    datePublished: toShanghaiIso(article.date),
    dateModified: article.lastModified,
    author:
      article.authors.length > 0
        ? article.authors.map((name) => ({ '@type': 'Person', name }))
        : [{ '@type': 'Organization', name: article.source }],
    publisher,
    image: [options.image],
    articleSection: options.section,
    keywords: article.tags.join(','),
    inLanguage: site.locale,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    isAccessibleForFree: true,
  };
}

export function breadcrumbJsonLd(
  crumbs: { label: string; href: string }[],
  siteUrl: string,
): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.label,
      item: new URL(crumb.href, siteUrl).toString(),
    })),
  };
}
