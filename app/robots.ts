import type { MetadataRoute } from 'next';
import { robotsSitemapUrls } from '@/lib/seo/sitemaps';

// Regenerated like the sitemap index, so the news sitemap leaves robots.txt when it empties.
export const revalidate = 300;

export default function robots(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: '*', allow: '/', disallow: ['/api/'] }],
    sitemap: robotsSitemapUrls(),
  };
}
