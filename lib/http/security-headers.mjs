// @ts-check
// The security headers every response carries, for next.config.mjs's headers(). Pages get their
// Content-Security-Policy where their HTML is known (lib/cache/handler.mjs for cached pages,
// proxy.ts for /search); the routes below hold no document and get a policy that allows nothing.
import { DOCUMENT_FREE_CSP } from './csp.mjs';

/** Every route that answers with something other than an HTML page. */
export const NON_DOCUMENT_ROUTES = [
  '/api/:path*',
  '/og/:path*',
  '/feed.xml',
  '/feeds/:path*',
  '/category/:path*/feed.xml',
  '/sitemap.xml',
  '/sitemaps/:path*',
  '/news-sitemap.xml',
  '/robots.txt',
  '/articles/:slug/qr.svg',
  '/articles/:slug/weibo',
];

/**
 * @param {{ https: boolean }} site
 * @returns {{ source: string; headers: { key: string; value: string }[] }[]}
 */
export function securityHeaders({ https }) {
  const everywhere = [
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    // The older header, for browsers that ignore CSP's frame-ancestors.
    { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
    {
      key: 'Permissions-Policy',
      value:
        'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()',
    },
    // Only over https: a browser told this on http would lock readers out of the site.
    ...(https
      ? [{ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }]
      : []),
  ];
  return [
    { source: '/:path*', headers: everywhere },
    ...NON_DOCUMENT_ROUTES.map((source) => ({
      source,
      headers: [{ key: 'Content-Security-Policy', value: DOCUMENT_FREE_CSP }],
    })),
  ];
}
