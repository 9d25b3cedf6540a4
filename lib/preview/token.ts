// Pure: the signed, expiring token of a draft preview link (docs/adr/022-draft-preview-links.md).
//
// A link is /preview/<slug>/<token>, the token `<expiry>.<signature>`: the expiry in seconds since
// 1970 (base 36) and HMAC-SHA256(secret, version, slug, expiry) in base64url. Anyone holding the
// link may read that one article until the expiry; nothing else can be derived from it, and a
// changed slug, expiry or signature, or another secret, fails.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The default lifetime of a link, in hours. */
export const DEFAULT_PREVIEW_HOURS = 48;
/** The longest lifetime the command signs: a month, so a forgotten link dies on its own. */
export const MAX_PREVIEW_HOURS = 24 * 30;
/** The least length of PREVIEW_SECRET (lib/env.ts): 32 characters of `openssl rand -base64 32`. */
export const MIN_SECRET_LENGTH = 32;

const VERSION = 'news-preview-v1';
// 32 bytes are 43 base64url characters, the last carrying 4 bits: only its canonical spelling is
// accepted, so one signature has one token.
const TOKEN = /^([0-9a-z]{1,9})\.([A-Za-z0-9_-]{42}[AEIMQUYcgkosw048])$/;

function mac(secret: string, slug: string, expires: number): Buffer {
  // A JSON array: no choice of slug can make two different (slug, expiry) pairs sign alike.
  return createHmac('sha256', secret)
    .update(JSON.stringify([VERSION, slug, expires]))
    .digest();
}

/** The token for `slug`, valid until `expiresAt` (rounded down to the second). */
export function signPreview(secret: string, slug: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  if (!Number.isSafeInteger(expires) || expires <= 0) throw new Error('invalid preview expiry');
  return `${expires.toString(36)}.${mac(secret, slug, expires).toString('base64url')}`;
}

/**
 * When the token for `slug` expires, if it was signed with `secret` and has not expired at `at`;
 * undefined otherwise, whatever is wrong with it. The signatures are compared in constant time.
 */
export function verifyPreview(
  secret: string,
  slug: string,
  token: string,
  at: Date,
): Date | undefined {
  const match = TOKEN.exec(token);
  if (!match) return undefined;
  const expires = Number.parseInt(match[1] as string, 36);
  const given = Buffer.from(match[2] as string, 'base64url');
  const expected = mac(secret, slug, expires);
  // 43 base64url characters always decode to 32 bytes, but timingSafeEqual throws on a mismatch.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  // After the signature: an expired link is refused as a forged one is, by the same answer.
  if (expires * 1000 <= at.getTime()) return undefined;
  return new Date(expires * 1000);
}

/** The path of the preview of `slug` (the slug's characters escaped as a URL segment). */
export function previewPath(slug: string, token: string): string {
  return `/preview/${encodeURIComponent(slug)}/${token}`;
}
