// Pure: Next.js Metadata for every kind of page, from the one site config.
import type { Metadata } from 'next';
import type { ArticleSummary } from '@/lib/content/types';
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
    applicationName: site.name,
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
    alternates: { canonical: url, types: feedLinks(site, page.feed) },
    openGraph: {
      type: 'website',
      locale: ogLocale(site),
      siteName: site.name,
      url,
      title: page.title,
      description: page.description,
      images: [{ url: site.defaultImage, width: 1200, height: 630, alt: site.name }],
    },
    twitter: {
      card: 'summary_large_image',
      title: page.title,
      description: page.description,
      images: [{ url: site.defaultImage, alt: site.name }],
    },
    ...(page.noindex ? { robots: { index: false, follow: true } } : {}),
  };
}

export function articleMetadata(
  site: SiteSeo,
  article: ArticleSummary,
  options: { section: string; image: string },
): Metadata {
  const url = new URL(article.url, site.url).toString();
  return {
    title: article.title,
    description: article.excerpt,
    keywords: article.tags,
    authors: (article.authors.length > 0 ? article.authors : [article.source]).map((name) => ({
      name,
    })),
    alternates: { canonical: url, types: feedLinks(site) },
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
      images: [{ url: options.image, width: 1200, height: 630, alt: article.title }],
    },
    twitter: {
      card: 'summary_large_image',
      title: article.title,
      description: article.excerpt,
      images: [{ url: options.image, alt: article.title }],
    },
  };
}
