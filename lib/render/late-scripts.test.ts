import { describe, expect, it } from 'vitest';
import { scriptsAfterFirstPaint } from './late-scripts.mjs';

const page = [
  '<!DOCTYPE html><html lang="zh-CN"><head>',
  '<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>',
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/w.js"/>',
  '<script src="/_next/static/chunks/r.js" async=""></script>',
  '<script src="/_next/static/chunks/m.js" async=""></script>',
  '<script src="/_next/static/chunks/p.js" noModule=""></script>',
  '</head><body><main><h1>标题</h1></main>',
  '<script src="/_next/static/chunks/w.js" async=""></script>',
  '<script>(self.__next_f=self.__next_f||[]).push([0])</script>',
  '</body></html>',
].join('');

describe('scriptsAfterFirstPaint', () => {
  const out = scriptsAfterFirstPaint(page);

  it('takes every chunk script and its preload out of the HTML', () => {
    expect(out).not.toMatch(/<script src="\/_next\/static\/chunks\/[rmw]\.js"/);
    expect(out).not.toContain('rel="preload" as="script"');
  });

  it('adds them back in order from one script at the end of the body, after the first paint', () => {
    const loader = /<script>(\(\(\)=>.*?)<\/script><\/body>/.exec(out)?.[1];
    expect(loader).toContain('["r.js","m.js","w.js"]');
    expect(loader).toContain('{src:"/_next/static/chunks/"+s}');
    expect(loader).toContain('observe({type:"paint",buffered:!0})');
  });

  it('keeps the stylesheet, the legacy polyfill and the inline payload', () => {
    expect(out).toContain('href="/_next/static/chunks/a.css"');
    expect(out).toContain('noModule=""');
    expect(out).toContain('self.__next_f');
  });

  it('leaves HTML without chunks or without a body as it is', () => {
    expect(scriptsAfterFirstPaint('<html><body><p>x</p></body></html>')).toBe(
      '<html><body><p>x</p></body></html>',
    );
    expect(scriptsAfterFirstPaint('<p>partial')).toBe('<p>partial');
  });

  it('carries the nonce of a page rendered per request over to its loader', () => {
    const nonced = [
      '<html><head>',
      '<link rel="preload" as="script" fetchPriority="low" nonce="n1" href="/_next/static/chunks/w.js"/>',
      '<script src="/_next/static/chunks/r.js" async="" nonce="n1"></script>',
      '<script src="/_next/static/chunks/p.js" noModule="" nonce="n1"></script>',
      '</head><body><script src="/_next/static/chunks/w.js" nonce="n1" async=""></script></body></html>',
    ].join('');
    const result = scriptsAfterFirstPaint(nonced);
    expect(result).not.toContain('rel="preload" as="script"');
    expect(result).not.toMatch(/<script src="\/_next\/static\/chunks\/[rw]\.js"/);
    expect(result).toContain('<script src="/_next/static/chunks/p.js" noModule="" nonce="n1">');
    expect(result).toMatch(/<script nonce="n1">\(\(\)=>.*\["r\.js","w\.js"\]/);
  });
});
