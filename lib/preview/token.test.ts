import * as crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { previewPath, signPreview, verifyPreview } from './token';

// Wrapped, so that the test can see the signature comparison go through it.
vi.mock('node:crypto', async (original) => {
  const actual = await original<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const SECRET = 'k3Jv0b8sYtq2mWcX9rL4nPz7aE1dHf6uQ0gT5iBy';
const OTHER = 'Zq9wX8eC7rV6tB5yN4uM3iK2oL1pA0sD9fG8hJ7k';
const NOW = new Date('2024-01-25T04:00:00Z');
const LATER = new Date('2024-01-27T04:00:00Z');

function flip(token: string, at: number): string {
  const char = token[at] === 'A' ? 'B' : 'A';
  return token.slice(0, at) + char + token.slice(at + 1);
}

describe('preview tokens', () => {
  afterEach(() => vi.mocked(crypto.timingSafeEqual).mockClear());

  it('verifies its own token until the expiry, and gives the expiry', () => {
    const token = signPreview(SECRET, 'chunyun-shouri-jianwen', LATER);
    expect(token).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyPreview(SECRET, 'chunyun-shouri-jianwen', token, NOW)).toEqual(LATER);
    const justBefore = new Date(LATER.getTime() - 1000);
    expect(verifyPreview(SECRET, 'chunyun-shouri-jianwen', token, justBefore)).toEqual(LATER);
  });

  it('refuses an expired token, at and after the expiry', () => {
    const token = signPreview(SECRET, 'a', LATER);
    expect(verifyPreview(SECRET, 'a', token, LATER)).toBeUndefined();
    expect(verifyPreview(SECRET, 'a', token, new Date(LATER.getTime() + 3600_000))).toBeUndefined();
  });

  it('refuses a token signed with another secret', () => {
    const token = signPreview(OTHER, 'a', LATER);
    expect(verifyPreview(SECRET, 'a', token, NOW)).toBeUndefined();
  });

  it('refuses a token for another slug', () => {
    const token = signPreview(SECRET, 'a', LATER);
    expect(verifyPreview(SECRET, 'b', token, NOW)).toBeUndefined();
    expect(verifyPreview(SECRET, 'a ', token, NOW)).toBeUndefined();
  });

  it('accepts one spelling of a signature only', () => {
    // The last of 43 base64url characters holds 4 bits of the 256: its 2 spare bits must be 0.
    const token = signPreview(SECRET, 'a', LATER);
    const last = token.at(-1) as string;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const base = alphabet.indexOf(last);
    for (let spare = 1; spare < 4; spare++) {
      const other = token.slice(0, -1) + (alphabet[base + spare] as string);
      expect(verifyPreview(SECRET, 'a', other, NOW)).toBeUndefined();
    }
  });

  it('refuses any tampered character, a moved expiry and malformed tokens', () => {
    const token = signPreview(SECRET, 'a', LATER);
    for (let at = 0; at < token.length; at++) {
      if (token[at] === '.') continue;
      expect(verifyPreview(SECRET, 'a', flip(token, at), NOW), `char ${at}`).toBeUndefined();
    }
    const [expiry, signature] = token.split('.') as [string, string];
    const extended = (Number.parseInt(expiry, 36) + 86_400).toString(36);
    expect(verifyPreview(SECRET, 'a', `${extended}.${signature}`, NOW)).toBeUndefined();
    for (const bad of [
      '',
      '.',
      expiry,
      `${expiry}.`,
      `${token}=`,
      `${token}A`,
      ` ${token}`,
      `${expiry}.${'A'.repeat(43)}`,
    ]) {
      expect(verifyPreview(SECRET, 'a', bad, NOW), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('compares the signatures with timingSafeEqual, never with ===', () => {
    const token = signPreview(SECRET, 'a', LATER);
    verifyPreview(SECRET, 'a', flip(token, token.length - 2), NOW);
    verifyPreview(SECRET, 'a', token, NOW);
    const calls = vi.mocked(crypto.timingSafeEqual).mock.calls;
    expect(calls).toHaveLength(2);
    for (const [given, expected] of calls) {
      expect(Buffer.byteLength(given as Buffer)).toBe(32);
      expect(Buffer.byteLength(expected as Buffer)).toBe(32);
    }
  });

  it('signs slugs with any characters and escapes them in the path', () => {
    const token = signPreview(SECRET, '春运/见闻?', LATER);
    expect(verifyPreview(SECRET, '春运/见闻?', token, NOW)).toEqual(LATER);
    expect(previewPath('春运/见闻?', token)).toBe(
      `/preview/${encodeURIComponent('春运/见闻?')}/${token}`,
    );
  });
});
