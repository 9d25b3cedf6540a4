// Pure: who is viewing. Bots are not readers; a visitor is an anonymous daily hash.
import { createHash } from 'node:crypto';
import { isbot } from 'isbot';

/**
 * Crawlers, monitors, HTTP libraries and headless browsers (HeadlessChrome, Lighthouse) by the
 * maintained isbot list; an empty or very short User-Agent is no browser either.
 */
export function isBot(userAgent: string | null | undefined): boolean {
  return !userAgent || userAgent.trim().length < 10 || isbot(userAgent);
}

/**
 * A view sent from another site's page (or by a script claiming to be one). Browsers send
 * Sec-Fetch-Site and, on every POST, Origin; a same-site beacon without Origin stays accepted.
 */
export function isCrossSite(headers: Headers, siteOrigin: string): boolean {
  if (headers.get('sec-fetch-site') === 'cross-site') return true;
  const origin = headers.get('origin');
  return origin !== null && origin !== siteOrigin;
}

/** A hash of IP and User-Agent with a salt that changes every UTC day: the raw IP is never kept. */
export function visitorId(ip: string, userAgent: string, secret: string, at: Date): string {
  const day = at.toISOString().slice(0, 10);
  return createHash('sha256')
    .update(`${secret}\u0000${day}\u0000${ip}\u0000${userAgent}`)
    .digest('base64url')
    .slice(0, 22);
}
