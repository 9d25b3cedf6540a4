// Pure: who is viewing. Bots are not readers; a visitor is an anonymous daily hash.
import { createHash } from 'node:crypto';

const BOT =
  /bot|spider|crawl|slurp|baiduspider|googlebot|bingbot|sogou|360spider|yisouspider|bytespider|petalbot|yandex|duckduck|facebookexternalhit|headless|lighthouse|pingdom|uptime|python-requests|python-urllib|curl\/|wget|go-http-client|java\/|okhttp|axios|node-fetch|scrapy|httpclient|preview/i;

export function isBot(userAgent: string | null | undefined): boolean {
  return !userAgent || userAgent.trim().length < 10 || BOT.test(userAgent);
}

/**
 * The client address. `next start` appends the socket address to X-Forwarded-For, so without a
 * trusted proxy only the last entry is believed; behind one (TRUST_PROXY) the first entry is
 * the client the proxy saw.
 */
export function clientIp(forwardedFor: string | null, trustProxy: boolean): string {
  const entries = (forwardedFor ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return (trustProxy ? entries[0] : entries.at(-1)) ?? 'unknown';
}

/** A hash of IP and User-Agent with a salt that changes every UTC day: the raw IP is never kept. */
export function visitorId(ip: string, userAgent: string, secret: string, at: Date): string {
  const day = at.toISOString().slice(0, 10);
  return createHash('sha256')
    .update(`${secret}\u0000${day}\u0000${ip}\u0000${userAgent}`)
    .digest('base64url')
    .slice(0, 22);
}
