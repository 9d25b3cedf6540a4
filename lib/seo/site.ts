// The site's identity for metadata and structured data, from the one site config.
import { absoluteUrl, siteConfig } from '@/config/site';
import type { SiteInfo } from './json-ld';
import type { SiteSeo } from './metadata';

export const siteSeo: SiteSeo & SiteInfo = {
  name: siteConfig.name,
  url: siteConfig.url,
  slogan: siteConfig.slogan,
  description: siteConfig.description,
  logo: absoluteUrl(siteConfig.logo),
  defaultImage: absoluteUrl(siteConfig.defaultImage),
  locale: siteConfig.locale,
};
