import { connect } from 'node:net';
import { expect, test } from '@playwright/test';
import { growth, sample, scrape } from './metrics';
import { startOwnServer } from './own-server';
import { OWN_PORTS } from './ports';
import { raw } from './raw-request';

// What an operator reads: each instance's Prometheus metrics on a port of its own, on the
// loopback interface, and its log, one JSON object per line. On a server of its own, so that the
// counters move only by this test's requests.
const PORT = OWN_PORTS.observability;
const METRICS_PORT = PORT + 10_000;
const METRICS = `http://127.0.0.1:${METRICS_PORT}/metrics`;
const ARTICLE = '/articles/chengdu-wuhou-minzu-tuanjie';
const reader = (n: string) =>
  `Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1 observed-${n}`;

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

type Line = Record<string, unknown>;

test.describe('metrics and logs', () => {
  test.describe.configure({ mode: 'serial' });
  let server: Awaited<ReturnType<typeof startOwnServer>>;

  test.beforeAll(async () => {
    server = await startOwnServer(PORT, { METRICS_PORT: String(METRICS_PORT) });
  });
  test.afterAll(() => server?.stop());

  test('the metrics are on their own loopback port, not on the public one', async () => {
    for (const path of ['/metrics', '/api/metrics', '/_next/metrics']) {
      const response = await raw('GET', path, {}, PORT);
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toContain('news_http_requests_total');
    }
    expect((await fetch(METRICS)).status).toBe(200);
    // Bound to 127.0.0.1 alone: another address of this very machine is refused.
    expect(await accepts('127.0.0.1', METRICS_PORT)).toBe(true);
    expect(await accepts('127.0.0.2', METRICS_PORT)).toBe(false);
  });

  test('requests, cache results, views and the content version move the counters', async () => {
    const before = await scrape(METRICS);
    expect((await raw('GET', ARTICLE, {}, PORT)).status).toBe(200);
    expect((await raw('GET', ARTICLE, {}, PORT)).status).toBe(200);
    expect((await raw('GET', '/no-such-page', {}, PORT)).status).toBe(404);
    const view = (headers: Record<string, string>, slug = 'chengdu-wuhou-minzu-tuanjie') =>
      raw('POST', `/api/views/${slug}`, headers, PORT);
    expect((await view({ 'user-agent': reader('a') })).status).toBe(204);
    expect((await view({ 'user-agent': reader('a') })).status).toBe(204);
    expect((await view({ 'user-agent': 'Googlebot/2.1' })).status).toBe(204);
    expect(
      (await view({ 'user-agent': reader('b'), origin: 'https://elsewhere.example' })).status,
    ).toBe(403);
    expect((await view({ 'user-agent': reader('c') }, 'no-such-article')).status).toBe(404);
    expect((await raw('TRACE', '/api/health', {}, PORT)).status).toBe(405);

    const after = await scrape(METRICS);
    expect(
      growth(before, after, [
        'news_http_requests_total{route="article",method="GET",status="200"}',
        'news_http_requests_total{route="other",method="GET",status="404"}',
        'news_http_requests_total{route="views",method="POST",status="204"}',
        'news_http_requests_total{route="views",method="POST",status="403"}',
        'news_http_requests_total{route="views",method="POST",status="404"}',
        'news_http_requests_total{route="health",method="other",status="405"}',
        'news_http_request_duration_seconds_count{route="article"}',
        'news_views_total{result="counted"}',
        'news_views_total{result="duplicate"}',
        'news_views_total{result="bot"}',
        'news_views_total{result="cross-site"}',
        'news_views_total{result="not-found"}',
      ]),
    ).toEqual({
      'news_http_requests_total{route="article",method="GET",status="200"}': 2,
      'news_http_requests_total{route="other",method="GET",status="404"}': 1,
      'news_http_requests_total{route="views",method="POST",status="204"}': 3,
      'news_http_requests_total{route="views",method="POST",status="403"}': 1,
      'news_http_requests_total{route="views",method="POST",status="404"}': 1,
      'news_http_requests_total{route="health",method="other",status="405"}': 1,
      'news_http_request_duration_seconds_count{route="article"}': 2,
      'news_views_total{result="counted"}': 1,
      'news_views_total{result="duplicate"}': 1,
      'news_views_total{result="bot"}': 1,
      'news_views_total{result="cross-site"}': 1,
      'news_views_total{result="not-found"}': 1,
    });
    // The second article request came from the cache, in memory (no Redis here).
    const pageHits = growth(before, after, [
      'news_page_cache_total{route="article",result="hit"}',
      'news_cache_lookups_total{layer="memory",result="hit"}',
    ]);
    expect(pageHits['news_page_cache_total{route="article",result="hit"}']).toBeGreaterThan(0);
    expect(pageHits['news_cache_lookups_total{layer="memory",result="hit"}']).toBeGreaterThan(0);
    // The live content version, and Node's own: event-loop lag, memory.
    expect(
      [...after.keys()].some((series) => series.startsWith('news_content_version_info{')),
    ).toBe(true);
    expect(sample(after, 'news_content_switched_at_seconds')).toBeGreaterThan(0);
    expect(after.has('nodejs_eventloop_lag_p99_seconds')).toBe(true);
    expect(sample(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  test('the log is one JSON object per line: request id, route kind, status and time', async () => {
    const seen = server.lines().length;
    const article = '/articles/jingle-xiandai-nongye';
    const tag = `/tags/${'x'.repeat(5000)}`;
    // A client's own X-Request-Id is not believed (no trusted proxy here).
    expect(
      (await raw('GET', `${article}?utm_source=weibo`, { 'x-request-id': 'mine' }, PORT)).status,
    ).toBe(200);
    expect((await raw('GET', tag, {}, PORT)).status).toBe(404);
    expect((await raw('GET', '/search?q=%E6%B0%91%E6%97%8F', {}, PORT)).status).toBe(200);
    // Every line is JSON; these three requests are a line each (lines of the test before may
    // still be arriving: they are told apart by path).
    const mine = () =>
      server
        .lines()
        .slice(seen)
        .map((line) => JSON.parse(line) as Line)
        .filter(
          (entry) =>
            entry.msg === 'request' &&
            (entry.path === article || entry.path === '/search' || entry.route === 'tag'),
        );
    await expect.poll(() => mine().length).toBe(3);
    const requests = mine();
    expect(requests.map((entry) => [entry.route, entry.status])).toEqual([
      ['article', 200],
      ['tag', 404],
      ['search', 200],
    ]);
    for (const entry of requests) {
      expect(entry).toMatchObject({ level: 'info', method: 'GET', port: PORT });
      expect(entry.reqId).toMatch(/^[0-9a-f-]{36}$/);
      expect(typeof entry.ms).toBe('number');
      expect(new Date(entry.time as string).toISOString()).toBe(entry.time);
    }
    // The path without its query (a reader's search words stay out of the log), cut when long.
    expect(requests[0]?.path).toBe(article);
    expect(requests[2]?.path).toBe('/search');
    expect(tag.startsWith((requests[1]?.path as string).slice(0, -1))).toBe(true);
    expect((requests[1]?.path as string).length).toBe(121);
    expect(new Set(requests.map((entry) => entry.reqId)).size).toBe(3);
    expect(requests.map((entry) => entry.reqId)).not.toContain('mine');
  });

  test('an unknown URL is one 404 and one log line, behind a TLS proxy too', async () => {
    const seen = server.lines().length;
    const token = `zzunknown${Date.now()}`;
    const plain = `/articles/${token}-plain`;
    const proxied = `/articles/${token}-tls`;
    const slash = '/tags/%E7%94%B5%E5%8A%9B/%E8%83%BD%E6%BA%90';
    // nginx in front, terminating TLS, says so (deploy/nginx.conf); the server still speaks HTTP.
    const tls = { 'x-forwarded-proto': 'https' };
    expect((await raw('GET', plain, {}, PORT)).status).toBe(404);
    const behindTls = await raw('GET', proxied, tls, PORT);
    expect(behindTls.status).toBe(404);
    expect(behindTls.body).toContain('页面不存在');
    // A tag typed with its / goes to its page: the Location is a path of this site.
    const redirected = await raw('GET', slash, tls, PORT);
    expect(redirected.status).toBe(308);
    expect(redirected.headers.location).toBe('/tags/%E7%94%B5%E5%8A%9B%2F%E8%83%BD%E6%BA%90');
    const fresh = () =>
      server
        .lines()
        .slice(seen)
        .map((line) => JSON.parse(line) as Line);
    const mine = () =>
      fresh().filter(
        (entry) =>
          entry.msg === 'request' && [plain, proxied, slash].includes(entry.path as string),
      );
    await expect.poll(() => mine().length).toBe(3);
    expect(mine().map((entry) => [entry.path, entry.status])).toEqual([
      [plain, 404],
      [proxied, 404],
      [slash, 308],
    ]);
    // Nothing else: no second request of the server to itself, no warning, no error. (Lines are
    // written in order, one stream: the three above were the last of their requests.)
    expect(
      fresh().filter((entry) => entry.msg !== 'request' || entry.path === '/_unknown'),
    ).toEqual([]);
  });
});
