// Run through tsx (see package.json) so that the URL list comes from the same code as the site.
import { readFileSync } from 'node:fs';
import { siteConfig } from './config/site.ts';
import { now } from './lib/clock.ts';
import { CONTENT_INDEX_FILE } from './lib/content/index-writer.ts';
import { publishedNewestFirst } from './lib/content/queries.ts';
import { sitemapEntries } from './lib/seo/sitemap-entries.ts';

const index = JSON.parse(readFileSync(CONTENT_INDEX_FILE, 'utf8'));

/** @type {import('next-sitemap').IConfig} */
const config = {
  siteUrl: siteConfig.url,
  generateRobotsTxt: true,
  generateIndexSitemap: true,
  sitemapSize: Number(process.env.SITEMAP_SIZE || 50000),
  autoLastmod: false,
  // Routes Next discovered are dropped: the content decides what is listed, so drafts,
  // scheduled articles, 404s and paginated pages never appear.
  transform: async () => null,
  additionalPaths: async () =>
    sitemapEntries(publishedNewestFirst(index.articles, now()), index.categories, siteConfig.url),
  robotsTxtOptions: {
    policies: [{ userAgent: '*', allow: '/', disallow: ['/api/'] }],
    additionalSitemaps: [`${siteConfig.url}/news-sitemap.xml`],
  },
};

export default config;
