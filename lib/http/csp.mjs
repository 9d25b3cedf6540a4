// @ts-check
// Pure: the Content-Security-Policy of every response. Plain JavaScript, because next.config.mjs
// and the cache handler (lib/cache/handler.mjs), which Next loads without bundling, use it too.
import { createHash } from 'node:crypto';
import { isNextScript, isPageScript } from '../render/page-script.mjs';

const BASE = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
];

/** Feeds, sitemaps, robots.txt, cards and the API: nothing on them may run or be framed. */
export const DOCUMENT_FREE_CSP =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

// A <script> or <style> element as React writes it: attributes, then the text, then its end tag
// (React escapes "</" inside script text, so the first end tag closes the element).
const INLINE = /<(script|style)((?:\s[^>]*)?)>([\s\S]*?)<\/\1>/gi;
// Script types the browser runs; data blocks such as application/ld+json are not scripts.
const EXECUTABLE = /^\s*(?:|text\/javascript|module|application\/javascript)\s*$/i;

function typeOf(attributes) {
  const match = /\stype\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
  return match ? (match[2] ?? match[3] ?? match[4] ?? '') : '';
}

/**
 * Whether an inline script is one Next wrote (on pages that keep its runtime: an error page) or
 * the page script. Anything else that reaches a page's HTML (a script smuggled into an island or
 * a body) gets no hash, and so does not run.
 * @param {string} text
 */
export function isOwnScript(text) {
  return isNextScript(text) || isPageScript(text);
}

function sha256(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The hashes of the inline scripts Next and the page script wrote (isOwnScript) and of the inline
 * styles a page carries, in order, without repeats. An external script (`src`) needs none: 'self'
 * allows it.
 * @param {string} html
 */
export function inlineHashes(html) {
  const scripts = new Set();
  const styles = new Set();
  for (const [, element, attributes = '', text = ''] of html.matchAll(INLINE)) {
    if (element?.toLowerCase() === 'style') styles.add(sha256(text));
    else if (
      !/\ssrc\s*=/i.test(attributes) &&
      EXECUTABLE.test(typeOf(attributes)) &&
      isOwnScript(text)
    ) {
      scripts.add(sha256(text));
    }
  }
  return { scripts: [...scripts], styles: [...styles] };
}

/**
 * A page's policy: only its own scripts and styles run, inline ones by their hash, so a script
 * injected into the page (or into a cached copy of it) does not: it gets no hash.
 * @param {string} html
 * @param {{ https: boolean }} options
 */
export function pageCsp(html, { https }) {
  const { scripts, styles } = inlineHashes(html);
  return [
    ...BASE,
    ["script-src 'self'", ...scripts].join(' '),
    ["style-src 'self'", ...styles].join(' '),
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/**
 * The policy of a page rendered per request (search): Next puts the request's nonce on every
 * script it writes when the request carries a policy with one (lib/http/node-server.ts).
 * @param {string} nonce
 * @param {{ https: boolean }} options
 */
export function nonceCsp(nonce, { https }) {
  return [
    ...BASE,
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}
