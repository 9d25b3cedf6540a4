import { describe, expect, it } from 'vitest';
import { allowHeader, checkRequest } from './request-guard';

describe('checkRequest', () => {
  it('lets ordinary requests through', () => {
    expect(checkRequest('GET', '/')).toBeUndefined();
    expect(checkRequest('HEAD', '/articles/chengdu-wuhou-minzu-tuanjie')).toBeUndefined();
    expect(
      checkRequest('GET', '/tags/%E6%B0%91%E6%97%8F%E5%9B%A2%E7%BB%93/page/2'),
    ).toBeUndefined();
    expect(checkRequest('GET', `/search?q=${'%E9%95%BF'.repeat(150)}`)).toBeUndefined();
    expect(checkRequest('POST', '/api/views/a-b')).toBeUndefined();
    expect(checkRequest('POST', '/api/health')).toBeUndefined();
  });

  it('answers a request for a React payload (a client navigation, a prefetch) with a bare 404', () => {
    for (const header of [
      'rsc',
      'next-router-prefetch',
      'next-router-segment-prefetch',
      'next-router-state-tree',
    ]) {
      for (const url of [
        '/',
        '/articles/chengdu-wuhou-minzu-tuanjie',
        '/articles/no-such-article',
      ]) {
        expect(checkRequest('GET', url, { [header]: '1' }), `${header} ${url}`).toMatchObject({
          status: 404,
          body: '404 Not Found\n',
        });
      }
    }
    // A page's own request, and ?_rsc= without the header (Next answers it with the HTML).
    expect(checkRequest('GET', '/', { accept: 'text/html' })).toBeUndefined();
    expect(checkRequest('GET', '/?_rsc=1x2y3', {})).toBeUndefined();
  });

  it('answers unsupported methods with 405 and the allowed ones', () => {
    for (const method of ['TRACE', 'TRACK', 'CONNECT', 'PUT', 'DELETE', 'PATCH', 'PROPFIND']) {
      expect(checkRequest(method, '/api/health')).toMatchObject({
        status: 405,
        headers: { allow: 'GET, HEAD, POST, OPTIONS' },
      });
    }
    expect(checkRequest('GET', '/api/views/a')).toMatchObject({
      status: 405,
      headers: { allow: 'POST, OPTIONS' },
    });
    expect(checkRequest('POST', '/')).toMatchObject({
      status: 405,
      headers: { allow: 'GET, HEAD, OPTIONS' },
    });
  });

  it('answers OPTIONS with what the route allows', () => {
    expect(checkRequest('OPTIONS', '/api/views/a')).toMatchObject({
      status: 204,
      headers: { allow: 'POST, OPTIONS' },
    });
    expect(checkRequest('OPTIONS', '/feed.xml')?.headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  it('refuses paths the cache cannot store, quietly', () => {
    expect(checkRequest('GET', '/%FF%FE')?.status).toBe(400);
    expect(checkRequest('GET', '/articles/50%%E5%A2%9E')?.status).toBe(400);
    expect(checkRequest('GET', '/tags/%E0%A4%A')?.status).toBe(400);
    expect(checkRequest('GET', '/articles/a%00b')?.status).toBe(400);
    expect(checkRequest('GET', '/tags/%0A')?.status).toBe(400);
    expect(checkRequest('GET', `/articles/${'a'.repeat(5000)}`)?.status).toBe(404);
    expect(checkRequest('GET', `/tags/${'%E9%95%BF'.repeat(70)}`)?.status).toBe(404);
    expect(checkRequest('GET', `/${'a'.repeat(10_000)}`)?.status).toBe(414);
    expect(checkRequest('GET', 'http://elsewhere.example/')?.status).toBe(400);
    expect(checkRequest('GET', '*')?.status).toBe(400);
  });
});

describe('allowHeader', () => {
  it('lists OPTIONS after the route methods', () => {
    expect(allowHeader('/')).toBe('GET, HEAD, OPTIONS');
  });

  it('sends a tag URL holding a bare % to the same URL with the % escaped', () => {
    const refusal = checkRequest('GET', '/tags/50%%E5%A2%9E%E9%95%BF/page/2?x=1');
    expect(refusal?.status).toBe(308);
    expect(refusal?.headers.location).toBe('/tags/50%25%E5%A2%9E%E9%95%BF/page/2?x=1');
    expect(checkRequest('GET', '/tags/%E5%8D%A0%E6%AF%9430%')?.headers.location).toBe(
      '/tags/%E5%8D%A0%E6%AF%9430%25',
    );
  });
});
