import { describe, expect, it } from 'vitest';
import { ROUTE_KINDS, loggedPath, routeKind } from './route-kind';

describe('routeKind', () => {
  it('names every route of the site', () => {
    const cases: [string, string][] = [
      ['/', 'home'],
      ['/?utm_source=x', 'home'],
      ['/articles/chengdu-wuhou-minzu-tuanjie', 'article'],
      ['/articles/chengdu-wuhou-minzu-tuanjie/qr.svg', 'share'],
      ['/articles/chengdu-wuhou-minzu-tuanjie/weibo', 'share'],
      ['/category/qinggan/gushi', 'category'],
      ['/category/shehui/page/2', 'category'],
      ['/category/shehui/feed.xml', 'feed'],
      ['/tags', 'tags'],
      ['/tags/%E6%B0%91%E6%97%8F%E5%9B%A2%E7%BB%93/page/2', 'tag'],
      ['/hot', 'hot'],
      ['/search?q=%E6%B0%91', 'search'],
      ['/pages/about', 'page'],
      [
        '/preview/chunyun-shouri-jianwen/s7wj40.tGOL-Kjt4tzExQbEfvEvDUEsa7Z21ZzxZn2R2r5Tf_E',
        'preview',
      ],
      ['/feed.xml', 'feed'],
      ['/sitemap.xml', 'sitemap'],
      ['/sitemaps/0.xml', 'sitemap'],
      ['/news-sitemap.xml', 'sitemap'],
      ['/robots.txt', 'sitemap'],
      ['/og/chengdu-wuhou-minzu-tuanjie.png?v=abc', 'card'],
      ['/api/views/chengdu-wuhou-minzu-tuanjie', 'views'],
      ['/api/health', 'health'],
      ['/_next/static/chunks/main.js', 'static'],
      ['/_next/image?url=%2Fimages%2Fa.jpg&w=640&q=70', 'image'],
      ['/logo.png', 'static'],
      ['/zh-hant', 'home'],
      ['/zh-hant?x=1', 'home'],
      ['/zh-hant/articles/chengdu-wuhou-minzu-tuanjie', 'article'],
      ['/zh-hant/search?q=%E6%B0%91', 'search'],
      ['/zh-hant/feed.xml', 'feed'],
      ['/images/2024/a.jpg', 'static'],
      ['/no-such-page', 'other'],
    ];
    for (const [path, kind] of cases) expect(routeKind(path), path).toBe(kind);
  });

  it('keeps to a fixed set whatever a client sends: no label per URL', () => {
    const seen = new Set(
      ['/x'.repeat(5000), '/%00', '//', '/api/other', '/articles/', '/../etc/passwd', '*'].map(
        routeKind,
      ),
    );
    for (const kind of seen) expect(ROUTE_KINDS).toContain(kind);
  });
  it('logs a preview link without its token, every other path as it is', () => {
    expect(
      loggedPath(
        '/preview/chunyun-shouri-jianwen/s7wj40.tGOL-Kjt4tzExQbEfvEvDUEsa7Z21ZzxZn2R2r5Tf_E',
      ),
    ).toBe('/preview/chunyun-shouri-jianwen/…');
    expect(loggedPath('/preview/a/b/c')).toBe('/preview/a/…');
    expect(loggedPath('/preview/a')).toBe('/preview/a');
    expect(loggedPath('/articles/a/qr.svg')).toBe('/articles/a/qr.svg');
  });
});
