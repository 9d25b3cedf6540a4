import { afterAll, describe, expect, it } from 'vitest';
import {
  metrics,
  recordCacheLookup,
  recordContentSwitchFailure,
  recordContentVersion,
  recordRedisError,
  recordRequest,
  recordView,
  reportPageCacheSize,
} from './metrics.mjs';
import { startMetricsServer } from './metrics-server';

/** One sample's value from the exposition text, 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((entry) => entry.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('metrics', () => {
  it('count requests by route kind, method and status, with a bounded set of methods', async () => {
    const before = await metrics().registry.metrics();
    recordRequest({ route: 'article', method: 'GET', status: 200, seconds: 0.012, cache: 'HIT' });
    recordRequest({ route: 'article', method: 'BREW', status: 405, seconds: 0.001 });
    const after = await metrics().registry.metrics();
    const series = 'news_http_requests_total{route="article",method="GET",status="200"}';
    expect(sample(after, series) - sample(before, series)).toBe(1);
    expect(after).toContain(
      'news_http_requests_total{route="article",method="other",status="405"}',
    );
    expect(after).not.toContain('BREW');
    expect(after).toContain('news_page_cache_total{route="article",result="hit"}');
    expect(after).toMatch(
      /news_http_request_duration_seconds_bucket\{le="0.025",route="article"\} [1-9]/,
    );
  });

  it('start every counted result at zero, so a first increase is a rate', async () => {
    const text = await metrics().registry.metrics();
    for (const series of [
      'news_views_total{result="limited"}',
      'news_cache_lookups_total{layer="redis",result="stale"}',
      'news_content_switches_total{result="failed"}',
      'news_redis_errors_total{use="views"}',
    ])
      expect(text).toContain(`${series} 0`);
  });

  it('count cache lookups, views, Redis errors and content switches', async () => {
    recordCacheLookup('redis', 'hit');
    recordView('counted');
    recordView('not-found');
    recordRedisError('cache');
    recordContentVersion('v1');
    recordContentVersion('v2', 0.25);
    recordContentSwitchFailure();
    const text = await metrics().registry.metrics();
    expect(sample(text, 'news_cache_lookups_total{layer="redis",result="hit"}')).toBe(1);
    expect(sample(text, 'news_views_total{result="counted"}')).toBe(1);
    expect(sample(text, 'news_views_total{result="not-found"}')).toBe(1);
    expect(sample(text, 'news_redis_errors_total{use="cache"}')).toBe(1);
    // One live version: the one before is gone from the info metric.
    expect(sample(text, 'news_content_version_info{version="v2"}')).toBe(1);
    expect(text).not.toContain('version="v1"');
    expect(sample(text, 'news_content_switch_duration_seconds')).toBe(0.25);
    expect(sample(text, 'news_content_switches_total{result="ok"}')).toBe(1);
    expect(sample(text, 'news_content_switches_total{result="failed"}')).toBe(1);
    expect(sample(text, 'news_content_switched_at_seconds')).toBeGreaterThan(
      Date.now() / 1000 - 60,
    );
  });

  it("report the bytes the cache handler's memory store holds when scraped", async () => {
    expect(sample(await metrics().registry.metrics(), 'news_page_cache_bytes')).toBe(0);
    let held = 1_500_000;
    reportPageCacheSize(() => held);
    expect(sample(await metrics().registry.metrics(), 'news_page_cache_bytes')).toBe(1_500_000);
    held = 2_000;
    expect(sample(await metrics().registry.metrics(), 'news_page_cache_bytes')).toBe(2_000);
  });
});

describe('the metrics server', () => {
  const server = startMetricsServer({ host: '127.0.0.1', port: 0 });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const base = async () => {
    if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    return `http://127.0.0.1:${port}`;
  };

  it('serves the metrics at /metrics, with Node and process metrics', async () => {
    const response = await fetch(`${await base()}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await response.text();
    for (const name of [
      'news_http_requests_total',
      'nodejs_eventloop_lag_seconds',
      'process_resident_memory_bytes',
    ])
      expect(text).toContain(`# TYPE ${name}`);
  });

  it('answers nothing else', async () => {
    expect((await fetch(`${await base()}/`)).status).toBe(404);
    expect((await fetch(`${await base()}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('listens only where it is told: the loopback address, not every interface', async () => {
    expect((server.address() as { address: string }).address).toBe('127.0.0.1');
  });
});
