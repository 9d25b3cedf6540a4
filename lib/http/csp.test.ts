import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineHashes, nonceCsp, pageCsp } from './csp.mjs';
import { securityHeaders } from './security-headers.mjs';

const hash = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('inlineHashes', () => {
  const html = [
    '<script src="/_next/static/a.js" async=""></script>',
    '<script>(self.__next_f=self.__next_f||[]).push([0])</script>',
    '<script>self.__next_f.push([1,"中文 \\u003c/script>"])</script>',
    '<script type="application/ld+json">{"@type":"NewsArticle"}</script>',
    '<script id="_R_">boot()</script>',
    '<script>(self.__next_f=self.__next_f||[]).push([0])</script>',
    '<style>.a{color:red}</style>',
  ].join('');

  it('hashes every inline script the browser runs, once each, and no data block', () => {
    const { scripts, styles } = inlineHashes(html);
    expect(scripts).toEqual([
      hash('(self.__next_f=self.__next_f||[]).push([0])'),
      hash('self.__next_f.push([1,"中文 \\u003c/script>"])'),
      hash('boot()'),
    ]);
    expect(styles).toEqual([hash('.a{color:red}')]);
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
