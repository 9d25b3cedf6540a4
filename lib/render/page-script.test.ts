import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isNextScript, isPageScript, PAGE_SCRIPT, withPageScript } from './page-script.mjs';

const bootstrap =
  '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/a.js"],"runtimeModuleIds":[1]});';

// A page as Next writes it: its chunks, their preload, the legacy polyfill, the bootstrap and the
// inline payload, beside our own data blocks and markup.
const page = [
  '<!DOCTYPE html><html lang="zh-CN"><head>',
  '<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>',
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/w.js"/>',
  '<script src="/_next/static/chunks/r.js" async=""></script>',
  '<script src="/_next/static/chunks/p.js" noModule=""></script>',
  '</head><body><main><h1>标题</h1>',
  '<article class="story" data-view="/api/views/a"><p>正文</p></article>',
  '<script type="application/ld+json">{"@type":"NewsArticle"}</script></main>',
  '<script src="/_next/static/chunks/w.js" async=""></script>',
  `<script id="_R_">${bootstrap}</script>`,
  '<script>(self.__next_f=self.__next_f||[]).push([0])</script>',
  '<script>self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n"])</script>',
  '</body></html>',
].join('');

describe('withPageScript', () => {
  const out = withPageScript(page);

  it("takes every one of Next's scripts out: chunks, preloads, polyfill, bootstrap, payload", () => {
    expect(out).not.toContain('/_next/static/chunks/r.js');
    expect(out).not.toContain('/_next/static/chunks/w.js');
    expect(out).not.toContain('/_next/static/chunks/p.js');
    expect(out).not.toContain('TURBOPACK');
    expect(out).not.toContain('__next_f');
  });

  it('keeps the stylesheet, the markup and the data blocks', () => {
    expect(out).toContain('href="/_next/static/chunks/a.css"');
    expect(out).toContain('<article class="story" data-view="/api/views/a"><p>正文</p></article>');
    expect(out).toContain('<script type="application/ld+json">{"@type":"NewsArticle"}</script>');
  });

  it('adds the page script once, at the end of the body', () => {
    expect(out.endsWith(`<script>${PAGE_SCRIPT}</script></body></html>`)).toBe(true);
    expect(out.split(PAGE_SCRIPT)).toHaveLength(2);
    // Applied again (a page the handler has seen), it changes nothing.
    expect(withPageScript(out)).toBe(out);
  });

  it('runs its parts after the first paint', () => {
    expect(PAGE_SCRIPT).toContain('observe({type:"paint",buffered:!0})');
    expect(() => new Function(PAGE_SCRIPT)).not.toThrow();
  });

  it('leaves HTML without Next scripts or without a body as it is', () => {
    expect(withPageScript('<html><body><p>x</p></body></html>')).toBe(
      '<html><body><p>x</p></body></html>',
    );
    expect(withPageScript('<p>partial')).toBe('<p>partial');
  });

  it("leaves an inline script that is not Next's where it is (the policy stops it)", () => {
    const injected = page.replace('<p>正文</p>', '<p>正文</p><script>alert(1)</script>');
    expect(withPageScript(injected)).toContain('<script>alert(1)</script>');
  });

  it("keeps Next's scripts under next dev, beside the page script, once", () => {
    const dev = withPageScript(page, { keepNext: true });
    expect(dev).toBe(page.replace('</body>', `<script>${PAGE_SCRIPT}</script></body>`));
    expect(withPageScript(dev, { keepNext: true })).toBe(dev);
  });

  it('carries the nonce of a page rendered per request over to the page script', () => {
    const nonced = [
      '<html><head>',
      '<link rel="preload" as="script" fetchPriority="low" nonce="n1" href="/_next/static/chunks/w.js"/>',
      '<script src="/_next/static/chunks/r.js" async="" nonce="n1"></script>',
      '<script src="/_next/static/chunks/p.js" noModule="" nonce="n1"></script>',
      '</head><body><script nonce="n1" id="_R_">',
      bootstrap,
      '</script><script nonce="n1">(self.__next_f=self.__next_f||[]).push([0])</script>',
      '<script src="/_next/static/chunks/w.js" nonce="n1" async=""></script></body></html>',
    ].join('');
    expect(withPageScript(nonced)).toBe(
      `<html><head></head><body><script nonce="n1">${PAGE_SCRIPT}</script></body></html>`,
    );
  });
});

describe('isNextScript and isPageScript', () => {
  it("know Next's payload and bootstrap and the page script, and nothing with more in it", () => {
    expect(isNextScript('(self.__next_f=self.__next_f||[]).push([0])')).toBe(true);
    expect(isNextScript('self.__next_f.push([1,"x"])')).toBe(true);
    expect(isNextScript(bootstrap)).toBe(true);
    expect(isNextScript('self.__next_f.push([1,""]);alert(1)//"])')).toBe(false);
    expect(isNextScript('self.__next_f.push(alert(1))')).toBe(false);
    expect(isPageScript(PAGE_SCRIPT)).toBe(true);
    expect(isPageScript(`${PAGE_SCRIPT};alert(1)`)).toBe(false);
    expect(isNextScript(PAGE_SCRIPT)).toBe(false);
  });
});

// Pages reach the browser without React (docs/adr/030-no-react-in-the-browser.md): a client
// component would render on the server and never run. The static island needs none of the
// browser, and the error boundary is on error pages, which keep Next's scripts.
describe('client components', () => {
  it('are the static island and the error boundary only', () => {
    const found: string[] = [];
    for (const dir of ['app', 'components', 'lib']) {
      for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !/\.(tsx?|mjs)$/.test(entry.name)) continue;
        const file = path.join(entry.parentPath, entry.name);
        if (/^\s*['"]use client['"]/.test(readFileSync(file, 'utf8'))) found.push(file);
      }
    }
    expect(found.sort()).toEqual(['app/error.tsx', 'components/static-island.tsx']);
  });
});
