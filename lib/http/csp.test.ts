import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineHashes, nonceCsp, pageCsp } from './csp.mjs';
import { securityHeaders } from './security-headers.mjs';
import { PAGE_SCRIPT } from '../render/page-script.mjs';

const hash = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('inlineHashes', () => {
  const bootstrap =
    '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/a.js"],"runtimeModuleIds":[1]});';
  const loader = PAGE_SCRIPT;
  const html = [
    '<script src="/_next/static/a.js" async=""></script>',
    '<script>(self.__next_f=self.__next_f||[]).push([0])</script>',
    '<script>self.__next_f.push([1,"中文 \\u003c/script>"])</script>',
    '<script type="application/ld+json">{"@type":"NewsArticle"}</script>',
    `<script id="_R_">${bootstrap}</script>`,
    '<script>(self.__next_f=self.__next_f||[]).push([0])</script>',
    '<style>.a{color:red}</style>',
    // Injected into the page (an island, a body): none of these may get a hash.
    '<script>alert(1)</script>',
    '<script>self.__next_f.push([1,""]);alert(1)//"])</script>',
    '<script>self.__next_f.push(alert(1))</script>',
    '<script>(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push(alert(1))</script>',
    `<script>${loader.replace('d.addEventListener', 'alert(1),d.addEventListener')}</script>`,
    `<script>${loader}</script>`,
  ].join('');

  it('hashes only the inline scripts Next and the page script wrote, once each, and no data block', () => {
    expect(loader).not.toBe('');
    const { scripts, styles } = inlineHashes(html);
    expect(scripts).toEqual([
      hash('(self.__next_f=self.__next_f||[]).push([0])'),
      hash('self.__next_f.push([1,"中文 \\u003c/script>"])'),
      hash(bootstrap),
      hash(loader),
    ]);
    expect(styles).toEqual([hash('.a{color:red}')]);
  });
  it('gives a script injected into a page no hash in its policy', () => {
    const policy = pageCsp(html, { https: false });
    for (const injected of ['alert(1)', 'self.__next_f.push([1,""]);alert(1)//"])']) {
      expect(policy).not.toContain(hash(injected));
    }
  });
  it('allows no inline script but those, never unsafe-inline', () => {
    const policy = pageCsp(html, { https: false });
    expect(policy).toContain(`script-src 'self' ${inlineHashes(html).scripts.join(' ')};`);
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).toContain("frame-ancestors 'self'");
    expect(policy).not.toContain('upgrade-insecure-requests');
    expect(pageCsp(html, { https: true })).toContain('upgrade-insecure-requests');
  });
  it('gives per-request pages a nonce', () => {
    expect(nonceCsp('abc', { https: false })).toContain("script-src 'self' 'nonce-abc'");
  });
});

describe('securityHeaders', () => {
  const keys = (https: boolean) =>
    securityHeaders({ https })
      .find((rule) => rule.source === '/:path*')
      ?.headers.map((header) => header.key);
  it('sends HSTS only when the site is https', () => {
    expect(keys(false)).not.toContain('Strict-Transport-Security');
    expect(keys(true)).toContain('Strict-Transport-Security');
  });
});
