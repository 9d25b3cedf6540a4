// Pure: requests that are refused before Next.js sees them. Next answers an unknown method such as
// TRACE with a 500 and a stack trace (undici refuses to build a Request for it), answers OPTIONS
// differently on every kind of route, and logs a stack trace for every path its cache cannot turn
// into a file name (a NUL byte, a segment longer than a file name). These are the client's errors:
// answer them at once, briefly, and log nothing.
import { escapeBarePercents } from '../url';

export type Refusal = { status: number; headers: Record<string, string>; body: string };

/** Longer request targets are refused outright (Node itself stops at 16 KB of headers). */
export const MAX_URL_LENGTH = 8192;
/** Longer path segments cannot be any page: the page cache keeps each segment as a file name. */
export const MAX_SEGMENT_BYTES = 200;

/** The methods each route answers; every route also answers OPTIONS with this list. */
export function allowedMethods(pathname: string): readonly string[] {
  if (pathname.startsWith('/api/views/')) return ['POST'];
  if (pathname === '/api/health') return ['GET', 'HEAD', 'POST'];
  return ['GET', 'HEAD'];
}

export function allowHeader(pathname: string): string {
  return [...allowedMethods(pathname), 'OPTIONS'].join(', ');
}

function refuse(status: number, text: string, headers: Record<string, string> = {}): Refusal {
  return {
    status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
    body: `${status} ${text}\n`,
  };
}

/** The decoded path, or undefined when a percent-escape is malformed. */
export function decodePath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

// C0 controls and DEL: no URL of the site contains them, and NUL breaks the cache's file names.
const CONTROL = /[\u0000-\u001f\u007f]/;

// The headers of the App Router's client navigations and prefetches, which ask for a page's React
// payload instead of its HTML. No page loads the router (docs/adr/030-no-react-in-the-browser.md),
// so only a script sends them; and a payload carries the URL it was rendered for, which Next shares
// between concurrent renders of the one 404 page (another reader's address, query and all).
const PAYLOAD_HEADERS = [
  'rsc',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'next-router-state-tree',
];

type Headers = Record<string, string | string[] | undefined>;

/** Undefined when the request may go on to Next.js; else the answer to send instead. */
export function checkRequest(
  method: string,
  url: string,
  headers: Headers = {},
): Refusal | undefined {
  if (url.length > MAX_URL_LENGTH) return refuse(414, 'URI Too Long');
  if (!url.startsWith('/')) return refuse(400, 'Bad Request');
  const query = url.indexOf('?');
  const pathname = query === -1 ? url : url.slice(0, query);
  const decoded = decodePath(pathname);
  if (decoded === undefined) {
    // A tag holding a bare % as a browser sends a typed or pasted URL (/tags/50%增长 goes out as
    // /tags/50%%E5%A2%9E%E9%95%BF): to the same URL with the % escaped, whose page says whether
    // there is such a tag.
    const repaired = pathname.startsWith('/tags/') ? escapeBarePercents(pathname) : undefined;
    if (repaired && ['GET', 'HEAD'].includes(method)) {
      return refuse(308, 'Permanent Redirect', { location: repaired + url.slice(pathname.length) });
    }
    return refuse(400, 'Bad Request: malformed URL encoding');
  }
  if (CONTROL.test(decoded)) return refuse(400, 'Bad Request');
  if (decoded.split('/').some((segment) => Buffer.byteLength(segment) > MAX_SEGMENT_BYTES)) {
    return refuse(404, 'Not Found');
  }
  const allowed = allowedMethods(pathname);
  if (method === 'OPTIONS') {
    return { status: 204, headers: { allow: allowHeader(pathname) }, body: '' };
  }
  if (!allowed.includes(method)) {
    return refuse(405, 'Method Not Allowed', { allow: allowHeader(pathname) });
  }
  if (PAYLOAD_HEADERS.some((name) => headers[name] !== undefined)) return refuse(404, 'Not Found');
  return undefined;
}
