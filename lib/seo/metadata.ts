// Pure: Next.js Metadata for every kind of page, from the one site config.
import type { Metadata } from 'next';
import type { ArticleSummary } from '@/lib/content/types';
import { languageAlternates } from '@/lib/edition/edition';
import { toShanghaiIso } from '@/lib/format/date';

export type SiteSeo = { name: string; url: string; defaultImage: string; locale: string };

/** OpenGraph writes the language tag with an underscore: zh_CN. */
const ogLocale = (site: SiteSeo) => site.locale.replace('-', '_');

type Feed = { title: string; path: string };

/** The site feed on every page, plus the page's own (a category's) where it has one. */
function feedLinks(site: SiteSeo, own?: Feed) {
  const feeds = [{ title: `${site.name} RSS`, path: '/feed.xml' }, ...(own ? [own] : [])];
  return {
    'application/rss+xml': feeds.map((feed) => ({
      url: new URL(feed.path, site.url).toString(),
      title: feed.title,
    })),
  };
}

/** The defaults every page starts from (app/layout.tsx). */
export function rootMetadata(site: SiteSeo & { slogan: string; description: string }): Metadata {
  return {
    metadataBase: new URL(site.url),
    title: { default: `${site.name} - ${site.slogan}`, template: `%s - ${site.name}` },
    description: site.description,
    // index, follow is the default; saying it here would contradict noindex pages after hydration.
    robots: { 'max-image-preview': 'large' },
    alternates: { types: feedLinks(site) },
    openGraph: { locale: ogLocale(site), siteName: site.name, type: 'website' },
  };
}

type PageInput = {
  title: string;
  description: string;
  /** Site-relative canonical path of this very page (page 2 is canonical to itself). */
  path: string;
  noindex?: boolean;
  feed?: Feed;
  /** Use the title as it is, without the " - 站名" template (the home page). */
  absoluteTitle?: boolean;
};

export function pageMetadata(site: SiteSeo, page: PageInput): Metadata {
  const url = new URL(page.path, site.url).toString();
  return {
    title: page.absoluteTitle ? { absolute: page.title } : page.title,
    description: page.description,
    alternates: {
      canonical: url,
      // The page in 简体 and 繁體 (docs/adr/021); a page kept out of the index names neither.
      ...(page.noindex ? {} : { languages: languageAlternates(page.path, site.url) }),
      types: feedLinks(site, page.feed),
    },
    openGraph: {
      type: 'website',
      locale: ogLocale(site),
      siteName: site.name,
      url,
      title: page.title,
      description: page.description,
      images: [{ url: site.defaultImage, width: 1200, height: 630, alt: site.name }],
    },
    // Twitter falls back to og:title and og:description; saying them again costs every page.
    twitter: {
      card: 'summary_large_image',
      images: [{ url: site.defaultImage, alt: site.name }],
    },
    ...(page.noindex ? { robots: { index: false, follow: true } } : {}),
  };
}

export function articleMetadata(
  site: SiteSeo,
  article: ArticleSummary,
  options: { section: string; image: string; imageSize?: { width: number; height: number } },
): Metadata {
  const url = new URL(article.url, site.url).toString();
  return {
    title: article.title,
    description: article.excerpt,
    keywords: article.tags,
    alternates: {
      canonical: url,
      languages: languageAlternates(article.url, site.url),
      types: feedLinks(site),
    },
    openGraph: {
      type: 'article',
      locale: ogLocale(site),
      siteName: site.name,
      url,
      title: article.title,
      description: article.excerpt,
      publishedTime: toShanghaiIso(article.date),
      modifiedTime: article.lastModified,
      section: options.section,
      tags: article.tags,
      authors: article.authors,
      images: [{ url: options.image, ...(options.imageSize ?? {}), alt: article.title }],
    },
    twitter: {
      card: 'summary_large_image',
      images: [{ url: options.image, alt: article.title }],
    },
  };
}

/**
 * A draft's preview (app/preview): its title, kept out of indexes and archives, and no referrer
 * sent from it (its URL holds the token). No canonical, description or share card: none of them
 * may point a crawler or a share sheet at an unpublished article.
 */
export function previewMetadata(title: string): Metadata {
  return {
    title,
    robots: { index: false, follow: false, nocache: true },
    referrer: 'no-referrer',
  };
}
