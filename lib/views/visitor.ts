// Pure: who is viewing. Bots are not readers; a visitor is an anonymous daily hash.
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
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

/**
 * The network an address stands for when views from one address are limited: an IPv4 address
 * itself, an IPv6 address's /64 (one host is given a whole /64 and may use any address in it).
 */
export function addressNetwork(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = [
    ...left,
    ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'),
    ...right,
  ];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The rate-limit key of a whole address (addressNetwork), hashed like a visitor. */
export function addressId(address: string, secret: string, at: Date): string {
  return visitorId(addressNetwork(address), '\u0000address', secret, at);
}
