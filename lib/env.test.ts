import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('parseEnv', () => {
  it('defaults SITE_URL to the address npm start listens on and prints', () => {
    expect(parseEnv({}).siteUrl).toBe('http://127.0.0.1:3000');
    expect(parseEnv({ PORT: '4000' }).siteUrl).toBe('http://127.0.0.1:4000');
    expect(parseEnv({ HOST: 'localhost', PORT: '4000' }).siteUrl).toBe('http://localhost:4000');
    // A wildcard address is reached on this machine at 127.0.0.1.
    expect(parseEnv({ HOST: '0.0.0.0' }).siteUrl).toBe('http://127.0.0.1:3000');
    expect(parseEnv({ HOST: '::' }).siteUrl).toBe('http://127.0.0.1:3000');
    expect(parseEnv({ HOST: '::1' }).siteUrl).toBe('http://[::1]:3000');
    expect(parseEnv({ SITE_URL: 'https://news.example.com', PORT: '4000' }).siteUrl).toBe(
      'https://news.example.com',
    );
  });
  it('normalises a trailing slash', () => {
    expect(parseEnv({ SITE_URL: 'https://news.example.com/' }).siteUrl).toBe(
      'https://news.example.com',
    );
  });
  it('rejects garbage and paths with a clear message', () => {
    expect(() => parseEnv({ SITE_URL: 'not a url' })).toThrow(/SITE_URL/);
    expect(() => parseEnv({ SITE_URL: 'ftp://x.example' })).toThrow(/http/);
    expect(() => parseEnv({ SITE_URL: 'https://x.example/news' })).toThrow(/origin/);
  });
  it('reads LIST_PAGE_SIZE, default 20, and rejects nonsense', () => {
    expect(parseEnv({}).pageSize).toBe(20);
    expect(parseEnv({ LIST_PAGE_SIZE: '3' }).pageSize).toBe(3);
    expect(() => parseEnv({ LIST_PAGE_SIZE: '0' })).toThrow(/LIST_PAGE_SIZE/);
    expect(() => parseEnv({ LIST_PAGE_SIZE: 'ten' })).toThrow(/LIST_PAGE_SIZE/);
  });
  it('prerenders a sample, the newest 50 articles and 1 list page, unless told otherwise', () => {
    expect(parseEnv({}).prerender).toEqual({ articles: 50, listPages: 1 });
    expect(parseEnv({ PRERENDER_ARTICLES: '3', PRERENDER_LIST_PAGES: '1' }).prerender).toEqual({
      articles: 3,
      listPages: 1,
    });
    expect(() => parseEnv({ PRERENDER_ARTICLES: '-1' })).toThrow(/PRERENDER_ARTICLES/);
    expect(() => parseEnv({ PRERENDER_LIST_PAGES: 'all' })).toThrow(/PRERENDER_LIST_PAGES/);
  });
  it('reads where the content build writes the site content, .contentlayer/app by default', () => {
    expect(parseEnv({}).contentIndexDir).toBe('.contentlayer/app');
    expect(parseEnv({ CONTENT_INDEX_DIR: '/srv/news/content' }).contentIndexDir).toBe(
      '/srv/news/content',
    );
  });
  it('chooses the view store, SQLite by default, and explains what Redis needs', () => {
    expect(parseEnv({}).views).toEqual({
      store: 'sqlite',
      file: '.data/views.db',
      trustProxy: [],
      addressLimit: 120,
    });
    expect(
      parseEnv({ VIEWS_STORE: 'redis', REDIS_URL: 'redis://127.0.0.1:6379', TRUST_PROXY: '1' })
        .views,
    ).toEqual({
      store: 'redis',
      url: 'redis://127.0.0.1:6379',
      trustProxy: ['127.0.0.0/8', '::1/128'],
      addressLimit: 120,
    });
    expect(() => parseEnv({ VIEWS_STORE: 'redis' })).toThrow(/REDIS_URL/);
    expect(() => parseEnv({ VIEWS_STORE: 'redis', REDIS_URL: 'localhost' })).toThrow(/redis:\/\//);
    expect(() => parseEnv({ VIEWS_STORE: 'mongo' })).toThrow(/VIEWS_STORE/);
  });
  it('checks REDIS_URL whenever it is set: the shared cache and the cards use it too', () => {
    expect(parseEnv({}).redisUrl).toBeUndefined();
    expect(parseEnv({ REDIS_URL: ' redis://10.0.0.5:6379/0 ' }).redisUrl).toBe(
      'redis://10.0.0.5:6379/0',
    );
    expect(() => parseEnv({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL.*redis:\/\//);
    expect(() => parseEnv({ REDIS_URL: 'redis://' })).toThrow(/REDIS_URL/);
  });
  it('checks where the server listens', () => {
    expect(parseEnv({}).listen).toEqual({ port: 3000, host: '127.0.0.1' });
    expect(parseEnv({ PORT: '4210', HOST: '0.0.0.0' }).listen).toEqual({
      port: 4210,
      host: '0.0.0.0',
    });
    expect(parseEnv({ HOST: '::' }).listen.host).toBe('::');
    expect(parseEnv({ HOST: 'news-1.internal' }).listen.host).toBe('news-1.internal');
    for (const PORT of ['99999', '0', '-1', '80.5', 'http'])
      expect(() => parseEnv({ PORT })).toThrow(/PORT/);
    for (const HOST of ['not a host', 'http://x', '-x'])
      expect(() => parseEnv({ HOST })).toThrow(/HOST/);
  });
  it('serves metrics on the loopback interface, by default on PORT + 10000', () => {
    expect(parseEnv({}).metrics).toEqual({ host: '127.0.0.1', port: 13000 });
    expect(parseEnv({ PORT: '3002' }).metrics).toEqual({ host: '127.0.0.1', port: 13002 });
    expect(parseEnv({ METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' }).metrics).toEqual({
      host: '10.0.0.5',
      port: 9464,
    });
    expect(parseEnv({ METRICS_PORT: 'off' }).metrics).toBeUndefined();
    for (const METRICS_PORT of ['99999', '0', 'yes', '3000'])
      expect(() => parseEnv({ METRICS_PORT })).toThrow(/METRICS_PORT/);
    // The default would be past the last port.
    expect(() => parseEnv({ PORT: '60000' })).toThrow(/METRICS_PORT/);
    expect(parseEnv({ PORT: '60000', METRICS_PORT: '9464' }).metrics?.port).toBe(9464);
    for (const METRICS_HOST of ['localhost', 'metrics.internal', '1.2.3'])
      expect(() => parseEnv({ METRICS_HOST })).toThrow(/METRICS_HOST/);
  });
  it('reads LOG_LEVEL, info by default', () => {
    expect(parseEnv({}).logLevel).toBe('info');
    expect(parseEnv({ LOG_LEVEL: 'WARN' }).logLevel).toBe('warn');
    expect(() => parseEnv({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });
  it('reads PREVIEW_SECRET: unset turns previews off, a short one stops the process unprinted', () => {
    expect(parseEnv({}).previewSecret).toBeUndefined();
    expect(parseEnv({ PREVIEW_SECRET: '  ' }).previewSecret).toBeUndefined();
    const secret = 'k3Jv0b8sYtq2mWcX9rL4nPz7aE1dHf6uQ0gT5iBy';
    expect(parseEnv({ PREVIEW_SECRET: ` ${secret}\n` }).previewSecret).toBe(secret);
    const short = 'hunter2-hunter2-hunter2';
    expect(() => parseEnv({ PREVIEW_SECRET: short })).toThrow(/PREVIEW_SECRET.*32/);
    expect(() => parseEnv({ PREVIEW_SECRET: short })).not.toThrow(new RegExp(short));
  });

  it('turns each search engine push on only with its key, and checks keys and endpoints', () => {
    expect(parseEnv({}).push).toEqual({
      enabled: true,
      indexNow: undefined,
      baidu: undefined,
      stateFile: undefined,
    });
    const push = parseEnv({
      INDEXNOW_KEY: 'a1b2c3d4-e5f6',
      BAIDU_PUSH_TOKEN: 'AbCd1234EfGh5678',
      PUSH_ENABLED: '0',
    }).push;
    expect(push.enabled).toBe(false);
    expect(push.indexNow).toEqual({
      key: 'a1b2c3d4-e5f6',
      endpoint: 'https://api.indexnow.org/indexnow',
    });
    expect(push.baidu).toEqual({ token: 'AbCd1234EfGh5678', endpoint: 'http://data.zz.baidu.com' });
    expect(
      parseEnv({ INDEXNOW_KEY: 'abcdefgh', INDEXNOW_ENDPOINT: 'http://127.0.0.1:4304/indexnow' })
        .push.indexNow?.endpoint,
    ).toBe('http://127.0.0.1:4304/indexnow');
    expect(() => parseEnv({ INDEXNOW_KEY: 'short' })).toThrow(/INDEXNOW_KEY/);
    expect(() => parseEnv({ INDEXNOW_KEY: 'has/slash/../key' })).toThrow(/INDEXNOW_KEY/);
    expect(() => parseEnv({ BAIDU_PUSH_TOKEN: 'to ken!' })).toThrow(/BAIDU_PUSH_TOKEN/);
    expect(() => parseEnv({ INDEXNOW_ENDPOINT: 'ftp://x.example/indexnow' })).toThrow(
      /INDEXNOW_ENDPOINT/,
    );
    expect(() => parseEnv({ BAIDU_PUSH_ENDPOINT: 'not a url' })).toThrow(/BAIDU_PUSH_ENDPOINT/);
    expect(() => parseEnv({ PUSH_ENABLED: 'maybe' })).toThrow(/PUSH_ENABLED/);
  });
});
